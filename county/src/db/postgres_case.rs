//! Case clocks and the flags on a household's cases. on PostgreSQL.

use sqlx::Row;

use super::PgTx;
use crate::db::*;

impl CaseTx for PgTx<'_> {
    fn case_ids(&mut self) -> Result<Vec<String>> {
        self.run(async |c| {
            sqlx::query_scalar("SELECT id FROM documents WHERE kind = 'case' ORDER BY id")
                .fetch_all(c)
                .await
        })
    }

    fn set_case_clock(
        &mut self,
        id: &str,
        status: &str,
        next_clock: Option<&str>,
        next_due: Option<i64>,
    ) -> Result<()> {
        self.run(async |c| {
            sqlx::query(
                "UPDATE documents SET status = $2, next_clock = $3, next_due = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(status)
            .bind(next_clock)
            .bind(next_due)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn case_clocks(&mut self, limit: i64) -> Result<Vec<ClockRow>> {
        let rows = self.run(async |c| {
            sqlx::query(
                "SELECT id, village_code, grid_code, status, next_clock, next_due FROM documents
                 WHERE kind = 'case' AND next_due IS NOT NULL ORDER BY next_due, id LIMIT $1",
            )
            .bind(limit)
            .fetch_all(c)
            .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(ClockRow {
                    id: r.try_get(0)?,
                    village_code: r.try_get(1)?,
                    grid_code: r.try_get(2)?,
                    status: r.try_get(3)?,
                    clock: r.try_get(4)?,
                    due: r.try_get(5)?,
                })
            })
            .collect()
    }

    fn household_cases(&mut self, household_id: &str) -> Result<Vec<String>> {
        self.run(async |c| {
            sqlx::query_scalar(
                "SELECT id FROM documents WHERE household_id = $1 AND kind = 'case' ORDER BY id",
            )
            .bind(household_id)
            .fetch_all(c)
            .await
        })
    }

    fn put_case_flag(&mut self, f: &CaseFlag, now: i64) -> Result<()> {
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO case_flags(household_id, kind, period, detail, created_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (household_id, kind, period) DO UPDATE SET detail = excluded.detail",
            )
            .bind(&f.household_id)
            .bind(&f.kind)
            .bind(&f.period)
            .bind(&f.detail)
            .bind(now)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn clear_case_flag(&mut self, household_id: &str, kind: &str, period: &str) -> Result<()> {
        self.run(async |c| {
            sqlx::query(
                "DELETE FROM case_flags WHERE household_id = $1 AND kind = $2 AND period = $3",
            )
            .bind(household_id)
            .bind(kind)
            .bind(period)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn case_flags(&mut self, household_id: &str) -> Result<Vec<CaseFlag>> {
        let rows = self.run(async |c| {
            sqlx::query(
                "SELECT household_id, kind, period, detail FROM case_flags WHERE household_id = $1 ORDER BY kind, period",
            )
            .bind(household_id)
            .fetch_all(c)
            .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(CaseFlag {
                    household_id: r.try_get(0)?,
                    kind: r.try_get(1)?,
                    period: r.try_get(2)?,
                    detail: r.try_get(3)?,
                })
            })
            .collect()
    }
}
