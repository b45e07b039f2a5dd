//! One sync exchange on the county side: the phone's changes stored through the documents
//! repository (append-only, keyed by change hash, one transaction), then the answer: the
//! documents it holds incomplete, the feed in its scope and the photo settings.

use chrono::Utc;
use ruhu_proto::v1::{self, ErrorCode};

use crate::db::Tx;
use crate::documents::store_documents;
use crate::enroll::Device;
use crate::error::CountyError;

mod feed;
mod photo_settings;

use feed::{feed, field_len, response_overhead};
pub use photo_settings::{photo_settings, set_photo_settings};

/// Default page size of a response.
pub const DEFAULT_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// What one exchange did, for logs and metrics.
#[derive(Debug, Default)]
pub struct Exchange {
    /// Changes stored that the county did not have.
    pub stored: usize,
    /// Changes sent back.
    pub sent: usize,
    /// Documents of the request refused.
    pub refused: usize,
}

/// Handles one sync request from `device`, inside one transaction (see [`crate::db::Access`]:
/// `Appends` when the request carries changes).
pub fn exchange(
    tx: &mut dyn Tx,
    device: &Device,
    county: &str,
    req: &v1::SyncRequest,
) -> Result<(v1::SyncResponse, Exchange), CountyError> {
    if req.protocol_version != ruhu_proto::PROTOCOL_VERSION {
        return Err(CountyError::new(
            ErrorCode::ProtocolVersion,
            format!(
                "this county speaks protocol {}",
                ruhu_proto::PROTOCOL_VERSION
            ),
        ));
    }
    if req.incomplete.len() > ruhu_proto::MAX_INCOMPLETE_DOCUMENTS {
        return Err(CountyError::new(
            ErrorCode::TooLarge,
            format!(
                "a request lists at most {} incomplete documents",
                ruhu_proto::MAX_INCOMPLETE_DOCUMENTS
            ),
        ));
    }
    let mut report = Exchange::default();
    let mut stored_heads = Vec::new();
    let mut refused = Vec::new();
    let outcomes = store_documents(tx, Some(device), county, &req.changes)?;
    for (d, outcome) in req.changes.iter().zip(outcomes) {
        match outcome {
            Ok((heads, n)) => {
                report.stored += n;
                stored_heads.push(v1::DocumentHeads {
                    document_id: d.document_id.clone(),
                    heads: heads.iter().map(|h| h.0.to_vec()).collect(),
                });
            }
            Err(e) => {
                report.refused += 1;
                // A case rule's refusal starts with the rule's stable code, which says what
                // broke without anything of the case.
                let rule = match e.code {
                    ErrorCode::CaseRule | ErrorCode::RoleMayNot => {
                        e.message.split(':').next().unwrap_or("")
                    }
                    _ => "",
                };
                tracing::info!(device = %device.id, code = ?e.code, rule, "document refused");
                refused.push(v1::DocumentRefusal {
                    document_id: d.document_id.clone(),
                    code: e.code as i32,
                    message: e.message,
                });
            }
        }
    }
    let page = match req.max_response_bytes {
        0 => DEFAULT_PAGE_BYTES,
        n => (n as usize).clamp(64 * 1024, DEFAULT_PAGE_BYTES),
    };
    let (whole, whole_cut) = whole_documents(tx, device, &req.incomplete, page)?;
    let overhead = response_overhead(&stored_heads)
        + refused
            .iter()
            .map(|r| field_len(ruhu_proto::Message::encoded_len(r)))
            .sum::<usize>()
        + whole
            .iter()
            .map(|d| field_len(ruhu_proto::Message::encoded_len(d)))
            .sum::<usize>();
    let (changes, cursor, more) = feed(tx, device, req.cursor, page, overhead, !whole.is_empty())?;
    report.sent = changes.iter().chain(&whole).map(|d| d.changes.len()).sum();
    tx.touch_device(&device.id, Utc::now().timestamp())?;
    let photo_settings = Some(photo_settings(tx)?);
    Ok((
        v1::SyncResponse {
            cursor,
            more: more || whole_cut,
            changes,
            stored: stored_heads,
            photo_settings,
            refused,
            whole,
            store_id: tx.setting(crate::db::STORE_ID)?.unwrap_or_default(),
        },
        report,
    ))
}

/// Every change of the documents a device holds incomplete, those in its scope (or
/// county-wide) only, up to `page` bytes (at least one document). Returns them and whether
/// some were left for the next request.
fn whole_documents(
    tx: &mut dyn Tx,
    device: &Device,
    ids: &[String],
    page: usize,
) -> Result<(Vec<v1::DocumentChanges>, bool), CountyError> {
    let mut out = Vec::new();
    let mut bytes = 0usize;
    if ids.is_empty() {
        return Ok((out, false));
    }
    let mut wanted: Vec<&str> = ids.iter().map(String::as_str).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut stored = tx.stored_docs(&wanted)?;
    for id in wanted {
        let Some(doc) = stored.remove(id) else {
            continue;
        };
        let i = &doc.indexed;
        if i.kind != crate::db::COUNTY_WIDE.code() && !device.covers(&i.village_code, &i.grid_code)
        {
            continue;
        }
        let size: usize = doc.changes.iter().map(Vec::len).sum();
        if bytes > 0 && bytes + size > page {
            return Ok((out, true));
        }
        bytes += size;
        out.push(v1::DocumentChanges {
            document_id: id.to_string(),
            kind: i.kind.clone(),
            changes: doc.changes,
        });
    }
    Ok((out, false))
}
