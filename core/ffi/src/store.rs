//! `RuhuStore`: the phone's encrypted store as the app sees it.

use std::path::Path;
use std::sync::Arc;

use super::error::ApiError;
use super::records::WorkerProfile;
use ruhu_engine::Phone;

/// The phone's encrypted store. Open one per app process and share it between threads.
#[derive(uniffi::Object)]
pub struct RuhuStore {
    pub(super) phone: Phone,
}

pub(super) fn logged<T>(op: &str, r: Result<T, ApiError>) -> Result<T, ApiError> {
    match &r {
        Ok(_) => log::debug!("{op}: ok"),
        // Variant names only: messages could one day carry something a log must not.
        Err(e) => log::warn!("{op}: failed ({})", e.variant_name()),
    }
    r
}

#[uniffi::export]
impl RuhuStore {
    /// Opens or creates the store file at `path` with the 32-byte key the app keeps in the
    /// Android Keystore / iOS Keychain. A wrong key or damaged file is an error and the file
    /// is left exactly as it was.
    #[uniffi::constructor]
    pub fn open(path: String, key: Vec<u8>) -> Result<Arc<Self>, ApiError> {
        let phone = logged(
            "open",
            Phone::open(Path::new(&path), &key).map_err(ApiError::from),
        )?;
        log::info!("store opened");
        Ok(Arc::new(RuhuStore { phone }))
    }

    /// Sets who uses this device (done at enrollment). Required before recording anything.
    pub fn set_worker(&self, worker: WorkerProfile) -> Result<(), ApiError> {
        let profile = ruhu_store::WorkerProfile {
            county_code: worker.county_code,
            worker_id: worker.worker_id,
            display_name: worker.display_name,
        };
        logged(
            "set_worker",
            self.phone.set_worker(&profile).map_err(Into::into),
        )
    }

    /// The worker profile, if set.
    pub fn worker(&self) -> Result<Option<WorkerProfile>, ApiError> {
        Ok(self.phone.store().profile()?.map(|p| WorkerProfile {
            county_code: p.county_code,
            worker_id: p.worker_id,
            display_name: p.display_name,
        }))
    }

    /// This device's id.
    pub fn device_id(&self) -> String {
        self.phone.store().device_id().to_string()
    }
}
