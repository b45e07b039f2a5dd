//! Documents: one automerge document per household and per case, with a thin schema layer.
//!
//! The content type is serialized with serde to a JSON tree and written field by field
//! ([`tree`]); reading goes the other way. Every document's root holds `_kind`, `_schema` and
//! `_resolutions` (the record of settled conflicts) beside the content's own fields.

pub mod conflicts;
mod decode;
pub mod fields;
pub mod inbound;
pub mod limits;
pub mod tree;

use automerge::{
    ActorId, AutoCommit, ObjType, ROOT, ReadDoc,
    transaction::{CommitOptions, Transactable},
};
use chrono::{DateTime, Utc};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

use crate::{case::Case, household::Household, policy::CountyPolicy};

/// Schema version written into every new document.
pub const SCHEMA_VERSION: i64 = 1;

/// What went wrong reading or writing a document.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    /// The automerge layer refused the bytes or the operation.
    #[error("document engine: {0}")]
    Automerge(#[from] automerge::AutomergeError),
    /// A value in the document is one this version does not know (written by a newer app).
    #[error("value written by a newer app version: {code}")]
    NewerVersion {
        /// The unknown code (an enum code, never personal data).
        code: String,
    },
    /// The document breaks one of the reading [`limits`]; refused before it is read whole.
    #[error("document refused: {0}")]
    Limit(#[from] limits::Limit),
    /// The document is not of the expected kind or misses its content.
    #[error("document content is unreadable: {0}")]
    Unreadable(String),
    /// A bug in the schema layer, never caused by input.
    #[error("schema layer: {0}")]
    Internal(&'static str),
}

/// Which kind of document this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// A household (户).
    Household,
    /// A case (救助案件).
    Case,
    /// The county's policy (县级政策): written at the county only, read by every device of it.
    Policy,
}

impl DocKind {
    /// Stable code stored in the document and the phone store.
    pub fn code(self) -> &'static str {
        match self {
            DocKind::Household => "household",
            DocKind::Case => "case",
            DocKind::Policy => "policy",
        }
    }

    /// The kind for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "household" => Some(DocKind::Household),
            "case" => Some(DocKind::Case),
            "policy" => Some(DocKind::Policy),
            _ => None,
        }
    }
}

/// A content type that lives in its own document.
pub trait Content: Serialize + DeserializeOwned {
    /// The document kind.
    const KIND: DocKind;
}

impl Content for Household {
    const KIND: DocKind = DocKind::Household;
}

impl Content for Case {
    const KIND: DocKind = DocKind::Case;
}

impl Content for CountyPolicy {
    const KIND: DocKind = DocKind::Policy;
}

/// The id of a county's policy document: one per county, replaced version by version.
pub fn policy_id(county_code: &str) -> String {
    format!("policy-{county_code}")
}

/// The kind written in a document's root, if any.
pub fn kind_of(doc: &AutoCommit) -> Option<DocKind> {
    match doc.get(ROOT, "_kind").ok().flatten() {
        Some((automerge::Value::Scalar(s), _)) => match s.as_ref() {
            automerge::ScalarValue::Str(k) => DocKind::from_code(k),
            _ => None,
        },
        _ => None,
    }
}

/// A new document holding `content`, written by `actor` at `at`.
pub fn create<T: Content>(
    content: &T,
    actor: ActorId,
    at: DateTime<Utc>,
) -> Result<AutoCommit, DocError> {
    let mut doc = AutoCommit::new().with_actor(actor);
    doc.put(ROOT, "_kind", T::KIND.code())?;
    doc.put(ROOT, "_schema", SCHEMA_VERSION)?;
    doc.put_object(ROOT, "_resolutions", ObjType::List)?;
    write(&mut doc, content)?;
    commit(&mut doc, "create", at);
    Ok(doc)
}

/// Reads the content, taking the winning value wherever fields conflict.
pub fn read<T: Content>(doc: &AutoCommit) -> Result<T, DocError> {
    if kind_of(doc) != Some(T::KIND) {
        return Err(DocError::Unreadable(format!(
            "not a {} document",
            T::KIND.code()
        )));
    }
    let tree = tree::read(doc, &ROOT)?;
    decode::from_tree(&tree)
}

/// Writes `content` as changes against what the document holds now (not yet committed).
pub fn write<T: Content>(doc: &mut AutoCommit, content: &T) -> Result<(), DocError> {
    let new = serde_json::to_value(content)
        .map_err(|_| DocError::Internal("content does not serialize"))?;
    let Value::Object(new) = new else {
        return Err(DocError::Internal("content is not a map"));
    };
    let old = tree::read(doc, &ROOT)?;
    tree::write_map(doc, &ROOT, old.as_object(), &new)
}

/// Writes `content` so that the document holds exactly it afterwards (keys it lacks removed,
/// lists replaced whole), keeping the root's bookkeeping (not yet committed). Only for a
/// document one writer owns: the county's policy. Households and cases use [`write`].
pub fn replace<T: Content>(doc: &mut AutoCommit, content: &T) -> Result<(), DocError> {
    let new = serde_json::to_value(content)
        .map_err(|_| DocError::Internal("content does not serialize"))?;
    let Value::Object(new) = new else {
        return Err(DocError::Internal("content is not a map"));
    };
    tree::replace_map(doc, &ROOT, &new, &|key| key.starts_with('_'))
}

/// Commits pending operations with a message that carries no personal data.
pub fn commit(doc: &mut AutoCommit, message: &str, at: DateTime<Utc>) {
    doc.commit_with(
        CommitOptions::default()
            .with_message(message.to_string())
            .with_time(at.timestamp()),
    );
}

#[cfg(test)]
mod tests;
