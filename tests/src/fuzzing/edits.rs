//! A structure-aware input for the county's document checks: bytes read as a program of automerge
//! edits to a valid household (put a string, an int, a null, a map or a list at a key, step
//! into an object or out of it, delete a key), as a reprogrammed phone could write them.
//! Mutating the program reaches depths, types and shapes that mutating encoded changes rarely
//! does.

use std::sync::atomic::{AtomicU64, Ordering};

use automerge::{
    ActorId, AutoCommit, ObjId, ObjType, ROOT, ReadDoc, Value, transaction::Transactable,
};
use chrono::{TimeZone, Utc};
use ruhu_domain::document;
use ruhu_domain::sample::{self, SampleRng};
use ruhu_proto::v1;

use super::{DEVICE_ACTOR, DEVICE_GRID};

/// Keys the program writes at: the schema's own and one unknown.
const KEYS: [&str; 24] = [
    "id",
    "_kind",
    "profile",
    "address",
    "county_code",
    "township_code",
    "village_code",
    "grid_code",
    "detail",
    "contact_phone",
    "location",
    "members",
    "name",
    "id_number",
    "birth_date",
    "status",
    "economics",
    "income",
    "wage",
    "evidence",
    "sha256",
    "visit_tasks",
    "registered_at",
    "x",
];

/// Numbers the generated household ids count with, so each program edits a document of its own.
static NEXT: AtomicU64 = AtomicU64::new(0);

struct Program<'a> {
    bytes: &'a [u8],
}

impl Program<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let (head, rest) = self.bytes.split_at(n.min(self.bytes.len()));
        self.bytes = rest;
        head
    }
}

fn key(b: u8) -> &'static str {
    KEYS[usize::from(b) % KEYS.len()]
}

/// Where a value goes: a key of a map, or a position in a list.
enum Slot {
    Key(&'static str),
    Index(usize),
}

fn slot(doc: &AutoCommit, obj: &ObjId, b: u8) -> Slot {
    match doc.object_type(obj) {
        Ok(ObjType::List) | Ok(ObjType::Text) => Slot::Index(usize::from(b).min(doc.length(obj))),
        _ => Slot::Key(key(b)),
    }
}

/// Runs one edit; `false` when the program ran out.
fn step(doc: &mut AutoCommit, path: &mut Vec<ObjId>, p: &mut Program<'_>) -> Option<()> {
    let op = p.byte()?;
    let at = p.byte()?;
    let obj = path.last().cloned().unwrap_or(ROOT);
    let target = slot(doc, &obj, at);
    let scalar: Option<automerge::ScalarValue> = match op % 8 {
        0 => {
            let len = usize::from(p.byte()? % 64);
            Some(String::from_utf8_lossy(p.take(len)).into_owned().into())
        }
        1 => {
            let mut n = [0u8; 8];
            n.copy_from_slice(&[p.take(8), &[0u8; 8]].concat()[..8]);
            Some(i64::from_le_bytes(n).into())
        }
        2 => Some(match at % 3 {
            0 => automerge::ScalarValue::Null,
            1 => true.into(),
            _ => 1.5f64.into(),
        }),
        _ => None,
    };
    let _ = match (op % 8, target, scalar) {
        (_, Slot::Key(k), Some(v)) => doc.put(&obj, k, v),
        (_, Slot::Index(i), Some(v)) => doc.insert(&obj, i, v),
        (3 | 4, slot, None) => {
            let kind = if op % 8 == 3 {
                ObjType::Map
            } else {
                ObjType::List
            };
            let made = match slot {
                Slot::Key(k) => doc.put_object(&obj, k, kind),
                Slot::Index(i) => doc.insert_object(&obj, i, kind),
            };
            if let Ok(id) = made {
                path.push(id);
            }
            Ok(())
        }
        (5, _, None) => {
            path.pop();
            Ok(())
        }
        (6, Slot::Key(k), None) => {
            if let Ok(Some((Value::Object(_), id))) = doc.get(&obj, k) {
                path.push(id);
            }
            Ok(())
        }
        (6, Slot::Index(i), None) => {
            if let Ok(Some((Value::Object(_), id))) = doc.get(&obj, i) {
                path.push(id);
            }
            Ok(())
        }
        (_, Slot::Key(k), None) => doc.delete(&obj, k),
        (_, Slot::Index(i), None) => doc.delete(&obj, i),
    };
    Some(())
}

/// A valid household of the harness's device, then the program's edits as one more change:
/// every change of the document, ready to send.
pub fn edited_household(program: &[u8]) -> v1::DocumentChanges {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let at = Utc
        .with_ymd_and_hms(2026, 3, 2, 9, 30, 0)
        .single()
        .expect("a valid instant");
    let mut h = sample::household(&mut SampleRng::new(n), 0, "w-fuzz", at);
    h.profile.address.grid_code = DEVICE_GRID.into();
    h.id = format!("00000000-0000-4000-8000-{n:012x}");
    let actor = ActorId::from(DEVICE_ACTOR.as_slice());
    let mut doc = document::create(&h, actor, at).expect("a household document");
    let mut path = Vec::new();
    let mut p = Program { bytes: program };
    while step(&mut doc, &mut path, &mut p).is_some() {}
    document::commit(&mut doc, "edit", at);
    v1::DocumentChanges {
        document_id: h.id,
        kind: "household".into(),
        changes: doc
            .get_changes(&[])
            .into_iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    }
}
