//! The case's workflow events: what kinds there are, what each records (who, which device, when,
//! and the step's own facts), and the form check every event passes before it is written.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::photo::PhotoKind;
use crate::validation::{Problems, check_text};

/// A step in the workflow. The list only grows; state is derived by replay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseEventKind {
    /// 受理: the receiver becomes the owner (首问负责).
    Accepted,
    /// 入户调查完成: at least two investigators, the signed 入户调查表 photographed.
    Investigated,
    /// 初审意见, with the proposed amount when there is one.
    PreliminaryReview,
    /// 审批通过, with the approved amount (一次审批: batches are paid against it).
    Approved,
    /// 不予救助.
    Rejected,
    /// 先行救助 paid or given.
    AdvanceAid,
    /// 发放 one batch of the approved help (分批救助).
    Payment,
    /// 转介 to another department: a 转办单.
    Referred,
    /// 反馈: to the family (no department), or from a department (older records).
    Feedback,
    /// 结案.
    Closed,
    /// 公示 posted in the village, with the photo of the posted notice.
    PublicityStarted,
    /// 公示 taken down after its days, with or without objections.
    PublicityEnded,
    /// The paperwork owed after 先行救助 is complete (事后补办手续).
    MaterialsCompleted,
    /// 集体研判, 一事一议 or 个案会商: who took part and what was decided.
    CaseMeeting,
    /// A department's answer to a 转办单.
    ReferralAnswered,
}

impl CaseEventKind {
    /// Every kind, in the order the workflow usually meets them.
    pub const ALL: [CaseEventKind; 15] = [
        CaseEventKind::Accepted,
        CaseEventKind::AdvanceAid,
        CaseEventKind::Investigated,
        CaseEventKind::MaterialsCompleted,
        CaseEventKind::PreliminaryReview,
        CaseEventKind::CaseMeeting,
        CaseEventKind::Approved,
        CaseEventKind::Rejected,
        CaseEventKind::PublicityStarted,
        CaseEventKind::PublicityEnded,
        CaseEventKind::Payment,
        CaseEventKind::Referred,
        CaseEventKind::ReferralAnswered,
        CaseEventKind::Feedback,
        CaseEventKind::Closed,
    ];

    /// The kind of photo the step must name as evidence, among the case's own photos: the signed
    /// 入户调查表 for 入户调查, the posted notice for 公示. The case's rules check it and the phones
    /// offer those photos with the step's form, from this one table.
    pub fn evidence_needed(self) -> Option<PhotoKind> {
        match self {
            CaseEventKind::Investigated => Some(PhotoKind::Signature),
            CaseEventKind::PublicityStarted => Some(PhotoKind::PublicNotice),
            _ => None,
        }
    }

    /// The stable code written in documents and indexes (`investigated`, `advance_aid`, …).
    pub fn code(self) -> &'static str {
        use CaseEventKind as K;
        match self {
            K::Accepted => "accepted",
            K::Investigated => "investigated",
            K::PreliminaryReview => "preliminary_review",
            K::Approved => "approved",
            K::Rejected => "rejected",
            K::AdvanceAid => "advance_aid",
            K::Payment => "payment",
            K::Referred => "referred",
            K::Feedback => "feedback",
            K::Closed => "closed",
            K::PublicityStarted => "publicity_started",
            K::PublicityEnded => "publicity_ended",
            K::MaterialsCompleted => "materials_completed",
            K::CaseMeeting => "case_meeting",
            K::ReferralAnswered => "referral_answered",
        }
    }

    /// The kind whose [`code`](Self::code) is `code`.
    pub fn from_code(code: &str) -> Option<CaseEventKind> {
        CaseEventKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The step's name as workers and the console show it: one wording everywhere.
    pub fn label(self) -> &'static str {
        use CaseEventKind as K;
        match self {
            K::Accepted => "受理",
            K::Investigated => "入户调查",
            K::PreliminaryReview => "初审",
            K::Approved => "审批通过",
            K::Rejected => "不予救助",
            K::AdvanceAid => "先行救助",
            K::Payment => "发放",
            K::Referred => "转办",
            K::Feedback => "反馈",
            K::Closed => "结案",
            K::PublicityStarted => "开始公示",
            K::PublicityEnded => "公示结束",
            K::MaterialsCompleted => "补齐材料",
            K::CaseMeeting => "集体研判/一事一议/个案会商",
            K::ReferralAnswered => "转办答复",
        }
    }
}

/// Which kind of collective decision a meeting was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// 集体研判 (seed 004: 事后公示、事实证明、集体研判).
    CollectiveReview,
    /// 一事一议: required before approving an amount above the tiers or for large medical costs.
    CaseByCase,
    /// 个案会商 for complex cases (seed 003).
    CaseConference,
}

/// What a meeting recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// 集体研判, 一事一议 or 个案会商.
    pub kind: MeetingKind,
    /// Who took part: worker ids or names as signed on the minutes (at least three).
    pub participants: Vec<String>,
    /// What was decided, as written in the minutes.
    pub decision: String,
}

/// One recorded event. Fields after `department` came with the case lifecycle; documents
/// written before it read them as empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// Unique id.
    pub id: String,
    /// What happened.
    pub kind: CaseEventKind,
    /// When it happened, by the device's clock; the case's clocks run from it. The moment of
    /// entry unless the worker set an earlier time (help given at 2 a.m. and written up at 9 is
    /// dated 2 a.m.), within the county policy's `backdate_hours`.
    pub at: DateTime<Utc>,
    /// Worker id of who did it.
    pub actor: String,
    /// Device that recorded it.
    pub device: String,
    /// Remarks (for `PublicityEnded`, what the objections were).
    pub note: String,
    /// Amount: paid for payments and 先行救助, approved for approvals, proposed for 初审.
    pub amount: Option<Money>,
    /// Department for referrals, their answers and department feedback.
    pub department: Option<String>,
    /// 入户调查: the investigators (worker ids), at least two.
    #[serde(default)]
    pub investigators: Vec<String>,
    /// Evidence photo ids (keys of `Case::evidence`): the signed 入户调查表, the posted notice.
    #[serde(default)]
    pub photos: Vec<String>,
    /// The compliant out-of-pocket medical cost found by the investigation or the 初审 (the
    /// 一事一议 trigger).
    #[serde(default)]
    pub out_of_pocket_medical: Option<Money>,
    /// For `CaseMeeting`: kind, participants and decision.
    #[serde(default)]
    pub meeting: Option<Meeting>,
    /// For `ReferralAnswered`: the id of the `Referred` event it answers.
    #[serde(default)]
    pub answers: Option<String>,
    /// For `PublicityEnded`: whether anyone objected during the 公示.
    #[serde(default)]
    pub objection: bool,
    /// When it was entered on the device, if that differs from `at` being the entry (events
    /// recorded before steps could be dated earlier have none: their `at` is the entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<DateTime<Utc>>,
}

impl CaseEvent {
    /// An event with only the common fields set; the step's own facts are added by the caller.
    pub fn new(
        id: &str,
        kind: CaseEventKind,
        at: DateTime<Utc>,
        actor: &str,
        device: &str,
    ) -> Self {
        CaseEvent {
            id: id.to_owned(),
            kind,
            at,
            actor: actor.to_owned(),
            device: device.to_owned(),
            note: String::new(),
            amount: None,
            department: None,
            investigators: Vec::new(),
            photos: Vec::new(),
            out_of_pocket_medical: None,
            recorded_at: None,
            meeting: None,
            answers: None,
            objection: false,
        }
    }

    /// Checks the event form.
    pub fn validate(&self, prefix: &str, now: DateTime<Utc>) -> Problems {
        let mut p = Problems::new(prefix);
        p.check(
            self.at > now + Duration::minutes(10),
            "at",
            "时间不能晚于现在",
        );
        if let Some(recorded) = self.recorded_at {
            p.check(
                recorded > now + Duration::minutes(10),
                "recorded_at",
                "录入时间不能晚于现在",
            );
            p.check(
                self.at > recorded + Duration::minutes(10),
                "at",
                "发生时间不能晚于录入时间",
            );
        }
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
        if let Some(r) = self.out_of_pocket_medical.and_then(Money::field_problem) {
            p.add("out_of_pocket_medical", r);
        }
        if self.kind == CaseEventKind::Referred
            && self
                .department
                .as_deref()
                .is_none_or(|d| d.trim().is_empty())
        {
            p.add("department", "请选择转介部门");
        }
        if let Some(m) = &self.meeting {
            check_text(&mut p, "meeting.decision", &m.decision, true, 2000);
        }
        p
    }
}

#[cfg(test)]
mod vocabulary_tests {
    use super::CaseEventKind;

    #[test]
    fn every_kind_has_one_code_as_documents_write_it_and_one_label() {
        let mut labels = std::collections::HashSet::new();
        for k in CaseEventKind::ALL {
            let written = serde_json::to_value(k).expect("serializes");
            assert_eq!(written.as_str(), Some(k.code()), "{k:?}");
            assert_eq!(CaseEventKind::from_code(k.code()), Some(k));
            assert!(labels.insert(k.label()), "{} twice", k.label());
        }
        assert_eq!(CaseEventKind::from_code("approve"), None);
    }

    #[test]
    fn every_role_has_one_code_as_stored_and_one_label() {
        use crate::case::Role;
        for r in Role::ALL {
            let written = serde_json::to_value(r).expect("serializes");
            assert_eq!(written.as_str(), Some(r.code()), "{r:?}");
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("admin"), None);
        assert_eq!(Role::GridWorker.label(), "网格员");
    }
}
