//! The county of a fault schedule: `ruhu-county serve` processes (one on the embedded store,
//! or two sharing one PostgreSQL database), killed with SIGKILL and started again on demand,
//! and an administrator's in-process handle on the same store for enrollment codes,
//! revocations and the checker's look at what the county holds.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ruhu_county::state::County;

use super::proxy::Upstreams;
use crate::COUNTY;

/// Which store the county keeps.
#[derive(Clone, Debug)]
pub enum Backend {
    /// The embedded default, one instance.
    Sqlite,
    /// PostgreSQL: `admin_url` is the server's maintenance database (a fresh database is made
    /// for each schedule); `restart` a shell command restarting the server, when given.
    Postgres {
        /// `postgres://user@127.0.0.1:port/postgres`.
        admin_url: String,
        /// A command that restarts the server (`scripts/postgres.sh restart <dir>`).
        restart: Option<String>,
    },
}

impl Backend {
    /// From the environment, as the other suites read it: `RUHU_TEST_POSTGRES` (and
    /// `RUHU_TEST_PG_RESTART`) or the embedded default.
    pub fn from_env() -> Backend {
        match std::env::var("RUHU_TEST_POSTGRES") {
            Ok(admin_url) => Backend::Postgres {
                admin_url,
                restart: std::env::var("RUHU_TEST_PG_RESTART").ok(),
            },
            Err(_) => Backend::Sqlite,
        }
    }

    /// A short name for reports.
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres { .. } => "PostgreSQL",
        }
    }
}

struct Instance {
    child: Option<Child>,
    addr: Option<SocketAddr>,
}

/// The county's processes.
pub struct Cluster {
    /// What the county keeps its data in.
    pub backend: Backend,
    /// The data folder (database on SQLite, photo files, key file).
    pub data_dir: PathBuf,
    /// The PostgreSQL database of this schedule.
    pub database_url: Option<String>,
    /// Where the proxy sends requests.
    pub upstreams: Arc<Upstreams>,
    instances: Mutex<Vec<Instance>>,
    /// Instances kept down (for a restore) whatever a kill's scheduled restart says.
    held: Mutex<std::collections::BTreeSet<usize>>,
    /// One start or stop at a time.
    changing: Mutex<()>,
    /// Set once the schedule is over: a kill's restart still pending starts nothing.
    closed: std::sync::atomic::AtomicBool,
    key: [u8; 32],
    bin: PathBuf,
}

/// The folder holding the workspace's binaries (`target/debug` or `target/release`): the
/// running test or tool lives there or in its `deps`.
pub fn binaries_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    let dir = exe.parent().expect("folder").to_path_buf();
    if dir.file_name().is_some_and(|n| n == "deps") {
        dir.parent().expect("folder").to_path_buf()
    } else {
        dir
    }
}

/// The database server the schedules of one process share: written while one crashes it, read
/// while one looks at its store as an administrator.
static SERVER: std::sync::RwLock<()> = std::sync::RwLock::new(());

fn free_port() -> SocketAddr {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr")
}

impl Cluster {
    /// Makes the store (a fresh PostgreSQL database when on PostgreSQL) in `data_dir` and
    /// starts `instances` servers of it.
    pub fn start(backend: Backend, instances: usize, data_dir: &Path) -> Cluster {
        std::fs::create_dir_all(data_dir).expect("data folder");
        let key =
            ruhu_county::keyfile::load_or_create(&data_dir.join("county.key")).expect("key file");
        let database_url = match &backend {
            Backend::Sqlite => None,
            Backend::Postgres { admin_url, .. } => {
                let _calm = SERVER.read().unwrap_or_else(|p| p.into_inner());
                Some(crate::fresh_database(admin_url))
            }
        };
        let bin = binaries_dir().join("ruhu-county");
        assert!(bin.exists(), "{} is built first", bin.display());
        let cluster = Cluster {
            backend,
            data_dir: data_dir.to_path_buf(),
            database_url,
            upstreams: Upstreams::new(vec![]),
            instances: Mutex::new(Vec::new()),
            held: Mutex::new(Default::default()),
            changing: Mutex::new(()),
            closed: Default::default(),
            key,
            bin,
        };
        // The store is made (and its county code fixed) once, before any instance serves it,
        // as an operator's first start does.
        cluster.with_admin(|_| ());
        for i in 0..instances {
            cluster.instances.lock().unwrap().push(Instance {
                child: None,
                addr: None,
            });
            cluster.restart(i);
        }
        cluster
    }

    /// How many instances the county has (up or down).
    pub fn instance_count(&self) -> usize {
        self.instances.lock().unwrap().len()
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.arg("--data-dir").arg(&self.data_dir);
        if let Some(url) = &self.database_url {
            cmd.env("RUHU_DATABASE_URL", url);
        } else {
            cmd.env_remove("RUHU_DATABASE_URL");
        }
        cmd.env("RUST_LOG", "warn,ruhu_county::sync=info,sqlx=error");
        cmd
    }

    /// Kills instance `i` and keeps it down until [`Cluster::release`] (a kill's scheduled
    /// restart does nothing meanwhile).
    pub fn hold_down(&self, i: usize) {
        let _one = self.changing.lock().unwrap_or_else(|p| p.into_inner());
        self.held.lock().unwrap().insert(i);
        self.kill(i);
    }

    /// Lets instance `i` run again, and starts it.
    pub fn release(&self, i: usize) {
        self.held.lock().unwrap().remove(&i);
        self.restart(i);
    }

    /// Starts instance `i` (again) on a new port and waits until it answers its health check;
    /// nothing while it is held down.
    pub fn restart(&self, i: usize) {
        let _one = self.changing.lock().unwrap_or_else(|p| p.into_inner());
        if self.held.lock().unwrap().contains(&i)
            || self.closed.load(std::sync::atomic::Ordering::SeqCst)
        {
            return;
        }
        self.kill(i);
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .expect("client");
        let deadline = Instant::now() + Duration::from_secs(90);
        // An instance that cannot reach its database at start exits (or never answers): start
        // it again until it serves, as a service manager would.
        loop {
            let addr = free_port();
            let mut child = self
                .command()
                .args([
                    "serve",
                    "--listen",
                    &addr.to_string(),
                    "--county-code",
                    COUNTY,
                ])
                .args(["--enroll-per-address", "100000"])
                .stdout(Stdio::null())
                .stderr(self.log_file(i))
                .spawn()
                .expect("start ruhu-county");
            let url = format!("http://{addr}/healthz");
            let tried_until = Instant::now() + Duration::from_secs(10);
            let mut serving = false;
            while Instant::now() < tried_until && matches!(child.try_wait(), Ok(None)) {
                if client
                    .get(&url)
                    .send()
                    .is_ok_and(|r| r.status().is_success())
                {
                    serving = true;
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            if serving || Instant::now() > deadline {
                assert!(serving, "ruhu-county did not start in 90 s");
                let mut all = self.instances.lock().unwrap();
                all[i] = Instance {
                    child: Some(child),
                    addr: Some(addr),
                };
                self.upstreams.set(i, Some(addr));
                return;
            }
            let _ = child.kill();
            let _ = child.wait();
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Instance `i`'s log (warnings and errors, never personal data), appended across its
    /// restarts, kept with a failing schedule's folder.
    fn log_file(&self, i: usize) -> Stdio {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.data_dir.join(format!("instance-{i}.log")))
            .map(Stdio::from)
            .unwrap_or_else(|_| Stdio::null())
    }

    /// Kills instance `i` with SIGKILL (nothing of it runs after this returns).
    pub fn kill(&self, i: usize) -> bool {
        self.upstreams.set(i, None);
        let mut all = self.instances.lock().unwrap();
        let Some(inst) = all.get_mut(i) else {
            return false;
        };
        inst.addr = None;
        match inst.child.take() {
            Some(mut child) => {
                let _ = child.kill();
                let _ = child.wait();
                true
            }
            None => false,
        }
    }

    /// Whether instance `i` is up.
    pub fn is_up(&self, i: usize) -> bool {
        self.instances.lock().unwrap()[i].child.is_some()
    }

    /// Starts every instance that is down.
    pub fn start_all(&self) {
        for i in 0..self.instance_count() {
            if !self.is_up(i) {
                self.restart(i);
            }
        }
    }

    /// Restarts the PostgreSQL server itself (immediate shutdown: like a crash), when the
    /// backend says how. Returns whether it did. Schedules running side by side share the
    /// server: the crash waits until no administrator's look (a checker) is under way.
    pub fn restart_postgres(&self) -> bool {
        let _alone = SERVER.write().unwrap_or_else(|p| p.into_inner());
        let Backend::Postgres {
            restart: Some(cmd), ..
        } = &self.backend
        else {
            return false;
        };
        let status = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("restart PostgreSQL");
        assert!(status.success(), "restarting PostgreSQL failed");
        true
    }

    /// Runs `f` with an administrator's handle on the store, never while the database server
    /// is being crashed by a schedule running beside this one.
    pub fn with_admin<R>(&self, f: impl FnOnce(&County) -> R) -> R {
        let _calm = SERVER.read().unwrap_or_else(|p| p.into_inner());
        f(&self.admin_now())
    }

    /// An administrator's handle on the store (opened for each use, so it sees the store as it
    /// is now, and holds nothing open between uses).
    fn admin_now(&self) -> Arc<County> {
        let blobs = Box::new(
            ruhu_county::blobs::FolderStore::new(self.data_dir.join("blobs")).expect("blobs"),
        );
        let county = match &self.database_url {
            Some(url) => County::open_postgres(url, blobs, &self.key, Some(COUNTY)),
            None => County::open_with_blobs(&self.data_dir, blobs, &self.key, Some(COUNTY)),
        };
        county.expect("county store")
    }

    /// `ruhu-county <args>` on this store, as an operator runs it; its standard output.
    pub fn run(&self, args: &[&str]) -> Result<String, String> {
        let out = self.command().args(args).output().expect("run ruhu-county");
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }
}

impl Cluster {
    /// Ends the schedule: every instance is killed and none starts again.
    pub fn close(&self) {
        let _one = self.changing.lock().unwrap_or_else(|p| p.into_inner());
        self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
        for i in 0..self.instance_count() {
            self.kill(i);
        }
    }
}

impl Cluster {
    /// After [`Cluster::close`], drops the schedule's PostgreSQL database (the caller removes
    /// the data folder), so a long soak does not fill the server; nothing on SQLite.
    pub fn remove_store(&self) {
        if let (Backend::Postgres { admin_url, .. }, Some(url)) =
            (&self.backend, &self.database_url)
        {
            let _calm = SERVER.read().unwrap_or_else(|p| p.into_inner());
            crate::drop_database(admin_url, url);
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for i in 0..self.instance_count() {
            self.kill(i);
        }
    }
}
