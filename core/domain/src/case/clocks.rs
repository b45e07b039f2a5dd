//! Which clocks run on a replayed case, from when, and when each falls due under the county's
//! deadlines: hours for 先行救助, working days for the procedure, calendar days for 公示, and a
//! warning instead of a date when the calendar lacks a year.

use chrono::{DateTime, Utc};

use crate::calendar::Deadline;
use crate::policy::{CaseClock, PolicyError};

use super::replay::Context;
use super::state::{ApprovalLevel, CaseState, Publicity, RunningClock};
use super::{CasePath, CaseStatus};

/// The policy's deadline for `clock` and the instant a clock started at `start` falls due.
pub(super) fn due(
    ctx: &Context<'_>,
    clock: CaseClock,
    start: DateTime<Utc>,
) -> (Option<Deadline>, Result<DateTime<Utc>, PolicyError>) {
    match ctx.policy.deadline(clock) {
        Ok(deadline) => (
            Some(deadline),
            deadline
                .due_at(start, ctx.calendar)
                .map_err(PolicyError::from),
        ),
        Err(e) => (None, Err(e)),
    }
}

/// The clocks running after replay, in the order they started:
/// - 先行救助 (2 h or 24 h from the report) on the emergency and 急难 paths until it is given;
/// - the paperwork owed after 先行救助 (5 working days) until it is complete;
/// - on the normal path, the 入户调查 from 受理 and the 初审 from the investigation;
/// - the decision from the 初审, at the level the policy names (township or county);
/// - the rejection notice from the refusal until the family is told;
/// - a running 公示 until it is taken down; every unanswered 转办单.
///
/// A closed case runs none.
pub(super) fn running_clocks(ctx: &Context<'_>, s: &CaseState) -> Vec<RunningClock> {
    let mut clocks = Vec::new();
    if s.status == CaseStatus::Closed {
        return clocks;
    }
    let f = &s.facts;
    let decided = matches!(s.status, CaseStatus::Approved | CaseStatus::Rejected);
    let mut run = |clock, start, referral: Option<&str>| {
        let (deadline, due) = due(ctx, clock, start);
        clocks.push(RunningClock {
            clock,
            deadline,
            started_at: start,
            due,
            referral: referral.map(str::to_owned),
        });
    };
    let advance = match ctx.case.path {
        CasePath::Normal => None,
        CasePath::Urgent => Some(CaseClock::AdvanceAidUrgent),
        CasePath::Critical => Some(CaseClock::AdvanceAidCritical),
    };
    if let Some(clock) = advance
        && f.first_aid_at.is_none()
        && s.status != CaseStatus::Rejected
    {
        run(clock, ctx.case.opened_at, None);
    }
    if let Some(aid) = f.first_aid_at
        && s.materials_owed
    {
        run(CaseClock::MaterialsAfterAdvanceAid, aid, None);
    }
    if ctx.case.path == CasePath::Normal && !decided {
        match (f.accepted_at, f.investigated_at, f.reviewed_at) {
            (Some(accepted), None, None) => run(CaseClock::HomeVisitStart, accepted, None),
            (_, Some(investigated), None) => {
                run(CaseClock::PreliminaryReview, investigated, None);
            }
            _ => {}
        }
    }
    if let Some(reviewed) = f.reviewed_at
        && !decided
    {
        let clock = match s.approval_level {
            ApprovalLevel::Township => CaseClock::TownshipApproval,
            ApprovalLevel::County => CaseClock::CountyDecision,
        };
        run(clock, reviewed, None);
    }
    if let Some(rejected) = f.rejected_at
        && !s.feedback_given
    {
        run(CaseClock::RejectionNotice, rejected, None);
    }
    if let Publicity::Running { started_at, .. } = s.publicity {
        run(CaseClock::Publicity, started_at, None);
    }
    for r in s.open_referrals() {
        run(
            CaseClock::ReferralFeedback,
            r.referred_at,
            Some(&r.event_id),
        );
    }
    clocks.sort_by_key(|c| c.started_at);
    clocks
}
