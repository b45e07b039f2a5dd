//! Spreadsheet tests: workbooks are written with rust_xlsxwriter and read back with calamine.
//! Every person is fictional, every ID number composed for the test in the unassigned county
//! 370599.

mod exports;
mod roster;

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use chrono::{DateTime, NaiveDate, Utc};
use ruhu_domain::calendar::CHINA_TIME;

/// The day the tests run on.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// An instant given in China time.
fn china(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|date| date.and_hms_opt(h, min, 0))
        .and_then(|t| t.and_local_timezone(CHINA_TIME).single())
        .unwrap()
        .with_timezone(&Utc)
}

/// The first sheet of a workbook.
fn first_sheet(bytes: &[u8]) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.worksheet_range_at(0).unwrap().unwrap()
}

/// A cell as text, for comparisons.
fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(x) => x.to_string(),
        Data::Int(n) => n.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// Every cell of a sheet as text.
fn all_text(range: &Range<Data>) -> Vec<String> {
    range.rows().flat_map(|r| r.iter().map(text)).collect()
}
