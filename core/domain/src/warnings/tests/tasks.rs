//! Warnings become visit tasks: kept across evaluations, escalated, dismissed, listed in "my
//! visits", and refused whole when wrong.
use super::*;

#[test]
fn re_evaluating_the_next_day_does_not_duplicate_and_keeps_a_dismissed_task_dismissed() {
    let mut p = policy();
    p.warnings.review_notice_days = 30;
    let mut h = dibao_family(12, d(2025, 3, 30));
    h.economics.expenditure.medical = Money::from_yuan(25_000);
    let day1 = tasks_for(&evaluate(&p, &h, false, TODAY), &h, &calendar(), TODAY).unwrap();
    assert_eq!(day1.len(), 2);
    let mut stored = merge_tasks(&[], day1);
    let medical = stored
        .iter_mut()
        .find(|t| t.kind == WarningKind::MedicalCostOver)
        .unwrap();
    medical
        .dismiss("w1", china(TODAY, 15), "已纳入支出型救助，医保已报销")
        .unwrap();

    let tomorrow = d(2026, 3, 11);
    let day2 = tasks_for(
        &evaluate(&p, &h, false, tomorrow),
        &h,
        &calendar(),
        tomorrow,
    )
    .unwrap();
    let merged = merge_tasks(&stored, day2);
    assert_eq!(merged.len(), 2);
    let medical = merged
        .iter()
        .find(|t| t.kind == WarningKind::MedicalCostOver)
        .unwrap();
    assert_eq!(medical.status.code(), "dismissed");
    let review = merged
        .iter()
        .find(|t| t.kind.code() == "review_due")
        .unwrap();
    assert_eq!(review.created_on, TODAY);
    assert_eq!(review.due_on, d(2026, 3, 24));
    assert!(review.reason.ends_with("还有19天"));
}

#[test]
fn a_review_that_becomes_overdue_escalates_its_open_task_instead_of_adding_one() {
    let mut p = policy();
    p.warnings.review_notice_days = 30;
    let h = dibao_family(13, d(2025, 3, 30));
    let first = tasks_for(&evaluate(&p, &h, false, TODAY), &h, &calendar(), TODAY).unwrap();
    assert_eq!(first[0].urgency, Urgency::Normal);
    // Ten working days from Tue 10 March.
    assert_eq!(first[0].due_on, d(2026, 3, 24));

    let later = d(2026, 4, 2);
    let overdue = evaluate(&p, &h, false, later);
    assert_eq!(overdue[0].kind.code(), "review_overdue");
    let merged = merge_tasks(&first, tasks_for(&overdue, &h, &calendar(), later).unwrap());
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].id, first[0].id);
    assert_eq!(merged[0].kind.code(), "review_overdue");
    assert_eq!(merged[0].urgency, Urgency::High);
    assert_eq!(merged[0].created_on, TODAY);
    assert_eq!(merged[0].due_on, d(2026, 3, 24));
}

#[test]
fn a_standing_warning_open_across_new_year_stays_one_task_and_a_dismissed_one_returns_next_year() {
    let h = family_of_three(14);
    let december = d(2025, 12, 30);
    let january = d(2026, 1, 5);
    let old = tasks_for(
        &evaluate(&policy(), &h, false, december),
        &h,
        &calendar(),
        december,
    )
    .unwrap();
    let new = tasks_for(
        &evaluate(&policy(), &h, false, january),
        &h,
        &calendar(),
        january,
    )
    .unwrap();
    assert_ne!(old[0].id, new[0].id);
    let merged = merge_tasks(&old, new.clone());
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].period, "2026");
    assert_eq!(merged[0].created_on, december);

    let mut dismissed = old;
    dismissed[0]
        .dismiss("w1", china(december, 16), "家庭已有务工收入")
        .unwrap();
    let merged = merge_tasks(&dismissed, new);
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[1].status, TaskStatus::Open);
}

#[test]
fn my_visits_lists_only_the_workers_grids_overdue_first() {
    let cal = calendar();
    let overdue_normal = {
        let h = dibao_family(20, d(2025, 3, 1));
        let raised = d(2026, 2, 20);
        let w = evaluate(&policy(), &h, false, raised);
        tasks_for(&w, &h, &cal, raised).unwrap()
    };
    let hotline = {
        let h = comfortable_family(21);
        let report = HotlineReport {
            line: Hotline::Citizen12345,
            household_id: h.id.clone(),
            received_on: TODAY,
            urgent: true,
        };
        tasks_for(&[report.to_warning(&h, TODAY).unwrap()], &h, &cal, TODAY).unwrap()
    };
    let due_today = {
        let h = family_of_three(22);
        let raised = d(2026, 3, 5);
        tasks_for(&evaluate(&policy(), &h, false, raised), &h, &cal, raised).unwrap()
    };
    let elsewhere = {
        let mut h = family_of_three(23);
        h.profile.address.grid_code = "G05-2".into();
        tasks_for(&evaluate(&policy(), &h, false, TODAY), &h, &cal, TODAY).unwrap()
    };
    let mut done = {
        let h = family_of_three(24);
        tasks_for(&evaluate(&policy(), &h, false, TODAY), &h, &cal, TODAY).unwrap()
    };
    done[0].complete("w1", china(TODAY, 11), "").unwrap();
    let all = [overdue_normal, hotline, due_today, elsewhere, done].concat();

    let mine = my_visits(&all, &[GRID.to_owned()], china(TODAY, 9));
    let seen: Vec<(&str, Urgency, ClockState)> = mine
        .iter()
        .map(|v| (v.task.kind.code(), v.task.urgency, v.clock))
        .collect();
    assert_eq!(
        seen,
        [
            ("review_due", Urgency::Normal, ClockState::Overdue),
            ("hotline", Urgency::Immediate, ClockState::Running),
            ("income_below_dibao", Urgency::High, ClockState::DueSoon),
        ]
    );
    assert_eq!(mine[1].task.due_on, d(2026, 3, 11));
    assert_eq!(mine[2].task.due_on, TODAY);
    assert!(mine.iter().all(|v| v.task.grid_code == GRID));
}

#[test]
fn reasons_never_contain_an_id_number_a_name_or_a_diagnosis() {
    let mut p = policy();
    p.warnings.review_notice_days = 90;
    let mut rng = SampleRng::new(99);
    let mut seen = 0;
    for i in 0..200 {
        let mut h = sample::household(&mut rng, i, "w1", china(d(2025, 4, 1), 9));
        for m in h.members.values_mut() {
            m.health.major_illness = i % 3 == 0;
            m.health.note = "慢性肾衰竭透析".into();
        }
        h.economics.expenditure.medical = Money::from_yuan(i64::from(i) * 500);
        let member = first_member_id(&h);
        let mut warnings = evaluate(&p, &h, false, TODAY);
        let pushed = ExternalWarning {
            department: "disabled_persons".into(),
            household_id: h.id.clone(),
            member_id: Some(member),
            kind: ExternalKind::Disability,
            amount: None,
            raised_on: TODAY,
        };
        warnings.push(pushed.to_warning(&h, TODAY).unwrap());
        for w in &warnings {
            seen += 1;
            assert!(!w.reason.contains("透析"), "{}", w.reason);
            for m in h.members.values() {
                let id = m.id_number.as_ref().unwrap();
                assert!(!w.reason.contains(id.as_str()), "{}", w.reason);
                assert!(!w.reason.contains(&id.as_str()[6..14]), "{}", w.reason);
                assert!(!w.reason.contains(&m.name), "{}", w.reason);
            }
        }
    }
    assert!(seen > 400, "only {seen} warnings were checked");
}

#[test]
fn tasks_for_a_year_without_a_schedule_are_refused_whole() {
    let mut p = policy();
    p.warnings.review_notice_days = 90;
    let mut h = dibao_family(30, d(2026, 1, 20));
    h.economics.expenditure.medical = Money::from_yuan(30_000);
    let day = d(2026, 12, 28);
    let warnings = evaluate(&p, &h, false, day);
    // The High medical task would fit in 2026; the Normal review task reaches 2027.
    assert_eq!(kinds(&warnings), ["medical_cost_over", "review_due"]);
    let err = tasks_for(&warnings, &h, &calendar(), day).unwrap_err();
    assert_eq!(
        err,
        WarningError::Calendar(CalendarError::UnknownYear(2027))
    );
    assert_eq!(err.code(), "unknown_year");
}

#[test]
fn tasks_are_refused_for_a_household_without_a_grid_or_another_households_warning() {
    let h = family_of_three(31);
    let warnings = evaluate(&policy(), &h, false, TODAY);
    let other = family_of_three(32);
    assert_eq!(
        tasks_for(&warnings, &other, &calendar(), TODAY),
        Err(WarningError::HouseholdMismatch)
    );
    let mut gridless = h.clone();
    gridless.profile.address.grid_code = "  ".into();
    let err = tasks_for(&warnings, &gridless, &calendar(), TODAY).unwrap_err();
    assert_eq!(err.code(), "no_grid");
}

#[test]
fn a_dismissal_needs_a_reason_and_a_closed_task_cannot_be_closed_again() {
    let h = family_of_three(50);
    let mut tasks = tasks_for(
        &evaluate(&policy(), &h, false, TODAY),
        &h,
        &calendar(),
        TODAY,
    )
    .unwrap();
    let task = &mut tasks[0];
    assert_eq!(
        task.dismiss("w1", china(TODAY, 10), "  "),
        Err(WarningError::Required("note"))
    );
    assert_eq!(
        task.complete("", china(TODAY, 10), ""),
        Err(WarningError::Required("by"))
    );
    assert_eq!(
        task.complete("w1", china(TODAY, 10), &"很".repeat(201))
            .map_err(|e| e.code()),
        Err("too_long")
    );
    assert_eq!(task.status, TaskStatus::Open);
    task.complete("w1", china(TODAY, 10), "已入户，协助申请低保")
        .unwrap();
    assert_eq!(
        task.dismiss("w1", china(TODAY, 11), "重复"),
        Err(WarningError::TaskNotOpen)
    );
    assert_eq!(task.status.code(), "done");
}

#[test]
fn two_devices_evaluating_the_same_household_make_the_same_task_and_it_survives_json() {
    let h = dibao_family(60, d(2025, 2, 1));
    let a = tasks_for(
        &evaluate(&policy(), &h, false, TODAY),
        &h,
        &calendar(),
        TODAY,
    )
    .unwrap();
    let b = tasks_for(
        &evaluate(&policy(), &h, false, TODAY),
        &h,
        &calendar(),
        TODAY,
    )
    .unwrap();
    assert_eq!(a, b);
    assert_eq!(a[0].id, format!("{}/review/2026-02-01", h.id));
    let json = serde_json::to_string(&a[0]).unwrap();
    assert!(json.contains(r#""kind":{"review_overdue":{"due_on":"2026-02-01"}}"#));
    assert!(json.contains(r#""status":"open""#));
    assert!(json.contains(r#""urgency":"high""#));
    let back: VisitTask = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a[0]);
}
