//! Fault schedules, a fixed set of seeds: phones and county instances behind the fault proxy,
//! kills of phones, instances and PostgreSQL, a backup restored mid-run on the embedded
//! store, and the checker's model at the end (see `ruhu_tests::faults`).
//!
//! - `RUHU_FAULT_SCHEDULES=n`: how many seeds (1..=n; default 50);
//! - `RUHU_FAULT_SEED=s`: replay that one seed (printed by every failing run);
//! - the backend as the other suites take it (`RUHU_TEST_POSTGRES`, `RUHU_TEST_PG_RESTART`;
//!   two instances on PostgreSQL unless `RUHU_TEST_INSTANCES` says otherwise).

use std::sync::Arc;

use ruhu_tests::faults::cluster::Backend;
use ruhu_tests::faults::report::Report;
use ruhu_tests::faults::run::{Options, run_schedule};

fn options(dir: &std::path::Path) -> Options {
    let backend = Backend::from_env();
    let instances = match backend {
        Backend::Sqlite => 1,
        Backend::Postgres { .. } => std::env::var("RUHU_TEST_INSTANCES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(2),
    };
    Options {
        backend,
        instances,
        steps: 30,
        work_dir: dir.to_path_buf(),
        sabotage: None,
    }
}

#[test]
fn fixed_fault_schedules_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let opts = options(dir.path());
    let seeds: Vec<u64> = match std::env::var("RUHU_FAULT_SEED") {
        Ok(s) => vec![s.parse().expect("a seed")],
        Err(_) => {
            let n: u64 = std::env::var("RUHU_FAULT_SCHEDULES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(50);
            (1..=n).collect()
        }
    };
    let replay = std::env::var("RUHU_FAULT_SEED").is_ok();
    // Schedules run side by side (their processes mostly wait on the network and the phones'
    // backoff); a replay runs alone.
    let jobs: usize = if replay {
        1
    } else {
        std::env::var("RUHU_FAULT_JOBS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(3)
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let outcomes = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&seed) = seeds.get(i) else { break };
                    let outcome = run_schedule(seed, &opts);
                    print_outcome(&outcome, replay);
                    outcomes.lock().unwrap().push(outcome);
                }
            });
        }
    });
    let mut outcomes = outcomes.into_inner().unwrap();
    outcomes.sort_by_key(|o| o.seed);
    let mut report = Report::default();
    for o in &outcomes {
        report.add(o);
    }
    eprintln!("{}", report.markdown());
    if !report.failures.is_empty() {
        // The failing schedules' folders (stores, county logs) stay for a look.
        eprintln!("failing schedules kept in {}", dir.keep().display());
    }
    assert!(
        report.failures.is_empty(),
        "failing seeds (replay with RUHU_FAULT_SEED=<seed>): {:?}",
        report.failures.iter().map(|f| f.0).collect::<Vec<_>>()
    );
    assert!(report.edits_acked > 0, "the schedules acknowledged no edit");
    assert!(!report.faults.is_empty(), "the proxy injected no fault");
}

fn print_outcome(outcome: &ruhu_tests::faults::run::Outcome, replay: bool) {
    eprintln!(
        "seed {} ({}): {} edits acked, refused {:?}, faults {:?}, kills {:?}, converged in {} ms, {} ms in all{}",
        outcome.seed,
        outcome.backend,
        outcome.edits_acked,
        outcome.refusals,
        outcome.faults,
        outcome.kills,
        outcome.converge.as_millis(),
        outcome.elapsed.as_millis(),
        if outcome.problems.is_empty() {
            ""
        } else {
            " FAILED"
        }
    );
    if !outcome.problems.is_empty() || replay {
        eprintln!("  steps:\n    {}", outcome.trace.join("\n    "));
        for p in &outcome.problems {
            eprintln!("  {p}");
        }
    }
}

/// The checker finds what it is there to find: a county that lost a document the phones
/// acknowledged, and a photo file that no longer matches its hash.
#[test]
fn the_checker_finds_a_lost_document_and_a_damaged_photo_file() {
    use ruhu_county::db::Access;
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(dir.path());
    opts.backend = Backend::Sqlite;
    opts.instances = 1;
    let damaged = Arc::new(std::sync::Mutex::new((String::new(), 0usize)));
    let noted = damaged.clone();
    opts.sabotage = Some(Arc::new(move |cluster, model| {
        let Some(edit) = model.edits.iter().rev().find(|e| e.op == "add_member") else {
            return;
        };
        cluster.with_admin(|admin| {
            admin
                .transaction(Access::Appends, |tx, _| tx.forget_document(&edit.doc))
                .unwrap()
        });
        let mut files = 0;
        let mut todo = vec![cluster.data_dir.join("blobs")];
        while let Some(d) = todo.pop() {
            for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    todo.push(path);
                } else {
                    let mut bytes = std::fs::read(&path).unwrap();
                    let last = bytes.len() - 1;
                    bytes[last] ^= 0x5a;
                    std::fs::write(&path, bytes).unwrap();
                    files += 1;
                }
            }
        }
        *noted.lock().unwrap() = (edit.doc.clone(), files);
    }));
    // Seed 8 acknowledges members and photos (see the fixed run's log).
    let outcome = run_schedule(8, &opts);
    let (doc, files) = damaged.lock().unwrap().clone();
    assert!(
        !doc.is_empty() && files > 0,
        "the schedule made a member and a photo"
    );
    assert!(outcome.lost > 0, "{:?}", outcome.problems);
    assert!(
        outcome
            .problems
            .iter()
            .any(|p| p.contains(&doc) && p.contains("missing at the county")),
        "{:?}",
        outcome.problems
    );
    assert!(
        outcome
            .problems
            .iter()
            .any(|p| p.contains("does not match its hash")),
        "{:?}",
        outcome.problems
    );
}
