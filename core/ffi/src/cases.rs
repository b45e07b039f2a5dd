//! Case commands and queries of `RuhuStore`: open a case, append events, read the timeline.

use chrono::{Datelike, Utc};

use super::convert::today;
use super::convert::{self, instant};
use super::enums::{CaseStatus, HardshipDegree};
use super::error::ApiError;
use super::records::*;
use super::store::{RuhuStore, logged, new_id};
use ruhu_domain::document::{DocKind, conflicts};
use ruhu_domain::{case as dc, household as dh, policy as dpol};
use ruhu_store::{self, StoreError};

#[uniffi::export]
impl RuhuStore {
    /// Opens a case for a household. Returns the case id.
    pub fn create_case(&self, input: CaseInput) -> Result<String, ApiError> {
        let worker = self.store.require_profile()?;
        let h: dh::Household = self.store.get(&input.household_id)?;
        let now = Utc::now();
        let opened_at = match input.opened_at_ms {
            Some(ms) => instant("opened_at", ms)?,
            None => now,
        };
        let case = dc::Case {
            id: new_id(),
            household_id: h.id.clone(),
            county_code: h.profile.address.county_code.clone(),
            village_code: h.profile.address.village_code.clone(),
            grid_code: h.profile.address.grid_code.clone(),
            origin: input.origin.into(),
            kind: input.kind.into(),
            path: input.path.into(),
            opened_at,
            opened_by: worker.worker_id,
            emergency: input.emergency.map(convert::emergency).transpose()?,
            events: Vec::new(),
            evidence: Default::default(),
        };
        case.validate(now)?;
        let id = case.id.clone();
        logged(
            "create_case",
            self.store.create(&id, &case, now).map_err(Into::into),
        )?;
        Ok(id)
    }

    /// Replaces the emergency of a case.
    pub fn update_emergency(
        &self,
        case_id: String,
        emergency: EmergencyInput,
    ) -> Result<(), ApiError> {
        let e = convert::emergency(emergency)?;
        e.validate("emergency", Utc::now()).finish()?;
        logged(
            "update_emergency",
            self.store
                .update::<dc::Case>(&case_id, "edit emergency", Utc::now(), move |c| {
                    c.emergency = Some(e);
                    Ok(())
                })
                .map_err(Into::into),
        )
    }

    /// Appends a workflow event, recorded with this worker, this device and now. Events are
    /// never changed or removed; an event that cannot apply after a merge shows up as a
    /// conflict. Once the county policy has reached the phone, the step is checked first
    /// against this worker's role, the order of steps and the policy's money rules
    /// (`CaseRuleBroken` names the rule; nothing is recorded).
    pub fn append_case_event(
        &self,
        case_id: String,
        event: CaseEventInput,
    ) -> Result<String, ApiError> {
        let worker = self.store.require_profile()?;
        let now = Utc::now();
        let e = dc::CaseEvent {
            id: new_id(),
            kind: event.kind.into(),
            at: now,
            actor: worker.worker_id,
            device: self.event_device()?,
            note: event.note.trim().into(),
            amount: event.amount_fen.map(ruhu_domain::money::Money::from_fen),
            department: event.department.map(|d| d.trim().to_string()),
            investigators: event
                .investigators
                .iter()
                .map(|s| s.trim().to_string())
                .collect(),
            photos: event.photo_ids,
            out_of_pocket_medical: event
                .out_of_pocket_medical_fen
                .map(ruhu_domain::money::Money::from_fen),
            meeting: event.meeting.map(|m| dc::Meeting {
                kind: m.kind.into(),
                participants: m
                    .participants
                    .iter()
                    .map(|s| s.trim().to_string())
                    .collect(),
                decision: m.decision.trim().to_string(),
            }),
            answers: event.answers,
            objection: event.objection,
        };
        e.validate("", now).finish()?;
        if let (Some((policy, calendar)), Some(role)) = (self.rules()?, self.role()?) {
            let c: dc::Case = self.store.get(&case_id)?;
            let mut others = self.household_payments(&c, &policy, &calendar)?;
            c.check_new_event(&policy, &calendar, role, &e, now)
                .map_err(rule_broken)?;
            // The yearly ceiling counts every case of the household this phone holds.
            if let Some(amount) = e.amount.filter(|_| {
                matches!(
                    e.kind,
                    dc::CaseEventKind::AdvanceAid | dc::CaseEventKind::Payment
                )
            }) {
                others.push(dpol::Payment {
                    amount,
                    paid_on: today(),
                });
                let check = dpol::check_ceiling(&policy, &others, today().year())
                    .map_err(|e| ApiError::field("amount", e.to_string()))?;
                if let Some(over) = check.overrun {
                    return Err(ApiError::CaseRuleBroken {
                        rule: "ceiling_exceeded".into(),
                        reason: format!("本户本年度救助将超过年度上限 {over}"),
                    });
                }
            }
        }
        let id = e.id.clone();
        logged(
            "append_case_event",
            self.store
                .update::<dc::Case>(&case_id, "append event", now, move |c| {
                    c.events.push(e);
                    Ok(())
                })
                .map_err(Into::into),
        )?;
        Ok(id)
    }

    /// Everything the case screen shows.
    pub fn case_detail(&self, case_id: String) -> Result<CaseDetail, ApiError> {
        let (_, doc) = self.store.document(&case_id, DocKind::Case)?;
        let c: dc::Case = ruhu_domain::document::read(&doc).map_err(StoreError::from)?;
        let rules = self.rules()?;
        let state = match &rules {
            Some((policy, calendar)) => c.replay_under(policy, calendar),
            None => c.replay(),
        };
        let now = Utc::now();
        let mut clocks: Vec<CaseClockRecord> = state
            .clocks
            .iter()
            .map(|k| CaseClockRecord {
                clock: k.clock.code().to_string(),
                due_ms: k.due.as_ref().ok().map(|d| d.timestamp_millis()),
                state: k.state(now).map(Into::into),
                warning: k.due.as_ref().err().map(|e| e.to_string()),
            })
            .collect();
        clocks.sort_by_key(|k| k.due_ms.unwrap_or(i64::MAX));
        let allowed_actions = match (self.role()?, self.store.profile()?) {
            (Some(role), Some(p)) => c
                .allowed_actions(&state, role, &p.worker_id)
                .into_iter()
                .map(Into::into)
                .collect(),
            _ => Vec::new(),
        };
        let events = c
            .ordered_events()
            .into_iter()
            .map(|e| CaseEventDetail {
                id: e.id.clone(),
                kind: e.kind.into(),
                at_ms: e.at.timestamp_millis(),
                actor: e.actor.clone(),
                device: e.device.clone(),
                note: e.note.clone(),
                amount_fen: e.amount.map(|m| m.fen()),
                department: e.department.clone(),
                conflict: state
                    .conflicts
                    .iter()
                    .find(|x| x.event_id == e.id)
                    .map(|x| x.reason.clone()),
            })
            .collect();
        Ok(CaseDetail {
            id: c.id.clone(),
            household_id: c.household_id.clone(),
            origin: c.origin.into(),
            kind: c.kind.into(),
            path: c.path.into(),
            opened_at_ms: c.opened_at.timestamp_millis(),
            opened_by: c.opened_by.clone(),
            emergency: c.emergency.as_ref().map(convert::emergency_input),
            status: state.status.into(),
            owner: state.owner.clone(),
            next_deadline_ms: state.next_deadline().map(|d| d.timestamp_millis()),
            overdue: state.is_overdue(now),
            total_paid_fen: state.total_paid.fen(),
            events,
            clocks,
            allowed_actions,
            policy_version: rules.map(|(p, _)| p.version),
            conflicts: conflicts::list(&doc)
                .iter()
                .map(|x| convert::conflict(&case_id, x))
                .collect(),
        })
    }

    /// Case list, nearest deadline first.
    pub fn list_cases(&self, query: CaseQuery) -> Result<Vec<CaseSummary>, ApiError> {
        let filter = ruhu_store::CaseFilter {
            household_id: query.household_id,
            open_only: query.open_only,
            overdue_only: query.overdue_only,
            limit: query.limit,
        };
        let rows = self.store.cases(&filter, Utc::now())?;
        rows.into_iter()
            .map(|r| {
                let code = |s: &str| serde_json::Value::String(s.to_string());
                let status = status_from_code(&r.status);
                let path: dc::CasePath =
                    serde_json::from_value(code(&r.path)).map_err(|_| ApiError::NewerVersion {
                        detail: r.path.clone(),
                    })?;
                let kind: dc::AssistanceKind =
                    serde_json::from_value(code(&r.kind)).map_err(|_| ApiError::NewerVersion {
                        detail: r.kind.clone(),
                    })?;
                Ok(CaseSummary {
                    id: r.id,
                    household_id: r.household_id,
                    status: status.ok_or(ApiError::NewerVersion {
                        detail: r.status.clone(),
                    })?,
                    path: path.into(),
                    kind: kind.into(),
                    opened_at_ms: r.opened_at.timestamp_millis(),
                    next_deadline_ms: r.next_deadline.map(|d| d.timestamp_millis()),
                    conflicts: r.conflicts,
                })
            })
            .collect()
    }
}

fn rule_broken(e: dc::CaseRuleError) -> ApiError {
    ApiError::CaseRuleBroken {
        rule: e.code().to_string(),
        reason: e.to_string(),
    }
}

impl RuhuStore {
    /// The worker's role from enrollment (none before it).
    /// The device id a case step records: the one the county gave at enrollment (the county
    /// checks each step against it), or the store's own before enrollment.
    fn event_device(&self) -> Result<String, ApiError> {
        Ok(self
            .store
            .setting("county_device_id")?
            .unwrap_or_else(|| self.store.device_id().to_string()))
    }

    pub(super) fn role(&self) -> Result<Option<dc::Role>, ApiError> {
        Ok(self
            .store
            .setting("role")?
            .as_deref()
            .and_then(dc::Role::from_code))
    }

    /// Every payment to `c`'s household on the cases this phone holds (for the yearly ceiling).
    fn household_payments(
        &self,
        c: &dc::Case,
        policy: &dpol::CountyPolicy,
        calendar: &ruhu_domain::calendar::WorkingDayCalendar,
    ) -> Result<Vec<dpol::Payment>, ApiError> {
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
}

#[uniffi::export]
impl RuhuStore {
    /// The amount the county policy suggests for a case, with its reasoning in words: the
    /// tier for the household's size, the degree and duration of the hardship, 一事一议 when
    /// the medical cost calls for it, cut to what the yearly ceiling leaves.
    pub fn suggest_assistance(
        &self,
        case_id: String,
        degree: HardshipDegree,
        months: u32,
    ) -> Result<AssistanceSuggestion, ApiError> {
        let (policy, calendar) = self.rules()?.ok_or(ApiError::CaseRuleBroken {
            rule: "policy_missing".into(),
            reason: "尚未收到县级政策，请先同步".into(),
        })?;
        let c: dc::Case = self.store.get(&case_id)?;
        let h: dh::Household = self.store.get(&c.household_id)?;
        let year = today().year();
        let paid_this_year = self
            .household_payments(&c, &policy, &calendar)?
            .iter()
            .filter(|p| p.paid_on.year() == year)
            .try_fold(ruhu_domain::money::Money::ZERO, |s, p| {
                s.checked_add(p.amount)
            })
            .ok_or_else(|| ApiError::field("amount", "金额合计溢出"))?;
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
            degree: degree.into(),
            months,
        };
        let s = dpol::suggest_amount(&policy, &facts, &hardship)
            .map_err(|e| ApiError::field("policy", e.to_string()))?;
        Ok(AssistanceSuggestion {
            amount_fen: s.amount.fen(),
            tier_code: s.tier_code,
            reasons: s.reasons,
            case_by_case: s.case_by_case,
            capped_by_ceiling: s.capped_by_ceiling,
        })
    }
}

fn status_from_code(code: &str) -> Option<CaseStatus> {
    dc::CaseStatus::from_code(code).map(Into::into)
}
