//! Checking one request's documents before anything is written: each document's changes
//! decoded, authored by the right actor, merged in memory with what the county holds, judged
//! (case events, content, scope before and after), and a case's household checked against the
//! request and the index. A refusal concerns one document; a fault of the store the request.

use automerge::{AutoCommit, Change, ChangeHash};
use ruhu_domain::document::{self, DocKind};
use ruhu_proto::v1::{self, ErrorCode};
use std::collections::HashMap;

use super::placement::{Placement, placement};
use super::rules::Rules;
use super::{actors, judge};
use super::{decode, rebuild};
use crate::db::{StoredDoc, Tx};
use crate::enroll::Device;
use crate::error::CountyError;

/// What checking a request's documents needs besides the documents.
pub(super) struct Ctx<'a> {
    pub(super) device: Option<&'a Device>,
    pub(super) county: &'a str,
    pub(super) rules: Option<&'a Rules>,
}

/// One document of a request, checked and merged in memory, ready to append.
pub(super) struct Prepared<'r> {
    pub(super) request: &'r v1::DocumentChanges,
    pub(super) doc: AutoCommit,
    /// The changes the county lacked (empty for a repeated request).
    pub(super) new: Vec<Change>,
    pub(super) placement: Option<Placement>,
    pub(super) had_photos: bool,
    /// Feed sequence of the document's last change when it was read (0: new document).
    pub(super) seen_seq: i64,
    /// A case from a device that is new or names another household or place: its household
    /// is checked once every document of the request is prepared.
    pub(super) check_household: bool,
    /// Stored changes to remove: a squat on the sending device's sequence numbers.
    pub(super) squatted: Vec<ChangeHash>,
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
        Some(device) if !new.is_empty() => Some(actors::check_actors(tx, device, &mut doc, &new)?),
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
        squatted = actors::squatted(tx, device, &held, &new)?;
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
            judge::check_case_events(authors, ctx.rules, &mut doc, &before, &new)?
        }
        _ => false,
    };
    if let Some(authors) = &authors {
        judge::check_reviews(authors, &mut doc, kind, &before)?;
    }
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

/// Whether an error concerns the request as a whole (a fault of the county store, worth
/// retrying) rather than the one document being checked.
pub(super) fn request_level(e: &CountyError) -> bool {
    matches!(e.code, ErrorCode::Internal | ErrorCode::Unavailable)
}

/// Checks one document, keeping a refusal of it as its outcome and passing on a fault of the
/// store.
pub(super) fn prepare_one<'r>(
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

/// Checks the household of each case that needs it against the request's accepted households
/// and the county's index; a case whose household fails is refused on its own.
pub(super) fn check_households(
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
        let case = judge::CaseHousehold {
            household_id,
            village_code: &a.village_code,
            grid_code: &a.grid_code,
        };
        match judge::check_households(tx, std::slice::from_ref(&case), &in_request) {
            Ok(()) => {}
            Err(e) if request_level(&e) => return Err(e),
            Err(e) => *slot = Err(e),
        }
    }
    Ok(())
}
