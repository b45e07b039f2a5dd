//! The first keyed opens of a process, made at the same instant from many threads (as a county
//! starting its pool, or a test binary starting its tests), all succeed. This file is its own
//! process, so these are the process's very first opens.

use std::sync::{Arc, Barrier};
use std::time::Duration;

#[test]
fn concurrent_first_opens_of_a_process_all_get_their_key() {
    const THREADS: usize = 24;
    let dir = tempfile::tempdir().unwrap();
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|i| {
            let path = dir.path().join(format!("{i}.db"));
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let conn = ruhu_sqlite::open(
                    &path,
                    &[i as u8 + 1; 32],
                    ruhu_sqlite::Access::ReadWrite,
                    Duration::from_secs(5),
                )
                .map_err(|e| format!("thread {i}: {e}"))?;
                conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                    .map_err(|e| format!("thread {i}: {e}"))
            })
        })
        .collect();
    let failures: Vec<String> = handles
        .into_iter()
        .filter_map(|h| h.join().unwrap().err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}
