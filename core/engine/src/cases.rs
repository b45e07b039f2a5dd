//! Cases on the phone: open one, record its steps (checked against the worker's role, the order
//! of steps and the county policy's money rules before anything is written), and the policy's
//! suggested amount.

use chrono::{DateTime, Datelike, Utc};

use ruhu_domain::calendar::WorkingDayCalendar;
use ruhu_domain::case::{
    self as dc, AssistanceKind, CaseEvent, CaseEventKind, CaseOrigin, CasePath,
};
use ruhu_domain::household::Household;
use ruhu_domain::money::Money;
use ruhu_domain::policy::{self as dpol, CountyPolicy};

use crate::error::{EngineError, PolicyPart};
use crate::phone::{Phone, new_id, today};

/// A case being opened.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCase {
    /// The household.
    pub household_id: String,
    /// How it came to light.
    pub origin: CaseOrigin,
    /// The kind of assistance.
    pub kind: AssistanceKind,
    /// Normal, urgent or emergency path.
    pub path: CasePath,
    /// When it was opened, if not now.
    pub opened_at: Option<DateTime<Utc>>,
    /// The emergency, for the urgent paths.
    pub emergency: Option<dc::EmergencyEvent>,
}

impl Phone {
    /// Opens a case for a household (its address copied from the household). Returns the id.
    pub fn create_case(&self, input: NewCase) -> Result<String, EngineError> {
        let worker = self.store.require_profile()?;
        let h: Household = self.store.get(&input.household_id)?;
        let now = Utc::now();
        let address = &h.profile.address;
        let case = dc::Case {
            id: new_id(),
            household_id: h.id.clone(),
            county_code: address.county_code.clone(),
            village_code: address.village_code.clone(),
            grid_code: address.grid_code.clone(),
            origin: input.origin,
            kind: input.kind,
            path: input.path,
            opened_at: input.opened_at.unwrap_or(now),
            opened_by: worker.worker_id,
            emergency: input.emergency,
            events: Vec::new(),
            evidence: Default::default(),
        };
        case.validate(now)?;
        let id = case.id.clone();
        self.store.create(&id, &case, now)?;
        Ok(id)
    }

    /// Replaces the emergency of a case.
    pub fn update_emergency(
        &self,
        case_id: &str,
        emergency: dc::EmergencyEvent,
    ) -> Result<(), EngineError> {
        let now = Utc::now();
        emergency.validate("emergency", now).finish()?;
        self.store
            .update::<dc::Case>(case_id, "edit emergency", now, move |c| {
                c.emergency = Some(emergency);
                Ok(())
            })?;
        Ok(())
    }

    /// Appends a workflow step; its id, worker and device are set here (this worker, this
    /// device), and its time: `happened_at` when the step happened earlier than its entry (then
    /// the entry is kept beside it), otherwise now. Events are never changed or removed. The
    /// step is checked first against the window for dating it earlier and, once the county
    /// policy has reached the phone, against this worker's role, the order of steps and the
    /// policy's money rules; nothing is recorded on refusal. Returns the id.
    pub fn append_case_event(
        &self,
        case_id: &str,
        mut event: CaseEvent,
        happened_at: Option<DateTime<Utc>>,
    ) -> Result<String, EngineError> {
        let worker = self.store.require_profile()?;
        let now = Utc::now();
        event.id = new_id();
        event.at = happened_at.unwrap_or(now);
        event.recorded_at = happened_at.map(|_| now);
        event.actor = worker.worker_id;
        event.device = self.event_device()?;
        event.validate("", now).finish()?;
        let rules = self.rules()?;
        // Before the policy arrives the window is the one a policy without the setting allows.
        let window = rules
            .as_ref()
            .map_or(dpol::DEFAULT_BACKDATE_HOURS, |(p, _)| p.backdate_hours);
        if now - event.at > chrono::Duration::hours(i64::from(window)) {
            return Err(dc::CaseRuleError::BackdatedTooFar { hours: window }.into());
        }
        // Before the county's policy arrives, the steps are judged as the county judges them
        // then: by the example policy and the built-in calendar. A phone that skipped the
        // rules would record steps (a feedback before anyone accepted the case) the county
        // then refuses.
        let (policy, calendar) = rules.unwrap_or_else(|| {
            (
                CountyPolicy::dongying_example(),
                WorkingDayCalendar::builtin(),
            )
        });
        if let Some(role) = self.role()? {
            let c: dc::Case = self.store.get(case_id)?;
            let mut others = self.household_payments(&c, &policy, &calendar)?;
            c.check_new_event(&policy, &calendar, role, &event, now)?;
            // The yearly ceiling counts every case of the household this phone holds.
            let pays = matches!(
                event.kind,
                CaseEventKind::AdvanceAid | CaseEventKind::Payment
            );
            if let Some(amount) = event.amount.filter(|_| pays) {
                others.push(dpol::Payment {
                    amount,
                    paid_on: today(),
                });
                let check =
                    dpol::check_ceiling(&policy, &others, today().year()).map_err(|source| {
                        EngineError::Policy {
                            part: PolicyPart::Ceiling,
                            source,
                        }
                    })?;
                if let Some(over) = check.overrun {
                    return Err(EngineError::CeilingExceeded { over });
                }
            }
        }
        let id = event.id.clone();
        self.store
            .update::<dc::Case>(case_id, "append event", now, move |c| {
                c.events.push(event);
                Ok(())
            })?;
        Ok(id)
    }

    /// Every payment to `c`'s household on the cases this phone holds (for the yearly ceiling).
    fn household_payments(
        &self,
        c: &dc::Case,
        policy: &CountyPolicy,
        calendar: &WorkingDayCalendar,
    ) -> Result<Vec<dpol::Payment>, EngineError> {
        let filter = ruhu_store::CaseFilter {
            household_id: Some(c.household_id.clone()),
            open_only: false,
            overdue_only: false,
            limit: 200,
        };
        let mut out = Vec::new();
        for row in self.store.cases(&filter, Utc::now())? {
            let other: dc::Case = self.store.get(&row.id)?;
            out.extend(other.replay_under(policy, calendar).ceiling_payments());
        }
        Ok(out)
    }

    /// The amount the county policy suggests for a case, with its reasoning: the tier for the
    /// household's size, the degree and duration of the hardship, 一事一议 when the medical cost
    /// calls for it, cut to what the yearly ceiling leaves.
    pub fn suggest_assistance(
        &self,
        case_id: &str,
        degree: dpol::HardshipDegree,
        months: u32,
    ) -> Result<dpol::Suggestion, EngineError> {
        let (policy, calendar) = self.rules()?.ok_or(EngineError::PolicyMissing)?;
        let c: dc::Case = self.store.get(case_id)?;
        let h: Household = self.store.get(&c.household_id)?;
        let year = today().year();
        let paid_this_year = self
            .household_payments(&c, &policy, &calendar)?
            .iter()
            .filter(|p| p.paid_on.year() == year)
            .try_fold(Money::ZERO, |s, p| s.checked_add(p.amount))
            .ok_or_else(|| EngineError::field("amount", "金额合计溢出"))?;
        let reviewed = c
            .ordered_events()
            .into_iter()
            .rev()
            .find_map(|e| e.out_of_pocket_medical);
        let facts = dpol::HouseholdFacts {
            household_size: h.present_members().count() as u32,
            out_of_pocket_medical: reviewed.unwrap_or(h.economics.expenditure.medical),
            paid_this_year,
        };
        let hardship = dpol::Hardship {
            kind: c.kind,
            degree,
            months,
        };
        dpol::suggest_amount(&policy, &facts, &hardship).map_err(|source| EngineError::Policy {
            part: PolicyPart::Suggestion,
            source,
        })
    }
}
