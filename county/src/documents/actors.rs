//! Who authored each change a device sends, judged again at the county: the device's own
//! actor, or a colleague's relayed from a bundle (continuing its author's changes, never
//! squatting a sequence number), never the county's; and which relayed changes to remove when
//! the rightful device sends its own change under a number a colleague took.

use std::collections::{HashMap, HashSet};

use automerge::{AutoCommit, Change, ChangeHash};
use ruhu_proto::v1::{ErrorCode, Role};

use crate::db::Tx;
use crate::enroll::Device;
use crate::error::CountyError;

/// The enrolled device a change's actor belongs to.
#[derive(Clone, Debug)]
pub(crate) struct Author {
    pub(super) device_id: String,
    pub(super) worker_id: String,
    pub(super) role: Role,
}

/// The authors of a request's new changes, by actor.
#[derive(Debug, Default)]
pub(crate) struct Authors(pub(super) HashMap<Vec<u8>, Author>);

fn forged(message: &str) -> CountyError {
    CountyError::new(ErrorCode::ForgedActor, message)
}

/// Checks who authored the changes the county lacks (`new`) of a document it holds as
/// `stored`: the sending device's own actor, or a change relayed from a bundle whose author's
/// device is enrolled here and not revoked. The county's actor is never accepted from a
/// device. A relayed change must continue its author's changes: its author's previous change
/// (seq − 1) is held by the county or travels in the same request, and no change of the
/// county holds that actor's sequence number already (a squat on a colleague's next number).
pub(crate) fn check_actors(
    tx: &mut dyn Tx,
    device: &Device,
    stored: &mut AutoCommit,
    new: &[Change],
) -> Result<Authors, CountyError> {
    let mut authors = Authors::default();
    authors.0.insert(
        device.actor.clone(),
        Author {
            device_id: device.id.clone(),
            worker_id: device.grant.worker_id.clone(),
            role: device.grant.role,
        },
    );
    let relayed: Vec<&Change> = new
        .iter()
        .filter(|c| c.actor_id().to_bytes() != device.actor.as_slice())
        .collect();
    if relayed.is_empty() {
        return Ok(authors);
    }
    for c in &relayed {
        let actor = c.actor_id().to_bytes();
        if authors.0.contains_key(actor) {
            continue;
        }
        if crate::actor::is_county_actor(tx, actor)? {
            return Err(forged("a change is authored by the county's own actor"));
        }
        match tx.device_by_actor(actor)? {
            Some(row) if row.revoked_at.is_none() => {
                authors.0.insert(
                    actor.to_vec(),
                    Author {
                        device_id: row.id,
                        worker_id: row.worker_id,
                        role: Role::try_from(row.role).unwrap_or(Role::Unspecified),
                    },
                );
            }
            Some(_) => {
                return Err(forged("a change is authored by a revoked device"));
            }
            None => {
                return Err(forged(
                    "a change is authored by an actor not enrolled in this county",
                ));
            }
        }
    }
    // (actor, seq) of every change the county holds of the document and of the request.
    let held: HashMap<(Vec<u8>, u64), ChangeHash> = stored
        .get_changes(&[])
        .iter()
        .map(|c| ((c.actor_id().to_bytes().to_vec(), c.seq()), c.hash()))
        .collect();
    let sent: HashSet<(Vec<u8>, u64)> = new
        .iter()
        .map(|c| (c.actor_id().to_bytes().to_vec(), c.seq()))
        .collect();
    for c in relayed {
        let actor = c.actor_id().to_bytes().to_vec();
        if held.contains_key(&(actor.clone(), c.seq())) {
            return Err(forged(
                "a relayed change takes a sequence number its author already used",
            ));
        }
        let previous = (actor, c.seq().saturating_sub(1));
        if c.seq() > 1 && !held.contains_key(&previous) && !sent.contains(&previous) {
            return Err(forged(
                "a relayed change skips its author's earlier changes",
            ));
        }
    }
    Ok(authors)
}

/// The changes to remove so that the sending device's own changes (`new`) fit a document whose
/// stored changes (`stored`, in feed order) hold another change under the device's actor at one
/// of its sequence numbers: a colleague relayed a change under this device's actor that the
/// device never made (a squat on its next number). The device's own change always wins: the
/// squatted changes, and every stored change built on them, are removed. When the colliding
/// change came from the device itself, nothing is removed and the request is refused.
pub(crate) fn squatted(
    tx: &mut dyn Tx,
    device: &Device,
    stored: &[Change],
    new: &[Change],
) -> Result<Vec<ChangeHash>, CountyError> {
    let own = |c: &&Change| c.actor_id().to_bytes() == device.actor.as_slice();
    let Some(first) = new.iter().filter(own).map(|c| c.seq()).min() else {
        return Ok(Vec::new());
    };
    let sent: HashSet<ChangeHash> = new.iter().map(|c| c.hash()).collect();
    let colliding: Vec<ChangeHash> = stored
        .iter()
        .filter(own)
        .filter(|c| c.seq() >= first && !sent.contains(&c.hash()))
        .map(|c| c.hash())
        .collect();
    let keys: Vec<Vec<u8>> = colliding.iter().map(|h| h.0.to_vec()).collect();
    let senders = tx.change_senders(&keys)?;
    if keys.is_empty()
        || keys.iter().any(|k| {
            senders
                .get(k)
                .is_none_or(|d| d.as_deref() == Some(&device.id))
        })
    {
        return Err(CountyError::new(
            ErrorCode::InvalidChange,
            "a change reuses a sequence number of this device's earlier change",
        ));
    }
    let mut gone: HashSet<ChangeHash> = colliding.into_iter().collect();
    for c in stored {
        if c.deps().iter().any(|d| gone.contains(d)) {
            gone.insert(c.hash());
        }
    }
    tracing::warn!(
        device = %device.id,
        removed = gone.len(),
        "changes squatting a device's sequence numbers removed"
    );
    Ok(gone.into_iter().collect())
}
