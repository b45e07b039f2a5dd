//! The county's PostgreSQL schema as numbered steps, each applied once, in its own transaction,
//! under an advisory lock (several instances may start at once), and recorded as one row of
//! `schema_version`. A database whose newest row is above this build's newest step is refused.
//!
//! Databases created before the steps kept one number in `settings` (`schema_version`), with
//! every statement re-run at each start; such a database is adopted as having steps 1 to that
//! number. The number is still written after each step, so an older ruhu-county refuses a
//! database this one has moved past. Statements keep `IF NOT EXISTS`, so adopting a database
//! is safe even where an old build ran a statement under another number.

use sqlx::PgPool;

use super::{console, grid};
use crate::db::Result;
use crate::error::CountyError;
use ruhu_proto::v1::ErrorCode;

/// Key of the lock held while a step is applied.
const MIGRATE_LOCK: i64 = 0x7275_6876;

/// One schema version: its statements bring a database at `version - 1` to `version`.
pub(super) struct PgStep {
    /// The version reached: 1, 2, 3, … in order.
    pub version: i32,
    /// Statements, run in order in one transaction.
    pub statements: &'static [&'static str],
}

/// Version 1: settings, enrollment codes, devices, the change log, the document index.
const V1: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS settings (
        key   text PRIMARY KEY,
        value text NOT NULL
    )",
    "CREATE TABLE IF NOT EXISTS enrollment_codes (
        code_hash    bytea PRIMARY KEY,
        worker_id    text NOT NULL,
        display_name text NOT NULL,
        role         integer NOT NULL,
        villages     text NOT NULL,
        grids        text NOT NULL,
        created_at   bigint NOT NULL,
        expires_at   bigint NOT NULL,
        used_at      bigint,
        device_id    text
    )",
    "CREATE TABLE IF NOT EXISTS devices (
        id           text PRIMARY KEY,
        token_hash   bytea NOT NULL UNIQUE,
        actor        bytea NOT NULL UNIQUE,
        worker_id    text NOT NULL,
        display_name text NOT NULL,
        role         integer NOT NULL,
        villages     text NOT NULL,
        grids        text NOT NULL,
        label        text NOT NULL,
        enrolled_at  bigint NOT NULL,
        revoked_at   bigint,
        last_sync_at bigint
    )",
    "CREATE TABLE IF NOT EXISTS changes (
        seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        hash        bytea NOT NULL UNIQUE,
        doc_id      text NOT NULL,
        actor       bytea NOT NULL,
        device_id   text,
        bytes       bytea NOT NULL,
        received_at bigint NOT NULL
    )",
    "CREATE INDEX IF NOT EXISTS changes_doc ON changes(doc_id, seq)",
    "CREATE TABLE IF NOT EXISTS documents (
        id            text PRIMARY KEY,
        kind          text NOT NULL,
        county_code   text NOT NULL,
        village_code  text NOT NULL,
        grid_code     text NOT NULL,
        household_id  text,
        status        text,
        updated_seq   bigint NOT NULL
    )",
    "CREATE INDEX IF NOT EXISTS documents_village ON documents(village_code)",
    "CREATE INDEX IF NOT EXISTS documents_grid ON documents(grid_code)",
];

/// Version 2: photos listed by documents, stored files, uploads in progress.
const V2: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS photos (
        doc_id       text NOT NULL,
        photo_id     text NOT NULL,
        household_id text NOT NULL,
        sha256       text NOT NULL,
        thumb_sha256 text NOT NULL,
        kind         text NOT NULL,
        taken_at     bigint NOT NULL,
        attached_at  bigint,
        review       text NOT NULL,
        PRIMARY KEY (doc_id, photo_id)
    )",
    "CREATE INDEX IF NOT EXISTS photos_sha ON photos(sha256)",
    "CREATE INDEX IF NOT EXISTS photos_thumb ON photos(thumb_sha256)",
    "CREATE INDEX IF NOT EXISTS photos_household ON photos(household_id)",
    "CREATE TABLE IF NOT EXISTS blobs (
        sha256    text PRIMARY KEY,
        size      bigint NOT NULL,
        phash     bigint,
        stored_at bigint NOT NULL
    )",
    "CREATE TABLE IF NOT EXISTS uploads (
        sha256     text PRIMARY KEY,
        size       bigint NOT NULL,
        received   bigint NOT NULL,
        device_id  text NOT NULL,
        started_at bigint NOT NULL
    )",
    "CREATE TABLE IF NOT EXISTS upload_chunks (
        sha256 text NOT NULL,
        \"offset\" bigint NOT NULL,
        data   bytea NOT NULL,
        PRIMARY KEY (sha256, \"offset\")
    )",
];

/// Version 3: flags on a household's cases, the household and next-deadline columns, photo flags.
const V3: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS case_flags (
        household_id text NOT NULL,
        kind         text NOT NULL,
        period       text NOT NULL,
        detail       text NOT NULL,
        created_at   bigint NOT NULL,
        PRIMARY KEY (household_id, kind, period)
    )",
    "CREATE INDEX IF NOT EXISTS documents_household ON documents(household_id)",
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS next_clock text",
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS next_due bigint",
    "CREATE INDEX IF NOT EXISTS documents_due ON documents(next_due) WHERE next_due IS NOT NULL",
    "CREATE TABLE IF NOT EXISTS photo_flags (
        sha256       text NOT NULL,
        kind         text NOT NULL,
        other_sha256 text NOT NULL,
        detail       text NOT NULL,
        created_at   bigint NOT NULL,
        PRIMARY KEY (sha256, kind, other_sha256)
    )",
];

/// The steps, in order.
pub(super) const STEPS: &[PgStep] = &[
    PgStep {
        version: 1,
        statements: V1,
    },
    PgStep {
        version: 2,
        statements: V2,
    },
    PgStep {
        version: 3,
        statements: V3,
    },
    PgStep {
        version: 4,
        statements: console::SCHEMA_V4,
    },
    PgStep {
        version: 5,
        statements: grid::SCHEMA_V5,
    },
    PgStep {
        version: 6,
        statements: crate::db::SCHEMA_V6_PG,
    },
];

/// The newest version this build writes.
pub(super) const NEWEST: i32 = STEPS[STEPS.len() - 1].version;

const VERSION_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_version (
    version    integer PRIMARY KEY,
    applied_at bigint NOT NULL
)";

/// Applies the steps the database lacks, up to `target`, and returns the version reached.
pub(super) async fn migrate_to(pool: &PgPool, target: i32) -> Result<i32> {
    let found = prepare(pool).await?;
    let mut current = found;
    for step in STEPS
        .iter()
        .filter(|s| s.version > found && s.version <= target)
    {
        let mut tx = pool.begin().await?;
        lock(&mut tx).await?;
        // Another instance may have applied it while this one waited for the lock.
        let done: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM schema_version WHERE version = $1)")
                .bind(step.version)
                .fetch_one(&mut *tx)
                .await?;
        if !done {
            for statement in step.statements {
                sqlx::query(*statement).execute(&mut *tx).await?;
            }
            sqlx::query(
                "INSERT INTO schema_version(version, applied_at)
                 VALUES ($1, extract(epoch FROM now())::bigint)",
            )
            .bind(step.version)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO settings(key, value) VALUES ('schema_version', $1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(step.version.to_string())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        current = step.version;
    }
    Ok(current)
}

/// Creates the version table, adopts a database of the single-number scheme, refuses one from
/// a newer build; returns the newest version applied (0 for an empty database).
async fn prepare(pool: &PgPool) -> Result<i32> {
    let mut tx = pool.begin().await?;
    lock(&mut tx).await?;
    sqlx::query(VERSION_TABLE).execute(&mut *tx).await?;
    let mut current: i32 =
        sqlx::query_scalar("SELECT coalesce(max(version), 0) FROM schema_version")
            .fetch_one(&mut *tx)
            .await?;
    if current == 0 {
        current = legacy_version(&mut tx).await?;
        if current > NEWEST {
            return Err(CountyError::schema_too_new(current.into(), NEWEST.into()));
        }
        for version in 1..=current {
            sqlx::query("INSERT INTO schema_version(version, applied_at) VALUES ($1, 0)")
                .bind(version)
                .execute(&mut *tx)
                .await?;
        }
    }
    if current > NEWEST {
        return Err(CountyError::schema_too_new(current.into(), NEWEST.into()));
    }
    tx.commit().await?;
    Ok(current)
}

/// The number the single-number scheme kept in `settings`, 0 where there is none.
async fn legacy_version(tx: &mut sqlx::PgConnection) -> Result<i32> {
    let has_settings: bool = sqlx::query_scalar("SELECT to_regclass('settings') IS NOT NULL")
        .fetch_one(&mut *tx)
        .await?;
    if !has_settings {
        return Ok(0);
    }
    let value: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'schema_version'")
            .fetch_optional(&mut *tx)
            .await?;
    match value {
        None => Ok(0),
        Some(v) => v.parse().map_err(|_| {
            CountyError::new(
                ErrorCode::Internal,
                "the county database's schema version is not a number; it was left untouched",
            )
        }),
    }
}

async fn lock(tx: &mut sqlx::PgConnection) -> Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(MIGRATE_LOCK)
        .execute(tx)
        .await?;
    Ok(())
}
