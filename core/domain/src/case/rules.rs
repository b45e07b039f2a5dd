//! The case rules by name: why an event was refused before it was written, or why a merged event
//! does not apply. Each carries a stable code and a Chinese message; never a person's name.

use crate::money::Money;

use super::events::CaseEventKind;
use super::roles::Role;

/// A case rule an event breaks. `code()` is stable for the FFI and the county; the message is
/// for the worker on the phone.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CaseRuleError {
    /// The form itself is incomplete or wrong (a field problem, listed in the message).
    #[error("填写有误：{0}")]
    InvalidEvent(String),
    /// The step is dated before the case was opened or before a step already recorded (the
    /// device's clock is wrong, or the step was backdated).
    #[error("办理时间早于本案已有的记录，请核对手机时间后重新办理")]
    BeforeEarlierStep,
    /// The step is dated further before its entry than the county policy allows.
    #[error("发生时间早于县里允许的补录期限（录入前{hours}小时内），请核对时间")]
    BackdatedTooFar {
        /// The policy's window.
        hours: u32,
    },
    /// This role may not record this step.
    #[error("{}不能进行“{}”", .role.label(), .kind.label())]
    RoleMayNot {
        /// The role that tried.
        role: Role,
        /// The step.
        kind: CaseEventKind,
    },
    /// Only the owner (首问负责) or a supervisor may close the case.
    #[error("首问负责：只有受理人或县级督导可以结案")]
    NotOwner,
    /// The case is closed; only feedback may follow.
    #[error("案件已结案，之后的操作无效")]
    CaseClosed,
    /// The case was refused (不予救助); only the notice, answers and closure may follow.
    #[error("案件已决定不予救助，不能再进行该操作")]
    CaseRejected,
    /// The case has not been accepted (受理) yet.
    #[error("案件尚未受理")]
    NotAccepted,
    /// A second 受理: the first receiver owns the case (首问负责).
    #[error("案件已被受理，重复受理无效（首问负责）")]
    AlreadyAccepted,
    /// The 入户调查 is not recorded yet.
    #[error("请先完成入户调查")]
    NeedsInvestigation,
    /// The 初审 is not recorded yet.
    #[error("请先完成初审")]
    NeedsPreliminaryReview,
    /// An 入户调查 needs at least two investigators.
    #[error("入户调查至少需要两名调查人员")]
    TooFewInvestigators,
    /// The signed 入户调查表 (investigators and family) must be photographed.
    #[error("请拍摄调查人员和家庭成员签字的入户调查表")]
    SignaturesMissing,
    /// A photo id that is not in the case's evidence.
    #[error("引用的照片不在本案证据中")]
    UnknownPhoto,
    /// An approval must say the approved amount.
    #[error("审批通过须填写审批金额")]
    ApprovalNeedsAmount,
    /// The case was already approved.
    #[error("案件已审批，重复审批无效")]
    AlreadyApproved,
    /// The amount or the medical cost needs 一事一议 before approval.
    #[error("该金额或医疗费用须先经“一事一议”集体决定，才能审批")]
    NeedsCaseByCaseMeeting,
    /// A township officer approving what the county must decide.
    #[error("该案须由县级民政部门审批")]
    CountyApprovalRequired,
    /// A payment before approval.
    #[error("审批通过之前不能发放")]
    PaymentBeforeApproval,
    /// A payment on the normal path before the 公示 ended.
    #[error("公示结束之前不能发放")]
    PaymentBeforePublicity,
    /// An objection raised in the 公示 awaits a 集体研判.
    #[error("公示期间有异议，须先集体研判")]
    ObjectionUnresolved,
    /// Batches would add up to more than was approved (一次审批、分批救助).
    #[error("分批发放合计{total}，超过审批金额{approved}")]
    PaymentOverApproved {
        /// The approved amount.
        approved: Money,
        /// The batches with this one.
        total: Money,
    },
    /// The household's yearly ceiling would be passed by this case's payments.
    #[error("本年度本案救助合计{total}，超过年度上限{ceiling}")]
    CeilingExceeded {
        /// The county's ceiling.
        ceiling: Money,
        /// Paid in the year with this one.
        total: Money,
    },
    /// Amounts add up beyond what can be counted.
    #[error("金额合计溢出")]
    AmountOverflow,
    /// 先行救助 belongs to the 急难 and emergency paths.
    #[error("普通程序的案件不进行先行救助")]
    AdvanceAidNotOnPath,
    /// Materials completed without 先行救助, or twice.
    #[error("没有待补办的先行救助材料")]
    NoMaterialsOwed,
    /// 公示 needs an approval (it shows the amount).
    #[error("审批通过之后才能公示")]
    PublicityBeforeApproval,
    /// The posted notice must be photographed.
    #[error("请拍摄张贴的公示")]
    NoticePhotoMissing,
    /// 公示 started twice.
    #[error("公示已经开始，不能重复开始")]
    PublicityAlreadyStarted,
    /// 公示 ended that is not running.
    #[error("没有正在进行的公示")]
    PublicityNotRunning,
    /// 公示 ended before its days were over.
    #[error("公示期未满，不能结束公示")]
    PublicityTooShort,
    /// A meeting without its kind, participants or decision.
    #[error("会议记录须写明类型、参会人员和决定")]
    MeetingDetailsMissing,
    /// A meeting with fewer than three participants is not collective.
    #[error("集体决定至少需要三名参会人员")]
    TooFewParticipants,
    /// An answer must name the 转办单 it answers.
    #[error("请选择所答复的转办单")]
    AnswerNeedsReferral,
    /// An answer to a 转办单 this case does not have.
    #[error("本案没有该转办单")]
    UnknownReferral,
    /// The 转办单 was already answered.
    #[error("该转办单已有答复")]
    ReferralAlreadyAnswered,
    /// Closure before the decision.
    #[error("尚未审批或决定不予救助，不能结案")]
    NotDecided,
    /// Closure with a 转办单 unanswered (件件有落实、有反馈).
    #[error("还有转办单未答复，不能结案")]
    ReferralsOpen,
    /// Closure with the paperwork after 先行救助 missing.
    #[error("先行救助后的材料尚未补齐，不能结案")]
    MaterialsOwed,
    /// Closure with the 公示 owed or running.
    #[error("公示尚未完成，不能结案")]
    PublicityOwed,
    /// Closure before the family was told the outcome.
    #[error("尚未向家庭反馈结果，不能结案")]
    FeedbackOwed,
}

impl CaseRuleError {
    /// Stable code naming the rule.
    pub fn code(&self) -> &'static str {
        use CaseRuleError as E;
        match self {
            E::InvalidEvent(_) => "invalid_event",
            E::BeforeEarlierStep => "before_earlier_step",
            E::BackdatedTooFar { .. } => "backdated_too_far",
            E::RoleMayNot { .. } => "role_may_not",
            E::NotOwner => "not_owner",
            E::CaseClosed => "case_closed",
            E::CaseRejected => "case_rejected",
            E::NotAccepted => "not_accepted",
            E::AlreadyAccepted => "already_accepted",
            E::NeedsInvestigation => "needs_investigation",
            E::NeedsPreliminaryReview => "needs_preliminary_review",
            E::TooFewInvestigators => "too_few_investigators",
            E::SignaturesMissing => "signatures_missing",
            E::UnknownPhoto => "unknown_photo",
            E::ApprovalNeedsAmount => "approval_needs_amount",
            E::AlreadyApproved => "already_approved",
            E::NeedsCaseByCaseMeeting => "needs_case_by_case_meeting",
            E::CountyApprovalRequired => "county_approval_required",
            E::PaymentBeforeApproval => "payment_before_approval",
            E::PaymentBeforePublicity => "payment_before_publicity",
            E::ObjectionUnresolved => "objection_unresolved",
            E::PaymentOverApproved { .. } => "payment_over_approved",
            E::CeilingExceeded { .. } => "ceiling_exceeded",
            E::AmountOverflow => "amount_overflow",
            E::AdvanceAidNotOnPath => "advance_aid_not_on_path",
            E::NoMaterialsOwed => "no_materials_owed",
            E::PublicityBeforeApproval => "publicity_before_approval",
            E::NoticePhotoMissing => "notice_photo_missing",
            E::PublicityAlreadyStarted => "publicity_already_started",
            E::PublicityNotRunning => "publicity_not_running",
            E::PublicityTooShort => "publicity_too_short",
            E::MeetingDetailsMissing => "meeting_details_missing",
            E::TooFewParticipants => "too_few_participants",
            E::AnswerNeedsReferral => "answer_needs_referral",
            E::UnknownReferral => "unknown_referral",
            E::ReferralAlreadyAnswered => "referral_already_answered",
            E::NotDecided => "not_decided",
            E::ReferralsOpen => "referrals_open",
            E::MaterialsOwed => "materials_owed",
            E::PublicityOwed => "publicity_owed",
            E::FeedbackOwed => "feedback_owed",
        }
    }
}
