//! The rules a county policy must keep before any device uses it; the first one broken is
//! named by a `PolicyError`.

use std::collections::BTreeSet;

use super::assistance::breakdown;
use super::error::{MAX_DAYS, MAX_HOURS};
use super::{CaseClock, CountyPolicy, HardshipDegree, PolicyError, TierAmount, TierTable};
use crate::calendar::Deadline;
use crate::case::AssistanceKind;
use crate::money::Money;

impl CountyPolicy {
    /// Checks every rule and names the first one broken: version, county code, amounts, tiers
    /// of both kinds, the ceiling against every tier, deadlines, photos, warnings, calendar.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if self.version == 0 {
            return Err(PolicyError::VersionZero);
        }
        if self.county_code.len() != 6 || !self.county_code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PolicyError::CountyCode);
        }
        for (what, amount) in [
            ("the 低保 standard", self.dibao_monthly_per_person),
            ("the yearly ceiling", self.yearly_ceiling_per_household),
            (
                "the 一事一议 threshold",
                self.case_by_case_out_of_pocket_over,
            ),
            ("the township reserve", self.township_reserve_at_least),
            (
                "the medical warning threshold",
                self.warnings.medical_out_of_pocket_over,
            ),
        ] {
            positive(what, amount)?;
        }
        if self.backdate_hours > super::error::MAX_HOURS {
            return Err(PolicyError::BackdateWindow);
        }
        if let Some(limit) = self.township_approves_up_to {
            positive("the township's approval limit", limit)?;
        }
        let mut codes = BTreeSet::new();
        for kind in [AssistanceKind::Emergency, AssistanceKind::Expenditure] {
            let table = self.tiers(kind);
            check_table(kind, table)?;
            for tier in &table.tiers {
                if !codes.insert(tier.code.as_str()) {
                    return Err(PolicyError::DuplicateTierCode(tier.code.clone()));
                }
                let most = breakdown(
                    table,
                    tier,
                    self.dibao_monthly_per_person,
                    HardshipDegree::Severe,
                    u32::MAX,
                )
                .ok_or(PolicyError::AmountOverflow)?
                .total;
                if most > self.yearly_ceiling_per_household {
                    return Err(PolicyError::CeilingBelowTier {
                        tier: tier.code.clone(),
                        most,
                        ceiling: self.yearly_ceiling_per_household,
                    });
                }
            }
        }
        for clock in CaseClock::ALL {
            let deadline = self.deadline(clock)?;
            let within = match deadline {
                Deadline::Hours(n) => n <= MAX_HOURS,
                Deadline::WorkingDays(n) | Deadline::CalendarDays(n) => n <= MAX_DAYS,
            };
            if deadline.is_zero() || !within {
                return Err(PolicyError::DeadlineOutOfRange(clock));
            }
        }
        if let Some(problem) = self.photos.settings().problem() {
            return Err(PolicyError::PhotoSettings(problem));
        }
        self.check_warnings()?;
        self.calendar()?;
        Ok(())
    }

    fn check_warnings(&self) -> Result<(), PolicyError> {
        let w = &self.warnings;
        if !(1..=300).contains(&w.income_below_dibao_percent) {
            return Err(PolicyError::WarningRule(
                "income warning must be 1–300 percent of the 低保 standard",
            ));
        }
        if !(1..=24).contains(&w.review_every_months)
            || !(1..=w.review_every_months).contains(&w.unstable_income_review_every_months)
        {
            return Err(PolicyError::WarningRule(
                "reviews must come every 1–24 months, unstable incomes no later than others",
            ));
        }
        if w.review_notice_days > 90 {
            return Err(PolicyError::WarningRule(
                "review notice must come at most 90 days ahead",
            ));
        }
        Ok(())
    }
}

fn positive(what: &'static str, amount: Money) -> Result<(), PolicyError> {
    if amount <= Money::ZERO {
        Err(PolicyError::AmountNotPositive(what))
    } else if amount > Money::FIELD_MAX {
        Err(PolicyError::AmountTooLarge(what))
    } else {
        Ok(())
    }
}

/// Household sizes 1, 2, … covered exactly once, the last tier open-ended; amounts above zero;
/// degree percents rising; a sensible long-hardship addition.
fn check_table(kind: AssistanceKind, table: &TierTable) -> Result<(), PolicyError> {
    if table.tiers.is_empty() {
        return Err(PolicyError::NoTiers(kind));
    }
    let mut tiers: Vec<_> = table.tiers.iter().collect();
    tiers.sort_by_key(|t| t.household_sizes.min);
    let mut next = 1;
    let mut open_ended = false;
    for tier in &tiers {
        let sizes = tier.household_sizes;
        if sizes.min == 0 || sizes.max.is_some_and(|max| max < sizes.min) {
            return Err(PolicyError::TierSizesInvalid(tier.code.clone()));
        }
        if open_ended {
            return Err(PolicyError::TierOverlap {
                kind,
                from: sizes.min,
                to: sizes.max,
            });
        }
        if sizes.min < next {
            let covered = next - 1;
            return Err(PolicyError::TierOverlap {
                kind,
                from: sizes.min,
                to: Some(sizes.max.map_or(covered, |max| max.min(covered))),
            });
        }
        if sizes.min > next {
            return Err(PolicyError::TierGap {
                kind,
                from: next,
                to: sizes.min - 1,
            });
        }
        match sizes.max {
            Some(max) => next = max.saturating_add(1),
            None => open_ended = true,
        }
        let pays = match tier.amount {
            TierAmount::Fixed(m) => m > Money::ZERO,
            TierAmount::DibaoMultiple { tenths } => tenths > 0,
        };
        if !pays {
            return Err(PolicyError::TierAmountNotPositive(tier.code.clone()));
        }
    }
    if !open_ended {
        return Err(PolicyError::TiersEndAt {
            kind,
            last: next - 1,
        });
    }
    let p = table.degree_percents;
    let in_range = |v: u32| (1..=1000).contains(&v);
    if !(in_range(p.general)
        && in_range(p.severe)
        && p.general <= p.serious
        && p.serious <= p.severe)
    {
        return Err(PolicyError::DegreePercents(kind));
    }
    if let Some(long) = table.long_hardship
        && (long.from_months == 0 || !(1..=1000).contains(&long.extra_percent))
    {
        return Err(PolicyError::LongHardship(kind));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{AssistanceTier, HouseholdSizes, LongHardship};
    use super::*;
    use crate::calendar::CalendarError;

    fn sizes(min: u32, max: Option<u32>) -> HouseholdSizes {
        HouseholdSizes { min, max }
    }

    fn with_expenditure_sizes(bands: &[(u32, Option<u32>)]) -> CountyPolicy {
        let mut p = CountyPolicy::dongying_example();
        let template = p.expenditure.tiers[0].clone();
        p.expenditure.tiers = bands
            .iter()
            .enumerate()
            .map(|(i, &(min, max))| AssistanceTier {
                code: format!("X{i}"),
                household_sizes: sizes(min, max),
                ..template.clone()
            })
            .collect();
        p
    }

    #[test]
    fn the_dongying_example_validates() {
        assert_eq!(CountyPolicy::dongying_example().validate(), Ok(()));
    }

    #[test]
    fn a_gap_between_tiers_is_refused_naming_the_missing_sizes() {
        let p = with_expenditure_sizes(&[(1, Some(2)), (4, None)]);
        let err = p.validate().unwrap_err();
        assert_eq!(
            err,
            PolicyError::TierGap {
                kind: AssistanceKind::Expenditure,
                from: 3,
                to: 3
            }
        );
        assert_eq!(err.code(), "tier_gap");
        assert_eq!(
            err.to_string(),
            "支出型 tiers leave household sizes 3 to 3 without a tier"
        );
    }

    #[test]
    fn overlapping_tiers_are_refused_naming_the_shared_sizes() {
        let p = with_expenditure_sizes(&[(1, Some(3)), (3, Some(4)), (5, None)]);
        assert_eq!(
            p.validate(),
            Err(PolicyError::TierOverlap {
                kind: AssistanceKind::Expenditure,
                from: 3,
                to: Some(3)
            })
        );
        let after_open = with_expenditure_sizes(&[(1, None), (4, None)]);
        assert_eq!(
            after_open.validate().map_err(|e| e.code()),
            Err("tier_overlap")
        );
    }

    #[test]
    fn tiers_must_start_at_one_and_end_open() {
        let late = with_expenditure_sizes(&[(2, None)]);
        assert_eq!(
            late.validate(),
            Err(PolicyError::TierGap {
                kind: AssistanceKind::Expenditure,
                from: 1,
                to: 1
            })
        );
        let closed = with_expenditure_sizes(&[(1, Some(2)), (3, Some(6))]);
        assert_eq!(
            closed.validate(),
            Err(PolicyError::TiersEndAt {
                kind: AssistanceKind::Expenditure,
                last: 6
            })
        );
        let none = with_expenditure_sizes(&[]);
        assert_eq!(
            none.validate(),
            Err(PolicyError::NoTiers(AssistanceKind::Expenditure))
        );
    }

    #[test]
    fn a_tier_paying_nothing_is_refused() {
        let mut p = CountyPolicy::dongying_example();
        p.emergency.tiers[1].amount = TierAmount::Fixed(Money::ZERO);
        let code = p.emergency.tiers[1].code.clone();
        assert_eq!(p.validate(), Err(PolicyError::TierAmountNotPositive(code)));
        let mut q = CountyPolicy::dongying_example();
        q.dibao_monthly_per_person = Money::from_yuan(-1);
        assert_eq!(
            q.validate(),
            Err(PolicyError::AmountNotPositive("the 低保 standard"))
        );
    }

    #[test]
    fn a_ceiling_below_what_a_tier_can_pay_is_refused() {
        let mut p = CountyPolicy::dongying_example();
        p.yearly_ceiling_per_household = Money::from_yuan(3000);
        let err = p.validate().unwrap_err();
        assert_eq!(err.code(), "ceiling_below_tier");
        assert!(matches!(err, PolicyError::CeilingBelowTier { ref tier, .. } if tier == "E1"));
    }

    #[test]
    fn a_missing_or_zero_deadline_is_refused() {
        let mut p = CountyPolicy::dongying_example();
        p.deadlines.remove(&CaseClock::PreliminaryReview);
        assert_eq!(
            p.validate(),
            Err(PolicyError::MissingDeadline(CaseClock::PreliminaryReview))
        );
        let mut q = CountyPolicy::dongying_example();
        q.deadlines
            .insert(CaseClock::AdvanceAidUrgent, Deadline::Hours(0));
        assert_eq!(
            q.validate(),
            Err(PolicyError::DeadlineOutOfRange(CaseClock::AdvanceAidUrgent))
        );
    }

    #[test]
    fn photo_settings_out_of_range_are_refused() {
        let mut p = CountyPolicy::dongying_example();
        p.photos.long_edge = 8000;
        assert_eq!(p.validate().map_err(|e| e.code()), Err("photo_settings"));
    }

    #[test]
    fn degree_percents_falling_with_hardship_are_refused() {
        let mut p = CountyPolicy::dongying_example();
        p.emergency.degree_percents.severe = 120;
        assert_eq!(
            p.validate(),
            Err(PolicyError::DegreePercents(AssistanceKind::Emergency))
        );
        let mut q = CountyPolicy::dongying_example();
        q.expenditure.long_hardship = Some(LongHardship {
            from_months: 0,
            extra_percent: 50,
        });
        assert_eq!(
            q.validate(),
            Err(PolicyError::LongHardship(AssistanceKind::Expenditure))
        );
    }

    #[test]
    fn an_invalid_calendar_year_is_refused_with_the_calendar_rule() {
        let mut p = CountyPolicy::dongying_example();
        let mut schedule = crate::calendar::published_schedules().remove(1);
        schedule.year = 2027;
        p.calendar_years.push(schedule);
        let err = p.validate().unwrap_err();
        assert!(matches!(
            err,
            PolicyError::Calendar(CalendarError::DateOutsideYear { year: 2027, .. })
        ));
        assert_eq!(err.code(), "date_outside_year");
    }

    #[test]
    fn version_and_county_code_are_checked() {
        let mut p = CountyPolicy::dongying_example();
        p.county_code = "37050".into();
        assert_eq!(p.validate(), Err(PolicyError::CountyCode));
        p.county_code = "370502".into();
        p.version = 0;
        assert_eq!(p.validate(), Err(PolicyError::VersionZero));
    }
}
