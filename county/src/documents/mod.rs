//! The county's documents repository: every document rebuilt from its append-only change log,
//! and the one way changes get in, checked and stored together (a phone's sync, the console,
//! the policy, imports and the demo all store through here). The index rows (placement), grid
//! bindings, photo rows and ceiling flags are written with the changes, in the same transaction.

use automerge::{AutoCommit, Change};
use ruhu_domain::case::Case;
use ruhu_domain::document;
use ruhu_proto::v1::ErrorCode;

use crate::db::Tx;
use crate::error::CountyError;

mod actors;
mod ceilings;
mod check;
mod grids;
mod judge;
pub(crate) mod placement;
mod rules;
mod store;

pub(crate) use rules::next_clock;
pub use rules::{Rules, current_policy};
pub use store::{Outcome, store_changes, store_documents};

/// The document as the county holds it, rebuilt from its change log.
pub fn load(tx: &mut dyn Tx, doc_id: &str) -> Result<AutoCommit, CountyError> {
    rebuild(tx.doc_changes(doc_id)?)
}

/// Stored changes decoded; one that does not decode is a fault of the store.
pub(crate) fn decode(changes: Vec<Vec<u8>>) -> Result<Vec<Change>, CountyError> {
    changes
        .into_iter()
        .map(|b| {
            Change::from_bytes(b).map_err(|_| {
                CountyError::new(ErrorCode::Internal, "a stored change does not decode")
            })
        })
        .collect()
}

/// A document rebuilt from its stored changes.
pub(crate) fn rebuild(changes: Vec<Vec<u8>>) -> Result<AutoCommit, CountyError> {
    let mut doc = AutoCommit::new();
    doc.apply_changes(decode(changes)?)?;
    Ok(doc)
}

/// A stored case document read as a case.
pub(crate) fn read_case(doc: &AutoCommit) -> Result<Case, CountyError> {
    document::read(doc).map_err(|e| {
        CountyError::new(
            ErrorCode::Internal,
            format!("a stored case does not read: {e}"),
        )
    })
}
