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
    /// 入户调查: the investigators (worker ids or names; at least two).
    #[uniffi(default = [])]
    pub investigators: Vec<String>,
    /// Evidence photo ids the step rests on (signatures, the posted notice).
    #[uniffi(default = [])]
    pub photo_ids: Vec<String>,
    /// 初审: the compliant out-of-pocket medical cost found, 分 (for 一事一议).
    #[uniffi(default = None)]
    pub out_of_pocket_medical_fen: Option<i64>,
    /// 集体研判 / 一事一议 / 个案会商 minutes.
    #[uniffi(default = None)]
    pub meeting: Option<MeetingInput>,
    /// For an answer to a 转办单: the referral event it answers.
    #[uniffi(default = None)]
    pub answers: Option<String>,
    /// For the end of 公示: whether objections were raised.
    #[uniffi(default = false)]
    pub objection: bool,
    /// When the step happened, Unix ms, if earlier than now (help given at 2 a.m. and written
    /// up at 9); within the county policy's window. `None`: it happened now.
    #[uniffi(default = None)]
    pub happened_at_ms: Option<i64>,
}

impl CaseEventInput {
    /// A step of `kind` with nothing else filled in (for Rust callers; the apps get the
    /// defaults from the bindings).
    pub fn new(kind: CaseEventKind) -> Self {
        CaseEventInput {
            kind,
            note: String::new(),
            amount_fen: None,
            department: None,
            investigators: Vec::new(),
            photo_ids: Vec::new(),
            out_of_pocket_medical_fen: None,
            meeting: None,
            answers: None,
            objection: false,
            happened_at_ms: None,
        }
    }
}

/// What a meeting recorded.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct MeetingInput {
    /// Which kind of meeting.
    pub kind: MeetingKind,
    /// Who took part (at least three).
    pub participants: Vec<String>,
    /// What was decided.
    pub decision: String,
}

/// A running clock of a case.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct CaseClockRecord {
    /// Stable clock code (`advance_aid_urgent`, `preliminary_review`, …).
    pub clock: String,
    /// Due, Unix ms; `None` when it cannot be told (see `warning`).
    pub due_ms: Option<i64>,
    /// Where it stands now, when due is known.
    pub state: Option<ClockState>,
    /// Why the due time cannot be told (a year missing from the calendar), in words.
    pub warning: Option<String>,
}

/// The suggested amount for a case, with its reasons.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct AssistanceSuggestion {
    /// Suggested amount, 分.
    pub amount_fen: i64,
    /// The tier applied.
    pub tier_code: String,
    /// How it was reached, step by step, in Chinese.
    pub reasons: Vec<String>,
    /// Whether 一事一议 is needed.
    pub case_by_case: bool,
    /// Whether the household's yearly ceiling cut it down.
    pub capped_by_ceiling: bool,
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
    /// When it was entered, Unix ms, if the worker dated it earlier than its entry; the clocks
    /// run from `at_ms`.
    pub recorded_at_ms: Option<i64>,
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
    /// Every running clock, nearest first.
    pub clocks: Vec<CaseClockRecord>,
    /// What this worker may record next (empty before enrollment).
    pub allowed_actions: Vec<CaseEventKind>,
    /// For each allowed step that must name photos as evidence (入户调查: the signatures, 公示:
    /// the posted notice), the kind needed and the case's photos of that kind to choose from.
    #[uniffi(default = [])]
    pub step_evidence: Vec<StepEvidence>,
    /// Whether the county policy has reached this phone (clocks and checks follow it).
    pub policy_version: Option<u32>,
    /// Field conflicts.
    pub conflicts: Vec<Conflict>,
}

/// The photos a step must name: of `kind`, among the case's own (taken or signed for the case).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct StepEvidence {
    /// The step.
    pub step: CaseEventKind,
    /// The kind of photo it must name at least one of.
    pub kind: PhotoKind,
    /// The case's photos of that kind, oldest first (none yet: take or sign them first).
    pub photo_ids: Vec<String>,
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
