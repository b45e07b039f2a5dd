//! The device and its forms: drafts kept in the encrypted store as they are typed (a form left
//! by a killed app opens again exactly as it was), the enrollment QR code read as both phones
//! read it, what enrollment granted, and the places a form may offer.

use super::error::ApiError;
use super::store::{RuhuStore, logged};

/// One field of a draft, as typed.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct DraftField {
    /// The field's path in the form (the app's names, e.g. `members.0.name`).
    pub field: String,
    /// What was typed (may be empty: the worker cleared it).
    pub value: String,
}

/// An unfinished form.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct DraftSummary {
    /// The form's key, as the app named it (e.g. `household/new/<uuid>`).
    pub form: String,
    /// Fields typed so far.
    pub fields: u32,
    /// Last keystroke kept, Unix ms.
    pub updated_at_ms: i64,
}

/// Where and with which code to enroll, read from the county's QR code.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct EnrollmentTarget {
    /// The county store's address (pass to `enroll`).
    pub server_url: String,
    /// The one-time code (pass to `enroll`).
    pub code: String,
}

/// Reads a scanned enrollment QR code. Another app's code, a code of a newer version and an
/// address the phone may not send data to are refused (`InvalidInput` on field `qr`).
#[uniffi::export]
pub fn parse_enrollment_qr(payload: String) -> Result<EnrollmentTarget, ApiError> {
    use ruhu_engine::{EngineError, client::ClientError};
    let t = match ruhu_engine::qr::parse_enrollment_qr(&payload) {
        Ok(t) => t,
        Err(EngineError::County(ClientError::Address(why))) => {
            return Err(ApiError::field("qr", why));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(EnrollmentTarget {
        server_url: t.server_url,
        code: t.code,
    })
}

#[uniffi::export]
impl RuhuStore {
    /// Keeps one field of a draft as typed; call it on every change. Cheap (one small write).
    pub fn save_draft(&self, form: String, field: String, value: String) -> Result<(), ApiError> {
        Ok(self.phone.save_draft_field(&form, &field, &value)?)
    }

    /// Every field of a draft (empty when there is none), to fill the form again.
    pub fn draft(&self, form: String) -> Result<Vec<DraftField>, ApiError> {
        Ok(self
            .phone
            .draft(&form)?
            .into_iter()
            .map(|(field, value)| DraftField { field, value })
            .collect())
    }

    /// Forgets a draft: the form was saved as a record, or the worker threw it away.
    pub fn discard_draft(&self, form: String) -> Result<(), ApiError> {
        logged(
            "discard_draft",
            self.phone.discard_draft(&form).map_err(Into::into),
        )
    }

    /// The unfinished forms, the most recently typed first.
    pub fn drafts(&self) -> Result<Vec<DraftSummary>, ApiError> {
        Ok(self
            .phone
            .drafts()?
            .into_iter()
            .map(|d| DraftSummary {
                form: d.form,
                fields: d.fields,
                updated_at_ms: d.updated_at.timestamp_millis(),
            })
            .collect())
    }
}

/// What enrollment granted this device, for the screens.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct EnrollmentInfo {
    /// The county store's address.
    pub server_url: String,
    /// The worker's role code (`grid_worker`, `township_officer`, `supervisor`).
    pub role: String,
    /// The role in Chinese (网格员, 乡镇经办人, 县级审核员).
    pub role_label: String,
    /// Village-code prefixes the device serves.
    pub villages: Vec<String>,
    /// Grid codes the device serves.
    pub grids: Vec<String>,
}

/// A place a form may offer.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Place {
    /// Village code (12 digits).
    pub village_code: String,
    /// Village name.
    pub village_name: String,
    /// Grid code.
    pub grid_code: String,
}

#[uniffi::export]
impl RuhuStore {
    /// What enrollment granted this device (none before enrollment).
    pub fn enrollment_info(&self) -> Result<Option<EnrollmentInfo>, ApiError> {
        Ok(self.phone.enrollment()?.map(|e| EnrollmentInfo {
            server_url: e.server_url,
            role: e.role.code().to_string(),
            role_label: e.role.label().to_string(),
            villages: e.scope.villages,
            grids: e.scope.grids,
        }))
    }

    /// The places (village and grid) of the households this phone holds in its scope, for the
    /// address fields of a form.
    pub fn places(&self) -> Result<Vec<Place>, ApiError> {
        Ok(self
            .phone
            .places()?
            .into_iter()
            .map(|(village_code, village_name, grid_code)| Place {
                village_code,
                village_name,
                grid_code,
            })
            .collect())
    }
}
