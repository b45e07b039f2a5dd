//! 我的走访: the visits the county's warning rules (监测预警, 政策找人) ask of this worker, worked
//! out on the phone from the households it holds and the county policy it received, offline.
//! A task, once raised, is kept in its household's document, so its due day never moves and
//! its outcome reaches the county with the next sync. The store indexes the tasks, so the list
//! is read without opening a document, and remembers which households the rules have looked at
//! today, so they look again only where something changed.

use chrono::Utc;

use ruhu_domain::calendar::{ClockState, WorkingDayCalendar};
use ruhu_domain::document::{self, DocKind};
use ruhu_domain::household::Household;
use ruhu_domain::policy::CountyPolicy;
use ruhu_domain::warnings::{self, VisitTask, WarningError};
use ruhu_store::{StoreError, TaskRow, WarningRun};

use crate::error::{EngineError, PolicyPart};
use crate::phone::{Phone, today};

/// One line of 我的走访: the task, what the list shows of its household, and its clock now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedVisit {
    /// The task with its household's head, village and address.
    pub row: TaskRow,
    /// Running, due soon or overdue.
    pub clock: ClockState,
}

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
    /// day, each with its clock now. First runs the policy's warning rules over the households
    /// they have not looked at today ([`Phone::raise_visit_tasks`]). Without a policy from the
    /// county yet, lists the tasks already raised.
    pub fn my_visits(&self) -> Result<Vec<ListedVisit>, EngineError> {
        self.raise_visit_tasks()?;
        self.listed_visits()
    }

    /// The open visit tasks already raised, in 我的走访's order, read from the store's index
    /// without running the warning rules: what a screen shows at once, before
    /// [`Phone::my_visits`] has looked for new ones.
    pub fn listed_visits(&self) -> Result<Vec<ListedVisit>, EngineError> {
        let scope = self.store.scope()?.grids;
        let rows = self.store.open_visit_tasks(&scope)?;
        let tasks: Vec<VisitTask> = rows.iter().map(|r| r.task.clone()).collect();
        let grids: Vec<String> = if scope.is_empty() {
            // Before enrollment gives a scope: every grid the tasks name, once each.
            let named: std::collections::BTreeSet<&str> =
                tasks.iter().map(|t| t.grid_code.as_str()).collect();
            named.into_iter().map(str::to_owned).collect()
        } else {
            scope
        };
        let now = Utc::now();
        let by_id: std::collections::HashMap<&str, &TaskRow> =
            rows.iter().map(|r| (r.task.id.as_str(), r)).collect();
        let mut listed = Vec::with_capacity(tasks.len());
        for visit in warnings::my_visits(&tasks, &grids, now) {
            if let Some(row) = by_id.get(visit.task.id.as_str()) {
                listed.push(ListedVisit {
                    row: (*row).clone(),
                    clock: visit.clock,
                });
            }
        }
        Ok(listed)
    }

    /// Runs the county's warning rules over the households in this worker's grids that they
    /// have not looked at today, and keeps the tasks they raise in the households' documents,
    /// all in one durable transaction. A household written since (edited here, or received)
    /// is looked at again on the next run; the others once a day. A household whose visit would
    /// fall due in a year the calendar has no schedule for yet (the county adds next year's
    /// with its policy) waits, counted, and the others go on. Nothing is done without a policy.
    pub fn raise_visit_tasks(&self) -> Result<WarningRun, EngineError> {
        let Some((policy, calendar)) = self.rules()? else {
            return Ok(WarningRun::default());
        };
        let scope = self.store.scope()?.grids;
        let today = today();
        self.store
            .run_warning_rules(&scope, today, Utc::now(), |h, open_case| {
                let found = warnings::evaluate(&policy, h, open_case, today);
                match warnings::tasks_for(&found, h, &calendar, today) {
                    Ok(tasks) => Ok(Some(tasks)),
                    Err(WarningError::Calendar(_)) => Ok(None),
                    Err(e) => Err(EngineError::from(e)),
                }
            })
    }

    /// Every visit task a household holds, open and closed, the newest first: its visit history.
    pub fn visit_history(&self, household_id: &str) -> Result<Vec<VisitTask>, EngineError> {
        Ok(self.store.visit_history(household_id)?)
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
