//! The phone's TLS against a real TLS server on loopback: a county certificate from an
//! authority the phone trusts is accepted, one it does not trust is refused before anything is
//! sent, and that refusal is told apart from a bad network.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::mpsc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::client::{ClientError, CountyClient};

/// A certificate authority of the county's own, and a server certificate for `localhost` and
/// 127.0.0.1 issued by it.
struct CountyPki {
    ca: CertificateDer<'static>,
    server: CertificateDer<'static>,
    server_key: Vec<u8>,
}

fn county_pki() -> CountyPki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("ca params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca =
        CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("ca key")).expect("ca");
    let server_key = KeyPair::generate().expect("server key");
    let server = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
        .expect("server params")
        .signed_by(&server_key, &ca)
        .expect("server cert");
    CountyPki {
        ca: ca.der().clone(),
        server: server.der().clone(),
        server_key: server_key.serialize_der(),
    }
}

/// Serves one TLS connection on loopback: sends each request line it reads on the channel and
/// answers 404 with an empty body. Returns the address.
fn serve_once(pki: &CountyPki) -> (String, mpsc::Receiver<String>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![pki.server.clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(pki.server_key.clone())),
        )
        .expect("server config");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let (seen, heard) = mpsc::channel();
    std::thread::spawn(move || {
        let Ok((tcp, _)) = listener.accept() else {
            return;
        };
        let Ok(conn) = rustls::ServerConnection::new(Arc::new(config)) else {
            return;
        };
        let mut tls = rustls::StreamOwned::new(conn, tcp);
        let mut buf = [0u8; 4096];
        // A refused handshake ends here with an error: nothing was received.
        let Ok(n) = tls.read(&mut buf) else {
            return;
        };
        let text = String::from_utf8_lossy(&buf[..n]);
        let _ = seen.send(text.lines().next().unwrap_or_default().to_string());
        let _ = tls
            .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        let _ = tls.flush();
        tls.conn.send_close_notify();
        let _ = tls.flush();
    });
    (format!("https://localhost:{port}"), heard)
}

#[test]
fn a_county_certificate_from_an_added_authority_is_accepted() {
    let pki = county_pki();
    let (url, heard) = serve_once(&pki);
    let client = CountyClient::with_roots(&url, &[pki.ca.to_vec()]).expect("client");
    let answer = client.enroll("ABCD-EFGH", "测试手机", &[1; 16]);
    // The request went through the TLS connection; the county's 404 is not a TLS failure.
    assert_eq!(
        heard.recv().expect("the server heard the request"),
        "POST /v1/enroll HTTP/1.1"
    );
    assert!(
        !matches!(
            answer,
            Err(ClientError::Untrusted | ClientError::Network(_))
        ),
        "{answer:?}"
    );
}

#[test]
fn a_certificate_from_an_authority_the_phone_does_not_trust_is_refused_before_sending() {
    let pki = county_pki();
    let (url, heard) = serve_once(&pki);
    // Only the public roots: the county's own authority is unknown to this client.
    let client = CountyClient::new(&url).expect("client");
    let answer = client.enroll("ABCD-EFGH", "测试手机", &[1; 16]);
    assert!(matches!(answer, Err(ClientError::Untrusted)), "{answer:?}");
    let err = answer.unwrap_err();
    assert!(
        !err.is_retryable(),
        "retrying an untrusted server cannot help"
    );
    assert!(
        heard.recv().is_err(),
        "no request reached a server whose certificate was refused"
    );
}

#[test]
fn a_server_that_is_not_there_is_a_network_failure_worth_retrying() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let client = CountyClient::new(&format!("https://127.0.0.1:{port}")).expect("client");
    let answer = client.enroll("ABCD-EFGH", "测试手机", &[1; 16]);
    match answer {
        Err(e @ ClientError::Network(_)) => assert!(e.is_retryable()),
        other => panic!("{other:?}"),
    }
}
