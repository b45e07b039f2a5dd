//! Photos for the screens: take one (camera bytes in, stored and attached), list them, show
//! them, review them, and the retakes a worker owes.

use chrono::{DateTime, Utc};

use super::enums::{PhotoKind, ReviewStatus};
use super::error::ApiError;
use super::records::GeoPoint;
use super::store::{RuhuStore, logged, new_id};
use ruhu_domain::document::DocKind;
use ruhu_domain::imaging::{self, PhotoSettings};
use ruhu_domain::{case as dc, household as dh, photo as dp};
use ruhu_store::StoreError;
use ruhu_store::photos::{PendingUpload, queue};

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
    fn id(&self) -> &str {
        match self {
            PhotoTarget::Household { household_id } => household_id,
            PhotoTarget::Case { case_id } => case_id,
        }
    }
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
    /// Whether this phone holds the image file (photos taken elsewhere arrive as metadata;
    /// their files stay at the county).
    pub on_device: bool,
    /// Whether the county has the image whole.
    pub uploaded: bool,
}

fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

impl RuhuStore {
    /// Keeps the county's photo settings (ignored when out of range: the defaults stay).
    pub(super) fn keep_photo_settings(
        &self,
        p: &ruhu_proto::v1::PhotoSettings,
    ) -> Result<(), ApiError> {
        let (Ok(quality), Ok(thumb_quality)) =
            (u8::try_from(p.quality), u8::try_from(p.thumb_quality))
        else {
            return Ok(());
        };
        let s = PhotoSettings {
            long_edge: p.long_edge,
            quality,
            thumb_edge: p.thumb_edge,
            thumb_quality,
        };
        if s.problem().is_some() || s == self.photo_settings() {
            return Ok(());
        }
        let json = serde_json::to_string(&(s.long_edge, s.quality, s.thumb_edge, s.thumb_quality))
            .map_err(|_| ApiError::Internal {
                detail: "photo settings".into(),
            })?;
        Ok(self.store.set_setting("photo_settings", &json)?)
    }

    fn photo_settings(&self) -> PhotoSettings {
        self.store
            .setting("photo_settings")
            .ok()
            .flatten()
            .and_then(|json| serde_json::from_str::<(u32, u8, u32, u8)>(&json).ok())
            .map(
                |(long_edge, quality, thumb_edge, thumb_quality)| PhotoSettings {
                    long_edge,
                    quality,
                    thumb_edge,
                    thumb_quality,
                },
            )
            .filter(|s| s.problem().is_none())
            .unwrap_or_default()
    }

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
            on_device: self.vault.contains(&m.sha256),
            uploaded: self.vault.contains(&m.sha256)
                && !pending.iter().any(|p| p.sha256 == m.sha256),
        }
    }

    fn evidence_of(
        &self,
        target: &PhotoTarget,
    ) -> Result<std::collections::BTreeMap<String, dp::PhotoMeta>, ApiError> {
        Ok(match target {
            PhotoTarget::Household { household_id } => {
                let (_, doc) = self.store.document(household_id, DocKind::Household)?;
                let h: dh::Household =
                    ruhu_domain::document::read(&doc).map_err(StoreError::from)?;
                h.evidence
            }
            PhotoTarget::Case { case_id } => {
                let (_, doc) = self.store.document(case_id, DocKind::Case)?;
                let c: dc::Case = ruhu_domain::document::read(&doc).map_err(StoreError::from)?;
                c.evidence
            }
        })
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
        logged(
            "add_photo",
            self.add_photo_inner(target, input, camera_bytes),
        )
    }

    /// Photos of a household and of its cases, newest first.
    pub fn photos(&self, household_id: String) -> Result<Vec<PhotoRecord>, ApiError> {
        let pending = self.store.pending_uploads()?;
        let mut targets = vec![PhotoTarget::Household {
            household_id: household_id.clone(),
        }];
        for case_id in self.store.cases_of(&household_id)? {
            targets.push(PhotoTarget::Case { case_id });
        }
        let mut out = Vec::new();
        for target in targets {
            for (id, m) in self.evidence_of(&target)? {
                out.push(self.record(target.clone(), &id, &m, &pending));
            }
        }
        out.sort_by_key(|r| std::cmp::Reverse(r.taken_at_ms));
        Ok(out)
    }

    /// The bytes of a stored image or thumbnail (JPEG), decrypted, checked against its hash.
    pub fn photo_file(&self, sha256: String) -> Result<Vec<u8>, ApiError> {
        Ok(self.vault.get(&sha256)?)
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
        let by = self.store.require_profile()?.worker_id;
        let now = Utc::now();
        let apply = move |evidence: &mut std::collections::BTreeMap<String, dp::PhotoMeta>| {
            let m = evidence
                .get_mut(&photo_id)
                .ok_or(StoreError::NotFound(ruhu_store::Missing::Photo))?;
            m.review(decision.into(), &reason, &by, now)
                .map_err(|why| StoreError::Invalid(single("review_reason", why)))
        };
        let result = match &target {
            PhotoTarget::Household { household_id } => {
                self.store
                    .update::<dh::Household>(household_id, "review photo", now, |h| {
                        apply(&mut h.evidence)
                    })
            }
            PhotoTarget::Case { case_id } => {
                self.store
                    .update::<dc::Case>(case_id, "review photo", now, |c| apply(&mut c.evidence))
            }
        };
        logged("review_photo", result.map_err(Into::into))
    }

    /// Photos a supervisor sent back for a retake, on every record this phone holds.
    pub fn retakes_owed(&self) -> Result<Vec<PhotoRecord>, ApiError> {
        let pending = self.store.pending_uploads()?;
        let mut out = Vec::new();
        for (id, kind) in self.store.documents_with_retakes()? {
            let target = match kind {
                DocKind::Household => PhotoTarget::Household { household_id: id },
                DocKind::Case => PhotoTarget::Case { case_id: id },
                DocKind::Policy => continue,
            };
            for (pid, m) in self.evidence_of(&target)? {
                if m.review == dp::ReviewStatus::RetakeNeeded {
                    out.push(self.record(target.clone(), &pid, &m, &pending));
                }
            }
        }
        out.sort_by_key(|r| r.taken_at_ms);
        Ok(out)
    }

    /// How many photo files still have to reach the county, and their bytes.
    pub fn photo_uploads_pending(&self) -> Result<PhotoQueue, ApiError> {
        let pending = self.store.pending_uploads()?;
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

fn single(field: &str, reason: &str) -> ruhu_domain::validation::ValidationError {
    ruhu_domain::validation::ValidationError(vec![ruhu_domain::validation::FieldProblem {
        field: field.to_string(),
        reason: reason.to_string(),
    }])
}

impl RuhuStore {
    /// Hashes of the photo files waiting for the county, in the order they will be sent.
    pub fn photo_upload_order(&self) -> Result<Vec<String>, ApiError> {
        Ok(self
            .store
            .pending_uploads()?
            .into_iter()
            .map(|p| p.sha256)
            .collect())
    }

    fn add_photo_inner(
        &self,
        target: PhotoTarget,
        input: PhotoInput,
        camera_bytes: Vec<u8>,
    ) -> Result<PhotoRecord, ApiError> {
        let worker = self.store.require_profile()?;
        if input.caption.chars().count() > 200 {
            return Err(ApiError::field("caption", "说明不超过200字"));
        }
        if let Some(g) = input.location {
            let g: ruhu_domain::geo::GeoPoint = g.into();
            if let Some(why) = g.problem() {
                return Err(ApiError::field("location", why));
            }
        }
        // The record must exist before any file is written.
        let kind = match &target {
            PhotoTarget::Household { .. } => DocKind::Household,
            PhotoTarget::Case { .. } => DocKind::Case,
        };
        let (_, doc) = self.store.document(target.id(), kind)?;
        let urgent = match kind {
            DocKind::Case => {
                let c: dc::Case = ruhu_domain::document::read(&doc).map_err(StoreError::from)?;
                c.path != dc::CasePath::Normal
            }
            DocKind::Household | DocKind::Policy => false,
        };
        let processed =
            imaging::process(&camera_bytes, &self.photo_settings()).map_err(StoreError::from)?;
        drop(camera_bytes);
        let image_sha = self.vault.put(&processed.image)?;
        let thumb_sha = match self.vault.put(&processed.thumbnail) {
            Ok(s) => s,
            Err(e) => {
                self.vault.remove(&image_sha);
                return Err(e.into());
            }
        };
        let now = Utc::now();
        let photo_id = new_id();
        let meta = dp::PhotoMeta {
            kind: input.kind.into(),
            sha256: image_sha.clone(),
            caption: input.caption.trim().to_string(),
            taken_at: processed.camera.taken_at.unwrap_or(now),
            taken_by: worker.worker_id.clone(),
            location: processed.camera.location.or(input.location.map(Into::into)),
            time_from_camera: processed.camera.taken_at.is_some(),
            thumb_sha256: thumb_sha.clone(),
            width: processed.width,
            height: processed.height,
            bytes: processed.image.len() as u64,
            thumb_bytes: processed.thumbnail.len() as u64,
            attached_at: Some(now),
            device: self.store.device_id().to_string(),
            review: dp::ReviewStatus::Pending,
            review_reason: String::new(),
            reviewed_by: String::new(),
            reviewed_at: None,
        };
        let uploads = [
            PendingUpload {
                sha256: thumb_sha.clone(),
                doc_id: target.id().to_string(),
                thumbnail: true,
                size: processed.thumbnail.len() as u64,
                urgent,
                acked: 0,
            },
            PendingUpload {
                sha256: image_sha.clone(),
                doc_id: target.id().to_string(),
                thumbnail: false,
                size: processed.image.len() as u64,
                urgent,
                acked: 0,
            },
        ];
        let queue_all = |tx: &rusqlite::Transaction<'_>| {
            for u in &uploads {
                queue(tx, u, now.timestamp_millis())?;
            }
            Ok(())
        };
        let inserted = meta.clone();
        let id = photo_id.clone();
        let attached = match kind {
            DocKind::Household => self.store.update_and::<dh::Household>(
                target.id(),
                "add photo",
                now,
                move |h| {
                    h.evidence.insert(id, inserted);
                    Ok(())
                },
                queue_all,
            ),
            DocKind::Case | DocKind::Policy => self.store.update_and::<dc::Case>(
                target.id(),
                "add photo",
                now,
                move |c| {
                    c.evidence.insert(id, inserted);
                    Ok(())
                },
                queue_all,
            ),
        };
        if let Err(e) = attached {
            // Files of a photo that was never attached are not kept, unless an earlier photo
            // with the same content uses them.
            if !self.store.evidence_uses(&image_sha)? {
                self.vault.remove(&image_sha);
                self.vault.remove(&thumb_sha);
            }
            return Err(e.into());
        }
        log::info!("photo attached ({} bytes)", meta.bytes);
        let pending = self.store.pending_uploads()?;
        Ok(self.record(target, &photo_id, &meta, &pending))
    }
}
