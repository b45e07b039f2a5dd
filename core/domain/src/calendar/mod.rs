//! The Chinese working-day calendar (工作日): weekends, the State Council's holidays and its 调休
//! make-up working days, year by year. A year it has no schedule for is refused, never guessed.

mod builtin;
mod clock;
mod schedule;

pub use builtin::published_schedules;
pub use clock::{CHINA_TIME, ClockState, Deadline};
pub use schedule::{Holiday, YearSchedule};

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};

/// Why a schedule or a working-day count was refused. Carries dates and years, never a person.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The calendar has no schedule for this year, so it cannot tell holidays from working days.
    #[error(
        "no holiday schedule for {0}: add that year's State Council schedule to the county policy"
    )]
    UnknownYear(i32),
    /// A schedule's year is outside the years the calendar accepts.
    #[error("schedule year {0} is outside {first}–{last}", first = YEARS_ACCEPTED.0, last = YEARS_ACCEPTED.1)]
    YearOutOfRange(i32),
    /// A schedule lists no holidays at all (every year has at least 元旦 and 春节).
    #[error("the {0} schedule lists no holidays")]
    NoHolidays(i32),
    /// A date listed in a year's schedule belongs to another year.
    #[error("{date} is listed in the {year} schedule but is not in {year}")]
    DateOutsideYear {
        /// The schedule's year.
        year: i32,
        /// The stray date.
        date: NaiveDate,
    },
    /// A holiday's last day is before its first.
    #[error("the holiday starting {first} ends on {last}, before it starts")]
    HolidayEndsBeforeStart {
        /// First day as listed.
        first: NaiveDate,
        /// Last day as listed.
        last: NaiveDate,
    },
    /// Two holidays of the same schedule share a day.
    #[error("{0} is listed in two holidays")]
    HolidaysOverlap(NaiveDate),
    /// A 调休 make-up working day falls on a weekday (make-up days are always weekends).
    #[error("make-up working day {0} is a weekday; 调休 make-up days are Saturdays or Sundays")]
    MakeUpDayNotWeekend(NaiveDate),
    /// A day is listed both as a holiday and as a make-up working day.
    #[error("{0} is listed both as a holiday and as a make-up working day")]
    MakeUpDayIsHoliday(NaiveDate),
    /// A make-up working day is listed twice.
    #[error("make-up working day {0} is listed twice")]
    DuplicateMakeUpDay(NaiveDate),
    /// Two schedules for the same year were supplied together.
    #[error("two schedules for {0} were supplied; keep one")]
    DuplicateYear(i32),
    /// The deadline lies beyond the dates that can be represented.
    #[error("the deadline lies beyond the representable dates")]
    DeadlineOutOfRange,
}

impl CalendarError {
    /// Stable code naming the rule, for the FFI, HTTP answers and the county's policy editor.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::UnknownYear(_) => "unknown_year",
            CalendarError::YearOutOfRange(_) => "year_out_of_range",
            CalendarError::NoHolidays(_) => "no_holidays",
            CalendarError::DateOutsideYear { .. } => "date_outside_year",
            CalendarError::HolidayEndsBeforeStart { .. } => "holiday_ends_before_start",
            CalendarError::HolidaysOverlap(_) => "holidays_overlap",
            CalendarError::MakeUpDayNotWeekend(_) => "make_up_day_not_weekend",
            CalendarError::MakeUpDayIsHoliday(_) => "make_up_day_is_holiday",
            CalendarError::DuplicateMakeUpDay(_) => "duplicate_make_up_day",
            CalendarError::DuplicateYear(_) => "duplicate_year",
            CalendarError::DeadlineOutOfRange => "deadline_out_of_range",
        }
    }
}

/// First and last schedule year accepted: a guard against typed-in years like 226 or 20267.
pub const YEARS_ACCEPTED: (i32, i32) = (2000, 2199);

/// Days off and make-up days of one known year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct YearDays {
    off: BTreeSet<NaiveDate>,
    make_up: BTreeSet<NaiveDate>,
}

impl YearDays {
    fn of(schedule: &YearSchedule) -> Self {
        YearDays {
            off: schedule.holidays.iter().flat_map(Holiday::days).collect(),
            make_up: schedule.make_up_workdays.iter().copied().collect(),
        }
    }
}

/// Which days are 工作日: Monday to Friday, minus the published holidays, plus the 调休 weekends
/// worked in their place. Knows only the years it holds a schedule for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingDayCalendar {
    years: BTreeMap<i32, YearDays>,
}

impl WorkingDayCalendar {
    /// The calendar with the schedules shipped in the app (2025 and 2026).
    pub fn builtin() -> Self {
        // The shipped table passes `YearSchedule::validate`; a test holds it to that.
        let years = published_schedules()
            .iter()
            .map(|s| (s.year, YearDays::of(s)))
            .collect();
        WorkingDayCalendar { years }
    }

    /// This calendar with the county's schedules added; a county schedule for a year the calendar
    /// already knows replaces it. Every schedule is validated; two for one year are refused.
    pub fn with_years(mut self, extra: &[YearSchedule]) -> Result<Self, CalendarError> {
        let mut seen = BTreeSet::new();
        for schedule in extra {
            if !seen.insert(schedule.year) {
                return Err(CalendarError::DuplicateYear(schedule.year));
            }
            schedule.validate()?;
        }
        for schedule in extra {
            self.years.insert(schedule.year, YearDays::of(schedule));
        }
        Ok(self)
    }

    /// The years this calendar can count in, ascending.
    pub fn known_years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// Whether `date` is a working day; `UnknownYear` when its year has no schedule.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let days = self.year(date.year())?;
        Ok(if days.make_up.contains(&date) {
            true
        } else if days.off.contains(&date) {
            false
        } else {
            !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        })
    }

    /// The deadline `n` working days after `start`: `start` itself does not count, the following
    /// working days do, and the n-th is returned (`start` for `n == 0`).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        self.year(start.year())?;
        let mut date = start;
        let mut left = n;
        while left > 0 {
            date = date.succ_opt().ok_or(CalendarError::DeadlineOutOfRange)?;
            if self.is_working_day(date)? {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// How many working days lie after `from` up to and including `to`: the `n` for which
    /// `add_working_days(from, n)` reaches `to` when `to` is a working day. Zero when `to` is not
    /// after `from`.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<u32, CalendarError> {
        self.year(from.year())?;
        let mut count = 0;
        for date in from.iter_days().skip(1).take_while(|d| *d <= to) {
            if self.is_working_day(date)? {
                count += 1;
            }
        }
        Ok(count)
    }

    fn year(&self, year: i32) -> Result<&YearDays, CalendarError> {
        self.years
            .get(&year)
            .ok_or(CalendarError::UnknownYear(year))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn schedule_2027() -> YearSchedule {
        YearSchedule {
            year: 2027,
            source: "县民政局按国务院办公厅通知录入".into(),
            holidays: vec![Holiday {
                name: "元旦".into(),
                first: d(2027, 1, 1),
                last: d(2027, 1, 1),
            }],
            make_up_workdays: vec![],
        }
    }

    #[test]
    fn spring_festival_days_are_off_and_the_make_up_saturday_is_worked() {
        let cal = WorkingDayCalendar::builtin();
        assert_eq!(cal.is_working_day(d(2026, 2, 13)), Ok(true));
        assert_eq!(cal.is_working_day(d(2026, 2, 14)), Ok(true));
        assert_eq!(cal.is_working_day(d(2026, 2, 16)), Ok(false));
        assert_eq!(cal.is_working_day(d(2026, 2, 23)), Ok(false));
        assert_eq!(cal.is_working_day(d(2026, 2, 24)), Ok(true));
        assert_eq!(cal.is_working_day(d(2026, 2, 28)), Ok(true));
        assert_eq!(cal.is_working_day(d(2026, 3, 1)), Ok(false));
    }

    #[test]
    fn fire_on_the_eve_of_spring_festival_has_materials_due_on_february_27() {
        let cal = WorkingDayCalendar::builtin();
        assert_eq!(cal.add_working_days(d(2026, 2, 13), 5), Ok(d(2026, 2, 27)));
        assert_eq!(
            cal.working_days_between(d(2026, 2, 13), d(2026, 2, 27)),
            Ok(5)
        );
    }

    #[test]
    fn the_start_day_never_counts_and_zero_days_is_the_start_day() {
        let cal = WorkingDayCalendar::builtin();
        assert_eq!(cal.add_working_days(d(2025, 3, 3), 1), Ok(d(2025, 3, 4)));
        assert_eq!(cal.add_working_days(d(2025, 3, 8), 1), Ok(d(2025, 3, 10)));
        assert_eq!(cal.add_working_days(d(2025, 3, 8), 0), Ok(d(2025, 3, 8)));
        assert_eq!(
            cal.working_days_between(d(2025, 3, 10), d(2025, 3, 3)),
            Ok(0)
        );
    }

    #[test]
    fn counting_runs_across_new_year_into_2026_holidays() {
        let cal = WorkingDayCalendar::builtin();
        // Wed 2025-12-31; 2026-01-01..03 off; Sun 01-04 worked.
        assert_eq!(cal.add_working_days(d(2025, 12, 31), 1), Ok(d(2026, 1, 4)));
        assert_eq!(cal.add_working_days(d(2025, 12, 31), 2), Ok(d(2026, 1, 5)));
    }

    #[test]
    fn a_year_without_a_schedule_is_refused_not_guessed() {
        let cal = WorkingDayCalendar::builtin();
        assert_eq!(
            cal.is_working_day(d(2027, 3, 3)),
            Err(CalendarError::UnknownYear(2027))
        );
        assert_eq!(
            cal.add_working_days(d(2026, 12, 28), 5),
            Err(CalendarError::UnknownYear(2027))
        );
        assert_eq!(
            cal.add_working_days(d(2024, 12, 30), 0),
            Err(CalendarError::UnknownYear(2024))
        );
        assert_eq!(
            cal.working_days_between(d(2026, 12, 30), d(2027, 1, 5)),
            Err(CalendarError::UnknownYear(2027))
        );
    }

    #[test]
    fn a_county_supplied_2027_schedule_makes_2027_count() {
        let cal = WorkingDayCalendar::builtin()
            .with_years(&[schedule_2027()])
            .unwrap();
        assert_eq!(cal.known_years(), [2025, 2026, 2027]);
        // Mon 2026-12-28 + 5: Tue–Thu (3), Fri 2027-01-01 off, Mon 01-04 (4), Tue 01-05 (5).
        assert_eq!(cal.add_working_days(d(2026, 12, 28), 5), Ok(d(2027, 1, 5)));
    }

    #[test]
    fn a_county_schedule_replaces_the_shipped_one_for_its_year() {
        let replacement = YearSchedule {
            year: 2026,
            source: "县民政局更正".into(),
            holidays: vec![Holiday {
                name: "元旦".into(),
                first: d(2026, 1, 1),
                last: d(2026, 1, 1),
            }],
            make_up_workdays: vec![],
        };
        let cal = WorkingDayCalendar::builtin()
            .with_years(&[replacement])
            .unwrap();
        assert_eq!(cal.is_working_day(d(2026, 2, 16)), Ok(true));
        assert_eq!(cal.is_working_day(d(2026, 2, 14)), Ok(false));
    }

    #[test]
    fn two_county_schedules_for_one_year_are_refused() {
        let err = WorkingDayCalendar::builtin()
            .with_years(&[schedule_2027(), schedule_2027()])
            .unwrap_err();
        assert_eq!(err, CalendarError::DuplicateYear(2027));
        assert_eq!(err.code(), "duplicate_year");
    }

    #[test]
    fn a_county_schedule_breaking_a_rule_is_refused_by_name() {
        let mut bad = schedule_2027();
        bad.make_up_workdays.push(d(2027, 1, 6));
        let err = WorkingDayCalendar::builtin()
            .with_years(&[bad])
            .unwrap_err();
        assert_eq!(err, CalendarError::MakeUpDayNotWeekend(d(2027, 1, 6)));
        assert_eq!(err.code(), "make_up_day_not_weekend");
    }
}
