//! 入户任务: the visit a warning asks of the household's grid worker, its due day in working
//! days, merging re-evaluations without duplicates, and the worker's "my visits" list.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Urgency, Warning, WarningError, WarningKind};
use crate::calendar::{CHINA_TIME, ClockState, Deadline, WorkingDayCalendar};
use crate::household::Household;

/// Longest note a worker may write when closing a task.
const NOTE_MAX: usize = 200;

/// Where a visit task stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Still to be visited.
    Open,
    /// Visited.
    Done {
        /// Who visited.
        by: String,
        /// When it was recorded.
        at: DateTime<Utc>,
        /// What the worker found (may be empty).
        note: String,
    },
    /// Not needed, with the reason why.
    Dismissed {
        /// Who dismissed it.
        by: String,
        /// When.
        at: DateTime<Utc>,
        /// Why it is not needed.
        note: String,
    },
}

impl TaskStatus {
    /// Whether the visit is still to be made.
    pub fn is_open(&self) -> bool {
        matches!(self, TaskStatus::Open)
    }

    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Done { .. } => "done",
            TaskStatus::Dismissed { .. } => "dismissed",
        }
    }
}

/// A visit the grid worker of the household's grid is asked to make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitTask {
    /// Deterministic: household, kind of warning and period (`Warning::task_id`).
    pub id: String,
    /// The household to visit.
    pub household_id: String,
    /// Its grid: whose list the task is on.
    pub grid_code: String,
    /// Its village.
    pub village_code: String,
    /// The warning behind it (the latest, when a re-evaluation refreshed it).
    pub kind: WarningKind,
    /// The span the warning is about: a task closed for it is not raised again for it.
    pub period: String,
    /// The member concerned, when one is.
    pub member_id: Option<String>,
    /// Why, in Chinese, without names, ID numbers or diagnoses.
    pub reason: String,
    /// How soon.
    pub urgency: Urgency,
    /// The day the task was made.
    pub created_on: NaiveDate,
    /// The last day for the visit (China time).
    pub due_on: NaiveDate,
    /// Open, done or dismissed.
    pub status: TaskStatus,
}

impl VisitTask {
    /// 24:00 China time at the end of the due day; `None` only at the end of representable time.
    pub fn due_at(&self) -> Option<DateTime<Utc>> {
        let next = self.due_on.succ_opt()?;
        let end = next
            .and_time(NaiveTime::MIN)
            .and_local_timezone(CHINA_TIME)
            .single()?;
        Some(end.with_timezone(&Utc))
    }

    /// Where the visit's clock stands at `now`: due soon on the due day, overdue after it.
    pub fn clock(&self, now: DateTime<Utc>) -> ClockState {
        match self.due_at() {
            Some(due) => {
                Deadline::WorkingDays(self.urgency.visit_within_working_days()).state(due, now)
            }
            None => ClockState::Running,
        }
    }

    /// Records the visit as made by `by` at `at`. Refused, and nothing changed, when the task
    /// is not open, `by` is blank or the note is too long.
    pub fn complete(
        &mut self,
        by: &str,
        at: DateTime<Utc>,
        note: &str,
    ) -> Result<(), WarningError> {
        let (by, note) = closing(&self.status, by, note, false)?;
        self.status = TaskStatus::Done { by, at, note };
        Ok(())
    }

    /// Records that no visit is needed, with the reason. Refused, and nothing changed, when the
    /// task is not open, `by` or the note is blank, or the note is too long.
    pub fn dismiss(&mut self, by: &str, at: DateTime<Utc>, note: &str) -> Result<(), WarningError> {
        let (by, note) = closing(&self.status, by, note, true)?;
        self.status = TaskStatus::Dismissed { by, at, note };
        Ok(())
    }

    /// Takes a newer evaluation of the same warning into an open task: the latest kind, reason
    /// and period, the more urgent urgency, the earlier due day. Closed tasks stay as they are.
    fn refresh(&mut self, newer: VisitTask) {
        if !self.status.is_open() {
            return;
        }
        self.grid_code = newer.grid_code;
        self.village_code = newer.village_code;
        self.kind = newer.kind;
        self.period = newer.period;
        self.member_id = newer.member_id;
        self.reason = newer.reason;
        self.urgency = self.urgency.min(newer.urgency);
        self.due_on = self.due_on.min(newer.due_on);
    }
}

/// The checked `by` and note for closing a task.
fn closing(
    status: &TaskStatus,
    by: &str,
    note: &str,
    note_required: bool,
) -> Result<(String, String), WarningError> {
    if !status.is_open() {
        return Err(WarningError::TaskNotOpen);
    }
    let (by, note) = (by.trim(), note.trim());
    if by.is_empty() {
        return Err(WarningError::Required("by"));
    }
    if note_required && note.is_empty() {
        return Err(WarningError::Required("note"));
    }
    if note.chars().count() > NOTE_MAX {
        return Err(WarningError::TooLong {
            field: "note",
            max: NOTE_MAX,
        });
    }
    Ok((by.to_owned(), note.to_owned()))
}

/// The visit tasks for `household`'s warnings, made on `today` and due in working days by
/// urgency. All or nothing: a warning for another household, a household without a grid, or a
/// due day in a year the calendar has no schedule for refuses the whole set. Warnings that
/// make the same task are combined as `merge_tasks` does.
pub fn tasks_for(
    warnings: &[Warning],
    household: &Household,
    calendar: &WorkingDayCalendar,
    today: NaiveDate,
) -> Result<Vec<VisitTask>, WarningError> {
    let address = &household.profile.address;
    let grid_code = address.grid_code.trim();
    if grid_code.is_empty() {
        return Err(WarningError::NoGrid);
    }
    let mut tasks = Vec::with_capacity(warnings.len());
    for warning in warnings {
        if warning.household_id != household.id {
            return Err(WarningError::HouseholdMismatch);
        }
        let due_on =
            calendar.add_working_days(today, warning.urgency.visit_within_working_days())?;
        tasks.push(VisitTask {
            id: warning.task_id(),
            household_id: household.id.clone(),
            grid_code: grid_code.to_owned(),
            village_code: address.village_code.clone(),
            kind: warning.kind,
            period: warning.kind.period(warning.raised_on),
            member_id: warning.member_id.clone(),
            reason: warning.reason.clone(),
            urgency: warning.urgency,
            created_on: today,
            due_on,
            status: TaskStatus::Open,
        });
    }
    Ok(merge_tasks(&[], tasks))
}

/// The existing tasks with `new` ones taken in, never duplicating a visit:
/// - a task closed (done or dismissed) for the same household, kind and period stays closed
///   and the new one is dropped;
/// - an open task for the same household and kind keeps its id and `created_on`, and takes the
///   newer reason, the more urgent urgency and the earlier due day (never a later one);
/// - anything else is added after the existing tasks.
pub fn merge_tasks(existing: &[VisitTask], new: Vec<VisitTask>) -> Vec<VisitTask> {
    let mut merged = existing.to_vec();
    for task in new {
        if let Some(same_id) = merged.iter_mut().find(|t| t.id == task.id) {
            same_id.refresh(task);
            continue;
        }
        let family = task.kind.family();
        let same = |t: &VisitTask| t.household_id == task.household_id && t.kind.family() == family;
        if merged
            .iter()
            .any(|t| same(t) && !t.status.is_open() && t.period == task.period)
        {
            continue;
        }
        match merged.iter_mut().find(|t| same(t) && t.status.is_open()) {
            Some(open) => open.refresh(task),
            None => merged.push(task),
        }
    }
    merged
}

/// One line of a worker's visit list: the task and where its clock stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MyVisit<'a> {
    /// The task.
    pub task: &'a VisitTask,
    /// Running, due soon or overdue at the moment the list was made.
    pub clock: ClockState,
}

/// The open tasks in the worker's `grids`, as the phone lists them at `now`: overdue visits
/// first, then by urgency, then by due day (and id, so the order never flickers).
pub fn my_visits<'a>(
    tasks: &'a [VisitTask],
    grids: &[String],
    now: DateTime<Utc>,
) -> Vec<MyVisit<'a>> {
    let mut list: Vec<MyVisit<'a>> = tasks
        .iter()
        .filter(|t| t.status.is_open() && grids.iter().any(|g| g.trim() == t.grid_code))
        .map(|task| MyVisit {
            task,
            clock: task.clock(now),
        })
        .collect();
    list.sort_by(|a, b| {
        let key = |v: &MyVisit<'a>| {
            (
                v.clock != ClockState::Overdue,
                v.task.urgency,
                v.task.due_on,
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.task.id.cmp(&b.task.id))
    });
    list
}
