//! The county's warning rules applied to one household's record: income under the 低保 line,
//! medical cost over the threshold, a 重大疾病 without an open case, a review due or overdue.

use chrono::{Months, NaiveDate};

use super::{Urgency, Warning, WarningKind, people_count};
use crate::calendar::CHINA_TIME;
use crate::household::Household;
use crate::policy::CountyPolicy;

/// Every warning the county's rules raise for `household` on `today`. `open_case` says whether
/// the household has a case still open (`CaseStatus::is_open` of its replayed cases).
///
/// - Income: per-capita monthly income of the present members below
///   `income_below_dibao_percent` of the 低保 standard, compared exactly in 分; only for
///   households not yet in 保 (those in 保 are below the line by definition and are reviewed).
/// - Medical: the household's 医疗自付 over 12 months above `medical_out_of_pocket_over`.
///   The record holds the household's total; a per-person bill arrives as a 医保 warning.
/// - 重大疾病: a present member with one, no open case, and the rule switched on.
/// - Review: households in 保 (低保, 特困, or 已在保) only; the cycle counts from the last
///   review, or from registration when none is recorded; `review_notice_days` before it is due
///   the review is due, after it it is overdue.
pub fn evaluate(
    policy: &CountyPolicy,
    household: &Household,
    open_case: bool,
    today: NaiveDate,
) -> Vec<Warning> {
    let warn = |kind, member_id, reason, urgency| Warning {
        kind,
        household_id: household.id.clone(),
        member_id,
        reason,
        raised_on: today,
        urgency,
    };
    let rules = &policy.warnings;
    let mut warnings = Vec::new();
    if !in_bao(household)
        && let Some(reason) = income_below_line(policy, household)
    {
        warnings.push(warn(
            WarningKind::IncomeBelowDibao,
            None,
            reason,
            Urgency::High,
        ));
    }
    let medical = household.economics.expenditure.medical;
    if medical > rules.medical_out_of_pocket_over {
        let reason = format!(
            "家庭近12个月医疗自付费用{medical}，超过预警线{}",
            rules.medical_out_of_pocket_over
        );
        warnings.push(warn(
            WarningKind::MedicalCostOver,
            None,
            reason,
            Urgency::High,
        ));
    }
    if rules.major_illness_without_open_case && !open_case {
        let ill: Vec<&String> = household
            .present_members()
            .filter(|(_, m)| m.health.major_illness)
            .map(|(id, _)| id)
            .collect();
        if !ill.is_empty() {
            let reason = format!(
                "{}成员患重大疾病，该户没有在办的救助案件",
                people_count(ill.len())
            );
            let member = match ill[..] {
                [one] => Some(one.clone()),
                _ => None,
            };
            warnings.push(warn(
                WarningKind::MajorIllnessWithoutCase,
                member,
                reason,
                Urgency::High,
            ));
        }
    }
    if let Some((kind, reason, urgency)) = review(policy, household, today) {
        warnings.push(warn(kind, None, reason, urgency));
    }
    warnings
}

/// 在保: receives 低保 or 特困, or is flagged as already assisted.
fn in_bao(household: &Household) -> bool {
    let c = &household.profile.categories;
    c.dibao || c.tekun || household.profile.flags.already_assisted
}

/// The reason when per-capita monthly income is below the line ([`crate::economics::Economics::income_below`]).
fn income_below_line(policy: &CountyPolicy, household: &Household) -> Option<String> {
    let people = household.present_members().count();
    let economics = &household.economics;
    let percent = policy.warnings.income_below_dibao_percent;
    let standard = policy.dibao_monthly_per_person;
    if !economics.income_below(people, standard, percent)? {
        return None;
    }
    let per_capita = economics.per_capita_monthly_income(people)?;
    let share = if percent == 100 {
        String::new()
    } else {
        format!("的{percent}%")
    };
    Some(format!(
        "家庭{people}口人，人均月收入{per_capita}，低于低保标准{standard}{share}"
    ))
}

/// The review warning, if the household is in 保 and its review is near or past.
fn review(
    policy: &CountyPolicy,
    household: &Household,
    today: NaiveDate,
) -> Option<(WarningKind, String, Urgency)> {
    if !in_bao(household) {
        return None;
    }
    let rules = &policy.warnings;
    let record = &household.review;
    let months = if record.income_unstable {
        rules.unstable_income_review_every_months
    } else {
        rules.review_every_months
    };
    let (since, basis) = match record.last_reviewed_on {
        Some(day) => (day, format!("上次复核于{day}")),
        None => {
            let registered = household
                .registered_at
                .with_timezone(&CHINA_TIME)
                .date_naive();
            (
                registered,
                format!("未登记复核日期，自建档日{registered}起算"),
            )
        }
    };
    let due_on = since.checked_add_months(Months::new(months))?;
    let cycle = if record.income_unstable {
        format!("收入不稳定，每{months}个月复核")
    } else {
        format!("每{months}个月复核")
    };
    if today > due_on {
        let late = (today - due_on).num_days();
        Some((
            WarningKind::ReviewOverdue { due_on },
            format!("{cycle}，{basis}，应于{due_on}复核，已逾期{late}天"),
            Urgency::High,
        ))
    } else if (due_on - today).num_days() <= i64::from(rules.review_notice_days) {
        let left = (due_on - today).num_days();
        Some((
            WarningKind::ReviewDue { due_on },
            format!("{cycle}，{basis}，应于{due_on}复核，还有{left}天"),
            Urgency::Normal,
        ))
    } else {
        None
    }
}
