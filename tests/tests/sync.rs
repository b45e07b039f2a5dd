//! Phones and the county store over real HTTP on loopback: convergence with conflicts kept,
//! scope, forged actors, revoked devices, repeated requests. A refused document is answered
//! inside a successful sync (`SyncResponse.refused`); only request-level problems fail it.

use automerge::ActorId;
use ruhu_core::enums::{Relation, Sex};
use ruhu_core::error::ApiError;
use ruhu_core::records::{EconomicsInput, HouseholdQuery};
use ruhu_domain::document;
use ruhu_domain::sample::SampleRng;
use ruhu_engine::client::{ClientError, CountyClient};
use ruhu_proto::v1::{self, ErrorCode};
use ruhu_tests::refusals::refused_one;
use ruhu_tests::{TestCounty, first_request, member, profile};

#[test]
fn two_phones_edit_one_household_offline_and_converge_with_the_conflict_listed() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let a = county.phone(dir.path(), "w-a", &["G01-1"]);
    let b = county.phone(dir.path(), "w-b", &["G01-1"]);

    let h = a
        .create_household(
            profile("G01-1"),
            vec![member("柏春生", Relation::Head, Sex::Male, "1961-06-06")],
        )
        .unwrap();
    let first = a.sync(None).unwrap();
    assert_eq!((first.documents_sent, first.round_trips), (1, 1));
    assert_eq!(b.sync(None).unwrap().documents_received, 1);
    assert_eq!(
        b.search_households(HouseholdQuery {
            text: "bcs".into(),
            ..Default::default()
        })
        .unwrap()
        .len(),
        1
    );

    // Offline on both phones.
    a.set_economics(
        h.clone(),
        EconomicsInput {
            wage_fen: 1_000_000,
            ..Default::default()
        },
    )
    .unwrap();
    let mut p = profile("G01-1");
    p.contact_phone = "13700001111".into();
    a.update_household(h.clone(), p).unwrap();
    b.set_economics(
        h.clone(),
        EconomicsInput {
            wage_fen: 1_200_000,
            ..Default::default()
        },
    )
    .unwrap();
    b.add_member(
        h.clone(),
        member("柏小军", Relation::Child, Sex::Male, "1990-01-01"),
    )
    .unwrap();

    a.sync(None).unwrap();
    let b_report = b.sync(None).unwrap();
    assert_eq!(b_report.new_conflicts, 1);
    let a_report = a.sync(None).unwrap();
    assert_eq!(a_report.new_conflicts, 1);

    for phone in [&a, &b] {
        let d = phone.household(h.clone()).unwrap();
        assert_eq!(d.profile.contact_phone, "13700001111");
        assert_eq!(d.members.len(), 2);
        assert_eq!(d.conflicts.len(), 1);
        assert_eq!(d.conflicts[0].path, "economics/income/wage");
    }
    // The county holds both values too.
    let doc = county.document(&h);
    assert_eq!(document::conflicts::list(&doc).len(), 1);

    // Nothing left to exchange: one round trip, nothing sent.
    let idle = a.sync(None).unwrap();
    assert_eq!(
        (
            idle.round_trips,
            idle.documents_sent,
            idle.documents_received
        ),
        (1, 0, 0)
    );
    assert!(idle.bytes_sent < 64 && idle.bytes_received < 64, "{idle:?}");
}

#[test]
fn a_worker_never_receives_or_changes_a_household_outside_their_grid() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let a = county.phone(dir.path(), "w-a", &["G01-1"]);
    let c = county.phone(dir.path(), "w-c", &["G02-1"]);
    a.create_household(
        profile("G01-1"),
        vec![member("裴玉珍", Relation::Head, Sex::Female, "1970-07-07")],
    )
    .unwrap();
    a.sync(None).unwrap();
    assert_eq!(c.sync(None).unwrap().documents_received, 0);
    assert!(
        c.search_households(HouseholdQuery::default())
            .unwrap()
            .is_empty()
    );

    // C cannot record a family in A's grid: the phone refuses at once, naming the field.
    let err = c
        .create_household(
            profile("G01-1"),
            vec![member("裴春来", Relation::Head, Sex::Male, "1971-01-01")],
        )
        .unwrap_err();
    assert!(
        matches!(err, ApiError::InvalidInput { ref problems } if problems[0].field.ends_with("grid_code")),
        "{err:?}"
    );
    assert_eq!(a.sync(None).unwrap().documents_received, 0);
}

fn household_changes(actor: ActorId, grid: &str) -> v1::DocumentChanges {
    ruhu_tests::household_changes(&mut SampleRng::new(5), actor, grid)
}

#[test]
fn changes_by_a_forged_actor_and_requests_of_a_revoked_device_are_refused() {
    let county = TestCounty::start();
    let client = CountyClient::new(&county.url()).unwrap();
    let enrolled = client
        .enroll(&county.code("w-x", &["G01-1"]), "probe", &[])
        .unwrap();
    let request = first_request;

    let forged = household_changes(ActorId::random(), "G01-1");
    let (resp, _, _) = client
        .sync(&enrolled.token, &request(vec![forged]))
        .unwrap();
    assert_eq!(refused_one(&resp), ErrorCode::ForgedActor);

    let elsewhere = household_changes(ActorId::from(enrolled.actor_id.as_slice()), "G02-1");
    let (resp, _, _) = client
        .sync(&enrolled.token, &request(vec![elsewhere]))
        .unwrap();
    assert_eq!(refused_one(&resp), ErrorCode::OutOfScope);
    assert_eq!(
        county.change_count(),
        0,
        "nothing of a refused document is stored"
    );

    let own = household_changes(ActorId::from(enrolled.actor_id.as_slice()), "G01-1");
    client.sync(&enrolled.token, &request(vec![own])).unwrap();

    let err = client.sync("not-a-token", &request(vec![])).unwrap_err();
    assert!(matches!(
        err,
        ClientError::Refused {
            code: ErrorCode::Unauthenticated,
            ..
        }
    ));
    let err = client.enroll("AAAA-BBBB-CCCC", "probe", &[]).unwrap_err();
    assert!(matches!(
        err,
        ClientError::Refused {
            code: ErrorCode::EnrollmentCodeInvalid,
            ..
        }
    ));

    // A phone whose device is revoked is told to wipe, and does.
    let dir = tempfile::tempdir().unwrap();
    let phone = county.phone(dir.path(), "w-r", &["G01-1"]);
    phone
        .create_household(
            profile("G01-1"),
            vec![member("车国平", Relation::Head, Sex::Male, "1966-02-02")],
        )
        .unwrap();
    phone.sync(None).unwrap();
    let devices = county.devices_of("w-r");
    assert_eq!(devices.len(), 1);
    assert!(county.revoke(&devices[0]));
    assert!(!county.revoke(&devices[0]), "revoked once");
    assert!(matches!(phone.sync(None), Err(ApiError::DeviceRevoked)));
    assert!(
        phone
            .search_households(HouseholdQuery::default())
            .unwrap()
            .is_empty()
    );
    assert!(matches!(phone.sync(None), Err(ApiError::NotEnrolled)));
}

#[test]
fn an_enrollment_code_is_redeemed_once() {
    let county = TestCounty::start();
    let client = CountyClient::new(&county.url()).unwrap();
    let code = county.code("w-once", &["G01-1"]);
    client.enroll(&code, "first", &[]).unwrap();
    let err = client
        .enroll(&code.to_lowercase(), "second", &[])
        .unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::Refused {
                code: ErrorCode::EnrollmentCodeUsed,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_request_repeated_after_a_lost_answer_stores_nothing_twice() {
    let county = TestCounty::start();
    let client = CountyClient::new(&county.url()).unwrap();
    let enrolled = client
        .enroll(&county.code("w-y", &["G01-1"]), "probe", &[])
        .unwrap();
    let changes = household_changes(ActorId::from(enrolled.actor_id.as_slice()), "G01-1");
    let n = changes.changes.len();
    let req = first_request(vec![changes]);
    let (first, _, _) = client.sync(&enrolled.token, &req).unwrap();
    let (second, _, _) = client.sync(&enrolled.token, &req).unwrap();
    assert_eq!(first.stored, second.stored);
    let stored = county.change_count();
    assert_eq!(stored as usize, n);
}

#[test]
fn malformed_bodies_and_wrong_protocol_versions_get_clear_codes() {
    let county = TestCounty::start();
    let client = CountyClient::new(&county.url()).unwrap();
    let enrolled = client
        .enroll(&county.code("w-z", &["G01-1"]), "probe", &[])
        .unwrap();
    let req = v1::SyncRequest {
        protocol_version: 99,
        ..first_request(vec![])
    };
    let err = client.sync(&enrolled.token, &req).unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::Refused {
                code: ErrorCode::ProtocolVersion,
                ..
            }
        ),
        "{err:?}"
    );
    let bad = v1::DocumentChanges {
        document_id: "x".into(),
        kind: "household".into(),
        changes: vec![vec![1, 2, 3]],
    };
    let req = first_request(vec![bad]);
    let (resp, _, _) = client.sync(&enrolled.token, &req).unwrap();
    assert_eq!(refused_one(&resp), ErrorCode::InvalidChange);
    let odd = v1::DocumentChanges {
        document_id: "x".into(),
        kind: "spaceship".into(),
        changes: vec![],
    };
    let req = first_request(vec![odd]);
    let (resp, _, _) = client.sync(&enrolled.token, &req).unwrap();
    assert_eq!(refused_one(&resp), ErrorCode::UnknownKind);
}

#[test]
fn an_expired_code_and_an_oversized_body_are_refused_with_their_codes() {
    let county = TestCounty::start();
    let expired = county.expired_code("w-late", &["G01-1"]);
    let client = CountyClient::new(&county.url()).unwrap();
    let err = client.enroll(&expired, "late", &[]).unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::Refused {
                code: ErrorCode::EnrollmentCodeExpired,
                ..
            }
        ),
        "{err:?}"
    );

    let enrolled = client
        .enroll(&county.code("w-big", &["G01-1"]), "big", &[])
        .unwrap();
    let huge = v1::DocumentChanges {
        document_id: "x".into(),
        kind: "household".into(),
        changes: vec![vec![0u8; ruhu_proto::MAX_REQUEST_BYTES + 1]],
    };
    let req = first_request(vec![huge]);
    let err = client.sync(&enrolled.token, &req).unwrap_err();
    assert!(
        matches!(
            err,
            ClientError::Refused {
                code: ErrorCode::TooLarge,
                ..
            }
        ),
        "{err:?}"
    );
    let stored = county.change_count();
    assert_eq!(stored, 0);
}
