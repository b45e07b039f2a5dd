//! A store whose files may not grow: every write refused says `StoreError::Full`, nothing of
//! it stays, and the store opens with all it held before. The limit is a real one: a child
//! process of this test binary runs under `RLIMIT_FSIZE`, where writes fail with `EFBIG`.

use std::os::unix::process::CommandExt;
use std::path::Path;

use super::*;

/// Set in the child process: the store file to write to.
const CHILD: &str = "RUHU_STORE_FULL_CHILD";

/// How many generated households the child stores before the limit is set.
const BEFORE: usize = 3;

fn households(s: &Store) -> usize {
    s.households(
        &HouseholdFilter {
            limit: 1000,
            ..Default::default()
        },
        now(),
    )
    .unwrap()
    .len()
}

/// Stores households until the store refuses, then checks how it refused.
fn child(path: &Path) {
    let s = Store::open(path, &KEY).unwrap();
    let mut rng = SampleRng::new(16);
    let refused = (0..100_000).find_map(|i| {
        let h = sample::household(&mut rng, 2, "w1", now());
        s.create(&h.id, &h, now()).err().map(|e| (i, e))
    });
    let Some((stored, e)) = refused else {
        panic!("the limit never stopped a write");
    };
    assert!(stored > 0, "the first households fit under the limit");
    assert!(matches!(e, StoreError::Full), "{e:?}");
    // Small writes may still fit; whatever is refused is refused as full.
    match s.set_setting("after", &"x".repeat(64 * 1024)) {
        Ok(()) | Err(StoreError::Full) => {}
        Err(e) => panic!("{e:?}"),
    }
    println!("stored {stored}");
}

#[test]
fn a_store_that_may_not_grow_says_full_and_keeps_what_it_held() {
    if let Some(path) = std::env::var_os(CHILD) {
        child(Path::new(&path));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ruhu.db");
    {
        let s = open(&path, "w1");
        let mut rng = SampleRng::new(1);
        for _ in 0..BEFORE {
            let h = sample::household(&mut rng, 2, "w1", now());
            s.create(&h.id, &h, now()).unwrap();
        }
    }
    // A little above the largest file: the store's own (its log was folded in on close).
    let limit = std::fs::metadata(&path).unwrap().len() + 64 * 1024;
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "tests::full::a_store_that_may_not_grow_says_full_and_keeps_what_it_held",
        "--test-threads=1",
        "--nocapture",
    ])
    .env(CHILD, &path);
    // SAFETY: between fork and exec the child only calls async-signal-safe `setrlimit` and
    // `signal`. With SIGXFSZ ignored a write past the limit fails with EFBIG instead of
    // killing the process (ignored signals stay ignored across exec).
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
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "child: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stored: usize = stdout
        .lines()
        .find_map(|l| l.split_once("stored ").map(|(_, n)| n))
        .and_then(|n| n.trim().parse().ok())
        .expect("the child's count");
    // Space again: the store opens with every household it acknowledged, takes new ones.
    let s = Store::open(&path, &KEY).unwrap();
    assert_eq!(households(&s), BEFORE + stored);
    let h = named(2, "秦晓燕");
    s.create(&h.id, &h, now()).unwrap();
    assert_eq!(households(&s), BEFORE + stored + 1);
}
