//! The county's rules as its documents hold them: the policy in force (the document
//! `policy-<county code>`, written only by `crate::policy`) and its working-day calendar, under
//! which cases are replayed when they are checked, indexed and shown.

use ruhu_domain::calendar::WorkingDayCalendar;
use ruhu_domain::case::CaseState;
use ruhu_domain::document;
use ruhu_domain::policy::CountyPolicy;
use ruhu_proto::v1::ErrorCode;

use super::load;
use crate::db::Tx;
use crate::error::CountyError;

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
        let Some(policy) = current_policy(tx, county)? else {
            return Ok(None);
        };
        let calendar = policy
            .calendar()
            .map_err(|e| CountyError::new(ErrorCode::Internal, format!("policy calendar: {e}")))?;
        Ok(Some(Rules { policy, calendar }))
    }
}

/// The policy in force, if the county has published one.
pub fn current_policy(tx: &mut dyn Tx, county: &str) -> Result<Option<CountyPolicy>, CountyError> {
    let id = document::policy_id(county);
    let doc = load(tx, &id)?;
    if document::kind_of(&doc).is_none() {
        return Ok(None);
    }
    document::read(&doc).map(Some).map_err(|e| {
        CountyError::new(
            ErrorCode::Internal,
            format!("the stored policy does not read: {e}"),
        )
    })
}

/// A case's nearest running clock while it is open: its code and when it falls due (Unix ms).
/// A clock whose due time cannot be told (a year the calendar lacks) is left out here; the
/// case screen shows it with its warning.
pub(crate) fn next_clock(state: &CaseState) -> Option<(&'static str, i64)> {
    if !state.status.is_open() {
        return None;
    }
    let k = state.next_clock()?;
    Some((k.clock.code(), k.due.as_ref().ok()?.timestamp_millis()))
}
