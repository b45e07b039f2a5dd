//! Why a county policy was refused or an assistance rule could not be applied: one typed error
//! per rule, each with a stable code.

use super::CaseClock;
use crate::calendar::CalendarError;
use crate::case::AssistanceKind;
use crate::money::Money;

/// Longest hour clock a policy may set: 30 days.
pub(super) const MAX_HOURS: u32 = 720;
/// Longest day clock a policy may set.
pub(super) const MAX_DAYS: u32 = 90;

/// Why a policy was refused, or an assistance rule could not be applied. Names the rule; carries
/// policy values only, never a person.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The version is 0; versions count from 1.
    #[error("policy version must be 1 or more")]
    VersionZero,
    /// The county code is not six digits.
    #[error("county code must be six digits")]
    CountyCode,
    /// A money setting is zero or negative.
    #[error("{0} must be more than zero")]
    AmountNotPositive(&'static str),
    /// A money setting is beyond any field's range.
    #[error("{0} is larger than any amount the app accepts")]
    AmountTooLarge(&'static str),
    /// A kind of assistance has no tiers.
    #[error("{} has no tiers", kind_label(*.0))]
    NoTiers(AssistanceKind),
    /// A tier starts at 0 people or ends below the household size it starts at.
    #[error("tier {0} must start at 1 person or more and not end below its start")]
    TierSizesInvalid(String),
    /// Some household sizes have no tier.
    #[error("{} tiers leave household sizes {from} to {to} without a tier", kind_label(*.kind))]
    TierGap {
        /// The kind of assistance.
        kind: AssistanceKind,
        /// First uncovered size.
        from: u32,
        /// Last uncovered size.
        to: u32,
    },
    /// Two tiers cover the same household sizes.
    #[error("{} tiers overlap at household sizes {from} to {}", kind_label(*.kind), size_or_more(*.to))]
    TierOverlap {
        /// The kind of assistance.
        kind: AssistanceKind,
        /// First size covered twice.
        from: u32,
        /// Last size covered twice, `None` for "and more".
        to: Option<u32>,
    },
    /// The last tier is closed, so larger households have none.
    #[error("{} tiers stop at household size {last}; the last tier must be open-ended", kind_label(*.kind))]
    TiersEndAt {
        /// The kind of assistance.
        kind: AssistanceKind,
        /// The largest size covered.
        last: u32,
    },
    /// A tier's amount is zero or negative.
    #[error("tier {0} pays nothing; its amount must be more than zero")]
    TierAmountNotPositive(String),
    /// Two tiers share a code.
    #[error("tier code {0} is used twice")]
    DuplicateTierCode(String),
    /// Degree percents are zero, above 1000, or fall as hardship grows.
    #[error("{} degree percents must be 1–1000 and rise from 一般 to 严重", kind_label(*.0))]
    DegreePercents(AssistanceKind),
    /// The long-hardship addition has zero months or an addition outside 1–1000 percent.
    #[error("{} long-hardship addition needs months above zero and 1–1000 percent", kind_label(*.0))]
    LongHardship(AssistanceKind),
    /// The yearly ceiling is below what a tier can pay.
    #[error("the yearly ceiling {ceiling} is below the {most} tier {tier} can pay")]
    CeilingBelowTier {
        /// The tier's code.
        tier: String,
        /// The most the tier can pay.
        most: Money,
        /// The ceiling.
        ceiling: Money,
    },
    /// A case step has no deadline.
    #[error("no deadline set for {}", .0.code())]
    MissingDeadline(CaseClock),
    /// A deadline is zero, or longer than any real procedure.
    #[error("the deadline for {} must be above zero and at most {MAX_HOURS} hours or {MAX_DAYS} days", .0.code())]
    DeadlineOutOfRange(CaseClock),
    /// Photo settings the pipeline cannot use.
    #[error("photo settings are out of range: {0}")]
    PhotoSettings(&'static str),
    /// A warning threshold is out of range.
    #[error("warning rule out of range: {0}")]
    WarningRule(&'static str),
    /// A calendar year of the policy is refused.
    #[error("calendar: {0}")]
    Calendar(#[from] CalendarError),
    /// No tier covers the household's size (an empty household, or an unvalidated policy).
    #[error("no tier for a household of {0}")]
    NoTierForHousehold(u32),
    /// A sum of amounts does not fit.
    #[error("the amounts add up beyond what can be counted")]
    AmountOverflow,
    /// The window for dating a step before its entry is longer than any clock may run.
    #[error("steps may be dated at most {MAX_HOURS} hours before their entry")]
    BackdateWindow,
    /// The policy document is not JSON of this shape.
    #[error("the policy document is unreadable: {0}")]
    Unreadable(String),
}

impl PolicyError {
    /// Stable code naming the rule, for the FFI, HTTP answers and the county's policy editor.
    pub fn code(&self) -> &'static str {
        match self {
            PolicyError::VersionZero => "version_zero",
            PolicyError::CountyCode => "county_code",
            PolicyError::AmountNotPositive(_) => "amount_not_positive",
            PolicyError::AmountTooLarge(_) => "amount_too_large",
            PolicyError::NoTiers(_) => "no_tiers",
            PolicyError::TierSizesInvalid(_) => "tier_sizes_invalid",
            PolicyError::TierGap { .. } => "tier_gap",
            PolicyError::TierOverlap { .. } => "tier_overlap",
            PolicyError::TiersEndAt { .. } => "tiers_end_at",
            PolicyError::TierAmountNotPositive(_) => "tier_amount_not_positive",
            PolicyError::DuplicateTierCode(_) => "duplicate_tier_code",
            PolicyError::DegreePercents(_) => "degree_percents",
            PolicyError::LongHardship(_) => "long_hardship",
            PolicyError::CeilingBelowTier { .. } => "ceiling_below_tier",
            PolicyError::MissingDeadline(_) => "missing_deadline",
            PolicyError::DeadlineOutOfRange(_) => "deadline_out_of_range",
            PolicyError::PhotoSettings(_) => "photo_settings",
            PolicyError::WarningRule(_) => "warning_rule",
            PolicyError::Calendar(e) => e.code(),
            PolicyError::NoTierForHousehold(_) => "no_tier_for_household",
            PolicyError::AmountOverflow => "amount_overflow",
            PolicyError::BackdateWindow => "backdate_window",
            PolicyError::Unreadable(_) => "unreadable",
        }
    }
}

/// 紧急型 or 支出型.
fn kind_label(kind: AssistanceKind) -> &'static str {
    match kind {
        AssistanceKind::Emergency => "紧急型",
        AssistanceKind::Expenditure => "支出型",
    }
}

fn size_or_more(size: Option<u32>) -> String {
    size.map_or_else(|| "any larger".to_owned(), |s| s.to_string())
}
