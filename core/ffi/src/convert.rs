//! Conversions between the FFI records and the domain types, with form-level parse errors.

use chrono::{DateTime, NaiveDate, Utc};

use super::error::ApiError;
use super::records::*;
use ruhu_domain::document::conflicts::FieldConflict;
use ruhu_domain::{
    case as dc, economics as de, geo, household as dh, id_number::IdNumber, member as dm,
    money::Money,
};

/// The date in China today (UTC+8), which bounds birth dates.
pub fn today() -> NaiveDate {
    ruhu_engine::today()
}

/// An instant from Unix ms, or a form problem.
pub fn instant(field: &str, ms: i64) -> Result<DateTime<Utc>, ApiError> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| ApiError::field(field, "时间不合理"))
}

fn date(field: &str, text: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::field(field, "日期格式应为 年-月-日，且须是真实日期"))
}

fn id_number(field: &str, text: &Option<String>) -> Result<Option<IdNumber>, ApiError> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => IdNumber::parse(t, today())
            .map(Some)
            .map_err(|e| ApiError::field(field, e.to_string())),
    }
}

/// `From` both ways between an FFI record and a domain struct with the same fields.
macro_rules! same_fields {
    ($ffi:ident, $domain:path, { $($field:ident),+ $(,)? }) => {
        impl From<$ffi> for $domain {
            fn from(v: $ffi) -> Self {
                Self { $($field: v.$field),+ }
            }
        }

        impl From<&$domain> for $ffi {
            fn from(v: &$domain) -> Self {
                Self { $($field: v.$field),+ }
            }
        }
    };
}

same_fields!(GeoPoint, geo::GeoPoint, { lat, lon, accuracy_m });
same_fields!(HardshipCategories, dh::HardshipCategories, {
    dibao,
    tekun,
    low_income,
    orphan,
    vulnerable_child,
    disability_subsidy,
    expenditure_hardship,
});

impl From<HouseholdProfile> for dh::HouseholdProfile {
    fn from(p: HouseholdProfile) -> Self {
        dh::HouseholdProfile {
            address: dh::Address {
                county_code: p.county_code.trim().into(),
                township_code: p.township_code.trim().into(),
                village_code: p.village_code.trim().into(),
                village_name: p.village_name.trim().into(),
                grid_code: p.grid_code.trim().into(),
                detail: p.address_detail.trim().into(),
            },
            contact_phone: p.contact_phone.trim().into(),
            location: p.location.map(Into::into),
            housing: p.housing.into(),
            categories: p.categories.into(),
            flags: dh::HouseholdFlags {
                already_assisted: p.already_assisted,
                poverty_registered: p.poverty_registered,
                staff_relative: p.staff_relative,
            },
        }
    }
}

impl From<&dh::HouseholdProfile> for HouseholdProfile {
    fn from(p: &dh::HouseholdProfile) -> Self {
        let a = &p.address;
        HouseholdProfile {
            county_code: a.county_code.clone(),
            township_code: a.township_code.clone(),
            village_code: a.village_code.clone(),
            village_name: a.village_name.clone(),
            grid_code: a.grid_code.clone(),
            address_detail: a.detail.clone(),
            contact_phone: p.contact_phone.clone(),
            location: p.location.as_ref().map(Into::into),
            housing: p.housing.into(),
            categories: (&p.categories).into(),
            already_assisted: p.flags.already_assisted,
            poverty_registered: p.flags.poverty_registered,
            staff_relative: p.flags.staff_relative,
        }
    }
}

/// A member from its form; parse problems name the field.
pub fn member(input: MemberInput) -> Result<dm::Member, ApiError> {
    let disability = match (input.disability_kind, input.disability_grade) {
        (Some(kind), Some(grade)) => Some(dm::Disability {
            kind: kind.into(),
            grade,
        }),
        (None, None) => None,
        _ => {
            return Err(ApiError::field(
                "health.disability",
                "残疾类别和等级需同时填写",
            ));
        }
    };
    Ok(dm::Member {
        name: input.name.trim().into(),
        id_number: id_number("id_number", &input.id_number)?,
        relation: input.relation.into(),
        sex: input.sex.into(),
        birth_date: date("birth_date", &input.birth_date)?,
        health: dm::Health {
            major_illness: input.major_illness,
            chronic_illness: input.chronic_illness,
            disability,
            note: input.health_note.trim().into(),
        },
        work: input.work.into(),
        school: input.school.into(),
        marital: input.marital.into(),
        education: input.education.into(),
        status: input.status.into(),
    })
}

/// A member's form values.
pub fn member_input(m: &dm::Member) -> MemberInput {
    MemberInput {
        name: m.name.clone(),
        id_number: m.id_number.as_ref().map(|n| n.as_str().to_string()),
        relation: m.relation.into(),
        sex: m.sex.into(),
        birth_date: m.birth_date.format("%Y-%m-%d").to_string(),
        major_illness: m.health.major_illness,
        chronic_illness: m.health.chronic_illness,
        disability_kind: m.health.disability.map(|d| d.kind.into()),
        disability_grade: m.health.disability.map(|d| d.grade),
        health_note: m.health.note.clone(),
        work: m.work.into(),
        school: m.school.into(),
        marital: m.marital.into(),
        education: m.education.into(),
        status: m.status.into(),
    }
}

/// A supporter from its form.
pub fn supporter(s: SupporterInput) -> Result<dm::Supporter, ApiError> {
    Ok(dm::Supporter {
        name: s.name.trim().into(),
        id_number: id_number("id_number", &s.id_number)?,
        relation: s.relation.trim().into(),
        annual_income: Money::from_fen(s.annual_income_fen),
        annual_support_paid: Money::from_fen(s.annual_support_paid_fen),
    })
}

/// A supporter's form values.
pub fn supporter_input(s: &dm::Supporter) -> SupporterInput {
    SupporterInput {
        name: s.name.clone(),
        id_number: s.id_number.as_ref().map(|n| n.as_str().to_string()),
        relation: s.relation.clone(),
        annual_income_fen: s.annual_income.fen(),
        annual_support_paid_fen: s.annual_support_paid.fen(),
    }
}

impl From<EconomicsInput> for de::Economics {
    fn from(e: EconomicsInput) -> Self {
        let m = Money::from_fen;
        de::Economics {
            income: de::Income {
                wage: m(e.wage_fen),
                farming: m(e.farming_fen),
                business: m(e.business_fen),
                property_rental: m(e.property_rental_fen),
                land_transfer: m(e.land_transfer_fen),
                pension: m(e.pension_fen),
                support_received: m(e.support_received_fen),
                subsidies: m(e.subsidies_fen),
                other: m(e.other_income_fen),
            },
            expenditure: de::Expenditure {
                medical: m(e.medical_fen),
                education: m(e.education_fen),
                housing: m(e.housing_fen),
                other: m(e.other_expenditure_fen),
            },
            assets: de::Assets {
                house_count: e.house_count,
                house_value: m(e.house_value_fen),
                vehicle_count: e.vehicle_count,
                vehicle_value: m(e.vehicle_value_fen),
                deposits: m(e.deposits_fen),
                securities: m(e.securities_fen),
            },
            debts: m(e.debts_fen),
        }
    }
}

impl From<&de::Economics> for EconomicsInput {
    fn from(e: &de::Economics) -> Self {
        let (i, x, a) = (&e.income, &e.expenditure, &e.assets);
        EconomicsInput {
            wage_fen: i.wage.fen(),
            farming_fen: i.farming.fen(),
            business_fen: i.business.fen(),
            property_rental_fen: i.property_rental.fen(),
            land_transfer_fen: i.land_transfer.fen(),
            pension_fen: i.pension.fen(),
            support_received_fen: i.support_received.fen(),
            subsidies_fen: i.subsidies.fen(),
            other_income_fen: i.other.fen(),
            medical_fen: x.medical.fen(),
            education_fen: x.education.fen(),
            housing_fen: x.housing.fen(),
            other_expenditure_fen: x.other.fen(),
            house_count: a.house_count,
            house_value_fen: a.house_value.fen(),
            vehicle_count: a.vehicle_count,
            vehicle_value_fen: a.vehicle_value.fen(),
            deposits_fen: a.deposits.fen(),
            securities_fen: a.securities.fen(),
            debts_fen: e.debts.fen(),
        }
    }
}

/// Derived economics for a household of `size` people.
pub fn economics_summary(e: &de::Economics, size: usize) -> EconomicsSummary {
    let fen = |m: Option<Money>| m.unwrap_or_default().fen();
    EconomicsSummary {
        total_income_fen: fen(e.income.total()),
        total_expenditure_fen: fen(e.expenditure.total()),
        per_capita_monthly_income_fen: fen(e.per_capita_monthly_income(size)),
        per_capita_monthly_after_expenditure_fen: fen(e.per_capita_monthly_after_expenditure(size)),
    }
}

/// The emergency from its form.
pub fn emergency(e: EmergencyInput) -> Result<dc::EmergencyEvent, ApiError> {
    Ok(dc::EmergencyEvent {
        kind: e.kind.into(),
        occurred_at: instant("emergency.occurred_at", e.occurred_at_ms)?,
        description: e.description.trim().into(),
        losses: Money::from_fen(e.losses_fen),
        expected_costs: Money::from_fen(e.expected_costs_fen),
    })
}

/// An emergency's form values.
pub fn emergency_input(e: &dc::EmergencyEvent) -> EmergencyInput {
    EmergencyInput {
        kind: e.kind.into(),
        occurred_at_ms: e.occurred_at.timestamp_millis(),
        description: e.description.clone(),
        losses_fen: e.losses.fen(),
        expected_costs_fen: e.expected_costs.fen(),
    }
}

/// A conflict as screens show it.
pub fn conflict(document_id: &str, c: &FieldConflict) -> Conflict {
    Conflict {
        document_id: document_id.to_string(),
        path: c.path.join("/"),
        label: c.label(),
        values: c
            .values
            .iter()
            .map(|v| ConflictValue {
                display: c.display(v),
                value_json: v.to_string(),
            })
            .collect(),
    }
}

/// Age in whole years on `today`.
pub fn age(birth: NaiveDate, today: NaiveDate) -> u32 {
    today.years_since(birth).unwrap_or(0)
}
