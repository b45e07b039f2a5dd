//! Change bundles: export documents to a file, import a colleague's file and merge it.
//!
//! A bundle carries whole automerge documents (their compressed save format), so importing
//! merges whatever the receiver lacks. It is sealed with a SHA-256 over its body and refused
//! whole, with nothing stored, if anything is wrong: damaged, another county, another protocol
//! version, a document this app cannot read. A preview runs the same checks without writing and
//! says where each document lies, so the app can ask before importing documents outside the
//! device's scope (which the county would refuse at the next sync).

use crate::faults::{BundleRefusal, Missing};
use automerge::AutoCommit;
use chrono::{DateTime, Utc};
use ruhu_proto::{BUNDLE_MAGIC, Message, PROTOCOL_VERSION, v1};
use sha2::{Digest, Sha256};

use super::{Store, StoreError, docs, index};
use ruhu_domain::document::{self, DocKind, conflicts};
use ruhu_domain::{case::Case, household::Household};

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Documents this store did not have.
    pub created: u32,
    /// Documents that gained changes.
    pub updated: u32,
    /// Documents that were already up to date.
    pub unchanged: u32,
    /// Fields or events newly in conflict after the merge.
    pub new_conflicts: u32,
    /// Documents of the bundle left out (outside the device's scope, not confirmed).
    pub skipped: u32,
}

/// One document of a bundle, as an import would take it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleEntry {
    /// The document.
    pub document_id: String,
    /// Its kind.
    pub kind: DocKind,
    /// Village code of the merged document.
    pub village_code: String,
    /// Grid code of the merged document.
    pub grid_code: String,
    /// Whether this store lacks the document.
    pub created: bool,
    /// Whether the import would change the document (new, or gaining changes).
    pub changes: bool,
}

/// The largest bundle accepted (a county-wide handover fits well within it).
const MAX_BUNDLE: usize = 256 * 1024 * 1024;

impl Store {
    /// Seals the given documents into a bundle.
    pub fn export_bundle(&self, ids: &[String], now: DateTime<Utc>) -> Result<Vec<u8>, StoreError> {
        let county_code = self.require_profile()?.county_code;
        let documents = self.read(|c| {
            ids.iter()
                .map(|id| {
                    let (kind, mut doc) =
                        docs::load(c, id)?.ok_or(StoreError::NotFound(Missing::Document))?;
                    Ok(v1::BundleDocument {
                        document_id: id.clone(),
                        kind: kind.code().to_string(),
                        automerge: doc.save(),
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()
        })?;
        let body = v1::Bundle {
            protocol_version: PROTOCOL_VERSION,
            county_code,
            created_at_unix: now.timestamp(),
            documents,
        }
        .encode_to_vec();
        let sealed = v1::SealedBundle {
            magic: BUNDLE_MAGIC.to_string(),
            sha256: Sha256::digest(&body).to_vec(),
            bundle: body,
        };
        Ok(sealed.encode_to_vec())
    }

    /// Merges a bundle into the store: all of it, or (on any error) none of it.
    pub fn import_bundle(&self, bytes: &[u8]) -> Result<ImportReport, StoreError> {
        self.import_bundle_except(bytes, &[])
    }

    /// What importing a bundle would do, document by document, after every check an import
    /// makes. Writes nothing.
    pub fn preview_bundle(&self, bytes: &[u8]) -> Result<Vec<BundleEntry>, StoreError> {
        let bundle = self.open_bundle(bytes)?;
        let county_code = bundle.county_code.clone();
        self.read(|c| {
            bundle
                .documents
                .iter()
                .map(|d| Ok(merged(c, d, &county_code)?.0))
                .collect()
        })
    }

    /// Merges a bundle into the store, leaving out the documents named in `skip`: the rest,
    /// or (on any error) none of it.
    pub fn import_bundle_except(
        &self,
        bytes: &[u8],
        skip: &[String],
    ) -> Result<ImportReport, StoreError> {
        let bundle = self.open_bundle(bytes)?;
        let county_code = bundle.county_code.clone();
        self.write(|tx| {
            let mut report = ImportReport::default();
            for d in &bundle.documents {
                if skip.contains(&d.document_id) {
                    report.skipped += 1;
                    continue;
                }
                let (entry, mut doc, before, conflicts_before) = merged(tx, d, &county_code)?;
                if !entry.changes {
                    report.unchanged += 1;
                    continue;
                }
                let now = Utc::now();
                report.new_conflicts +=
                    conflicts::list(&doc).len().saturating_sub(conflicts_before) as u32;
                if entry.created {
                    docs::insert(tx, &d.document_id, entry.kind, &mut doc, now)?;
                    report.created += 1;
                } else {
                    docs::append(tx, &d.document_id, &mut doc, &before, now)?;
                    report.updated += 1;
                }
                index::reindex(tx, &d.document_id, entry.kind, &doc)?;
            }
            Ok(report)
        })
    }

    /// Reads and checks a sealed bundle of this store's county.
    fn open_bundle(&self, bytes: &[u8]) -> Result<v1::Bundle, StoreError> {
        let county_code = self.require_profile()?.county_code;
        if bytes.len() > MAX_BUNDLE {
            return Err(StoreError::Bundle(BundleRefusal::TooLarge));
        }
        let sealed = v1::SealedBundle::decode(bytes)
            .map_err(|_| StoreError::Bundle(BundleRefusal::NotABundle))?;
        if sealed.magic != BUNDLE_MAGIC {
            return Err(StoreError::Bundle(BundleRefusal::NotABundle));
        }
        if Sha256::digest(&sealed.bundle).as_slice() != sealed.sha256.as_slice() {
            return Err(StoreError::Bundle(BundleRefusal::Damaged));
        }
        let bundle = v1::Bundle::decode(sealed.bundle.as_slice())
            .map_err(|_| StoreError::Bundle(BundleRefusal::Damaged))?;
        if bundle.protocol_version != PROTOCOL_VERSION {
            return Err(StoreError::Bundle(BundleRefusal::IncompatibleVersion));
        }
        if bundle.county_code != county_code {
            return Err(StoreError::Bundle(BundleRefusal::OtherCounty));
        }
        Ok(bundle)
    }
}

/// One bundle document merged in memory with the stored one and checked: what the import
/// would do, the merged document, the stored heads and its conflict count before.
fn merged(
    c: &rusqlite::Connection,
    d: &v1::BundleDocument,
    county_code: &str,
) -> Result<(BundleEntry, AutoCommit, Vec<automerge::ChangeHash>, usize), StoreError> {
    let kind = DocKind::from_code(&d.kind).ok_or(StoreError::Bundle(BundleRefusal::UnknownKind))?;
    let incoming = untrusted(|| AutoCommit::load(&d.automerge))?;
    if document::kind_of(&incoming) != Some(kind) {
        return Err(StoreError::Bundle(BundleRefusal::KindMismatch));
    }
    let (doc, before, conflicts_before, created) = match docs::load(c, &d.document_id)? {
        None => (incoming, Vec::new(), 0, true),
        Some((have_kind, mut doc)) => {
            if have_kind != kind {
                return Err(StoreError::Bundle(BundleRefusal::KindMismatch));
            }
            let before = doc.get_heads();
            let conflicts_before = conflicts::list(&doc).len();
            untrusted(|| doc.load_incremental(&d.automerge))?;
            (doc, before, conflicts_before, false)
        }
    };
    let mut doc = doc;
    let changes = created || doc.get_heads() != before;
    let (village_code, grid_code) = check(&doc, kind, &d.document_id, county_code)?;
    Ok((
        BundleEntry {
            document_id: d.document_id.clone(),
            kind,
            village_code,
            grid_code,
            created,
            changes,
        },
        doc,
        before,
        conflicts_before,
    ))
}

/// Runs automerge on a bundle's bytes. Crafted bytes can make automerge 0.12 panic (its change
/// batch code unwraps); from a file that came from outside, that is a damaged bundle, refused
/// whole, never a panic in the app. What automerge left half-done is dropped with the
/// transaction.
fn untrusted<T>(
    load: impl FnOnce() -> Result<T, automerge::AutomergeError>,
) -> Result<T, StoreError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(load))
        .ok()
        .and_then(Result::ok)
        .ok_or(StoreError::Bundle(BundleRefusal::Damaged))
}

/// The merged document must be readable by this app and belong to this county. Returns where
/// it lies (village and grid codes).
fn check(
    doc: &AutoCommit,
    kind: DocKind,
    id: &str,
    county: &str,
) -> Result<(String, String), StoreError> {
    let (doc_id, doc_county, village, grid) = match kind {
        DocKind::Household => {
            let h: Household = document::read(doc)?;
            let a = h.profile.address;
            (h.id, a.county_code, a.village_code, a.grid_code)
        }
        DocKind::Case => {
            let c: Case = document::read(doc)?;
            (c.id, c.county_code, c.village_code, c.grid_code)
        }
        // The policy comes from the county by sync, never from another phone.
        DocKind::Policy => return Err(StoreError::Bundle(BundleRefusal::PolicyNotHandedOver)),
    };
    if doc_id != id {
        return Err(StoreError::Bundle(BundleRefusal::IdMismatch));
    }
    if doc_county != county {
        return Err(StoreError::Bundle(BundleRefusal::OtherCounty));
    }
    Ok((village, grid))
}
