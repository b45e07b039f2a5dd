//! Photo files to the county, after documents and resumably: probe for the county's offset,
//! append chunks, and let the county verify the SHA-256 at the end. Thumbnails go first, then
//! urgent cases' evidence. The last acknowledged byte is kept, so a dropped connection or a
//! killed app resumes where the county stands.

use std::time::Duration;

use ruhu_proto::v1::ErrorCode;
use ruhu_store::StoreError;

use crate::client::{ClientError, CountyClient};
use crate::error::EngineError;
use crate::phone::Phone;
use crate::sync::{ATTEMPTS, SyncListener, SyncReport, heard};

/// Bytes per chunk: small enough that a dropped rural connection loses little.
const CHUNK: usize = 256 * 1024;

enum Outcome {
    /// The county holds the file whole.
    Done,
    /// The county does not accept it now (its record not there yet, or a hash mismatch
    /// twice): leave it queued, go on with the next file.
    Later,
}

impl Phone {
    /// Sends queued photo files. A connection that keeps failing stops the uploads (the queue
    /// stays for the next sync) without failing the sync whose documents went through.
    pub(crate) fn upload_photos(
        &self,
        client: &CountyClient,
        token: &str,
        listener: Option<&dyn SyncListener>,
        report: &mut SyncReport,
        backoff: Duration,
    ) -> Result<(), EngineError> {
        let pending = self.store.pending_uploads()?;
        let mut left = pending.len() as u32;
        for upload in pending {
            let bytes = match self.vault.get(&upload.sha256) {
                Ok(b) => b,
                Err(StoreError::NotFound(_)) | Err(StoreError::PhotoFile(_)) => {
                    // The file is gone or damaged on this phone: it can never be sent.
                    log::warn!("a queued photo file is missing or damaged; dropped from the queue");
                    self.store.finish_upload(&upload.sha256)?;
                    left -= 1;
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            let mut attempt = 0;
            let mut mismatches = 0;
            let outcome = loop {
                match self.send_file(client, token, &upload, &bytes, listener, report) {
                    Ok(o) => break o,
                    Err(SendError::Cancelled) => return Err(EngineError::Cancelled),
                    Err(SendError::Store(e)) => return Err(e.into()),
                    Err(SendError::Client(ClientError::Refused {
                        code: ErrorCode::HashMismatch,
                        ..
                    })) if mismatches == 0 => mismatches += 1,
                    Err(SendError::Client(ClientError::Refused {
                        code: ErrorCode::UnknownBlob | ErrorCode::HashMismatch,
                        ..
                    })) => break Outcome::Later,
                    Err(SendError::Client(e)) if e.is_retryable() && attempt + 1 < ATTEMPTS => {
                        attempt += 1;
                        std::thread::sleep(backoff * 2u32.pow(attempt - 1));
                    }
                    Err(SendError::Client(e)) if e.is_retryable() => {
                        log::info!("photo upload stopped: the connection keeps failing");
                        report.photos_pending = left;
                        return Ok(());
                    }
                    Err(SendError::Client(e)) => return Err(e.into()),
                }
            };
            if let Outcome::Done = outcome {
                self.store.finish_upload(&upload.sha256)?;
                report.photos_sent += 1;
                left -= 1;
            }
        }
        report.photos_pending = left;
        Ok(())
    }

    fn send_file(
        &self,
        client: &CountyClient,
        token: &str,
        upload: &ruhu_store::photos::PendingUpload,
        bytes: &[u8],
        listener: Option<&dyn SyncListener>,
        report: &mut SyncReport,
    ) -> Result<Outcome, SendError> {
        let mut status =
            client.blob_probe(token, &upload.sha256, bytes.len() as u64, &upload.doc_id)?;
        report.round_trips += 1;
        while !status.complete {
            let offset = status.offset as usize;
            if offset >= bytes.len() {
                return Ok(Outcome::Later);
            }
            let end = (offset + CHUNK).min(bytes.len());
            let chunk = bytes[offset..end].to_vec();
            // Counted when put on the wire, answered or not: the measure of resume overhead.
            report.photo_bytes_sent += chunk.len() as u64;
            status = client.blob_append(token, &upload.sha256, offset as u64, chunk)?;
            report.round_trips += 1;
            self.store
                .ack_upload(&upload.sha256, status.offset)
                .map_err(SendError::Store)?;
            if !heard(listener, report.progress(!status.complete)) {
                return Err(SendError::Cancelled);
            }
        }
        Ok(Outcome::Done)
    }
}

enum SendError {
    Client(ClientError),
    Store(StoreError),
    Cancelled,
}

impl From<ClientError> for SendError {
    fn from(e: ClientError) -> Self {
        SendError::Client(e)
    }
}
