//! The engine's one error: what went wrong, as a value the facade (or the headless phone) turns
//! into its own words. Every cause keeps its source; nothing is matched on message text.

use ruhu_domain::case::CaseRuleError;
use ruhu_domain::money::Money;
use ruhu_domain::policy::PolicyError;
use ruhu_domain::validation::{FieldProblem, ValidationError};
use ruhu_domain::warnings::WarningError;
use ruhu_proto::v1::ErrorCode;
use ruhu_store::StoreError;

use crate::client::ClientError;

/// Why an engine call failed. Nothing was written unless the variant says otherwise.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The phone's store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The county could not be reached or refused the request.
    #[error(transparent)]
    County(#[from] ClientError),
    /// A form or argument breaks a rule of the domain; the problems name the fields.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The device is not enrolled with a county yet.
    #[error("not enrolled with a county")]
    NotEnrolled,
    /// A scanned code is not a usable enrollment code.
    #[error(transparent)]
    Qr(#[from] crate::qr::QrProblem),
    /// The county refused the enrollment code.
    #[error("enrollment refused ({0:?})")]
    EnrollmentRefused(ErrorCode),
    /// The county revoked this device; its local data has been wiped as instructed.
    #[error("device revoked by the county; local data wiped")]
    DeviceRevoked,
    /// The caller's listener stopped the sync; what was applied stays applied.
    #[error("sync cancelled")]
    Cancelled,
    /// The address lies outside the scope the county gave this device.
    #[error("address outside this device's scope")]
    OutOfScope,
    /// A bundle holds documents outside this device's scope; nothing was imported.
    #[error("{count} documents of the bundle lie outside this device's scope")]
    BundleOutsideScope {
        /// How many.
        count: u32,
    },
    /// A household of another county (this device serves one county).
    #[error("household of another county")]
    OtherCountyHousehold,
    /// Leaving the county would lose work the county does not have yet; nothing was wiped.
    #[error("{documents} documents and {photos} photo files not yet at the county")]
    UnsyncedWork {
        /// Documents with changes the county lacks.
        documents: u64,
        /// Photo files still to upload.
        photos: u64,
    },
    /// No visit task with that id on the household.
    #[error("no such visit task")]
    NoSuchTask,
    /// A visit-task rule refused the change.
    #[error(transparent)]
    Warning(#[from] WarningError),
    /// A case step breaks the workflow, the worker's role or the policy's rules.
    #[error(transparent)]
    CaseRule(#[from] CaseRuleError),
    /// A payment would take the household past the policy's yearly ceiling.
    #[error("yearly ceiling exceeded by {over}")]
    CeilingExceeded {
        /// By how much.
        over: Money,
    },
    /// No county policy has reached the phone yet (sync first).
    #[error("no county policy on this device yet")]
    PolicyMissing,
    /// The county policy cannot answer (`part` names which part of it was asked).
    #[error("county policy ({part:?}): {source}")]
    Policy {
        /// Which part of the policy was asked.
        part: PolicyPart,
        /// What the policy said.
        #[source]
        source: PolicyError,
    },
}

/// The part of the county policy a question went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyPart {
    /// The working-day calendar (deadlines).
    Calendar,
    /// The yearly ceiling per household (a payment).
    Ceiling,
    /// The amount tiers (a suggestion).
    Suggestion,
}

impl EngineError {
    /// A one-field problem, in the worker's words (the domain's style of validation message).
    pub fn field(field: &str, reason: impl Into<String>) -> Self {
        EngineError::Invalid(problem(field, reason))
    }
}

/// One field's problem as the domain's validation error.
pub(crate) fn problem(field: &str, reason: impl Into<String>) -> ValidationError {
    ValidationError(vec![FieldProblem {
        field: field.to_string(),
        reason: reason.into(),
    }])
}
