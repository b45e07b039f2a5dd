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
            ErrorCode::EnrollmentCodeInvalid | ErrorCode::UnknownBlob => 404,
            ErrorCode::EnrollmentCodeUsed | ErrorCode::EnrollmentCodeExpired => 410,
            ErrorCode::TooLarge => 413,
            ErrorCode::Unavailable => 503,
            ErrorCode::Internal | ErrorCode::Unspecified => 500,
        }
    }

    /// Whether the same request may succeed later (the phone retries with backoff).
    pub fn is_retryable(self) -> bool {
        matches!(self, ErrorCode::Unavailable | ErrorCode::Internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_maps_to_a_client_or_server_status() {
        for raw in 0..=19 {
            let code = ErrorCode::try_from(raw).unwrap();
            let status = code.http_status();
            assert!((400..600).contains(&status), "{code:?}");
            // Only server-side faults are worth retrying; a client error repeats itself.
            if code.is_retryable() {
                assert!(status >= 500, "{code:?}");
            }
        }
        assert!(!ErrorCode::DeviceRevoked.is_retryable());
        assert_eq!(ErrorCode::try_from(20).ok(), None);
    }
}
