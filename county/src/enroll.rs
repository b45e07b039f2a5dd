//! Enrollment: one-time codes for named workers, redeemed once by a phone for a device token
//! (kept only as its SHA-256), an automerge actor and a scope; revocation; authentication.

use chrono::{Duration, Utc};
use ruhu_proto::v1::{self, ErrorCode, Role};
use sha2::{Digest, Sha256};

use crate::db::{NewCode, NewDevice, Tx};
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
    /// Whether a document at this village and grid lies in the device's scope (the domain's
    /// [`ruhu_domain::scope`] rule).
    pub fn covers(&self, village_code: &str, grid_code: &str) -> bool {
        ruhu_domain::scope::covers(
            &self.grant.villages,
            &self.grant.grids,
            village_code,
            grid_code,
        )
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
    tx: &mut dyn Tx,
    grant: &Grant,
    valid_for: Duration,
) -> Result<String, CountyError> {
    let raw: [u8; 12] = random_bytes()?;
    let code: String = raw
        .iter()
        .map(|b| ALPHABET[(*b % 32) as usize] as char)
        .collect();
    let now = Utc::now();
    tx.insert_code(&NewCode {
        code_hash: &sha256(code.as_bytes()),
        worker_id: &grant.worker_id,
        display_name: &grant.display_name,
        role: grant.role as i32,
        villages: &json(&grant.villages),
        grids: &json(&grant.grids),
        created_at: now.timestamp(),
        expires_at: (now + valid_for).timestamp(),
    })?;
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
    tx: &mut dyn Tx,
    county_code: &str,
    req: &v1::EnrollRequest,
) -> Result<v1::EnrollResponse, CountyError> {
    let code_hash = sha256(normalize_code(&req.code).as_bytes());
    let Some(code) = tx.code(&code_hash)? else {
        return Err(CountyError::new(
            ErrorCode::EnrollmentCodeInvalid,
            "unknown enrollment code",
        ));
    };
    let used = || {
        CountyError::new(
            ErrorCode::EnrollmentCodeUsed,
            "this enrollment code was already used",
        )
    };
    if code.used_at.is_some() {
        return Err(used());
    }
    let now = Utc::now().timestamp();
    if now > code.expires_at {
        return Err(CountyError::new(
            ErrorCode::EnrollmentCodeExpired,
            "this enrollment code has expired",
        ));
    }
    // The county's own actor is never granted: its changes would pass as the console's.
    let county_actor = crate::actor::county_actor(tx)?;
    let actor = if req.actor_id.len() == 16
        && req.actor_id.as_slice() != county_actor.to_bytes()
        && !tx.actor_taken(&req.actor_id)?
    {
        req.actor_id.clone()
    } else {
        random_bytes::<16>()?.to_vec()
    };
    let token_bytes: [u8; 32] = random_bytes()?;
    let token: String = token_bytes.iter().map(|b| format!("{b:02x}")).collect();
    let device_id = uuid::Uuid::new_v4().to_string();
    let label: String = req.device_label.chars().take(80).collect();
    // Claim the code before creating the device: of two phones redeeming it at once, one wins.
    if !tx.use_code(&code_hash, now, &device_id)? {
        return Err(used());
    }
    tx.insert_device(&NewDevice {
        id: &device_id,
        token_hash: &sha256(token.as_bytes()),
        actor: &actor,
        worker_id: &code.worker_id,
        display_name: &code.display_name,
        role: code.role,
        villages: &code.villages,
        grids: &code.grids,
        label: &label,
        enrolled_at: now,
    })?;
    tracing::info!(device = %device_id, role = code.role, "device enrolled");
    Ok(v1::EnrollResponse {
        device_id,
        token,
        actor_id: actor,
        county_code: county_code.to_string(),
        scope: Some(v1::Scope {
            village_codes: list(&code.villages),
            grid_codes: list(&code.grids),
        }),
        worker_id: code.worker_id,
        display_name: code.display_name,
        role: code.role,
    })
}

/// The device holding `token`; revoked devices are refused and told to wipe.
pub fn authenticate(tx: &mut dyn Tx, token: &str) -> Result<Device, CountyError> {
    let Some(row) = tx.device_by_token(&sha256(token.as_bytes()))? else {
        return Err(CountyError::new(
            ErrorCode::Unauthenticated,
            "unknown device token",
        ));
    };
    if row.revoked_at.is_some() {
        return Err(CountyError::new(
            ErrorCode::DeviceRevoked,
            "this device was revoked",
        ));
    }
    Ok(Device {
        id: row.id,
        actor: row.actor,
        grant: Grant {
            worker_id: row.worker_id,
            display_name: row.display_name,
            role: Role::try_from(row.role).unwrap_or(Role::Unspecified),
            villages: list(&row.villages),
            grids: list(&row.grids),
        },
    })
}

/// Revokes a device: its next request is refused and told to wipe.
pub fn revoke(tx: &mut dyn Tx, device_id: &str) -> Result<bool, CountyError> {
    let done = tx.revoke_device(device_id, Utc::now().timestamp())?;
    if done {
        tracing::info!(device = %device_id, "device revoked");
    }
    Ok(done)
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
