//! The domain's enums as the phones see them: same variants, converted both ways.

use ruhu_domain::{
    calendar as dcal, case as dc, household as dh, member as dm, photo as dp, policy as dpol,
    warnings as dw,
};

macro_rules! mirror_enum {
    ($module:ident, $(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl From<$name> for $module::$name {
            fn from(v: $name) -> Self {
                match v { $($name::$v => $module::$name::$v),+ }
            }
        }

        impl From<$module::$name> for $name {
            fn from(v: $module::$name) -> Self {
                match v { $($module::$name::$v => $name::$v),+ }
            }
        }
    };
}

mirror_enum!(dm, /// 性别.
Sex { /// 男
Male, /// 女
Female });

mirror_enum!(dm, /// 与户主关系.
Relation { /// 户主
Head, /// 配偶
Spouse, /// 子女
Child, /// 儿媳/女婿
ChildInLaw, /// 父母
Parent, /// 祖父母/外祖父母
Grandparent, /// 孙子女/外孙子女
Grandchild, /// 兄弟姐妹
Sibling, /// 其他
Other });

mirror_enum!(dm, /// 在户/迁出/死亡.
MemberStatus { /// 在户
Present, /// 迁出
MovedOut, /// 死亡
Deceased });

mirror_enum!(dm, /// 劳动/就业状况.
WorkStatus { /// 在职/务工
Employed, /// 务农
Farming, /// 个体经营
SelfEmployed, /// 灵活就业
FlexibleWork, /// 失业/待业
Unemployed, /// 退休
Retired, /// 丧失劳动能力
UnableToWork, /// 在校学生
Student, /// 学龄前儿童
Preschool });

mirror_enum!(dm, /// 在学阶段.
SchoolStage { /// 不在学
NotInSchool, /// 学前
Preschool, /// 小学
Primary, /// 初中
JuniorMiddle, /// 高中/中职
SeniorHigh, /// 大专/本科及以上
Higher });

mirror_enum!(dm, /// 婚姻状况.
MaritalStatus { /// 未婚
Unmarried, /// 已婚
Married, /// 离异
Divorced, /// 丧偶
Widowed });

mirror_enum!(dm, /// 文化程度.
Education { /// 文盲/半文盲
None, /// 小学
Primary, /// 初中
JuniorMiddle, /// 高中/中专
SeniorHigh, /// 大专及以上
College });

mirror_enum!(dm, /// 残疾类别.
DisabilityKind { /// 视力
Visual, /// 听力
Hearing, /// 言语
Speech, /// 肢体
Physical, /// 智力
Intellectual, /// 精神
Mental, /// 多重
Multiple });

mirror_enum!(dh, /// 住房状况.
Housing { /// 自有住房，安全
OwnedSafe, /// 自有住房，危房
OwnedUnsafe, /// 租住
Rented, /// 借住
Borrowed, /// 因灾受损
DisasterDamaged, /// 无住房
None });

mirror_enum!(dc, /// 案件来源.
CaseOrigin { /// 主动发现
Discovery, /// 申请
Application, /// 热线
Hotline, /// 监测预警
Warning, /// 部门转介
Referral });

mirror_enum!(dc, /// 临时救助类型.
AssistanceKind { /// 紧急型
Emergency, /// 支出型
Expenditure });

mirror_enum!(dc, /// Which clock the case runs on.
CasePath { /// 常规程序
Normal, /// 急难：24小时内先行救助
Urgent, /// 紧急：2小时内先行救助
Critical });

mirror_enum!(dc, /// 急难事项类型.
EmergencyKind { /// 火灾
Fire, /// 交通事故
TrafficAccident, /// 突发疾病
SuddenIllness, /// 意外事故
Accident, /// 自然灾害
NaturalDisaster, /// 重大疾病
MajorIllness, /// 其他
Other });

mirror_enum!(dc, /// 案件事件类型.
CaseEventKind { /// 受理
Accepted, /// 入户调查完成
Investigated, /// 初审
PreliminaryReview, /// 审批通过
Approved, /// 不予救助
Rejected, /// 先行救助
AdvanceAid, /// 发放
Payment, /// 转介
Referred, /// 反馈
Feedback, /// 结案
Closed, /// 开始公示
PublicityStarted, /// 结束公示
PublicityEnded, /// 先行救助后补齐材料
MaterialsCompleted, /// 集体研判 / 一事一议 / 个案会商
CaseMeeting, /// 转办单答复
ReferralAnswered });

mirror_enum!(dc, /// 案件状态.
CaseStatus { /// 待受理
Reported, /// 已受理
Accepted, /// 已调查
Investigated, /// 已初审
Reviewed, /// 已审批
Approved, /// 不予救助
Rejected, /// 已结案
Closed });

mirror_enum!(dp, /// 照片内容.
PhotoKind { /// 住房
House, /// 家庭成员
People, /// 受灾/损失情况
Damage, /// 身份证
IdCard, /// 医疗票据
MedicalBill, /// 签字的核对授权书
Authorization, /// 签字
Signature, /// 张贴的公示
PublicNotice });

mirror_enum!(dp, /// 审核结果.
ReviewStatus { /// 待审核
Pending, /// 已通过
Approved, /// 需重拍
RetakeNeeded });

mirror_enum!(dcal, /// Where a clock stands.
ClockState { /// 进行中
Running, /// 即将到期
DueSoon, /// 已超期
Overdue });

mirror_enum!(dw, /// 走访紧急程度.
Urgency { /// 紧急: by the end of the next working day
Immediate, /// 较急: within 3 working days
High, /// 一般: within 10 working days
Normal });

mirror_enum!(dc, /// 会议类型.
MeetingKind { /// 集体研判
CollectiveReview, /// 一事一议
CaseByCase, /// 个案会商
CaseConference });

mirror_enum!(dpol, /// 困难程度.
HardshipDegree { /// 一般
General, /// 较重
Serious, /// 严重
Severe });
