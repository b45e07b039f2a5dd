//! 我的走访: the visits the county's warning rules (监测预警, 政策找人) ask of this worker, worked
//! out on the phone from the households it holds and the county policy it received, offline.
//! A task, once raised, is kept in its household's document, so its due day never moves and
//! its outcome reaches the county with the next sync.

use super::enums::{ClockState, Urgency};
use super::error::ApiError;
use super::store::{RuhuStore, logged};
use ruhu_domain::warnings::TaskStatus;
use ruhu_engine::visits::ListedVisit;

/// One visit on the worker's list.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct VisitTaskRecord {
    /// Task id (pass it back to close the task).
    pub id: String,
    /// The household to visit.
    pub household_id: String,
    /// Its grid.
    pub grid_code: String,
    /// Name of the household's head, as the list shows it.
    pub head_name: String,
    /// The household's village.
    pub village_name: String,
    /// Its address within the village.
    pub address: String,
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

/// One visit of a household's history: a task raised for it, open or closed.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct VisitHistoryItem {
    /// Task id.
    pub id: String,
    /// The warning's stable code.
    pub kind: String,
    /// Why, in Chinese.
    pub reason: String,
    /// How soon it was asked for.
    pub urgency: Urgency,
    /// The day it was raised (YYYY-MM-DD).
    pub created_on: String,
    /// The last day for the visit (YYYY-MM-DD).
    pub due_on: String,
    /// `open`, `done` (visited) or `dismissed` (not needed).
    pub status: String,
    /// Who closed it (the worker's id), when closed.
    pub closed_by: Option<String>,
    /// When it was closed, milliseconds since the epoch.
    pub closed_at_ms: Option<i64>,
    /// What the worker found, or why it was not needed.
    pub note: Option<String>,
}

/// What one run of the warning rules did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Record)]
pub struct WarningRunRecord {
    /// Households looked at.
    pub looked_at: u32,
    /// Households whose visit tasks changed: reload 我的走访 when above zero.
    pub changed: u32,
    /// Households waiting for next year's holiday schedule from the county before their
    /// visits can be dated.
    pub waiting_for_calendar: u32,
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
    /// day. First runs the policy's warning rules over the households they have not looked at
    /// today (kept in the household's document from then on). Without a policy from the county
    /// yet, lists the tasks already raised.
    pub fn my_visits(&self) -> Result<Vec<VisitTaskRecord>, ApiError> {
        let visits = logged("my_visits", self.phone.my_visits().map_err(ApiError::from))?;
        Ok(visits.into_iter().map(visit_record).collect())
    }

    /// The visits already raised, in 我的走访's order, read without running the warning rules:
    /// what the home screen shows at once. Call [`RuhuStore::raise_visit_tasks`] next and read
    /// this again when it reports changes.
    pub fn listed_visits(&self) -> Result<Vec<VisitTaskRecord>, ApiError> {
        let visits = logged(
            "listed_visits",
            self.phone.listed_visits().map_err(ApiError::from),
        )?;
        Ok(visits.into_iter().map(visit_record).collect())
    }

    /// Runs the warning rules over the households they have not looked at today (changed since
    /// the last run, or not yet looked at today), keeping the tasks they raise.
    pub fn raise_visit_tasks(&self) -> Result<WarningRunRecord, ApiError> {
        let run = logged(
            "raise_visit_tasks",
            self.phone.raise_visit_tasks().map_err(ApiError::from),
        )?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(WarningRunRecord {
            looked_at: count(run.looked_at),
            changed: count(run.changed),
            waiting_for_calendar: count(run.waiting),
        })
    }

    /// A household's visit history: every task raised for it, the newest first.
    pub fn visit_history(&self, household_id: String) -> Result<Vec<VisitHistoryItem>, ApiError> {
        let tasks = logged(
            "visit_history",
            self.phone
                .visit_history(&household_id)
                .map_err(ApiError::from),
        )?;
        Ok(tasks
            .into_iter()
            .map(|t| {
                let (closed_by, closed_at_ms, note) = match &t.status {
                    TaskStatus::Open => (None, None, None),
                    TaskStatus::Done { by, at, note } | TaskStatus::Dismissed { by, at, note } => (
                        Some(by.clone()),
                        Some(at.timestamp_millis()),
                        Some(note.clone()),
                    ),
                };
                VisitHistoryItem {
                    kind: t.kind.code().to_string(),
                    urgency: t.urgency.into(),
                    created_on: t.created_on.to_string(),
                    due_on: t.due_on.to_string(),
                    status: t.status.code().to_string(),
                    closed_by,
                    closed_at_ms,
                    note,
                    id: t.id,
                    reason: t.reason,
                }
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

fn visit_record(v: ListedVisit) -> VisitTaskRecord {
    let ListedVisit { row, clock } = v;
    let task = row.task;
    VisitTaskRecord {
        kind: task.kind.code().to_string(),
        urgency: task.urgency.into(),
        created_on: task.created_on.to_string(),
        due_on: task.due_on.to_string(),
        clock: clock.into(),
        id: task.id,
        household_id: task.household_id,
        grid_code: task.grid_code,
        head_name: row.head_name,
        village_name: row.village_name,
        address: row.address,
        reason: task.reason,
    }
}
