//! County-side work over cases that no single phone can do: every case's clock under the
//! county's rules (kept in the index, so the county sees every clock), and the yearly ceiling
//! across all of a household's payments, including payments recorded at the same time on two
//! offline devices. An overrun is flagged for a supervisor to settle, never hidden or undone.

use std::collections::BTreeSet;

use automerge::AutoCommit;
use chrono::{Datelike, Utc};
use ruhu_domain::calendar::WorkingDayCalendar;
use ruhu_domain::case::{Case, CaseState};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::policy::{self, CountyPolicy, Payment};
use ruhu_proto::v1::ErrorCode;

use crate::db::{CaseFlag, Tx};
use crate::error::CountyError;
use crate::sync::load;

/// Flag kind for payments past the yearly ceiling.
pub const CEILING: &str = "ceiling";

/// The county's rules for replaying cases: the policy in force and its working-day calendar.
pub struct Rules {
    /// The policy.
    pub policy: CountyPolicy,
    /// The shipped schedules plus the policy's years.
    pub calendar: WorkingDayCalendar,
}

impl Rules {
    /// The rules in force, if the county has published a policy.
    pub fn load(tx: &mut dyn Tx, county: &str) -> Result<Option<Rules>, CountyError> {
        let Some(policy) = crate::policy::current(tx, county)? else {
            return Ok(None);
        };
        let calendar = policy
            .calendar()
            .map_err(|e| CountyError::new(ErrorCode::Internal, format!("policy calendar: {e}")))?;
        Ok(Some(Rules { policy, calendar }))
    }
}

/// Whether `h` is the household case `c` names and lies where the case lies (same village and
/// grid). Only then do the case's readers (case page, exports) see it: a case can be read by
/// whoever covers the case, and must never show a household of another grid or township.
pub fn household_of_case(c: &Case, h: &Household) -> bool {
    let a = &h.profile.address;
    h.id == c.household_id && a.village_code == c.village_code && a.grid_code == c.grid_code
}

/// A case's nearest running clock while it is open: its code and when it falls due (Unix ms).
/// A clock whose due time cannot be told (a year the calendar lacks) is left out here; the
/// case screen shows it with its warning.
pub fn next_clock(state: &CaseState) -> Option<(&'static str, i64)> {
    if !state.status.is_open() {
        return None;
    }
    let k = state.next_clock()?;
    Some((k.clock.code(), k.due.as_ref().ok()?.timestamp_millis()))
}

/// Replays every case under the rules in force and stores its status and nearest clock (after
/// a new policy, whose deadlines move every clock). Returns how many cases were replayed.
pub fn reclock_all(tx: &mut dyn Tx, county: &str) -> Result<usize, CountyError> {
    let Some(rules) = Rules::load(tx, county)? else {
        return Ok(0);
    };
    let ids = tx.case_ids()?;
    for id in &ids {
        let c = read_case(&load(tx, id)?)?;
        let state = c.replay_under(&rules.policy, &rules.calendar);
        let next = next_clock(&state);
        tx.set_case_clock(
            id,
            state.status.code(),
            next.map(|n| n.0),
            next.map(|n| n.1),
        )?;
    }
    Ok(ids.len())
}

fn read_case(doc: &AutoCommit) -> Result<Case, CountyError> {
    document::read(doc).map_err(|e| {
        CountyError::new(
            ErrorCode::Internal,
            format!("a stored case does not read: {e}"),
        )
    })
}

/// Checks the yearly ceiling of each household against every payment on its cases, raising
/// or clearing a flag per year. Without a published policy there is no ceiling to check.
pub fn check_ceilings(
    tx: &mut dyn Tx,
    rules: Option<&Rules>,
    households: &BTreeSet<String>,
) -> Result<(), CountyError> {
    let Some(Rules { policy, calendar }) = rules else {
        return Ok(());
    };
    let now = Utc::now().timestamp();
    for household in households {
        let mut payments: Vec<Payment> = Vec::new();
        for id in tx.household_cases(household)? {
            let c = read_case(&load(tx, &id)?)?;
            payments.extend(c.replay_under(policy, calendar).ceiling_payments());
        }
        let years: BTreeSet<i32> = payments.iter().map(|p| p.paid_on.year()).collect();
        for year in years {
            let check = policy::check_ceiling(policy, &payments, year).map_err(|e| {
                CountyError::new(ErrorCode::InvalidContent, format!("payments: {e}"))
            })?;
            let period = year.to_string();
            match check.overrun {
                Some(over) => tx.put_case_flag(
                    &CaseFlag {
                        household_id: household.clone(),
                        kind: CEILING.into(),
                        period,
                        detail: format!(
                            "{year} 年共发放 {}，超过每户年度上限 {}，超出 {over}",
                            check.paid, check.ceiling
                        ),
                    },
                    now,
                )?,
                None => tx.clear_case_flag(household, CEILING, &period)?,
            }
        }
    }
    Ok(())
}
