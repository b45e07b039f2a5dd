//! The phone's side of sync: what to send (changes the county lacks, per document, except
//! documents the county refused and that have not changed since) and how a response is applied
//! (changes merged, changes whose dependencies are missing kept aside, refusals, acknowledged
//! heads and the feed cursor recorded), each in one transaction so that a failure anywhere
//! leaves the store as it was.

use crate::faults::SyncFault;
use automerge::{AutoCommit, Change, ChangeHash};
use ruhu_proto::v1;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::collections::{BTreeMap, BTreeSet};

use super::{Store, StoreError, docs, index, put_setting, setting};
use ruhu_domain::document::{self, DocKind, conflicts};

/// A request ready to send, with what it carried.
#[derive(Debug)]
pub struct Outgoing {
    /// The request body.
    pub request: v1::SyncRequest,
    /// Number of changes carried.
    pub changes: usize,
    /// Bytes of changes carried.
    pub change_bytes: usize,
    /// The local heads of each document carried, as sent (a refusal holds the document back
    /// until its heads differ from these).
    pub heads: BTreeMap<String, Vec<ChangeHash>>,
    /// Documents with changes the county lacks that were not carried: refused by the county
    /// and unchanged since.
    pub held_back: usize,
    /// Work was left out to keep the request under the county's limits
    /// (`ruhu_proto::MAX_SYNC_*`): send another request after this one.
    pub more_to_send: bool,
}

/// What applying a response did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SyncApplied {
    /// Documents that gained changes from the county.
    pub documents_received: u32,
    /// Fields or events newly in conflict.
    pub new_conflicts: u32,
    /// Documents of the request the county refused (kept on the phone, marked with the code).
    pub refused: Vec<(String, i32)>,
    /// The county answered as another store than before (restored from a backup): every
    /// document is marked to be sent whole and the cursor is back at the feed's start; the
    /// photos are to be uploaded again ([`Store::requeue_photos`]).
    pub county_restored: bool,
}

/// A document the county refused, kept on the phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The document.
    pub document_id: String,
    /// Its kind.
    pub kind: DocKind,
    /// The county's `ErrorCode` as sent (a code this build does not know stays as it came).
    pub code: i32,
    /// When the refusal arrived, milliseconds since the Unix epoch.
    pub refused_at: i64,
}

/// The most documents listed incomplete in one request.
const MAX_INCOMPLETE: usize = ruhu_proto::MAX_INCOMPLETE_DOCUMENTS;

fn heads_to_bytes(heads: &BTreeSet<ChangeHash>) -> Vec<u8> {
    heads.iter().flat_map(|h| h.0).collect()
}

fn heads_from_bytes(bytes: &[u8]) -> BTreeSet<ChangeHash> {
    bytes
        .chunks_exact(32)
        .filter_map(|c| ChangeHash::try_from(c).ok())
        .collect()
}

fn county_heads(tx: &rusqlite::Connection, id: &str) -> Result<BTreeSet<ChangeHash>, StoreError> {
    let bytes: Option<Vec<u8>> = tx
        .query_row(
            "SELECT county_heads FROM sync_state WHERE doc_id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(bytes.map(|b| heads_from_bytes(&b)).unwrap_or_default())
}

/// Records what the county holds of a document and whether the phone has more.
fn record_county_heads(
    tx: &Transaction<'_>,
    id: &str,
    doc: &mut AutoCommit,
    known: &BTreeSet<ChangeHash>,
) -> Result<(), StoreError> {
    let have: Vec<ChangeHash> = known.iter().copied().collect();
    let dirty = !doc.get_changes(&have).is_empty();
    tx.execute(
        "INSERT INTO sync_state(doc_id, county_heads, dirty) VALUES (?1, ?2, ?3)
         ON CONFLICT(doc_id) DO UPDATE SET county_heads = excluded.county_heads, dirty = excluded.dirty",
        params![id, heads_to_bytes(known), dirty],
    )?;
    Ok(())
}

impl Store {
    /// The feed cursor of the last applied response.
    pub fn sync_cursor(&self) -> Result<u64, StoreError> {
        Ok(self
            .setting("sync_cursor")?
            .and_then(|c| c.parse().ok())
            .unwrap_or(0))
    }

    /// Forgets what the county is known to hold of these documents, so the next request
    /// carries them whole.
    pub fn forget_county_heads(&self, ids: &[String]) -> Result<(), StoreError> {
        self.write(|tx| {
            for id in ids {
                tx.execute(
                    "UPDATE sync_state SET county_heads = x'', dirty = 1 WHERE doc_id = ?1",
                    [id],
                )?;
            }
            Ok(())
        })
    }

    /// Builds the next request: the changes the county lacks, document by document, as many as
    /// fit under the county's limits per request (documents, changes, bytes), except documents
    /// the county refused that have not changed since; a document too big for one request goes
    /// alone, as a causal prefix of its changes. The documents held incomplete (changes kept
    /// aside for want of earlier ones) are listed for the county to send whole.
    /// `more_to_send` says whether anything was left for the next request.
    pub fn outgoing(&self, protocol_version: u32) -> Result<Outgoing, StoreError> {
        let cursor = self.sync_cursor()?;
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT doc_id FROM sync_state WHERE dirty = 1 ORDER BY doc_id")?;
            let ids: Vec<String> = stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut out = Outgoing {
                request: v1::SyncRequest {
                    protocol_version,
                    cursor,
                    changes: Vec::new(),
                    max_response_bytes: 0,
                    incomplete: incomplete(c)?,
                },
                changes: 0,
                change_bytes: 0,
                heads: BTreeMap::new(),
                held_back: 0,
                more_to_send: false,
            };
            let mut bytes = 0usize;
            for id in ids {
                if out.request.changes.len() >= ruhu_proto::MAX_SYNC_DOCUMENTS {
                    out.more_to_send = true;
                    break;
                }
                let Some((kind, mut doc)) = docs::load(c, &id)? else {
                    continue;
                };
                let heads = doc.get_heads();
                if refused_heads(c, &id)?.is_some_and(|h| h == heads.iter().copied().collect()) {
                    out.held_back += 1;
                    continue;
                }
                let have: Vec<ChangeHash> = county_heads(c, &id)?.into_iter().collect();
                let kind = kind.code();
                let all: Vec<Vec<u8>> = doc
                    .get_changes(&have)
                    .into_iter()
                    .map(|ch| ch.raw_bytes().to_vec())
                    .collect();
                if all.is_empty() {
                    continue;
                }
                let fits = |n: usize, b: usize| {
                    out.changes + n <= ruhu_proto::MAX_SYNC_CHANGES
                        && bytes + b <= ruhu_proto::MAX_SYNC_CHANGE_BYTES
                };
                let whole = id.len() + kind.len() + all.iter().map(Vec::len).sum::<usize>();
                if !fits(all.len(), whole) && !out.request.changes.is_empty() {
                    // Whole documents only next to others: this one goes in the next request.
                    out.more_to_send = true;
                    break;
                }
                // Alone and still too big: the longest causal prefix that fits (at least one
                // change, whatever its size: the county says if it is too large).
                let mut doc_bytes = id.len() + kind.len();
                let mut changes: Vec<Vec<u8>> = Vec::new();
                for raw in all {
                    if !changes.is_empty() && !fits(changes.len() + 1, doc_bytes + raw.len()) {
                        out.more_to_send = true;
                        break;
                    }
                    doc_bytes += raw.len();
                    changes.push(raw);
                }
                bytes += doc_bytes;
                out.changes += changes.len();
                out.change_bytes += changes.iter().map(Vec::len).sum::<usize>();
                out.heads.insert(id.clone(), heads);
                out.request.changes.push(v1::DocumentChanges {
                    document_id: id,
                    kind: kind.into(),
                    changes,
                });
                if out.more_to_send {
                    break;
                }
            }
            Ok(out)
        })
    }

    /// How many documents hold changes the county has not acknowledged.
    pub fn unsynced_documents(&self) -> Result<u64, StoreError> {
        self.read(|c| {
            Ok(
                c.query_row("SELECT count(*) FROM sync_state WHERE dirty = 1", [], |r| {
                    r.get::<_, i64>(0)
                })? as u64,
            )
        })
    }

    /// Ids of the documents held incomplete: changes of them wait for earlier ones.
    pub fn incomplete_documents(&self) -> Result<Vec<String>, StoreError> {
        self.read(incomplete)
    }

    /// The documents the county refused, kept on the phone, newest refusal first.
    pub fn refusals(&self) -> Result<Vec<Refusal>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT r.doc_id, d.kind, r.code, r.refused_at FROM sync_refusals r
                 JOIN documents d ON d.id = r.doc_id ORDER BY r.refused_at DESC, r.doc_id",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i32>(2)?,
                        r.get::<_, i64>(3)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows
                .into_iter()
                .filter_map(|(document_id, kind, code, refused_at)| {
                    Some(Refusal {
                        document_id,
                        kind: DocKind::from_code(&kind)?,
                        code,
                        refused_at,
                    })
                })
                .collect())
        })
    }

    /// Forgets the county's refusal of a document, so the next sync sends it again. Returns
    /// whether it was refused.
    pub fn retry_refused(&self, id: &str) -> Result<bool, StoreError> {
        self.write(|tx| Ok(tx.execute("DELETE FROM sync_refusals WHERE doc_id = ?1", [id])? > 0))
    }

    /// Applies a response to the request `sent`: merges the county's changes (keeping aside
    /// those whose dependencies are missing), records the refused documents and what the
    /// county now holds, moves the cursor. All or nothing.
    pub fn apply_incoming(
        &self,
        sent: &Outgoing,
        response: &v1::SyncResponse,
    ) -> Result<SyncApplied, StoreError> {
        let county = self.require_profile()?.county_code;
        let actor = self.actor();
        self.write(|tx| {
            let mut applied = SyncApplied::default();
            for d in response.changes.iter().chain(&response.whole) {
                merge(tx, d, &county, &actor, &mut applied)?;
            }
            let now = chrono::Utc::now().timestamp_millis();
            for r in &response.refused {
                let Some(heads) = sent.heads.get(&r.document_id) else {
                    continue;
                };
                tx.execute(
                    "INSERT INTO sync_refusals(doc_id, code, heads, refused_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(doc_id) DO UPDATE SET code = excluded.code, heads = excluded.heads,
                         refused_at = excluded.refused_at",
                    params![
                        r.document_id,
                        r.code,
                        heads_to_bytes(&heads.iter().copied().collect()),
                        now
                    ],
                )?;
                applied.refused.push((r.document_id.clone(), r.code));
            }
            for stored in &response.stored {
                let Some((_, mut doc)) = docs::load(tx, &stored.document_id)? else {
                    continue;
                };
                tx.execute(
                    "DELETE FROM sync_refusals WHERE doc_id = ?1",
                    [&stored.document_id],
                )?;
                let mut known = county_heads(tx, &stored.document_id)?;
                known.extend(heads_from_bytes(&stored.heads.concat()));
                record_county_heads(tx, &stored.document_id, &mut doc, &known)?;
            }
            if !response.store_id.is_empty() {
                let known = setting(tx, "county_store_id")?;
                put_setting(tx, "county_store_id", &response.store_id)?;
                if known.is_some_and(|k| k != response.store_id) {
                    tx.execute("UPDATE sync_state SET county_heads = x'', dirty = 1", [])?;
                    tx.execute("DELETE FROM sync_refusals", [])?;
                    put_setting(tx, "sync_cursor", "0")?;
                    applied.county_restored = true;
                    return Ok(applied);
                }
            }
            let current: u64 = setting(tx, "sync_cursor")?
                .and_then(|c| c.parse().ok())
                .unwrap_or(0);
            if response.cursor < current {
                return Err(StoreError::Sync(SyncFault::FeedWentBackwards));
            }
            put_setting(tx, "sync_cursor", &response.cursor.to_string())?;
            Ok(applied)
        })
    }
}

/// The documents of which changes are kept aside, at most [`MAX_INCOMPLETE`].
fn incomplete(c: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt =
        c.prepare_cached("SELECT DISTINCT doc_id FROM pending_changes ORDER BY doc_id LIMIT ?1")?;
    let ids = stmt
        .query_map([MAX_INCOMPLETE as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// The document's heads when the county refused it, if it did.
fn refused_heads(c: &Connection, id: &str) -> Result<Option<BTreeSet<ChangeHash>>, StoreError> {
    let bytes: Option<Vec<u8>> = c
        .query_row(
            "SELECT heads FROM sync_refusals WHERE doc_id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(bytes.map(|b| heads_from_bytes(&b)))
}

/// Changes of a document kept aside until their dependencies arrive.
fn pending(tx: &Transaction<'_>, id: &str) -> Result<Vec<Change>, StoreError> {
    let mut stmt = tx.prepare_cached("SELECT bytes FROM pending_changes WHERE doc_id = ?1")?;
    let rows: Vec<Vec<u8>> = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    // Written by this phone from changes that decoded; one that no longer does is dropped.
    Ok(rows
        .into_iter()
        .filter_map(|b| Change::from_bytes(b).ok())
        .collect())
}

/// Merges one document's changes from the county. Changes whose dependencies the phone lacks
/// (the document entered this device's scope after the cursor passed its first changes) are
/// kept aside, and the document is listed incomplete in the next request, never an error.
fn merge(
    tx: &Transaction<'_>,
    d: &v1::DocumentChanges,
    county: &str,
    actor: &automerge::ActorId,
    applied: &mut SyncApplied,
) -> Result<(), StoreError> {
    let kind = DocKind::from_code(&d.kind).ok_or(StoreError::Sync(SyncFault::UnknownKind))?;
    let mut changes = d
        .changes
        .iter()
        .map(|b| {
            Change::from_bytes(b.clone())
                .map_err(|_| StoreError::Sync(SyncFault::ChangeDoesNotDecode))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let received: BTreeSet<ChangeHash> = changes.iter().map(Change::hash).collect();
    let waiting = pending(tx, &d.document_id)?;
    let had_waiting = !waiting.is_empty();
    changes.extend(
        waiting
            .into_iter()
            .filter(|c| !received.contains(&c.hash())),
    );
    let existing = docs::load(tx, &d.document_id)?;
    let is_new = existing.is_none();
    let (mut doc, before, conflicts_before) = match existing {
        Some((k, doc)) if k == kind => {
            let mut doc = doc.with_actor(actor.clone());
            let before = doc.get_heads();
            let n = conflicts::list(&doc).len();
            (doc, before, n)
        }
        Some(_) => return Err(StoreError::Sync(SyncFault::KindMismatch)),
        None => (AutoCommit::new().with_actor(actor.clone()), Vec::new(), 0),
    };
    doc.apply_changes(changes.iter().cloned())?;
    let aside: Vec<&Change> = changes
        .iter()
        .filter(|c| doc.get_change_by_hash(&c.hash()).is_none())
        .collect();
    if had_waiting || !aside.is_empty() {
        tx.execute(
            "DELETE FROM pending_changes WHERE doc_id = ?1",
            [&d.document_id],
        )?;
        for c in &aside {
            tx.execute(
                "INSERT OR IGNORE INTO pending_changes(doc_id, hash, kind, bytes) VALUES (?1, ?2, ?3, ?4)",
                params![d.document_id, c.hash().0.to_vec(), kind.code(), c.raw_bytes()],
            )?;
        }
    }
    if doc.get_heads() != before {
        if document::kind_of(&doc) != Some(kind) {
            return Err(StoreError::Sync(SyncFault::KindMismatch));
        }
        check_county(&doc, kind, county)?;
        if is_new {
            docs::insert(tx, &d.document_id, kind, &mut doc, chrono::Utc::now())?;
        } else {
            docs::append(tx, &d.document_id, &mut doc, &before, chrono::Utc::now())?;
        }
        index::reindex(tx, &d.document_id, kind, &doc)?;
        applied.documents_received += 1;
        applied.new_conflicts +=
            conflicts::list(&doc).len().saturating_sub(conflicts_before) as u32;
    } else if is_new {
        // Nothing of it applies yet: no document to record the county's heads against.
        return Ok(());
    }
    let mut known = county_heads(tx, &d.document_id)?;
    // Every change applied here came from the county (received now, or kept aside earlier).
    known.extend(
        changes
            .iter()
            .map(Change::hash)
            .filter(|h| doc.get_change_by_hash(h).is_some()),
    );
    record_county_heads(tx, &d.document_id, &mut doc, &known)
}

/// A document received from the county must belong to this device's county.
fn check_county(doc: &AutoCommit, kind: DocKind, county: &str) -> Result<(), StoreError> {
    let doc_county = match kind {
        DocKind::Household => {
            document::read::<ruhu_domain::household::Household>(doc)?
                .profile
                .address
                .county_code
        }
        DocKind::Case => document::read::<ruhu_domain::case::Case>(doc)?.county_code,
        DocKind::Policy => document::read::<ruhu_domain::policy::CountyPolicy>(doc)?.county_code,
    };
    if doc_county != county {
        return Err(StoreError::Sync(SyncFault::OtherCounty));
    }
    Ok(())
}
