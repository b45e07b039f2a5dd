//! `ruhu-county backup` on the embedded store: a consistent copy while the county serves.
//! The database through SQLite's online backup API into a file keyed with the same county
//! key (SQLCipher copies pages as they are, so both ends must share the key), then the sealed
//! photo files the copy lists, each checked against its name, then a manifest; all written
//! into `<dir>.partial` and renamed to `<dir>` only when whole.

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::blobs;

/// The database file's name, in a data folder and in a backup.
pub const DATABASE: &str = "county.db";
/// The manifest's name in a backup.
pub const MANIFEST: &str = "manifest.json";
/// The photo files' folder in a backup (`blobs/ab/<sha256>`, as the folder store keeps them).
pub const PHOTOS: &str = "blobs";
/// The manifest format this build writes and reads.
pub const FORMAT: u32 = 1;

/// How long opening the county's database waits for its writer.
const BUSY: Duration = Duration::from_secs(10);
/// How often the copy is retried while the database is locked, and the pause between tries.
const COPY_TRIES: u32 = 100;
const COPY_PAUSE: Duration = Duration::from_millis(100);

/// The embedded store a backup is taken from or restored into.
pub struct Embedded<'a> {
    /// The data folder (holding `county.db`).
    pub data_dir: &'a Path,
    /// The photo folder (default `<data_dir>/blobs`).
    pub blob_dir: &'a Path,
    /// The county key (the database's SQLCipher key; photo files are sealed under a key derived
    /// from it). Never written into a backup.
    pub key: &'a [u8; 32],
}

/// What a backup holds, written beside it as `manifest.json`. Counts and hashes only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// When the copy was taken (RFC 3339, UTC).
    pub created_at: String,
    /// The county's 6-digit code.
    pub county_code: String,
    /// The database's schema version (`user_version`).
    pub schema_version: i64,
    /// Documents in the copy.
    pub documents: i64,
    /// Changes in the copy's log.
    pub changes: i64,
    /// Photo files (images and thumbnails) the copy lists, all in the backup.
    pub photo_files: i64,
    /// SHA-256 of the database copy, hex.
    pub database_sha256: String,
}

/// Why a backup or a restore stopped. Names files and counts, never personal data.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The backup folder exists already.
    #[error("{0} exists already; give a new folder for the backup")]
    TargetExists(PathBuf),
    /// An unfinished backup was left at `<dir>.partial`.
    #[error("{0} is left from an unfinished backup; remove it and run the backup again")]
    PartialLeft(PathBuf),
    /// No county database in the data folder.
    #[error("no county database at {0}")]
    NoDatabase(PathBuf),
    /// Reading a file failed.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// Writing a file failed (a full disk says "No space left on device").
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The database could not be opened or copied.
    #[error("database: {0}")]
    Database(#[from] ruhu_sqlite::SqliteError),
    /// SQLite failed while copying or reading the copy.
    #[error("database copy: {0}")]
    Sql(#[from] rusqlite::Error),
    /// The database stayed locked by its writer through every try.
    #[error("the database stayed busy; run the backup again")]
    Busy,
    /// The copy failed SQLite's check.
    #[error("the database copy failed its integrity check")]
    Damaged,
    /// A photo file does not open under its name or does not hash to it.
    #[error("photo file {0} does not match its name (damaged, altered or sealed with another key)")]
    PhotoMismatch(String),
    /// A photo file the database lists is missing.
    #[error("photo file {0} is listed by the database but missing")]
    PhotoMissing(String),
    /// The backup's manifest is missing, unreadable or disagrees with the files.
    #[error("the backup's manifest {0}")]
    Manifest(String),
    /// The backup's database does not open with this county's key.
    #[error("the backup's database does not open with this county key")]
    WrongKey,
    /// The backup's schema is newer than this build.
    #[error(
        "the backup's database schema {found} is newer than this build supports (up to \
         {supported}); restore it with the ruhu-county that wrote it"
    )]
    SchemaTooNew {
        /// The backup's schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// A county process serves the data folder, or the lock could not be taken.
    #[error("{0}")]
    Lock(#[from] crate::serving::LockError),
}

/// The newest database schema this build knows.
pub fn supported_schema() -> i64 {
    i64::from(ruhu_sqlite::newest(crate::db::sqlite::STEPS))
}

/// `<dir>.partial`, where a backup is written before it is whole.
pub fn partial_path(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Takes a backup of `store` into the new folder `target` and returns its manifest. The county
/// may be serving meanwhile. On any failure nothing is left at `target` (nor at
/// `<target>.partial`).
pub fn backup(store: &Embedded<'_>, target: &Path) -> Result<Manifest, BackupError> {
    if target.exists() {
        return Err(BackupError::TargetExists(target.to_path_buf()));
    }
    let partial = partial_path(target);
    if partial.exists() {
        return Err(BackupError::PartialLeft(partial));
    }
    let database = store.data_dir.join(DATABASE);
    if !database.is_file() {
        return Err(BackupError::NoDatabase(database));
    }
    fs::create_dir_all(&partial).map_err(write_error(&partial))?;
    let written = write_backup(store, &database, &partial).and_then(|manifest| {
        fs::rename(&partial, target).map_err(write_error(target))?;
        sync_parent(target)?;
        Ok(manifest)
    });
    if written.is_err() {
        let _ = fs::remove_dir_all(&partial);
    }
    written
}

fn write_backup(
    store: &Embedded<'_>,
    database: &Path,
    partial: &Path,
) -> Result<Manifest, BackupError> {
    let created_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let copy_path = partial.join(DATABASE);
    let listed = copy_database(database, &copy_path, store.key)?;
    let database_sha256 = file_sha256(&copy_path)?;
    let sealer = blobs::sealer(store.key);
    for (name, size) in &listed.photos {
        let source = photo_path(store.blob_dir, name);
        let sealed = match fs::read(&source) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(BackupError::PhotoMissing(name.clone()));
            }
            Err(source_error) => {
                return Err(BackupError::Read {
                    path: source,
                    source: source_error,
                });
            }
        };
        check_photo(&sealer, name, &sealed, Some(*size))?;
        write_synced(&photo_path(&partial.join(PHOTOS), name), &sealed)?;
    }
    sync_photo_dirs(&partial.join(PHOTOS))?;
    let manifest = Manifest {
        format: FORMAT,
        created_at,
        county_code: listed.county_code,
        schema_version: listed.schema_version,
        documents: listed.documents,
        changes: listed.changes,
        photo_files: listed.photos.len() as i64,
        database_sha256,
    };
    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| BackupError::Manifest(format!("cannot be written: {e}")))?;
    write_synced(&partial.join(MANIFEST), &json)?;
    sync_dir(partial)?;
    Ok(manifest)
}

/// What a database copy holds.
pub(crate) struct Listed {
    pub(crate) county_code: String,
    pub(crate) schema_version: i64,
    pub(crate) documents: i64,
    pub(crate) changes: i64,
    /// Every stored photo file: name and size of the photo.
    pub(crate) photos: Vec<(String, i64)>,
}

/// Copies the database at `from` into the new file `to` with SQLite's online backup API, in
/// one step (a reader in WAL mode, so the serving writer goes on), and reads what it holds.
fn copy_database(from: &Path, to: &Path, key: &[u8; 32]) -> Result<Listed, BackupError> {
    let source = ruhu_sqlite::open(from, key, ruhu_sqlite::Access::ReadWrite, BUSY)?;
    // The copy is keyed like the source before the first page arrives: SQLCipher's backup
    // copies encrypted pages and refuses ends with different keys.
    let mut copy = ruhu_sqlite::open(to, key, ruhu_sqlite::Access::ReadWrite, BUSY)?;
    {
        let run = Backup::new(&source, &mut copy)?;
        let mut tries = 0;
        loop {
            match run.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                _ if tries < COPY_TRIES => {
                    tries += 1;
                    std::thread::sleep(COPY_PAUSE);
                }
                _ => return Err(BackupError::Busy),
            }
        }
    }
    drop(source);
    let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(BackupError::Damaged);
    }
    let listed = list(&copy)?;
    // One self-contained file: no WAL beside it.
    copy.query_row("PRAGMA journal_mode = DELETE", [], |r| {
        r.get::<_, String>(0)
    })?;
    drop(copy);
    fs::File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(write_error(to))?;
    Ok(listed)
}

/// What the open county database `conn` holds.
pub(crate) fn list(conn: &Connection) -> Result<Listed, BackupError> {
    let county_code = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'county_code'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    let mut stmt = conn.prepare("SELECT sha256, size FROM blobs ORDER BY sha256")?;
    let photos = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Listed {
        county_code,
        schema_version: ruhu_sqlite::version(conn)?,
        documents: conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?,
        changes: conn.query_row("SELECT count(*) FROM changes", [], |r| r.get(0))?,
        photos,
    })
}

/// Checks a sealed photo file against its name: it opens under the name with the county key,
/// the photo hashes to the name, and (when known) has the size the database recorded.
pub(crate) fn check_photo(
    sealer: &ruhu_domain::sealed::Sealer,
    name: &str,
    sealed: &[u8],
    size: Option<i64>,
) -> Result<(), BackupError> {
    let mismatch = || BackupError::PhotoMismatch(name.to_string());
    let plain = sealer.open(name, sealed).map_err(|_| mismatch())?;
    if ruhu_domain::imaging::sha256_hex(&plain) != name
        || size.is_some_and(|s| s != plain.len() as i64)
    {
        return Err(mismatch());
    }
    Ok(())
}

/// Where the folder store keeps `name` under `root`.
pub(crate) fn photo_path(root: &Path, name: &str) -> PathBuf {
    root.join(name.get(..2).unwrap_or("__")).join(name)
}

/// Whether `name` is a photo file's name (64 lowercase hex digits).
pub(crate) fn photo_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The SHA-256 of a file, hex.
pub(crate) fn file_sha256(path: &Path) -> Result<String, BackupError> {
    let read_error = |source| BackupError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut file = fs::File::open(path).map_err(read_error)?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(read_error)?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes `bytes` to the new file `path` (its folder created) and syncs it.
pub(crate) fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), BackupError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(write_error(dir))?;
    }
    fs::File::create_new(path)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .map_err(write_error(path))
}

/// Syncs a folder, so the names in it survive a power cut.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), BackupError> {
    fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(write_error(dir))
}

/// Syncs a photo folder and each of its `ab/` folders (absent: nothing to sync).
pub(crate) fn sync_photo_dirs(root: &Path) -> Result<(), BackupError> {
    let Ok(entries) = fs::read_dir(root) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.map_err(write_error(root))?;
        if entry.path().is_dir() {
            sync_dir(&entry.path())?;
        }
    }
    sync_dir(root)
}

/// Syncs the folder holding `path`.
pub(crate) fn sync_parent(path: &Path) -> Result<(), BackupError> {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => sync_dir(p),
        _ => sync_dir(Path::new(".")),
    }
}

pub(crate) fn write_error(path: &Path) -> impl Fn(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Write {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
#[path = "backup_tests.rs"]
mod tests;
