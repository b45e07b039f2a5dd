//! Small valid inputs that start each fuzz target's corpus: a real sync request, enrollment
//! requests, a household's and a case's changes, a bundle, camera JPEGs, a roster workbook.
//! All people are generated (ID numbers in the unassigned county code 370599).

use std::collections::BTreeMap;

use automerge::{ActorId, AutoCommit, ObjType, ROOT, transaction::Transactable};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ruhu_domain::case::{
    AssistanceKind, Case, CaseOrigin, CasePath, EmergencyEvent, EmergencyKind,
};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::id_number::IdNumber;
use ruhu_domain::imaging::sample::{camera_jpeg, exif_block, scene};
use ruhu_domain::member::Sex;
use ruhu_domain::money::Money;
use ruhu_domain::sample::{self, SampleRng};
use ruhu_proto::v1;
use ruhu_proto::{BUNDLE_MAGIC, Message, PROTOCOL_VERSION};
use sha2::{Digest, Sha256};

use super::{DEVICE_ACTOR, DEVICE_GRID, FRESH_CODE, encode_changes};
use crate::COUNTY;

/// A fixed instant, so seeds come out the same on every run.
fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0)
        .single()
        .expect("a valid instant")
}

fn household() -> Household {
    let mut h = sample::household(&mut SampleRng::new(12), 0, "w-fuzz", at());
    h.profile.address.grid_code = DEVICE_GRID.into();
    h
}

/// A case the grid worker reports (受理 is the township's step, refused from a grid worker).
fn case(h: &Household) -> Case {
    Case {
        id: "5b2e8f14-6a3d-4c71-8e09-b7d1a4c3f260".into(),
        household_id: h.id.clone(),
        county_code: h.profile.address.county_code.clone(),
        village_code: h.profile.address.village_code.clone(),
        grid_code: h.profile.address.grid_code.clone(),
        origin: CaseOrigin::Discovery,
        kind: AssistanceKind::Emergency,
        path: CasePath::Urgent,
        opened_at: at(),
        opened_by: "w-fuzz".into(),
        emergency: Some(EmergencyEvent {
            kind: EmergencyKind::Fire,
            occurred_at: at(),
            description: "厨房失火，房屋部分受损".into(),
            losses: Money::from_yuan(8_000),
            expected_costs: Money::from_yuan(5_000),
        }),
        events: Vec::new(),
        evidence: BTreeMap::new(),
    }
}

fn actor() -> ActorId {
    ActorId::from(DEVICE_ACTOR.as_slice())
}

fn changes(doc: &mut AutoCommit) -> Vec<Vec<u8>> {
    doc.get_changes(&[])
        .into_iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect()
}

/// The household document, then one more change to it (a raised income, an unknown key).
fn household_doc() -> (Household, AutoCommit) {
    let h = household();
    let mut doc = document::create(&h, actor(), at()).expect("a household document");
    let mut edited = h.clone();
    edited.economics.income.wage = Money::from_yuan(18_000);
    document::write(&mut doc, &edited).expect("an edit");
    let extra = doc
        .put_object(ROOT, "x_newer_app", ObjType::Map)
        .expect("a map");
    doc.put(&extra, "note", "written by a newer app")
        .expect("a value");
    document::commit(&mut doc, "edit", at());
    (h, doc)
}

fn sync_request(docs: Vec<v1::DocumentChanges>, cursor: u64, page: u32) -> Vec<u8> {
    v1::SyncRequest {
        protocol_version: PROTOCOL_VERSION,
        cursor,
        changes: docs,
        max_response_bytes: page,
        incomplete: Vec::new(),
    }
    .encode_to_vec()
}

fn roster_workbook() -> Vec<u8> {
    let header = [
        "户主姓名",
        "身份证号",
        "家庭人口",
        "村(社区)代码",
        "网格",
        "类别",
        "联系电话",
    ];
    let birth = NaiveDate::from_ymd_opt(1962, 5, 14).expect("a date");
    let id = IdNumber::compose(COUNTY, birth, 31, Sex::Female).expect("an ID number");
    let row = [
        "王秀英",
        id.as_str(),
        "3",
        "370599101201",
        DEVICE_GRID,
        "低保",
        "13900001111",
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, (h, v)) in header.iter().zip(row).enumerate() {
        sheet.write_string(0, c as u16, *h).expect("a cell");
        sheet.write_string(1, c as u16, v).expect("a cell");
    }
    book.save_to_buffer().expect("a workbook")
}

/// Every seed as (target, file name, bytes).
pub fn all() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let (h, mut hdoc) = household_doc();
    let c = case(&h);
    let mut cdoc = document::create(&c, actor(), at()).expect("a case document");
    let hchanges = changes(&mut hdoc);
    let cchanges = changes(&mut cdoc);
    let hdocs = v1::DocumentChanges {
        document_id: h.id.clone(),
        kind: "household".into(),
        changes: hchanges.clone(),
    };
    let cdocs = v1::DocumentChanges {
        document_id: c.id.clone(),
        kind: "case".into(),
        changes: cchanges.clone(),
    };
    let bundle = {
        let body = v1::Bundle {
            protocol_version: PROTOCOL_VERSION,
            county_code: COUNTY.into(),
            created_at_unix: at().timestamp(),
            documents: vec![
                v1::BundleDocument {
                    document_id: h.id.clone(),
                    kind: "household".into(),
                    automerge: hdoc.save(),
                },
                v1::BundleDocument {
                    document_id: c.id.clone(),
                    kind: "case".into(),
                    automerge: cdoc.save(),
                },
            ],
        }
        .encode_to_vec();
        v1::SealedBundle {
            magic: BUNDLE_MAGIC.into(),
            sha256: Sha256::digest(&body).to_vec(),
            bundle: body,
        }
        .encode_to_vec()
    };
    let enroll = |code: &str, actor: &[u8]| {
        v1::EnrollRequest {
            protocol_version: PROTOCOL_VERSION,
            code: code.into(),
            device_label: "Redmi 12C".into(),
            actor_id: actor.to_vec(),
        }
        .encode_to_vec()
    };
    let small = scene(64, 48, 3);
    vec![
        ("sync_request", "noop", sync_request(vec![], 0, 0)),
        (
            "sync_request",
            "household",
            sync_request(vec![hdocs.clone()], 0, 0),
        ),
        (
            "sync_request",
            "household_and_case",
            sync_request(vec![hdocs.clone(), cdocs], 3, 65_536),
        ),
        ("enroll_request", "fresh", enroll(FRESH_CODE, &[0x42; 16])),
        (
            "enroll_request",
            "fresh_taken_actor",
            enroll(FRESH_CODE, &DEVICE_ACTOR),
        ),
        ("enroll_request", "unknown", enroll("K7QD-3M9P-XW2A", &[])),
        (
            "document_changes",
            "household",
            encode_changes("household", &h.id, &hchanges),
        ),
        (
            "document_changes",
            "case",
            encode_changes("case", &c.id, &cchanges),
        ),
        ("bundle", "household_and_case", bundle),
        ("document_edits", "nothing", vec![]),
        (
            "document_edits",
            "raise_wage",
            [&[6u8, 16, 6, 17, 1, 18][..], &18_000_000_i64.to_le_bytes()].concat(),
        ),
        (
            "document_edits",
            "bad_member_shape",
            vec![6, 11, 3, 23, 0, 12, 6, 0xe7, 0x8e, 0x8b, 0xe4, 0xb8, 0x80],
        ),
        (
            "photo",
            "camera_exif",
            camera_jpeg(
                &small,
                Some(exif_block(
                    6,
                    "2026:03:02 09:30:00",
                    Some("+08:00"),
                    Some((37.4345, 118.6752)),
                )),
            ),
        ),
        ("photo", "plain", camera_jpeg(&small, None)),
        ("roster", "one_household", roster_workbook()),
    ]
}
