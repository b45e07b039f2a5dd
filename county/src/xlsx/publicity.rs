//! 公示名单: approved help published in the village. Only the applicant's name, household size,
//! village, kind and amount: the row type has no field for an ID number or health details, so
//! neither can reach the list.

use ruhu_domain::case::{AssistanceKind, Case, CaseState, CaseStatus};
use ruhu_domain::household::Household;
use ruhu_domain::money::Money;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};

use super::{
    XlsxError, cell_format, escape_html, header_format, write_text, yuan_format, yuan_text,
    yuan_value,
};

/// The header row of the 公示 list, left to right.
pub const PUBLICITY_HEADERS: [&str; 6] = [
    "序号",
    "村(社区)",
    "申请人",
    "家庭人口",
    "救助类型",
    "救助金额(元)",
];

/// One line of a 公示 list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicityRow {
    /// 申请人: the head of household's name.
    pub applicant: String,
    /// 家庭人口: members present in the household.
    pub household_size: u32,
    /// 救助金额: approved help plus any 先行救助, or what was paid where nothing was approved.
    pub amount: Money,
    /// 村(社区) name.
    pub village: String,
    /// 救助类型, as printed.
    pub kind_label: String,
}

/// The printed name of a 临时救助 kind.
pub fn kind_label(kind: AssistanceKind) -> &'static str {
    match kind {
        AssistanceKind::Emergency => "临时救助（紧急型）",
        AssistanceKind::Expenditure => "临时救助（支出型）",
    }
}

/// The amount a case publishes: the approved amount plus 先行救助 (which the approval does not
/// cover); where nothing was approved yet (事后公示 on the 急难 path), what was paid. `None` for a
/// rejected case or one with nothing approved or paid.
pub fn published_amount(state: &CaseState) -> Option<Money> {
    if state.status == CaseStatus::Rejected {
        return None;
    }
    let advance_aid = Money::from_fen(state.total_paid.fen() - state.batches_paid.fen());
    let amount = match state.approved_amount {
        Some(approved) => approved.checked_add(advance_aid)?,
        None => state.total_paid,
    };
    (amount.fen() > 0).then_some(amount)
}

/// The 公示 rows of the given cases, in their order; cases with nothing to publish (rejected,
/// nothing approved or paid) are left out. The caller chooses which cases belong to the list
/// (village, period, 公示 status).
pub fn publicity_rows<'a>(
    cases: impl IntoIterator<Item = (&'a Household, &'a Case, &'a CaseState)>,
) -> Vec<PublicityRow> {
    cases
        .into_iter()
        .filter_map(|(household, case, state)| {
            let amount = published_amount(state)?;
            let address = &household.profile.address;
            let village = if address.village_name.trim().is_empty() {
                address.village_code.clone()
            } else {
                address.village_name.clone()
            };
            Some(PublicityRow {
                applicant: household.head().map(|m| m.name.clone()).unwrap_or_default(),
                household_size: u32::try_from(household.present_members().count())
                    .unwrap_or(u32::MAX),
                amount,
                village,
                kind_label: kind_label(case.kind).to_string(),
            })
        })
        .collect()
}

/// The 公示 list as an .xlsx workbook: the title and the period above, then the header row
/// ([`PUBLICITY_HEADERS`], row 3) and one row per line; amounts are numbers shown with two
/// decimals. Set up to print on A4 landscape, one page wide, the header repeated on each page.
pub fn publicity_xlsx(
    title: &str,
    period: &str,
    rows: &[PublicityRow],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("公示名单")?;
    let title_format = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let last = (PUBLICITY_HEADERS.len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last, title, &title_format)?;
    sheet.merge_range(
        1,
        0,
        1,
        last,
        &format!("公示期：{period}"),
        &Format::new().set_align(FormatAlign::Center),
    )?;
    let header = header_format();
    for (col, name) in PUBLICITY_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *name, &header)?;
    }
    let cell = cell_format();
    let yuan = yuan_format();
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 3).map_err(|_| too_many_rows())?;
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &cell)?;
        write_text(sheet, row, 1, &r.village, &cell)?;
        write_text(sheet, row, 2, &r.applicant, &cell)?;
        sheet.write_number_with_format(row, 3, r.household_size, &cell)?;
        write_text(sheet, row, 4, &r.kind_label, &cell)?;
        sheet.write_number_with_format(row, 5, yuan_value(r.amount), &yuan)?;
    }
    for (col, width) in [6.0, 16.0, 12.0, 10.0, 20.0, 14.0].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(2, 2)?;
    Ok(book.save_to_buffer()?)
}

fn too_many_rows() -> XlsxError {
    XlsxError::from(rust_xlsxwriter::XlsxError::RowColumnLimitError)
}

/// Where the console serves the printable page's stylesheet (no inline style: the CSP
/// forbids it).
pub const PRINT_CSS_PATH: &str = "/console/static/print.css";

/// The 公示 list as a printable HTML page: title, period, the table, and the notice (公示期
/// `days` 天, where to object). Every text is escaped. `days` is the county policy's 公示 length
/// (national rule: 7 days).
pub fn publicity_html(
    title: &str,
    period: &str,
    days: u32,
    objection_phone: &str,
    rows: &[PublicityRow],
) -> String {
    let title = escape_html(title);
    let period = escape_html(period);
    let phone = escape_html(objection_phone);
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!("<title>{title}</title>\n"));
    html.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{PRINT_CSS_PATH}\">\n</head>\n<body>\n"
    ));
    html.push_str(&format!(
        "<h1>{title}</h1>\n<p class=\"period\">公示期：{period}</p>\n"
    ));
    html.push_str("<table>\n<thead><tr>");
    for name in PUBLICITY_HEADERS {
        html.push_str(&format!("<th>{}</th>", escape_html(name)));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for (i, r) in rows.iter().enumerate() {
        html.push_str(&format!(
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>\n",
            i + 1,
            escape_html(&r.village),
            escape_html(&r.applicant),
            r.household_size,
            escape_html(&r.kind_label),
            yuan_text(r.amount),
        ));
    }
    html.push_str("</tbody>\n</table>\n");
    html.push_str(&format!(
        "<p class=\"notice\">公示期 {days} 天。对公示对象有异议的，请在公示期内拨打异议电话 {phone} 反映，\
         或向村(社区)、乡镇(街道)当面提出。</p>\n"
    ));
    html.push_str("</body>\n</html>\n");
    html
}
