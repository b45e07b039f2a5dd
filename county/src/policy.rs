//! The county policy as a document: one per county (`policy-<county code>`), written only here
//! with the county's own actor, validated before it is accepted, and sent to every device of
//! the county with its next sync, so that phones compute clocks and amounts offline under the
//! same rules as the county.

use automerge::AutoCommit;
use chrono::Utc;
use ruhu_core::document::{self, DocKind};
use ruhu_core::domain::policy::CountyPolicy;
use ruhu_proto::v1::{self, ErrorCode};

use crate::db::Tx;
use crate::demo::county_actor;
use crate::error::CountyError;
use crate::sync::{load, store_changes};

/// The policy in force, if the county has published one.
pub fn current(tx: &mut dyn Tx, county: &str) -> Result<Option<CountyPolicy>, CountyError> {
    let id = document::policy_id(county);
    let doc = load(tx, &id)?;
    if document::kind_of(&doc).is_none() {
        return Ok(None);
    }
    document::read(&doc).map(Some).map_err(|e| {
        CountyError::new(
            ErrorCode::Internal,
            format!("the stored policy does not read: {e}"),
        )
    })
}

/// Publishes a new version: it must validate, name this county, and count up from the
/// version in force. Returns the version published.
pub fn publish(tx: &mut dyn Tx, county: &str, policy: &CountyPolicy) -> Result<u32, CountyError> {
    let refuse = |m: String| CountyError::new(ErrorCode::InvalidContent, m);
    policy
        .validate()
        .map_err(|e| refuse(format!("policy refused ({}): {e}", e.code())))?;
    if policy.county_code != county {
        return Err(refuse(format!(
            "policy refused: it is for county {}, this store serves {county}",
            policy.county_code
        )));
    }
    if let Some(now) = current(tx, county)?
        && policy.version <= now.version
    {
        return Err(refuse(format!(
            "policy refused: version {} is not newer than version {} in force",
            policy.version, now.version
        )));
    }
    let actor = county_actor(tx)?;
    let id = document::policy_id(county);
    let mut doc: AutoCommit = load(tx, &id)?;
    let heads = doc.get_heads();
    if document::kind_of(&doc).is_none() {
        doc = document::create(policy, actor, Utc::now()).map_err(internal)?;
    } else {
        doc.set_actor(actor);
        document::write(&mut doc, policy).map_err(internal)?;
        document::commit(&mut doc, "publish policy", Utc::now());
    }
    let changes = doc
        .get_changes(&heads)
        .into_iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    store_changes(
        tx,
        None,
        county,
        &v1::DocumentChanges {
            document_id: id,
            kind: DocKind::Policy.code().into(),
            changes,
        },
    )?;
    crate::cases::reclock_all(tx, county)?;
    Ok(policy.version)
}

fn internal(e: document::DocError) -> CountyError {
    CountyError::new(ErrorCode::Internal, format!("policy document: {e}"))
}
