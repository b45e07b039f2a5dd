//! Signing in and out.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::{DOCTYPE, html};
use ruhu_proto::v1::ErrorCode;
use serde::Deserialize;

use crate::console::auth::{self, Login};
use crate::console::view::{self};
use crate::console::{Signed, over_https, session_cookie};
use crate::db::Access;
use crate::error::CountyError;
use crate::gate::{ClientAddr, Gate};
use crate::state::County;

use super::*;

/// `?expired=1` after a session ran out.
#[derive(Deserialize)]
pub struct LoginQuery {
    expired: Option<String>,
}

fn login_form(csrf: &str, notice: Option<&str>, status: StatusCode) -> Response {
    let m = html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                title { "登录 · 入户 县级平台" }
                link rel="stylesheet" href=(crate::console::assets::CONSOLE_CSS_PATH);
            }
            body.login {
                h1 { "入户 · 县级平台" }
                @if let Some(n) = notice { p #notice { (n) } }
                form method="post" action="/console/login" {
                    input type="hidden" name="csrf" value=(csrf);
                    p { label { "用户名" br; input name="username" autocomplete="username" required; } }
                    p { label { "密码" br; input name="password" type="password" autocomplete="current-password" required; } }
                    p { button type="submit" { "登录" } }
                }
            }
        }
    };
    let cookie = format!("{LOGIN_COOKIE}={csrf}; Path=/console/login; HttpOnly; SameSite=Strict");
    (
        status,
        [(header::SET_COOKIE, cookie)],
        Html(m.into_string()),
    )
        .into_response()
}

/// The login form (with a fresh login CSRF token, double-submitted through a cookie).
pub async fn login_page(Query(q): Query<LoginQuery>) -> Response {
    let token = match auth::random_token(16) {
        Ok(t) => t,
        Err(e) => return view::failure(&e),
    };
    let notice = q.expired.map(|_| "登录已过期，请重新登录。");
    login_form(&token, notice, StatusCode::OK)
}

/// The login form as posted.
#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    csrf: String,
}

/// Signs in: the attempt counted and throttled (per account and address, per address) before
/// the password is checked, at most a few password checks at once (the rest asked to retry,
/// unchecked), the same answer and the same work for an unknown user as for a wrong password,
/// the session cookie on success.
pub async fn login_submit(
    State(county): State<Arc<County>>,
    Extension(gate): Extension<Arc<Gate>>,
    client: ClientAddr,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let sent = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| auth::cookie(c, LOGIN_COOKIE))
        .unwrap_or_default();
    if sent.is_empty() || !auth::same_token(sent, &f.csrf) {
        return view::message(
            StatusCode::FORBIDDEN,
            "表单已失效",
            "登录表单已失效，请重新打开登录页。",
        );
    }
    // Held until the password is checked; none free: answer at once, nothing hashed.
    let Ok(_permit) = gate.password_checks.try_acquire() else {
        let mut r = login_form(
            &f.csrf,
            Some("登录的人较多，请稍等几秒再试。"),
            StatusCode::SERVICE_UNAVAILABLE,
        );
        r.headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("2"));
        return r;
    };
    // Longer than any account's name: no account (the empty name), but counted and checked
    // all the same.
    let username = match f.username.trim() {
        u if u.len() <= 64 => u.to_string(),
        _ => String::new(),
    };
    let address = client.0.to_string();
    let now = Utc::now().timestamp();
    let (u, a) = (username.clone(), address.clone());
    let check = match county
        .run(Access::Snapshot, move |tx, _| {
            auth::login_check(tx, &u, &a, now)
        })
        .await
    {
        Ok(c) => c,
        Err(e) => return view::failure(&e),
    };
    let password = f.password;
    let (check, verified) = match tokio::task::spawn_blocking(move || {
        let v = auth::login_verify(&check, &password);
        (check, v)
    })
    .await
    {
        Ok(r) => r,
        Err(_) => return view::failure(&CountyError::new(ErrorCode::Internal, "login worker")),
    };
    let (u, a) = (username.clone(), address.clone());
    let outcome = county
        .run(Access::Snapshot, move |tx, _| {
            auth::login_finish(tx, &u, &a, &check, verified, now)
        })
        .await;
    match outcome {
        Ok(Login::Ok { token, account }) => {
            tracing::info!(account = %account.username, client = %address, "console sign-in");
            let mut r = Redirect::to("/console").into_response();
            r.headers_mut().append(
                header::SET_COOKIE,
                session_cookie(&token, auth::SESSION_SECONDS, over_https(&headers)),
            );
            r
        }
        Ok(Login::Wrong) => {
            tracing::warn!(client = %address, "console sign-in failed");
            login_form(
                &f.csrf,
                Some("用户名或密码不对。"),
                StatusCode::UNAUTHORIZED,
            )
        }
        Ok(Login::Throttled) => {
            tracing::warn!(client = %address, "console sign-in throttled");
            login_form(
                &f.csrf,
                Some("尝试次数过多，请 15 分钟后再试。"),
                StatusCode::TOO_MANY_REQUESTS,
            )
        }
        Err(e) => view::failure(&e),
    }
}

/// Signs out.
pub async fn logout(
    State(county): State<Arc<County>>,
    s: Signed,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Some(r) = s.refuse_csrf(&f.csrf) {
        return r;
    }
    let now = Utc::now().timestamp();
    let (token, user) = (s.token.clone(), s.account.username.clone());
    if let Err(e) = county
        .run(Access::Snapshot, move |tx, _| {
            auth::logout(tx, &token, &user, now)
        })
        .await
    {
        return view::failure(&e);
    }
    let mut r = Redirect::to("/console/login").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        session_cookie("", 0, over_https(&headers)),
    );
    r
}
