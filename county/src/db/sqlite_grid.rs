//! The grid-to-village table on the embedded engine.

use rusqlite::{OptionalExtension, params};

use super::SqliteTx;
use crate::db::*;

/// Version 5: each grid's village, bound from the documents already stored.
pub(super) const SCHEMA_V5: &str = "
CREATE TABLE grid_villages (
    grid_code    TEXT PRIMARY KEY,
    village_code TEXT NOT NULL,
    bound_at     INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO grid_villages(grid_code, village_code, bound_at)
    SELECT grid_code, min(village_code), 0 FROM documents
    WHERE grid_code <> '' AND kind IN ('household', 'case') GROUP BY grid_code;
";

impl GridTx for SqliteTx<'_> {
    fn bind_grid(&mut self, grid: &str, village: &str, now: i64) -> Result<String> {
        self.0
            .prepare_cached(
                "INSERT INTO grid_villages(grid_code, village_code, bound_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (grid_code) DO NOTHING",
            )?
            .execute(params![grid, village, now])?;
        Ok(self
            .grid_village(grid)?
            .unwrap_or_else(|| village.to_string()))
    }

    fn grid_village(&mut self, grid: &str) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT village_code FROM grid_villages WHERE grid_code = ?1")?
            .query_row([grid], |r| r.get(0))
            .optional()?)
    }
}
