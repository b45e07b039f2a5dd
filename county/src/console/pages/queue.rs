//! The dashboard and the case queue.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::Response;
use maud::{Markup, html};
use ruhu_domain::case::CaseStatus;
use serde::Deserialize;

use crate::console::Signed;
use crate::console::view::{self, page};
use crate::db::Access;
use crate::db::console::CaseQuery;
use crate::state::County;

use super::*;

/// Cases by status and clock, overdue first.
pub async fn dashboard(State(county): State<Arc<County>>, s: Signed) -> Response {
    let scope = s.account.scope.clone();
    let now = now_ms();
    let data = county
        .run(Access::Snapshot, move |tx, _| {
            let counts = tx.case_counts(&scope, now)?;
            let townships = tx.township_warnings(&scope, now)?;
            let nearest = tx.case_list(&CaseQuery {
                scope,
                limit: 15,
                ..Default::default()
            })?;
            Ok((counts, nearest, townships))
        })
        .await;
    let (counts, nearest, townships) = match data {
        Ok(d) => d,
        Err(e) => return view::failure(&e),
    };
    let open: i64 = counts
        .iter()
        .filter(|c| CaseStatus::from_code(&c.status).is_none_or(|s| s.is_open()))
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
        h2 { "各乡镇预警" }
        table #townships {
            tr { th { "乡镇" } th { "超期案件" } th { "待走访户数" } th { "待走访任务" } }
            @for t in &townships {
                tr {
                    td { a href={ "/console/cases?village=" (t.township) } { (t.township) } }
                    td class=(if t.overdue_cases > 0 { "overdue" } else { "" }) { (t.overdue_cases) }
                    td { (t.households) }
                    td { (t.tasks) }
                }
            }
        }
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
    let village = match crate::console::exports::village_prefix(q.village.as_deref()) {
        Ok(v) => v,
        Err(r) => return *r,
    };
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
    let statuses = ruhu_domain::case::CaseStatus::ALL.map(|s| s.code());
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
