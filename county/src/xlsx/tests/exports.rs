//! The 公示 list (xlsx and page) and the case export.

use calamine::Data;
use chrono::{DateTime, Utc};
use ruhu_domain::case::{
    AssistanceKind, Case, CaseEvent, CaseEventKind, CaseOrigin, CasePath, CaseState,
    EmergencyEvent, EmergencyKind,
};
use ruhu_domain::household::Household;
use ruhu_domain::money::Money;
use ruhu_domain::sample::{self, SampleRng};

use super::{all_text, china, first_sheet, text};
use crate::xlsx::cases::{CASE_HEADERS, case_export_row, cases_xlsx};
use crate::xlsx::escape_html;
use crate::xlsx::publicity::{
    PUBLICITY_HEADERS, PublicityRow, publicity_html, publicity_rows, publicity_xlsx,
};

const HEALTH_NOTE: &str = "尿毒症，每周透析三次";

/// Fictional households whose members all have a health note that must never be published.
fn households(n: u32) -> Vec<Household> {
    let mut rng = SampleRng::new(11);
    (0..n)
        .map(|v| {
            let mut h = sample::household(&mut rng, v, "w-li", china(2026, 1, 5, 9, 0));
            for m in h.members.values_mut() {
                m.health.major_illness = true;
                m.health.note = HEALTH_NOTE.into();
            }
            h
        })
        .collect()
}

fn photo(kind: &str, at: DateTime<Utc>) -> ruhu_domain::photo::PhotoMeta {
    serde_json::from_value(serde_json::json!({
        "kind": kind,
        "sha256": "0".repeat(64),
        "caption": "",
        "taken_at": at,
        "taken_by": "w-li",
        "location": null,
    }))
    .unwrap()
}

fn new_case(id: &str, h: &Household, path: CasePath, opened: DateTime<Utc>) -> Case {
    let (kind, emergency) = match path {
        CasePath::Normal => (AssistanceKind::Expenditure, None),
        _ => (
            AssistanceKind::Emergency,
            Some(EmergencyEvent {
                kind: EmergencyKind::Fire,
                occurred_at: opened,
                description: "厨房起火".into(),
                losses: Money::from_yuan(5000),
                expected_costs: Money::from_yuan(3000),
            }),
        ),
    };
    Case {
        id: id.into(),
        household_id: h.id.clone(),
        county_code: h.profile.address.county_code.clone(),
        village_code: h.profile.address.village_code.clone(),
        grid_code: h.profile.address.grid_code.clone(),
        origin: CaseOrigin::Discovery,
        kind,
        path,
        opened_at: opened,
        opened_by: "w-li".into(),
        emergency,
        events: Vec::new(),
        evidence: [
            ("sig-1".to_owned(), photo("signature", opened)),
            ("notice-1".to_owned(), photo("public_notice", opened)),
        ]
        .into(),
    }
}

fn ev(id: &str, kind: CaseEventKind, at: DateTime<Utc>, yuan: Option<i64>) -> CaseEvent {
    CaseEvent {
        amount: yuan.map(Money::from_yuan),
        ..CaseEvent::new(id, kind, at, "t-zhao", "phone-1")
    }
}

/// A 支出型 case approved for `yuan` and under 公示.
fn approved(id: &str, h: &Household, yuan: i64) -> Case {
    let mut c = new_case(id, h, CasePath::Normal, china(2026, 3, 2, 9, 0));
    c.events = vec![
        ev("a", CaseEventKind::Accepted, china(2026, 3, 2, 9, 30), None),
        CaseEvent {
            investigators: vec!["w-li".into(), "w-wang".into()],
            photos: vec!["sig-1".into()],
            ..ev(
                "b",
                CaseEventKind::Investigated,
                china(2026, 3, 4, 10, 0),
                None,
            )
        },
        ev(
            "c",
            CaseEventKind::PreliminaryReview,
            china(2026, 3, 9, 15, 0),
            Some(yuan),
        ),
        ev(
            "d",
            CaseEventKind::Approved,
            china(2026, 3, 16, 10, 0),
            Some(yuan),
        ),
        CaseEvent {
            photos: vec!["notice-1".into()],
            ..ev(
                "e",
                CaseEventKind::PublicityStarted,
                china(2026, 3, 17, 9, 0),
                None,
            )
        },
    ];
    c
}

/// A 急难 case with 先行救助 of `yuan` paid and nothing approved yet.
fn advance_aid_only(id: &str, h: &Household, yuan: i64) -> Case {
    let mut c = new_case(id, h, CasePath::Urgent, china(2026, 2, 13, 21, 30));
    c.events = vec![
        ev(
            "a",
            CaseEventKind::Accepted,
            china(2026, 2, 13, 21, 40),
            None,
        ),
        ev(
            "b",
            CaseEventKind::AdvanceAid,
            china(2026, 2, 14, 10, 0),
            Some(yuan),
        ),
    ];
    c
}

/// A case rejected after the visit.
fn rejected(id: &str, h: &Household) -> Case {
    let mut c = new_case(id, h, CasePath::Normal, china(2026, 3, 2, 9, 0));
    c.events = vec![
        ev("a", CaseEventKind::Accepted, china(2026, 3, 2, 9, 30), None),
        CaseEvent {
            investigators: vec!["w-li".into(), "w-wang".into()],
            photos: vec!["sig-1".into()],
            ..ev(
                "b",
                CaseEventKind::Investigated,
                china(2026, 3, 4, 10, 0),
                None,
            )
        },
        ev("c", CaseEventKind::Rejected, china(2026, 3, 9, 15, 0), None),
    ];
    c
}

/// Every ID number of every member of the households.
fn id_numbers(households: &[Household]) -> Vec<String> {
    households
        .iter()
        .flat_map(|h| h.members.values())
        .filter_map(|m| m.id_number.as_ref().map(|id| id.as_str().to_string()))
        .collect()
}

fn replayed(cases: &[Case]) -> Vec<CaseState> {
    cases.iter().map(Case::replay).collect()
}

#[test]
fn publicity_rows_take_head_size_village_and_the_approved_or_paid_amount() {
    let hs = households(3);
    let cases = [
        approved("c1", &hs[0], 9000),
        advance_aid_only("c2", &hs[1], 2000),
        rejected("c3", &hs[2]),
    ];
    let states = replayed(&cases);
    assert!(states.iter().all(|s| s.conflicts.is_empty()));
    let rows = publicity_rows(
        hs.iter()
            .zip(&cases)
            .zip(&states)
            .map(|((h, c), s)| (h, c, s)),
    );
    assert_eq!(rows.len(), 2, "the rejected case is not published");
    assert_eq!(rows[0].applicant, hs[0].head().unwrap().name);
    assert_eq!(
        rows[0].household_size as usize,
        hs[0].present_members().count()
    );
    assert_eq!(rows[0].amount, Money::from_yuan(9000));
    assert_eq!(rows[0].village, hs[0].profile.address.village_name);
    assert_eq!(rows[0].kind_label, "临时救助（支出型）");
    assert_eq!(rows[1].amount, Money::from_yuan(2000));
    assert_eq!(rows[1].kind_label, "临时救助（紧急型）");
}

#[test]
fn publicity_xlsx_has_the_six_columns_and_no_id_number_or_health_text() {
    let hs = households(6);
    let cases: Vec<Case> = hs
        .iter()
        .enumerate()
        .map(|(i, h)| approved(&format!("c{i}"), h, 1000 + i as i64 * 500))
        .collect();
    let states = replayed(&cases);
    let rows = publicity_rows(
        hs.iter()
            .zip(&cases)
            .zip(&states)
            .map(|((h, c), s)| (h, c, s)),
    );
    let bytes = publicity_xlsx(
        "前进镇2026年3月临时救助公示",
        "2026年3月17日至3月23日",
        &rows,
    )
    .unwrap();
    let sheet = first_sheet(&bytes);
    assert_eq!(sheet.width(), 6);
    let header: Vec<String> = sheet.rows().nth(2).unwrap().iter().map(text).collect();
    assert_eq!(header, PUBLICITY_HEADERS);
    assert_eq!(sheet.height(), 3 + rows.len());
    let first: Vec<&Data> = sheet.rows().nth(3).unwrap().iter().collect();
    assert_eq!(first[0], &Data::Float(1.0));
    assert_eq!(text(first[2]), hs[0].head().unwrap().name);
    assert_eq!(first[5], &Data::Float(1000.0));

    let cells = all_text(&sheet);
    for id in id_numbers(&hs) {
        assert!(
            cells
                .iter()
                .all(|c| !c.contains(&id) && !c.contains(&id[14..])),
            "an ID number reached the 公示 list"
        );
    }
    assert!(
        cells
            .iter()
            .all(|c| !c.contains("透析") && !c.contains("尿毒症"))
    );
}

#[test]
fn money_cells_hold_the_exact_fen_as_yuan() {
    let rows = [PublicityRow {
        applicant: "周桂兰".into(),
        household_size: 3,
        amount: Money::from_fen(123_456),
        village: "东升村".into(),
        kind_label: "临时救助（支出型）".into(),
    }];
    let sheet = first_sheet(&publicity_xlsx("公示", "7天", &rows).unwrap());
    let cell = sheet.rows().nth(3).unwrap()[5].clone();
    assert_eq!(cell, Data::Float(1234.56));
}

#[test]
fn escape_html_neutralises_markup() {
    assert_eq!(
        escape_html("<script>alert('x')</script> & \"q\""),
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
    );
    assert_eq!(escape_html("王秀英"), "王秀英");
}

#[test]
fn publicity_page_escapes_every_text_and_carries_the_notice() {
    let rows = [PublicityRow {
        applicant: "<script>alert(1)</script>".into(),
        household_size: 2,
        amount: Money::from_fen(200_050),
        village: "前进村 & <b>东</b>".into(),
        kind_label: "临时救助（紧急型）".into(),
    }];
    let html = publicity_html(
        "<i>标题</i>",
        "2026年3月17日至3月23日",
        7,
        "0546-\"8888\"",
        &rows,
    );
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>") && !html.contains("<i>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("前进村 &amp; &lt;b&gt;东&lt;/b&gt;"));
    assert!(html.contains("公示期 7 天"));
    assert!(html.contains("0546-&quot;8888&quot;"));
    assert!(html.contains("2000.50"));
    for name in PUBLICITY_HEADERS {
        assert!(html.contains(&format!("<th>{name}</th>")));
    }
}

#[test]
fn case_export_masks_the_id_number_and_shows_clocks_payments_and_overdue() {
    let hs = households(3);
    let cases = [
        approved("c1", &hs[0], 9000),
        advance_aid_only("c2", &hs[1], 2000),
        rejected("c3", &hs[2]),
    ];
    let states = replayed(&cases);
    let now = china(2026, 11, 24, 9, 0);
    let rows: Vec<_> = hs
        .iter()
        .zip(&cases)
        .zip(&states)
        .map(|((h, c), s)| case_export_row(h, c, s, now))
        .collect();
    let head_id = hs[0].head().unwrap().id_number.clone().unwrap();
    assert_eq!(rows[0].head_id_masked, head_id.masked());
    assert!(rows[0].head_id_masked.starts_with("37************"));
    assert_eq!(rows[0].status, "已审批");
    assert!(rows[0].overdue, "the 公示 clock ran out months ago");
    assert!(rows[0].next_deadline.is_some());
    assert_eq!(rows[1].paid, Money::from_yuan(2000));
    assert_eq!(rows[1].path, "急难（24小时先行救助）");
    assert_eq!(rows[2].status, "不予救助");
    assert!(!rows[2].overdue && rows[2].next_deadline.is_none());

    let sheet = first_sheet(&cases_xlsx(&rows).unwrap());
    let header: Vec<String> = sheet.rows().next().unwrap().iter().map(text).collect();
    assert_eq!(header, CASE_HEADERS);
    assert_eq!(sheet.height(), 1 + rows.len());
    let first: Vec<&Data> = sheet.rows().nth(1).unwrap().iter().collect();
    assert_eq!(text(first[0]), "c1");
    assert_eq!(text(first[3]), hs[0].head().unwrap().name);
    assert_eq!(text(first[4]), head_id.masked());
    assert!(matches!(first[8], Data::DateTime(_)));
    assert!(matches!(first[9], Data::DateTime(_)));
    assert_eq!(text(first[10]), "是");
    let second: Vec<&Data> = sheet.rows().nth(2).unwrap().iter().collect();
    assert_eq!(second[11], &Data::Float(2000.0));
    assert_eq!(second[12], &Data::Float(0.0));
    let cells = all_text(&sheet);
    for id in id_numbers(&hs) {
        assert!(cells.iter().all(|c| !c.contains(&id)));
    }
    assert!(cells.iter().all(|c| !c.contains("透析")));
}

/// The named part of an .xlsx file, as text.
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

fn one_row(applicant: &str, village: &str) -> PublicityRow {
    PublicityRow {
        applicant: applicant.into(),
        household_size: 3,
        amount: Money::from_fen(100_000),
        village: village.into(),
        kind_label: "临时救助（紧急型）".into(),
    }
}

#[test]
fn text_that_would_read_as_a_formula_is_written_as_quote_prefixed_text() {
    let risky = [
        "=HYPERLINK(\"http://x.invalid\",\"点\")",
        "+8613800000000",
        "-1+2",
        "@SUM(A1)",
        "\t=1",
    ];
    for text in risky {
        let bytes = publicity_xlsx("公示", "期", &[one_row(text, "=1+1")]).unwrap();
        let sheet = first_sheet(&bytes);
        assert_eq!(
            sheet.get((3, 2)),
            Some(&Data::String(text.into())),
            "kept exactly"
        );
        assert_eq!(sheet.get((3, 1)), Some(&Data::String("=1+1".into())));
        let xml = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(!xml.contains("<f>"), "no formula cell");
        assert!(
            part(&bytes, "xl/styles.xml").contains("quotePrefix=\"1\""),
            "{text}: the cell stays text when edited"
        );
    }
    let plain = publicity_xlsx("公示", "期", &[one_row("韩立春", "前进村")]).unwrap();
    assert!(!part(&plain, "xl/styles.xml").contains("quotePrefix"));
}
