//! The console's tables on the embedded engine.

use rusqlite::{OptionalExtension, params};

use super::SqliteTx;
use crate::db::Result;
use crate::db::console::{
    AccountRow, AuditRow, CaseListRow, CaseQuery, ConsoleTx, PendingPhoto, SessionRow, StatusCount,
    TownshipWarnings,
};
use crate::db::filters::{self, Dialect, narrowing};

/// Schema version 4: the console.
pub(super) const SCHEMA_V4: &str = "
CREATE TABLE accounts (
    username      TEXT PRIMARY KEY,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    scope         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER
);
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    username   TEXT NOT NULL,
    csrf       TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);
ALTER TABLE documents ADD COLUMN open_tasks INTEGER NOT NULL DEFAULT 0;
CREATE TABLE audit_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    username TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL
);
";

fn account_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRow> {
    let scope: String = r.get(3)?;
    Ok(AccountRow {
        username: r.get(0)?,
        display_name: r.get(1)?,
        role: r.get(2)?,
        scope: scope
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        password_hash: r.get(4)?,
        disabled_at: r.get(5)?,
    })
}

const ACCOUNT_COLUMNS: &str = "username, display_name, role, scope, password_hash, disabled_at";

impl ConsoleTx for SqliteTx<'_> {
    fn insert_account(&mut self, a: &AccountRow, now: i64) -> Result<bool> {
        Ok(self.0.execute(
            "INSERT OR IGNORE INTO accounts(username, display_name, role, scope, password_hash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![a.username, a.display_name, a.role, a.scope.join(","), a.password_hash, now],
        )? == 1)
    }

    fn account(&mut self, username: &str) -> Result<Option<AccountRow>> {
        Ok(self
            .0
            .prepare_cached(&format!(
                "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE username = ?1"
            ))?
            .query_row([username], account_row)
            .optional()?)
    }

    fn accounts(&mut self) -> Result<Vec<AccountRow>> {
        let mut stmt = self.0.prepare_cached(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY username"
        ))?;
        let rows = stmt.query_map([], account_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn set_password(&mut self, username: &str, hash: &str) -> Result<bool> {
        Ok(self.0.execute(
            "UPDATE accounts SET password_hash = ?2 WHERE username = ?1",
            [username, hash],
        )? == 1)
    }

    fn insert_session(&mut self, token_hash: &[u8], s: &SessionRow) -> Result<()> {
        self.0.execute(
            "DELETE FROM sessions WHERE expires_at < ?1",
            [s.expires_at - 24 * 3600],
        )?;
        self.0.execute(
            "INSERT INTO sessions(token_hash, username, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![token_hash, s.username, s.csrf, s.expires_at],
        )?;
        Ok(())
    }

    fn session(&mut self, token_hash: &[u8]) -> Result<Option<SessionRow>> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT username, csrf, expires_at FROM sessions WHERE token_hash = ?1",
            )?
            .query_row([token_hash], |r| {
                Ok(SessionRow {
                    username: r.get(0)?,
                    csrf: r.get(1)?,
                    expires_at: r.get(2)?,
                })
            })
            .optional()?)
    }

    fn delete_session(&mut self, token_hash: &[u8]) -> Result<()> {
        self.0
            .execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
        Ok(())
    }

    fn lock_logins(&mut self) -> Result<()> {
        // Every transaction here is IMMEDIATE on the one connection: already exclusive.
        Ok(())
    }

    fn add_login_failure(&mut self, key: &str, at: i64) -> Result<()> {
        self.0.execute(
            "INSERT INTO login_failures(key, at) VALUES (?1, ?2)",
            params![key, at],
        )?;
        Ok(())
    }

    fn login_failures(&mut self, key: &str, since: i64) -> Result<i64> {
        Ok(self.0.query_row(
            "SELECT count(*) FROM login_failures WHERE key = ?1 AND at >= ?2",
            params![key, since],
            |r| r.get(0),
        )?)
    }

    fn clear_login_failures(&mut self, key: &str) -> Result<()> {
        self.0
            .execute("DELETE FROM login_failures WHERE key = ?1", [key])?;
        Ok(())
    }

    fn audit(&mut self, a: &AuditRow) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO audit_log(at, username, action, target) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![a.at, a.username, a.action, a.target])?;
        Ok(())
    }

    fn audit_log(&mut self, limit: i64) -> Result<Vec<AuditRow>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT at, username, action, target FROM audit_log ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditRow {
                at: r.get(0)?,
                username: r.get(1)?,
                action: r.get(2)?,
                target: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn case_counts(&mut self, scope: &[String], now: i64) -> Result<Vec<StatusCount>> {
        let mut stmt = self.0.prepare_cached(&format!(
            "SELECT status, count(*), sum(CASE WHEN next_due < ?2 THEN 1 ELSE 0 END) FROM documents d
             WHERE kind = 'case' AND {scope}
             GROUP BY status ORDER BY status",
            scope = filters::in_optional_scope(Dialect::Sqlite, 1, 3)
        ))?;
        let (villages, grids) = filters::sqlite_optional(narrowing(scope).as_ref());
        let rows = stmt.query_map(params![villages, now, grids], |r| {
            Ok(StatusCount {
                status: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                count: r.get(1)?,
                overdue: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn case_list(&mut self, q: &CaseQuery) -> Result<Vec<CaseListRow>> {
        let mut stmt = self.0.prepare_cached(&format!(
            "SELECT id, household_id, village_code, grid_code, status, next_clock, next_due FROM documents d
             WHERE kind = 'case'
               AND {scope}
               AND (?2 IS NULL OR status = ?2)
               AND (?3 IS NULL OR substr(village_code, 1, length(?3)) = ?3)
               AND (?4 IS NULL OR next_due < ?4)
             ORDER BY next_due IS NULL, next_due, id LIMIT ?6 OFFSET ?5",
            scope = filters::in_optional_scope(Dialect::Sqlite, 1, 7)
        ))?;
        let (villages, grids) = filters::sqlite_optional(narrowing(&q.scope).as_ref());
        let rows = stmt.query_map(
            params![
                villages,
                q.status,
                q.village,
                q.due_before,
                q.offset,
                q.limit,
                grids
            ],
            |r| {
                Ok(CaseListRow {
                    id: r.get(0)?,
                    household_id: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    village_code: r.get(2)?,
                    grid_code: r.get(3)?,
                    status: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    clock: r.get(5)?,
                    due: r.get(6)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn township_warnings(&mut self, scope: &[String], now: i64) -> Result<Vec<TownshipWarnings>> {
        let mut stmt = self.0.prepare_cached(&format!(
            "SELECT substr(village_code, 1, 9) AS t,
                    sum(CASE WHEN kind = 'household' AND open_tasks > 0 THEN 1 ELSE 0 END),
                    sum(CASE WHEN kind = 'household' THEN open_tasks ELSE 0 END),
                    sum(CASE WHEN kind = 'case' AND next_due < ?2 THEN 1 ELSE 0 END)
             FROM documents d
             WHERE village_code <> ''
               AND {scope}
             GROUP BY t ORDER BY 4 DESC, 3 DESC, t",
            scope = filters::in_optional_scope(Dialect::Sqlite, 1, 3)
        ))?;
        let (villages, grids) = filters::sqlite_optional(narrowing(scope).as_ref());
        let rows = stmt.query_map(params![villages, now, grids], |r| {
            Ok(TownshipWarnings {
                township: r.get(0)?,
                households: r.get(1)?,
                tasks: r.get(2)?,
                overdue_cases: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn pending_photos(&mut self, scope: &[String], limit: i64) -> Result<Vec<PendingPhoto>> {
        let mut stmt = self.0.prepare_cached(&format!(
            "SELECT p.doc_id, d.kind, p.photo_id, p.household_id, d.village_code, p.sha256, p.thumb_sha256,
                    p.kind, p.taken_at, p.attached_at, EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = p.sha256)
             FROM photos p JOIN documents d ON d.id = p.doc_id
             WHERE p.review = 'pending'
               AND {scope}
             ORDER BY p.attached_at IS NULL, p.attached_at, p.doc_id, p.photo_id LIMIT ?2",
            scope = filters::in_optional_scope(Dialect::Sqlite, 1, 3)
        ))?;
        let (villages, grids) = filters::sqlite_optional(narrowing(scope).as_ref());
        let rows = stmt.query_map(params![villages, limit, grids], |r| {
            Ok(PendingPhoto {
                doc_id: r.get(0)?,
                doc_kind: r.get(1)?,
                photo_id: r.get(2)?,
                household_id: r.get(3)?,
                village_code: r.get(4)?,
                sha256: r.get(5)?,
                thumb_sha256: r.get(6)?,
                kind: r.get(7)?,
                taken_at: r.get(8)?,
                attached_at: r.get(9)?,
                arrived: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
