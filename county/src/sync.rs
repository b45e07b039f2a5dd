//! One sync exchange on the county side: check and store what the phone sent (append-only,
//! keyed by change hash, one transaction), then answer with the feed in the phone's scope.

use automerge::{AutoCommit, Change, ChangeHash, ReadDoc};
use chrono::Utc;
use ruhu_core::document::{self, DocKind};
use ruhu_core::imaging;
use ruhu_proto::v1::{self, ErrorCode};

use crate::cases::Rules;
use crate::db::{DocumentRow, NewChange, StoredDoc, Tx};
use crate::enroll::Device;
use crate::error::CountyError;
use crate::placement::{Placement, placement};

/// Default page size of a response.
pub const DEFAULT_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// What one exchange did, for logs and metrics.
#[derive(Debug, Default)]
pub struct Exchange {
    /// Changes stored that the county did not have.
    pub stored: usize,
    /// Changes sent back.
    pub sent: usize,
}

/// The document as the county holds it, rebuilt from its change log.
pub fn load(tx: &mut dyn Tx, doc_id: &str) -> Result<AutoCommit, CountyError> {
    rebuild(tx.doc_changes(doc_id)?)
}

/// What checking a request's documents needs besides the documents.
struct Ctx<'a> {
    device: Option<&'a Device>,
    county: &'a str,
    rules: Option<&'a Rules>,
}

/// One document of a request, checked and merged in memory, ready to append.
struct Prepared<'r> {
    request: &'r v1::DocumentChanges,
    doc: AutoCommit,
    /// The changes the county lacked (empty for a repeated request).
    new: Vec<Change>,
    placement: Option<Placement>,
    had_photos: bool,
    /// Feed sequence of the document's last change when it was read (0: new document).
    seen_seq: i64,
    /// A case from a device that is new or names another household or place: its household
    /// is checked once every document of the request is prepared.
    check_household: bool,
    /// Stored changes to remove: a squat on the sending device's sequence numbers.
    squatted: Vec<ChangeHash>,
}

/// Checks one document's changes against what the county holds (`stored`) and merges them in
/// memory. Writes nothing.
fn prepare<'r>(
    tx: &mut dyn Tx,
    ctx: &Ctx<'_>,
    d: &'r v1::DocumentChanges,
    stored: Option<StoredDoc>,
) -> Result<Prepared<'r>, CountyError> {
    let (device, county) = (ctx.device, ctx.county);
    let kind = DocKind::from_code(&d.kind)
        .ok_or_else(|| CountyError::new(ErrorCode::UnknownKind, "unknown document kind"))?;
    if kind == DocKind::Policy && device.is_some() {
        return Err(CountyError::new(
            ErrorCode::OutOfScope,
            "the county policy is published at the county, not by devices",
        ));
    }
    let changes = d
        .changes
        .iter()
        .map(|b| {
            Change::from_bytes(b.clone())
                .map_err(|_| CountyError::new(ErrorCode::InvalidChange, "a change does not decode"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let (mut doc, had_photos, seen_seq) = match stored {
        Some(before) => {
            if before.indexed.kind != kind.code() {
                return Err(CountyError::new(
                    ErrorCode::InvalidChange,
                    "document kind does not match the stored document",
                ));
            }
            if device.is_some_and(|dev| {
                !dev.covers(&before.indexed.village_code, &before.indexed.grid_code)
            }) {
                return Err(CountyError::new(
                    ErrorCode::OutOfScope,
                    "the document lies outside this device's scope",
                ));
            }
            (rebuild(before.changes)?, before.has_photos, before.last_seq)
        }
        None => (AutoCommit::new(), false, 0),
    };
    let new: Vec<Change> = changes
        .iter()
        .filter(|c| doc.get_change_by_hash(&c.hash()).is_none())
        .cloned()
        .collect();
    let authors = match device {
        Some(device) if !new.is_empty() => {
            Some(crate::judge::check_actors(tx, device, &mut doc, &new)?)
        }
        _ => None,
    };
    let stored_heads = doc.get_heads();
    if new.is_empty() {
        // A repeated request: everything is stored already.
        return Ok(Prepared {
            request: d,
            doc,
            new,
            placement: None,
            had_photos,
            seen_seq,
            check_household: false,
            squatted: Vec::new(),
        });
    }
    let mut squatted = Vec::new();
    if let Err(e) = doc.apply_changes(changes.clone()) {
        let Some(device) =
            device.filter(|_| matches!(&e, automerge::AutomergeError::DuplicateSeqNumber(..)))
        else {
            return Err(e.into());
        };
        // A colleague took this device's next sequence number: its own change wins.
        let held = decode(tx.doc_changes(&d.document_id)?)?;
        squatted = crate::judge::squatted(tx, device, &held, &new)?;
        doc = AutoCommit::new();
        doc.apply_changes(held.into_iter().filter(|c| !squatted.contains(&c.hash())))?;
        doc.apply_changes(changes)?;
    }
    if !doc.get_missing_deps(&[]).is_empty() {
        return Err(CountyError::new(
            ErrorCode::InvalidChange,
            "changes depend on changes the county does not have",
        ));
    }
    if document::kind_of(&doc) != Some(kind) {
        return Err(CountyError::new(
            ErrorCode::InvalidChange,
            "document kind does not match its content",
        ));
    }
    let check_household = match &authors {
        Some(authors) if kind == DocKind::Case => {
            crate::judge::check_case_events(authors, ctx.rules, &mut doc, &stored_heads, &new)?
        }
        _ => false,
    };
    let after = placement(&doc, kind, ctx.rules)?;
    if after.county_code != county {
        return Err(CountyError::new(
            ErrorCode::OutOfScope,
            "the document belongs to another county",
        ));
    }
    if let Some(device) = device
        && !device.covers(&after.village_code, &after.grid_code)
    {
        return Err(CountyError::new(
            ErrorCode::OutOfScope,
            "the document lies outside this device's scope",
        ));
    }
    Ok(Prepared {
        request: d,
        doc,
        new,
        placement: Some(after),
        had_photos,
        seen_seq,
        check_household,
        squatted,
    })
}

fn decode(changes: Vec<Vec<u8>>) -> Result<Vec<Change>, CountyError> {
    changes
        .into_iter()
        .map(|b| {
            Change::from_bytes(b).map_err(|_| {
                CountyError::new(ErrorCode::Internal, "a stored change does not decode")
            })
        })
        .collect()
}

fn rebuild(changes: Vec<Vec<u8>>) -> Result<AutoCommit, CountyError> {
    let mut doc = AutoCommit::new();
    doc.apply_changes(decode(changes)?)?;
    Ok(doc)
}

/// Stores the changes the county lacks of several documents (one request), all or nothing
/// with the transaction. Returns each document's heads and how many changes were new.
///
/// The checks run before the write lock is taken, so requests check in parallel; under the
/// lock, a document that gained changes since it was read is read and checked again.
pub fn store_documents(
    tx: &mut dyn Tx,
    device: Option<&Device>,
    county: &str,
    docs: &[v1::DocumentChanges],
) -> Result<Vec<(Vec<ChangeHash>, usize)>, CountyError> {
    let mut ids: Vec<&str> = docs.iter().map(|d| d.document_id.as_str()).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return Err(CountyError::new(
            ErrorCode::Malformed,
            "a document is listed twice in one request",
        ));
    }
    // Cases are replayed under the county's policy and calendar, read once per request.
    let rules = if docs.iter().any(|d| d.kind == DocKind::Case.code()) {
        Rules::load(tx, county)?
    } else {
        None
    };
    let ctx = Ctx {
        device,
        county,
        rules: rules.as_ref(),
    };
    let mut stored = tx.stored_docs(&ids)?;
    let mut prepared = docs
        .iter()
        .map(|d| {
            let before = stored.remove(&d.document_id);
            prepare(tx, &ctx, d, before)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let changed: Vec<&str> = prepared
        .iter()
        .filter(|p| !p.new.is_empty())
        .map(|p| p.request.document_id.as_str())
        .collect();
    if !changed.is_empty() {
        tx.lock_appends()?;
        // Another request may have appended to these documents since they were read.
        let now_seqs = tx.last_seqs(&changed)?;
        let moved: Vec<usize> = prepared
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                !p.new.is_empty()
                    && now_seqs.get(&p.request.document_id).copied().unwrap_or(0) != p.seen_seq
            })
            .map(|(i, _)| i)
            .collect();
        if !moved.is_empty() {
            let again: Vec<&str> = moved
                .iter()
                .map(|&i| prepared[i].request.document_id.as_str())
                .collect();
            let mut fresh = tx.stored_docs(&again)?;
            for i in moved {
                let d = prepared[i].request;
                let before = fresh.remove(&d.document_id);
                prepared[i] = prepare(tx, &ctx, d, before)?;
            }
        }
        check_households(tx, &prepared)?;
        write(tx, ctx.rules, device, &prepared)?;
    }
    Ok(prepared
        .iter_mut()
        .map(|p| (p.doc.get_heads(), p.new.len()))
        .collect())
}

/// Checks the household of each case that needs it against the request's households and the
/// county's index.
fn check_households(tx: &mut dyn Tx, prepared: &[Prepared<'_>]) -> Result<(), CountyError> {
    let placed = || {
        prepared
            .iter()
            .filter_map(|p| Some((p, p.placement.as_ref()?)))
    };
    let cases: Vec<crate::judge::CaseHousehold<'_>> = placed()
        .filter(|(p, _)| p.check_household)
        .filter_map(|(_, a)| {
            Some(crate::judge::CaseHousehold {
                household_id: a.household_id.as_deref()?,
                village_code: &a.village_code,
                grid_code: &a.grid_code,
            })
        })
        .collect();
    if cases.is_empty() {
        return Ok(());
    }
    let in_request = placed()
        .filter(|(_, a)| a.kind == DocKind::Household)
        .map(|(p, a)| {
            (
                p.request.document_id.as_str(),
                (a.village_code.as_str(), a.grid_code.as_str()),
            )
        })
        .collect();
    crate::judge::check_households(tx, &cases, &in_request)
}

/// Appends the new changes and updates the indexes (under the write lock).
fn write(
    tx: &mut dyn Tx,
    rules: Option<&Rules>,
    device: Option<&Device>,
    prepared: &[Prepared<'_>],
) -> Result<(), CountyError> {
    let now = Utc::now().timestamp_millis();
    let hashes: Vec<Vec<ChangeHash>> = prepared
        .iter()
        .map(|p| p.new.iter().map(|c| c.hash()).collect())
        .collect();
    let mut rows = Vec::new();
    for (p, hashes) in prepared.iter().zip(&hashes) {
        for (c, hash) in p.new.iter().zip(hashes) {
            rows.push(NewChange {
                hash: &hash.0,
                doc_id: &p.request.document_id,
                actor: c.actor_id().to_bytes(),
                device_id: device.map(|d| d.id.as_str()),
                bytes: c.raw_bytes(),
                received_at: now,
            });
        }
    }
    let squatted: Vec<Vec<u8>> = prepared
        .iter()
        .flat_map(|p| p.squatted.iter().map(|h| h.0.to_vec()))
        .collect();
    if !squatted.is_empty() {
        tx.remove_changes(&squatted)?;
    }
    let (_, seq) = tx.append_changes(&rows)?;
    let seq = if seq == 0 { tx.max_seq()? } else { seq };
    let placed: Vec<(&Prepared<'_>, &Placement)> = prepared
        .iter()
        .filter_map(|p| p.placement.as_ref().map(|a| (p, a)))
        .collect();
    tx.upsert_documents(
        &placed
            .iter()
            .map(|(p, a)| DocumentRow {
                id: &p.request.document_id,
                kind: a.kind.code(),
                county_code: &a.county_code,
                village_code: &a.village_code,
                grid_code: &a.grid_code,
                household_id: a.household_id.as_deref(),
                status: a.status.as_deref(),
                next_clock: a.next_clock.map(|c| c.0),
                next_due: a.next_clock.map(|c| c.1),
                open_tasks: a.open_tasks,
                updated_seq: seq,
            })
            .collect::<Vec<_>>(),
    )?;
    let mut households = std::collections::BTreeSet::new();
    for (p, a) in placed {
        if p.had_photos || !a.photos.is_empty() {
            tx.replace_photos(&p.request.document_id, &a.photos)?;
            crate::photos::flag_times(tx, &a.photos)?;
            crate::photos::flag_shared(tx, &a.photos)?;
        }
        if a.kind == DocKind::Case
            && let Some(h) = &a.household_id
        {
            households.insert(h.clone());
        }
    }
    crate::cases::check_ceilings(tx, rules, &households)
}

/// Stores changes the county lacks, as one document (used by the demo seeder and the console).
pub fn store_changes(
    tx: &mut dyn Tx,
    device: Option<&Device>,
    county: &str,
    d: &v1::DocumentChanges,
) -> Result<(Vec<ChangeHash>, usize), CountyError> {
    let mut out = store_documents(tx, device, county, std::slice::from_ref(d))?;
    Ok(out.pop().unwrap_or_default())
}

/// Handles one sync request from `device`, inside one transaction (see [`crate::db::Access`]:
/// `Appends` when the request carries changes).
pub fn exchange(
    tx: &mut dyn Tx,
    device: &Device,
    county: &str,
    req: &v1::SyncRequest,
) -> Result<(v1::SyncResponse, Exchange), CountyError> {
    if req.protocol_version != ruhu_proto::PROTOCOL_VERSION {
        return Err(CountyError::new(
            ErrorCode::ProtocolVersion,
            format!(
                "this county speaks protocol {}",
                ruhu_proto::PROTOCOL_VERSION
            ),
        ));
    }
    let mut report = Exchange::default();
    let mut stored_heads = Vec::new();
    let stored = store_documents(tx, Some(device), county, &req.changes)?;
    for (d, (heads, n)) in req.changes.iter().zip(stored) {
        report.stored += n;
        stored_heads.push(v1::DocumentHeads {
            document_id: d.document_id.clone(),
            heads: heads.iter().map(|h| h.0.to_vec()).collect(),
        });
    }
    let page = match req.max_response_bytes {
        0 => DEFAULT_PAGE_BYTES,
        n => (n as usize).clamp(64 * 1024, DEFAULT_PAGE_BYTES),
    };
    let (changes, cursor, more) = feed(tx, device, req.cursor, page)?;
    report.sent = changes.iter().map(|d| d.changes.len()).sum();
    tx.touch_device(&device.id, Utc::now().timestamp())?;
    let photo_settings = Some(photo_settings(tx)?);
    Ok((
        v1::SyncResponse {
            cursor,
            more,
            changes,
            stored: stored_heads,
            photo_settings,
        },
        report,
    ))
}

/// Changes in the device's scope after `cursor`, not sent by the device itself, up to `page`
/// bytes; grouped per document in feed order.
fn feed(
    tx: &mut dyn Tx,
    device: &Device,
    cursor: u64,
    page: usize,
) -> Result<(Vec<v1::DocumentChanges>, u64, bool), CountyError> {
    /// Rows fetched per query while filling a page.
    const BATCH: i64 = 512;
    let mut out: Vec<v1::DocumentChanges> = Vec::new();
    let mut bytes = 0usize;
    let mut last = cursor;
    let mut more = false;
    'page: loop {
        let rows = tx.feed(
            last as i64,
            &device.id,
            &device.grant.villages,
            &device.grant.grids,
            BATCH,
        )?;
        let full_batch = rows.len() as i64 == BATCH;
        for row in rows {
            if bytes > 0 && bytes + row.bytes.len() > page {
                more = true;
                break 'page;
            }
            bytes += row.bytes.len();
            last = row.seq as u64;
            match out.last_mut() {
                Some(d) if d.document_id == row.doc_id => d.changes.push(row.bytes),
                _ => out.push(v1::DocumentChanges {
                    document_id: row.doc_id,
                    kind: row.kind,
                    changes: vec![row.bytes],
                }),
            }
        }
        if !full_batch {
            break;
        }
    }
    if !more {
        // Nothing more in scope: move the cursor to the end of the feed so the next no-op sync
        // scans nothing.
        last = last.max(tx.max_seq()? as u64);
    }
    Ok((out, last, more))
}

/// The county's photo settings (its own, or the defaults).
pub fn photo_settings(tx: &mut dyn Tx) -> Result<v1::PhotoSettings, CountyError> {
    let s = tx
        .setting("photo_settings")?
        .and_then(|json| serde_json::from_str::<(u32, u8, u32, u8)>(&json).ok())
        .map(
            |(long_edge, quality, thumb_edge, thumb_quality)| imaging::PhotoSettings {
                long_edge,
                quality,
                thumb_edge,
                thumb_quality,
            },
        )
        .filter(|s| s.problem().is_none())
        .unwrap_or_default();
    Ok(v1::PhotoSettings {
        long_edge: s.long_edge,
        quality: s.quality as u32,
        thumb_edge: s.thumb_edge,
        thumb_quality: s.thumb_quality as u32,
    })
}

/// Sets the county's photo settings after checking them.
pub fn set_photo_settings(tx: &mut dyn Tx, s: &imaging::PhotoSettings) -> Result<(), CountyError> {
    if let Some(why) = s.problem() {
        return Err(CountyError::new(ErrorCode::Malformed, why));
    }
    tx.put_setting(
        "photo_settings",
        &serde_json::to_string(&(s.long_edge, s.quality, s.thumb_edge, s.thumb_quality))
            .unwrap_or_default(),
    )
}
