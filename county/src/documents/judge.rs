//! Every case event new in a request, judged again at the county with its author's role and
//! identity (see `actors`) under the county's rules against the case as it stood where the
//! author wrote it, and a case's household checked against where the case lies. Refusals carry
//! the rule's stable code.

use std::collections::{BTreeMap, HashMap, HashSet};

use automerge::{AutoCommit, Change, ChangeHash};
use chrono::{Duration, Utc};
use ruhu_domain::calendar::WorkingDayCalendar;
use ruhu_domain::case::{self as dc, Case, CaseRuleError};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::photo::{PhotoMeta, ReviewStatus};
use ruhu_domain::policy::CountyPolicy;
use ruhu_proto::v1::{ErrorCode, Role};

use super::actors::Authors;
use super::rules::Rules;
use crate::db::Tx;
use crate::error::CountyError;

/// How far ahead of the county's clock a device may date a case step (a phone's clock set
/// wrong by a day still syncs; a step dated next week does not).
pub const MAX_CLOCK_AHEAD: Duration = Duration::hours(48);

/// A case refusal: `ROLE_MAY_NOT` for a step the role may not take, `CASE_RULE` for any other
/// rule; the message starts with the rule's stable code.
fn refusal(rule: &CaseRuleError) -> CountyError {
    let code = match rule {
        CaseRuleError::RoleMayNot { .. } => ErrorCode::RoleMayNot,
        _ => ErrorCode::CaseRule,
    };
    CountyError::new(code, format!("{}: {rule}", rule.code()))
}

fn case_rule(code: &str, message: &str) -> CountyError {
    CountyError::new(ErrorCode::CaseRule, format!("{code}: {message}"))
}

/// The case at `heads` (none for an empty document or a state that is not a case).
fn case_at(
    doc: &mut AutoCommit,
    heads: &[ChangeHash],
    cache: &mut HashMap<Vec<ChangeHash>, Option<Case>>,
) -> Result<Option<Case>, CountyError> {
    let mut key = heads.to_vec();
    key.sort_unstable();
    if let Some(c) = cache.get(&key) {
        return Ok(c.clone());
    }
    let case = if key.is_empty() {
        None
    } else {
        document::read::<Case>(&doc.fork_at(&key)?).ok()
    };
    cache.insert(key, case.clone());
    Ok(case)
}

/// `new` in an order where each change follows the changes of `new` it depends on.
fn causal_order(new: &[Change]) -> Vec<&Change> {
    let mut placed: HashSet<ChangeHash> = HashSet::new();
    let ours: HashSet<ChangeHash> = new.iter().map(|c| c.hash()).collect();
    let mut left: Vec<&Change> = new.iter().collect();
    let mut out = Vec::with_capacity(new.len());
    while !left.is_empty() {
        let before = left.len();
        left.retain(|c| {
            let ready = c
                .deps()
                .iter()
                .all(|d| !ours.contains(d) || placed.contains(d));
            if ready {
                placed.insert(c.hash());
                out.push(*c);
            }
            !ready
        });
        if left.len() == before {
            // A cycle cannot happen in hashes; keep the rest as sent.
            out.append(&mut left);
        }
    }
    out
}

/// Re-judges the case events that the changes `new` add to the case document `merged` (the
/// county's copy with `new` applied; `stored_heads` where it stood before). For each change, in
/// causal order: events present where its author wrote it must remain as they were (the list is
/// append-only); each event it adds, in replay order, must be recorded by the change's author
/// (worker id and device id) and pass `Case::check_new_event` with the author's role, under the
/// county's policy and calendar, against the case as it stood at the change's dependencies plus
/// the change's events already judged — what an honest phone checked before writing it, so two
/// offline devices whose steps no longer fit together after a merge are both stored and replay
/// shows the conflict. Returns whether the case is new or now names another household or place
/// (its household must then be checked, see [`check_households`]).
pub(crate) fn check_case_events(
    authors: &Authors,
    rules: Option<&Rules>,
    merged: &mut AutoCommit,
    stored_heads: &[ChangeHash],
    new: &[Change],
) -> Result<bool, CountyError> {
    let example;
    let (policy, calendar): (&CountyPolicy, &WorkingDayCalendar) = match rules {
        Some(r) => (&r.policy, &r.calendar),
        None => {
            example = (
                CountyPolicy::dongying_example(),
                WorkingDayCalendar::builtin(),
            );
            (&example.0, &example.1)
        }
    };
    let now = Utc::now() + MAX_CLOCK_AHEAD;
    let mut cache = HashMap::new();
    for c in causal_order(new) {
        let before = case_at(merged, c.deps(), &mut cache)?;
        let Some(after) = case_at(merged, &[c.hash()], &mut cache)? else {
            return Err(CountyError::new(
                ErrorCode::InvalidContent,
                "a change leaves the case unreadable",
            ));
        };
        let earlier = before.map(|b| b.events).unwrap_or_default();
        let mut ids = HashSet::new();
        if !after.events.iter().all(|e| ids.insert(e.id.as_str()))
            || earlier.iter().any(|e| !after.events.iter().any(|a| a == e))
        {
            return Err(case_rule(
                "event_rewritten",
                "案件的办理记录只能追加，不能删除或修改",
            ));
        }
        let known: HashSet<&str> = earlier.iter().map(|e| e.id.as_str()).collect();
        let mut added: Vec<&dc::CaseEvent> = after
            .events
            .iter()
            .filter(|e| !known.contains(e.id.as_str()))
            .collect();
        if added.is_empty() {
            continue;
        }
        added.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        let author = authors.0.get(c.actor_id().to_bytes()).ok_or_else(|| {
            CountyError::new(ErrorCode::ForgedActor, "a change has no enrolled author")
        })?;
        let role = crate::roles::from_wire(author.role).ok_or_else(|| {
            CountyError::new(
                ErrorCode::RoleMayNot,
                "role_may_not: 本机登记时未指定职责，不能办理案件",
            )
        })?;
        let mut base = after.clone();
        base.events = earlier.clone();
        for e in added {
            if e.actor != author.worker_id || e.device != author.device_id {
                return Err(case_rule(
                    "event_author",
                    "办理记录须由记录它的本机和本人署名，不能代县级平台或他人记录",
                ));
            }
            base.check_new_event(policy, calendar, role, e, now)
                .map_err(|rule| refusal(&rule))?;
            base.events.push(e.clone());
        }
    }
    let stored = case_at(merged, stored_heads, &mut cache)?;
    let now_case: Option<Case> = document::read(merged).ok();
    Ok(match (stored, now_case) {
        (Some(s), Some(n)) => {
            s.household_id != n.household_id
                || s.village_code != n.village_code
                || s.grid_code != n.grid_code
        }
        _ => true,
    })
}

/// A case whose household must be checked: the household it names and where the case lies.
pub(crate) struct CaseHousehold<'a> {
    /// The household the case names.
    pub(crate) household_id: &'a str,
    /// The case's village.
    pub(crate) village_code: &'a str,
    /// The case's grid.
    pub(crate) grid_code: &'a str,
}

/// Photo reviews are the supervisors' (written at the console, or by a supervisor's device):
/// changes by any other role must leave every photo's review as the county held it, and a photo
/// they add arrives unreviewed. A worker answers a retake with a new photo naming the old one
/// (`retake_of`), never by editing the old one's review.
pub(crate) fn check_reviews(
    authors: &Authors,
    doc: &mut AutoCommit,
    kind: document::DocKind,
    before: &[ChangeHash],
) -> Result<(), CountyError> {
    if authors.0.values().all(|a| a.role == Role::Supervisor) {
        return Ok(());
    }
    let after = evidence(doc, kind)?;
    if after.is_empty() {
        return Ok(());
    }
    let held = if before.is_empty() {
        BTreeMap::new()
    } else {
        evidence(&doc.fork_at(before)?, kind)?
    };
    let review = |m: &PhotoMeta| {
        (
            m.review,
            m.review_reason.clone(),
            m.reviewed_by.clone(),
            m.reviewed_at,
        )
    };
    let unreviewed = (ReviewStatus::Pending, String::new(), String::new(), None);
    for (id, m) in &after {
        let was = held
            .get(id)
            .map(review)
            .unwrap_or_else(|| unreviewed.clone());
        if review(m) != was {
            return Err(CountyError::new(
                ErrorCode::RoleMayNot,
                "照片的审核由县级督导在县级平台进行，手机上不能更改审核结果；需重拍的照片请重拍一张",
            ));
        }
    }
    Ok(())
}

/// A household's or a case's photos; none for other kinds, or a document that does not read
/// (placement refuses it with its reasons).
fn evidence(
    doc: &AutoCommit,
    kind: document::DocKind,
) -> Result<BTreeMap<String, PhotoMeta>, CountyError> {
    Ok(match kind {
        document::DocKind::Household => document::read::<Household>(doc)
            .map(|h| h.evidence)
            .unwrap_or_default(),
        document::DocKind::Case => document::read::<Case>(doc)
            .map(|c| c.evidence)
            .unwrap_or_default(),
        document::DocKind::Policy => BTreeMap::new(),
    })
}

/// Checks that each case's household exists (at the county, or among the households of the
/// same request, `in_request`: id → village and grid) and lies in the case's village and grid,
/// hence in the sending device's scope, which the case passed. An unknown and a foreign
/// household get the same answer.
pub(crate) fn check_households(
    tx: &mut dyn Tx,
    cases: &[CaseHousehold<'_>],
    in_request: &HashMap<&str, (&str, &str)>,
) -> Result<(), CountyError> {
    for c in cases {
        let place = match in_request.get(c.household_id) {
            Some((v, g)) => Some((v.to_string(), g.to_string())),
            None => tx
                .stored_docs(&[c.household_id])?
                .remove(c.household_id)
                .filter(|d| d.indexed.kind == document::DocKind::Household.code())
                .map(|d| (d.indexed.village_code, d.indexed.grid_code)),
        };
        if place.as_ref().map(|(v, g)| (v.as_str(), g.as_str()))
            != Some((c.village_code, c.grid_code))
        {
            return Err(case_rule(
                "household_out_of_scope",
                "本案所属的家庭不在本案所在的村和网格内，或县级平台没有这户的记录",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::actors::Author;
    use automerge::ActorId;
    use ruhu_domain::case::{AssistanceKind, CaseEvent, CaseEventKind, CaseOrigin, CasePath};
    use ruhu_proto::v1::Role;

    fn accepted_case(at: chrono::DateTime<Utc>) -> Case {
        Case {
            id: "case-t".into(),
            household_id: "hh-t".into(),
            county_code: "370599".into(),
            village_code: "370599101201".into(),
            grid_code: "G01-1".into(),
            origin: CaseOrigin::Discovery,
            kind: AssistanceKind::Expenditure,
            path: CasePath::Normal,
            opened_at: at,
            opened_by: "w-1".into(),
            emergency: None,
            events: vec![CaseEvent::new(
                "a",
                CaseEventKind::Accepted,
                at,
                "t-1",
                "d-t",
            )],
            evidence: Default::default(),
        }
    }

    /// Judges `event`, appended by a grid worker `w-1` on device `d-1`, to a stored case.
    fn judge(event: CaseEvent) -> Result<bool, CountyError> {
        let start = Utc::now() - Duration::hours(1);
        let mut doc =
            document::create(&accepted_case(start), ActorId::random(), start).expect("create");
        let stored_heads = doc.get_heads();
        let worker = ActorId::random();
        doc.set_actor(worker.clone());
        let mut c: Case = document::read(&doc).expect("read");
        c.events.push(event);
        document::write(&mut doc, &c).expect("write");
        document::commit(&mut doc, "step", Utc::now());
        let new = doc.get_changes(&stored_heads);
        let mut authors = Authors::default();
        authors.0.insert(
            worker.to_bytes().to_vec(),
            Author {
                device_id: "d-1".into(),
                worker_id: "w-1".into(),
                role: Role::GridWorker,
            },
        );
        check_case_events(&authors, None, &mut doc, &stored_heads, &new)
    }

    #[test]
    fn a_step_the_author_may_take_passes_and_the_case_needs_no_household_check() {
        let e = CaseEvent::new("f", CaseEventKind::Feedback, Utc::now(), "w-1", "d-1");
        assert!(!judge(e).expect("accepted"));
    }

    #[test]
    fn a_step_beyond_the_role_is_role_may_not_and_a_step_signed_by_another_is_case_rule() {
        let mut approval = CaseEvent::new("x", CaseEventKind::Approved, Utc::now(), "w-1", "d-1");
        approval.amount = Some(ruhu_domain::money::Money::from_fen(300_000));
        let e = judge(approval).expect_err("refused");
        assert_eq!(e.code, ErrorCode::RoleMayNot);
        assert!(e.message.starts_with("role_may_not: "), "{}", e.message);
        let as_console =
            CaseEvent::new("y", CaseEventKind::Feedback, Utc::now(), "admin", "console");
        let e = judge(as_console).expect_err("refused");
        assert_eq!(e.code, ErrorCode::CaseRule);
        assert!(e.message.starts_with("event_author: "), "{}", e.message);
    }

    #[test]
    fn a_step_dated_past_the_allowed_clock_skew_is_refused() {
        let ahead = Utc::now() + MAX_CLOCK_AHEAD + Duration::hours(1);
        let e = CaseEvent::new("z", CaseEventKind::Feedback, ahead, "w-1", "d-1");
        let e = judge(e).expect_err("refused");
        assert_eq!(e.code, ErrorCode::CaseRule);
        assert!(e.message.starts_with("invalid_event: "), "{}", e.message);
        let tomorrow = Utc::now() + Duration::hours(24);
        let e = CaseEvent::new("z", CaseEventKind::Feedback, tomorrow, "w-1", "d-1");
        assert!(judge(e).is_ok());
    }
}
