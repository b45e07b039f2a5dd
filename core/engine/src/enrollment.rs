//! Enrollment: the one-time code exchanged for this device's token, role and scope, kept as one
//! typed record in the store's settings instead of loose keys.

use automerge::ActorId;

use ruhu_domain::case::Role;
use ruhu_proto::v1;
use ruhu_store::{Scope, Store, WorkerProfile};

use crate::client::{ClientError, CountyClient};
use crate::error::EngineError;
use crate::phone::Phone;

/// What the county granted this device at enrollment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrollment {
    /// The county store's address.
    pub server_url: String,
    /// The device's bearer token.
    pub token: String,
    /// The device's id at the county (case steps record it).
    pub county_device_id: String,
    /// The worker's role.
    pub role: Role,
    /// The villages and grids the device serves.
    pub scope: Scope,
}

// The setting keys (kept as the first releases wrote them, so enrolled phones stay enrolled).
const SERVER_URL: &str = "server_url";
const TOKEN: &str = "device_token";
const COUNTY_DEVICE_ID: &str = "county_device_id";
const ROLE: &str = "role";

/// The domain's role for the protocol's. Exhaustive: a new protocol role fails to compile here.
pub fn role_from_wire(role: v1::Role) -> Role {
    match role {
        v1::Role::TownshipOfficer => Role::TownshipOfficer,
        v1::Role::Supervisor => Role::Supervisor,
        v1::Role::GridWorker | v1::Role::Unspecified => Role::GridWorker,
    }
}

impl Enrollment {
    /// The enrollment this store holds, if the device is enrolled.
    pub fn load(store: &Store) -> Result<Option<Enrollment>, EngineError> {
        let (Some(server_url), Some(token)) = (store.setting(SERVER_URL)?, store.setting(TOKEN)?)
        else {
            return Ok(None);
        };
        Ok(Some(Enrollment {
            server_url,
            token,
            county_device_id: store.setting(COUNTY_DEVICE_ID)?.unwrap_or_default(),
            role: stored_role(store)?.unwrap_or(Role::GridWorker),
            scope: store.scope()?,
        }))
    }

    pub(crate) fn save(&self, store: &Store) -> Result<(), EngineError> {
        store.set_setting(ROLE, self.role.code())?;
        store.set_setting(SERVER_URL, &self.server_url)?;
        store.set_setting(TOKEN, &self.token)?;
        store.set_setting(COUNTY_DEVICE_ID, &self.county_device_id)?;
        store.set_scope(&self.scope)?;
        Ok(())
    }
}

fn stored_role(store: &Store) -> Result<Option<Role>, EngineError> {
    Ok(store.setting(ROLE)?.as_deref().and_then(Role::from_code))
}

impl Phone {
    /// Enrolls this device with the county at `server_url` using a one-time `code` (typed, or
    /// read from the QR code): sets the worker profile, role, token and scope.
    pub fn enroll(
        &self,
        server_url: &str,
        code: &str,
        device_label: &str,
    ) -> Result<WorkerProfile, EngineError> {
        let client = CountyClient::new(server_url)?;
        let resp = match client.enroll(code, device_label, self.store.actor().to_bytes()) {
            Ok(r) => r,
            Err(ClientError::Refused { code, .. }) => {
                return Err(EngineError::EnrollmentRefused(code));
            }
            Err(e) => return Err(e.into()),
        };
        let actor = ActorId::from(resp.actor_id.as_slice());
        if actor != self.store.actor() {
            self.store.set_actor(&actor)?;
        }
        let profile = WorkerProfile {
            county_code: resp.county_code.clone(),
            worker_id: resp.worker_id.clone(),
            display_name: resp.display_name.clone(),
        };
        self.store.set_profile(&profile)?;
        let scope = resp.scope.unwrap_or_default();
        Enrollment {
            server_url: server_url.to_string(),
            token: resp.token,
            county_device_id: resp.device_id,
            role: role_from_wire(v1::Role::try_from(resp.role).unwrap_or(v1::Role::Unspecified)),
            scope: Scope {
                villages: scope.village_codes,
                grids: scope.grid_codes,
            },
        }
        .save(&self.store)?;
        log::info!("device enrolled");
        Ok(profile)
    }

    /// The enrollment, if the device is enrolled.
    pub fn enrollment(&self) -> Result<Option<Enrollment>, EngineError> {
        Enrollment::load(&self.store)
    }

    /// The places a form may offer: those of the households this phone holds that lie in its
    /// scope (village code, village name, grid code), in code order.
    pub fn places(&self) -> Result<Vec<(String, String, String)>, EngineError> {
        let scope = self.store.scope()?;
        Ok(self
            .store
            .places()?
            .into_iter()
            .filter(|(village, _, grid)| scope.covers(village, grid))
            .collect())
    }

    /// The worker's role from enrollment (none before it).
    pub fn role(&self) -> Result<Option<Role>, EngineError> {
        stored_role(&self.store)
    }

    /// The device id a case step records: the one the county gave at enrollment (the county
    /// checks each step against it), or the store's own before enrollment.
    pub fn event_device(&self) -> Result<String, EngineError> {
        Ok(self
            .store
            .setting(COUNTY_DEVICE_ID)?
            .unwrap_or_else(|| self.store.device_id().to_string()))
    }
}
