//! What the inbound check refuses: hostile content written with raw automerge operations, as a
//! reprogrammed phone would write it.

use automerge::{ActorId, AutoCommit, ObjType, ROOT, ReadDoc, transaction::Transactable};
use chrono::{DateTime, NaiveDate, Utc};

use super::{InboundError, case, household};
use crate::case::{AssistanceKind, Case, CaseOrigin, CasePath};
use crate::document::{DocError, create, limits, limits::Limit};
use crate::household::Household;
use crate::id_number::IdNumber;
use crate::member::Sex;
use crate::money::Money;
use crate::photo::{PhotoKind, PhotoMeta};
use crate::sample::{self, SampleRng};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap()
}

fn sample_household() -> Household {
    sample::household(&mut SampleRng::new(11), 0, "w1", now())
}

fn doc_of(h: &Household) -> AutoCommit {
    create(h, ActorId::from(&[1u8; 16][..]), now()).unwrap()
}

/// The field paths of a refusal, or the reading error.
fn fields(r: Result<impl std::fmt::Debug, InboundError>) -> Vec<String> {
    match r {
        Err(InboundError::Invalid(e)) => e.0.into_iter().map(|p| p.field).collect(),
        other => panic!("expected field problems, got {other:?}"),
    }
}

fn refused(h: &Household) -> Vec<String> {
    fields(household(&doc_of(h), &h.id, &[], now()))
}

#[test]
fn a_household_as_the_form_writes_it_passes() {
    let h = sample_household();
    let read = household(&doc_of(&h), &h.id, &[], now()).unwrap();
    assert_eq!((read.id, read.members), (h.id, h.members));
}

#[test]
fn a_negative_wage_and_absurd_deposits_are_refused() {
    let mut h = sample_household();
    h.economics.income.wage = Money::from_yuan(-1_000_000);
    h.economics.assets.deposits = Money::from_yuan(90_000_000_000_000);
    assert_eq!(
        refused(&h),
        ["economics.income.wage", "economics.assets.deposits"]
    );
}

#[test]
fn a_birth_date_in_the_future_is_refused_even_with_a_valid_id_number() {
    let mut h = sample_household();
    let (id, m) = h.members.iter_mut().next().unwrap();
    let id = id.clone();
    let born = NaiveDate::from_ymd_opt(2099, 3, 1).unwrap();
    m.birth_date = born;
    m.id_number = IdNumber::compose(sample::COUNTY_CODE, born, 7, m.sex);
    assert_eq!(refused(&h), [format!("members.{id}.birth_date")]);
}

#[test]
fn a_village_code_outside_the_township_and_a_bad_phone_are_refused() {
    let mut h = sample_household();
    h.profile.address.village_code = "ABC".into();
    h.profile.contact_phone = "not a phone".into();
    assert_eq!(
        refused(&h),
        ["profile.address.village_code", "profile.contact_phone"]
    );
}

#[test]
fn the_refusal_names_fields_and_never_repeats_a_value() {
    let mut h = sample_household();
    h.profile.contact_phone = "not a phone".into();
    let err = household(&doc_of(&h), &h.id, &[], now()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("profile.contact_phone"), "{text}");
    assert!(!text.contains("not a phone"), "{text}");
}

#[test]
fn an_id_unlike_the_devices_ids_or_unequal_to_the_document_id_is_refused() {
    let mut h = sample_household();
    h.id = "hh-1".into();
    assert_eq!(refused(&h), ["id"]);
    let h = sample_household();
    let other = sample::household(&mut SampleRng::new(99), 0, "w1", now()).id;
    assert_eq!(fields(household(&doc_of(&h), &other, &[], now())), ["id"]);
}

/// A well-formed photo of an ID card; `retake_of` names the photo it retakes, or is empty.
fn photo_meta(retake_of: &str) -> PhotoMeta {
    PhotoMeta {
        kind: PhotoKind::IdCard,
        sha256: "cd".repeat(32),
        caption: String::new(),
        taken_at: now(),
        taken_by: "w1".into(),
        location: None,
        time_from_camera: false,
        thumb_sha256: "ab".repeat(32),
        width: 1,
        height: 1,
        bytes: 1,
        thumb_bytes: 1,
        attached_at: None,
        device: String::new(),
        review: Default::default(),
        review_reason: String::new(),
        reviewed_by: String::new(),
        reviewed_at: None,
        retake_of: retake_of.into(),
    }
}

#[test]
fn an_evidence_hash_that_is_not_sha256_hex_is_refused() {
    let mut h = sample_household();
    let photo = "0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab";
    let mut meta = photo_meta("");
    meta.kind = PhotoKind::House;
    meta.sha256 = "abc".into();
    meta.time_from_camera = true;
    h.evidence.insert(photo.into(), meta);
    assert_eq!(refused(&h), [format!("evidence.{photo}.sha256")]);
}

#[test]
fn a_retake_must_name_another_photo_of_the_same_record() {
    let mut h = sample_household();
    let (old, new) = (
        "0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab",
        "1a1b2c3d-4e5f-4a6b-8c7d-0123456789ab",
    );
    let photo = photo_meta;
    h.evidence.insert(old.into(), photo(""));
    h.evidence.insert(new.into(), photo(old));
    household(&doc_of(&h), &h.id.clone(), &[], now()).unwrap();
    for wrong in [new, "2a1b2c3d-4e5f-4a6b-8c7d-0123456789ab"] {
        h.evidence.insert(new.into(), photo(wrong));
        assert_eq!(
            refused(&h),
            [format!("evidence.{new}.retake_of")],
            "{wrong}"
        );
    }
}

#[test]
fn deleting_members_from_the_accepted_version_is_refused() {
    let h = sample_household();
    let mut doc = doc_of(&h);
    let before = doc.get_heads();
    let (_, members) = doc.get(ROOT, "members").unwrap().unwrap();
    for id in h.members.keys() {
        doc.delete(&members, id.as_str()).unwrap();
    }
    doc.commit();
    assert_eq!(fields(household(&doc, &h.id, &before, now())), ["members"]);
    // Marking a member moved out is the way, and passes.
    let mut moved = h.clone();
    moved.members.values_mut().for_each(|m| {
        m.status = crate::member::MemberStatus::MovedOut;
    });
    let mut doc = doc_of(&h);
    let before = doc.get_heads();
    crate::document::write(&mut doc, &moved).unwrap();
    doc.commit();
    household(&doc, &h.id, &before, now()).unwrap();
}

#[test]
fn a_ten_megabyte_address_is_refused_by_the_string_limit() {
    let h = sample_household();
    let mut doc = doc_of(&h);
    let (_, profile) = doc.get(ROOT, "profile").unwrap().unwrap();
    let (_, address) = doc.get(&profile, "address").unwrap().unwrap();
    doc.put(&address, "detail", "路".repeat(10 * 1024 * 1024 / 3))
        .unwrap();
    doc.commit();
    let err = household(&doc, &h.id, &[], now()).unwrap_err();
    assert!(
        matches!(err, InboundError::Doc(DocError::Limit(Limit::StringBytes))),
        "{err:?}"
    );
}

/// A household with a map nested `depth` levels under an unknown key, sent as changes and
/// applied to a fresh document, as the county receives it.
fn deeply_nested(depth: usize) -> (AutoCommit, String) {
    let h = sample_household();
    let mut doc = doc_of(&h);
    let mut obj = doc.put_object(ROOT, "x", ObjType::Map).unwrap();
    for _ in 0..depth {
        obj = doc.put_object(&obj, "x", ObjType::Map).unwrap();
    }
    doc.commit();
    let mut received = AutoCommit::new();
    received.apply_changes(doc.get_changes(&[])).unwrap();
    (received, h.id)
}

#[test]
fn a_map_nested_thousands_deep_is_refused_without_exhausting_the_stack() {
    // Run on a small stack, as a server's worker thread has: the read must not recurse with
    // the nesting, and automerge must apply the change without recursing either.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let (doc, id) = deeply_nested(3_000);
            let err = household(&doc, &id, &[], now()).unwrap_err();
            assert!(
                matches!(err, InboundError::Doc(DocError::Limit(Limit::Depth))),
                "{err:?}"
            );
            assert!(crate::document::conflicts::list(&doc).is_empty());
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn nesting_within_the_depth_limit_under_an_unknown_key_still_reads() {
    let (doc, id) = deeply_nested(limits::MAX_DEPTH - 2);
    household(&doc, &id, &[], now()).unwrap();
}

#[test]
fn too_many_items_in_one_map_are_refused() {
    let h = sample_household();
    let mut doc = doc_of(&h);
    let map = doc.put_object(ROOT, "x", ObjType::Map).unwrap();
    for i in 0..=limits::MAX_ITEMS {
        doc.put(&map, i.to_string(), 1).unwrap();
    }
    doc.commit();
    let err = household(&doc, &h.id, &[], now()).unwrap_err();
    assert!(
        matches!(err, InboundError::Doc(DocError::Limit(Limit::Items))),
        "{err:?}"
    );
}

fn sample_case(h: &Household) -> Case {
    Case {
        id: "5b1c2d3e-4f50-4a6b-8c7d-0123456789ab".into(),
        household_id: h.id.clone(),
        county_code: sample::COUNTY_CODE.into(),
        village_code: h.profile.address.village_code.clone(),
        grid_code: h.profile.address.grid_code.clone(),
        origin: CaseOrigin::Discovery,
        kind: AssistanceKind::Expenditure,
        path: CasePath::Normal,
        opened_at: now(),
        opened_by: "w1".into(),
        emergency: None,
        events: vec![],
        evidence: Default::default(),
    }
}

#[test]
fn a_case_with_well_formed_ids_in_a_village_of_its_county_passes() {
    let c = sample_case(&sample_household());
    let doc = create(&c, ActorId::from(&[1u8; 16][..]), now()).unwrap();
    assert_eq!(case(&doc, &c.id, now()).unwrap(), c);
}

#[test]
fn a_case_naming_a_malformed_household_or_village_is_refused() {
    let mut c = sample_case(&sample_household());
    c.household_id = "h1".into();
    c.village_code = "ABC".into();
    c.grid_code = String::new();
    c.opened_at = now() + chrono::Duration::days(30);
    let doc = create(&c, ActorId::from(&[1u8; 16][..]), now()).unwrap();
    assert_eq!(
        fields(case(&doc, &c.id, now())),
        ["household_id", "village_code", "grid_code", "opened_at"]
    );
}

#[test]
fn a_sex_mismatch_is_a_form_problem_as_on_the_phone() {
    let mut h = sample_household();
    let (id, m) = h.members.iter_mut().next().unwrap();
    let id = id.clone();
    m.sex = if m.sex == Sex::Male {
        Sex::Female
    } else {
        Sex::Male
    };
    assert_eq!(refused(&h), [format!("members.{id}.id_number")]);
}
