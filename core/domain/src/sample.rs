//! Fictional households for demos, tests and benchmarks: generated names and valid-checksum ID
//! numbers built for the purpose, in a county code that is not assigned (370599).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use std::collections::BTreeMap;

use super::economics::{Economics, Expenditure, Income};
use super::geo::GeoPoint;
use super::household::{
    Address, HardshipCategories, Household, HouseholdFlags, HouseholdProfile, Housing,
};
use super::id_number::IdNumber;
use super::member::{
    Education, Health, MaritalStatus, Member, MemberStatus, Relation, SchoolStage, Sex, WorkStatus,
};
use super::money::Money;

/// The fictional county every sample lives in.
pub const COUNTY_CODE: &str = "370599";

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "曾", "单",
];
const GIVEN: &[&str] = &[
    "秀", "英", "华", "明", "国", "建", "军", "平", "芳", "玉", "兰", "丽", "强", "伟", "红", "春",
    "海", "桂", "志", "云", "德", "文", "凤", "金", "永", "庆", "梅", "立", "宝", "三",
];
const VILLAGES: &[&str] = &[
    "前进村",
    "东升村",
    "河口村",
    "新立村",
    "西刘村",
    "北王庄",
    "南湖社区",
    "柳桥村",
];

/// A small deterministic generator (splitmix64), so samples repeat exactly for a seed.
pub struct SampleRng(u64);

impl SampleRng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        SampleRng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// One item of a slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A random UUID-shaped id.
    pub fn id(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            b >> 52,
            b & 0xffff_ffff_ffff
        )
    }
}

/// A fictional name: surname plus one or two given characters.
pub fn name(rng: &mut SampleRng) -> String {
    let mut n = rng.pick(SURNAMES).to_string();
    for _ in 0..1 + rng.below(2) {
        let given: &&str = rng.pick(GIVEN);
        n.push_str(given);
    }
    n
}

/// A fictional member born on `birth`, with a valid ID number in the sample county.
pub fn member(rng: &mut SampleRng, relation: Relation, sex: Sex, birth: NaiveDate) -> Member {
    let id = IdNumber::compose(COUNTY_CODE, birth, rng.below(500) as u16, sex);
    let age = 2026 - birth.year();
    let sick = rng.below(10);
    Member {
        name: name(rng),
        id_number: id,
        relation,
        sex,
        birth_date: birth,
        health: Health {
            major_illness: sick == 0,
            chronic_illness: sick < 3,
            disability: None,
            note: String::new(),
        },
        work: match age {
            0..=5 => WorkStatus::Preschool,
            6..=18 => WorkStatus::Student,
            19..=59 => *rng.pick(&[
                WorkStatus::Farming,
                WorkStatus::Employed,
                WorkStatus::FlexibleWork,
                WorkStatus::Unemployed,
            ]),
            _ => WorkStatus::Retired,
        },
        school: match age {
            3..=5 => SchoolStage::Preschool,
            6..=11 => SchoolStage::Primary,
            12..=14 => SchoolStage::JuniorMiddle,
            15..=18 => SchoolStage::SeniorHigh,
            _ => SchoolStage::NotInSchool,
        },
        marital: if age >= 22 {
            MaritalStatus::Married
        } else {
            MaritalStatus::Unmarried
        },
        education: *rng.pick(&[
            Education::Primary,
            Education::JuniorMiddle,
            Education::SeniorHigh,
        ]),
        status: MemberStatus::Present,
    }
}

fn date(year: i32, rng: &mut SampleRng) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default() + Duration::days(rng.below(365) as i64)
}

/// A fictional household of 1–5 people in village `village` (0–7) of the sample county.
pub fn household(
    rng: &mut SampleRng,
    village: u32,
    registered_by: &str,
    at: DateTime<Utc>,
) -> Household {
    let v = village % VILLAGES.len() as u32;
    let township = format!("{COUNTY_CODE}{:03}", 100 + v / 4);
    let head_birth = date(1950 + rng.below(40) as i32, rng);
    let head_sex = if rng.below(2) == 0 {
        Sex::Male
    } else {
        Sex::Female
    };
    let mut members = BTreeMap::new();
    members.insert(rng.id(), member(rng, Relation::Head, head_sex, head_birth));
    let extra = rng.below(5);
    if extra > 0 {
        let other = if head_sex == Sex::Male {
            Sex::Female
        } else {
            Sex::Male
        };
        let birth = date(head_birth.year() + 1, rng);
        members.insert(rng.id(), member(rng, Relation::Spouse, other, birth));
    }
    for _ in 1..extra {
        let sex = if rng.below(2) == 0 {
            Sex::Male
        } else {
            Sex::Female
        };
        let birth = date(head_birth.year() + 22 + rng.below(10) as i32, rng);
        members.insert(rng.id(), member(rng, Relation::Child, sex, birth));
    }
    let dibao = rng.below(4) == 0;
    Household {
        id: rng.id(),
        registered_by: registered_by.to_string(),
        registered_at: at,
        profile: HouseholdProfile {
            address: Address {
                county_code: COUNTY_CODE.to_string(),
                township_code: township.clone(),
                village_code: format!("{township}{:03}", 200 + v),
                village_name: VILLAGES[v as usize].to_string(),
                grid_code: format!("G{:02}-{}", v + 1, 1 + rng.below(3)),
                detail: format!("{}组{}号", 1 + rng.below(9), 1 + rng.below(120)),
            },
            contact_phone: format!("1{}{:09}", 3 + rng.below(6), rng.below(1_000_000_000)),
            location: Some(GeoPoint {
                lat: 37.3 + rng.below(3000) as f64 / 10_000.0,
                lon: 118.4 + rng.below(3000) as f64 / 10_000.0,
                accuracy_m: 5.0 + rng.below(30) as f64,
            }),
            housing: *rng.pick(&[
                Housing::OwnedSafe,
                Housing::OwnedSafe,
                Housing::OwnedUnsafe,
                Housing::Rented,
            ]),
            categories: HardshipCategories {
                dibao,
                tekun: !dibao && rng.below(20) == 0,
                low_income: !dibao && rng.below(5) == 0,
                ..HardshipCategories::default()
            },
            flags: HouseholdFlags {
                already_assisted: dibao,
                ..HouseholdFlags::default()
            },
        },
        members,
        supporters: BTreeMap::new(),
        economics: Economics {
            income: Income {
                wage: Money::from_yuan(rng.below(30_000) as i64),
                farming: Money::from_yuan(rng.below(8_000) as i64),
                pension: Money::from_yuan(rng.below(3_000) as i64),
                ..Income::default()
            },
            expenditure: Expenditure {
                medical: Money::from_yuan(rng.below(20_000) as i64),
                ..Expenditure::default()
            },
            ..Economics::default()
        },
        evidence: BTreeMap::new(),
        review: Default::default(),
        visit_tasks: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_valid_households() {
        let mut rng = SampleRng::new(7);
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        for v in 0..50 {
            let h = household(&mut rng, v, "w1", Utc::now());
            h.validate(today).unwrap();
            assert!(!h.members.is_empty());
        }
    }
}
