//! `RuhuStore`: the phone's encrypted store as the app sees it.

use std::path::Path;
use std::sync::Arc;

use super::error::ApiError;
use super::records::WorkerProfile;
use ruhu_domain::validation::Problems;
use ruhu_store::{self, Store, StoreError};

/// The phone's encrypted store. Open one per app process and share it between threads.
#[derive(uniffi::Object)]
pub struct RuhuStore {
    pub(super) store: Store,
    pub(super) vault: ruhu_store::photos::PhotoVault,
}

pub(super) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(super) fn logged<T>(op: &str, r: Result<T, ApiError>) -> Result<T, ApiError> {
    match &r {
        Ok(_) => log::debug!("{op}: ok"),
        // Variant names only: messages could one day carry something a log must not.
        Err(e) => log::warn!("{op}: failed ({})", variant(e)),
    }
    r
}

fn variant(e: &ApiError) -> &'static str {
    match e {
        ApiError::InvalidInput { .. } => "invalid input",
        ApiError::NotFound { .. } => "not found",
        ApiError::BadKey => "bad key",
        ApiError::StoreUnreadable => "store unreadable",
        ApiError::NewerVersion { .. } => "newer version",
        ApiError::NoProfile => "no profile",
        ApiError::OtherCounty => "other county",
        ApiError::BundleRefused { .. } => "bundle refused",
        ApiError::BundleOutsideScope { .. } => "bundle outside scope",
        ApiError::CaseRuleBroken { .. } => "case rule broken",
        ApiError::StorageFull => "storage full",
        ApiError::PhotoRefused { .. } => "photo refused",
        ApiError::Internal { .. } => "internal",
        ApiError::SyncFailed { .. } => "sync failed",
        ApiError::SyncCancelled => "sync cancelled",
        ApiError::NotEnrolled => "not enrolled",
        ApiError::EnrollmentRefused { .. } => "enrollment refused",
        ApiError::DeviceRevoked => "device revoked",
    }
}

pub(super) fn finish(p: Problems) -> Result<(), StoreError> {
    Ok(p.finish()?)
}

#[uniffi::export]
impl RuhuStore {
    /// Opens or creates the store file at `path` with the 32-byte key the app keeps in the
    /// Android Keystore / iOS Keychain. A wrong key or damaged file is an error and the file
    /// is left exactly as it was.
    #[uniffi::constructor]
    pub fn open(path: String, key: Vec<u8>) -> Result<Arc<Self>, ApiError> {
        let store = logged(
            "open",
            Store::open(Path::new(&path), &key).map_err(ApiError::from),
        )?;
        let vault = logged(
            "open photos",
            ruhu_store::photos::PhotoVault::open(Path::new(&path), &key).map_err(ApiError::from),
        )?;
        log::info!("store opened");
        Ok(Arc::new(RuhuStore { store, vault }))
    }

    /// Sets who uses this device (done at enrollment). Required before recording anything.
    pub fn set_worker(&self, worker: WorkerProfile) -> Result<(), ApiError> {
        let mut p = Problems::new("");
        p.check(
            !worker.county_code.bytes().all(|b| b.is_ascii_digit())
                || worker.county_code.len() != 6,
            "county_code",
            "县级代码应为6位数字",
        );
        p.check(worker.worker_id.trim().is_empty(), "worker_id", "必填");
        p.finish()?;
        let profile = ruhu_store::WorkerProfile {
            county_code: worker.county_code,
            worker_id: worker.worker_id.trim().into(),
            display_name: worker.display_name.trim().into(),
        };
        logged(
            "set_worker",
            self.store.set_profile(&profile).map_err(Into::into),
        )
    }

    /// The worker profile, if set.
    pub fn worker(&self) -> Result<Option<WorkerProfile>, ApiError> {
        Ok(self.store.profile()?.map(|p| WorkerProfile {
            county_code: p.county_code,
            worker_id: p.worker_id,
            display_name: p.display_name,
        }))
    }

    /// This device's id.
    pub fn device_id(&self) -> String {
        self.store.device_id().to_string()
    }
}
