//! The county store as the phone reaches it: enrollment and sync over HTTPS with protobuf
//! bodies (reqwest, rustls). Blocking: called from the app's background threads.
//!
//! TLS is rustls on ring, trusting Mozilla's root certificates as compiled into this build (the
//! same on every phone, whatever its age or maker) plus any roots the caller adds, such as a
//! county's own certificate authority on a government network.

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
    /// The county address is not one the phone may send data to (plain `http://` to anything
    /// but this device, or not a web address); the text is for the worker.
    #[error("{0}")]
    Address(&'static str),
    /// The server's certificate could not be verified (not from a trusted authority, expired,
    /// or for another name): nothing was sent, and retrying will not help.
    #[error("the county server's certificate could not be verified")]
    Untrusted,
}

/// Checks a county address: `https://`, or `http://` only to this device itself (127.0.0.0/8,
/// ::1, `localhost`: tests and the demo), so that an enrollment QR naming a plain-http host
/// cannot send a worker's data unencrypted over the network.
pub fn check_county_url(base_url: &str) -> Result<(), ClientError> {
    let url = reqwest::Url::parse(base_url)
        .map_err(|_| ClientError::Address("县级平台地址无效，请重新扫码或向县里核对地址"))?;
    let host = url.host_str().unwrap_or_default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = bare.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" if !host.is_empty() => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(ClientError::Address(
            "县级平台地址不是加密连接（https），为保护群众信息，本机不会连接，请向县里核对地址",
        )),
        _ => Err(ClientError::Address(
            "县级平台地址无效，请重新扫码或向县里核对地址",
        )),
    }
}

impl ClientError {
    /// Whether trying again later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Network(_) => true,
            ClientError::Refused { code, .. } => code.is_retryable(),
            ClientError::Malformed | ClientError::Address(_) | ClientError::Untrusted => false,
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

/// The TLS settings of every county connection: ring's algorithms, TLS 1.2 and 1.3, Mozilla's
/// roots and `extra_roots`. The provider is named here rather than taken from the process, so
/// the phone's choice holds whatever else the build links.
fn tls_config(extra_roots: &[Vec<u8>]) -> Result<rustls::ClientConfig, ClientError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for der in extra_roots {
        roots
            .add(rustls::pki_types::CertificateDer::from(der.clone()))
            .map_err(|_| ClientError::Untrusted)?;
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ClientError::Network(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// A failed request as the phone reports it: a certificate that could not be verified is
/// [`ClientError::Untrusted`], anything else a network failure worth retrying. reqwest's
/// text names the URL only, never the body; the URL is dropped too.
fn request_failed(e: reqwest::Error) -> ClientError {
    if certificate_refused(&e) {
        ClientError::Untrusted
    } else {
        ClientError::Network(e.without_url().to_string())
    }
}

/// Whether rustls refused the server's certificate somewhere down `e`'s chain of causes
/// (an `io::Error` hides what it wraps from `source()`, so it is opened as well).
fn certificate_refused(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(err) = next {
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            return matches!(
                tls,
                rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented
            );
        }
        if let Some(inner) = err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            && certificate_refused(inner)
        {
            return true;
        }
        next = err.source();
    }
    false
}

/// A connection to one county store.
pub struct CountyClient {
    http: reqwest::blocking::Client,
    base: String,
}

impl CountyClient {
    /// A client for the store at `base_url` (e.g. `https://ruhu.county.gov.cn`); refused
    /// unless it is `https://` or loopback (see [`check_county_url`]).
    pub fn new(base_url: &str) -> Result<Self, ClientError> {
        Self::with_roots(base_url, &[])
    }

    /// [`CountyClient::new`], also trusting `extra_roots` (DER-encoded certificates of
    /// authorities the county uses beyond the public ones).
    pub fn with_roots(base_url: &str, extra_roots: &[Vec<u8>]) -> Result<Self, ClientError> {
        check_county_url(base_url)?;
        let http = reqwest::blocking::Client::builder()
            .use_preconfigured_tls(tls_config(extra_roots)?)
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
        let resp = req.send().map_err(request_failed)?;
        let status = resp.status();
        let gzipped = resp
            .headers()
            .get(reqwest::header::CONTENT_ENCODING)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"gzip"));
        let wire = resp.bytes().map_err(request_failed)?;
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
            .map_err(request_failed)?;
        let status = resp.status();
        let body = resp.bytes().map_err(request_failed)?;
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
    fn plain_http_is_refused_except_to_this_device() {
        for ok in [
            "https://ruhu.example.cn",
            "https://10.1.2.3:8443/",
            "http://127.0.0.1:8470",
            "http://127.8.9.10",
            "http://localhost:8470",
            "http://[::1]:8470",
        ] {
            assert!(check_county_url(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://192.168.1.20:8470",
            "http://ruhu.example.cn",
            "http://localhost.evil.example",
            "http://[::2]",
            "ftp://ruhu.example.cn",
            "not a url",
        ] {
            let e = check_county_url(refused).unwrap_err();
            assert!(matches!(e, ClientError::Address(_)), "{refused}");
            assert!(!e.is_retryable());
        }
        let e = CountyClient::new("http://203.0.113.5").err().unwrap();
        assert!(e.to_string().contains("https"), "{e}");
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
