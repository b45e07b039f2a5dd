//! Devices and enrollment codes.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::{PreEscaped, html};
use serde::Deserialize;

use crate::console::Signed;
use crate::console::auth;
use crate::console::view::{self, page};
use crate::db::Access;
use crate::state::County;

use super::*;

/// Enrolled devices and the form to issue an enrollment code.
pub async fn devices(State(county): State<Arc<County>>, s: Signed) -> Response {
    if let Some(r) = admin_only(&s) {
        return r;
    }
    let devices = match county.run(Access::Snapshot, |tx, _| tx.devices()).await {
        Ok(d) => d,
        Err(e) => return view::failure(&e),
    };
    let body = html! {
        h2 { "签发登记码" }
        form #issue method="post" action="/console/devices" {
            input type="hidden" name="csrf" value=(s.csrf);
            "工号 " input name="worker_id" required size="10";
            " 姓名 " input name="name" required size="8";
            " 网格（逗号分隔）" input name="grids" size="16";
            " 村/乡镇代码（逗号分隔）" input name="villages" size="16";
            " 角色 " select name="role" {
                @for r in ruhu_domain::case::Role::ALL { option value=(r.code()) { (r.label()) } }
            }
            " " button type="submit" { "签发" }
        }
        h2 { "已登记设备" }
        table #devices {
            tr { th { "设备" } th { "工号" } th { "姓名" } th { "登记时间" } th { "最近同步" } th { "状态" } }
            @for d in &devices {
                tr {
                    td { (d.id.get(..8).unwrap_or(&d.id)) }
                    td { (d.worker_id) }
                    td { (d.display_name) }
                    td { (view::time(d.enrolled_at * 1000)) }
                    td { (d.last_sync_at.map(|t| view::time(t * 1000)).unwrap_or_else(|| "—".into())) }
                    td {
                        @if d.revoked_at.is_some() { "已停用" } @else {
                            form.inline method="post" action={ "/console/devices/" (d.id) "/revoke" } {
                                input type="hidden" name="csrf" value=(s.csrf);
                                button type="submit" { "停用并清除数据" }
                            }
                        }
                    }
                }
            }
        }
    };
    page(&s.account, &s.csrf, "设备与登记", body)
}

/// The form issuing a code.
#[derive(Deserialize)]
pub struct IssueForm {
    csrf: String,
    worker_id: String,
    name: String,
    #[serde(default)]
    grids: String,
    #[serde(default)]
    villages: String,
    role: String,
}

fn list(text: &str) -> Vec<String> {
    text.split([',', '，', ' '])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Issues a one-time enrollment code, shown with its QR image.
pub async fn issue_code(
    State(county): State<Arc<County>>,
    Extension(gate): Extension<Arc<crate::gate::Gate>>,
    s: Signed,
    Form(f): Form<IssueForm>,
) -> Response {
    if let Some(r) = admin_only(&s).or_else(|| s.refuse_csrf(&f.csrf)) {
        return r;
    }
    let Some(role) = crate::roles::parse_device_role(&f.role) else {
        return view::message(StatusCode::BAD_REQUEST, "未能签发", "不认识的角色。");
    };
    let grant = crate::enroll::Grant {
        worker_id: f.worker_id.trim().into(),
        display_name: f.name.trim().into(),
        role,
        villages: list(&f.villages),
        grids: list(&f.grids),
    };
    if grant.worker_id.is_empty() || (grant.villages.is_empty() && grant.grids.is_empty()) {
        return view::message(
            StatusCode::BAD_REQUEST,
            "未能签发",
            "请填写工号，以及网格或村/乡镇代码。",
        );
    }
    let user = s.account.username.clone();
    let worker = grant.worker_id.clone();
    let code = match county
        .run(Access::Snapshot, move |tx, _| {
            let code = crate::enroll::issue_code(tx, &grant, chrono::Duration::hours(72))?;
            auth::audit(tx, &user, "issue_code", &worker, Utc::now().timestamp())?;
            Ok(code)
        })
        .await
    {
        Ok(c) => c,
        Err(e) => return view::failure(&e),
    };
    // The configured address, never the request's Host header (which the client chooses).
    let payload = crate::enroll::qr_payload(&gate.public_url, &code);
    let svg = qrcode::QrCode::new(payload.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(220, 220)
                .build()
        })
        .unwrap_or_default();
    let body = html! {
        p { "一次性登记码（72 小时内有效，只能使用一次）：" }
        p.code #code { (code) }
        div #qr data-payload=(payload) { (PreEscaped(svg)) }
        p.muted { "手机扫码或手工输入登记码。" }
        p { a href="/console/devices" { "返回设备列表" } }
    };
    page(&s.account, &s.csrf, "登记码", body)
}

/// Revokes a device: its next sync is refused and it wipes its data.
pub async fn revoke_device(
    State(county): State<Arc<County>>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Some(r) = admin_only(&s).or_else(|| s.refuse_csrf(&f.csrf)) {
        return r;
    }
    let user = s.account.username.clone();
    match county
        .run(Access::Snapshot, move |tx, _| {
            crate::enroll::revoke(tx, &id)?;
            auth::audit(tx, &user, "revoke_device", &id, Utc::now().timestamp())
        })
        .await
    {
        Ok(()) => Redirect::to("/console/devices").into_response(),
        Err(e) => view::failure(&e),
    }
}
