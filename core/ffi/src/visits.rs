//! 我的走访: the visits the county's warning rules (监测预警, 政策找人) ask of this worker, worked
//! out on the phone from the households it holds and the county policy it received, offline.
//! A task, once raised, is kept in its household's document, so its due day never moves and
//! its outcome reaches the county with the next sync.

use chrono::Utc;

use super::convert::today;
use super::enums::{ClockState, Urgency};
use super::error::ApiError;
use super::store::{RuhuStore, logged};
use ruhu_domain::calendar::WorkingDayCalendar;
use ruhu_domain::document::{self, DocKind};
use ruhu_domain::household::Household;
use ruhu_domain::policy::CountyPolicy;
use ruhu_domain::warnings::{self, VisitTask, WarningError};
use ruhu_store::StoreError;

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

fn warning_error(e: WarningError) -> ApiError {
    let (field, reason) = match &e {
        WarningError::TaskNotOpen => ("status", "该走访任务已完成或已撤销".to_string()),
        WarningError::Required(f) => (*f, "请填写".to_string()),
        WarningError::TooLong { field, max } => (*field, format!("最多{max}个字")),
        WarningError::NoGrid => (
            "profile.address.grid_code",
            "该户没有所属网格，走访任务无人接收".to_string(),
        ),
        WarningError::Calendar(c) => (
            "calendar",
            format!("县级政策缺少该年度的工作日历，无法计算走访期限（{c}）"),
        ),
        other => (other.code(), other.to_string()),
    };
    ApiError::field(field, reason)
}

#[uniffi::export]
impl RuhuStore {
    /// The county policy received from the county, if any yet.
    pub fn county_policy(&self) -> Result<Option<PolicySummary>, ApiError> {
        Ok(self.policy()?.map(|p| PolicySummary {
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
        let rules = self.rules()?;
        let scope: Vec<String> = self
            .store
            .setting("scope_grids")?
            .unwrap_or_default()
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let today = today();
        let now = Utc::now();
        let mut tasks: Vec<VisitTask> = Vec::new();
        for (id, grid, open_case) in self.store.household_grids()? {
            if !scope.is_empty() && !scope.contains(&grid) {
                continue;
            }
            let h: Household = self.store.get(&id)?;
            let mut held: Vec<VisitTask> = h.visit_tasks.values().cloned().collect();
            if let Some((policy, calendar)) = &rules {
                let found = warnings::evaluate(policy, &h, open_case, today);
                let raised =
                    warnings::tasks_for(&found, &h, calendar, today).map_err(warning_error)?;
                let merged = warnings::merge_tasks(&held, raised);
                if merged != held {
                    let keep = merged.clone();
                    logged(
                        "raise_visit_tasks",
                        self.store
                            .update::<Household>(&id, "raise visit tasks", now, move |h| {
                                h.visit_tasks =
                                    keep.into_iter().map(|t| (t.id.clone(), t)).collect();
                                Ok(())
                            })
                            .map_err(Into::into),
                    )?;
                    held = merged;
                }
            }
            tasks.extend(held);
        }
        let grids: Vec<String> = if scope.is_empty() {
            tasks.iter().map(|t| t.grid_code.clone()).collect()
        } else {
            scope
        };
        Ok(warnings::my_visits(&tasks, &grids, now)
            .into_iter()
            .map(|v| VisitTaskRecord {
                id: v.task.id.clone(),
                household_id: v.task.household_id.clone(),
                grid_code: v.task.grid_code.clone(),
                kind: v.task.kind.code().to_string(),
                reason: v.task.reason.clone(),
                urgency: v.task.urgency.into(),
                created_on: v.task.created_on.to_string(),
                due_on: v.task.due_on.to_string(),
                clock: v.clock.into(),
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
        let worker = self.store.require_profile()?;
        let now = Utc::now();
        let h: Household = self.store.get(&household_id)?;
        let mut task = h
            .visit_tasks
            .get(&task_id)
            .cloned()
            .ok_or(ApiError::NotFound {
                what: "走访任务".into(),
            })?;
        let closed = if done {
            task.complete(&worker.worker_id, now, &note)
        } else {
            task.dismiss(&worker.worker_id, now, &note)
        };
        closed.map_err(warning_error)?;
        logged(
            "close_visit_task",
            self.store
                .update::<Household>(&household_id, "close visit task", now, move |h| {
                    h.visit_tasks.insert(task.id.clone(), task);
                    Ok(())
                })
                .map_err(Into::into),
        )
    }
}

impl RuhuStore {
    /// The county policy this phone holds with its working-day calendar.
    pub(super) fn rules(&self) -> Result<Option<(CountyPolicy, WorkingDayCalendar)>, ApiError> {
        let Some(policy) = self.policy()? else {
            return Ok(None);
        };
        let calendar = policy
            .calendar()
            .map_err(|e| ApiError::field("policy.calendar_years", e.to_string()))?;
        Ok(Some((policy, calendar)))
    }

    /// The county policy document this phone holds, read.
    pub(super) fn policy(&self) -> Result<Option<CountyPolicy>, ApiError> {
        let Some(profile) = self.store.profile()? else {
            return Ok(None);
        };
        let id = document::policy_id(&profile.county_code);
        match self.store.document(&id, DocKind::Policy) {
            Ok((_, doc)) => Ok(Some(document::read(&doc).map_err(StoreError::from)?)),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}
