//! Case commands and queries of `RuhuStore`: open a case, append events, read the timeline.

use chrono::Utc;

use super::convert::{self, instant};
use super::enums::CaseStatus;
use super::error::ApiError;
use super::records::*;
use super::store::{RuhuStore, logged, new_id};
use crate::document::{DocKind, conflicts};
use crate::domain::{case as dc, household as dh};
use crate::store::{self, StoreError};

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
    /// never changed or removed; an event that cannot apply shows up as a conflict.
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
            device: self.store.device_id().to_string(),
            note: event.note.trim().into(),
            amount: event.amount_fen.map(crate::domain::money::Money::from_fen),
            department: event.department.map(|d| d.trim().to_string()),
            ..dc::CaseEvent::new("", event.kind.into(), now, "", "")
        };
        e.validate("", now).finish()?;
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
        let c: dc::Case = crate::document::read(&doc).map_err(StoreError::from)?;
        let state = c.replay();
        let now = Utc::now();
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
            conflicts: conflicts::list(&doc)
                .iter()
                .map(|x| convert::conflict(&case_id, x))
                .collect(),
        })
    }

    /// Case list, nearest deadline first.
    pub fn list_cases(&self, query: CaseQuery) -> Result<Vec<CaseSummary>, ApiError> {
        let filter = store::CaseFilter {
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

fn status_from_code(code: &str) -> Option<CaseStatus> {
    use dc::CaseStatus as S;
    [
        S::Reported,
        S::Accepted,
        S::Investigated,
        S::Reviewed,
        S::Approved,
        S::Rejected,
        S::Closed,
    ]
    .into_iter()
    .find(|s| s.code() == code)
    .map(Into::into)
}
