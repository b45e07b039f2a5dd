//! Records of the case screens: the emergency, the opening form, events, timeline and lists.

use super::enums::*;
use super::records::Conflict;

/// The emergency behind a case.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct EmergencyInput {
    /// Kind.
    pub kind: EmergencyKind,
    /// When it happened, Unix ms.
    pub occurred_at_ms: i64,
    /// What happened.
    pub description: String,
    /// Losses.
    pub losses_fen: i64,
    /// Expected costs.
    pub expected_costs_fen: i64,
}

/// The form that opens a case.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct CaseInput {
    /// The household helped.
    pub household_id: String,
    /// How it came in.
    pub origin: CaseOrigin,
    /// 紧急型 or 支出型.
    pub kind: AssistanceKind,
    /// Which clock applies.
    pub path: CasePath,
    /// When the request was received, Unix ms (`None`: now).
    pub opened_at_ms: Option<i64>,
    /// The emergency (required for 紧急型).
    pub emergency: Option<EmergencyInput>,
}

/// A workflow step to record.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct CaseEventInput {
    /// What happened.
    pub kind: CaseEventKind,
    /// Remarks.
    #[uniffi(default = "")]
    pub note: String,
    /// Amount for 先行救助 and payments.
    #[uniffi(default = None)]
    pub amount_fen: Option<i64>,
    /// Department for referrals and feedback.
    #[uniffi(default = None)]
    pub department: Option<String>,
}

/// A recorded workflow step.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct CaseEventDetail {
    /// Event id.
    pub id: String,
    /// What happened.
    pub kind: CaseEventKind,
    /// When, Unix ms (device clock).
    pub at_ms: i64,
    /// Worker id.
    pub actor: String,
    /// Device id.
    pub device: String,
    /// Remarks.
    pub note: String,
    /// Amount.
    pub amount_fen: Option<i64>,
    /// Department.
    pub department: Option<String>,
    /// Why the event did not apply, if it did not (a conflict for a person to look at).
    pub conflict: Option<String>,
}

/// Everything on the case screen.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct CaseDetail {
    /// Case id.
    pub id: String,
    /// Household id.
    pub household_id: String,
    /// Origin.
    pub origin: CaseOrigin,
    /// Kind.
    pub kind: AssistanceKind,
    /// Path.
    pub path: CasePath,
    /// Received, Unix ms.
    pub opened_at_ms: i64,
    /// Receiving worker.
    pub opened_by: String,
    /// The emergency.
    pub emergency: Option<EmergencyInput>,
    /// Derived status.
    pub status: CaseStatus,
    /// 首问负责 owner.
    pub owner: Option<String>,
    /// Running deadline, Unix ms.
    pub next_deadline_ms: Option<i64>,
    /// Whether the deadline has passed.
    pub overdue: bool,
    /// Paid so far.
    pub total_paid_fen: i64,
    /// Events in replay order.
    pub events: Vec<CaseEventDetail>,
    /// Field conflicts.
    pub conflicts: Vec<Conflict>,
}

/// One row of the case list.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct CaseSummary {
    /// Case id.
    pub id: String,
    /// Household id.
    pub household_id: String,
    /// Status.
    pub status: CaseStatus,
    /// Path.
    pub path: CasePath,
    /// Kind.
    pub kind: AssistanceKind,
    /// Received, Unix ms.
    pub opened_at_ms: i64,
    /// Running deadline, Unix ms.
    pub next_deadline_ms: Option<i64>,
    /// Conflicts.
    pub conflicts: u32,
}

/// Case list filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct CaseQuery {
    /// Cases of one household.
    #[uniffi(default = None)]
    pub household_id: Option<String>,
    /// Only open cases.
    #[uniffi(default = false)]
    pub open_only: bool,
    /// Only overdue cases.
    #[uniffi(default = false)]
    pub overdue_only: bool,
    /// Page size (0: 50; at most 200).
    #[uniffi(default = 50)]
    pub limit: u32,
}
