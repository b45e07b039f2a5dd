//! Photo files on the phone: each stored image and thumbnail in its own file under
//! `<store>.photos/`, named by the SHA-256 of its content and encrypted with AES-256-GCM under a
//! key derived from the store key (the file name is bound in as associated data, so a file
//! renamed or swapped does not decrypt). Files are written to a `.partial` name, synced, and
//! renamed: a photo is either complete on disk or absent, never half there.

use crate::faults::{Missing, PhotoFileFault};
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;

use super::StoreError;
use ruhu_domain::document::DocKind;
use ruhu_domain::imaging::sha256_hex;
use ruhu_domain::sealed::{SealError, Sealer};

/// The phone's encrypted photo folder.
pub struct PhotoVault {
    dir: PathBuf,
    sealer: Sealer,
}

fn io_error(e: std::io::Error) -> StoreError {
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            StoreError::Full
        }
        _ => StoreError::PhotoFile(PhotoFileFault::Folder),
    }
}

fn valid_name(sha256: &str) -> bool {
    sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl PhotoVault {
    /// The vault beside the store file at `store_path`, keyed from the store key.
    pub fn open(store_path: &Path, store_key: &[u8]) -> Result<PhotoVault, StoreError> {
        let mut name = store_path.as_os_str().to_owned();
        name.push(".photos");
        let dir = PathBuf::from(name);
        fs::create_dir_all(&dir).map_err(io_error)?;
        Ok(PhotoVault {
            dir,
            sealer: Sealer::new(store_key, "ruhu photo files v1", *b"RUHUPH01"),
        })
    }

    fn path(&self, sha256: &str) -> PathBuf {
        self.dir.join(sha256)
    }

    /// Whether a file with this content is stored.
    pub fn contains(&self, sha256: &str) -> bool {
        valid_name(sha256) && self.path(sha256).is_file()
    }

    /// Stores `bytes` under their SHA-256 (a file already there is kept: same name, same
    /// content). Returns the name.
    pub fn put(&self, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = sha256_hex(bytes);
        if self.contains(&sha) {
            return Ok(sha);
        }
        let sealed = self
            .sealer
            .seal(&sha, bytes)
            .map_err(|_| StoreError::PhotoFile(PhotoFileFault::NoRandomness))?;
        let partial = self.dir.join(format!("{sha}.partial"));
        let written = (|| {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&partial)?;
            f.write_all(&sealed)?;
            f.sync_all()?;
            fs::rename(&partial, self.path(&sha))?;
            if let Ok(d) = fs::File::open(&self.dir) {
                d.sync_all()?;
            }
            Ok::<_, std::io::Error>(())
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&partial);
            return Err(io_error(e));
        }
        Ok(sha)
    }

    /// The content stored under `sha256`, checked against its name.
    pub fn get(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        if !valid_name(sha256) {
            return Err(StoreError::NotFound(Missing::Photo));
        }
        let data = match fs::read(self.path(sha256)) {
            Ok(d) => d,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return Err(StoreError::NotFound(Missing::Photo));
            }
            Err(e) => return Err(io_error(e)),
        };
        self.sealer.open(sha256, &data).map_err(|e| match e {
            SealError::Damaged => StoreError::PhotoFile(PhotoFileFault::Damaged),
            SealError::NoRandomness => StoreError::PhotoFile(PhotoFileFault::NoRandomness),
        })
    }

    /// Removes a stored file (after a wipe, or a photo never attached).
    pub fn remove(&self, sha256: &str) {
        if valid_name(sha256) {
            let _ = fs::remove_file(self.path(sha256));
        }
    }

    /// Removes every photo file (the device was revoked).
    pub fn wipe(&self) -> Result<(), StoreError> {
        for entry in fs::read_dir(&self.dir).map_err(io_error)? {
            let entry = entry.map_err(io_error)?;
            fs::remove_file(entry.path()).map_err(io_error)?;
        }
        Ok(())
    }
}

/// A file waiting to reach the county.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingUpload {
    /// Content hash (the file's name).
    pub sha256: String,
    /// The document whose evidence lists it (the county checks scope through it).
    pub doc_id: String,
    /// A thumbnail (sent before full images).
    pub thumbnail: bool,
    /// Size in bytes.
    pub size: u64,
    /// Evidence of an urgent case (sent first).
    pub urgent: bool,
    /// Bytes the county has acknowledged.
    pub acked: u64,
}

/// Queues a file for upload inside the transaction that attaches it.
pub fn queue(
    tx: &rusqlite::Transaction<'_>,
    upload: &PendingUpload,
    now_ms: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO photo_uploads(sha256, doc_id, thumbnail, size, urgent, acked, queued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6) ON CONFLICT(sha256) DO NOTHING",
        rusqlite::params![
            upload.sha256,
            upload.doc_id,
            upload.thumbnail,
            upload.size as i64,
            upload.urgent,
            now_ms
        ],
    )?;
    Ok(())
}

impl super::Store {
    /// Files waiting for the county: thumbnails first, then urgent cases' evidence, oldest
    /// first.
    pub fn pending_uploads(&self) -> Result<Vec<PendingUpload>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT sha256, doc_id, thumbnail, size, urgent, acked FROM photo_uploads
                 ORDER BY thumbnail DESC, urgent DESC, queued_at, sha256",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(PendingUpload {
                    sha256: r.get(0)?,
                    doc_id: r.get(1)?,
                    thumbnail: r.get(2)?,
                    size: r.get::<_, i64>(3)? as u64,
                    urgent: r.get(4)?,
                    acked: r.get::<_, i64>(5)? as u64,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
    }

    /// Records how far the county has acknowledged a file.
    pub fn ack_upload(&self, sha256: &str, acked: u64) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE photo_uploads SET acked = ?2 WHERE sha256 = ?1",
                rusqlite::params![sha256, acked as i64],
            )?;
            Ok(())
        })
    }

    /// Documents listing a photo the supervisor sent back for a retake.
    pub fn documents_with_retakes(&self) -> Result<Vec<(String, DocKind)>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT DISTINCT doc_id, doc_kind FROM photo_index WHERE review = 'retake_needed' ORDER BY doc_id",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (id, kind) = row?;
                if let Some(kind) = DocKind::from_code(&kind) {
                    out.push((id, kind));
                }
            }
            Ok(out)
        })
    }

    /// Whether any document lists a photo whose image or thumbnail has this hash.
    pub fn evidence_uses(&self, sha256: &str) -> Result<bool, StoreError> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT 1 FROM photo_index WHERE sha256 = ?1 OR thumb_sha256 = ?1 LIMIT 1",
            )?
            .query_row([sha256], |_| Ok(()))
            .optional()?
            .is_some())
        })
    }

    /// Case ids of a household.
    pub fn cases_of(&self, household_id: &str) -> Result<Vec<String>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id FROM cases WHERE household_id = ?1 ORDER BY opened_at",
            )?;
            let rows = stmt.query_map([household_id], |r| r.get(0))?;
            Ok(rows.collect::<Result<Vec<String>, _>>()?)
        })
    }

    /// Queues again every photo file the documents list whose size `size` knows (the files on
    /// this phone), for a county restored from a backup: it may lack them, and skips the ones
    /// it holds. Returns how many were queued.
    pub fn requeue_photos(&self, size: impl Fn(&str) -> Option<u64>) -> Result<usize, StoreError> {
        let listed: Vec<(String, String, String)> = self.read(|conn| {
            let mut stmt = conn
                .prepare("SELECT doc_id, sha256, thumb_sha256 FROM photo_index ORDER BY doc_id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })?;
        let mut uploads = Vec::new();
        for (doc_id, image, thumb) in listed {
            for (sha256, thumbnail) in [(thumb, true), (image, false)] {
                if let Some(size) = size(&sha256) {
                    uploads.push(PendingUpload {
                        sha256,
                        doc_id: doc_id.clone(),
                        thumbnail,
                        size,
                        urgent: false,
                        acked: 0,
                    });
                }
            }
        }
        let now = chrono::Utc::now().timestamp_millis();
        self.write(|tx| {
            for u in &uploads {
                queue(tx, u, now)?;
            }
            Ok(())
        })?;
        Ok(uploads.len())
    }

    /// The county holds the file whole: it leaves the queue.
    pub fn finish_upload(&self, sha256: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM photo_uploads WHERE sha256 = ?1", [sha256])?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_encrypted_named_by_content_and_checked_on_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("phone.db");
        let vault = PhotoVault::open(&store, &[7; 32]).unwrap();
        let photo = b"\xFF\xD8\xFF a photo of a house".to_vec();
        let sha = vault.put(&photo).unwrap();
        assert_eq!(sha, sha256_hex(&photo));
        let on_disk = fs::read(dir.path().join("phone.db.photos").join(&sha)).unwrap();
        assert!(
            !on_disk.windows(8).any(|w| w == b"a photo "),
            "plaintext on disk"
        );
        assert_eq!(vault.get(&sha).unwrap(), photo);
        // Another key cannot read it; a swapped file does not pass for another name.
        let other = PhotoVault::open(&store, &[8; 32]).unwrap();
        assert!(matches!(other.get(&sha), Err(StoreError::PhotoFile(_))));
        let sha2 = vault.put(b"another").unwrap();
        fs::copy(
            dir.path().join("phone.db.photos").join(&sha),
            dir.path().join("phone.db.photos").join(&sha2),
        )
        .unwrap();
        assert!(matches!(vault.get(&sha2), Err(StoreError::PhotoFile(_))));
        assert!(matches!(vault.get("../x"), Err(StoreError::NotFound(_))));
    }

    #[test]
    fn a_full_disk_leaves_no_partial_file_and_says_storage_full() {
        let dir = tempfile::tempdir().unwrap();
        let vault = PhotoVault::open(&dir.path().join("p.db"), &[7; 32]).unwrap();
        let photo = vec![42u8; 4096];
        let sha = sha256_hex(&photo);
        let folder = dir.path().join("p.db.photos");
        // Writes to /dev/full fail with ENOSPC, as a full phone's do.
        std::os::unix::fs::symlink("/dev/full", folder.join(format!("{sha}.partial"))).unwrap();
        assert!(matches!(vault.put(&photo), Err(StoreError::Full)));
        assert!(!vault.contains(&sha));
        assert_eq!(
            fs::read_dir(&folder).unwrap().count(),
            0,
            "nothing left behind"
        );
        // Space again: the same photo stores.
        assert_eq!(vault.put(&photo).unwrap(), sha);
    }
}
