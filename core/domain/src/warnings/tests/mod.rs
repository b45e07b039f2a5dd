//! Warnings to visit tasks to "my visits", with fictional households from `sample`: the
//! fixtures here; what each rule finds in `rules`, the tasks they become and "my visits" in
//! `tasks`, warnings sent by other departments in `external`.

mod external;
mod rules;
mod tasks;

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
