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
use ruhu_county::enroll;
use ruhu_domain::sample::SampleRng;
use serde_json::json;

use super::agent::{Agent, Reply};
use super::check::{self, Model};
use super::cluster::{Backend, Cluster};
use super::proxy::{FaultMix, FaultProxy, Kill};
use super::workload::{GRID, GRID_A, GRID_B, OTHER, OTHER_GRID, PHONES, Run, grant, short};

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
                // The restored county holds nothing acknowledged after the backup: those
                // acknowledgements no longer stand, and the phones must deliver again. (A
                // phone revoked before it did cannot: its work is lost to the county, and
                // its colleagues' copies are refused as a revoked device's.)
                for e in &mut run.model.edits {
                    e.county_acked = false;
                }
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
    cluster.close();
    // A failing schedule keeps its data folder and database to be looked at.
    if outcome.problems.is_empty() {
        cluster.remove_store();
        let _ = std::fs::remove_dir_all(&dir);
    }
    drop(cluster);
    outcome
}
