//! 家庭经济状况: yearly income by the 核查表's sources, rigid expenditure, assets and debts.

use serde::{Deserialize, Serialize};

use super::money::Money;
use super::validation::Problems;

/// Yearly income by source (past 12 months), as on the 家庭经济状况核查表.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Income {
    /// 工资性收入.
    pub wage: Money,
    /// 种植养殖收入 (net).
    pub farming: Money,
    /// 经营收入 (net).
    pub business: Money,
    /// 财产租赁收入.
    pub property_rental: Money,
    /// 土地流转收入.
    pub land_transfer: Money,
    /// 养老金.
    pub pension: Money,
    /// 赡扶抚养费 received.
    pub support_received: Money,
    /// 补助金 (other than the assistance being assessed).
    pub subsidies: Money,
    /// 其他收入.
    pub other: Money,
}

/// The four groups the national statistics use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IncomeGroups {
    /// 工资性收入.
    pub wage: Money,
    /// 经营净收入: farming and business.
    pub business_net: Money,
    /// 财产净收入: rentals and land transfer.
    pub property_net: Money,
    /// 转移净收入: pensions, support received, subsidies.
    pub transfer_net: Money,
    /// 其他.
    pub other: Money,
}

/// Yearly rigid expenditure (刚性支出).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expenditure {
    /// 医疗自付 (after insurance).
    pub medical: Money,
    /// 教育.
    pub education: Money,
    /// 住房 (rent, repairs after disaster).
    pub housing: Money,
    /// 其他刚性支出.
    pub other: Money,
}

/// Assets the family holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assets {
    /// Number of dwellings owned.
    pub house_count: u32,
    /// Their estimated value.
    pub house_value: Money,
    /// Number of motor vehicles (excluding those needed for a disability or for work).
    pub vehicle_count: u32,
    /// Their estimated value.
    pub vehicle_value: Money,
    /// 存款.
    pub deposits: Money,
    /// 有价证券.
    pub securities: Money,
}

/// The household's economic situation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Economics {
    /// Yearly income by source.
    pub income: Income,
    /// Yearly rigid expenditure.
    pub expenditure: Expenditure,
    /// Assets.
    pub assets: Assets,
    /// 负债.
    pub debts: Money,
}

impl Income {
    fn fields(&self) -> [(&'static str, Money); 9] {
        [
            ("wage", self.wage),
            ("farming", self.farming),
            ("business", self.business),
            ("property_rental", self.property_rental),
            ("land_transfer", self.land_transfer),
            ("pension", self.pension),
            ("support_received", self.support_received),
            ("subsidies", self.subsidies),
            ("other", self.other),
        ]
    }

    /// Total yearly income; `None` on overflow (cannot happen with validated fields).
    pub fn total(&self) -> Option<Money> {
        self.fields()
            .iter()
            .try_fold(Money::ZERO, |acc, (_, m)| acc.checked_add(*m))
    }

    /// Income grouped as 工资性/经营净/财产净/转移净/其他.
    pub fn groups(&self) -> IncomeGroups {
        let sum = |a: Money, b: Money| a.checked_add(b).unwrap_or(Money::FIELD_MAX);
        IncomeGroups {
            wage: self.wage,
            business_net: sum(self.farming, self.business),
            property_net: sum(self.property_rental, self.land_transfer),
            transfer_net: sum(sum(self.pension, self.support_received), self.subsidies),
            other: self.other,
        }
    }
}

impl Expenditure {
    /// Total rigid expenditure.
    pub fn total(&self) -> Option<Money> {
        [self.medical, self.education, self.housing, self.other]
            .iter()
            .try_fold(Money::ZERO, |acc, m| acc.checked_add(*m))
    }
}

impl Economics {
    /// Checks every amount.
    pub fn validate(&self, prefix: &str) -> Problems {
        let mut p = Problems::new(prefix);
        for (name, m) in self.income.fields() {
            if let Some(r) = m.field_problem() {
                p.add(&format!("income.{name}"), r);
            }
        }
        let e = &self.expenditure;
        for (name, m) in [
            ("medical", e.medical),
            ("education", e.education),
            ("housing", e.housing),
            ("other", e.other),
        ] {
            if let Some(r) = m.field_problem() {
                p.add(&format!("expenditure.{name}"), r);
            }
        }
        let a = &self.assets;
        for (name, m) in [
            ("house_value", a.house_value),
            ("vehicle_value", a.vehicle_value),
            ("deposits", a.deposits),
            ("securities", a.securities),
        ] {
            if let Some(r) = m.field_problem() {
                p.add(&format!("assets.{name}"), r);
            }
        }
        p.check(
            a.house_count > 100,
            "assets.house_count",
            "房产数量不合理，请核对",
        );
        p.check(
            a.vehicle_count > 100,
            "assets.vehicle_count",
            "车辆数量不合理，请核对",
        );
        if let Some(r) = self.debts.field_problem() {
            p.add("debts", r);
        }
        p
    }

    /// Whether 人均月收入 is below `percent`% of `monthly_line` per person (the 低保 standard at
    /// 100): `yearly × 100 < line × percent × 12 × people` in whole 分, so nothing is rounded.
    /// `None` for an empty household or an income too large to add up.
    pub fn income_below(
        &self,
        household_size: usize,
        monthly_line: Money,
        percent: u32,
    ) -> Option<bool> {
        let people = i128::try_from(household_size).ok().filter(|n| *n > 0)?;
        let income = i128::from(self.income.total()?.fen()) * 100;
        let line = i128::from(monthly_line.fen()) * i128::from(percent) * 12 * people;
        Some(income < line)
    }

    /// 人均月收入: yearly income / 12 / people in the household, rounded down to the 分.
    /// `None` for an empty household.
    pub fn per_capita_monthly_income(&self, household_size: usize) -> Option<Money> {
        let people = i64::try_from(household_size).ok().filter(|n| *n > 0)?;
        self.income.total()?.checked_div(12 * people)
    }

    /// 人均月收入 after rigid expenditure (used by 支出型 assessment), floored at zero.
    pub fn per_capita_monthly_after_expenditure(&self, household_size: usize) -> Option<Money> {
        let people = i64::try_from(household_size).ok().filter(|n| *n > 0)?;
        let net = self.income.total()?.fen() - self.expenditure.total()?.fen();
        Money::from_fen(net.max(0)).checked_div(12 * people)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Economics {
        Economics {
            income: Income {
                wage: Money::from_yuan(24_000),
                farming: Money::from_yuan(6_000),
                pension: Money::from_yuan(1_800),
                ..Income::default()
            },
            expenditure: Expenditure {
                medical: Money::from_yuan(30_000),
                ..Expenditure::default()
            },
            ..Economics::default()
        }
    }

    #[test]
    fn income_below_the_line_is_compared_exactly_in_fen() {
        // 31,800 元 a year for 3 people is 883.33… 元 a month each.
        let e = sample();
        assert_eq!(e.income_below(3, Money::from_fen(88_333), 100), Some(false));
        assert_eq!(e.income_below(3, Money::from_fen(88_334), 100), Some(true));
        // One person: 2,650 元 a month exactly, which is on a 2,650 元 line, not below it.
        assert_eq!(e.income_below(1, Money::from_yuan(2_650), 100), Some(false));
        assert_eq!(e.income_below(1, Money::from_fen(265_001), 100), Some(true));
        // 85% of a 1,000 元 line is 850 元: 883.33 is above it.
        assert_eq!(e.income_below(3, Money::from_yuan(1_000), 85), Some(false));
        assert_eq!(e.income_below(0, Money::from_yuan(1_000), 100), None);
    }

    #[test]
    fn per_capita_monthly_income_divides_year_by_twelve_and_people() {
        // 31,800 元 / 12 / 4 = 662.50 元
        assert_eq!(
            sample().per_capita_monthly_income(4),
            Some(Money::from_fen(66_250))
        );
        assert_eq!(sample().per_capita_monthly_income(0), None);
    }

    #[test]
    fn rigid_expenditure_is_deducted_and_floored_at_zero() {
        // (31,800 - 30,000) / 12 / 3 = 50 元
        assert_eq!(
            sample().per_capita_monthly_after_expenditure(3),
            Some(Money::from_yuan(50))
        );
        let mut e = sample();
        e.expenditure.medical = Money::from_yuan(90_000);
        assert_eq!(e.per_capita_monthly_after_expenditure(3), Some(Money::ZERO));
    }

    #[test]
    fn income_groups_follow_the_statistical_grouping() {
        let g = sample().income.groups();
        assert_eq!(g.business_net, Money::from_yuan(6_000));
        assert_eq!(g.transfer_net, Money::from_yuan(1_800));
    }

    #[test]
    fn negative_amounts_are_reported_per_field() {
        let mut e = sample();
        e.income.farming = Money::from_fen(-100);
        e.debts = Money::from_fen(-1);
        let problems = e.validate("economics").finish().unwrap_err().0;
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["economics.income.farming", "economics.debts"]);
    }
}
