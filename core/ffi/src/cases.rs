//! Case commands and queries of `RuhuStore`: open a case, append events, read the timeline.

use chrono::Utc;

use super::convert::{self, instant};
use super::enums::{CaseEventKind, CaseStatus, HardshipDegree};
use super::error::ApiError;
use super::records::*;
use super::store::{RuhuStore, logged};
use ruhu_domain::case as dc;
use ruhu_domain::document::{DocKind, conflicts};
use ruhu_domain::money::Money;
use ruhu_store::{self, StoreError};

#[uniffi::export]
impl RuhuStore {
    /// Opens a case for a household. Returns the case id.
    pub fn create_case(&self, input: CaseInput) -> Result<String, ApiError> {
        let new = ruhu_engine::cases::NewCase {
            household_id: input.household_id,
            origin: input.origin.into(),
            kind: input.kind.into(),
            path: input.path.into(),
            opened_at: input
                .opened_at_ms
                .map(|ms| instant("opened_at", ms))
                .transpose()?,
            emergency: input.emergency.map(convert::emergency).transpose()?,
        };
        logged(
            "create_case",
            self.phone.create_case(new).map_err(Into::into),
        )
    }

    /// Replaces the emergency of a case.
    pub fn update_emergency(
        &self,
        case_id: String,
        emergency: EmergencyInput,
    ) -> Result<(), ApiError> {
        let e = convert::emergency(emergency)?;
        logged(
            "update_emergency",
            self.phone.update_emergency(&case_id, e).map_err(Into::into),
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
        let trimmed = |list: &[String]| list.iter().map(|s| s.trim().to_string()).collect();
        let mut e = dc::CaseEvent::new("", event.kind.into(), Utc::now(), "", "");
        e.note = event.note.trim().into();
        e.amount = event.amount_fen.map(Money::from_fen);
        e.department = event.department.map(|d| d.trim().to_string());
        e.investigators = trimmed(&event.investigators);
        e.photos = event.photo_ids;
        e.out_of_pocket_medical = event.out_of_pocket_medical_fen.map(Money::from_fen);
        e.meeting = event.meeting.map(|m| dc::Meeting {
            kind: m.kind.into(),
            participants: trimmed(&m.participants),
            decision: m.decision.trim().to_string(),
        });
        e.answers = event.answers;
        e.objection = event.objection;
        let happened_at = event
            .happened_at_ms
            .map(|ms| instant("happened_at", ms))
            .transpose()?;
        logged(
            "append_case_event",
            self.phone
                .append_case_event(&case_id, e, happened_at)
                .map_err(Into::into),
        )
    }

    /// Everything the case screen shows.
    pub fn case_detail(&self, case_id: String) -> Result<CaseDetail, ApiError> {
        let (_, doc) = self.phone.store().document(&case_id, DocKind::Case)?;
        let c: dc::Case = ruhu_domain::document::read(&doc).map_err(StoreError::from)?;
        let rules = self.phone.rules()?;
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
        let allowed_actions = match (self.phone.role()?, self.phone.store().profile()?) {
            (Some(role), Some(p)) => c
                .allowed_actions(&state, role, &p.worker_id)
                .into_iter()
                .map(Into::into)
                .collect(),
            _ => Vec::new(),
        };
        let step_evidence = allowed_actions
            .iter()
            .filter_map(|&step: &CaseEventKind| {
                let kind = dc::CaseEventKind::from(step).evidence_needed()?;
                let mut photos: Vec<_> =
                    c.evidence.iter().filter(|(_, p)| p.kind == kind).collect();
                photos.sort_by_key(|(id, p)| (p.taken_at, id.as_str()));
                Some(StepEvidence {
                    step,
                    kind: kind.into(),
                    photo_ids: photos.into_iter().map(|(id, _)| id.clone()).collect(),
                })
            })
            .collect();
        let events = c
            .ordered_events()
            .into_iter()
            .map(|e| CaseEventDetail {
                id: e.id.clone(),
                kind: e.kind.into(),
                at_ms: e.at.timestamp_millis(),
                recorded_at_ms: e.recorded_at.map(|t| t.timestamp_millis()),
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
            step_evidence,
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
        let rows = self.phone.store().cases(&filter, Utc::now())?;
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
        let s = logged(
            "suggest_assistance",
            self.phone
                .suggest_assistance(&case_id, degree.into(), months)
                .map_err(ApiError::from),
        )?;
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
