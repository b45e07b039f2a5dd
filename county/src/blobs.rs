//! Where the county keeps photo files: a folder of the data directory by default, S3-compatible
//! object storage in production. Files are sealed (AES-256-GCM, key derived from the county key,
//! name bound in) before they leave the process, so neither a copied folder nor a bucket
//! readable by the wrong person shows a photo. Named by the SHA-256 of the photo.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use ruhu_core::sealed::Sealer;
use ruhu_proto::v1::ErrorCode;

use crate::error::CountyError;

/// Storage of sealed photo files.
pub trait BlobStore: Send + Sync {
    /// Stores `sealed` under `name` (same name, same content: storing twice is harmless).
    fn put(&self, name: &str, sealed: &[u8]) -> Result<(), CountyError>;
    /// The sealed file stored under `name`.
    fn get(&self, name: &str) -> Result<Option<Vec<u8>>, CountyError>;
    /// Where, for logs and the start-up line.
    fn describe(&self) -> String;
}

/// The sealer of the county's photo files.
pub fn sealer(county_key: &[u8; 32]) -> Sealer {
    Sealer::new(county_key, "ruhu county blobs v1", *b"RUHUBL01")
}

fn valid_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn storage_error(what: &str) -> CountyError {
    tracing::error!(what, "blob storage error");
    CountyError::new(
        ErrorCode::Unavailable,
        "photo storage is unavailable; try again",
    )
}

/// Photo files in a folder: `<root>/ab/<name>`, written to a temporary name, synced, renamed.
pub struct FolderStore {
    root: PathBuf,
}

impl FolderStore {
    /// A store in `root` (created if missing).
    pub fn new(root: PathBuf) -> Result<FolderStore, CountyError> {
        fs::create_dir_all(&root).map_err(|_| storage_error("create folder"))?;
        Ok(FolderStore { root })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.join(&name[..2]).join(name)
    }
}

impl BlobStore for FolderStore {
    fn put(&self, name: &str, sealed: &[u8]) -> Result<(), CountyError> {
        if !valid_name(name) {
            return Err(CountyError::new(ErrorCode::Malformed, "not a SHA-256 name"));
        }
        let path = self.path(name);
        if path.is_file() {
            return Ok(());
        }
        let dir = path.parent().expect("two-level path");
        fs::create_dir_all(dir).map_err(|_| storage_error("create folder"))?;
        let tmp = dir.join(format!("{name}.{}.partial", uuid::Uuid::new_v4()));
        let written = (|| {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(sealed)?;
            f.sync_all()?;
            fs::rename(&tmp, &path)?;
            fs::File::open(dir)?.sync_all()
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
            return Err(storage_error("write"));
        }
        Ok(())
    }

    fn get(&self, name: &str) -> Result<Option<Vec<u8>>, CountyError> {
        if !valid_name(name) {
            return Ok(None);
        }
        match fs::read(self.path(name)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(_) => Err(storage_error("read")),
        }
    }

    fn describe(&self) -> String {
        format!("folder {}", self.root.display())
    }
}
