//! The checker: a model of every edit a phone acknowledged (with the heads it answered) and
//! every acknowledgement of the county a phone received (a sync that succeeded), held
//! against what the county and every phone store at the end.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use automerge::{AutoCommit, ChangeHash, ReadDoc};
use ruhu_county::db::Access;
use ruhu_county::state::County;
use ruhu_domain::case::Case;
use ruhu_domain::document::DocKind;
use ruhu_domain::household::Household;

use super::agent::Reply;

/// An edit a phone acknowledged.
#[derive(Debug, Clone)]
pub struct Edit {
    /// The phone.
    pub phone: usize,
    /// What it was.
    pub op: String,
    /// The document it changed.
    pub doc: String,
    /// The document's heads the phone answered with (the edit's change among them).
    pub heads: Vec<String>,
    /// Whether a later sync of that phone succeeded (the county acknowledged it).
    pub county_acked: bool,
    /// The county's refusal of the document, as the phone listed it after a sync.
    pub refused: Option<String>,
    /// Made on a phone already revoked (its work must never reach the county).
    pub after_revocation: bool,
}

/// A pension figure a phone set, to find the conflicts two phones made.
#[derive(Debug, Clone)]
pub struct Pension {
    /// The household.
    pub household: String,
    /// The figure, fen (unique in a schedule).
    pub fen: i64,
    /// The household's heads right after.
    pub heads: Vec<String>,
}

/// What the driver knows.
#[derive(Debug, Default)]
pub struct Model {
    /// Every acknowledged edit, in order.
    pub edits: Vec<Edit>,
    /// Pension figures set (acknowledged).
    pub pensions: Vec<Pension>,
    /// Households whose pension edit was killed unanswered (its change unknown).
    pub uncertain_pension: BTreeSet<String>,
    /// Notes of acknowledged case events (each unique).
    pub events: Vec<String>,
    /// Handovers: document, receiving phone, heads given, heads held after the import.
    pub handovers: Vec<(String, usize, Vec<String>, Vec<String>)>,
    /// Revoked phones.
    pub revoked: BTreeSet<usize>,
    /// Each phone's refused documents (id → code) after its last successful sync.
    pub refused: BTreeMap<usize, BTreeMap<String, String>>,
    /// What failed while running.
    pub problems: Vec<String>,
}

impl Model {
    /// Notes a phone's answer that no fault explains: the core failing inside, a store that
    /// no longer opens.
    pub fn check_reply(&mut self, phone: usize, op: &str, reply: &Reply) {
        if let Reply::Err(e, detail) = reply {
            let expected = matches!(
                e.as_str(),
                "sync failed"
                    | "not found"
                    | "case rule broken"
                    | "invalid input"
                    | "device revoked"
                    | "not enrolled"
                    | "bundle outside scope"
            ) || (self.revoked.contains(&phone)
                && matches!(e.as_str(), "no profile" | "not enrolled"));
            if !expected {
                self.problems
                    .push(format!("phone {phone} {op}: {e} ({detail})"));
            }
        }
    }
}

/// A phone's files, for the checker to open once its process has stopped.
pub struct PhoneFiles {
    /// The phone's index.
    pub index: usize,
    /// Its store file.
    pub path: PathBuf,
    /// Its key.
    pub key: Vec<u8>,
    /// Whether it still belongs (not revoked).
    pub in_scope: bool,
    /// Its grids (`None`: the whole county).
    pub grids: Option<Vec<String>>,
}

/// What the checker found.
#[derive(Debug, Default)]
pub struct Found {
    /// Acknowledged edits missing somewhere they belong.
    pub lost: usize,
    /// Things stored twice.
    pub duplicated: usize,
    /// Conflicts two phones created, checked on each phone holding them.
    pub conflicts: usize,
    /// Edits the county refused (listed on the phone with the reason), by code.
    pub refusals: BTreeMap<String, usize>,
    /// Everything that did not hold.
    pub problems: Vec<String>,
}

pub(super) fn hash(h: &str) -> Option<ChangeHash> {
    h.parse().ok()
}

fn heads_of(doc: &mut AutoCommit) -> BTreeSet<String> {
    doc.get_heads().iter().map(|h| h.to_string()).collect()
}

/// The grid a document belongs to, from the county's copy.
fn grid_of(doc: &AutoCommit, kind: DocKind) -> Option<String> {
    match kind {
        DocKind::Household => ruhu_domain::document::read::<Household>(doc)
            .ok()
            .map(|h| h.profile.address.grid_code),
        DocKind::Case => ruhu_domain::document::read::<Case>(doc)
            .ok()
            .map(|c| c.grid_code),
        _ => None,
    }
}

/// Holds the model against the county and the phones.
pub fn check(model: &Model, phones: &[PhoneFiles], county: &County) -> Found {
    let mut found = Found::default();
    let problem = |f: &mut Found, text: String| f.problems.push(text);

    // The county's documents: every one any phone holds, and the counts it keeps.
    let mut held: BTreeMap<usize, BTreeMap<String, (DocKind, AutoCommit)>> = BTreeMap::new();
    let mut conflicts: BTreeMap<usize, Vec<ruhu_core::records::Conflict>> = BTreeMap::new();
    for p in phones.iter().filter(|p| p.in_scope) {
        let store = match ruhu_store::Store::open(&p.path, &p.key) {
            Ok(s) => s,
            Err(e) => {
                problem(&mut found, format!("phone {} does not open: {e}", p.index));
                continue;
            }
        };
        let mut docs = BTreeMap::new();
        for (id, kind) in store.documents().expect("documents") {
            let (_, doc) = store.document(&id, kind).expect("document");
            docs.insert(id, (kind, doc));
        }
        drop(store);
        let facade = ruhu_core::RuhuStore::open(p.path.to_string_lossy().into(), p.key.clone())
            .expect("store");
        conflicts.insert(p.index, facade.conflicts(None).expect("conflicts"));
        held.insert(p.index, docs);
    }
    let mut ids: BTreeSet<String> = held.values().flat_map(|d| d.keys().cloned()).collect();
    ids.extend(model.edits.iter().map(|e| e.doc.clone()));
    let mut at_county: BTreeMap<String, (DocKind, AutoCommit)> = BTreeMap::new();
    let (changes_stored, households_stored, cases_stored) = county
        .transaction(Access::Snapshot, |tx, _| {
            for id in &ids {
                let mut doc = ruhu_county::documents::load(tx, id)?;
                if doc.get_heads().is_empty() {
                    continue;
                }
                let kind = held
                    .values()
                    .find_map(|d| d.get(id).map(|(k, _)| *k))
                    .unwrap_or(DocKind::Household);
                at_county.insert(id.clone(), (kind, doc));
            }
            Ok((
                tx.count_changes()?,
                tx.count_documents("household")?,
                tx.count_documents("case")?,
            ))
        })
        .expect("county");

    let refused_docs: BTreeSet<&str> = model
        .refused
        .values()
        .flat_map(|r| r.keys().map(String::as_str))
        .collect();

    // Every phone in scope holds exactly the county's documents of its scope, at the same
    // heads.
    for p in phones.iter().filter(|p| p.in_scope) {
        let Some(docs) = held.get(&p.index) else {
            continue;
        };
        for (id, (kind, doc)) in &at_county {
            let mine = match &p.grids {
                None => true,
                Some(grids) => grid_of(doc, *kind).is_some_and(|g| grids.contains(&g)),
            };
            match (mine, docs.get(id)) {
                (true, None) => problem(
                    &mut found,
                    format!("phone {} lacks document {id} of its scope", p.index),
                ),
                (true, Some((_, d))) if refused_docs.contains(id.as_str()) => {
                    // The county refused some of it: the phone keeps what was refused, and
                    // must hold everything the county has.
                    let mut county_doc = doc.clone();
                    let missing = county_doc
                        .get_heads()
                        .iter()
                        .any(|h| d.get_change_by_hash(h).is_none());
                    if missing {
                        problem(
                            &mut found,
                            format!("phone {} lacks changes of refused {id}", p.index),
                        );
                    }
                }
                (true, Some((_, d))) => {
                    let (mut a, mut b) = (d.clone(), doc.clone());
                    if heads_of(&mut a) != heads_of(&mut b) {
                        problem(
                            &mut found,
                            format!("phone {} and the county differ on {id}", p.index),
                        );
                    }
                }
                (false, Some(_)) if *kind != DocKind::Policy => problem(
                    &mut found,
                    format!("phone {} holds {id}, outside its scope", p.index),
                ),
                _ => {}
            }
        }
        for id in docs.keys() {
            if !at_county.contains_key(id) && !refused_docs.contains(id.as_str()) {
                problem(
                    &mut found,
                    format!("phone {} holds {id}, which the county lacks", p.index),
                );
            }
        }
    }
    if let Some(sup) = phones.iter().find(|p| p.in_scope && p.grids.is_none()) {
        let docs = &held[&sup.index];
        // (Less what the county refused, which the phone keeps and lists.)
        let count = |k: DocKind| {
            docs.iter()
                .filter(|(id, (kind, _))| *kind == k && !refused_docs.contains(id.as_str()))
                .count() as i64
        };
        if (count(DocKind::Household), count(DocKind::Case)) != (households_stored, cases_stored) {
            problem(
                &mut found,
                format!(
                    "the county counts {households_stored} households and {cases_stored} cases, \
                     the supervisor's phone holds {} and {}",
                    count(DocKind::Household),
                    count(DocKind::Case)
                ),
            );
        }
    }

    // No acknowledged edit is missing: its change is at the county and on every phone whose
    // scope covers the document. A revoked phone's work after the revocation never arrived.
    for e in &model.edits {
        let revoked = model.revoked.contains(&e.phone);
        let needed = !revoked || e.county_acked;
        let Some(change) = e.heads.iter().filter_map(|h| hash(h)).next() else {
            problem(&mut found, format!("edit {e:?} answered no heads"));
            continue;
        };
        let county_has = at_county.get(&e.doc).is_some_and(|(_, d)| {
            e.heads
                .iter()
                .filter_map(|h| hash(h))
                .all(|h| d.get_change_by_hash(&h).is_some())
        });
        let refused = model.refused.get(&e.phone).and_then(|r| r.get(&e.doc));
        if let (true, false, Some(code)) = (needed, county_has, refused) {
            // Refused by the county's checks, and listed on the phone for the worker: not
            // lost, kept on the phone with the reason.
            *found.refusals.entry(code.clone()).or_default() += 1;
            continue;
        }
        if needed && !county_has {
            found.lost += 1;
            problem(
                &mut found,
                format!(
                    "phone {}'s acknowledged {} on {} is missing at the county{}",
                    e.phone,
                    e.op,
                    e.doc,
                    if e.county_acked {
                        " (the county had acknowledged it)"
                    } else {
                        ""
                    }
                ),
            );
        }
        if e.after_revocation
            && at_county
                .get(&e.doc)
                .is_some_and(|(_, d)| d.get_change_by_hash(&change).is_some())
        {
            problem(
                &mut found,
                format!("a revoked phone's {} on {} reached the county", e.op, e.doc),
            );
        }
        if !needed {
            continue;
        }
        for (p, docs) in &held {
            if let Some((_, d)) = docs.get(&e.doc)
                && d.get_change_by_hash(&change).is_none()
            {
                found.lost += 1;
                problem(
                    &mut found,
                    format!("phone {p} lacks phone {}'s {} on {}", e.phone, e.op, e.doc),
                );
            }
        }
    }
    for (doc, to, given, after) in &model.handovers {
        if !given.iter().all(|h| after.contains(h)) && !given.is_empty() {
            let Some((_, held_doc)) = held.get(to).and_then(|d| d.get(doc)) else {
                continue;
            };
            let missing = given
                .iter()
                .filter_map(|h| hash(h))
                .any(|h| held_doc.get_change_by_hash(&h).is_none());
            if missing {
                found.lost += 1;
                problem(
                    &mut found,
                    format!("the handover of {doc} to phone {to} lost changes"),
                );
            }
        }
    }

    // Nothing stored twice: the county's log holds each change once; no photo, case event or
    // payment appears twice in a document.
    let distinct: usize = at_county
        .values()
        .map(|(_, d)| d.clone().get_changes(&[]).len())
        .sum();
    if changes_stored as usize != distinct {
        found.duplicated += 1;
        problem(
            &mut found,
            format!("the county's log holds {changes_stored} changes for {distinct} distinct ones"),
        );
    }
    let mut notes: BTreeMap<String, usize> = BTreeMap::new();
    let mut photo_files: BTreeSet<String> = BTreeSet::new();
    for (id, (kind, doc)) in &at_county {
        match kind {
            DocKind::Household => {
                let Ok(h) = ruhu_domain::document::read::<Household>(doc) else {
                    problem(&mut found, format!("household {id} does not read"));
                    continue;
                };
                let mut shas = BTreeMap::new();
                for (photo, p) in &h.evidence {
                    if let Some(first) = shas.insert(p.sha256.clone(), photo.clone()) {
                        found.duplicated += 1;
                        problem(
                            &mut found,
                            format!(
                                "a photo file is attached twice to {id} (photos {first} and {photo}, \
                                 taken by {})",
                                p.taken_by
                            ),
                        );
                    }
                    photo_files.insert(p.sha256.clone());
                    photo_files.insert(p.thumb_sha256.clone());
                }
            }
            DocKind::Case => {
                let Ok(c) = ruhu_domain::document::read::<Case>(doc) else {
                    problem(&mut found, format!("case {id} does not read"));
                    continue;
                };
                let mut ids = BTreeSet::new();
                for ev in &c.events {
                    if !ids.insert(ev.id.clone()) {
                        found.duplicated += 1;
                        problem(&mut found, format!("case {id} holds event {} twice", ev.id));
                    }
                    if !ev.note.is_empty() {
                        *notes.entry(ev.note.clone()).or_default() += 1;
                    }
                }
            }
            _ => {}
        }
    }
    for (note, n) in &notes {
        if *n > 1 {
            found.duplicated += 1;
            problem(
                &mut found,
                format!("a case step ({note}) is stored {n} times"),
            );
        }
    }
    for note in &model.events {
        if !notes.contains_key(note) {
            found.lost += 1;
            problem(
                &mut found,
                format!("the acknowledged case step {note} is missing"),
            );
        }
    }

    // Every photo file the county holds matches its hash.
    for sha in photo_files.iter().filter(|s| !s.is_empty()) {
        let sealed = county.blob_store().get(sha);
        let whole = county
            .transaction(Access::Snapshot, |tx, _| tx.blob(sha))
            .ok()
            .flatten()
            .is_some();
        match sealed {
            Ok(Some(bytes)) if whole => match county.sealer().open(sha, &bytes) {
                Ok(plain) if ruhu_domain::imaging::sha256_hex(&plain) == *sha => {}
                _ => problem(
                    &mut found,
                    format!("photo file {sha} does not match its hash"),
                ),
            },
            _ => {
                found.lost += 1;
                problem(&mut found, format!("the county lacks photo file {sha}"));
            }
        }
    }

    super::conflicts::check(model, &at_county, &held, &conflicts, &mut found);
    found
}
