//! 临时救助 rules as pure functions: the suggested amount with its reasoning in words, the yearly
//! ceiling per household (overruns reported, never hidden), and when 一事一议 applies.

use chrono::{Datelike, NaiveDate};

use super::{
    AssistanceTier, CountyPolicy, HardshipDegree, HouseholdSizes, PolicyError, TierAmount,
    TierTable,
};
use crate::case::AssistanceKind;
use crate::money::Money;

/// What the suggestion needs to know about the household.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HouseholdFacts {
    /// 家庭人口 counted for assistance.
    pub household_size: u32,
    /// The largest compliant out-of-pocket medical cost of one member (个人自负合规费用).
    pub out_of_pocket_medical: Money,
    /// Everything paid to the household so far this calendar year.
    pub paid_this_year: Money,
}

/// The hardship as the township assessed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hardship {
    /// 紧急型 or 支出型.
    pub kind: AssistanceKind,
    /// 困难程度.
    pub degree: HardshipDegree,
    /// 困难持续时间, in whole months.
    pub months: u32,
}

/// A suggested amount for staff to confirm or change, with the reasoning behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The amount suggested, after the yearly ceiling.
    pub amount: Money,
    /// Code of the tier applied.
    pub tier_code: String,
    /// The reasoning, step by step, in the words staff use.
    pub reasons: Vec<String>,
    /// Whether 一事一议 should be started (the tier amount is not the end of it).
    pub case_by_case: bool,
    /// Whether the yearly ceiling cut the amount.
    pub capped_by_ceiling: bool,
}

/// One payment to the household, of any kind or source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Payment {
    /// Amount paid (a negative amount is a refund).
    pub amount: Money,
    /// The day it was paid.
    pub paid_on: NaiveDate,
}

/// A household's payments in one year against the yearly ceiling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CeilingCheck {
    /// The ceiling.
    pub ceiling: Money,
    /// Paid in the year.
    pub paid: Money,
    /// What may still be paid this year (zero when reached or passed).
    pub remaining: Money,
    /// How far payments went past the ceiling (payments recorded on two devices offline can).
    pub overrun: Option<Money>,
}

/// A tier's amount, step by step.
pub(super) struct Breakdown {
    pub(super) base: Money,
    pub(super) by_degree: Money,
    pub(super) extra: Money,
    pub(super) total: Money,
}

/// The tier's base, adjusted for degree and duration; `None` on overflow. Rounds down to the 分.
pub(super) fn breakdown(
    table: &TierTable,
    tier: &AssistanceTier,
    dibao: Money,
    degree: HardshipDegree,
    months: u32,
) -> Option<Breakdown> {
    let base = match tier.amount {
        TierAmount::Fixed(amount) => amount,
        TierAmount::DibaoMultiple { tenths } => {
            Money::from_fen(dibao.fen().checked_mul(i64::from(tenths))? / 10)
        }
    };
    let by_degree = percent_of(base, table.degree_percents.of(degree))?;
    let extra = match table.long_hardship {
        Some(long) if months >= long.from_months => percent_of(base, long.extra_percent)?,
        _ => Money::ZERO,
    };
    Some(Breakdown {
        base,
        by_degree,
        extra,
        total: by_degree.checked_add(extra)?,
    })
}

fn percent_of(amount: Money, percent: u32) -> Option<Money> {
    let fen = amount.fen().checked_mul(i64::from(percent))?;
    Some(Money::from_fen(fen / 100))
}

/// The amount the policy suggests for this household and hardship: the tier for its size, the
/// degree and duration adjustments, cut to what the yearly ceiling leaves; flags 一事一议.
pub fn suggest_amount(
    policy: &CountyPolicy,
    facts: &HouseholdFacts,
    hardship: &Hardship,
) -> Result<Suggestion, PolicyError> {
    let size = facts.household_size;
    let table = policy.tiers(hardship.kind);
    let tier = table
        .tiers
        .iter()
        .find(|t| size > 0 && t.household_sizes.contains(size))
        .ok_or(PolicyError::NoTierForHousehold(size))?;
    let dibao = policy.dibao_monthly_per_person;
    let b = breakdown(table, tier, dibao, hardship.degree, hardship.months)
        .ok_or(PolicyError::AmountOverflow)?;

    let mut reasons = vec![format!(
        "家庭人口{size}人，适用{}（{}）",
        tier.name,
        sizes_label(tier.household_sizes)
    )];
    reasons.push(match tier.amount {
        TierAmount::Fixed(_) => format!("该档基准救助金{}", b.base),
        TierAmount::DibaoMultiple { tenths } => format!(
            "该档基准为低保标准{dibao}的{}倍，计{}",
            multiple_label(tenths),
            b.base
        ),
    });
    reasons.push(format!(
        "困难程度{}，按基准的{}%计，计{}",
        hardship.degree.label(),
        table.degree_percents.of(hardship.degree),
        b.by_degree
    ));
    if let Some(long) = table.long_hardship.filter(|_| b.extra > Money::ZERO) {
        reasons.push(format!(
            "困难已持续{}个月（满{}个月），另加基准的{}%，计{}",
            hardship.months, long.from_months, long.extra_percent, b.extra
        ));
    }

    let ceiling = policy.yearly_ceiling_per_household;
    let left = ceiling
        .fen()
        .checked_sub(facts.paid_this_year.fen())
        .ok_or(PolicyError::AmountOverflow)?;
    let remaining = Money::from_fen(left.max(0));
    let capped_by_ceiling = b.total > remaining;
    let amount = b.total.min(remaining);
    if capped_by_ceiling {
        reasons.push(format!(
            "本年度已救助{}，年度上限{ceiling}，本次以余额{remaining}为限",
            facts.paid_this_year
        ));
    }
    let case_by_case = needs_case_by_case(policy, facts.out_of_pocket_medical);
    if case_by_case {
        reasons.push(format!(
            "个人自负合规医疗费用{}，超过{}，应启动“一事一议”",
            facts.out_of_pocket_medical, policy.case_by_case_out_of_pocket_over
        ));
    }
    reasons.push(format!("建议救助金额{amount}"));
    Ok(Suggestion {
        amount,
        tier_code: tier.code.clone(),
        reasons,
        case_by_case,
        capped_by_ceiling,
    })
}

/// A household's payments dated in `year` against the yearly ceiling.
pub fn check_ceiling(
    policy: &CountyPolicy,
    payments: &[Payment],
    year: i32,
) -> Result<CeilingCheck, PolicyError> {
    let paid = payments
        .iter()
        .filter(|p| p.paid_on.year() == year)
        .try_fold(Money::ZERO, |sum, p| sum.checked_add(p.amount))
        .ok_or(PolicyError::AmountOverflow)?;
    let ceiling = policy.yearly_ceiling_per_household;
    let left = ceiling
        .fen()
        .checked_sub(paid.fen())
        .ok_or(PolicyError::AmountOverflow)?;
    Ok(CeilingCheck {
        ceiling,
        paid,
        remaining: Money::from_fen(left.max(0)),
        overrun: (left < 0).then(|| Money::from_fen(-left)),
    })
}

impl CountyPolicy {
    /// The most any tier of a kind can pay (严重, with the long-hardship addition): approving
    /// more than this needs 一事一议.
    pub fn most_a_tier_pays(&self, kind: AssistanceKind) -> Result<Money, PolicyError> {
        let table = self.tiers(kind);
        table.tiers.iter().try_fold(Money::ZERO, |most, tier| {
            breakdown(
                table,
                tier,
                self.dibao_monthly_per_person,
                HardshipDegree::Severe,
                u32::MAX,
            )
            .map(|b| most.max(b.total))
            .ok_or(PolicyError::AmountOverflow)
        })
    }
}

/// 一事一议: the compliant out-of-pocket medical cost is above the county's threshold (seed 003:
/// "超过5万元" — exactly the threshold does not qualify).
pub fn needs_case_by_case(policy: &CountyPolicy, out_of_pocket: Money) -> bool {
    out_of_pocket > policy.case_by_case_out_of_pocket_over
}

fn sizes_label(sizes: HouseholdSizes) -> String {
    match sizes.max {
        None => format!("{}人及以上", sizes.min),
        Some(max) if max == sizes.min => format!("{max}人"),
        Some(max) => format!("{}–{max}人", sizes.min),
    }
}

fn multiple_label(tenths: u32) -> String {
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn facts(size: u32) -> HouseholdFacts {
        HouseholdFacts {
            household_size: size,
            out_of_pocket_medical: Money::ZERO,
            paid_this_year: Money::ZERO,
        }
    }

    fn hardship(kind: AssistanceKind, degree: HardshipDegree, months: u32) -> Hardship {
        Hardship {
            kind,
            degree,
            months,
        }
    }

    #[test]
    fn two_payments_of_150000_overrun_the_200000_ceiling_by_100000() {
        let p = CountyPolicy::dongying_example();
        let payments = [
            Payment {
                amount: Money::from_yuan(150_000),
                paid_on: d(2026, 3, 2),
            },
            Payment {
                amount: Money::from_yuan(150_000),
                paid_on: d(2026, 3, 2),
            },
            Payment {
                amount: Money::from_yuan(9_000),
                paid_on: d(2025, 12, 31),
            },
        ];
        let check = check_ceiling(&p, &payments, 2026).unwrap();
        assert_eq!(check.paid, Money::from_yuan(300_000));
        assert_eq!(check.remaining, Money::ZERO);
        assert_eq!(check.overrun, Some(Money::from_yuan(100_000)));
        let last_year = check_ceiling(&p, &payments, 2025).unwrap();
        assert_eq!(last_year.remaining, Money::from_yuan(191_000));
        assert_eq!(last_year.overrun, None);
    }

    #[test]
    fn out_of_pocket_above_50000_needs_case_by_case_and_exactly_50000_does_not() {
        let p = CountyPolicy::dongying_example();
        assert!(needs_case_by_case(&p, Money::from_fen(5_000_001)));
        assert!(!needs_case_by_case(&p, Money::from_yuan(50_000)));
    }

    #[test]
    fn a_two_person_emergency_household_gets_the_2000_yuan_standard() {
        let p = CountyPolicy::dongying_example();
        let h = hardship(AssistanceKind::Emergency, HardshipDegree::General, 0);
        let s = suggest_amount(&p, &facts(2), &h).unwrap();
        assert_eq!(s.amount, Money::from_yuan(2000));
        assert_eq!(s.tier_code, "E1");
        assert!(!s.case_by_case && !s.capped_by_ceiling);
        assert_eq!(s.reasons[0], "家庭人口2人，适用紧急型一档（1–2人）");
        assert_eq!(s.reasons.last().unwrap(), "建议救助金额2000.00 元");
    }

    #[test]
    fn a_long_serious_expenditure_hardship_adds_degree_and_duration_to_the_dibao_multiple() {
        let p = CountyPolicy::dongying_example();
        let h = hardship(AssistanceKind::Expenditure, HardshipDegree::Serious, 8);
        let s = suggest_amount(&p, &facts(3), &h).unwrap();
        // 9 × 1000 = 9000; 150% = 13500; + 50% of 9000 = 18000.
        assert_eq!(s.amount, Money::from_yuan(18_000));
        assert_eq!(s.tier_code, "X2");
        assert_eq!(
            s.reasons[1..4],
            [
                "该档基准为低保标准1000.00 元的9倍，计9000.00 元",
                "困难程度较重，按基准的150%计，计13500.00 元",
                "困难已持续8个月（满6个月），另加基准的50%，计4500.00 元",
            ]
        );
    }

    #[test]
    fn a_large_household_falls_in_the_open_ended_tier() {
        let p = CountyPolicy::dongying_example();
        let h = hardship(AssistanceKind::Emergency, HardshipDegree::Severe, 0);
        let s = suggest_amount(&p, &facts(9), &h).unwrap();
        assert_eq!(s.tier_code, "E3");
        assert_eq!(s.amount, Money::from_yuan(8000));
    }

    #[test]
    fn the_suggestion_stops_at_what_the_yearly_ceiling_leaves() {
        let p = CountyPolicy::dongying_example();
        let f = HouseholdFacts {
            paid_this_year: Money::from_yuan(197_000),
            ..facts(4)
        };
        let h = hardship(AssistanceKind::Emergency, HardshipDegree::General, 0);
        let s = suggest_amount(&p, &f, &h).unwrap();
        assert_eq!(s.amount, Money::from_yuan(3000));
        assert!(!s.capped_by_ceiling);
        let f = HouseholdFacts {
            paid_this_year: Money::from_yuan(198_500),
            ..f
        };
        let s = suggest_amount(&p, &f, &h).unwrap();
        assert_eq!(s.amount, Money::from_yuan(1500));
        assert!(s.capped_by_ceiling);
        assert!(s.reasons.iter().any(|r| r.contains("余额1500.00 元")));
    }

    #[test]
    fn large_out_of_pocket_cost_flags_case_by_case_in_the_suggestion() {
        let p = CountyPolicy::dongying_example();
        let f = HouseholdFacts {
            out_of_pocket_medical: Money::from_yuan(62_000),
            ..facts(3)
        };
        let h = hardship(AssistanceKind::Expenditure, HardshipDegree::Severe, 2);
        let s = suggest_amount(&p, &f, &h).unwrap();
        assert!(s.case_by_case);
        assert!(s.reasons.iter().any(|r| r.contains("一事一议")));
    }

    #[test]
    fn a_fractional_dibao_multiple_is_explained_with_one_decimal() {
        let mut p = CountyPolicy::dongying_example();
        p.expenditure.tiers[0].amount = TierAmount::DibaoMultiple { tenths: 15 };
        let h = hardship(AssistanceKind::Expenditure, HardshipDegree::General, 0);
        let s = suggest_amount(&p, &facts(1), &h).unwrap();
        assert_eq!(s.amount, Money::from_yuan(1500));
        assert_eq!(
            s.reasons[1],
            "该档基准为低保标准1000.00 元的1.5倍，计1500.00 元"
        );
    }

    #[test]
    fn the_most_a_tier_pays_is_the_largest_severe_long_tier() {
        let p = CountyPolicy::dongying_example();
        // 紧急型 三档 4000 at 200%; 支出型 三档 12 × 1000 at 200% plus 50%.
        assert_eq!(
            p.most_a_tier_pays(AssistanceKind::Emergency),
            Ok(Money::from_yuan(8000))
        );
        assert_eq!(
            p.most_a_tier_pays(AssistanceKind::Expenditure),
            Ok(Money::from_yuan(30_000))
        );
    }

    #[test]
    fn an_empty_household_has_no_tier() {
        let p = CountyPolicy::dongying_example();
        let h = hardship(AssistanceKind::Emergency, HardshipDegree::General, 0);
        assert_eq!(
            suggest_amount(&p, &facts(0), &h),
            Err(PolicyError::NoTierForHousehold(0))
        );
    }
}
