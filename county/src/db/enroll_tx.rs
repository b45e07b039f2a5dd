//! Enrollment codes and devices.

use super::*;

/// Which unique column of a device a lookup goes by.
#[derive(Clone, Copy, Debug)]
pub(crate) enum DeviceKey {
    /// SHA-256 of the bearer token.
    Token,
    /// The automerge actor.
    Actor,
}

/// Enrollment codes and devices: part of a county transaction.
pub trait EnrollTx {
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
    /// The device (revoked or not) granted this actor.
    fn device_by_actor(&mut self, actor: &[u8]) -> Result<Option<DeviceRow>>;
    /// Every device, newest first.
    fn devices(&mut self) -> Result<Vec<DeviceSummary>>;
    /// Revokes a device; false if unknown or already revoked.
    fn revoke_device(&mut self, id: &str, now: i64) -> Result<bool>;
    /// Records a successful sync.
    fn touch_device(&mut self, id: &str, now: i64) -> Result<()>;
}
