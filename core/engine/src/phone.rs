//! `Phone`: one device's encrypted store and photo vault, and who uses it.

use std::path::Path;

use ruhu_domain::validation::Problems;
use ruhu_store::photos::PhotoVault;
use ruhu_store::{Store, WorkerProfile};

use crate::error::EngineError;

/// The phone's store and photo vault. Open one per process and share it between threads; every
/// call blocks.
pub struct Phone {
    pub(crate) store: Store,
    pub(crate) vault: PhotoVault,
}

/// A fresh record id.
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Phone {
    /// Opens or creates the store at `path` with its 32-byte key, and the photo vault beside it.
    /// A wrong key or a damaged file is an error and the file is left exactly as it was.
    pub fn open(path: &Path, key: &[u8]) -> Result<Phone, EngineError> {
        let store = Store::open(path, key)?;
        let vault = PhotoVault::open(path, key)?;
        Ok(Phone { store, vault })
    }

    /// The store, for the reads a screen shapes itself (search, documents, conflicts).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The photo vault (encrypted files by hash).
    pub fn vault(&self) -> &PhotoVault {
        &self.vault
    }

    /// Leaves the county (设置 → 退出本县): wipes every record, draft, setting and photo file
    /// from this phone, keeping only the device's identity. While the county lacks some of this
    /// phone's work it refuses with [`EngineError::UnsyncedWork`] unless `even_unsynced`, so a
    /// worker is told before anything recorded here would be lost.
    pub fn leave_county(&self, even_unsynced: bool) -> Result<(), EngineError> {
        if !even_unsynced {
            let documents = self.store.unsynced_documents()?;
            let photos = self.store.pending_uploads()?.len() as u64;
            if documents > 0 || photos > 0 {
                return Err(EngineError::UnsyncedWork { documents, photos });
            }
        }
        self.store.wipe()?;
        self.vault.wipe()?;
        Ok(())
    }

    /// Sets who uses this device before enrollment (enrollment sets it from the county).
    pub fn set_worker(&self, worker: &WorkerProfile) -> Result<(), EngineError> {
        let mut p = Problems::new("");
        p.check(
            !worker.county_code.bytes().all(|b| b.is_ascii_digit())
                || worker.county_code.len() != 6,
            "county_code",
            "县级代码应为6位数字",
        );
        p.check(worker.worker_id.trim().is_empty(), "worker_id", "必填");
        p.finish()?;
        let profile = WorkerProfile {
            county_code: worker.county_code.clone(),
            worker_id: worker.worker_id.trim().into(),
            display_name: worker.display_name.trim().into(),
        };
        Ok(self.store.set_profile(&profile)?)
    }
}

/// Today's date in China, the day the domain's clocks and ages count by.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&ruhu_domain::calendar::CHINA_TIME)
        .date_naive()
}
