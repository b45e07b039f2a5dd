//! The county's database, behind one interface with two engines: the embedded default (one
//! SQLite file, SQLCipher-keyed) and PostgreSQL for production, where several instances share
//! one database. Everything the server does goes through a [`Tx`]: one transaction, committed
//! when the work returns `Ok`, rolled back otherwise, so nothing is ever half-written.

mod case_tx;
pub mod console;
mod enroll_tx;
pub mod filters;
mod grid_tx;
mod photo_tx;
pub mod postgres;
pub mod sqlite;
#[cfg(test)]
pub(crate) mod suite;

use std::collections::HashMap;

use crate::error::CountyError;
pub use case_tx::CaseTx;
pub(crate) use enroll_tx::DeviceKey;
pub use enroll_tx::EnrollTx;
pub use grid_tx::GridTx;
pub use photo_tx::PhotoTx;
pub(crate) use photo_tx::{SCHEMA_V6_PG, SCHEMA_V6_SQLITE};

/// The one document kind every device of the county receives whatever its scope (the
/// policy); every other document reaches only the devices whose villages or grids cover it.
pub const COUNTY_WIDE: ruhu_domain::document::DocKind = ruhu_domain::document::DocKind::Policy;

/// Longest a request's transaction may spend in SQL on the embedded engine before it is
/// interrupted: that engine has one connection, so nothing else is served meanwhile.
pub const REQUEST_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Longest one statement may run on PostgreSQL (`statement_timeout` of every pooled
/// connection); a statement past it is cancelled and the request answered `UNAVAILABLE`.
pub const STATEMENT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// A result of the county store.
pub type Result<T> = std::result::Result<T, CountyError>;

/// The setting holding the store's identity, sent with every sync answer and made new by a
/// restore (phones then deliver everything again).
pub const STORE_ID: &str = "store_id";

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
    /// For open cases: the code of the nearest clock.
    pub next_clock: Option<&'a str>,
    /// For open cases: when that clock falls due, Unix ms.
    pub next_due: Option<i64>,
    /// For households: visit tasks still open (监测预警 raised them).
    pub open_tasks: i64,
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

/// A document as the county holds it, for checking what a request adds to it.
#[derive(Clone, Debug)]
pub struct StoredDoc {
    /// Its index row.
    pub indexed: Indexed,
    /// Whether the photo index lists photos of it.
    pub has_photos: bool,
    /// Its changes in feed order.
    pub changes: Vec<Vec<u8>>,
    /// Feed sequence of its last change.
    pub last_seq: i64,
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

/// A photo a document lists, as the county indexes it.
#[derive(Clone, Debug, PartialEq)]
pub struct PhotoRow {
    /// Photo id within its document.
    pub photo_id: String,
    /// The household the photo is evidence about (the household itself, or the case's).
    pub household_id: String,
    /// Stored image hash.
    pub sha256: String,
    /// Thumbnail hash.
    pub thumb_sha256: String,
    /// What it shows (domain code).
    pub kind: String,
    /// Capture time, Unix ms.
    pub taken_at: i64,
    /// When it was attached on the phone, Unix ms.
    pub attached_at: Option<i64>,
    /// Review (`pending`, `approved`, `retake_needed`).
    pub review: String,
}

/// A document listing a photo file, with where it lies (for scope checks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoRef {
    /// The document.
    pub doc_id: String,
    /// Its household.
    pub household_id: String,
    /// Village of the document.
    pub village_code: String,
    /// Grid of the document.
    pub grid_code: String,
    /// Listed as the full image (not the thumbnail).
    pub image: bool,
}

/// An upload in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadRow {
    /// Declared size of the whole file.
    pub size: i64,
    /// Bytes received, from the start.
    pub received: i64,
}

/// Something a supervisor should look at about a photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagRow {
    /// The photo file flagged.
    pub sha256: String,
    /// `reuse` (nearly the same picture as one of another household) or `time` (capture time
    /// far from when it was attached at the visit).
    pub kind: String,
    /// The other photo, for `reuse`.
    pub other_sha256: String,
    /// Details for the reviewer (distance, hours), never personal data.
    pub detail: String,
}

/// A case's nearest clock, as the index holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockRow {
    /// Case document id.
    pub id: String,
    /// Village code.
    pub village_code: String,
    /// Grid code.
    pub grid_code: String,
    /// Replayed status code.
    pub status: String,
    /// Clock code.
    pub clock: String,
    /// Due, Unix ms.
    pub due: i64,
}

/// Something a supervisor must settle about a household's cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseFlag {
    /// The household.
    pub household_id: String,
    /// `ceiling` (payments of a year past the household's yearly ceiling).
    pub kind: String,
    /// The span it concerns (the year, for `ceiling`).
    pub period: String,
    /// Details for the supervisor (amounts), never personal data.
    pub detail: String,
}

/// One transaction on the county database. Methods do what their names say; none commits.
pub trait Tx:
    console::ConsoleTx + case_tx::CaseTx + enroll_tx::EnrollTx + grid_tx::GridTx + photo_tx::PhotoTx
{
    /// A setting.
    fn setting(&mut self, key: &str) -> Result<Option<String>>;
    /// Sets a setting.
    fn put_setting(&mut self, key: &str, value: &str) -> Result<()>;

    /// The stored changes of a document, in feed order.
    fn doc_changes(&mut self, doc_id: &str) -> Result<Vec<Vec<u8>>>;
    /// The highest feed sequence (0 when empty).
    fn max_seq(&mut self) -> Result<i64>;
    /// What the county holds of these documents (absent ones are left out): index row, whether
    /// it lists photos, and the change log.
    fn stored_docs(&mut self, ids: &[&str]) -> Result<HashMap<String, StoredDoc>>;
    /// Takes the right to append to the change log for the rest of the transaction, so that
    /// feed order is commit order (PostgreSQL: the county's advisory lock; SQLite writes one
    /// transaction at a time anyway). Idempotent.
    fn lock_appends(&mut self) -> Result<()>;
    /// The feed sequence of each document's last change (documents without changes left out).
    fn last_seqs(&mut self, ids: &[&str]) -> Result<HashMap<String, i64>>;
    /// Appends changes in order, skipping hashes already stored; returns how many were new and
    /// the highest sequence given to one of them (0 if none). Call after [`Tx::lock_appends`].
    fn append_changes(&mut self, changes: &[NewChange<'_>]) -> Result<(usize, i64)>;
    /// Inserts or updates index rows.
    fn upsert_documents(&mut self, docs: &[DocumentRow<'_>]) -> Result<()>;
    /// How many documents of a kind the county holds.
    fn count_documents(&mut self, kind: &str) -> Result<i64>;
    /// How many changes the log holds.
    fn count_changes(&mut self) -> Result<i64>;
    /// Up to `limit` changes after `after` in the scope of villages (prefixes) and grids, or
    /// of the [`COUNTY_WIDE`] kind, not sent by `device_id`, in feed order.
    fn feed(
        &mut self,
        after: i64,
        device_id: &str,
        villages: &[String],
        grids: &[String],
        limit: i64,
    ) -> Result<Vec<FeedRow>>;
    /// The device that sent each of these stored changes (`None`: the county's own), by hash.
    fn change_senders(&mut self, hashes: &[Vec<u8>]) -> Result<HashMap<Vec<u8>, Option<String>>>;
    /// Removes these changes from the log: a colleague's sequence number squatted by another
    /// device, and what was built on it, once the rightful device sends its own change.
    fn remove_changes(&mut self, hashes: &[Vec<u8>]) -> Result<()>;
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
