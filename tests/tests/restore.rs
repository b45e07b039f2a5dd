//! A county restored from an older backup: the backup taken while phones sync, more edits and
//! photos after it, the county stopped, restored and started again; the phones sync until
//! quiet. Then everything made after the backup is at the county again, nothing twice, and
//! every photo file it holds matches its hash. Embedded store only (PostgreSQL has pg_dump).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ruhu_core::RuhuStore;
use ruhu_core::enums::{PhotoKind, Relation, Sex};
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_county::backup::{self, Embedded};
use ruhu_county::blobs::FolderStore;
use ruhu_county::db::Access;
use ruhu_county::enroll::{self, Grant};
use ruhu_county::state::County;
use ruhu_domain::imaging::sample::{camera_jpeg, scene};
use ruhu_proto::v1::Role;
use ruhu_tests::{COUNTY, member, profile};

const KEY: [u8; 32] = [5; 32];

/// A county on a data folder, serving until stopped.
struct Served {
    county: Arc<County>,
    stop: tokio::sync::oneshot::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

fn open(data: &Path) -> Arc<County> {
    let blobs = FolderStore::new(data.join("blobs")).expect("blob folder");
    County::open_with_blobs(data, Box::new(blobs), &KEY, Some(COUNTY)).expect("county")
}

/// Serves the county of `data` at `listen` (`127.0.0.1:0` for a free port); returns the
/// address it serves at.
fn serve(data: &Path, listen: &str) -> (Served, String) {
    let county = open(data);
    let served = county.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (tx, rx) = std::sync::mpsc::channel();
    let listen = listen.to_string();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind(&listen).await.expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            ruhu_county::serve::serve_until(listener, served, Default::default(), async {
                let _ = stopped.await;
            })
            .await
            .expect("serve");
        });
    });
    let addr = rx.recv().expect("address");
    (
        Served {
            county,
            stop,
            thread,
        },
        addr.to_string(),
    )
}

impl Served {
    /// Stops serving and closes the store.
    fn stop(self) {
        let _ = self.stop.send(());
        self.thread.join().expect("server thread");
        assert_eq!(Arc::strong_count(&self.county), 1, "the store is closed");
    }
}

fn enroll(county: &County, url: &str, dir: &Path, worker: &str, grant: Grant) -> Arc<RuhuStore> {
    let code = county
        .transaction(Access::Snapshot, |tx, _| {
            enroll::issue_code(tx, &grant, chrono::Duration::hours(1))
        })
        .expect("code");
    let store = RuhuStore::open(
        dir.join(format!("{worker}.db")).to_string_lossy().into(),
        vec![9; 32],
    )
    .expect("open");
    store
        .enroll(format!("http://{url}"), code, "phone".into())
        .expect("enroll");
    store
}

fn grid_worker(worker: &str, grid: &str) -> Grant {
    Grant {
        worker_id: worker.into(),
        display_name: "网格员".into(),
        role: Role::GridWorker,
        villages: vec![],
        grids: vec![grid.into()],
    }
}

fn take_photo(phone: &RuhuStore, household: &str, seed: u32) -> ruhu_core::photos::PhotoRecord {
    phone
        .add_photo(
            PhotoTarget::Household {
                household_id: household.into(),
            },
            PhotoInput {
                kind: PhotoKind::House,
                caption: String::new(),
                location: None,
            },
            camera_jpeg(&scene(900, 600, seed), None),
        )
        .expect("photo")
}

/// What the county holds: each document's heads, the change count, every photo file named.
#[derive(Debug, PartialEq)]
struct Held {
    heads: Vec<(String, Vec<automerge::ChangeHash>)>,
    changes: i64,
    photos: Vec<String>,
}

fn held(county: &County, data: &Path, ids: &[String]) -> Held {
    let mut heads = Vec::new();
    for id in ids {
        let mut doc = county
            .transaction(Access::Snapshot, |tx, _| {
                ruhu_county::documents::load(tx, id)
            })
            .expect("load");
        let mut h = doc.get_heads();
        h.sort();
        heads.push((id.clone(), h));
    }
    Held {
        heads,
        changes: county
            .transaction(Access::Snapshot, |tx, _| tx.count_changes())
            .expect("count"),
        photos: photo_files(county, data),
    }
}

/// Every file of the county's photo folder, each checked: recorded by the database, opening
/// under its name with the county key and hashing to it.
fn photo_files(county: &County, data: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for dir in std::fs::read_dir(data.join("blobs")).expect("photo folder") {
        for file in std::fs::read_dir(dir.expect("entry").path()).expect("prefix folder") {
            let path: PathBuf = file.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let sealed = std::fs::read(&path).expect("read");
            let photo = county
                .sealer()
                .open(&name, &sealed)
                .unwrap_or_else(|_| panic!("{name} does not match its name"));
            assert_eq!(ruhu_domain::imaging::sha256_hex(&photo), name);
            let recorded = county
                .transaction(Access::Snapshot, |tx, _| tx.blob(&name))
                .expect("blob row");
            assert_eq!(recorded.map(|r| r.0), Some(photo.len() as i64), "{name}");
            names.push(name);
        }
    }
    names.sort();
    names
}

/// Syncs every phone until a whole round sends and receives nothing.
fn sync_until_quiet(phones: &[&RuhuStore]) {
    for _ in 0..10 {
        let mut quiet = true;
        for p in phones {
            let r = p.sync(None).expect("sync");
            quiet &= r.documents_sent == 0 && r.documents_received == 0 && r.photos_sent == 0;
        }
        if quiet {
            return;
        }
    }
    panic!("the phones never stopped exchanging changes");
}

/// A county with three phones (two grid workers, a supervisor of the whole county), a backup
/// taken while it serves, then edits, a new household and a new photo synced after it; the
/// county stopped and restored from that backup, then served again at the same address.
struct Restored {
    _dir: tempfile::TempDir,
    data: PathBuf,
    county: Served,
    a: Arc<RuhuStore>,
    b: Arc<RuhuStore>,
    s: Arc<RuhuStore>,
    /// h1 (worker a, with photos p1 and p2), h2 (worker b), h3 (worker a, after the backup).
    ids: Vec<String>,
    p2: ruhu_core::photos::PhotoRecord,
    /// What the county held when it stopped.
    before: Held,
}

fn restored_county() -> Restored {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let blobs = data.join("blobs");
    let (county, url) = serve(&data, "127.0.0.1:0");
    let a = enroll(
        &county.county,
        &url,
        dir.path(),
        "w-a",
        grid_worker("w-a", "G01-1"),
    );
    let b = enroll(
        &county.county,
        &url,
        dir.path(),
        "w-b",
        grid_worker("w-b", "G01-2"),
    );
    let s = enroll(
        &county.county,
        &url,
        dir.path(),
        "s-1",
        Grant {
            worker_id: "s-1".into(),
            display_name: "审核员".into(),
            role: Role::Supervisor,
            villages: vec![COUNTY.into()],
            grids: vec![],
        },
    );
    let h1 = a
        .create_household(
            profile("G01-1"),
            vec![member("单玉梅", Relation::Head, Sex::Female, "1963-03-03")],
        )
        .unwrap();
    let p1 = take_photo(&a, &h1, 1);
    let h2 = b
        .create_household(
            profile("G01-2"),
            vec![member("甘国富", Relation::Head, Sex::Male, "1958-08-08")],
        )
        .unwrap();
    sync_until_quiet(&[&a, &b, &s]);

    // The backup, taken while the county serves.
    let backup_dir = dir.path().join("backup-1");
    let manifest = backup::backup(&embedded(&data, &blobs), &backup_dir).expect("backup");
    assert_eq!((manifest.documents, manifest.photo_files), (2, 2));

    // After it: edits of both households, a new one, a new photo, all at the county.
    a.set_economics(
        h1.clone(),
        ruhu_core::records::EconomicsInput {
            pension_fen: 150_000,
            ..Default::default()
        },
    )
    .unwrap();
    let p2 = take_photo(&a, &h1, 2);
    let h3 = a
        .create_household(
            profile("G01-1"),
            vec![member("李春花", Relation::Head, Sex::Female, "1970-01-01")],
        )
        .unwrap();
    b.add_member(
        h2.clone(),
        member("甘小军", Relation::Child, Sex::Male, "1990-09-09"),
    )
    .unwrap();
    sync_until_quiet(&[&a, &b, &s]);
    let ids = vec![h1.clone(), h2.clone(), h3.clone()];
    let before = held(&county.county, &data, &ids);
    assert_eq!(before.photos.len(), 4, "two photos and their thumbnails");
    for p in [&p1, &p2] {
        assert!(before.photos.contains(&p.sha256) && before.photos.contains(&p.thumb_sha256));
    }

    // The county stopped, restored from the older backup, started again where phones reach it.
    county.stop();
    let restored =
        ruhu_county::restore::restore(&embedded(&data, &blobs), &backup_dir).expect("restore");
    assert_eq!(
        restored.set_aside.len(),
        2,
        "the database and the photo folder kept aside"
    );
    let (county, _) = serve(&data, &url);
    let lost = held(&county.county, &data, &ids[..2]);
    assert!(
        lost.changes < before.changes,
        "the restored county lacks the later edits"
    );
    assert!(!lost.photos.contains(&p2.sha256));
    Restored {
        _dir: dir,
        data,
        county,
        a,
        b,
        s,
        ids,
        p2,
        before,
    }
}

fn embedded<'a>(data: &'a Path, blobs: &'a Path) -> Embedded<'a> {
    Embedded {
        data_dir: data,
        blob_dir: blobs,
        key: &KEY,
    }
}

fn household(county: &County, id: &str) -> ruhu_domain::household::Household {
    let doc = county
        .transaction(Access::Snapshot, |tx, _| {
            ruhu_county::documents::load(tx, id)
        })
        .expect("load");
    ruhu_domain::document::read(&doc).expect("household")
}

#[test]
fn a_county_restored_from_an_older_backup_gets_every_later_edit_and_photo_back_from_its_phones() {
    let r = restored_county();
    sync_until_quiet(&[&r.a, &r.b, &r.s]);
    let after = held(&r.county.county, &r.data, &r.ids);
    assert_eq!(
        after, r.before,
        "every later edit and photo is back, none twice"
    );
    let h1 = household(&r.county.county, &r.ids[0]);
    assert_eq!(h1.economics.income.pension.fen(), 150_000);
    assert!(after.photos.contains(&r.p2.sha256));
    r.county.stop();
}

#[test]
fn after_a_restore_a_document_edited_again_comes_back_whole_and_reaches_every_phone() {
    let r = restored_county();
    let (h1, h2) = (r.ids[0].clone(), r.ids[1].clone());
    // Each worker edits a household again before syncing with the restored county, which
    // lacks the edits made after its backup.
    r.a.add_member(
        h1.clone(),
        member("单小红", Relation::Child, Sex::Female, "1988-08-08"),
    )
    .unwrap();
    r.b.add_member(
        h2.clone(),
        member("甘小兰", Relation::Child, Sex::Female, "1992-02-02"),
    )
    .unwrap();
    sync_until_quiet(&[&r.a, &r.b, &r.s]);
    let county = &r.county.county;
    let back = household(county, &h1);
    assert_eq!(
        back.economics.income.pension.fen(),
        150_000,
        "the edit after the backup"
    );
    assert_eq!(back.members.len(), 2);
    assert_eq!(household(county, &h2).members.len(), 3);
    // The supervisor's cursor had passed the backup's last change: what came back reaches
    // this phone too.
    assert_eq!(r.s.household(h1.clone()).unwrap().members.len(), 2);
    assert_eq!(r.s.household(h2.clone()).unwrap().members.len(), 3);
    assert_eq!(r.b.household(h2).unwrap().members.len(), 3);
    // Nothing twice: every change the county holds is one of the phones' own, once.
    let after = held(county, &r.data, &r.ids[..2]);
    assert!(
        after.changes <= r.before.changes + 2,
        "{} changes",
        after.changes
    );
    assert!(after.photos.iter().all(|p| r.before.photos.contains(p)));
    r.county.stop();
}
