//! The checks of one roster row: every cell read as the template means it, amounts exactly,
//! and the household it becomes held to the household form's own rules.

use calamine::Data;
use chrono::NaiveDate;
use ruhu_domain::id_number::IdNumber;
use ruhu_domain::money::{AmountError, Money};

use super::layout::{Column, Layout};
use super::{RosterCategory, RosterRow, RowProblem, roster_household};

/// The checks of one row, collecting its problems.
pub(super) struct RowCheck<'a> {
    pub(super) row: usize,
    pub(super) layout: &'a Layout,
    pub(super) problems: Vec<RowProblem>,
}

impl RowCheck<'_> {
    pub(super) fn add(&mut self, col: Column, reason: impl Into<String>) {
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

    pub(super) fn parse(
        &mut self,
        cells: &[Data],
        county_code: &str,
        today: NaiveDate,
    ) -> Option<RosterRow> {
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
    pub(super) fn household_rules(&mut self, row: &RosterRow, county_code: &str, today: NaiveDate) {
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
