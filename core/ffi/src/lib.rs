//! The API the phones call, through uniffi: a thin facade shaped for screens that converts to
//! and from the domain. Every call blocks and is safe from any thread; the apps call it from
//! background threads only.

mod case_records;
mod cases;
mod convert;
mod device;
pub mod enums;
pub mod error;
mod exchange;
mod households;
pub mod log;
pub mod photos;
pub mod records;
pub mod refusals;
mod store;
pub mod sync;
mod visits;

pub use error::ApiError;
pub use store::RuhuStore;

use records::IdNumberInfo;

/// Checks a 身份证号 as it is typed: structure, birth date, MOD 11-2 check character.
#[uniffi::export]
pub fn check_id_number(text: String) -> Result<IdNumberInfo, ApiError> {
    let id = ruhu_domain::id_number::IdNumber::parse(&text, convert::today())
        .map_err(|e| ApiError::field("id_number", e.to_string()))?;
    Ok(IdNumberInfo {
        birth_date: id.birth_date().format("%Y-%m-%d").to_string(),
        sex: id.sex().into(),
        masked: id.masked(),
    })
}

/// Reads an amount typed in 元 ("1200", "1,200.50", "¥300") as 分, with the reason when it is
/// not one (a minus sign, more than two decimals, too large), named by `field`: the same reading
/// the county's console and roster import use.
#[uniffi::export]
pub fn parse_amount(field: String, text: String) -> Result<i64, ApiError> {
    ruhu_domain::money::Money::parse_amount(&text)
        .map(|m| m.fen())
        .map_err(|e| ApiError::field(&field, e.to_string()))
}

uniffi::setup_scaffolding!();
