//! The roster import: all rows or none, every problem by row and column, no value repeated.

use chrono::NaiveDate;
use ruhu_domain::id_number::IdNumber;
use ruhu_domain::member::{Relation, Sex};
use ruhu_domain::money::Money;
use rust_xlsxwriter::Workbook;

use super::{china, today};
use crate::xlsx::roster::{
    ADDRESS_UNKNOWN, RosterCategory, RosterError, RowProblem, read_roster, roster_household,
};

const COUNTY: &str = "370599";
const VILLAGE: &str = "370599100200";
const HEADERS: [&str; 9] = [
    "户主姓名",
    "身份证号",
    "与户主关系",
    "家庭人口",
    "村(社区)代码",
    "网格",
    "类别",
    "联系电话",
    "月保障金额(元)",
];
const NAMES: [&str; 10] = [
    "王秀英",
    "李建国",
    "张桂兰",
    "刘德明",
    "陈玉梅",
    "杨志强",
    "赵春华",
    "黄立平",
    "周凤兰",
    "吴宝三",
];

/// A spreadsheet cell as the test writes it.
#[derive(Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Blank,
}

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

/// A fictional, valid ID number for person `i`.
fn id(i: u16) -> String {
    let birth = NaiveDate::from_ymd_opt(1950 + i32::from(i) * 3, 1 + u32::from(i % 12), 9).unwrap();
    let sex = if i.is_multiple_of(2) {
        Sex::Female
    } else {
        Sex::Male
    };
    IdNumber::compose(COUNTY, birth, 100 + i, sex)
        .unwrap()
        .as_str()
        .to_string()
}

/// The same number with its check character changed.
fn bad_checksum(i: u16) -> String {
    let good = id(i);
    let last = if good.ends_with('1') { '2' } else { '1' };
    format!("{}{last}", &good[..17])
}

/// A valid roster row for person `i`.
fn row(i: u16) -> Vec<Cell> {
    vec![
        t(NAMES[usize::from(i) % NAMES.len()]),
        Cell::Text(id(i)),
        t("户主"),
        Cell::Number(f64::from(1 + i % 5)),
        t(VILLAGE),
        t(&format!("G01-{}", 1 + i % 3)),
        t(["低保", "特困", "低收入"][usize::from(i) % 3]),
        Cell::Text(format!("1380000{:04}", i)),
        Cell::Text("1,200.50".into()),
    ]
}

/// An .xlsx file with `rows` under `header`, optionally below a title row.
fn workbook(title: Option<&str>, header: &[&str], rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut r = 0;
    if let Some(title) = title {
        sheet.write_string(0, 0, title).unwrap();
        r = 1;
    }
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(r, c as u16, *h).unwrap();
    }
    for (i, cells) in rows.iter().enumerate() {
        let row = r + 1 + i as u32;
        for (c, cell) in cells.iter().enumerate() {
            match cell {
                Cell::Text(s) => sheet.write_string(row, c as u16, s).unwrap(),
                Cell::Number(x) => sheet.write_number(row, c as u16, *x).unwrap(),
                Cell::Blank => sheet,
            };
        }
    }
    book.save_to_buffer().unwrap()
}

fn read(bytes: &[u8]) -> Result<Vec<crate::xlsx::roster::RosterRow>, RosterError> {
    read_roster(bytes, COUNTY, today(), &mut |_, _| {})
}

fn problems(result: Result<Vec<crate::xlsx::roster::RosterRow>, RosterError>) -> Vec<RowProblem> {
    match result {
        Err(RosterError::Rows(p)) => p,
        other => panic!("expected row problems, got {other:?}"),
    }
}

#[test]
fn a_valid_roster_imports_every_row_as_a_valid_household() {
    let rows: Vec<Vec<Cell>> = (0..10).map(row).collect();
    let read = read(&workbook(None, &HEADERS, &rows)).unwrap();
    assert_eq!(read.len(), 10);
    assert_eq!(
        read[0].row, 2,
        "rows are numbered as the spreadsheet shows them"
    );
    assert_eq!(read[0].head_name, "王秀英");
    assert_eq!(read[0].id_number.as_str(), id(0));
    assert_eq!(read[1].category, RosterCategory::Tekun);
    assert_eq!(read[3].household_size, 4);
    assert_eq!(read[0].monthly_amount, Some(Money::from_fen(120_050)));
    let now = china(2026, 11, 24, 10, 0);
    for r in &read {
        let h = roster_household(r, COUNTY, "s-qian", now);
        h.validate(today()).unwrap();
        let head = h.head().unwrap();
        assert_eq!(head.relation, Relation::Head);
        assert_eq!(head.name, r.head_name);
        assert_eq!(head.id_number.as_ref(), Some(&r.id_number));
        assert_eq!(head.birth_date, r.id_number.birth_date());
        assert_eq!(h.profile.address.township_code, "370599100");
        assert_eq!(h.profile.address.detail, ADDRESS_UNKNOWN);
        assert_eq!(h.registered_by, "s-qian");
        let c = &h.profile.categories;
        assert_eq!(
            (c.dibao, c.tekun, c.low_income),
            (
                r.category == RosterCategory::Dibao,
                r.category == RosterCategory::Tekun,
                r.category == RosterCategory::LowIncome
            )
        );
    }
    let debug = format!("{:?}", read[0]);
    assert!(!debug.contains(&id(0)) && !debug.contains("王秀英"));
}

#[test]
fn three_broken_rows_among_ten_are_all_reported_and_nothing_is_imported() {
    let mut rows: Vec<Vec<Cell>> = (0..10).map(row).collect();
    rows[2][1] = Cell::Text(bad_checksum(2));
    rows[5][3] = Cell::Number(25.0);
    rows[8][6] = t("困难户");
    let p = problems(read(&workbook(None, &HEADERS, &rows)));
    let at: Vec<(usize, &str)> = p.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(at, [(4, "身份证号"), (7, "家庭人口"), (10, "类别")]);
    assert_eq!(p[0].reason, "身份证号校验位不对，请逐位核对");
    for problem in &p {
        assert!(!problem.reason.contains(&bad_checksum(2)));
        assert!(NAMES.iter().all(|n| !problem.reason.contains(n)));
    }
    let message = RosterError::Rows(p).to_string();
    assert!(message.contains("第4行「身份证号」：身份证号校验位不对"));
    assert!(message.contains("没有导入任何数据"));
    assert!(!message.contains(&bad_checksum(2)) && !message.contains(&id(2)[..17]));
}

#[test]
fn missing_columns_are_named() {
    let header = ["姓名", "与户主关系", "家庭人口", "村(社区)代码", "类别"];
    let err = read(&workbook(None, &header, &[vec![t("王秀英")]])).unwrap_err();
    assert_eq!(
        err,
        RosterError::WrongColumns {
            missing: vec!["身份证号".into(), "网格".into()]
        }
    );
    assert!(err.to_string().contains("身份证号、网格"));
}

#[test]
fn bytes_that_are_no_spreadsheet_are_refused() {
    assert_eq!(
        read(b"PK\x03\x04 not really a workbook"),
        Err(RosterError::NotXlsx)
    );
    assert_eq!(
        read("户主姓名,身份证号\n王秀英,1".as_bytes()),
        Err(RosterError::NotXlsx)
    );
}

#[test]
fn a_header_without_rows_is_empty() {
    assert_eq!(
        read(&workbook(None, &HEADERS, &[])),
        Err(RosterError::Empty)
    );
}

#[test]
fn header_variants_a_title_row_and_number_cells_are_accepted() {
    let header = [
        "姓名",
        "身份证号码",
        "家庭人口数",
        "村（社区）代码",
        "所属网格",
        "救助类别",
        "手机号",
        "月保障金额",
        "村(社区)名称",
        "家庭住址",
    ];
    let rows = vec![vec![
        t("孙海燕"),
        Cell::Text(id(3)),
        t("3人"),
        Cell::Number(370_599_100_200.0),
        Cell::Number(7.0),
        t("农村特困供养"),
        Cell::Number(13_800_001_234.0),
        Cell::Number(1200.5),
        t("东升村"),
        t("3组12号"),
    ]];
    let read = read(&workbook(
        Some("前进镇2026年低保特困花名册"),
        &header,
        &rows,
    ))
    .unwrap();
    let r = &read[0];
    assert_eq!(r.row, 3);
    assert_eq!(r.household_size, 3);
    assert_eq!(r.village_code, VILLAGE);
    assert_eq!(r.grid, "7");
    assert_eq!(r.category, RosterCategory::Tekun);
    assert_eq!(r.phone.as_deref(), Some("13800001234"));
    assert_eq!(r.monthly_amount, Some(Money::from_fen(120_050)));
    let h = roster_household(r, COUNTY, "s-qian", china(2026, 11, 24, 10, 0));
    h.validate(today()).unwrap();
    assert_eq!(h.profile.address.village_name, "东升村");
    assert_eq!(h.profile.address.detail, "3组12号");
}

#[test]
fn amounts_are_exact_and_never_rounded() {
    let cases = [
        (Cell::Text("1,200.50".into()), Ok(Some(120_050))),
        (Cell::Text("￥880元".into()), Ok(Some(88_000))),
        (Cell::Text("880.500".into()), Ok(Some(88_050))),
        (Cell::Number(0.1 + 0.2), Ok(Some(30))),
        (Cell::Number(1_234_567.89), Ok(Some(123_456_789))),
        (Cell::Blank, Ok(None)),
        (Cell::Number(1200.505), Err("金额最多两位小数（到分）")),
        (
            Cell::Text("1200.505".into()),
            Err("金额最多两位小数（到分）"),
        ),
        (
            Cell::Text("一千二".into()),
            Err("金额应为数字，如 1200 或 1,200.50"),
        ),
        (Cell::Number(-5.0), Err("金额不能为负数")),
    ];
    for (i, (cell, expected)) in cases.into_iter().enumerate() {
        let mut r = row(i as u16);
        r[8] = cell;
        let got = read(&workbook(None, &HEADERS, &[r]))
            .map(|rows| rows[0].monthly_amount.map(Money::fen))
            .map_err(|e| match e {
                RosterError::Rows(p) => {
                    assert_eq!(p[0].column, "月保障金额(元)");
                    p[0].reason.clone()
                }
                other => panic!("{other:?}"),
            });
        assert_eq!(got, expected.map_err(str::to_string), "case {i}");
    }
}

#[test]
fn duplicate_and_numeric_id_numbers_and_outside_villages_are_row_problems() {
    let mut rows: Vec<Vec<Cell>> = (0..4).map(row).collect();
    rows[2][1] = Cell::Text(id(0));
    rows[3][1] = Cell::Number(370_599_195_001_010_000.0);
    rows[1][4] = t("370688100200");
    let p = problems(read(&workbook(None, &HEADERS, &rows)));
    let at: Vec<(usize, &str, &str)> = p
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.reason.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            (
                3,
                "村(社区)代码",
                "村(社区)代码不属于本县（前6位应为本县代码）"
            ),
            (4, "身份证号", "身份证号与第2行重复"),
            (
                5,
                "身份证号",
                "身份证号被保存成了数字，后几位可能已丢失；请把该列设为文本格式后重新填写"
            ),
        ]
    );
}

#[test]
fn a_member_row_or_a_bad_phone_is_refused_with_its_column() {
    let mut rows: Vec<Vec<Cell>> = (0..2).map(row).collect();
    rows[0][2] = t("配偶");
    rows[1][7] = t("12345");
    let p = problems(read(&workbook(None, &HEADERS, &rows)));
    let at: Vec<(usize, &str)> = p.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(at, [(2, "与户主关系"), (3, "联系电话")]);
}

#[test]
fn progress_rises_to_the_total() {
    let rows: Vec<Vec<Cell>> = (0..10).map(row).collect();
    let mut calls = Vec::new();
    read_roster(
        &workbook(None, &HEADERS, &rows),
        COUNTY,
        today(),
        &mut |done, total| calls.push((done, total)),
    )
    .unwrap();
    assert!(!calls.is_empty());
    assert!(calls.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(calls.iter().all(|c| c.1 == 10));
    assert_eq!(calls.last(), Some(&(10, 10)));
}
