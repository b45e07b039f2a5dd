//! Enrollment: one-time codes for named workers, redeemed once by a phone for a device token
//! (kept only as its SHA-256), an automerge actor and a scope; revocation; authentication.

use chrono::{Duration, Utc};
use ruhu_proto::v1::{self, ErrorCode, Role};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::error::CountyError;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Who a code is for and what the device may reach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The worker's id at the county.
    pub worker_id: String,
    /// Name shown on the device and in the device list.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Village codes, or prefixes of them (a township's 9 digits, the county's 6).
    pub villages: Vec<String>,
    /// Grid codes.
    pub grids: Vec<String>,
}

/// An enrolled device, as requests see it.
#[derive(Clone, Debug)]
pub struct Device {
    /// Device id.
    pub id: String,
    /// Its automerge actor.
    pub actor: Vec<u8>,
    /// What it may reach.
    pub grant: Grant,
}

impl Device {
    /// Whether a document at this village and grid lies in the device's scope.
    pub fn covers(&self, village_code: &str, grid_code: &str) -> bool {
        self.grant
            .villages
            .iter()
            .any(|p| !p.is_empty() && village_code.starts_with(p.as_str()))
            || self.grant.grids.iter().any(|g| g == grid_code)
    }
}

fn random_bytes<const N: usize>() -> Result<[u8; N], CountyError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b)
        .map_err(|_| CountyError::new(ErrorCode::Internal, "no randomness available"))?;
    Ok(b)
}

fn sha256(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

/// The code as typed: uppercase, no separators, easily confused letters folded.
pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

fn list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Issues a one-time code valid for `valid_for`. Returns the code as printed (XXXX-XXXX-XXXX).
pub fn issue_code(
    conn: &Connection,
    grant: &Grant,
    valid_for: Duration,
) -> Result<String, CountyError> {
    let raw: [u8; 12] = random_bytes()?;
    let code: String = raw
        .iter()
        .map(|b| ALPHABET[(*b % 32) as usize] as char)
        .collect();
    let now = Utc::now();
    conn.execute(
        "INSERT INTO enrollment_codes(code_hash, worker_id, display_name, role, villages, grids, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            sha256(code.as_bytes()),
            grant.worker_id,
            grant.display_name,
            grant.role as i32,
            json(&grant.villages),
            json(&grant.grids),
            now.timestamp(),
            (now + valid_for).timestamp(),
        ],
    )?;
    Ok(format!("{}-{}-{}", &code[..4], &code[4..8], &code[8..]))
}

/// The QR payload a phone scans: the server's address and the code.
pub fn qr_payload(server_url: &str, code: &str) -> String {
    let server: String = server_url
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect();
    format!(
        "ruhu://enroll?v=1&server={server}&code={}",
        normalize_code(code)
    )
}

/// Redeems a code once: creates the device and returns what the phone needs.
pub fn redeem(
    conn: &mut Connection,
    county_code: &str,
    req: &v1::EnrollRequest,
) -> Result<v1::EnrollResponse, CountyError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let code_hash = sha256(normalize_code(&req.code).as_bytes());
    let row = tx
        .query_row(
            "SELECT worker_id, display_name, role, villages, grids, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?1",
            [&code_hash],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i32>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((worker_id, display_name, role, villages, grids, expires_at, used_at)) = row else {
        return Err(CountyError::new(
            ErrorCode::EnrollmentCodeInvalid,
            "unknown enrollment code",
        ));
    };
    if used_at.is_some() {
        return Err(CountyError::new(
            ErrorCode::EnrollmentCodeUsed,
            "this enrollment code was already used",
        ));
    }
    let now = Utc::now().timestamp();
    if now > expires_at {
        return Err(CountyError::new(
            ErrorCode::EnrollmentCodeExpired,
            "this enrollment code has expired",
        ));
    }
    let proposed_free = req.actor_id.len() == 16
        && tx
            .query_row(
                "SELECT 1 FROM devices WHERE actor = ?1",
                [&req.actor_id],
                |_| Ok(()),
            )
            .optional()?
            .is_none();
    let actor = if proposed_free {
        req.actor_id.clone()
    } else {
        random_bytes::<16>()?.to_vec()
    };
    let token_bytes: [u8; 32] = random_bytes()?;
    let token: String = token_bytes.iter().map(|b| format!("{b:02x}")).collect();
    let device_id = uuid::Uuid::new_v4().to_string();
    let label: String = req.device_label.chars().take(80).collect();
    tx.execute(
        "INSERT INTO devices(id, token_hash, actor, worker_id, display_name, role, villages, grids, label, enrolled_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![device_id, sha256(token.as_bytes()), actor, worker_id, display_name, role, villages, grids, label, now],
    )?;
    tx.execute(
        "UPDATE enrollment_codes SET used_at = ?2, device_id = ?3 WHERE code_hash = ?1",
        params![code_hash, now, device_id],
    )?;
    tx.commit()?;
    tracing::info!(device = %device_id, role, "device enrolled");
    Ok(v1::EnrollResponse {
        device_id,
        token,
        actor_id: actor,
        county_code: county_code.to_string(),
        worker_id,
        display_name,
        scope: Some(v1::Scope {
            village_codes: list(&villages),
            grid_codes: list(&grids),
        }),
        role,
    })
}

/// The device holding `token`; revoked devices are refused and told to wipe.
pub fn authenticate(conn: &Connection, token: &str) -> Result<Device, CountyError> {
    let row = conn
        .query_row(
            "SELECT id, actor, worker_id, display_name, role, villages, grids, revoked_at FROM devices WHERE token_hash = ?1",
            [sha256(token.as_bytes())],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i32>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<i64>>(7)?,
                ))
            },
        )
        .optional()?;
    let Some((id, actor, worker_id, display_name, role, villages, grids, revoked)) = row else {
        return Err(CountyError::new(
            ErrorCode::Unauthenticated,
            "unknown device token",
        ));
    };
    if revoked.is_some() {
        return Err(CountyError::new(
            ErrorCode::DeviceRevoked,
            "this device was revoked",
        ));
    }
    Ok(Device {
        id,
        actor,
        grant: Grant {
            worker_id,
            display_name,
            role: Role::try_from(role).unwrap_or(Role::Unspecified),
            villages: list(&villages),
            grids: list(&grids),
        },
    })
}

/// Revokes a device: its next request is refused and told to wipe.
pub fn revoke(conn: &Connection, device_id: &str) -> Result<bool, CountyError> {
    let n = conn.execute(
        "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        params![device_id, Utc::now().timestamp()],
    )?;
    if n > 0 {
        tracing::info!(device = %device_id, "device revoked");
    }
    Ok(n > 0)
}

/// Whether `actor` belongs to an enrolled, unrevoked device of this county.
pub fn actor_is_enrolled(conn: &Connection, actor: &[u8]) -> Result<bool, CountyError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM devices WHERE actor = ?1 AND revoked_at IS NULL",
            [actor],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_forgivingly_and_the_qr_payload_escapes_the_address() {
        assert_eq!(normalize_code(" azhx-tga6 y8v5 "), "AZHXTGA6Y8V5");
        assert_eq!(normalize_code("O1L-I"), "0111");
        assert_eq!(
            qr_payload("https://ruhu.example.cn:8443", "AZHX-TGA6-Y8V5"),
            "ruhu://enroll?v=1&server=https%3A%2F%2Fruhu.example.cn%3A8443&code=AZHXTGA6Y8V5"
        );
    }

    #[test]
    fn a_village_prefix_covers_its_villages_and_a_grid_only_itself() {
        let device = Device {
            id: "d".into(),
            actor: vec![],
            grant: Grant {
                worker_id: "w".into(),
                display_name: "n".into(),
                role: Role::TownshipOfficer,
                villages: vec!["370599101".into()],
                grids: vec!["G09-1".into()],
            },
        };
        assert!(device.covers("370599101201", "G01-1"));
        assert!(!device.covers("370599102201", "G01-1"));
        assert!(device.covers("370599102201", "G09-1"));
    }
}
