//! The grid-to-village table on PostgreSQL.

use super::PgTx;
use crate::db::*;

/// Version 5: each grid's village, bound from the documents already stored.
pub(super) const SCHEMA_V5: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS grid_villages (
        grid_code    text PRIMARY KEY,
        village_code text NOT NULL,
        bound_at     bigint NOT NULL
    )",
    "INSERT INTO grid_villages(grid_code, village_code, bound_at)
        SELECT grid_code, min(village_code), 0 FROM documents
        WHERE grid_code <> '' AND kind IN ('household', 'case') GROUP BY grid_code
        ON CONFLICT (grid_code) DO NOTHING",
];

impl GridTx for PgTx<'_> {
    fn bind_grid(&mut self, grid: &str, village: &str, now: i64) -> Result<String> {
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO grid_villages(grid_code, village_code, bound_at) VALUES ($1, $2, $3)
                 ON CONFLICT (grid_code) DO NOTHING",
            )
            .bind(grid)
            .bind(village)
            .bind(now)
            .execute(c)
            .await
            .map(|_| ())
        })?;
        Ok(self
            .grid_village(grid)?
            .unwrap_or_else(|| village.to_string()))
    }

    fn grid_village(&mut self, grid: &str) -> Result<Option<String>> {
        self.run(async |c| {
            sqlx::query_scalar("SELECT village_code FROM grid_villages WHERE grid_code = $1")
                .bind(grid)
                .fetch_optional(c)
                .await
        })
    }
}
