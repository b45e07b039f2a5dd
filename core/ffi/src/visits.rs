//! 我的走访: the visits the county's warning rules (监测预警, 政策找人) ask of this worker, worked
//! out on the phone from the households it holds and the county policy it received, offline.
//! A task, once raised, is kept in its household's document, so its due day never moves and
//! its outcome reaches the county with the next sync.

use super::enums::{ClockState, Urgency};
use super::error::ApiError;
use super::store::{RuhuStore, logged};

/// One visit on the worker's list.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct VisitTaskRecord {
    /// Task id (pass it back to close the task).
    pub id: String,
    /// The household to visit.
    pub household_id: String,
    /// Its grid.
    pub grid_code: String,
    /// The warning's stable code (`income_below_dibao`, `review_due`, …).
    pub kind: String,
    /// Why, in Chinese (no names, ID numbers or diagnoses).
    pub reason: String,
    /// How soon.
    pub urgency: Urgency,
    /// The day it was raised (YYYY-MM-DD, China time).
    pub created_on: String,
    /// The last day for the visit (YYYY-MM-DD).
    pub due_on: String,
    /// Where its clock stands now.
    pub clock: ClockState,
}

/// The county policy this phone works under, as the screens show it.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct PolicySummary {
    /// Version in force.
    pub version: u32,
    /// First day it applies (YYYY-MM-DD).
    pub effective_from: String,
    /// 低保标准 per person per month, 分.
    pub dibao_monthly_per_person_fen: i64,
    /// Yearly ceiling per household, 分.
    pub yearly_ceiling_fen: i64,
    /// 一事一议 above this out-of-pocket medical cost, 分.
    pub case_by_case_over_fen: i64,
}

#[uniffi::export]
impl RuhuStore {
    /// The county policy received from the county, if any yet.
    pub fn county_policy(&self) -> Result<Option<PolicySummary>, ApiError> {
        Ok(self.phone.policy()?.map(|p| PolicySummary {
            version: p.version,
            effective_from: p.effective_from.to_string(),
            dibao_monthly_per_person_fen: p.dibao_monthly_per_person.fen(),
            yearly_ceiling_fen: p.yearly_ceiling_per_household.fen(),
            case_by_case_over_fen: p.case_by_case_out_of_pocket_over.fen(),
        }))
    }

    /// 我的走访: open visit tasks in this worker's grids, overdue first, then by urgency and due
    /// day. Raises the tasks the policy's warning rules call for today (kept in the household's
    /// document from then on). Without a policy from the county yet, lists the tasks already
    /// raised.
    pub fn my_visits(&self) -> Result<Vec<VisitTaskRecord>, ApiError> {
        let visits = logged("my_visits", self.phone.my_visits().map_err(ApiError::from))?;
        Ok(visits
            .into_iter()
            .map(|(task, clock)| VisitTaskRecord {
                kind: task.kind.code().to_string(),
                urgency: task.urgency.into(),
                created_on: task.created_on.to_string(),
                due_on: task.due_on.to_string(),
                clock: clock.into(),
                id: task.id,
                household_id: task.household_id,
                grid_code: task.grid_code,
                reason: task.reason,
            })
            .collect())
    }

    /// Closes a visit task: `done` when the visit was made (the note says what was found),
    /// otherwise dismissed as not needed (the note must say why). Nothing changes on refusal.
    pub fn close_visit_task(
        &self,
        household_id: String,
        task_id: String,
        done: bool,
        note: String,
    ) -> Result<(), ApiError> {
        logged(
            "close_visit_task",
            self.phone
                .close_visit_task(&household_id, &task_id, done, &note)
                .map_err(Into::into),
        )
    }
}
