//! The county's HTTP face under hostile clients, sent exactly as an attacker would (raw
//! protobuf with reqwest, raw TCP for slow clients): oversized sync requests refused before
//! the store with /healthz answering, slow and idle connections closed, console logins
//! throttled per account and address with at most the limit checked, the enrollment QR from
//! the configured public URL whatever the Host, security headers, the enrollment rate limit,
//! Error bodies for unknown endpoints and methods, and sync pages that keep their size.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::redirect::Policy;
use ruhu_county::serve::ServeOptions;
use ruhu_domain::sample::SampleRng;
use ruhu_proto::Message;
use ruhu_proto::v1::{self, ErrorCode};
use ruhu_tests::attacker::{Answer, Attacker, healthy, post};
use ruhu_tests::{COUNTY, TestCounty, household_changes};

const PASSWORD: &str = "青山绿水-2026-春";

fn proxied() -> ServeOptions {
    ServeOptions {
        trusted_proxy_header: Some("x-forwarded-for".parse().unwrap()),
        public_url: "https://ruhu.example.invalid".into(),
        ..Default::default()
    }
}

fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

fn sync_body(docs: Vec<v1::DocumentChanges>) -> Vec<u8> {
    ruhu_tests::first_request(docs).encode_to_vec()
}

#[test]
fn oversized_sync_requests_are_refused_before_the_store_while_healthz_answers() {
    let county = TestCounty::start();
    let base = county.url();
    let mut attacker = Attacker::enroll(&base, &county.code("w-big", &["G01-1"]));
    let empty = |i: usize| v1::DocumentChanges {
        document_id: format!("hh-{i}"),
        kind: "household".into(),
        changes: vec![],
    };
    let hostile = vec![
        // 200,000 empty documents: the finding's 4 MiB request.
        (0..200_000).map(empty).collect::<Vec<_>>(),
        vec![v1::DocumentChanges {
            changes: vec![vec![0u8; 1]; ruhu_proto::MAX_SYNC_CHANGES + 1],
            ..empty(0)
        }],
        vec![v1::DocumentChanges {
            changes: vec![vec![0u8; ruhu_proto::MAX_SYNC_CHANGE_BYTES]],
            ..empty(0)
        }],
    ];
    let sender = {
        let (base, token) = (base.clone(), attacker.token.clone());
        std::thread::spawn(move || {
            let mut refusals = Vec::new();
            for _ in 0..3 {
                for docs in &hostile {
                    let a: Answer<v1::SyncResponse> = post(
                        &format!("{base}/v1/sync"),
                        Some(&token),
                        sync_body(docs.clone()),
                    );
                    let Answer::Refused { status, error } = a else {
                        panic!("an oversized request was accepted");
                    };
                    refusals.push((status, error));
                }
            }
            refusals
        })
    };
    for _ in 0..5 {
        assert!(healthy(&base), "/healthz answers while the attacker sends");
    }
    let refusals = sender.join().unwrap();
    for (status, error) in &refusals {
        assert_eq!(*status, 413);
        assert_eq!(error.code, ErrorCode::TooLarge as i32);
        assert!(error.message.contains("at most"), "{}", error.message);
    }
    assert!(healthy(&base));
    assert_eq!(county.change_count(), 0, "nothing of it stored");

    // The same device's honest sync still works.
    let mut rng = SampleRng::new(7);
    let honest = household_changes(&mut rng, attacker.actor.clone(), "G01-1");
    let r = attacker.sync(vec![honest]).accepted();
    assert_eq!(r.stored.len(), 1);
    assert!(county.change_count() > 0);
}

/// Reads until the server closes the connection; what it sent meanwhile.
fn read_until_closed(stream: &mut TcpStream) -> String {
    // Only a guard against a hung test: the server's own timeouts are far shorter.
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return String::from_utf8_lossy(&out).into_owned(),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return String::from_utf8_lossy(&out).into_owned();
            }
            Err(e) => panic!("the server kept the connection open: {e}"),
        }
    }
}

#[test]
fn slow_headers_slow_bodies_and_idle_connections_are_closed() {
    let county = TestCounty::start_with(ServeOptions {
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        ..Default::default()
    });
    let base = county.url();
    let addr = base.trim_start_matches("http://").to_string();

    // Headers that never end.
    let mut slow = TcpStream::connect(&addr).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .unwrap();
    let answer = read_until_closed(&mut slow);
    assert!(!answer.contains("200 OK"), "{answer}");

    // A body that never arrives: refused, the connection closed.
    let mut slow = TcpStream::connect(&addr).unwrap();
    slow.write_all(
        b"POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\
          Content-Type: application/x-protobuf\r\nContent-Length: 100000\r\n\r\n0123456789",
    )
    .unwrap();
    let answer = read_until_closed(&mut slow);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    // A kept-alive connection left idle after its answer.
    let mut idle = TcpStream::connect(&addr).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let answer = read_until_closed(&mut idle);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    assert!(healthy(&base));
    assert_eq!(county.change_count(), 0);
}

/// The login form's CSRF token and cookie, fetched as a browser would.
fn login_form(http: &Client, base: &str, from: &str) -> (String, String) {
    let r = http
        .get(format!("{base}/console/login"))
        .header("x-forwarded-for", from)
        .send()
        .unwrap();
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let body = r.text().unwrap();
    let i = body.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = body[i..i + body[i..].find('"').unwrap()].to_string();
    (cookie, csrf)
}

/// One login attempt from address `from` (as the trusted proxy reports it): status and body
/// with its CSRF token blanked.
fn login(base: &str, from: &str, user: &str, password: &str) -> (StatusCode, String) {
    let http = client();
    let (cookie, csrf) = login_form(&http, base, from);
    let r = http
        .post(format!("{base}/console/login"))
        .header("cookie", cookie)
        .header("x-forwarded-for", from)
        .form(&[("username", user), ("password", password), ("csrf", &csrf)])
        .send()
        .unwrap();
    let status = r.status();
    (status, r.text().unwrap().replace(&csrf, "CSRF"))
}

#[test]
fn parallel_wrong_passwords_are_checked_at_most_up_to_the_limit_and_lock_only_their_address() {
    let county = TestCounty::start_with(proxied());
    county.console_account("shenhe", "supervisor", &[COUNTY], PASSWORD);
    let base = county.urls[0].clone();
    let attacker = "203.0.113.7";

    let tries: Vec<_> = (0..40)
        .map(|i| {
            let base = base.clone();
            std::thread::spawn(move || login(&base, attacker, "shenhe", &format!("guess-{i}-x")))
        })
        .collect();
    let mut answers: Vec<(StatusCode, String)> =
        tries.into_iter().map(|t| t.join().unwrap()).collect();
    let limit = ruhu_county::console::auth::MAX_FAILURES as usize;
    let burst_checked = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::UNAUTHORIZED)
        .count();
    assert!(
        burst_checked <= limit,
        "{burst_checked} passwords checked at once"
    );
    // Those the burst found busy were not counted: one at a time until the throttle answers.
    for i in 0..=limit {
        let a = login(&base, attacker, "shenhe", &format!("again-{i}-x"));
        let throttled = a.0 == StatusCode::TOO_MANY_REQUESTS;
        answers.push(a);
        if throttled {
            break;
        }
    }
    let checked = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!(checked, limit, "exactly the limit checked");
    for (status, _) in &answers {
        assert!(
            [
                StatusCode::UNAUTHORIZED,
                StatusCode::TOO_MANY_REQUESTS,
                StatusCode::SERVICE_UNAVAILABLE
            ]
            .contains(status),
            "{status}"
        );
    }
    assert!(healthy(&base));

    // Every checked failure is in the audit log with the address, never the password.
    let audit = county.audit_log();
    let failed: Vec<_> = audit
        .iter()
        .filter(|a| a.action == "login_failed")
        .collect();
    assert_eq!(failed.len(), checked);
    assert!(
        failed
            .iter()
            .all(|a| a.target == attacker && a.username == "shenhe")
    );
    assert!(
        !audit
            .iter()
            .any(|a| a.target.contains("guess") || a.target.contains("again"))
    );

    // The attacker's address waits, even with the right password; the worker's does not.
    assert_eq!(
        login(&base, attacker, "shenhe", PASSWORD).0,
        StatusCode::TOO_MANY_REQUESTS
    );
    let (status, _) = login(&base, "198.51.100.20", "shenhe", PASSWORD);
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "signed in from another address"
    );
    assert!(
        county
            .audit_log()
            .iter()
            .any(|a| a.action == "login" && a.target == "198.51.100.20")
    );
}

#[test]
fn an_unknown_user_is_answered_exactly_as_a_wrong_password() {
    let county = TestCounty::start_with(proxied());
    county.console_account("shenhe", "supervisor", &[COUNTY], PASSWORD);
    let base = county.urls[0].clone();
    let known = login(&base, "192.0.2.1", "shenhe", "wrong-password-1");
    let unknown = login(&base, "192.0.2.2", "nobody", "wrong-password-1");
    assert_eq!(known.0, StatusCode::UNAUTHORIZED);
    assert_eq!(known, unknown);
}

#[test]
fn a_proxy_header_is_ignored_unless_configured() {
    let county = TestCounty::start();
    county.console_account("shenhe", "supervisor", &[COUNTY], PASSWORD);
    let base = county.urls[0].clone();
    for i in 0..ruhu_county::console::auth::MAX_FAILURES {
        // Each claims another address; the county counts the socket's.
        let (status, _) = login(&base, &format!("192.0.2.{i}"), "shenhe", "wrong-password-1");
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _) = login(&base, "192.0.2.99", "shenhe", PASSWORD);
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

/// A signed-in console session (cookie header) of a new county admin.
fn admin_session(county: &TestCounty, base: &str) -> String {
    county.console_account("admin", "county-admin", &[COUNTY], PASSWORD);
    let http = client();
    let (cookie, csrf) = login_form(&http, base, "192.0.2.50");
    let r = http
        .post(format!("{base}/console/login"))
        .header("cookie", &cookie)
        .header("x-forwarded-for", "192.0.2.50")
        .form(&[
            ("username", "admin"),
            ("password", PASSWORD),
            ("csrf", &csrf),
        ])
        .send()
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("ruhu_session="))
        .unwrap()
}

/// The CSRF token in a console page.
fn csrf_of(body: &str) -> String {
    let i = body.find("name=\"csrf\" value=\"").unwrap() + 19;
    body[i..i + body[i..].find('"').unwrap()].to_string()
}

#[test]
fn the_enrollment_qr_names_the_public_url_whatever_the_host_header() {
    let county = TestCounty::start_with(proxied());
    let base = county.urls[0].clone();
    let session = admin_session(&county, &base);
    let http = client();
    let page = http
        .get(format!("{base}/console/devices"))
        .header("cookie", &session)
        .send()
        .unwrap()
        .text()
        .unwrap();
    let csrf = csrf_of(&page);
    let r = http
        .post(format!("{base}/console/devices"))
        .header("cookie", &session)
        .header("host", "attacker.example:80")
        .form(&[
            ("csrf", csrf.as_str()),
            ("worker_id", "w-qr"),
            ("name", "网格员"),
            ("grids", "G01-1"),
            ("villages", ""),
            ("role", "grid_worker"),
        ])
        .send()
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().unwrap();
    let i = body.find("data-payload=\"").unwrap() + 14;
    let payload = &body[i..i + body[i..].find('"').unwrap()];
    assert!(
        payload.contains("server=https%3A%2F%2Fruhu.example.invalid"),
        "{payload}"
    );
    assert!(!payload.contains("attacker"), "{payload}");
}

#[test]
fn every_response_carries_the_security_headers_and_personal_data_is_never_cached() {
    let county = TestCounty::start_with(proxied());
    let base = county.urls[0].clone();
    let session = admin_session(&county, &base);
    let http = client();
    let attacker = Attacker::enroll(&base, &county.code("w-h", &["G01-1"]));
    let photo = format!("{}/v1/blobs/{}", base, "ab".repeat(32));
    let answers = [
        http.get(format!("{base}/console/login")).send().unwrap(),
        http.get(format!("{base}/console/cases"))
            .header("cookie", &session)
            .send()
            .unwrap(),
        http.get(format!("{base}/console/cases.xlsx"))
            .header("cookie", &session)
            .send()
            .unwrap(),
        http.get(format!("{base}/console/files/{}", "cd".repeat(32)))
            .header("cookie", &session)
            .send()
            .unwrap(),
        http.get(&photo)
            .bearer_auth(&attacker.token)
            .send()
            .unwrap(),
        http.get(format!("{base}/healthz")).send().unwrap(),
    ];
    for r in &answers {
        let h = r.headers();
        let get = |name: &str| h.get(name).map(|v| v.to_str().unwrap().to_string());
        let csp = get("content-security-policy").unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{}: {csp}", r.url());
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert_eq!(get("x-frame-options").as_deref(), Some("DENY"));
        assert_eq!(get("x-content-type-options").as_deref(), Some("nosniff"));
        assert_eq!(get("referrer-policy").as_deref(), Some("no-referrer"));
        assert_eq!(
            get("cache-control").as_deref(),
            Some("no-store"),
            "{}",
            r.url()
        );
    }
    // Pages hold no inline script or style for the policy to block.
    let dashboard = http
        .get(format!("{base}/console"))
        .header("cookie", &session)
        .send()
        .unwrap()
        .text()
        .unwrap();
    for inline in ["<script>", "<style", " style=", "onclick"] {
        assert!(!dashboard.contains(inline), "{inline}");
    }
    let css = http
        .get(format!("{base}/console/static/console.css"))
        .send()
        .unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    assert!(
        css.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
}

#[test]
fn enrollment_is_rate_limited_per_address() {
    let county = TestCounty::start_with(proxied());
    let base = county.urls[0].clone();
    let enroll = |from: &str, code: &str| {
        let body = v1::EnrollRequest {
            protocol_version: ruhu_proto::PROTOCOL_VERSION,
            code: code.into(),
            device_label: "phone".into(),
            actor_id: vec![],
        }
        .encode_to_vec();
        let r = client()
            .post(format!("{base}/v1/enroll"))
            .header("content-type", ruhu_proto::CONTENT_TYPE)
            .header("x-forwarded-for", from)
            .body(body)
            .send()
            .unwrap();
        let status = r.status().as_u16();
        let bytes = r.bytes().unwrap();
        (status, bytes)
    };
    let guesser = "203.0.113.9";
    for i in 0..ruhu_county::gate::ENROLL_PER_ADDRESS {
        let (status, body) = enroll(guesser, &format!("AAAA-BBBB-{i:04}"));
        assert_eq!(status, 404);
        let e = v1::Error::decode(body).unwrap();
        assert_eq!(e.code, ErrorCode::EnrollmentCodeInvalid as i32);
    }
    let good = county.code("w-rate", &["G01-1"]);
    let (status, body) = enroll(guesser, &good);
    assert_eq!(status, 429);
    let e = v1::Error::decode(body).unwrap();
    assert_eq!(e.code, ErrorCode::TooManyRequests as i32);
    assert!(county.devices_of("w-rate").is_empty());

    let (status, body) = enroll("198.51.100.30", &good);
    assert_eq!(status, 200, "another address enrolls");
    assert!(!v1::EnrollResponse::decode(body).unwrap().token.is_empty());
    assert!(healthy(&base));
}

#[test]
fn unknown_endpoints_and_methods_answer_with_an_error_body() {
    let county = TestCounty::start();
    let base = county.url();
    let http = client();
    for (req, status, code) in [
        (
            http.get(format!("{base}/v1/nothing")),
            404,
            ErrorCode::NotFound,
        ),
        (
            http.post(format!("{base}/v1/sync/extra")),
            404,
            ErrorCode::NotFound,
        ),
        (
            http.get(format!("{base}/v1/sync")),
            405,
            ErrorCode::MethodNotAllowed,
        ),
        (
            http.put(format!("{base}/v1/enroll")),
            405,
            ErrorCode::MethodNotAllowed,
        ),
    ] {
        let r = req.send().unwrap();
        assert_eq!(r.status().as_u16(), status);
        assert_eq!(
            r.headers()["content-type"].to_str().unwrap(),
            ruhu_proto::CONTENT_TYPE
        );
        let e = v1::Error::decode(r.bytes().unwrap()).unwrap();
        assert_eq!(e.code, code as i32);
    }
    let page = http.get(format!("{base}/console/nothing")).send().unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(page.text().unwrap().contains("找不到页面"));
}

#[test]
fn sync_answers_keep_to_the_page_size_asked() {
    let county = TestCounty::start();
    let mut writer = Attacker::grid_worker(&county, "w-write", &["G01-1"]);
    let mut rng = SampleRng::new(11);
    let docs: Vec<_> = (0..120)
        .map(|_| household_changes(&mut rng, writer.actor.clone(), "G01-1"))
        .collect();
    let ids: std::collections::BTreeSet<String> =
        docs.iter().map(|d| d.document_id.clone()).collect();
    let total: usize = docs.iter().flat_map(|d| &d.changes).map(Vec::len).sum();
    const PAGE: u32 = 64 * 1024;
    assert!(total > 2 * PAGE as usize, "{total} bytes: several pages");
    for chunk in docs.chunks(40) {
        writer.sync(chunk.to_vec()).accepted();
    }

    let reader = Attacker::grid_worker(&county, "w-read", &["G01-1"]);
    let mut cursor = 0;
    let mut got = std::collections::BTreeSet::new();
    let mut pages = 0;
    loop {
        let req = v1::SyncRequest {
            protocol_version: ruhu_proto::PROTOCOL_VERSION,
            cursor,
            changes: vec![],
            max_response_bytes: PAGE,
            incomplete: vec![],
        };
        let r = client()
            .post(format!("{}/v1/sync", reader.base))
            .header("content-type", ruhu_proto::CONTENT_TYPE)
            .bearer_auth(&reader.token)
            .body(req.encode_to_vec())
            .send()
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let body = r.bytes().unwrap();
        assert!(
            body.len() <= PAGE as usize,
            "a page of {} bytes",
            body.len()
        );
        let resp = v1::SyncResponse::decode(body).unwrap();
        got.extend(resp.changes.iter().map(|d| d.document_id.clone()));
        cursor = resp.cursor;
        pages += 1;
        if !resp.more {
            break;
        }
    }
    assert!(pages >= 3, "{pages} pages");
    assert_eq!(got, ids, "every document arrived");
}
