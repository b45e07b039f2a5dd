//! Disk full on the phone, in the middle of a photo and of a sync: a clear `StorageFull`,
//! nothing half-written, and the work completes once space is back.
//!
//! The phone is a process of its own: this test binary started again, running one step
//! (attach a photo, sync) through the facade the apps call, under a file-size limit
//! (`RLIMIT_FSIZE`) just above its largest file, with SIGXFSZ ignored so that a write past the
//! limit fails with `EFBIG` as a full phone's writes fail, instead of killing it. The county
//! serves on loopback from the parent process, which then opens the phone's store without the
//! limit and checks it.

use std::collections::BTreeSet;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use automerge::Change;
use ruhu_core::RuhuStore;
use ruhu_core::enums::{PhotoKind, Relation, Sex};
use ruhu_core::error::ApiError;
use ruhu_core::photos::{PhotoInput, PhotoRecord, PhotoTarget};
use ruhu_core::records::HouseholdDetail;
use ruhu_county::db::Access;
use ruhu_domain::document::DocKind;
use ruhu_domain::imaging::sample::{camera_jpeg, scene};
use ruhu_domain::imaging::sha256_hex;
use ruhu_domain::sample::SampleRng;
use ruhu_engine::client::CountyClient;
use ruhu_tests::attacker::Attacker;
use ruhu_tests::{TestCounty, household_changes, member, profile};

/// Set in the phone's process: the step it runs (`photo` or `sync`).
const STEP: &str = "RUHU_DISK_FULL_STEP";
/// Set in the phone's process: its store file.
const STORE: &str = "RUHU_DISK_FULL_STORE";
/// Set in the phone's process for `photo`: the household, and the camera's file.
const HOUSEHOLD: &str = "RUHU_DISK_FULL_HOUSEHOLD";
const CAMERA: &str = "RUHU_DISK_FULL_CAMERA";
/// The store key of every phone of `TestCounty`.
const KEY: [u8; 32] = [9; 32];
/// How far above its largest file a phone's files may grow.
const SLACK: u64 = 16 * 1024;
/// What the phone's process prints before the step's outcome.
const OUTCOME: &str = "phone step: ";

/// How the phone's step ended, as its process printed it.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Done,
    StorageFull,
    Other(String),
}

/// Runs the step the environment names, when this process is the phone; prints its outcome.
/// Returns whether it was.
fn phone_process() -> bool {
    let Ok(step) = std::env::var(STEP) else {
        return false;
    };
    let env = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is set"));
    let phone = RuhuStore::open(env(STORE), KEY.to_vec()).expect("the store opens");
    let result: Result<(), ApiError> = match step.as_str() {
        "photo" => phone
            .add_photo(
                PhotoTarget::Household {
                    household_id: env(HOUSEHOLD),
                },
                PhotoInput {
                    kind: PhotoKind::House,
                    caption: String::new(),
                    location: None,
                },
                std::fs::read(env(CAMERA)).expect("the camera's file"),
            )
            .map(drop),
        "sync" => phone.sync(None).map(drop),
        other => panic!("no step {other}"),
    };
    let outcome = match result {
        Ok(()) => "done".to_string(),
        Err(ApiError::StorageFull) => "storage_full".to_string(),
        Err(e) => format!("{e:?}"),
    };
    println!("{OUTCOME}{outcome}");
    true
}

/// The phone's files: its store and what lies beside it (log, index, photo folder).
fn phone_files(store: &Path) -> Vec<(PathBuf, u64)> {
    let dir = store.parent().expect("a folder");
    let name = store
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .to_string();
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let mine = path.starts_with(dir.join(format!("{name}.photos")))
                || path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&name));
            if !mine {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else {
                let len = std::fs::metadata(&path).unwrap().len();
                files.push((path, len));
            }
        }
    }
    files
}

/// The file-size limit for the phone's next step: its largest file now, and a little.
fn limit_for(store: &Path) -> u64 {
    phone_files(store)
        .iter()
        .map(|(_, len)| *len)
        .max()
        .expect("the store exists")
        + SLACK
}

/// Runs `step` on the phone at `store` as its own process under a file-size limit of `limit`
/// bytes per file. `test` is the calling test, which runs [`phone_process`] first.
fn run_phone(test: &str, step: &str, store: &Path, env: &[(&str, &Path)], limit: u64) -> Outcome {
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", test, "--test-threads=1", "--nocapture"])
        .env(STEP, step)
        .env(STORE, store);
    for (name, value) in env {
        cmd.env(name, value);
    }
    // SAFETY: between fork and exec the child only calls async-signal-safe `setrlimit` and
    // `signal`. An ignored signal stays ignored across exec.
    unsafe {
        cmd.pre_exec(move || {
            let l = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &l) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let out = cmd.output().expect("the phone's process starts");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the phone's process failed: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = stdout
        .lines()
        .find_map(|l| l.split_once(OUTCOME).map(|(_, o)| o.trim().to_string()))
        .expect("the phone printed its outcome");
    for (path, len) in phone_files(store) {
        assert!(len <= limit, "{} grew past the limit", path.display());
    }
    match printed.as_str() {
        "done" => Outcome::Done,
        "storage_full" => Outcome::StorageFull,
        _ => Outcome::Other(printed),
    }
}

fn open(store: &Path) -> Arc<RuhuStore> {
    RuhuStore::open(store.to_string_lossy().into(), KEY.to_vec()).expect("the store opens")
}

fn household(phone: &RuhuStore, head: &str, spouse: &str) -> String {
    phone
        .create_household(
            profile("G01-1"),
            vec![
                member(head, Relation::Head, Sex::Male, "1961-04-12"),
                member(spouse, Relation::Spouse, Sex::Female, "1963-08-30"),
            ],
        )
        .unwrap()
}

fn details(phone: &RuhuStore, ids: &[String]) -> Vec<HouseholdDetail> {
    ids.iter()
        .map(|id| phone.household(id.clone()).unwrap())
        .collect()
}

fn take(phone: &RuhuStore, household_id: &str, bytes: Vec<u8>) -> PhotoRecord {
    phone
        .add_photo(
            PhotoTarget::Household {
                household_id: household_id.into(),
            },
            PhotoInput {
                kind: PhotoKind::House,
                caption: String::new(),
                location: None,
            },
            bytes,
        )
        .unwrap()
}

/// A camera photo with sensor-like noise: it compresses little, so its file is large.
fn large_photo(seed: u32) -> Vec<u8> {
    let mut img = scene(1800, 1350, seed);
    let mut x = seed.wrapping_mul(747_796_405).wrapping_add(1);
    for p in img.pixels.iter_mut() {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        *p = ((*p as u32 + (x >> 24)) / 2) as u8;
    }
    camera_jpeg(&img, None)
}

/// A colleague of the grid, to fetch photo files from the county as it holds them.
fn colleague(county: &TestCounty) -> (CountyClient, String) {
    let client = CountyClient::new(&county.url()).unwrap();
    let token = client
        .enroll(&county.code("w-colleague", &["G01-1"]), "colleague", &[])
        .unwrap()
        .token;
    (client, token)
}

#[test]
fn a_photo_taken_when_the_phone_is_full_leaves_nothing_and_goes_through_once_space_is_back() {
    if phone_process() {
        return;
    }
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let camera_dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("w-photo.db");
    let phone = county.phone(dir.path(), "w-photo", &["G01-1"]);
    let synced = household(&phone, "葛春生", "葛秋菊");
    phone.sync(None).unwrap();
    let local = household(&phone, "石满仓", "石玉兰");
    let ids = [synced.clone(), local.clone()];
    let before = details(&phone, &ids);
    drop(phone);

    let jpeg = large_photo(61);
    let camera = camera_dir.path().join("house.jpg");
    std::fs::write(&camera, &jpeg).unwrap();
    let limit = limit_for(&store);
    let outcome = run_phone(
        "a_photo_taken_when_the_phone_is_full_leaves_nothing_and_goes_through_once_space_is_back",
        "photo",
        &store,
        &[(HOUSEHOLD, Path::new(&synced)), (CAMERA, &camera)],
        limit,
    );
    assert_eq!(outcome, Outcome::StorageFull);

    // Nothing of the photo stays: no record, no upload, no file in the photo folder.
    let vault: Vec<_> = phone_files(&store)
        .into_iter()
        .filter(|(p, _)| p.starts_with(dir.path().join("w-photo.db.photos")))
        .collect();
    assert!(vault.is_empty(), "files left behind: {vault:?}");
    let phone = open(&store);
    assert!(phone.photos(synced.clone()).unwrap().is_empty());
    assert_eq!(phone.photo_uploads_pending().unwrap().files, 0);
    assert_eq!(details(&phone, &ids), before, "what was recorded is intact");

    // Space again: the same photo attaches, and reaches the county whole.
    let p = take(&phone, &synced, jpeg);
    assert!(
        p.bytes > limit,
        "the photo could not have fit ({} bytes)",
        p.bytes
    );
    let report = phone.sync(None).unwrap();
    assert_eq!((report.photos_sent, report.photos_pending), (2, 0));
    assert_eq!(
        report.documents_sent, 2,
        "the household photographed, and the one kept locally"
    );
    assert!(county.holds_blob(&p.sha256) && county.holds_blob(&p.thumb_sha256));
    let (client, token) = colleague(&county);
    for sha in [&p.sha256, &p.thumb_sha256] {
        let fetched = client.blob_get(&token, sha).unwrap();
        assert_eq!(&sha256_hex(&fetched), sha);
        assert_eq!(fetched, phone.photo_file(sha.clone()).unwrap());
    }
}

/// Households another phone of the grid sent to the county.
const SENT_BY_ANOTHER: usize = 300;

#[test]
fn a_sync_receiving_more_than_the_phone_can_hold_stores_nothing_half_and_completes_later() {
    if phone_process() {
        return;
    }
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("w-recv.db");
    let phone = county.phone(dir.path(), "w-recv", &["G01-1"]);
    let mut own = vec![
        household(&phone, "庞书和", "庞桂芝"),
        household(&phone, "鲁长顺", "鲁彩云"),
        household(&phone, "韦德厚", "韦素琴"),
    ];
    phone.sync(None).unwrap();
    // Recorded since, not yet at the county.
    own.push(household(&phone, "严守田", "严春梅"));
    let before = details(&phone, &own);
    drop(phone);

    // Another phone of the grid delivers many households to the county.
    let mut other = Attacker::grid_worker(&county, "w-other", &["G01-1"]);
    let mut rng = SampleRng::new(16);
    let docs: Vec<_> = (0..SENT_BY_ANOTHER)
        .map(|_| household_changes(&mut rng, other.actor.clone(), "G01-1"))
        .collect();
    let theirs: Vec<String> = docs.iter().map(|d| d.document_id.clone()).collect();
    for chunk in docs.chunks(100) {
        other.sync(chunk.to_vec()).accepted();
    }
    let bytes: u64 = docs
        .iter()
        .flat_map(|d| &d.changes)
        .map(|c| c.len() as u64)
        .sum();

    let limit = limit_for(&store);
    assert!(bytes > limit, "{bytes} bytes of changes fit under {limit}");
    let cursor_before = ruhu_store::Store::open(&store, &KEY)
        .unwrap()
        .sync_cursor()
        .unwrap();
    let outcome = run_phone(
        "a_sync_receiving_more_than_the_phone_can_hold_stores_nothing_half_and_completes_later",
        "sync",
        &store,
        &[],
        limit,
    );
    assert_eq!(outcome, Outcome::StorageFull);

    // The store opens; its cursor stands where what it stored ends: every change of its scope
    // up to the cursor is on the phone.
    let raw = ruhu_store::Store::open(&store, &KEY).unwrap();
    let cursor = raw.sync_cursor().unwrap();
    assert!(cursor >= cursor_before);
    let device = county.devices_of("w-recv").pop().expect("enrolled");
    let feed = county
        .county
        .transaction(Access::Snapshot, |tx, _| {
            tx.feed(0, &device, &[], &["G01-1".to_string()], 100_000)
        })
        .unwrap();
    assert!(
        feed.iter().any(|row| row.seq as u64 > cursor),
        "not all of it arrived"
    );
    for row in feed.iter().filter(|row| row.seq as u64 <= cursor) {
        let (_, mut doc) = raw
            .document(&row.doc_id, DocKind::Household)
            .expect("a document the cursor passed is on the phone");
        let hash = Change::from_bytes(row.bytes.clone()).unwrap().hash();
        assert!(doc.get_change_by_hash(&hash).is_some());
    }
    let held = theirs
        .iter()
        .filter(|id| raw.document(id, DocKind::Household).is_ok())
        .count();
    assert!(held < SENT_BY_ANOTHER, "the phone could not hold them all");
    drop(raw);
    let phone = open(&store);
    assert_eq!(details(&phone, &own), before, "what the phone had is there");

    // Space again: the sync completes, and the next one is quiet.
    let report = phone.sync(None).unwrap();
    assert_eq!(report.documents_received as usize, SENT_BY_ANOTHER - held);
    drop(phone);
    let raw = ruhu_store::Store::open(&store, &KEY).unwrap();
    for id in theirs.iter().chain(&own) {
        raw.document(id, DocKind::Household)
            .expect("every household is on the phone");
    }
    drop(raw);
    let phone = open(&store);
    assert!(
        !county.document(own.last().unwrap()).get_heads().is_empty(),
        "the household recorded locally reached the county"
    );
    let quiet = phone.sync(None).unwrap();
    assert_eq!(
        (
            quiet.documents_sent,
            quiet.documents_received,
            quiet.round_trips
        ),
        (0, 0, 1)
    );
}

/// Photos queued before the sync that runs out of space.
const QUEUED_PHOTOS: u32 = 24;

#[test]
fn a_sync_sending_photos_when_space_runs_out_keeps_every_file_queued_until_it_is_sent() {
    if phone_process() {
        return;
    }
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("w-send.db");
    let phone = county.phone(dir.path(), "w-send", &["G01-1"]);
    let h = household(&phone, "柏永福", "柏金凤");
    let photos: Vec<PhotoRecord> = (0..QUEUED_PHOTOS)
        .map(|seed| take(&phone, &h, camera_jpeg(&scene(640, 480, 300 + seed), None)))
        .collect();
    drop(phone);
    let files: BTreeSet<String> = photos
        .iter()
        .flat_map(|p| [p.sha256.clone(), p.thumb_sha256.clone()])
        .collect();

    let limit = limit_for(&store);
    let outcome = run_phone(
        "a_sync_sending_photos_when_space_runs_out_keeps_every_file_queued_until_it_is_sent",
        "sync",
        &store,
        &[],
        limit,
    );
    assert_eq!(outcome, Outcome::StorageFull);
    let at_county: BTreeSet<&String> = files.iter().filter(|f| county.holds_blob(f)).collect();
    assert!(
        !at_county.is_empty() && at_county.len() < files.len(),
        "space ran out mid-way: {} of {} files at the county",
        at_county.len(),
        files.len()
    );

    // Every file the county lacks is still queued; the record lists every photo.
    let phone = open(&store);
    let queued: BTreeSet<String> = phone.photo_upload_order().unwrap().into_iter().collect();
    for f in files.iter().filter(|f| !at_county.contains(f)) {
        assert!(queued.contains(f), "a file the county lacks left the queue");
    }
    assert_eq!(phone.photos(h.clone()).unwrap().len(), photos.len());

    // Space again: every file reaches the county whole.
    let report = phone.sync(None).unwrap();
    assert_eq!(report.photos_pending, 0);
    assert_eq!(phone.photo_uploads_pending().unwrap().files, 0);
    let (client, token) = colleague(&county);
    for f in &files {
        assert!(county.holds_blob(f));
        assert_eq!(&sha256_hex(&client.blob_get(&token, f).unwrap()), f);
    }
}
