//! 户: the household record: where it lives, who is in it, what it earns and owns.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::economics::Economics;
use super::geo::GeoPoint;
use super::member::{Member, Supporter};
use super::photo::PhotoMeta;
use super::validation::{Problems, ValidationError, check_text};

/// Administrative address down to the grid (网格).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// 县级行政区划代码, 6 digits.
    pub county_code: String,
    /// 乡镇(街道)代码, 9 digits.
    pub township_code: String,
    /// 村(社区)代码, 12 digits.
    pub village_code: String,
    /// 村(社区)名称, for lists.
    pub village_name: String,
    /// 网格 code as the county numbers its grids.
    pub grid_code: String,
    /// 门牌: the rest of the address.
    pub detail: String,
}

/// 住房状况.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Housing {
    /// 自有住房，安全
    #[default]
    OwnedSafe,
    /// 自有住房，危房
    OwnedUnsafe,
    /// 租住
    Rented,
    /// 借住
    Borrowed,
    /// 因灾受损
    DisasterDamaged,
    /// 无住房
    None,
}

/// 困难类别 the household already belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HardshipCategories {
    /// 低保.
    pub dibao: bool,
    /// 特困.
    pub tekun: bool,
    /// 低收入.
    pub low_income: bool,
    /// 孤儿.
    pub orphan: bool,
    /// 重点困境儿童.
    pub vulnerable_child: bool,
    /// 困难残疾人两项补贴.
    pub disability_subsidy: bool,
    /// 支出型困难.
    pub expenditure_hardship: bool,
}

impl HardshipCategories {
    /// Stable codes of the categories set, as used by filters and indexes.
    pub fn codes(&self) -> Vec<&'static str> {
        [
            (self.dibao, "dibao"),
            (self.tekun, "tekun"),
            (self.low_income, "low_income"),
            (self.orphan, "orphan"),
            (self.vulnerable_child, "vulnerable_child"),
            (self.disability_subsidy, "disability_subsidy"),
            (self.expenditure_hardship, "expenditure_hardship"),
        ]
        .into_iter()
        .filter_map(|(on, code)| on.then_some(code))
        .collect()
    }
}

/// Flags that change how the household is handled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdFlags {
    /// 已在保: already receives regular assistance.
    pub already_assisted: bool,
    /// 建档立卡: registered poverty household.
    pub poverty_registered: bool,
    /// 干部亲属: a relative of staff; registered separately, visited by the county.
    pub staff_relative: bool,
}

/// 复核: when the household's situation was last reviewed, and on which cycle. Documents stored
/// before this was recorded read as "not recorded".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// The day of the last 复核 (or of the 入户调查 that put the household in 保), if recorded.
    #[serde(default)]
    pub last_reviewed_on: Option<NaiveDate>,
    /// 收入不稳定: reviewed on the county's shorter cycle (national rule: every six months).
    #[serde(default)]
    pub income_unstable: bool,
}

/// Everything about the household that is not a member, economics or evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HouseholdProfile {
    /// Address down to the grid.
    pub address: Address,
    /// 联系电话.
    pub contact_phone: String,
    /// Where the home is (GPS at registration).
    pub location: Option<GeoPoint>,
    /// 住房状况.
    pub housing: Housing,
    /// 困难类别.
    pub categories: HardshipCategories,
    /// Flags.
    pub flags: HouseholdFlags,
}

/// A household document's content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Household {
    /// Document id.
    pub id: String,
    /// Who registered it and when.
    pub registered_by: String,
    /// When it was registered (device clock).
    pub registered_at: DateTime<Utc>,
    /// Address, contact, housing, categories and flags.
    pub profile: HouseholdProfile,
    /// Members by member id; never removed, only marked moved out or deceased.
    pub members: BTreeMap<String, Member>,
    /// People obliged to support the household, by id.
    pub supporters: BTreeMap<String, Supporter>,
    /// Economic situation.
    pub economics: Economics,
    /// Photo evidence by photo id.
    pub evidence: BTreeMap<String, PhotoMeta>,
    /// 复核: the last review and its cycle.
    #[serde(default)]
    pub review: ReviewRecord,
    /// 入户任务 raised by the county's warning rules, by task id (deterministic, so two devices
    /// raising the same task agree instead of conflicting).
    #[serde(default)]
    pub visit_tasks: BTreeMap<String, super::warnings::VisitTask>,
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

impl HouseholdProfile {
    /// Checks the profile form.
    pub fn validate(&self, prefix: &str) -> Problems {
        let mut p = Problems::new(prefix);
        let a = &self.address;
        p.check(
            !digits(&a.county_code, 6),
            "address.county_code",
            "县级代码应为6位数字",
        );
        p.check(
            !digits(&a.township_code, 9) || !a.township_code.starts_with(&a.county_code),
            "address.township_code",
            "乡镇代码应为9位数字，并属于本县",
        );
        p.check(
            !digits(&a.village_code, 12) || !a.village_code.starts_with(&a.township_code),
            "address.village_code",
            "村(社区)代码应为12位数字，并属于本乡镇",
        );
        check_text(&mut p, "address.village_name", &a.village_name, true, 40);
        check_text(&mut p, "address.grid_code", &a.grid_code, true, 40);
        check_text(&mut p, "address.detail", &a.detail, true, 100);
        let phone = self.contact_phone.trim();
        let phone_ok = phone.is_empty()
            || (phone.len() == 11 && phone.starts_with('1') && digits(phone, 11))
            || (phone.len() >= 7
                && phone.len() <= 13
                && phone.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
        p.check(
            !phone_ok,
            "contact_phone",
            "电话应为11位手机号或带区号的固定电话",
        );
        if let Some(g) = self.location
            && let Some(reason) = g.problem()
        {
            p.add("location", reason);
        }
        p
    }
}

impl Household {
    /// Checks the whole household as a form; `today` bounds dates.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationError> {
        let mut p = Problems::new("");
        p.extend(self.profile.validate("profile"));
        for (id, m) in &self.members {
            p.extend(m.validate(&format!("members.{id}"), today));
        }
        for (id, s) in &self.supporters {
            p.extend(s.validate(&format!("supporters.{id}")));
        }
        p.extend(self.economics.validate("economics"));
        let heads = self
            .members
            .values()
            .filter(|m| m.is_present() && m.relation == super::member::Relation::Head)
            .count();
        p.check(heads > 1, "members", "一户只能有一位户主");
        p.finish()
    }

    /// Members still in the household.
    pub fn present_members(&self) -> impl Iterator<Item = (&String, &Member)> {
        self.members.iter().filter(|(_, m)| m.is_present())
    }

    /// The head of household, or the first present member when no head is recorded.
    pub fn head(&self) -> Option<&Member> {
        self.present_members()
            .map(|(_, m)| m)
            .find(|m| m.relation == super::member::Relation::Head)
            .or_else(|| self.present_members().map(|(_, m)| m).next())
    }
}
