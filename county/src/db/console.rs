//! What the console keeps: accounts of supervisors and officers, their sessions, failed
//! logins (for throttling, shared by every instance), and the audit log of who looked at and
//! changed what.

use super::Result;

/// A console account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountRow {
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// `county_admin`, `supervisor` or `township_officer`.
    pub role: String,
    /// Village code prefixes it covers (the county code for the whole county).
    pub scope: Vec<String>,
    /// Argon2id hash in PHC format.
    pub password_hash: String,
    /// Unix seconds, when disabled.
    pub disabled_at: Option<i64>,
}

/// A signed-in session (the token itself only as its hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRow {
    /// The account.
    pub username: String,
    /// The session's CSRF token, sent back with every form.
    pub csrf: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// One entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    /// Unix milliseconds.
    pub at: i64,
    /// Who.
    pub username: String,
    /// What (`login`, `view_case`, `review_photo`, …).
    pub action: String,
    /// On what (a document, device or photo id; never a name or ID number).
    pub target: String,
}

/// One case in the console's queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseListRow {
    /// Case document id.
    pub id: String,
    /// Its household.
    pub household_id: String,
    /// Village code.
    pub village_code: String,
    /// Grid code.
    pub grid_code: String,
    /// Replayed status code.
    pub status: String,
    /// Nearest clock, while open.
    pub clock: Option<String>,
    /// When it falls due, Unix ms.
    pub due: Option<i64>,
}

/// Which cases the queue shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseQuery {
    /// Village code prefixes the account covers.
    pub scope: Vec<String>,
    /// Only this status.
    pub status: Option<String>,
    /// Only this village (or township) prefix, within the scope.
    pub village: Option<String>,
    /// Only cases whose clock fell due before this instant (Unix ms).
    pub due_before: Option<i64>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// Cases of one status in a scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusCount {
    /// Status code.
    pub status: String,
    /// How many.
    pub count: i64,
    /// How many of them are overdue.
    pub overdue: i64,
}

/// Warnings of one township: households with open visit tasks, and overdue cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TownshipWarnings {
    /// Township code (9 digits).
    pub township: String,
    /// Households with at least one open visit task.
    pub households: i64,
    /// Open visit tasks.
    pub tasks: i64,
    /// Open cases whose clock has passed.
    pub overdue_cases: i64,
}

/// A photo waiting for review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingPhoto {
    /// The document listing it.
    pub doc_id: String,
    /// `household` or `case`.
    pub doc_kind: String,
    /// Photo id in the document.
    pub photo_id: String,
    /// The household.
    pub household_id: String,
    /// Village of the document.
    pub village_code: String,
    /// Image hash.
    pub sha256: String,
    /// Thumbnail hash.
    pub thumb_sha256: String,
    /// What it shows (domain code).
    pub kind: String,
    /// Capture time, Unix ms.
    pub taken_at: i64,
    /// Attached at the visit, Unix ms.
    pub attached_at: Option<i64>,
    /// Whether the county holds the image whole (false while it is still uploading).
    pub arrived: bool,
}

/// The console's part of a county transaction.
pub trait ConsoleTx {
    /// Creates an account; false when the username is taken.
    fn insert_account(&mut self, account: &AccountRow, now: i64) -> Result<bool>;
    /// An account by username.
    fn account(&mut self, username: &str) -> Result<Option<AccountRow>>;
    /// Every account, by username.
    fn accounts(&mut self) -> Result<Vec<AccountRow>>;
    /// Replaces an account's password hash.
    fn set_password(&mut self, username: &str, hash: &str) -> Result<bool>;
    /// Stores a session.
    fn insert_session(&mut self, token_hash: &[u8], session: &SessionRow) -> Result<()>;
    /// A session by its token's hash.
    fn session(&mut self, token_hash: &[u8]) -> Result<Option<SessionRow>>;
    /// Ends a session.
    fn delete_session(&mut self, token_hash: &[u8]) -> Result<()>;
    /// Serializes login attempts until the transaction ends, so that counting an attempt and
    /// checking the throttle are one step even across instances.
    fn lock_logins(&mut self) -> Result<()>;
    /// Records a login attempt for `key` (an account, an address, or both).
    fn add_login_failure(&mut self, key: &str, at: i64) -> Result<()>;
    /// Failed logins for `key` since `since`.
    fn login_failures(&mut self, key: &str, since: i64) -> Result<i64>;
    /// Forgets `key`'s failed logins (after a successful one).
    fn clear_login_failures(&mut self, key: &str) -> Result<()>;
    /// Appends to the audit log.
    fn audit(&mut self, row: &AuditRow) -> Result<()>;
    /// The latest audit entries, newest first.
    fn audit_log(&mut self, limit: i64) -> Result<Vec<AuditRow>>;
    /// Cases by status in a scope, with how many are overdue at `now` (Unix ms).
    fn case_counts(&mut self, scope: &[String], now: i64) -> Result<Vec<StatusCount>>;
    /// The case queue: nearest clock first, then cases without a clock.
    fn case_list(&mut self, q: &CaseQuery) -> Result<Vec<CaseListRow>>;
    /// Warnings per township in a scope, the most overdue cases first.
    fn township_warnings(&mut self, scope: &[String], now: i64) -> Result<Vec<TownshipWarnings>>;
    /// Photos waiting for review in a scope, oldest attached first.
    fn pending_photos(&mut self, scope: &[String], limit: i64) -> Result<Vec<PendingPhoto>>;
}
