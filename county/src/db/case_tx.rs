//! Case clocks and the flags on a household's cases.

use super::*;

/// Case clocks and the flags on a household's cases: part of a county transaction.
pub trait CaseTx {
    /// Ids of every case document.
    fn case_ids(&mut self) -> Result<Vec<String>>;
    /// Stores a case's replayed status and nearest clock.
    fn set_case_clock(
        &mut self,
        id: &str,
        status: &str,
        next_clock: Option<&str>,
        next_due: Option<i64>,
    ) -> Result<()>;
    /// Open cases with a running clock, the nearest due first.
    fn case_clocks(&mut self, limit: i64) -> Result<Vec<ClockRow>>;
    /// Ids of the case documents of a household.
    fn household_cases(&mut self, household_id: &str) -> Result<Vec<String>>;
    /// Raises (or updates) a flag on a household's cases.
    fn put_case_flag(&mut self, flag: &CaseFlag, now: i64) -> Result<()>;
    /// Clears a flag that no longer holds.
    fn clear_case_flag(&mut self, household_id: &str, kind: &str, period: &str) -> Result<()>;
    /// The flags on a household's cases.
    fn case_flags(&mut self, household_id: &str) -> Result<Vec<CaseFlag>>;
}
