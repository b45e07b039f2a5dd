//! The HTTP face of the county store: the router of the sync API (enrollment, sync, photo
//! files, health and metrics) on the shared state (`crate::state`), with the console's routes
//! merged in. Bodies are protobuf; every error is an `Error` message with a stable code. Logs
//! carry device ids, counts and codes, never personal data.

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use ruhu_proto::v1::{self, ErrorCode};
use ruhu_proto::{
    CONTENT_TYPE, MAX_REQUEST_BYTES, MAX_SYNC_CHANGE_BYTES, MAX_SYNC_CHANGES, MAX_SYNC_DOCUMENTS,
    Message,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::db::Access;
use crate::error::CountyError;
use crate::gate::{ClientAddr, Gate};
use crate::photos::{self, Appended};
use crate::state::County;
use crate::{enroll, sync};

/// The router of the county store, with the front's shared state `gate`.
pub fn router(county: Arc<County>, gate: Arc<Gate>) -> Router {
    Router::new()
        .route("/v1/enroll", post(enroll_handler))
        .route("/v1/sync", post(sync_handler))
        .route("/v1/blobs/probe", post(blob_probe))
        .route("/v1/blobs/{sha}/append", post(blob_append))
        .route("/v1/blobs/{sha}", get(blob_get))
        .route("/healthz", get(health))
        .route("/metrics", get(metrics))
        .merge(crate::console::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(county)
        .layer(Extension(gate))
        .layer(axum::middleware::from_fn(crate::headers::secure))
}

/// Unknown paths: an `Error` (`NOT_FOUND`) under /v1, a page elsewhere.
async fn not_found(State(county): State<Arc<County>>, uri: Uri) -> Response {
    if uri.path().starts_with("/v1/") {
        return error_response(
            &county,
            &CountyError::new(ErrorCode::NotFound, "no such endpoint"),
        );
    }
    crate::console::not_found()
}

/// A known path asked with another method: an `Error` (`METHOD_NOT_ALLOWED`) under /v1.
async fn method_not_allowed(State(county): State<Arc<County>>, uri: Uri) -> Response {
    if uri.path().starts_with("/v1/") {
        return error_response(
            &county,
            &CountyError::new(
                ErrorCode::MethodNotAllowed,
                "this endpoint does not take this HTTP method",
            ),
        );
    }
    StatusCode::METHOD_NOT_ALLOWED.into_response()
}

fn protobuf(status: StatusCode, body: Vec<u8>) -> Response {
    (status, [(header::CONTENT_TYPE, CONTENT_TYPE)], body).into_response()
}

fn error_response(county: &County, e: &CountyError) -> Response {
    county.metrics.errors.fetch_add(1, Ordering::Relaxed);
    e.log("request refused");
    let status =
        StatusCode::from_u16(e.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = v1::Error {
        code: e.code as i32,
        message: e.message.clone(),
        wipe: e.code == ErrorCode::DeviceRevoked,
    };
    protobuf(status, body.encode_to_vec())
}

async fn read_body(req: Request, limit: usize) -> Result<Bytes, CountyError> {
    axum::body::to_bytes(req.into_body(), limit)
        .await
        .map_err(|_| {
            CountyError::new(
                ErrorCode::TooLarge,
                format!("the body is larger than {limit} bytes or was cut off"),
            )
        })
}

async fn enroll_handler(
    State(county): State<Arc<County>>,
    Extension(gate): Extension<Arc<Gate>>,
    client: ClientAddr,
    req: Request,
) -> Response {
    if !gate.enrollments.allow(client.0) {
        tracing::warn!(client = %client.0, "enrollment refused: too many attempts");
        return error_response(
            &county,
            &CountyError::new(
                ErrorCode::TooManyRequests,
                "too many enrollment attempts; wait a few minutes and try again",
            ),
        );
    }
    let result = async {
        let body = read_body(req, 64 * 1024).await?;
        let msg = v1::EnrollRequest::decode(body)
            .map_err(|_| CountyError::new(ErrorCode::Malformed, "not an EnrollRequest"))?;
        if msg.protocol_version != ruhu_proto::PROTOCOL_VERSION {
            return Err(CountyError::new(
                ErrorCode::ProtocolVersion,
                "unsupported protocol version",
            ));
        }
        county
            .run(Access::Snapshot, move |tx, code| {
                enroll::redeem(tx, code, &msg)
            })
            .await
    }
    .await;
    match result {
        Ok(resp) => {
            county.metrics.enrollments.fetch_add(1, Ordering::Relaxed);
            protobuf(StatusCode::OK, resp.encode_to_vec())
        }
        Err(e) => {
            // The code itself is never logged, only that one was refused and from where.
            tracing::warn!(client = %client.0, code = ?e.code, "enrollment refused");
            error_response(&county, &e)
        }
    }
}

/// Refuses a sync request that carries more than one request may (documents, changes,
/// decoded bytes), before any database work.
pub fn check_sync_limits(msg: &v1::SyncRequest) -> Result<(), CountyError> {
    let too_large = |what: String| CountyError::new(ErrorCode::TooLarge, what);
    if msg.changes.len() > MAX_SYNC_DOCUMENTS {
        return Err(too_large(format!(
            "a sync request may carry at most {MAX_SYNC_DOCUMENTS} documents; split it"
        )));
    }
    let changes: usize = msg.changes.iter().map(|d| d.changes.len()).sum();
    if changes > MAX_SYNC_CHANGES {
        return Err(too_large(format!(
            "a sync request may carry at most {MAX_SYNC_CHANGES} changes; split it"
        )));
    }
    let bytes: usize = msg
        .changes
        .iter()
        .map(|d| d.document_id.len() + d.kind.len() + d.changes.iter().map(Vec::len).sum::<usize>())
        .sum();
    if bytes > MAX_SYNC_CHANGE_BYTES {
        return Err(too_large(format!(
            "a sync request may carry at most {MAX_SYNC_CHANGE_BYTES} bytes of changes; split it"
        )));
    }
    Ok(())
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_string())
}

/// Responses above this size are gzip-compressed for clients that accept it.
const COMPRESS_ABOVE: usize = 1024;

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")))
}

fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 3),
        flate2::Compression::fast(),
    );
    enc.write_all(body).ok()?;
    enc.finish().ok()
}

async fn sync_handler(State(county): State<Arc<County>>, req: Request) -> Response {
    let compress = accepts_gzip(req.headers());
    let result = async {
        // Everything that costs no database work first: a refused request never takes the
        // (on SQLite, only) connection.
        let token = bearer(req.headers()).ok_or_else(|| CountyError::new(ErrorCode::Unauthenticated, "missing bearer token"))?;
        let body = read_body(req, MAX_REQUEST_BYTES).await?;
        let msg = v1::SyncRequest::decode(body).map_err(|_| CountyError::new(ErrorCode::Malformed, "not a SyncRequest"))?;
        check_sync_limits(&msg)?;
        let device = county.run(Access::Snapshot, move |tx, _| enroll::authenticate(tx, &token)).await?;
        let device_id = device.id.clone();
        let access = if msg.changes.is_empty() { Access::Snapshot } else { Access::Appends };
        let (resp, report) = county.run(access, move |tx, code| sync::exchange(tx, &device, code, &msg)).await?;
        tracing::info!(device = %device_id, stored = report.stored, sent = report.sent, more = resp.more, "sync");
        Ok::<_, CountyError>((resp, report))
    }
    .await;
    match result {
        Ok((resp, report)) => {
            let m = &county.metrics;
            m.syncs.fetch_add(1, Ordering::Relaxed);
            m.changes_stored
                .fetch_add(report.stored as u64, Ordering::Relaxed);
            m.changes_sent
                .fetch_add(report.sent as u64, Ordering::Relaxed);
            let body = resp.encode_to_vec();
            if !compress || body.len() <= COMPRESS_ABOVE {
                return protobuf(StatusCode::OK, body);
            }
            match tokio::task::spawn_blocking(move || gzip(&body))
                .await
                .ok()
                .flatten()
            {
                Some(zipped) => (
                    StatusCode::OK,
                    [
                        (header::CONTENT_TYPE, CONTENT_TYPE),
                        (header::CONTENT_ENCODING, "gzip"),
                    ],
                    zipped,
                )
                    .into_response(),
                None => error_response(
                    &county,
                    &CountyError::new(ErrorCode::Internal, "compression failed"),
                ),
            }
        }
        Err(e) => error_response(&county, &e),
    }
}

async fn device_of(
    county: &Arc<County>,
    headers: &HeaderMap,
) -> Result<enroll::Device, CountyError> {
    let token = bearer(headers)
        .ok_or_else(|| CountyError::new(ErrorCode::Unauthenticated, "missing bearer token"))?;
    county
        .run(Access::Snapshot, move |tx, _| {
            enroll::authenticate(tx, &token)
        })
        .await
}

async fn blob_probe(State(county): State<Arc<County>>, req: Request) -> Response {
    let result = async {
        let device = device_of(&county, req.headers()).await?;
        let body = read_body(req, 4096).await?;
        let msg = v1::BlobProbe::decode(body)
            .map_err(|_| CountyError::new(ErrorCode::Malformed, "not a BlobProbe"))?;
        county
            .run(Access::Snapshot, move |tx, _| {
                photos::probe(tx, &device, &msg)
            })
            .await
    }
    .await;
    match result {
        Ok(status) => protobuf(StatusCode::OK, status.encode_to_vec()),
        Err(e) => error_response(&county, &e),
    }
}

fn query_offset(req: &Request) -> Option<u64> {
    req.uri()
        .query()?
        .split('&')
        .find_map(|kv| kv.strip_prefix("offset="))
        .and_then(|v| v.parse().ok())
}

async fn blob_append(
    State(county): State<Arc<County>>,
    Path(sha): Path<String>,
    req: Request,
) -> Response {
    let result = async {
        let device = device_of(&county, req.headers()).await?;
        let offset = query_offset(&req)
            .ok_or_else(|| CountyError::new(ErrorCode::Malformed, "append needs ?offset=N"))?;
        let body = read_body(req, ruhu_proto::MAX_CHUNK_BYTES).await?;
        let serving = county.clone();
        let appended = county
            .run(Access::Snapshot, move |tx, _| {
                photos::append(
                    tx,
                    &device,
                    &sha,
                    offset,
                    &body,
                    serving.blob_store(),
                    serving.sealer(),
                )
            })
            .await?;
        match appended {
            Appended::Status(s) => Ok(s),
            Appended::HashMismatch => Err(CountyError::new(
                ErrorCode::HashMismatch,
                "the photo's bytes do not match its SHA-256; send it again from the start",
            )),
        }
    }
    .await;
    match result {
        Ok(status) => {
            if status.complete {
                county.metrics.photos_stored.fetch_add(1, Ordering::Relaxed);
            }
            protobuf(StatusCode::OK, status.encode_to_vec())
        }
        Err(e) => error_response(&county, &e),
    }
}

async fn blob_get(
    State(county): State<Arc<County>>,
    Path(sha): Path<String>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let device = device_of(&county, &headers).await?;
        let serving = county.clone();
        county
            .run(Access::Snapshot, move |tx, _| {
                photos::fetch(tx, &device, &sha, serving.blob_store(), serving.sealer())
            })
            .await
    }
    .await;
    match result {
        Ok(bytes) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => error_response(&county, &e),
    }
}

async fn health(State(county): State<Arc<County>>) -> Response {
    let pinging = county.clone();
    match tokio::task::spawn_blocking(move || pinging.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ok\n").into_response(),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response(),
    }
}

async fn metrics(State(county): State<Arc<County>>) -> Response {
    let m = &county.metrics;
    let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
    let text = format!(
        "# TYPE ruhu_enrollments_total counter\nruhu_enrollments_total {}\n\
         # TYPE ruhu_sync_requests_total counter\nruhu_sync_requests_total {}\n\
         # TYPE ruhu_changes_stored_total counter\nruhu_changes_stored_total {}\n\
         # TYPE ruhu_changes_sent_total counter\nruhu_changes_sent_total {}\n\
         # TYPE ruhu_photos_stored_total counter\nruhu_photos_stored_total {}\n\
         # TYPE ruhu_errors_total counter\nruhu_errors_total {}\n",
        get(&m.enrollments),
        get(&m.syncs),
        get(&m.changes_stored),
        get(&m.changes_sent),
        get(&m.photos_stored),
        get(&m.errors)
    );
    Response::builder()
        .header(header::CONTENT_TYPE, "text/plain; version=0.0.4")
        .body(Body::from(text))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(documents: usize, changes_each: usize, bytes_each: usize) -> v1::SyncRequest {
        v1::SyncRequest {
            protocol_version: 1,
            cursor: 0,
            changes: (0..documents)
                .map(|i| v1::DocumentChanges {
                    document_id: format!("d{i}"),
                    kind: "household".into(),
                    changes: vec![vec![0; bytes_each]; changes_each],
                })
                .collect(),
            max_response_bytes: 0,
            incomplete: Vec::new(),
        }
    }

    #[test]
    fn sync_requests_over_any_limit_are_refused_as_too_large() {
        assert!(check_sync_limits(&request(MAX_SYNC_DOCUMENTS, 1, 10)).is_ok());
        for (req, limit) in [
            (request(MAX_SYNC_DOCUMENTS + 1, 0, 0), "documents"),
            (request(1, MAX_SYNC_CHANGES + 1, 0), "changes"),
            (request(1, 1, MAX_SYNC_CHANGE_BYTES), "bytes"),
        ] {
            let e = check_sync_limits(&req).unwrap_err();
            assert_eq!(e.code, ErrorCode::TooLarge);
            assert!(e.message.contains(limit), "{}", e.message);
        }
    }
}
