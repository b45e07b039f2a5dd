//! Exchange between devices through `RuhuStore`: conflicts to list and settle, bundles to
//! export and import.

use chrono::Utc;

use super::convert;
use super::error::ApiError;
use super::records::*;
use super::store::{RuhuStore, logged};
use ruhu_domain::case as dc;
use ruhu_domain::document::{DocKind, conflicts};
use ruhu_store::StoreError;

#[uniffi::export]
impl RuhuStore {
    /// Conflicts of one document, or of every document when `document_id` is `None`.
    pub fn conflicts(&self, document_id: Option<String>) -> Result<Vec<Conflict>, ApiError> {
        let ids = match document_id {
            Some(id) => vec![id],
            None => self.store.conflicted_documents()?,
        };
        let mut out = Vec::new();
        for id in ids {
            let kind = self
                .store
                .kind_of(&id)?
                .ok_or(StoreError::NotFound(ruhu_store::Missing::Document))?;
            let (_, doc) = self.store.document(&id, kind)?;
            out.extend(
                conflicts::list(&doc)
                    .iter()
                    .map(|c| convert::conflict(&id, c)),
            );
        }
        Ok(out)
    }

    /// Settles a conflict with one of its values (`value_json` from [`ConflictValue`]). The
    /// choice, who made it and when are recorded in the document.
    pub fn settle_conflict(
        &self,
        document_id: String,
        path: String,
        value_json: String,
    ) -> Result<(), ApiError> {
        let value: serde_json::Value = serde_json::from_str(&value_json)
            .map_err(|_| ApiError::field("value_json", "不是冲突中的取值"))?;
        let kind = self
            .store
            .kind_of(&document_id)?
            .ok_or(StoreError::NotFound(ruhu_store::Missing::Document))?;
        let path: Vec<String> = path.split('/').map(String::from).collect();
        logged(
            "settle_conflict",
            self.store
                .settle(&document_id, kind, &path, &value, Utc::now())
                .map_err(Into::into),
        )
    }

    /// A sealed bundle of the given documents for another device. A case brings its household.
    pub fn export_bundle(&self, document_ids: Vec<String>) -> Result<Vec<u8>, ApiError> {
        let mut ids = Vec::new();
        for id in document_ids {
            if self.store.kind_of(&id)? == Some(DocKind::Case) {
                let c: dc::Case = self.store.get(&id)?;
                if !ids.contains(&c.household_id) {
                    ids.push(c.household_id);
                }
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        logged(
            "export_bundle",
            self.store
                .export_bundle(&ids, Utc::now())
                .map_err(Into::into),
        )
    }

    /// What importing a bundle would do, document by document, and which documents lie
    /// outside this device's scope. Imports nothing. A bundle that an import would refuse is
    /// refused here alike (`BundleRefused`).
    pub fn preview_bundle(&self, bundle: Vec<u8>) -> Result<BundlePreview, ApiError> {
        let scope = self.store.scope()?;
        let entries = logged(
            "preview_bundle",
            self.store.preview_bundle(&bundle).map_err(ApiError::from),
        )?;
        let documents: Vec<BundleDocumentPreview> = entries
            .into_iter()
            .map(|e| BundleDocumentPreview {
                in_scope: scope.covers(&e.village_code, &e.grid_code),
                document_id: e.document_id,
                kind: e.kind.code().into(),
                village_code: e.village_code,
                grid_code: e.grid_code,
                created: e.created,
                changes: e.changes,
            })
            .collect();
        Ok(BundlePreview {
            outside_scope: documents.iter().filter(|d| !d.in_scope).count() as u32,
            documents,
        })
    }

    /// Merges a bundle from another device: all of it or, on any error, none of it. A bundle
    /// holding documents outside this device's scope is refused with `BundleOutsideScope`
    /// (nothing imported): preview it and ask the worker, then `import_bundle_confirmed`.
    pub fn import_bundle(&self, bundle: Vec<u8>) -> Result<ImportReport, ApiError> {
        let preview = self.preview_bundle(bundle.clone())?;
        if preview.outside_scope > 0 {
            return logged(
                "import_bundle",
                Err(ApiError::BundleOutsideScope {
                    count: preview.outside_scope,
                }),
            );
        }
        self.import_except("import_bundle", &bundle, &[])
    }

    /// Merges a bundle after the worker saw its preview: with `include_outside_scope` the
    /// documents outside this device's scope are imported too (kept on the phone; the county
    /// will refuse them at the next sync and they are listed in `refused_documents`, to be
    /// handed back), without it they are left out (`skipped`). All or nothing otherwise.
    pub fn import_bundle_confirmed(
        &self,
        bundle: Vec<u8>,
        include_outside_scope: bool,
    ) -> Result<ImportReport, ApiError> {
        let skip: Vec<String> = if include_outside_scope {
            Vec::new()
        } else {
            self.preview_bundle(bundle.clone())?
                .documents
                .into_iter()
                .filter(|d| !d.in_scope)
                .map(|d| d.document_id)
                .collect()
        };
        self.import_except("import_bundle_confirmed", &bundle, &skip)
    }
}

impl RuhuStore {
    fn import_except(
        &self,
        op: &str,
        bundle: &[u8],
        skip: &[String],
    ) -> Result<ImportReport, ApiError> {
        let r = logged(
            op,
            self.store
                .import_bundle_except(bundle, skip)
                .map_err(ApiError::from),
        )?;
        log::info!(
            "bundle imported: {} new, {} updated, {} skipped, {} new conflicts",
            r.created,
            r.updated,
            r.skipped,
            r.new_conflicts
        );
        Ok(ImportReport {
            created: r.created,
            updated: r.updated,
            unchanged: r.unchanged,
            new_conflicts: r.new_conflicts,
            skipped: r.skipped,
        })
    }
}
