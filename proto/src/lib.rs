//! The contract between Ruhu devices and the county: protobuf messages, the protocol version.
//! No I/O.

/// The protocol version this build speaks. A reader refuses messages from other versions.
pub const PROTOCOL_VERSION: u32 = 1;

/// Magic string at the start of every sealed bundle.
pub const BUNDLE_MAGIC: &str = "ruhu-bundle";

/// Messages of package `ruhu.v1`, generated from `proto/ruhu/v1/*.proto`.
#[allow(missing_docs, clippy::all)]
pub mod v1 {
    include!(concat!(env!("OUT_DIR"), "/ruhu.v1.rs"));
}

pub use prost::Message;

use v1::ErrorCode;

/// Media type of every request and response body.
pub const CONTENT_TYPE: &str = "application/x-protobuf";

/// Largest request body the county accepts by default.
pub const MAX_REQUEST_BYTES: usize = 32 * 1024 * 1024;

/// Most documents one sync request may list as incomplete (`SyncRequest.incomplete`).
pub const MAX_INCOMPLETE_DOCUMENTS: usize = 1_000;

/// Most documents one sync request may carry (`SyncRequest.changes`).
pub const MAX_SYNC_DOCUMENTS: usize = 1_000;

/// Most automerge changes one sync request may carry, over all its documents.
pub const MAX_SYNC_CHANGES: usize = 20_000;

/// Most bytes of automerge changes (plus document ids and kinds) one sync request may carry,
/// decoded. A client splits its work into requests under these three limits.
pub const MAX_SYNC_CHANGE_BYTES: usize = 8 * 1024 * 1024;

/// Largest photo file the county accepts.
pub const MAX_BLOB_BYTES: u64 = 16 * 1024 * 1024;

/// Largest chunk of a photo file in one request.
pub const MAX_CHUNK_BYTES: usize = 1024 * 1024;

impl ErrorCode {
    /// The HTTP status that carries this code.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::Malformed
            | ErrorCode::ProtocolVersion
            | ErrorCode::InvalidChange
            | ErrorCode::InvalidContent
            | ErrorCode::UnknownKind
            | ErrorCode::HashMismatch => 400,
            ErrorCode::Unauthenticated => 401,
            ErrorCode::DeviceRevoked
            | ErrorCode::ForgedActor
            | ErrorCode::OutOfScope
            | ErrorCode::RoleMayNot => 403,
            ErrorCode::CaseRule => 409,
            ErrorCode::EnrollmentCodeInvalid | ErrorCode::UnknownBlob | ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::TooManyRequests => 429,
            ErrorCode::EnrollmentCodeUsed | ErrorCode::EnrollmentCodeExpired => 410,
            ErrorCode::TooLarge => 413,
            ErrorCode::Unavailable => 503,
            ErrorCode::Internal | ErrorCode::Unspecified => 500,
        }
    }

    /// Whether the same request may succeed later (the phone retries with backoff).
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            ErrorCode::Unavailable | ErrorCode::Internal | ErrorCode::TooManyRequests
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_maps_to_a_client_or_server_status() {
        for raw in 0..=22 {
            let code = ErrorCode::try_from(raw).unwrap();
            let status = code.http_status();
            assert!((400..600).contains(&status), "{code:?}");
            // Only server-side faults are worth retrying; a client error repeats itself.
            if code.is_retryable() {
                assert!(status >= 500 || status == 429, "{code:?}");
            }
        }
        assert!(!ErrorCode::DeviceRevoked.is_retryable());
        assert_eq!(ErrorCode::try_from(23).ok(), None);
        assert_eq!(ErrorCode::NotFound.http_status(), 404);
        assert_eq!(ErrorCode::MethodNotAllowed.http_status(), 405);
        assert_eq!(ErrorCode::TooManyRequests.http_status(), 429);
        assert_eq!(ErrorCode::CaseRule.http_status(), 409);
    }
}
