//! The engine's own rules, on a real encrypted store in a temporary folder.

use chrono::Utc;

use ruhu_domain::case::Role;
use ruhu_domain::sample::{self, SampleRng};
use ruhu_proto::v1;
use ruhu_store::{HouseholdFilter, Scope, WorkerProfile};

use crate::enrollment::{Enrollment, role_from_wire};
use crate::{EngineError, Phone};

fn phone(dir: &tempfile::TempDir) -> Phone {
    let phone = Phone::open(&dir.path().join("phone.db"), &[7u8; 32]).expect("open");
    phone
        .set_worker(&WorkerProfile {
            county_code: sample::COUNTY_CODE.into(),
            worker_id: "w-001".into(),
            display_name: "网格员一".into(),
        })
        .expect("worker");
    phone
}

#[test]
fn an_enrollment_is_kept_whole_under_the_keys_the_first_releases_wrote() {
    let dir = tempfile::tempdir().expect("dir");
    let phone = phone(&dir);
    assert_eq!(phone.enrollment().expect("read"), None);
    let enrollment = Enrollment {
        server_url: "https://county.example".into(),
        token: "token-1".into(),
        county_device_id: "dev-9".into(),
        role: Role::Supervisor,
        scope: Scope {
            villages: vec!["370599101".into()],
            grids: vec!["G02-1".into(), "G02-2".into()],
        },
    };
    enrollment.save(phone.store()).expect("save");
    assert_eq!(phone.enrollment().expect("read"), Some(enrollment));
    // Phones enrolled by earlier releases hold these keys; they must stay readable.
    let store = phone.store();
    assert_eq!(
        store.setting("device_token").expect("token").as_deref(),
        Some("token-1")
    );
    assert_eq!(
        store.setting("role").expect("role").as_deref(),
        Some("supervisor")
    );
    assert_eq!(
        store.setting("scope_grids").expect("grids").as_deref(),
        Some("G02-1,G02-2")
    );
    assert_eq!(phone.event_device().expect("device"), "dev-9");
    assert_eq!(phone.role().expect("role"), Some(Role::Supervisor));
}

#[test]
fn each_protocol_role_becomes_its_domain_role_and_an_unknown_one_the_least_power() {
    assert_eq!(role_from_wire(v1::Role::GridWorker), Role::GridWorker);
    assert_eq!(
        role_from_wire(v1::Role::TownshipOfficer),
        Role::TownshipOfficer
    );
    assert_eq!(role_from_wire(v1::Role::Supervisor), Role::Supervisor);
    assert_eq!(role_from_wire(v1::Role::Unspecified), Role::GridWorker);
}

#[test]
fn a_household_outside_the_scope_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let phone = phone(&dir);
    let mut rng = SampleRng::new(3);
    let h = sample::household(&mut rng, 0, "w-001", Utc::now());
    phone
        .store()
        .set_scope(&Scope {
            villages: Vec::new(),
            grids: vec![format!("{}-other", h.profile.address.grid_code)],
        })
        .expect("scope");
    let members: Vec<_> = h.members.values().cloned().collect();
    let refused = phone.create_household(h.profile.clone(), members.clone());
    assert!(
        matches!(refused, Err(EngineError::OutOfScope)),
        "{refused:?}"
    );
    let listed = |phone: &Phone| {
        phone
            .store()
            .households(
                &HouseholdFilter {
                    limit: 10,
                    ..Default::default()
                },
                Utc::now(),
            )
            .expect("list")
            .len()
    };
    assert_eq!(listed(&phone), 0);
    phone
        .store()
        .set_scope(&Scope {
            villages: Vec::new(),
            grids: vec![h.profile.address.grid_code.clone()],
        })
        .expect("scope");
    phone
        .create_household(h.profile, members)
        .expect("in scope");
    assert_eq!(listed(&phone), 1);
}

#[test]
fn a_sync_before_enrollment_says_so_without_touching_the_network() {
    let dir = tempfile::tempdir().expect("dir");
    let phone = phone(&dir);
    let r = phone.sync(None, std::time::Duration::ZERO);
    assert!(matches!(r, Err(EngineError::NotEnrolled)), "{r:?}");
}
