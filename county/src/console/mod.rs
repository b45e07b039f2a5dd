//! The supervisors' console: server-rendered pages in Chinese, served by the county store
//! itself under `/console`. Accounts sign in with a password (argon2id), get a session cookie
//! (HttpOnly, SameSite=Strict) and send the session's CSRF token with every form; failed logins
//! are throttled; what an account looks at and changes goes to the audit log. Pages never put
//! a full ID number or a health detail where it is not needed, and logs never carry either.

pub mod assets;
pub mod auth;

pub(crate) mod exports;
mod pages;
mod view;

use std::sync::Arc;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::db::Access;
use crate::state::County;
use auth::Account;

/// The console's routes.
pub fn routes() -> Router<Arc<County>> {
    Router::new()
        .route("/console", get(pages::dashboard))
        .route("/console/", get(pages::dashboard))
        .route(
            "/console/login",
            get(pages::login_page).post(pages::login_submit),
        )
        .route("/console/logout", post(pages::logout))
        .route("/console/cases", get(pages::queue))
        .route("/console/cases/{id}", get(pages::case_page))
        .route("/console/cases/{id}/events", post(pages::case_event))
        .route("/console/photos", get(pages::photos))
        .route("/console/photos/review", post(pages::photo_review))
        .route("/console/files/{sha}", get(pages::photo_file))
        .route(
            "/console/devices",
            get(pages::devices).post(pages::issue_code),
        )
        .route("/console/devices/{id}/revoke", post(pages::revoke_device))
        .route(
            "/console/policy",
            get(pages::policy_page).post(pages::policy_submit),
        )
        .route("/console/audit", get(pages::audit_page))
        .route("/console/publicity", get(exports::publicity))
        .route("/console/publicity/print", get(exports::publicity_print))
        .route("/console/publicity.xlsx", get(exports::publicity_xlsx))
        .route("/console/cases.xlsx", get(exports::cases_xlsx))
        .route(assets::CONSOLE_CSS_PATH, get(assets::console_css))
        .route(
            crate::xlsx::publicity::PRINT_CSS_PATH,
            get(assets::print_css),
        )
        .route(assets::REVIEW_JS_PATH, get(assets::review_js))
}

/// The page of a path the county does not serve.
pub fn not_found() -> Response {
    view::message(StatusCode::NOT_FOUND, "找不到页面", "没有这个页面。")
}

/// A request from a signed-in account.
pub struct Signed {
    /// Who.
    pub account: Account,
    /// The session's CSRF token.
    pub csrf: String,
    /// The session token (for logout).
    pub token: String,
}

impl Signed {
    /// The refusal of a form whose CSRF token is not this session's.
    pub fn refuse_csrf(&self, sent: &str) -> Option<Response> {
        if auth::same_token(&self.csrf, sent) {
            None
        } else {
            Some(view::message(
                StatusCode::FORBIDDEN,
                "表单已失效",
                "表单已失效或不是从本系统提交的，请回到页面刷新后重试。",
            ))
        }
    }
}

impl FromRequestParts<Arc<County>> for Signed {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        county: &Arc<County>,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(|c| auth::cookie(c, auth::SESSION_COOKIE))
            .map(str::to_string);
        let Some(token) = token else {
            return Err(Redirect::to("/console/login").into_response());
        };
        let now = chrono::Utc::now().timestamp();
        let t = token.clone();
        let found = county
            .run(Access::Snapshot, move |tx, _| auth::session(tx, &t, now))
            .await
            .map_err(|e| view::failure(&e))?;
        match found {
            Some((account, csrf)) => Ok(Signed {
                account,
                csrf,
                token,
            }),
            None => Err(Redirect::to("/console/login?expired=1").into_response()),
        }
    }
}

/// Whether the browser reached the console over HTTPS (directly, or through a reverse proxy
/// that says so): the session cookie is then marked `Secure`.
fn over_https(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The session cookie for `token` (`max_age` 0 removes it).
fn session_cookie(token: &str, max_age: i64, secure: bool) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/console; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        auth::SESSION_COOKIE,
        if secure { "; Secure" } else { "" }
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}
