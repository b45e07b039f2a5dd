//! A refused document never blocks a phone, and a document that enters a phone's scope later
//! arrives whole: per-document refusals in the sync answer, the phone keeping a refused record
//! with the worker's reason, the import preview naming records outside the scope, and a
//! household moved into a grid reaching the phone already syncing there. Over real HTTP on
//! loopback, on every engine.

use ruhu_core::enums::{Relation, Sex};
use ruhu_core::error::ApiError;
use ruhu_core::records::HouseholdQuery;
use ruhu_core::refusals::RefusalAction;
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::sample::SampleRng;
use ruhu_proto::v1::{self, ErrorCode};
use ruhu_proto::{Message, PROTOCOL_VERSION};
use ruhu_tests::attacker::{Answer, Attacker, healthy, post};
use ruhu_tests::{TestCounty, household_changes, member, profile};

fn members_at_county(county: &TestCounty, id: &str) -> usize {
    let h: Household = document::read(&county.document(id)).expect("a household");
    h.members.len()
}

#[test]
fn a_household_of_another_grid_from_a_bundle_is_refused_alone_and_kept_with_its_reason() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let a = county.phone(dir.path(), "w-a", &["G01-1"]);
    let b = county.phone(dir.path(), "w-b", &["G02-1"]);
    let neighbour = county.phone(dir.path(), "w-n", &["G01-1"]);
    let foreign = b
        .create_household(
            profile("G02-1"),
            vec![member("欧阳文", Relation::Head, Sex::Male, "1970-03-03")],
        )
        .unwrap();
    b.sync(None).unwrap();
    let bundle = b.export_bundle(vec![foreign.clone()]).unwrap();

    // The import says before importing that the record lies outside this phone's scope.
    let preview = a.preview_bundle(bundle.clone()).unwrap();
    assert_eq!(preview.outside_scope, 1);
    let d = &preview.documents[0];
    assert_eq!(
        (
            d.document_id.as_str(),
            d.grid_code.as_str(),
            d.in_scope,
            d.created
        ),
        (foreign.as_str(), "G02-1", false, true)
    );
    assert!(matches!(
        a.import_bundle(bundle.clone()),
        Err(ApiError::BundleOutsideScope { count: 1 })
    ));
    assert!(a.household(foreign.clone()).is_err(), "nothing imported");
    let left_out = a.import_bundle_confirmed(bundle.clone(), false).unwrap();
    assert_eq!((left_out.created, left_out.skipped), (0, 1));
    assert!(a.household(foreign.clone()).is_err());
    let kept = a.import_bundle_confirmed(bundle, true).unwrap();
    assert_eq!(kept.created, 1);

    // The phone's own new work still leaves; the foreign record is refused alone.
    let own = a
        .create_household(
            profile("G01-1"),
            vec![member("司马兰", Relation::Head, Sex::Female, "1975-05-05")],
        )
        .unwrap();
    let report = a.sync(None).unwrap();
    assert_eq!((report.documents_sent, report.documents_refused), (2, 1));
    assert_eq!(members_at_county(&county, &own), 1);
    assert_eq!(neighbour.sync(None).unwrap().documents_received, 1);
    assert!(neighbour.household(own.clone()).is_ok());
    assert!(neighbour.household(foreign.clone()).is_err());

    // Kept on the phone, with the worker's reason and the way out.
    let refused = a.refused_documents().unwrap();
    assert_eq!(refused.len(), 1);
    let r = &refused[0];
    assert_eq!(
        (r.document_id.as_str(), r.kind.as_str(), r.code.as_str()),
        (foreign.as_str(), "household", "out_of_scope")
    );
    assert_eq!(r.action, RefusalAction::HandBack);
    assert!(r.reason.contains("交接"), "{}", r.reason);
    assert!(!r.reason.chars().any(|c| c.is_ascii_alphabetic()));
    assert_eq!(a.household(foreign.clone()).unwrap().members.len(), 1);

    // An edit of another record syncs; the refused one, unchanged, is not sent again.
    let mut p = profile("G01-1");
    p.contact_phone = "13700002222".into();
    a.update_household(own.clone(), p).unwrap();
    let report = a.sync(None).unwrap();
    assert_eq!(
        (
            report.documents_sent,
            report.documents_refused,
            report.documents_held_back
        ),
        (1, 0, 1)
    );

    // A change to the refused record sends it again; the county stores nothing of it and
    // the grid's own phone receives nothing.
    a.add_member(
        foreign.clone(),
        member("欧阳明", Relation::Child, Sex::Male, "2001-01-01"),
    )
    .unwrap();
    let report = a.sync(None).unwrap();
    assert_eq!((report.documents_sent, report.documents_refused), (1, 1));
    assert_eq!(members_at_county(&county, &foreign), 1);
    assert_eq!(b.sync(None).unwrap().documents_received, 0);
    assert_eq!(a.household(foreign.clone()).unwrap().members.len(), 2);

    // The worker may retry once the township sorted it out.
    a.retry_refused(foreign.clone()).unwrap();
    let report = a.sync(None).unwrap();
    assert_eq!((report.documents_sent, report.documents_refused), (1, 1));
    assert!(matches!(
        a.retry_refused("no-such-record".into()),
        Err(ApiError::NotFound { .. })
    ));
    assert!(county.urls.iter().all(|u| healthy(u)));
}

#[test]
fn a_raw_request_gets_its_good_document_stored_and_its_foreign_one_refused() {
    let county = TestCounty::start();
    let mut w = Attacker::grid_worker(&county, "w-raw", &["G01-1"]);
    let mut other = Attacker::grid_worker(&county, "w-other", &["G02-1"]);
    let mut rng = SampleRng::new(7);
    let good = household_changes(&mut rng, w.actor.clone(), "G01-1");
    let bad = household_changes(&mut rng, w.actor.clone(), "G02-1");

    let resp = w.sync(vec![bad.clone(), good.clone()]).answered();
    assert_eq!(resp.refused.len(), 1);
    let refusal = &resp.refused[0];
    assert_eq!(refusal.document_id, bad.document_id);
    assert_eq!(refusal.code, ErrorCode::OutOfScope as i32);
    assert!(!refusal.message.is_empty());
    let stored: Vec<&str> = resp.stored.iter().map(|s| s.document_id.as_str()).collect();
    assert_eq!(stored, vec![good.document_id.as_str()]);
    assert!(!resp.stored[0].heads.is_empty());
    assert_eq!(county.change_count() as usize, good.changes.len());
    assert!(
        other.pull().is_empty(),
        "nothing of the refused document reaches the grid it names"
    );
    assert!(healthy(&w.base));

    // Listed incomplete: the device's own document comes back whole; a document of another
    // grid and an unknown id are left out alike.
    let theirs = household_changes(&mut rng, other.actor.clone(), "G02-1");
    other.sync(vec![theirs.clone()]).accepted();
    let ask = |ids: Vec<String>| -> Answer<v1::SyncResponse> {
        let req = v1::SyncRequest {
            protocol_version: PROTOCOL_VERSION,
            cursor: w.cursor,
            incomplete: ids,
            ..Default::default()
        };
        post(
            &format!("{}/v1/sync", w.base),
            Some(&w.token),
            req.encode_to_vec(),
        )
    };
    let resp = ask(vec![
        theirs.document_id.clone(),
        "unknown-document".into(),
        good.document_id.clone(),
    ])
    .accepted();
    assert_eq!(resp.whole.len(), 1);
    assert_eq!(resp.whole[0].document_id, good.document_id);
    assert_eq!(resp.whole[0].changes, good.changes);
    assert_eq!(
        ask(vec!["x".into(); ruhu_proto::MAX_INCOMPLETE_DOCUMENTS + 1]).refused_code(),
        ErrorCode::TooLarge
    );
    assert!(healthy(&w.base));
}

#[test]
fn a_household_moved_into_a_grid_arrives_whole_on_a_phone_already_syncing_there() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let officer = county.officer_phone(dir.path(), "o-1", &["G01-1", "G02-1"]);
    let worker = county.phone(dir.path(), "w-2", &["G02-1"]);
    worker.sync(None).unwrap();

    let h = officer
        .create_household(
            profile("G01-1"),
            vec![member("诸葛平", Relation::Head, Sex::Male, "1968-08-08")],
        )
        .unwrap();
    officer
        .add_member(
            h.clone(),
            member("诸葛丽", Relation::Spouse, Sex::Female, "1969-09-09"),
        )
        .unwrap();
    officer.sync(None).unwrap();
    assert_eq!(worker.sync(None).unwrap().documents_received, 0);

    // The officer re-grids the household: the worker's cursor passed its first changes.
    officer
        .update_household(h.clone(), profile("G02-1"))
        .unwrap();
    officer.sync(None).unwrap();
    let report = worker.sync(None).unwrap();
    assert_eq!(report.documents_received, 1);
    assert_eq!(report.round_trips, 2, "asked for whole in the same sync");
    let got = worker.household(h.clone()).unwrap();
    assert_eq!(got.profile.grid_code, "G02-1");
    assert_eq!(got.members.len(), 2);
    assert_eq!(
        worker
            .search_households(HouseholdQuery::default())
            .unwrap()
            .len(),
        1
    );

    // The phone keeps syncing, and its edits of the household reach the county.
    worker
        .add_member(
            h.clone(),
            member("诸葛安", Relation::Child, Sex::Male, "1995-05-05"),
        )
        .unwrap();
    let report = worker.sync(None).unwrap();
    assert_eq!((report.documents_sent, report.documents_refused), (1, 0));
    assert_eq!(members_at_county(&county, &h), 3);
    assert_eq!(worker.sync(None).unwrap().round_trips, 1);
    officer.sync(None).unwrap();
    assert_eq!(officer.household(h).unwrap().members.len(), 3);
    assert!(county.urls.iter().all(|u| healthy(u)));
}
