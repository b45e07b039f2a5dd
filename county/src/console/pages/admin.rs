//! The policy and the audit log.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::html;
use ruhu_domain::policy::CountyPolicy;
use ruhu_proto::v1::ErrorCode;
use serde::Deserialize;

use crate::console::Signed;
use crate::console::auth::{self, Role};
use crate::console::view::{self, page};
use crate::db::Access;
use crate::state::County;

use super::*;

/// The policy in force; a county admin may replace it.
pub async fn policy_page(State(county): State<Arc<County>>, s: Signed) -> Response {
    let current = match county
        .run(Access::Snapshot, |tx, code| {
            crate::documents::current_policy(tx, code)
        })
        .await
    {
        Ok(p) => p,
        Err(e) => return view::failure(&e),
    };
    policy_view(&s, current.as_ref(), None)
}

fn policy_view(s: &Signed, p: Option<&CountyPolicy>, problem: Option<&str>) -> Response {
    let json = p.and_then(|p| p.to_json().ok()).unwrap_or_default();
    let body = html! {
        @if let Some(why) = problem { p.error #problem { (why) } }
        @match p {
            Some(p) => p #version { "现行第 " (p.version) " 版，自 " (p.effective_from) " 起执行。低保标准 "
                (p.dibao_monthly_per_person.to_string()) "/人·月，每户年度救助上限 " (p.yearly_ceiling_per_household.to_string())
                "，医疗自付超过 " (p.case_by_case_out_of_pocket_over.to_string()) " 一事一议。" },
            None => p { "尚未发布县级政策。" },
        }
        @if s.account.role == Role::CountyAdmin {
            h2 { "发布新版本" }
            p.muted { "修改下方内容并把版本号加一；提交前会逐条校验，不合规则的不会发布。" }
            form method="post" action="/console/policy" {
                input type="hidden" name="csrf" value=(s.csrf);
                textarea name="json" rows="30" cols="100" { (json) }
                br; button type="submit" { "校验并发布" }
            }
        } @else {
            pre { (json) }
        }
    };
    page(&s.account, &s.csrf, "县级政策", body)
}

/// A new policy as posted.
#[derive(Deserialize)]
pub struct PolicyForm {
    csrf: String,
    json: String,
}

/// Validates and publishes a new policy version.
pub async fn policy_submit(
    State(county): State<Arc<County>>,
    s: Signed,
    Form(f): Form<PolicyForm>,
) -> Response {
    if let Some(r) = admin_only(&s).or_else(|| s.refuse_csrf(&f.csrf)) {
        return r;
    }
    let policy = match CountyPolicy::from_json(&f.json) {
        Ok(p) => p,
        Err(e) => {
            let why = format!("未发布：{e}（{}）", e.code());
            return policy_view(&s, None, Some(&why));
        }
    };
    let user = s.account.username.clone();
    let p = policy.clone();
    match county
        .run(Access::Appends, move |tx, code| {
            let v = crate::policy::publish(tx, code, &p)?;
            auth::audit(
                tx,
                &user,
                "publish_policy",
                &v.to_string(),
                Utc::now().timestamp(),
            )
        })
        .await
    {
        Ok(()) => Redirect::to("/console/policy").into_response(),
        Err(e) if e.code == ErrorCode::InvalidContent => {
            let why = format!("未发布：{}", e.message);
            policy_view(&s, Some(&policy), Some(&why))
        }
        Err(e) => view::failure(&e),
    }
}

/// The latest audit entries.
pub async fn audit_page(State(county): State<Arc<County>>, s: Signed) -> Response {
    if let Some(r) = admin_only(&s) {
        return r;
    }
    let rows = match county
        .run(Access::Snapshot, |tx, _| tx.audit_log(300))
        .await
    {
        Ok(r) => r,
        Err(e) => return view::failure(&e),
    };
    let body = html! {
        table #audit {
            tr { th { "时间" } th { "账号" } th { "操作" } th { "对象" } }
            @for r in &rows {
                tr { td { (view::time(r.at)) } td { (r.username) } td { (r.action) } td { (r.target) } }
            }
        }
    };
    page(&s.account, &s.csrf, "审计日志", body)
}
