//! The console's tables on PostgreSQL.

use std::sync::LazyLock;

use sqlx::Row;

use super::PgTx;
use crate::db::Result;
use crate::db::console::{
    AccountRow, AuditRow, CaseListRow, CaseQuery, ConsoleTx, PendingPhoto, SessionRow, StatusCount,
    TownshipWarnings,
};
use crate::db::filters::{self, Dialect, narrowing};

/// Schema version 4: the console (created with `IF NOT EXISTS`, like the rest).
pub(super) const SCHEMA_V4: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS accounts (
        username      text PRIMARY KEY,
        display_name  text NOT NULL,
        role          text NOT NULL,
        scope         text NOT NULL,
        password_hash text NOT NULL,
        created_at    bigint NOT NULL,
        disabled_at   bigint
    )",
    "CREATE TABLE IF NOT EXISTS sessions (
        token_hash bytea PRIMARY KEY,
        username   text NOT NULL,
        csrf       text NOT NULL,
        expires_at bigint NOT NULL
    )",
    "CREATE TABLE IF NOT EXISTS login_failures (
        key text NOT NULL,
        at  bigint NOT NULL
    )",
    "CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(key, at)",
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS open_tasks bigint NOT NULL DEFAULT 0",
    "CREATE TABLE IF NOT EXISTS audit_log (
        seq      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at       bigint NOT NULL,
        username text NOT NULL,
        action   text NOT NULL,
        target   text NOT NULL
    )",
];

fn account_row(r: &sqlx::postgres::PgRow) -> Result<AccountRow> {
    let scope: String = r.try_get(3)?;
    Ok(AccountRow {
        username: r.try_get(0)?,
        display_name: r.try_get(1)?,
        role: r.try_get(2)?,
        scope: scope
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        password_hash: r.try_get(4)?,
        disabled_at: r.try_get(5)?,
    })
}

/// The advisory lock that serializes login attempts (see `ConsoleTx::lock_logins`).
const LOGIN_LOCK: i64 = 0x7275_6877;

impl ConsoleTx for PgTx<'_> {
    fn insert_account(&mut self, a: &AccountRow, now: i64) -> Result<bool> {
        let scope = a.scope.join(",");
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO accounts(username, display_name, role, scope, password_hash, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING",
            )
            .bind(&a.username)
            .bind(&a.display_name)
            .bind(&a.role)
            .bind(&scope)
            .bind(&a.password_hash)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected() == 1)
        })
    }

    fn account(&mut self, username: &str) -> Result<Option<AccountRow>> {
        let row = self.run(async |c| {
            sqlx::query(
                "SELECT username, display_name, role, scope, password_hash, disabled_at FROM accounts WHERE username = $1",
            )
            .bind(username)
            .fetch_optional(c)
            .await
        })?;
        row.as_ref().map(account_row).transpose()
    }

    fn accounts(&mut self) -> Result<Vec<AccountRow>> {
        let rows = self.run(async |c| {
            sqlx::query(
                "SELECT username, display_name, role, scope, password_hash, disabled_at FROM accounts ORDER BY username",
            )
            .fetch_all(c)
            .await
        })?;
        rows.iter().map(account_row).collect()
    }

    fn set_password(&mut self, username: &str, hash: &str) -> Result<bool> {
        self.run(async |c| {
            sqlx::query("UPDATE accounts SET password_hash = $2 WHERE username = $1")
                .bind(username)
                .bind(hash)
                .execute(c)
                .await
                .map(|r| r.rows_affected() == 1)
        })
    }

    fn insert_session(&mut self, token_hash: &[u8], s: &SessionRow) -> Result<()> {
        self.run(async |c| {
            sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                .bind(s.expires_at - 24 * 3600)
                .execute(&mut *c)
                .await?;
            sqlx::query(
                "INSERT INTO sessions(token_hash, username, csrf, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash)
            .bind(&s.username)
            .bind(&s.csrf)
            .bind(s.expires_at)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn session(&mut self, token_hash: &[u8]) -> Result<Option<SessionRow>> {
        let row = self.run(async |c| {
            sqlx::query("SELECT username, csrf, expires_at FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(c)
                .await
        })?;
        row.map(|r| {
            Ok(SessionRow {
                username: r.try_get(0)?,
                csrf: r.try_get(1)?,
                expires_at: r.try_get(2)?,
            })
        })
        .transpose()
    }

    fn delete_session(&mut self, token_hash: &[u8]) -> Result<()> {
        self.run(async |c| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(c)
                .await
                .map(|_| ())
        })
    }

    fn lock_logins(&mut self) -> Result<()> {
        self.run(async |c| {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(LOGIN_LOCK)
                .execute(c)
                .await
                .map(|_| ())
        })
    }

    fn add_login_failure(&mut self, key: &str, at: i64) -> Result<()> {
        self.run(async |c| {
            sqlx::query("INSERT INTO login_failures(key, at) VALUES ($1, $2)")
                .bind(key)
                .bind(at)
                .execute(c)
                .await
                .map(|_| ())
        })
    }

    fn login_failures(&mut self, key: &str, since: i64) -> Result<i64> {
        self.run(async |c| {
            sqlx::query_scalar("SELECT count(*) FROM login_failures WHERE key = $1 AND at >= $2")
                .bind(key)
                .bind(since)
                .fetch_one(c)
                .await
        })
    }

    fn clear_login_failures(&mut self, key: &str) -> Result<()> {
        self.run(async |c| {
            sqlx::query("DELETE FROM login_failures WHERE key = $1")
                .bind(key)
                .execute(c)
                .await
                .map(|_| ())
        })
    }

    fn audit(&mut self, a: &AuditRow) -> Result<()> {
        self.run(async |c| {
            sqlx::query(
                "INSERT INTO audit_log(at, username, action, target) VALUES ($1, $2, $3, $4)",
            )
            .bind(a.at)
            .bind(&a.username)
            .bind(&a.action)
            .bind(&a.target)
            .execute(c)
            .await
            .map(|_| ())
        })
    }

    fn audit_log(&mut self, limit: i64) -> Result<Vec<AuditRow>> {
        let rows = self.run(async |c| {
            sqlx::query(
                "SELECT at, username, action, target FROM audit_log ORDER BY seq DESC LIMIT $1",
            )
            .bind(limit)
            .fetch_all(c)
            .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(AuditRow {
                    at: r.try_get(0)?,
                    username: r.try_get(1)?,
                    action: r.try_get(2)?,
                    target: r.try_get(3)?,
                })
            })
            .collect()
    }

    fn case_counts(&mut self, scope: &[String], now: i64) -> Result<Vec<StatusCount>> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!(
            "SELECT coalesce(status, ''), count(*), count(*) FILTER (WHERE next_due < $2) FROM documents d
                 WHERE kind = 'case' AND {scope}
                 GROUP BY status ORDER BY status",
            scope = filters::in_optional_scope(Dialect::Postgres, 1, 3))
        });
        let narrowed = narrowing(scope);
        let (villages, grids) = filters::postgres_optional(narrowed.as_ref());
        let rows = self.run(async |c| {
            sqlx::query(SQL.as_str())
                .bind(villages)
                .bind(now)
                .bind(grids)
                .fetch_all(c)
                .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(StatusCount {
                    status: r.try_get(0)?,
                    count: r.try_get(1)?,
                    overdue: r.try_get(2)?,
                })
            })
            .collect()
    }

    fn case_list(&mut self, q: &CaseQuery) -> Result<Vec<CaseListRow>> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!(
            "SELECT id, coalesce(household_id, ''), village_code, grid_code, coalesce(status, ''), next_clock, next_due
                 FROM documents d
                 WHERE kind = 'case'
                   AND {scope}
                   AND ($2::text IS NULL OR status = $2)
                   AND ($3::text IS NULL OR left(village_code, length($3)) = $3)
                   AND ($4::bigint IS NULL OR next_due < $4)
                 ORDER BY next_due NULLS LAST, id LIMIT $6 OFFSET $5",
            scope = filters::in_optional_scope(Dialect::Postgres, 1, 7))
        });
        let narrowed = narrowing(&q.scope);
        let (villages, grids) = filters::postgres_optional(narrowed.as_ref());
        let rows = self.run(async |c| {
            sqlx::query(SQL.as_str())
                .bind(villages)
                .bind(&q.status)
                .bind(&q.village)
                .bind(q.due_before)
                .bind(q.offset)
                .bind(q.limit)
                .bind(grids)
                .fetch_all(c)
                .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(CaseListRow {
                    id: r.try_get(0)?,
                    household_id: r.try_get(1)?,
                    village_code: r.try_get(2)?,
                    grid_code: r.try_get(3)?,
                    status: r.try_get(4)?,
                    clock: r.try_get(5)?,
                    due: r.try_get(6)?,
                })
            })
            .collect()
    }

    fn township_warnings(&mut self, scope: &[String], now: i64) -> Result<Vec<TownshipWarnings>> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!(
                "SELECT left(village_code, 9) AS t,
                        count(*) FILTER (WHERE kind = 'household' AND open_tasks > 0),
                        coalesce(sum(open_tasks) FILTER (WHERE kind = 'household'), 0)::bigint,
                        count(*) FILTER (WHERE kind = 'case' AND next_due < $2)
                 FROM documents d
                 WHERE village_code <> ''
                   AND {scope}
                 GROUP BY t ORDER BY 4 DESC, 3 DESC, t",
                scope = filters::in_optional_scope(Dialect::Postgres, 1, 3)
            )
        });
        let narrowed = narrowing(scope);
        let (villages, grids) = filters::postgres_optional(narrowed.as_ref());
        let rows = self.run(async |c| {
            sqlx::query(SQL.as_str())
                .bind(villages)
                .bind(now)
                .bind(grids)
                .fetch_all(c)
                .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(TownshipWarnings {
                    township: r.try_get(0)?,
                    households: r.try_get(1)?,
                    tasks: r.try_get(2)?,
                    overdue_cases: r.try_get(3)?,
                })
            })
            .collect()
    }

    fn pending_photos(&mut self, scope: &[String], limit: i64) -> Result<Vec<PendingPhoto>> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!(
            "SELECT p.doc_id, d.kind, p.photo_id, p.household_id, d.village_code, p.sha256, p.thumb_sha256,
                        p.kind, p.taken_at, p.attached_at, EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = p.sha256)
                 FROM photos p JOIN documents d ON d.id = p.doc_id
                 WHERE p.review = 'pending'
                   AND {scope}
                 ORDER BY p.attached_at NULLS LAST, p.doc_id, p.photo_id LIMIT $2",
            scope = filters::in_optional_scope(Dialect::Postgres, 1, 3))
        });
        let narrowed = narrowing(scope);
        let (villages, grids) = filters::postgres_optional(narrowed.as_ref());
        let rows = self.run(async |c| {
            sqlx::query(SQL.as_str())
                .bind(villages)
                .bind(limit)
                .bind(grids)
                .fetch_all(c)
                .await
        })?;
        rows.iter()
            .map(|r| {
                Ok(PendingPhoto {
                    doc_id: r.try_get(0)?,
                    doc_kind: r.try_get(1)?,
                    photo_id: r.try_get(2)?,
                    household_id: r.try_get(3)?,
                    village_code: r.try_get(4)?,
                    sha256: r.try_get(5)?,
                    thumb_sha256: r.try_get(6)?,
                    kind: r.try_get(7)?,
                    taken_at: r.try_get(8)?,
                    attached_at: r.try_get(9)?,
                    arrived: r.try_get(10)?,
                })
            })
            .collect()
    }
}
