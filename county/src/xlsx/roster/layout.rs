//! The roster template's columns, the headers accepted for each, and where a sheet puts them.

use std::collections::HashMap;

use calamine::Data;

/// A column of the roster template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Column {
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

/// Where each column sits in the sheet, and its header as written.
pub(super) struct Layout {
    pub(super) columns: HashMap<Column, (usize, String)>,
}

impl Layout {
    /// The known headers of a row (none when it is not the header row).
    pub(super) fn from_header(cells: &[Data]) -> Layout {
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

    pub(super) fn missing(&self) -> Vec<String> {
        Column::ALL
            .into_iter()
            .filter(|c| c.required() && !self.columns.contains_key(c))
            .map(|c| c.name().to_string())
            .collect()
    }

    pub(super) fn cell<'a>(&self, cells: &'a [Data], col: Column) -> &'a Data {
        self.columns
            .get(&col)
            .and_then(|(i, _)| cells.get(*i))
            .unwrap_or(&Data::Empty)
    }

    pub(super) fn header(&self, col: Column) -> String {
        self.columns
            .get(&col)
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| col.name().to_string())
    }
}

pub(super) fn is_blank(cells: &[Data]) -> bool {
    cells.iter().all(|c| match c {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    })
}
