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

/// One photo attached to a household or a case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoMeta {
    /// What it shows.
    pub kind: PhotoKind,
    /// SHA-256 of the stored image, lowercase hex.
    pub sha256: String,
    /// Caption typed by the worker.
    pub caption: String,
    /// Capture time from the camera.
    pub taken_at: DateTime<Utc>,
    /// Worker who took it.
    pub taken_by: String,
    /// Where it was taken.
    pub location: Option<GeoPoint>,
    /// Supervisor review.
    #[serde(default)]
    pub review: ReviewStatus,
    /// Reason given with a retake request.
    #[serde(default)]
    pub review_reason: String,
}
