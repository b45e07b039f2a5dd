//! Household commands and queries of `RuhuStore`: register, edit, read, search.

use chrono::Utc;

use super::convert::{self, today};
use super::enums::{MemberStatus, Relation};
use super::error::{ApiError, FieldProblem};
use super::records::*;
use super::store::{RuhuStore, logged};
use ruhu_domain::document::{DocKind, conflicts};
use ruhu_domain::economics as de;
use ruhu_domain::household as dh;
use ruhu_store::{self, StoreError};

#[uniffi::export]
impl RuhuStore {
    /// Registers a household with its first members. Returns the household id.
    pub fn create_household(
        &self,
        profile: HouseholdProfile,
        members: Vec<MemberInput>,
    ) -> Result<String, ApiError> {
        let members = members
            .into_iter()
            .enumerate()
            .map(|(i, m)| convert::member(m).map_err(|e| prefix(e, &format!("members.{i}"))))
            .collect::<Result<Vec<_>, _>>()?;
        logged(
            "create_household",
            self.phone
                .create_household(profile.into(), members)
                .map_err(Into::into),
        )
    }

    /// Replaces the household's profile form; only changed fields are written.
    pub fn update_household(
        &self,
        household_id: String,
        profile: HouseholdProfile,
    ) -> Result<(), ApiError> {
        logged(
            "update_household",
            self.phone
                .update_household(&household_id, profile.into())
                .map_err(Into::into),
        )
    }

    /// Adds a member. Returns the member id.
    pub fn add_member(
        &self,
        household_id: String,
        member: MemberInput,
    ) -> Result<String, ApiError> {
        let m = convert::member(member)?;
        logged(
            "add_member",
            self.phone.add_member(&household_id, m).map_err(Into::into),
        )
    }

    /// Replaces a member's form; only changed fields are written. Members are never deleted:
    /// set `status` to moved out or deceased.
    pub fn update_member(
        &self,
        household_id: String,
        member_id: String,
        member: MemberInput,
    ) -> Result<(), ApiError> {
        let m = convert::member(member)?;
        logged(
            "update_member",
            self.phone
                .update_member(&household_id, &member_id, m)
                .map_err(Into::into),
        )
    }

    /// Adds a person obliged to support the household. Returns the supporter id.
    pub fn add_supporter(
        &self,
        household_id: String,
        supporter: SupporterInput,
    ) -> Result<String, ApiError> {
        let s = convert::supporter(supporter)?;
        logged(
            "add_supporter",
            self.phone
                .add_supporter(&household_id, s)
                .map_err(Into::into),
        )
    }

    /// Replaces a supporter's form.
    pub fn update_supporter(
        &self,
        household_id: String,
        supporter_id: String,
        supporter: SupporterInput,
    ) -> Result<(), ApiError> {
        let s = convert::supporter(supporter)?;
        logged(
            "update_supporter",
            self.phone
                .update_supporter(&household_id, &supporter_id, s)
                .map_err(Into::into),
        )
    }

    /// Replaces the economics form; only changed amounts are written.
    pub fn set_economics(
        &self,
        household_id: String,
        economics: EconomicsInput,
    ) -> Result<(), ApiError> {
        logged(
            "set_economics",
            self.phone
                .set_economics(&household_id, economics.into())
                .map_err(Into::into),
        )
    }

    /// The economics figures of a form not saved yet, for the per-capita figure that updates as
    /// the worker types: totals and 人均月收入 for `present_members` people,
    /// and whether it is below the county's 低保 standard (the policy from the last sync).
    /// The amounts are checked as [`RuhuStore::set_economics`] checks them.
    pub fn economics_preview(
        &self,
        economics: EconomicsInput,
        present_members: u32,
    ) -> Result<EconomicsPreview, ApiError> {
        let e: de::Economics = economics.into();
        e.validate("economics").finish()?;
        let people = present_members as usize;
        let line = self.phone.policy()?.map(|p| p.dibao_monthly_per_person);
        Ok(EconomicsPreview {
            summary: convert::economics_summary(&e, people),
            dibao_monthly_per_person_fen: line.map(|l| l.fen()),
            below_dibao: line.and_then(|l| e.income_below(people, l, 100)),
        })
    }

    /// Everything the household screen shows.
    pub fn household(&self, household_id: String) -> Result<HouseholdDetail, ApiError> {
        let (_, doc) = self
            .phone
            .store()
            .document(&household_id, DocKind::Household)?;
        let h: dh::Household = ruhu_domain::document::read(&doc).map_err(StoreError::from)?;
        let today = today();
        let mut members: Vec<MemberDetail> = h
            .members
            .iter()
            .map(|(id, m)| MemberDetail {
                member_id: id.clone(),
                member: convert::member_input(m),
                id_masked: m.id_number.as_ref().map(|n| n.masked()),
                age: convert::age(m.birth_date, today),
            })
            .collect();
        members.sort_by_key(|m| {
            (
                m.member.status != MemberStatus::Present,
                m.member.relation != Relation::Head,
                std::cmp::Reverse(m.age),
            )
        });
        Ok(HouseholdDetail {
            id: h.id.clone(),
            profile: (&h.profile).into(),
            supporters: h
                .supporters
                .iter()
                .map(|(id, s)| SupporterDetail {
                    supporter_id: id.clone(),
                    supporter: convert::supporter_input(s),
                })
                .collect(),
            economics: (&h.economics).into(),
            economics_summary: convert::economics_summary(
                &h.economics,
                h.present_members().count(),
            ),
            conflicts: conflicts::list(&doc)
                .iter()
                .map(|c| convert::conflict(&household_id, c))
                .collect(),
            registered_by: h.registered_by.clone(),
            registered_at_ms: h.registered_at.timestamp_millis(),
            members,
        })
    }

    /// Household list and search, shaped for the list screen (ID numbers masked).
    pub fn search_households(
        &self,
        query: HouseholdQuery,
    ) -> Result<Vec<HouseholdSummary>, ApiError> {
        let filter = ruhu_store::HouseholdFilter {
            query: query.text,
            village_code: query.village_code.filter(|s| !s.is_empty()),
            grid_code: query.grid_code.filter(|s| !s.is_empty()),
            category: query.category.filter(|s| !s.is_empty()),
            open_case_only: query.open_case_only,
            overdue_only: query.overdue_only,
            limit: query.limit,
            offset: query.offset,
        };
        let rows = logged(
            "search_households",
            self.phone
                .store()
                .households(&filter, Utc::now())
                .map_err(ApiError::from),
        )?;
        Ok(rows
            .into_iter()
            .map(|r| HouseholdSummary {
                id: r.id,
                head_name: r.head_name,
                head_id_masked: r.head_id_masked,
                village_name: r.village_name,
                grid_code: r.grid_code,
                address: r.address,
                categories: r.categories,
                member_count: r.member_count,
                open_cases: r.open_cases,
                next_deadline_ms: r.next_deadline.map(|d| d.timestamp_millis()),
                conflicts: r.conflicts,
            })
            .collect())
    }
}

fn prefix(e: ApiError, at: &str) -> ApiError {
    match e {
        ApiError::InvalidInput { problems } => ApiError::InvalidInput {
            problems: problems
                .into_iter()
                .map(|p| FieldProblem {
                    field: format!("{at}.{}", p.field),
                    reason: p.reason,
                })
                .collect(),
        },
        other => other,
    }
}
