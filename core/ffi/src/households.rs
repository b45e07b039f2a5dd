//! Household commands and queries of `RuhuStore`: register, edit, read, search.

use chrono::Utc;

use super::convert::{self, today};
use super::enums::{MemberStatus, Relation};
use super::error::{ApiError, FieldProblem};
use super::records::*;
use super::store::{RuhuStore, finish, logged, new_id};
use ruhu_domain::document::{DocKind, conflicts};
use ruhu_domain::{household as dh, validation::Problems};
use ruhu_store::{self, StoreError};

impl RuhuStore {
    /// Refuses an address outside the scope the county gave this device at enrollment (the
    /// county would refuse the record). Devices not enrolled have no scope yet.
    fn check_scope(&self, village_code: &str, grid_code: &str) -> Result<(), ApiError> {
        let covered = self.store.scope()?.covers(village_code, grid_code);
        if covered {
            Ok(())
        } else {
            Err(ApiError::field(
                "profile.address.grid_code",
                "该户不在本机负责的村或网格内，请核对地址或联系乡镇",
            ))
        }
    }
}

#[uniffi::export]
impl RuhuStore {
    /// Registers a household with its first members. Returns the household id.
    pub fn create_household(
        &self,
        profile: HouseholdProfile,
        members: Vec<MemberInput>,
    ) -> Result<String, ApiError> {
        let worker = self.store.require_profile()?;
        let mut household = dh::Household {
            id: new_id(),
            registered_by: worker.worker_id,
            registered_at: Utc::now(),
            profile: profile.into(),
            members: Default::default(),
            supporters: Default::default(),
            economics: Default::default(),
            evidence: Default::default(),
            review: Default::default(),
            visit_tasks: Default::default(),
        };
        for (i, m) in members.into_iter().enumerate() {
            let m = convert::member(m).map_err(|e| prefix(e, &format!("members.{i}")))?;
            household.members.insert(new_id(), m);
        }
        household.validate(today())?;
        let address = &household.profile.address;
        self.check_scope(&address.village_code, &address.grid_code)?;
        if household.profile.address.county_code != self.store.require_profile()?.county_code {
            return Err(ApiError::field(
                "profile.address.county_code",
                "只能登记本县的家庭",
            ));
        }
        let id = household.id.clone();
        logged(
            "create_household",
            self.store
                .create(&id, &household, Utc::now())
                .map_err(Into::into),
        )?;
        Ok(id)
    }

    /// Replaces the household's profile form; only changed fields are written.
    pub fn update_household(
        &self,
        household_id: String,
        profile: HouseholdProfile,
    ) -> Result<(), ApiError> {
        let profile: dh::HouseholdProfile = profile.into();
        profile.validate("profile").finish()?;
        self.check_scope(&profile.address.village_code, &profile.address.grid_code)?;
        self.edit(&household_id, "edit profile", move |h| {
            if h.profile.address.county_code != profile.address.county_code {
                let mut p = Problems::new("profile");
                p.add("address.county_code", "不能把家庭改到其他县");
                return finish(p);
            }
            h.profile = profile;
            Ok(())
        })
    }

    /// Adds a member. Returns the member id.
    pub fn add_member(
        &self,
        household_id: String,
        member: MemberInput,
    ) -> Result<String, ApiError> {
        let m = convert::member(member)?;
        m.validate("", today()).finish()?;
        let id = new_id();
        let member_id = id.clone();
        self.edit(&household_id, "add member", move |h| {
            h.members.insert(member_id, m);
            Ok(())
        })?;
        Ok(id)
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
        m.validate("", today()).finish()?;
        self.edit(&household_id, "edit member", move |h| {
            let slot = h
                .members
                .get_mut(&member_id)
                .ok_or(StoreError::NotFound(ruhu_store::Missing::Member))?;
            *slot = m;
            Ok(())
        })
    }

    /// Adds a person obliged to support the household. Returns the supporter id.
    pub fn add_supporter(
        &self,
        household_id: String,
        supporter: SupporterInput,
    ) -> Result<String, ApiError> {
        let s = convert::supporter(supporter)?;
        s.validate("").finish()?;
        let id = new_id();
        let supporter_id = id.clone();
        self.edit(&household_id, "add supporter", move |h| {
            h.supporters.insert(supporter_id, s);
            Ok(())
        })?;
        Ok(id)
    }

    /// Replaces a supporter's form.
    pub fn update_supporter(
        &self,
        household_id: String,
        supporter_id: String,
        supporter: SupporterInput,
    ) -> Result<(), ApiError> {
        let s = convert::supporter(supporter)?;
        s.validate("").finish()?;
        self.edit(&household_id, "edit supporter", move |h| {
            let slot = h
                .supporters
                .get_mut(&supporter_id)
                .ok_or(StoreError::NotFound(ruhu_store::Missing::Supporter))?;
            *slot = s;
            Ok(())
        })
    }

    /// Replaces the economics form; only changed amounts are written.
    pub fn set_economics(
        &self,
        household_id: String,
        economics: EconomicsInput,
    ) -> Result<(), ApiError> {
        let e: ruhu_domain::economics::Economics = economics.into();
        e.validate("economics").finish()?;
        self.edit(&household_id, "edit economics", move |h| {
            h.economics = e;
            Ok(())
        })
    }

    /// Everything the household screen shows.
    pub fn household(&self, household_id: String) -> Result<HouseholdDetail, ApiError> {
        let (_, doc) = self.store.document(&household_id, DocKind::Household)?;
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
            self.store
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

impl RuhuStore {
    pub(super) fn edit(
        &self,
        household_id: &str,
        message: &str,
        f: impl FnOnce(&mut dh::Household) -> Result<(), StoreError>,
    ) -> Result<(), ApiError> {
        let result = self
            .store
            .update::<dh::Household>(household_id, message, Utc::now(), |h| {
                f(h)?;
                Ok(h.validate(today())?)
            });
        logged(message, result.map_err(Into::into))
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
