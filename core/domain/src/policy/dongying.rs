//! The example policy shipped with the app: 东营's numbers from seed 003 (2023), with the
//! national procedure rules and seed 002's clocks; values the seeds leave open are marked.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{
    AssistanceTier, CaseClock, CountyPolicy, DegreePercents, HouseholdSizes, LongHardship,
    PhotoPolicy, TierAmount, TierTable, WarningRules,
};
use crate::calendar::Deadline;
use crate::money::Money;

/// The example's first day (seed 003 is from 2023; the exact date is a placeholder).
const EFFECTIVE_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2023, 1, 1) {
    Some(date) => date,
    None => panic!("2023-01-01 is a date"),
};

fn tier(code: &str, name: &str, min: u32, max: Option<u32>, amount: TierAmount) -> AssistanceTier {
    AssistanceTier {
        code: code.to_owned(),
        name: name.to_owned(),
        household_sizes: HouseholdSizes { min, max },
        amount,
    }
}

impl CountyPolicy {
    /// 东营 as the example a county starts from. From seed 003: the 紧急型 standard of
    /// 2000 元 (the 1–2 person tier), 一事一议 above 50,000 元 out of pocket, the 200,000 元
    /// yearly ceiling per household, a township reserve of at least 100,000 元. From seed 002
    /// and the national rules: the clocks. Not in the seeds, chosen as plausible placeholders
    /// for the county to replace: the county code (东营区), the effective date, the 低保
    /// standard (1000 元), the larger tiers (3000 / 4000 元 紧急型; 6 / 9 / 12 times 低保 支出型),
    /// the degree percents (100 / 150 / 200), the long-hardship addition (+50% from 6 months,
    /// 支出型 only), the 10 working days for referral feedback, the warning thresholds, the township's
    /// approval power up to 20,000 元, and 先行救助 given by the township, not the grid worker.
    pub fn dongying_example() -> CountyPolicy {
        let degree_percents = DegreePercents {
            general: 100,
            serious: 150,
            severe: 200,
        };
        let fixed = |yuan| TierAmount::Fixed(Money::from_yuan(yuan));
        let dibao = |times: u32| TierAmount::DibaoMultiple { tenths: times * 10 };
        let deadlines = BTreeMap::from([
            (CaseClock::AdvanceAidCritical, Deadline::Hours(2)),
            (CaseClock::AdvanceAidUrgent, Deadline::Hours(24)),
            (
                CaseClock::MaterialsAfterAdvanceAid,
                Deadline::WorkingDays(5),
            ),
            (CaseClock::HomeVisitStart, Deadline::WorkingDays(3)),
            (CaseClock::PreliminaryReview, Deadline::WorkingDays(3)),
            (CaseClock::TownshipApproval, Deadline::WorkingDays(20)),
            (CaseClock::CountyDecision, Deadline::WorkingDays(10)),
            (CaseClock::RejectionNotice, Deadline::WorkingDays(3)),
            (CaseClock::Publicity, Deadline::CalendarDays(7)),
            (CaseClock::ReferralFeedback, Deadline::WorkingDays(10)),
        ]);
        CountyPolicy {
            version: 1,
            county_code: "370502".to_owned(),
            effective_from: EFFECTIVE_FROM,
            dibao_monthly_per_person: Money::from_yuan(1000),
            emergency: TierTable {
                tiers: vec![
                    tier("E1", "紧急型一档", 1, Some(2), fixed(2000)),
                    tier("E2", "紧急型二档", 3, Some(4), fixed(3000)),
                    tier("E3", "紧急型三档", 5, None, fixed(4000)),
                ],
                degree_percents,
                long_hardship: None,
            },
            expenditure: TierTable {
                tiers: vec![
                    tier("X1", "支出型一档", 1, Some(2), dibao(6)),
                    tier("X2", "支出型二档", 3, Some(4), dibao(9)),
                    tier("X3", "支出型三档", 5, None, dibao(12)),
                ],
                degree_percents,
                long_hardship: Some(LongHardship {
                    from_months: 6,
                    extra_percent: 50,
                }),
            },
            yearly_ceiling_per_household: Money::from_yuan(200_000),
            case_by_case_out_of_pocket_over: Money::from_yuan(50_000),
            township_reserve_at_least: Money::from_yuan(100_000),
            deadlines,
            photos: PhotoPolicy {
                long_edge: 1600,
                quality: 80,
                thumb_edge: 320,
                thumb_quality: 70,
            },
            warnings: WarningRules {
                income_below_dibao_percent: 100,
                medical_out_of_pocket_over: Money::from_yuan(20_000),
                major_illness_without_open_case: true,
                review_every_months: 12,
                unstable_income_review_every_months: 6,
                review_notice_days: 15,
            },
            calendar_years: Vec::new(),
            township_approves_up_to: Some(Money::from_yuan(20_000)),
            grid_worker_advance_aid: false,
            backdate_hours: super::DEFAULT_BACKDATE_HOURS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Holiday, YearSchedule};
    use crate::policy::PolicyError;

    #[test]
    fn the_example_carries_seed_003s_numbers() {
        let p = CountyPolicy::dongying_example();
        assert_eq!(
            p.emergency.tiers[0].amount,
            TierAmount::Fixed(Money::from_yuan(2000))
        );
        assert_eq!(p.yearly_ceiling_per_household, Money::from_yuan(200_000));
        assert_eq!(p.case_by_case_out_of_pocket_over, Money::from_yuan(50_000));
        assert_eq!(p.township_reserve_at_least, Money::from_yuan(100_000));
        assert_eq!(
            p.deadline(CaseClock::TownshipApproval),
            Ok(Deadline::WorkingDays(20))
        );
        assert_eq!(
            p.photos.settings(),
            crate::imaging::PhotoSettings::default()
        );
    }

    #[test]
    fn the_policy_survives_a_json_round_trip() {
        let mut p = CountyPolicy::dongying_example();
        p.calendar_years.push(YearSchedule {
            year: 2027,
            source: "县民政局录入".to_owned(),
            holidays: vec![Holiday {
                name: "元旦".to_owned(),
                first: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                last: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            }],
            make_up_workdays: vec![],
        });
        let json = p.to_json().unwrap();
        assert!(json.contains("\"township_approval\": {\n      \"working_days\": 20\n    }"));
        assert!(json.contains("\"yearly_ceiling_per_household\": 20000000"));
        let back = CountyPolicy::from_json(&json).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.calendar().unwrap().known_years(), [2025, 2026, 2027]);
    }

    #[test]
    fn reading_json_refuses_an_invalid_policy() {
        let mut p = CountyPolicy::dongying_example();
        p.expenditure.tiers[1].household_sizes = HouseholdSizes {
            min: 4,
            max: Some(4),
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            CountyPolicy::from_json(&json).map_err(|e| e.code()),
            Err("tier_gap")
        );
        assert!(matches!(
            CountyPolicy::from_json("{\"version\": 1}"),
            Err(PolicyError::Unreadable(_))
        ));
    }
}
