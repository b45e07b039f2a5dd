//! County-side work over cases that no single phone can do: every case's clock replayed under
//! the county's rules after a new policy (kept in the index, so the county sees every clock),
//! and which household a case's readers may see. The yearly ceiling is checked when changes are
//! stored (`crate::documents`).

use ruhu_domain::case::Case;
use ruhu_domain::household::Household;

use crate::db::Tx;
use crate::documents::{self, Rules};
use crate::error::CountyError;

/// Whether `h` is the household case `c` names and lies where the case lies (same village and
/// grid). Only then do the case's readers (case page, exports) see it: a case can be read by
/// whoever covers the case, and must never show a household of another grid or township.
pub fn household_of_case(c: &Case, h: &Household) -> bool {
    let a = &h.profile.address;
    h.id == c.household_id && a.village_code == c.village_code && a.grid_code == c.grid_code
}

/// Replays every case under the rules in force and stores its status and nearest clock (after
/// a new policy, whose deadlines move every clock). Returns how many cases were replayed.
pub fn reclock_all(tx: &mut dyn Tx, county: &str) -> Result<usize, CountyError> {
    let Some(rules) = Rules::load(tx, county)? else {
        return Ok(0);
    };
    let ids = tx.case_ids()?;
    for id in &ids {
        let c = documents::read_case(&documents::load(tx, id)?)?;
        let state = c.replay_under(&rules.policy, &rules.calendar);
        let next = documents::next_clock(&state);
        tx.set_case_clock(
            id,
            state.status.code(),
            next.map(|n| n.0),
            next.map(|n| n.1),
        )?;
    }
    Ok(ids.len())
}
