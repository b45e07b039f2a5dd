//! Form drafts kept as typed (see `ruhu_store::drafts`): the engine stamps each keystroke kept.

use chrono::Utc;

use ruhu_store::drafts::DraftSummary;

use crate::error::EngineError;
use crate::phone::Phone;

impl Phone {
    /// Keeps one field of a draft as typed.
    pub fn save_draft_field(
        &self,
        form: &str,
        field: &str,
        value: &str,
    ) -> Result<(), EngineError> {
        Ok(self
            .store
            .save_draft_field(form, field, value, Utc::now())?)
    }

    /// Every field of a draft, by field path.
    pub fn draft(&self, form: &str) -> Result<Vec<(String, String)>, EngineError> {
        Ok(self.store.draft(form)?)
    }

    /// Forgets a draft.
    pub fn discard_draft(&self, form: &str) -> Result<(), EngineError> {
        Ok(self.store.discard_draft(form)?)
    }

    /// The drafts kept, the most recently typed first.
    pub fn drafts(&self) -> Result<Vec<DraftSummary>, EngineError> {
        Ok(self.store.drafts()?)
    }
}
