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

    /// Takes the problems of a form already checked (their paths kept as they are).
    pub fn extend_from(&mut self, other: ValidationError) {
        self.list.extend(other.0);
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

/// Whether `s` is a record id as devices and the county make them: a UUID in lowercase hex,
/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
pub fn is_record_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
}

/// Whether `s` is a SHA-256 in lowercase hex (64 characters), as photo files are named.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_are_lowercase_uuids() {
        assert!(is_record_id("0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab"));
        for bad in [
            "hh-1",
            "",
            "0A1B2C3D-4E5F-4A6B-8C7D-0123456789AB",
            "0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab0",
            "0a1b2c3d04e5f-4a6b-8c7d-0123456789ab",
            "0a1b2c3d-4e5f-4a6b-8c7d-0123456789ag",
        ] {
            assert!(!is_record_id(bad), "{bad}");
        }
    }

    #[test]
    fn photo_hashes_are_64_lowercase_hex() {
        assert!(is_sha256_hex(&"ab".repeat(32)));
        assert!(!is_sha256_hex("abc"));
        assert!(!is_sha256_hex(&"AB".repeat(32)));
        assert!(!is_sha256_hex(&"ab".repeat(33)));
    }
}
