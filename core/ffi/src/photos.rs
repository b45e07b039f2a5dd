//! Photos for the screens: take one (camera bytes in, stored and attached), list them, show
//! them, review them, and the retakes a worker owes.

use chrono::{DateTime, Utc};

use super::enums::{PhotoKind, ReviewStatus};
use super::error::ApiError;
use super::records::GeoPoint;
use super::store::{RuhuStore, logged};
use ruhu_domain::imaging::signature::PadPoint;
use ruhu_domain::photo as dp;
use ruhu_store::photos::PendingUpload;

/// What a photo is evidence for.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum PhotoTarget {
    /// A household (house, people, ID card, authorization).
    Household {
        /// Household id.
        household_id: String,
    },
    /// A case (damage, bills, signatures, the posted notice).
    Case {
        /// Case id.
        case_id: String,
    },
}

impl PhotoTarget {
    fn engine(&self) -> ruhu_engine::photos::PhotoTarget {
        match self {
            PhotoTarget::Household { household_id } => {
                ruhu_engine::photos::PhotoTarget::Household(household_id.clone())
            }
            PhotoTarget::Case { case_id } => {
                ruhu_engine::photos::PhotoTarget::Case(case_id.clone())
            }
        }
    }
}

impl From<&ruhu_engine::photos::PhotoTarget> for PhotoTarget {
    fn from(t: &ruhu_engine::photos::PhotoTarget) -> Self {
        match t {
            ruhu_engine::photos::PhotoTarget::Household(id) => PhotoTarget::Household {
                household_id: id.clone(),
            },
            ruhu_engine::photos::PhotoTarget::Case(id) => PhotoTarget::Case {
                case_id: id.clone(),
            },
        }
    }
}

/// One point of a signature stroke, in the signing pad's units from its top-left corner.
#[derive(Clone, Copy, Debug, PartialEq, uniffi::Record)]
pub struct PadPointInput {
    /// From the left edge.
    pub x: f32,
    /// From the top edge.
    pub y: f32,
}

/// One stroke of the pen on the signing pad: from touching down to lifting.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Stroke {
    /// The pen's path.
    pub points: Vec<PadPointInput>,
}

/// What the worker says about a photo being taken.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct PhotoInput {
    /// What it shows.
    pub kind: PhotoKind,
    /// Caption.
    pub caption: String,
    /// The phone's own fix, used when the camera recorded none.
    pub location: Option<GeoPoint>,
}

/// A photo as the screens show it.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct PhotoRecord {
    /// Photo id (unique within its document).
    pub photo_id: String,
    /// What it is evidence for.
    pub target: PhotoTarget,
    /// What it shows.
    pub kind: PhotoKind,
    /// Caption.
    pub caption: String,
    /// SHA-256 of the stored image (pass to `photo_file`).
    pub sha256: String,
    /// SHA-256 of the thumbnail.
    pub thumb_sha256: String,
    /// Stored image size, pixels.
    pub width: u32,
    /// Stored image size, pixels.
    pub height: u32,
    /// Stored image size, bytes.
    pub bytes: u64,
    /// Capture time, Unix ms.
    pub taken_at_ms: i64,
    /// Whether the time is the camera's own record.
    pub time_from_camera: bool,
    /// Where.
    pub location: Option<GeoPoint>,
    /// Worker who took it.
    pub taken_by: String,
    /// Supervisor review.
    pub review: ReviewStatus,
    /// Reason with a retake request.
    pub review_reason: String,
    /// The photo this one retook (its id), or null.
    pub retake_of: Option<String>,
    /// Whether this phone holds the image file (photos taken elsewhere arrive as metadata;
    /// their files stay at the county).
    pub on_device: bool,
    /// Whether the county has the image whole.
    pub uploaded: bool,
}

impl From<PhotoInput> for ruhu_engine::photos::NewPhoto {
    fn from(input: PhotoInput) -> Self {
        ruhu_engine::photos::NewPhoto {
            kind: input.kind.into(),
            caption: input.caption,
            location: input.location.map(Into::into),
        }
    }
}

fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

impl RuhuStore {
    fn record(
        &self,
        target: PhotoTarget,
        id: &str,
        m: &dp::PhotoMeta,
        pending: &[PendingUpload],
    ) -> PhotoRecord {
        PhotoRecord {
            photo_id: id.to_string(),
            target,
            kind: m.kind.into(),
            caption: m.caption.clone(),
            sha256: m.sha256.clone(),
            thumb_sha256: m.thumb_sha256.clone(),
            width: m.width,
            height: m.height,
            bytes: m.bytes,
            taken_at_ms: ms(m.taken_at),
            time_from_camera: m.time_from_camera,
            location: m.location.as_ref().map(Into::into),
            taken_by: m.taken_by.clone(),
            review: m.review.into(),
            review_reason: m.review_reason.clone(),
            retake_of: (!m.retake_of.is_empty()).then(|| m.retake_of.clone()),
            on_device: self.phone.vault().contains(&m.sha256),
            uploaded: self.phone.uploaded(&m.sha256, pending),
        }
    }
}

#[uniffi::export]
impl RuhuStore {
    /// Takes a photo: runs the camera's JPEG or PNG through the pipeline (upright, scaled to
    /// the county's size, EXIF removed from the file, thumbnail, hashes), stores both files
    /// encrypted, attaches the photo to the household or case and queues it for upload, all or
    /// nothing. HEIC and other formats are refused with `PhotoRefused`; the shells convert.
    /// Heavy (tens of milliseconds): call from a background thread.
    pub fn add_photo(
        &self,
        target: PhotoTarget,
        input: PhotoInput,
        camera_bytes: Vec<u8>,
    ) -> Result<PhotoRecord, ApiError> {
        let new = input.into();
        let (id, meta) = logged(
            "add_photo",
            self.phone
                .add_photo(&target.engine(), new, camera_bytes)
                .map_err(ApiError::from),
        )?;
        let pending = self.phone.store().pending_uploads()?;
        Ok(self.record(target, &id, &meta, &pending))
    }

    /// Takes the photo a supervisor asked to retake (`photo_id`, one of [`RuhuStore::retakes_owed`]):
    /// a new photo on the same household or case, through the same pipeline as `add_photo`,
    /// that names the old one (`retake_of`); the retake is then owed no more, and the old photo
    /// keeps the supervisor's review. Refused (`InvalidInput` on `retake_of`) when that photo
    /// does not wait for a retake or was retaken already. Heavy: call from a background thread.
    pub fn retake_photo(
        &self,
        target: PhotoTarget,
        photo_id: String,
        input: PhotoInput,
        camera_bytes: Vec<u8>,
    ) -> Result<PhotoRecord, ApiError> {
        let new = input.into();
        let (id, meta) = logged(
            "retake_photo",
            self.phone
                .retake_photo(&target.engine(), &photo_id, new, camera_bytes)
                .map_err(ApiError::from),
        )?;
        let pending = self.phone.store().pending_uploads()?;
        Ok(self.record(target, &id, &meta, &pending))
    }

    /// A signature drawn on the signing pad, kept as evidence (a photo of kind `Signature`,
    /// captioned with who signed) on the household or the case: the family members present and
    /// the two investigators each sign the 入户调查表. `strokes` are the pen's paths in the pad's
    /// own units, `pad_width` × `pad_height` its size; a pad left empty, a point outside it or a
    /// flood of points is refused naming `strokes`. Heavy: call from a background thread.
    pub fn add_signature(
        &self,
        target: PhotoTarget,
        signer: String,
        strokes: Vec<Stroke>,
        pad_width: f32,
        pad_height: f32,
    ) -> Result<PhotoRecord, ApiError> {
        let strokes: Vec<Vec<PadPoint>> = strokes
            .into_iter()
            .map(|s| {
                s.points
                    .into_iter()
                    .map(|p| PadPoint { x: p.x, y: p.y })
                    .collect()
            })
            .collect();
        let (id, meta) = logged(
            "add_signature",
            self.phone
                .add_signature(&target.engine(), &signer, &strokes, (pad_width, pad_height))
                .map_err(ApiError::from),
        )?;
        let pending = self.phone.store().pending_uploads()?;
        Ok(self.record(target, &id, &meta, &pending))
    }

    /// Photos of a household and of its cases, newest first.
    pub fn photos(&self, household_id: String) -> Result<Vec<PhotoRecord>, ApiError> {
        let pending = self.phone.store().pending_uploads()?;
        let mut out = Vec::new();
        for target in self.phone.photo_targets(&household_id)? {
            for (id, m) in self.phone.evidence_of(&target)? {
                out.push(self.record(PhotoTarget::from(&target), &id, &m, &pending));
            }
        }
        out.sort_by_key(|r| std::cmp::Reverse(r.taken_at_ms));
        Ok(out)
    }

    /// The bytes of a stored image or thumbnail (JPEG), decrypted, checked against its hash.
    pub fn photo_file(&self, sha256: String) -> Result<Vec<u8>, ApiError> {
        Ok(self.phone.vault().get(&sha256)?)
    }

    /// A supervisor's decision on a photo; merges to every phone like any edit. A retake needs
    /// a reason.
    pub fn review_photo(
        &self,
        target: PhotoTarget,
        photo_id: String,
        decision: ReviewStatus,
        reason: String,
    ) -> Result<(), ApiError> {
        logged(
            "review_photo",
            self.phone
                .review_photo(&target.engine(), &photo_id, decision.into(), &reason)
                .map_err(Into::into),
        )
    }

    /// Photos a supervisor sent back for a retake, on every record this phone holds.
    pub fn retakes_owed(&self) -> Result<Vec<PhotoRecord>, ApiError> {
        let pending = self.phone.store().pending_uploads()?;
        Ok(self
            .phone
            .retakes_owed()?
            .into_iter()
            .map(|(target, id, m)| self.record(PhotoTarget::from(&target), &id, &m, &pending))
            .collect())
    }

    /// How many photo files still have to reach the county, and their bytes.
    pub fn photo_uploads_pending(&self) -> Result<PhotoQueue, ApiError> {
        let pending = self.phone.store().pending_uploads()?;
        Ok(PhotoQueue {
            files: pending.len() as u32,
            bytes: pending.iter().map(|p| p.size - p.acked.min(p.size)).sum(),
        })
    }
}

/// Photo files waiting for the county.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct PhotoQueue {
    /// Files.
    pub files: u32,
    /// Bytes not yet acknowledged.
    pub bytes: u64,
}

impl RuhuStore {
    /// Hashes of the photo files waiting for the county, in the order they will be sent.
    pub fn photo_upload_order(&self) -> Result<Vec<String>, ApiError> {
        Ok(self
            .phone
            .store()
            .pending_uploads()?
            .into_iter()
            .map(|p| p.sha256)
            .collect())
    }
}
