//! 花名册导入: the 低保/特困/低收入 rosters counties keep in spreadsheets today, one household a
//! row. Every row is checked before anything is taken; every problem is reported at once, by
//! row and column, in words that never repeat a name or an ID number, and the result is all the
//! rows or none. The template's columns and how a header row is found are in `layout`; the
//! checks of one row in `row`.

mod layout;
mod row;

use std::collections::HashMap;
use std::fmt;
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::{DateTime, NaiveDate, Utc};
use ruhu_domain::household::{
    Address, HardshipCategories, Household, HouseholdFlags, HouseholdProfile, Housing,
};
use ruhu_domain::id_number::IdNumber;
use ruhu_domain::member::{
    Education, Health, MaritalStatus, Member, MemberStatus, Relation, SchoolStage, WorkStatus,
};
use ruhu_domain::money::Money;
use ruhu_proto::v1::ErrorCode;

use crate::error::CountyError;
use layout::{Column, Layout, is_blank};
use row::RowCheck;

/// How many leading rows may hold a title before the header row.
const HEADER_SEARCH_ROWS: usize = 10;
/// How many problems the message lists before it only counts the rest.
const MESSAGE_PROBLEMS: usize = 50;
/// 门牌 of an imported household whose roster has no address column.
pub const ADDRESS_UNKNOWN: &str = "待入户核实";

/// The category a roster row puts the household in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RosterCategory {
    /// 低保 (城市 or 农村).
    Dibao,
    /// 特困 (特困供养人员; 五保 on older rosters).
    Tekun,
    /// 低收入 (incl. 低保边缘).
    LowIncome,
}

impl RosterCategory {
    /// The word on the roster.
    pub fn label(self) -> &'static str {
        match self {
            RosterCategory::Dibao => "低保",
            RosterCategory::Tekun => "特困",
            RosterCategory::LowIncome => "低收入",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if t.contains("特困") || t.contains("五保") {
            Some(RosterCategory::Tekun)
        } else if t.contains("低收入") || t.contains("低保边缘") || t.contains("低边") {
            Some(RosterCategory::LowIncome)
        } else if t.contains("低保") {
            Some(RosterCategory::Dibao)
        } else {
            None
        }
    }
}

/// One checked household row of a roster. `Debug` leaves out the name and the phone and masks
/// the ID number, so a row in a log names nobody.
#[derive(Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// The row number as the spreadsheet shows it (1-based).
    pub row: usize,
    /// 户主姓名.
    pub head_name: String,
    /// 户主身份证号, checked (structure, birth date, check character).
    pub id_number: IdNumber,
    /// 家庭人口 as the roster states it (1–20).
    pub household_size: u32,
    /// 村(社区)代码, 12 digits within the county.
    pub village_code: String,
    /// 村(社区)名称, when the roster has the column.
    pub village_name: Option<String>,
    /// 网格.
    pub grid: String,
    /// 低保, 特困 or 低收入.
    pub category: RosterCategory,
    /// 联系电话, when given.
    pub phone: Option<String>,
    /// 月保障金额, when given.
    pub monthly_amount: Option<Money>,
    /// 家庭住址 / 门牌, when the roster has the column.
    pub address: Option<String>,
}

impl fmt::Debug for RosterRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RosterRow")
            .field("row", &self.row)
            .field("id_number", &self.id_number)
            .field("household_size", &self.household_size)
            .field("village_code", &self.village_code)
            .field("grid", &self.grid)
            .field("category", &self.category)
            .field("monthly_amount", &self.monthly_amount)
            .finish_non_exhaustive()
    }
}

/// One problem in one cell of the roster. `reason` is Chinese and never repeats the cell's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number as the spreadsheet shows it (1-based).
    pub row: usize,
    /// The column's header as written in the file (or the template's name when the column is
    /// missing; `整行` for the row as a whole).
    pub column: String,
    /// What to fix.
    pub reason: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}行「{}」：{}", self.row, self.column, self.reason)
    }
}

/// Why a roster was refused. Nothing of it was imported. Messages name rows and columns, never
/// a person or an ID number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    /// Not a spreadsheet calamine can read.
    #[error("文件不是 Excel 表格（.xlsx），请在 Excel 或 WPS 中“另存为” .xlsx 后再导入")]
    NotXlsx,
    /// The first sheet has no header or no data rows.
    #[error("第一个工作表中没有找到花名册数据，请检查文件")]
    Empty,
    /// Required columns are missing from the header row.
    #[error("表头缺少以下列：{}。请按模板填写表头后再导入", .missing.join("、"))]
    WrongColumns {
        /// The template's names of the missing columns.
        missing: Vec<String>,
    },
    /// Rows with problems, every one of them.
    #[error("{}", rows_message(.0))]
    Rows(Vec<RowProblem>),
}

fn rows_message(problems: &[RowProblem]) -> String {
    let mut msg = format!(
        "花名册中有 {} 处需要修改，没有导入任何数据：",
        problems.len()
    );
    for p in problems.iter().take(MESSAGE_PROBLEMS) {
        msg.push('\n');
        msg.push_str(&p.to_string());
    }
    if problems.len() > MESSAGE_PROBLEMS {
        msg.push_str(&format!(
            "\n……另有 {} 处未列出",
            problems.len() - MESSAGE_PROBLEMS
        ));
    }
    msg
}

impl From<RosterError> for CountyError {
    fn from(e: RosterError) -> Self {
        CountyError::new(ErrorCode::InvalidContent, e.to_string())
    }
}

/// Reads a roster: the first sheet, the header within its first rows (a title above it is
/// fine), then one household a row (blank rows are skipped). `county_code` is the importing
/// county (every village code must lie in it); `today` bounds birth dates. `progress` is called
/// with (rows checked, rows in all), increasing, ending at the total.
///
/// `Ok` only when every row is valid: the caller imports all of them or, on `Err`, none.
pub fn read_roster(
    bytes: &[u8],
    county_code: &str,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<RosterRow>, RosterError> {
    let mut book =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| RosterError::NotXlsx)?;
    let range = match book.worksheet_range_at(0) {
        None => return Err(RosterError::Empty),
        Some(Err(_)) => return Err(RosterError::NotXlsx),
        Some(Ok(range)) => range,
    };
    let Some((first_row, _)) = range.start() else {
        return Err(RosterError::Empty);
    };
    let rows: Vec<&[Data]> = range.rows().collect();
    let (header_index, layout) = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(i, cells)| (i, Layout::from_header(cells)))
        .max_by_key(|(i, layout)| (layout.columns.len(), std::cmp::Reverse(*i)))
        .ok_or(RosterError::Empty)?;
    let missing = layout.missing();
    if !missing.is_empty() {
        return Err(RosterError::WrongColumns { missing });
    }
    let data: Vec<(usize, &[Data])> = rows
        .iter()
        .enumerate()
        .skip(header_index + 1)
        .filter(|(_, cells)| !is_blank(cells))
        .map(|(i, cells)| (first_row as usize + i + 1, *cells))
        .collect();
    if data.is_empty() {
        return Err(RosterError::Empty);
    }
    let total = data.len();
    let step = (total / 200).max(1);
    let mut problems = Vec::new();
    let mut parsed = Vec::with_capacity(total);
    let mut seen: HashMap<IdNumber, usize> = HashMap::new();
    for (done, (row, cells)) in data.into_iter().enumerate() {
        let mut check = RowCheck {
            row,
            layout: &layout,
            problems: Vec::new(),
        };
        if let Some(r) = check.parse(cells, county_code, today) {
            if let Some(first) = seen.get(&r.id_number) {
                check.add(Column::IdNumber, format!("身份证号与第{first}行重复"));
            } else {
                seen.insert(r.id_number.clone(), row);
            }
            if check.problems.is_empty() {
                check.household_rules(&r, county_code, today);
            }
            if check.problems.is_empty() {
                parsed.push(r);
            }
        }
        problems.append(&mut check.problems);
        let done = done + 1;
        if done % step == 0 || done == total {
            progress(done, total);
        }
    }
    if problems.is_empty() {
        Ok(parsed)
    } else {
        Err(RosterError::Rows(problems))
    }
}

/// The household a roster row becomes: its head (name, ID number, and the sex and birth date the
/// number carries), the address from the village code and grid, the category and 已在保 for
/// 低保/特困. `imported_by` is the supervisor who imports, recorded as the registrar.
///
/// The roster holds only the head: the other members (`household_size` − 1) are registered at
/// the first 入户调查. The head's work, schooling, marital status and education are not on a
/// roster either; they are set from age alone and the visit corrects them. Without an address
/// column the 门牌 reads [`ADDRESS_UNKNOWN`]; without a village name column the name is the code.
pub fn roster_household(
    row: &RosterRow,
    county_code: &str,
    imported_by: &str,
    now: DateTime<Utc>,
) -> Household {
    let birth = row.id_number.birth_date();
    let age = now.date_naive().years_since(birth).unwrap_or(0);
    let head = Member {
        name: row.head_name.clone(),
        id_number: Some(row.id_number.clone()),
        relation: Relation::Head,
        sex: row.id_number.sex(),
        birth_date: birth,
        health: Health::default(),
        work: match age {
            0..=5 => WorkStatus::Preschool,
            6..=17 => WorkStatus::Student,
            60.. => WorkStatus::Retired,
            _ => WorkStatus::Unemployed,
        },
        school: match age {
            3..=5 => SchoolStage::Preschool,
            6..=11 => SchoolStage::Primary,
            12..=14 => SchoolStage::JuniorMiddle,
            15..=17 => SchoolStage::SeniorHigh,
            _ => SchoolStage::NotInSchool,
        },
        marital: MaritalStatus::Unmarried,
        education: Education::None,
        status: MemberStatus::Present,
    };
    let category = row.category;
    Household {
        id: uuid::Uuid::new_v4().to_string(),
        registered_by: imported_by.to_string(),
        registered_at: now,
        profile: HouseholdProfile {
            address: Address {
                county_code: county_code.to_string(),
                township_code: row.village_code.get(..9).unwrap_or_default().to_string(),
                village_code: row.village_code.clone(),
                village_name: row
                    .village_name
                    .clone()
                    .unwrap_or_else(|| row.village_code.clone()),
                grid_code: row.grid.clone(),
                detail: row
                    .address
                    .clone()
                    .unwrap_or_else(|| ADDRESS_UNKNOWN.to_string()),
            },
            contact_phone: row.phone.clone().unwrap_or_default(),
            location: None,
            housing: Housing::default(),
            categories: HardshipCategories {
                dibao: category == RosterCategory::Dibao,
                tekun: category == RosterCategory::Tekun,
                low_income: category == RosterCategory::LowIncome,
                ..HardshipCategories::default()
            },
            flags: HouseholdFlags {
                already_assisted: matches!(category, RosterCategory::Dibao | RosterCategory::Tekun),
                ..HouseholdFlags::default()
            },
        },
        members: [(uuid::Uuid::new_v4().to_string(), head)].into(),
        supporters: Default::default(),
        economics: Default::default(),
        evidence: Default::default(),
        review: Default::default(),
        visit_tasks: Default::default(),
    }
}
