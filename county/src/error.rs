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
            | Some(E::SystemIoFailure) => ErrorCode::Unavailable,
            _ => ErrorCode::Internal,
        };
        // rusqlite messages name tables and constraints, never bound values.
        tracing::error!(error = %e, "database error");
        CountyError::new(code, "the county database could not complete the request")
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
