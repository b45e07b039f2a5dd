//! The checker's look at conflicts: every conflict two phones created is still listed on
//! each phone holding it, none resolved silently.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use automerge::{AutoCommit, ChangeHash, ReadDoc};
use ruhu_core::records::Conflict;
use ruhu_domain::document::DocKind;
use ruhu_domain::household::Household;

use super::check::{Found, Model, Pension, hash};

/// A document as the county or a phone holds it, by id.
type Docs = BTreeMap<String, (DocKind, AutoCommit)>;

/// Each pension figure no later figure was written on top of must still be one of the values
/// every phone holding the household shows (among its listed conflicts, or as the value).
pub(super) fn check(
    model: &Model,
    at_county: &Docs,
    held: &BTreeMap<usize, Docs>,
    conflicts: &BTreeMap<usize, Vec<Conflict>>,
    found: &mut Found,
) {
    let mut by_household: BTreeMap<&str, Vec<&Pension>> = BTreeMap::new();
    for p in &model.pensions {
        by_household.entry(&p.household).or_default().push(p);
    }
    for (household, sets) in by_household {
        if model.uncertain_pension.contains(household) {
            continue;
        }
        let Some((_, doc)) = at_county.get(household) else {
            continue;
        };
        let change = |p: &Pension| p.heads.iter().filter_map(|h| hash(h)).next();
        let standing: BTreeSet<i64> = sets
            .iter()
            .filter(|p| {
                let Some(c) = change(p) else { return false };
                !sets
                    .iter()
                    .any(|q| q.fen != p.fen && change(q).is_some_and(|qc| descends(doc, &qc, &c)))
            })
            .map(|p| p.fen)
            .collect();
        for (phone, listed) in conflicts {
            let Some((_, mine)) = held.get(phone).and_then(|d| d.get(household)) else {
                continue;
            };
            let shown: BTreeSet<i64> = match listed
                .iter()
                .find(|c| c.document_id == household && c.path.ends_with("pension"))
            {
                Some(c) => c
                    .values
                    .iter()
                    .filter_map(|v| fen_of(&v.value_json))
                    .collect(),
                None => ruhu_domain::document::read::<Household>(mine)
                    .map(|h| BTreeSet::from([h.economics.income.pension.fen()]))
                    .unwrap_or_default(),
            };
            if standing.len() > 1 {
                found.conflicts += 1;
            }
            if !standing.is_subset(&shown) {
                found.problems.push(format!(
                    "phone {phone} shows pension {shown:?} on {household}, where {standing:?} \
                         stand (a conflict resolved silently?)"
                ));
            }
        }
    }
}

/// Whether `ancestor` is `of` or one of its ancestors in `doc`'s history.
fn descends(doc: &AutoCommit, of: &ChangeHash, ancestor: &ChangeHash) -> bool {
    let mut todo = vec![*of];
    let mut seen = HashSet::new();
    while let Some(h) = todo.pop() {
        if h == *ancestor {
            return true;
        }
        if !seen.insert(h) {
            continue;
        }
        if let Some(c) = doc.get_change_by_hash(&h) {
            todo.extend(c.deps().iter().copied());
        }
    }
    false
}

/// A figure in fen from a conflict value's JSON (a number, or `{"fen": n}`).
fn fen_of(json: &str) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    v.as_i64().or_else(|| v.get("fen").and_then(|f| f.as_i64()))
}
