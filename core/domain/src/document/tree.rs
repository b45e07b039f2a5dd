//! Reads an automerge object as a JSON tree and writes a new tree back as field-level changes.
//!
//! Only fields whose value changed are written. A field left as it was is never re-put, so a
//! conflict on it stays visible until a person settles it (re-putting the winning value would
//! silently delete the other). Lists are append-only: a new tree may only add items at the end.
//! Keys the tree does not mention (written by a newer app version) are left untouched.
//! Reading is held to the document [`limits`](super::limits).

use automerge::{
    AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, ScalarValueRef, Value as AmValue, ValueRef,
    transaction::Transactable,
};
use serde_json::{Map, Number, Value};

use super::DocError;
use super::limits::Budget;

/// The whole object `obj` as JSON, taking the winning value wherever fields conflict; held to
/// the [`limits`](super::limits) while reading, so a hostile document is refused before it becomes a tree.
pub fn read(doc: &AutoCommit, obj: &ObjId) -> Result<Value, DocError> {
    read_in(doc, obj, 0, &mut Budget::new())
}

fn read_in(
    doc: &AutoCommit,
    obj: &ObjId,
    depth: usize,
    budget: &mut Budget,
) -> Result<Value, DocError> {
    // One pass over each object (map_range / list_range) rather than a lookup per key: this
    // read runs for every document the county checks.
    Ok(match doc.object_type(obj) {
        Ok(ObjType::Map) | Ok(ObjType::Table) => {
            budget.object(depth, doc.length(obj))?;
            let mut map = Map::new();
            for item in doc.map_range(obj, ..) {
                budget.string(item.key.len())?;
                let value = value_ref_in(doc, &item.value, || item.id(), depth + 1, budget)?;
                map.insert(item.key.into_owned(), value);
            }
            Value::Object(map)
        }
        Ok(ObjType::List) => {
            let len = doc.length(obj);
            budget.object(depth, len)?;
            let mut items = Vec::with_capacity(len);
            for item in doc.list_range(obj, ..) {
                items.push(value_ref_in(
                    doc,
                    &item.value,
                    || item.id(),
                    depth + 1,
                    budget,
                )?);
            }
            Value::Array(items)
        }
        Ok(ObjType::Text) => {
            // A text's length in any unit is at most its length in UTF-8 bytes.
            budget.string(doc.length(obj))?;
            let text = doc.text(obj).unwrap_or_default();
            budget.string(text.len())?;
            Value::String(text)
        }
        Err(_) => Value::Null,
    })
}

/// One value met while iterating an object; `id` names it when it is an object itself.
fn value_ref_in(
    doc: &AutoCommit,
    v: &ValueRef<'_>,
    id: impl FnOnce() -> ObjId,
    depth: usize,
    budget: &mut Budget,
) -> Result<Value, DocError> {
    match v {
        ValueRef::Object(_) => read_in(doc, &id(), depth, budget),
        ValueRef::Scalar(s) => Ok(match s {
            ScalarValueRef::Str(text) => {
                budget.string(text.len())?;
                Value::String(text.to_string())
            }
            other => {
                budget.scalar()?;
                match other {
                    ScalarValueRef::Int(i)
                    | ScalarValueRef::Timestamp(i)
                    | ScalarValueRef::Counter(i) => Value::Number((*i).into()),
                    ScalarValueRef::Uint(u) => Value::Number((*u).into()),
                    ScalarValueRef::F64(f) => {
                        Number::from_f64(*f).map_or(Value::Null, Value::Number)
                    }
                    ScalarValueRef::Boolean(b) => Value::Bool(*b),
                    _ => Value::Null,
                }
            }
        }),
    }
}

/// One automerge value as JSON (objects read with [`read`]'s limits).
pub fn convert(doc: &AutoCommit, v: AmValue<'_>, id: &ObjId) -> Result<Value, DocError> {
    value_in(doc, v, id, 0, &mut Budget::new())
}

fn value_in(
    doc: &AutoCommit,
    v: AmValue<'_>,
    id: &ObjId,
    depth: usize,
    budget: &mut Budget,
) -> Result<Value, DocError> {
    match v {
        AmValue::Object(_) => read_in(doc, id, depth, budget),
        AmValue::Scalar(s) => {
            match s.as_ref() {
                ScalarValue::Str(text) => budget.string(text.len())?,
                _ => budget.scalar()?,
            }
            Ok(scalar_to_json(&s))
        }
    }
}

fn scalar_to_json(s: &ScalarValue) -> Value {
    match s {
        ScalarValue::Str(s) => Value::String(s.to_string()),
        ScalarValue::Int(i) => Value::Number((*i).into()),
        ScalarValue::Uint(u) => Value::Number((*u).into()),
        ScalarValue::F64(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
        ScalarValue::Boolean(b) => Value::Bool(*b),
        ScalarValue::Timestamp(t) => Value::Number((*t).into()),
        ScalarValue::Counter(c) => Value::Number(i64::from(c).into()),
        ScalarValue::Null | ScalarValue::Bytes(_) | ScalarValue::Unknown { .. } => Value::Null,
    }
}

fn json_to_scalar(v: &Value) -> Result<ScalarValue, DocError> {
    Ok(match v {
        Value::Null => ScalarValue::Null,
        Value::Bool(b) => ScalarValue::Boolean(*b),
        Value::String(s) => ScalarValue::Str(s.as_str().into()),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                ScalarValue::Int(i)
            } else if let Some(u) = n.as_u64() {
                ScalarValue::Uint(u)
            } else {
                ScalarValue::F64(n.as_f64().unwrap_or_default())
            }
        }
        Value::Array(_) | Value::Object(_) => {
            return Err(DocError::Internal("object where a scalar belongs"));
        }
    })
}

/// Writes the fields of `new` into the map `obj`, comparing with `old` (what the map held).
pub fn write_map(
    doc: &mut AutoCommit,
    obj: &ObjId,
    old: Option<&Map<String, Value>>,
    new: &Map<String, Value>,
) -> Result<(), DocError> {
    for (key, value) in new {
        let before = old.and_then(|o| o.get(key));
        match value {
            Value::Object(fields) => {
                let existing = match doc.get(obj, key.as_str())? {
                    Some((AmValue::Object(ObjType::Map), id)) => Some(id),
                    _ => None,
                };
                match existing {
                    Some(id) => write_map(doc, &id, before.and_then(Value::as_object), fields)?,
                    None => {
                        let id = doc.put_object(obj, key.as_str(), ObjType::Map)?;
                        write_map(doc, &id, None, fields)?;
                    }
                }
            }
            Value::Array(items) => {
                let existing = match doc.get(obj, key.as_str())? {
                    Some((AmValue::Object(ObjType::List), id)) => Some(id),
                    _ => None,
                };
                let (list, have) = match existing {
                    Some(id) => {
                        let have = before.and_then(Value::as_array).map_or(0, Vec::len);
                        (id, have)
                    }
                    None => (doc.put_object(obj, key.as_str(), ObjType::List)?, 0),
                };
                append_items(doc, &list, have, items)?;
            }
            scalar => {
                if before != Some(scalar) {
                    doc.put(obj, key.as_str(), json_to_scalar(scalar)?)?;
                }
            }
        }
    }
    Ok(())
}

/// Writes `new` into the map `obj` so that the map equals it afterwards: keys `new` lacks are
/// deleted (except those `keep` names), lists that differ are replaced whole, values of another
/// type are replaced. For documents only the county writes (its policy), never for documents
/// devices edit concurrently, whose lists are append-only and whose conflicts must stay.
pub fn replace_map(
    doc: &mut AutoCommit,
    obj: &ObjId,
    new: &Map<String, Value>,
    keep: &dyn Fn(&str) -> bool,
) -> Result<(), DocError> {
    let stale: Vec<String> = doc
        .keys(obj)
        .filter(|k| !new.contains_key(k) && !keep(k))
        .collect();
    for key in stale {
        doc.delete(obj, key.as_str())?;
    }
    for (key, value) in new {
        let conflicted = doc.get_all(obj, key.as_str())?.len() > 1;
        let (same, map) = match doc.get(obj, key.as_str())? {
            _ if conflicted => (false, None),
            Some((AmValue::Object(ObjType::Map), id)) if value.is_object() => (false, Some(id)),
            Some((v, id)) => (
                value_in(doc, v, &id, 0, &mut Budget::new())? == *value,
                None,
            ),
            None => (false, None),
        };
        match (map, value) {
            (Some(id), Value::Object(fields)) => replace_map(doc, &id, fields, &|_| false)?,
            _ if same => {}
            _ => put_value(doc, obj, key, value)?,
        }
    }
    Ok(())
}

/// Appends `items[have..]` to the list; earlier items are never rewritten.
fn append_items(
    doc: &mut AutoCommit,
    list: &ObjId,
    have: usize,
    items: &[Value],
) -> Result<(), DocError> {
    if items.len() < have {
        return Err(DocError::Internal("an append-only list lost items"));
    }
    for item in &items[have..] {
        let index = doc.length(list);
        match item {
            Value::Object(fields) => {
                let id = doc.insert_object(list, index, ObjType::Map)?;
                write_map(doc, &id, None, fields)?;
            }
            Value::Array(_) => return Err(DocError::Internal("nested lists are not used")),
            scalar => doc.insert(list, index, json_to_scalar(scalar)?)?,
        }
    }
    Ok(())
}

/// Puts a whole value at `key` of `obj`, creating objects as needed (used to settle conflicts).
pub fn put_value(
    doc: &mut AutoCommit,
    obj: &ObjId,
    key: &str,
    value: &Value,
) -> Result<(), DocError> {
    match value {
        Value::Object(fields) => {
            let id = doc.put_object(obj, key, ObjType::Map)?;
            write_map(doc, &id, None, fields)
        }
        Value::Array(items) => {
            let id = doc.put_object(obj, key, ObjType::List)?;
            append_items(doc, &id, 0, items)
        }
        scalar => Ok(doc.put(obj, key, json_to_scalar(scalar)?)?),
    }
}
