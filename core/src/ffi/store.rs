//! `RuhuStore`: the phone's encrypted store as the app sees it.

use chrono::Utc;
use std::path::Path;
use std::sync::Arc;

use super::convert::{self, instant, today};
use super::enums::{CaseStatus, MemberStatus, Relation};
use super::error::{ApiError, FieldProblem};
use super::records::*;
use crate::document::{DocKind, conflicts};
use crate::domain::{case as dc, household as dh, validation::Problems};
use crate::store::{self, Store, StoreError};

/// The phone's encrypted store. Open one per app process and share it between threads.
#[derive(uniffi::Object)]
pub struct RuhuStore {
    store: Store,
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn logged<T>(op: &str, r: Result<T, ApiError>) -> Result<T, ApiError> {
    match &r {
        Ok(_) => log::debug!("{op}: ok"),
        // Variant names only: messages could one day carry something a log must not.
        Err(e) => log::warn!("{op}: failed ({})", variant(e)),
    }
    r
}

fn variant(e: &ApiError) -> &'static str {
    match e {
        ApiError::InvalidInput { .. } => "invalid input",
        ApiError::NotFound { .. } => "not found",
        ApiError::BadKey => "bad key",
        ApiError::StoreUnreadable => "store unreadable",
        ApiError::NewerVersion { .. } => "newer version",
        ApiError::NoProfile => "no profile",
        ApiError::OtherCounty => "other county",
        ApiError::BundleRefused { .. } => "bundle refused",
        ApiError::StorageFull => "storage full",
        ApiError::Internal { .. } => "internal",
    }
}

fn finish(p: Problems) -> Result<(), StoreError> {
    Ok(p.finish()?)
}

#[uniffi::export]
impl RuhuStore {
    /// Opens or creates the store file at `path` with the 32-byte key the app keeps in the
    /// Android Keystore / iOS Keychain. A wrong key or damaged file is an error and the file
    /// is left exactly as it was.
    #[uniffi::constructor]
    pub fn open(path: String, key: Vec<u8>) -> Result<Arc<Self>, ApiError> {
        let store = logged(
            "open",
            Store::open(Path::new(&path), &key).map_err(ApiError::from),
        )?;
        log::info!("store opened");
        Ok(Arc::new(RuhuStore { store }))
    }

    /// Sets who uses this device (done at enrollment). Required before recording anything.
    pub fn set_worker(&self, worker: WorkerProfile) -> Result<(), ApiError> {
        let mut p = Problems::new("");
        p.check(
            !worker.county_code.bytes().all(|b| b.is_ascii_digit())
                || worker.county_code.len() != 6,
            "county_code",
            "县级代码应为6位数字",
        );
        p.check(worker.worker_id.trim().is_empty(), "worker_id", "必填");
        p.finish()?;
        let profile = store::WorkerProfile {
            county_code: worker.county_code,
            worker_id: worker.worker_id.trim().into(),
            display_name: worker.display_name.trim().into(),
        };
        logged(
            "set_worker",
            self.store.set_profile(&profile).map_err(Into::into),
        )
    }

    /// The worker profile, if set.
    pub fn worker(&self) -> Result<Option<WorkerProfile>, ApiError> {
        Ok(self.store.profile()?.map(|p| WorkerProfile {
            county_code: p.county_code,
            worker_id: p.worker_id,
            display_name: p.display_name,
        }))
    }

    /// This device's id.
    pub fn device_id(&self) -> String {
        self.store.device_id().to_string()
    }

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
        };
        for (i, m) in members.into_iter().enumerate() {
            let m = convert::member(m).map_err(|e| prefix(e, &format!("members.{i}")))?;
            household.members.insert(new_id(), m);
        }
        household.validate(today())?;
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
                .ok_or(StoreError::NotFound("member"))?;
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
                .ok_or(StoreError::NotFound("supporter"))?;
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
        let e: crate::domain::economics::Economics = economics.into();
        e.validate("economics").finish()?;
        self.edit(&household_id, "edit economics", move |h| {
            h.economics = e;
            Ok(())
        })
    }

    /// Everything the household screen shows.
    pub fn household(&self, household_id: String) -> Result<HouseholdDetail, ApiError> {
        let (_, doc) = self.store.document(&household_id, DocKind::Household)?;
        let h: dh::Household = crate::document::read(&doc).map_err(StoreError::from)?;
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
        let filter = store::HouseholdFilter {
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

    /// Conflicts of one document, or of every document when `document_id` is `None`.
    pub fn conflicts(&self, document_id: Option<String>) -> Result<Vec<Conflict>, ApiError> {
        let ids = match document_id {
            Some(id) => vec![id],
            None => self.store.conflicted_documents()?,
        };
        let mut out = Vec::new();
        for id in ids {
            let kind = self
                .store
                .kind_of(&id)?
                .ok_or(StoreError::NotFound("document"))?;
            let (_, doc) = self.store.document(&id, kind)?;
            out.extend(
                conflicts::list(&doc)
                    .iter()
                    .map(|c| convert::conflict(&id, c)),
            );
        }
        Ok(out)
    }

    /// Settles a conflict with one of its values (`value_json` from [`ConflictValue`]). The
    /// choice, who made it and when are recorded in the document.
    pub fn settle_conflict(
        &self,
        document_id: String,
        path: String,
        value_json: String,
    ) -> Result<(), ApiError> {
        let value: serde_json::Value = serde_json::from_str(&value_json)
            .map_err(|_| ApiError::field("value_json", "不是冲突中的取值"))?;
        let kind = self
            .store
            .kind_of(&document_id)?
            .ok_or(StoreError::NotFound("document"))?;
        let path: Vec<String> = path.split('/').map(String::from).collect();
        logged(
            "settle_conflict",
            self.store
                .settle(&document_id, kind, &path, &value, Utc::now())
                .map_err(Into::into),
        )
    }

    /// A sealed bundle of the given documents for another device. A case brings its household.
    pub fn export_bundle(&self, document_ids: Vec<String>) -> Result<Vec<u8>, ApiError> {
        let mut ids = Vec::new();
        for id in document_ids {
            if self.store.kind_of(&id)? == Some(DocKind::Case) {
                let c: dc::Case = self.store.get(&id)?;
                if !ids.contains(&c.household_id) {
                    ids.push(c.household_id);
                }
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        logged(
            "export_bundle",
            self.store
                .export_bundle(&ids, Utc::now())
                .map_err(Into::into),
        )
    }

    /// Merges a bundle from another device: all of it or, on any error, none of it.
    pub fn import_bundle(&self, bundle: Vec<u8>) -> Result<ImportReport, ApiError> {
        let r = logged(
            "import_bundle",
            self.store.import_bundle(&bundle).map_err(ApiError::from),
        )?;
        log::info!(
            "bundle imported: {} new, {} updated, {} new conflicts",
            r.created,
            r.updated,
            r.new_conflicts
        );
        Ok(ImportReport {
            created: r.created,
            updated: r.updated,
            unchanged: r.unchanged,
            new_conflicts: r.new_conflicts,
        })
    }
}

impl RuhuStore {
    fn edit(
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
