//! Enrollment and sync as the app calls them: a blocking `sync` with a progress listener that
//! can cancel, retries with backoff on a bad connection, and a report at the end.

use automerge::ActorId;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use super::error::ApiError;
use super::records::WorkerProfile;
use super::store::{RuhuStore, logged};
use ruhu_engine::client::{ClientError, CountyClient};

/// Progress of a running sync.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct SyncProgress {
    /// Round trips done so far.
    pub round_trips: u32,
    /// Documents sent so far.
    pub documents_sent: u32,
    /// Documents received so far.
    pub documents_received: u32,
    /// Whether more pages wait on the county.
    pub more: bool,
}

/// Implemented by the app to follow a sync (and to cancel it).
#[uniffi::export(with_foreign)]
pub trait SyncListener: Send + Sync {
    /// Called after every round trip; return `false` to stop after it.
    fn on_progress(&self, progress: SyncProgress) -> bool;
}

/// What a finished sync did.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct SyncReport {
    /// HTTP round trips.
    pub round_trips: u32,
    /// Documents with changes sent (each once, however many requests carried it).
    pub documents_sent: u32,
    /// Changes sent.
    pub changes_sent: u32,
    /// Bytes of the changes themselves (without the protocol around them).
    pub change_bytes_sent: u64,
    /// Documents that gained changes from the county.
    pub documents_received: u32,
    /// Request bytes.
    pub bytes_sent: u64,
    /// Response bytes.
    pub bytes_received: u64,
    /// Fields or events newly in conflict.
    pub new_conflicts: u32,
    /// Photo files the county now holds whole (sent, or found already there).
    pub photos_sent: u32,
    /// Bytes of photo files sent.
    pub photo_bytes_sent: u64,
    /// Photo files still waiting (no signal, or their record not yet at the county).
    pub photos_pending: u32,
    /// Documents the county refused in this sync: kept on the phone with the reason, not
    /// sent again until they change (`refused_documents` lists them, `retry_refused` resends).
    pub documents_refused: u32,
    /// Documents refused earlier and unchanged since, not sent in this sync.
    pub documents_held_back: u32,
}

pub(super) const ATTEMPTS: u32 = 4;

pub(super) fn refused_reason(code: ruhu_proto::v1::ErrorCode) -> &'static str {
    use ruhu_proto::v1::ErrorCode as C;
    match code {
        C::Unauthenticated => "本机登记已失效，请重新登记",
        C::ForgedActor => "数据的作者不是本机登记的身份",
        C::OutOfScope => "有记录不在本机负责的网格内",
        C::RoleMayNot => "本机记录的办理步骤超出本人职责，县级平台未接受",
        C::CaseRule => "本机记录的办理步骤不符合办理规则，县级平台未接受",
        C::InvalidChange | C::InvalidContent | C::UnknownKind => {
            "县级平台不接受本机的部分数据，请联系技术支持"
        }
        C::ProtocolVersion => "应用版本与县级平台不兼容，请升级应用",
        C::TooLarge => "本次同步数据过大",
        C::Unavailable => "县级平台暂时不可用，请稍后再试",
        C::TooManyRequests => "尝试次数过多，请稍后再试",
        _ => "县级平台出错，请稍后再试",
    }
}

impl From<ClientError> for ApiError {
    fn from(e: ClientError) -> Self {
        match &e {
            ClientError::Network(_) => ApiError::SyncFailed {
                reason: "网络不通或信号弱，数据已保存在本机，稍后会再次同步".into(),
                retry: true,
            },
            ClientError::Refused { code, .. } => ApiError::SyncFailed {
                reason: refused_reason(*code).into(),
                retry: e.is_retryable(),
            },
            ClientError::Malformed => ApiError::SyncFailed {
                reason: "县级平台的回复无法识别".into(),
                retry: false,
            },
            ClientError::Address(why) => ApiError::SyncFailed {
                reason: (*why).into(),
                retry: false,
            },
        }
    }
}

#[uniffi::export]
impl RuhuStore {
    /// Enrolls this device with the county store at `server_url` using a one-time `code`
    /// (typed, or read from the QR code). Sets the worker profile and scope.
    pub fn enroll(
        &self,
        server_url: String,
        code: String,
        device_label: String,
    ) -> Result<WorkerProfile, ApiError> {
        let client = CountyClient::new(&server_url)?;
        let resp = match client.enroll(&code, &device_label, self.store.actor().to_bytes()) {
            Ok(r) => r,
            Err(ClientError::Refused { code, .. }) => {
                use ruhu_proto::v1::ErrorCode as C;
                let reason = match code {
                    C::EnrollmentCodeUsed => "登记码已被使用",
                    C::EnrollmentCodeExpired => "登记码已过期，请向县级平台重新申请",
                    C::EnrollmentCodeInvalid => "登记码不正确，请核对",
                    _ => refused_reason(code),
                };
                return Err(ApiError::EnrollmentRefused {
                    reason: reason.into(),
                });
            }
            Err(e) => return Err(e.into()),
        };
        let actor = ActorId::from(resp.actor_id.as_slice());
        if actor != self.store.actor() {
            self.store.set_actor(&actor)?;
        }
        let profile = ruhu_store::WorkerProfile {
            county_code: resp.county_code.clone(),
            worker_id: resp.worker_id.clone(),
            display_name: resp.display_name.clone(),
        };
        self.store.set_profile(&profile)?;
        let role = match ruhu_proto::v1::Role::try_from(resp.role) {
            Ok(ruhu_proto::v1::Role::TownshipOfficer) => ruhu_domain::case::Role::TownshipOfficer,
            Ok(ruhu_proto::v1::Role::Supervisor) => ruhu_domain::case::Role::Supervisor,
            _ => ruhu_domain::case::Role::GridWorker,
        };
        self.store.set_setting("role", role.code())?;
        self.store.set_setting("server_url", &server_url)?;
        self.store.set_setting("device_token", &resp.token)?;
        self.store
            .set_setting("county_device_id", &resp.device_id)?;
        let scope = resp.scope.unwrap_or_default();
        self.store
            .set_setting("scope_villages", &scope.village_codes.join(","))?;
        self.store
            .set_setting("scope_grids", &scope.grid_codes.join(","))?;
        log::info!("device enrolled");
        Ok(WorkerProfile {
            county_code: resp.county_code,
            worker_id: resp.worker_id,
            display_name: resp.display_name,
        })
    }

    /// Syncs with the county: sends what it lacks, merges what it has, page by page. Blocks
    /// until done; `listener` hears each round trip and may cancel. Local work is never lost:
    /// a failed or cancelled sync leaves every edit on the phone for the next attempt.
    pub fn sync(&self, listener: Option<Arc<dyn SyncListener>>) -> Result<SyncReport, ApiError> {
        logged(
            "sync",
            self.sync_inner(listener.as_deref(), Duration::from_millis(500)),
        )
    }
}

impl RuhuStore {
    fn sync_inner(
        &self,
        listener: Option<&dyn SyncListener>,
        backoff: Duration,
    ) -> Result<SyncReport, ApiError> {
        let (Some(url), Some(token)) = (
            self.store.setting("server_url")?,
            self.store.setting("device_token")?,
        ) else {
            return Err(ApiError::NotEnrolled);
        };
        let client = CountyClient::new(&url)?;
        let mut report = SyncReport {
            round_trips: 0,
            documents_sent: 0,
            changes_sent: 0,
            change_bytes_sent: 0,
            documents_received: 0,
            bytes_sent: 0,
            bytes_received: 0,
            new_conflicts: 0,
            photos_sent: 0,
            photo_bytes_sent: 0,
            photos_pending: 0,
            documents_refused: 0,
            documents_held_back: 0,
        };
        let mut resent_whole = false;
        // Documents already resent whole once after the county found their history missing.
        let mut resent: BTreeSet<String> = BTreeSet::new();
        // Documents already asked for whole in this sync.
        let mut asked: BTreeSet<String> = BTreeSet::new();
        let mut sent_ids: BTreeSet<String> = BTreeSet::new();
        let mut first = true;
        loop {
            let mut outgoing = self.store.outgoing(ruhu_proto::PROTOCOL_VERSION)?;
            if first {
                report.documents_held_back = outgoing.held_back as u32;
                first = false;
            }
            asked.extend(outgoing.request.incomplete.iter().cloned());
            let mut attempt = 0;
            let (resp, sent, received) = loop {
                match client.sync(&token, &outgoing.request) {
                    Ok(r) => break r,
                    Err(ClientError::Refused { wipe: true, .. }) => {
                        log::warn!("device revoked by the county: wiping local data");
                        self.store.wipe()?;
                        self.vault.wipe()?;
                        return Err(ApiError::DeviceRevoked);
                    }
                    // The county lacks changes the phone believed it had (restored from a
                    // backup, say): forget what it was thought to hold and send documents whole,
                    // once.
                    Err(ClientError::Refused {
                        code: ruhu_proto::v1::ErrorCode::InvalidChange,
                        ..
                    }) if !resent_whole && !outgoing.request.changes.is_empty() => {
                        resent_whole = true;
                        log::warn!("county lacks earlier changes: resending documents whole");
                        let ids: Vec<String> = outgoing
                            .request
                            .changes
                            .iter()
                            .map(|d| d.document_id.clone())
                            .collect();
                        self.store.forget_county_heads(&ids)?;
                        outgoing = self.store.outgoing(ruhu_proto::PROTOCOL_VERSION)?;
                    }
                    Err(e) if e.is_retryable() && attempt + 1 < ATTEMPTS => {
                        attempt += 1;
                        log::info!("sync attempt {attempt} failed, retrying");
                        std::thread::sleep(backoff * 2u32.pow(attempt - 1));
                    }
                    Err(e) => return Err(e.into()),
                }
            };
            let applied = self.store.apply_incoming(&outgoing, &resp)?;
            if let Some(p) = &resp.photo_settings {
                self.keep_photo_settings(p)?;
            }
            report.round_trips += 1;
            // A document sent again in the same sync (whole, after a refusal) counts once.
            sent_ids.extend(
                outgoing
                    .request
                    .changes
                    .iter()
                    .map(|d| d.document_id.clone()),
            );
            report.documents_sent = sent_ids.len() as u32;
            report.changes_sent += outgoing.changes as u32;
            report.change_bytes_sent += outgoing.change_bytes as u64;
            report.documents_received += applied.documents_received;
            report.new_conflicts += applied.new_conflicts;
            // The county lacks earlier changes of a document (restored from a backup, say):
            // send it whole, once, before taking the refusal as final.
            let missing: Vec<String> = applied
                .refused
                .iter()
                .filter(|(id, code)| {
                    *code == ruhu_proto::v1::ErrorCode::InvalidChange as i32 && !resent.contains(id)
                })
                .map(|(id, _)| id.clone())
                .collect();
            for id in &missing {
                self.store.retry_refused(id)?;
                log::warn!("county lacks earlier changes of a document: resending it whole");
            }
            self.store.forget_county_heads(&missing)?;
            report.documents_refused += (applied.refused.len() - missing.len()) as u32;
            resent.extend(missing.iter().cloned());
            // Documents that arrived incomplete in this answer are asked for whole right away.
            let ask_whole = self
                .store
                .incomplete_documents()?
                .iter()
                .any(|id| !asked.contains(id));
            report.bytes_sent += sent as u64;
            report.bytes_received += received as u64;
            let progress = SyncProgress {
                round_trips: report.round_trips,
                documents_sent: report.documents_sent,
                documents_received: report.documents_received,
                more: resp.more,
            };
            if let Some(l) = listener
                && !l.on_progress(progress)
            {
                return Err(ApiError::SyncCancelled);
            }
            if !resp.more && !outgoing.more_to_send && missing.is_empty() && !ask_whole {
                // Photos after documents: the county accepts a file only once a record it
                // holds lists it.
                self.upload_photos(&client, &token, listener, &mut report, backoff)?;
                log::info!(
                    "sync done: {} round trips, {} documents sent, {} received, {} refused, {} held back, {} photos sent, {} waiting",
                    report.round_trips,
                    report.documents_sent,
                    report.documents_received,
                    report.documents_refused,
                    report.documents_held_back,
                    report.photos_sent,
                    report.photos_pending
                );
                return Ok(report);
            }
        }
    }
}
