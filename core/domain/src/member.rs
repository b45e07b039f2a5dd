//! 家庭成员: a member of a household, with identity, health, work and schooling.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::id_number::IdNumber;
use super::validation::{Problems, check_text};

/// Sex as recorded on the ID card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// 男
    Male,
    /// 女
    Female,
}

/// Relation to the head of household (与户主关系).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// 户主
    Head,
    /// 配偶
    Spouse,
    /// 子女
    Child,
    /// 儿媳/女婿
    ChildInLaw,
    /// 父母
    Parent,
    /// 祖父母/外祖父母
    Grandparent,
    /// 孙子女/外孙子女
    Grandchild,
    /// 兄弟姐妹
    Sibling,
    /// 其他
    Other,
}

/// Whether the person still counts in the household. Members are never deleted from the
/// document, so that a concurrent edit of a removed member is never lost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// 在户
    #[default]
    Present,
    /// 迁出
    MovedOut,
    /// 死亡
    Deceased,
}

/// 劳动/就业状况.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkStatus {
    /// 在职/务工
    Employed,
    /// 务农
    Farming,
    /// 个体经营
    SelfEmployed,
    /// 灵活就业
    FlexibleWork,
    /// 失业/待业
    Unemployed,
    /// 退休
    Retired,
    /// 丧失劳动能力
    UnableToWork,
    /// 在校学生
    Student,
    /// 学龄前儿童
    Preschool,
}

/// 在学阶段.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolStage {
    /// 不在学
    NotInSchool,
    /// 学前
    Preschool,
    /// 小学
    Primary,
    /// 初中
    JuniorMiddle,
    /// 高中/中职
    SeniorHigh,
    /// 大专/本科及以上
    Higher,
}

/// 婚姻状况.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaritalStatus {
    /// 未婚
    Unmarried,
    /// 已婚
    Married,
    /// 离异
    Divorced,
    /// 丧偶
    Widowed,
}

/// 文化程度.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// 文盲/半文盲
    None,
    /// 小学
    Primary,
    /// 初中
    JuniorMiddle,
    /// 高中/中专
    SeniorHigh,
    /// 大专及以上
    College,
}

/// 残疾类别 on the 残疾人证.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisabilityKind {
    /// 视力
    Visual,
    /// 听力
    Hearing,
    /// 言语
    Speech,
    /// 肢体
    Physical,
    /// 智力
    Intellectual,
    /// 精神
    Mental,
    /// 多重
    Multiple,
}

/// A recorded disability: kind and grade (一级 most severe … 四级).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disability {
    /// 残疾类别.
    pub kind: DisabilityKind,
    /// 残疾等级, 1–4.
    pub grade: u8,
}

/// 健康状况. Health details are sensitive: shown in full only on the member's own screen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// 患重大疾病.
    pub major_illness: bool,
    /// 患慢性病.
    pub chronic_illness: bool,
    /// 残疾, if any.
    pub disability: Option<Disability>,
    /// Diagnosis or remarks as told by the family.
    pub note: String,
}

/// One member of a household.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// 姓名.
    pub name: String,
    /// 身份证号; missing for a newborn not yet registered.
    pub id_number: Option<IdNumber>,
    /// 与户主关系.
    pub relation: Relation,
    /// 性别.
    pub sex: Sex,
    /// 出生日期.
    pub birth_date: NaiveDate,
    /// 健康状况.
    pub health: Health,
    /// 劳动/就业状况.
    pub work: WorkStatus,
    /// 在学阶段.
    pub school: SchoolStage,
    /// 婚姻状况.
    pub marital: MaritalStatus,
    /// 文化程度.
    pub education: Education,
    /// 在户/迁出/死亡.
    #[serde(default)]
    pub status: MemberStatus,
}

impl Member {
    /// Checks the member against the form rules; `today` bounds dates.
    pub fn validate(&self, prefix: &str, today: NaiveDate) -> Problems {
        let mut p = Problems::new(prefix);
        check_text(&mut p, "name", &self.name, true, 30);
        if self.name.chars().any(|c| c.is_ascii_digit()) {
            p.add("name", "姓名不能包含数字");
        }
        p.check(
            self.birth_date > today,
            "birth_date",
            "出生日期不能晚于今天",
        );
        p.check(
            self.birth_date < today - chrono::Days::new(130 * 366),
            "birth_date",
            "出生日期过早，请核对",
        );
        if let Some(id) = &self.id_number {
            if id.birth_date() != self.birth_date {
                p.add("id_number", "身份证号中的出生日期与填写的出生日期不一致");
            }
            if id.sex() != self.sex {
                p.add("id_number", "身份证号中的性别与填写的性别不一致");
            }
        }
        if let Some(d) = self.health.disability
            && !(1..=4).contains(&d.grade)
        {
            p.add("health.disability.grade", "残疾等级应为一至四级");
        }
        check_text(&mut p, "health.note", &self.health.note, false, 200);
        p
    }

    /// Whether the member counts toward household size.
    pub fn is_present(&self) -> bool {
        self.status == MemberStatus::Present
    }
}

/// 赡养、扶养、抚养义务人: someone outside the household legally obliged to support it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Supporter {
    /// 姓名.
    pub name: String,
    /// 身份证号, when known.
    pub id_number: Option<IdNumber>,
    /// Relation to the head, in words (e.g. 长子).
    pub relation: String,
    /// The supporter's own yearly income, in 分.
    pub annual_income: super::money::Money,
    /// What the supporter actually pays the household each year, in 分.
    pub annual_support_paid: super::money::Money,
}

impl Supporter {
    /// Checks the supporter form.
    pub fn validate(&self, prefix: &str) -> Problems {
        let mut p = Problems::new(prefix);
        check_text(&mut p, "name", &self.name, true, 30);
        check_text(&mut p, "relation", &self.relation, true, 20);
        if let Some(r) = self.annual_income.field_problem() {
            p.add("annual_income", r);
        }
        if let Some(r) = self.annual_support_paid.field_problem() {
            p.add("annual_support_paid", r);
        }
        p
    }
}
