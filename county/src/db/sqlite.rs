//! The embedded default: one SQLite file (encrypted with the county key) holding devices,
//! enrollment codes, the append-only change log with its feed sequence, and the materialized
//! document index. One connection behind a mutex: every transaction is `IMMEDIATE`, so writers
//! are serialized and feed order is commit order.

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use super::{
    Access, CaseFlag, ClockRow, CodeRow, DeviceRow, DeviceSummary, DocumentRow, FeedRow, FlagRow,
    Indexed, NewChange, NewCode, NewDevice, PhotoRef, PhotoRow, Result, StoredDoc, Tx, UploadRow,
};

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

/// Version 2: photos listed by documents, stored files, uploads in progress, flags.
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

/// Opens (creating and migrating) the county database with its 32-byte key.
fn open_connection(path: &Path, key: &[u8; 32]) -> Result<Connection> {
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
    if version < 2 {
        conn.execute_batch(&format!(
            "BEGIN; {SCHEMA_V2} PRAGMA user_version = 2; COMMIT;"
        ))?;
    }
    if version < 3 {
        conn.execute_batch(&format!(
            "BEGIN; {SCHEMA_V3} PRAGMA user_version = 3; COMMIT;"
        ))?;
    }
    if version < 4 {
        conn.execute_batch(&format!(
            "BEGIN; {} PRAGMA user_version = 4; COMMIT;",
            console::SCHEMA_V4
        ))?;
    }
    Ok(conn)
}

/// The embedded database.
pub struct Sqlite {
    conn: Mutex<Connection>,
}

impl Sqlite {
    /// Opens (creating and migrating) the database file with its 32-byte key.
    pub fn open(path: &Path, key: &[u8; 32]) -> Result<Sqlite> {
        Ok(Sqlite {
            conn: Mutex::new(open_connection(path, key)?),
        })
    }

    /// Runs `f` in one transaction: committed if it returns `Ok`, rolled back otherwise.
    pub fn transaction<R>(
        &self,
        _access: Access,
        f: impl FnOnce(&mut dyn Tx) -> Result<R>,
    ) -> Result<R> {
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut wrapped = SqliteTx(tx);
        let out = f(&mut wrapped)?;
        wrapped.0.commit()?;
        Ok(out)
    }
}

struct SqliteTx<'c>(rusqlite::Transaction<'c>);

#[path = "sqlite_console.rs"]
mod console;

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

    fn insert_code(&mut self, c: &NewCode<'_>) -> Result<()> {
        self.0.execute(
            "INSERT INTO enrollment_codes(code_hash, worker_id, display_name, role, villages, grids, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![c.code_hash, c.worker_id, c.display_name, c.role, c.villages, c.grids, c.created_at, c.expires_at],
        )?;
        Ok(())
    }

    fn code(&mut self, code_hash: &[u8]) -> Result<Option<CodeRow>> {
        Ok(self
            .0
            .query_row(
                "SELECT worker_id, display_name, role, villages, grids, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?1",
                [code_hash],
                |r| {
                    Ok(CodeRow {
                        worker_id: r.get(0)?,
                        display_name: r.get(1)?,
                        role: r.get(2)?,
                        villages: r.get(3)?,
                        grids: r.get(4)?,
                        expires_at: r.get(5)?,
                        used_at: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    fn use_code(&mut self, code_hash: &[u8], now: i64, device_id: &str) -> Result<bool> {
        Ok(self.0.execute(
            "UPDATE enrollment_codes SET used_at = ?2, device_id = ?3 WHERE code_hash = ?1 AND used_at IS NULL",
            params![code_hash, now, device_id],
        )? == 1)
    }

    fn actor_taken(&mut self, actor: &[u8]) -> Result<bool> {
        Ok(self
            .0
            .query_row(
                "SELECT 1 FROM devices WHERE actor = ?1",
                [actor],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    fn actor_enrolled(&mut self, actor: &[u8]) -> Result<bool> {
        Ok(self
            .0
            .prepare_cached("SELECT 1 FROM devices WHERE actor = ?1 AND revoked_at IS NULL")?
            .query_row([actor], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn insert_device(&mut self, d: &NewDevice<'_>) -> Result<()> {
        self.0.execute(
            "INSERT INTO devices(id, token_hash, actor, worker_id, display_name, role, villages, grids, label, enrolled_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![d.id, d.token_hash, d.actor, d.worker_id, d.display_name, d.role, d.villages, d.grids, d.label, d.enrolled_at],
        )?;
        Ok(())
    }

    fn device_by_token(&mut self, token_hash: &[u8]) -> Result<Option<DeviceRow>> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT id, actor, worker_id, display_name, role, villages, grids, revoked_at FROM devices WHERE token_hash = ?1",
            )?
            .query_row([token_hash], |r| {
                Ok(DeviceRow {
                    id: r.get(0)?,
                    actor: r.get(1)?,
                    worker_id: r.get(2)?,
                    display_name: r.get(3)?,
                    role: r.get(4)?,
                    villages: r.get(5)?,
                    grids: r.get(6)?,
                    revoked_at: r.get(7)?,
                })
            })
            .optional()?)
    }

    fn devices(&mut self) -> Result<Vec<DeviceSummary>> {
        let mut stmt = self.0.prepare(
            "SELECT id, worker_id, display_name, role, label, enrolled_at, revoked_at, last_sync_at
             FROM devices ORDER BY enrolled_at DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DeviceSummary {
                id: r.get(0)?,
                worker_id: r.get(1)?,
                display_name: r.get(2)?,
                role: r.get(3)?,
                label: r.get(4)?,
                enrolled_at: r.get(5)?,
                revoked_at: r.get(6)?,
                last_sync_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn revoke_device(&mut self, id: &str, now: i64) -> Result<bool> {
        Ok(self.0.execute(
            "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![id, now],
        )? > 0)
    }

    fn touch_device(&mut self, id: &str, now: i64) -> Result<()> {
        self.0
            .prepare_cached("UPDATE devices SET last_sync_at = ?2 WHERE id = ?1")?
            .execute(params![id, now])?;
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
        let villages = serde_json::to_string(villages).unwrap_or_else(|_| "[]".into());
        let grids = serde_json::to_string(grids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.0.prepare_cached(
            "SELECT c.seq, c.doc_id, d.kind, c.bytes FROM changes c JOIN documents d ON d.id = c.doc_id
             WHERE c.seq > ?1 AND c.device_id IS NOT ?2
               AND (d.village_code = ''
                    OR EXISTS (SELECT 1 FROM json_each(?3) v WHERE v.value <> '' AND substr(d.village_code, 1, length(v.value)) = v.value)
                    OR d.grid_code IN (SELECT value FROM json_each(?4)))
             ORDER BY c.seq LIMIT ?5",
        )?;
        let rows = stmt.query_map(params![after, device_id, villages, grids, limit], |r| {
            Ok(FeedRow {
                seq: r.get(0)?,
                doc_id: r.get(1)?,
                kind: r.get(2)?,
                bytes: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn forget_document(&mut self, doc_id: &str) -> Result<()> {
        self.0
            .execute("DELETE FROM changes WHERE doc_id = ?1", [doc_id])?;
        self.0
            .execute("DELETE FROM documents WHERE id = ?1", [doc_id])?;
        Ok(())
    }

    fn replace_photos(&mut self, doc_id: &str, photos: &[PhotoRow]) -> Result<()> {
        self.0
            .prepare_cached("DELETE FROM photos WHERE doc_id = ?1")?
            .execute([doc_id])?;
        let mut insert = self.0.prepare_cached(
            "INSERT INTO photos(doc_id, photo_id, household_id, sha256, thumb_sha256, kind, taken_at, attached_at, review)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for p in photos {
            insert.execute(params![
                doc_id,
                p.photo_id,
                p.household_id,
                p.sha256,
                p.thumb_sha256,
                p.kind,
                p.taken_at,
                p.attached_at,
                p.review
            ])?;
        }
        Ok(())
    }

    fn photo_refs(&mut self, sha256: &str) -> Result<Vec<PhotoRef>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT DISTINCT p.doc_id, p.household_id, d.village_code, d.grid_code, p.sha256 = ?1
             FROM photos p JOIN documents d ON d.id = p.doc_id
             WHERE p.sha256 = ?1 OR p.thumb_sha256 = ?1 ORDER BY p.doc_id",
        )?;
        let rows = stmt.query_map([sha256], |r| {
            Ok(PhotoRef {
                doc_id: r.get(0)?,
                household_id: r.get(1)?,
                village_code: r.get(2)?,
                grid_code: r.get(3)?,
                image: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn blob(&mut self, sha256: &str) -> Result<Option<(i64, Option<i64>)>> {
        Ok(self
            .0
            .prepare_cached("SELECT size, phash FROM blobs WHERE sha256 = ?1")?
            .query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    fn insert_blob(&mut self, sha256: &str, size: i64, phash: Option<i64>, now: i64) -> Result<()> {
        self.0.execute(
            "INSERT INTO blobs(sha256, size, phash, stored_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(sha256) DO NOTHING",
            params![sha256, size, phash, now],
        )?;
        Ok(())
    }

    fn phashes(&mut self) -> Result<Vec<(String, i64, String)>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT DISTINCT b.sha256, b.phash, p.household_id FROM blobs b JOIN photos p ON p.sha256 = b.sha256
             WHERE b.phash IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn upload(&mut self, sha256: &str) -> Result<Option<UploadRow>> {
        Ok(self
            .0
            .prepare_cached("SELECT size, received FROM uploads WHERE sha256 = ?1")?
            .query_row([sha256], |r| {
                Ok(UploadRow {
                    size: r.get(0)?,
                    received: r.get(1)?,
                })
            })
            .optional()?)
    }

    fn start_upload(&mut self, sha256: &str, size: i64, device_id: &str, now: i64) -> Result<()> {
        if let Some(u) = self.upload(sha256)? {
            if u.size == size {
                return Ok(());
            }
            self.drop_upload(sha256)?;
        }
        self.0.execute(
            "INSERT INTO uploads(sha256, size, received, device_id, started_at) VALUES (?1, ?2, 0, ?3, ?4)",
            params![sha256, size, device_id, now],
        )?;
        Ok(())
    }

    fn append_chunk(&mut self, sha256: &str, offset: i64, data: &[u8]) -> Result<()> {
        self.0.execute(
            "INSERT INTO upload_chunks(sha256, offset, data) VALUES (?1, ?2, ?3)",
            params![sha256, offset, data],
        )?;
        self.0.execute(
            "UPDATE uploads SET received = ?2 WHERE sha256 = ?1",
            params![sha256, offset + data.len() as i64],
        )?;
        Ok(())
    }

    fn upload_bytes(&mut self, sha256: &str) -> Result<Vec<u8>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT data FROM upload_chunks WHERE sha256 = ?1 ORDER BY offset")?;
        let mut out = Vec::new();
        let mut rows = stmt.query([sha256])?;
        while let Some(r) = rows.next()? {
            out.extend_from_slice(&r.get::<_, Vec<u8>>(0)?);
        }
        Ok(out)
    }

    fn drop_upload(&mut self, sha256: &str) -> Result<()> {
        self.0
            .execute("DELETE FROM upload_chunks WHERE sha256 = ?1", [sha256])?;
        self.0
            .execute("DELETE FROM uploads WHERE sha256 = ?1", [sha256])?;
        Ok(())
    }

    fn add_flag(&mut self, f: &FlagRow, now: i64) -> Result<()> {
        self.0.execute(
            "INSERT INTO photo_flags(sha256, kind, other_sha256, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(sha256, kind, other_sha256) DO UPDATE SET detail = excluded.detail",
            params![f.sha256, f.kind, f.other_sha256, f.detail, now],
        )?;
        Ok(())
    }

    fn flags(&mut self, sha256: &str) -> Result<Vec<FlagRow>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT sha256, kind, other_sha256, detail FROM photo_flags WHERE sha256 = ?1 ORDER BY kind, other_sha256",
        )?;
        let rows = stmt.query_map([sha256], |r| {
            Ok(FlagRow {
                sha256: r.get(0)?,
                kind: r.get(1)?,
                other_sha256: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn case_ids(&mut self) -> Result<Vec<String>> {
        let mut stmt = self
            .0
            .prepare_cached("SELECT id FROM documents WHERE kind = 'case' ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn set_case_clock(
        &mut self,
        id: &str,
        status: &str,
        next_clock: Option<&str>,
        next_due: Option<i64>,
    ) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE documents SET status = ?2, next_clock = ?3, next_due = ?4 WHERE id = ?1",
            )?
            .execute(params![id, status, next_clock, next_due])?;
        Ok(())
    }

    fn case_clocks(&mut self, limit: i64) -> Result<Vec<ClockRow>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT id, village_code, grid_code, status, next_clock, next_due FROM documents
             WHERE kind = 'case' AND next_due IS NOT NULL ORDER BY next_due, id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(ClockRow {
                id: r.get(0)?,
                village_code: r.get(1)?,
                grid_code: r.get(2)?,
                status: r.get(3)?,
                clock: r.get(4)?,
                due: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn household_cases(&mut self, household_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT id FROM documents WHERE household_id = ?1 AND kind = 'case' ORDER BY id",
        )?;
        let rows = stmt.query_map([household_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn put_case_flag(&mut self, f: &CaseFlag, now: i64) -> Result<()> {
        self.0.prepare_cached(
            "INSERT INTO case_flags(household_id, kind, period, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (household_id, kind, period) DO UPDATE SET detail = excluded.detail",
        )?
        .execute(params![f.household_id, f.kind, f.period, f.detail, now])?;
        Ok(())
    }

    fn clear_case_flag(&mut self, household_id: &str, kind: &str, period: &str) -> Result<()> {
        self.0
            .prepare_cached(
                "DELETE FROM case_flags WHERE household_id = ?1 AND kind = ?2 AND period = ?3",
            )?
            .execute([household_id, kind, period])?;
        Ok(())
    }

    fn case_flags(&mut self, household_id: &str) -> Result<Vec<CaseFlag>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT household_id, kind, period, detail FROM case_flags WHERE household_id = ?1 ORDER BY kind, period",
        )?;
        let rows = stmt.query_map([household_id], |r| {
            Ok(CaseFlag {
                household_id: r.get(0)?,
                kind: r.get(1)?,
                period: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
