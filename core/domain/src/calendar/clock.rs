//! Case clocks: a deadline in hours, working days or calendar days, the instant it falls due in
//! China time, and whether at a given moment it is running, due soon or overdue.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{CalendarError, WorkingDayCalendar};

/// China Standard Time, UTC+8 all year (no daylight saving). Day-based clocks count in it.
pub const CHINA_TIME: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

/// How long a step may take (seed 002: 先行救助 2 h / 24 h; materials 5, 初审 3, 审核审批 20
/// working days; 公示 7 days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    /// Within this many hours of the start, by the clock, holidays or not.
    Hours(u32),
    /// By 24:00 China time of the n-th working day after the start's China date.
    WorkingDays(u32),
    /// By 24:00 China time of the n-th calendar day after the start's China date.
    CalendarDays(u32),
}

/// Where a running clock stands at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Time remains and the end is not near.
    Running,
    /// In the last stretch: the last quarter of an hour clock, or the due day itself (24 hours
    /// before a day clock ends: for a working-day clock, its last working day).
    DueSoon,
    /// The due instant has passed.
    Overdue,
}

impl Deadline {
    /// Whether the deadline is zero long (never a usable county setting).
    pub fn is_zero(self) -> bool {
        matches!(
            self,
            Deadline::Hours(0) | Deadline::WorkingDays(0) | Deadline::CalendarDays(0)
        )
    }

    /// The instant the clock started at `start` falls due. Day clocks count from the start's
    /// date in China time (a report at 00:30 on Saturday counts from Saturday) and end at 24:00
    /// of the due day. A working-day clock reaching a year without a schedule is refused.
    pub fn due_at(
        self,
        start: DateTime<Utc>,
        calendar: &WorkingDayCalendar,
    ) -> Result<DateTime<Utc>, CalendarError> {
        let start_date = start.with_timezone(&CHINA_TIME).date_naive();
        match self {
            Deadline::Hours(n) => start
                .checked_add_signed(TimeDelta::hours(i64::from(n)))
                .ok_or(CalendarError::DeadlineOutOfRange),
            Deadline::WorkingDays(n) => end_of_china_day(calendar.add_working_days(start_date, n)?),
            Deadline::CalendarDays(n) => end_of_china_day(
                start_date
                    .checked_add_days(Days::new(u64::from(n)))
                    .ok_or(CalendarError::DeadlineOutOfRange)?,
            ),
        }
    }

    /// Where a clock of this deadline that falls due at `due` stands at `now`. Exactly at `due`
    /// it is still due soon; a moment later it is overdue.
    pub fn state(self, due: DateTime<Utc>, now: DateTime<Utc>) -> ClockState {
        if now > due {
            return ClockState::Overdue;
        }
        let window = match self {
            Deadline::Hours(n) => TimeDelta::seconds(i64::from(n) * 3600 / 4),
            Deadline::WorkingDays(_) | Deadline::CalendarDays(_) => TimeDelta::days(1),
        };
        if due
            .checked_sub_signed(window)
            .is_none_or(|from| now >= from)
        {
            ClockState::DueSoon
        } else {
            ClockState::Running
        }
    }
}

/// 24:00 China time at the end of `date`, as an instant.
fn end_of_china_day(date: NaiveDate) -> Result<DateTime<Utc>, CalendarError> {
    date.succ_opt()
        .and_then(|next| {
            next.and_time(NaiveTime::MIN)
                .and_local_timezone(CHINA_TIME)
                .single()
        })
        .map(|end| end.with_timezone(&Utc))
        .ok_or(CalendarError::DeadlineOutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An instant given in China time.
    fn china(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|date| date.and_hms_opt(h, min, 0))
            .and_then(|t| t.and_local_timezone(CHINA_TIME).single())
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn fire_on_the_eve_of_spring_festival_runs_its_clocks_across_the_holiday() {
        let cal = WorkingDayCalendar::builtin();
        let reported = china(2026, 2, 13, 21, 30);
        assert_eq!(
            Deadline::Hours(24).due_at(reported, &cal),
            Ok(china(2026, 2, 14, 21, 30))
        );
        assert_eq!(
            Deadline::Hours(2).due_at(reported, &cal),
            Ok(china(2026, 2, 13, 23, 30))
        );
        assert_eq!(
            Deadline::WorkingDays(5).due_at(reported, &cal),
            Ok(china(2026, 2, 28, 0, 0))
        );
        assert_eq!(
            Deadline::WorkingDays(5)
                .due_at(reported, &cal)
                .map(|t| t.to_rfc3339()),
            Ok("2026-02-27T16:00:00+00:00".to_owned())
        );
    }

    #[test]
    fn expenditure_case_accepted_before_national_day_gets_its_review_clocks() {
        let cal = WorkingDayCalendar::builtin();
        // Thu 2025-09-25. 初审: Fri 26, Sun 28 (调休), Mon 29.
        let accepted = china(2025, 9, 25, 10, 0);
        assert_eq!(
            Deadline::WorkingDays(3).due_at(accepted, &cal),
            Ok(china(2025, 9, 30, 0, 0))
        );
        // 审核审批: 4 days before the holiday, Oct 1–8 off, Sat Oct 11 (调休) worked,
        // then to Wed Oct 29.
        assert_eq!(
            Deadline::WorkingDays(20).due_at(accepted, &cal),
            Ok(china(2025, 10, 30, 0, 0))
        );
    }

    #[test]
    fn day_clocks_count_from_the_china_date_not_the_utc_date() {
        let cal = WorkingDayCalendar::builtin();
        // 00:30 on Sat 2026-02-14 in China is still Friday the 13th in UTC.
        let reported = china(2026, 2, 14, 0, 30);
        assert_eq!(
            Deadline::WorkingDays(1).due_at(reported, &cal),
            Ok(china(2026, 2, 25, 0, 0))
        );
        assert_eq!(
            Deadline::CalendarDays(7).due_at(reported, &cal),
            Ok(china(2026, 2, 22, 0, 0))
        );
    }

    #[test]
    fn hour_clocks_ignore_holidays_and_unknown_years() {
        let cal = WorkingDayCalendar::builtin();
        let new_year_eve = china(2027, 12, 31, 23, 0);
        assert_eq!(
            Deadline::Hours(2).due_at(new_year_eve, &cal),
            Ok(china(2028, 1, 1, 1, 0))
        );
    }

    #[test]
    fn a_working_day_clock_into_an_unknown_year_is_refused() {
        let cal = WorkingDayCalendar::builtin();
        assert_eq!(
            Deadline::WorkingDays(3).due_at(china(2026, 12, 30, 9, 0), &cal),
            Err(CalendarError::UnknownYear(2027))
        );
    }

    #[test]
    fn a_24_hour_clock_is_due_soon_in_its_last_six_hours() {
        let clock = Deadline::Hours(24);
        let due = china(2026, 2, 14, 21, 30);
        assert_eq!(
            clock.state(due, china(2026, 2, 14, 15, 29)),
            ClockState::Running
        );
        assert_eq!(
            clock.state(due, china(2026, 2, 14, 15, 30)),
            ClockState::DueSoon
        );
        assert_eq!(clock.state(due, due), ClockState::DueSoon);
        assert_eq!(
            clock.state(due, china(2026, 2, 14, 21, 31)),
            ClockState::Overdue
        );
    }

    #[test]
    fn a_2_hour_clock_is_due_soon_in_its_last_half_hour() {
        let clock = Deadline::Hours(2);
        let due = china(2026, 2, 13, 23, 30);
        assert_eq!(
            clock.state(due, china(2026, 2, 13, 22, 59)),
            ClockState::Running
        );
        assert_eq!(
            clock.state(due, china(2026, 2, 13, 23, 0)),
            ClockState::DueSoon
        );
    }

    #[test]
    fn a_working_day_clock_is_due_soon_on_its_due_day() {
        let clock = Deadline::WorkingDays(5);
        let due = china(2026, 2, 28, 0, 0);
        assert_eq!(
            clock.state(due, china(2026, 2, 26, 23, 59)),
            ClockState::Running
        );
        assert_eq!(
            clock.state(due, china(2026, 2, 27, 8, 0)),
            ClockState::DueSoon
        );
        assert_eq!(
            clock.state(due, china(2026, 2, 28, 0, 1)),
            ClockState::Overdue
        );
    }

    #[test]
    fn deadlines_serialize_with_their_unit() {
        let json = serde_json::to_string(&[Deadline::Hours(2), Deadline::WorkingDays(5)]).unwrap();
        assert_eq!(json, r#"[{"hours":2},{"working_days":5}]"#);
        assert!(Deadline::CalendarDays(0).is_zero());
        assert!(!Deadline::Hours(24).is_zero());
    }
}
