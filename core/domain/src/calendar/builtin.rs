//! The State Council schedules shipped with the app, as data: 2025 (国办发明电〔2024〕12号) and
//! 2026 (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04).

use chrono::NaiveDate;

use super::{Holiday, YearSchedule};

/// A date checked when the crate compiles: a typo in the table below fails the build.
const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("the built-in holiday table holds an impossible date"),
    }
}

struct Published {
    year: i32,
    source: &'static str,
    holidays: &'static [(&'static str, NaiveDate, NaiveDate)],
    make_up_workdays: &'static [NaiveDate],
}

const PUBLISHED: [Published; 2] = [
    Published {
        year: 2025,
        source: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）",
        holidays: &[
            ("元旦", day(2025, 1, 1), day(2025, 1, 1)),
            ("春节", day(2025, 1, 28), day(2025, 2, 4)),
            ("清明节", day(2025, 4, 4), day(2025, 4, 6)),
            ("劳动节", day(2025, 5, 1), day(2025, 5, 5)),
            ("端午节", day(2025, 5, 31), day(2025, 6, 2)),
            ("国庆节、中秋节", day(2025, 10, 1), day(2025, 10, 8)),
        ],
        make_up_workdays: &[
            day(2025, 1, 26),
            day(2025, 2, 8),
            day(2025, 4, 27),
            day(2025, 9, 28),
            day(2025, 10, 11),
        ],
    },
    Published {
        year: 2026,
        source: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
        holidays: &[
            ("元旦", day(2026, 1, 1), day(2026, 1, 3)),
            ("春节", day(2026, 2, 15), day(2026, 2, 23)),
            ("清明节", day(2026, 4, 4), day(2026, 4, 6)),
            ("劳动节", day(2026, 5, 1), day(2026, 5, 5)),
            ("端午节", day(2026, 6, 19), day(2026, 6, 21)),
            ("中秋节", day(2026, 9, 25), day(2026, 9, 27)),
            ("国庆节", day(2026, 10, 1), day(2026, 10, 7)),
        ],
        make_up_workdays: &[
            day(2026, 1, 4),
            day(2026, 2, 14),
            day(2026, 2, 28),
            day(2026, 5, 9),
            day(2026, 9, 20),
            day(2026, 10, 10),
        ],
    },
];

/// The schedules shipped with the app, in the form a county writes its own: a template for the
/// next year's entry and what `WorkingDayCalendar::builtin` counts with.
pub fn published_schedules() -> Vec<YearSchedule> {
    PUBLISHED
        .iter()
        .map(|p| YearSchedule {
            year: p.year,
            source: p.source.to_owned(),
            holidays: p
                .holidays
                .iter()
                .map(|&(name, first, last)| Holiday {
                    name: name.to_owned(),
                    first,
                    last,
                })
                .collect(),
            make_up_workdays: p.make_up_workdays.to_vec(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_schedules_pass_the_rules_a_county_schedule_must_pass() {
        for schedule in published_schedules() {
            assert_eq!(schedule.validate(), Ok(()), "{}", schedule.year);
        }
    }

    #[test]
    fn shipped_schedules_have_the_published_number_of_days_off() {
        // 2025: 1 + 8 + 3 + 5 + 3 + 8; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7.
        let off: Vec<(i32, usize, usize)> = published_schedules()
            .iter()
            .map(|s| {
                let days = s.holidays.iter().flat_map(Holiday::days).count();
                (s.year, days, s.make_up_workdays.len())
            })
            .collect();
        assert_eq!(off, [(2025, 28, 5), (2026, 33, 6)]);
    }
}
