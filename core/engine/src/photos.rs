//! Photos on the phone: camera bytes through the domain's pipeline into the encrypted vault,
//! attached to a household or case and queued for upload, all or nothing; reviews; the county's
//! photo settings.

use std::collections::BTreeMap;

use chrono::Utc;

use ruhu_domain::document::{self, DocKind};
use ruhu_domain::geo::GeoPoint;
use ruhu_domain::imaging::{self, PhotoSettings, signature};
use ruhu_domain::{case as dc, household as dh, photo as dp};
use ruhu_store::StoreError;
use ruhu_store::photos::{PendingUpload, queue};

use crate::error::{EngineError, problem};
use crate::phone::{Phone, new_id};

/// What a photo is evidence for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhotoTarget {
    /// A household (house, people, ID card, authorization).
    Household(String),
    /// A case (damage, bills, signatures, the posted notice).
    Case(String),
}

impl PhotoTarget {
    /// The document's id.
    pub fn id(&self) -> &str {
        match self {
            PhotoTarget::Household(id) | PhotoTarget::Case(id) => id,
        }
    }

    fn kind(&self) -> DocKind {
        match self {
            PhotoTarget::Household(_) => DocKind::Household,
            PhotoTarget::Case(_) => DocKind::Case,
        }
    }
}

/// What the worker says about a photo being taken.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPhoto {
    /// What it shows.
    pub kind: dp::PhotoKind,
    /// Caption.
    pub caption: String,
    /// The phone's own fix, used when the camera recorded none.
    pub location: Option<GeoPoint>,
}

const PHOTO_SETTINGS: &str = "photo_settings";
const CAPTION_MAX: usize = 200;
const SIGNER_MAX: usize = 40;

impl Phone {
    /// Keeps the county's photo settings (ignored when out of range: the defaults stay).
    pub(crate) fn keep_photo_settings(
        &self,
        p: &ruhu_proto::v1::PhotoSettings,
    ) -> Result<(), EngineError> {
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
        let text = format!(
            "[{},{},{},{}]",
            s.long_edge, s.quality, s.thumb_edge, s.thumb_quality
        );
        Ok(self.store.set_setting(PHOTO_SETTINGS, &text)?)
    }

    /// The photo settings in force: the county's last valid ones, or the defaults.
    pub fn photo_settings(&self) -> PhotoSettings {
        self.store
            .setting(PHOTO_SETTINGS)
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

    /// The photos attached to a household or case, by photo id.
    pub fn evidence_of(
        &self,
        target: &PhotoTarget,
    ) -> Result<BTreeMap<String, dp::PhotoMeta>, EngineError> {
        let (_, doc) = self.store.document(target.id(), target.kind())?;
        Ok(match target {
            PhotoTarget::Household(_) => {
                let h: dh::Household = document::read(&doc).map_err(StoreError::from)?;
                h.evidence
            }
            PhotoTarget::Case(_) => {
                let c: dc::Case = document::read(&doc).map_err(StoreError::from)?;
                c.evidence
            }
        })
    }

    /// A household and each of its cases, as photo targets.
    pub fn photo_targets(&self, household_id: &str) -> Result<Vec<PhotoTarget>, EngineError> {
        let mut targets = vec![PhotoTarget::Household(household_id.to_string())];
        for case_id in self.store.cases_of(household_id)? {
            targets.push(PhotoTarget::Case(case_id));
        }
        Ok(targets)
    }

    /// Photos a supervisor sent back for a retake, on every record this phone holds.
    pub fn retakes_owed(&self) -> Result<Vec<(PhotoTarget, String, dp::PhotoMeta)>, EngineError> {
        let mut out = Vec::new();
        for (id, kind) in self.store.documents_with_retakes()? {
            let target = match kind {
                DocKind::Household => PhotoTarget::Household(id),
                DocKind::Case => PhotoTarget::Case(id),
                DocKind::Policy => continue,
            };
            let evidence = self.evidence_of(&target)?;
            let retaken = retaken(&evidence);
            for (pid, m) in evidence {
                if m.review == dp::ReviewStatus::RetakeNeeded && !retaken.contains(pid.as_str()) {
                    out.push((target.clone(), pid, m));
                }
            }
        }
        out.sort_by_key(|(_, _, m)| m.taken_at);
        Ok(out)
    }

    /// Whether the county holds a photo file whole (this phone has it and it left the queue).
    pub fn uploaded(&self, sha256: &str, pending: &[PendingUpload]) -> bool {
        self.vault.contains(sha256) && !pending.iter().any(|p| p.sha256 == sha256)
    }

    /// A supervisor's decision on a photo; merges to every phone like any edit. A retake needs
    /// a reason.
    pub fn review_photo(
        &self,
        target: &PhotoTarget,
        photo_id: &str,
        decision: dp::ReviewStatus,
        reason: &str,
    ) -> Result<(), EngineError> {
        // The county refuses a review from any other role's device, and the change would stay
        // in the record's history, so the record could never be sent again.
        if let Some(e) = self.enrollment()?
            && e.role != ruhu_domain::case::Role::Supervisor
        {
            return Err(EngineError::field(
                "review",
                "照片由县级督导审核；需重拍的照片请重拍一张",
            ));
        }
        let by = self.store.require_profile()?.worker_id;
        let now = Utc::now();
        let apply = move |evidence: &mut BTreeMap<String, dp::PhotoMeta>| {
            let m = evidence
                .get_mut(photo_id)
                .ok_or(StoreError::NotFound(ruhu_store::Missing::Photo))?;
            m.review(decision, reason, &by, now)
                .map_err(|why| StoreError::Invalid(problem("review_reason", why)))
        };
        match target {
            PhotoTarget::Household(id) => {
                self.store
                    .update::<dh::Household>(id, "review photo", now, |h| apply(&mut h.evidence))
            }
            PhotoTarget::Case(id) => self
                .store
                .update::<dc::Case>(id, "review photo", now, |c| apply(&mut c.evidence)),
        }?;
        Ok(())
    }

    /// A signature drawn on the pad (a family member present or an investigator signing the
    /// 入户调查表), kept as a photo of kind 签字 through the same pipeline, captioned with who
    /// signed. The strokes are checked before anything is drawn or stored.
    pub fn add_signature(
        &self,
        target: &PhotoTarget,
        signer: &str,
        strokes: &[Vec<signature::PadPoint>],
        pad: (f32, f32),
    ) -> Result<(String, dp::PhotoMeta), EngineError> {
        let signer = signer.trim();
        if signer.is_empty() {
            return Err(EngineError::field("signer", "请写明签字人"));
        }
        if signer.chars().count() > SIGNER_MAX {
            return Err(EngineError::field("signer", "签字人不超过40字"));
        }
        let png = signature::render(strokes, pad.0, pad.1).map_err(|e| match e {
            signature::SignatureError::Empty => EngineError::field("strokes", "还没有签字"),
            signature::SignatureError::OutsidePad => {
                EngineError::field("strokes", "签字超出了签字区，请清除后重签")
            }
            signature::SignatureError::TooManyPoints { .. } => {
                EngineError::field("strokes", "笔画过多，请清除后重签")
            }
            signature::SignatureError::PadSize => EngineError::field("pad", "签字区大小不对"),
            signature::SignatureError::Image(e) => EngineError::Store(StoreError::from(e)),
        })?;
        let input = NewPhoto {
            kind: dp::PhotoKind::Signature,
            caption: format!("签字：{signer}"),
            location: None,
        };
        self.add_photo(target, input, png)
    }

    /// Takes a photo: runs the camera's JPEG or PNG through the pipeline (upright, scaled to
    /// the county's size, EXIF removed from the file, thumbnail, hashes), stores both files
    /// encrypted, attaches the photo and queues it for upload, all or nothing. Returns the
    /// photo's id and record.
    pub fn add_photo(
        &self,
        target: &PhotoTarget,
        input: NewPhoto,
        camera_bytes: Vec<u8>,
    ) -> Result<(String, dp::PhotoMeta), EngineError> {
        self.attach(target, input, camera_bytes, None)
    }

    /// Takes the photo a supervisor asked to retake: a new photo on the same record that
    /// names the old one (`retake_of`), which is then owed no more. The old photo and its
    /// review stay as they were, for the supervisor to compare. Refused when that photo is not
    /// on the record, is not waiting for a retake, or was retaken already.
    pub fn retake_photo(
        &self,
        target: &PhotoTarget,
        old_photo_id: &str,
        input: NewPhoto,
        camera_bytes: Vec<u8>,
    ) -> Result<(String, dp::PhotoMeta), EngineError> {
        self.attach(target, input, camera_bytes, Some(old_photo_id))
    }

    fn attach(
        &self,
        target: &PhotoTarget,
        input: NewPhoto,
        camera_bytes: Vec<u8>,
        retake_of: Option<&str>,
    ) -> Result<(String, dp::PhotoMeta), EngineError> {
        let worker = self.store.require_profile()?;
        if input.caption.chars().count() > CAPTION_MAX {
            return Err(EngineError::field("caption", "说明不超过200字"));
        }
        if let Some(why) = input.location.as_ref().and_then(GeoPoint::problem) {
            return Err(EngineError::field("location", why));
        }
        // The record must exist before any file is written.
        let kind = target.kind();
        let (_, doc) = self.store.document(target.id(), kind)?;
        let urgent = match kind {
            DocKind::Case => {
                let c: dc::Case = document::read(&doc).map_err(StoreError::from)?;
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
            kind: input.kind,
            sha256: image_sha.clone(),
            caption: input.caption.trim().to_string(),
            taken_at: processed.camera.taken_at.unwrap_or(now),
            taken_by: worker.worker_id.clone(),
            location: processed.camera.location.or(input.location),
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
            retake_of: retake_of.unwrap_or_default().to_string(),
        };
        let upload = |sha256: &str, thumbnail: bool, size: usize| PendingUpload {
            sha256: sha256.to_string(),
            doc_id: target.id().to_string(),
            thumbnail,
            size: size as u64,
            urgent,
            acked: 0,
        };
        let uploads = [
            upload(&thumb_sha, true, processed.thumbnail.len()),
            upload(&image_sha, false, processed.image.len()),
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
                move |h| insert_photo(&mut h.evidence, id, inserted),
                queue_all,
            ),
            DocKind::Case | DocKind::Policy => self.store.update_and::<dc::Case>(
                target.id(),
                "add photo",
                now,
                move |c| insert_photo(&mut c.evidence, id, inserted),
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
        Ok((photo_id, meta))
    }
}

/// The photos of a record that a later photo retook.
fn retaken<'a, I>(evidence: I) -> std::collections::HashSet<String>
where
    I: IntoIterator<Item = (&'a String, &'a dp::PhotoMeta)>,
{
    evidence
        .into_iter()
        .filter(|(_, m)| !m.retake_of.is_empty())
        .map(|(_, m)| m.retake_of.clone())
        .collect()
}

/// Adds a photo to a record's evidence; a retake only of a photo there that still waits for
/// one, checked in the same transaction as the write.
fn insert_photo(
    evidence: &mut BTreeMap<String, dp::PhotoMeta>,
    id: String,
    photo: dp::PhotoMeta,
) -> Result<(), StoreError> {
    if !photo.retake_of.is_empty() {
        let owed = evidence.get(&photo.retake_of).is_some_and(|old| {
            old.review == dp::ReviewStatus::RetakeNeeded
                && !retaken(evidence.iter()).contains(&photo.retake_of)
        });
        if !owed {
            return Err(StoreError::Invalid(problem(
                "retake_of",
                "这张照片不需要重拍，或已经重拍过",
            )));
        }
    }
    evidence.insert(id, photo);
    Ok(())
}
