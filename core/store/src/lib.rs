//! The phone store: SQLCipher-encrypted SQLite holding documents, their indexes and settings.
//!
//! One writer connection behind a mutex serializes every change; readers come from a small
//! pool and, in WAL mode, never block the writer. `synchronous=FULL` makes every committed
//! edit survive a killed process or a pulled battery.

mod bundle;
mod docs;
pub mod faults;
mod index;
pub mod photos;
pub mod schema;
mod scope;
mod search;
mod sync;

pub use bundle::{BundleEntry, ImportReport};
pub use faults::{BundleRefusal, Missing, PhotoFileFault, SyncFault};
pub use scope::Scope;
pub use search::{CaseFilter, CaseRow, HouseholdFilter, HouseholdRow};
pub use sync::{Outgoing, Refusal, SyncApplied};

use automerge::ActorId;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, RwLock};

use ruhu_domain::document::DocError;

/// Why a store operation failed. Carries context for logs, never personal data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The key is not 32 bytes.
    #[error("the store key must be 32 bytes")]
    BadKey,
    /// Wrong key, or the file is damaged or not a store. The file is left untouched.
    #[error("store file unreadable (wrong key or damaged)")]
    Unreadable,
    /// The file was written by a newer app version.
    #[error("store schema {0} is newer than this app")]
    NewerSchema(i32),
    /// The device has no worker profile yet.
    #[error("no worker profile is set on this device")]
    NoProfile,
    /// A profile for another county is already set.
    #[error("this store belongs to another county")]
    OtherCounty,
    /// No document with that id.
    #[error("no such {0}")]
    NotFound(Missing),
    /// A bundle was refused.
    #[error("bundle refused: {0}")]
    Bundle(BundleRefusal),
    /// The edit would leave the record invalid; nothing was written.
    #[error("invalid record: {0}")]
    Invalid(#[from] ruhu_domain::validation::ValidationError),
    /// A sync exchange was refused or could not be applied.
    #[error("sync: {0}")]
    Sync(SyncFault),
    /// The disk is full.
    #[error("storage full")]
    Full,
    /// A camera image the pipeline refused.
    #[error("photo: {0}")]
    Photo(#[from] ruhu_domain::imaging::ImagingError),
    /// A photo file could not be written or read back intact.
    #[error("photo file: {0}")]
    PhotoFile(PhotoFileFault),
    /// Document layer.
    #[error(transparent)]
    Doc(#[from] DocError),
    /// SQLite, other than the cases above.
    #[error("sqlite: {0}")]
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
                StoreError::Unreadable
            }
            Some(ErrorCode::DiskFull) => StoreError::Full,
            _ => StoreError::Sql(e),
        }
    }
}

impl From<automerge::AutomergeError> for StoreError {
    fn from(e: automerge::AutomergeError) -> Self {
        StoreError::Doc(DocError::Automerge(e))
    }
}

/// Who uses this device: set at enrollment, required before any record is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerProfile {
    /// 县级行政区划代码 of the county the device serves.
    pub county_code: String,
    /// The worker's id at the county.
    pub worker_id: String,
    /// Name shown on the device.
    pub display_name: String,
}

/// An open phone store.
pub struct Store {
    path: PathBuf,
    key_hex: String,
    // Field order matters: readers close first, so the writer closes last and checkpoints the WAL.
    readers: Mutex<Vec<Connection>>,
    writer: Mutex<Connection>,
    actor: RwLock<ActorId>,
    device_id: String,
}

/// Readers kept open for reuse.
const READER_POOL: usize = 4;

impl Store {
    /// Opens (or creates) the store at `path` with a 32-byte key. A wrong key or a damaged file
    /// gives [`StoreError::Unreadable`] and the file is not modified.
    pub fn open(path: &Path, key: &[u8]) -> Result<Store, StoreError> {
        if key.len() != 32 {
            return Err(StoreError::BadKey);
        }
        let key_hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        let existed = path.exists();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut writer = Connection::open_with_flags(path, flags)?;
        unlock(&writer, &key_hex)?;
        if existed {
            // Reads page 1: a wrong key or a damaged header fails here, before anything is written.
            writer.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
        }
        writer.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
        )?;
        schema::migrate(&mut writer)?;
        let (actor, device_id) = identity(&writer)?;
        Ok(Store {
            path: path.to_path_buf(),
            key_hex,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(writer),
            actor: RwLock::new(actor),
            device_id,
        })
    }

    /// This device's automerge actor.
    pub fn actor(&self) -> ActorId {
        match self.actor.read() {
            Ok(a) => a.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Writes with `actor` from now on (the one the county assigned at enrollment).
    pub fn set_actor(&self, actor: &ActorId) -> Result<(), StoreError> {
        self.write(|tx| put_setting(tx, "actor", &actor.to_hex_string()))?;
        match self.actor.write() {
            Ok(mut a) => *a = actor.clone(),
            Err(poisoned) => *poisoned.into_inner() = actor.clone(),
        }
        Ok(())
    }

    /// A setting's value.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.read(|c| setting(c, key))
    }

    /// Sets a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(|tx| put_setting(tx, key, value))
    }

    /// Deletes every record, index and setting (a revoked device); the file stays, empty, and
    /// the device gets a new actor. Irreversible by design: the county told it to.
    pub fn wipe(&self) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute_batch(
                "DELETE FROM sync_refusals; DELETE FROM pending_changes;
                 DELETE FROM sync_state; DELETE FROM doc_chunks; DELETE FROM documents;
                 DELETE FROM members; DELETE FROM member_names; DELETE FROM households;
                 DELETE FROM cases; DELETE FROM photo_uploads; DELETE FROM photo_index;
                 DELETE FROM settings WHERE key <> 'device_id';",
            )?;
            Ok(())
        })?;
        let fresh = ActorId::random();
        self.set_actor(&fresh)?;
        let conn = lock(&self.writer);
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")?;
        Ok(())
    }

    /// This device's id (stable for the life of the store).
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// The worker profile, if set.
    pub fn profile(&self) -> Result<Option<WorkerProfile>, StoreError> {
        self.read(|c| {
            let get = |k: &str| setting(c, k);
            Ok(
                match (get("county_code")?, get("worker_id")?, get("display_name")?) {
                    (Some(county_code), Some(worker_id), Some(display_name)) => {
                        Some(WorkerProfile {
                            county_code,
                            worker_id,
                            display_name,
                        })
                    }
                    _ => None,
                },
            )
        })
    }

    /// The profile, or [`StoreError::NoProfile`].
    pub fn require_profile(&self) -> Result<WorkerProfile, StoreError> {
        self.profile()?.ok_or(StoreError::NoProfile)
    }

    /// Sets who uses the device. The county cannot change once records exist.
    pub fn set_profile(&self, p: &WorkerProfile) -> Result<(), StoreError> {
        self.write(|tx| {
            let county = setting(tx, "county_code")?;
            let has_docs: bool =
                tx.query_row("SELECT EXISTS(SELECT 1 FROM documents)", [], |r| r.get(0))?;
            if has_docs && county.as_deref().is_some_and(|c| c != p.county_code) {
                return Err(StoreError::OtherCounty);
            }
            for (k, v) in [
                ("county_code", &p.county_code),
                ("worker_id", &p.worker_id),
                ("display_name", &p.display_name),
            ] {
                put_setting(tx, k, v)?;
            }
            Ok(())
        })
    }

    /// Runs `f` in one write transaction; nothing of it stays if it fails.
    pub(crate) fn write<R>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` on a reader connection (never blocks the writer).
    pub(crate) fn read<R>(
        &self,
        f: impl FnOnce(&Connection) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let conn = match lock(&self.readers).pop() {
            Some(c) => c,
            None => self.open_reader()?,
        };
        let out = f(&conn);
        let mut pool = lock(&self.readers);
        if pool.len() < READER_POOL {
            pool.push(conn);
        }
        out
    }

    fn open_reader(&self) -> Result<Connection, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)?;
        unlock(&conn, &self.key_hex)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(conn)
    }
}

/// Locks a mutex, recovering from a panic in another thread (the connection stays usable:
/// SQLite rolls back an unfinished transaction when its guard drops).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn unlock(conn: &Connection, key_hex: &str) -> Result<(), StoreError> {
    // The key is 64 hex digits produced above, never text from outside.
    conn.execute_batch(&format!("PRAGMA key = \"x'{key_hex}'\";"))?;
    Ok(())
}

fn identity(conn: &Connection) -> Result<(ActorId, String), StoreError> {
    let actor = match setting(conn, "actor")? {
        Some(hex) => ActorId::try_from(hex.as_str()).map_err(|_| StoreError::Unreadable)?,
        None => {
            let actor = ActorId::random();
            put_setting(conn, "actor", &actor.to_hex_string())?;
            actor
        }
    };
    let device = match setting(conn, "device_id")? {
        Some(d) => d,
        None => {
            let d = uuid::Uuid::new_v4().to_string();
            put_setting(conn, "device_id", &d)?;
            d
        }
    };
    Ok((actor, device))
}

pub(crate) fn setting(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(crate) fn put_setting(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
