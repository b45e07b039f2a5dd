//! The data folder's serving lock: every process serving the embedded store holds it shared
//! (`<data-dir>/serving.lock`), a restore holds it alone, so neither starts under the other.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The lock file in a data folder.
pub fn lock_path(data_dir: &Path) -> PathBuf {
    data_dir.join("serving.lock")
}

/// Why the serving lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds the lock in a way that excludes this one.
    #[error("{0}")]
    Held(&'static str),
    /// The lock file could not be opened or locked.
    #[error("cannot lock {path}: {source}")]
    Io {
        /// The lock file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
}

/// The lock, held until dropped (the system also releases it when the process ends).
#[derive(Debug)]
pub struct ServingLock {
    _file: File,
}

impl ServingLock {
    /// Taken by a process serving the data folder; several may serve it at once, never during
    /// a restore.
    pub fn serving(data_dir: &Path) -> Result<ServingLock, LockError> {
        ServingLock::take(
            data_dir,
            false,
            "a restore is under way in this data folder; serve again when it has finished",
        )
    }

    /// Taken by a restore: refused while any process serves the data folder.
    pub fn restoring(data_dir: &Path) -> Result<ServingLock, LockError> {
        ServingLock::take(
            data_dir,
            true,
            "a county process is serving this data folder; stop it before restoring",
        )
    }

    fn take(data_dir: &Path, alone: bool, held: &'static str) -> Result<ServingLock, LockError> {
        let path = lock_path(data_dir);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io)?;
        let taken = if alone {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match taken {
            Ok(()) => Ok(ServingLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Held(held)),
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restore_is_refused_while_the_folder_is_served_and_serving_waits_for_a_restore() {
        let dir = tempfile::tempdir().unwrap();
        let first = ServingLock::serving(dir.path()).unwrap();
        let second = ServingLock::serving(dir.path()).unwrap();
        assert!(matches!(
            ServingLock::restoring(dir.path()),
            Err(LockError::Held(_))
        ));
        drop((first, second));
        let restore = ServingLock::restoring(dir.path()).unwrap();
        assert!(matches!(
            ServingLock::serving(dir.path()),
            Err(LockError::Held(_))
        ));
        drop(restore);
        ServingLock::serving(dir.path()).unwrap();
    }
}
