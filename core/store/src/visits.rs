//! The visit tasks households hold, indexed so that 我的走访 lists without opening a document,
//! and which households the warning rules have looked at today.
//!
//! A household's tasks live in its document; `visit_tasks` is rebuilt from it on every write
//! (as every index is). `warning_checks` says on which day the rules last looked at a
//! household; any write to the household, a change of its cases or a new county policy forgets
//! it, so the rules look again exactly where something could have changed, and once a day.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Transaction, params};

use ruhu_domain::document::{self, DocKind};
use ruhu_domain::household::Household;
use ruhu_domain::warnings::{self, VisitTask};

use super::{Store, StoreError, docs, no_room};

/// What one run of the warning rules did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WarningRun {
    /// Households looked at (changed since the last run, or not yet today).
    pub looked_at: usize,
    /// Of those, households whose visit tasks changed.
    pub changed: usize,
    /// Households the rules could not look at yet: a due day would fall in a year the
    /// calendar has no schedule for. They are looked at again on the next run.
    pub waiting: usize,
}

/// One visit task with what the list shows of its household.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskRow {
    /// The task as the household's document holds it.
    pub task: VisitTask,
    /// Name of the household's head.
    pub head_name: String,
    /// Its village's name.
    pub village_name: String,
    /// Its address within the village.
    pub address: String,
}

/// Rebuilds the task rows of one household (inside the reindex of its document).
pub(crate) fn reindex(tx: &Transaction<'_>, h: &Household) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM visit_tasks WHERE household_id = ?1")?
        .execute([&h.id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO visit_tasks(household_id, task_id, grid_code, open, task)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (task_id, task) in &h.visit_tasks {
        let json = serde_json::to_string(task)
            .map_err(|_| document::DocError::Internal("a visit task as JSON"))?;
        insert.execute(params![
            h.id,
            task_id,
            task.grid_code,
            task.status.is_open(),
            json
        ])?;
    }
    forget_check(tx, &h.id)
}

/// Makes the rules look at the household again on their next run.
pub(crate) fn forget_check(tx: &Transaction<'_>, household_id: &str) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM warning_checks WHERE household_id = ?1")?
        .execute([household_id])?;
    Ok(())
}

/// Makes the rules look at every household again (a new county policy).
pub(crate) fn forget_all_checks(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute("DELETE FROM warning_checks", [])?;
    Ok(())
}

/// Schema step 7 for a store that already holds households: their tasks into the index. A
/// document that cannot be read is left out, as every other index leaves it out, rather than
/// keeping the app from starting.
pub(crate) fn fill_index(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let ids: Vec<String> = tx
        .prepare("SELECT id FROM documents WHERE kind = ?1")?
        .query_map([DocKind::Household.code()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let Ok(Some((DocKind::Household, doc))) = docs::load(tx, &id) else {
            continue;
        };
        let Ok(h) = document::read::<Household>(&doc) else {
            continue;
        };
        reindex(tx, &h).map_err(|e| match e {
            StoreError::Sql(e) => e,
            other => rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
                Some(format!("visit task index: {other}")),
            ),
        })?;
    }
    Ok(())
}

/// Whether a task of `grid` belongs on the list of a worker of `grids` (every grid when empty:
/// before enrollment gives a scope).
fn on_list(grids: &[String], grid: &str) -> bool {
    grids.is_empty() || grids.iter().any(|g| g.trim() == grid)
}

fn task_from(json: &str) -> Result<VisitTask, StoreError> {
    serde_json::from_str(json)
        .map_err(|_| document::DocError::Unreadable("a visit task index row".into()).into())
}

impl Store {
    /// The open visit tasks of households in `grids` (every grid when empty), with their
    /// household's head, village and address, in no particular order.
    pub fn open_visit_tasks(&self, grids: &[String]) -> Result<Vec<TaskRow>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT t.grid_code, t.task, h.head_name, h.village_name, h.address
                 FROM visit_tasks t JOIN households h ON h.id = t.household_id
                 WHERE t.open = 1",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (grid, json, head_name, village_name, address) = row?;
                if !on_list(grids, &grid) {
                    continue;
                }
                out.push(TaskRow {
                    task: task_from(&json)?,
                    head_name,
                    village_name,
                    address,
                });
            }
            Ok(out)
        })
    }

    /// Every visit task a household holds, open and closed, the newest first.
    pub fn visit_history(&self, household_id: &str) -> Result<Vec<VisitTask>, StoreError> {
        let mut tasks: Vec<VisitTask> = self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT task FROM visit_tasks WHERE household_id = ?1")?;
            let rows = stmt.query_map([household_id], |r| r.get::<_, String>(0))?;
            rows.map(|json| task_from(&json?)).collect()
        })?;
        tasks.sort_by(|a, b| {
            (b.created_on, &b.id)
                .cmp(&(a.created_on, &a.id))
                .then(a.status.is_open().cmp(&b.status.is_open()).reverse())
        });
        Ok(tasks)
    }

    /// One run of the warning rules over the households in `grids` (every grid when empty)
    /// that they have not looked at on `today` (never, since something about the household or
    /// its cases changed, since a new policy, or on an earlier day). `rules` gives the tasks a
    /// household's warnings call for (its record, and whether it has an open case); they are
    /// merged with what it holds, so no visit is duplicated. `None` from `rules` means the
    /// household cannot be looked at yet (its due day falls in a year the calendar has no
    /// schedule for): it stays unchecked for the next run. All of it is one durable
    /// transaction: what the rules saw is what they are recorded as having seen.
    pub fn run_warning_rules<E: From<StoreError>>(
        &self,
        grids: &[String],
        today: NaiveDate,
        at: DateTime<Utc>,
        mut rules: impl FnMut(&Household, bool) -> Result<Option<Vec<VisitTask>>, E>,
    ) -> Result<WarningRun, E> {
        self.require_profile()?;
        let actor = self.actor();
        let day = today.to_string();
        let mut conn = super::lock(&self.writer);
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        // No room left on the device, however SQLite said it, is `StoreError::Full`.
        let room = |e: StoreError| E::from(no_room(&tx, e));
        let due: Vec<(String, String, bool)> = {
            let mut stmt = tx
                .prepare_cached(
                    "SELECT h.id, h.grid_code, h.open_cases > 0
                     FROM households h LEFT JOIN warning_checks w ON w.household_id = h.id
                     WHERE w.checked_on IS NULL OR w.checked_on <> ?1
                     ORDER BY h.id",
                )
                .map_err(|e| room(e.into()))?;
            stmt.query_map([&day], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
                .map_err(|e| room(e.into()))?
        };
        let mut run = WarningRun::default();
        for (id, grid, open_case) in due {
            if !on_list(grids, &grid) {
                continue;
            }
            let Some((DocKind::Household, doc)) = docs::load(&tx, &id).map_err(room)? else {
                continue;
            };
            let h: Household = document::read(&doc).map_err(StoreError::from)?;
            let held: Vec<VisitTask> = h.visit_tasks.values().cloned().collect();
            let Some(raised) = rules(&h, open_case)? else {
                run.waiting += 1;
                continue;
            };
            run.looked_at += 1;
            let merged = warnings::merge_tasks(&held, raised);
            if merged != held {
                docs::modify_in(
                    &tx,
                    &actor,
                    &id,
                    DocKind::Household,
                    "raise visit tasks",
                    at,
                    move |doc| {
                        let mut h: Household = document::read(doc)?;
                        h.visit_tasks = merged.into_iter().map(|t| (t.id.clone(), t)).collect();
                        document::write(doc, &h)?;
                        Ok(())
                    },
                )
                .map_err(room)?;
                run.changed += 1;
            }
            tx.prepare_cached(
                "INSERT INTO warning_checks(household_id, checked_on) VALUES (?1, ?2)
                 ON CONFLICT(household_id) DO UPDATE SET checked_on = excluded.checked_on",
            )
            .and_then(|mut stmt| stmt.execute(params![id, day]))
            .map_err(|e| room(e.into()))?;
        }
        tx.commit().map_err(|e| E::from(no_room(&conn, e.into())))?;
        Ok(run)
    }
}
