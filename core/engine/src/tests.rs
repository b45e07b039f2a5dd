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

/// A phone holding `n` sample households and the example county policy, as after a first sync.
fn phone_with_households(dir: &tempfile::TempDir, n: u32) -> (Phone, Vec<String>) {
    use ruhu_domain::document;
    use ruhu_domain::policy::CountyPolicy;
    let phone = phone(dir);
    let now = Utc::now();
    let policy = CountyPolicy::dongying_example();
    phone
        .store()
        .create(&document::policy_id(sample::COUNTY_CODE), &policy, now)
        .expect("policy");
    let mut rng = SampleRng::new(11);
    let ids = (0..n)
        .map(|i| {
            let h = sample::household(&mut rng, i % 3, "w-001", now);
            let members: Vec<_> = h.members.values().cloned().collect();
            phone
                .create_household(h.profile, members)
                .expect("household")
        })
        .collect();
    (phone, ids)
}

#[test]
fn the_warning_rules_look_again_only_where_something_changed_and_the_list_reads_the_index() {
    let dir = tempfile::tempdir().expect("dir");
    let (phone, ids) = phone_with_households(&dir, 30);

    let first = phone.raise_visit_tasks().expect("first run");
    assert_eq!(first.looked_at, 30, "{first:?}");
    assert!(
        first.changed > 0,
        "sample households raise some visits: {first:?}"
    );
    let listed = phone.listed_visits().expect("listed");
    assert!(!listed.is_empty());
    // Every task listed names its household as the list shows it.
    assert!(
        listed
            .iter()
            .all(|v| !v.row.head_name.is_empty() && !v.row.village_name.is_empty())
    );

    // Nothing changed: the rules look at nobody, and the list is the same.
    let again = phone.raise_visit_tasks().expect("second run");
    assert_eq!((again.looked_at, again.changed), (0, 0), "{again:?}");
    assert_eq!(phone.my_visits().expect("my visits"), listed);

    // One household edited: only it is looked at again.
    phone
        .store()
        .update::<ruhu_domain::household::Household>(&ids[4], "edit", Utc::now(), |h| {
            h.profile.address.detail = "5组1号".into();
            Ok(())
        })
        .expect("edit");
    assert_eq!(phone.raise_visit_tasks().expect("run").looked_at, 1);

    // A closed task leaves the list, stays in the household's history, and is not raised again.
    let task = listed[0].row.task.clone();
    phone
        .close_visit_task(&task.household_id, &task.id, true, "已入户，情况属实")
        .expect("close");
    let after = phone.my_visits().expect("my visits");
    assert!(!after.iter().any(|v| v.row.task.id == task.id));
    let history = phone.visit_history(&task.household_id).expect("history");
    let closed = history
        .iter()
        .find(|t| t.id == task.id)
        .expect("in history");
    assert_eq!(closed.status.code(), "done");

    // A new county policy makes the rules look at every household again.
    let mut policy = ruhu_domain::policy::CountyPolicy::dongying_example();
    policy.version += 1;
    phone
        .store()
        .update::<ruhu_domain::policy::CountyPolicy>(
            &ruhu_domain::document::policy_id(sample::COUNTY_CODE),
            "new policy",
            Utc::now(),
            move |p| {
                *p = policy;
                Ok(())
            },
        )
        .expect("policy");
    assert_eq!(phone.raise_visit_tasks().expect("run").looked_at, 30);
}

#[test]
fn a_household_the_rules_cannot_date_yet_waits_and_the_others_are_recorded() {
    let dir = tempfile::tempdir().expect("dir");
    let (phone, ids) = phone_with_households(&dir, 6);
    let today = crate::phone::today();
    // The rules refuse to date one household (its due day in a year without a schedule).
    let run = phone
        .store()
        .run_warning_rules(&[], today, Utc::now(), |h, _| {
            Ok::<_, EngineError>(if h.id == ids[2] {
                None
            } else {
                Some(Vec::new())
            })
        })
        .expect("run");
    assert_eq!((run.looked_at, run.waiting), (5, 1), "{run:?}");
    // Next run: only the waiting household is looked at.
    let run = phone
        .store()
        .run_warning_rules(&[], today, Utc::now(), |h, _| {
            assert_eq!(h.id, ids[2]);
            Ok::<_, EngineError>(Some(Vec::new()))
        })
        .expect("run");
    assert_eq!((run.looked_at, run.waiting), (1, 0), "{run:?}");
    // An error from the rules writes nothing: the run after looks at the same households.
    let failed =
        phone
            .store()
            .run_warning_rules(&[], today.succ_opt().unwrap(), Utc::now(), |_, _| {
                Err::<Option<Vec<_>>, _>(EngineError::NoSuchTask)
            });
    assert!(failed.is_err());
    let run = phone
        .store()
        .run_warning_rules(&[], today.succ_opt().unwrap(), Utc::now(), |_, _| {
            Ok::<_, EngineError>(Some(Vec::new()))
        })
        .expect("run");
    assert_eq!(run.looked_at, 6);
}

#[test]
fn a_signature_is_kept_as_a_photo_of_its_household_and_an_empty_pad_is_refused() {
    use crate::photos::PhotoTarget;
    use ruhu_domain::imaging::signature::PadPoint;
    let dir = tempfile::tempdir().expect("dir");
    let (phone, ids) = phone_with_households(&dir, 1);
    let target = PhotoTarget::Household(ids[0].clone());
    let stroke: Vec<PadPoint> = (0..40)
        .map(|i| PadPoint {
            x: 20.0 + i as f32 * 6.0,
            y: 60.0 + (i as f32 / 4.0).sin() * 20.0,
        })
        .collect();
    let (id, meta) = phone
        .add_signature(&target, "户主本人", &[stroke], (320.0, 160.0))
        .expect("signature");
    assert_eq!(meta.kind, ruhu_domain::photo::PhotoKind::Signature);
    assert_eq!(meta.caption, "签字：户主本人");
    assert!(phone.vault().contains(&meta.sha256));
    let h: ruhu_domain::household::Household = phone.store().get(&ids[0]).expect("household");
    assert!(h.evidence.contains_key(&id));

    let empty = phone.add_signature(&target, "调查人", &[], (320.0, 160.0));
    assert!(
        matches!(&empty, Err(EngineError::Invalid(v)) if v.0[0].field == "strokes"),
        "{empty:?}"
    );
    let nobody = phone.add_signature(
        &target,
        "  ",
        &[vec![
            PadPoint { x: 1.0, y: 1.0 },
            PadPoint { x: 9.0, y: 9.0 },
        ]],
        (320.0, 160.0),
    );
    assert!(
        matches!(&nobody, Err(EngineError::Invalid(v)) if v.0[0].field == "signer"),
        "{nobody:?}"
    );
}

#[test]
fn leaving_the_county_with_work_not_yet_sent_is_refused_until_confirmed_and_then_wipes_all() {
    let dir = tempfile::tempdir().expect("dir");
    let (phone, _) = phone_with_households(&dir, 2);
    let refused = phone.leave_county(false);
    assert!(
        matches!(refused, Err(EngineError::UnsyncedWork { documents, .. }) if documents >= 2),
        "{refused:?}"
    );
    assert!(phone.store().unsynced_documents().expect("count") >= 2);
    phone.leave_county(true).expect("leave");
    assert_eq!(phone.store().profile().expect("profile"), None);
    assert_eq!(phone.store().unsynced_documents().expect("count"), 0);
    assert!(phone.listed_visits().expect("list").is_empty());
}
