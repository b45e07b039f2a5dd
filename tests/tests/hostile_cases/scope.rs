//! What lies outside the phone's scope: a case naming another township's household, another
//! grid's photo asked for by its hash.

use super::*;

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
