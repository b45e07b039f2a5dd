//! 我的走访: the visits the county's warning rules (监测预警, 政策找人) ask of this worker, worked
//! out on the phone from the households it holds and the county policy it received, offline.
//! A task, once raised, is kept in its household's document, so its due day never moves and
//! its outcome reaches the county with the next sync.

use chrono::Utc;

use ruhu_domain::calendar::{ClockState, WorkingDayCalendar};
use ruhu_domain::document::{self, DocKind};
use ruhu_domain::household::Household;
use ruhu_domain::policy::CountyPolicy;
use ruhu_domain::warnings::{self, VisitTask};
use ruhu_store::StoreError;

use crate::error::{EngineError, PolicyPart};
use crate::phone::{Phone, today};

impl Phone {
    /// The county policy document this phone holds, read.
    pub fn policy(&self) -> Result<Option<CountyPolicy>, EngineError> {
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

    /// The county policy this phone holds with its working-day calendar.
    pub fn rules(&self) -> Result<Option<(CountyPolicy, WorkingDayCalendar)>, EngineError> {
        let Some(policy) = self.policy()? else {
            return Ok(None);
        };
        let calendar = policy.calendar().map_err(|source| EngineError::Policy {
            part: PolicyPart::Calendar,
            source,
        })?;
        Ok(Some((policy, calendar)))
    }

    /// 我的走访: open visit tasks in this worker's grids, overdue first, then by urgency and due
    /// day, each with its clock now. Raises the tasks the policy's warning rules call for today
    /// (kept in the household's document from then on). Without a policy from the county yet,
    /// lists the tasks already raised.
    pub fn my_visits(&self) -> Result<Vec<(VisitTask, ClockState)>, EngineError> {
        let rules = self.rules()?;
        let scope = self.store.scope()?.grids;
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
                let raised = warnings::tasks_for(&found, &h, calendar, today)?;
                let merged = warnings::merge_tasks(&held, raised);
                if merged != held {
                    let keep = merged.clone();
                    self.store
                        .update::<Household>(&id, "raise visit tasks", now, move |h| {
                            h.visit_tasks = keep.into_iter().map(|t| (t.id.clone(), t)).collect();
                            Ok(())
                        })?;
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
            .map(|v| (v.task.clone(), v.clock))
            .collect())
    }

    /// Closes a visit task: `done` when the visit was made (the note says what was found),
    /// otherwise dismissed as not needed (the note must say why). Nothing changes on refusal.
    pub fn close_visit_task(
        &self,
        household_id: &str,
        task_id: &str,
        done: bool,
        note: &str,
    ) -> Result<(), EngineError> {
        let worker = self.store.require_profile()?;
        let now = Utc::now();
        let h: Household = self.store.get(household_id)?;
        let mut task = h
            .visit_tasks
            .get(task_id)
            .cloned()
            .ok_or(EngineError::NoSuchTask)?;
        if done {
            task.complete(&worker.worker_id, now, note)?;
        } else {
            task.dismiss(&worker.worker_id, now, note)?;
        }
        self.store
            .update::<Household>(household_id, "close visit task", now, move |h| {
                h.visit_tasks.insert(task.id.clone(), task);
                Ok(())
            })?;
        Ok(())
    }
}
