//! The one SQLCipher opener: the raw 32-byte key, a first read proving the key opens the file,
//! and the pragmas every Ruhu database runs with.

use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use crate::SqliteError;

/// A raw SQLCipher key (used as is, not derived from a passphrase).
pub type Key = [u8; 32];

/// How a connection is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// The writer: creates the file if missing, WAL journal, `synchronous = FULL` (a committed
    /// write survives a killed process or a pulled battery), foreign keys enforced.
    ReadWrite,
    /// A reader beside the writer: in WAL mode it never blocks the writer nor waits for it.
    ReadOnly,
}

/// Opens the database at `path` with `key`, waiting up to `busy_timeout` for a lock held by
/// another connection. A wrong key or a damaged file gives [`SqliteError::Unreadable`] before
/// anything is written.
pub fn open(
    path: &Path,
    key: &Key,
    access: Access,
    busy_timeout: Duration,
) -> Result<Connection, SqliteError> {
    initialize()?;
    let flags = match access {
        Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    // 64 hex digits made just above, never text from outside.
    conn.execute_batch(&format!("PRAGMA key = \"x'{hex}'\";"))?;
    conn.busy_timeout(busy_timeout)?;
    // Reads page 1: a wrong key or a damaged header fails here.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(unreadable)?;
    if access == Access::ReadWrite {
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
        )?;
    }
    Ok(conn)
}

/// Finishes SQLite's and SQLCipher's process-wide set-up once, before the first connection.
///
/// SQLCipher sets itself up at the end of `sqlite3_initialize`, after SQLite has already marked
/// the library initialized. A second thread opening at that instant skips the wait, finds
/// SQLCipher not yet ready, and its `PRAGMA key` fails ("sqlcipher not initialized"): a county
/// opening its pool, or several phones' stores opening at once, saw it now and then. Holding
/// every opener until one complete `sqlite3_initialize` has returned closes that window.
fn initialize() -> Result<(), SqliteError> {
    static DONE: OnceLock<std::os::raw::c_int> = OnceLock::new();
    // SAFETY: `sqlite3_initialize` takes no arguments and may be called at any time; calling it
    // again after success is a no-op.
    let rc = *DONE.get_or_init(|| unsafe { rusqlite::ffi::sqlite3_initialize() });
    if rc == rusqlite::ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(SqliteError::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rc),
            Some("SQLite could not be initialized".into()),
        )))
    }
}

fn unreadable(e: rusqlite::Error) -> SqliteError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
            SqliteError::Unreadable { source: e }
        }
        _ => SqliteError::Sql(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WAIT: Duration = Duration::from_secs(1);

    #[test]
    fn a_file_opens_again_with_its_key_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let conn = open(&path, &[7; 32], Access::ReadWrite, WAIT).unwrap();
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (42);")
            .unwrap();
        drop(conn);
        let reader = open(&path, &[7; 32], Access::ReadOnly, WAIT).unwrap();
        let x: i64 = reader
            .query_row("SELECT x FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(x, 42);
        let mode: String = open(&path, &[7; 32], Access::ReadWrite, WAIT)
            .unwrap()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn another_key_is_refused_as_unreadable_and_the_file_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        open(&path, &[7; 32], Access::ReadWrite, WAIT)
            .unwrap()
            .execute_batch("CREATE TABLE t(x);")
            .unwrap();
        let before = std::fs::read(&path).unwrap();
        for access in [Access::ReadWrite, Access::ReadOnly] {
            let r = open(&path, &[8; 32], access, WAIT);
            assert!(
                matches!(r, Err(SqliteError::Unreadable { .. })),
                "{:?}",
                r.err()
            );
        }
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn the_file_on_disk_is_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        open(&path, &[7; 32], Access::ReadWrite, WAIT)
            .unwrap()
            .execute_batch("CREATE TABLE plain_name(x); PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.starts_with(b"SQLite format 3"));
        assert!(!bytes.windows(10).any(|w| w == b"plain_name"));
    }
}
