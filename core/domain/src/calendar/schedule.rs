//! One year's 放假调休安排 as the State Council publishes it: named holidays and the weekends
//! worked in their place, in a form a county can write into its policy.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{CalendarError, YEARS_ACCEPTED};

/// A named holiday period, first and last day inclusive, weekends inside it included
/// (春节: 1月28日至2月4日).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// The name the notice gives: 元旦, 春节, 国庆节、中秋节.
    pub name: String,
    /// First day off.
    pub first: NaiveDate,
    /// Last day off; the same as `first` for a one-day holiday.
    pub last: NaiveDate,
}

impl Holiday {
    /// Every day of the holiday, in order (none when `last` is before `first`).
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.first.iter_days().take_while(|d| *d <= self.last)
    }
}

/// One year's schedule: the holidays and the 调休 make-up working days (weekends worked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSchedule {
    /// The calendar year every listed date belongs to.
    pub year: i32,
    /// Where the dates come from: the notice's number or title and date.
    pub source: String,
    /// The holidays of the year.
    pub holidays: Vec<Holiday>,
    /// Saturdays and Sundays that are working days.
    pub make_up_workdays: Vec<NaiveDate>,
}

impl YearSchedule {
    /// Checks the schedule, naming the first rule it breaks: year within the accepted range, at
    /// least one holiday, every date inside the year, holidays neither reversed nor overlapping,
    /// make-up days on weekends, never a holiday, never listed twice.
    pub fn validate(&self) -> Result<(), CalendarError> {
        let year = self.year;
        if !(YEARS_ACCEPTED.0..=YEARS_ACCEPTED.1).contains(&year) {
            return Err(CalendarError::YearOutOfRange(year));
        }
        if self.holidays.is_empty() {
            return Err(CalendarError::NoHolidays(year));
        }
        let inside = |date: NaiveDate| {
            if date.year() == year {
                Ok(())
            } else {
                Err(CalendarError::DateOutsideYear { year, date })
            }
        };
        let mut off = BTreeSet::new();
        for holiday in &self.holidays {
            inside(holiday.first)?;
            inside(holiday.last)?;
            if holiday.last < holiday.first {
                return Err(CalendarError::HolidayEndsBeforeStart {
                    first: holiday.first,
                    last: holiday.last,
                });
            }
            for date in holiday.days() {
                if !off.insert(date) {
                    return Err(CalendarError::HolidaysOverlap(date));
                }
            }
        }
        let mut worked = BTreeSet::new();
        for &date in &self.make_up_workdays {
            inside(date)?;
            if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                return Err(CalendarError::MakeUpDayNotWeekend(date));
            }
            if off.contains(&date) {
                return Err(CalendarError::MakeUpDayIsHoliday(date));
            }
            if !worked.insert(date) {
                return Err(CalendarError::DuplicateMakeUpDay(date));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn holiday(name: &str, first: NaiveDate, last: NaiveDate) -> Holiday {
        Holiday {
            name: name.into(),
            first,
            last,
        }
    }

    fn schedule_2027() -> YearSchedule {
        YearSchedule {
            year: 2027,
            source: "测试".into(),
            holidays: vec![
                holiday("元旦", d(2027, 1, 1), d(2027, 1, 3)),
                holiday("春节", d(2027, 2, 5), d(2027, 2, 12)),
            ],
            make_up_workdays: vec![d(2027, 2, 14)],
        }
    }

    #[test]
    fn a_well_formed_schedule_passes() {
        assert_eq!(schedule_2027().validate(), Ok(()));
    }

    #[test]
    fn a_make_up_day_on_a_weekday_is_refused() {
        let mut s = schedule_2027();
        s.make_up_workdays.push(d(2027, 2, 15));
        let err = s.validate().unwrap_err();
        assert_eq!(err, CalendarError::MakeUpDayNotWeekend(d(2027, 2, 15)));
        assert_eq!(err.code(), "make_up_day_not_weekend");
    }

    #[test]
    fn overlapping_holidays_are_refused_at_the_first_shared_day() {
        let mut s = schedule_2027();
        s.holidays
            .push(holiday("元宵", d(2027, 2, 11), d(2027, 2, 13)));
        assert_eq!(
            s.validate(),
            Err(CalendarError::HolidaysOverlap(d(2027, 2, 11)))
        );
    }

    #[test]
    fn a_date_outside_the_schedule_year_is_refused() {
        let mut s = schedule_2027();
        s.holidays[0].first = d(2026, 12, 31);
        let err = s.validate().unwrap_err();
        assert_eq!(
            err,
            CalendarError::DateOutsideYear {
                year: 2027,
                date: d(2026, 12, 31)
            }
        );
        assert_eq!(err.code(), "date_outside_year");
    }

    #[test]
    fn a_day_both_off_and_worked_is_refused() {
        let mut s = schedule_2027();
        s.make_up_workdays.push(d(2027, 1, 2));
        assert_eq!(
            s.validate(),
            Err(CalendarError::MakeUpDayIsHoliday(d(2027, 1, 2)))
        );
    }

    #[test]
    fn a_make_up_day_listed_twice_is_refused() {
        let mut s = schedule_2027();
        s.make_up_workdays.push(d(2027, 2, 14));
        assert_eq!(
            s.validate(),
            Err(CalendarError::DuplicateMakeUpDay(d(2027, 2, 14)))
        );
    }

    #[test]
    fn a_reversed_holiday_is_refused() {
        let mut s = schedule_2027();
        s.holidays[1] = holiday("春节", d(2027, 2, 12), d(2027, 2, 5));
        assert_eq!(
            s.validate().map_err(|e| e.code()),
            Err("holiday_ends_before_start")
        );
    }

    #[test]
    fn an_empty_or_implausible_year_is_refused() {
        let mut s = schedule_2027();
        s.holidays.clear();
        assert_eq!(s.validate(), Err(CalendarError::NoHolidays(2027)));
        let typo = YearSchedule {
            year: 227,
            ..schedule_2027()
        };
        assert_eq!(typo.validate(), Err(CalendarError::YearOutOfRange(227)));
    }

    #[test]
    fn a_schedule_survives_json_with_iso_dates() {
        let json = serde_json::to_string(&schedule_2027()).unwrap();
        assert!(json.contains("\"first\":\"2027-02-05\""));
        let back: YearSchedule = serde_json::from_str(&json).unwrap();
        assert_eq!(back, schedule_2027());
    }
}
