//! 救助案件: one request for help, its emergency, and its append-only event list.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::money::Money;
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

/// A step in the workflow. The list only grows; state is derived by replay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseEventKind {
    /// 受理: the receiver becomes the owner (首问负责).
    Accepted,
    /// 入户调查完成.
    Investigated,
    /// 初审意见.
    PreliminaryReview,
    /// 审批通过.
    Approved,
    /// 不予救助.
    Rejected,
    /// 先行救助 paid or given.
    AdvanceAid,
    /// 发放 one batch of the approved help.
    Payment,
    /// 转介 to another department.
    Referred,
    /// 反馈 from a department or to the family.
    Feedback,
    /// 结案.
    Closed,
}

/// One recorded event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// Unique id.
    pub id: String,
    /// What happened.
    pub kind: CaseEventKind,
    /// Device time when recorded.
    pub at: DateTime<Utc>,
    /// Worker id of who did it.
    pub actor: String,
    /// Device that recorded it.
    pub device: String,
    /// Remarks.
    pub note: String,
    /// Amount for payments and 先行救助.
    pub amount: Option<Money>,
    /// Department for referrals and feedback.
    pub department: Option<String>,
}

impl CaseEvent {
    /// Checks the event form.
    pub fn validate(&self, prefix: &str, now: DateTime<Utc>) -> Problems {
        let mut p = Problems::new(prefix);
        p.check(
            self.at > now + Duration::minutes(10),
            "at",
            "时间不能晚于现在",
        );
        check_text(&mut p, "note", &self.note, false, 1000);
        let needs_amount = matches!(
            self.kind,
            CaseEventKind::AdvanceAid | CaseEventKind::Payment
        );
        match self.amount {
            None if needs_amount => p.add("amount", "请填写金额"),
            Some(m) if m.fen() <= 0 && needs_amount => p.add("amount", "金额应大于零"),
            Some(m) => {
                if let Some(r) = m.field_problem() {
                    p.add("amount", r)
                }
            }
            None => {}
        }
        if self.kind == CaseEventKind::Referred
            && self
                .department
                .as_deref()
                .is_none_or(|d| d.trim().is_empty())
        {
            p.add("department", "请选择转介部门");
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

/// An event that cannot apply where it stands after a merge. Shown to a person, never applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventConflict {
    /// The event that did not apply.
    pub event_id: String,
    /// Why.
    pub reason: String,
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
    /// Events that did not apply.
    pub conflicts: Vec<EventConflict>,
}

impl CaseState {
    /// The next deadline, if a clock is running.
    pub fn next_deadline(&self) -> Option<DateTime<Utc>> {
        self.advance_aid_due.filter(|_| self.status.is_open())
    }

    /// Whether a running clock has passed.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.next_deadline().is_some_and(|d| d < now)
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

    /// Replays the events. Invalid ones are reported, not applied.
    pub fn replay(&self) -> CaseState {
        let mut state = CaseState {
            status: CaseStatus::Reported,
            owner: None,
            advance_aid_due: self.path.advance_aid_within().map(|d| self.opened_at + d),
            total_paid: Money::ZERO,
            conflicts: Vec::new(),
        };
        for e in self.ordered_events() {
            if let Err(reason) = apply(&mut state, e) {
                state.conflicts.push(EventConflict {
                    event_id: e.id.clone(),
                    reason: reason.to_string(),
                });
            }
        }
        state
    }
}

fn apply(s: &mut CaseState, e: &CaseEvent) -> Result<(), &'static str> {
    use CaseEventKind as K;
    use CaseStatus as S;
    if !s.status.is_open() && e.kind != K::Feedback {
        return Err("案件已结束，之后的操作无效");
    }
    match e.kind {
        K::Accepted => {
            if s.owner.is_some() {
                return Err("案件已被受理，重复受理无效");
            }
            s.owner = Some(e.actor.clone());
            s.status = S::Accepted;
        }
        K::Investigated => s.status = s.status.max_with(S::Investigated),
        K::PreliminaryReview => s.status = s.status.max_with(S::Reviewed),
        K::Approved | K::Rejected => {
            if matches!(s.status, S::Approved) {
                return Err("案件已审批，重复审批无效");
            }
            s.status = if e.kind == K::Approved {
                S::Approved
            } else {
                S::Rejected
            };
        }
        K::AdvanceAid | K::Payment => {
            if e.kind == K::Payment && s.status != S::Approved {
                return Err("审批通过之前不能发放");
            }
            let amount = e.amount.unwrap_or_default();
            s.total_paid = s.total_paid.checked_add(amount).ok_or("金额合计溢出")?;
            if e.kind == K::AdvanceAid {
                s.advance_aid_due = None;
            }
        }
        K::Referred | K::Feedback => {}
        K::Closed => s.status = S::Closed,
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_770_000_000 + h * 3600, 0).unwrap()
    }

    fn event(id: &str, kind: CaseEventKind, h: i64, amount: Option<i64>) -> CaseEvent {
        CaseEvent {
            id: id.into(),
            kind,
            at: at(h),
            actor: format!("worker-{id}"),
            device: "dev".into(),
            note: String::new(),
            amount: amount.map(Money::from_yuan),
            department: None,
        }
    }

    fn urgent_case(events: Vec<CaseEvent>) -> Case {
        Case {
            id: "c1".into(),
            household_id: "h1".into(),
            county_code: "370599".into(),
            village_code: "370599001001".into(),
            grid_code: "G01".into(),
            origin: CaseOrigin::Discovery,
            kind: AssistanceKind::Emergency,
            path: CasePath::Urgent,
            opened_at: at(0),
            opened_by: "w1".into(),
            emergency: None,
            events,
            evidence: Default::default(),
        }
    }

    #[test]
    fn urgent_case_is_overdue_without_advance_aid_after_24_hours() {
        let c = urgent_case(vec![event("a", CaseEventKind::Accepted, 1, None)]);
        let s = c.replay();
        assert_eq!(s.next_deadline(), Some(at(24)));
        assert!(!s.is_overdue(at(23)));
        assert!(s.is_overdue(at(25)));
        assert_eq!(s.owner.as_deref(), Some("worker-a"));
    }

    #[test]
    fn advance_aid_stops_the_clock_and_counts_as_paid() {
        let c = urgent_case(vec![
            event("a", CaseEventKind::Accepted, 1, None),
            event("b", CaseEventKind::AdvanceAid, 3, Some(2000)),
        ]);
        let s = c.replay();
        assert_eq!(s.next_deadline(), None);
        assert_eq!(s.total_paid, Money::from_yuan(2000));
    }

    #[test]
    fn two_approvals_and_an_event_after_closure_are_conflicts() {
        let c = urgent_case(vec![
            event("a", CaseEventKind::Accepted, 1, None),
            event("b", CaseEventKind::Approved, 2, None),
            event("c", CaseEventKind::Approved, 3, None),
            event("d", CaseEventKind::Closed, 4, None),
            event("e", CaseEventKind::Payment, 5, Some(100)),
        ]);
        let s = c.replay();
        let ids: Vec<_> = s.conflicts.iter().map(|c| c.event_id.as_str()).collect();
        assert_eq!(ids, ["c", "e"]);
        assert_eq!(s.status, CaseStatus::Closed);
        assert_eq!(s.total_paid, Money::ZERO);
    }

    #[test]
    fn emergency_kind_requires_the_emergency_event() {
        let c = urgent_case(vec![]);
        let err = c.validate(at(1)).unwrap_err();
        assert_eq!(err.0[0].field, "emergency");
    }
}
