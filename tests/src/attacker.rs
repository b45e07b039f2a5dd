//! An attacker holding one enrolled device: enrolls over raw HTTP, then sends hand-built
//! automerge changes in protobuf sync requests, exactly as a reprogrammed phone would, bypassing
//! every check the phone's own API makes.

use automerge::{ActorId, AutoCommit, Change, ChangeHash};
use ruhu_proto::Message;
use ruhu_proto::v1;

use crate::TestCounty;

/// What the county answered to a raw request.
#[derive(Debug)]
pub enum Answer<T> {
    /// 200 with the decoded body.
    Ok(T),
    /// An error status with the decoded `Error` body (code as sent).
    Refused {
        /// HTTP status.
        status: u16,
        /// The `Error` body.
        error: v1::Error,
    },
}

/// An answer body; a sync response may refuse single documents while accepting the request.
pub trait Body: Message + Default + std::fmt::Debug {
    /// The refusals of single documents it carries.
    fn document_refusals(&self) -> &[v1::DocumentRefusal] {
        &[]
    }
}

impl Body for v1::SyncResponse {
    fn document_refusals(&self) -> &[v1::DocumentRefusal] {
        &self.refused
    }
}
impl Body for v1::EnrollResponse {}
impl Body for v1::BlobStatus {}

impl<T: Body> Answer<T> {
    /// The error code of a refusal: of the request, or of its one refused document (the
    /// county refuses a document without failing the rest of the request). Panics when
    /// everything was accepted.
    pub fn refused_code(&self) -> v1::ErrorCode {
        match self {
            Answer::Refused { error, .. } => {
                v1::ErrorCode::try_from(error.code).unwrap_or(v1::ErrorCode::Unspecified)
            }
            Answer::Ok(v) => match v.document_refusals() {
                [one] => v1::ErrorCode::try_from(one.code).unwrap_or(v1::ErrorCode::Unspecified),
                [] => panic!("expected a refusal, the county accepted: {v:?}"),
                more => panic!("expected one refusal, got {}: {more:?}", more.len()),
            },
        }
    }

    /// The message of the refusal: the request's, or that of its one refused document.
    pub fn refused_message(&self) -> String {
        match self {
            Answer::Refused { error, .. } => error.message.clone(),
            Answer::Ok(v) => match v.document_refusals() {
                [one] => one.message.clone(),
                other => panic!("expected one refusal, got {}: {v:?}", other.len()),
            },
        }
    }

    /// The accepted body; panics on a refusal of the request or of any document in it.
    pub fn accepted(self) -> T {
        match self {
            Answer::Ok(v) if v.document_refusals().is_empty() => v,
            Answer::Ok(v) => panic!("expected acceptance, documents were refused: {v:?}"),
            Answer::Refused { status, error } => {
                panic!("expected acceptance, got {status}: {error:?}")
            }
        }
    }

    /// The body of a 200 answer, whatever it refused inside; panics on a refused request.
    pub fn answered(self) -> T {
        match self {
            Answer::Ok(v) => v,
            Answer::Refused { status, error } => {
                panic!("expected an answer, got {status}: {error:?}")
            }
        }
    }
}

/// POSTs `body` to `url` with an optional bearer token; decodes `T` or the `Error`.
pub fn post<T: Body>(url: &str, token: Option<&str>, body: Vec<u8>) -> Answer<T> {
    let client = reqwest::blocking::Client::new();
    let mut req = client
        .post(url)
        .header("content-type", ruhu_proto::CONTENT_TYPE)
        .body(body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().expect("the county answers");
    let status = resp.status().as_u16();
    let bytes = resp.bytes().expect("a body");
    if status == 200 {
        Answer::Ok(T::decode(bytes).expect("a decodable answer"))
    } else {
        Answer::Refused {
            status,
            error: v1::Error::decode(bytes).expect("an Error body"),
        }
    }
}

/// Whether the county's `/healthz` at `base` answers ok.
pub fn healthy(base: &str) -> bool {
    reqwest::blocking::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .ok()
        .and_then(|c| c.get(format!("{base}/healthz")).send().ok())
        .is_some_and(|r| r.status().is_success())
}

/// One enrolled device driven by hand.
pub struct Attacker {
    /// County address the attacker talks to.
    pub base: String,
    /// Bearer token.
    pub token: String,
    /// The actor the county granted.
    pub actor: ActorId,
    /// The device id the county gave.
    pub device_id: String,
    /// The worker id of the grant.
    pub worker_id: String,
    /// Feed cursor of the last accepted sync.
    pub cursor: u64,
}

impl Attacker {
    /// Enrolls with `code` at `base` over raw HTTP.
    pub fn enroll(base: &str, code: &str) -> Attacker {
        let req = v1::EnrollRequest {
            protocol_version: ruhu_proto::PROTOCOL_VERSION,
            code: code.into(),
            device_label: "reprogrammed phone".into(),
            actor_id: Vec::new(),
        };
        let resp: v1::EnrollResponse =
            post(&format!("{base}/v1/enroll"), None, req.encode_to_vec()).accepted();
        Attacker {
            base: base.into(),
            token: resp.token,
            actor: ActorId::from(resp.actor_id.as_slice()),
            device_id: resp.device_id,
            worker_id: resp.worker_id,
            cursor: 0,
        }
    }

    /// Enrolls a grid worker of `grids` on `county` (next instance in turn).
    pub fn grid_worker(county: &TestCounty, worker: &str, grids: &[&str]) -> Attacker {
        Attacker::enroll(&county.url(), &county.code(worker, grids))
    }

    /// Sends one sync request carrying `docs`; on success the cursor moves on.
    pub fn sync(&mut self, docs: Vec<v1::DocumentChanges>) -> Answer<v1::SyncResponse> {
        let req = v1::SyncRequest {
            protocol_version: ruhu_proto::PROTOCOL_VERSION,
            cursor: self.cursor,
            changes: docs,
            max_response_bytes: 0,
            ..Default::default()
        };
        let answer: Answer<v1::SyncResponse> = post(
            &format!("{}/v1/sync", self.base),
            Some(&self.token),
            req.encode_to_vec(),
        );
        if let Answer::Ok(r) = &answer {
            self.cursor = r.cursor;
        }
        answer
    }

    /// Syncs with nothing to send, paging until the county has no more; returns every
    /// document id received.
    pub fn pull(&mut self) -> Vec<String> {
        let mut ids = Vec::new();
        loop {
            let r = self.sync(Vec::new()).accepted();
            ids.extend(r.changes.iter().map(|d| d.document_id.clone()));
            if !r.more {
                return ids;
            }
        }
    }
}

/// A document being written by hand, with the changes not yet sent.
pub struct Forged {
    /// The automerge document.
    pub doc: AutoCommit,
    /// Document id as sent.
    pub id: String,
    /// Kind as sent.
    pub kind: String,
    sent: Vec<ChangeHash>,
}

impl Forged {
    /// A document created with the domain's own writer (a valid start), authored by `actor`.
    pub fn create<T: ruhu_domain::document::Content>(
        id: &str,
        content: &T,
        actor: ActorId,
    ) -> Forged {
        let doc =
            ruhu_domain::document::create(content, actor, chrono::Utc::now()).expect("create");
        Forged {
            doc,
            id: id.into(),
            kind: T::KIND.code().into(),
            sent: Vec::new(),
        }
    }

    /// A document continued from the county's copy, written by `actor`.
    pub fn from_county(county: &TestCounty, id: &str, kind: &str, actor: ActorId) -> Forged {
        let mut doc = county.document(id).with_actor(actor);
        let sent = doc.get_heads();
        Forged {
            doc,
            id: id.into(),
            kind: kind.into(),
            sent,
        }
    }

    /// Edits the document with raw automerge operations and commits them as one change.
    pub fn edit(&mut self, f: impl FnOnce(&mut AutoCommit)) -> &mut Self {
        f(&mut self.doc);
        self.doc.commit();
        self
    }

    /// The changes not yet sent, marking them sent.
    pub fn take(&mut self) -> v1::DocumentChanges {
        let changes: Vec<Change> = self.doc.get_changes(&self.sent).into_iter().collect();
        self.sent = self.doc.get_heads();
        v1::DocumentChanges {
            document_id: self.id.clone(),
            kind: self.kind.clone(),
            changes: changes.iter().map(|c| c.raw_bytes().to_vec()).collect(),
        }
    }

    /// Every change of the document (as a first send would carry).
    pub fn all(&mut self) -> v1::DocumentChanges {
        self.sent.clear();
        self.take()
    }
}
