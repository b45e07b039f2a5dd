//! The console's pages and form handlers.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use ruhu_core::document;
use ruhu_core::domain::case::{self as dc, Case, CaseEvent, CaseEventKind};
use ruhu_core::domain::household::Household;
use ruhu_core::domain::money::Money;
use ruhu_core::domain::photo::ReviewStatus;
use ruhu_core::domain::policy::CountyPolicy;
use ruhu_proto::v1::{ErrorCode, Role as DeviceRole};
use serde::Deserialize;

use super::auth::{self, Login, Role};
use super::edit::county_edit;
use super::view::{self, page};
use super::{Signed, session_cookie};
use crate::cases::Rules;
use crate::db::Access;
use crate::db::console::CaseQuery;
use crate::error::CountyError;
use crate::server::County;
use crate::sync::load;

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

// ----- login -----

/// `?expired=1` after a session ran out.
#[derive(Deserialize)]
pub struct LoginQuery {
    expired: Option<String>,
}

fn login_form(csrf: &str, notice: Option<&str>, status: StatusCode) -> Response {
    let m = html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head { meta charset="utf-8"; title { "登录 · 入户 县级平台" } }
            body style="font-family:sans-serif;max-width:22rem;margin:4rem auto" {
                h1 { "入户 · 县级平台" }
                @if let Some(n) = notice { p #notice style="color:#b42318" { (n) } }
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

/// Signs in: throttled per account, the same answer for an unknown user as for a wrong
/// password, the session cookie on success.
pub async fn login_submit(
    State(county): State<Arc<County>>,
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
    let username = f.username.trim().to_string();
    let now = Utc::now().timestamp();
    let u = username.clone();
    let check = match county
        .run(Access::Snapshot, move |tx, _| {
            auth::login_check(tx, &u, now)
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
    let u = username.clone();
    let outcome = county
        .run(Access::Snapshot, move |tx, _| {
            auth::login_finish(tx, &u, &check, verified, now)
        })
        .await;
    match outcome {
        Ok(Login::Ok { token, account }) => {
            tracing::info!(account = %account.username, "console sign-in");
            let mut r = Redirect::to("/console").into_response();
            r.headers_mut().append(
                header::SET_COOKIE,
                session_cookie(&token, auth::SESSION_SECONDS),
            );
            r
        }
        Ok(Login::Wrong) => login_form(
            &f.csrf,
            Some("用户名或密码不对。"),
            StatusCode::UNAUTHORIZED,
        ),
        Ok(Login::Throttled) => login_form(
            &f.csrf,
            Some("尝试次数过多，请 15 分钟后再试。"),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        Err(e) => view::failure(&e),
    }
}

/// Signs out.
pub async fn logout(
    State(county): State<Arc<County>>,
    s: Signed,
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
    r.headers_mut()
        .append(header::SET_COOKIE, session_cookie("", 0));
    r
}

// ----- dashboard and queue -----

/// Cases by status and clock, overdue first.
pub async fn dashboard(State(county): State<Arc<County>>, s: Signed) -> Response {
    let scope = s.account.scope.clone();
    let now = now_ms();
    let data = county
        .run(Access::Snapshot, move |tx, _| {
            let counts = tx.case_counts(&scope, now)?;
            let nearest = tx.case_list(&CaseQuery {
                scope,
                limit: 15,
                ..Default::default()
            })?;
            Ok((counts, nearest))
        })
        .await;
    let (counts, nearest) = match data {
        Ok(d) => d,
        Err(e) => return view::failure(&e),
    };
    let open: i64 = counts
        .iter()
        .filter(|c| !matches!(c.status.as_str(), "closed" | "rejected"))
        .map(|c| c.count)
        .sum();
    let overdue: i64 = counts.iter().map(|c| c.overdue).sum();
    let body = html! {
        div.cards {
            div.card { "办理中案件" b #open-cases { (open) } }
            div.card.overdue { "已超期" b #overdue-cases { (overdue) } a href="/console/cases?overdue=1" { "查看" } }
        }
        h2 { "按状态" }
        table {
            tr { th { "状态" } th { "案件数" } th { "其中超期" } }
            @for c in &counts {
                tr {
                    td { a href={ "/console/cases?status=" (c.status) } { (view::status(&c.status)) } }
                    td { (c.count) }
                    td class=(if c.overdue > 0 { "overdue" } else { "" }) { (c.overdue) }
                }
            }
        }
        h2 { "最近到期" }
        (case_table(&nearest, now))
    };
    page(&s.account, &s.csrf, "总览", body)
}

fn case_table(rows: &[crate::db::console::CaseListRow], now: i64) -> Markup {
    html! {
        table #cases {
            tr { th { "案件" } th { "村(社区)" } th { "网格" } th { "状态" } th { "时限" } th { "到期" } }
            @for r in rows {
                tr {
                    td { a href={ "/console/cases/" (r.id) } { (r.id.get(..8).unwrap_or(&r.id)) } }
                    td { (r.village_code) }
                    td { (r.grid_code) }
                    td { (view::status(&r.status)) }
                    td { (r.clock.as_deref().map(view::clock).unwrap_or("—")) }
                    @match r.due {
                        Some(d) => td class=(view::clock_class(d, now)) {
                            (view::time(d))
                            @if d < now { " 已超期" }
                        },
                        None => td { "—" },
                    }
                }
            }
        }
    }
}

/// Queue filters.
#[derive(Deserialize)]
pub struct QueueQuery {
    status: Option<String>,
    village: Option<String>,
    overdue: Option<String>,
    page: Option<i64>,
}

/// The case queue with filters, nearest clock first.
pub async fn queue(
    State(county): State<Arc<County>>,
    s: Signed,
    Query(q): Query<QueueQuery>,
) -> Response {
    let now = now_ms();
    let page_no = q.page.unwrap_or(0).clamp(0, 100_000);
    let status = q.status.filter(|v| !v.is_empty());
    let village = q
        .village
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty());
    if village
        .as_deref()
        .is_some_and(|v| v.len() > 12 || !v.bytes().all(|b| b.is_ascii_digit()))
    {
        return view::message(
            StatusCode::BAD_REQUEST,
            "筛选条件不对",
            "村(社区)代码应为数字。",
        );
    }
    let query = CaseQuery {
        scope: s.account.scope.clone(),
        status: status.clone(),
        village: village.clone(),
        due_before: q.overdue.as_ref().map(|_| now),
        offset: page_no * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let rows = match county
        .run(Access::Snapshot, move |tx, _| tx.case_list(&query))
        .await
    {
        Ok(r) => r,
        Err(e) => return view::failure(&e),
    };
    let statuses = [
        "reported",
        "accepted",
        "investigated",
        "reviewed",
        "approved",
        "rejected",
        "closed",
    ];
    let more = rows.len() as i64 == PAGE_SIZE;
    let body = html! {
        form.noprint method="get" action="/console/cases" {
            "状态 " select name="status" {
                option value="" { "全部" }
                @for st in statuses {
                    option value=(st) selected[status.as_deref() == Some(st)] { (view::status(st)) }
                }
            }
            " 村(社区)/乡镇代码 " input name="village" value=(village.as_deref().unwrap_or("")) size="12";
            " " label { input type="checkbox" name="overdue" value="1" checked[q.overdue.is_some()]; " 只看超期" }
            " " button type="submit" { "筛选" }
        }
        p.muted { "第 " (page_no + 1) " 页，本页 " (rows.len()) " 件 · "
            a #cases-xlsx href={ "/console/cases.xlsx" (village.as_deref().map(|v| format!("?village={v}")).unwrap_or_default()) } { "导出 Excel" } }
        (case_table(&rows, now))
        @if more { p { a href={ "/console/cases?page=" (page_no + 1) } { "下一页" } } }
    };
    page(&s.account, &s.csrf, "案件", body)
}

// ----- the case page -----

struct CaseView {
    case: Case,
    household: Option<Household>,
    state: dc::CaseState,
    conflicts: Vec<document::conflicts::FieldConflict>,
    flags: Vec<crate::db::CaseFlag>,
    allowed: Vec<CaseEventKind>,
}

fn case_role(role: Role) -> dc::Role {
    match role {
        Role::TownshipOfficer => dc::Role::TownshipOfficer,
        Role::CountyAdmin | Role::Supervisor => dc::Role::Supervisor,
    }
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
            if !account.covers(&case.village_code) {
                return Err(out_of_scope());
            }
            let household = {
                let hd = load(tx, &case.household_id)?;
                document::read::<Household>(&hd).ok()
            };
            let rules = Rules::load(tx, code)?;
            let state = match &rules {
                Some(r) => case.replay_under(&r.policy, &r.calendar),
                None => case.replay(),
            };
            let allowed = case.allowed_actions(&state, case_role(account.role), &account.username);
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
                    td { (event_label(e.kind)) }
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
        p { "已发放合计 " b { (v.state.total_paid.to_string()) } }
        @if !v.conflicts.is_empty() {
            h2 { "待处理的冲突" }
            ul { @for x in &v.conflicts { li { (x.path.join("/")) "：" (x.values.len()) " 个不同的值" } } }
        }
        @if !v.allowed.is_empty() {
            h2.noprint { "办理" }
            form.noprint #act method="post" action={ "/console/cases/" (c.id) "/events" } {
                input type="hidden" name="csrf" value=(s.csrf);
                select name="kind" {
                    @for k in &v.allowed { option value=(kind_code(*k)) { (event_label(*k)) } }
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

fn kind_code(k: CaseEventKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn event_label(k: CaseEventKind) -> &'static str {
    use CaseEventKind as K;
    match k {
        K::Accepted => "受理",
        K::Investigated => "入户调查",
        K::PreliminaryReview => "初审",
        K::Approved => "审批通过",
        K::Rejected => "不予救助",
        K::AdvanceAid => "先行救助",
        K::Payment => "发放",
        K::Referred => "转办",
        K::Feedback => "反馈",
        K::Closed => "结案",
        K::PublicityStarted => "开始公示",
        K::PublicityEnded => "公示结束",
        K::MaterialsCompleted => "补齐材料",
        K::CaseMeeting => "集体研判/一事一议",
        K::ReferralAnswered => "转办回复",
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
    let Ok(kind) =
        serde_json::from_value::<CaseEventKind>(serde_json::Value::String(f.kind.clone()))
    else {
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
            if !account.covers(&case.village_code) {
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
                case.check_new_event(&r.policy, &r.calendar, case_role(account.role), &e, now)
                    .map_err(|rule| bad(rule.to_string()))?;
            }
            county_edit::<Case>(tx, code, &id, "console step", move |c| {
                c.events.push(e);
                Ok(())
            })?;
            auth::audit(
                tx,
                &account.username,
                &format!("case_{}", kind_code(kind)),
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

// ----- photo review -----

/// Pending photos as a grid the keyboard runs through.
pub async fn photos(State(county): State<Arc<County>>, s: Signed) -> Response {
    if !s.account.role.reviews() {
        return view::message(
            StatusCode::FORBIDDEN,
            "无权访问",
            "照片审核由县级审核员进行。",
        );
    }
    let scope = s.account.scope.clone();
    let data = county
        .run(Access::Snapshot, move |tx, _| {
            let pending = tx.pending_photos(&scope, 120)?;
            let mut flags = BTreeMap::new();
            for p in &pending {
                let f = tx.flags(&p.sha256)?;
                if !f.is_empty() {
                    flags.insert(p.sha256.clone(), f);
                }
            }
            Ok((pending, flags))
        })
        .await;
    let (pending, flags) = match data {
        Ok(d) => d,
        Err(e) => return view::failure(&e),
    };
    let body = html! {
        p.muted.noprint { "键盘：← → 选择，A 通过，R 要求重拍（须写原因），Enter 看大图。共 " (pending.len()) " 张待审。" }
        form #review method="post" action="/console/photos/review" style="display:none" {
            input type="hidden" name="csrf" value=(s.csrf);
            input type="hidden" name="doc_id";
            input type="hidden" name="photo_id";
            input type="hidden" name="decision";
            input type="hidden" name="reason";
        }
        div.grid #photos {
            @for (i, p) in pending.iter().enumerate() {
                div.photo class=(if i == 0 { "photo current" } else { "photo" })
                    data-doc=(p.doc_id) data-photo=(p.photo_id) data-full={ "/console/files/" (p.sha256) } {
                    @if p.arrived {
                        img src={ "/console/files/" (p.thumb_sha256) } alt=(view::photo_kind(&p.kind));
                    } @else {
                        p.muted { "照片仍在上传，暂不能审核" }
                    }
                    small { (view::photo_kind(&p.kind)) " · " (p.village_code) }
                    small { "拍摄 " (view::time(p.taken_at)) }
                    small { "入户上传 " (p.attached_at.map(view::time).unwrap_or_else(|| "—".into())) }
                    @if let Some(fs) = flags.get(&p.sha256) {
                        @for f in fs { small.flag { "⚠ " (f.detail) } }
                    }
                    @if p.arrived {
                        button.noprint type="button" data-act="approved" { "通过" }
                        " " button.noprint type="button" data-act="retake_needed" { "重拍" }
                    }
                }
            }
        }
        script { (PreEscaped(REVIEW_SCRIPT)) }
    };
    page(&s.account, &s.csrf, "照片审核", body)
}

const REVIEW_SCRIPT: &str = r#"
(function(){
  var cards=[].slice.call(document.querySelectorAll('#photos .photo'));var i=0;
  function pick(n){if(!cards.length)return;cards[i].classList.remove('current');i=(n+cards.length)%cards.length;cards[i].classList.add('current');cards[i].scrollIntoView({block:'nearest'});}
  function send(card,decision){
    var reason='';
    if(decision==='retake_needed'){reason=window.prompt('请写明重拍原因');if(!reason)return;}
    var f=document.getElementById('review');
    f.doc_id.value=card.dataset.doc;f.photo_id.value=card.dataset.photo;f.decision.value=decision;f.reason.value=reason;f.submit();
  }
  cards.forEach(function(c,n){c.addEventListener('click',function(e){pick(n);var a=e.target.dataset.act;if(a)send(c,a);});});
  document.addEventListener('keydown',function(e){
    if(!cards.length)return;var c=cards[i];
    if(e.key==='ArrowRight'||e.key==='j')pick(i+1);
    else if(e.key==='ArrowLeft'||e.key==='k')pick(i-1);
    else if(e.key==='a'||e.key==='A'){if(c.querySelector('img'))send(c,'approved');}
    else if(e.key==='r'||e.key==='R'){if(c.querySelector('img'))send(c,'retake_needed');}
    else if(e.key==='Enter'){window.open(c.dataset.full,'_blank');}
  });
})();
"#;

/// A review decision as posted.
#[derive(Deserialize)]
pub struct ReviewForm {
    csrf: String,
    doc_id: String,
    photo_id: String,
    decision: String,
    #[serde(default)]
    reason: String,
}

/// Records a review in the document listing the photo; it reaches the worker's phone with
/// the next sync (a retake shows there as owed).
pub async fn photo_review(
    State(county): State<Arc<County>>,
    s: Signed,
    Form(f): Form<ReviewForm>,
) -> Response {
    if let Some(r) = s.refuse_csrf(&f.csrf) {
        return r;
    }
    if !s.account.role.reviews() {
        return view::message(
            StatusCode::FORBIDDEN,
            "无权操作",
            "照片审核由县级审核员进行。",
        );
    }
    let decision = match f.decision.as_str() {
        "approved" => ReviewStatus::Approved,
        "retake_needed" => ReviewStatus::RetakeNeeded,
        _ => {
            return view::message(
                StatusCode::BAD_REQUEST,
                "未能审核",
                "审核结果只能是通过或重拍。",
            );
        }
    };
    let account = s.account.clone();
    let result = county
        .run(Access::Appends, move |tx, code| {
            let doc = load(tx, &f.doc_id)?;
            let now = Utc::now();
            let by = account.username.clone();
            let reason = f.reason.clone();
            let pid = f.photo_id.clone();
            let review =
                move |evidence: &mut BTreeMap<String, ruhu_core::domain::photo::PhotoMeta>| {
                    let m = evidence
                        .get_mut(&pid)
                        .ok_or_else(|| bad("这张照片已不在记录中"))?;
                    m.review(decision, &reason, &by, now).map_err(bad)
                };
            match document::kind_of(&doc) {
                Some(document::DocKind::Household) => {
                    let h: Household = document::read(&doc).map_err(|_| bad("记录无法读取"))?;
                    if !account.covers(&h.profile.address.village_code) {
                        return Err(out_of_scope());
                    }
                    county_edit::<Household>(tx, code, &f.doc_id, "review photo", |h| {
                        review(&mut h.evidence)
                    })?;
                }
                Some(document::DocKind::Case) => {
                    let c: Case = document::read(&doc).map_err(|_| bad("记录无法读取"))?;
                    if !account.covers(&c.village_code) {
                        return Err(out_of_scope());
                    }
                    county_edit::<Case>(tx, code, &f.doc_id, "review photo", |c| {
                        review(&mut c.evidence)
                    })?;
                }
                _ => return Err(bad("没有这条记录")),
            }
            auth::audit(
                tx,
                &account.username,
                "review_photo",
                &format!("{}/{}", f.doc_id, f.photo_id),
                now.timestamp(),
            )
        })
        .await;
    match result {
        Ok(()) => Redirect::to("/console/photos").into_response(),
        Err(e) if e.code == ErrorCode::Malformed => {
            view::message(StatusCode::BAD_REQUEST, "未能审核", &e.message)
        }
        Err(e) => view::failure(&e),
    }
}

/// A photo file (image or thumbnail) for an account whose scope covers a record listing it.
pub async fn photo_file(
    State(county): State<Arc<County>>,
    s: Signed,
    Path(sha): Path<String>,
) -> Response {
    let account = s.account.clone();
    let c = county.clone();
    let result = county
        .run(Access::Snapshot, move |tx, _| {
            if sha.len() != 64
                || !sha
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return Err(bad("照片编号不对"));
            }
            let refs = tx.photo_refs(&sha)?;
            if !refs.iter().any(|r| account.covers(&r.village_code)) {
                return Err(out_of_scope());
            }
            if tx.blob(&sha)?.is_none() {
                return Err(CountyError::new(ErrorCode::UnknownBlob, "照片仍在上传"));
            }
            let sealed = c
                .blob_store()
                .get(&sha)?
                .ok_or_else(|| CountyError::new(ErrorCode::UnknownBlob, "照片仍在上传"))?;
            c.sealer()
                .open(&sha, &sealed)
                .map_err(|_| CountyError::new(ErrorCode::Internal, "a stored photo is damaged"))
        })
        .await;
    match result {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "private, max-age=3600"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) if e.code == ErrorCode::UnknownBlob => view::message(
            StatusCode::NOT_FOUND,
            "照片仍在上传",
            "这张照片尚未完整上传到县级平台，请稍后再看。",
        ),
        Err(e) => view::failure(&e),
    }
}

// ----- devices -----

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
                option value="grid_worker" { "网格员" }
                option value="township_officer" { "乡镇经办人" }
                option value="supervisor" { "县级审核员" }
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
    s: Signed,
    headers: HeaderMap,
    Form(f): Form<IssueForm>,
) -> Response {
    if let Some(r) = admin_only(&s).or_else(|| s.refuse_csrf(&f.csrf)) {
        return r;
    }
    let role = match f.role.as_str() {
        "grid_worker" => DeviceRole::GridWorker,
        "township_officer" => DeviceRole::TownshipOfficer,
        "supervisor" => DeviceRole::Supervisor,
        _ => return view::message(StatusCode::BAD_REQUEST, "未能签发", "不认识的角色。"),
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
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8470");
    let payload = crate::enroll::qr_payload(&format!("http://{host}"), &code);
    let svg = qrcode::QrCode::new(payload.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(220, 220)
                .build()
        })
        .unwrap_or_default();
    let body = html! {
        p { "一次性登记码（72 小时内有效，只能使用一次）：" }
        p style="font-size:2rem;font-family:monospace" #code { (code) }
        div #qr { (PreEscaped(svg)) }
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

// ----- policy and audit -----

/// The policy in force; a county admin may replace it.
pub async fn policy_page(State(county): State<Arc<County>>, s: Signed) -> Response {
    let current = match county
        .run(Access::Snapshot, |tx, code| {
            crate::policy::current(tx, code)
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
