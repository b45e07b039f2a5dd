//! Photos through the FFI: taken, stored encrypted, attached and queued all or nothing;
//! refused formats leave nothing behind; reviews and the retakes a worker owes.

use std::sync::Arc;

use ruhu_core::RuhuStore;
use ruhu_core::enums::*;
use ruhu_core::error::ApiError;
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_core::records::*;
use ruhu_domain::imaging::sample::{camera_jpeg, exif_block, scene};
use ruhu_domain::imaging::sha256_hex;

fn store(dir: &std::path::Path) -> Arc<RuhuStore> {
    let s = RuhuStore::open(dir.join("phone.db").to_string_lossy().into(), vec![3; 32]).unwrap();
    s.set_worker(WorkerProfile {
        county_code: "370599".into(),
        worker_id: "w-photo".into(),
        display_name: "网格员".into(),
    })
    .unwrap();
    s
}

fn household(s: &RuhuStore) -> String {
    s.create_household(
        HouseholdProfile {
            county_code: "370599".into(),
            township_code: "370599101".into(),
            village_code: "370599101201".into(),
            village_name: "前进村".into(),
            grid_code: "G01-1".into(),
            address_detail: "3组8号".into(),
            contact_phone: String::new(),
            location: None,
            housing: Housing::OwnedUnsafe,
            categories: HardshipCategories::default(),
            already_assisted: false,
            poverty_registered: false,
            staff_relative: false,
        },
        vec![MemberInput::basic(
            "柏秋菊",
            Relation::Head,
            Sex::Female,
            "1961-04-09",
        )],
    )
    .unwrap()
}

fn house_photo() -> Vec<u8> {
    camera_jpeg(
        &scene(2000, 1500, 11),
        Some(exif_block(
            1,
            "2026:11:20 10:15:00",
            Some("+08:00"),
            Some((37.44, 118.67)),
        )),
    )
}

fn input(kind: PhotoKind) -> PhotoInput {
    PhotoInput {
        kind,
        caption: "危房外墙裂缝".into(),
        location: None,
    }
}

fn photo_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join("phone.db.photos"))
        .unwrap()
        .count()
}

#[test]
fn a_photo_is_stored_attached_and_queued_thumbnail_first() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let h = household(&s);
    let target = PhotoTarget::Household {
        household_id: h.clone(),
    };
    let p = s
        .add_photo(target.clone(), input(PhotoKind::House), house_photo())
        .unwrap();
    assert_eq!((p.width, p.height), (1600, 1200));
    assert!(p.time_from_camera);
    assert_eq!(p.taken_at_ms, 1_795_140_900_000);
    let at = p.location.unwrap();
    assert!((at.lat - 37.44).abs() < 1e-4 && (at.lon - 118.67).abs() < 1e-4);
    assert_eq!(p.review, ReviewStatus::Pending);
    assert!(p.on_device && !p.uploaded);

    let image = s.photo_file(p.sha256.clone()).unwrap();
    assert_eq!(sha256_hex(&image), p.sha256);
    assert_eq!(image.len() as u64, p.bytes);
    assert!(s.photo_file(p.thumb_sha256.clone()).unwrap().len() < image.len());
    assert_eq!(photo_files(dir.path()), 2);

    let listed = s.photos(h.clone()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].photo_id, p.photo_id);
    assert_eq!(listed[0].caption, "危房外墙裂缝");
    let queue = s.photo_uploads_pending().unwrap();
    assert_eq!(queue.files, 2);
    assert_eq!(
        queue.bytes,
        p.bytes + s.photo_file(p.thumb_sha256).unwrap().len() as u64
    );

    // Without camera time or GPS, the phone's fix and clock are used and said so.
    let plain = camera_jpeg(&scene(800, 600, 12), None);
    let before = chrono::Utc::now().timestamp_millis();
    let q = s
        .add_photo(
            target,
            PhotoInput {
                location: Some(GeoPoint {
                    lat: 37.1,
                    lon: 118.2,
                    accuracy_m: 8.0,
                }),
                ..input(PhotoKind::People)
            },
            plain,
        )
        .unwrap();
    assert!(!q.time_from_camera && q.taken_at_ms >= before);
    assert_eq!(q.location.unwrap().accuracy_m, 8.0);
}

#[test]
fn refused_images_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let h = household(&s);
    let target = PhotoTarget::Household {
        household_id: h.clone(),
    };
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    let whole = house_photo();
    for bad in [
        heic,
        whole[..whole.len() / 2].to_vec(),
        b"not a photo".to_vec(),
    ] {
        let err = s
            .add_photo(target.clone(), input(PhotoKind::House), bad)
            .unwrap_err();
        assert!(matches!(err, ApiError::PhotoRefused { .. }), "{err:?}");
    }
    // A photo for a record that does not exist writes no file.
    let err = s
        .add_photo(
            PhotoTarget::Case {
                case_id: "no-such-case".into(),
            },
            input(PhotoKind::Damage),
            house_photo(),
        )
        .unwrap_err();
    assert!(matches!(err, ApiError::NotFound { .. }), "{err:?}");
    assert!(s.photos(h).unwrap().is_empty());
    assert_eq!(photo_files(dir.path()), 0);
    assert_eq!(s.photo_uploads_pending().unwrap().files, 0);
}

#[test]
fn a_retake_needs_a_reason_and_is_listed_until_approved() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let h = household(&s);
    let target = PhotoTarget::Household {
        household_id: h.clone(),
    };
    let p = s
        .add_photo(target.clone(), input(PhotoKind::IdCard), house_photo())
        .unwrap();
    let err = s
        .review_photo(
            target.clone(),
            p.photo_id.clone(),
            ReviewStatus::RetakeNeeded,
            " ".into(),
        )
        .unwrap_err();
    assert!(matches!(err, ApiError::InvalidInput { .. }), "{err:?}");
    assert!(s.retakes_owed().unwrap().is_empty());
    s.review_photo(
        target.clone(),
        p.photo_id.clone(),
        ReviewStatus::RetakeNeeded,
        "身份证反光看不清号码".into(),
    )
    .unwrap();
    let owed = s.retakes_owed().unwrap();
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0].review_reason, "身份证反光看不清号码");
    assert_eq!(owed[0].target, target);
    s.review_photo(target, p.photo_id, ReviewStatus::Approved, String::new())
        .unwrap();
    assert!(s.retakes_owed().unwrap().is_empty());
}

#[test]
fn a_retake_is_a_new_photo_naming_the_old_one_which_keeps_its_review() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let h = household(&s);
    let target = PhotoTarget::Household {
        household_id: h.clone(),
    };
    let old = s
        .add_photo(target.clone(), input(PhotoKind::IdCard), house_photo())
        .unwrap();
    // Only a photo sent back may be retaken.
    let err = s
        .retake_photo(
            target.clone(),
            old.photo_id.clone(),
            input(PhotoKind::IdCard),
            house_photo(),
        )
        .unwrap_err();
    assert!(
        matches!(err, ApiError::InvalidInput { ref problems } if problems[0].field == "retake_of"),
        "{err:?}"
    );
    s.review_photo(
        target.clone(),
        old.photo_id.clone(),
        ReviewStatus::RetakeNeeded,
        "身份证反光看不清号码".into(),
    )
    .unwrap();
    assert_eq!(s.retakes_owed().unwrap().len(), 1);
    let new = s
        .retake_photo(
            target.clone(),
            old.photo_id.clone(),
            input(PhotoKind::IdCard),
            house_photo(),
        )
        .unwrap();
    assert_eq!(new.retake_of.as_deref(), Some(old.photo_id.as_str()));
    assert_eq!(new.review, ReviewStatus::Pending);
    assert!(s.retakes_owed().unwrap().is_empty());
    // The old photo keeps the supervisor's word, for the comparison at the console.
    let photos = s.photos(h.clone()).unwrap();
    let kept = photos.iter().find(|p| p.photo_id == old.photo_id).unwrap();
    assert_eq!(kept.review, ReviewStatus::RetakeNeeded);
    assert_eq!(kept.review_reason, "身份证反光看不清号码");
    assert_eq!(photos.len(), 2);
    // Twice is refused: the first retake settled it.
    let err = s
        .retake_photo(
            target,
            old.photo_id,
            input(PhotoKind::IdCard),
            house_photo(),
        )
        .unwrap_err();
    assert!(matches!(err, ApiError::InvalidInput { .. }), "{err:?}");
    assert_eq!(s.photos(h).unwrap().len(), 2);
}

#[test]
fn urgent_case_evidence_goes_before_other_full_images_and_thumbnails_before_all() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let h = household(&s);
    let house = s
        .add_photo(
            PhotoTarget::Household {
                household_id: h.clone(),
            },
            input(PhotoKind::House),
            house_photo(),
        )
        .unwrap();
    let case_id = s
        .create_case(CaseInput {
            household_id: h,
            origin: CaseOrigin::Discovery,
            kind: AssistanceKind::Emergency,
            path: CasePath::Urgent,
            opened_at_ms: None,
            emergency: Some(EmergencyInput {
                kind: EmergencyKind::Fire,
                occurred_at_ms: chrono::Utc::now().timestamp_millis() - 3_600_000,
                description: "厨房起火".into(),
                losses_fen: 3_000_000,
                expected_costs_fen: 500_000,
            }),
        })
        .unwrap();
    let damage = s
        .add_photo(
            PhotoTarget::Case { case_id },
            input(PhotoKind::Damage),
            camera_jpeg(&scene(1200, 900, 13), None),
        )
        .unwrap();
    let order = s.photo_upload_order().unwrap();
    assert_eq!(
        order,
        vec![
            damage.thumb_sha256,
            house.thumb_sha256,
            damage.sha256,
            house.sha256
        ]
    );
}
