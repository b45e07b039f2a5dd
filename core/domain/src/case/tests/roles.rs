//! What each role may do next at several stages of a case.

use super::*;

use CaseEventKind as K;

fn allowed(c: &Case, role: Role, worker: &str) -> Vec<CaseEventKind> {
    c.allowed_actions(&replay(c), role, worker)
}

#[test]
fn before_acceptance_only_the_township_or_county_can_accept() {
    let normal = case(
        CasePath::Normal,
        AssistanceKind::Expenditure,
        china(2026, 3, 2, 9, 0),
    );
    assert_eq!(allowed(&normal, Role::GridWorker, "w-li"), []);
    assert_eq!(
        allowed(&normal, Role::TownshipOfficer, "t-zhao"),
        [K::Accepted]
    );
    assert_eq!(allowed(&normal, Role::Supervisor, "c-zhou"), [K::Accepted]);
    // On the 急难 path help may come before the paperwork, even before 受理.
    let urgent = case(
        CasePath::Urgent,
        AssistanceKind::Emergency,
        china(2026, 3, 2, 9, 0),
    );
    assert_eq!(
        allowed(&urgent, Role::TownshipOfficer, "t-zhao"),
        [K::Accepted, K::AdvanceAid]
    );
    assert_eq!(allowed(&urgent, Role::GridWorker, "w-li"), []);
    let mut generous = policy();
    generous.grid_worker_advance_aid = true;
    let s = urgent.replay_under(&generous, &calendar());
    assert_eq!(
        urgent.allowed_actions(&s, Role::GridWorker, "w-li"),
        [K::AdvanceAid]
    );
}

#[test]
fn after_acceptance_the_visit_comes_first() {
    let mut c = case(
        CasePath::Normal,
        AssistanceKind::Expenditure,
        china(2026, 3, 2, 9, 0),
    );
    c.events
        .push(ev("a", K::Accepted, china(2026, 3, 2, 9, 30), "t-zhao"));
    assert_eq!(
        allowed(&c, Role::GridWorker, "w-li"),
        [K::Investigated, K::Feedback]
    );
    assert_eq!(
        allowed(&c, Role::TownshipOfficer, "t-zhao"),
        [K::Investigated, K::CaseMeeting, K::Referred, K::Feedback]
    );
    assert_eq!(
        allowed(&c, Role::Supervisor, "c-zhou"),
        [K::CaseMeeting, K::Referred, K::Feedback]
    );
}

#[test]
fn after_the_review_the_level_named_by_the_policy_decides() {
    let mut c = case(
        CasePath::Normal,
        AssistanceKind::Expenditure,
        china(2026, 3, 2, 9, 0),
    );
    c.events = vec![
        ev("a", K::Accepted, china(2026, 3, 2, 9, 30), "t-zhao"),
        visit("b", china(2026, 3, 4, 10, 0)),
        paid(
            "c",
            K::PreliminaryReview,
            china(2026, 3, 9, 15, 0),
            "t-zhao",
            9000,
        ),
    ];
    let township = allowed(&c, Role::TownshipOfficer, "t-zhao");
    assert!(township.contains(&K::Approved) && township.contains(&K::Rejected));
    assert!(!allowed(&c, Role::GridWorker, "w-li").contains(&K::Approved));

    c.events[2].amount = Some(Money::from_yuan(25_000));
    assert!(!allowed(&c, Role::TownshipOfficer, "t-zhao").contains(&K::Approved));
    assert!(allowed(&c, Role::Supervisor, "c-zhou").contains(&K::Approved));
}

#[test]
fn after_approval_publicity_comes_before_payment_and_only_the_owner_closes() {
    let mut c = case(
        CasePath::Normal,
        AssistanceKind::Expenditure,
        china(2026, 3, 2, 9, 0),
    );
    c.events = vec![
        ev("a", K::Accepted, china(2026, 3, 2, 9, 30), "t-zhao"),
        visit("b", china(2026, 3, 4, 10, 0)),
        paid(
            "c",
            K::PreliminaryReview,
            china(2026, 3, 9, 15, 0),
            "t-zhao",
            9000,
        ),
        paid("d", K::Approved, china(2026, 3, 16, 10, 0), "t-qian", 9000),
    ];
    let officer = allowed(&c, Role::TownshipOfficer, "t-zhao");
    assert!(officer.contains(&K::PublicityStarted));
    assert!(!officer.contains(&K::Payment) && !officer.contains(&K::Approved));

    c.events.extend([
        ev("e", K::PublicityStarted, china(2026, 3, 17, 9, 0), "t-zhao"),
        ev("f", K::PublicityEnded, china(2026, 3, 25, 9, 0), "t-zhao"),
        paid("g", K::Payment, china(2026, 3, 26, 9, 0), "t-zhao", 9000),
        ev("h", K::Feedback, china(2026, 3, 27, 9, 0), "w-li"),
    ]);
    let owner = allowed(&c, Role::TownshipOfficer, "t-zhao");
    assert!(owner.contains(&K::Closed));
    assert!(!owner.contains(&K::Payment), "fully paid");
    assert!(!allowed(&c, Role::TownshipOfficer, "t-sun").contains(&K::Closed));
    assert!(allowed(&c, Role::Supervisor, "c-zhou").contains(&K::Closed));
    assert_eq!(allowed(&c, Role::GridWorker, "w-li"), [K::Feedback]);
}

#[test]
fn role_codes_match_the_county_enrollment_roles() {
    let codes =
        serde_json::to_value([Role::GridWorker, Role::TownshipOfficer, Role::Supervisor]).unwrap();
    assert_eq!(
        codes,
        serde_json::json!(["grid_worker", "township_officer", "supervisor"])
    );
}

#[test]
fn a_step_dated_before_the_acceptance_or_the_opening_is_refused() {
    let mut c = case(
        CasePath::Normal,
        AssistanceKind::Expenditure,
        china(2026, 3, 2, 9, 0),
    );
    c.events
        .push(ev("a", K::Accepted, china(2026, 3, 2, 10, 0), "t-zhao"));
    let check = |c: &Case, e: &CaseEvent| {
        c.check_new_event(&policy(), &calendar(), Role::TownshipOfficer, e, e.at)
    };
    let backdated = visit("v", china(2026, 3, 2, 9, 40));
    assert_eq!(check(&c, &backdated), Err(CaseRuleError::BeforeEarlierStep));
    // A few minutes of clock difference between two devices is tolerated.
    assert_eq!(check(&c, &visit("v", china(2026, 3, 2, 9, 55))), Ok(()));
    let before_opening = ev("b", K::Accepted, china(2026, 3, 2, 8, 0), "t-zhao");
    c.events.clear();
    assert_eq!(
        check(&c, &before_opening),
        Err(CaseRuleError::BeforeEarlierStep)
    );
}

#[test]
fn a_step_dated_when_it_happened_counts_from_then_within_the_countys_window() {
    let mut p = policy();
    p.grid_worker_advance_aid = true;
    let c = case(
        CasePath::Critical,
        AssistanceKind::Emergency,
        china(2026, 3, 2, 1, 0),
    );
    let check = |e: &CaseEvent, now| c.check_new_event(&p, &calendar(), Role::GridWorker, e, now);
    // Help given at 2 a.m., written up at 9.
    let entered = china(2026, 3, 2, 9, 0);
    let mut aid = paid("x", K::AdvanceAid, china(2026, 3, 2, 2, 0), "w-li", 500);
    aid.recorded_at = Some(entered);
    assert_eq!(check(&aid, entered), Ok(()));
    assert!(
        c.replay_under(&p, &calendar()).is_overdue(entered),
        "no help: the 2 h clock ran out"
    );
    let mut helped = c.clone();
    helped.events.push(aid.clone());
    assert!(
        !helped.replay_under(&p, &calendar()).is_overdue(entered),
        "help dated 2 a.m. met the clock"
    );
    // Written up more than the policy's window after it happened.
    let mut stale = aid.clone();
    stale.recorded_at = Some(china(2026, 3, 4, 3, 0));
    assert_eq!(
        check(&stale, china(2026, 3, 4, 3, 0)),
        Err(CaseRuleError::BackdatedTooFar { hours: 48 })
    );
    p.backdate_hours = 72;
    let c_wide = |e: &CaseEvent, now| c.check_new_event(&p, &calendar(), Role::GridWorker, e, now);
    assert_eq!(c_wide(&stale, china(2026, 3, 4, 3, 0)), Ok(()));
    // Dated after its own entry: the form is wrong.
    let mut ahead = aid;
    ahead.at = china(2026, 3, 2, 9, 30);
    assert!(matches!(
        c_wide(&ahead, china(2026, 3, 2, 9, 40)),
        Err(CaseRuleError::InvalidEvent(_))
    ));
}

#[test]
fn a_policy_may_not_allow_dating_steps_further_back_than_any_clock_runs() {
    let mut p = policy();
    p.backdate_hours = 721;
    assert_eq!(
        p.validate(),
        Err(crate::policy::PolicyError::BackdateWindow)
    );
    p.backdate_hours = 720;
    assert_eq!(p.validate(), Ok(()));
}
