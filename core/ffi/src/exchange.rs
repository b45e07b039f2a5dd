//! Exchange between devices through `RuhuStore`: conflicts to list and settle, bundles to
//! export and import.

use super::convert;
use super::error::ApiError;
use super::records::*;
use super::store::{RuhuStore, logged};
use ruhu_engine::exchange::OutsideScope;

#[uniffi::export]
impl RuhuStore {
    /// Conflicts of one document, or of every document when `document_id` is `None`.
    pub fn conflicts(&self, document_id: Option<String>) -> Result<Vec<Conflict>, ApiError> {
        Ok(self
            .phone
            .conflicts(document_id.as_deref())?
            .iter()
            .map(|(id, c)| convert::conflict(id, c))
            .collect())
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
        let path: Vec<String> = path.split('/').map(String::from).collect();
        logged(
            "settle_conflict",
            self.phone
                .settle_conflict(&document_id, &path, &value)
                .map_err(Into::into),
        )
    }

    /// A sealed bundle of the given documents for another device. A case brings its household.
    pub fn export_bundle(&self, document_ids: Vec<String>) -> Result<Vec<u8>, ApiError> {
        logged(
            "export_bundle",
            self.phone.export_bundle(&document_ids).map_err(Into::into),
        )
    }

    /// What importing a bundle would do, document by document, and which documents lie
    /// outside this device's scope. Imports nothing. A bundle that an import would refuse is
    /// refused here alike (`BundleRefused`).
    pub fn preview_bundle(&self, bundle: Vec<u8>) -> Result<BundlePreview, ApiError> {
        let entries = logged(
            "preview_bundle",
            self.phone.preview_bundle(&bundle).map_err(ApiError::from),
        )?;
        let documents: Vec<BundleDocumentPreview> = entries
            .into_iter()
            .map(|(e, in_scope)| BundleDocumentPreview {
                in_scope,
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
        self.import("import_bundle", &bundle, OutsideScope::Ask)
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
        let outside = if include_outside_scope {
            OutsideScope::Include
        } else {
            OutsideScope::Skip
        };
        self.import("import_bundle_confirmed", &bundle, outside)
    }
}

impl RuhuStore {
    fn import(
        &self,
        op: &str,
        bundle: &[u8],
        outside: OutsideScope,
    ) -> Result<ImportReport, ApiError> {
        let r = logged(
            op,
            self.phone
                .import_bundle(bundle, outside)
                .map_err(ApiError::from),
        )?;
        Ok(ImportReport {
            created: r.created,
            updated: r.updated,
            unchanged: r.unchanged,
            new_conflicts: r.new_conflicts,
            skipped: r.skipped,
        })
    }
}
