//! Files sealed at rest: AES-256-GCM under a key derived for the purpose, the file's name
//! bound in as associated data (a file swapped under another name does not open), and the
//! content checked against its SHA-256 name after opening. Used for photo files on the phone
//! and in the county's blob storage.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use sha2::{Digest, Sha256};

/// Why a sealed file did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// Not sealed by this key for this name, or altered.
    #[error("the file is damaged, altered or sealed with another key")]
    Damaged,
    /// No randomness for a nonce.
    #[error("no randomness available")]
    NoRandomness,
}

/// A key for sealing files of one kind.
pub struct Sealer {
    cipher: Aes256Gcm,
    magic: [u8; 8],
}

impl Sealer {
    /// A sealer keyed from `secret` for `purpose` (distinct purposes give unrelated keys);
    /// `magic` starts every sealed file.
    pub fn new(secret: &[u8], purpose: &str, magic: [u8; 8]) -> Sealer {
        let mut h = Sha256::new();
        h.update(purpose.as_bytes());
        h.update([0]);
        h.update(secret);
        let key = h.finalize();
        Sealer {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key)),
            magic,
        }
    }

    /// Seals `plain` to be stored under `name`.
    pub fn seal(&self, name: &str, plain: &[u8]) -> Result<Vec<u8>, SealError> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|_| SealError::NoRandomness)?;
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: name.as_bytes(),
                },
            )
            .map_err(|_| SealError::Damaged)?;
        let mut out = Vec::with_capacity(8 + 12 + sealed.len());
        out.extend_from_slice(&self.magic);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Opens what was sealed under `name`; when `name` is a SHA-256 (64 hex digits) the
    /// content must hash to it.
    pub fn open(&self, name: &str, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        if sealed.len() < 8 + 12 + 16 || sealed[..8] != self.magic {
            return Err(SealError::Damaged);
        }
        let plain = self
            .cipher
            .decrypt(
                Nonce::from_slice(&sealed[8..20]),
                Payload {
                    msg: &sealed[20..],
                    aad: name.as_bytes(),
                },
            )
            .map_err(|_| SealError::Damaged)?;
        if name.len() == 64 && crate::imaging::sha256_hex(&plain) != name {
            return Err(SealError::Damaged);
        }
        Ok(plain)
    }
}
