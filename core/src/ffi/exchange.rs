//! Exchange between devices through `RuhuStore`: conflicts to list and settle, bundles to
//! export and import.

use chrono::Utc;

use super::convert;
use super::error::ApiError;
use super::records::*;
use super::store::{RuhuStore, logged};
use crate::document::{DocKind, conflicts};
use crate::domain::case as dc;
use crate::store::StoreError;

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
                .ok_or(StoreError::NotFound("document"))?;
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
            .ok_or(StoreError::NotFound("document"))?;
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

    /// Merges a bundle from another device: all of it or, on any error, none of it.
    pub fn import_bundle(&self, bundle: Vec<u8>) -> Result<ImportReport, ApiError> {
        let r = logged(
            "import_bundle",
            self.store.import_bundle(&bundle).map_err(ApiError::from),
        )?;
        log::info!(
            "bundle imported: {} new, {} updated, {} new conflicts",
            r.created,
            r.updated,
            r.new_conflicts
        );
        Ok(ImportReport {
            created: r.created,
            updated: r.updated,
            unchanged: r.unchanged,
            new_conflicts: r.new_conflicts,
        })
    }
}
