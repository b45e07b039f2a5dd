//! Case clocks and the flags on a household's cases. on the embedded engine.

use rusqlite::params;

use super::SqliteTx;
use crate::db::*;

impl CaseTx for SqliteTx<'_> {
    fn case_ids(&mut self) -> Result<Vec<String>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT id FROM documents WHERE kind = 'case' ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn set_case_clock(
        &mut self,
        id: &str,
        status: &str,
        next_clock: Option<&str>,
        next_due: Option<i64>,
    ) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE documents SET status = ?2, next_clock = ?3, next_due = ?4 WHERE id = ?1",
            )?
            .execute(params![id, status, next_clock, next_due])?;
        Ok(())
    }

    fn case_clocks(&mut self, limit: i64) -> Result<Vec<ClockRow>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT id, village_code, grid_code, status, next_clock, next_due FROM documents
             WHERE kind = 'case' AND next_due IS NOT NULL ORDER BY next_due, id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(ClockRow {
                id: r.get(0)?,
                village_code: r.get(1)?,
                grid_code: r.get(2)?,
                status: r.get(3)?,
                clock: r.get(4)?,
                due: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn household_cases(&mut self, household_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT id FROM documents WHERE household_id = ?1 AND kind = 'case' ORDER BY id",
        )?;
        let rows = stmt.query_map([household_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn put_case_flag(&mut self, f: &CaseFlag, now: i64) -> Result<()> {
        self.0.prepare_cached(
            "INSERT INTO case_flags(household_id, kind, period, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (household_id, kind, period) DO UPDATE SET detail = excluded.detail",
        )?
        .execute(params![f.household_id, f.kind, f.period, f.detail, now])?;
        Ok(())
    }

    fn clear_case_flag(&mut self, household_id: &str, kind: &str, period: &str) -> Result<()> {
        self.0
            .prepare_cached(
                "DELETE FROM case_flags WHERE household_id = ?1 AND kind = ?2 AND period = ?3",
            )?
            .execute([household_id, kind, period])?;
        Ok(())
    }

    fn case_flags(&mut self, household_id: &str) -> Result<Vec<CaseFlag>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT household_id, kind, period, detail FROM case_flags WHERE household_id = ?1 ORDER BY kind, period",
        )?;
        let rows = stmt.query_map([household_id], |r| {
            Ok(CaseFlag {
                household_id: r.get(0)?,
                kind: r.get(1)?,
                period: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
