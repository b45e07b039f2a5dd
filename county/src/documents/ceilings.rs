//! The yearly ceiling across all of a household's payments, checked whenever its cases'
//! changes are stored, including payments recorded at the same time on two offline devices.
//! An overrun is flagged for a supervisor to settle, never hidden or undone.

use std::collections::BTreeSet;

use chrono::{Datelike, Utc};
use ruhu_domain::policy::{self, Payment};
use ruhu_proto::v1::ErrorCode;

use super::rules::Rules;
use super::{load, read_case};
use crate::db::{CaseFlag, Tx};
use crate::error::CountyError;

/// Flag kind for payments past the yearly ceiling.
const CEILING: &str = "ceiling";

/// Checks the yearly ceiling of each household against every payment on its cases, raising
/// or clearing a flag per year. Without a published policy there is no ceiling to check.
pub(super) fn check_ceilings(
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
