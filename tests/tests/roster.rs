//! Importing a county's existing 低保/特困 roster (.xlsx) into the county store: a roster with
//! broken rows is refused whole with every problem by row and column (no names or ID numbers
//! in the message); a clean one becomes households that phones of those grids receive.

use chrono::NaiveDate;
use ruhu_core::records::HouseholdQuery;
use ruhu_county::db::Access;
use ruhu_domain::id_number::IdNumber;
use ruhu_domain::member::Sex;
use ruhu_tests::TestCounty;
use rust_xlsxwriter::Workbook;

const HEADER: [&str; 7] = [
    "户主姓名",
    "身份证号",
    "家庭人口",
    "村(社区)代码",
    "网格",
    "类别",
    "联系电话",
];

fn id(seq: u16, sex: Sex) -> String {
    IdNumber::compose(
        "370599",
        NaiveDate::from_ymd_opt(1960 + i32::from(seq % 30), 3, 1 + u32::from(seq % 27)).unwrap(),
        seq,
        sex,
    )
    .unwrap()
    .as_str()
    .to_string()
}

fn roster(rows: &[[String; 7]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn row(name: &str, id: String, size: &str, category: &str) -> [String; 7] {
    [
        name.into(),
        id,
        size.into(),
        "370599101201".into(),
        "G01-1".into(),
        category.into(),
        "13900001111".into(),
    ]
}

fn households(county: &TestCounty) -> i64 {
    county
        .county
        .transaction(Access::Snapshot, |tx, _| tx.count_documents("household"))
        .unwrap()
}

#[test]
fn a_roster_with_broken_rows_imports_nothing_and_a_clean_one_reaches_the_phones() {
    let county = TestCounty::start();
    let mut bad_check = id(12, Sex::Female);
    bad_check.pop();
    bad_check.push(if id(12, Sex::Female).ends_with('1') {
        '2'
    } else {
        '1'
    });
    let broken = roster(&[
        row("孟庆芳", id(11, Sex::Female), "3", "低保"),
        row("韦建华", bad_check.clone(), "2", "特困"),
        row("", id(13, Sex::Male), "4", "低保"),
        row("鲁秀梅", id(14, Sex::Female), "40", "低保"),
    ]);
    let err = ruhu_county::transfer::import_roster(&county.county, &broken, &mut |_, _, _| {})
        .unwrap_err();
    assert!(
        err.contains("第3行") && err.contains("第4行") && err.contains("第5行"),
        "{err}"
    );
    assert!(!err.contains("第2行"), "{err}");
    assert!(
        !err.contains(&bad_check) && !err.contains("韦建华"),
        "no values in the message"
    );
    assert_eq!(households(&county), 0, "nothing half-imported");

    let clean = roster(&[
        row("孟庆芳", id(11, Sex::Female), "3", "低保"),
        row("韦建华", id(12, Sex::Male), "2", "特困"),
    ]);
    let mut seen = Vec::new();
    let n =
        ruhu_county::transfer::import_roster(&county.county, &clean, &mut |stage, done, all| {
            seen.push((stage.to_string(), done, all))
        })
        .unwrap();
    assert_eq!((n, households(&county)), (2, 2));
    assert_eq!(seen.last().unwrap(), &("导入".to_string(), 2, 2));

    let dir = tempfile::tempdir().unwrap();
    let phone = county.phone(dir.path(), "w-i", &["G01-1"]);
    phone.sync(None).unwrap();
    let found = phone
        .search_households(HouseholdQuery {
            text: "韦建华".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
}
