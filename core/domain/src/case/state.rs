//! What replaying a case yields: status, owner, running clocks, payments, referrals, meetings,
//! 公示 and the events that did not apply.

use chrono::{DateTime, NaiveDate, Utc};

use crate::calendar::{ClockState, Deadline};
use crate::money::Money;
use crate::policy::{CaseClock, Payment, PolicyError};

use super::CaseStatus;
use super::events::Meeting;
use super::rules::CaseRuleError;

/// An event that cannot apply where it stands after a merge. Shown to a person, never applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventConflict {
    /// The event that did not apply.
    pub event_id: String,
    /// Why, in words for the worker.
    pub reason: String,
    /// The rule it breaks (`rule.code()` is stable).
    pub rule: CaseRuleError,
}

/// Who decides the case, from the county policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApprovalLevel {
    /// 乡镇(街道) holds the approval power (seed 002: 20 working days).
    Township,
    /// The county department decides (10 working days from receiving the file).
    County,
}

/// A clock that is running: which, since when, and when it falls due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunningClock {
    /// Which step.
    pub clock: CaseClock,
    /// The policy's deadline for it, when the policy sets one.
    pub deadline: Option<Deadline>,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it falls due; a warning (such as `unknown_year`) when that cannot be told.
    pub due: Result<DateTime<Utc>, PolicyError>,
    /// For `ReferralFeedback`: the 转办单 it waits on.
    pub referral: Option<String>,
}

impl RunningClock {
    /// Running, due soon or overdue at `now`; `None` when the due instant is unknown (see `due`).
    pub fn state(&self, now: DateTime<Utc>) -> Option<ClockState> {
        match (&self.due, self.deadline) {
            (Ok(due), Some(deadline)) => Some(deadline.state(*due, now)),
            _ => None,
        }
    }
}

/// One payment of the case: 先行救助 or a batch of the approved help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CasePayment {
    /// The event that recorded it.
    pub event_id: String,
    /// Amount paid.
    pub amount: Money,
    /// When it was recorded.
    pub paid_at: DateTime<Utc>,
    /// The China date it was paid on (years of the ceiling count in it).
    pub paid_on: NaiveDate,
    /// Batch number 1, 2, … of the approved help; `None` for 先行救助.
    pub batch: Option<u32>,
}

/// A 转办单 and its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referral {
    /// The `Referred` event (the slip's id).
    pub event_id: String,
    /// The receiving department.
    pub department: String,
    /// When it was sent.
    pub referred_at: DateTime<Utc>,
    /// When the department's answer must be in.
    pub due: Result<DateTime<Utc>, PolicyError>,
    /// The `ReferralAnswered` event, once answered.
    pub answered_by: Option<String>,
}

/// A 集体研判 / 一事一议 / 个案会商 held on the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingRecord {
    /// The event that recorded it.
    pub event_id: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Who recorded it.
    pub recorded_by: String,
    /// Kind, participants, decision.
    pub meeting: Meeting,
}

/// Where the 公示 stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Publicity {
    /// Not (yet) needed: nothing approved.
    NotNeeded,
    /// Approved help must be published (before payment on the normal path, after help on the
    /// 急难 and emergency paths: 事后公示).
    Needed,
    /// Posted; ends no earlier than `ends`.
    Running {
        /// When it was posted.
        started_at: DateTime<Utc>,
        /// The end of its days.
        ends: Result<DateTime<Utc>, PolicyError>,
    },
    /// Taken down.
    Done {
        /// When.
        ended_at: DateTime<Utc>,
        /// Whether anyone objected.
        objection: bool,
    },
}

/// The replayed state of a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseState {
    /// Current status.
    pub status: CaseStatus,
    /// 首问负责: whoever accepted it first.
    pub owner: Option<String>,
    /// When 先行救助 is due on the hour clocks, until it is given.
    pub advance_aid_due: Option<DateTime<Utc>>,
    /// Total paid (先行救助 and batches).
    pub total_paid: Money,
    /// Paid in batches against the approval (先行救助 not counted).
    pub batches_paid: Money,
    /// Events that did not apply.
    pub conflicts: Vec<EventConflict>,
    /// The clocks running now, in the order they started.
    pub clocks: Vec<RunningClock>,
    /// Every payment applied, in order.
    pub payments: Vec<CasePayment>,
    /// The approved amount, once approved (older records may lack it).
    pub approved_amount: Option<Money>,
    /// Who decides, by the county policy and the amount proposed at 初审.
    pub approval_level: ApprovalLevel,
    /// Every 转办单 and whether it was answered.
    pub referrals: Vec<Referral>,
    /// Meetings held.
    pub meetings: Vec<MeetingRecord>,
    /// 公示.
    pub publicity: Publicity,
    /// Whether paperwork is owed after 先行救助.
    pub materials_owed: bool,
    /// Whether the family has been told the outcome after the decision.
    pub feedback_given: bool,
    /// Whether 一事一议 is needed (the recorded medical cost is above the county's threshold).
    pub case_by_case_needed: bool,
    pub(super) facts: Facts,
}

/// When the steps happened: what the clocks start from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Facts {
    pub(super) accepted_at: Option<DateTime<Utc>>,
    pub(super) investigated_at: Option<DateTime<Utc>>,
    pub(super) reviewed_at: Option<DateTime<Utc>>,
    pub(super) proposed: Option<Money>,
    pub(super) rejected_at: Option<DateTime<Utc>>,
    pub(super) first_aid_at: Option<DateTime<Utc>>,
    pub(super) out_of_pocket_medical: Option<Money>,
    pub(super) grid_worker_advance_aid: bool,
    pub(super) township_limit: Option<Money>,
    pub(super) most_a_tier_pays: Option<Money>,
}

impl CaseState {
    /// The clock falling due first (clocks whose due instant is unknown are left out).
    pub fn next_clock(&self) -> Option<&RunningClock> {
        self.clocks
            .iter()
            .filter(|c| c.due.is_ok())
            .min_by_key(|c| c.due.as_ref().ok().copied())
    }

    /// The next deadline, if a clock is running.
    pub fn next_deadline(&self) -> Option<DateTime<Utc>> {
        self.next_clock().and_then(|c| c.due.as_ref().ok().copied())
    }

    /// Whether a running clock has passed.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.clocks
            .iter()
            .any(|c| c.due.as_ref().is_ok_and(|due| *due < now))
    }

    /// Running clocks whose due instant cannot be told, with the warning to show.
    pub fn clock_warnings(&self) -> Vec<(CaseClock, &PolicyError)> {
        self.clocks
            .iter()
            .filter_map(|c| c.due.as_ref().err().map(|e| (c.clock, e)))
            .collect()
    }

    /// 转办单 still waiting for their answer.
    pub fn open_referrals(&self) -> Vec<&Referral> {
        self.referrals
            .iter()
            .filter(|r| r.answered_by.is_none())
            .collect()
    }

    /// The payments as the yearly ceiling counts them (`policy::check_ceiling`).
    pub fn ceiling_payments(&self) -> Vec<Payment> {
        self.payments
            .iter()
            .map(|p| Payment {
                amount: p.amount,
                paid_on: p.paid_on,
            })
            .collect()
    }
}
