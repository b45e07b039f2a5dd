//! Money as an exact count of 分 (fen): never a float.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why typed text is not an amount; the message ([`AmountError::reason`]) is the worker's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// A minus sign.
    #[error("{}", self.reason())]
    Negative,
    /// Not digits with commas and a decimal point.
    #[error("{}", self.reason())]
    NotAnAmount,
    /// More than two decimals.
    #[error("{}", self.reason())]
    TooPrecise,
    /// Past [`Money::FIELD_MAX`].
    #[error("{}", self.reason())]
    TooLarge,
}

impl AmountError {
    /// The message, as a static text.
    pub const fn reason(self) -> &'static str {
        match self {
            AmountError::Negative => "金额不能为负数",
            AmountError::NotAnAmount => "金额应为数字，如 1200 或 1,200.50",
            AmountError::TooPrecise => "金额最多两位小数（到分）",
            AmountError::TooLarge => "金额过大，请核对单位（元）",
        }
    }
}

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

    /// An amount typed in 元, as a person writes it on a form or in a spreadsheet: digits with
    /// optional thousands commas (, or ，), at most two decimals ("1,200.50", "300", "0.5",
    /// "1200.500"), optionally after ¥/￥ or before 元. Refused with the reason: a minus sign,
    /// anything else, more than two decimals (never rounded), past [`Money::FIELD_MAX`]. Exact:
    /// never through a float. The one parser of typed amounts (console, roster import).
    pub fn parse_amount(text: &str) -> Result<Money, AmountError> {
        let t = text.trim();
        let t = t
            .strip_prefix('¥')
            .or_else(|| t.strip_prefix('￥'))
            .unwrap_or(t);
        let t = t.strip_suffix('元').unwrap_or(t).trim();
        if t.starts_with('-') {
            return Err(AmountError::Negative);
        }
        let t: String = t.chars().filter(|c| *c != ',' && *c != '，').collect();
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(AmountError::NotAnAmount);
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > 2 {
            return Err(AmountError::TooPrecise);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 12 {
            return Err(AmountError::TooLarge);
        }
        let yuan: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| AmountError::NotAnAmount)?
        };
        let fen: i64 = format!("{frac:0<2}")
            .parse()
            .map_err(|_| AmountError::NotAnAmount)?;
        let m = yuan
            .checked_mul(100)
            .and_then(|y| y.checked_add(fen))
            .map(Money)
            .ok_or(AmountError::TooLarge)?;
        if m > Self::FIELD_MAX {
            return Err(AmountError::TooLarge);
        }
        Ok(m)
    }

    /// [`Money::parse_amount`] without the reason.
    pub fn parse_yuan(text: &str) -> Option<Money> {
        Money::parse_amount(text).ok()
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
    fn the_console_and_the_roster_read_amounts_alike_and_say_why_not() {
        for (text, fen) in [
            ("￥1200.5", 120_050),
            ("¥ 1,200 ", 120_000),
            ("1200元", 120_000),
            ("1200.500", 120_050),
            ("0012", 1_200),
            ("3，000", 300_000),
        ] {
            assert_eq!(
                Money::parse_amount(text),
                Ok(Money::from_fen(fen)),
                "{text}"
            );
        }
        assert_eq!(Money::parse_amount("-5"), Err(AmountError::Negative));
        assert_eq!(Money::parse_amount("1.234"), Err(AmountError::TooPrecise));
        assert_eq!(Money::parse_amount("12万"), Err(AmountError::NotAnAmount));
        assert_eq!(
            Money::parse_amount("100000000.01"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            Money::parse_amount("9999999999999"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            AmountError::TooPrecise.reason(),
            AmountError::TooPrecise.to_string()
        );
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
