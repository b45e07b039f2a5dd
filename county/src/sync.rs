//! One sync exchange on the county side: check and store what the phone sent (append-only,
//! keyed by change hash, one transaction), then answer with the feed in the phone's scope.

use automerge::{AutoCommit, Change, ChangeHash, ReadDoc};
use chrono::Utc;
use ruhu_domain::document::{self, DocKind};
use ruhu_domain::imaging;
use ruhu_proto::v1::{self, ErrorCode};
use std::collections::HashMap;

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
    /// Documents of the request refused.
    pub refused: usize,
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
    // What the county held of the document before this request's changes.
    let mut before = doc.get_heads();
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
        before = doc.get_heads();
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
            crate::judge::check_case_events(authors, ctx.rules, &mut doc, &before, &new)?
        }
        _ => false,
    };
    let after = placement(&doc, kind, &d.document_id, &before, ctx.rules)?;
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

/// What became of one document of a request: its heads and how many changes were new, or why
/// it was refused (nothing of it stored).
pub type Outcome = Result<(Vec<ChangeHash>, usize), CountyError>;

/// Whether an error concerns the request as a whole (a fault of the county store, worth
/// retrying) rather than the one document being checked.
fn request_level(e: &CountyError) -> bool {
    matches!(e.code, ErrorCode::Internal | ErrorCode::Unavailable)
}

/// Checks one document, keeping a refusal of it as its outcome and passing on a fault of the
/// store.
fn prepare_one<'r>(
    tx: &mut dyn Tx,
    ctx: &Ctx<'_>,
    d: &'r v1::DocumentChanges,
    stored: Option<StoredDoc>,
) -> Result<Result<Prepared<'r>, CountyError>, CountyError> {
    // Crafted changes can make automerge 0.12 panic while it decodes, applies or forks them
    // (its column decoders and change batch code unwrap; found by fuzzing). Checking reads and
    // writes nothing, so such a document is refused as a change that does not fit it, never a
    // failed request the phone would retry for ever.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| prepare(tx, ctx, d, stored))) {
        Err(_) => {
            tracing::warn!(kind = %d.kind, "a document's changes made the document engine panic");
            Ok(Err(CountyError::new(
                ErrorCode::InvalidChange,
                "a change does not fit its document",
            )))
        }
        Ok(Err(e)) if request_level(&e) => Err(e),
        Ok(other) => Ok(other),
    }
}

/// Stores the changes the county lacks of several documents (one request) in one
/// transaction: every acceptable document, and nothing of a refused one. Returns each
/// document's outcome, in request order. A fault of the store (or a document listed twice)
/// fails the whole request.
///
/// The checks run before the write lock is taken, so requests check in parallel; under the
/// lock, a document that gained changes since it was read is read and checked again.
pub fn store_documents(
    tx: &mut dyn Tx,
    device: Option<&Device>,
    county: &str,
    docs: &[v1::DocumentChanges],
) -> Result<Vec<Outcome>, CountyError> {
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
            prepare_one(tx, &ctx, d, before)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let changed: Vec<&str> = prepared
        .iter()
        .filter_map(|p| p.as_ref().ok())
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
                p.as_ref().is_ok_and(|p| {
                    !p.new.is_empty()
                        && now_seqs.get(&p.request.document_id).copied().unwrap_or(0) != p.seen_seq
                })
            })
            .map(|(i, _)| i)
            .collect();
        if !moved.is_empty() {
            let again: Vec<&str> = moved
                .iter()
                .map(|&i| docs[i].document_id.as_str())
                .collect();
            let mut fresh = tx.stored_docs(&again)?;
            for i in moved {
                let d = &docs[i];
                let before = fresh.remove(&d.document_id);
                prepared[i] = prepare_one(tx, &ctx, d, before)?;
            }
        }
        check_households(tx, &mut prepared)?;
        let accepted: Vec<&Prepared<'_>> =
            prepared.iter().filter_map(|p| p.as_ref().ok()).collect();
        if accepted.iter().any(|p| !p.new.is_empty()) {
            write(tx, ctx.rules, device, &accepted)?;
        }
    }
    Ok(prepared
        .into_iter()
        .map(|p| p.map(|mut p| (p.doc.get_heads(), p.new.len())))
        .collect())
}

/// Checks the household of each case that needs it against the request's accepted households
/// and the county's index; a case whose household fails is refused on its own.
fn check_households(
    tx: &mut dyn Tx,
    prepared: &mut [Result<Prepared<'_>, CountyError>],
) -> Result<(), CountyError> {
    let in_request: HashMap<String, (String, String)> = prepared
        .iter()
        .filter_map(|p| p.as_ref().ok())
        .filter_map(|p| Some((p, p.placement.as_ref()?)))
        .filter(|(_, a)| a.kind == DocKind::Household)
        .map(|(p, a)| {
            (
                p.request.document_id.clone(),
                (a.village_code.clone(), a.grid_code.clone()),
            )
        })
        .collect();
    let in_request: HashMap<&str, (&str, &str)> = in_request
        .iter()
        .map(|(id, (v, g))| (id.as_str(), (v.as_str(), g.as_str())))
        .collect();
    for slot in prepared.iter_mut() {
        let Ok(p) = slot.as_ref() else { continue };
        let Some(a) = p.placement.as_ref().filter(|_| p.check_household) else {
            continue;
        };
        let Some(household_id) = a.household_id.as_deref() else {
            continue;
        };
        let case = crate::judge::CaseHousehold {
            household_id,
            village_code: &a.village_code,
            grid_code: &a.grid_code,
        };
        match crate::judge::check_households(tx, std::slice::from_ref(&case), &in_request) {
            Ok(()) => {}
            Err(e) if request_level(&e) => return Err(e),
            Err(e) => *slot = Err(e),
        }
    }
    Ok(())
}

/// Appends the new changes and updates the indexes (under the write lock).
fn write(
    tx: &mut dyn Tx,
    rules: Option<&Rules>,
    device: Option<&Device>,
    prepared: &[&Prepared<'_>],
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
        .filter_map(|p| p.placement.as_ref().map(|a| (*p, a)))
        .collect();
    crate::grids::bind(tx, placed.iter().map(|(_, a)| *a))?;
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

/// Stores changes the county lacks, as one document (used by the demo seeder and the console):
/// its refusal is the error.
pub fn store_changes(
    tx: &mut dyn Tx,
    device: Option<&Device>,
    county: &str,
    d: &v1::DocumentChanges,
) -> Result<(Vec<ChangeHash>, usize), CountyError> {
    store_documents(tx, device, county, std::slice::from_ref(d))?
        .pop()
        .unwrap_or_else(|| Ok(Default::default()))
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
    if req.incomplete.len() > ruhu_proto::MAX_INCOMPLETE_DOCUMENTS {
        return Err(CountyError::new(
            ErrorCode::TooLarge,
            format!(
                "a request lists at most {} incomplete documents",
                ruhu_proto::MAX_INCOMPLETE_DOCUMENTS
            ),
        ));
    }
    let mut report = Exchange::default();
    let mut stored_heads = Vec::new();
    let mut refused = Vec::new();
    let outcomes = store_documents(tx, Some(device), county, &req.changes)?;
    for (d, outcome) in req.changes.iter().zip(outcomes) {
        match outcome {
            Ok((heads, n)) => {
                report.stored += n;
                stored_heads.push(v1::DocumentHeads {
                    document_id: d.document_id.clone(),
                    heads: heads.iter().map(|h| h.0.to_vec()).collect(),
                });
            }
            Err(e) => {
                report.refused += 1;
                tracing::info!(device = %device.id, code = ?e.code, "document refused");
                refused.push(v1::DocumentRefusal {
                    document_id: d.document_id.clone(),
                    code: e.code as i32,
                    message: e.message,
                });
            }
        }
    }
    let page = match req.max_response_bytes {
        0 => DEFAULT_PAGE_BYTES,
        n => (n as usize).clamp(64 * 1024, DEFAULT_PAGE_BYTES),
    };
    let (whole, whole_cut) = whole_documents(tx, device, &req.incomplete, page)?;
    let overhead = response_overhead(&stored_heads)
        + refused
            .iter()
            .map(|r| field_len(ruhu_proto::Message::encoded_len(r)))
            .sum::<usize>()
        + whole
            .iter()
            .map(|d| field_len(ruhu_proto::Message::encoded_len(d)))
            .sum::<usize>();
    let (changes, cursor, more) = feed(tx, device, req.cursor, page, overhead, !whole.is_empty())?;
    report.sent = changes.iter().chain(&whole).map(|d| d.changes.len()).sum();
    tx.touch_device(&device.id, Utc::now().timestamp())?;
    let photo_settings = Some(photo_settings(tx)?);
    Ok((
        v1::SyncResponse {
            cursor,
            more: more || whole_cut,
            changes,
            stored: stored_heads,
            photo_settings,
            refused,
            whole,
        },
        report,
    ))
}

/// Every change of the documents a device holds incomplete, those in its scope (or
/// county-wide) only, up to `page` bytes (at least one document). Returns them and whether
/// some were left for the next request.
fn whole_documents(
    tx: &mut dyn Tx,
    device: &Device,
    ids: &[String],
    page: usize,
) -> Result<(Vec<v1::DocumentChanges>, bool), CountyError> {
    let mut out = Vec::new();
    let mut bytes = 0usize;
    if ids.is_empty() {
        return Ok((out, false));
    }
    let mut wanted: Vec<&str> = ids.iter().map(String::as_str).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut stored = tx.stored_docs(&wanted)?;
    for id in wanted {
        let Some(doc) = stored.remove(id) else {
            continue;
        };
        let i = &doc.indexed;
        if i.kind != crate::db::COUNTY_WIDE.code() && !device.covers(&i.village_code, &i.grid_code)
        {
            continue;
        }
        let size: usize = doc.changes.iter().map(Vec::len).sum();
        if bytes > 0 && bytes + size > page {
            return Ok((out, true));
        }
        bytes += size;
        out.push(v1::DocumentChanges {
            document_id: id.to_string(),
            kind: i.kind.clone(),
            changes: doc.changes,
        });
    }
    Ok((out, false))
}

/// Bytes of a varint holding `n`.
fn varint_len(n: usize) -> usize {
    (64 - (n as u64 | 1).leading_zeros() as usize).div_ceil(7)
}

/// Bytes of a length-delimited field (one-byte tag) whose content is `len` bytes.
fn field_len(len: usize) -> usize {
    1 + varint_len(len) + len
}

/// What a response holds besides its feed changes, encoded: the `stored` heads and room for
/// the cursor, `more` and the photo settings.
fn response_overhead(stored: &[v1::DocumentHeads]) -> usize {
    /// The cursor (at most 11 bytes), `more` (2) and the photo settings (at most 26).
    const FIXED: usize = 64;
    FIXED
        + stored
            .iter()
            .map(|h| field_len(ruhu_proto::Message::encoded_len(h)))
            .sum::<usize>()
}

/// Changes in the device's scope after `cursor`, not sent by the device itself, grouped per
/// document in feed order, whose encoding (with `overhead` bytes of the rest of the response)
/// fits in `page` bytes; only a single change larger than the page goes alone, past it (and
/// past the documents sent whole when `carries_whole`, in which case nothing goes past it).
fn feed(
    tx: &mut dyn Tx,
    device: &Device,
    cursor: u64,
    page: usize,
    overhead: usize,
    carries_whole: bool,
) -> Result<(Vec<v1::DocumentChanges>, u64, bool), CountyError> {
    /// Rows fetched per query while filling a page.
    const BATCH: i64 = 512;
    let mut out: Vec<v1::DocumentChanges> = Vec::new();
    // Encoded bytes of the finished groups, and the content bytes of the last one.
    let (mut closed, mut open) = (0usize, 0usize);
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
            let joins = out.last().is_some_and(|d| d.document_id == row.doc_id);
            let (next_closed, next_open) = if joins {
                (closed, open + field_len(row.bytes.len()))
            } else {
                (
                    closed + if out.is_empty() { 0 } else { field_len(open) },
                    field_len(row.doc_id.len())
                        + field_len(row.kind.len())
                        + field_len(row.bytes.len()),
                )
            };
            if (carries_whole || !out.is_empty())
                && overhead + next_closed + field_len(next_open) > page
            {
                more = true;
                break 'page;
            }
            (closed, open) = (next_closed, next_open);
            last = row.seq as u64;
            if joins {
                if let Some(d) = out.last_mut() {
                    d.changes.push(row.bytes);
                }
            } else {
                out.push(v1::DocumentChanges {
                    document_id: row.doc_id,
                    kind: row.kind,
                    changes: vec![row.bytes],
                });
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

#[cfg(test)]
mod page_tests {
    use super::*;

    #[test]
    fn field_lengths_match_the_protobuf_encoding() {
        for len in [0usize, 1, 127, 128, 16_383, 16_384, 3_000_000] {
            let d = v1::DocumentChanges {
                document_id: String::new(),
                kind: String::new(),
                changes: vec![vec![7; len]],
            };
            assert_eq!(
                field_len(len),
                ruhu_proto::Message::encoded_len(&d),
                "{len}"
            );
        }
        let r = v1::SyncResponse {
            changes: vec![v1::DocumentChanges {
                document_id: "hh-x".into(),
                kind: "household".into(),
                changes: vec![vec![1; 300], vec![2; 5]],
            }],
            ..Default::default()
        };
        let inner = field_len(4) + field_len(9) + field_len(300) + field_len(5);
        assert_eq!(field_len(inner), ruhu_proto::Message::encoded_len(&r));
    }
}
