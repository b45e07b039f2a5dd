//! What each rule finds: income under the line, medical costs, major illness, reviews due.
use super::*;

#[test]
fn family_of_three_under_the_dibao_line_gets_a_high_task_for_its_grid_worker() {
    let h = family_of_three(1);
    let warnings = evaluate(&policy(), &h, false, TODAY);
    assert_eq!(kinds(&warnings), ["income_below_dibao"]);
    assert_eq!(warnings[0].urgency, Urgency::High);
    assert_eq!(
        warnings[0].reason,
        "家庭3口人，人均月收入666.66 元，低于低保标准1000.00 元"
    );
    let tasks = tasks_for(&warnings, &h, &calendar(), TODAY).unwrap();
    assert_eq!(tasks.len(), 1);
    let task = &tasks[0];
    assert_eq!(task.grid_code, GRID);
    assert_eq!(task.village_code, h.profile.address.village_code);
    assert_eq!(task.status, TaskStatus::Open);
    // Tue 10 March + 3 working days.
    assert_eq!(task.due_on, d(2026, 3, 13));
    let mine = my_visits(&tasks, &[GRID.to_owned()], china(TODAY, 9));
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].clock, ClockState::Running);
    assert!(my_visits(&tasks, &["G05-2".to_owned()], china(TODAY, 9)).is_empty());
}

#[test]
fn the_income_line_is_compared_exactly_in_fen() {
    let mut h = family_of_three(2);
    h.economics.income.wage = Money::from_yuan(36_000);
    assert!(evaluate(&policy(), &h, false, TODAY).is_empty());
    h.economics.income.wage = Money::from_fen(3_599_999);
    assert_eq!(
        kinds(&evaluate(&policy(), &h, false, TODAY)),
        ["income_below_dibao"]
    );
    // 85% of 1000.01 元 is 850.0085 元 a month: a floored per-capita figure (850.00) would
    // warn for a yearly income of 30,600.31 元, which is above the line.
    let mut p = policy();
    p.dibao_monthly_per_person = Money::from_fen(100_001);
    p.warnings.income_below_dibao_percent = 85;
    h.economics.income.wage = Money::from_fen(3_060_031);
    assert!(evaluate(&p, &h, false, TODAY).is_empty());
    h.economics.income.wage = Money::from_fen(3_060_030);
    let warnings = evaluate(&p, &h, false, TODAY);
    assert_eq!(kinds(&warnings), ["income_below_dibao"]);
    assert!(warnings[0].reason.ends_with("低于低保标准1000.01 元的85%"));
}

#[test]
fn per_capita_income_counts_only_present_members() {
    // 24,000 元 is under the line for three (666.66 a month) but not for one left at home.
    let mut h = family_of_three(3);
    for m in h.members.values_mut().skip(1) {
        m.status = MemberStatus::MovedOut;
    }
    assert!(evaluate(&policy(), &h, false, TODAY).is_empty());
    h.economics.income.wage = Money::from_yuan(11_999);
    let warnings = evaluate(&policy(), &h, false, TODAY);
    assert!(
        warnings[0]
            .reason
            .starts_with("家庭1口人，人均月收入999.91 元")
    );
}

#[test]
fn a_household_already_in_bao_gets_no_income_warning() {
    let h = dibao_family(4, d(2025, 12, 1));
    assert!(evaluate(&policy(), &h, false, TODAY).is_empty());
}

#[test]
fn out_of_pocket_medical_cost_of_60000_yuan_over_the_dongying_threshold_gets_a_task() {
    let p = policy();
    assert_eq!(
        p.warnings.medical_out_of_pocket_over,
        Money::from_yuan(20_000)
    );
    let mut h = comfortable_family(5);
    h.economics.expenditure.medical = Money::from_yuan(20_000);
    assert!(evaluate(&p, &h, false, TODAY).is_empty());
    h.economics.expenditure.medical = Money::from_yuan(60_000);
    let warnings = evaluate(&p, &h, false, TODAY);
    assert_eq!(kinds(&warnings), ["medical_cost_over"]);
    assert_eq!(
        warnings[0].reason,
        "家庭近12个月医疗自付费用60000.00 元，超过预警线20000.00 元"
    );
    let tasks = tasks_for(&warnings, &h, &calendar(), TODAY).unwrap();
    assert_eq!(tasks[0].urgency, Urgency::High);

    // The same bill pushed by 医保 for one member.
    let member = first_member_id(&h);
    let pushed = ExternalWarning {
        department: "医保".into(),
        household_id: h.id.clone(),
        member_id: Some(member.clone()),
        kind: ExternalKind::MedicalBill,
        amount: Some(Money::from_yuan(60_000)),
        raised_on: d(2026, 3, 9),
    }
    .to_warning(&h, TODAY)
    .unwrap();
    assert_eq!(pushed.member_id, Some(member));
    assert_eq!(
        pushed.reason,
        "医保推送预警：一名成员大额医疗自付费用，金额60000.00 元"
    );
    let tasks = tasks_for(&[pushed], &h, &calendar(), TODAY).unwrap();
    assert_eq!(tasks[0].kind.code(), "external");
    assert_eq!(tasks[0].grid_code, GRID);
}

#[test]
fn major_illness_with_an_open_case_gets_no_task_and_without_one_gets_one() {
    let mut h = comfortable_family(6);
    let member = first_member_id(&h);
    let ill = h.members.get_mut(&member).unwrap();
    ill.health.major_illness = true;
    ill.health.note = "胃癌术后化疗".into();
    let p = policy();
    assert!(evaluate(&p, &h, true, TODAY).is_empty());
    let warnings = evaluate(&p, &h, false, TODAY);
    assert_eq!(kinds(&warnings), ["major_illness_without_case"]);
    assert_eq!(warnings[0].member_id, Some(member.clone()));
    assert_eq!(
        warnings[0].reason,
        "一名成员患重大疾病，该户没有在办的救助案件"
    );
    assert!(!warnings[0].reason.contains("胃癌"));

    let mut off = p.clone();
    off.warnings.major_illness_without_open_case = false;
    assert!(evaluate(&off, &h, false, TODAY).is_empty());

    h.members.get_mut(&member).unwrap().status = MemberStatus::Deceased;
    assert!(evaluate(&p, &h, false, TODAY).is_empty());
}

#[test]
fn two_ill_members_make_one_warning_naming_no_one() {
    let mut h = comfortable_family(7);
    for m in h.members.values_mut().take(2) {
        m.health.major_illness = true;
    }
    let warnings = evaluate(&policy(), &h, false, TODAY);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].member_id, None);
    assert!(warnings[0].reason.starts_with("两名成员患重大疾病"));
}

#[test]
fn a_dibao_household_whose_yearly_review_is_20_days_away_with_30_days_notice_is_due() {
    let mut p = policy();
    p.warnings.review_notice_days = 30;
    let h = dibao_family(8, d(2025, 3, 30));
    let warnings = evaluate(&p, &h, false, TODAY);
    assert_eq!(
        warnings[0].kind,
        WarningKind::ReviewDue {
            due_on: d(2026, 3, 30)
        }
    );
    assert_eq!(warnings[0].urgency, Urgency::Normal);
    assert_eq!(
        warnings[0].reason,
        "每12个月复核，上次复核于2025-03-30，应于2026-03-30复核，还有20天"
    );
    // 东营's own notice is 15 days: nothing yet.
    assert!(evaluate(&policy(), &h, false, TODAY).is_empty());
}

#[test]
fn a_dibao_household_past_its_review_is_overdue_at_high_urgency() {
    let h = dibao_family(9, d(2025, 2, 1));
    let warnings = evaluate(&policy(), &h, false, TODAY);
    assert_eq!(
        warnings[0].kind,
        WarningKind::ReviewOverdue {
            due_on: d(2026, 2, 1)
        }
    );
    assert_eq!(warnings[0].urgency, Urgency::High);
    assert!(warnings[0].reason.ends_with("已逾期37天"));
}

#[test]
fn unstable_income_is_reviewed_on_the_six_month_cycle() {
    let mut h = dibao_family(10, d(2025, 9, 20));
    assert!(evaluate(&policy(), &h, false, TODAY).is_empty());
    h.review.income_unstable = true;
    let warnings = evaluate(&policy(), &h, false, TODAY);
    assert_eq!(
        warnings[0].kind,
        WarningKind::ReviewDue {
            due_on: d(2026, 3, 20)
        }
    );
    assert!(warnings[0].reason.starts_with("收入不稳定，每6个月复核"));
}

#[test]
fn without_a_recorded_review_the_cycle_counts_from_registration_and_only_in_bao() {
    // Registered 2025-06-02; a 特困 household is reviewed from then.
    let mut h = comfortable_family(11);
    let later = d(2026, 6, 1);
    assert!(evaluate(&policy(), &h, false, later).is_empty());
    h.profile.categories.tekun = true;
    let warnings = evaluate(&policy(), &h, false, later);
    assert_eq!(
        warnings[0].kind,
        WarningKind::ReviewDue {
            due_on: d(2026, 6, 2)
        }
    );
    assert!(
        warnings[0]
            .reason
            .contains("未登记复核日期，自建档日2025-06-02起算")
    );
}
