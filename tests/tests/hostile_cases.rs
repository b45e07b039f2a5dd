//! An enrolled phone turned hostile, over raw HTTP with hand-built automerge changes: case
//! steps it had no right to write (a self-approval recorded as the console's, backdated), a case
//! naming another township's household, another grid's photo listed by its hash, a colleague's
//! actor and next sequence number, the county's own actor. Each is refused or defused, the county
//! stays up, nothing of it is stored or sent on, and the honest phones keep syncing.

use chrono::Duration;
use reqwest::StatusCode;
use ruhu_core::RuhuStore;
use ruhu_core::enums::{
    AssistanceKind, CaseEventKind as K, CaseOrigin, CasePath, CaseStatus, PhotoKind, Relation, Sex,
};
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_core::records::{CaseEventInput, CaseInput};
use ruhu_domain::case::{Case, CaseEvent, CaseEventKind};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::imaging::sample::{camera_jpeg, scene};
use ruhu_domain::money::Money;
use ruhu_proto::Message;
use ruhu_proto::v1::{self, ErrorCode};
use ruhu_tests::attacker::{Answer, Attacker, Forged, healthy};
use ruhu_tests::{COUNTY, TestCounty, member, profile};

fn household(phone: &RuhuStore, grid: &str, name: &str) -> String {
    phone
        .create_household(
            profile(grid),
            vec![member(name, Relation::Head, Sex::Female, "1966-06-06")],
        )
        .unwrap()
}

/// An accepted ordinary case of `household`, recorded on an officer's phone and synced.
fn accepted_case(officer: &RuhuStore, household: &str) -> String {
    let case = officer
        .create_case(CaseInput {
            household_id: household.into(),
            origin: CaseOrigin::Application,
            kind: AssistanceKind::Expenditure,
            path: CasePath::Normal,
            opened_at_ms: None,
            emergency: None,
        })
        .unwrap();
    officer
        .append_case_event(case.clone(), CaseEventInput::new(K::Accepted))
        .unwrap();
    officer.sync(None).unwrap();
    case
}

fn message_of<T: ruhu_tests::attacker::Body>(a: &Answer<T>) -> String {
    a.refused_message()
}

/// The review's self-approval: approved 3,000 元, 公示 started and ended, paid, all signed
/// `actor`/`device`, dated from an hour before the acceptance.
fn self_approval(case: &Case, actor: &str, device: &str) -> Vec<CaseEvent> {
    let accepted = case
        .events
        .iter()
        .find(|e| e.kind == CaseEventKind::Accepted)
        .expect("accepted")
        .at;
    let at = |hours: i64| accepted - Duration::hours(1) + Duration::hours(hours);
    let mut approved = CaseEvent::new("forged-1", CaseEventKind::Approved, at(0), actor, device);
    approved.amount = Some(Money::from_fen(300_000));
    let started = CaseEvent::new(
        "forged-2",
        CaseEventKind::PublicityStarted,
        at(0) + Duration::minutes(1),
        actor,
        device,
    );
    let ended = CaseEvent::new(
        "forged-3",
        CaseEventKind::PublicityEnded,
        at(0) + Duration::minutes(2),
        actor,
        device,
    );
    let mut paid = CaseEvent::new(
        "forged-4",
        CaseEventKind::Payment,
        at(0) + Duration::minutes(3),
        actor,
        device,
    );
    paid.amount = Some(Money::from_fen(300_000));
    vec![approved, started, ended, paid]
}

/// Appends `events` to the county's copy of case `id`, written by the attacker's actor.
fn forged_steps(
    county: &TestCounty,
    attacker: &Attacker,
    id: &str,
    events: Vec<CaseEvent>,
) -> v1::DocumentChanges {
    let mut f = Forged::from_county(county, id, "case", attacker.actor.clone());
    f.edit(|doc| {
        let mut c: Case = document::read(doc).unwrap();
        c.events.extend(events);
        document::write(doc, &c).unwrap();
    });
    f.take()
}

/// A minimal console session: signs in and keeps the cookie.
struct Console {
    http: reqwest::blocking::Client,
    base: String,
    cookie: String,
}

impl Console {
    fn login(base: &str, user: &str, password: &str) -> Console {
        let http = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = http.get(format!("{base}/console/login")).send().unwrap();
        let cookies: Vec<String> = page
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_string())
            .collect();
        let body = page.text().unwrap();
        let i = body.find("name=\"csrf\" value=\"").unwrap() + 19;
        let csrf = body[i..i + body[i..].find('"').unwrap()].to_string();
        let r = http
            .post(format!("{base}/console/login"))
            .header("cookie", cookies.join("; "))
            .form(&[("username", user), ("password", password), ("csrf", &csrf)])
            .send()
            .unwrap();
        let mut cookie: Vec<String> = cookies;
        for c in r.headers().get_all("set-cookie") {
            let kv = c.to_str().unwrap().split(';').next().unwrap().to_string();
            let name = kv.split('=').next().unwrap().to_string();
            cookie.retain(|k| !k.starts_with(&format!("{name}=")));
            cookie.push(kv);
        }
        Console {
            http,
            base: base.into(),
            cookie: cookie.join("; "),
        }
    }

    fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .send()
            .unwrap();
        (r.status(), r.text().unwrap_or_default())
    }
}

const PASSWORD: &str = "山高水长-2026-夏";

#[test]
fn a_grid_workers_self_approval_signed_as_admin_and_backdated_is_refused_and_never_shown() {
    let county = TestCounty::start();
    county.publish_policy(1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let officer = county.officer_phone(dir.path(), "t-1", &["G01-1"]);
    let h = household(&officer, "G01-1", "闵秀英");
    let case = accepted_case(&officer, &h);
    let colleague = county.phone(dir.path(), "w-2", &["G01-1"]);
    colleague.sync(None).unwrap();
    let mut attacker = Attacker::grid_worker(&county, "w-666", &["G01-1"]);
    attacker.pull();
    let held = county.change_count();
    let stored: Case = document::read(&county.document(&case)).unwrap();

    // As the console's `admin`: a step no phone may write.
    let as_admin = forged_steps(
        &county,
        &attacker,
        &case,
        self_approval(&stored, "admin", "console"),
    );
    let answer = attacker.sync(vec![as_admin]);
    assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
    assert!(
        message_of(&answer).starts_with("event_author: "),
        "{answer:?}"
    );
    assert!(healthy(&attacker.base));
    // Signed with its own identity, backdated: refused for its time.
    let own = self_approval(&stored, &attacker.worker_id, &attacker.device_id);
    let answer = attacker.sync(vec![forged_steps(&county, &attacker, &case, own.clone())]);
    assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
    assert!(
        message_of(&answer).starts_with("before_earlier_step: "),
        "{answer:?}"
    );
    // Dated now: a grid worker may not approve.
    let now = chrono::Utc::now();
    let own = own
        .into_iter()
        .enumerate()
        .map(|(i, e)| CaseEvent {
            at: now + Duration::seconds(i as i64),
            ..e
        })
        .collect();
    let own = forged_steps(&county, &attacker, &case, own);
    let answer = attacker.sync(vec![own]);
    assert_eq!(answer.refused_code(), ErrorCode::RoleMayNot);
    assert!(
        message_of(&answer).starts_with("role_may_not: "),
        "{answer:?}"
    );
    // A step a grid worker may take, dated before the acceptance.
    let mut visit = CaseEvent::new(
        "forged-5",
        CaseEventKind::Investigated,
        stored.events[0].at - Duration::hours(1),
        &attacker.worker_id,
        &attacker.device_id,
    );
    visit.investigators = vec!["w-666".into(), "w-2".into()];
    let answer = attacker.sync(vec![forged_steps(&county, &attacker, &case, vec![visit])]);
    assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
    assert!(
        message_of(&answer).starts_with("before_earlier_step: "),
        "{answer:?}"
    );
    // Rewriting the acceptance into an approval, or deleting it, with raw automerge edits.
    use automerge::ReadDoc;
    use automerge::transaction::Transactable;
    for rewrite in [true, false] {
        let mut f = Forged::from_county(&county, &case, "case", attacker.actor.clone());
        f.edit(|doc| {
            let (_, events) = doc.get(automerge::ROOT, "events").unwrap().unwrap();
            if rewrite {
                let (_, first) = doc.get(&events, 0).unwrap().unwrap();
                doc.put(&first, "kind", "approved").unwrap();
            } else {
                doc.delete(&events, 0).unwrap();
            }
        });
        let answer = attacker.sync(vec![f.take()]);
        assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
        assert!(
            message_of(&answer).starts_with("event_rewritten: "),
            "{answer:?}"
        );
    }
    assert!(healthy(&attacker.base));

    // Nothing of it was stored or sent on; the console shows no approval and no 公示.
    assert_eq!(county.change_count(), held);
    let now: Case = document::read(&county.document(&case)).unwrap();
    assert_eq!(now.events, stored.events);
    colleague.sync(None).unwrap();
    assert_eq!(
        colleague.case_detail(case.clone()).unwrap().status,
        CaseStatus::Accepted
    );
    county.console_account("shen", "supervisor", &[COUNTY], PASSWORD);
    let console = Console::login(&county.url(), "shen", PASSWORD);
    let (status, page) = console.get(&format!("/console/cases/{case}"));
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("3000.00") && !page.contains("3,000"),
        "{page}"
    );
    let (_, publicity) = console.get("/console/publicity");
    assert!(!publicity.contains("闵秀英"));

    // The honest officer's next step and sync still work.
    officer
        .append_case_event(
            case.clone(),
            CaseEventInput {
                department: Some("县医疗保障局".into()),
                ..CaseEventInput::new(K::Referred)
            },
        )
        .unwrap();
    officer.sync(None).unwrap();
    let after: Case = document::read(&county.document(&case)).unwrap();
    assert_eq!(after.events.len(), stored.events.len() + 1);
}

#[test]
fn two_offline_officers_accepting_one_case_are_both_stored_and_replay_shows_the_conflict() {
    let county = TestCounty::start();
    county.publish_policy(1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = county.officer_phone(dir.path(), "t-a", &["G01-1"]);
    let b = county.officer_phone(dir.path(), "t-b", &["G01-1"]);
    let h = household(&a, "G01-1", "尤桂芝");
    let case = a
        .create_case(CaseInput {
            household_id: h,
            origin: CaseOrigin::Application,
            kind: AssistanceKind::Expenditure,
            path: CasePath::Normal,
            opened_at_ms: None,
            emergency: None,
        })
        .unwrap();
    a.sync(None).unwrap();
    b.sync(None).unwrap();
    // Both accept while offline: each step fits the case its phone held.
    for phone in [&a, &b] {
        phone
            .append_case_event(case.clone(), CaseEventInput::new(K::Accepted))
            .unwrap();
    }
    a.sync(None).unwrap();
    b.sync(None).unwrap();
    let held: Case = document::read(&county.document(&case)).unwrap();
    let accepted = held
        .events
        .iter()
        .filter(|e| e.kind == CaseEventKind::Accepted)
        .count();
    assert_eq!(accepted, 2);
    let conflicts = held.replay().conflicts;
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].rule.code(), "already_accepted");
}

#[test]
fn a_case_naming_another_townships_household_is_refused_and_never_shown() {
    let county = TestCounty::start();
    county.publish_policy(1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // A household of township 370599102.
    let far = county.officer_phone(dir.path(), "t-far", &["G05-1"]);
    let mut elsewhere = profile("G05-1");
    elsewhere.township_code = "370599102".into();
    elsewhere.village_code = "370599102201".into();
    let foreign = far
        .create_household(
            elsewhere,
            vec![member("葛远山", Relation::Head, Sex::Male, "1958-08-08")],
        )
        .unwrap();
    far.sync(None).unwrap();
    let near = county.officer_phone(dir.path(), "t-near", &["G01-1"]);
    let own = household(&near, "G01-1", "鲁春兰");
    near.sync(None).unwrap();
    let mut attacker = Attacker::grid_worker(&county, "w-667", &["G01-1"]);
    attacker.pull();

    let template = accepted_case(&near, &own);
    let held = county.change_count();
    let case_for = |household_id: &str, id: &str| {
        let mut c: Case = document::read(&county.document(&template)).unwrap();
        c.id = id.into();
        c.household_id = household_id.into();
        c.events.clear();
        c
    };
    let foreign_case = case_for(&foreign, "0c0ffee0-0000-4000-8000-000000000001");
    let answer = attacker.sync(vec![
        Forged::create(&foreign_case.id, &foreign_case, attacker.actor.clone()).all(),
    ]);
    assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
    let foreign_message = message_of(&answer);
    assert!(foreign_message.starts_with("household_out_of_scope: "));
    // An unknown household answers the same.
    let unknown_case = case_for(
        "0c0ffee0-0000-4000-8000-00000000dead",
        "0c0ffee0-0000-4000-8000-000000000002",
    );
    let answer = attacker.sync(vec![
        Forged::create(&unknown_case.id, &unknown_case, attacker.actor.clone()).all(),
    ]);
    assert_eq!(answer.refused_code(), ErrorCode::CaseRule);
    assert_eq!(message_of(&answer), foreign_message);
    assert!(healthy(&attacker.base));
    assert_eq!(county.change_count(), held);

    // The officer of the near township never sees the foreign household.
    county.console_account("near", "township_officer", &["370599101"], PASSWORD);
    let console = Console::login(&county.url(), "near", PASSWORD);
    let (_, queue) = console.get("/console/cases");
    assert!(!queue.contains("0c0ffee0-0000-4000-8000-000000000001"));
    assert!(!queue.contains("葛远山"));
    let (status, _) = console.get("/console/cases/0c0ffee0-0000-4000-8000-000000000001");
    assert_ne!(status, StatusCode::OK);

    // A case naming a foreign household that is already in the store (written before this
    // check existed) shows neither on the case page nor in cases.xlsx.
    let (_, before) =
        ruhu_county::transfer::export_cases(&county.county, None, &mut |_, _, _| {}).unwrap();
    let mut old = case_for(&foreign, "0c0ffee0-0000-4000-8000-000000000003");
    old.events.clear();
    county
        .county
        .transaction(ruhu_county::db::Access::Appends, |tx, code| {
            let actor = ruhu_county::actor::county_actor(tx)?;
            let mut f = Forged::create(&old.id, &old, actor);
            ruhu_county::documents::store_changes(tx, None, code, &f.all())
        })
        .unwrap();
    let (status, page) = console.get("/console/cases/0c0ffee0-0000-4000-8000-000000000003");
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("葛远山"), "{page}");
    let (_, after) =
        ruhu_county::transfer::export_cases(&county.county, None, &mut |_, _, _| {}).unwrap();
    assert_eq!(
        after, before,
        "the foreign household is left out of the export"
    );

    // A case of its own grid's household is accepted.
    let honest = case_for(&own, "0c0ffee0-0000-4000-8000-000000000004");
    attacker
        .sync(vec![
            Forged::create(&honest.id, &honest, attacker.actor.clone()).all(),
        ])
        .accepted();
    assert!(county.change_count() > held);
}

#[test]
fn another_grids_photo_listed_by_its_hash_is_not_served_and_answers_like_an_unknown_one() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let victim = county.phone(dir.path(), "w-v", &["G01-1"]);
    let h = household(&victim, "G01-1", "钱玉珍");
    let photo = victim
        .add_photo(
            PhotoTarget::Household {
                household_id: h.clone(),
            },
            PhotoInput {
                kind: PhotoKind::House,
                caption: String::new(),
                location: None,
            },
            camera_jpeg(&scene(1600, 1200, 33), None),
        )
        .unwrap();
    victim.sync(None).unwrap();
    assert!(county.holds_blob(&photo.sha256));
    let neighbour = county.phone(dir.path(), "w-n", &["G02-1"]);
    let theirs = household(&neighbour, "G02-1", "孔德明");
    neighbour.sync(None).unwrap();

    let mut attacker = Attacker::grid_worker(&county, "w-668", &["G02-1"]);
    attacker.pull();
    let victim_doc: Household = document::read(&county.document(&h)).unwrap();
    let meta = victim_doc.evidence.values().next().unwrap().clone();
    let mut f = Forged::from_county(&county, &theirs, "household", attacker.actor.clone());
    f.edit(|doc| {
        let mut hh: Household = document::read(doc).unwrap();
        hh.evidence.insert("stolen".into(), meta.clone());
        document::write(doc, &hh).unwrap();
    });
    // Listing it may pass; fetching it never does.
    let _ = attacker.sync(vec![f.take()]);
    let fetch = |sha: &str| {
        let r = reqwest::blocking::Client::new()
            .get(format!("{}/v1/blobs/{sha}", attacker.base))
            .bearer_auth(&attacker.token)
            .send()
            .unwrap();
        let status = r.status();
        let body = r.bytes().unwrap();
        (status, v1::Error::decode(body).ok())
    };
    let (status, error) = fetch(&photo.sha256);
    let (unknown_status, unknown_error) = fetch(&"ab".repeat(32));
    assert_eq!(status, unknown_status);
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error, unknown_error);
    assert_eq!(error.map(|e| e.code), Some(ErrorCode::UnknownBlob as i32));
    let (thumb_status, _) = fetch(&photo.thumb_sha256);
    assert_eq!(thumb_status, StatusCode::NOT_FOUND);
    assert!(healthy(&attacker.base));
    // The victim's grid still gets it.
    let colleague = Attacker::grid_worker(&county, "w-v2", &["G01-1"]);
    let r = reqwest::blocking::Client::new()
        .get(format!("{}/v1/blobs/{}", colleague.base, photo.sha256))
        .bearer_auth(&colleague.token)
        .send()
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    victim.sync(None).unwrap();
}

#[test]
fn a_change_squatting_a_colleagues_next_sequence_number_is_removed_when_the_colleague_syncs() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let colleague = county.phone(dir.path(), "w-c", &["G01-1"]);
    let h = household(&colleague, "G01-1", "邹凤兰");
    colleague.sync(None).unwrap();
    let mut attacker = Attacker::grid_worker(&county, "w-669", &["G01-1"]);
    attacker.pull();
    let victim_actor = county.document(&h).get_changes(&[])[0].actor_id().clone();

    // Under the county's actor: refused.
    let county_actor = county
        .county
        .transaction(ruhu_county::db::Access::Appends, |tx, _| {
            ruhu_county::actor::county_actor(tx)
        })
        .unwrap();
    let mut as_county = Forged::from_county(&county, &h, "household", county_actor.clone());
    as_county.edit(|doc| {
        use automerge::transaction::Transactable;
        doc.put(automerge::ROOT, "note", "county").unwrap();
    });
    assert_eq!(
        attacker.sync(vec![as_county.take()]).refused_code(),
        ErrorCode::ForgedActor
    );
    // Enrolling with the county's actor is never granted.
    let req = v1::EnrollRequest {
        protocol_version: ruhu_proto::PROTOCOL_VERSION,
        code: county.code("w-670", &["G01-1"]),
        device_label: "reprogrammed phone".into(),
        actor_id: county_actor.to_bytes().to_vec(),
    };
    let granted: v1::EnrollResponse = ruhu_tests::attacker::post(
        &format!("{}/v1/enroll", county.url()),
        None,
        req.encode_to_vec(),
    )
    .accepted();
    assert_ne!(granted.actor_id, county_actor.to_bytes());

    // Under the colleague's actor, at the colleague's next sequence number.
    let mut squat = Forged::from_county(&county, &h, "household", victim_actor.clone());
    squat.edit(|doc| {
        let mut hh: Household = document::read(doc).unwrap();
        hh.profile.address.detail = "9组9号".into();
        document::write(doc, &hh).unwrap();
    });
    let squat_hash = squat.doc.get_heads()[0];
    let _ = attacker.sync(vec![squat.take()]);
    assert!(healthy(&attacker.base));

    // The colleague's own next change is accepted whatever the squat did, and wins.
    colleague
        .update_household(h.clone(), {
            let mut p = profile("G01-1");
            p.address_detail = "1组2号".into();
            p
        })
        .unwrap();
    colleague.sync(None).unwrap();
    let held: Household = document::read(&county.document(&h)).unwrap();
    assert_eq!(held.profile.address.detail, "1组2号");
    assert!(
        county
            .document(&h)
            .get_change_by_hash(&squat_hash)
            .is_none()
    );
    // And keeps syncing.
    colleague.sync(None).unwrap();
}

#[test]
fn a_change_relayed_under_a_revoked_colleagues_actor_is_refused() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let colleague = county.phone(dir.path(), "w-r", &["G01-1"]);
    let h = household(&colleague, "G01-1", "庞秀梅");
    colleague.sync(None).unwrap();
    let mut attacker = Attacker::grid_worker(&county, "w-671", &["G01-1"]);
    attacker.pull();
    let colleague_actor = county.document(&h).get_changes(&[])[0].actor_id().clone();
    for device in county.devices_of("w-r") {
        assert!(county.revoke(&device));
    }
    let held = county.change_count();
    let mut relayed = Forged::from_county(&county, &h, "household", colleague_actor);
    relayed.edit(|doc| {
        let mut hh: Household = document::read(doc).unwrap();
        hh.profile.address.detail = "8组8号".into();
        document::write(doc, &hh).unwrap();
    });
    let answer = attacker.sync(vec![relayed.take()]);
    assert_eq!(answer.refused_code(), ErrorCode::ForgedActor);
    assert!(healthy(&attacker.base));
    assert_eq!(county.change_count(), held);
    // The attacker's own honest sync still works.
    attacker.sync(Vec::new()).accepted();
}

#[test]
fn a_step_beyond_the_workers_role_is_refused_at_the_county_and_kept_on_the_phone_with_plain_words()
{
    // Today's phone refuses the step itself (the same rules, before and after the county's
    // policy arrives); a phone on an older build recorded it unchecked, as written here
    // straight into its store: the county judges it.
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let worker = county.phone(dir.path(), "w-role", &["G01-1"]);
    let h = household(&worker, "G01-1", "秦秋月");
    let case = worker
        .create_case(CaseInput {
            household_id: h.clone(),
            origin: CaseOrigin::Discovery,
            kind: AssistanceKind::Expenditure,
            path: CasePath::Normal,
            opened_at_ms: None,
            emergency: None,
        })
        .unwrap();
    worker.sync(None).unwrap();
    let stored_before = county.change_count();

    let approval = CaseEventInput {
        amount_fen: Some(300_000),
        ..CaseEventInput::new(K::Approved)
    };
    let err = worker
        .append_case_event(case.clone(), approval)
        .unwrap_err();
    assert!(
        matches!(&err, ruhu_core::error::ApiError::CaseRuleBroken { rule, .. } if rule == "role_may_not"),
        "{err:?}"
    );
    let device = county.devices_of("w-role").pop().expect("enrolled");
    let older_build =
        ruhu_store::Store::open(&dir.path().join("w-role.db"), &[9; 32]).expect("the store");
    older_build
        .update::<Case>(&case, "append event", chrono::Utc::now(), |c| {
            let mut e = CaseEvent::new(
                "00000000-0000-4000-8000-00000000a001",
                CaseEventKind::Approved,
                chrono::Utc::now(),
                "w-role",
                &device,
            );
            e.amount = Some(Money::from_fen(300_000));
            c.events.push(e);
            Ok(())
        })
        .unwrap();
    drop(older_build);
    let report = worker.sync(None).unwrap();
    assert_eq!(report.documents_refused, 1);
    assert_eq!(
        county.change_count(),
        stored_before,
        "nothing of the step stored"
    );

    let refused = worker.refused_documents().unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].document_id, case);
    assert_eq!(refused[0].code, "role_may_not");
    assert!(refused[0].reason.contains("职责"), "{}", refused[0].reason);
    assert!(!refused[0].reason.chars().any(|c| c.is_ascii_alphabetic()));
    // The worker's step is still on the phone.
    let detail = worker.case_detail(case.clone()).unwrap();
    assert!(detail.events.iter().any(|e| e.kind == K::Approved));
    // Nothing else is held up: the worker's next household still syncs.
    household(&worker, "G01-1", "秦春生");
    let next = worker.sync(None).unwrap();
    assert_eq!(next.documents_sent, 1);
    assert!(healthy(&county.url()));
}
