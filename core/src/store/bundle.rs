//! Change bundles: export documents to a file, import a colleague's file and merge it.
//!
//! A bundle carries whole automerge documents (their compressed save format), so importing
//! merges whatever the receiver lacks. It is sealed with a SHA-256 over its body and refused
//! whole, with nothing stored, if anything is wrong: damaged, another county, another protocol
//! version, a document this app cannot read.

use automerge::AutoCommit;
use chrono::{DateTime, Utc};
use ruhu_proto::{BUNDLE_MAGIC, Message, PROTOCOL_VERSION, v1};
use sha2::{Digest, Sha256};

use super::{Store, StoreError, docs, index};
use crate::document::{self, DocKind, conflicts};
use crate::domain::{case::Case, household::Household};

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
                        docs::load(c, id)?.ok_or(StoreError::NotFound("document"))?;
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
        let county_code = self.require_profile()?.county_code;
        if bytes.len() > MAX_BUNDLE {
            return Err(StoreError::Bundle("too large"));
        }
        let sealed =
            v1::SealedBundle::decode(bytes).map_err(|_| StoreError::Bundle("not a bundle file"))?;
        if sealed.magic != BUNDLE_MAGIC {
            return Err(StoreError::Bundle("not a bundle file"));
        }
        if Sha256::digest(&sealed.bundle).as_slice() != sealed.sha256.as_slice() {
            return Err(StoreError::Bundle("damaged or altered"));
        }
        let bundle = v1::Bundle::decode(sealed.bundle.as_slice())
            .map_err(|_| StoreError::Bundle("damaged or altered"))?;
        if bundle.protocol_version != PROTOCOL_VERSION {
            return Err(StoreError::Bundle("from an incompatible app version"));
        }
        if bundle.county_code != county_code {
            return Err(StoreError::Bundle("from another county"));
        }
        self.write(|tx| {
            let mut report = ImportReport::default();
            for d in &bundle.documents {
                let kind = DocKind::from_code(&d.kind)
                    .ok_or(StoreError::Bundle("unknown document kind"))?;
                let incoming = untrusted(|| AutoCommit::load(&d.automerge))?;
                if document::kind_of(&incoming) != Some(kind) {
                    return Err(StoreError::Bundle("document kind does not match"));
                }
                let now = Utc::now();
                match docs::load(tx, &d.document_id)? {
                    None => {
                        let mut doc = incoming;
                        check(&doc, kind, &d.document_id, &county_code)?;
                        report.new_conflicts += conflicts::list(&doc).len() as u32;
                        docs::insert(tx, &d.document_id, kind, &mut doc, now)?;
                        index::reindex(tx, &d.document_id, kind, &doc)?;
                        report.created += 1;
                    }
                    Some((have_kind, mut doc)) => {
                        if have_kind != kind {
                            return Err(StoreError::Bundle("document kind does not match"));
                        }
                        let before = doc.get_heads();
                        let conflicts_before = conflicts::list(&doc).len();
                        untrusted(|| doc.load_incremental(&d.automerge))?;
                        if doc.get_heads() == before {
                            report.unchanged += 1;
                            continue;
                        }
                        check(&doc, kind, &d.document_id, &county_code)?;
                        report.new_conflicts +=
                            conflicts::list(&doc).len().saturating_sub(conflicts_before) as u32;
                        docs::append(tx, &d.document_id, &mut doc, &before, now)?;
                        index::reindex(tx, &d.document_id, kind, &doc)?;
                        report.updated += 1;
                    }
                }
            }
            Ok(report)
        })
    }
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
        .ok_or(StoreError::Bundle("damaged or altered"))
}

/// The merged document must be readable by this app and belong to this county.
fn check(doc: &AutoCommit, kind: DocKind, id: &str, county: &str) -> Result<(), StoreError> {
    let (doc_id, doc_county) = match kind {
        DocKind::Household => {
            let h: Household = document::read(doc)?;
            (h.id, h.profile.address.county_code)
        }
        DocKind::Case => {
            let c: Case = document::read(doc)?;
            (c.id, c.county_code)
        }
        // The policy comes from the county by sync, never from another phone.
        DocKind::Policy => return Err(StoreError::Bundle("the county policy is not handed over")),
    };
    if doc_id != id {
        return Err(StoreError::Bundle("document id does not match"));
    }
    if doc_county != county {
        return Err(StoreError::Bundle("from another county"));
    }
    Ok(())
}
