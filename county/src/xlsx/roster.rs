//! 花名册导入: the 低保/特困/低收入 rosters counties keep in spreadsheets today, one household a
//! row. Every row is checked before anything is taken; every problem is reported at once, by
//! row and column, in words that never repeat a name or an ID number, and the result is all the
//! rows or none.

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
use ruhu_domain::money::{AmountError, Money};
use ruhu_proto::v1::ErrorCode;

use crate::error::CountyError;

/// How many leading rows may hold a title before the header row.
const HEADER_SEARCH_ROWS: usize = 10;
/// How many problems the message lists before it only counts the rest.
const MESSAGE_PROBLEMS: usize = 50;
/// 门牌 of an imported household whose roster has no address column.
pub const ADDRESS_UNKNOWN: &str = "待入户核实";

/// A column of the roster template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Column {
    HeadName,
    IdNumber,
    Relation,
    HouseholdSize,
    VillageCode,
    VillageName,
    Grid,
    Category,
    Phone,
    MonthlyAmount,
    Address,
}

impl Column {
    const ALL: [Column; 11] = [
        Column::HeadName,
        Column::IdNumber,
        Column::Relation,
        Column::HouseholdSize,
        Column::VillageCode,
        Column::VillageName,
        Column::Grid,
        Column::Category,
        Column::Phone,
        Column::MonthlyAmount,
        Column::Address,
    ];

    /// The header in the county's template.
    fn name(self) -> &'static str {
        self.aliases()[0]
    }

    fn required(self) -> bool {
        matches!(
            self,
            Column::HeadName
                | Column::IdNumber
                | Column::HouseholdSize
                | Column::VillageCode
                | Column::Grid
                | Column::Category
        )
    }

    /// Headers accepted for the column, after `normalize_header`; the template's first.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::HeadName => &["户主姓名", "姓名", "户主", "申请人", "申请人姓名"],
            Column::IdNumber => &[
                "身份证号",
                "身份证号码",
                "户主身份证号",
                "户主身份证号码",
                "公民身份号码",
                "证件号码",
            ],
            Column::Relation => &["与户主关系", "关系"],
            Column::HouseholdSize => &["家庭人口", "家庭人口数", "家庭人数", "人口数", "户人口数"],
            Column::VillageCode => &[
                "村(社区)代码",
                "村社区代码",
                "村(居)代码",
                "村代码",
                "社区代码",
                "村级区划代码",
            ],
            Column::VillageName => &["村(社区)名称", "村(社区)", "村社区", "村(居)", "村名"],
            Column::Grid => &["网格", "网格号", "网格编号", "所属网格"],
            Column::Category => &["类别", "救助类别", "保障类别", "人员类别", "困难类别"],
            Column::Phone => &["联系电话", "电话", "手机号", "手机号码", "联系方式"],
            Column::MonthlyAmount => &[
                "月保障金额(元)",
                "月保障金额",
                "保障金额(元)",
                "保障金额",
                "月保障金(元)",
                "月保障金",
            ],
            Column::Address => &["家庭住址", "住址", "地址", "详细地址", "门牌"],
        }
    }
}

/// A header as written, reduced for matching: no spaces or required-marks, ASCII parentheses.
fn normalize_header(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

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

/// Where each column sits in the sheet, and its header as written.
struct Layout {
    columns: HashMap<Column, (usize, String)>,
}

impl Layout {
    /// The known headers of a row (none when it is not the header row).
    fn from_header(cells: &[Data]) -> Layout {
        let mut columns = HashMap::new();
        for (i, cell) in cells.iter().enumerate() {
            let Data::String(text) = cell else { continue };
            let norm = normalize_header(text);
            if let Some(col) = Column::ALL
                .into_iter()
                .find(|c| c.aliases().contains(&norm.as_str()))
            {
                columns
                    .entry(col)
                    .or_insert_with(|| (i, text.trim().to_string()));
            }
        }
        Layout { columns }
    }

    fn missing(&self) -> Vec<String> {
        Column::ALL
            .into_iter()
            .filter(|c| c.required() && !self.columns.contains_key(c))
            .map(|c| c.name().to_string())
            .collect()
    }

    fn cell<'a>(&self, cells: &'a [Data], col: Column) -> &'a Data {
        self.columns
            .get(&col)
            .and_then(|(i, _)| cells.get(*i))
            .unwrap_or(&Data::Empty)
    }

    fn header(&self, col: Column) -> String {
        self.columns
            .get(&col)
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| col.name().to_string())
    }
}

fn is_blank(cells: &[Data]) -> bool {
    cells.iter().all(|c| match c {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    })
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

/// The checks of one row, collecting its problems.
struct RowCheck<'a> {
    row: usize,
    layout: &'a Layout,
    problems: Vec<RowProblem>,
}

impl RowCheck<'_> {
    fn add(&mut self, col: Column, reason: impl Into<String>) {
        self.problems.push(RowProblem {
            row: self.row,
            column: self.layout.header(col),
            reason: reason.into(),
        });
    }

    /// The cell's text, or a problem when the cell holds no text (a date, an error value).
    fn text(&mut self, cells: &[Data], col: Column) -> Option<String> {
        match cell_text(self.layout.cell(cells, col)) {
            Ok(t) => Some(t),
            Err(reason) => {
                self.add(col, reason);
                None
            }
        }
    }

    fn required_text(&mut self, cells: &[Data], col: Column, max: usize) -> Option<String> {
        let t = self.text(cells, col)?;
        if t.is_empty() {
            self.add(col, "必填");
            None
        } else if t.chars().count() > max {
            self.add(col, format!("不能超过{max}个字"));
            None
        } else {
            Some(t)
        }
    }

    fn optional_text(&mut self, cells: &[Data], col: Column, max: usize) -> Option<String> {
        let t = self.text(cells, col)?;
        if t.chars().count() > max {
            self.add(col, format!("不能超过{max}个字"));
            return None;
        }
        (!t.is_empty()).then_some(t)
    }

    fn parse(&mut self, cells: &[Data], county_code: &str, today: NaiveDate) -> Option<RosterRow> {
        let name = self.required_text(cells, Column::HeadName, 30);
        if name
            .as_deref()
            .is_some_and(|n| n.chars().any(|c| c.is_ascii_digit()))
        {
            self.add(Column::HeadName, "姓名不能包含数字");
        }
        let id = self.id_number(cells, today);
        if let Some(rel) = self.text(cells, Column::Relation)
            && !matches!(rel.as_str(), "" | "户主" | "本人")
        {
            self.add(
                Column::Relation,
                "每行应为一户的户主，与户主关系应为“户主”（其他家庭成员在入户调查时登记）",
            );
        }
        let size = self.household_size(cells);
        let village = self.village_code(cells, county_code);
        let village_name = self.optional_text(cells, Column::VillageName, 40);
        let grid = self.required_text(cells, Column::Grid, 40);
        let category = match self.text(cells, Column::Category) {
            Some(t) if t.is_empty() => {
                self.add(Column::Category, "必填");
                None
            }
            Some(t) => {
                let c = RosterCategory::parse(&t);
                if c.is_none() {
                    self.add(Column::Category, "类别应为低保、特困或低收入");
                }
                c
            }
            None => None,
        };
        let phone = self.optional_text(cells, Column::Phone, 20);
        let amount = self.amount(cells);
        let address = self.optional_text(cells, Column::Address, 100);
        if !self.problems.is_empty() {
            return None;
        }
        Some(RosterRow {
            row: self.row,
            head_name: name?,
            id_number: id?,
            household_size: size?,
            village_code: village?,
            village_name,
            grid: grid?,
            category: category?,
            phone,
            monthly_amount: amount?,
            address,
        })
    }

    fn id_number(&mut self, cells: &[Data], today: NaiveDate) -> Option<IdNumber> {
        let cell = self.layout.cell(cells, Column::IdNumber);
        if matches!(cell, Data::Int(_) | Data::Float(_)) {
            self.add(
                Column::IdNumber,
                "身份证号被保存成了数字，后几位可能已丢失；请把该列设为文本格式后重新填写",
            );
            return None;
        }
        let text = self.required_text(cells, Column::IdNumber, 30)?;
        match IdNumber::parse(&text, today) {
            Ok(id) => Some(id),
            Err(e) => {
                self.add(Column::IdNumber, e.to_string());
                None
            }
        }
    }

    fn household_size(&mut self, cells: &[Data]) -> Option<u32> {
        const WRONG: &str = "家庭人口应为1到20之间的整数";
        let size = match self.layout.cell(cells, Column::HouseholdSize) {
            Data::Int(n) => Some(*n),
            Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e6 => Some(*x as i64),
            Data::Float(_) => None,
            _ => {
                let t = self.required_text(cells, Column::HouseholdSize, 10)?;
                t.trim_end_matches('人').trim().parse::<i64>().ok()
            }
        };
        match size {
            Some(n @ 1..=20) => u32::try_from(n).ok(),
            _ => {
                self.add(Column::HouseholdSize, WRONG);
                None
            }
        }
    }

    fn village_code(&mut self, cells: &[Data], county_code: &str) -> Option<String> {
        let code = self.required_text(cells, Column::VillageCode, 20)?;
        if code.len() != 12 || !code.bytes().all(|b| b.is_ascii_digit()) {
            self.add(Column::VillageCode, "村(社区)代码应为12位数字");
            return None;
        }
        if !code.starts_with(county_code) {
            self.add(
                Column::VillageCode,
                "村(社区)代码不属于本县（前6位应为本县代码）",
            );
            return None;
        }
        Some(code)
    }

    /// `Some(None)` for an empty cell, `None` after a problem.
    fn amount(&mut self, cells: &[Data]) -> Option<Option<Money>> {
        let fen = match self.layout.cell(cells, Column::MonthlyAmount) {
            Data::Int(n) => n.checked_mul(100).ok_or("金额过大，请核对单位（元）"),
            Data::Float(x) => fen_from_number(*x),
            _ => {
                let t = self.text(cells, Column::MonthlyAmount)?;
                if t.is_empty() {
                    return Some(None);
                }
                fen_from_text(&t)
            }
        };
        let money = match fen {
            Ok(f) => Money::from_fen(f),
            Err(reason) => {
                self.add(Column::MonthlyAmount, reason);
                return None;
            }
        };
        if let Some(reason) = money.field_problem() {
            self.add(Column::MonthlyAmount, reason);
            return None;
        }
        Some(Some(money))
    }

    /// The household form's own rules (phone format, names), on the household the row becomes.
    fn household_rules(&mut self, row: &RosterRow, county_code: &str, today: NaiveDate) {
        let at = today.and_time(chrono::NaiveTime::MIN).and_utc();
        let household = roster_household(row, county_code, "roster-check", at);
        let Err(e) = household.validate(today) else {
            return;
        };
        for p in e.0 {
            let col = if p.field.ends_with("contact_phone") {
                Some(Column::Phone)
            } else if p.field.contains("village_name") {
                Some(Column::VillageName)
            } else if p.field.contains("grid_code") {
                Some(Column::Grid)
            } else if p.field.contains("address.detail") {
                Some(Column::Address)
            } else if p.field.contains("address.") {
                Some(Column::VillageCode)
            } else if p.field.ends_with(".name") {
                Some(Column::HeadName)
            } else if p.field.starts_with("members.") {
                Some(Column::IdNumber)
            } else {
                None
            };
            match col {
                Some(col) => self.add(col, p.reason),
                None => self.problems.push(RowProblem {
                    row: self.row,
                    column: "整行".into(),
                    reason: p.reason,
                }),
            }
        }
    }
}

/// A cell as text (trimmed); whole numbers without a decimal point. Dates, booleans and error
/// values are problems: the roster has no such columns.
fn cell_text(cell: &Data) -> Result<String, &'static str> {
    match cell {
        Data::Empty => Ok(String::new()),
        Data::String(s) => Ok(s.trim().to_string()),
        Data::Int(n) => Ok(n.to_string()),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => Ok(format!("{x:.0}")),
        Data::Float(x) => Ok(x.to_string()),
        Data::Bool(_) => Err("这一格是“是/否”值，请填写文字"),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Err("这一格被保存成了日期，请改为文本格式后重新填写")
        }
        Data::Error(_) => Err("这一格是公式错误值（如 #N/A），请改为实际内容"),
    }
}

const NOT_AMOUNT: &str = AmountError::NotAnAmount.reason();
const TOO_PRECISE: &str = AmountError::TooPrecise.reason();
const TOO_LARGE: &str = AmountError::TooLarge.reason();

/// 分 from an amount typed as text: `1200`, `1,200.50`, `￥1200.5`, `1200元`. Exact: no float.
fn fen_from_text(text: &str) -> Result<i64, &'static str> {
    Money::parse_amount(text)
        .map(Money::fen)
        .map_err(AmountError::reason)
}

/// 分 from a number cell. The number is read as Excel shows it (15 significant digits) into an
/// exact decimal, so 1200.5 is 120050 分 and 0.1 + 0.2 is 30 分; an amount with more than two
/// decimals is refused, never rounded.
fn fen_from_number(x: f64) -> Result<i64, &'static str> {
    if !x.is_finite() {
        return Err(NOT_AMOUNT);
    }
    if x < 0.0 {
        return Err(AmountError::Negative.reason());
    }
    // d.dddddddddddddde±n: 15 significant digits.
    let sci = format!("{x:.14e}");
    let (mantissa, exponent) = sci.split_once('e').ok_or(NOT_AMOUNT)?;
    let exponent: i32 = exponent.parse().map_err(|_| NOT_AMOUNT)?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_end_matches('0');
    if significant.is_empty() {
        return Ok(0);
    }
    // value = significant × 10^(exponent − (len − 1)); in 分, two places more.
    let power = exponent - (significant.len() as i32 - 1) + 2;
    if power < 0 {
        return Err(TOO_PRECISE);
    }
    if power > 12 {
        return Err(TOO_LARGE);
    }
    let base: i64 = significant.parse().map_err(|_| NOT_AMOUNT)?;
    base.checked_mul(10_i64.pow(power as u32)).ok_or(TOO_LARGE)
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
