//! Households on the phone: register, edit, members, supporters, economics, each validated by
//! the domain and checked against the scope the county gave this device.

use chrono::Utc;

use ruhu_domain::economics::Economics;
use ruhu_domain::household::{Household, HouseholdProfile};
use ruhu_domain::member::{Member, Supporter};
use ruhu_domain::validation::Problems;
use ruhu_store::{Missing, StoreError};

use crate::error::EngineError;
use crate::phone::{Phone, new_id, today};

impl Phone {
    /// Refuses an address outside the scope the county gave this device at enrollment (the
    /// county would refuse the record). Devices not enrolled have no scope yet.
    pub fn check_scope(&self, village_code: &str, grid_code: &str) -> Result<(), EngineError> {
        if self.store.scope()?.covers(village_code, grid_code) {
            Ok(())
        } else {
            Err(EngineError::OutOfScope)
        }
    }

    /// Registers a household with its first members (already converted and checked field by
    /// field). Returns the household id.
    pub fn create_household(
        &self,
        profile: HouseholdProfile,
        members: Vec<Member>,
    ) -> Result<String, EngineError> {
        let worker = self.store.require_profile()?;
        let household = Household {
            id: new_id(),
            registered_by: worker.worker_id,
            registered_at: Utc::now(),
            profile,
            members: members.into_iter().map(|m| (new_id(), m)).collect(),
            supporters: Default::default(),
            economics: Default::default(),
            evidence: Default::default(),
            review: Default::default(),
            visit_tasks: Default::default(),
        };
        household.validate(today())?;
        let address = &household.profile.address;
        self.check_scope(&address.village_code, &address.grid_code)?;
        if address.county_code != worker.county_code {
            return Err(EngineError::OtherCountyHousehold);
        }
        let id = household.id.clone();
        self.store.create(&id, &household, Utc::now())?;
        Ok(id)
    }

    /// Replaces the household's profile; only changed fields are written.
    pub fn update_household(
        &self,
        household_id: &str,
        profile: HouseholdProfile,
    ) -> Result<(), EngineError> {
        profile.validate("profile").finish()?;
        self.check_scope(&profile.address.village_code, &profile.address.grid_code)?;
        self.edit(household_id, "edit profile", move |h| {
            if h.profile.address.county_code != profile.address.county_code {
                let mut p = Problems::new("profile");
                p.add("address.county_code", "不能把家庭改到其他县");
                p.finish()?;
            }
            h.profile = profile;
            Ok(())
        })
    }

    /// Adds a member. Returns the member id.
    pub fn add_member(&self, household_id: &str, member: Member) -> Result<String, EngineError> {
        member.validate("", today()).finish()?;
        let id = new_id();
        let member_id = id.clone();
        self.edit(household_id, "add member", move |h| {
            h.members.insert(member_id, member);
            Ok(())
        })?;
        Ok(id)
    }

    /// Replaces a member; only changed fields are written. Members are never deleted: their
    /// status says moved out or deceased.
    pub fn update_member(
        &self,
        household_id: &str,
        member_id: &str,
        member: Member,
    ) -> Result<(), EngineError> {
        member.validate("", today()).finish()?;
        self.edit(household_id, "edit member", move |h| {
            let slot = h
                .members
                .get_mut(member_id)
                .ok_or(StoreError::NotFound(Missing::Member))?;
            *slot = member;
            Ok(())
        })
    }

    /// Adds a person obliged to support the household. Returns the supporter id.
    pub fn add_supporter(
        &self,
        household_id: &str,
        supporter: Supporter,
    ) -> Result<String, EngineError> {
        supporter.validate("").finish()?;
        let id = new_id();
        let supporter_id = id.clone();
        self.edit(household_id, "add supporter", move |h| {
            h.supporters.insert(supporter_id, supporter);
            Ok(())
        })?;
        Ok(id)
    }

    /// Replaces a supporter.
    pub fn update_supporter(
        &self,
        household_id: &str,
        supporter_id: &str,
        supporter: Supporter,
    ) -> Result<(), EngineError> {
        supporter.validate("").finish()?;
        self.edit(household_id, "edit supporter", move |h| {
            let slot = h
                .supporters
                .get_mut(supporter_id)
                .ok_or(StoreError::NotFound(Missing::Supporter))?;
            *slot = supporter;
            Ok(())
        })
    }

    /// Replaces the economics; only changed amounts are written.
    pub fn set_economics(
        &self,
        household_id: &str,
        economics: Economics,
    ) -> Result<(), EngineError> {
        economics.validate("economics").finish()?;
        self.edit(household_id, "edit economics", move |h| {
            h.economics = economics;
            Ok(())
        })
    }

    /// One edit of a household, validated whole before it is written.
    fn edit(
        &self,
        household_id: &str,
        message: &str,
        f: impl FnOnce(&mut Household) -> Result<(), StoreError>,
    ) -> Result<(), EngineError> {
        self.store
            .update::<Household>(household_id, message, Utc::now(), |h| {
                f(h)?;
                Ok(h.validate(today())?)
            })?;
        Ok(())
    }
}
