//! The sync loop: send what the county lacks, merge what it has, page by page, with retries and
//! backoff on a bad connection, a wipe when the county revoked the device, documents resent
//! whole when the county lost their history, and photo files last.

use std::collections::BTreeSet;
use std::time::Duration;

use ruhu_proto::v1::ErrorCode;

use crate::client::{ClientError, CountyClient};
use crate::enrollment::Enrollment;
use crate::error::EngineError;
use crate::phone::Phone;

/// Progress of a running sync.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncProgress {
    /// Round trips done so far.
    pub round_trips: u32,
    /// Documents sent so far.
    pub documents_sent: u32,
    /// Documents received so far.
    pub documents_received: u32,
    /// Whether more pages (or photo chunks) follow.
    pub more: bool,
}

/// Follows a sync and may stop it: `on_progress` returning `false` cancels after that round
/// trip.
pub trait SyncListener {
    /// Called after every round trip.
    fn on_progress(&self, progress: SyncProgress) -> bool;
}

/// What a finished sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// HTTP round trips.
    pub round_trips: u32,
    /// Documents with changes sent (each once, however many requests carried it).
    pub documents_sent: u32,
    /// Changes sent.
    pub changes_sent: u32,
    /// Bytes of the changes themselves.
    pub change_bytes_sent: u64,
    /// Documents that gained changes from the county.
    pub documents_received: u32,
    /// Request bytes.
    pub bytes_sent: u64,
    /// Response bytes.
    pub bytes_received: u64,
    /// Fields or events newly in conflict.
    pub new_conflicts: u32,
    /// Photo files the county now holds whole.
    pub photos_sent: u32,
    /// Bytes of photo files sent.
    pub photo_bytes_sent: u64,
    /// Photo files still waiting.
    pub photos_pending: u32,
    /// Documents the county refused in this sync.
    pub documents_refused: u32,
    /// Documents refused earlier and unchanged since, not sent.
    pub documents_held_back: u32,
}

impl SyncReport {
    pub(crate) fn progress(&self, more: bool) -> SyncProgress {
        SyncProgress {
            round_trips: self.round_trips,
            documents_sent: self.documents_sent,
            documents_received: self.documents_received,
            more,
        }
    }
}

/// Tries per request before a bad connection fails the sync.
pub(crate) const ATTEMPTS: u32 = 4;

/// The wait before the first retry (doubled for each further one) in the apps.
pub const BACKOFF: Duration = Duration::from_millis(500);

pub(crate) fn heard(listener: Option<&dyn SyncListener>, p: SyncProgress) -> bool {
    listener.is_none_or(|l| l.on_progress(p))
}

impl Phone {
    /// Syncs with the county until neither side has more. Local work is never lost: a failed
    /// or cancelled sync leaves every edit on the phone for the next attempt. `backoff` is the
    /// first retry's wait ([`BACKOFF`] in the apps).
    pub fn sync(
        &self,
        listener: Option<&dyn SyncListener>,
        backoff: Duration,
    ) -> Result<SyncReport, EngineError> {
        let Some(enrollment) = Enrollment::load(&self.store)? else {
            return Err(EngineError::NotEnrolled);
        };
        let client = CountyClient::new(&enrollment.server_url)?;
        let token = enrollment.token.as_str();
        let mut report = SyncReport::default();
        let mut resent_whole = false;
        // Whether this sync found the county restored and started over.
        let mut restarted = false;
        // Documents already resent whole once after the county found their history missing.
        let mut resent: BTreeSet<String> = BTreeSet::new();
        // Documents already asked for whole in this sync.
        let mut asked: BTreeSet<String> = BTreeSet::new();
        let mut sent_ids: BTreeSet<String> = BTreeSet::new();
        let mut first = true;
        let mut rules_ran = false;
        loop {
            let mut outgoing = self.store.outgoing(ruhu_proto::PROTOCOL_VERSION)?;
            if first {
                report.documents_held_back = outgoing.held_back as u32;
                first = false;
            }
            asked.extend(outgoing.request.incomplete.iter().cloned());
            let mut attempt = 0;
            let (resp, sent, received) = loop {
                match client.sync(token, &outgoing.request) {
                    Ok(r) => break r,
                    Err(ClientError::Refused { wipe: true, .. }) => {
                        log::warn!("device revoked by the county: wiping local data");
                        self.store.wipe()?;
                        self.vault.wipe()?;
                        return Err(EngineError::DeviceRevoked);
                    }
                    // The county lacks changes the phone believed it had (restored from a
                    // backup, say): forget what it was thought to hold and send documents whole,
                    // once.
                    Err(ClientError::Refused {
                        code: ErrorCode::InvalidChange,
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
            // The county is another store than before (restored from a backup): it may lack
            // anything delivered to it. Every document goes again whole, every photo file this
            // phone holds is queued again (the county skips those it has), the feed is read
            // from the start; once per sync.
            if applied.county_restored && !restarted {
                restarted = true;
                log::warn!("the county was restored from a backup: delivering everything again");
                let vault = &self.vault;
                let queued = self.store.requeue_photos(|sha| {
                    if vault.contains(sha) {
                        vault.get(sha).ok().map(|b| b.len() as u64)
                    } else {
                        None
                    }
                })?;
                log::info!("{queued} photo files queued again");
                continue;
            }
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
                    *code == ErrorCode::InvalidChange as i32 && !resent.contains(id)
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
            if !heard(listener, report.progress(resp.more)) {
                return Err(EngineError::Cancelled);
            }
            let exchanged =
                !resp.more && !outgoing.more_to_send && missing.is_empty() && !ask_whole;
            // What arrived may call for visits: the warning rules look at it once, before the
            // sync ends, so 我的走访 lists them at once and the tasks they raise go out in this
            // same sync. A failure of the rules loses nothing: the next listing runs them again.
            if exchanged && report.documents_received > 0 && !rules_ran {
                rules_ran = true;
                match self.raise_visit_tasks() {
                    Ok(run) if run.changed > 0 => continue,
                    Ok(_) => {}
                    Err(e) => log::warn!("warning rules after receiving failed: {e}"),
                }
            }
            if exchanged {
                // Photos after documents: the county accepts a file only once a record it
                // holds lists it.
                self.upload_photos(&client, token, listener, &mut report, backoff)?;
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
