//! The county policy as a document: one per county (`policy-<county code>`), written only here
//! with the county's own actor, validated before it is accepted, and sent to every device of
//! the county with its next sync, so that phones compute clocks and amounts offline under the
//! same rules as the county. A new version replaces the stored one whole (keys removed, lists
//! replaced): a county may publish any policy that validates. The policy in force is read from
//! the documents (`crate::documents::current_policy`).

use ruhu_domain::document;
use ruhu_domain::policy::CountyPolicy;
use ruhu_proto::v1::ErrorCode;

use crate::actor::county_actor;
use crate::db::Tx;
use crate::documents::current_policy;
use crate::edit::{county_create, county_replace};
use crate::error::CountyError;

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
    match current_policy(tx, county)? {
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
