//! Who may record which step, and the check a phone runs before it appends an event.
//!
//! - 网格员 (grid worker): investigates (入户调查), completes the paperwork after 先行救助,
//!   tells the family the outcome; gives 先行救助 only where the county policy allows it. Reports
//!   a case (`Case::opened_by`) but does not accept it: 受理 is the township's one-window act
//!   (一门受理) or the county's, and whoever accepts first owns the case (首问负责).
//! - 乡镇经办人员 (township officer): accepts, investigates, writes the 初审, refers, records
//!   answers, holds 集体研判 / 一事一议, publishes, pays, decides at township level, and closes
//!   the cases it owns.
//! - 县级督导 (supervisor): everything the township does except the visit and the 初审, decides
//!   at county level, and may close any case.
//!
//! There is no reassignment: 首问负责 keeps the first receiver answerable until closure; others
//! take part through 转办单, named investigators and meetings, all recorded under their own names.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingDayCalendar;
use crate::money::Money;
use crate::photo::PhotoKind;
use crate::policy::CountyPolicy;

use super::events::{CaseEvent, CaseEventKind};
use super::replay::{Context, apply, approval_level, gate, payment_allowed};
use super::rules::CaseRuleError;
use super::state::{ApprovalLevel, CaseState, Publicity};
use super::{Case, CasePath, CaseStatus};

/// A worker's role, as the county enrolls them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 网格员 / 社会救助协理员.
    GridWorker,
    /// 乡镇(街道) 社会救助经办人员.
    TownshipOfficer,
    /// 县级民政 督导 / 审批.
    Supervisor,
}

impl Role {
    /// Every role, from the field up.
    pub const ALL: [Role; 3] = [Role::GridWorker, Role::TownshipOfficer, Role::Supervisor];

    /// The stable code stored on the phone and sent by forms (`grid_worker`, …).
    pub const fn code(self) -> &'static str {
        match self {
            Role::GridWorker => "grid_worker",
            Role::TownshipOfficer => "township_officer",
            Role::Supervisor => "supervisor",
        }
    }

    /// The role whose [`code`](Self::code) is `code`.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The role's name as workers and the console show it: one wording everywhere.
    pub const fn label(self) -> &'static str {
        match self {
            Role::GridWorker => "网格员",
            Role::TownshipOfficer => "乡镇经办人员",
            Role::Supervisor => "县级督导",
        }
    }
}

impl Case {
    /// What this worker may record next on the case, in workflow order. A step listed here can
    /// still be refused by `check_new_event` for its content (too few investigators, an amount
    /// over the approval, a 公示 taken down before its days are over).
    pub fn allowed_actions(
        &self,
        state: &CaseState,
        role: Role,
        worker_id: &str,
    ) -> Vec<CaseEventKind> {
        let fully_paid = state
            .approved_amount
            .is_some_and(|approved| state.batches_paid >= approved);
        CaseEventKind::ALL
            .into_iter()
            .filter(|kind| !(*kind == CaseEventKind::Payment && fully_paid))
            .filter(|kind| step_rule(self, state, role, worker_id, *kind).is_ok())
            .collect()
    }

    /// Checks an event before it is appended: its form, its time (not before the case was
    /// opened nor before a step already recorded, by more than [`CLOCK_TOLERANCE`]: replay
    /// orders by time, so a backdated step would slip in front of what it follows), the role
    /// (of the event's `actor`), the order of steps, its content, and the rules replay applies.
    /// Returns the first rule broken; changes nothing.
    pub fn check_new_event(
        &self,
        policy: &CountyPolicy,
        calendar: &WorkingDayCalendar,
        role: Role,
        event: &CaseEvent,
        now: DateTime<Utc>,
    ) -> Result<(), CaseRuleError> {
        event
            .validate("", now)
            .finish()
            .map_err(|e| CaseRuleError::InvalidEvent(e.to_string()))?;
        if let Some(recorded) = event.recorded_at
            && recorded - event.at > Duration::hours(i64::from(policy.backdate_hours))
        {
            return Err(CaseRuleError::BackdatedTooFar {
                hours: policy.backdate_hours,
            });
        }
        let latest = self.events.iter().map(|e| e.at).max();
        if latest
            .into_iter()
            .chain([self.opened_at])
            .any(|t| event.at + CLOCK_TOLERANCE < t)
        {
            return Err(CaseRuleError::BeforeEarlierStep);
        }
        let mut state = self.replay_under(policy, calendar);
        step_rule(self, &state, role, &event.actor, event.kind)?;
        content_rule(self, &state, role, event)?;
        let ctx = Context {
            case: self,
            policy,
            calendar,
        };
        apply(&ctx, &mut state, event)
    }
}

/// How far a step may be dated before the case's opening or its latest recorded step (two
/// devices' clocks differ by a few minutes).
pub const CLOCK_TOLERANCE: Duration = Duration::minutes(10);

/// Whether `role` may record `kind` at all, whatever the case.
fn role_may(role: Role, kind: CaseEventKind, grid_worker_advance_aid: bool) -> bool {
    use CaseEventKind as K;
    match role {
        Role::GridWorker => match kind {
            K::Investigated | K::MaterialsCompleted | K::Feedback => true,
            K::AdvanceAid => grid_worker_advance_aid,
            _ => false,
        },
        Role::TownshipOfficer => true,
        Role::Supervisor => !matches!(kind, K::Investigated | K::PreliminaryReview),
    }
}

/// Role and order of steps: what can be known from the state alone.
fn step_rule(
    case: &Case,
    s: &CaseState,
    role: Role,
    worker_id: &str,
    kind: CaseEventKind,
) -> Result<(), CaseRuleError> {
    use CaseEventKind as K;
    use CaseRuleError as E;
    if !role_may(role, kind, s.facts.grid_worker_advance_aid) {
        return Err(E::RoleMayNot { role, kind });
    }
    gate(s, kind)?;
    let accepted = s.owner.is_some();
    if !accepted && !matches!(kind, K::Accepted | K::AdvanceAid) {
        return Err(E::NotAccepted);
    }
    let decided = matches!(s.status, CaseStatus::Approved | CaseStatus::Rejected);
    match kind {
        K::Accepted if accepted => Err(E::AlreadyAccepted),
        K::AdvanceAid if case.path == CasePath::Normal => Err(E::AdvanceAidNotOnPath),
        K::Investigated | K::PreliminaryReview if s.status == CaseStatus::Approved => {
            Err(E::AlreadyApproved)
        }
        K::PreliminaryReview if s.facts.investigated_at.is_none() => Err(E::NeedsInvestigation),
        K::Approved | K::Rejected if s.status == CaseStatus::Approved => Err(E::AlreadyApproved),
        K::Approved | K::Rejected if s.facts.reviewed_at.is_none() => {
            Err(E::NeedsPreliminaryReview)
        }
        K::Approved | K::Rejected
            if role == Role::TownshipOfficer && s.approval_level == ApprovalLevel::County =>
        {
            Err(E::CountyApprovalRequired)
        }
        K::Payment => payment_allowed_now(case, s),
        K::MaterialsCompleted if !s.materials_owed => Err(E::NoMaterialsOwed),
        K::PublicityStarted => match s.publicity {
            Publicity::NotNeeded => Err(E::PublicityBeforeApproval),
            Publicity::Needed => Ok(()),
            _ => Err(E::PublicityAlreadyStarted),
        },
        K::PublicityEnded if !matches!(s.publicity, Publicity::Running { .. }) => {
            Err(E::PublicityNotRunning)
        }
        K::ReferralAnswered if s.open_referrals().is_empty() => Err(E::UnknownReferral),
        K::Closed => close_rule(s, role, worker_id, decided),
        _ => Ok(()),
    }
}

/// Payment rules that do not depend on the amount (the amount is checked with the event).
fn payment_allowed_now(case: &Case, s: &CaseState) -> Result<(), CaseRuleError> {
    match payment_allowed(case.path, s, Money::ZERO) {
        Err(CaseRuleError::PaymentOverApproved { .. }) | Ok(()) => Ok(()),
        Err(e) => Err(e),
    }
}

/// 结案: by the owner or a supervisor, once decided, answered, documented, published and told.
fn close_rule(
    s: &CaseState,
    role: Role,
    worker_id: &str,
    decided: bool,
) -> Result<(), CaseRuleError> {
    use CaseRuleError as E;
    if role != Role::Supervisor && s.owner.as_deref() != Some(worker_id) {
        return Err(E::NotOwner);
    }
    if !decided {
        return Err(E::NotDecided);
    }
    if !s.open_referrals().is_empty() {
        return Err(E::ReferralsOpen);
    }
    if s.materials_owed {
        return Err(E::MaterialsOwed);
    }
    if matches!(s.publicity, Publicity::Needed | Publicity::Running { .. }) {
        return Err(E::PublicityOwed);
    }
    if !s.feedback_given {
        return Err(E::FeedbackOwed);
    }
    Ok(())
}

/// What the event itself must carry for its kind.
fn content_rule(
    case: &Case,
    s: &CaseState,
    role: Role,
    e: &CaseEvent,
) -> Result<(), CaseRuleError> {
    use CaseEventKind as K;
    use CaseRuleError as E;
    match e.kind {
        K::Investigated => {
            if distinct_names(&e.investigators) < 2 {
                return Err(E::TooFewInvestigators);
            }
            evidence_rule(case, e, E::SignaturesMissing)
        }
        K::PublicityStarted => evidence_rule(case, e, E::NoticePhotoMissing),
        K::Approved => {
            let amount = e
                .amount
                .filter(|a| *a > Money::ZERO)
                .ok_or(E::ApprovalNeedsAmount)?;
            if role == Role::TownshipOfficer
                && approval_level(s, Some(amount)) == ApprovalLevel::County
            {
                return Err(E::CountyApprovalRequired);
            }
            Ok(())
        }
        K::CaseMeeting => {
            let m = e.meeting.as_ref().ok_or(E::MeetingDetailsMissing)?;
            if m.decision.trim().is_empty() {
                return Err(E::MeetingDetailsMissing);
            }
            if distinct_names(&m.participants) < 3 {
                return Err(E::TooFewParticipants);
            }
            Ok(())
        }
        K::ReferralAnswered if e.answers.is_none() => Err(E::AnswerNeedsReferral),
        _ => Ok(()),
    }
}

/// Distinct, non-blank names or ids.
fn distinct_names(names: &[String]) -> usize {
    let mut seen: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// `Some(Ok)` when the event names photos, all in the case's evidence, one of them of `kind`;
/// `Some(Err(UnknownPhoto))` when one is not in the evidence; `None` when none is of `kind`.
/// The step names at least one of the case's photos of the kind it needs
/// ([`CaseEventKind::evidence_needed`]), else `missing`.
fn evidence_rule(case: &Case, e: &CaseEvent, missing: CaseRuleError) -> Result<(), CaseRuleError> {
    match e.kind.evidence_needed() {
        Some(kind) => photos_of(case, e, kind).ok_or(missing)?,
        None => Ok(()),
    }
}

fn photos_of(case: &Case, e: &CaseEvent, kind: PhotoKind) -> Option<Result<(), CaseRuleError>> {
    if e.photos.iter().any(|id| !case.evidence.contains_key(id)) {
        return Some(Err(CaseRuleError::UnknownPhoto));
    }
    e.photos
        .iter()
        .any(|id| case.evidence.get(id).is_some_and(|p| p.kind == kind))
        .then_some(Ok(()))
}
