//! Where a document sits, read from its content with the domain model: county, village,
//! grid, a case's household and replayed status and nearest clock, a household's open visit
//! tasks, and the photos it lists. The county's index rows are written from this.

use automerge::{AutoCommit, ChangeHash};
use chrono::Utc;
use ruhu_domain::document::inbound::{self, InboundError};
use ruhu_domain::document::{self, DocError, DocKind};
use ruhu_domain::{case::Case, household::Household, policy::CountyPolicy};
use ruhu_proto::v1::ErrorCode;

use super::rules::{Rules, next_clock};
use crate::db::PhotoRow;
use crate::error::CountyError;

/// Where a document sits, read from its content.
pub(crate) struct Placement {
    pub(crate) kind: DocKind,
    pub(crate) county_code: String,
    pub(crate) village_code: String,
    pub(crate) grid_code: String,
    pub(crate) household_id: Option<String>,
    pub(crate) status: Option<String>,
    /// For open cases: the nearest clock and when it falls due (Unix ms).
    pub(crate) next_clock: Option<(&'static str, i64)>,
    /// For households: visit tasks still open.
    pub(crate) open_tasks: i64,
    pub(crate) photos: Vec<PhotoRow>,
}

fn photo_rows(
    household_id: &str,
    evidence: &std::collections::BTreeMap<String, ruhu_domain::photo::PhotoMeta>,
) -> Vec<PhotoRow> {
    use ruhu_domain::photo::{PhotoKind, ReviewStatus};
    evidence
        .iter()
        .map(|(id, m)| PhotoRow {
            photo_id: id.clone(),
            household_id: household_id.to_string(),
            sha256: m.sha256.clone(),
            thumb_sha256: m.thumb_sha256.clone(),
            kind: match m.kind {
                PhotoKind::House => "house",
                PhotoKind::People => "people",
                PhotoKind::Damage => "damage",
                PhotoKind::IdCard => "id_card",
                PhotoKind::MedicalBill => "medical_bill",
                PhotoKind::Authorization => "authorization",
                PhotoKind::Signature => "signature",
                PhotoKind::PublicNotice => "public_notice",
            }
            .into(),
            taken_at: m.taken_at.timestamp_millis(),
            attached_at: m.attached_at.map(|t| t.timestamp_millis()),
            review: match m.review {
                ReviewStatus::Pending => "pending",
                ReviewStatus::Approved => "approved",
                ReviewStatus::RetakeNeeded => "retake_needed",
            }
            .into(),
        })
        .collect()
}

/// Reads and checks a document the county is about to store, and says where it sits.
/// Households and cases pass the one inbound check of the domain (`document::inbound`, the
/// same code the phone runs): `before` are the heads of the version the county held (empty for
/// a new document), whose members must all still be there.
pub(crate) fn placement(
    doc: &AutoCommit,
    kind: DocKind,
    doc_id: &str,
    before: &[ChangeHash],
    rules: Option<&Rules>,
) -> Result<Placement, CountyError> {
    let invalid = |e: document::DocError| refusal(InboundError::Doc(e));
    let now = Utc::now();
    Ok(match kind {
        DocKind::Household => {
            let h: Household = inbound::household(doc, doc_id, before, now).map_err(refusal)?;
            let photos = photo_rows(&h.id, &h.evidence);
            let open_tasks = h
                .visit_tasks
                .values()
                .filter(|t| t.status.is_open())
                .count() as i64;
            let a = h.profile.address;
            Placement {
                kind,
                county_code: a.county_code,
                village_code: a.village_code,
                grid_code: a.grid_code,
                household_id: None,
                status: None,
                next_clock: None,
                open_tasks,
                photos,
            }
        }
        DocKind::Case => {
            let c: Case = inbound::case(doc, doc_id, now).map_err(refusal)?;
            let state = match rules {
                Some(r) => c.replay_under(&r.policy, &r.calendar),
                None => c.replay(),
            };
            let status = state.status.code().to_string();
            let next_clock = next_clock(&state);
            let photos = photo_rows(&c.household_id, &c.evidence);
            Placement {
                kind,
                county_code: c.county_code,
                village_code: c.village_code,
                grid_code: c.grid_code,
                household_id: Some(c.household_id),
                status: Some(status),
                next_clock,
                open_tasks: 0,
                photos,
            }
        }
        DocKind::Policy => {
            // County-wide: no village or grid, so every device of the county receives it.
            let p: CountyPolicy = document::read(doc).map_err(invalid)?;
            p.validate().map_err(|e| {
                CountyError::new(
                    ErrorCode::InvalidContent,
                    format!("policy refused ({}): {e}", e.code()),
                )
            })?;
            if doc_id != document::policy_id(&p.county_code) {
                return Err(CountyError::new(
                    ErrorCode::InvalidContent,
                    "policy refused: its document id is not the county's policy id",
                ));
            }
            Placement {
                kind,
                county_code: p.county_code,
                village_code: String::new(),
                grid_code: String::new(),
                household_id: None,
                status: None,
                next_clock: None,
                open_tasks: 0,
                photos: Vec::new(),
            }
        }
    })
}

/// The county's answer to a document that fails the inbound check: `INVALID_CONTENT` with the
/// limit broken, or the field paths and what to fix (never a value).
fn refusal(e: InboundError) -> CountyError {
    let message = match &e {
        InboundError::Doc(DocError::Limit(limit)) => {
            format!("document refused by the limit {}: {limit}", limit.code())
        }
        InboundError::Doc(e) => format!("document content does not validate: {e}"),
        InboundError::Invalid(_) => format!("记录未通过县级平台的检查：{e}"),
    };
    CountyError::new(ErrorCode::InvalidContent, message)
}
