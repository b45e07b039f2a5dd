//! Spreadsheets for the county console: the 公示 list (as .xlsx and as a printable page), the
//! case export, and the import of the 低保/特困 rosters counties keep today. Pure functions over
//! plain data: no database, no HTTP, no logging of what the files hold.

pub mod cases;
pub mod publicity;
pub mod roster;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDateTime, Utc};
use ruhu_domain::calendar::CHINA_TIME;
use ruhu_domain::money::Money;
use ruhu_proto::v1::ErrorCode;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use crate::error::CountyError;

/// Why a spreadsheet could not be written. Carries the writer's error kind only, never a cell's
/// content.
#[derive(Debug, thiserror::Error)]
#[error("表格文件无法生成（{kind}）")]
pub struct XlsxError {
    kind: String,
}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        // Some variants quote a sheet name or a parameter: keep the variant's name only.
        let debug = format!("{e:?}");
        let kind = debug
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_string();
        XlsxError { kind }
    }
}

impl From<XlsxError> for CountyError {
    fn from(e: XlsxError) -> Self {
        CountyError::new(ErrorCode::Internal, e.to_string())
    }
}

/// Number format of every money cell: 元 with two decimals.
const YUAN_FORMAT: &str = "0.00";
/// Number format of every time cell, China time.
const TIME_FORMAT: &str = "yyyy-mm-dd hh:mm";

/// The value of a money cell in 元. Money is integer 分 everywhere else; this division is the one
/// place a float appears, and `fen / 100` is the double nearest the exact decimal.
fn yuan_value(m: Money) -> f64 {
    m.fen() as f64 / 100.0
}

/// 元 with two decimals as text, from 分 by integer arithmetic (for pages).
fn yuan_text(m: Money) -> String {
    let sign = if m.fen() < 0 { "-" } else { "" };
    let abs = m.fen().unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// An instant as the wall-clock time in China, for a time cell.
fn china_time(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&CHINA_TIME).naive_local()
}

/// Bold, bordered, centred: the header row.
fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
}

/// A bordered data cell.
fn cell_format() -> Format {
    Format::new().set_border(FormatBorder::Thin)
}

/// A bordered money cell.
fn yuan_format() -> Format {
    cell_format().set_num_format(YUAN_FORMAT)
}

/// A bordered time cell.
fn time_format() -> Format {
    cell_format().set_num_format(TIME_FORMAT)
}

/// Whether a spreadsheet program would read `text` typed into a cell as a formula (or, saved as
/// CSV and opened again, run it): it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return.
fn reads_as_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Writes `text` as a text cell, the one way every export writes text: a value that would read
/// as a formula gets the quote-prefix style as well, so it stays text when a clerk edits the
/// cell (the value itself is kept exactly: "+86…" stays a phone number).
fn write_text(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if reads_as_formula(text) {
        sheet.write_string_with_format(row, col, text, &format.clone().set_quote_prefix())?;
    } else {
        sheet.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
