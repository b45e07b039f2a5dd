//! Case lifecycle scenarios, read like the seeds: clocks across holidays, the normal path at
//! township level, the 急难 path with its paperwork after, and what each role may do next.

mod conflicts;
mod roles;
mod steps;

use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::calendar::{CHINA_TIME, ClockState};
use crate::photo::{PhotoKind, PhotoMeta};
use crate::policy::CaseClock;

/// An instant given in China time.
fn china(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|date| date.and_hms_opt(h, min, 0))
        .and_then(|t| t.and_local_timezone(CHINA_TIME).single())
        .unwrap()
        .with_timezone(&Utc)
}

fn policy() -> CountyPolicy {
    CountyPolicy::dongying_example()
}

fn calendar() -> WorkingDayCalendar {
    WorkingDayCalendar::builtin()
}

fn photo(kind: PhotoKind, at: DateTime<Utc>) -> PhotoMeta {
    serde_json::from_value(serde_json::json!({
        "kind": kind,
        "sha256": "0".repeat(64),
        "caption": "",
        "taken_at": at,
        "taken_by": "w-li",
        "location": null,
    }))
    .unwrap()
}

/// A case reported at `opened` in 幸福村 with the signed survey form and the posted notice among
/// its evidence.
fn case(path: CasePath, kind: AssistanceKind, opened: DateTime<Utc>) -> Case {
    Case {
        id: "case-1".into(),
        household_id: "hh-1".into(),
        county_code: "370502".into(),
        village_code: "370502001001".into(),
        grid_code: "G01".into(),
        origin: CaseOrigin::Discovery,
        kind,
        path,
        opened_at: opened,
        opened_by: "w-li".into(),
        emergency: None,
        events: Vec::new(),
        evidence: [
            ("sig-1".to_owned(), photo(PhotoKind::Signature, opened)),
            (
                "notice-1".to_owned(),
                photo(PhotoKind::PublicNotice, opened),
            ),
        ]
        .into(),
    }
}

fn ev(id: &str, kind: CaseEventKind, at: DateTime<Utc>, actor: &str) -> CaseEvent {
    CaseEvent::new(id, kind, at, actor, "phone-1")
}

fn paid(id: &str, kind: CaseEventKind, at: DateTime<Utc>, actor: &str, yuan: i64) -> CaseEvent {
    CaseEvent {
        amount: Some(Money::from_yuan(yuan)),
        ..ev(id, kind, at, actor)
    }
}

/// 入户调查 by 李 and 王, the form signed by them and the family.
fn visit(id: &str, at: DateTime<Utc>) -> CaseEvent {
    CaseEvent {
        investigators: vec!["w-li".into(), "w-wang".into()],
        photos: vec!["sig-1".into()],
        ..ev(id, CaseEventKind::Investigated, at, "w-li")
    }
}

fn meeting(id: &str, kind: MeetingKind, at: DateTime<Utc>) -> CaseEvent {
    CaseEvent {
        meeting: Some(Meeting {
            kind,
            participants: vec!["t-zhao".into(), "t-qian".into(), "t-sun".into()],
            decision: "同意按调查结果救助".into(),
        }),
        ..ev(id, CaseEventKind::CaseMeeting, at, "t-zhao")
    }
}

/// Checks the event as the phone would, then appends it.
fn append(c: &mut Case, role: Role, e: CaseEvent) {
    let checked = c.check_new_event(&policy(), &calendar(), role, &e, e.at);
    assert_eq!(checked.map_err(|r| r.code()), Ok(()), "event {}", e.id);
    c.events.push(e);
}

fn replay(c: &Case) -> CaseState {
    c.replay_under(&policy(), &calendar())
}

fn clock(s: &CaseState, which: CaseClock) -> &RunningClock {
    s.clocks.iter().find(|c| c.clock == which).unwrap()
}

fn running(s: &CaseState) -> Vec<CaseClock> {
    s.clocks.iter().map(|c| c.clock).collect()
}

#[test]
fn fire_on_spring_festival_eve_gets_advance_aid_in_24_hours_and_paperwork_across_the_holiday() {
    // Fri 2026-02-13 21:30: a kitchen fire; the township officer 赵 accepts ten minutes later.
    let mut c = case(
        CasePath::Urgent,
        AssistanceKind::Emergency,
        china(2026, 2, 13, 21, 30),
    );
    append(
        &mut c,
        Role::TownshipOfficer,
        ev(
            "a",
            CaseEventKind::Accepted,
            china(2026, 2, 13, 21, 40),
            "t-zhao",
        ),
    );
    let s = replay(&c);
    assert_eq!(running(&s), [CaseClock::AdvanceAidUrgent]);
    assert_eq!(s.next_deadline(), Some(china(2026, 2, 14, 21, 30)));
    assert_eq!(s.advance_aid_due, Some(china(2026, 2, 14, 21, 30)));
    let aid = clock(&s, CaseClock::AdvanceAidUrgent);
    assert_eq!(
        aid.state(china(2026, 2, 14, 15, 0)),
        Some(ClockState::Running)
    );
    assert_eq!(
        aid.state(china(2026, 2, 14, 16, 0)),
        Some(ClockState::DueSoon)
    );
    assert!(s.is_overdue(china(2026, 2, 14, 21, 31)));

    // Sat 2026-02-14 (a 调休 working day) 10:00: 2000 元 cash from the township reserve.
    append(
        &mut c,
        Role::TownshipOfficer,
        paid(
            "b",
            CaseEventKind::AdvanceAid,
            china(2026, 2, 14, 10, 0),
            "t-zhao",
            2000,
        ),
    );
    let s = replay(&c);
    assert!(s.materials_owed);
    assert_eq!(s.owner.as_deref(), Some("t-zhao"));
    assert_eq!(s.total_paid, Money::from_yuan(2000));
    assert_eq!(s.payments[0].batch, None);
    // Five working days after Sat 02-14: 春节 runs 02-15..23, then Tue 24, 25, 26, 27 and the
    // make-up Saturday 02-28; due at its 24:00. (Counting from Fri 02-13 would end on 02-27.)
    assert_eq!(running(&s), [CaseClock::MaterialsAfterAdvanceAid]);
    assert_eq!(s.next_deadline(), Some(china(2026, 3, 1, 0, 0)));
    let materials = clock(&s, CaseClock::MaterialsAfterAdvanceAid);
    assert_eq!(
        materials.state(china(2026, 2, 27, 18, 0)),
        Some(ClockState::Running)
    );
    assert_eq!(
        materials.state(china(2026, 2, 28, 9, 0)),
        Some(ClockState::DueSoon)
    );
    assert_eq!(
        materials.state(china(2026, 3, 1, 0, 1)),
        Some(ClockState::Overdue)
    );

    append(
        &mut c,
        Role::GridWorker,
        ev(
            "c",
            CaseEventKind::MaterialsCompleted,
            china(2026, 2, 27, 9, 0),
            "w-li",
        ),
    );
    let s = replay(&c);
    assert!(!s.materials_owed);
    assert!(s.clocks.is_empty());
}

#[test]
fn expenditure_case_gets_its_review_in_3_working_days_and_township_approval_in_20() {
    // Mon 2026-03-02: a family with large medical bills applies at the township desk.
    let mut c = case(
        CasePath::Normal,
        AssistanceKind::Expenditure,
        china(2026, 3, 2, 9, 0),
    );
    append(
        &mut c,
        Role::TownshipOfficer,
        ev(
            "a",
            CaseEventKind::Accepted,
            china(2026, 3, 2, 9, 30),
            "t-zhao",
        ),
    );
    let s = replay(&c);
    assert_eq!(running(&s), [CaseClock::HomeVisitStart]);
    assert_eq!(s.next_deadline(), Some(china(2026, 3, 6, 0, 0)));

    // Wed 03-04 the visit; 初审 by the end of Mon 03-09.
    append(
        &mut c,
        Role::GridWorker,
        visit("b", china(2026, 3, 4, 10, 0)),
    );
    let s = replay(&c);
    assert_eq!(running(&s), [CaseClock::PreliminaryReview]);
    assert_eq!(s.next_deadline(), Some(china(2026, 3, 10, 0, 0)));

    // Mon 03-09 the 初审 proposes 9000 元: within the township's power, 20 working days. 清明
    // (04-04..06) moves the end from Mon 04-06 to Tue 04-07.
    append(
        &mut c,
        Role::TownshipOfficer,
        paid(
            "c",
            CaseEventKind::PreliminaryReview,
            china(2026, 3, 9, 15, 0),
            "t-zhao",
            9000,
        ),
    );
    let s = replay(&c);
    assert_eq!(s.status, CaseStatus::Reviewed);
    assert_eq!(s.approval_level, ApprovalLevel::Township);
    assert_eq!(running(&s), [CaseClock::TownshipApproval]);
    assert_eq!(s.next_deadline(), Some(china(2026, 4, 8, 0, 0)));

    // A proposal above the township's 20,000 元 goes to the county: 10 working days.
    let mut county = c.clone();
    county.events[2].amount = Some(Money::from_yuan(25_000));
    let s = replay(&county);
    assert_eq!(s.approval_level, ApprovalLevel::County);
    assert_eq!(running(&s), [CaseClock::CountyDecision]);
    assert_eq!(s.next_deadline(), Some(china(2026, 3, 24, 0, 0)));
}

#[test]
fn a_case_in_a_year_the_calendar_lacks_shows_the_unknown_year_warning_not_a_date() {
    let mut c = case(
        CasePath::Normal,
        AssistanceKind::Expenditure,
        china(2028, 3, 1, 9, 0),
    );
    c.events.push(ev(
        "a",
        CaseEventKind::Accepted,
        china(2028, 3, 1, 9, 30),
        "t-zhao",
    ));
    let s = replay(&c);
    let visit = clock(&s, CaseClock::HomeVisitStart);
    assert_eq!(
        visit.due.as_ref().map_err(|e| e.code()),
        Err("unknown_year")
    );
    assert!(
        visit
            .due
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("no holiday schedule for 2028")
    );
    assert_eq!(visit.state(china(2028, 3, 9, 9, 0)), None);
    assert_eq!(s.next_deadline(), None);
    assert_eq!(s.clock_warnings().len(), 1);

    // The 24-hour clock needs no calendar and still gives its instant.
    let urgent = Case {
        path: CasePath::Urgent,
        ..c
    };
    let s = replay(&urgent);
    assert_eq!(s.next_deadline(), Some(china(2028, 3, 2, 9, 0)));
}

#[test]
fn documents_written_before_the_lifecycle_read_with_empty_new_fields() {
    let json = r#"{"id":"e1","kind":"approved","at":"2026-03-02T01:00:00Z","actor":"w",
        "device":"d","note":"","amount":null,"department":null}"#;
    let e: CaseEvent = serde_json::from_str(json).unwrap();
    assert!(e.investigators.is_empty() && e.photos.is_empty() && e.meeting.is_none());
    let code = serde_json::to_value(CaseEventKind::ReferralAnswered).unwrap();
    assert_eq!(code, "referral_answered");
}
