//! The case page and the steps recorded from it.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{Markup, html};
use ruhu_domain::case::{self as dc, Case, CaseEvent, CaseEventKind};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::money::Money;
use ruhu_proto::v1::ErrorCode;
use serde::Deserialize;

use crate::console::Signed;
use crate::console::auth;
use crate::console::view::{self, page};
use crate::db::Access;
use crate::documents::Rules;
use crate::documents::load;
use crate::edit::county_edit;
use crate::error::CountyError;
use crate::state::County;

use super::*;

struct CaseView {
    case: Case,
    household: Option<Household>,
    state: dc::CaseState,
    conflicts: Vec<document::conflicts::FieldConflict>,
    flags: Vec<crate::db::CaseFlag>,
    allowed: Vec<CaseEventKind>,
}

fn read_case(
    tx: &mut dyn crate::db::Tx,
    id: &str,
) -> Result<(Case, automerge::AutoCommit), CountyError> {
    let doc = load(tx, id)?;
    if document::kind_of(&doc) != Some(document::DocKind::Case) {
        return Err(bad("没有这件案件"));
    }
    let c: Case = document::read(&doc).map_err(|e| {
        CountyError::new(
            ErrorCode::Internal,
            format!("a stored case does not read: {e}"),
        )
    })?;
    Ok((c, doc))
}

/// Everything about one case: household, timeline, clocks, payments, conflicts, actions.
pub async fn case_page(
    State(county): State<Arc<County>>,
    s: Signed,
    Path(id): Path<String>,
) -> Response {
    let account = s.account.clone();
    let view_data = county
        .run(Access::Snapshot, move |tx, code| {
            let (case, doc) = read_case(tx, &id)?;
            if !account.covers(&case.village_code, &case.grid_code) {
                return Err(out_of_scope());
            }
            let household = {
                let hd = load(tx, &case.household_id)?;
                document::read::<Household>(&hd)
                    .ok()
                    .filter(|h| crate::cases::household_of_case(&case, h))
            };
            let rules = Rules::load(tx, code)?;
            let state = match &rules {
                Some(r) => case.replay_under(&r.policy, &r.calendar),
                None => case.replay(),
            };
            let allowed = case.allowed_actions(&state, account.role.acts_as(), &account.username);
            let flags = tx.case_flags(&case.household_id)?;
            auth::audit(
                tx,
                &account.username,
                "view_case",
                &id,
                Utc::now().timestamp(),
            )?;
            Ok(CaseView {
                conflicts: document::conflicts::list(&doc),
                case,
                household,
                state,
                flags,
                allowed,
            })
        })
        .await;
    let v = match view_data {
        Ok(v) => v,
        Err(e) => return view::failure(&e),
    };
    let now = now_ms();
    let c = &v.case;
    let body = html! {
        p.muted { "案件 " (c.id) " · " (view::status(v.state.status.code())) " · 首问负责人 " (v.state.owner.as_deref().unwrap_or("未受理")) }
        @for f in &v.flags { p.error.flag { "⚠ " (f.detail) } }
        @if let Some(h) = &v.household { (household_block(h)) }
        h2 { "时限" }
        table #clocks {
            tr { th { "事项" } th { "到期" } }
            @for k in &v.state.clocks {
                tr {
                    td { (view::clock(k.clock.code())) }
                    @match &k.due {
                        Ok(d) => td class=(view::clock_class(d.timestamp_millis(), now)) { (view::time(d.timestamp_millis())) },
                        Err(e) => td.flag { "无法计算：" (e.to_string()) },
                    }
                }
            }
        }
        h2 { "办理经过" }
        table #timeline {
            tr { th { "时间" } th { "事项" } th { "经办" } th { "金额" } th { "说明" } }
            @for e in c.ordered_events() {
                @let conflict = v.state.conflicts.iter().find(|x| x.event_id == e.id);
                tr class=(if conflict.is_some() { "overdue" } else { "" }) {
                    td { (view::time(e.at.timestamp_millis())) }
                    td { (e.kind.label()) }
                    td { (e.actor) " · " (e.device) }
                    td { (e.amount.map(|m| m.to_string()).unwrap_or_default()) }
                    td {
                        (e.note)
                        @if let Some(d) = &e.department { " → " (d) }
                        @if let Some(x) = conflict { br; "冲突：" (x.reason) }
                    }
                }
            }
        }
        h2 { "救助发放" }
        table #payments {
            tr { th { "日期" } th { "批次" } th { "金额" } }
            @for pay in &v.state.payments {
                tr {
                    td { (pay.paid_on) }
                    td { (pay.batch.map(|b| format!("第 {b} 批")).unwrap_or_else(|| "先行救助".into())) }
                    td { (pay.amount.to_string()) }
                }
            }
        }
        p {
            "已发放合计 " b #paid { (v.state.total_paid.to_string()) }
            @if let Some(a) = v.state.approved_amount { " · 批准金额 " (a.to_string()) }
        }
        @if !v.state.referrals.is_empty() {
            h2 { "转办" }
            table #referrals {
                tr { th { "部门" } th { "转办时间" } th { "反馈期限" } th { "反馈" } }
                @for r in &v.state.referrals {
                    tr {
                        td { (r.department) }
                        td { (view::time(r.referred_at.timestamp_millis())) }
                        td { (r.due.as_ref().map(|d| view::time(d.timestamp_millis())).unwrap_or_else(|e| e.to_string())) }
                        td { (if r.answered_by.is_some() { "已反馈" } else { "待反馈" }) }
                    }
                }
            }
        }
        @if !v.conflicts.is_empty() {
            h2 { "待处理的冲突" }
            ul { @for x in &v.conflicts { li { (x.path.join("/")) "：" (x.values.len()) " 个不同的值" } } }
        }
        @if !v.allowed.is_empty() {
            h2.noprint { "办理" }
            form.noprint #act method="post" action={ "/console/cases/" (c.id) "/events" } {
                input type="hidden" name="csrf" value=(s.csrf);
                select name="kind" {
                    @for k in &v.allowed { option value=(k.code()) { (k.label()) } }
                }
                " 金额（元）" input name="amount" size="10" inputmode="decimal";
                " 说明 " input name="note" size="30";
                br;
                "会议参加人（逗号分隔）" input name="participants" size="30";
                " 会议决定 " input name="decision" size="30";
                " " button type="submit" { "提交" }
            }
        }
    };
    page(&s.account, &s.csrf, "案件详情", body)
}

fn household_block(h: &Household) -> Markup {
    let size = h.present_members().count();
    let per_capita = h.economics.per_capita_monthly_income(size);
    html! {
        h2 { "家庭" }
        p {
            "户主 " b #head { (h.head().map(|m| m.name.as_str()).unwrap_or("—")) }
            " · " (size) " 人 · " (h.profile.address.village_code) " 网格 " (h.profile.address.grid_code)
        }
        table #members {
            tr { th { "姓名" } th { "身份证号" } th { "出生日期" } }
            @for (_, m) in h.present_members() {
                tr {
                    td { (m.name) }
                    td { (m.id_number.as_ref().map(|i| i.masked()).unwrap_or_default()) }
                    td { (m.birth_date) }
                }
            }
        }
        p { "人均月收入 " (per_capita.map(|m| m.to_string()).unwrap_or_else(|| "未填".into()))
            " · 医疗自付 " (h.economics.expenditure.medical.to_string()) }
    }
}

/// A step recorded from the console.
#[derive(Deserialize)]
pub struct EventForm {
    csrf: String,
    kind: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    decision: String,
}

/// Records a step on a case as the signed-in account, checked like a phone's.
pub async fn case_event(
    State(county): State<Arc<County>>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<EventForm>,
) -> Response {
    if let Some(r) = s.refuse_csrf(&f.csrf) {
        return r;
    }
    let Some(kind) = CaseEventKind::from_code(&f.kind) else {
        return view::message(StatusCode::BAD_REQUEST, "未能办理", "不认识的办理事项。");
    };
    let amount = match f.amount.trim() {
        "" => None,
        text => match Money::parse_yuan(text) {
            Some(m) => Some(m),
            None => {
                return view::message(
                    StatusCode::BAD_REQUEST,
                    "未能办理",
                    "金额应为元，最多两位小数。",
                );
            }
        },
    };
    let account = s.account.clone();
    let target = id.clone();
    let result = county
        .run(Access::Appends, move |tx, code| {
            let rules = Rules::load(tx, code)?;
            let (case, _) = read_case(tx, &id)?;
            if !account.covers(&case.village_code, &case.grid_code) {
                return Err(out_of_scope());
            }
            let now = Utc::now();
            let mut e = CaseEvent::new(
                &uuid::Uuid::new_v4().to_string(),
                kind,
                now,
                &account.username,
                "console",
            );
            e.amount = amount;
            e.note = f.note.trim().to_string();
            if kind == CaseEventKind::CaseMeeting {
                e.meeting = Some(dc::Meeting {
                    kind: dc::MeetingKind::CaseByCase,
                    participants: f
                        .participants
                        .split([',', '，'])
                        .map(|p| p.trim().to_string())
                        .filter(|p| !p.is_empty())
                        .collect(),
                    decision: f.decision.trim().to_string(),
                });
            }
            if let Some(r) = &rules {
                case.check_new_event(&r.policy, &r.calendar, account.role.acts_as(), &e, now)
                    .map_err(|rule| bad(rule.to_string()))?;
            }
            county_edit::<Case>(tx, code, &id, "console step", move |c| {
                c.events.push(e);
                Ok(())
            })?;
            auth::audit(
                tx,
                &account.username,
                &format!("case_{}", kind.code()),
                &id,
                now.timestamp(),
            )
        })
        .await;
    match result {
        Ok(()) => Redirect::to(&format!("/console/cases/{target}")).into_response(),
        Err(e) if e.code == ErrorCode::Malformed => {
            view::message(StatusCode::CONFLICT, "未能办理", &e.message)
        }
        Err(e) => view::failure(&e),
    }
}
