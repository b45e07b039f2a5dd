//! Replaying a case under the county policy: events in order (device time, then id), each checked
//! against the state it meets. An event that contradicts it (a second approval, a payment after
//! closure, batches beyond the approved amount) is reported as a conflict and not applied.
//!
//! Replay checks contradictions and money; it does not re-check roles, forms or the order of
//! steps, which `Case::check_new_event` refuses before an event is written. Records written on
//! paper first or by older app versions stay readable.

use chrono::DateTime;
use chrono::Utc;

use crate::calendar::{CHINA_TIME, WorkingDayCalendar};
use crate::money::Money;
use crate::policy::{CaseClock, CountyPolicy, check_ceiling, needs_case_by_case};

use super::clocks::{due, running_clocks};
use super::events::{CaseEvent, CaseEventKind, MeetingKind};
use super::rules::CaseRuleError;
use super::state::{
    ApprovalLevel, CasePayment, CaseState, EventConflict, Facts, MeetingRecord, Publicity, Referral,
};
use super::{Case, CasePath, CaseStatus};

/// What replay reads besides the events.
pub(super) struct Context<'a> {
    pub(super) case: &'a Case,
    pub(super) policy: &'a CountyPolicy,
    pub(super) calendar: &'a WorkingDayCalendar,
}

impl Case {
    /// Replays the events under a county's policy and working-day calendar: status, owner,
    /// running clocks with their due instants, payments, referrals, meetings, 公示, and the
    /// events that did not apply (each with its rule). Deterministic: every device holding the
    /// same events gets the same state.
    pub fn replay_under(&self, policy: &CountyPolicy, calendar: &WorkingDayCalendar) -> CaseState {
        let ctx = Context {
            case: self,
            policy,
            calendar,
        };
        let mut state = initial_state(&ctx);
        for e in self.ordered_events() {
            if let Err(rule) = apply(&ctx, &mut state, e) {
                state.conflicts.push(EventConflict {
                    event_id: e.id.clone(),
                    reason: rule.to_string(),
                    rule,
                });
            }
        }
        state.clocks = running_clocks(&ctx, &state);
        state.advance_aid_due = state
            .clocks
            .iter()
            .find(|c| {
                matches!(
                    c.clock,
                    CaseClock::AdvanceAidUrgent | CaseClock::AdvanceAidCritical
                )
            })
            .and_then(|c| c.due.as_ref().ok().copied());
        state
    }
}

fn initial_state(ctx: &Context<'_>) -> CaseState {
    let mut state = CaseState {
        status: CaseStatus::Reported,
        owner: None,
        advance_aid_due: None,
        total_paid: Money::ZERO,
        batches_paid: Money::ZERO,
        conflicts: Vec::new(),
        clocks: Vec::new(),
        payments: Vec::new(),
        approved_amount: None,
        approval_level: ApprovalLevel::County,
        referrals: Vec::new(),
        meetings: Vec::new(),
        publicity: Publicity::NotNeeded,
        materials_owed: false,
        feedback_given: false,
        case_by_case_needed: false,
        facts: Facts {
            grid_worker_advance_aid: ctx.policy.grid_worker_advance_aid,
            township_limit: ctx.policy.township_approves_up_to,
            most_a_tier_pays: ctx.policy.most_a_tier_pays(ctx.case.kind).ok(),
            ..Facts::default()
        },
    };
    state.approval_level = approval_level(&state, None);
    state
}

/// Who must decide an approval of `amount` (the amount proposed at 初审 when `None`): the county
/// when 一事一议 applies, when the township holds no approval power, or when the amount is above
/// what the township may approve.
pub(super) fn approval_level(s: &CaseState, amount: Option<Money>) -> ApprovalLevel {
    let amount = amount.or(s.facts.proposed);
    let above = |limit: Option<Money>| amount.zip(limit).is_some_and(|(a, l)| a > l);
    match s.facts.township_limit {
        Some(limit)
            if !s.case_by_case_needed
                && !above(Some(limit))
                && !above(s.facts.most_a_tier_pays) =>
        {
            ApprovalLevel::Township
        }
        _ => ApprovalLevel::County,
    }
}

/// Whether an approval of `amount` needs a prior 一事一议 meeting.
pub(super) fn needs_meeting(s: &CaseState, amount: Option<Money>) -> bool {
    s.case_by_case_needed
        || amount
            .zip(s.facts.most_a_tier_pays)
            .is_some_and(|(a, most)| a > most)
}

/// Which kinds may still be recorded once the case is closed or refused.
pub(super) fn gate(s: &CaseState, kind: CaseEventKind) -> Result<(), CaseRuleError> {
    use CaseEventKind as K;
    match s.status {
        CaseStatus::Closed if kind != K::Feedback => Err(CaseRuleError::CaseClosed),
        CaseStatus::Rejected
            if !matches!(
                kind,
                K::Feedback | K::Closed | K::ReferralAnswered | K::CaseMeeting
            ) =>
        {
            Err(CaseRuleError::CaseRejected)
        }
        _ => Ok(()),
    }
}

/// The payment rules that hold whatever the order of steps: approval first, 公示 done on the
/// normal path, objections settled, batches within the approval.
pub(super) fn payment_allowed(
    path: CasePath,
    s: &CaseState,
    amount: Money,
) -> Result<(), CaseRuleError> {
    if s.status != CaseStatus::Approved {
        return Err(CaseRuleError::PaymentBeforeApproval);
    }
    if path == CasePath::Normal {
        match &s.publicity {
            Publicity::Done {
                ended_at,
                objection: true,
            } if !s
                .meetings
                .iter()
                .any(|m| m.at > *ended_at && m.meeting.kind == MeetingKind::CollectiveReview) =>
            {
                return Err(CaseRuleError::ObjectionUnresolved);
            }
            Publicity::Done { .. } => {}
            _ => return Err(CaseRuleError::PaymentBeforePublicity),
        }
    }
    if let Some(approved) = s.approved_amount {
        let total = s
            .batches_paid
            .checked_add(amount)
            .ok_or(CaseRuleError::AmountOverflow)?;
        if total > approved {
            return Err(CaseRuleError::PaymentOverApproved { approved, total });
        }
    }
    Ok(())
}

fn within_ceiling(
    ctx: &Context<'_>,
    s: &CaseState,
    amount: Money,
    at: DateTime<Utc>,
) -> Result<chrono::NaiveDate, CaseRuleError> {
    let paid_on = at.with_timezone(&CHINA_TIME).date_naive();
    let mut payments = s.ceiling_payments();
    payments.push(crate::policy::Payment { amount, paid_on });
    let check = check_ceiling(ctx.policy, &payments, chrono::Datelike::year(&paid_on))
        .map_err(|_| CaseRuleError::AmountOverflow)?;
    if check.overrun.is_some() {
        return Err(CaseRuleError::CeilingExceeded {
            ceiling: check.ceiling,
            total: check.paid,
        });
    }
    Ok(paid_on)
}

/// Applies one event, or names the rule it breaks and leaves the state as it was.
pub(super) fn apply(
    ctx: &Context<'_>,
    s: &mut CaseState,
    e: &CaseEvent,
) -> Result<(), CaseRuleError> {
    use CaseEventKind as K;
    gate(s, e.kind)?;
    match e.kind {
        K::Accepted => {
            if s.owner.is_some() {
                return Err(CaseRuleError::AlreadyAccepted);
            }
            s.owner = Some(e.actor.clone());
            s.facts.accepted_at = Some(e.at);
            s.status = s.status.max_with(CaseStatus::Accepted);
        }
        K::Investigated => {
            s.facts.investigated_at.get_or_insert(e.at);
            record_medical(ctx, s, e);
            s.status = s.status.max_with(CaseStatus::Investigated);
        }
        K::PreliminaryReview => {
            s.facts.reviewed_at.get_or_insert(e.at);
            if e.amount.is_some() {
                s.facts.proposed = e.amount;
            }
            record_medical(ctx, s, e);
            s.status = s.status.max_with(CaseStatus::Reviewed);
        }
        K::Approved => {
            if s.status == CaseStatus::Approved {
                return Err(CaseRuleError::AlreadyApproved);
            }
            let held = s
                .meetings
                .iter()
                .any(|m| m.meeting.kind == MeetingKind::CaseByCase);
            if needs_meeting(s, e.amount) && !held {
                return Err(CaseRuleError::NeedsCaseByCaseMeeting);
            }
            s.status = CaseStatus::Approved;
            s.approved_amount = e.amount;
            s.publicity = Publicity::Needed;
            s.feedback_given = false;
        }
        K::Rejected => {
            if s.status == CaseStatus::Approved {
                return Err(CaseRuleError::AlreadyApproved);
            }
            s.status = CaseStatus::Rejected;
            s.facts.rejected_at = Some(e.at);
            s.feedback_given = false;
        }
        K::AdvanceAid | K::Payment => {
            let amount = e.amount.unwrap_or_default();
            if e.kind == K::Payment {
                payment_allowed(ctx.case.path, s, amount)?;
            }
            let paid_on = within_ceiling(ctx, s, amount, e.at)?;
            let total = s
                .total_paid
                .checked_add(amount)
                .ok_or(CaseRuleError::AmountOverflow)?;
            let batch = if e.kind == K::Payment {
                s.batches_paid = s
                    .batches_paid
                    .checked_add(amount)
                    .ok_or(CaseRuleError::AmountOverflow)?;
                let n = s.payments.iter().filter(|p| p.batch.is_some()).count();
                Some(u32::try_from(n).unwrap_or(u32::MAX).saturating_add(1))
            } else {
                if s.facts.first_aid_at.is_none() {
                    s.facts.first_aid_at = Some(e.at);
                    s.materials_owed = true;
                }
                None
            };
            s.total_paid = total;
            s.payments.push(CasePayment {
                event_id: e.id.clone(),
                amount,
                paid_at: e.at,
                paid_on,
                batch,
            });
        }
        K::Referred => {
            let (_, due) = due(ctx, CaseClock::ReferralFeedback, e.at);
            s.referrals.push(Referral {
                event_id: e.id.clone(),
                department: e.department.clone().unwrap_or_default(),
                referred_at: e.at,
                due,
                answered_by: None,
            });
        }
        K::ReferralAnswered => {
            let slip = e
                .answers
                .as_deref()
                .ok_or(CaseRuleError::AnswerNeedsReferral)?;
            let referral = s
                .referrals
                .iter_mut()
                .find(|r| r.event_id == slip)
                .ok_or(CaseRuleError::UnknownReferral)?;
            if referral.answered_by.is_some() {
                return Err(CaseRuleError::ReferralAlreadyAnswered);
            }
            referral.answered_by = Some(e.id.clone());
        }
        K::Feedback => {
            let decided = matches!(
                s.status,
                CaseStatus::Approved | CaseStatus::Rejected | CaseStatus::Closed
            );
            if e.department.is_none() && decided {
                s.feedback_given = true;
            }
        }
        K::Closed => s.status = CaseStatus::Closed,
        K::PublicityStarted => {
            match s.publicity {
                Publicity::Running { .. } | Publicity::Done { .. } => {
                    return Err(CaseRuleError::PublicityAlreadyStarted);
                }
                Publicity::NotNeeded => return Err(CaseRuleError::PublicityBeforeApproval),
                Publicity::Needed => {}
            }
            let (_, ends) = due(ctx, CaseClock::Publicity, e.at);
            s.publicity = Publicity::Running {
                started_at: e.at,
                ends,
            };
        }
        K::PublicityEnded => {
            let Publicity::Running { ends, .. } = &s.publicity else {
                return Err(CaseRuleError::PublicityNotRunning);
            };
            if ends.as_ref().is_ok_and(|end| e.at < *end) {
                return Err(CaseRuleError::PublicityTooShort);
            }
            s.publicity = Publicity::Done {
                ended_at: e.at,
                objection: e.objection,
            };
        }
        K::MaterialsCompleted => {
            if !s.materials_owed {
                return Err(CaseRuleError::NoMaterialsOwed);
            }
            s.materials_owed = false;
        }
        K::CaseMeeting => {
            let meeting = e
                .meeting
                .clone()
                .ok_or(CaseRuleError::MeetingDetailsMissing)?;
            s.meetings.push(MeetingRecord {
                event_id: e.id.clone(),
                at: e.at,
                recorded_by: e.actor.clone(),
                meeting,
            });
        }
    }
    s.approval_level = approval_level(s, None);
    Ok(())
}

fn record_medical(ctx: &Context<'_>, s: &mut CaseState, e: &CaseEvent) {
    if let Some(cost) = e.out_of_pocket_medical {
        s.facts.out_of_pocket_medical = Some(cost);
        s.case_by_case_needed = needs_case_by_case(ctx.policy, cost);
    }
}

impl CaseStatus {
    fn rank(self) -> u8 {
        match self {
            CaseStatus::Reported => 0,
            CaseStatus::Accepted => 1,
            CaseStatus::Investigated => 2,
            CaseStatus::Reviewed => 3,
            CaseStatus::Approved => 4,
            CaseStatus::Rejected => 5,
            CaseStatus::Closed => 6,
        }
    }

    fn max_with(self, other: CaseStatus) -> CaseStatus {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}
