//! Photo files arriving from phones: probe, resumable append, verification, the county's own
//! perceptual hash, reuse and capture-time flags, and serving files to devices whose scope
//! covers a document listing them.

use chrono::Utc;
use ruhu_domain::imaging;
use ruhu_domain::sealed::Sealer;
use ruhu_proto::v1::{self, ErrorCode};

use crate::blobs::BlobStore;
use crate::db::{FlagRow, PhotoRef, Tx};
use crate::enroll::Device;
use crate::error::CountyError;

/// Perceptual hashes this close (of 64 bits) are the same picture, re-encoded or cropped a
/// little; unrelated photos differ in about 32.
pub const REUSE_DISTANCE: u32 = 8;
/// A capture time further than this from when the photo was attached at the visit is flagged.
pub const TIME_GAP_HOURS: i64 = 48;

fn valid_sha(sha: &str) -> bool {
    sha.len() == 64 && sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The answer for a file the device may not have: the same whether no document lists it or
/// it belongs to records outside the device's scope, so a hash tells nothing.
fn not_visible() -> CountyError {
    CountyError::new(
        ErrorCode::UnknownBlob,
        "no document in this device's scope lists this photo; sync documents first",
    )
}

/// The documents listing `sha` that the device may see; an error when there are none. A file
/// belongs to the document that first listed it: a device that does not cover where that
/// document lies gets nothing, whatever its own documents list.
fn visible_refs(tx: &mut dyn Tx, device: &Device, sha: &str) -> Result<Vec<PhotoRef>, CountyError> {
    match tx.photo_home(sha)? {
        Some((village, grid)) if device.covers(&village, &grid) => {}
        _ => return Err(not_visible()),
    }
    let visible: Vec<PhotoRef> = tx
        .photo_refs(sha)?
        .into_iter()
        .filter(|r| device.covers(&r.village_code, &r.grid_code))
        .collect();
    if visible.is_empty() {
        return Err(not_visible());
    }
    Ok(visible)
}

/// How much of a file the county holds; starts an upload when it holds nothing.
pub fn probe(
    tx: &mut dyn Tx,
    device: &Device,
    req: &v1::BlobProbe,
) -> Result<v1::BlobStatus, CountyError> {
    if req.protocol_version != ruhu_proto::PROTOCOL_VERSION {
        return Err(CountyError::new(
            ErrorCode::ProtocolVersion,
            "unsupported protocol version",
        ));
    }
    if !valid_sha(&req.sha256) {
        return Err(CountyError::new(
            ErrorCode::Malformed,
            "sha256 must be 64 lowercase hex digits",
        ));
    }
    if req.size == 0 || req.size > ruhu_proto::MAX_BLOB_BYTES {
        return Err(CountyError::new(
            ErrorCode::TooLarge,
            "photo file size out of range",
        ));
    }
    let refs = visible_refs(tx, device, &req.sha256)?;
    if !refs.iter().any(|r| r.doc_id == req.document_id) {
        return Err(CountyError::new(
            ErrorCode::UnknownBlob,
            "the named document does not list this photo",
        ));
    }
    if let Some((size, _)) = tx.blob(&req.sha256)? {
        return Ok(v1::BlobStatus {
            offset: size as u64,
            complete: true,
        });
    }
    tx.start_upload(
        &req.sha256,
        req.size as i64,
        &device.id,
        Utc::now().timestamp(),
    )?;
    let received = tx.upload(&req.sha256)?.map(|u| u.received).unwrap_or(0);
    Ok(v1::BlobStatus {
        offset: received as u64,
        complete: false,
    })
}

/// What an append did.
#[derive(Debug, PartialEq, Eq)]
pub enum Appended {
    /// Where the county stands now.
    Status(v1::BlobStatus),
    /// The file arrived whole but does not hash to its name; what was received is discarded
    /// (committed), and the device must start again.
    HashMismatch,
}

/// Appends a chunk at `offset`. A chunk that does not start where the county stands (sent
/// twice, or out of order) changes nothing; the answer says where to resume. The last chunk
/// completes the file: its SHA-256 is checked, it is sealed and stored, hashed perceptually and
/// compared with the county's other photos.
#[allow(clippy::too_many_arguments)]
pub fn append(
    tx: &mut dyn Tx,
    device: &Device,
    sha: &str,
    offset: u64,
    data: &[u8],
    blobs: &dyn BlobStore,
    sealer: &Sealer,
) -> Result<Appended, CountyError> {
    if !valid_sha(sha) {
        return Err(CountyError::new(
            ErrorCode::Malformed,
            "sha256 must be 64 lowercase hex digits",
        ));
    }
    let refs = visible_refs(tx, device, sha)?;
    if let Some((size, _)) = tx.blob(sha)? {
        return Ok(Appended::Status(v1::BlobStatus {
            offset: size as u64,
            complete: true,
        }));
    }
    let Some(upload) = tx.upload(sha)? else {
        return Err(CountyError::new(
            ErrorCode::UnknownBlob,
            "probe the file before sending it",
        ));
    };
    if offset != upload.received as u64 || data.is_empty() {
        return Ok(Appended::Status(v1::BlobStatus {
            offset: upload.received as u64,
            complete: false,
        }));
    }
    let end = offset + data.len() as u64;
    if end > upload.size as u64 {
        return Err(CountyError::new(
            ErrorCode::Malformed,
            "the chunk runs past the declared size",
        ));
    }
    tx.append_chunk(sha, offset as i64, data)?;
    if end < upload.size as u64 {
        return Ok(Appended::Status(v1::BlobStatus {
            offset: end,
            complete: false,
        }));
    }
    let bytes = tx.upload_bytes(sha)?;
    tx.drop_upload(sha)?;
    if imaging::sha256_hex(&bytes) != sha {
        tracing::warn!(device = %device.id, "photo hash mismatch, upload discarded");
        return Ok(Appended::HashMismatch);
    }
    // Thumbnails are not compared: the full image of the same photo is.
    let phash = if refs.iter().any(|r| r.image) {
        imaging::perceptual_hash(&bytes).ok().map(|h| h as i64)
    } else {
        None
    };
    let sealed = sealer
        .seal(sha, &bytes)
        .map_err(|_| CountyError::new(ErrorCode::Internal, "cannot seal the photo"))?;
    blobs.put(sha, &sealed)?;
    let now = Utc::now().timestamp();
    tx.insert_blob(sha, bytes.len() as i64, phash, now)?;
    if let Some(h) = phash {
        flag_reuse(tx, sha, h as u64, &refs, now)?;
    }
    tracing::info!(device = %device.id, bytes = bytes.len(), "photo stored");
    Ok(Appended::Status(v1::BlobStatus {
        offset: bytes.len() as u64,
        complete: true,
    }))
}

fn flag_reuse(
    tx: &mut dyn Tx,
    sha: &str,
    hash: u64,
    refs: &[PhotoRef],
    now: i64,
) -> Result<(), CountyError> {
    let households: Vec<&str> = refs.iter().map(|r| r.household_id.as_str()).collect();
    for (other, other_hash, other_household) in tx.phashes()? {
        if other == sha || households.contains(&other_household.as_str()) {
            continue;
        }
        let distance = imaging::hamming(hash, other_hash as u64);
        if distance <= REUSE_DISTANCE {
            let detail = format!("与另一户的照片几乎相同（感知哈希相差 {distance} 位）");
            for (a, b) in [(sha, other.as_str()), (other.as_str(), sha)] {
                tx.add_flag(
                    &FlagRow {
                        sha256: a.to_string(),
                        kind: "reuse".into(),
                        other_sha256: b.to_string(),
                        detail: detail.clone(),
                    },
                    now,
                )?;
            }
        }
    }
    Ok(())
}

/// Flags a file listed by documents of more than one household: the same photo presented as
/// evidence for two families.
pub fn flag_shared(tx: &mut dyn Tx, photos: &[crate::db::PhotoRow]) -> Result<(), CountyError> {
    let now = Utc::now().timestamp();
    for p in photos {
        let refs = tx.photo_refs(&p.sha256)?;
        let mut households: Vec<&str> = refs
            .iter()
            .filter(|r| r.image)
            .map(|r| r.household_id.as_str())
            .collect();
        households.sort_unstable();
        households.dedup();
        if households.len() > 1 {
            tx.add_flag(
                &FlagRow {
                    sha256: p.sha256.clone(),
                    kind: "reuse".into(),
                    other_sha256: p.sha256.clone(),
                    detail: format!("同一张照片作为 {} 户的证明材料", households.len()),
                },
                now,
            )?;
        }
    }
    Ok(())
}

/// Flags photos whose capture time is far from when they were attached at the visit.
pub fn flag_times(tx: &mut dyn Tx, photos: &[crate::db::PhotoRow]) -> Result<(), CountyError> {
    let now = Utc::now().timestamp();
    for p in photos {
        let Some(attached) = p.attached_at else {
            continue;
        };
        let hours = (attached - p.taken_at).abs() / 3_600_000;
        if hours > TIME_GAP_HOURS {
            tx.add_flag(
                &FlagRow {
                    sha256: p.sha256.clone(),
                    kind: "time".into(),
                    other_sha256: String::new(),
                    detail: format!("拍摄时间与入户上传时间相差约 {hours} 小时"),
                },
                now,
            )?;
        }
    }
    Ok(())
}

/// A stored file for a device whose scope covers a document listing it.
pub fn fetch(
    tx: &mut dyn Tx,
    device: &Device,
    sha: &str,
    blobs: &dyn BlobStore,
    sealer: &Sealer,
) -> Result<Vec<u8>, CountyError> {
    if !valid_sha(sha) {
        return Err(CountyError::new(
            ErrorCode::Malformed,
            "sha256 must be 64 lowercase hex digits",
        ));
    }
    visible_refs(tx, device, sha)?;
    let missing = || {
        CountyError::new(
            ErrorCode::UnknownBlob,
            "the county does not hold this photo yet",
        )
    };
    if tx.blob(sha)?.is_none() {
        return Err(missing());
    }
    let sealed = blobs.get(sha)?.ok_or_else(missing)?;
    sealer.open(sha, &sealed).map_err(|_| {
        tracing::error!("a stored photo does not open");
        CountyError::new(ErrorCode::Internal, "a stored photo is damaged")
    })
}
