//! Conflicts: fields where concurrent edits left more than one value, and settling them.
//!
//! automerge keeps every concurrent value of a field and picks a winner; `get_all` lists them
//! all. Nothing here ever drops a value by itself: a person chooses, and the choice is written
//! as a new value that supersedes all candidates and is recorded in `_resolutions`.

use automerge::{
    AutoCommit, ObjId, ObjType, ROOT, ReadDoc, Value as AmValue, transaction::Transactable,
};
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{DocError, limits, tree};

/// One field with concurrent values.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldConflict {
    /// Path from the root, e.g. `["economics", "income", "wage"]`.
    pub path: Vec<String>,
    /// Every candidate value; the first is the one currently shown.
    pub values: Vec<Value>,
}

impl FieldConflict {
    /// The field's name in Chinese.
    pub fn label(&self) -> String {
        super::fields::label(&self.path)
    }

    /// One of its values as a person reads it.
    pub fn display(&self, value: &Value) -> String {
        super::fields::display(&self.path, value)
    }
}

/// Every conflicted field in the document (content only; bookkeeping keys are skipped). Maps
/// below [`limits::MAX_DEPTH`] are not walked, and a candidate that breaks a reading limit is
/// shown as null: such a document is refused before it is stored (county) or read (phone).
pub fn list(doc: &AutoCommit) -> Vec<FieldConflict> {
    let mut out = Vec::new();
    walk(doc, &ROOT, &mut Vec::new(), &mut out);
    out
}

fn walk(doc: &AutoCommit, obj: &ObjId, path: &mut Vec<String>, out: &mut Vec<FieldConflict>) {
    if path.len() >= limits::MAX_DEPTH {
        return;
    }
    for key in doc.keys(obj) {
        if path.is_empty() && key.starts_with('_') {
            continue;
        }
        let mut all = doc.get_all(obj, key.as_str()).unwrap_or_default();
        path.push(key.clone());
        if all.len() > 1 {
            // automerge lists candidates oldest first and shows the last: put the shown one first.
            let values: Vec<Value> = all
                .iter()
                .rev()
                .map(|(v, id)| tree::convert(doc, v.clone(), id).unwrap_or(Value::Null))
                .collect();
            // Two devices writing the same value (a task both derived from the same rule) is
            // agreement, not a conflict.
            if values.windows(2).any(|w| w[0] != w[1]) {
                out.push(FieldConflict {
                    path: path.clone(),
                    values,
                });
                path.pop();
                continue;
            }
        }
        if let Some((AmValue::Object(ObjType::Map), id)) = all.pop() {
            walk(doc, &id, path, out);
        }
        path.pop();
    }
}

/// Why a settlement was refused.
#[derive(Debug, thiserror::Error)]
pub enum SettleError {
    /// The field has no conflict (any more).
    #[error("this field has no conflict to settle")]
    NoConflict,
    /// The chosen value is not one of the candidates (the conflict changed since it was listed).
    #[error("the chosen value is not one of the current candidates")]
    NotACandidate,
    /// The document refused the write.
    #[error(transparent)]
    Doc(#[from] DocError),
}

/// Settles the conflict at `path` with `chosen`, which must be one of its candidates.
/// The choice is written over all candidates and recorded with who and when (not committed).
pub fn settle(
    doc: &mut AutoCommit,
    path: &[String],
    chosen: &Value,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), SettleError> {
    let current = list(doc);
    let conflict = current
        .iter()
        .find(|c| c.path == path)
        .ok_or(SettleError::NoConflict)?;
    if !conflict.values.contains(chosen) {
        return Err(SettleError::NotACandidate);
    }
    let (last, parents) = path.split_last().ok_or(SettleError::NoConflict)?;
    let mut obj = ROOT;
    for key in parents {
        obj = match doc.get(&obj, key.as_str()).map_err(DocError::from)? {
            Some((AmValue::Object(_), id)) => id,
            _ => return Err(SettleError::NoConflict),
        };
    }
    tree::put_value(doc, &obj, last, chosen)?;
    record(doc, path, chosen, by, at)?;
    Ok(())
}

fn record(
    doc: &mut AutoCommit,
    path: &[String],
    chosen: &Value,
    by: &str,
    at: DateTime<Utc>,
) -> Result<(), DocError> {
    let list = match doc.get(ROOT, "_resolutions")? {
        Some((AmValue::Object(ObjType::List), id)) => id,
        _ => doc.put_object(ROOT, "_resolutions", ObjType::List)?,
    };
    let index = doc.length(&list);
    let entry = doc.insert_object(&list, index, ObjType::Map)?;
    doc.put(&entry, "path", path.join("/"))?;
    doc.put(&entry, "chosen", chosen.to_string())?;
    doc.put(&entry, "by", by)?;
    doc.put(&entry, "at", at.to_rfc3339())?;
    Ok(())
}

/// Settled conflicts recorded in the document: (path, chosen value as JSON text, who, when).
pub fn resolutions(doc: &AutoCommit) -> Vec<(String, String, String, String)> {
    let Ok(Value::Object(root)) = tree::read(doc, &ROOT) else {
        return Vec::new();
    };
    let text = |v: &Value, k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    root.get("_resolutions")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|r| {
                    (
                        text(r, "path"),
                        text(r, "chosen"),
                        text(r, "by"),
                        text(r, "at"),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}
