//! Backup and restore of the embedded store: the copy is keyed like the county (opens with the
//! key, shows no plaintext, refused without it), a bad photo file or an existing target leaves
//! nothing, and a restore checks everything before it moves the current data aside.

use super::*;
use crate::db::Access;
use crate::restore::restore;
use crate::serving::ServingLock;
use crate::state::County;

const KEY: [u8; 32] = [5; 32];
/// A setting only the tests write, standing for personal data in the database.
const MARKER: &str = "单玉梅 370599196303030021";

struct Folders {
    _dir: tempfile::TempDir,
    data: PathBuf,
    blobs: PathBuf,
    backups: PathBuf,
}

impl Folders {
    fn new() -> Folders {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        Folders {
            blobs: data.join("blobs"),
            backups: dir.path().join("backups"),
            data,
            _dir: dir,
        }
    }

    fn store(&self) -> Embedded<'_> {
        Embedded {
            data_dir: &self.data,
            blob_dir: &self.blobs,
            key: &KEY,
        }
    }

    fn county(&self) -> std::sync::Arc<County> {
        County::open(&self.data, &KEY, Some("370599")).unwrap()
    }
}

/// Writes a setting and one stored photo file, as an upload would; returns the photo's name.
fn fill(county: &County, setting: &str, photo: &[u8]) -> String {
    let name = ruhu_domain::imaging::sha256_hex(photo);
    let sealed = county.sealer().seal(&name, photo).unwrap();
    county.blob_store().put(&name, &sealed).unwrap();
    county
        .transaction(Access::Snapshot, |tx, _| {
            tx.put_setting(setting, MARKER)?;
            tx.insert_blob(&name, photo.len() as i64, None, 0)
        })
        .unwrap();
    name
}

fn setting(dir: &Path, key: &str) -> Option<String> {
    let county = County::open(dir, &KEY, None).unwrap();
    county
        .transaction(Access::Snapshot, |tx, _| tx.setting(key))
        .unwrap()
}

#[test]
fn the_database_copy_opens_with_the_county_key_only_and_shows_no_plaintext() {
    let f = Folders::new();
    let county = f.county();
    let photo = fill(&county, "probe", MARKER.repeat(20).as_bytes());
    let target = f.backups.join("b1");
    let manifest = backup(&f.store(), &target).unwrap();
    assert_eq!((manifest.photo_files, manifest.format), (1, FORMAT));
    assert_eq!(manifest.county_code, "370599");
    assert_eq!(manifest.schema_version, supported_schema());
    let copy = target.join(DATABASE);
    assert_eq!(file_sha256(&copy).unwrap(), manifest.database_sha256);
    for file in [copy.clone(), photo_path(&target.join(PHOTOS), &photo)] {
        let bytes = fs::read(&file).unwrap();
        assert!(!bytes.starts_with(b"SQLite format 3"));
        assert!(!bytes.windows(9).any(|w| w == &MARKER.as_bytes()[..9]));
        assert!(!bytes.windows(6).any(|w| w == b"county"), "no table names");
    }
    let keyed = ruhu_sqlite::open(&copy, &KEY, ruhu_sqlite::Access::ReadOnly, BUSY).unwrap();
    let value: String = keyed
        .query_row("SELECT value FROM settings WHERE key = 'probe'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(value, MARKER);
    let other = ruhu_sqlite::open(&copy, &[6; 32], ruhu_sqlite::Access::ReadOnly, BUSY);
    assert!(matches!(
        other,
        Err(ruhu_sqlite::SqliteError::Unreadable { .. })
    ));
    let unkeyed = Connection::open(&copy).unwrap();
    assert!(
        unkeyed
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                .get::<_, i64>(0))
            .is_err()
    );
    assert!(!partial_path(&target).exists());
    assert!(
        fs::read_dir(&target).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with("-wal")),
        "the copy is one file"
    );
}

#[test]
fn an_existing_target_or_a_photo_file_that_does_not_match_leaves_no_backup() {
    let f = Folders::new();
    let county = f.county();
    let photo = fill(&county, "probe", b"a photo");
    let taken = f.backups.join("taken");
    fs::create_dir_all(&taken).unwrap();
    assert!(matches!(
        backup(&f.store(), &taken),
        Err(BackupError::TargetExists(_))
    ));
    // Another photo's sealed bytes under this name: opens under neither.
    let wrong = county.sealer().seal(&photo, b"another photo").unwrap();
    fs::write(photo_path(&f.blobs, &photo), wrong).unwrap();
    let target = f.backups.join("b1");
    let r = backup(&f.store(), &target);
    assert!(
        matches!(r, Err(BackupError::PhotoMismatch(ref n)) if *n == photo),
        "{r:?}"
    );
    assert!(!target.exists() && !partial_path(&target).exists());
    fs::remove_file(photo_path(&f.blobs, &photo)).unwrap();
    let r = backup(&f.store(), &target);
    assert!(matches!(r, Err(BackupError::PhotoMissing(_))), "{r:?}");
    assert!(!target.exists() && !partial_path(&target).exists());
}

#[test]
fn a_restore_puts_the_backup_in_place_and_keeps_the_replaced_data_aside() {
    let f = Folders::new();
    let county = f.county();
    let before = fill(&county, "before", b"photo before");
    let target = f.backups.join("b1");
    backup(&f.store(), &target).unwrap();
    let after = fill(&county, "after", b"photo after");
    drop(county);
    let identity = setting(&f.data, crate::db::STORE_ID).expect("a store identity");
    let restored = restore(&f.store(), &target).unwrap();
    let restored_identity = setting(&f.data, crate::db::STORE_ID).expect("a store identity");
    assert_ne!(restored_identity, identity, "phones see a restored store");
    assert_eq!(restored.manifest.photo_files, 1);
    assert_eq!(setting(&f.data, "before").as_deref(), Some(MARKER));
    assert_eq!(setting(&f.data, "after"), None);
    assert!(photo_path(&f.blobs, &before).is_file());
    assert!(!photo_path(&f.blobs, &after).exists());
    // The replaced database and photos are kept, whole.
    let old_db = restored
        .set_aside
        .iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("before-restore-")
        })
        .expect("database kept aside")
        .join(DATABASE);
    let old = ruhu_sqlite::open(&old_db, &KEY, ruhu_sqlite::Access::ReadWrite, BUSY).unwrap();
    let n: i64 = old
        .query_row(
            "SELECT count(*) FROM settings WHERE key = 'after'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    let old_blobs = restored
        .set_aside
        .iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("blobs.before-restore-")
        })
        .expect("photo folder kept aside");
    assert!(photo_path(old_blobs, &after).is_file());
}

/// The data folder's files and their bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push((p.clone(), fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_damaged_backup_is_refused_before_the_data_folder_is_touched() {
    let f = Folders::new();
    let county = f.county();
    let photo = fill(&county, "probe", b"a photo");
    let target = f.backups.join("b1");
    backup(&f.store(), &target).unwrap();
    drop(county);
    // The lock file a restore leaves is no data.
    drop(ServingLock::serving(&f.data).unwrap());
    let untouched = snapshot(&f.data);
    let check = |r: Result<crate::restore::Restored, BackupError>| {
        assert!(r.is_err(), "{r:?}");
        assert_eq!(snapshot(&f.data), untouched);
    };
    // A photo file altered in the backup.
    let in_backup = photo_path(&target.join(PHOTOS), &photo);
    let good = fs::read(&in_backup).unwrap();
    let mut bad = good.clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    fs::write(&in_backup, &bad).unwrap();
    check(restore(&f.store(), &target));
    fs::write(&in_backup, &good).unwrap();
    // The database copy altered.
    let copy = target.join(DATABASE);
    let db = fs::read(&copy).unwrap();
    let mut bad = db.clone();
    bad[5000] ^= 1;
    fs::write(&copy, &bad).unwrap();
    check(restore(&f.store(), &target));
    fs::write(&copy, &db).unwrap();
    // Another county key.
    let other = Embedded {
        key: &[6; 32],
        ..f.store()
    };
    check(restore(&other, &target));
    // The manifest's counts altered.
    let manifest_path = target.join(MANIFEST);
    let text = fs::read_to_string(&manifest_path).unwrap();
    let mut m: Manifest = serde_json::from_str(&text).unwrap();
    m.changes += 1;
    fs::write(&manifest_path, serde_json::to_vec(&m).unwrap()).unwrap();
    check(restore(&f.store(), &target));
    fs::write(&manifest_path, &text).unwrap();
    // While the folder is served.
    let serving = ServingLock::serving(&f.data).unwrap();
    let r = restore(&f.store(), &target);
    assert!(matches!(r, Err(BackupError::Lock(_))), "{r:?}");
    drop(serving);
    assert_eq!(snapshot(&f.data), untouched);
    restore(&f.store(), &target).unwrap();
}

#[test]
fn a_backup_of_a_newer_schema_than_this_build_knows_is_refused() {
    let f = Folders::new();
    drop(f.county());
    let target = f.backups.join("b1");
    backup(&f.store(), &target).unwrap();
    let copy = target.join(DATABASE);
    let newer = supported_schema() + 1;
    {
        let conn = ruhu_sqlite::open(&copy, &KEY, ruhu_sqlite::Access::ReadWrite, BUSY).unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
        conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap();
    }
    let manifest_path = target.join(MANIFEST);
    let mut m: Manifest = serde_json::from_slice(&fs::read(&manifest_path).unwrap()).unwrap();
    m.database_sha256 = file_sha256(&copy).unwrap();
    // The manifest unchanged otherwise: the database itself is read and refused.
    fs::write(&manifest_path, serde_json::to_vec(&m).unwrap()).unwrap();
    let r = restore(&f.store(), &target);
    assert!(
        matches!(r, Err(BackupError::SchemaTooNew { found, .. }) if found == newer),
        "{r:?}"
    );
    // And a manifest saying so is refused before anything is read.
    m.schema_version = newer;
    fs::write(&manifest_path, serde_json::to_vec(&m).unwrap()).unwrap();
    let r = restore(&f.store(), &target);
    assert!(matches!(r, Err(BackupError::SchemaTooNew { .. })), "{r:?}");
    assert!(
        setting(&f.data, "county_code").is_some(),
        "the current store still opens"
    );
}

#[test]
fn a_backup_taken_while_the_county_writes_is_whole_and_consistent() {
    let f = Folders::new();
    let county = f.county();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (county, stop) = (county.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                county
                    .transaction(Access::Snapshot, |tx, _| {
                        tx.put_setting(&format!("k{n}"), "v")?;
                        tx.put_setting("last", &n.to_string())
                    })
                    .unwrap();
            }
            n
        })
    };
    std::thread::sleep(Duration::from_millis(50));
    let target = f.backups.join("b1");
    let manifest = backup(&f.store(), &target).unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    let copy = ruhu_sqlite::open(
        &target.join(DATABASE),
        &KEY,
        ruhu_sqlite::Access::ReadOnly,
        BUSY,
    )
    .unwrap();
    // One committed state: `last` names the newest `k` setting in the copy.
    let last: u32 = copy
        .query_row("SELECT value FROM settings WHERE key = 'last'", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap()
        .parse()
        .unwrap();
    let keys: u32 = copy
        .query_row(
            "SELECT count(*) FROM settings WHERE key LIKE 'k%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(keys, last);
    assert!(last >= 1 && last <= written);
    assert_eq!(manifest.schema_version, supported_schema());
}

/// Enrolls a grid worker's device; its token.
fn enroll_device(county: &County, worker: &str) -> String {
    let grant = crate::enroll::Grant {
        worker_id: worker.into(),
        display_name: "网格员".into(),
        role: ruhu_proto::v1::Role::GridWorker,
        villages: vec![],
        grids: vec!["G01-1".into()],
    };
    county
        .transaction(Access::Snapshot, |tx, code| {
            let one_time = crate::enroll::issue_code(tx, &grant, chrono::Duration::hours(1))?;
            let req = ruhu_proto::v1::EnrollRequest {
                protocol_version: ruhu_proto::PROTOCOL_VERSION,
                code: one_time,
                device_label: "test".into(),
                actor_id: vec![],
            };
            Ok(crate::enroll::redeem(tx, code, &req)?.token)
        })
        .unwrap()
}

/// Found by the fault schedules: a device revoked after the backup came back to life with
/// the restore, and synced again.
#[test]
fn a_restore_keeps_the_devices_revoked_and_enrolled_since_the_backup() {
    let f = Folders::new();
    let county = f.county();
    let lost = enroll_device(&county, "w-lost");
    let target = f.backups.join("b1");
    backup(&f.store(), &target).unwrap();
    let lost_id = county
        .transaction(Access::Snapshot, |tx, _| {
            let id = crate::enroll::authenticate(tx, &lost)?.id;
            crate::enroll::revoke(tx, &id)?;
            Ok(id)
        })
        .unwrap();
    let enrolled_since = enroll_device(&county, "w-new");
    drop(county);
    let restored = restore(&f.store(), &target).unwrap();
    assert_eq!(
        restored.devices,
        crate::restore::Devices {
            revoked: 1,
            enrolled: 1
        }
    );
    let county = f.county();
    county
        .transaction(Access::Snapshot, |tx, _| {
            let refused = crate::enroll::authenticate(tx, &lost).unwrap_err();
            assert_eq!(
                refused.code,
                ruhu_proto::v1::ErrorCode::DeviceRevoked,
                "{lost_id}"
            );
            assert_eq!(
                crate::enroll::authenticate(tx, &enrolled_since)?
                    .grant
                    .worker_id,
                "w-new"
            );
            Ok(())
        })
        .unwrap();
}
