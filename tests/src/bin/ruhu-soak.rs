//! `ruhu-soak`: runs many fault schedules with fresh seeds (see `ruhu_tests::faults`) and writes
//! a report: schedules run, faults injected by kind, kills, edits acknowledged, lost and stored
//! twice, time to converge, and the seeds of any failure (each replays with
//! `RUHU_FAULT_SEED=<seed> cargo test -p ruhu-tests --test faults`). `scripts/soak.sh` builds
//! it and starts PostgreSQL for it.
//!
//! `ruhu-soak [--schedules N] [--jobs J] [--steps S] [--first-seed SEED] [--report FILE]`
//!
//! With `RUHU_TEST_POSTGRES` set (and `RUHU_TEST_PG_RESTART`, a command that crashes and
//! restarts that server), every other schedule runs on PostgreSQL with two county instances;
//! otherwise all run on the embedded store.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use ruhu_tests::faults::cluster::Backend;
use ruhu_tests::faults::report::Report;
use ruhu_tests::faults::run::{Options, run_schedule};

struct Args {
    schedules: usize,
    jobs: usize,
    steps: usize,
    first_seed: Option<u64>,
    report: PathBuf,
}

fn parse() -> Result<Args, String> {
    let mut args = Args {
        schedules: 1000,
        jobs: 4,
        steps: 30,
        first_seed: None,
        report: PathBuf::from("soak-report.md"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|_| format!("not a number: {v}"));
        match flag.as_str() {
            "--schedules" => args.schedules = number(value()?)? as usize,
            "--jobs" => args.jobs = (number(value()?)? as usize).max(1),
            "--steps" => args.steps = number(value()?)? as usize,
            "--first-seed" => args.first_seed = Some(number(value()?)?),
            "--report" => args.report = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

fn main() {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "{e}\nusage: ruhu-soak [--schedules N] [--jobs J] [--steps S] [--first-seed SEED] [--report FILE]"
            );
            std::process::exit(2);
        }
    };
    let first = args.first_seed.unwrap_or_else(|| {
        let mut b = [0u8; 4];
        getrandom::fill(&mut b).expect("randomness");
        // Fresh seeds, kept well apart from the fixed set the test runs (1..=50).
        1_000_000 + u64::from(u32::from_le_bytes(b))
    });
    let work = tempfile::tempdir().expect("work folder");
    let sqlite = Options {
        backend: Backend::Sqlite,
        instances: 1,
        steps: args.steps,
        work_dir: work.path().to_path_buf(),
        sabotage: None,
    };
    let postgres = match Backend::from_env() {
        Backend::Sqlite => None,
        pg => Some(Options {
            backend: pg,
            instances: 2,
            ..sqlite.clone()
        }),
    };
    eprintln!(
        "{} schedules from seed {first}, {} at a time, on {}",
        args.schedules,
        args.jobs,
        if postgres.is_some() {
            "SQLite and PostgreSQL (two instances) in turn"
        } else {
            "SQLite"
        }
    );
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let report = Mutex::new(Report::default());
    std::thread::scope(|scope| {
        for _ in 0..args.jobs {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= args.schedules {
                        break;
                    }
                    let seed = first + i as u64;
                    let opts = match (&postgres, i % 2) {
                        (Some(pg), 1) => pg,
                        _ => &sqlite,
                    };
                    let outcome = run_schedule(seed, opts);
                    if !outcome.problems.is_empty() {
                        eprintln!("seed {seed} ({}) FAILED:", outcome.backend);
                        for p in outcome.problems.iter().take(10) {
                            eprintln!("  {p}");
                        }
                        eprintln!("  steps:\n    {}", outcome.trace.join("\n    "));
                    }
                    let mut r = report.lock().unwrap();
                    r.add(&outcome);
                    if r.schedules % 50 == 0 {
                        eprintln!(
                            "{} schedules, {} failing, {} s",
                            r.schedules,
                            r.failures.len(),
                            started.elapsed().as_secs()
                        );
                    }
                }
            });
        }
    });
    let report = report.into_inner().unwrap();
    let text = format!(
        "{}\nSeeds {first} to {}, {} at a time; {} s in all. Replay one with \
         `RUHU_FAULT_SEED=<seed> cargo test -p ruhu-tests --test faults fixed -- --nocapture` \
         (with `RUHU_TEST_POSTGRES` for the odd ones when PostgreSQL was used).\n",
        report.markdown(),
        first + args.schedules as u64 - 1,
        args.jobs,
        started.elapsed().as_secs()
    );
    if let Err(e) = std::fs::write(&args.report, &text) {
        eprintln!("cannot write {}: {e}", args.report.display());
        std::process::exit(1);
    }
    println!("{text}");
    eprintln!("report written to {}", args.report.display());
    if !report.failures.is_empty() {
        std::process::exit(1);
    }
}
