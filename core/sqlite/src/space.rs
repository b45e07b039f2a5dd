//! Whether a failed statement means the device has no room left: the disk is full, or a file
//! reached the size the system allows it (a file-size limit, a quota).
//!
//! SQLite says `SQLITE_FULL` only for a write stopped by `ENOSPC`. A write refused with `EFBIG`
//! or `EDQUOT`, and an `fsync` or `ftruncate` failing for want of space, come back as one of
//! its I/O errors, which also stand for a failing disk. The OS error SQLite recorded for the
//! connection tells them apart.

use rusqlite::{Connection, ErrorCode};
use std::io::ErrorKind;

/// Whether `e`, just returned by a statement on `conn`, means there is no room to write: the
/// disk is full or the file may not grow. Read it before the next statement on `conn`.
pub fn out_of_space(conn: &Connection, e: &rusqlite::Error) -> bool {
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => true,
        Some(ErrorCode::SystemIoFailure) => {
            // SAFETY: the handle is only read by `sqlite3_system_errno`, which takes the open
            // connection `conn` borrows and changes nothing.
            let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(conn.handle()) };
            errno != 0
                && matches!(
                    std::io::Error::from_raw_os_error(errno).kind(),
                    ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded
                )
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Access, open};
    use std::os::unix::process::CommandExt;
    use std::path::Path;
    use std::time::Duration;

    /// Set in the child process this test starts under a file-size limit: the directory to
    /// write in.
    const CHILD: &str = "RUHU_SQLITE_SPACE_CHILD";
    /// The child's largest file, in bytes.
    const LIMIT: u64 = 256 * 1024;

    /// Writes 16 KB rows, one transaction each, until SQLite refuses; returns that error.
    fn fill(conn: &Connection) -> (i64, rusqlite::Error) {
        conn.execute_batch("CREATE TABLE t(x BLOB NOT NULL)")
            .unwrap();
        for written in 0.. {
            if let Err(e) = conn.execute("INSERT INTO t VALUES (randomblob(16384))", []) {
                return (written, e);
            }
        }
        unreachable!()
    }

    fn child(dir: &Path) {
        let path = dir.join("a.db");
        let conn = open(&path, &[7; 32], Access::ReadWrite, Duration::from_secs(1)).unwrap();
        let (written, e) = fill(&conn);
        assert!(written > 0, "the first rows fit under the limit");
        assert_eq!(
            e.sqlite_error_code(),
            Some(ErrorCode::SystemIoFailure),
            "EFBIG reaches SQLite's caller as an I/O error: {e}"
        );
        assert!(out_of_space(&conn, &e), "{e}");
        drop(conn);
        // What was committed stays, and the file opens again.
        let conn = open(&path, &[7; 32], Access::ReadOnly, Duration::from_secs(1)).unwrap();
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, written);
    }

    #[test]
    fn a_write_past_the_file_size_limit_is_out_of_space() {
        if let Some(dir) = std::env::var_os(CHILD) {
            child(Path::new(&dir));
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args([
            "--exact",
            "space::tests::a_write_past_the_file_size_limit_is_out_of_space",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(CHILD, dir.path());
        // SAFETY: between fork and exec the child only calls async-signal-safe `setrlimit` and
        // `signal`. SIGXFSZ ignored, a write past the limit fails with EFBIG instead of killing
        // the process (ignored signals stay ignored across exec).
        unsafe {
            cmd.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: LIMIT as libc::rlim_t,
                    rlim_max: LIMIT as libc::rlim_t,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            });
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success() && String::from_utf8_lossy(&out.stdout).contains("1 passed"),
            "child: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let largest = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|f| f.unwrap().metadata().unwrap().len())
            .max()
            .unwrap();
        assert!(largest <= LIMIT, "no file passed the limit ({largest})");
    }

    #[test]
    fn a_database_that_cannot_grow_is_out_of_space() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(
            &dir.path().join("a.db"),
            &[7; 32],
            Access::ReadWrite,
            Duration::from_secs(1),
        )
        .unwrap();
        // SQLite answers SQLITE_FULL at its page limit as on a full disk.
        conn.execute_batch("PRAGMA max_page_count = 16").unwrap();
        let (_, e) = fill(&conn);
        assert_eq!(e.sqlite_error_code(), Some(ErrorCode::DiskFull));
        assert!(out_of_space(&conn, &e), "{e}");
    }

    #[test]
    fn other_failures_are_not_out_of_space() {
        let conn = Connection::open_in_memory().unwrap();
        let e = conn
            .execute("INSERT INTO missing VALUES (1)", [])
            .unwrap_err();
        assert!(!out_of_space(&conn, &e));
    }
}
