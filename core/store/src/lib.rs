//! The phone store: SQLCipher-encrypted SQLite holding documents, their indexes and settings.
//!
//! One writer connection behind a mutex serializes every change; readers come from a small
//! pool and, in WAL mode, never block the writer. `synchronous=FULL` makes every committed
//! edit survive a killed process or a pulled battery.

mod bundle;
mod docs;
pub mod drafts;
pub mod faults;
mod index;
pub mod photos;
pub mod schema;
mod scope;
mod search;
mod sync;
mod visits;

pub use bundle::{BundleEntry, ImportReport};
pub use faults::{BundleRefusal, Missing, PhotoFileFault, SyncFault};
pub use scope::Scope;
pub use search::{CaseFilter, CaseRow, HouseholdFilter, HouseholdRow};
pub use sync::{Outgoing, Refusal, SyncApplied};
pub use visits::{TaskRow, WarningRun};

use automerge::ActorId;
use ruhu_sqlite::{Access, Key, SqliteError};
use rusqlite::{Connection, ErrorCode, OptionalExtension};
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
    /// The schema steps of this build are misnumbered (a programming error, caught by tests).
    #[error("store migration")]
    Migration(#[source] SqliteError),
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

impl From<SqliteError> for StoreError {
    fn from(e: SqliteError) -> Self {
        match e {
            SqliteError::Unreadable { .. } => StoreError::Unreadable,
            SqliteError::SchemaTooNew { found, .. } => {
                StoreError::NewerSchema(i32::try_from(found).unwrap_or(i32::MAX))
            }
            SqliteError::Step { source, .. } | SqliteError::Sql(source) => source.into(),
            SqliteError::StepsOutOfOrder { .. } => StoreError::Migration(e),
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
    key: Key,
    // Field order matters: readers close first, so the writer closes last and checkpoints the WAL.
    readers: Mutex<Vec<Connection>>,
    writer: Mutex<Connection>,
    actor: RwLock<ActorId>,
    device_id: String,
}

/// Readers kept open for reuse.
const READER_POOL: usize = 4;

/// How long a connection waits for a lock another holds (rusqlite's default, kept as it was).
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

impl Store {
    /// Opens (or creates) the store at `path` with a 32-byte key. A wrong key or a damaged file
    /// gives [`StoreError::Unreadable`] and the file is not modified.
    pub fn open(path: &Path, key: &[u8]) -> Result<Store, StoreError> {
        let key: Key = key.try_into().map_err(|_| StoreError::BadKey)?;
        let mut writer = ruhu_sqlite::open(path, &key, Access::ReadWrite, BUSY_TIMEOUT)?;
        let (actor, device_id) = schema::migrate(&mut writer)
            .and_then(|()| identity(&writer))
            .map_err(|e| no_room(&writer, e))?;
        Ok(Store {
            path: path.to_path_buf(),
            key,
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
                 DELETE FROM drafts; DELETE FROM visit_tasks; DELETE FROM warning_checks;
                 DELETE FROM settings WHERE key <> 'device_id';",
            )?;
            Ok(())
        })?;
        let fresh = ActorId::random();
        self.set_actor(&fresh)?;
        let conn = lock(&self.writer);
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
            .map_err(|e| no_room(&conn, e.into()))
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

    /// Runs `f` in one write transaction; nothing of it stays if it fails. No room left on the
    /// device, however SQLite said it, is [`StoreError::Full`].
    pub(crate) fn write<R>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let mut conn = lock(&self.writer);
        let out = (|| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })();
        out.map_err(|e| no_room(&conn, e))
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
        Ok(ruhu_sqlite::open(
            &self.path,
            &self.key,
            Access::ReadOnly,
            BUSY_TIMEOUT,
        )?)
    }
}

/// `e` as [`StoreError::Full`] when the SQLite failure it carries, just returned on `conn`,
/// means the disk is full or a file may not grow (`EFBIG`, `EDQUOT` reach SQLite's caller as
/// I/O errors, not as `SQLITE_FULL`).
pub(crate) fn no_room(conn: &Connection, e: StoreError) -> StoreError {
    match e {
        StoreError::Sql(ref sql) if ruhu_sqlite::out_of_space(conn, sql) => StoreError::Full,
        other => other,
    }
}

/// Locks a mutex, recovering from a panic in another thread (the connection stays usable:
/// SQLite rolls back an unfinished transaction when its guard drops).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
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
