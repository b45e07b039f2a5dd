//! What each fuzz target does with its bytes, as plain functions: the coverage-guided targets in
//! `fuzz/` and the corpus regression test (`tests/tests/fuzz_corpus.rs`) call the same ones.
//!
//! Every function takes bytes an attacker chose and checks what must hold whatever they are:
//! no panic, no stack overflow, and for the county an answer that is either a decodable success
//! or an `Error` whose code matches its HTTP status and is not `INTERNAL` (hostile input is a
//! client error, never a county fault). A broken property panics, which the fuzzer reports as
//! a crash and the corpus test as a failure.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, header};
use chrono::Utc;
use ruhu_county::db::Access;
use ruhu_county::enroll::{self, Grant};
use ruhu_county::server;
use ruhu_county::state::County;
use ruhu_domain::imaging::{self, PhotoSettings};
use ruhu_proto::v1::{self, ErrorCode, Role};
use ruhu_proto::{CONTENT_TYPE, Message, PROTOCOL_VERSION};
use ruhu_store::{Store, WorkerProfile};
use sha2::{Digest, Sha256};
use tower_service::Service;

use crate::COUNTY;

pub mod edits;
pub mod seeds;

/// The automerge actor of the harness's enrolled device (16 bytes): seeds author with it.
pub const DEVICE_ACTOR: [u8; 16] = *b"ruhu-fuzz-device";

/// The grid the harness's device works in: seed documents lie in it.
pub const DEVICE_GRID: &str = "G01-1";

/// An enrollment request carrying this code is given a fresh valid code by the harness, so the
/// fuzzer reaches the paths behind a redeemed code (actor choice, labels).
pub const FRESH_CODE: &str = "FRESH";

/// Where throwaway stores go: memory-backed when the machine has it (fsync is then cheap).
fn scratch_dir() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("a temporary directory")
}

/// A county on a throwaway SQLite store with one enrolled grid worker's device, answering
/// through its own HTTP router (no socket).
pub struct CountyHarness {
    runtime: tokio::runtime::Runtime,
    county: Arc<County>,
    router: axum::Router,
    token: String,
    _dir: tempfile::TempDir,
}

fn grant() -> Grant {
    Grant {
        worker_id: "w-fuzz".into(),
        display_name: "网格员".into(),
        role: Role::GridWorker,
        villages: vec![],
        grids: vec![DEVICE_GRID.into()],
    }
}

impl CountyHarness {
    /// A fresh county (fictional county 370599) with the device enrolled under
    /// [`DEVICE_ACTOR`].
    pub fn new() -> CountyHarness {
        let dir = scratch_dir();
        let county = County::open(dir.path(), &[9; 32], Some(COUNTY)).expect("county store");
        let token = county
            .transaction(Access::Snapshot, |tx, code| {
                let one_time = enroll::issue_code(tx, &grant(), chrono::Duration::days(3650))?;
                let request = v1::EnrollRequest {
                    protocol_version: PROTOCOL_VERSION,
                    code: one_time,
                    device_label: "fuzz".into(),
                    actor_id: DEVICE_ACTOR.to_vec(),
                };
                enroll::redeem(tx, code, &request)
            })
            .expect("enrollment")
            .token;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        CountyHarness {
            runtime,
            router: server::router(
                county.clone(),
                Arc::new(ruhu_county::gate::Gate::new("http://127.0.0.1")),
            ),
            county,
            token,
            _dir: dir,
        }
    }

    /// POSTs `body` to `path` as a phone would and returns the status and body, checking
    /// nothing (for tests of how the county answers a known fault).
    pub fn post_unchecked(&self, path: &str, authorized: bool, body: Vec<u8>) -> (u16, Vec<u8>) {
        let mut request = Request::post(path).header(header::CONTENT_TYPE, CONTENT_TYPE);
        if authorized {
            request = request.header(header::AUTHORIZATION, format!("Bearer {}", self.token));
        }
        let request = request.body(Body::from(body)).expect("a request");
        let mut router = self.router.clone();
        self.runtime.block_on(async move {
            let response = router.call(request).await.expect("the router answers");
            let status = response.status().as_u16();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("a whole body");
            (status, bytes.to_vec())
        })
    }

    /// POSTs `body` to `path` as a phone would; checks the answer's shape and that the county
    /// still answers. Returns the status and, on success, the body.
    fn post(&self, path: &str, authorized: bool, body: Vec<u8>) -> (u16, Vec<u8>) {
        let (status, bytes) = self.post_unchecked(path, authorized, body);
        if status != 200 {
            let error = v1::Error::decode(bytes.as_slice())
                .unwrap_or_else(|_| panic!("{status} answer without an Error body"));
            let code = ErrorCode::try_from(error.code).unwrap_or(ErrorCode::Unspecified);
            assert_ne!(
                code,
                ErrorCode::Unspecified,
                "{status} answer without a code"
            );
            assert_ne!(
                code,
                ErrorCode::Internal,
                "hostile input made the county fault: {}",
                error.message
            );
            assert_eq!(code.http_status(), status, "{code:?} sent as {status}");
        }
        self.county.ping().expect("the county still answers");
        (status, bytes)
    }

    /// `POST /v1/sync` with the enrolled device's token and `body` as the request.
    /// Returns the HTTP status, or, when the county answered but refused a document of the
    /// request, the status of that refusal's code (a request carries one document here).
    pub fn sync_request(&self, body: &[u8]) -> u16 {
        let (status, bytes) = self.post("/v1/sync", true, body.to_vec());
        if status != 200 {
            return status;
        }
        let response = v1::SyncResponse::decode(bytes.as_slice()).expect("a SyncResponse");
        let Some(refusal) = response.refused.first() else {
            return status;
        };
        let code = ErrorCode::try_from(refusal.code).unwrap_or(ErrorCode::Unspecified);
        assert!(
            !matches!(code, ErrorCode::Unspecified | ErrorCode::Internal),
            "a document refused without a code or as a county fault: {}",
            refusal.message
        );
        code.http_status()
    }

    /// `POST /v1/enroll` with `body`; a request whose code is [`FRESH_CODE`] gets a valid code
    /// issued for it first. Returns the HTTP status.
    pub fn enroll_request(&self, body: &[u8]) -> u16 {
        let mut body = body.to_vec();
        if let Ok(mut request) = v1::EnrollRequest::decode(body.as_slice())
            && request.code == FRESH_CODE
        {
            request.code = self
                .county
                .transaction(Access::Snapshot, |tx, _| {
                    enroll::issue_code(tx, &grant(), chrono::Duration::hours(1))
                })
                .expect("a fresh code");
            body = request.encode_to_vec();
        }
        let (status, bytes) = self.post("/v1/enroll", false, body);
        if status == 200 {
            let answer = v1::EnrollResponse::decode(bytes.as_slice()).expect("an EnrollResponse");
            assert_eq!(answer.actor_id.len(), 16, "an enrolled actor is 16 bytes");
            assert_ne!(
                answer.actor_id, DEVICE_ACTOR,
                "an actor already in use was granted twice"
            );
        }
        status
    }

    /// Automerge changes of one document through the county's checks: `input` is read by
    /// [`decode_changes`] and sent as the device's sync request. Returns the HTTP status (0 when
    /// the input ends inside its header and nothing was sent).
    pub fn document_changes(&self, input: &[u8]) -> u16 {
        let Some(changes) = decode_changes(input) else {
            return 0;
        };
        let request = v1::SyncRequest {
            protocol_version: PROTOCOL_VERSION,
            cursor: 0,
            changes: vec![changes],
            max_response_bytes: 0,
            incomplete: Vec::new(),
        };
        self.sync_request(&request.encode_to_vec())
    }
}

impl CountyHarness {
    /// A valid household edited by the program `program` ([`edits::edited_household`]), sent as
    /// the device's sync request. Returns the HTTP status.
    pub fn document_edits(&self, program: &[u8]) -> u16 {
        let request = v1::SyncRequest {
            protocol_version: PROTOCOL_VERSION,
            cursor: 0,
            changes: vec![edits::edited_household(program)],
            max_response_bytes: 0,
            incomplete: Vec::new(),
        };
        self.sync_request(&request.encode_to_vec())
    }
}

impl Default for CountyHarness {
    fn default() -> Self {
        CountyHarness::new()
    }
}

/// The magic bytes that open every automerge chunk.
const CHUNK_MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
/// The chunk type of an (uncompressed) change.
const CHUNK_CHANGE: u8 = 1;
/// Kinds the changes target may name (the last one no county knows).
const KINDS: [&str; 4] = ["household", "case", "policy", "survey"];

fn uleb(mut n: usize, out: &mut Vec<u8>) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A change chunk around `body` (a change's columns), with the checksum automerge expects, so
/// that mutations reach the change decoder instead of stopping at the checksum.
pub fn change_chunk(body: &[u8]) -> Vec<u8> {
    let mut hashed = vec![CHUNK_CHANGE];
    uleb(body.len(), &mut hashed);
    hashed.extend_from_slice(body);
    let hash = Sha256::digest(&hashed);
    let mut chunk = CHUNK_MAGIC.to_vec();
    chunk.extend_from_slice(&hash[..4]);
    chunk.extend_from_slice(&hashed);
    chunk
}

/// The body of a change chunk (what [`change_chunk`] wraps), or `None` for another chunk.
pub fn change_body(chunk: &[u8]) -> Option<&[u8]> {
    let rest = chunk.strip_prefix(&CHUNK_MAGIC)?.get(4..)?;
    let (&kind, mut rest) = rest.split_first()?;
    if kind != CHUNK_CHANGE {
        return None;
    }
    let mut len = 0usize;
    for shift in (0..).step_by(7).take(10) {
        let (&byte, tail) = rest.split_first()?;
        rest = tail;
        len |= usize::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            break;
        }
    }
    (rest.len() == len).then_some(rest)
}

/// Reads the changes target's input: one byte choosing the kind (`household`, `case`,
/// `policy`, or an unknown one), one byte `n` and `n` bytes of document id, then any number of
/// changes, each a little-endian `u16` length and the change's body (wrapped by
/// [`change_chunk`]). `None` when the input ends inside the header.
pub fn decode_changes(input: &[u8]) -> Option<v1::DocumentChanges> {
    let (&kind, rest) = input.split_first()?;
    let (&id_len, rest) = rest.split_first()?;
    let id = rest.get(..usize::from(id_len))?;
    let mut rest = &rest[usize::from(id_len)..];
    let mut changes = Vec::new();
    while let [a, b, tail @ ..] = rest {
        let len = usize::from(u16::from_le_bytes([*a, *b]));
        let body = tail.get(..len).unwrap_or(tail);
        changes.push(change_chunk(body));
        rest = &tail[body.len()..];
    }
    Some(v1::DocumentChanges {
        document_id: String::from_utf8_lossy(id).into_owned(),
        kind: KINDS[usize::from(kind) % KINDS.len()].into(),
        changes,
    })
}

/// Writes a document's changes in the form [`decode_changes`] reads (for seeding the corpus).
pub fn encode_changes(kind: &str, id: &str, changes: &[Vec<u8>]) -> Vec<u8> {
    let kind = KINDS
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KINDS.len() - 1);
    let mut out = vec![kind as u8, id.len().min(255) as u8];
    out.extend_from_slice(&id.as_bytes()[..id.len().min(255)]);
    for chunk in changes {
        let body = change_body(chunk).expect("an uncompressed change chunk");
        out.extend_from_slice(&(body.len().min(usize::from(u16::MAX)) as u16).to_le_bytes());
        out.extend_from_slice(body);
    }
    out
}

/// A phone store with a worker profile of the fictional county, for bundle imports.
pub struct PhoneHarness {
    store: Store,
    _dir: tempfile::TempDir,
}

impl PhoneHarness {
    /// A fresh store.
    pub fn new() -> PhoneHarness {
        let dir = scratch_dir();
        let store = Store::open(&dir.path().join("phone.db"), &[7; 32]).expect("phone store");
        store
            .set_profile(&WorkerProfile {
                county_code: COUNTY.into(),
                worker_id: "w-fuzz".into(),
                display_name: "网格员".into(),
            })
            .expect("profile");
        PhoneHarness { store, _dir: dir }
    }

    /// Imports `bytes` as a bundle file, and again with its SHA-256 seal recomputed (so that
    /// mutations of the contents reach the document checks); either may be refused.
    pub fn import_bundle(&self, bytes: &[u8]) {
        let _ = self.store.import_bundle(bytes);
        if let Ok(mut sealed) = v1::SealedBundle::decode(bytes) {
            sealed.sha256 = Sha256::digest(&sealed.bundle).to_vec();
            let _ = self.store.import_bundle(&sealed.encode_to_vec());
        }
    }
}

impl Default for PhoneHarness {
    fn default() -> Self {
        PhoneHarness::new()
    }
}

/// Camera bytes through the phone's photo pipeline (sniff, EXIF, decode, scale, encode) and
/// the county's perceptual hash on arrival. Refusals are fine; what is made must be sound.
pub fn photo(bytes: &[u8]) {
    let settings = PhotoSettings {
        long_edge: 320,
        quality: 60,
        thumb_edge: 64,
        thumb_quality: 60,
    };
    if let Ok(p) = imaging::process(bytes, &settings) {
        assert!(
            p.width.max(p.height) <= settings.long_edge,
            "stored image too large"
        );
        assert_eq!(p.sha256, imaging::sha256_hex(&p.image), "stored image hash");
        assert!(
            p.source_width as u64 * p.source_height as u64 <= imaging::MAX_PIXELS,
            "a decompression bomb was decoded"
        );
        assert!((1..=8).contains(&p.camera.orientation), "orientation");
        if let Some(place) = p.camera.location {
            assert!(place.problem().is_none(), "an implausible place was kept");
        }
    }
    let _ = imaging::perceptual_hash(bytes);
}

/// A roster workbook through the county's import reader: any bytes are read or refused, and
/// progress only grows, ending at the total on success.
pub fn roster(bytes: &[u8]) {
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let today = Utc::now().date_naive();
    let result = ruhu_county::xlsx::roster::read_roster(bytes, COUNTY, today, &mut |done, all| {
        seen.push((done, all))
    });
    assert!(
        seen.windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 == w[1].1),
        "progress went backwards"
    );
    if let Ok(rows) = result
        && let Some(&(done, all)) = seen.last()
    {
        assert_eq!(done, all, "progress ended before the total");
        assert!(rows.len() <= all, "more rows than the sheet holds");
    }
}
