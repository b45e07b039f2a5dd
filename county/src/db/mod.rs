//! The county's database, behind one interface with two engines: the embedded default (one
//! SQLite file, SQLCipher-keyed) and PostgreSQL for production, where several instances share
//! one database. Everything the server does goes through a [`Tx`]: one transaction, committed
//! when the work returns `Ok`, rolled back otherwise, so nothing is ever half-written.

pub mod postgres;
pub mod sqlite;

use crate::error::CountyError;

/// A result of the county store.
pub type Result<T> = std::result::Result<T, CountyError>;

/// An enrollment code as stored (the code itself only as its hash).
#[derive(Clone, Debug)]
pub struct NewCode<'a> {
    /// SHA-256 of the normalized code.
    pub code_hash: &'a [u8],
    /// Worker id.
    pub worker_id: &'a str,
    /// Name shown on the device.
    pub display_name: &'a str,
    /// Role (protocol value).
    pub role: i32,
    /// Village prefixes, JSON array.
    pub villages: &'a str,
    /// Grid codes, JSON array.
    pub grids: &'a str,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub expires_at: i64,
}

/// An enrollment code read back.
#[derive(Clone, Debug)]
pub struct CodeRow {
    /// Worker id.
    pub worker_id: String,
    /// Name shown on the device.
    pub display_name: String,
    /// Role (protocol value).
    pub role: i32,
    /// Village prefixes, JSON array.
    pub villages: String,
    /// Grid codes, JSON array.
    pub grids: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// Unix seconds, once redeemed.
    pub used_at: Option<i64>,
}

/// A device being enrolled.
#[derive(Clone, Debug)]
pub struct NewDevice<'a> {
    /// Device id.
    pub id: &'a str,
    /// SHA-256 of its bearer token.
    pub token_hash: &'a [u8],
    /// Its automerge actor.
    pub actor: &'a [u8],
    /// Worker id.
    pub worker_id: &'a str,
    /// Name shown.
    pub display_name: &'a str,
    /// Role (protocol value).
    pub role: i32,
    /// Village prefixes, JSON array.
    pub villages: &'a str,
    /// Grid codes, JSON array.
    pub grids: &'a str,
    /// The phone's own label.
    pub label: &'a str,
    /// Unix seconds.
    pub enrolled_at: i64,
}

/// A device as authentication reads it.
#[derive(Clone, Debug)]
pub struct DeviceRow {
    /// Device id.
    pub id: String,
    /// Its automerge actor.
    pub actor: Vec<u8>,
    /// Worker id.
    pub worker_id: String,
    /// Name shown.
    pub display_name: String,
    /// Role (protocol value).
    pub role: i32,
    /// Village prefixes, JSON array.
    pub villages: String,
    /// Grid codes, JSON array.
    pub grids: String,
    /// Unix seconds, if revoked.
    pub revoked_at: Option<i64>,
}

/// A device as the device list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceSummary {
    /// Device id.
    pub id: String,
    /// Worker id.
    pub worker_id: String,
    /// Name shown.
    pub display_name: String,
    /// Role (protocol value).
    pub role: i32,
    /// The phone's own label.
    pub label: String,
    /// Unix seconds.
    pub enrolled_at: i64,
    /// Unix seconds, if revoked.
    pub revoked_at: Option<i64>,
    /// Unix seconds of the last successful sync.
    pub last_sync_at: Option<i64>,
}

/// One change to append to the log.
#[derive(Clone, Debug)]
pub struct NewChange<'a> {
    /// Automerge change hash (the key of the log).
    pub hash: &'a [u8],
    /// Document id.
    pub doc_id: &'a str,
    /// Author.
    pub actor: &'a [u8],
    /// The device that sent it (none for the county's own changes).
    pub device_id: Option<&'a str>,
    /// The change as automerge encodes it.
    pub bytes: &'a [u8],
    /// Unix milliseconds.
    pub received_at: i64,
}

/// A row of the materialized document index.
#[derive(Clone, Debug)]
pub struct DocumentRow<'a> {
    /// Document id.
    pub id: &'a str,
    /// `household` or `case`.
    pub kind: &'a str,
    /// County code.
    pub county_code: &'a str,
    /// Village code.
    pub village_code: &'a str,
    /// Grid code.
    pub grid_code: &'a str,
    /// For cases: the household.
    pub household_id: Option<&'a str>,
    /// For cases: the replayed status code.
    pub status: Option<&'a str>,
    /// Feed sequence of the last write.
    pub updated_seq: i64,
}

/// Where the index places a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indexed {
    /// `household` or `case`.
    pub kind: String,
    /// Village code.
    pub village_code: String,
    /// Grid code.
    pub grid_code: String,
}

/// A change of the feed.
#[derive(Clone, Debug)]
pub struct FeedRow {
    /// Feed sequence.
    pub seq: i64,
    /// Document id.
    pub doc_id: String,
    /// Document kind.
    pub kind: String,
    /// The change.
    pub bytes: Vec<u8>,
}

/// One transaction on the county database. Methods do what their names say; none commits.
pub trait Tx {
    /// A setting.
    fn setting(&mut self, key: &str) -> Result<Option<String>>;
    /// Sets a setting.
    fn put_setting(&mut self, key: &str, value: &str) -> Result<()>;

    /// Stores a new enrollment code.
    fn insert_code(&mut self, code: &NewCode<'_>) -> Result<()>;
    /// The code with this hash.
    fn code(&mut self, code_hash: &[u8]) -> Result<Option<CodeRow>>;
    /// Marks an unused code used; false if it was used meanwhile.
    fn use_code(&mut self, code_hash: &[u8], now: i64, device_id: &str) -> Result<bool>;

    /// Whether any device (revoked or not) has this actor.
    fn actor_taken(&mut self, actor: &[u8]) -> Result<bool>;
    /// Whether an unrevoked device has this actor.
    fn actor_enrolled(&mut self, actor: &[u8]) -> Result<bool>;
    /// Stores a new device.
    fn insert_device(&mut self, device: &NewDevice<'_>) -> Result<()>;
    /// The device holding the token with this hash.
    fn device_by_token(&mut self, token_hash: &[u8]) -> Result<Option<DeviceRow>>;
    /// Every device, newest first.
    fn devices(&mut self) -> Result<Vec<DeviceSummary>>;
    /// Revokes a device; false if unknown or already revoked.
    fn revoke_device(&mut self, id: &str, now: i64) -> Result<bool>;
    /// Records a successful sync.
    fn touch_device(&mut self, id: &str, now: i64) -> Result<()>;

    /// The stored changes of a document, in feed order.
    fn doc_changes(&mut self, doc_id: &str) -> Result<Vec<Vec<u8>>>;
    /// Appends a change unless its hash is already stored; true if it was new.
    fn insert_change(&mut self, change: &NewChange<'_>) -> Result<bool>;
    /// The highest feed sequence (0 when empty).
    fn max_seq(&mut self) -> Result<i64>;
    /// The index row of a document the county holds.
    fn indexed(&mut self, doc_id: &str) -> Result<Option<Indexed>>;
    /// Inserts or updates a document's index row.
    fn upsert_document(&mut self, doc: &DocumentRow<'_>) -> Result<()>;
    /// How many documents of a kind the county holds.
    fn count_documents(&mut self, kind: &str) -> Result<i64>;
    /// How many changes the log holds.
    fn count_changes(&mut self) -> Result<i64>;
    /// Up to `limit` changes after `after` in the scope of villages (prefixes) and grids, not
    /// sent by `device_id`, in feed order.
    fn feed(
        &mut self,
        after: i64,
        device_id: &str,
        villages: &[String],
        grids: &[String],
        limit: i64,
    ) -> Result<Vec<FeedRow>>;
    /// Drops a document and its changes (restore drills; the county never does this itself).
    fn forget_document(&mut self, doc_id: &str) -> Result<()>;
}

/// Whether a transaction appends to the change log (PostgreSQL then takes the county's write
/// lock first, so that feed order is commit order) or only reads the feed (one snapshot).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Appends to the change log.
    Appends,
    /// Reads one snapshot; may update bookkeeping rows (devices, codes), never the change log.
    Snapshot,
}
