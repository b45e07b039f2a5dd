//! Headers on every response: a content security policy that allows no inline script or
//! style and no framing, `nosniff`, no referrer, and `Cache-Control: no-store` on everything
//! but the console's static files (pages, exports and photos hold personal data).

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The content security policy of every response: scripts, styles and images only from the
/// county itself (QR codes are inline SVG, photos are served by the county), forms posted
/// only to it, never framed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// Path prefix of the files without personal data that browsers may cache.
const STATIC_PREFIX: &str = "/console/static/";

/// Adds the security headers to a response.
pub async fn secure(req: Request, next: Next) -> Response {
    let cacheable = req.uri().path().starts_with(STATIC_PREFIX);
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !cacheable {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}
