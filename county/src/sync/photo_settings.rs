//! The county's photo settings (long edge, quality, thumbnail), sent to phones with every sync
//! response so that they shrink photos the county's way.

use ruhu_domain::imaging;
use ruhu_proto::v1::{self, ErrorCode};

use crate::db::Tx;
use crate::error::CountyError;

/// The county's photo settings (its own, or the defaults).
pub fn photo_settings(tx: &mut dyn Tx) -> Result<v1::PhotoSettings, CountyError> {
    let s = tx
        .setting("photo_settings")?
        .and_then(|json| serde_json::from_str::<(u32, u8, u32, u8)>(&json).ok())
        .map(
            |(long_edge, quality, thumb_edge, thumb_quality)| imaging::PhotoSettings {
                long_edge,
                quality,
                thumb_edge,
                thumb_quality,
            },
        )
        .filter(|s| s.problem().is_none())
        .unwrap_or_default();
    Ok(v1::PhotoSettings {
        long_edge: s.long_edge,
        quality: s.quality as u32,
        thumb_edge: s.thumb_edge,
        thumb_quality: s.thumb_quality as u32,
    })
}

/// Sets the county's photo settings after checking them.
pub fn set_photo_settings(tx: &mut dyn Tx, s: &imaging::PhotoSettings) -> Result<(), CountyError> {
    if let Some(why) = s.problem() {
        return Err(CountyError::new(ErrorCode::Malformed, why));
    }
    tx.put_setting(
        "photo_settings",
        &serde_json::to_string(&(s.long_edge, s.quality, s.thumb_edge, s.thumb_quality))
            .unwrap_or_default(),
    )
}
