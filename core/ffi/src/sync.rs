//! Enrollment and sync as the app calls them: a blocking `sync` with a progress listener that
//! can cancel, and a report at the end. The loop itself is the engine's (`ruhu_engine::sync`).

use std::sync::Arc;

use super::error::ApiError;
use super::records::WorkerProfile;
use super::store::{RuhuStore, logged};
use ruhu_engine::sync as engine;

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

/// The app's listener as the engine hears it.
struct Forward<'a>(&'a dyn SyncListener);

impl engine::SyncListener for Forward<'_> {
    fn on_progress(&self, p: engine::SyncProgress) -> bool {
        self.0.on_progress(SyncProgress {
            round_trips: p.round_trips,
            documents_sent: p.documents_sent,
            documents_received: p.documents_received,
            more: p.more,
        })
    }
}

impl From<engine::SyncReport> for SyncReport {
    fn from(r: engine::SyncReport) -> Self {
        SyncReport {
            round_trips: r.round_trips,
            documents_sent: r.documents_sent,
            changes_sent: r.changes_sent,
            change_bytes_sent: r.change_bytes_sent,
            documents_received: r.documents_received,
            bytes_sent: r.bytes_sent,
            bytes_received: r.bytes_received,
            new_conflicts: r.new_conflicts,
            photos_sent: r.photos_sent,
            photo_bytes_sent: r.photo_bytes_sent,
            photos_pending: r.photos_pending,
            documents_refused: r.documents_refused,
            documents_held_back: r.documents_held_back,
        }
    }
}

#[uniffi::export]
impl RuhuStore {
    /// Leaves the county (设置 → 退出本县): wipes every record, draft, setting and photo file
    /// from this phone. Refused with `UnsyncedWork` while the county lacks some of this phone's
    /// work, unless `even_unsynced` (the worker confirmed losing it). The app then deletes the
    /// store key from its keystore and returns to enrollment.
    pub fn leave_county(&self, even_unsynced: bool) -> Result<(), ApiError> {
        logged(
            "leave_county",
            self.phone
                .leave_county(even_unsynced)
                .map_err(ApiError::from),
        )
    }

    /// Enrolls this device with the county store at `server_url` using a one-time `code`
    /// (typed, or read from the QR code). Sets the worker profile and scope.
    pub fn enroll(
        &self,
        server_url: String,
        code: String,
        device_label: String,
    ) -> Result<WorkerProfile, ApiError> {
        let p = logged(
            "enroll",
            self.phone
                .enroll(&server_url, &code, &device_label)
                .map_err(ApiError::from),
        )?;
        Ok(WorkerProfile {
            county_code: p.county_code,
            worker_id: p.worker_id,
            display_name: p.display_name,
        })
    }

    /// Syncs with the county: sends what it lacks, merges what it has, page by page. Blocks
    /// until done; `listener` hears each round trip and may cancel. Local work is never lost:
    /// a failed or cancelled sync leaves every edit on the phone for the next attempt.
    pub fn sync(&self, listener: Option<Arc<dyn SyncListener>>) -> Result<SyncReport, ApiError> {
        let forward = listener.as_deref().map(Forward);
        let listener = forward.as_ref().map(|f| f as &dyn engine::SyncListener);
        logged(
            "sync",
            self.phone
                .sync(listener, engine::BACKOFF)
                .map(Into::into)
                .map_err(Into::into),
        )
    }
}
