//! Warnings to visit tasks to "my visits", with fictional households from `sample`.

use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::calendar::{CHINA_TIME, CalendarError, ClockState, WorkingDayCalendar};
use crate::economics::{Economics, Income};
use crate::household::{HardshipCategories, Household, HouseholdFlags};
use crate::member::{Health, MemberStatus, Relation, Sex};
use crate::money::Money;
use crate::policy::CountyPolicy;
use crate::sample::{self, SampleRng};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An instant given in China time.
fn china(date: NaiveDate, h: u32) -> DateTime<Utc> {
    date.and_hms_opt(h, 0, 0)
        .unwrap()
        .and_local_timezone(CHINA_TIME)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// Tuesday.
const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 3, 10) {
    Some(date) => date,
    None => panic!("a date"),
};
const GRID: &str = "G03-1";

/// A fictional family of three in grid G03-1, healthy, not in 保, earning 24,000 元 a year
/// (666.66 元 per person per month, under 东营's 1000 元 line).
fn family_of_three(seed: u64) -> Household {
    let mut rng = SampleRng::new(seed);
    let mut h = sample::household(&mut rng, 2, "w1", china(d(2025, 6, 2), 10));
    h.members.clear();
    for (relation, sex, birth) in [
        (Relation::Head, Sex::Male, d(1978, 4, 12)),
        (Relation::Spouse, Sex::Female, d(1980, 9, 3)),
        (Relation::Child, Sex::Female, d(2012, 5, 20)),
    ] {
        let mut m = sample::member(&mut rng, relation, sex, birth);
        m.health = Health::default();
        h.members.insert(rng.id(), m);
    }
    h.profile.address.grid_code = GRID.into();
    h.profile.categories = HardshipCategories::default();
    h.profile.flags = HouseholdFlags::default();
    h.economics = Economics {
        income: Income {
            wage: Money::from_yuan(24_000),
            ..Income::default()
        },
        ..Economics::default()
    };
    h
}

/// The same family above the line (60,000 元 a year).
fn comfortable_family(seed: u64) -> Household {
    let mut h = family_of_three(seed);
    h.economics.income.wage = Money::from_yuan(60_000);
    h
}

/// A 低保 household last reviewed on `reviewed`.
fn dibao_family(seed: u64, reviewed: NaiveDate) -> Household {
    let mut h = family_of_three(seed);
    h.profile.categories.dibao = true;
    h.profile.flags.already_assisted = true;
    h.review.last_reviewed_on = Some(reviewed);
    h
}

fn policy() -> CountyPolicy {
    CountyPolicy::dongying_example()
}

fn calendar() -> WorkingDayCalendar {
    WorkingDayCalendar::builtin()
}

fn kinds(warnings: &[Warning]) -> Vec<&'static str> {
    warnings.iter().map(|w| w.kind.code()).collect()
}

fn first_member_id(h: &Household) -> String {
    h.members.keys().next().unwrap().clone()
}

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
fn external_warnings_are_refused_by_the_rule_they_break() {
    let h = comfortable_family(40);
    let good = ExternalWarning {
        department: "medical_insurance".into(),
        household_id: h.id.clone(),
        member_id: None,
        kind: ExternalKind::MedicalBill,
        amount: Some(Money::from_yuan(80_000)),
        raised_on: TODAY,
    };
    assert!(good.to_warning(&h, TODAY).is_ok());
    let refused = |change: &dyn Fn(&mut ExternalWarning)| {
        let mut w = good.clone();
        change(&mut w);
        w.to_warning(&h, TODAY).unwrap_err()
    };
    assert_eq!(
        refused(&|w| w.department = "税务".into()),
        WarningError::UnknownDepartment
    );
    assert_eq!(
        refused(&|w| w.amount = Some(Money::from_fen(-1))),
        WarningError::NegativeAmount("amount")
    );
    assert_eq!(
        refused(&|w| w.amount = Some(Money::from_yuan(200_000_000))).code(),
        "amount_too_large"
    );
    assert_eq!(refused(&|w| w.amount = None), WarningError::AmountRequired);
    assert_eq!(
        refused(&|w| w.raised_on = d(2026, 3, 11)),
        WarningError::FutureDate("raised_on")
    );
    assert_eq!(
        refused(&|w| w.member_id = Some("no-such-member".into())),
        WarningError::NotAMember
    );
    assert_eq!(
        refused(&|w| w.household_id = "another".into()).code(),
        "household_mismatch"
    );
    let err = refused(&|w| w.raised_on = d(2026, 3, 11));
    assert_eq!(err.to_string(), "raised_on: must not be after today");
}

#[test]
fn a_disaster_from_emergency_management_and_an_urgent_call_are_visited_by_the_next_working_day() {
    let h = comfortable_family(41);
    let friday = d(2026, 3, 13);
    let disaster = ExternalWarning {
        department: " 应急 ".into(),
        household_id: h.id.clone(),
        member_id: None,
        kind: ExternalKind::Disaster,
        amount: None,
        raised_on: friday,
    }
    .to_warning(&h, friday)
    .unwrap();
    assert_eq!(disaster.urgency, Urgency::Immediate);
    assert_eq!(disaster.reason, "应急推送预警：该户受灾或遭遇意外");
    let call = HotlineReport {
        line: Hotline::Assistance,
        household_id: h.id.clone(),
        received_on: friday,
        urgent: false,
    };
    let call_warning = call.to_warning(&h, friday).unwrap();
    assert_eq!(call_warning.urgency, Urgency::High);
    assert_eq!(call_warning.reason, "社会救助热线反映该户生活困难");
    let tasks = tasks_for(&[disaster, call_warning], &h, &calendar(), friday).unwrap();
    assert_eq!(tasks[0].due_on, d(2026, 3, 16));
    assert_eq!(tasks[1].due_on, d(2026, 3, 18));
    let future = HotlineReport {
        received_on: d(2026, 3, 14),
        ..call
    };
    assert_eq!(
        future.to_warning(&h, friday),
        Err(WarningError::FutureDate("received_on"))
    );
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
