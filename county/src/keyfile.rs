//! The county database key: 32 random bytes in a file readable only by the service user,
//! created on first use. Production keeps it on a separate secret volume (`--key-file`).

use ruhu_proto::v1::ErrorCode;
use std::io::Write;
use std::path::Path;

use crate::error::CountyError;

/// Reads the key at `path`, creating it (mode 0600) when absent.
pub fn load_or_create(path: &Path) -> Result<[u8; 32], CountyError> {
    if let Ok(bytes) = std::fs::read(path) {
        return bytes.try_into().map_err(|_| {
            CountyError::new(
                ErrorCode::Internal,
                "the key file must hold exactly 32 bytes",
            )
        });
    }
    let mut key = [0u8; 32];
    getrandom::fill(&mut key)
        .map_err(|_| CountyError::new(ErrorCode::Internal, "no randomness available"))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|_| CountyError::new(ErrorCode::Internal, "cannot create the key file"))?;
    file.write_all(&key)
        .and_then(|_| file.sync_all())
        .map_err(|_| CountyError::new(ErrorCode::Internal, "cannot write the key file"))?;
    Ok(key)
}
