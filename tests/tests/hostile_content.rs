//! Hostile document content sent by an enrolled device over raw HTTP, as a reprogrammed phone
//! would send it (issue 12, findings 1, 3 and 4): the county refuses it with its code and a
//! message naming the limit or the fields, stays up, stores nothing, sends nothing to another
//! device, and an honest phone's next sync still works. Also: a county may publish any policy
//! that validates, and phones read it.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ROOT, ReadDoc};
use ruhu_core::RuhuStore;
use ruhu_core::enums::{Relation, Sex};
use ruhu_domain::case::{AssistanceKind, Case, CaseOrigin, CasePath};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::sample::{self, SampleRng};
use ruhu_proto::v1::{self, ErrorCode};
use ruhu_tests::attacker::{Attacker, Forged, healthy};
use ruhu_tests::{TestCounty, member, profile};

const GRID: &str = "G01-1";

/// A generated household in `grid` of the tests' village (where [`profile`] puts households).
fn household(seed: u64, grid: &str) -> Household {
    let mut h = sample::household(&mut SampleRng::new(seed), 0, "w-x", chrono::Utc::now());
    let p = profile(grid);
    let a = &mut h.profile.address;
    a.township_code = p.township_code;
    a.village_code = p.village_code;
    a.village_name = p.village_name;
    a.grid_code = grid.into();
    h
}

/// The object at `path` below the root.
fn at(doc: &AutoCommit, path: &[&str]) -> ObjId {
    path.iter().fold(ROOT, |obj, key| {
        match doc.get(&obj, *key).expect("get").expect("present") {
            (automerge::Value::Object(_), id) => id,
            _ => panic!("{key} is not an object"),
        }
    })
}

/// A county with an attacker device and two honest phones in the attacker's grid and another.
struct Scene {
    county: TestCounty,
    attacker: Attacker,
    watcher: std::sync::Arc<RuhuStore>,
    elsewhere: std::sync::Arc<RuhuStore>,
    _dir: tempfile::TempDir,
}

impl Scene {
    fn start() -> Scene {
        let county = TestCounty::start();
        let dir = tempfile::tempdir().unwrap();
        let attacker = Attacker::grid_worker(&county, "w-x", &[GRID]);
        let watcher = county.phone(dir.path(), "w-v", &[GRID]);
        let elsewhere = county.phone(dir.path(), "w-o", &["G02-1"]);
        Scene {
            county,
            attacker,
            watcher,
            elsewhere,
            _dir: dir,
        }
    }

    /// The attacker's own valid household, accepted by the county and seen by the watcher.
    fn accepted_household(&mut self, seed: u64) -> Forged {
        let h = household(seed, GRID);
        let mut f = Forged::create(&h.id, &h, self.attacker.actor.clone());
        self.attacker.sync(vec![f.all()]).accepted();
        assert_eq!(self.watcher.sync(None).unwrap().documents_received, 1);
        f
    }

    /// Sends `doc` and asserts the refusal with `code` and a message containing `names`; the
    /// county up; nothing stored; nothing sent to the honest phones, which still sync. Returns
    /// the message.
    fn assert_refused(&mut self, doc: v1::DocumentChanges, code: ErrorCode, names: &str) -> String {
        let id = doc.document_id.clone();
        let changes_before = self.county.change_count();
        let heads_before = self.county.document(&id).get_heads();
        let answer = self.attacker.sync(vec![doc]);
        assert!(healthy(&self.county.url()), "the county answers /healthz");
        assert_eq!(answer.refused_code(), code, "{answer:?}");
        let message = answer.refused_message();
        assert!(message.contains(names), "{message}");
        assert_eq!(self.county.change_count(), changes_before, "nothing stored");
        assert_eq!(self.county.document(&id).get_heads(), heads_before);
        for phone in [&self.watcher, &self.elsewhere] {
            assert_eq!(phone.sync(None).unwrap().documents_received, 0);
        }
        self.honest_phone_still_syncs();
        message
    }

    fn honest_phone_still_syncs(&self) {
        let id = self
            .watcher
            .create_household(
                profile(GRID),
                vec![member("祁春兰", Relation::Head, Sex::Female, "1968-03-03")],
            )
            .unwrap();
        let report = self.watcher.sync(None).unwrap();
        assert_eq!(report.documents_sent, 1, "{report:?}");
        assert!(self.county.document(&id).get_heads().len() == 1);
    }
}

#[test]
fn a_household_nested_thousands_of_levels_deep_is_refused_and_the_county_stays_up() {
    let mut s = Scene::start();
    let h = household(1, GRID);
    let mut f = Forged::create(&h.id, &h, s.attacker.actor.clone());
    f.edit(|doc| {
        let mut obj = doc.put_object(ROOT, "x", ObjType::Map).unwrap();
        for _ in 0..2_000 {
            obj = doc.put_object(&obj, "x", ObjType::Map).unwrap();
        }
    });
    let message = s.assert_refused(f.all(), ErrorCode::InvalidContent, "max_depth");
    assert!(message.contains("16"), "{message}");
    // The same nesting added to a household the county already holds.
    let mut f = s.accepted_household(2);
    f.edit(|doc| {
        let mut obj = doc.put_object(ROOT, "x", ObjType::Map).unwrap();
        for _ in 0..2_000 {
            obj = doc.put_object(&obj, "x", ObjType::Map).unwrap();
        }
    });
    s.assert_refused(f.take(), ErrorCode::InvalidContent, "max_depth");
}

#[test]
fn a_ten_megabyte_address_is_refused_by_the_request_limit_and_a_long_one_by_the_string_limit() {
    let mut s = Scene::start();
    let mut f = s.accepted_household(3);
    let heads = f.doc.get_heads();
    f.edit(|doc| {
        let address = at(doc, &["profile", "address"]);
        doc.put(&address, "detail", "路".repeat(10 * 1024 * 1024 / 3))
            .unwrap();
    });
    // Past the bytes one sync request may carry: refused before any database work.
    s.assert_refused(f.take(), ErrorCode::TooLarge, "split it");
    // Under the request limit, the document's own string limit refuses it.
    let mut f = Forged::from_county(&s.county, &f.id, "household", s.attacker.actor.clone());
    assert_eq!(f.doc.get_heads(), heads);
    f.edit(|doc| {
        let address = at(doc, &["profile", "address"]);
        doc.put(&address, "detail", "路".repeat(1024 * 1024 / 3))
            .unwrap();
    });
    s.assert_refused(f.take(), ErrorCode::InvalidContent, "max_string_bytes");
}

/// A hostile edit of an accepted household, written with raw automerge operations.
type Edit = fn(&mut AutoCommit, &Household);

#[test]
fn content_the_form_would_refuse_is_refused_naming_the_field_never_the_value() {
    let mut s = Scene::start();
    let mut f = s.accepted_household(4);
    let h: Household = document::read(&f.doc).unwrap();
    let first_member = h.members.keys().next().unwrap().clone();
    // Each edit, the field path its refusal names, and a value it must not repeat.
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "economics.income.wage",
            |doc, _| {
                let income = at(doc, &["economics", "income"]);
                doc.put(&income, "wage", -100_000_000i64).unwrap();
            },
            "-100000000",
        ),
        (
            "economics.assets.deposits",
            |doc, _| {
                let assets = at(doc, &["economics", "assets"]);
                doc.put(&assets, "deposits", 9_000_000_000_000_000i64)
                    .unwrap();
            },
            "9000000000000000",
        ),
        (
            "birth_date",
            |doc, h| {
                let (id, m) = h.members.iter().next().unwrap();
                let born = chrono::NaiveDate::from_ymd_opt(2099, 3, 1).unwrap();
                let number =
                    ruhu_domain::id_number::IdNumber::compose(sample::COUNTY_CODE, born, 7, m.sex)
                        .unwrap();
                let obj = at(doc, &["members", id]);
                doc.put(&obj, "birth_date", "2099-03-01").unwrap();
                doc.put(&obj, "id_number", number.as_str()).unwrap();
            },
            "2099",
        ),
        (
            "profile.address.village_code",
            |doc, _| {
                let address = at(doc, &["profile", "address"]);
                doc.put(&address, "village_code", "ABC").unwrap();
            },
            "ABC",
        ),
        (
            "profile.contact_phone",
            |doc, _| {
                let p = at(doc, &["profile"]);
                doc.put(&p, "contact_phone", "not a phone").unwrap();
            },
            "not a phone",
        ),
        (
            "members",
            |doc, h| {
                let members = at(doc, &["members"]);
                for id in h.members.keys() {
                    doc.delete(&members, id.as_str()).unwrap();
                }
            },
            "members.",
        ),
        (
            "id",
            |doc, _| {
                doc.put(ROOT, "id", "0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab")
                    .unwrap();
            },
            "0a1b2c3d",
        ),
        (
            "sha256",
            |doc, _| {
                let evidence = at(doc, &["evidence"]);
                let photo = doc
                    .put_object(
                        &evidence,
                        "5b1c2d3e-4f50-4a6b-8c7d-0123456789ab",
                        ObjType::Map,
                    )
                    .unwrap();
                for (k, v) in [
                    ("kind", "house"),
                    ("sha256", "abc"),
                    ("caption", ""),
                    ("taken_at", "2026-11-01T08:00:00Z"),
                    ("taken_by", "w-x"),
                    ("thumb_sha256", &"ab".repeat(32)),
                ] {
                    doc.put(&photo, k, v).unwrap();
                }
                doc.put(&photo, "location", automerge::ScalarValue::Null)
                    .unwrap();
            },
            "abc",
        ),
    ];
    for (field, edit, secret) in cases {
        let mut hostile =
            Forged::from_county(&s.county, &f.id, "household", s.attacker.actor.clone());
        hostile.edit(|doc| edit(doc, &h));
        let message = s.assert_refused(hostile.take(), ErrorCode::InvalidContent, field);
        assert!(!message.contains(secret), "{field}: {message}");
    }
    // Marking a member moved out instead of deleting is accepted.
    f.edit(|doc| {
        let obj = at(doc, &["members", &first_member]);
        doc.put(&obj, "status", "moved_out").unwrap();
    });
    s.attacker.sync(vec![f.take()]).accepted();
}

#[test]
fn a_document_id_unlike_the_devices_ids_is_refused() {
    let mut s = Scene::start();
    let mut h = household(5, GRID);
    h.id = "hh-1".into();
    let mut f = Forged::create("hh-1", &h, s.attacker.actor.clone());
    s.assert_refused(f.all(), ErrorCode::InvalidContent, "id: ");
}

#[test]
fn a_household_moved_to_another_township_with_its_grid_unchanged_is_refused() {
    let mut s = Scene::start();
    let f = s.accepted_household(6);
    let mut hostile = Forged::from_county(&s.county, &f.id, "household", s.attacker.actor.clone());
    hostile.edit(|doc| {
        let address = at(doc, &["profile", "address"]);
        doc.put(&address, "township_code", "370599102").unwrap();
        doc.put(&address, "village_code", "370599102206").unwrap();
    });
    s.assert_refused(
        hostile.take(),
        ErrorCode::InvalidContent,
        "address.grid_code",
    );
}

#[test]
fn a_household_whose_village_is_emptied_is_refused_and_broadcast_to_no_one() {
    let mut s = Scene::start();
    let f = s.accepted_household(7);
    let mut hostile = Forged::from_county(&s.county, &f.id, "household", s.attacker.actor.clone());
    hostile.edit(|doc| {
        let address = at(doc, &["profile", "address"]);
        doc.put(&address, "village_code", "").unwrap();
    });
    s.assert_refused(
        hostile.take(),
        ErrorCode::InvalidContent,
        "profile.address.village_code",
    );
    // Even a household row without a village (as an older store may hold) reaches no device
    // outside its grid: only the policy is county-wide.
    s.county
        .county
        .transaction(ruhu_county::db::Access::Appends, |tx, _| {
            tx.upsert_documents(&[ruhu_county::db::DocumentRow {
                id: &f.id,
                kind: "household",
                county_code: ruhu_tests::COUNTY,
                village_code: "",
                grid_code: GRID,
                household_id: None,
                status: None,
                next_clock: None,
                next_due: None,
                open_tasks: 0,
                updated_seq: 0,
            }])
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let newcomer = s.county.phone(dir.path(), "w-n", &["G02-1"]);
    assert_eq!(newcomer.sync(None).unwrap().documents_received, 0);
    assert!(newcomer.household(f.id.clone()).is_err());
}

fn case_of(h: &Household, id: &str) -> Case {
    Case {
        id: id.into(),
        household_id: h.id.clone(),
        county_code: sample::COUNTY_CODE.into(),
        village_code: h.profile.address.village_code.clone(),
        grid_code: GRID.into(),
        origin: CaseOrigin::Discovery,
        kind: AssistanceKind::Expenditure,
        path: CasePath::Normal,
        opened_at: chrono::Utc::now(),
        opened_by: "w-x".into(),
        emergency: None,
        events: vec![],
        evidence: Default::default(),
    }
}

#[test]
fn a_case_with_malformed_ids_or_village_is_refused() {
    let mut s = Scene::start();
    let f = s.accepted_household(8);
    let h: Household = document::read(&f.doc).unwrap();
    let good = "6c1d2e3f-4a5b-4c6d-8e7f-0123456789ab";

    let bad_id = case_of(&h, "case-1");
    let mut c = Forged::create("case-1", &bad_id, s.attacker.actor.clone());
    s.assert_refused(c.all(), ErrorCode::InvalidContent, "id: ");

    let mut unequal = case_of(&h, good);
    unequal.household_id = "h1".into();
    unequal.village_code = "ABC".into();
    let mut c = Forged::create(good, &unequal, s.attacker.actor.clone());
    let message = s.assert_refused(c.all(), ErrorCode::InvalidContent, "household_id");
    assert!(message.contains("village_code"), "{message}");
}

#[test]
fn a_county_publishes_any_valid_policy_and_phones_read_it() {
    use ruhu_domain::calendar::{Deadline, Holiday, YearSchedule};
    use ruhu_domain::policy::{CaseClock, CountyPolicy};
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = county.phone(dir.path(), "w-a", &[GRID]);
    let mut p = CountyPolicy::dongying_example();
    p.county_code = ruhu_tests::COUNTY.into();
    p.version = 1;
    p.deadlines
        .insert(CaseClock::AdvanceAidCritical, Deadline::Hours(24));
    p.calendar_years.push(YearSchedule {
        year: 2027,
        source: "县民政局录入".into(),
        holidays: vec![Holiday {
            name: "元旦".into(),
            first: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            last: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        }],
        make_up_workdays: vec![],
    });
    county.publish(&p).unwrap();
    phone.sync(None).unwrap();
    assert_eq!(phone.county_policy().unwrap().unwrap().version, 1);

    // The deadline changes its unit, and the calendar year added by mistake goes.
    p.version = 2;
    p.deadlines
        .insert(CaseClock::AdvanceAidCritical, Deadline::WorkingDays(3));
    p.calendar_years.clear();
    assert_eq!(county.publish(&p).unwrap(), 2);
    let stored: CountyPolicy =
        document::read(&county.document(&document::policy_id(ruhu_tests::COUNTY))).unwrap();
    assert_eq!(stored, p, "the stored policy is exactly the published one");
    phone.sync(None).unwrap();
    assert_eq!(phone.county_policy().unwrap().unwrap().version, 2);

    // And back to hours.
    p.version = 3;
    p.deadlines
        .insert(CaseClock::AdvanceAidCritical, Deadline::Hours(2));
    assert_eq!(county.publish(&p).unwrap(), 3);
    phone.sync(None).unwrap();
    assert_eq!(phone.county_policy().unwrap().unwrap().version, 3);
}
