//! Merge behaviour of household and case documents between two devices.

use automerge::{ActorId, AutoCommit};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::{DocError, commit, conflicts, create, read, write};
use crate::case::{AssistanceKind, Case, CaseEvent, CaseEventKind, CaseOrigin, CasePath};
use crate::household::Household;
use crate::member::{Relation, Sex};
use crate::money::Money;
use crate::sample::{self, SampleRng};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap()
}

fn pair() -> (AutoCommit, AutoCommit, Household) {
    let mut rng = SampleRng::new(3);
    let h = sample::household(&mut rng, 1, "w1", now());
    let a = create(&h, ActorId::from(&[1u8; 16][..]), now()).unwrap();
    let mut a2 = a.clone();
    let b = a2.fork().with_actor(ActorId::from(&[2u8; 16][..]));
    (a, b, h)
}

fn edit(doc: &mut AutoCommit, f: impl FnOnce(&mut Household)) {
    let mut h: Household = read(doc).unwrap();
    f(&mut h);
    write(doc, &h).unwrap();
    commit(doc, "edit", now());
}

#[test]
fn edits_of_different_fields_on_two_devices_both_survive_the_merge() {
    let (mut a, mut b, _) = pair();
    edit(&mut a, |h| {
        h.economics.income.wage = Money::from_yuan(12_000)
    });
    edit(&mut b, |h| h.profile.contact_phone = "13900000000".into());
    a.merge(&mut b).unwrap();
    let h: Household = read(&a).unwrap();
    assert_eq!(h.economics.income.wage, Money::from_yuan(12_000));
    assert_eq!(h.profile.contact_phone, "13900000000");
    assert!(conflicts::list(&a).is_empty());
}

#[test]
fn two_workers_adding_members_offline_keep_both() {
    let (mut a, mut b, h) = pair();
    let before = h.members.len();
    let mut rng = SampleRng::new(9);
    let birth = NaiveDate::from_ymd_opt(2015, 5, 1).unwrap();
    let m1 = sample::member(&mut rng, Relation::Grandchild, Sex::Male, birth);
    let m2 = sample::member(&mut rng, Relation::Grandchild, Sex::Female, birth);
    edit(&mut a, |h| {
        h.members.insert("m-a".into(), m1);
    });
    edit(&mut b, |h| {
        h.members.insert("m-b".into(), m2);
    });
    a.merge(&mut b).unwrap();
    let merged: Household = read(&a).unwrap();
    assert_eq!(merged.members.len(), before + 2);
    assert!(merged.members.contains_key("m-a") && merged.members.contains_key("m-b"));
}

#[test]
fn same_field_typed_twice_is_a_conflict_that_survives_other_edits_until_settled() {
    let (mut a, mut b, _) = pair();
    edit(&mut a, |h| {
        h.economics.income.wage = Money::from_yuan(10_000)
    });
    edit(&mut b, |h| {
        h.economics.income.wage = Money::from_yuan(18_000)
    });
    a.merge(&mut b).unwrap();
    let found = conflicts::list(&a);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, ["economics", "income", "wage"]);
    let mut values = found[0].values.clone();
    values.sort_by_key(|v| v.as_i64());
    assert_eq!(values, [json!(1_000_000), json!(1_800_000)]);

    // Editing another field must not settle the conflict behind the person's back.
    edit(&mut a, |h| h.profile.contact_phone = "13700000000".into());
    assert_eq!(conflicts::list(&a).len(), 1);

    conflicts::settle(
        &mut a,
        &found[0].path,
        &json!(1_800_000),
        "supervisor-1",
        now(),
    )
    .unwrap();
    commit(&mut a, "settle", now());
    assert!(conflicts::list(&a).is_empty());
    let h: Household = read(&a).unwrap();
    assert_eq!(h.economics.income.wage, Money::from_yuan(18_000));
    let recorded = conflicts::resolutions(&a);
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].0, "economics/income/wage");
    assert_eq!(recorded[0].2, "supervisor-1");
}

#[test]
fn settling_with_a_value_that_is_not_a_candidate_is_refused() {
    let (mut a, mut b, _) = pair();
    edit(&mut a, |h| h.economics.debts = Money::from_yuan(1));
    edit(&mut b, |h| h.economics.debts = Money::from_yuan(2));
    a.merge(&mut b).unwrap();
    let path = conflicts::list(&a)[0].path.clone();
    let err = conflicts::settle(&mut a, &path, &json!(999), "s", now()).unwrap_err();
    assert!(matches!(err, conflicts::SettleError::NotACandidate));
    assert_eq!(conflicts::list(&a).len(), 1);
}

#[test]
fn events_appended_on_two_devices_are_both_kept() {
    let case = Case {
        id: "c1".into(),
        household_id: "h1".into(),
        county_code: sample::COUNTY_CODE.into(),
        village_code: "370599100200".into(),
        grid_code: "G01-1".into(),
        origin: CaseOrigin::Discovery,
        kind: AssistanceKind::Expenditure,
        path: CasePath::Normal,
        opened_at: now(),
        opened_by: "w1".into(),
        emergency: None,
        events: vec![],
        evidence: Default::default(),
    };
    let mut a = create(&case, ActorId::from(&[1u8; 16][..]), now()).unwrap();
    let mut b = a.fork().with_actor(ActorId::from(&[2u8; 16][..]));
    for (doc, id) in [(&mut a, "e1"), (&mut b, "e2")] {
        let mut c: Case = read(doc).unwrap();
        c.events.push(CaseEvent {
            department: Some("医保".into()),
            ..CaseEvent::new(id, CaseEventKind::Referred, now(), "w", "d")
        });
        write(doc, &c).unwrap();
        commit(doc, "event", now());
    }
    a.merge(&mut b).unwrap();
    let merged: Case = read(&a).unwrap();
    let mut ids: Vec<_> = merged.events.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["e1", "e2"]);
}

#[test]
fn a_value_from_a_newer_app_version_is_a_typed_error_not_a_guess() {
    let (mut a, _, h) = pair();
    let member = h.members.keys().next().unwrap().clone();
    let obj = {
        use automerge::{ROOT, ReadDoc};
        let (_, members) = a.get(ROOT, "members").unwrap().unwrap();
        let (_, m) = a.get(&members, member.as_str()).unwrap().unwrap();
        m
    };
    use automerge::transaction::Transactable;
    a.put(&obj, "work", "gig_platform").unwrap();
    let err = read::<Household>(&a).unwrap_err();
    assert!(
        matches!(err, DocError::NewerVersion { ref code } if code == "gig_platform"),
        "{err:?}"
    );
}

/// The automerge object of the household's first member.
fn first_member(doc: &AutoCommit, h: &Household) -> automerge::ObjId {
    use automerge::{ROOT, ReadDoc};
    let member = h.members.keys().next().unwrap();
    let (_, members) = doc.get(ROOT, "members").unwrap().unwrap();
    let (_, m) = doc.get(&members, member.as_str()).unwrap().unwrap();
    m
}

#[test]
fn an_unknown_relation_of_a_member_is_a_newer_version_carrying_the_code() {
    use automerge::transaction::Transactable;
    let (mut a, _, h) = pair();
    let m = first_member(&a, &h);
    a.put(&m, "relation", "godchild").unwrap();
    let err = read::<Household>(&a).unwrap_err();
    assert!(
        matches!(err, DocError::NewerVersion { ref code } if code == "godchild"),
        "{err:?}"
    );
}

#[test]
fn an_unknown_case_event_kind_is_a_newer_version_carrying_the_code() {
    use automerge::{ROOT, ReadDoc, transaction::Transactable};
    let case = Case {
        id: "c1".into(),
        household_id: "h1".into(),
        county_code: sample::COUNTY_CODE.into(),
        village_code: "370599100200".into(),
        grid_code: "G01-1".into(),
        origin: CaseOrigin::Discovery,
        kind: AssistanceKind::Expenditure,
        path: CasePath::Normal,
        opened_at: now(),
        opened_by: "w1".into(),
        emergency: None,
        events: vec![CaseEvent::new(
            "e1",
            CaseEventKind::Referred,
            now(),
            "w",
            "d",
        )],
        evidence: Default::default(),
    };
    let mut doc = create(&case, ActorId::from(&[1u8; 16][..]), now()).unwrap();
    let (_, events) = doc.get(ROOT, "events").unwrap().unwrap();
    let (_, event) = doc.get(&events, 0).unwrap().unwrap();
    doc.put(&event, "kind", "mediated").unwrap();
    let err = read::<Case>(&doc).unwrap_err();
    assert!(
        matches!(err, DocError::NewerVersion { ref code } if code == "mediated"),
        "{err:?}"
    );
}

#[test]
fn a_value_of_the_wrong_type_is_unreadable_without_quoting_the_value() {
    use automerge::{ROOT, ReadDoc, transaction::Transactable};
    let (mut a, _, h) = pair();
    let m = first_member(&a, &h);
    a.put(&m, "relation", 7_i64).unwrap();
    let err = read::<Household>(&a).unwrap_err();
    assert!(matches!(err, DocError::Unreadable(_)), "{err:?}");

    let (mut b, _, _) = pair();
    let (_, economics) = b.get(ROOT, "economics").unwrap().unwrap();
    let (_, income) = b.get(&economics, "income").unwrap().unwrap();
    b.put(&income, "wage", "张三丰").unwrap();
    let err = read::<Household>(&b).unwrap_err();
    let DocError::Unreadable(text) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(text, "invalid type");
    assert!(!err.to_string().contains("张三丰"), "{err}");
}

#[test]
fn fields_unknown_to_this_version_are_kept_when_editing() {
    let (mut a, _, _) = pair();
    {
        use automerge::{ROOT, transaction::Transactable};
        a.put(ROOT, "future_field", "kept").unwrap();
    }
    edit(&mut a, |h| h.profile.contact_phone = "13500000000".into());
    use automerge::{ROOT, ReadDoc};
    assert!(a.get(ROOT, "future_field").unwrap().is_some());
}
