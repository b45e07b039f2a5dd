//! Photo evidence metadata. The bytes are blobs named by their SHA-256, never in documents.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::geo::GeoPoint;

/// What a photo shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoKind {
    /// 住房
    House,
    /// 家庭成员
    People,
    /// 受灾/损失情况
    Damage,
    /// 身份证
    IdCard,
    /// 医疗票据
    MedicalBill,
    /// 签字的家庭经济状况核对授权书
    Authorization,
    /// 签字
    Signature,
    /// 张贴的公示
    PublicNotice,
}

/// A supervisor's decision on a photo.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// 待审核
    #[default]
    Pending,
    /// 已通过
    Approved,
    /// 需重拍
    RetakeNeeded,
}

/// One photo attached to a household or a case. Fields after `location` came with the photo
/// pipeline; documents written before it read them as their defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoMeta {
    /// What it shows.
    pub kind: PhotoKind,
    /// SHA-256 of the stored image, lowercase hex.
    pub sha256: String,
    /// Caption typed by the worker.
    pub caption: String,
    /// Capture time: the camera's, or when the phone received the photo if the camera
    /// recorded none (see `time_from_camera`).
    pub taken_at: DateTime<Utc>,
    /// Worker who took it.
    pub taken_by: String,
    /// Where it was taken.
    pub location: Option<GeoPoint>,
    /// Whether `taken_at` comes from the camera's own record.
    #[serde(default)]
    pub time_from_camera: bool,
    /// SHA-256 of the thumbnail, lowercase hex.
    #[serde(default)]
    pub thumb_sha256: String,
    /// Stored image width, pixels.
    #[serde(default)]
    pub width: u32,
    /// Stored image height, pixels.
    #[serde(default)]
    pub height: u32,
    /// Stored image size, bytes.
    #[serde(default)]
    pub bytes: u64,
    /// Thumbnail size, bytes.
    #[serde(default)]
    pub thumb_bytes: u64,
    /// When it was attached.
    #[serde(default)]
    pub attached_at: Option<DateTime<Utc>>,
    /// Device that attached it.
    #[serde(default)]
    pub device: String,
    /// Supervisor review.
    #[serde(default)]
    pub review: ReviewStatus,
    /// Reason given with a retake request.
    #[serde(default)]
    pub review_reason: String,
    /// Who reviewed it.
    #[serde(default)]
    pub reviewed_by: String,
    /// When.
    #[serde(default)]
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The photo (its id in the same record's evidence) this one was taken to replace, when a
    /// supervisor asked for a retake; empty otherwise. The worker never edits the old photo's
    /// review: the retake is owed no more once a photo names it here.
    #[serde(default)]
    pub retake_of: String,
}

impl PhotoMeta {
    /// Records a supervisor's decision. A retake needs a reason the worker can act on.
    pub fn review(
        &mut self,
        decision: ReviewStatus,
        reason: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), &'static str> {
        let reason = reason.trim();
        if decision == ReviewStatus::RetakeNeeded && reason.chars().count() < 2 {
            return Err("要求重拍时须写明原因");
        }
        if reason.chars().count() > 200 {
            return Err("原因不超过200字");
        }
        self.review = decision;
        self.review_reason = if decision == ReviewStatus::Approved {
            String::new()
        } else {
            reason.to_string()
        };
        self.reviewed_by = by.to_string();
        self.reviewed_at = Some(at);
        Ok(())
    }
}
