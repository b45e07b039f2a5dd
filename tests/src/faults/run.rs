//! One fault schedule: a seeded workload of four phones (two grid workers sharing a grid, a
//! supervisor's device with county scope, and a worker of another grid who may be revoked
//! mid-run) against the county through the fault proxy, with kills of phones, county
//! instances and PostgreSQL, a backup restored mid-run on the embedded store; then a quiet
//! phase in which every phone syncs until nothing moves, and the checker.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ruhu_county::db::Access;
use ruhu_county::enroll::{self, Grant};
use ruhu_domain::sample::SampleRng;
use ruhu_proto::v1::Role;
use serde_json::{Value, json};

use super::agent::{Agent, Reply};
use super::check::{self, Edit, Model, Pension};
use super::cluster::{Backend, Cluster};
use super::proxy::{FaultMix, FaultProxy, Kill};
use crate::COUNTY;

/// What a schedule runs against.
#[derive(Clone)]
pub struct Options {
    /// The county's store.
    pub backend: Backend,
    /// County instances (two on PostgreSQL, one on the embedded store).
    pub instances: usize,
    /// Workload steps while faults are on.
    pub steps: usize,
    /// Where schedules keep their folders (one per schedule, removed after a pass).
    pub work_dir: PathBuf,
    /// Damage done to the county after the quiet phase, before the checker looks: what the
    /// checker's own tests use to show it finds a loss.
    pub sabotage: Option<Sabotage>,
}

/// Damage to the county (its store, its data folder), knowing the model.
pub type Sabotage = Arc<dyn Fn(&Cluster, &Model) + Send + Sync>;

/// What one schedule did and found.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The schedule's seed.
    pub seed: u64,
    /// `SQLite` or `PostgreSQL`.
    pub backend: String,
    /// Faults the proxy injected, by kind.
    pub faults: BTreeMap<String, usize>,
    /// Kills, by what was killed.
    pub kills: BTreeMap<String, usize>,
    /// Edits the phones acknowledged.
    pub edits_acked: usize,
    /// Acknowledged edits missing at the end somewhere they belong.
    pub lost: usize,
    /// Things stored twice.
    pub duplicated: usize,
    /// Edits the county refused (kept on the phone, listed with the reason), by code.
    pub refusals: BTreeMap<String, usize>,
    /// Conflicts created and found still listed (per phone holding them).
    pub conflicts: usize,
    /// Everything that did not hold, in words (empty: the schedule passed).
    pub problems: Vec<String>,
    /// From the faults' end to the first quiet round.
    pub converge: Duration,
    /// The whole schedule.
    pub elapsed: Duration,
    /// The workload's steps as run, for a failing seed's report.
    pub trace: Vec<String>,
}

/// The phones, by index.
pub const GRID_A: usize = 0;
/// The second grid worker of the same grid.
pub const GRID_B: usize = 1;
/// The supervisor's device.
pub const SUPERVISOR: usize = 2;
/// The worker of another grid, revoked mid-run in some schedules.
pub const OTHER: usize = 3;
const PHONES: usize = 4;
/// The grid the two workers share.
pub const GRID: &str = "G01-1";
/// The other worker's grid.
pub const OTHER_GRID: &str = "G02-1";

fn grant(i: usize) -> Grant {
    let (worker, role, villages, grids) = match i {
        GRID_A => ("w-a", Role::GridWorker, vec![], vec![GRID]),
        GRID_B => ("w-b", Role::GridWorker, vec![], vec![GRID]),
        SUPERVISOR => ("s-1", Role::Supervisor, vec![COUNTY], vec![]),
        _ => ("w-x", Role::GridWorker, vec![], vec![OTHER_GRID]),
    };
    Grant {
        worker_id: worker.into(),
        display_name: "测试".into(),
        role,
        villages: villages.into_iter().map(String::from).collect(),
        grids: grids.into_iter().map(String::from).collect(),
    }
}

/// The driver's state: what each phone knows, what it acknowledged.
struct Run {
    rng: SampleRng,
    agents: Vec<Agent>,
    model: Model,
    households: Vec<(String, &'static str)>,
    cases: Vec<String>,
    photos: Vec<(String, String)>,
    devices: Vec<String>,
    trace: Vec<String>,
    tag: u64,
    kills: Arc<Mutex<BTreeMap<String, usize>>>,
    dir: PathBuf,
    started: Instant,
}

impl Run {
    /// Notes a step with the time since the schedule started.
    fn note(&mut self, what: String) {
        let ms = self.started.elapsed().as_millis();
        self.trace.push(format!("{ms}ms {what}"));
    }

    fn next_tag(&mut self) -> u64 {
        self.tag += 1;
        self.tag
    }

    fn count_kill(&self, what: &str) {
        *self.kills.lock().unwrap().entry(what.into()).or_default() += 1;
    }

    /// Runs an edit on phone `p`, sometimes killing the phone in the middle of it; records
    /// what it acknowledged.
    fn edit(&mut self, p: usize, op: &str, cmd: Value) -> Option<Value> {
        let kill_mid = self.rng.below(12) == 0;
        let reply = if kill_mid {
            self.count_kill("phone mid-edit");
            let after = Duration::from_millis(self.rng.below(40));
            self.agents[p].call_and_kill(&cmd, after)
        } else {
            self.agents[p].call(&cmd)
        };
        self.note(format!(
            "p{p} {op}{} -> {}",
            if kill_mid { " (killed)" } else { "" },
            short(&reply)
        ));
        self.model.check_reply(p, op, &reply);
        match reply {
            Reply::Ok(v) => {
                let doc = v["doc"].as_str().unwrap_or_default().to_string();
                let heads: Vec<String> = v["heads"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default();
                self.model.edits.push(Edit {
                    phone: p,
                    op: op.into(),
                    doc,
                    heads,
                    county_acked: false,
                    refused: None,
                    after_revocation: self.model.revoked.contains(&p),
                });
                Some(v)
            }
            Reply::Killed => {
                if op == "set_pension"
                    && let Some(h) = cmd["household"].as_str()
                {
                    self.model.uncertain_pension.insert(h.to_string());
                }
                None
            }
            Reply::Err(..) => None,
        }
    }

    /// Phone `p` syncs; a success is the county's acknowledgement of every edit before it.
    fn sync(&mut self, p: usize) -> Reply {
        let before = self.model.edits.len();
        let reply = self.agents[p].call(&json!({"op": "sync"}));
        self.after_sync(p, before, &reply);
        reply
    }

    fn after_sync(&mut self, p: usize, before: usize, reply: &Reply) {
        self.note(format!("p{p} sync -> {}", short(reply)));
        self.model.check_reply(p, "sync", reply);
        if let Reply::Ok(v) = reply {
            let refused: BTreeMap<String, String> = v["refused"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|r| {
                            Some((
                                r[0].as_str()?.into(),
                                format!("{}: {}", r[1].as_str()?, r[2].as_str().unwrap_or("")),
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default();
            for e in &mut self.model.edits[..before] {
                if e.phone == p {
                    match refused.get(&e.doc) {
                        Some(code) => e.refused = Some(code.clone()),
                        None => e.county_acked = true,
                    }
                }
            }
            self.model.refused.insert(p, refused);
        }
    }

    /// Two phones sync at the same moment (their requests meet in the proxy and the county).
    fn sync_together(&mut self, p: usize, q: usize) {
        let before = self.model.edits.len();
        let (left, right) = self.agents.split_at_mut(q.max(p));
        let (a, b) = (&mut left[p.min(q)], &mut right[0]);
        let cmd = json!({"op": "sync"});
        let (ra, rb) = std::thread::scope(|s| {
            let ha = s.spawn(|| a.call(&cmd));
            let rb = b.call(&cmd);
            (ha.join().expect("sync thread"), rb)
        });
        let (rp, rq) = if p < q { (ra, rb) } else { (rb, ra) };
        self.after_sync(p, before, &rp);
        self.after_sync(q, before, &rq);
    }

    fn pick_household(&mut self, grid: &str) -> Option<String> {
        let of_grid: Vec<String> = self
            .households
            .iter()
            .filter(|(_, g)| *g == grid)
            .map(|(h, _)| h.clone())
            .collect();
        (!of_grid.is_empty()).then(|| self.rng.pick(&of_grid).clone())
    }

    fn create_household(&mut self, p: usize, grid: &'static str) {
        let tag = self.next_tag();
        let name = ruhu_domain::sample::name(&mut self.rng);
        let cmd = json!({"op": "create_household", "grid": grid, "name": name,
            "address": format!("{}组{}号", 1 + tag % 9, tag)});
        if let Some(v) = self.edit(p, "create_household", cmd) {
            self.households
                .push((v["doc"].as_str().unwrap_or_default().into(), grid));
        }
    }

    fn grid_worker_step(&mut self, p: usize) {
        let roll = self.rng.below(100);
        let household = self.pick_household(GRID);
        match (roll, household) {
            (_, None) | (0..8, _) => self.create_household(p, GRID),
            (8..28, Some(h)) => {
                let name = ruhu_domain::sample::name(&mut self.rng);
                self.edit(
                    p,
                    "add_member",
                    json!({"op": "add_member", "household": h, "name": name}),
                );
            }
            (28..43, Some(h)) => self.set_pension(p, &h),
            (43..50, Some(h)) => {
                let tag = self.next_tag();
                // A photo of its own (another scene each time): the same file attached twice
                // would be the worker's doing, not the sync's.
                let file = self.dir.join(format!("camera-{tag}.jpg"));
                std::fs::write(&file, camera_jpeg_of(tag)).expect("photo");
                if let Some(v) = self.edit(
                    p,
                    "add_photo",
                    json!({"op": "add_photo", "household": h.clone(), "jpeg": file,
                        "caption": format!("房屋{tag}")}),
                ) {
                    self.photos
                        .push((h, v["photo"].as_str().unwrap_or_default().into()));
                }
            }
            (50..56, Some(h)) => {
                if let Some(v) = self.edit(
                    p,
                    "create_case",
                    json!({"op": "create_case", "household": h}),
                ) {
                    self.cases
                        .push(v["doc"].as_str().unwrap_or_default().into());
                }
            }
            (56..72, Some(_)) if !self.cases.is_empty() => self.case_event(p),
            (72..75, Some(_)) => self.handover(p),
            _ => {
                self.sync(p);
            }
        }
    }

    fn case_event(&mut self, p: usize) {
        let case = self.rng.pick(&self.cases).clone();
        let tag = self.next_tag();
        let note = format!("记录{tag}");
        // A supervisor accepts cases and pays 先行救助; grid workers give 反馈 once a case is
        // accepted (the rules refuse the rest, on the phone already).
        let cmd = match (p, self.rng.below(3)) {
            (SUPERVISOR, 0) => {
                json!({"op": "case_event", "case": case, "kind": "accepted", "note": note})
            }
            (SUPERVISOR, 1) => json!({"op": "case_event", "case": case, "kind": "advance_aid",
                "note": note, "amount_fen": 10_000 + self.rng.below(20) as i64 * 1_000}),
            _ => json!({"op": "case_event", "case": case, "kind": "feedback", "note": note}),
        };
        if self.edit(p, "case_event", cmd).is_some() {
            self.model.events.push(note);
        }
    }

    /// A handover by bundle: one grid worker gives the other a household and its cases.
    fn handover(&mut self, from: usize) {
        let to = if from == GRID_A { GRID_B } else { GRID_A };
        let Some(h) = self.pick_household(GRID) else {
            return;
        };
        let tag = self.next_tag();
        let path = self.dir.join(format!("handover-{tag}.bundle"));
        let out = self.agents[from].call(&json!({"op": "export_bundle", "docs": [h.clone()],
            "path": path}));
        self.note(format!("p{from} export_bundle -> {}", short(&out)));
        self.model.check_reply(from, "export_bundle", &out);
        if out.ok().is_none() {
            return;
        }
        let given = self.agents[from].call(&json!({"op": "heads", "doc": h.clone()}));
        let into = self.agents[to].call(&json!({"op": "import_bundle", "path": path}));
        self.note(format!("p{to} import_bundle -> {}", short(&into)));
        self.model.check_reply(to, "import_bundle", &into);
        if let (Some(given), Some(_)) = (given.ok(), into.ok()) {
            let held = self.agents[to].call(&json!({"op": "heads", "doc": h.clone()}));
            if let Some(held) = held.ok() {
                self.model
                    .handovers
                    .push((h, to, strings(given), strings(held)));
            }
        }
    }

    /// Both grid workers, each offline from the other, add a member to the same household
    /// and set its pension to different figures (a conflict), then sync at the same moment.
    fn both_edit_one_household(&mut self) {
        let Some(h) = self.pick_household(GRID) else {
            self.create_household(GRID_A, GRID);
            return;
        };
        for p in [GRID_A, GRID_B] {
            let name = ruhu_domain::sample::name(&mut self.rng);
            self.edit(
                p,
                "add_member",
                json!({"op": "add_member", "household": h.clone(), "name": name}),
            );
            self.set_pension(p, &h);
        }
        self.sync_together(GRID_A, GRID_B);
    }

    fn set_pension(&mut self, p: usize, h: &str) {
        let fen = (self.next_tag() * 10 + p as u64) as i64 * 100;
        if let Some(v) = self.edit(
            p,
            "set_pension",
            json!({"op": "set_pension", "household": h, "fen": fen}),
        ) {
            self.model.pensions.push(Pension {
                household: h.to_string(),
                fen,
                heads: strings(&v["heads"]),
            });
        }
    }

    fn supervisor_step(&mut self) {
        match self.rng.below(10) {
            0..4 if !self.cases.is_empty() => self.case_event(SUPERVISOR),
            4..6 if !self.photos.is_empty() => {
                let (h, photo) = self.rng.pick(&self.photos).clone();
                self.edit(
                    SUPERVISOR,
                    "review_photo",
                    json!({"op": "review_photo", "household": h, "photo": photo}),
                );
            }
            _ => {
                self.sync(SUPERVISOR);
            }
        }
    }

    fn other_step(&mut self) {
        if self.rng.below(10) < 4 {
            self.create_household(OTHER, OTHER_GRID);
        } else {
            self.sync(OTHER);
        }
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

fn short(r: &Reply) -> String {
    match r {
        Reply::Ok(_) => "ok".into(),
        Reply::Err(e, _) => e.clone(),
        Reply::Killed => "killed".into(),
    }
}

/// Runs the schedule of `seed`.
pub fn run_schedule(seed: u64, opts: &Options) -> Outcome {
    let started = Instant::now();
    let dir = opts.work_dir.join(format!("schedule-{seed}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("schedule folder");
    let mut rng = SampleRng::new(seed);
    let cluster = Arc::new(Cluster::start(
        opts.backend.clone(),
        opts.instances,
        &dir.join("county"),
    ));
    let agents: Vec<Agent> = (0..PHONES)
        .map(|i| Agent::new(&dir.join(format!("phone-{i}.db"))))
        .collect();
    let killers: Vec<_> = agents.iter().map(Agent::killer).collect();
    let kills: Arc<Mutex<BTreeMap<String, usize>>> = Arc::default();
    let hook = {
        let cluster = cluster.clone();
        let kills = kills.clone();
        Arc::new(move |k: Kill| {
            let what = match k {
                Kill::Phone(i) => {
                    killers[i].kill();
                    "phone mid-request"
                }
                Kill::County(i) => {
                    cluster.kill(i);
                    let cluster = cluster.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_millis(150));
                        cluster.restart(i);
                    });
                    "county instance mid-request"
                }
            };
            *kills.lock().unwrap().entry(what.into()).or_default() += 1;
        })
    };
    let proxy = FaultProxy::start(
        rng.next_u64(),
        PHONES,
        cluster.upstreams.clone(),
        FaultMix::everything(),
        hook,
    );
    let mut run = Run {
        rng,
        agents,
        model: Model::default(),
        households: vec![],
        cases: vec![],
        photos: vec![],
        devices: vec![],
        trace: vec![],
        tag: 0,
        kills: kills.clone(),
        dir: dir.clone(),
        started,
    };

    // Enrollment, with the network calm: a phone that never enrolled has nothing to lose.
    proxy.set_faults(false);
    cluster.with_admin(|admin| {
        for i in 0..PHONES {
            let code = admin
                .transaction(Access::Snapshot, |tx, _| {
                    enroll::issue_code(tx, &grant(i), chrono::Duration::hours(1))
                })
                .expect("code");
            let r = run.agents[i].call(&json!({"op": "enroll", "url": proxy.url(i), "code": code}));
            let device = r
                .ok()
                .and_then(|v| v["device"].as_str())
                .unwrap_or_else(|| panic!("seed {seed}: enrollment failed: {r:?}"))
                .to_string();
            run.devices.push(device);
        }
    });

    let revoke_at = (run.rng.below(2) == 0).then(|| run.rng.below(opts.steps as u64) as usize);
    let pg_restart_at = (matches!(
        opts.backend,
        Backend::Postgres {
            restart: Some(_),
            ..
        }
    ) && run.rng.below(5) == 0)
        .then(|| run.rng.below(opts.steps as u64) as usize);
    let restore = (matches!(opts.backend, Backend::Sqlite) && run.rng.below(3) == 0).then(|| {
        let a = run.rng.below(opts.steps as u64 / 2) as usize;
        (a, a + 1 + run.rng.below(opts.steps as u64 / 2) as usize)
    });

    proxy.set_faults(true);
    for step in 0..opts.steps {
        if revoke_at == Some(step) {
            let worker = grant(OTHER).worker_id;
            let revoked = cluster.with_admin(|admin| {
                admin
                    .transaction(Access::Snapshot, |tx, _| {
                        let mut n = 0;
                        for d in tx.devices()?.into_iter().filter(|d| d.worker_id == worker) {
                            n += enroll::revoke(tx, &d.id)? as usize;
                        }
                        Ok(n)
                    })
                    .expect("revoke")
            });
            assert_eq!(revoked, 1, "seed {seed}: one device revoked");
            run.model.revoked.insert(OTHER);
            run.note("revoke p3".into());
        }
        if pg_restart_at == Some(step) && cluster.restart_postgres() {
            run.count_kill("PostgreSQL restart");
            run.note("restart PostgreSQL".into());
        }
        if let Some((backup_at, restore_at)) = restore {
            let folder = dir.join("backup");
            if step == backup_at {
                let r = cluster.run(&["backup", &folder.to_string_lossy()]);
                run.note(format!("county backup -> {}", r.is_ok()));
                if let Err(e) = r {
                    run.model.problems.push(format!("backup failed: {e}"));
                }
            }
            if step == restore_at && folder.exists() {
                cluster.hold_down(0);
                run.count_kill("county stopped for a restore");
                let r = cluster.run(&["restore", &folder.to_string_lossy()]);
                run.note(format!("county restore -> {}", r.is_ok()));
                if let Err(e) = r {
                    run.model.problems.push(format!("restore failed: {e}"));
                }
                cluster.release(0);
            }
        }
        match run.rng.below(20) {
            0..7 => run.grid_worker_step(GRID_A),
            7..14 => run.grid_worker_step(GRID_B),
            14..16 => run.supervisor_step(),
            16..18 => run.other_step(),
            18 => run.both_edit_one_household(),
            _ => run.sync_together(GRID_A, GRID_B),
        }
    }

    // The quiet phase: faults stop, every instance is up, every phone syncs until nothing
    // moves.
    proxy.set_faults(false);
    let quiet_from = Instant::now();
    cluster.start_all();
    let live: Vec<usize> = (0..PHONES)
        .filter(|p| !run.model.revoked.contains(p))
        .collect();
    let mut quiet = false;
    for _round in 0..12 {
        let mut moved = false;
        for &p in &live {
            let mut reply = run.sync(p);
            for _ in 0..20 {
                if !matches!(reply, Reply::Err(ref e, _) if e == "sync failed") {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
                cluster.start_all();
                reply = run.sync(p);
            }
            match reply.ok() {
                Some(v) => {
                    let n = |k: &str| v[k].as_u64().unwrap_or(0);
                    if n("sent") + n("received") + n("photos_sent") + n("photos_pending") > 0 {
                        moved = true;
                    }
                }
                None => {
                    moved = true;
                }
            }
        }
        if !moved {
            quiet = true;
            break;
        }
    }
    let converge = quiet_from.elapsed();
    if !quiet {
        run.model
            .problems
            .push("the phones did not converge in 12 quiet rounds".into());
    }
    if run.model.revoked.contains(&OTHER) {
        // The revoked phone learns it at its next sync, and wipes.
        let r = run.agents[OTHER].call(&json!({"op": "sync"}));
        // (Or it learned already, and is a store enrolled nowhere now.)
        if !matches!(&r, Reply::Err(e, _) if e == "device revoked" || e == "not enrolled") {
            run.model
                .problems
                .push(format!("a revoked phone's sync answered {}", short(&r)));
        }
    }
    for a in &mut run.agents {
        a.stop();
    }

    let phones: Vec<check::PhoneFiles> = run
        .agents
        .iter()
        .enumerate()
        .map(|(i, a)| check::PhoneFiles {
            index: i,
            path: a.store_path().to_path_buf(),
            key: a.key(),
            in_scope: !run.model.revoked.contains(&i),
            grids: match i {
                GRID_A | GRID_B => Some(vec![GRID.to_string()]),
                OTHER => Some(vec![OTHER_GRID.to_string()]),
                _ => None,
            },
        })
        .collect();
    if let Some(damage) = &opts.sabotage {
        damage(&cluster, &run.model);
    }
    let found = cluster.with_admin(|admin| check::check(&run.model, &phones, admin));
    let mut problems = std::mem::take(&mut run.model.problems);
    problems.extend(found.problems);
    let starts: usize = run.agents.iter().map(|a| a.starts).sum();
    let _ = starts;
    let outcome = Outcome {
        seed,
        backend: format!("{}, {} instance(s)", opts.backend.name(), opts.instances),
        faults: proxy
            .tally()
            .into_iter()
            .map(|(k, v)| (format!("{k:?}"), v))
            .collect(),
        kills: kills.lock().unwrap().clone(),
        edits_acked: run.model.edits.len(),
        lost: found.lost,
        duplicated: found.duplicated,
        refusals: found.refusals,
        conflicts: found.conflicts,
        problems,
        converge,
        elapsed: started.elapsed(),
        trace: run.trace,
    };
    drop(proxy);
    drop(cluster);
    if outcome.problems.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    outcome
}

/// A camera JPEG of its own scene for `tag`.
fn camera_jpeg_of(tag: u64) -> Vec<u8> {
    use ruhu_domain::imaging::sample::{camera_jpeg, scene};
    camera_jpeg(&scene(480, 360, 1000 + tag as u32), None)
}
