//! 监测预警 → 入户任务 (政策找人): warnings raised from household data or pushed by other
//! departments and hotlines, turned into visit tasks for the grid worker of the household.
//! Pure functions over the domain types; nothing here reads or writes storage.

mod error;
mod external;
mod rules;
mod tasks;

pub use error::WarningError;
pub use external::{Department, ExternalKind, ExternalWarning, Hotline, HotlineReport};
pub use rules::evaluate;
pub use tasks::{MyVisit, TaskStatus, VisitTask, merge_tasks, my_visits, tasks_for};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What raised a warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// 人均月收入 below the county's share of the 低保 standard, and not yet in 保.
    IncomeBelowDibao,
    /// 医疗自付 over the county's warning threshold.
    MedicalCostOver,
    /// A member has a 重大疾病 and the household has no open case.
    MajorIllnessWithoutCase,
    /// The household's 复核 falls due on `due_on`, within the notice period.
    ReviewDue {
        /// The day the review is due.
        due_on: NaiveDate,
    },
    /// The household's 复核 was due on `due_on` and has not been recorded.
    ReviewOverdue {
        /// The day the review was due.
        due_on: NaiveDate,
    },
    /// Pushed from another department's data (医保 large bill, 残联, …).
    External {
        /// The department that pushed it.
        department: Department,
        /// What the department saw.
        kind: ExternalKind,
    },
    /// A report from 12345 or the 社会救助热线.
    Hotline {
        /// Which line took the call.
        line: Hotline,
    },
}

impl WarningKind {
    /// Stable code, for indexes, filters and the FFI.
    pub fn code(self) -> &'static str {
        match self {
            WarningKind::IncomeBelowDibao => "income_below_dibao",
            WarningKind::MedicalCostOver => "medical_cost_over",
            WarningKind::MajorIllnessWithoutCase => "major_illness_without_case",
            WarningKind::ReviewDue { .. } => "review_due",
            WarningKind::ReviewOverdue { .. } => "review_overdue",
            WarningKind::External { .. } => "external",
            WarningKind::Hotline { .. } => "hotline",
        }
    }

    /// Kinds that share one visit task: a review that is due and then overdue is one visit,
    /// each department's kind of signal is its own.
    fn family(self) -> String {
        match self {
            WarningKind::ReviewDue { .. } | WarningKind::ReviewOverdue { .. } => "review".into(),
            WarningKind::External { department, kind } => {
                format!("external.{}.{}", department.code(), kind.code())
            }
            WarningKind::Hotline { line } => format!("hotline.{}", line.code()),
            other => other.code().into(),
        }
    }

    /// The span the warning is about, so that a task closed for it is not raised again: the
    /// year for a standing condition, the due day for a review, the day of a report.
    fn period(self, raised_on: NaiveDate) -> String {
        match self {
            WarningKind::IncomeBelowDibao
            | WarningKind::MedicalCostOver
            | WarningKind::MajorIllnessWithoutCase => raised_on.year().to_string(),
            WarningKind::ReviewDue { due_on } | WarningKind::ReviewOverdue { due_on } => {
                due_on.to_string()
            }
            WarningKind::External { .. } | WarningKind::Hotline { .. } => raised_on.to_string(),
        }
    }
}

/// How soon the household must be visited. Ordered most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 紧急: by the end of the next working day.
    Immediate,
    /// 较急: within 3 working days (the 入户调查 clock of the national rules).
    High,
    /// 一般: within 10 working days.
    Normal,
}

impl Urgency {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Urgency::Immediate => "immediate",
            Urgency::High => "high",
            Urgency::Normal => "normal",
        }
    }

    /// The word the phone shows.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Immediate => "紧急",
            Urgency::High => "较急",
            Urgency::Normal => "一般",
        }
    }

    /// Working days after the task is created by which the visit is due.
    pub fn visit_within_working_days(self) -> u32 {
        match self {
            Urgency::Immediate => 1,
            Urgency::High => 3,
            Urgency::Normal => 10,
        }
    }
}

/// One warning about one household. The reason is written for the grid worker and never holds
/// an ID number, a name or a diagnosis: it may be shown on a shared screen or a printed list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What raised it.
    pub kind: WarningKind,
    /// The household it concerns.
    pub household_id: String,
    /// The member it concerns, when it is about one person.
    pub member_id: Option<String>,
    /// Why, in Chinese, for the worker.
    pub reason: String,
    /// The day it was raised.
    pub raised_on: NaiveDate,
    /// How soon the household must be visited.
    pub urgency: Urgency,
}

impl Warning {
    /// The id of the visit task this warning makes: the same household, kind and period always
    /// give the same id, on every device, so evaluating again never duplicates a task.
    pub fn task_id(&self) -> String {
        format!(
            "{}/{}/{}",
            self.household_id,
            self.kind.family(),
            self.kind.period(self.raised_on)
        )
    }
}

/// "一名", "两名", … for counts of people in reasons.
fn people_count(n: usize) -> String {
    const WORDS: [&str; 10] = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九"];
    match WORDS.get(n) {
        Some(word) => format!("{word}名"),
        None => format!("{n}名"),
    }
}

#[cfg(test)]
mod tests;
