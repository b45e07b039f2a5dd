//! Why a warning or a visit task was refused: one variant per rule, each with a stable code.
//! Names the field and the rule; never carries a person's name, ID number or the value sent.

use crate::calendar::CalendarError;

/// Why a pushed warning, a hotline report or a task change was refused, or tasks could not be
/// made. Nothing is applied when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WarningError {
    /// The department is not one the county takes warnings from.
    #[error("department: not a department the county takes warnings from")]
    UnknownDepartment,
    /// The warning names a different household than the one it is applied to.
    #[error("household_id: the warning is for a different household")]
    HouseholdMismatch,
    /// The member named is not a present member of the household.
    #[error("member_id: not a present member of the household")]
    NotAMember,
    /// An amount is below zero.
    #[error("{0}: must not be negative")]
    NegativeAmount(&'static str),
    /// An amount is beyond any field's range (a unit typed wrong).
    #[error("{0}: larger than any amount the app accepts")]
    AmountTooLarge(&'static str),
    /// A medical-bill warning came without its amount.
    #[error("amount: required for a medical bill warning")]
    AmountRequired,
    /// A date lies after today.
    #[error("{0}: must not be after today")]
    FutureDate(&'static str),
    /// The household has no grid, so no worker would see its visit.
    #[error(
        "profile.address.grid_code: the household has no grid, so no worker would see the visit"
    )]
    NoGrid,
    /// The task is already done or dismissed.
    #[error("status: the task is already done or dismissed")]
    TaskNotOpen,
    /// A required text is blank.
    #[error("{0}: required")]
    Required(&'static str),
    /// A text is too long.
    #[error("{field}: at most {max} characters")]
    TooLong {
        /// The field.
        field: &'static str,
        /// The most characters it takes.
        max: usize,
    },
    /// The due day could not be counted in working days (a year without a schedule).
    #[error("calendar: {0}")]
    Calendar(#[from] CalendarError),
}

impl WarningError {
    /// Stable code naming the rule, for the FFI and HTTP answers.
    pub fn code(&self) -> &'static str {
        match self {
            WarningError::UnknownDepartment => "unknown_department",
            WarningError::HouseholdMismatch => "household_mismatch",
            WarningError::NotAMember => "not_a_member",
            WarningError::NegativeAmount(_) => "negative_amount",
            WarningError::AmountTooLarge(_) => "amount_too_large",
            WarningError::AmountRequired => "amount_required",
            WarningError::FutureDate(_) => "future_date",
            WarningError::NoGrid => "no_grid",
            WarningError::TaskNotOpen => "task_not_open",
            WarningError::Required(_) => "required",
            WarningError::TooLong { .. } => "too_long",
            WarningError::Calendar(e) => e.code(),
        }
    }
}
