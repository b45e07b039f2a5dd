//! The county policy as a document: one per county (`policy-<county code>`), written only here
//! with the county's own actor, validated before it is accepted, and sent to every device of
//! the county with its next sync, so that phones compute clocks and amounts offline under the
//! same rules as the county. A new version replaces the stored one whole (keys removed, lists
//! replaced): a county may publish any policy that validates.

use ruhu_domain::document;
use ruhu_domain::policy::CountyPolicy;
use ruhu_proto::v1::ErrorCode;

use crate::db::Tx;
use crate::demo::county_actor;
use crate::edit::{county_create, county_replace};
use crate::error::CountyError;
use crate::sync::load;

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
    let id = document::policy_id(county);
    match current(tx, county)? {
        Some(now) if policy.version <= now.version => {
            return Err(refuse(format!(
                "policy refused: version {} is not newer than version {} in force",
                policy.version, now.version
            )));
        }
        // The stored policy becomes exactly the new one, whatever it removes or changes.
        Some(_) => county_replace(tx, county, &id, "publish policy", policy)?,
        None => {
            let actor = county_actor(tx)?;
            county_create(tx, county, &id, policy, &actor)?;
        }
    }
    crate::cases::reclock_all(tx, county)?;
    Ok(policy.version)
}
