//! A household always lies in the village of its grid: the first stored document naming a grid
//! binds the grid to its village (the demo and the roster import bind theirs the same way), and
//! a document that puts the grid in another village is refused.

use chrono::Utc;
use ruhu_domain::document::DocKind;
use ruhu_proto::v1::ErrorCode;

use super::placement::Placement;
use crate::db::Tx;
use crate::error::CountyError;

/// Binds the grid of each placed household and case to its village, or refuses the request
/// when a grid is bound to another village. Call under the write lock, before the index rows
/// are written.
pub(crate) fn bind<'a>(
    tx: &mut dyn Tx,
    placed: impl IntoIterator<Item = &'a Placement>,
) -> Result<(), CountyError> {
    let now = Utc::now().timestamp();
    // A request's documents mostly share one grid: each (grid, village) is asked once.
    let mut asked = std::collections::HashSet::new();
    for p in placed {
        if p.kind == DocKind::Policy
            || p.grid_code.is_empty()
            || !asked.insert((p.grid_code.as_str(), p.village_code.as_str()))
        {
            continue;
        }
        let bound = tx.bind_grid(&p.grid_code, &p.village_code, now)?;
        if bound != p.village_code {
            return Err(CountyError::new(
                ErrorCode::InvalidContent,
                "记录未通过县级平台的检查：address.grid_code: 该网格属于另一个村(社区)，网格与村(社区)代码须一致",
            ));
        }
    }
    Ok(())
}
