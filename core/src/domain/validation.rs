//! Field problems: what is wrong with a form, said so that a grid worker can fix it.

use std::fmt;

/// One problem with one field. `field` is a stable path such as `members.<id>.id_number`;
/// `reason` is a Chinese sentence for the person filling the form and never repeats the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    /// Path of the field.
    pub field: String,
    /// What to fix.
    pub reason: String,
}

/// Every problem found in one form.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError(pub Vec<FieldProblem>);

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|p| format!("{}: {}", p.field, p.reason))
            .collect();
        write!(f, "{}", parts.join("; "))
    }
}

/// Collects problems while a form is checked.
#[derive(Default)]
pub struct Problems {
    prefix: String,
    list: Vec<FieldProblem>,
}

impl Problems {
    /// A collector whose field paths start with `prefix` (empty for top level).
    pub fn new(prefix: &str) -> Self {
        Problems {
            prefix: prefix.to_string(),
            list: Vec::new(),
        }
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: &str, reason: impl Into<String>) {
        let field = if self.prefix.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", self.prefix)
        };
        self.list.push(FieldProblem {
            field,
            reason: reason.into(),
        });
    }

    /// Records a problem when `bad` holds.
    pub fn check(&mut self, bad: bool, field: &str, reason: &str) {
        if bad {
            self.add(field, reason);
        }
    }

    /// Takes the problems of a nested form.
    pub fn extend(&mut self, other: Problems) {
        self.list.extend(other.list);
    }

    /// `Ok` when nothing was found.
    pub fn finish(self) -> Result<(), ValidationError> {
        if self.list.is_empty() {
            Ok(())
        } else {
            Err(ValidationError(self.list))
        }
    }
}

/// A required text field: not blank and at most `max` characters.
pub fn check_text(p: &mut Problems, field: &str, value: &str, required: bool, max: usize) {
    let trimmed = value.trim();
    if required && trimmed.is_empty() {
        p.add(field, "必填");
    } else if trimmed.chars().count() > max {
        p.add(field, format!("不能超过{max}个字"));
    } else if value.chars().any(|c| c.is_control() && c != '\n') {
        p.add(field, "包含无法显示的字符");
    }
}
