//! Helpers of the end-to-end tests: a county store served over HTTP on loopback, phones
//! enrolled against it, fictional households.

pub mod attacker;
mod databases;
pub mod faults;
mod flaky;
pub mod fuzzing;
pub mod refusals;

pub(crate) use databases::{drop_database, fresh_database};
pub use flaky::FlakyProxy;

use std::path::Path;
use std::sync::Arc;

use ruhu_core::RuhuStore;
use ruhu_core::enums::*;
use ruhu_core::records::*;
use ruhu_county::db::Access;
use ruhu_county::enroll::{self, Grant};
use ruhu_county::serve::ServeOptions;
use ruhu_county::state::County;
use ruhu_proto::v1::Role;

/// The fictional county of every test.
pub const COUNTY: &str = "370599";

/// Which county store the tests run against, from the environment:
///
/// - nothing set: the embedded default (SQLite in a temporary directory);
/// - `RUHU_TEST_POSTGRES=postgres://user@127.0.0.1:port/postgres`: a fresh database on that
///   server for every test county (the address is the maintenance database, used only to
///   create it);
/// - `RUHU_TEST_INSTANCES=2` as well: two county instances sharing that database, with
///   [`TestCounty::url`] handing out their addresses in turn, so two phones of a test reach
///   different instances;
/// - `RUHU_TEST_S3=http://127.0.0.1:port`: photo files in bucket `ruhu-test` of that
///   S3-compatible server (`scripts/s3.sh` starts one), under a prefix of their own.
pub fn backend_name() -> String {
    let db = match std::env::var("RUHU_TEST_POSTGRES") {
        Ok(_) => format!("PostgreSQL, {} instance(s)", instances()),
        Err(_) => "SQLite".into(),
    };
    match std::env::var("RUHU_TEST_S3") {
        Ok(_) => format!("{db}, photos in S3-compatible storage"),
        Err(_) => db,
    }
}

fn instances() -> usize {
    std::env::var("RUHU_TEST_INSTANCES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn uuid_like() -> String {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).expect("randomness");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Sends the county's warnings and errors (which never carry personal data) to the test's
/// captured output, so a failing test shows what the store saw.
fn show_county_logs() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,sqlx=error")),
        )
        .with_test_writer()
        .try_init();
}

/// A county store (one or two instances) serving on 127.0.0.1 on free ports, for the life of
/// the test process.
pub struct TestCounty {
    /// The store, for direct administration (codes, revocation, inspection).
    pub county: Arc<County>,
    /// Every instance's `http://127.0.0.1:<port>`.
    pub urls: Vec<String>,
    /// The PostgreSQL database the instances share, when on PostgreSQL.
    pub database_url: Option<String>,
    next: std::sync::atomic::AtomicUsize,
    _dir: tempfile::TempDir,
}

fn serve_in_background(county: Arc<County>, options: ServeOptions) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            ruhu_county::serve::serve(listener, county, options)
                .await
                .expect("serve");
        });
    });
    format!("http://{}", rx.recv().expect("address"))
}

impl TestCounty {
    /// Starts a county store on the backend the environment names (see [`backend_name`]).
    pub fn start() -> TestCounty {
        TestCounty::start_with(ServeOptions::default())
    }

    /// [`TestCounty::start`] serving with `options` (short timeouts, a small connection cap,
    /// a public URL).
    pub fn start_with(options: ServeOptions) -> TestCounty {
        show_county_logs();
        let dir = tempfile::tempdir().expect("tempdir");
        let database_url = std::env::var("RUHU_TEST_POSTGRES")
            .ok()
            .map(|admin| fresh_database(&admin));
        // Instances share the photo storage as they share the database.
        let prefix = format!("t-{}", uuid_like());
        let blobs = || -> Box<dyn ruhu_county::blobs::BlobStore> {
            match std::env::var("RUHU_TEST_S3") {
                Ok(endpoint) => Box::new(
                    ruhu_county::blobs::S3Store::new(
                        "ruhu-test",
                        Some(&endpoint),
                        "us-east-1",
                        &prefix,
                        // moto accepts any; given here so nothing looks for instance metadata.
                        Some(("ruhu-test", "ruhu-test")),
                    )
                    .expect("object storage"),
                ),
                Err(_) => Box::new(
                    ruhu_county::blobs::FolderStore::new(dir.path().join("blobs"))
                        .expect("blob folder"),
                ),
            }
        };
        let counties: Vec<Arc<County>> = match &database_url {
            Some(url) => (0..instances())
                .map(|_| {
                    County::open_postgres(url, blobs(), &[5; 32], Some(COUNTY))
                        .expect("county on PostgreSQL")
                })
                .collect(),
            None => vec![
                County::open_with_blobs(dir.path(), blobs(), &[5; 32], Some(COUNTY))
                    .expect("county"),
            ],
        };
        let urls = counties
            .iter()
            .map(|c| serve_in_background(c.clone(), options.clone()))
            .collect();
        TestCounty {
            county: counties[0].clone(),
            urls,
            database_url,
            next: std::sync::atomic::AtomicUsize::new(0),
            _dir: dir,
        }
    }

    /// The address of the next instance, in turn.
    pub fn url(&self) -> String {
        let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.urls[i % self.urls.len()].clone()
    }

    fn issue(&self, grant: Grant, valid_for: chrono::Duration) -> String {
        self.county
            .transaction(Access::Snapshot, |tx, _| {
                enroll::issue_code(tx, &grant, valid_for)
            })
            .expect("code")
    }

    /// Issues an enrollment code for a grid worker of `grids`.
    pub fn code(&self, worker: &str, grids: &[&str]) -> String {
        self.issue(
            Grant {
                worker_id: worker.into(),
                display_name: "网格员".into(),
                role: Role::GridWorker,
                villages: vec![],
                grids: grids.iter().map(|g| g.to_string()).collect(),
            },
            chrono::Duration::hours(24),
        )
    }

    /// Issues an enrollment code that expired an hour ago.
    pub fn expired_code(&self, worker: &str, grids: &[&str]) -> String {
        self.issue(
            Grant {
                worker_id: worker.into(),
                display_name: "网格员".into(),
                role: Role::GridWorker,
                villages: vec![],
                grids: grids.iter().map(|g| g.to_string()).collect(),
            },
            chrono::Duration::hours(-1),
        )
    }

    /// Enrolls a township officer's phone for `grids`.
    pub fn officer_phone(&self, dir: &Path, worker: &str, grids: &[&str]) -> Arc<RuhuStore> {
        let code = self.issue(
            Grant {
                worker_id: worker.into(),
                display_name: "乡镇经办人".into(),
                role: Role::TownshipOfficer,
                villages: vec![],
                grids: grids.iter().map(|g| g.to_string()).collect(),
            },
            chrono::Duration::hours(24),
        );
        let store = RuhuStore::open(
            dir.join(format!("{worker}.db")).to_string_lossy().into(),
            vec![9; 32],
        )
        .expect("open");
        store
            .enroll(self.url(), code, "officer phone".into())
            .expect("enroll");
        store
    }

    /// Issues an enrollment code for a supervisor of the whole county.
    pub fn county_code_for_supervisor(&self, worker: &str) -> String {
        self.issue(
            Grant {
                worker_id: worker.into(),
                display_name: "审核员".into(),
                role: Role::Supervisor,
                villages: vec![COUNTY.into()],
                grids: vec![],
            },
            chrono::Duration::hours(24),
        )
    }

    /// How many changes the county's log holds.
    pub fn change_count(&self) -> i64 {
        self.county
            .transaction(Access::Snapshot, |tx, _| tx.count_changes())
            .expect("count")
    }

    /// The document as the county holds it.
    pub fn document(&self, id: &str) -> automerge::AutoCommit {
        self.county
            .transaction(Access::Snapshot, |tx, _| {
                ruhu_county::documents::load(tx, id)
            })
            .expect("load")
    }

    /// The device ids enrolled for `worker`.
    pub fn devices_of(&self, worker: &str) -> Vec<String> {
        self.county
            .transaction(Access::Snapshot, |tx, _| tx.devices())
            .expect("devices")
            .into_iter()
            .filter(|d| d.worker_id == worker)
            .map(|d| d.id)
            .collect()
    }

    /// Revokes a device.
    pub fn revoke(&self, device_id: &str) -> bool {
        self.county
            .transaction(Access::Snapshot, |tx, _| enroll::revoke(tx, device_id))
            .expect("revoke")
    }

    /// Creates a console account.
    pub fn console_account(&self, username: &str, role: &str, scope: &[&str], password: &str) {
        let role = ruhu_county::console::auth::Role::parse(role).expect("role");
        let scope: Vec<String> = scope.iter().map(|s| s.to_string()).collect();
        self.county
            .transaction(Access::Snapshot, |tx, _| {
                ruhu_county::console::auth::create_account(
                    tx,
                    username,
                    username,
                    role,
                    &scope,
                    password,
                    chrono::Utc::now().timestamp(),
                )
            })
            .expect("account");
    }

    /// The latest audit entries.
    pub fn audit_log(&self) -> Vec<ruhu_county::db::console::AuditRow> {
        self.county
            .transaction(Access::Snapshot, |tx, _| tx.audit_log(100))
            .expect("audit")
    }

    /// Publishes a county policy (the 东营 example numbers for this county, at `version`).
    pub fn publish_policy(&self, version: u32) -> Result<u32, ruhu_county::error::CountyError> {
        let mut policy = ruhu_domain::policy::CountyPolicy::dongying_example();
        policy.county_code = COUNTY.into();
        policy.version = version;
        self.publish(&policy)
    }

    /// Publishes a policy as given.
    pub fn publish(
        &self,
        policy: &ruhu_domain::policy::CountyPolicy,
    ) -> Result<u32, ruhu_county::error::CountyError> {
        self.county.transaction(Access::Appends, |tx, code| {
            ruhu_county::policy::publish(tx, code, policy)
        })
    }

    /// Drops a document from the county, as a restore from an older backup would.
    pub fn forget(&self, id: &str) {
        self.county
            .transaction(Access::Appends, |tx, _| tx.forget_document(id))
            .expect("forget")
    }

    /// Open cases by their nearest clock, as the county's index holds them.
    pub fn case_clocks(&self) -> Vec<ruhu_county::db::ClockRow> {
        self.county
            .transaction(Access::Snapshot, |tx, _| tx.case_clocks(1000))
            .expect("case clocks")
    }

    /// Flags the county raised on a household's cases.
    pub fn case_flags(&self, household_id: &str) -> Vec<ruhu_county::db::CaseFlag> {
        self.county
            .transaction(Access::Snapshot, |tx, _| tx.case_flags(household_id))
            .expect("case flags")
    }

    /// Flags the county raised on a photo file.
    pub fn photo_flags(&self, sha256: &str) -> Vec<ruhu_county::db::FlagRow> {
        self.county
            .transaction(Access::Snapshot, |tx, _| tx.flags(sha256))
            .expect("flags")
    }

    /// Whether the county holds a photo file whole.
    pub fn holds_blob(&self, sha256: &str) -> bool {
        self.county
            .transaction(Access::Snapshot, |tx, _| tx.blob(sha256))
            .expect("blob")
            .is_some()
    }

    /// Enrolls a new phone (a fresh encrypted store in `dir`) for a worker of `grids`.
    pub fn phone(&self, dir: &Path, worker: &str, grids: &[&str]) -> Arc<RuhuStore> {
        self.phone_at(&self.url(), dir, worker, grids)
    }

    /// Enrolls a new phone that reaches the county at `url` (a proxy, say).
    pub fn phone_at(&self, url: &str, dir: &Path, worker: &str, grids: &[&str]) -> Arc<RuhuStore> {
        let store = RuhuStore::open(
            dir.join(format!("{worker}.db")).to_string_lossy().into(),
            vec![9; 32],
        )
        .expect("open");
        store
            .enroll(
                url.to_string(),
                self.code(worker, grids),
                "test phone".into(),
            )
            .expect("enroll");
        store
    }

    /// Enrolls a supervisor's phone for the whole county.
    pub fn supervisor_phone(&self, dir: &Path, worker: &str) -> Arc<RuhuStore> {
        let store = RuhuStore::open(
            dir.join(format!("{worker}.db")).to_string_lossy().into(),
            vec![9; 32],
        )
        .expect("open");
        store
            .enroll(
                self.url(),
                self.county_code_for_supervisor(worker),
                "supervisor".into(),
            )
            .expect("enroll");
        store
    }
}

/// A household form in `grid` of village 370599101201.
pub fn profile(grid: &str) -> HouseholdProfile {
    HouseholdProfile {
        county_code: COUNTY.into(),
        township_code: "370599101".into(),
        village_code: "370599101201".into(),
        village_name: "前进村".into(),
        grid_code: grid.into(),
        address_detail: "1组1号".into(),
        contact_phone: String::new(),
        location: None,
        housing: Housing::OwnedSafe,
        categories: HardshipCategories::default(),
        already_assisted: false,
        poverty_registered: false,
        staff_relative: false,
    }
}

/// A member without an ID number.
pub fn member(name: &str, relation: Relation, sex: Sex, birth: &str) -> MemberInput {
    MemberInput::basic(name, relation, sex, birth)
}

/// A device's first sync request carrying `changes`.
pub fn first_request(changes: Vec<ruhu_proto::v1::DocumentChanges>) -> ruhu_proto::v1::SyncRequest {
    ruhu_proto::v1::SyncRequest {
        protocol_version: ruhu_proto::PROTOCOL_VERSION,
        cursor: 0,
        changes,
        max_response_bytes: 0,
        ..Default::default()
    }
}

/// The changes creating a generated household in `grid` of the village [`profile`] uses (a
/// grid lies in one village), authored by `actor`.
pub fn household_changes(
    rng: &mut ruhu_domain::sample::SampleRng,
    actor: automerge::ActorId,
    grid: &str,
) -> ruhu_proto::v1::DocumentChanges {
    let mut h = ruhu_domain::sample::household(rng, 0, "w", chrono::Utc::now());
    let p = profile(grid);
    let a = &mut h.profile.address;
    a.township_code = p.township_code;
    a.village_code = p.village_code;
    a.village_name = p.village_name;
    a.grid_code = grid.into();
    let mut doc: automerge::AutoCommit =
        ruhu_domain::document::create(&h, actor, chrono::Utc::now()).expect("document");
    ruhu_proto::v1::DocumentChanges {
        document_id: h.id.clone(),
        kind: "household".into(),
        changes: doc
            .get_changes(&[])
            .into_iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    }
}
