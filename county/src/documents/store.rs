//! Storing the changes of one request's documents in one transaction: checked first (see
//! `check`), then appended under the write lock with the index rows, grid bindings, photo
//! rows and the yearly ceilings of the households whose cases changed.

use automerge::ChangeHash;
use chrono::Utc;
use ruhu_domain::document::DocKind;
use ruhu_proto::v1::{self, ErrorCode};

use super::check::{Ctx, Prepared, check_households, prepare_one};
use super::placement::Placement;
use super::rules::Rules;
use super::{ceilings, grids};
use crate::db::{DocumentRow, NewChange, Tx};
use crate::enroll::Device;
use crate::error::CountyError;

/// What became of one document of a request: its heads and how many changes were new, or why
/// it was refused (nothing of it stored).
pub type Outcome = Result<(Vec<ChangeHash>, usize), CountyError>;

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
    grids::bind(tx, placed.iter().map(|(_, a)| *a))?;
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
    ceilings::check_ceilings(tx, rules, &households)
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
