//! Events that do not apply after a merge, and events refused before they are written.

use super::*;

/// Accepted, visited and reviewed (9000 元 proposed) by the township.
fn reviewed() -> Case {
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
    ];
    c
}

fn conflict_codes(s: &CaseState) -> Vec<(&str, &'static str)> {
    s.conflicts
        .iter()
        .map(|x| (x.event_id.as_str(), x.rule.code()))
        .collect()
}

#[test]
fn two_approvers_offline_leave_one_approval_and_one_conflict() {
    let mut c = reviewed();
    // 钱 and 孙 both approve on their phones without signal, minutes apart.
    c.events.push(paid(
        "d2",
        CaseEventKind::Approved,
        china(2026, 3, 16, 10, 5),
        "t-sun",
        8000,
    ));
    c.events.push(paid(
        "d1",
        CaseEventKind::Approved,
        china(2026, 3, 16, 10, 0),
        "t-qian",
        9000,
    ));
    let s = replay(&c);
    assert_eq!(conflict_codes(&s), [("d2", "already_approved")]);
    assert_eq!(s.status, CaseStatus::Approved);
    assert_eq!(s.approved_amount, Some(Money::from_yuan(9000)));
    assert_eq!(s.conflicts[0].reason, "案件已审批，重复审批无效");
}

#[test]
fn payments_after_closure_or_beyond_the_approval_are_conflicts() {
    let mut c = reviewed();
    c.events.extend([
        paid(
            "d",
            CaseEventKind::Approved,
            china(2026, 3, 16, 10, 0),
            "t-qian",
            9000,
        ),
        ev(
            "e",
            CaseEventKind::PublicityStarted,
            china(2026, 3, 17, 9, 0),
            "t-zhao",
        ),
        ev(
            "f",
            CaseEventKind::PublicityEnded,
            china(2026, 3, 25, 9, 0),
            "t-zhao",
        ),
        paid(
            "g",
            CaseEventKind::Payment,
            china(2026, 3, 26, 9, 0),
            "t-zhao",
            6000,
        ),
        // Recorded on another phone before it saw batch g: 6000 + 4000 is over 9000.
        paid(
            "h",
            CaseEventKind::Payment,
            china(2026, 3, 26, 11, 0),
            "t-sun",
            4000,
        ),
        paid(
            "i",
            CaseEventKind::Payment,
            china(2026, 4, 20, 9, 0),
            "t-zhao",
            3000,
        ),
        ev(
            "j",
            CaseEventKind::Feedback,
            china(2026, 4, 21, 9, 0),
            "w-li",
        ),
        ev(
            "k",
            CaseEventKind::Closed,
            china(2026, 4, 21, 10, 0),
            "t-zhao",
        ),
        paid(
            "l",
            CaseEventKind::Payment,
            china(2026, 4, 22, 9, 0),
            "t-sun",
            500,
        ),
    ]);
    let s = replay(&c);
    assert_eq!(
        conflict_codes(&s),
        [("h", "payment_over_approved"), ("l", "case_closed")]
    );
    assert_eq!(
        s.conflicts[0].reason,
        "分批发放合计10000.00 元，超过审批金额9000.00 元"
    );
    assert_eq!(s.total_paid, Money::from_yuan(9000));
    assert_eq!(s.status, CaseStatus::Closed);
}

#[test]
fn an_approval_above_the_tiers_without_case_by_case_meeting_is_a_conflict() {
    // 支出型 tiers pay at most 30,000 元; 40,000 needs 一事一议 (and the county).
    let mut without = reviewed();
    without.events.push(paid(
        "d",
        CaseEventKind::Approved,
        china(2026, 3, 16, 10, 0),
        "c-zhou",
        40_000,
    ));
    let s = replay(&without);
    assert_eq!(conflict_codes(&s), [("d", "needs_case_by_case_meeting")]);
    assert_eq!(s.status, CaseStatus::Reviewed);

    let mut with = reviewed();
    with.events.push(meeting(
        "m",
        MeetingKind::CaseByCase,
        china(2026, 3, 13, 15, 0),
    ));
    with.events.push(paid(
        "d",
        CaseEventKind::Approved,
        china(2026, 3, 16, 10, 0),
        "c-zhou",
        40_000,
    ));
    let s = replay(&with);
    assert!(s.conflicts.is_empty());
    assert_eq!(s.meetings[0].meeting.participants.len(), 3);
}

#[test]
fn medical_costs_above_50000_need_case_by_case_even_for_a_small_amount() {
    let mut c = reviewed();
    c.events[1].out_of_pocket_medical = Some(Money::from_yuan(62_000));
    let s = replay(&c);
    assert!(s.case_by_case_needed);
    assert_eq!(s.approval_level, ApprovalLevel::County);
    assert_eq!(running(&s), [CaseClock::CountyDecision]);
    c.events.push(paid(
        "d",
        CaseEventKind::Approved,
        china(2026, 3, 16, 10, 0),
        "c-zhou",
        5000,
    ));
    assert_eq!(
        conflict_codes(&replay(&c)),
        [("d", "needs_case_by_case_meeting")]
    );
}

#[test]
fn a_second_acceptance_and_an_answer_to_an_unknown_referral_are_conflicts() {
    let mut c = reviewed();
    c.events.extend([
        ev(
            "a2",
            CaseEventKind::Accepted,
            china(2026, 3, 2, 10, 0),
            "t-sun",
        ),
        CaseEvent {
            answers: Some("no-such-slip".into()),
            ..ev(
                "x",
                CaseEventKind::ReferralAnswered,
                china(2026, 3, 5, 9, 0),
                "t-zhao",
            )
        },
    ]);
    let s = replay(&c);
    assert_eq!(
        conflict_codes(&s),
        [("a2", "already_accepted"), ("x", "unknown_referral")]
    );
    assert_eq!(s.owner.as_deref(), Some("t-zhao"));
}

#[test]
fn a_grid_worker_approving_is_refused_by_the_role_rule() {
    let c = reviewed();
    let e = paid(
        "d",
        CaseEventKind::Approved,
        china(2026, 3, 16, 10, 0),
        "w-li",
        9000,
    );
    let err = c
        .check_new_event(&policy(), &calendar(), Role::GridWorker, &e, e.at)
        .unwrap_err();
    assert_eq!(err.code(), "role_may_not");
    assert_eq!(err.to_string(), "网格员不能进行“审批通过”");
    // A township officer may not approve what the county must decide.
    let big = paid(
        "d",
        CaseEventKind::Approved,
        china(2026, 3, 16, 10, 0),
        "t-qian",
        25_000,
    );
    let err = c.check_new_event(&policy(), &calendar(), Role::TownshipOfficer, &big, big.at);
    assert_eq!(err.map_err(|e| e.code()), Err("county_approval_required"));
    assert_eq!(c.events.len(), 3);
}

#[test]
fn an_investigation_needs_two_investigators_and_the_signed_form() {
    let mut c = reviewed();
    c.events.truncate(1);
    let mut alone = visit("b", china(2026, 3, 4, 10, 0));
    alone.investigators = vec!["w-li".into(), " w-li ".into()];
    let check = |e: &CaseEvent| {
        c.check_new_event(&policy(), &calendar(), Role::GridWorker, e, e.at)
            .map_err(|r| r.code())
    };
    assert_eq!(check(&alone), Err("too_few_investigators"));
    let unsigned = CaseEvent {
        photos: vec!["notice-1".into()],
        ..visit("b", china(2026, 3, 4, 10, 0))
    };
    assert_eq!(check(&unsigned), Err("signatures_missing"));
    let stray = CaseEvent {
        photos: vec!["not-in-evidence".into()],
        ..visit("b", china(2026, 3, 4, 10, 0))
    };
    assert_eq!(check(&stray), Err("unknown_photo"));
    assert_eq!(check(&visit("b", china(2026, 3, 4, 10, 0))), Ok(()));
}

#[test]
fn bad_money_and_meetings_are_refused_before_they_are_written() {
    let mut c = reviewed();
    c.events.push(meeting(
        "m0",
        MeetingKind::CollectiveReview,
        china(2026, 3, 10, 9, 0),
    ));
    let check = |c: &Case, e: &CaseEvent| {
        c.check_new_event(&policy(), &calendar(), Role::TownshipOfficer, e, e.at)
            .map_err(|r| r.code())
    };
    let no_amount = ev(
        "d",
        CaseEventKind::Approved,
        china(2026, 3, 16, 10, 0),
        "t-qian",
    );
    assert_eq!(check(&c, &no_amount), Err("approval_needs_amount"));
    let mut two = meeting("m", MeetingKind::CaseByCase, china(2026, 3, 12, 9, 0));
    if let Some(m) = two.meeting.as_mut() {
        m.participants.truncate(2);
    }
    assert_eq!(check(&c, &two), Err("too_few_participants"));
    let early = paid(
        "p",
        CaseEventKind::Payment,
        china(2026, 3, 12, 9, 0),
        "t-zhao",
        100,
    );
    assert_eq!(check(&c, &early), Err("payment_before_approval"));
    let negative = paid(
        "p",
        CaseEventKind::Payment,
        china(2026, 3, 12, 9, 0),
        "t-zhao",
        -5,
    );
    assert_eq!(check(&c, &negative), Err("invalid_event"));

    // The yearly ceiling counts this case's 先行救助 and batches by China date.
    let mut urgent = c.clone();
    urgent.path = CasePath::Urgent;
    urgent.events.push(paid(
        "aid",
        CaseEventKind::AdvanceAid,
        china(2026, 3, 3, 9, 0),
        "t-zhao",
        150_000,
    ));
    let more = paid(
        "aid2",
        CaseEventKind::AdvanceAid,
        china(2026, 3, 12, 9, 0),
        "t-zhao",
        60_000,
    );
    assert_eq!(check(&urgent, &more), Err("ceiling_exceeded"));
}

#[test]
fn records_from_before_amounts_replay_as_before_with_the_example_policy() {
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
        ev(
            "b",
            CaseEventKind::Approved,
            china(2026, 3, 2, 10, 0),
            "t-qian",
        ),
        ev(
            "c",
            CaseEventKind::Approved,
            china(2026, 3, 2, 10, 1),
            "t-sun",
        ),
    ];
    let s = c.replay();
    assert_eq!(s.status, CaseStatus::Approved);
    assert_eq!(conflict_codes(&s), [("c", "already_approved")]);
    assert_eq!(s.approved_amount, None);
}
