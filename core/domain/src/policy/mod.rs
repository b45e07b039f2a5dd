//! 县级政策: the county's versioned policy — 低保 standard, 临时救助 tiers, the yearly ceiling, the
//! 一事一议 threshold, case deadlines, photo settings, warning triggers and extra calendar years.
//! Plain data with serde, so it can travel in a synced document and change without a release.

mod assistance;
mod dongying;
mod error;
mod rules;

pub use assistance::{
    CeilingCheck, Hardship, HouseholdFacts, Payment, Suggestion, check_ceiling, needs_case_by_case,
    suggest_amount,
};
pub use error::PolicyError;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{Deadline, WorkingDayCalendar, YearSchedule};
use super::case::AssistanceKind;
use super::money::Money;
use crate::imaging::PhotoSettings;

/// A county's policy, one version of it. Every number is the county's choice, not the code's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountyPolicy {
    /// Version, counting up from 1 with every published change.
    pub version: u32,
    /// 县级行政区划代码, six digits.
    pub county_code: String,
    /// The first day this version applies.
    pub effective_from: NaiveDate,
    /// 低保标准: per person per month.
    pub dibao_monthly_per_person: Money,
    /// 紧急型 临时救助 tiers (sudden events).
    pub emergency: TierTable,
    /// 支出型 临时救助 tiers (large rigid expenditure).
    pub expenditure: TierTable,
    /// The most one household may receive in a calendar year, all payments together.
    pub yearly_ceiling_per_household: Money,
    /// 一事一议 when a person's compliant out-of-pocket medical cost is above this (not equal).
    pub case_by_case_out_of_pocket_over: Money,
    /// The least each township must hold in reserve (备用金) for 先行救助.
    pub township_reserve_at_least: Money,
    /// How long each step may take; every `CaseClock` must have one.
    pub deadlines: BTreeMap<CaseClock, Deadline>,
    /// How evidence photos are stored.
    pub photos: PhotoPolicy,
    /// When the county raises a warning for a household (监测预警).
    pub warnings: WarningRules,
    /// Holiday schedules for years the app does not ship (or corrections to shipped ones).
    #[serde(default)]
    pub calendar_years: Vec<YearSchedule>,
    /// The most the township may approve itself (seed 002: 乡镇(街道)有审批权限的); above it, or
    /// when 一事一议 applies, the county decides. `None`: the township holds no approval power and
    /// every case goes to the county (what a policy written before this setting means).
    #[serde(default)]
    pub township_approves_up_to: Option<Money>,
    /// Whether grid workers (村级协理员) may give 先行救助 themselves (seed 004: 村(居)发现急难对象
    /// 的，要立即实施相应救助). Otherwise the township or the county gives it.
    #[serde(default)]
    pub grid_worker_advance_aid: bool,
    /// How many hours before its entry a case step may be dated (help given in the night and
    /// written up in the morning is dated when it was given). Policies written before this
    /// setting allow [`DEFAULT_BACKDATE_HOURS`].
    #[serde(default = "default_backdate_hours")]
    pub backdate_hours: u32,
}

/// The window for dating a step before its entry when the policy sets none: two days, a night's
/// emergency written up after a day in the fields without signal.
pub const DEFAULT_BACKDATE_HOURS: u32 = 48;

fn default_backdate_hours() -> u32 {
    DEFAULT_BACKDATE_HOURS
}

/// One kind's tiers by household size, with the adjustments for degree and duration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierTable {
    /// Tiers covering every household size from 1 up, without gaps or overlaps; the last is
    /// open-ended.
    pub tiers: Vec<AssistanceTier>,
    /// The share of the tier's base amount paid at each degree of hardship.
    pub degree_percents: DegreePercents,
    /// An addition when the hardship has lasted long, if the county grants one.
    pub long_hardship: Option<LongHardship>,
}

/// 档: one band of household sizes and its base amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistanceTier {
    /// Stable code, unique in the policy (`E1`, `X2`).
    pub code: String,
    /// The name shown to staff: 紧急型一档.
    pub name: String,
    /// The household sizes it covers.
    pub household_sizes: HouseholdSizes,
    /// Its base amount.
    pub amount: TierAmount,
}

/// An inclusive band of household sizes (家庭人口).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdSizes {
    /// Smallest size in the band.
    pub min: u32,
    /// Largest size, or `None` for "and more".
    pub max: Option<u32>,
}

impl HouseholdSizes {
    /// Whether a household of `size` people falls in the band.
    pub fn contains(self, size: u32) -> bool {
        size >= self.min && self.max.is_none_or(|max| size <= max)
    }
}

/// How a tier's base amount is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierAmount {
    /// A fixed amount per household.
    Fixed(Money),
    /// A multiple of the monthly 低保 standard per person, in tenths: `15` is 1.5 times.
    DibaoMultiple {
        /// The multiple × 10.
        tenths: u32,
    },
}

/// 困难程度, as the township assesses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HardshipDegree {
    /// 一般.
    General,
    /// 较重.
    Serious,
    /// 严重.
    Severe,
}

impl HardshipDegree {
    /// The word staff use.
    pub fn label(self) -> &'static str {
        match self {
            HardshipDegree::General => "一般",
            HardshipDegree::Serious => "较重",
            HardshipDegree::Severe => "严重",
        }
    }
}

/// Percent of the tier's base amount paid at each degree; non-decreasing from 一般 to 严重.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DegreePercents {
    /// 一般.
    pub general: u32,
    /// 较重.
    pub serious: u32,
    /// 严重.
    pub severe: u32,
}

impl DegreePercents {
    /// The percent for a degree.
    pub fn of(self, degree: HardshipDegree) -> u32 {
        match degree {
            HardshipDegree::General => self.general,
            HardshipDegree::Serious => self.serious,
            HardshipDegree::Severe => self.severe,
        }
    }
}

/// 困难持续时间: from `from_months` months of hardship on, `extra_percent` of the base is added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LongHardship {
    /// Months of hardship from which the addition applies.
    pub from_months: u32,
    /// The addition, in percent of the tier's base amount.
    pub extra_percent: u32,
}

/// The case steps that run on a clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseClock {
    /// 先行救助 where delay causes irreparable harm (seed 002: 2 hours).
    AdvanceAidCritical,
    /// 先行救助 for 急难 cases (seed 002: 24 hours).
    AdvanceAidUrgent,
    /// Completing the materials after 先行救助 (seed 002: 5 working days).
    MaterialsAfterAdvanceAid,
    /// Starting the 入户调查 after acceptance (national rule: 3 working days).
    HomeVisitStart,
    /// 调查初审意见 (seed 002: 3 working days).
    PreliminaryReview,
    /// 审核审批 where the township holds the power (seed 002: 20 working days).
    TownshipApproval,
    /// The county's decision after receiving the file (national rule: 10 working days).
    CountyDecision,
    /// Sending a rejection with its reasons (national rule: 3 working days).
    RejectionNotice,
    /// 公示 in the village (national rule: 7 days).
    Publicity,
    /// A department's answer to a 转办单.
    ReferralFeedback,
}

impl CaseClock {
    /// Every clock, in order: a policy must set each of them.
    pub const ALL: [CaseClock; 10] = [
        CaseClock::AdvanceAidCritical,
        CaseClock::AdvanceAidUrgent,
        CaseClock::MaterialsAfterAdvanceAid,
        CaseClock::HomeVisitStart,
        CaseClock::PreliminaryReview,
        CaseClock::TownshipApproval,
        CaseClock::CountyDecision,
        CaseClock::RejectionNotice,
        CaseClock::Publicity,
        CaseClock::ReferralFeedback,
    ];

    /// Stable code, the same as in the policy document.
    pub fn code(self) -> &'static str {
        match self {
            CaseClock::AdvanceAidCritical => "advance_aid_critical",
            CaseClock::AdvanceAidUrgent => "advance_aid_urgent",
            CaseClock::MaterialsAfterAdvanceAid => "materials_after_advance_aid",
            CaseClock::HomeVisitStart => "home_visit_start",
            CaseClock::PreliminaryReview => "preliminary_review",
            CaseClock::TownshipApproval => "township_approval",
            CaseClock::CountyDecision => "county_decision",
            CaseClock::RejectionNotice => "rejection_notice",
            CaseClock::Publicity => "publicity",
            CaseClock::ReferralFeedback => "referral_feedback",
        }
    }
}

/// How evidence photos are stored: plain numbers, checked by the photo pipeline's own rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoPolicy {
    /// Long edge of the stored image, pixels.
    pub long_edge: u32,
    /// JPEG quality of the stored image.
    pub quality: u8,
    /// Long edge of the thumbnail, pixels.
    pub thumb_edge: u32,
    /// JPEG quality of the thumbnail.
    pub thumb_quality: u8,
}

impl PhotoPolicy {
    /// The settings the photo pipeline takes.
    pub fn settings(self) -> PhotoSettings {
        PhotoSettings {
            long_edge: self.long_edge,
            quality: self.quality,
            thumb_edge: self.thumb_edge,
            thumb_quality: self.thumb_quality,
        }
    }
}

/// 预警 triggers: when a household becomes a visit task for its grid worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningRules {
    /// Warn when per-capita monthly income is below this percent of the 低保 standard
    /// (100: under the line itself).
    pub income_below_dibao_percent: u32,
    /// Warn when a person's out-of-pocket medical cost over 12 months is above this.
    pub medical_out_of_pocket_over: Money,
    /// Warn when a member has a 重大疾病 and the household has no open case.
    pub major_illness_without_open_case: bool,
    /// Months between reviews of a household in 保 (national rule: yearly).
    pub review_every_months: u32,
    /// Months between reviews where income is unstable (national rule: six).
    pub unstable_income_review_every_months: u32,
    /// Warn this many days before a review falls due.
    pub review_notice_days: u32,
}

impl CountyPolicy {
    /// The tier table of a kind of 临时救助.
    pub fn tiers(&self, kind: AssistanceKind) -> &TierTable {
        match kind {
            AssistanceKind::Emergency => &self.emergency,
            AssistanceKind::Expenditure => &self.expenditure,
        }
    }

    /// The deadline of a step; `MissingDeadline` when the policy does not set it.
    pub fn deadline(&self, clock: CaseClock) -> Result<Deadline, PolicyError> {
        self.deadlines
            .get(&clock)
            .copied()
            .ok_or(PolicyError::MissingDeadline(clock))
    }

    /// The working-day calendar: the shipped schedules plus this policy's years.
    pub fn calendar(&self) -> Result<WorkingDayCalendar, PolicyError> {
        Ok(WorkingDayCalendar::builtin().with_years(&self.calendar_years)?)
    }

    /// The policy as a JSON document.
    pub fn to_json(&self) -> Result<String, PolicyError> {
        serde_json::to_string_pretty(self).map_err(|e| PolicyError::Unreadable(e.to_string()))
    }

    /// A policy read from JSON, accepted only if it validates.
    pub fn from_json(json: &str) -> Result<Self, PolicyError> {
        let policy: CountyPolicy =
            serde_json::from_str(json).map_err(|e| PolicyError::Unreadable(e.to_string()))?;
        policy.validate()?;
        Ok(policy)
    }
}
