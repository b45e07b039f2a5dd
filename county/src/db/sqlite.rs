//! The embedded default: one SQLite file (encrypted with the county key) holding devices,
//! enrollment codes, the append-only change log with its feed sequence, and the materialized
//! document index. One connection behind a mutex: every transaction is `IMMEDIATE`, so writers
//! are serialized and feed order is commit order.

use ruhu_sqlite::Step;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::filters::{self, Dialect};
use super::{Access, COUNTY_WIDE, DocumentRow, FeedRow, Indexed, NewChange, Result, StoredDoc, Tx};

/// Version 1: settings, enrollment codes, devices, the change log, the document index.
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

/// Version 2: photos listed by documents, stored files, uploads in progress, photo flags.
const SCHEMA_V2: &str = "
CREATE TABLE photos (
    doc_id       TEXT NOT NULL,
    photo_id     TEXT NOT NULL,
    household_id TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    thumb_sha256 TEXT NOT NULL,
    kind         TEXT NOT NULL,
    taken_at     INTEGER NOT NULL,
    attached_at  INTEGER,
    review       TEXT NOT NULL,
    PRIMARY KEY (doc_id, photo_id)
);
CREATE INDEX photos_sha ON photos(sha256);
CREATE INDEX photos_thumb ON photos(thumb_sha256);
CREATE INDEX photos_household ON photos(household_id);

CREATE TABLE blobs (
    sha256    TEXT PRIMARY KEY,
    size      INTEGER NOT NULL,
    phash     INTEGER,
    stored_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE uploads (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    received   INTEGER NOT NULL,
    device_id  TEXT NOT NULL,
    started_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE upload_chunks (
    sha256 TEXT NOT NULL,
    offset INTEGER NOT NULL,
    data   BLOB NOT NULL,
    PRIMARY KEY (sha256, offset)
);

CREATE TABLE photo_flags (
    sha256       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    other_sha256 TEXT NOT NULL,
    detail       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (sha256, kind, other_sha256)
);
";

/// Version 3: flags on a household's cases, the household and next-deadline columns.
const SCHEMA_V3: &str = "
CREATE TABLE case_flags (
    household_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    period       TEXT NOT NULL,
    detail       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (household_id, kind, period)
);
CREATE INDEX documents_household ON documents(household_id);
ALTER TABLE documents ADD COLUMN next_clock TEXT;
ALTER TABLE documents ADD COLUMN next_due INTEGER;
CREATE INDEX documents_due ON documents(next_due) WHERE next_due IS NOT NULL;
";

/// The county's schema, step by step: step `n` brings a database at version `n - 1` to `n`.
pub(crate) const STEPS: &[Step] = &[
    Step::sql(1, SCHEMA),
    Step::sql(2, SCHEMA_V2),
    Step::sql(3, SCHEMA_V3),
    Step::sql(4, console::SCHEMA_V4),
    Step::sql(5, grid::SCHEMA_V5),
    Step::sql(6, super::SCHEMA_V6_SQLITE),
];

/// How long the writer waits for a lock held by a reader or another process.
const WRITER_BUSY: Duration = Duration::from_secs(10);
/// How long the health-check reader waits.
const READER_BUSY: Duration = Duration::from_secs(2);

/// Opens (creating and migrating) the county database with its 32-byte key. A file written by
/// a newer ruhu-county is refused, untouched.
fn open_connection(path: &Path, key: &[u8; 32]) -> Result<Connection> {
    let mut conn = ruhu_sqlite::open(path, key, ruhu_sqlite::Access::ReadWrite, WRITER_BUSY)?;
    ruhu_sqlite::migrate(&mut conn, STEPS)?;
    Ok(conn)
}

/// A second, read-only connection for health checks: in WAL mode it reads while the writer
/// works, so `/healthz` never queues behind a long write.
fn open_reader(path: &Path, key: &[u8; 32]) -> Result<Connection> {
    Ok(ruhu_sqlite::open(
        path,
        key,
        ruhu_sqlite::Access::ReadOnly,
        READER_BUSY,
    )?)
}

/// SQLite virtual machine steps between two looks at the deadline.
const PROGRESS_STEPS: std::ffi::c_int = 10_000;

/// When the running transaction must stop: milliseconds after `epoch`, 0 for never.
struct Deadline {
    epoch: Instant,
    at_ms: AtomicU64,
}

impl Deadline {
    fn passed(&self) -> bool {
        let at = self.at_ms.load(Ordering::Relaxed);
        at != 0 && self.epoch.elapsed().as_millis() as u64 >= at
    }

    fn set(&self, limit: Option<Duration>) {
        let at = limit.map_or(0, |l| (self.epoch.elapsed() + l).as_millis().max(1) as u64);
        self.at_ms.store(at, Ordering::Relaxed);
    }
}

/// The embedded database.
pub struct Sqlite {
    conn: Mutex<Connection>,
    reader: Mutex<Connection>,
    deadline: Arc<Deadline>,
}

impl Sqlite {
    /// Opens (creating and migrating) the database file with its 32-byte key.
    pub fn open(path: &Path, key: &[u8; 32]) -> Result<Sqlite> {
        let conn = open_connection(path, key)?;
        let deadline = Arc::new(Deadline {
            epoch: Instant::now(),
            at_ms: AtomicU64::new(0),
        });
        let watched = deadline.clone();
        // Returning true interrupts the statement (SQLITE_INTERRUPT): the transaction rolls back.
        conn.progress_handler(PROGRESS_STEPS, Some(move || watched.passed()))?;
        Ok(Sqlite {
            conn: Mutex::new(conn),
            reader: Mutex::new(open_reader(path, key)?),
            deadline,
        })
    }

    /// Runs `f` in one transaction: committed if it returns `Ok`, rolled back otherwise.
    pub fn transaction<R>(
        &self,
        access: Access,
        f: impl FnOnce(&mut dyn Tx) -> Result<R>,
    ) -> Result<R> {
        self.transaction_within(access, None, f)
    }

    /// [`Sqlite::transaction`] whose SQL is interrupted once `limit` has passed (the
    /// transaction then fails and rolls back): what a request may hold the one connection for.
    pub fn transaction_within<R>(
        &self,
        _access: Access,
        limit: Option<Duration>,
        f: impl FnOnce(&mut dyn Tx) -> Result<R>,
    ) -> Result<R> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        self.deadline.set(limit);
        let out = (|| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let mut wrapped = SqliteTx(tx);
            let out = f(&mut wrapped)?;
            wrapped.0.commit()?;
            Ok(out)
        })();
        self.deadline.set(None);
        out
    }

    /// Whether the database file answers, through the reader: never waits for the writer.
    pub fn ping(&self) -> Result<()> {
        let conn = self.reader.lock().unwrap_or_else(|p| p.into_inner());
        conn.query_row("SELECT count(*) FROM settings", [], |r| r.get::<_, i64>(0))?;
        Ok(())
    }
}

struct SqliteTx<'c>(rusqlite::Transaction<'c>);

#[path = "sqlite_case.rs"]
mod case;
#[path = "sqlite_console.rs"]
mod console;
#[path = "sqlite_enroll.rs"]
mod enroll;
#[path = "sqlite_grid.rs"]
mod grid;
#[path = "sqlite_photo.rs"]
mod photo;
#[cfg(test)]
#[path = "sqlite_tests.rs"]
mod tests;

impl Tx for SqliteTx<'_> {
    fn setting(&mut self, key: &str) -> Result<Option<String>> {
        Ok(self
            .0
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    fn put_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.0.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    fn doc_changes(&mut self, doc_id: &str) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT bytes FROM changes WHERE doc_id = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([doc_id], |r| r.get::<_, Vec<u8>>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn max_seq(&mut self) -> Result<i64> {
        Ok(self
            .0
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM changes")?
            .query_row([], |r| r.get(0))?)
    }

    fn stored_docs(&mut self, ids: &[&str]) -> Result<HashMap<String, StoredDoc>> {
        let mut out = HashMap::new();
        for id in ids {
            let indexed = self
                .0
                .prepare_cached(
                    "SELECT kind, village_code, grid_code, EXISTS (SELECT 1 FROM photos p WHERE p.doc_id = d.id)
                     FROM documents d WHERE id = ?1",
                )?
                .query_row([id], |r| {
                    Ok((
                        Indexed {
                            kind: r.get(0)?,
                            village_code: r.get(1)?,
                            grid_code: r.get(2)?,
                        },
                        r.get::<_, bool>(3)?,
                    ))
                })
                .optional()?;
            let Some((indexed, has_photos)) = indexed else {
                continue;
            };
            let mut stmt = self
                .0
                .prepare_cached("SELECT seq, bytes FROM changes WHERE doc_id = ?1 ORDER BY seq")?;
            let rows = stmt
                .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let last_seq = rows.last().map_or(0, |r| r.0);
            out.insert(
                id.to_string(),
                StoredDoc {
                    indexed,
                    has_photos,
                    changes: rows.into_iter().map(|r| r.1).collect(),
                    last_seq,
                },
            );
        }
        Ok(out)
    }

    fn lock_appends(&mut self) -> Result<()> {
        // Every transaction here is IMMEDIATE on the one connection: already exclusive.
        Ok(())
    }

    fn last_seqs(&mut self, ids: &[&str]) -> Result<HashMap<String, i64>> {
        let mut out = HashMap::new();
        let mut stmt = self
            .0
            .prepare_cached("SELECT max(seq) FROM changes WHERE doc_id = ?1")?;
        for id in ids {
            if let Some(seq) = stmt.query_row([id], |r| r.get::<_, Option<i64>>(0))? {
                out.insert(id.to_string(), seq);
            }
        }
        Ok(out)
    }

    fn append_changes(&mut self, changes: &[NewChange<'_>]) -> Result<(usize, i64)> {
        let mut insert = self.0.prepare_cached(
            "INSERT OR IGNORE INTO changes(hash, doc_id, actor, device_id, bytes, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let (mut stored, mut last) = (0, 0);
        for c in changes {
            if insert.execute(params![
                c.hash,
                c.doc_id,
                c.actor,
                c.device_id,
                c.bytes,
                c.received_at
            ])? == 1
            {
                stored += 1;
                last = self.0.last_insert_rowid();
            }
        }
        Ok((stored, last))
    }

    fn upsert_documents(&mut self, docs: &[DocumentRow<'_>]) -> Result<()> {
        let mut upsert = self.0.prepare_cached(
            "INSERT INTO documents(id, kind, county_code, village_code, grid_code, household_id, status, next_clock, next_due, updated_seq, open_tasks)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(id) DO UPDATE SET village_code = excluded.village_code, grid_code = excluded.grid_code,
                 household_id = excluded.household_id, status = excluded.status, next_clock = excluded.next_clock,
                 next_due = excluded.next_due, updated_seq = excluded.updated_seq, open_tasks = excluded.open_tasks",
        )?;
        for d in docs {
            upsert.execute(params![
                d.id,
                d.kind,
                d.county_code,
                d.village_code,
                d.grid_code,
                d.household_id,
                d.status,
                d.next_clock,
                d.next_due,
                d.updated_seq,
                d.open_tasks
            ])?;
        }
        Ok(())
    }

    fn count_documents(&mut self, kind: &str) -> Result<i64> {
        Ok(self.0.query_row(
            "SELECT count(*) FROM documents WHERE kind = ?1",
            [kind],
            |r| r.get(0),
        )?)
    }

    fn count_changes(&mut self) -> Result<i64> {
        Ok(self
            .0
            .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))?)
    }

    fn feed(
        &mut self,
        after: i64,
        device_id: &str,
        villages: &[String],
        grids: &[String],
        limit: i64,
    ) -> Result<Vec<FeedRow>> {
        let (villages, grids) = (filters::sqlite_list(villages), filters::sqlite_list(grids));
        let mut stmt = self.0.prepare_cached(&format!(
            "SELECT c.seq, c.doc_id, d.kind, c.bytes FROM changes c JOIN documents d ON d.id = c.doc_id
             WHERE c.seq > ?1 AND c.device_id IS NOT ?2 AND (d.kind = ?6 OR {})
             ORDER BY c.seq LIMIT ?5",
            filters::in_scope(Dialect::Sqlite, 3, 4)
        ))?;
        let rows = stmt.query_map(
            params![after, device_id, villages, grids, limit, COUNTY_WIDE.code()],
            |r| {
                Ok(FeedRow {
                    seq: r.get(0)?,
                    doc_id: r.get(1)?,
                    kind: r.get(2)?,
                    bytes: r.get(3)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn change_senders(&mut self, hashes: &[Vec<u8>]) -> Result<HashMap<Vec<u8>, Option<String>>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT device_id FROM changes WHERE hash = ?1")?;
        let mut out = HashMap::new();
        for h in hashes {
            if let Some(sender) = stmt.query_row([h], |r| r.get(0)).optional()? {
                out.insert(h.clone(), sender);
            }
        }
        Ok(out)
    }

    fn remove_changes(&mut self, hashes: &[Vec<u8>]) -> Result<()> {
        let mut stmt = self
            .0
            .prepare_cached("DELETE FROM changes WHERE hash = ?1")?;
        for h in hashes {
            stmt.execute([h])?;
        }
        Ok(())
    }

    fn forget_document(&mut self, doc_id: &str) -> Result<()> {
        self.0
            .execute("DELETE FROM changes WHERE doc_id = ?1", [doc_id])?;
        self.0
            .execute("DELETE FROM documents WHERE id = ?1", [doc_id])?;
        Ok(())
    }
}
