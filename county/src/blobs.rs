//! Where the county keeps photo files: a folder of the data directory by default, S3-compatible
//! object storage in production. Files are sealed (AES-256-GCM, key derived from the county key,
//! name bound in) before they leave the process, so neither a copied folder nor a bucket
//! readable by the wrong person shows a photo. Named by the SHA-256 of the photo.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use ruhu_domain::sealed::Sealer;
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
        let dir = self.root.join(&name[..2]);
        let path = dir.join(name);
        if path.is_file() {
            return Ok(());
        }
        fs::create_dir_all(&dir).map_err(|_| storage_error("create folder"))?;
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

/// Photo files in an S3-compatible bucket (Amazon S3, Alibaba OSS, Tencent COS, MinIO…):
/// `<prefix>/ab/<name>`. Credentials come from the usual `AWS_*` environment variables.
pub struct S3Store {
    store: object_store::aws::AmazonS3,
    prefix: String,
    runtime: Option<tokio::runtime::Runtime>,
    description: String,
}

impl Drop for S3Store {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

impl S3Store {
    /// A store in `bucket`; `endpoint` for S3-compatible services (plain `http://` allowed
    /// only for loopback tests and private networks). Credentials: given, or from the
    /// environment.
    pub fn new(
        bucket: &str,
        endpoint: Option<&str>,
        region: &str,
        prefix: &str,
        credentials: Option<(&str, &str)>,
    ) -> Result<S3Store, CountyError> {
        use object_store::aws::AmazonS3Builder;
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .with_region(region);
        if let Some((id, secret)) = credentials {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret);
        }
        if let Some(e) = endpoint {
            builder = builder
                .with_endpoint(e)
                .with_allow_http(e.starts_with("http://"))
                .with_virtual_hosted_style_request(false);
        }
        let store = builder.build().map_err(|_| {
            CountyError::new(
                ErrorCode::Internal,
                "object storage settings are incomplete (bucket, region, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
            )
        })?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("ruhu-s3")
            .enable_all()
            .build()
            .map_err(|_| storage_error("runtime"))?;
        Ok(S3Store {
            store,
            prefix: prefix.trim_matches('/').to_string(),
            runtime: Some(runtime),
            description: format!(
                "bucket {bucket}{}",
                endpoint.map(|e| format!(" at {e}")).unwrap_or_default()
            ),
        })
    }

    fn path(&self, name: &str) -> object_store::path::Path {
        let key = format!("{}/{}", &name[..2], name);
        if self.prefix.is_empty() {
            object_store::path::Path::from(key)
        } else {
            object_store::path::Path::from(format!("{}/{key}", self.prefix))
        }
    }

    fn rt(&self) -> &tokio::runtime::Runtime {
        self.runtime.as_ref().expect("runtime lives with the store")
    }
}

impl BlobStore for S3Store {
    fn put(&self, name: &str, sealed: &[u8]) -> Result<(), CountyError> {
        use object_store::ObjectStoreExt;
        if !valid_name(name) {
            return Err(CountyError::new(ErrorCode::Malformed, "not a SHA-256 name"));
        }
        let payload = object_store::PutPayload::from(sealed.to_vec());
        self.rt()
            .block_on(self.store.put(&self.path(name), payload))
            .map_err(|_| storage_error("object put"))?;
        Ok(())
    }

    fn get(&self, name: &str) -> Result<Option<Vec<u8>>, CountyError> {
        use object_store::ObjectStoreExt;
        if !valid_name(name) {
            return Ok(None);
        }
        let path = self.path(name);
        self.rt().block_on(async {
            match self.store.get(&path).await {
                Ok(r) => r
                    .bytes()
                    .await
                    .map(|b| Some(b.to_vec()))
                    .map_err(|_| storage_error("object read")),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(_) => Err(storage_error("object get")),
            }
        })
    }

    fn describe(&self) -> String {
        self.description.clone()
    }
}
