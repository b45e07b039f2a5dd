//! The console's pages and enrollment: the QR code from the public URL, security headers on
//! every response, enrollment rate-limited per address.

use super::*;

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
