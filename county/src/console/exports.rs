//! 公示 lists and case exports from the console: the cases of the account's scope (optionally
//! one village or township), read with the county's rules, as a page, a printable page and
//! .xlsx. The 公示 list carries the applicant's name, household size and amount only.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::{Duration, Utc};
use maud::html;
use ruhu_domain::calendar::CHINA_TIME;
use ruhu_domain::case::{Case, CaseState, CaseStatus};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use serde::Deserialize;

use super::Signed;
use super::auth;
use super::view::{self, page};
use crate::db::console::CaseQuery;
use crate::db::{Access, Tx};
use crate::documents::Rules;
use crate::documents::load;
use crate::error::CountyError;
use crate::state::County;
use crate::xlsx;

/// Most cases one list or export holds.
const MOST: i64 = 5_000;
/// Days a 公示 stays posted (national rule).
const PUBLICITY_DAYS: u32 = 7;
/// Where objections go: the government service hotline.
const OBJECTION_PHONE: &str = "12345";

/// Which cases: a village or township code prefix within the account's scope.
#[derive(Deserialize)]
pub struct ExportQuery {
    village: Option<String>,
}

fn village_filter(q: &ExportQuery) -> Result<Option<String>, Box<Response>> {
    village_prefix(q.village.as_deref())
}

/// A village or township code prefix typed into a filter (`None` when blank); a refusal page
/// for anything but digits.
pub(crate) fn village_prefix(text: Option<&str>) -> Result<Option<String>, Box<Response>> {
    let v = text
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from);
    if v.as_deref()
        .is_some_and(|v| v.len() > 12 || !v.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Box::new(view::message(
            StatusCode::BAD_REQUEST,
            "筛选条件不对",
            "村(社区)/乡镇代码应为数字。",
        )));
    }
    Ok(v)
}

/// The cases of a status set in scope, each with its household and replayed state.
pub(crate) fn gather(
    tx: &mut dyn Tx,
    county: &str,
    scope: &[String],
    village: Option<&str>,
    statuses: &[&str],
) -> Result<Vec<(Household, Case, CaseState)>, CountyError> {
    let rules = Rules::load(tx, county)?;
    let mut out = Vec::new();
    for status in statuses {
        let rows = tx.case_list(&CaseQuery {
            scope: scope.to_vec(),
            status: Some((*status).to_string()),
            village: village.map(String::from),
            limit: MOST,
            ..Default::default()
        })?;
        for r in rows {
            let c: Case = match document::read(&load(tx, &r.id)?) {
                Ok(c) => c,
                Err(_) => continue,
            };
            let Ok(h) = document::read::<Household>(&load(tx, &c.household_id)?) else {
                continue;
            };
            if !crate::cases::household_of_case(&c, &h) {
                continue;
            }
            let state = match &rules {
                Some(rules) => c.replay_under(&rules.policy, &rules.calendar),
                None => c.replay(),
            };
            out.push((h, c, state));
        }
    }
    Ok(out)
}

fn publicity_rows(
    county: &Arc<County>,
    s: &Signed,
    village: Option<String>,
    action: &'static str,
) -> impl std::future::Future<Output = Result<Vec<xlsx::publicity::PublicityRow>, CountyError>> {
    let scope = s.account.scope.clone();
    let user = s.account.username.clone();
    county.run(Access::Snapshot, move |tx, code| {
        let cases = gather(
            tx,
            code,
            &scope,
            village.as_deref(),
            &[CaseStatus::Approved.code(), CaseStatus::Closed.code()],
        )?;
        auth::audit(
            tx,
            &user,
            action,
            village.as_deref().unwrap_or(code),
            Utc::now().timestamp(),
        )?;
        Ok(xlsx::publicity::publicity_rows(
            cases.iter().map(|(h, c, st)| (h, c, st)),
        ))
    })
}

fn period() -> String {
    let today = (Utc::now().with_timezone(&CHINA_TIME)).date_naive();
    let end = today + Duration::days(i64::from(PUBLICITY_DAYS) - 1);
    format!("{today} 至 {end}")
}

/// The 公示 list of the scope (or a village), with its print and .xlsx links.
pub async fn publicity(
    State(county): State<Arc<County>>,
    s: Signed,
    Query(q): Query<ExportQuery>,
) -> Response {
    let village = match village_filter(&q) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let rows = match publicity_rows(&county, &s, village.clone(), "view_publicity").await {
        Ok(r) => r,
        Err(e) => return view::failure(&e),
    };
    let query = village
        .as_deref()
        .map(|v| format!("?village={v}"))
        .unwrap_or_default();
    let body = html! {
        form.noprint method="get" action="/console/publicity" {
            "村(社区)/乡镇代码 " input name="village" value=(village.as_deref().unwrap_or("")) size="12";
            " " button type="submit" { "筛选" }
        }
        p.noprint {
            a #xlsx href={ "/console/publicity.xlsx" (query) } { "下载 Excel" }
            " · " a #print href={ "/console/publicity/print" (query) } target="_blank" { "打印版" }
        }
        p.muted { "公示期 " (period()) "，共 " (rows.len()) " 户。只列申请人姓名、家庭人口和救助金额。" }
        table #publicity {
            tr { @for h in xlsx::publicity::PUBLICITY_HEADERS { th { (h) } } }
            @for (i, r) in rows.iter().enumerate() {
                tr {
                    td { (i + 1) } td { (r.village) } td { (r.applicant) }
                    td { (r.household_size) } td { (r.kind_label) } td { (r.amount.to_string()) }
                }
            }
        }
    };
    page(&s.account, &s.csrf, "公示名单", body)
}

/// The 公示 list as a page to print and post.
pub async fn publicity_print(
    State(county): State<Arc<County>>,
    s: Signed,
    Query(q): Query<ExportQuery>,
) -> Response {
    let village = match village_filter(&q) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    match publicity_rows(&county, &s, village, "print_publicity").await {
        Ok(rows) => Html(xlsx::publicity::publicity_html(
            &format!("{} 临时救助公示", county.county_code()),
            &period(),
            PUBLICITY_DAYS,
            OBJECTION_PHONE,
            &rows,
        ))
        .into_response(),
        Err(e) => view::failure(&e),
    }
}

fn xlsx_file(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The 公示 list as .xlsx.
pub async fn publicity_xlsx(
    State(county): State<Arc<County>>,
    s: Signed,
    Query(q): Query<ExportQuery>,
) -> Response {
    let village = match village_filter(&q) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let title = format!("{} 临时救助公示", county.county_code());
    match publicity_rows(&county, &s, village, "export_publicity").await {
        Ok(rows) => match xlsx::publicity::publicity_xlsx(&title, &period(), &rows) {
            Ok(bytes) => xlsx_file("publicity.xlsx", bytes),
            Err(e) => view::failure(&e.into()),
        },
        Err(e) => view::failure(&e),
    }
}

/// The cases of the scope (or a village) as .xlsx, ID numbers masked.
pub async fn cases_xlsx(
    State(county): State<Arc<County>>,
    s: Signed,
    Query(q): Query<ExportQuery>,
) -> Response {
    let village = match village_filter(&q) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let scope = s.account.scope.clone();
    let user = s.account.username.clone();
    let rows = county
        .run(Access::Snapshot, move |tx, code| {
            let statuses = ruhu_domain::case::CaseStatus::ALL.map(|s| s.code());
            let cases = gather(tx, code, &scope, village.as_deref(), &statuses)?;
            auth::audit(
                tx,
                &user,
                "export_cases",
                village.as_deref().unwrap_or(code),
                Utc::now().timestamp(),
            )?;
            let now = Utc::now();
            Ok(cases
                .iter()
                .map(|(h, c, st)| xlsx::cases::case_export_row(h, c, st, now))
                .collect::<Vec<_>>())
        })
        .await;
    match rows.map(|r| xlsx::cases::cases_xlsx(&r)) {
        Ok(Ok(bytes)) => xlsx_file("cases.xlsx", bytes),
        Ok(Err(e)) => view::failure(&e.into()),
        Err(e) => view::failure(&e),
    }
}
