//! The normal path from acceptance to closure, 公示 and 转办单, each step checked as the phone
//! checks it.

use super::*;

#[test]
fn a_normal_case_runs_from_acceptance_to_closure_with_every_step_checked() {
    let mut c = case(
        CasePath::Normal,
        AssistanceKind::Expenditure,
        china(2026, 3, 2, 9, 0),
    );
    let officer = Role::TownshipOfficer;
    append(
        &mut c,
        officer,
        ev(
            "a",
            CaseEventKind::Accepted,
            china(2026, 3, 2, 9, 30),
            "t-zhao",
        ),
    );
    append(
        &mut c,
        Role::GridWorker,
        visit("b", china(2026, 3, 4, 10, 0)),
    );
    append(
        &mut c,
        officer,
        paid(
            "c",
            CaseEventKind::PreliminaryReview,
            china(2026, 3, 9, 15, 0),
            "t-zhao",
            9000,
        ),
    );
    append(
        &mut c,
        officer,
        paid(
            "d",
            CaseEventKind::Approved,
            china(2026, 3, 16, 10, 0),
            "t-qian",
            9000,
        ),
    );
    let notice = CaseEvent {
        photos: vec!["notice-1".into()],
        ..ev(
            "e",
            CaseEventKind::PublicityStarted,
            china(2026, 3, 17, 9, 0),
            "t-zhao",
        )
    };
    append(&mut c, officer, notice);
    append(
        &mut c,
        officer,
        ev(
            "f",
            CaseEventKind::PublicityEnded,
            china(2026, 3, 25, 9, 0),
            "t-zhao",
        ),
    );
    // 一次审批、分批救助: two batches of 4500 元.
    append(
        &mut c,
        officer,
        paid(
            "g",
            CaseEventKind::Payment,
            china(2026, 3, 26, 9, 0),
            "t-zhao",
            4500,
        ),
    );
    append(
        &mut c,
        officer,
        paid(
            "h",
            CaseEventKind::Payment,
            china(2026, 4, 27, 9, 0),
            "t-zhao",
            4500,
        ),
    );
    append(
        &mut c,
        Role::GridWorker,
        ev(
            "i",
            CaseEventKind::Feedback,
            china(2026, 4, 28, 9, 0),
            "w-li",
        ),
    );
    append(
        &mut c,
        officer,
        ev(
            "j",
            CaseEventKind::Closed,
            china(2026, 4, 28, 10, 0),
            "t-zhao",
        ),
    );

    let s = replay(&c);
    assert_eq!(s.status, CaseStatus::Closed);
    assert!(s.conflicts.is_empty());
    assert!(s.clocks.is_empty());
    assert_eq!(s.owner.as_deref(), Some("t-zhao"));
    assert_eq!(s.batches_paid, Money::from_yuan(9000));
    let batches: Vec<_> = s.payments.iter().map(|p| p.batch).collect();
    assert_eq!(batches, [Some(1), Some(2)]);
    let ceiling = crate::policy::check_ceiling(&policy(), &s.ceiling_payments(), 2026).unwrap();
    assert_eq!(ceiling.remaining, Money::from_yuan(191_000));
}

#[test]
fn publicity_runs_seven_calendar_days_before_it_can_end() {
    let mut c = case(
        CasePath::Normal,
        AssistanceKind::Expenditure,
        china(2026, 3, 2, 9, 0),
    );
    c.events = vec![
        ev(
            "a",
            CaseEventKind::Accepted,
            china(2026, 3, 2, 9, 30),
            "t-zhao",
        ),
        visit("b", china(2026, 3, 4, 10, 0)),
        paid(
            "c",
            CaseEventKind::PreliminaryReview,
            china(2026, 3, 9, 15, 0),
            "t-zhao",
            9000,
        ),
        paid(
            "d",
            CaseEventKind::Approved,
            china(2026, 3, 16, 10, 0),
            "t-qian",
            9000,
        ),
        paid(
            "e",
            CaseEventKind::Payment,
            china(2026, 3, 17, 8, 0),
            "t-zhao",
            4500,
        ),
        ev(
            "f",
            CaseEventKind::PublicityStarted,
            china(2026, 3, 20, 10, 0),
            "t-zhao",
        ),
    ];
    let s = replay(&c);
    assert_eq!(s.conflicts[0].rule.code(), "payment_before_publicity");
    assert_eq!(running(&s), [CaseClock::Publicity]);
    // Posted Fri 03-20; seven days end at 24:00 of Fri 03-27.
    assert_eq!(s.next_deadline(), Some(china(2026, 3, 28, 0, 0)));

    let early = ev(
        "g",
        CaseEventKind::PublicityEnded,
        china(2026, 3, 27, 18, 0),
        "t-zhao",
    );
    let refused = c.check_new_event(
        &policy(),
        &calendar(),
        Role::TownshipOfficer,
        &early,
        early.at,
    );
    assert_eq!(refused.map_err(|e| e.code()), Err("publicity_too_short"));
    c.events.push(early);
    c.events.push(ev(
        "h",
        CaseEventKind::PublicityEnded,
        china(2026, 3, 28, 9, 0),
        "t-zhao",
    ));
    let s = replay(&c);
    let codes: Vec<_> = s
        .conflicts
        .iter()
        .map(|x| (x.event_id.as_str(), x.rule.code()))
        .collect();
    assert_eq!(
        codes,
        [
            ("e", "payment_before_publicity"),
            ("g", "publicity_too_short")
        ]
    );
    assert_eq!(
        s.publicity,
        Publicity::Done {
            ended_at: china(2026, 3, 28, 9, 0),
            objection: false
        }
    );
}

#[test]
fn a_referral_stays_open_until_the_department_answers() {
    let mut c = case(
        CasePath::Urgent,
        AssistanceKind::Emergency,
        china(2026, 3, 2, 9, 0),
    );
    append(
        &mut c,
        Role::TownshipOfficer,
        ev(
            "a",
            CaseEventKind::Accepted,
            china(2026, 3, 2, 9, 10),
            "t-zhao",
        ),
    );
    append(
        &mut c,
        Role::TownshipOfficer,
        paid(
            "b",
            CaseEventKind::AdvanceAid,
            china(2026, 3, 2, 11, 0),
            "t-zhao",
            2000,
        ),
    );
    let slip = CaseEvent {
        department: Some("医保局".into()),
        ..ev(
            "r1",
            CaseEventKind::Referred,
            china(2026, 3, 3, 9, 0),
            "t-zhao",
        )
    };
    append(&mut c, Role::TownshipOfficer, slip);
    let s = replay(&c);
    assert_eq!(s.open_referrals().len(), 1);
    let waiting = clock(&s, CaseClock::ReferralFeedback);
    assert_eq!(waiting.referral.as_deref(), Some("r1"));
    // Ten working days after Tue 03-03: Tue 03-17.
    assert_eq!(waiting.due, Ok(china(2026, 3, 18, 0, 0)));
    assert_eq!(s.open_referrals()[0].due, Ok(china(2026, 3, 18, 0, 0)));

    let answer = CaseEvent {
        answers: Some("r1".into()),
        department: Some("医保局".into()),
        note: "已纳入医疗救助，报销比例提高".into(),
        ..ev(
            "r1-answer",
            CaseEventKind::ReferralAnswered,
            china(2026, 3, 10, 9, 0),
            "t-zhao",
        )
    };
    append(&mut c, Role::TownshipOfficer, answer);
    let s = replay(&c);
    assert!(s.open_referrals().is_empty());
    assert_eq!(s.referrals[0].answered_by.as_deref(), Some("r1-answer"));
    assert!(!running(&s).contains(&CaseClock::ReferralFeedback));
}
