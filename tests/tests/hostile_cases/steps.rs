//! Case steps a phone had no right to write: a self-approval signed as the console's and
//! backdated, a step beyond the worker's role; and two honest acceptances made offline.

use super::*;

#[test]
fn a_grid_workers_self_approval_signed_as_admin_and_backdated_is_refused_and_never_shown() {
    let county = TestCounty::start();
    county.publish_policy(1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let officer = county.officer_phone(dir.path(), "t-1", &["G01-1"]);
    let h = household(&officer, "G01-1", "闵秀英");
    let case = accepted_case(&officer, &h);
    let colleague = county.phone(dir.path(), "w-2", &["G01-1"]);
    colleague.sync(None).unwrap();
    let mut attacker = Attacker::grid_worker(&county, "w-666", &["G01-1"]);
    attacker.pull();
    let held = county.change_count();
    let stored: Case = document::read(&county.document(&case)).unwrap();

    // As the console's `admin`: a step no phone may write.
    let as_admin = forged_steps(
        &county,
        &attacker,
        &case,
        self_approval(&stored, "admin", "console"),
    );
    let answer = attacker.sync(vec![as_admin]);
    assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
    assert!(
        message_of(&answer).starts_with("event_author: "),
        "{answer:?}"
    );
    assert!(healthy(&attacker.base));
    // Signed with its own identity, backdated: refused for its time.
    let own = self_approval(&stored, &attacker.worker_id, &attacker.device_id);
    let answer = attacker.sync(vec![forged_steps(&county, &attacker, &case, own.clone())]);
    assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
    assert!(
        message_of(&answer).starts_with("before_earlier_step: "),
        "{answer:?}"
    );
    // Dated now: a grid worker may not approve.
    let now = chrono::Utc::now();
    let own = own
        .into_iter()
        .enumerate()
        .map(|(i, e)| CaseEvent {
            at: now + Duration::seconds(i as i64),
            ..e
        })
        .collect();
    let own = forged_steps(&county, &attacker, &case, own);
    let answer = attacker.sync(vec![own]);
    assert_eq!(answer.refused_code(), ErrorCode::RoleMayNot);
    assert!(
        message_of(&answer).starts_with("role_may_not: "),
        "{answer:?}"
    );
    // A step a grid worker may take, dated before the acceptance.
    let mut visit = CaseEvent::new(
        "forged-5",
        CaseEventKind::Investigated,
        stored.events[0].at - Duration::hours(1),
        &attacker.worker_id,
        &attacker.device_id,
    );
    visit.investigators = vec!["w-666".into(), "w-2".into()];
    let answer = attacker.sync(vec![forged_steps(&county, &attacker, &case, vec![visit])]);
    assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
    assert!(
        message_of(&answer).starts_with("before_earlier_step: "),
        "{answer:?}"
    );
    // Rewriting the acceptance into an approval, or deleting it, with raw automerge edits.
    use automerge::ReadDoc;
    use automerge::transaction::Transactable;
    for rewrite in [true, false] {
        let mut f = Forged::from_county(&county, &case, "case", attacker.actor.clone());
        f.edit(|doc| {
            let (_, events) = doc.get(automerge::ROOT, "events").unwrap().unwrap();
            if rewrite {
                let (_, first) = doc.get(&events, 0).unwrap().unwrap();
                doc.put(&first, "kind", "approved").unwrap();
            } else {
                doc.delete(&events, 0).unwrap();
            }
        });
        let answer = attacker.sync(vec![f.take()]);
        assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
        assert!(
            message_of(&answer).starts_with("event_rewritten: "),
            "{answer:?}"
        );
    }
    assert!(healthy(&attacker.base));

    // Nothing of it was stored or sent on; the console shows no approval and no 公示.
    assert_eq!(county.change_count(), held);
    let now: Case = document::read(&county.document(&case)).unwrap();
    assert_eq!(now.events, stored.events);
    colleague.sync(None).unwrap();
    assert_eq!(
        colleague.case_detail(case.clone()).unwrap().status,
        CaseStatus::Accepted
    );
    county.console_account("shen", "supervisor", &[COUNTY], PASSWORD);
    let console = Console::login(&county.url(), "shen", PASSWORD);
    let (status, page) = console.get(&format!("/console/cases/{case}"));
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("3000.00") && !page.contains("3,000"),
        "{page}"
    );
    let (_, publicity) = console.get("/console/publicity");
    assert!(!publicity.contains("闵秀英"));

    // The honest officer's next step and sync still work.
    officer
        .append_case_event(
            case.clone(),
            CaseEventInput {
                department: Some("县医疗保障局".into()),
                ..CaseEventInput::new(K::Referred)
            },
        )
        .unwrap();
    officer.sync(None).unwrap();
    let after: Case = document::read(&county.document(&case)).unwrap();
    assert_eq!(after.events.len(), stored.events.len() + 1);
}

#[test]
fn two_offline_officers_accepting_one_case_are_both_stored_and_replay_shows_the_conflict() {
    let county = TestCounty::start();
    county.publish_policy(1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = county.officer_phone(dir.path(), "t-a", &["G01-1"]);
    let b = county.officer_phone(dir.path(), "t-b", &["G01-1"]);
    let h = household(&a, "G01-1", "尤桂芝");
    let case = application(&a, &h);
    a.sync(None).unwrap();
    b.sync(None).unwrap();
    // Both accept while offline: each step fits the case its phone held.
    for phone in [&a, &b] {
        phone
            .append_case_event(case.clone(), CaseEventInput::new(K::Accepted))
            .unwrap();
    }
    a.sync(None).unwrap();
    b.sync(None).unwrap();
    let held: Case = document::read(&county.document(&case)).unwrap();
    let accepted = held
        .events
        .iter()
        .filter(|e| e.kind == CaseEventKind::Accepted)
        .count();
    assert_eq!(accepted, 2);
    let conflicts = held.replay().conflicts;
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].rule.code(), "already_accepted");
}

#[test]
fn a_step_beyond_the_workers_role_is_refused_at_the_county_and_kept_on_the_phone_with_plain_words()
{
    // Today's phone refuses the step itself (the same rules, before and after the county's
    // policy arrives); a phone on an older build recorded it unchecked, as written here
    // straight into its store: the county judges it.
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let worker = county.phone(dir.path(), "w-role", &["G01-1"]);
    let h = household(&worker, "G01-1", "秦秋月");
    let case = worker
        .create_case(CaseInput {
            household_id: h.clone(),
            origin: CaseOrigin::Discovery,
            kind: AssistanceKind::Expenditure,
            path: CasePath::Normal,
            opened_at_ms: None,
            emergency: None,
        })
        .unwrap();
    worker.sync(None).unwrap();
    let stored_before = county.change_count();

    let approval = CaseEventInput {
        amount_fen: Some(300_000),
        ..CaseEventInput::new(K::Approved)
    };
    let err = worker
        .append_case_event(case.clone(), approval)
        .unwrap_err();
    assert!(
        matches!(&err, ruhu_core::error::ApiError::CaseRuleBroken { rule, .. } if rule == "role_may_not"),
        "{err:?}"
    );
    let device = county.devices_of("w-role").pop().expect("enrolled");
    let older_build =
        ruhu_store::Store::open(&dir.path().join("w-role.db"), &[9; 32]).expect("the store");
    older_build
        .update::<Case>(&case, "append event", chrono::Utc::now(), |c| {
            let mut e = CaseEvent::new(
                "00000000-0000-4000-8000-00000000a001",
                CaseEventKind::Approved,
                chrono::Utc::now(),
                "w-role",
                &device,
            );
            e.amount = Some(Money::from_fen(300_000));
            c.events.push(e);
            Ok(())
        })
        .unwrap();
    drop(older_build);
    let report = worker.sync(None).unwrap();
    assert_eq!(report.documents_refused, 1);
    assert_eq!(
        county.change_count(),
        stored_before,
        "nothing of the step stored"
    );

    let refused = worker.refused_documents().unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].document_id, case);
    assert_eq!(refused[0].code, "role_may_not");
    assert!(refused[0].reason.contains("职责"), "{}", refused[0].reason);
    assert!(!refused[0].reason.chars().any(|c| c.is_ascii_alphabetic()));
    // The worker's step is still on the phone.
    let detail = worker.case_detail(case.clone()).unwrap();
    assert!(detail.events.iter().any(|e| e.kind == K::Approved));
    // Nothing else is held up: the worker's next household still syncs.
    household(&worker, "G01-1", "秦春生");
    let next = worker.sync(None).unwrap();
    assert_eq!(next.documents_sent, 1);
    assert!(healthy(&county.url()));
}
