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
    /// The failure underneath, for the operator's log (never sent to the client).
    #[source]
    pub source: Option<Box<Cause>>,
}

/// What failed underneath a county error, safe to log: it carries no value of a request.
#[derive(Debug, thiserror::Error)]
pub enum Cause {
    /// SQLite (its messages name tables and constraints, never bound values).
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL, by kind and SQLSTATE only (its messages can quote values).
    #[error("postgres: {kind} (SQLSTATE {sqlstate})")]
    Postgres {
        /// The kind of failure (database, io, pool timed out, …).
        kind: &'static str,
        /// The SQLSTATE, when the database answered one.
        sqlstate: String,
    },
    /// Automerge refused to apply changes.
    #[error("automerge: {0}")]
    Automerge(#[from] automerge::AutomergeError),
}

impl CountyError {
    /// An error with `code` and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CountyError {
            code,
            message: message.into(),
            source: None,
        }
    }

    /// This error, caused by `cause`.
    pub fn caused_by(mut self, cause: impl Into<Cause>) -> Self {
        self.source = Some(Box::new(cause.into()));
        self
    }

    /// Whether the county itself failed (rather than refusing the request): logged as an error.
    pub fn is_fault(&self) -> bool {
        matches!(self.code, ErrorCode::Internal | ErrorCode::Unavailable)
    }

    /// Logs this error once, where it is answered (`answer`: "request refused", "console
    /// request failed"): a fault as an error with its cause, a refusal as a warning.
    pub fn log(&self, answer: &'static str) {
        match &self.source {
            Some(cause) if self.is_fault() => {
                tracing::error!(code = ?self.code, message = %self.message, cause = %cause, "{answer}");
            }
            _ => tracing::warn!(code = ?self.code, message = %self.message, "{answer}"),
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
        if e.sqlite_error_code() == Some(E::OperationInterrupted) {
            return CountyError::new(
                code,
                "the county database took too long over this request and stopped it; try again later",
            )
            .caused_by(e);
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
        .caused_by(e)
    }
}

impl CountyError {
    /// The database was written by a newer ruhu-county (its schema is `found`, this build
    /// writes up to `supported`); it was not touched.
    pub fn schema_too_new(found: i64, supported: i64) -> Self {
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
            S::Unreadable { source } => CountyError::new(
                ErrorCode::Internal,
                "the county database cannot be read with this key (wrong key file, or the \
                 file is damaged or not a county database); it was left untouched",
            )
            .caused_by(source),
            S::Step { version, source } => {
                let mut err = CountyError::from(source);
                err.message = format!(
                    "upgrading the county database to schema {version} failed and was rolled \
                     back: {}",
                    err.message
                );
                err
            }
            S::Sql(source) => source.into(),
            S::StepsOutOfOrder { .. } => CountyError::new(
                ErrorCode::Internal,
                format!("this build's schema steps are misnumbered ({e})"),
            ),
        }
    }
}

impl From<automerge::AutomergeError> for CountyError {
    fn from(e: automerge::AutomergeError) -> Self {
        CountyError::new(
            ErrorCode::InvalidChange,
            "a change does not fit its document",
        )
        .caused_by(e)
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
        let cause = Cause::Postgres {
            kind,
            sqlstate: state.clone(),
        };
        if state == "57014" {
            return CountyError::new(
                ErrorCode::Unavailable,
                "the county database took too long over this request and stopped it; try again later",
            )
            .caused_by(cause);
        }
        if retryable {
            CountyError::new(
                ErrorCode::Unavailable,
                "the county database is unavailable; try again",
            )
            .caused_by(cause)
        } else {
            CountyError::new(
                ErrorCode::Internal,
                "the county database could not complete the request",
            )
            .caused_by(cause)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_database_failure_keeps_its_cause_for_the_log_and_out_of_the_message() {
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".into()),
        );
        let e = CountyError::from(busy);
        assert_eq!(e.code, ErrorCode::Unavailable);
        assert!(e.is_fault());
        let cause = e.source().expect("the sqlite error is the source");
        assert!(cause.to_string().contains("database is locked"));
        assert!(!e.message.contains("locked"), "{}", e.message);
    }

    #[test]
    fn a_refusal_has_no_cause_and_is_not_a_fault() {
        let e = CountyError::new(ErrorCode::OutOfScope, "outside");
        assert!(e.source().is_none());
        assert!(!e.is_fault());
    }
}
