//! Documents the county refused, as a screen shows them: each kept on the phone with a plain
//! reason for the worker and what can be done, and a way to send one again. The county's codes
//! become the worker's words here, and only here.

use ruhu_proto::v1::ErrorCode;

use super::error::ApiError;
use super::store::{RuhuStore, logged};

/// What the worker can do about a refused document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum RefusalAction {
    /// The record lies in a grid this device does not serve: export a handover bundle to the
    /// colleague who serves it (`export_bundle`).
    HandBack,
    /// Only the township (or county support) can resolve it: ask them, then retry.
    AskTownship,
}

/// A document the county refused; it stays on the phone with all its changes and is not sent
/// again until it changes or the worker retries it.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct RefusedDocument {
    /// The document.
    pub document_id: String,
    /// `household` or `case`.
    pub kind: String,
    /// The county's code, stable and lowercase (`out_of_scope`, `invalid_content`, …).
    pub code: String,
    /// Why, in plain Chinese for the worker.
    pub reason: String,
    /// What can be done.
    pub action: RefusalAction,
    /// When the refusal arrived, Unix milliseconds.
    pub refused_at: i64,
}

/// The worker's words and the way out for a refusal code (codes this build does not know read
/// as a content refusal).
pub fn refusal_reason(code: i32) -> (&'static str, RefusalAction) {
    match ErrorCode::try_from(code).unwrap_or(ErrorCode::Unspecified) {
        ErrorCode::OutOfScope => (
            "这条记录不在本机负责的村或网格内，县级平台没有接收。请把它交接给负责该网格的同事，或请乡镇核对地址。",
            RefusalAction::HandBack,
        ),
        ErrorCode::ForgedActor => (
            "这条记录含有县级平台不认可的设备写入的内容，县级平台没有接收。请联系乡镇。",
            RefusalAction::AskTownship,
        ),
        ErrorCode::RoleMayNot => (
            "这一办理步骤超出本人的职责，县级平台没有接收，步骤已保留在本机。请乡镇经办人员或县级督导办理。",
            RefusalAction::AskTownship,
        ),
        ErrorCode::CaseRule => (
            "这一办理步骤不符合办理规则（顺序、时间或记录人不对），县级平台没有接收，步骤已保留在本机。请联系乡镇核对。",
            RefusalAction::AskTownship,
        ),
        ErrorCode::InvalidContent => (
            "这条记录的内容没有通过县级平台的检查，县级平台没有接收。请核对修改，或联系乡镇。",
            RefusalAction::AskTownship,
        ),
        _ => (
            "县级平台无法接收这条记录，记录已保留在本机。请联系乡镇或技术支持。",
            RefusalAction::AskTownship,
        ),
    }
}

/// The stable lowercase name of a code (`out_of_scope`), or `refused_<n>` for one this build
/// does not know.
fn code_name(code: i32) -> String {
    match ErrorCode::try_from(code) {
        Ok(c) => c.as_str_name().to_ascii_lowercase(),
        Err(_) => format!("refused_{code}"),
    }
}

#[uniffi::export]
impl RuhuStore {
    /// The documents the county refused, newest refusal first, each with the worker's reason
    /// and what can be done.
    pub fn refused_documents(&self) -> Result<Vec<RefusedDocument>, ApiError> {
        Ok(self
            .phone
            .store()
            .refusals()?
            .into_iter()
            .map(|r| {
                let (reason, action) = refusal_reason(r.code);
                RefusedDocument {
                    document_id: r.document_id,
                    kind: r.kind.code().into(),
                    code: code_name(r.code),
                    reason: reason.into(),
                    action,
                    refused_at: r.refused_at,
                }
            })
            .collect())
    }

    /// Sends a refused document again at the next sync (after the township sorted it out).
    /// `NotFound` when the document is not refused.
    pub fn retry_refused(&self, document_id: String) -> Result<(), ApiError> {
        logged(
            "retry_refused",
            match self.phone.store().retry_refused(&document_id)? {
                true => Ok(()),
                false => Err(ApiError::NotFound {
                    what: "被拒收的记录".into(),
                }),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_as_plain_chinese_with_a_way_out() {
        for code in 0..40 {
            let (reason, _) = refusal_reason(code);
            assert!(!reason.is_ascii() && !reason.chars().any(|c| c.is_ascii_alphabetic()));
        }
        assert_eq!(
            refusal_reason(ErrorCode::OutOfScope as i32).1,
            RefusalAction::HandBack
        );
        let generic = refusal_reason(ErrorCode::Unspecified as i32).0;
        assert_ne!(refusal_reason(ErrorCode::RoleMayNot as i32).0, generic);
        assert_ne!(refusal_reason(ErrorCode::CaseRule as i32).0, generic);
        assert_eq!(code_name(ErrorCode::OutOfScope as i32), "out_of_scope");
        assert_eq!(code_name(99), "refused_99");
    }
}
