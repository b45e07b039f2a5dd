//! Changes the console makes to documents (a photo review, a case decision), written as the
//! county's own automerge changes and stored through the same checks as a phone's, so they
//! reach phones with their next sync and merge with whatever the phones did meanwhile.

use chrono::Utc;
use ruhu_core::document::{self, Content};
use ruhu_proto::v1::{self, ErrorCode};

use crate::db::Tx;
use crate::demo::county_actor;
use crate::error::CountyError;
use crate::sync::{load, store_changes};

/// Reads document `id` as `T`, lets `f` change it, and stores the change as the county's.
/// Nothing is written when `f` refuses.
pub fn county_edit<T: Content>(
    tx: &mut dyn Tx,
    county: &str,
    id: &str,
    message: &str,
    f: impl FnOnce(&mut T) -> Result<(), CountyError>,
) -> Result<(), CountyError> {
    let mut doc = load(tx, id)?;
    if document::kind_of(&doc) != Some(T::KIND) {
        return Err(CountyError::new(ErrorCode::InvalidContent, "没有这条记录"));
    }
    let mut content: T = document::read(&doc).map_err(|e| {
        CountyError::new(
            ErrorCode::Internal,
            format!("a stored document does not read: {e}"),
        )
    })?;
    f(&mut content)?;
    doc.set_actor(county_actor(tx)?);
    let heads = doc.get_heads();
    document::write(&mut doc, &content)
        .map_err(|e| CountyError::new(ErrorCode::Internal, format!("document write: {e}")))?;
    document::commit(&mut doc, message, Utc::now());
    let changes: Vec<Vec<u8>> = doc
        .get_changes(&heads)
        .into_iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    if changes.is_empty() {
        return Ok(());
    }
    store_changes(
        tx,
        None,
        county,
        &v1::DocumentChanges {
            document_id: id.into(),
            kind: T::KIND.code().into(),
            changes,
        },
    )?;
    Ok(())
}
