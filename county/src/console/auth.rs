//! Console accounts and sessions: argon2id password hashes, a random session token in an
//! HttpOnly SameSite=Strict cookie (only its SHA-256 is stored), a CSRF token per session for
//! every form, logins throttled per account and client address (shared by every instance
//! through the database, counted before the password is checked), and an audit entry for each
//! sign-in and each failure.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};

use crate::db::Tx;
use crate::db::console::{AccountRow, AuditRow, SessionRow};
use crate::error::CountyError;
use ruhu_domain::scope::Scope;
use ruhu_proto::v1::ErrorCode;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "ruhu_session";
/// How long a session lasts, in seconds (a working day).
pub const SESSION_SECONDS: i64 = 9 * 3600;
/// Failed logins allowed per account from one client address within [`FAILURE_WINDOW`]
/// seconds: someone who knows a username locks it only for their own address.
pub const MAX_FAILURES: i64 = 5;
/// Failed logins allowed from one client address, whatever the accounts, per window.
pub const MAX_ADDRESS_FAILURES: i64 = 20;
/// Failed logins allowed per account from all addresses together, per window (a guess spread
/// over many addresses).
pub const MAX_ACCOUNT_FAILURES: i64 = 100;
/// The throttling window, seconds.
pub const FAILURE_WINDOW: i64 = 15 * 60;

/// What a console account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// 县级管理员: everything, including devices, accounts and the policy.
    CountyAdmin,
    /// 县级审核员: reviews photos, decides cases, publishes 公示.
    Supervisor,
    /// 乡镇经办人: sees and works the cases of its township.
    TownshipOfficer,
}

impl Role {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            Role::CountyAdmin => "county_admin",
            Role::Supervisor => "supervisor",
            Role::TownshipOfficer => "township_officer",
        }
    }

    /// The role for a stored or typed code.
    pub fn parse(code: &str) -> Option<Role> {
        match code.replace('-', "_").as_str() {
            "county_admin" => Some(Role::CountyAdmin),
            "supervisor" => Some(Role::Supervisor),
            "township_officer" => Some(Role::TownshipOfficer),
            _ => None,
        }
    }

    /// The name shown.
    pub fn label(self) -> &'static str {
        match self {
            Role::CountyAdmin => "县级管理员",
            Role::Supervisor => "县级审核员",
            Role::TownshipOfficer => "乡镇经办人",
        }
    }

    /// The case role an account of this role acts as on a case (the county's administrators
    /// and supervisors decide as supervisors).
    pub fn acts_as(self) -> ruhu_domain::case::Role {
        match self {
            Role::TownshipOfficer => ruhu_domain::case::Role::TownshipOfficer,
            Role::CountyAdmin | Role::Supervisor => ruhu_domain::case::Role::Supervisor,
        }
    }

    /// Whether this role decides cases and reviews photos.
    pub fn reviews(self) -> bool {
        matches!(self, Role::CountyAdmin | Role::Supervisor)
    }
}

/// A signed-in person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Village code prefixes covered (the county code: all of it).
    pub scope: Vec<String>,
}

impl Account {
    fn from_row(row: &AccountRow) -> Option<Account> {
        Some(Account {
            username: row.username.clone(),
            display_name: row.display_name.clone(),
            role: Role::parse(&row.role)?,
            scope: row.scope.clone(),
        })
    }

    /// Whether the account may see a document placed in `village_code` and `grid_code`: the
    /// domain's [`Scope`] rule on the account's entries (digits: a village-code prefix, county 6,
    /// township 9, village 12; any other entry a grid code). County-wide documents, with no
    /// village, are the county's: admins and supervisors.
    pub fn covers(&self, village_code: &str, grid_code: &str) -> bool {
        if village_code.is_empty() {
            return self.role.reviews();
        }
        Scope::from_entries(&self.scope).covers(village_code, grid_code)
    }
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, CountyError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|_| CountyError::new(ErrorCode::Internal, "no randomness for a salt"))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|_| CountyError::new(ErrorCode::Internal, "salt encoding"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| CountyError::new(ErrorCode::Internal, "password hashing failed"))
}

/// Whether `password` matches a stored hash.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checks a new password is acceptable; the reason in Chinese otherwise.
pub fn password_problem(password: &str) -> Option<&'static str> {
    if password.chars().count() < 10 {
        Some("密码至少 10 位")
    } else if password.chars().count() > 128 {
        Some("密码过长")
    } else {
        None
    }
}

/// A random token, hex encoded.
pub fn random_token(bytes: usize) -> Result<String, CountyError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf)
        .map_err(|_| CountyError::new(ErrorCode::Internal, "no randomness for a token"))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// The stored form of a session token.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Creates an account (the password hashed here). Refused when the username is taken, the role
/// unknown, the scope empty or the password too weak.
pub fn create_account(
    tx: &mut dyn Tx,
    username: &str,
    display_name: &str,
    role: Role,
    scope: &[String],
    password: &str,
    now: i64,
) -> Result<(), CountyError> {
    let bad = |m: &str| CountyError::new(ErrorCode::Malformed, m);
    if username.is_empty()
        || username.len() > 64
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(bad("用户名只能由字母、数字和 - _ . 组成"));
    }
    let entry_ok = |s: &String| {
        let digits = s.bytes().all(|b| b.is_ascii_digit());
        (digits && matches!(s.len(), 6 | 9 | 12))
            || (!digits
                && !s.is_empty()
                && s.len() <= 32
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    if scope.is_empty() || !scope.iter().all(entry_ok) {
        return Err(bad(
            "负责范围应为区划代码（县 6 位、乡镇 9 位、村 12 位）或网格编号",
        ));
    }
    if let Some(why) = password_problem(password) {
        return Err(bad(why));
    }
    let row = AccountRow {
        username: username.into(),
        display_name: display_name.into(),
        role: role.code().into(),
        scope: scope.to_vec(),
        password_hash: hash_password(password)?,
        disabled_at: None,
    };
    if !tx.insert_account(&row, now)? {
        return Err(bad("用户名已存在"));
    }
    Ok(())
}

/// How a login attempt ended.
pub enum Login {
    /// Signed in: the session token for the cookie.
    Ok {
        /// The token (the cookie's value).
        token: String,
        /// The account.
        account: Account,
    },
    /// Wrong username or password (never says which).
    Wrong,
    /// Too many failures lately: wait.
    Throttled,
}

/// The keys a login attempt is counted under: the account, the client address, and the two
/// together. Usernames are letters, digits and `-_.` only, so the keys cannot collide.
fn attempt_keys(username: &str, client: &str) -> [(String, i64); 3] {
    [
        (format!("{client}|{username}"), MAX_FAILURES),
        (format!("addr:{client}"), MAX_ADDRESS_FAILURES),
        (username.to_string(), MAX_ACCOUNT_FAILURES),
    ]
}

/// What a login needs from the database before the (slow) password check.
pub struct LoginCheck {
    account: Option<AccountRow>,
    throttled: bool,
}

/// First step of a login, in a transaction: checks the throttles (per account and address,
/// per address, per account) and, unless one is full, counts the attempt as a failure before
/// any password is checked; a success takes it back. Attempts are serialized, so parallel
/// attempts cannot all slip under a limit.
pub fn login_check(
    tx: &mut dyn Tx,
    username: &str,
    client: &str,
    now: i64,
) -> Result<LoginCheck, CountyError> {
    tx.lock_logins()?;
    let keys = attempt_keys(username, client);
    let mut throttled = false;
    for (key, limit) in &keys {
        throttled |= tx.login_failures(key, now - FAILURE_WINDOW)? >= *limit;
    }
    if !throttled {
        for (key, _) in &keys {
            tx.add_login_failure(key, now)?;
        }
    }
    Ok(LoginCheck {
        account: tx.account(username)?,
        throttled,
    })
}

/// A hash of no account's password, checked for unknown usernames so that they take as long
/// as known ones.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let password = random_token(16).unwrap_or_else(|_| "ruhu-dummy-password".into());
        hash_password(&password).unwrap_or_default()
    })
}

/// Whether the password matches, outside any transaction (argon2 takes a while on purpose).
/// An unknown or disabled account costs the same check against a dummy hash.
pub fn login_verify(check: &LoginCheck, password: &str) -> Option<Account> {
    if check.throttled {
        return None;
    }
    let row = check.account.as_ref().filter(|a| a.disabled_at.is_none());
    let hash: &str = match row {
        Some(r) => &r.password_hash,
        None => dummy_hash(),
    };
    let matches = verify_password(hash, password);
    let row = row?;
    matches.then(|| Account::from_row(row)).flatten()
}

/// Last step, in a transaction: audits the failure (with the client address, never the
/// password), or opens the session, takes back the counted attempt and audits it.
pub fn login_finish(
    tx: &mut dyn Tx,
    username: &str,
    client: &str,
    check: &LoginCheck,
    verified: Option<Account>,
    now: i64,
) -> Result<Login, CountyError> {
    // A typed username that is no account may be anything (a password typed in the wrong
    // field): only known accounts are named in the audit log.
    let who = check.account.as_ref().map_or("", |a| a.username.as_str());
    if check.throttled {
        audit(tx, who, "login_throttled", client, now)?;
        return Ok(Login::Throttled);
    }
    let Some(account) = verified else {
        audit(tx, who, "login_failed", client, now)?;
        return Ok(Login::Wrong);
    };
    let [both, _, alone] = attempt_keys(username, client);
    tx.clear_login_failures(&both.0)?;
    tx.clear_login_failures(&alone.0)?;
    let token = random_token(32)?;
    tx.insert_session(
        &token_hash(&token),
        &SessionRow {
            username: account.username.clone(),
            csrf: random_token(16)?,
            expires_at: now + SESSION_SECONDS,
        },
    )?;
    audit(tx, &account.username, "login", client, now)?;
    Ok(Login::Ok { token, account })
}

/// A session's account and CSRF token; `None` when unknown, expired (then removed) or the
/// account was disabled since.
pub fn session(
    tx: &mut dyn Tx,
    token: &str,
    now: i64,
) -> Result<Option<(Account, String)>, CountyError> {
    let hash = token_hash(token);
    let Some(s) = tx.session(&hash)? else {
        return Ok(None);
    };
    if s.expires_at <= now {
        tx.delete_session(&hash)?;
        return Ok(None);
    }
    let Some(row) = tx.account(&s.username)? else {
        return Ok(None);
    };
    if row.disabled_at.is_some() {
        return Ok(None);
    }
    Ok(Account::from_row(&row).map(|a| (a, s.csrf)))
}

/// Ends a session.
pub fn logout(tx: &mut dyn Tx, token: &str, username: &str, now: i64) -> Result<(), CountyError> {
    tx.delete_session(&token_hash(token))?;
    audit(tx, username, "logout", "", now)
}

/// Appends to the audit log (`target` is an id, never a name or ID number).
pub fn audit(
    tx: &mut dyn Tx,
    username: &str,
    action: &str,
    target: &str,
    now: i64,
) -> Result<(), CountyError> {
    tx.audit(&AuditRow {
        at: now * 1000,
        username: username.into(),
        action: action.into(),
        target: target.into(),
    })
}

/// The value of a cookie in a `Cookie` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// Compares two tokens in time independent of where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_and_nothing_else() {
        let h = hash_password("春天的田野2026").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "春天的田野2026"));
        assert!(!verify_password(&h, "春天的田野2025"));
        assert!(!verify_password("not a hash", "x"));
        assert_ne!(h, hash_password("春天的田野2026").unwrap(), "salted");
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let h = "a=1; ruhu_session=abc; ruhu_session_old=zzz";
        assert_eq!(cookie(h, "ruhu_session"), Some("abc"));
        assert_eq!(cookie(h, "b"), None);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abcd", "abcd"));
        assert!(!same_token("abcd", "abce"));
        assert!(!same_token("abc", "abcd"));
    }

    #[test]
    fn scope_covers_villages_by_prefix_and_county_documents_by_role() {
        let a = Account {
            username: "t".into(),
            display_name: "t".into(),
            role: Role::TownshipOfficer,
            scope: vec!["370599101".into()],
        };
        assert!(a.covers("370599101201", "G01-1"));
        assert!(!a.covers("370599102201", "G01-1"));
        assert!(!a.covers("", ""));
        let g = Account {
            scope: vec!["G07-2".into()],
            ..a
        };
        assert!(g.covers("370599102201", "G07-2"));
        assert!(!g.covers("370599102201", "G07-1"));
    }
}
