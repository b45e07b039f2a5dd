//! The console's static files: its stylesheets and the photo review script, served from
//! /console/static so that pages carry no inline style or script (the CSP forbids both).

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Path of the console's stylesheet.
pub const CONSOLE_CSS_PATH: &str = "/console/static/console.css";
/// Path of the photo review's keyboard script.
pub const REVIEW_JS_PATH: &str = "/console/static/review.js";

const CONSOLE_CSS: &str = include_str!("static/console.css");
const PRINT_CSS: &str = include_str!("static/print.css");
const REVIEW_JS: &str = include_str!("static/review.js");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            // No personal data here; an hour saves a round trip per page.
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// The console's stylesheet.
pub async fn console_css() -> Response {
    asset("text/css; charset=utf-8", CONSOLE_CSS)
}

/// The printable 公示 page's stylesheet.
pub async fn print_css() -> Response {
    asset("text/css; charset=utf-8", PRINT_CSS)
}

/// The photo review's keyboard script.
pub async fn review_js() -> Response {
    asset("text/javascript; charset=utf-8", REVIEW_JS)
}
