//! The county's embedded database: one SQLite file (encrypted with the county key) holding
//! devices, enrollment codes, the append-only change log with its feed sequence, and the
//! materialized document index.

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::Path;

use crate::error::CountyError;

const SCHEMA: &str = "
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE enrollment_codes (
    code_hash    BLOB PRIMARY KEY,
    worker_id    TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role         INTEGER NOT NULL,
    villages     TEXT NOT NULL,
    grids        TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER,
    device_id    TEXT
);

CREATE TABLE devices (
    id           TEXT PRIMARY KEY,
    token_hash   BLOB NOT NULL UNIQUE,
    actor        BLOB NOT NULL UNIQUE,
    worker_id    TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role         INTEGER NOT NULL,
    villages     TEXT NOT NULL,
    grids        TEXT NOT NULL,
    label        TEXT NOT NULL,
    enrolled_at  INTEGER NOT NULL,
    revoked_at   INTEGER,
    last_sync_at INTEGER
);

CREATE TABLE changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    hash        BLOB NOT NULL UNIQUE,
    doc_id      TEXT NOT NULL,
    actor       BLOB NOT NULL,
    device_id   TEXT,
    bytes       BLOB NOT NULL,
    received_at INTEGER NOT NULL
);
CREATE INDEX changes_doc ON changes(doc_id, seq);

CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    county_code   TEXT NOT NULL,
    village_code  TEXT NOT NULL,
    grid_code     TEXT NOT NULL,
    household_id  TEXT,
    status        TEXT,
    updated_seq   INTEGER NOT NULL
);
CREATE INDEX documents_village ON documents(village_code);
CREATE INDEX documents_grid ON documents(grid_code);
";

/// Opens (creating and migrating) the county database with its 32-byte key.
pub fn open(path: &Path, key: &[u8; 32]) -> Result<Connection, CountyError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    conn.execute_batch(&format!("PRAGMA key = \"x'{hex}'\";"))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == 0 {
        conn.execute_batch(&format!("BEGIN; {SCHEMA} PRAGMA user_version = 1; COMMIT;"))?;
    }
    Ok(conn)
}

/// A setting.
pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>, CountyError> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Sets a setting.
pub fn put_setting(conn: &Connection, key: &str, value: &str) -> Result<(), CountyError> {
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
