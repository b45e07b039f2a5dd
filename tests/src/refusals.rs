//! Reading the county's refusals of single documents in a sync answer.

use ruhu_proto::v1;

/// The code of the one document the answer refused; panics unless exactly one was refused
/// and nothing of it is listed as stored.
pub fn refused_one(resp: &v1::SyncResponse) -> v1::ErrorCode {
    match resp.refused.as_slice() {
        [one] => {
            assert!(
                resp.stored.iter().all(|s| s.document_id != one.document_id),
                "a refused document is also listed as stored"
            );
            v1::ErrorCode::try_from(one.code).unwrap_or(v1::ErrorCode::Unspecified)
        }
        other => panic!("expected one refused document, got {other:?}"),
    }
}
