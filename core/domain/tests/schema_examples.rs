//! The examples of proto/SCHEMA.md, read from the page itself: written into automerge the way the
//! page tells an outside client to, they read back as the domain's `Household` and `Case`, pass
//! the forms' validation, and hold exactly the fields the app writes. The page cannot drift
//! from the code without this test failing.

use automerge::{AutoCommit, ObjId, ObjType, ROOT, ScalarValue, transaction::Transactable};
use chrono::{NaiveDate, TimeZone, Utc};
use ruhu_domain::case::{Case, CaseEventKind, CaseStatus};
use ruhu_domain::document::{self, tree};
use ruhu_domain::household::Household;
use ruhu_domain::policy::CaseClock;
use serde_json::{Map, Value};

fn schema_page() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../proto/SCHEMA.md");
    std::fs::read_to_string(path).expect("proto/SCHEMA.md")
}

/// The fenced block opened by "```json <name>".
fn example(name: &str) -> Value {
    let page = schema_page();
    let fence = format!("```json {name}\n");
    let start = page
        .find(&fence)
        .unwrap_or_else(|| panic!("no {fence:?} block"))
        + fence.len();
    let len = page[start..].find("\n```").expect("the block ends");
    serde_json::from_str(&page[start..start + len]).expect("the example is JSON")
}

fn scalar(v: &Value) -> ScalarValue {
    match v {
        Value::Null => ScalarValue::Null,
        Value::Bool(b) => ScalarValue::Boolean(*b),
        Value::String(s) => ScalarValue::Str(s.as_str().into()),
        Value::Number(n) => ScalarValue::Int(n.as_i64().expect("every number is an integer")),
        _ => unreachable!("objects and arrays are not scalars"),
    }
}

fn put_map(doc: &mut AutoCommit, obj: &ObjId, map: &Map<String, Value>) {
    for (key, value) in map {
        match value {
            Value::Object(m) => {
                let id = doc.put_object(obj, key.as_str(), ObjType::Map).unwrap();
                put_map(doc, &id, m);
            }
            Value::Array(items) => {
                let id = doc.put_object(obj, key.as_str(), ObjType::List).unwrap();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::Object(m) => {
                            let entry = doc.insert_object(&id, i, ObjType::Map).unwrap();
                            put_map(doc, &entry, m);
                        }
                        other => doc.insert(&id, i, scalar(other)).unwrap(),
                    }
                }
            }
            other => doc.put(obj, key.as_str(), scalar(other)).unwrap(),
        }
    }
}

/// The example written with the automerge library alone, as §1 of the page says.
fn as_outside_client_writes_it(json: &Value) -> AutoCommit {
    let mut doc = AutoCommit::new();
    put_map(&mut doc, &ROOT, json.as_object().expect("a map"));
    doc.commit();
    doc
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

#[test]
fn the_household_example_reads_validates_and_is_what_the_app_writes() {
    let json = example("household");
    let doc = as_outside_client_writes_it(&json);
    let household: Household = document::read(&doc).expect("the example reads as a household");
    household.validate(today()).expect("the example validates");
    assert_eq!(household.id, json["id"]);
    // The app writing the same household writes the same tree: no field missing, none extra.
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 1, 30, 0).unwrap();
    let written = document::create(&household, automerge::ActorId::random(), at).unwrap();
    assert_eq!(tree::read(&written, &ROOT).unwrap(), json);
}

#[test]
fn the_case_example_reads_validates_and_belongs_to_the_household_example() {
    let json = example("case");
    let doc = as_outside_client_writes_it(&json);
    let case: Case = document::read(&doc).expect("the example reads as a case");
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap();
    case.validate(now).expect("the example validates");
    assert_eq!(case.replay().status, CaseStatus::Accepted);
    let household: Household = serde_json::from_value(example("household")).unwrap();
    assert_eq!(case.household_id, household.id);
    assert_eq!(case.village_code, household.profile.address.village_code);
    assert_eq!(case.grid_code, household.profile.address.grid_code);
    let written = document::create(&case, automerge::ActorId::random(), now).unwrap();
    assert_eq!(tree::read(&written, &ROOT).unwrap(), json);
}

#[test]
fn the_page_names_every_case_event_kind_and_policy_clock() {
    let page = schema_page();
    for kind in CaseEventKind::ALL {
        let code = serde_json::to_value(kind).unwrap();
        let code = code.as_str().unwrap();
        assert!(page.contains(&format!("`{code}`")), "event kind {code}");
    }
    for clock in CaseClock::ALL {
        assert!(
            page.contains(&format!("`{}`", clock.code())),
            "clock {}",
            clock.code()
        );
    }
}
