//! Errors of the county store: each carries the protocol's stable code and a message for
//! support staff. Never a name or an ID number.

use ruhu_proto::v1::ErrorCode;

/// A refused or failed request.
#[derive(Debug, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct CountyError {
    /// Stable protocol code.
    pub code: ErrorCode,
    /// What happened, for a person.
    pub message: String,
}

impl CountyError {
    /// An error with `code` and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CountyError {
            code,
            message: message.into(),
        }
    }
}

impl From<rusqlite::Error> for CountyError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as E;
        let code = match e.sqlite_error_code() {
            Some(E::DatabaseBusy)
            | Some(E::DatabaseLocked)
            | Some(E::CannotOpen)
            | Some(E::SystemIoFailure)
            | Some(E::OperationInterrupted) => ErrorCode::Unavailable,
            _ => ErrorCode::Internal,
        };
        // rusqlite messages name tables and constraints, never bound values.
        tracing::error!(error = %e, "database error");
        if e.sqlite_error_code() == Some(E::OperationInterrupted) {
            return CountyError::new(
                code,
                "the county database took too long over this request and stopped it; try again later",
            );
        }
        // The SQLite result code (disk full, not a database, …) tells an operator where to look.
        let cause = match e.sqlite_error_code() {
            Some(c) => format!(" ({c:?})"),
            None => String::new(),
        };
        CountyError::new(
            code,
            format!("the county database could not complete the request{cause}"),
        )
    }
}

impl CountyError {
    /// The database was written by a newer ruhu-county (its schema is `found`, this build
    /// writes up to `supported`); it was not touched.
    pub fn schema_too_new(found: i64, supported: i64) -> Self {
        tracing::error!(
            found,
            supported,
            "county database schema is newer than this build"
        );
        CountyError::new(
            ErrorCode::Internal,
            format!(
                "the county database was written by a newer ruhu-county (schema {found}; \
                 this one reads up to {supported}) and was left untouched: run that version \
                 or a later one, or restore a backup made by this one"
            ),
        )
    }
}

impl From<ruhu_sqlite::SqliteError> for CountyError {
    fn from(e: ruhu_sqlite::SqliteError) -> Self {
        use ruhu_sqlite::SqliteError as S;
        match e {
            S::SchemaTooNew { found, supported } => CountyError::schema_too_new(found, supported),
            S::Unreadable { .. } => {
                tracing::error!("county database unreadable");
                CountyError::new(
                    ErrorCode::Internal,
                    "the county database cannot be read with this key (wrong key file, or the \
                     file is damaged or not a county database); it was left untouched",
                )
            }
            S::Step { version, source } => {
                tracing::error!(version, error = %source, "county database migration failed");
                let mut err = CountyError::from(source);
                err.message = format!(
                    "upgrading the county database to schema {version} failed and was rolled \
                     back: {}",
                    err.message
                );
                err
            }
            S::Sql(source) => source.into(),
            S::StepsOutOfOrder { .. } => {
                tracing::error!(error = %e, "county schema steps misnumbered");
                CountyError::new(
                    ErrorCode::Internal,
                    "this build's schema steps are misnumbered",
                )
            }
        }
    }
}

impl From<automerge::AutomergeError> for CountyError {
    fn from(_: automerge::AutomergeError) -> Self {
        CountyError::new(
            ErrorCode::InvalidChange,
            "a change does not fit its document",
        )
    }
}

impl From<sqlx::Error> for CountyError {
    fn from(e: sqlx::Error) -> Self {
        // A lost connection, a database restarting or refusing connections, an exhausted pool,
        // a serialization failure: the request may be repeated as it is.
        let retryable = match &e {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => true,
            sqlx::Error::Database(db) => db.code().is_some_and(|c| {
                c.starts_with("08")
                    || c.starts_with("57P")
                    || c.starts_with("53")
                    || c == "40001"
                    || c == "40P01"
            }),
            _ => false,
        };
        // PostgreSQL's messages can quote values; log only the kind and SQLSTATE.
        let state = match &e {
            sqlx::Error::Database(db) => db.code().map(|c| c.to_string()).unwrap_or_default(),
            _ => String::new(),
        };
        let kind = match &e {
            sqlx::Error::Database(_) => "database",
            sqlx::Error::Io(_) => "io",
            sqlx::Error::Tls(_) => "tls",
            sqlx::Error::Protocol(_) => "protocol",
            sqlx::Error::PoolTimedOut => "pool timed out",
            sqlx::Error::PoolClosed => "pool closed",
            sqlx::Error::WorkerCrashed => "worker crashed",
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => "decode",
            _ => "other",
        };
        tracing::error!(kind, sqlstate = %state, "database error");
        if state == "57014" {
            return CountyError::new(
                ErrorCode::Unavailable,
                "the county database took too long over this request and stopped it; try again later",
            );
        }
        if retryable {
            CountyError::new(
                ErrorCode::Unavailable,
                "the county database is unavailable; try again",
            )
        } else {
            CountyError::new(
                ErrorCode::Internal,
                "the county database could not complete the request",
            )
        }
    }
}
