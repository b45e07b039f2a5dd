//! 公民身份号码 (GB 11643-1999): parsing, the ISO 7064 MOD 11-2 check character, masking.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::member::Sex;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [u8; 11] = *b"10X98765432";
/// Province-level prefixes in use (incl. 71/81/82/83 on residence permits).
const PROVINCES: [u8; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];

/// Why a 身份证号 was refused. Messages speak to the grid worker and never repeat the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    /// Not 18 characters.
    #[error("身份证号应为18位")]
    Length,
    /// Something other than digits (and a final X).
    #[error("身份证号只能包含数字，最后一位可以是X")]
    Characters,
    /// The first two digits name no province.
    #[error("身份证号前两位不是有效的省份代码")]
    Region,
    /// Digits 7–14 are not a real calendar date.
    #[error("身份证号中的出生日期不存在")]
    BirthDate,
    /// The birth date lies in the future or more than 130 years back.
    #[error("身份证号中的出生日期不合理")]
    BirthDateRange,
    /// The 18th character does not match the MOD 11-2 check.
    #[error("身份证号校验位不对，请逐位核对")]
    Checksum,
}

/// A 身份证号 whose structure, birth date and check character are valid.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

impl IdNumber {
    /// Parses and checks a number typed by a person; `today` bounds the birth date.
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, IdNumberError> {
        let id = Self::parse_structure(input)?;
        let birth = id.birth_date();
        let oldest = today.with_year(today.year() - 130).unwrap_or(today);
        if birth > today || birth < oldest {
            return Err(IdNumberError::BirthDateRange);
        }
        Ok(id)
    }

    /// Checks everything but the plausibility of the birth date against today.
    fn parse_structure(input: &str) -> Result<Self, IdNumberError> {
        let s = input.trim().to_ascii_uppercase();
        let bytes = s.as_bytes();
        if s.chars().count() != 18 || bytes.len() != 18 {
            return Err(if s.chars().all(|c| c.is_ascii_alphanumeric()) {
                IdNumberError::Length
            } else {
                IdNumberError::Characters
            });
        }
        if !bytes[..17].iter().all(u8::is_ascii_digit)
            || !(bytes[17].is_ascii_digit() || bytes[17] == b'X')
        {
            return Err(IdNumberError::Characters);
        }
        let province = (bytes[0] - b'0') * 10 + (bytes[1] - b'0');
        if !PROVINCES.contains(&province) {
            return Err(IdNumberError::Region);
        }
        if parse_birth(&s[6..14]).is_none() {
            return Err(IdNumberError::BirthDate);
        }
        if check_char(&bytes[..17]) != bytes[17] {
            return Err(IdNumberError::Checksum);
        }
        Ok(IdNumber(s))
    }

    /// Builds a valid number from its parts; used to generate fictional demo and test people.
    pub fn compose(region: &str, birth: NaiveDate, sequence: u16, sex: Sex) -> Option<Self> {
        if region.len() != 6 || !region.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let seq = sequence % 500 * 2 + u16::from(sex == Sex::Male);
        let body = format!("{region}{}{:03}", birth.format("%Y%m%d"), seq % 1000);
        let check = check_char(body.as_bytes()) as char;
        Self::parse_structure(&format!("{body}{check}")).ok()
    }

    /// The birth date written in the number.
    pub fn birth_date(&self) -> NaiveDate {
        parse_birth(&self.0[6..14]).unwrap_or_default()
    }

    /// The sex written in the 17th digit (odd: male, even: female).
    pub fn sex(&self) -> Sex {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The full number, for storage and for the forms that need it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last `n` characters (at most 6), as searched by screens.
    pub fn suffix(&self, n: usize) -> &str {
        &self.0[18 - n.min(6)..]
    }

    /// For screens and lists: province digits and the last four, the rest hidden.
    pub fn masked(&self) -> String {
        format!("{}************{}", &self.0[..2], &self.0[14..])
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

impl TryFrom<String> for IdNumber {
    type Error = IdNumberError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse_structure(&s)
    }
}

impl From<IdNumber> for String {
    fn from(id: IdNumber) -> String {
        id.0
    }
}

fn parse_birth(digits: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(digits, "%Y%m%d").ok()
}

/// The ISO 7064 MOD 11-2 check character of the first 17 digits.
fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn sample(sex: Sex) -> IdNumber {
        let birth = NaiveDate::from_ymd_opt(1968, 2, 29).unwrap();
        IdNumber::compose("370599", birth, 17, sex).unwrap()
    }

    #[test]
    fn composed_numbers_pass_the_check_and_carry_birth_and_sex() {
        let id = IdNumber::parse(sample(Sex::Female).as_str(), today()).unwrap();
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1968, 2, 29).unwrap()
        );
        assert_eq!(id.sex(), Sex::Female);
        assert_eq!(sample(Sex::Male).sex(), Sex::Male);
    }

    #[test]
    fn every_single_digit_change_breaks_the_check() {
        let good = sample(Sex::Male).as_str().to_string();
        for pos in 14..17 {
            let mut b = good.clone().into_bytes();
            b[pos] = if b[pos] == b'9' { b'0' } else { b[pos] + 1 };
            let s = String::from_utf8(b).unwrap();
            assert_eq!(
                IdNumber::parse(&s, today()),
                Err(IdNumberError::Checksum),
                "{pos}"
            );
        }
    }

    #[test]
    fn lowercase_x_is_accepted_as_check_character() {
        let birth = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        let with_x = (0..1000)
            .filter_map(|seq| IdNumber::compose("370599", birth, seq, Sex::Male))
            .find(|id| id.as_str().ends_with('X'))
            .unwrap();
        let lower = with_x.as_str().to_ascii_lowercase();
        assert_eq!(IdNumber::parse(&lower, today()).unwrap(), with_x);
    }

    #[test]
    fn impossible_and_future_birth_dates_are_refused() {
        // 1969-02-29 does not exist: build the digits by hand with a correct check char.
        let body = "37059919690229017";
        let bad = format!("{body}{}", check_char(body.as_bytes()) as char);
        assert_eq!(
            IdNumber::parse(&bad, today()),
            Err(IdNumberError::BirthDate)
        );
        let future = IdNumber::compose(
            "370599",
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            1,
            Sex::Male,
        )
        .unwrap();
        assert_eq!(
            IdNumber::parse(future.as_str(), today()),
            Err(IdNumberError::BirthDateRange)
        );
    }

    #[test]
    fn wrong_length_characters_and_region_are_named() {
        assert_eq!(
            IdNumber::parse("3705991968", today()),
            Err(IdNumberError::Length)
        );
        assert_eq!(
            IdNumber::parse("37059919680229017A", today()),
            Err(IdNumberError::Characters)
        );
        assert_eq!(
            IdNumber::parse("身份证号码身份证号码身份证号码身份证", today()),
            Err(IdNumberError::Characters)
        );
        let body = "99059919680229017";
        let bad = format!("{body}{}", check_char(body.as_bytes()) as char);
        assert_eq!(IdNumber::parse(&bad, today()), Err(IdNumberError::Region));
    }

    #[test]
    fn masking_hides_birth_date_and_address() {
        let id = sample(Sex::Male);
        let masked = id.masked();
        assert_eq!(masked.len(), 18);
        assert!(!masked.contains("1968"));
        assert!(masked.ends_with(&id.as_str()[14..]));
        assert!(!format!("{id:?}").contains("0599"));
    }
}
