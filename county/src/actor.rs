//! The county's own automerge actor: the author of every document and change the county writes
//! itself (its policy, console decisions, imports, the demo), created on first use and never
//! granted to a device.

use automerge::ActorId;

use crate::db::Tx;
use crate::error::CountyError;

/// The setting that holds the county's actor, as hex.
const SETTING: &str = "county_actor";

/// The county's own actor, used for documents the county writes itself.
pub fn county_actor(tx: &mut dyn Tx) -> Result<ActorId, CountyError> {
    if let Some(hex) = tx.setting(SETTING)?
        && let Ok(actor) = ActorId::try_from(hex.as_str())
    {
        return Ok(actor);
    }
    let actor = ActorId::random();
    tx.put_setting(SETTING, &actor.to_hex_string())?;
    Ok(actor)
}

/// Whether `actor` is the county's own (its console and imports write with it).
pub(crate) fn is_county_actor(tx: &mut dyn Tx, actor: &[u8]) -> Result<bool, CountyError> {
    let hex: String = actor.iter().map(|b| format!("{b:02x}")).collect();
    Ok(tx.setting(SETTING)?.is_some_and(|a| a == hex))
}
