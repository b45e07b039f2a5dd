//! `ruhu-fault-phone`: one phone of the fault-schedule runs, as its own process so a schedule
//! can kill it with SIGKILL at any moment. It opens the phone's encrypted store through the
//! same facade the apps use (`RuhuStore`) and obeys one JSON command per line on standard
//! input, answering each with one JSON line on standard output: `{"ok": …}` once the core
//! returned (the edit is acknowledged: it is on the phone's disk), or `{"err": "<variant>"}`.
//! Edits answer with the document's heads after them, which the checker's model records.
//!
//! Test tooling, never shipped: the names it records are the schedule's fictional people.

use std::io::{BufRead, Write};
use std::path::Path;

use ruhu_core::RuhuStore;
use ruhu_core::enums::{
    AssistanceKind, CaseEventKind, CaseOrigin, CasePath, EmergencyKind, PhotoKind, Relation,
    ReviewStatus, Sex,
};
use ruhu_core::error::ApiError;
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_core::records::{
    CaseEventInput, CaseInput, EconomicsInput, EmergencyInput, HouseholdProfile, MemberInput,
};
use serde_json::{Value, json};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(key_hex)) = (args.next(), args.next()) else {
        eprintln!("usage: ruhu-fault-phone <store file> <key, 64 hex digits>");
        std::process::exit(2);
    };
    let key = match hex(&key_hex) {
        Some(k) if k.len() == 32 => k,
        _ => {
            eprintln!("the key must be 64 hex digits");
            std::process::exit(2);
        }
    };
    let phone = match RuhuStore::open(path.clone(), key.clone()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot open the store: {e:?}");
            std::process::exit(1);
        }
    };
    // A second handle on the same file, for the heads only (what the checker's model keeps).
    let raw = match ruhu_store::Store::open(Path::new(&path), &key) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot open the store: {e:?}");
            std::process::exit(1);
        }
    };
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let answer = match serde_json::from_str::<Value>(&line) {
            Ok(cmd) => match run(&phone, &raw, &cmd) {
                Ok(v) => json!({ "ok": v }),
                Err(Failure::Api(e)) => {
                    json!({ "err": e.variant_name(), "detail": format!("{e:?}") })
                }
                Err(Failure::Bad(why)) => json!({ "err": "bad command", "detail": why }),
            },
            Err(e) => json!({ "err": "bad command", "detail": e.to_string() }),
        };
        if writeln!(out, "{answer}").and_then(|_| out.flush()).is_err() {
            break;
        }
    }
}

enum Failure {
    Api(ApiError),
    Bad(String),
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

fn text(cmd: &Value, field: &str) -> Result<String, Failure> {
    cmd.get(field)
        .and_then(Value::as_str)
        .map(String::from)
        .ok_or_else(|| Failure::Bad(format!("{field} missing")))
}

fn number(cmd: &Value, field: &str) -> Result<i64, Failure> {
    cmd.get(field)
        .and_then(Value::as_i64)
        .ok_or_else(|| Failure::Bad(format!("{field} missing")))
}

fn heads(raw: &ruhu_store::Store, id: &str) -> Result<Value, Failure> {
    let kind = raw
        .kind_of(id)
        .map_err(|e| Failure::Bad(format!("{e}")))?
        .ok_or_else(|| Failure::Bad("no such document".into()))?;
    let (_, mut doc) = raw
        .document(id, kind)
        .map_err(|e| Failure::Bad(format!("{e}")))?;
    Ok(doc
        .get_heads()
        .iter()
        .map(|h| Value::String(h.to_string()))
        .collect())
}

fn edited(raw: &ruhu_store::Store, id: &str, mut extra: Value) -> Result<Value, Failure> {
    extra["doc"] = Value::String(id.to_string());
    extra["heads"] = heads(raw, id)?;
    Ok(extra)
}

fn run(phone: &RuhuStore, raw: &ruhu_store::Store, cmd: &Value) -> Result<Value, Failure> {
    let op = text(cmd, "op")?;
    match op.as_str() {
        "enroll" => {
            phone.enroll(text(cmd, "url")?, text(cmd, "code")?, "fault run".into())?;
            Ok(json!({ "device": phone.device_id() }))
        }
        "create_household" => {
            let grid = text(cmd, "grid")?;
            let profile = HouseholdProfile {
                grid_code: grid,
                address_detail: text(cmd, "address")?,
                ..ruhu_tests::profile("")
            };
            let head = MemberInput::basic(
                &text(cmd, "name")?,
                Relation::Head,
                Sex::Female,
                "1971-05-06",
            );
            let id = phone.create_household(profile, vec![head])?;
            edited(raw, &id, json!({}))
        }
        "add_member" => {
            let household = text(cmd, "household")?;
            let m = MemberInput::basic(
                &text(cmd, "name")?,
                Relation::Child,
                Sex::Male,
                "2003-02-01",
            );
            let member = phone.add_member(household.clone(), m)?;
            edited(raw, &household, json!({ "member": member }))
        }
        "set_pension" => {
            let household = text(cmd, "household")?;
            phone.set_economics(
                household.clone(),
                EconomicsInput {
                    pension_fen: number(cmd, "fen")?,
                    ..Default::default()
                },
            )?;
            edited(raw, &household, json!({}))
        }
        "add_photo" => {
            let household = text(cmd, "household")?;
            let bytes =
                std::fs::read(text(cmd, "jpeg")?).map_err(|e| Failure::Bad(e.to_string()))?;
            let record = phone.add_photo(
                PhotoTarget::Household {
                    household_id: household.clone(),
                },
                PhotoInput {
                    kind: PhotoKind::House,
                    caption: text(cmd, "caption")?,
                    location: None,
                },
                bytes,
            )?;
            edited(
                raw,
                &household,
                json!({ "photo": record.photo_id, "sha256": record.sha256, "thumb": record.thumb_sha256 }),
            )
        }
        "review_photo" => {
            let household = text(cmd, "household")?;
            phone.review_photo(
                PhotoTarget::Household {
                    household_id: household.clone(),
                },
                text(cmd, "photo")?,
                ReviewStatus::Approved,
                String::new(),
            )?;
            edited(raw, &household, json!({}))
        }
        "create_case" => {
            let household = text(cmd, "household")?;
            let case = phone.create_case(CaseInput {
                household_id: household,
                origin: CaseOrigin::Discovery,
                kind: AssistanceKind::Emergency,
                path: CasePath::Urgent,
                opened_at_ms: None,
                emergency: Some(EmergencyInput {
                    kind: EmergencyKind::Fire,
                    occurred_at_ms: chrono::Utc::now().timestamp_millis() - 3_600_000,
                    description: "厨房起火".into(),
                    losses_fen: 2_000_000,
                    expected_costs_fen: 500_000,
                }),
            })?;
            edited(raw, &case, json!({}))
        }
        "case_event" => {
            let case = text(cmd, "case")?;
            let kind = match text(cmd, "kind")?.as_str() {
                "accepted" => CaseEventKind::Accepted,
                "feedback" => CaseEventKind::Feedback,
                "advance_aid" => CaseEventKind::AdvanceAid,
                other => return Err(Failure::Bad(format!("event kind {other}"))),
            };
            let event = CaseEventInput {
                note: text(cmd, "note")?,
                amount_fen: cmd.get("amount_fen").and_then(Value::as_i64),
                ..CaseEventInput::new(kind)
            };
            let id = phone.append_case_event(case.clone(), event)?;
            edited(raw, &case, json!({ "event": id }))
        }
        "export_bundle" => {
            let docs: Vec<String> = cmd
                .get("docs")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            let bundle = phone.export_bundle(docs)?;
            std::fs::write(text(cmd, "path")?, &bundle).map_err(|e| Failure::Bad(e.to_string()))?;
            Ok(json!({ "bytes": bundle.len() }))
        }
        "import_bundle" => {
            let bundle =
                std::fs::read(text(cmd, "path")?).map_err(|e| Failure::Bad(e.to_string()))?;
            let report = phone.import_bundle(bundle)?;
            Ok(json!({ "report": format!("{report:?}") }))
        }
        "heads" => heads(raw, &text(cmd, "doc")?),
        "sync" => {
            let r = phone.sync(None)?;
            let refused: Vec<Value> = phone
                .refused_documents()?
                .into_iter()
                .map(|d| json!([d.document_id, d.code, d.reason]))
                .collect();
            Ok(json!({
                "refused": refused,
                "sent": r.documents_sent,
                "received": r.documents_received,
                "photos_sent": r.photos_sent,
                "photos_pending": r.photos_pending,
            }))
        }
        other => Err(Failure::Bad(format!("unknown op {other}"))),
    }
}

fn hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}
