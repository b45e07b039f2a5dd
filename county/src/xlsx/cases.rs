//! 案件导出: one row per case for the county's own follow-up, with the 户主's ID number masked
//! (province and the last four only), the nearest deadline and whether a clock has passed.

use chrono::{DateTime, Utc};
use ruhu_domain::case::{Case, CasePath, CaseState, CaseStatus};
use ruhu_domain::household::Household;
use ruhu_domain::money::Money;
use rust_xlsxwriter::Workbook;

use super::publicity::kind_label;
use super::{
    XlsxError, cell_format, china_time, header_format, time_format, write_text, yuan_format,
    yuan_value,
};

/// The header row of the case export, left to right.
pub const CASE_HEADERS: [&str; 13] = [
    "案件编号",
    "村(社区)",
    "网格",
    "户主",
    "身份证号",
    "类型",
    "路径",
    "状态",
    "受理时间",
    "下一时限",
    "是否超期",
    "已发放(元)",
    "冲突数",
];

/// One case as exported: plain data, the ID number already masked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseExportRow {
    /// 案件编号 (the case document id).
    pub case_id: String,
    /// 村(社区) name (the code where the household has no name recorded).
    pub village: String,
    /// 网格.
    pub grid: String,
    /// 户主 name.
    pub head_name: String,
    /// 户主 ID number, masked like `37************0631`; empty when none is recorded.
    pub head_id_masked: String,
    /// 类型: 紧急型 or 支出型.
    pub kind: String,
    /// 路径: which clock the case runs on.
    pub path: String,
    /// 状态.
    pub status: String,
    /// 受理时间: when the request was received.
    pub opened_at: DateTime<Utc>,
    /// 下一时限: the nearest running clock's due time, while the case is open.
    pub next_deadline: Option<DateTime<Utc>>,
    /// 是否超期: an open case with a clock past due at export time.
    pub overdue: bool,
    /// 已发放: everything paid (先行救助 and batches).
    pub paid: Money,
    /// 冲突数: events that did not apply after a merge, for a supervisor to settle.
    pub conflicts: u32,
}

/// The printed name of a case path.
pub fn path_label(path: CasePath) -> &'static str {
    match path {
        CasePath::Normal => "一般程序",
        CasePath::Urgent => "急难（24小时先行救助）",
        CasePath::Critical => "紧急（2小时先行救助）",
    }
}

/// The printed name of a case status.
pub fn status_label(status: CaseStatus) -> &'static str {
    match status {
        CaseStatus::Reported => "待受理",
        CaseStatus::Accepted => "已受理",
        CaseStatus::Investigated => "已调查",
        CaseStatus::Reviewed => "已初审",
        CaseStatus::Approved => "已审批",
        CaseStatus::Rejected => "不予救助",
        CaseStatus::Closed => "已结案",
    }
}

/// The export row of a case, from its household and its state replayed under the county's
/// rules; `now` decides what is overdue.
pub fn case_export_row(
    household: &Household,
    case: &Case,
    state: &CaseState,
    now: DateTime<Utc>,
) -> CaseExportRow {
    let address = &household.profile.address;
    let village = if address.village_name.trim().is_empty() {
        case.village_code.clone()
    } else {
        address.village_name.clone()
    };
    let head = household.head();
    let open = state.status.is_open();
    CaseExportRow {
        case_id: case.id.clone(),
        village,
        grid: case.grid_code.clone(),
        head_name: head.map(|m| m.name.clone()).unwrap_or_default(),
        head_id_masked: head
            .and_then(|m| m.id_number.as_ref())
            .map(|id| id.masked())
            .unwrap_or_default(),
        kind: kind_label(case.kind).to_string(),
        path: path_label(case.path).to_string(),
        status: status_label(state.status).to_string(),
        opened_at: case.opened_at,
        next_deadline: if open { state.next_deadline() } else { None },
        overdue: open && state.is_overdue(now),
        paid: state.total_paid,
        conflicts: u32::try_from(state.conflicts.len()).unwrap_or(u32::MAX),
    }
}

/// The case export as an .xlsx workbook: the header row ([`CASE_HEADERS`]) frozen at the top,
/// one row per case; times are China time, money is 元 with two decimals.
pub fn cases_xlsx(rows: &[CaseExportRow]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("案件")?;
    let header = header_format();
    for (col, name) in CASE_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &header)?;
    }
    let cell = cell_format();
    let time = time_format();
    let yuan = yuan_format();
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1)
            .map_err(|_| XlsxError::from(rust_xlsxwriter::XlsxError::RowColumnLimitError))?;
        for (col, text) in [
            &r.case_id,
            &r.village,
            &r.grid,
            &r.head_name,
            &r.head_id_masked,
            &r.kind,
            &r.path,
            &r.status,
        ]
        .into_iter()
        .enumerate()
        {
            write_text(sheet, row, col as u16, text, &cell)?;
        }
        sheet.write_datetime_with_format(row, 8, china_time(r.opened_at), &time)?;
        match r.next_deadline {
            Some(due) => sheet.write_datetime_with_format(row, 9, china_time(due), &time)?,
            None => sheet.write_blank(row, 9, &cell)?,
        };
        sheet.write_string_with_format(row, 10, if r.overdue { "是" } else { "否" }, &cell)?;
        sheet.write_number_with_format(row, 11, yuan_value(r.paid), &yuan)?;
        sheet.write_number_with_format(row, 12, r.conflicts, &cell)?;
    }
    for (col, width) in [
        38.0, 14.0, 10.0, 10.0, 21.0, 20.0, 22.0, 10.0, 17.0, 17.0, 9.0, 12.0, 8.0,
    ]
    .into_iter()
    .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    sheet.autofilter(0, 0, last_row, (CASE_HEADERS.len() - 1) as u16)?;
    Ok(book.save_to_buffer()?)
}
