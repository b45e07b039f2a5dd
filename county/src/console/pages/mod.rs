//! The console's pages and form handlers, one module per part of the console.

mod admin;
mod case;
mod devices;
mod login;
mod photos;
mod queue;

pub use admin::{audit_page, policy_page, policy_submit};
pub use case::{case_event, case_page};
pub use devices::{devices, issue_code, revoke_device};
pub use login::{login_page, login_submit, logout};
pub use photos::{photo_file, photo_review, photos};
pub use queue::{dashboard, queue};

use axum::response::Response;
use chrono::Utc;
use ruhu_proto::v1::ErrorCode;
use serde::Deserialize;

use super::Signed;
use super::auth::Role;
use super::view;
use crate::error::CountyError;
use axum::http::StatusCode;

const LOGIN_COOKIE: &str = "ruhu_login";
const PAGE_SIZE: i64 = 50;

fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

fn bad(message: impl Into<String>) -> CountyError {
    CountyError::new(ErrorCode::Malformed, message)
}

fn out_of_scope() -> CountyError {
    CountyError::new(ErrorCode::OutOfScope, "outside the account's scope")
}

/// A form that carries only the CSRF token.
#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

fn admin_only(s: &Signed) -> Option<Response> {
    if s.account.role == Role::CountyAdmin {
        None
    } else {
        Some(view::message(
            StatusCode::FORBIDDEN,
            "无权访问",
            "此页面仅县级管理员可用。",
        ))
    }
}
