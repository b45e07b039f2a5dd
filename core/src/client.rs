//! The county store as the phone reaches it: enrollment and sync over HTTPS with protobuf
//! bodies (reqwest, rustls). Blocking: called from the app's background threads.

use ruhu_proto::v1::{self, ErrorCode};
use ruhu_proto::{CONTENT_TYPE, Message, PROTOCOL_VERSION};
use std::time::Duration;

/// Why a request to the county failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// No connection, a timeout, or a cut-off response: worth retrying.
    #[error("network: {0}")]
    Network(String),
    /// The county answered with an error.
    #[error("county refused ({code:?}): {message}")]
    Refused {
        /// Stable code.
        code: ErrorCode,
        /// For support staff.
        message: String,
        /// The device must wipe its data.
        wipe: bool,
    },
    /// The county's answer is not a message of this protocol.
    #[error("unreadable answer from the county")]
    Malformed,
}

impl ClientError {
    /// Whether trying again later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Network(_) => true,
            ClientError::Refused { code, .. } => code.is_retryable(),
            ClientError::Malformed => false,
        }
    }
}

/// The largest response accepted once inflated: a small compressed body that inflates
/// without end is refused, not allowed to fill the phone's memory.
const MAX_INFLATED: u64 = 64 * 1024 * 1024;

fn inflate(data: &[u8]) -> Result<Vec<u8>, ClientError> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(data)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut out)
        .map_err(|_| ClientError::Malformed)?;
    if out.len() as u64 > MAX_INFLATED {
        return Err(ClientError::Malformed);
    }
    Ok(out)
}

/// A connection to one county store.
pub struct CountyClient {
    http: reqwest::blocking::Client,
    base: String,
}

impl CountyClient {
    /// A client for the store at `base_url` (e.g. `https://ruhu.county.gov.cn`).
    pub fn new(base_url: &str) -> Result<Self, ClientError> {
        let http = reqwest::blocking::Client::builder()
            .connect_timeout(Duration::from_secs(15))
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|e| ClientError::Network(e.to_string()))?;
        Ok(CountyClient {
            http,
            base: base_url.trim_end_matches('/').to_string(),
        })
    }

    fn post<T: Message + Default>(
        &self,
        path: &str,
        token: Option<&str>,
        body: Vec<u8>,
    ) -> Result<(T, usize), ClientError> {
        let req = self
            .http
            .post(format!("{}{path}", self.base))
            .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE)
            .body(body);
        self.exchange(req, token)
    }

    fn exchange<T: Message + Default>(
        &self,
        req: reqwest::blocking::RequestBuilder,
        token: Option<&str>,
    ) -> Result<(T, usize), ClientError> {
        let mut req = req.header(reqwest::header::ACCEPT_ENCODING, "gzip");
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        // reqwest's error text names the URL only, never the body.
        let resp = req
            .send()
            .map_err(|e| ClientError::Network(e.without_url().to_string()))?;
        let status = resp.status();
        let gzipped = resp
            .headers()
            .get(reqwest::header::CONTENT_ENCODING)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"gzip"));
        let wire = resp
            .bytes()
            .map_err(|e| ClientError::Network(e.without_url().to_string()))?;
        let bytes = if gzipped {
            inflate(&wire)?
        } else {
            wire.to_vec()
        };
        if status.is_success() {
            let msg = T::decode(bytes.as_slice()).map_err(|_| ClientError::Malformed)?;
            return Ok((msg, wire.len()));
        }
        match v1::Error::decode(bytes.as_slice()) {
            Ok(e) => Err(ClientError::Refused {
                code: ErrorCode::try_from(e.code).unwrap_or(ErrorCode::Internal),
                message: e.message,
                wipe: e.wipe,
            }),
            Err(_) if status.is_server_error() => {
                Err(ClientError::Network(format!("county answered {status}")))
            }
            Err(_) => Err(ClientError::Malformed),
        }
    }

    /// Redeems an enrollment code.
    pub fn enroll(
        &self,
        code: &str,
        device_label: &str,
        actor: &[u8],
    ) -> Result<v1::EnrollResponse, ClientError> {
        let req = v1::EnrollRequest {
            protocol_version: PROTOCOL_VERSION,
            code: code.to_string(),
            device_label: device_label.to_string(),
            actor_id: actor.to_vec(),
        };
        Ok(self.post("/v1/enroll", None, req.encode_to_vec())?.0)
    }

    /// One sync exchange. Returns the response and the bytes sent and received.
    pub fn sync(
        &self,
        token: &str,
        req: &v1::SyncRequest,
    ) -> Result<(v1::SyncResponse, usize, usize), ClientError> {
        let body = req.encode_to_vec();
        let sent = body.len();
        let (resp, received) = self.post("/v1/sync", Some(token), body)?;
        Ok((resp, sent, received))
    }

    /// How much of a photo file the county holds.
    pub fn blob_probe(
        &self,
        token: &str,
        sha256: &str,
        size: u64,
        document_id: &str,
    ) -> Result<v1::BlobStatus, ClientError> {
        let req = v1::BlobProbe {
            protocol_version: PROTOCOL_VERSION,
            sha256: sha256.to_string(),
            size,
            document_id: document_id.to_string(),
        };
        Ok(self
            .post("/v1/blobs/probe", Some(token), req.encode_to_vec())?
            .0)
    }

    /// Appends `chunk` at `offset` of a photo file; the answer says where the county stands
    /// (a repeated or misplaced chunk changes nothing and the answer says where to resume).
    pub fn blob_append(
        &self,
        token: &str,
        sha256: &str,
        offset: u64,
        chunk: Vec<u8>,
    ) -> Result<v1::BlobStatus, ClientError> {
        let req = self
            .http
            .post(format!(
                "{}/v1/blobs/{sha256}/append?offset={offset}",
                self.base
            ))
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(chunk);
        Ok(self.exchange(req, Some(token))?.0)
    }

    /// A photo file the county holds, for a device whose scope covers it.
    pub fn blob_get(&self, token: &str, sha256: &str) -> Result<Vec<u8>, ClientError> {
        let resp = self
            .http
            .get(format!("{}/v1/blobs/{sha256}", self.base))
            .bearer_auth(token)
            .send()
            .map_err(|e| ClientError::Network(e.without_url().to_string()))?;
        let status = resp.status();
        let body = resp
            .bytes()
            .map_err(|e| ClientError::Network(e.without_url().to_string()))?;
        if status.is_success() {
            return Ok(body.to_vec());
        }
        match v1::Error::decode(body.as_ref()) {
            Ok(e) => Err(ClientError::Refused {
                code: ErrorCode::try_from(e.code).unwrap_or(ErrorCode::Internal),
                message: e.message,
                wipe: e.wipe,
            }),
            Err(_) => Err(ClientError::Network(format!("county answered {status}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn a_compressed_answer_is_inflated_and_a_decompression_bomb_refused() {
        assert_eq!(inflate(&gzip(b"ruhu")).unwrap(), b"ruhu");
        let bomb = gzip(&vec![0u8; (MAX_INFLATED + 1) as usize]);
        assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
        assert!(matches!(inflate(&bomb), Err(ClientError::Malformed)));
        assert!(matches!(inflate(b"not gzip"), Err(ClientError::Malformed)));
    }
}
