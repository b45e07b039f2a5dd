//! The console's page frame and the words it shows for codes: Chinese first, one stylesheet
//! (served from /console/static, never inline: the CSP allows no inline style or script).

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::DateTime;
use maud::{DOCTYPE, Markup, html};
use ruhu_domain::calendar::CHINA_TIME;

use super::auth::Account;
use crate::error::CountyError;

/// A whole page for a signed-in account.
pub fn page(account: &Account, csrf: &str, title: &str, body: Markup) -> Response {
    let m = html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                title { (title) " · 入户 县级平台" }
                link rel="stylesheet" href=(super::assets::CONSOLE_CSS_PATH);
            }
            body {
                header {
                    strong { "入户 · 县级平台" }
                    a href="/console" { "总览" }
                    a href="/console/cases" { "案件" }
                    a href="/console/publicity" { "公示" }
                    @if account.role.reviews() { a href="/console/photos" { "照片审核" } }
                    @if account.role == super::auth::Role::CountyAdmin {
                        a href="/console/devices" { "设备" }
                        a href="/console/audit" { "审计日志" }
                    }
                    a href="/console/policy" { "政策" }
                    span.who {
                        (account.display_name) "（" (account.role.label()) "）"
                        form method="post" action="/console/logout" {
                            input type="hidden" name="csrf" value=(csrf);
                            " " button type="submit" { "退出" }
                        }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    };
    Html(m.into_string()).into_response()
}

/// A page with only a message (errors, refusals), for anyone.
pub fn message(status: StatusCode, title: &str, text: &str) -> Response {
    let m = html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                title { (title) }
                link rel="stylesheet" href=(super::assets::CONSOLE_CSS_PATH);
            }
            body { main { h1 { (title) } p.error { (text) } p { a href="/console" { "返回" } } } }
        }
    };
    (status, Html(m.into_string())).into_response()
}

/// A failure of the store, shown without its internals (they are in the server log).
pub fn failure(e: &CountyError) -> Response {
    e.log("console request failed");
    let (status, text) = match e.code {
        ruhu_proto::v1::ErrorCode::OutOfScope => {
            (StatusCode::FORBIDDEN, "这条记录不在您的负责范围内。")
        }
        ruhu_proto::v1::ErrorCode::Malformed | ruhu_proto::v1::ErrorCode::InvalidContent => {
            (StatusCode::BAD_REQUEST, e.message.as_str())
        }
        ruhu_proto::v1::ErrorCode::Unavailable => (
            StatusCode::SERVICE_UNAVAILABLE,
            "数据库暂时不可用，请稍后重试。",
        ),
        _ => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "系统内部错误，已记录，请稍后重试。",
        ),
    };
    message(status, "未能完成", text)
}

/// Unix ms as China time, minutes.
pub fn time(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|d| {
            d.with_timezone(&CHINA_TIME)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// A case status in words (as the exports print it).
pub fn status(code: &str) -> &'static str {
    ruhu_domain::case::CaseStatus::from_code(code)
        .map(crate::xlsx::cases::status_label)
        .unwrap_or("未知")
}

/// A clock in words.
pub fn clock(code: &str) -> &'static str {
    match code {
        "advance_aid_critical" => "先行救助（2 小时）",
        "advance_aid_urgent" => "先行救助（24 小时）",
        "materials_after_advance_aid" => "补齐材料",
        "home_visit_start" => "开始入户调查",
        "preliminary_review" => "调查初审意见",
        "township_approval" => "乡镇审核审批",
        "county_decision" => "县级审批",
        "rejection_notice" => "送达不予救助通知",
        "publicity" => "公示",
        "referral_feedback" => "转办反馈",
        _ => "时限",
    }
}

/// A photo kind in words.
pub fn photo_kind(code: &str) -> &'static str {
    match code {
        "house" => "住房",
        "people" => "家庭成员",
        "damage" => "受灾/损失",
        "id_card" => "身份证",
        "medical_bill" => "医疗票据",
        "authorization" => "核对授权书",
        "signature" => "签字",
        "public_notice" => "公示张贴",
        _ => "其他",
    }
}

/// The CSS class of a clock at `now` (Unix ms): overdue, due within a day, or running.
pub fn clock_class(due: i64, now: i64) -> &'static str {
    if due < now {
        "overdue"
    } else if due - now < 24 * 3_600_000 {
        "due_soon"
    } else {
        ""
    }
}
