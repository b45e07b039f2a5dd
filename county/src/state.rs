//! What every request and command shares: the county's database (embedded SQLite or
//! PostgreSQL), its county code, where photo files are kept and their sealer, and the counters
//! of /metrics. The sync API (`crate::server`) and the console build on it.

use ruhu_domain::sealed::Sealer;
use ruhu_proto::v1::ErrorCode;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crate::blobs::{self, BlobStore, FolderStore};
use crate::db::{self, Access, Tx};
use crate::error::CountyError;

/// Counters exposed at /metrics.
#[derive(Default)]
pub struct Metrics {
    pub(crate) enrollments: AtomicU64,
    pub(crate) syncs: AtomicU64,
    pub(crate) changes_stored: AtomicU64,
    pub(crate) changes_sent: AtomicU64,
    pub(crate) photos_stored: AtomicU64,
    pub(crate) errors: AtomicU64,
}

enum Backend {
    Sqlite(Box<db::sqlite::Sqlite>),
    Postgres(db::postgres::Pg),
}

/// What every request shares.
pub struct County {
    backend: Backend,
    county_code: String,
    pub(crate) metrics: Metrics,
    blobs: Box<dyn BlobStore>,
    sealer: Sealer,
}

/// The county code a store holds, fixed on first use.
fn settle_county_code(tx: &mut dyn Tx, wanted: Option<&str>) -> Result<String, CountyError> {
    match (tx.setting("county_code")?, wanted) {
        (Some(s), Some(c)) if s != c => Err(CountyError::new(
            ErrorCode::Internal,
            format!("this store holds county {s}, not {c}"),
        )),
        (Some(s), _) => Ok(s),
        (None, Some(c)) if c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()) => {
            tx.put_setting("county_code", c)?;
            Ok(c.to_string())
        }
        _ => Err(CountyError::new(
            ErrorCode::Internal,
            "a new county store needs --county-code (6 digits)",
        )),
    }
}

impl County {
    /// Opens the embedded store in `data_dir` with its key; the county code is fixed on first
    /// use.
    pub fn open(
        data_dir: &std::path::Path,
        key: &[u8; 32],
        county_code: Option<&str>,
    ) -> Result<Arc<County>, CountyError> {
        std::fs::create_dir_all(data_dir).map_err(|_| {
            CountyError::new(ErrorCode::Internal, "cannot create the data directory")
        })?;
        let blobs = FolderStore::new(data_dir.join("blobs"))?;
        County::open_with_blobs(data_dir, Box::new(blobs), key, county_code)
    }

    /// The embedded store with photo files kept elsewhere (object storage).
    pub fn open_with_blobs(
        data_dir: &std::path::Path,
        blobs: Box<dyn BlobStore>,
        key: &[u8; 32],
        county_code: Option<&str>,
    ) -> Result<Arc<County>, CountyError> {
        std::fs::create_dir_all(data_dir).map_err(|_| {
            CountyError::new(ErrorCode::Internal, "cannot create the data directory")
        })?;
        let sqlite = db::sqlite::Sqlite::open(&data_dir.join("county.db"), key)?;
        County::with_backend(Backend::Sqlite(Box::new(sqlite)), blobs, key, county_code)
    }

    /// Opens the store on PostgreSQL (`postgres://user:password@host:port/database`, one
    /// database per county) with photo files in `blobs`, sealed with `key`; several instances
    /// may share them (with the same key). Call outside async code.
    pub fn open_postgres(
        url: &str,
        blobs: Box<dyn BlobStore>,
        key: &[u8; 32],
        county_code: Option<&str>,
    ) -> Result<Arc<County>, CountyError> {
        let pg = db::postgres::Pg::connect(url)?;
        County::with_backend(Backend::Postgres(pg), blobs, key, county_code)
    }

    fn with_backend(
        backend: Backend,
        blobs: Box<dyn BlobStore>,
        key: &[u8; 32],
        county_code: Option<&str>,
    ) -> Result<Arc<County>, CountyError> {
        let mut county = County {
            backend,
            county_code: String::new(),
            metrics: Metrics::default(),
            blobs,
            sealer: blobs::sealer(key),
        };
        county.county_code = county.transaction(Access::Snapshot, |tx, _| {
            let code = settle_county_code(tx, county_code)?;
            if tx.setting(db::STORE_ID)?.is_none() {
                tx.put_setting(db::STORE_ID, &uuid::Uuid::new_v4().to_string())?;
            }
            Ok(code)
        })?;
        Ok(Arc::new(county))
    }

    /// The county's 6-digit code.
    pub fn county_code(&self) -> &str {
        &self.county_code
    }

    /// Runs `f` in one database transaction, committed if it returns `Ok`. Blocks: call it from
    /// the command line, tests, or a blocking thread, never from async code.
    pub fn transaction<R>(
        &self,
        access: Access,
        f: impl FnOnce(&mut dyn Tx, &str) -> Result<R, CountyError>,
    ) -> Result<R, CountyError> {
        let code = self.county_code.as_str();
        match &self.backend {
            Backend::Sqlite(db) => db.transaction(access, |tx| f(tx, code)),
            Backend::Postgres(db) => db.transaction(access, |tx| f(tx, code)),
        }
    }

    /// [`County::transaction`] on a blocking thread, for async code (requests): on the
    /// embedded engine its SQL is stopped after [`db::REQUEST_TIME_LIMIT`]; on PostgreSQL each
    /// statement after [`db::STATEMENT_TIMEOUT`].
    pub async fn run<R: Send + 'static>(
        self: &Arc<Self>,
        access: Access,
        f: impl FnOnce(&mut dyn Tx, &str) -> Result<R, CountyError> + Send + 'static,
    ) -> Result<R, CountyError> {
        let county = self.clone();
        tokio::task::spawn_blocking(move || {
            let code = county.county_code.as_str();
            match &county.backend {
                Backend::Sqlite(db) => {
                    db.transaction_within(access, Some(db::REQUEST_TIME_LIMIT), |tx| f(tx, code))
                }
                Backend::Postgres(db) => db.transaction(access, |tx| f(tx, code)),
            }
        })
        .await
        .map_err(|_| CountyError::new(ErrorCode::Internal, "worker thread failed"))?
    }

    /// Where photo files are kept.
    pub fn blob_store(&self) -> &dyn BlobStore {
        self.blobs.as_ref()
    }

    /// The sealer of photo files.
    pub fn sealer(&self) -> &Sealer {
        &self.sealer
    }

    /// Whether the database answers; never waits for a write in progress.
    pub fn ping(&self) -> Result<(), CountyError> {
        match &self.backend {
            Backend::Sqlite(db) => db.ping(),
            Backend::Postgres(db) => db.ping(),
        }
    }
}
