//! Exchange between devices: conflicts to list and settle, and sealed bundles handed over by
//! file, with the documents outside this device's scope imported only when the worker chose to.

use chrono::Utc;

use ruhu_domain::case as dc;
use ruhu_domain::document::{DocKind, conflicts, conflicts::FieldConflict};
use ruhu_store::{BundleEntry, ImportReport, Missing, StoreError};

use crate::error::EngineError;
use crate::phone::Phone;

/// What to do with the documents of a bundle outside this device's scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutsideScope {
    /// Import nothing and say how many there are (`EngineError::BundleOutsideScope`).
    Ask,
    /// Import them too (the county will refuse them; they are handed back from the phone).
    Include,
    /// Leave them out.
    Skip,
}

impl Phone {
    /// Conflicts of one document, or of every document when `document_id` is `None`, each with
    /// its document's id.
    pub fn conflicts(
        &self,
        document_id: Option<&str>,
    ) -> Result<Vec<(String, FieldConflict)>, EngineError> {
        let ids = match document_id {
            Some(id) => vec![id.to_string()],
            None => self.store.conflicted_documents()?,
        };
        let mut out = Vec::new();
        for id in ids {
            let kind = self.kind_of(&id)?;
            let (_, doc) = self.store.document(&id, kind)?;
            out.extend(conflicts::list(&doc).into_iter().map(|c| (id.clone(), c)));
        }
        Ok(out)
    }

    /// Settles the conflict at `path` with one of its values; the choice, who made it and when
    /// are recorded in the document.
    pub fn settle_conflict(
        &self,
        document_id: &str,
        path: &[String],
        value: &serde_json::Value,
    ) -> Result<(), EngineError> {
        let kind = self.kind_of(document_id)?;
        Ok(self
            .store
            .settle(document_id, kind, path, value, Utc::now())?)
    }

    fn kind_of(&self, id: &str) -> Result<DocKind, EngineError> {
        Ok(self
            .store
            .kind_of(id)?
            .ok_or(StoreError::NotFound(Missing::Document))?)
    }

    /// A sealed bundle of the given documents for another device. A case brings its household.
    pub fn export_bundle(&self, document_ids: &[String]) -> Result<Vec<u8>, EngineError> {
        let mut ids: Vec<String> = Vec::new();
        for id in document_ids {
            if self.store.kind_of(id)? == Some(DocKind::Case) {
                let c: dc::Case = self.store.get(id)?;
                if !ids.contains(&c.household_id) {
                    ids.push(c.household_id);
                }
            }
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        Ok(self.store.export_bundle(&ids, Utc::now())?)
    }

    /// What importing a bundle would do, document by document, each with whether it lies in
    /// this device's scope. Imports nothing; a bundle an import would refuse is refused alike.
    pub fn preview_bundle(&self, bundle: &[u8]) -> Result<Vec<(BundleEntry, bool)>, EngineError> {
        let scope = self.store.scope()?;
        Ok(self
            .store
            .preview_bundle(bundle)?
            .into_iter()
            .map(|e| {
                let in_scope = scope.covers(&e.village_code, &e.grid_code);
                (e, in_scope)
            })
            .collect())
    }

    /// Merges a bundle from another device: all of it or, on any error, none of it; documents
    /// outside the scope as `outside` says.
    pub fn import_bundle(
        &self,
        bundle: &[u8],
        outside: OutsideScope,
    ) -> Result<ImportReport, EngineError> {
        let skip: Vec<String> = match outside {
            OutsideScope::Include => Vec::new(),
            OutsideScope::Ask | OutsideScope::Skip => self
                .preview_bundle(bundle)?
                .into_iter()
                .filter(|(_, in_scope)| !in_scope)
                .map(|(e, _)| e.document_id)
                .collect(),
        };
        if outside == OutsideScope::Ask && !skip.is_empty() {
            return Err(EngineError::BundleOutsideScope {
                count: skip.len() as u32,
            });
        }
        let r = self.store.import_bundle_except(bundle, &skip)?;
        log::info!(
            "bundle imported: {} new, {} updated, {} skipped, {} new conflicts",
            r.created,
            r.updated,
            r.skipped,
            r.new_conflicts
        );
        Ok(r)
    }
}
