//! Console logins: throttled per account and address, an unknown user answered as a wrong
//! password, a proxy header believed only when configured.

use super::*;

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
