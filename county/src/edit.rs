//! Documents the county writes itself (the policy, the demo, an imported roster) and changes
//! it makes to phones' documents (a photo review, a case decision from the console): written as
//! the county's own automerge changes and stored through the same checks as a phone's, so they
//! reach phones with their next sync and merge with whatever the phones did meanwhile.

use chrono::Utc;
use ruhu_domain::document::{self, Content};
use ruhu_proto::v1::{self, ErrorCode};

use crate::actor::county_actor;
use crate::db::Tx;
use crate::documents::{load, store_changes};
use crate::error::CountyError;

/// Stores a new document `id` holding `content`, authored by `actor` (the county's).
pub fn county_create<T: Content>(
    tx: &mut dyn Tx,
    county: &str,
    id: &str,
    content: &T,
    actor: &automerge::ActorId,
) -> Result<(), CountyError> {
    let mut doc = document::create(content, actor.clone(), Utc::now())
        .map_err(|e| CountyError::new(ErrorCode::Internal, format!("document create: {e}")))?;
    store(tx, county, id, T::KIND, doc.get_changes(&[]))
}

fn store(
    tx: &mut dyn Tx,
    county: &str,
    id: &str,
    kind: document::DocKind,
    changes: Vec<automerge::Change>,
) -> Result<(), CountyError> {
    store_changes(
        tx,
        None,
        county,
        &v1::DocumentChanges {
            document_id: id.into(),
            kind: kind.code().into(),
            changes: changes.iter().map(|c| c.raw_bytes().to_vec()).collect(),
        },
    )?;
    Ok(())
}

/// Reads document `id` as `T`, lets `f` change it, and stores the change as the county's.
/// Nothing is written when `f` refuses.
pub fn county_edit<T: Content>(
    tx: &mut dyn Tx,
    county: &str,
    id: &str,
    message: &str,
    f: impl FnOnce(&mut T) -> Result<(), CountyError>,
) -> Result<(), CountyError> {
    let mut doc = load_as::<T>(tx, id)?;
    let mut content: T = document::read(&doc).map_err(|e| {
        CountyError::new(
            ErrorCode::Internal,
            format!("a stored document does not read: {e}"),
        )
    })?;
    f(&mut content)?;
    store_edit::<T>(tx, county, id, message, &mut doc, |doc| {
        document::write(doc, &content)
    })
}

/// Replaces document `id`, which only the county writes (its policy), so that it holds exactly
/// `content`: keys the new content lacks are removed and lists replaced whole.
pub fn county_replace<T: Content>(
    tx: &mut dyn Tx,
    county: &str,
    id: &str,
    message: &str,
    content: &T,
) -> Result<(), CountyError> {
    let mut doc = load_as::<T>(tx, id)?;
    store_edit::<T>(tx, county, id, message, &mut doc, |doc| {
        document::replace(doc, content)
    })
}

fn load_as<T: Content>(tx: &mut dyn Tx, id: &str) -> Result<automerge::AutoCommit, CountyError> {
    let doc = load(tx, id)?;
    if document::kind_of(&doc) != Some(T::KIND) {
        return Err(CountyError::new(ErrorCode::InvalidContent, "没有这条记录"));
    }
    Ok(doc)
}

/// Writes with `write` as the county's actor, commits, and stores the new changes (if any).
fn store_edit<T: Content>(
    tx: &mut dyn Tx,
    county: &str,
    id: &str,
    message: &str,
    doc: &mut automerge::AutoCommit,
    write: impl FnOnce(&mut automerge::AutoCommit) -> Result<(), document::DocError>,
) -> Result<(), CountyError> {
    doc.set_actor(county_actor(tx)?);
    let heads = doc.get_heads();
    write(doc)
        .map_err(|e| CountyError::new(ErrorCode::Internal, format!("document write: {e}")))?;
    document::commit(doc, message, Utc::now());
    let changes = doc.get_changes(&heads);
    if changes.is_empty() {
        return Ok(());
    }
    store(tx, county, id, T::KIND, changes)
}
