//! Money as an exact count of 分 (fen): never a float.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in 分 (1 元 = 100 分). Exact integer arithmetic only.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    /// Zero 分.
    pub const ZERO: Money = Money(0);
    /// The largest amount any single field accepts: 1 亿元. Anything above is a typing error.
    pub const FIELD_MAX: Money = Money(100_000_000 * 100);

    /// An amount from a count of 分.
    pub const fn from_fen(fen: i64) -> Self {
        Money(fen)
    }

    /// An amount from whole 元.
    pub const fn from_yuan(yuan: i64) -> Self {
        Money(yuan * 100)
    }

    /// The amount in 分.
    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Sum that reports overflow instead of wrapping.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// Whole-分 division rounding toward zero; `None` when dividing by zero.
    pub fn checked_div(self, divisor: i64) -> Option<Money> {
        self.0.checked_div(divisor).map(Money)
    }

    /// An amount typed in 元: digits with optional thousands commas and at most two decimals
    /// ("1,200.50", "300", "0.5"). `None` for anything else, including a minus sign and
    /// amounts past [`Money::FIELD_MAX`]. Exact: never through a float.
    pub fn parse_yuan(text: &str) -> Option<Money> {
        let text = text.trim().replace([',', '，'], "");
        let (whole, frac) = match text.split_once('.') {
            Some((w, f)) => (w.to_string(), f.to_string()),
            None => (text.clone(), String::new()),
        };
        if whole.is_empty()
            || whole.len() > 12
            || frac.len() > 2
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let yuan: i64 = whole.parse().ok()?;
        let fen: i64 = format!("{frac:0<2}").parse().ok()?;
        let m = Money(yuan.checked_mul(100)?.checked_add(fen)?);
        (m <= Self::FIELD_MAX).then_some(m)
    }

    /// Whether this is a usable amount for a form field: not negative, not absurdly large.
    pub fn field_problem(self) -> Option<&'static str> {
        if self.0 < 0 {
            Some("金额不能为负数")
        } else if self > Self::FIELD_MAX {
            Some("金额过大，请核对单位（元）")
        } else {
            None
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02} 元", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_yuan_parse_exactly_or_not_at_all() {
        assert_eq!(
            Money::parse_yuan("1,200.50"),
            Some(Money::from_fen(120_050))
        );
        assert_eq!(Money::parse_yuan(" 300 "), Some(Money::from_yuan(300)));
        assert_eq!(Money::parse_yuan("0.5"), Some(Money::from_fen(50)));
        assert_eq!(Money::parse_yuan("0.07"), Some(Money::from_fen(7)));
        for bad in ["", "-5", "1.234", "abc", "1.2.3", ".5", "1e3", "100000001"] {
            assert_eq!(Money::parse_yuan(bad), None, "{bad}");
        }
    }

    #[test]
    fn displays_yuan_with_two_decimals() {
        assert_eq!(Money::from_fen(200_050).to_string(), "2000.50 元");
        assert_eq!(Money::from_fen(-5).to_string(), "-0.05 元");
    }

    #[test]
    fn negative_and_absurd_amounts_are_field_problems() {
        assert!(Money::from_fen(-1).field_problem().is_some());
        assert!(Money::from_yuan(200_000_000).field_problem().is_some());
        assert!(Money::from_yuan(2000).field_problem().is_none());
    }

    #[test]
    fn overflow_is_reported_not_wrapped() {
        assert_eq!(
            Money::from_fen(i64::MAX).checked_add(Money::from_fen(1)),
            None
        );
        assert_eq!(Money::from_fen(10).checked_div(0), None);
    }
}
