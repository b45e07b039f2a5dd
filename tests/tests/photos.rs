//! Photos end to end over loopback HTTP: uploaded after documents, resumably, verified,
//! served only within scope; a supervisor's retake request reaches the worker's phone; the
//! county flags a picture reused for another household and one taken long before the visit.

use automerge::ActorId;
use ruhu_core::RuhuStore;
use ruhu_core::enums::{PhotoKind, Relation, ReviewStatus, Sex};
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_domain::imaging::sample::{camera_jpeg, exif_block, scene};
use ruhu_domain::imaging::sha256_hex;
use ruhu_engine::client::{ClientError, CountyClient};
use ruhu_proto::v1::ErrorCode;
use ruhu_tests::{FlakyProxy, TestCounty, member, profile};

fn household(phone: &RuhuStore, grid: &str, name: &str) -> String {
    phone
        .create_household(
            profile(grid),
            vec![member(name, Relation::Head, Sex::Male, "1960-05-05")],
        )
        .unwrap()
}

fn photo(seed: u32) -> Vec<u8> {
    camera_jpeg(&scene(1800, 1350, seed), None)
}

fn take(
    phone: &RuhuStore,
    household_id: &str,
    kind: PhotoKind,
    bytes: Vec<u8>,
) -> ruhu_core::photos::PhotoRecord {
    phone
        .add_photo(
            PhotoTarget::Household {
                household_id: household_id.into(),
            },
            PhotoInput {
                kind,
                caption: String::new(),
                location: None,
            },
            bytes,
        )
        .unwrap()
}

fn refused_code(e: ClientError) -> ErrorCode {
    match e {
        ClientError::Refused { code, .. } => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn photos_upload_after_documents_and_are_served_only_within_scope() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let a = county.phone(dir.path(), "w-a", &["G01-1"]);
    let h = household(&a, "G01-1", "甘国富");
    let p = take(&a, &h, PhotoKind::House, photo(21));
    let report = a.sync(None).unwrap();
    assert_eq!((report.photos_sent, report.photos_pending), (2, 0));
    assert!(report.photo_bytes_sent >= p.bytes);
    assert!(county.holds_blob(&p.sha256) && county.holds_blob(&p.thumb_sha256));
    assert_eq!(a.photo_uploads_pending().unwrap().files, 0);
    // The county's storage holds it sealed, never as the photo itself.
    let stored = county
        .county
        .blob_store()
        .get(&p.sha256)
        .unwrap()
        .expect("stored");
    assert!(stored.starts_with(b"RUHUBL01"));
    assert_ne!(&stored[20..23], &[0xFF, 0xD8, 0xFF]);
    assert_ne!(stored.len() as u64, p.bytes);
    assert!(a.photos(h.clone()).unwrap()[0].uploaded);
    // Nothing is sent twice.
    assert_eq!(a.sync(None).unwrap().photo_bytes_sent, 0);

    // A colleague of the grid may fetch it; a worker of another grid may not.
    let client = CountyClient::new(&county.url()).unwrap();
    let same = client
        .enroll(&county.code("w-b", &["G01-1"]), "b", &[])
        .unwrap();
    let fetched = client.blob_get(&same.token, &p.sha256).unwrap();
    assert_eq!(sha256_hex(&fetched), p.sha256);
    assert_eq!(fetched, a.photo_file(p.sha256.clone()).unwrap());
    let other = client
        .enroll(&county.code("w-c", &["G02-1"]), "c", &[])
        .unwrap();
    // Out of scope and unknown answer alike, so a hash tells nothing.
    assert_eq!(
        refused_code(client.blob_get(&other.token, &p.sha256).unwrap_err()),
        ErrorCode::UnknownBlob
    );
    assert_eq!(
        refused_code(client.blob_get(&same.token, &"0".repeat(64)).unwrap_err()),
        ErrorCode::UnknownBlob
    );
    // A file no document lists is not accepted.
    assert_eq!(
        refused_code(
            client
                .blob_probe(&same.token, &sha256_hex(b"x"), 1, &h)
                .unwrap_err()
        ),
        ErrorCode::UnknownBlob
    );
}

#[test]
fn a_retake_requested_by_the_supervisor_reaches_the_workers_phone() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let worker = county.phone(dir.path(), "w-r", &["G01-1"]);
    let h = household(&worker, "G01-1", "宋家兴");
    let p = take(&worker, &h, PhotoKind::IdCard, photo(22));
    worker.sync(None).unwrap();
    let supervisor = county.supervisor_phone(dir.path(), "s-r");
    supervisor.sync(None).unwrap();
    let seen = supervisor.photos(h.clone()).unwrap();
    assert_eq!(seen.len(), 1);
    assert!(
        !seen[0].on_device,
        "metadata travels, the file stays at the county"
    );
    supervisor
        .review_photo(
            PhotoTarget::Household {
                household_id: h.clone(),
            },
            p.photo_id.clone(),
            ReviewStatus::RetakeNeeded,
            "身份证号码被手指挡住".into(),
        )
        .unwrap();
    supervisor.sync(None).unwrap();
    assert!(worker.retakes_owed().unwrap().is_empty());
    worker.sync(None).unwrap();
    let owed = worker.retakes_owed().unwrap();
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0].photo_id, p.photo_id);
    assert_eq!(owed[0].review_reason, "身份证号码被手指挡住");

    // The worker cannot clear it by reviewing: the phone refuses before anything is written.
    let target = PhotoTarget::Household {
        household_id: h.clone(),
    };
    let err = worker
        .review_photo(
            target.clone(),
            p.photo_id.clone(),
            ReviewStatus::Approved,
            String::new(),
        )
        .unwrap_err();
    assert!(format!("{err:?}").contains("review"), "{err:?}");
    // The retake is a new photo naming the old one; the supervisor sees both.
    let again = worker
        .retake_photo(
            target,
            p.photo_id.clone(),
            PhotoInput {
                kind: PhotoKind::IdCard,
                caption: "重拍".into(),
                location: None,
            },
            photo(23),
        )
        .unwrap();
    assert!(worker.retakes_owed().unwrap().is_empty());
    let report = worker.sync(None).unwrap();
    assert_eq!(report.documents_refused, 0, "{report:?}");
    supervisor.sync(None).unwrap();
    let seen = supervisor.photos(h).unwrap();
    assert_eq!(seen.len(), 2);
    let new = seen.iter().find(|s| s.photo_id == again.photo_id).unwrap();
    assert_eq!(new.retake_of.as_deref(), Some(p.photo_id.as_str()));
    assert_eq!(new.review, ReviewStatus::Pending);
    let old = seen.iter().find(|s| s.photo_id == p.photo_id).unwrap();
    assert_eq!(old.review, ReviewStatus::RetakeNeeded);
}

/// A photo with sensor-like noise: it does not compress much, so it spans several chunks.
fn noisy(seed: u32) -> Vec<u8> {
    let mut img = scene(2400, 1800, seed);
    let mut x = seed.wrapping_mul(747_796_405).wrapping_add(1);
    for p in img.pixels.iter_mut() {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        *p = ((*p as u32 + (x >> 24)) / 2) as u8;
    }
    camera_jpeg(&img, None)
}

struct CutAfterFirstChunk {
    proxy: std::sync::Arc<FlakyProxy>,
    chunks: std::sync::atomic::AtomicU32,
}

impl ruhu_core::sync::SyncListener for CutAfterFirstChunk {
    fn on_progress(&self, p: ruhu_core::sync::SyncProgress) -> bool {
        // Progress with `more` during uploads comes after each chunk of a file in progress.
        if p.more
            && self
                .chunks
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
                == 0
        {
            self.proxy.cut_next(1);
        }
        true
    }
}

struct StopAfterChunks(std::sync::atomic::AtomicU32, u32);

impl ruhu_core::sync::SyncListener for StopAfterChunks {
    fn on_progress(&self, p: ruhu_core::sync::SyncProgress) -> bool {
        !(p.more && self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1 >= self.1)
    }
}

#[test]
fn an_upload_cut_off_resumes_from_the_last_byte_the_county_holds() {
    let county = TestCounty::start();
    let proxy = std::sync::Arc::new(FlakyProxy::start(&county.url()));
    let dir = tempfile::tempdir().unwrap();
    let a = county.phone_at(&proxy.url, dir.path(), "w-f", &["G01-1"]);
    let h = household(&a, "G01-1", "洪桂兰");
    let big = take(&a, &h, PhotoKind::Damage, noisy(23));
    let thumb = a.photo_file(big.thumb_sha256.clone()).unwrap().len() as u64;
    assert!(
        big.bytes > 2 * 256 * 1024,
        "{} bytes: not several chunks",
        big.bytes
    );
    // The answer to the second chunk of the image is lost: the county stored it, the phone
    // did not hear so. It asks where the county stands and goes on from there.
    let listener = std::sync::Arc::new(CutAfterFirstChunk {
        proxy: proxy.clone(),
        chunks: Default::default(),
    });
    let report = a.sync(Some(listener)).unwrap();
    assert_eq!(report.photos_pending, 0);
    assert!(county.holds_blob(&big.sha256));
    assert_eq!(
        report.photo_bytes_sent,
        big.bytes + thumb,
        "no byte sent twice"
    );

    // An app killed mid-upload: the next one resumes where the county stands.
    let path = dir.path().join("w-k.db").to_string_lossy().to_string();
    let b = county.phone(dir.path(), "w-k", &["G01-1"]);
    let hb = household(&b, "G01-1", "洪志刚");
    let p = take(&b, &hb, PhotoKind::House, noisy(24));
    let stop = std::sync::Arc::new(StopAfterChunks(Default::default(), 2));
    assert!(matches!(
        b.sync(Some(stop)),
        Err(ruhu_core::error::ApiError::SyncCancelled)
    ));
    drop(b);
    let b = RuhuStore::open(path, vec![9; 32]).unwrap();
    let report = b.sync(None).unwrap();
    assert!(county.holds_blob(&p.sha256));
    assert_eq!(report.photos_pending, 0);
    // The thumbnail and two chunks of the image went before the stop.
    assert_eq!(report.photo_bytes_sent, p.bytes - 2 * 256 * 1024);
}

/// A household whose evidence lists `files` (image and thumbnail hashes), created by the
/// device's actor, as the first request of that device.
fn household_listing(
    actor: ActorId,
    files: &[(&[u8], &[u8])],
) -> (String, ruhu_proto::v1::SyncRequest) {
    use ruhu_domain::photo::{PhotoKind as K, PhotoMeta, ReviewStatus as R};
    let mut rng = ruhu_domain::sample::SampleRng::new(31);
    let mut h = ruhu_domain::sample::household(&mut rng, 0, "w", chrono::Utc::now());
    h.profile.address.grid_code = "G01-1".into();
    for (i, (image, thumb)) in files.iter().enumerate() {
        h.evidence.insert(
            format!("00000000-0000-4000-8000-{i:012x}"),
            PhotoMeta {
                kind: K::House,
                sha256: sha256_hex(image),
                caption: String::new(),
                taken_at: chrono::Utc::now(),
                taken_by: "w".into(),
                location: None,
                time_from_camera: false,
                thumb_sha256: sha256_hex(thumb),
                width: 0,
                height: 0,
                bytes: image.len() as u64,
                thumb_bytes: thumb.len() as u64,
                attached_at: Some(chrono::Utc::now()),
                device: String::new(),
                review: R::Pending,
                review_reason: String::new(),
                reviewed_by: String::new(),
                reviewed_at: None,
                retake_of: String::new(),
            },
        );
    }
    let mut doc: automerge::AutoCommit =
        ruhu_domain::document::create(&h, actor, chrono::Utc::now()).unwrap();
    let changes = ruhu_proto::v1::DocumentChanges {
        document_id: h.id.clone(),
        kind: "household".into(),
        changes: doc
            .get_changes(&[])
            .into_iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    };
    (h.id, ruhu_tests::first_request(vec![changes]))
}

#[test]
fn chunks_sent_twice_out_of_order_or_with_wrong_bytes_never_corrupt_a_photo() {
    let county = TestCounty::start();
    let client = CountyClient::new(&county.url()).unwrap();
    let e = client
        .enroll(&county.code("w-raw", &["G01-1"]), "raw", &[])
        .unwrap();
    let one = photo(40);
    let two = photo(41);
    let (h, req) = household_listing(
        ActorId::from(e.actor_id.as_slice()),
        &[(&one, b"t1"), (&two, b"t2")],
    );
    client.sync(&e.token, &req).unwrap();
    let sha = sha256_hex(&one);
    let size = one.len() as u64;
    assert_eq!(
        client.blob_probe(&e.token, &sha, size, &h).unwrap().offset,
        0
    );
    let first = client
        .blob_append(&e.token, &sha, 0, one[..1000].to_vec())
        .unwrap();
    assert_eq!((first.offset, first.complete), (1000, false));
    // The same chunk again, and one from further on: nothing changes.
    let again = client
        .blob_append(&e.token, &sha, 0, one[..1000].to_vec())
        .unwrap();
    assert_eq!(again.offset, 1000);
    let ahead = client
        .blob_append(&e.token, &sha, 5000, one[5000..6000].to_vec())
        .unwrap();
    assert_eq!(ahead.offset, 1000);
    // A chunk past the declared size is refused.
    let mut long = one[1000..].to_vec();
    long.push(0);
    assert_eq!(
        refused_code(client.blob_append(&e.token, &sha, 1000, long).unwrap_err()),
        ErrorCode::Malformed
    );
    // A new probe (an app restarted) learns where to resume.
    assert_eq!(
        client.blob_probe(&e.token, &sha, size, &h).unwrap().offset,
        1000
    );
    let done = client
        .blob_append(&e.token, &sha, 1000, one[1000..].to_vec())
        .unwrap();
    assert!(done.complete);
    assert_eq!(client.blob_get(&e.token, &sha).unwrap(), one);
    assert!(
        client
            .blob_probe(&e.token, &sha, size, &h)
            .unwrap()
            .complete,
        "duplicates skipped"
    );

    // The wrong bytes under a name: refused at the end, and nothing of them kept.
    let sha2 = sha256_hex(&two);
    let mut wrong = two.clone();
    let last = wrong.len() - 1;
    wrong[last] ^= 0xFF;
    client
        .blob_probe(&e.token, &sha2, two.len() as u64, &h)
        .unwrap();
    assert_eq!(
        refused_code(client.blob_append(&e.token, &sha2, 0, wrong).unwrap_err()),
        ErrorCode::HashMismatch
    );
    assert!(!county.holds_blob(&sha2));
    let status = client
        .blob_probe(&e.token, &sha2, two.len() as u64, &h)
        .unwrap();
    assert_eq!((status.offset, status.complete), (0, false));
    assert!(
        client
            .blob_append(&e.token, &sha2, 0, two.clone())
            .unwrap()
            .complete
    );
}

#[test]
fn the_county_flags_a_picture_reused_for_another_household_and_one_taken_long_before() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let a = county.phone(dir.path(), "w-x", &["G01-1"]);
    let h1 = household(&a, "G01-1", "尤德胜");
    let h2 = household(&a, "G01-1", "尤德利");
    let house = scene(2000, 1500, 50);
    let first = take(&a, &h1, PhotoKind::House, camera_jpeg(&house, None));
    // The same house, a little brighter, offered for another family.
    let mut brighter = house.clone();
    brighter
        .pixels
        .iter_mut()
        .for_each(|p| *p = p.saturating_add(6));
    let reused = take(&a, &h2, PhotoKind::House, camera_jpeg(&brighter, None));
    // And the very same file for a third.
    let h3 = household(&a, "G01-1", "尤德才");
    let copied = take(&a, &h3, PhotoKind::House, camera_jpeg(&house, None));
    assert_eq!(copied.sha256, first.sha256);
    let unrelated = take(
        &a,
        &h2,
        PhotoKind::People,
        camera_jpeg(&scene(2000, 1500, 51), None),
    );
    let five_days_ago = (chrono::Utc::now() - chrono::Duration::days(5))
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
        .format("%Y:%m:%d %H:%M:%S")
        .to_string();
    let old = take(
        &a,
        &h1,
        PhotoKind::Damage,
        camera_jpeg(
            &scene(1200, 900, 52),
            Some(exif_block(1, &five_days_ago, Some("+08:00"), None)),
        ),
    );
    assert_ne!(first.sha256, reused.sha256);
    let report = a.sync(None).unwrap();
    assert_eq!(report.photos_pending, 0, "{report:?}");
    assert!(county.holds_blob(&reused.sha256) && county.holds_blob(&first.sha256));
    let flags = county.photo_flags(&reused.sha256);
    assert!(
        flags
            .iter()
            .any(|f| f.kind == "reuse" && f.other_sha256 == first.sha256),
        "{flags:?}"
    );
    assert!(
        county
            .photo_flags(&first.sha256)
            .iter()
            .any(|f| f.kind == "reuse" && f.other_sha256 == reused.sha256)
    );
    assert!(
        county
            .photo_flags(&first.sha256)
            .iter()
            .any(|f| f.kind == "reuse" && f.other_sha256 == first.sha256),
        "the same file listed for two households"
    );
    assert!(county.photo_flags(&unrelated.sha256).is_empty());
    let old_flags = county.photo_flags(&old.sha256);
    assert_eq!(old_flags.len(), 1, "{old_flags:?}");
    assert_eq!(old_flags[0].kind, "time");
    assert!(
        county
            .photo_flags(&first.sha256)
            .iter()
            .all(|f| f.kind != "time")
    );
}

#[test]
fn phones_store_photos_at_the_size_the_county_sets() {
    let county = TestCounty::start();
    let set = |s: ruhu_domain::imaging::PhotoSettings| {
        county
            .county
            .transaction(ruhu_county::db::Access::Snapshot, |tx, _| {
                ruhu_county::sync::set_photo_settings(tx, &s)
            })
    };
    let bad = set(ruhu_domain::imaging::PhotoSettings {
        long_edge: 100_000,
        ..Default::default()
    });
    assert!(bad.is_err(), "absurd settings are refused");
    set(ruhu_domain::imaging::PhotoSettings {
        long_edge: 1024,
        quality: 70,
        thumb_edge: 200,
        thumb_quality: 60,
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = county.phone(dir.path(), "w-s", &["G01-1"]);
    let h = household(&a, "G01-1", "计秀梅");
    let before = take(&a, &h, PhotoKind::House, photo(60));
    assert_eq!(
        before.width, 1600,
        "defaults until the county is heard from"
    );
    a.sync(None).unwrap();
    let after = take(&a, &h, PhotoKind::House, photo(61));
    assert_eq!((after.width, after.height), (1024, 768));
}
