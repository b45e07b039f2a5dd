//! Warnings from outside the household record: another department's data pushed by the county
//! (医保 large bills, 残联, 教育, …) and reports from 12345 or the 社会救助热线. Each is checked
//! against the household before it becomes a `Warning`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Urgency, Warning, WarningError, WarningKind};
use crate::household::Household;
use crate::money::Money;

/// The departments that push warnings and receive referrals (seeds 001, 002).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    /// 医保.
    MedicalInsurance,
    /// 教育.
    Education,
    /// 住建.
    Housing,
    /// 人社.
    HumanResources,
    /// 应急.
    EmergencyManagement,
    /// 卫健.
    Health,
    /// 司法.
    Justice,
    /// 残联.
    DisabledPersons,
    /// 工会.
    TradeUnion,
    /// 共青团.
    YouthLeague,
    /// 妇联.
    WomensFederation,
    /// 慈善总会.
    Charity,
}

impl Department {
    /// Every department, in the order staff lists show them.
    pub const ALL: [Department; 12] = [
        Department::MedicalInsurance,
        Department::Education,
        Department::Housing,
        Department::HumanResources,
        Department::EmergencyManagement,
        Department::Health,
        Department::Justice,
        Department::DisabledPersons,
        Department::TradeUnion,
        Department::YouthLeague,
        Department::WomensFederation,
        Department::Charity,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Department::MedicalInsurance => "medical_insurance",
            Department::Education => "education",
            Department::Housing => "housing",
            Department::HumanResources => "human_resources",
            Department::EmergencyManagement => "emergency_management",
            Department::Health => "health",
            Department::Justice => "justice",
            Department::DisabledPersons => "disabled_persons",
            Department::TradeUnion => "trade_union",
            Department::YouthLeague => "youth_league",
            Department::WomensFederation => "womens_federation",
            Department::Charity => "charity",
        }
    }

    /// The short name staff use (and referral slips carry).
    pub fn label(self) -> &'static str {
        match self {
            Department::MedicalInsurance => "医保",
            Department::Education => "教育",
            Department::Housing => "住建",
            Department::HumanResources => "人社",
            Department::EmergencyManagement => "应急",
            Department::Health => "卫健",
            Department::Justice => "司法",
            Department::DisabledPersons => "残联",
            Department::TradeUnion => "工会",
            Department::YouthLeague => "共青团",
            Department::WomensFederation => "妇联",
            Department::Charity => "慈善总会",
        }
    }

    /// The department named by its code or its short name; `UnknownDepartment` otherwise.
    pub fn parse(name: &str) -> Result<Department, WarningError> {
        let name = name.trim();
        Department::ALL
            .into_iter()
            .find(|d| d.code() == name || d.label() == name)
            .ok_or(WarningError::UnknownDepartment)
    }
}

/// What another department saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExternalKind {
    /// 大额医疗费用: a large out-of-pocket bill (needs the amount).
    MedicalBill,
    /// 残疾: a new or changed disability certificate.
    Disability,
    /// 学生资助: a student in hardship or leaving school.
    SchoolHardship,
    /// 失业: a job lost.
    JobLoss,
    /// 受灾: a disaster or accident (visited at once).
    Disaster,
    /// 其他.
    Other,
}

impl ExternalKind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            ExternalKind::MedicalBill => "medical_bill",
            ExternalKind::Disability => "disability",
            ExternalKind::SchoolHardship => "school_hardship",
            ExternalKind::JobLoss => "job_loss",
            ExternalKind::Disaster => "disaster",
            ExternalKind::Other => "other",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ExternalKind::MedicalBill => "大额医疗自付费用",
            ExternalKind::Disability => "残疾情况变化",
            ExternalKind::SchoolHardship => "学生就学困难",
            ExternalKind::JobLoss => "失业",
            ExternalKind::Disaster => "受灾或遭遇意外",
            ExternalKind::Other => "其他困难情况",
        }
    }
}

/// A warning another department's data raised, as the county pushes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalWarning {
    /// The department, by code (`medical_insurance`) or short name (医保).
    pub department: String,
    /// The household it concerns.
    pub household_id: String,
    /// The member it concerns, if the department named one.
    #[serde(default)]
    pub member_id: Option<String>,
    /// What the department saw.
    pub kind: ExternalKind,
    /// The amount involved (the bill, the loss), when there is one.
    #[serde(default)]
    pub amount: Option<Money>,
    /// The day the department raised it.
    pub raised_on: NaiveDate,
}

impl ExternalWarning {
    /// The warning for `household`, after checking in order: the household, the department,
    /// the member, the amount (required for a medical bill, never negative or absurd) and the
    /// date (not after `today`). The first rule broken is returned, naming its field.
    pub fn to_warning(
        &self,
        household: &Household,
        today: NaiveDate,
    ) -> Result<Warning, WarningError> {
        if self.household_id != household.id {
            return Err(WarningError::HouseholdMismatch);
        }
        let department = Department::parse(&self.department)?;
        if let Some(member) = &self.member_id
            && !household
                .members
                .get(member)
                .is_some_and(|m| m.is_present())
        {
            return Err(WarningError::NotAMember);
        }
        match self.amount {
            Some(amount) if amount < Money::ZERO => {
                return Err(WarningError::NegativeAmount("amount"));
            }
            Some(amount) if amount > Money::FIELD_MAX => {
                return Err(WarningError::AmountTooLarge("amount"));
            }
            None if self.kind == ExternalKind::MedicalBill => {
                return Err(WarningError::AmountRequired);
            }
            _ => {}
        }
        if self.raised_on > today {
            return Err(WarningError::FutureDate("raised_on"));
        }
        let who = if self.member_id.is_some() {
            "一名成员"
        } else {
            "该户"
        };
        let amount = self
            .amount
            .map(|a| format!("，金额{a}"))
            .unwrap_or_default();
        Ok(Warning {
            kind: WarningKind::External {
                department,
                kind: self.kind,
            },
            household_id: self.household_id.clone(),
            member_id: self.member_id.clone(),
            reason: format!(
                "{}推送预警：{who}{}{amount}",
                department.label(),
                self.kind.label()
            ),
            raised_on: self.raised_on,
            urgency: if self.kind == ExternalKind::Disaster {
                Urgency::Immediate
            } else {
                Urgency::High
            },
        })
    }
}

/// The line a report came in on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hotline {
    /// 12345 政务服务便民热线.
    Citizen12345,
    /// 社会救助热线.
    Assistance,
}

impl Hotline {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Hotline::Citizen12345 => "citizen_12345",
            Hotline::Assistance => "assistance",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Hotline::Citizen12345 => "12345热线",
            Hotline::Assistance => "社会救助热线",
        }
    }
}

/// A call about a household, as the hotline desk records it. What the caller said stays in the
/// hotline's own record; the task only points the worker at the household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotlineReport {
    /// The line that took the call.
    pub line: Hotline,
    /// The household the call is about.
    pub household_id: String,
    /// The day of the call.
    pub received_on: NaiveDate,
    /// Whether the caller reported an emergency (visited at once).
    pub urgent: bool,
}

impl HotlineReport {
    /// The warning for `household`: refused for another household or a date after `today`.
    pub fn to_warning(
        &self,
        household: &Household,
        today: NaiveDate,
    ) -> Result<Warning, WarningError> {
        if self.household_id != household.id {
            return Err(WarningError::HouseholdMismatch);
        }
        if self.received_on > today {
            return Err(WarningError::FutureDate("received_on"));
        }
        let (urgency, how) = if self.urgent {
            (Urgency::Immediate, "，来电称情况紧急")
        } else {
            (Urgency::High, "")
        };
        Ok(Warning {
            kind: WarningKind::Hotline { line: self.line },
            household_id: self.household_id.clone(),
            member_id: None,
            reason: format!("{}反映该户生活困难{how}", self.line.label()),
            raised_on: self.received_on,
            urgency,
        })
    }
}
