//! 救助案件: one request for help, its emergency, and its append-only event list. Status, owner,
//! clocks and allowed actions are derived by replaying the events under the county policy.

mod clocks;
mod events;
mod replay;
mod roles;
mod rules;
mod state;
#[cfg(test)]
mod tests;

pub use events::{CaseEvent, CaseEventKind, Meeting, MeetingKind};
pub use roles::{CLOCK_TOLERANCE, Role};
pub use rules::CaseRuleError;
pub use state::{
    ApprovalLevel, CasePayment, CaseState, EventConflict, MeetingRecord, Publicity, Referral,
    RunningClock,
};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::WorkingDayCalendar;
use super::money::Money;
use super::policy::CountyPolicy;
use super::validation::{Problems, ValidationError, check_text};

/// How the case came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseOrigin {
    /// 主动发现 by a grid worker.
    Discovery,
    /// 申请 by the family.
    Application,
    /// 社会救助热线 / 12345.
    Hotline,
    /// 监测预警 from another department's data.
    Warning,
    /// 转介 from another department.
    Referral,
}

/// 临时救助 type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssistanceKind {
    /// 紧急型: a sudden event.
    Emergency,
    /// 支出型: large rigid expenditure.
    Expenditure,
}

/// Which clock the case runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CasePath {
    /// Full procedure, working-day clocks.
    Normal,
    /// 急难: 先行救助 within 24 hours, materials within 5 working days.
    Urgent,
    /// Delay would cause irreparable harm: 先行救助 within 2 hours.
    Critical,
}

impl CasePath {
    /// The hour clock for 先行救助 on this path, if it has one.
    pub fn advance_aid_within(self) -> Option<Duration> {
        match self {
            CasePath::Normal => None,
            CasePath::Urgent => Some(Duration::hours(24)),
            CasePath::Critical => Some(Duration::hours(2)),
        }
    }
}

/// 急难事项 kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmergencyKind {
    /// 火灾
    Fire,
    /// 交通事故
    TrafficAccident,
    /// 突发疾病
    SuddenIllness,
    /// 意外事故
    Accident,
    /// 自然灾害
    NaturalDisaster,
    /// 重大疾病
    MajorIllness,
    /// 其他
    Other,
}

/// The emergency that caused the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmergencyEvent {
    /// Kind.
    pub kind: EmergencyKind,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// What happened, in the worker's words.
    pub description: String,
    /// Losses already suffered.
    pub losses: Money,
    /// Costs expected (treatment, repairs).
    pub expected_costs: Money,
}

impl EmergencyEvent {
    /// Checks the event form; `now` bounds the time.
    pub fn validate(&self, prefix: &str, now: DateTime<Utc>) -> Problems {
        let mut p = Problems::new(prefix);
        p.check(
            self.occurred_at > now + Duration::minutes(10),
            "occurred_at",
            "发生时间不能晚于现在",
        );
        check_text(&mut p, "description", &self.description, true, 1000);
        if let Some(r) = self.losses.field_problem() {
            p.add("losses", r);
        }
        if let Some(r) = self.expected_costs.field_problem() {
            p.add("expected_costs", r);
        }
        p
    }
}

/// A case document's content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// Document id.
    pub id: String,
    /// The household it helps.
    pub household_id: String,
    /// County, township, village and grid copied from the household, for scope and lists.
    pub county_code: String,
    /// 村(社区)代码.
    pub village_code: String,
    /// 网格.
    pub grid_code: String,
    /// How it came in.
    pub origin: CaseOrigin,
    /// 紧急型 or 支出型.
    pub kind: AssistanceKind,
    /// Which clock applies.
    pub path: CasePath,
    /// When the request was received.
    pub opened_at: DateTime<Utc>,
    /// Who received it.
    pub opened_by: String,
    /// The emergency, when there is one.
    pub emergency: Option<EmergencyEvent>,
    /// Append-only workflow events.
    pub events: Vec<CaseEvent>,
    /// Photo evidence by photo id (damage, bills, signatures, the posted notice).
    #[serde(default)]
    pub evidence: std::collections::BTreeMap<String, super::photo::PhotoMeta>,
}

/// Where a case stands, derived by replaying its events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaseStatus {
    /// Received, not yet accepted.
    Reported,
    /// 已受理.
    Accepted,
    /// 已调查.
    Investigated,
    /// 已初审.
    Reviewed,
    /// 已审批.
    Approved,
    /// 不予救助.
    Rejected,
    /// 已结案.
    Closed,
}

impl CaseStatus {
    /// Every status, in workflow order.
    pub const ALL: [CaseStatus; 7] = [
        CaseStatus::Reported,
        CaseStatus::Accepted,
        CaseStatus::Investigated,
        CaseStatus::Reviewed,
        CaseStatus::Approved,
        CaseStatus::Rejected,
        CaseStatus::Closed,
    ];

    /// The status of a stable code.
    pub fn from_code(code: &str) -> Option<CaseStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Stable code for indexes and the FFI.
    pub fn code(self) -> &'static str {
        match self {
            CaseStatus::Reported => "reported",
            CaseStatus::Accepted => "accepted",
            CaseStatus::Investigated => "investigated",
            CaseStatus::Reviewed => "reviewed",
            CaseStatus::Approved => "approved",
            CaseStatus::Rejected => "rejected",
            CaseStatus::Closed => "closed",
        }
    }

    /// Whether work remains.
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Closed | CaseStatus::Rejected)
    }
}

impl Case {
    /// Checks the opening form.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), ValidationError> {
        let mut p = Problems::new("");
        p.check(
            self.opened_at > now + Duration::minutes(10),
            "opened_at",
            "受理时间不能晚于现在",
        );
        if let Some(e) = &self.emergency {
            p.extend(e.validate("emergency", now));
        }
        p.check(
            self.kind == AssistanceKind::Emergency && self.emergency.is_none(),
            "emergency",
            "紧急型救助需要填写急难事项",
        );
        for (i, e) in self.events.iter().enumerate() {
            p.extend(e.validate(&format!("events.{i}"), now));
        }
        p.finish()
    }

    /// Events in the order they are replayed: device time, then id for ties.
    pub fn ordered_events(&self) -> Vec<&CaseEvent> {
        let mut events: Vec<&CaseEvent> = self.events.iter().collect();
        events.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        events
    }

    /// Replays the events under the example policy (东营, `CountyPolicy::dongying_example`) and
    /// the shipped calendar. For the index and screens that do not hold the county's policy yet;
    /// where the county's policy is at hand, use `replay_under`.
    pub fn replay(&self) -> CaseState {
        self.replay_under(
            &CountyPolicy::dongying_example(),
            &WorkingDayCalendar::builtin(),
        )
    }
}
