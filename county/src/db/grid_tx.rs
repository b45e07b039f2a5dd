//! Which village each grid lies in: a grid code is unique in the county (a grid worker's grant
//! lists grid codes), so the first stored document that names a grid binds it to its village.

use super::*;

/// The grid-to-village table: part of a county transaction.
pub trait GridTx {
    /// Binds `grid` to `village` unless it is bound already (call under the write lock);
    /// returns the village the grid is bound to now.
    fn bind_grid(&mut self, grid: &str, village: &str, now: i64) -> Result<String>;
    /// The village `grid` is bound to, if it is.
    fn grid_village(&mut self, grid: &str) -> Result<Option<String>>;
}
