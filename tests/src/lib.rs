//! Helpers of the end-to-end tests: a county store served over HTTP on loopback, phones
//! enrolled against it, fictional households.

use std::path::Path;
use std::sync::Arc;

use ruhu_core::ffi::RuhuStore;
use ruhu_core::ffi::enums::*;
use ruhu_core::ffi::records::*;
use ruhu_county::enroll::{self, Grant};
use ruhu_county::server::{self, County};
use ruhu_proto::v1::Role;

/// The fictional county of every test.
pub const COUNTY: &str = "370599";

/// A county store serving on 127.0.0.1 on a free port, for the life of the test process.
pub struct TestCounty {
    /// The store, for direct administration (codes, revocation).
    pub county: Arc<County>,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    _dir: tempfile::TempDir,
}

impl TestCounty {
    /// Starts a county store in a temporary directory.
    pub fn start() -> TestCounty {
        let dir = tempfile::tempdir().expect("tempdir");
        let county = County::open(dir.path(), &[5; 32], Some(COUNTY)).expect("county");
        let (tx, rx) = std::sync::mpsc::channel();
        let serving = county.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                tx.send(listener.local_addr().expect("addr")).expect("send");
                server::serve(listener, serving).await.expect("serve");
            });
        });
        let addr = rx.recv().expect("address");
        TestCounty {
            county,
            url: format!("http://{addr}"),
            _dir: dir,
        }
    }

    /// Issues an enrollment code for a grid worker of `grids`.
    pub fn code(&self, worker: &str, grids: &[&str]) -> String {
        let grant = Grant {
            worker_id: worker.into(),
            display_name: "网格员".into(),
            role: Role::GridWorker,
            villages: vec![],
            grids: grids.iter().map(|g| g.to_string()).collect(),
        };
        self.county
            .with_db_blocking(|conn, _| {
                enroll::issue_code(conn, &grant, chrono::Duration::hours(24))
            })
            .expect("code")
    }

    /// Issues an enrollment code for a supervisor of the whole county.
    pub fn county_code_for_supervisor(&self, worker: &str) -> String {
        let grant = Grant {
            worker_id: worker.into(),
            display_name: "审核员".into(),
            role: Role::Supervisor,
            villages: vec![COUNTY.into()],
            grids: vec![],
        };
        self.county
            .with_db_blocking(|conn, _| {
                enroll::issue_code(conn, &grant, chrono::Duration::hours(24))
            })
            .expect("code")
    }

    /// Enrolls a new phone (a fresh encrypted store in `dir`) for a worker of `grids`.
    pub fn phone(&self, dir: &Path, worker: &str, grids: &[&str]) -> Arc<RuhuStore> {
        let store = RuhuStore::open(
            dir.join(format!("{worker}.db")).to_string_lossy().into(),
            vec![9; 32],
        )
        .expect("open");
        store
            .enroll(
                self.url.clone(),
                self.code(worker, grids),
                "test phone".into(),
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

/// A loopback HTTP proxy in front of the county that cuts off the next N responses halfway,
/// as a dropped mobile connection does.
pub struct FlakyProxy {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    cut: Arc<std::sync::atomic::AtomicUsize>,
}

impl FlakyProxy {
    /// A proxy forwarding to `upstream` (`http://host:port`).
    pub fn start(upstream: &str) -> FlakyProxy {
        use std::io::{Read, Write};
        use std::net::{TcpListener, TcpStream};
        let upstream = upstream.trim_start_matches("http://").to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let cut = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let cuts = cut.clone();
        fn read_message(s: &mut TcpStream) -> std::io::Result<Vec<u8>> {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 8192];
            loop {
                if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                    let len = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + len {
                        return Ok(buf);
                    }
                }
                let n = s.read(&mut chunk)?;
                if n == 0 {
                    return Ok(buf);
                }
                buf.extend_from_slice(&chunk[..n]);
            }
        }
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(mut client) = client else { continue };
                let upstream = upstream.clone();
                let cuts = cuts.clone();
                std::thread::spawn(move || -> std::io::Result<()> {
                    let request = read_message(&mut client)?;
                    let mut server = TcpStream::connect(&upstream)?;
                    server.write_all(&request)?;
                    let mut response = read_message(&mut server)?;
                    // One exchange per connection, so the client never reuses a cut one.
                    if let Some(pos) = response.windows(2).position(|w| w == b"\r\n") {
                        response.splice(pos..pos, b"\r\nconnection: close".iter().copied());
                    }
                    let cut_now = cuts
                        .fetch_update(
                            std::sync::atomic::Ordering::SeqCst,
                            std::sync::atomic::Ordering::SeqCst,
                            |n| n.checked_sub(1),
                        )
                        .is_ok();
                    if cut_now {
                        client.write_all(&response[..response.len() - response.len() / 3])?;
                    } else {
                        client.write_all(&response)?;
                    }
                    Ok(())
                });
            }
        });
        FlakyProxy { url, cut }
    }

    /// Cuts off the next `n` responses.
    pub fn cut_next(&self, n: usize) {
        self.cut.store(n, std::sync::atomic::Ordering::SeqCst);
    }
}
