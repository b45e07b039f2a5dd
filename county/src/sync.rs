//! One sync exchange on the county side: check and store what the phone sent (append-only,
//! keyed by change hash, one transaction), then answer with the feed in the phone's scope.

use automerge::{AutoCommit, Change, ChangeHash, ReadDoc};
use chrono::Utc;
use ruhu_core::document::{self, DocKind};
use ruhu_core::domain::{case::Case, household::Household};
use ruhu_proto::v1::{self, ErrorCode};
use rusqlite::{Connection, Transaction, params};

use crate::db;
use crate::enroll::{self, Device};
use crate::error::CountyError;

/// Default page size of a response.
pub const DEFAULT_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// What one exchange did, for logs and metrics.
#[derive(Debug, Default)]
pub struct Exchange {
    /// Changes stored that the county did not have.
    pub stored: usize,
    /// Changes sent back.
    pub sent: usize,
}

/// Where a document sits, read from its content.
struct Placement {
    kind: DocKind,
    county_code: String,
    village_code: String,
    grid_code: String,
    household_id: Option<String>,
    status: Option<String>,
}

fn placement(doc: &AutoCommit, kind: DocKind) -> Result<Placement, CountyError> {
    let invalid = |e: document::DocError| {
        CountyError::new(
            ErrorCode::InvalidContent,
            format!("document content does not validate: {e}"),
        )
    };
    Ok(match kind {
        DocKind::Household => {
            let h: Household = document::read(doc).map_err(invalid)?;
            let a = h.profile.address;
            Placement {
                kind,
                county_code: a.county_code,
                village_code: a.village_code,
                grid_code: a.grid_code,
                household_id: None,
                status: None,
            }
        }
        DocKind::Case => {
            let c: Case = document::read(doc).map_err(invalid)?;
            let status = c.replay().status.code().to_string();
            Placement {
                kind,
                county_code: c.county_code,
                village_code: c.village_code,
                grid_code: c.grid_code,
                household_id: Some(c.household_id),
                status: Some(status),
            }
        }
    })
}

/// The document as the county holds it, rebuilt from its change log.
pub fn load(conn: &Connection, doc_id: &str) -> Result<AutoCommit, CountyError> {
    let mut stmt =
        conn.prepare_cached("SELECT bytes FROM changes WHERE doc_id = ?1 ORDER BY seq")?;
    let changes = stmt
        .query_map([doc_id], |r| r.get::<_, Vec<u8>>(0))?
        .map(|b| {
            let b = b?;
            Change::from_bytes(b).map_err(|_| {
                CountyError::new(ErrorCode::Internal, "a stored change does not decode")
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut doc = AutoCommit::new();
    doc.apply_changes(changes)?;
    Ok(doc)
}

/// Stores changes the county lacks, as one document (used by sync and by the demo seeder).
pub fn store_changes(
    tx: &Transaction<'_>,
    device: Option<&Device>,
    county: &str,
    d: &v1::DocumentChanges,
) -> Result<(Vec<ChangeHash>, usize), CountyError> {
    let kind = DocKind::from_code(&d.kind)
        .ok_or_else(|| CountyError::new(ErrorCode::UnknownKind, "unknown document kind"))?;
    let changes = d
        .changes
        .iter()
        .map(|b| {
            Change::from_bytes(b.clone())
                .map_err(|_| CountyError::new(ErrorCode::InvalidChange, "a change does not decode"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut doc = load(tx, &d.document_id)?;
    let existed = !doc.get_heads().is_empty();
    let before = if existed {
        Some(placement(&doc, kind)?)
    } else {
        None
    };
    if let Some(device) = device {
        for change in &changes {
            let actor = change.actor_id().to_bytes();
            if actor != device.actor.as_slice()
                && !enroll::actor_is_enrolled(tx, actor)?
                && !is_county_actor(tx, actor)?
            {
                return Err(CountyError::new(
                    ErrorCode::ForgedActor,
                    "a change is authored by an actor not enrolled in this county",
                ));
            }
        }
    }
    let new: Vec<&Change> = changes
        .iter()
        .filter(|c| doc.get_change_by_hash(&c.hash()).is_none())
        .collect();
    doc.apply_changes(changes.iter().cloned())?;
    if !doc.get_missing_deps(&[]).is_empty() {
        return Err(CountyError::new(
            ErrorCode::InvalidChange,
            "changes depend on changes the county does not have",
        ));
    }
    if document::kind_of(&doc) != Some(kind) {
        return Err(CountyError::new(
            ErrorCode::InvalidChange,
            "document kind does not match its content",
        ));
    }
    let after = placement(&doc, kind)?;
    if after.county_code != county {
        return Err(CountyError::new(
            ErrorCode::OutOfScope,
            "the document belongs to another county",
        ));
    }
    if let Some(device) = device {
        let covered = |p: &Placement| device.covers(&p.village_code, &p.grid_code);
        if !covered(&after) || before.as_ref().is_some_and(|b| !covered(b)) {
            return Err(CountyError::new(
                ErrorCode::OutOfScope,
                "the document lies outside this device's scope",
            ));
        }
    }
    let now = Utc::now().timestamp_millis();
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO changes(hash, doc_id, actor, device_id, bytes, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut stored = 0;
    for change in &new {
        stored += insert.execute(params![
            change.hash().0.to_vec(),
            d.document_id,
            change.actor_id().to_bytes(),
            device.map(|d| d.id.as_str()),
            change.raw_bytes(),
            now
        ])?;
    }
    let seq: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
        r.get(0)
    })?;
    tx.execute(
        "INSERT INTO documents(id, kind, county_code, village_code, grid_code, household_id, status, updated_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(id) DO UPDATE SET village_code = excluded.village_code, grid_code = excluded.grid_code,
             household_id = excluded.household_id, status = excluded.status, updated_seq = excluded.updated_seq",
        params![d.document_id, after.kind.code(), after.county_code, after.village_code, after.grid_code, after.household_id, after.status, seq],
    )?;
    Ok((doc.get_heads(), stored))
}

fn is_county_actor(conn: &Connection, actor: &[u8]) -> Result<bool, CountyError> {
    let hex: String = actor.iter().map(|b| format!("{b:02x}")).collect();
    Ok(db::setting(conn, "county_actor")?.is_some_and(|a| a == hex))
}

/// Handles one sync request from `device`.
pub fn exchange(
    conn: &mut Connection,
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
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut report = Exchange::default();
    let mut stored_heads = Vec::new();
    for d in &req.changes {
        let (heads, n) = store_changes(&tx, Some(device), county, d)?;
        report.stored += n;
        stored_heads.push(v1::DocumentHeads {
            document_id: d.document_id.clone(),
            heads: heads.iter().map(|h| h.0.to_vec()).collect(),
        });
    }
    let page = match req.max_response_bytes {
        0 => DEFAULT_PAGE_BYTES,
        n => (n as usize).clamp(64 * 1024, DEFAULT_PAGE_BYTES),
    };
    let (changes, cursor, more) = feed(&tx, device, req.cursor, page)?;
    report.sent = changes.iter().map(|d| d.changes.len()).sum();
    tx.execute(
        "UPDATE devices SET last_sync_at = ?2 WHERE id = ?1",
        params![device.id, Utc::now().timestamp()],
    )?;
    tx.commit()?;
    Ok((
        v1::SyncResponse {
            cursor,
            more,
            changes,
            stored: stored_heads,
        },
        report,
    ))
}

/// Changes in the device's scope after `cursor`, not sent by the device itself, up to `page`
/// bytes; grouped per document in feed order.
fn feed(
    conn: &Connection,
    device: &Device,
    cursor: u64,
    page: usize,
) -> Result<(Vec<v1::DocumentChanges>, u64, bool), CountyError> {
    let villages = serde_json::to_string(&device.grant.villages).unwrap_or_else(|_| "[]".into());
    let grids = serde_json::to_string(&device.grant.grids).unwrap_or_else(|_| "[]".into());
    let mut stmt = conn.prepare_cached(
        "SELECT c.seq, c.doc_id, d.kind, c.bytes FROM changes c JOIN documents d ON d.id = c.doc_id
         WHERE c.seq > ?1 AND c.device_id IS NOT ?2
           AND (EXISTS (SELECT 1 FROM json_each(?3) v WHERE v.value <> '' AND substr(d.village_code, 1, length(v.value)) = v.value)
                OR d.grid_code IN (SELECT value FROM json_each(?4)))
         ORDER BY c.seq",
    )?;
    let mut rows = stmt.query(params![cursor as i64, device.id, villages, grids])?;
    let mut out: Vec<v1::DocumentChanges> = Vec::new();
    let mut bytes = 0usize;
    let mut last = cursor;
    let mut more = false;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let doc_id: String = r.get(1)?;
        let kind: String = r.get(2)?;
        let data: Vec<u8> = r.get(3)?;
        if bytes > 0 && bytes + data.len() > page {
            more = true;
            break;
        }
        bytes += data.len();
        last = seq as u64;
        match out.last_mut() {
            Some(d) if d.document_id == doc_id => d.changes.push(data),
            _ => out.push(v1::DocumentChanges {
                document_id: doc_id,
                kind,
                changes: vec![data],
            }),
        }
    }
    if !more {
        // Nothing more in scope: move the cursor to the end of the feed so the next no-op sync
        // scans nothing.
        let end: i64 = conn.query_row("SELECT coalesce(max(seq), 0) FROM changes", [], |r| {
            r.get(0)
        })?;
        last = last.max(end as u64);
    }
    Ok((out, last, more))
}
