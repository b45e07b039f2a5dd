//! The county console over HTTP on loopback: sign-in with throttling, sessions, forged forms,
//! township scope, a retake asked in the console reaching the worker's phone, a case approved
//! in the console reaching the phone, and the audit trail. (Browser tests in tests/browser
//! drive the same pages in Chromium.)

use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::redirect::Policy;
use ruhu_core::RuhuStore;
use ruhu_core::enums::{
    AssistanceKind, CaseEventKind, CaseOrigin, CasePath, CaseStatus, PhotoKind, Relation, Sex,
};
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_core::records::{CaseEventInput, CaseInput};
use ruhu_domain::imaging::sample::{camera_jpeg, scene};
use ruhu_tests::{COUNTY, TestCounty, member, profile};

const PASSWORD: &str = "青山绿水-2026-春";

/// A browser without the browser: keeps the session cookie and the page's CSRF token.
struct Console {
    http: Client,
    base: String,
    cookies: Vec<(String, String)>,
    csrf: String,
}

struct Page {
    status: StatusCode,
    body: String,
    location: String,
}

impl Console {
    fn new(base: &str) -> Console {
        Console {
            http: Client::builder().redirect(Policy::none()).build().unwrap(),
            base: base.to_string(),
            cookies: Vec::new(),
            csrf: String::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn take(&mut self, r: reqwest::blocking::Response) -> Page {
        for c in r.headers().get_all("set-cookie") {
            let text = c.to_str().unwrap();
            let (k, rest) = text.split_once('=').unwrap();
            let v = rest.split(';').next().unwrap().to_string();
            self.cookies.retain(|(name, _)| name != k);
            if !v.is_empty() {
                self.cookies.push((k.to_string(), v));
            }
        }
        let status = r.status();
        let location = r
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = r.text().unwrap();
        if let Some(i) = body.find("name=\"csrf\" value=\"") {
            let rest = &body[i + 19..];
            self.csrf = rest[..rest.find('"').unwrap()].to_string();
        }
        Page {
            status,
            body,
            location,
        }
    }

    fn get(&mut self, path: &str) -> Page {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .send()
            .unwrap();
        self.take(r)
    }

    fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .form(form)
            .send()
            .unwrap();
        self.take(r)
    }

    fn login(&mut self, user: &str, password: &str) -> Page {
        self.get("/console/login");
        let csrf = self.csrf.clone();
        self.post(
            "/console/login",
            &[("username", user), ("password", password), ("csrf", &csrf)],
        )
    }
}

#[test]
fn sign_in_is_throttled_sessions_are_checked_and_forged_forms_are_refused() {
    let county = TestCounty::start();
    county.console_account("shenhe", "supervisor", &[COUNTY], PASSWORD);
    county.console_account("other", "supervisor", &[COUNTY], PASSWORD);
    let mut c = Console::new(&county.url());

    // Not signed in: sent to the login page.
    let p = c.get("/console/cases");
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.location, "/console/login");

    // Five wrong passwords, then even the right one waits; the answer never says which part
    // was wrong, and an unknown user reads the same.
    for _ in 0..5 {
        let p = c.login("shenhe", "wrong-password-1");
        assert_eq!(p.status, StatusCode::UNAUTHORIZED);
        assert!(p.body.contains("用户名或密码不对"));
    }
    assert!(
        c.login("nobody", "whatever-123")
            .body
            .contains("用户名或密码不对")
    );
    let p = c.login("shenhe", PASSWORD);
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(p.body.contains("15 分钟"));

    // Another account signs in; the cookie is HttpOnly and SameSite=Strict.
    let mut c = Console::new(&county.url());
    c.get("/console/login");
    let csrf = c.csrf.clone();
    let r = c
        .http
        .post(format!("{}/console/login", c.base))
        .header("cookie", c.cookie_header())
        .header("x-forwarded-proto", "https")
        .form(&[
            ("username", "other"),
            ("password", PASSWORD),
            ("csrf", &csrf),
        ])
        .send()
        .unwrap();
    let set = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Secure"),
        "{set}"
    );
    let p = c.take(r);
    assert_eq!(
        (p.status, p.location.as_str()),
        (StatusCode::SEE_OTHER, "/console")
    );
    assert!(c.get("/console").body.contains("总览"));

    // A login form posted without the token from the login page is refused.
    let mut bare = Console::new(&county.url());
    let p = bare.post(
        "/console/login",
        &[
            ("username", "other"),
            ("password", PASSWORD),
            ("csrf", "00"),
        ],
    );
    assert_eq!(p.status, StatusCode::FORBIDDEN);

    // A form with a forged token changes nothing: the session stays signed in.
    let p = c.post("/console/logout", &[("csrf", "forged")]);
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert!(p.body.contains("表单已失效"));
    assert_eq!(c.get("/console").status, StatusCode::OK);

    // A tampered session cookie is no session.
    let mut t = Console::new(&county.url());
    t.cookies.push(("ruhu_session".into(), "0".repeat(64)));
    assert_eq!(t.get("/console").location, "/console/login?expired=1");

    // Signing out ends the session for good.
    let csrf = c.csrf.clone();
    let old = c.cookies.clone();
    assert_eq!(
        c.post("/console/logout", &[("csrf", &csrf)]).status,
        StatusCode::SEE_OTHER
    );
    c.cookies = old;
    assert_eq!(c.get("/console").status, StatusCode::SEE_OTHER);

    let actions: Vec<String> = county.audit_log().into_iter().map(|a| a.action).collect();
    assert!(actions.contains(&"login".to_string()) && actions.contains(&"logout".to_string()));
}

fn officer_case(county: &TestCounty, phone: &RuhuStore) -> (String, String, String) {
    let h = phone
        .create_household(
            profile("G01-1"),
            vec![member("祁长顺", Relation::Head, Sex::Male, "1963-04-04")],
        )
        .unwrap();
    let case = phone
        .create_case(CaseInput {
            household_id: h.clone(),
            origin: CaseOrigin::Application,
            kind: AssistanceKind::Expenditure,
            path: CasePath::Normal,
            opened_at_ms: None,
            emergency: None,
        })
        .unwrap();
    let signature = phone
        .add_photo(
            PhotoTarget::Case {
                case_id: case.clone(),
            },
            PhotoInput {
                kind: PhotoKind::Signature,
                caption: "入户调查表签字".into(),
                location: None,
            },
            camera_jpeg(&scene(1600, 1200, 7), None),
        )
        .unwrap();
    phone
        .append_case_event(case.clone(), CaseEventInput::new(CaseEventKind::Accepted))
        .unwrap();
    // The 入户调查 form offers the case's signatures: the step must name one of them.
    let detail = phone.case_detail(case.clone()).unwrap();
    let offered: Vec<_> = detail
        .step_evidence
        .iter()
        .map(|e| (e.step, e.kind, e.photo_ids.clone()))
        .collect();
    assert_eq!(
        offered,
        vec![(
            CaseEventKind::Investigated,
            PhotoKind::Signature,
            vec![signature.photo_id.clone()]
        )],
        "allowed now: {:?}",
        detail.allowed_actions
    );
    phone
        .append_case_event(
            case.clone(),
            CaseEventInput {
                investigators: vec!["t-1".into(), "w-9".into()],
                photo_ids: vec![signature.photo_id.clone()],
                ..CaseEventInput::new(CaseEventKind::Investigated)
            },
        )
        .unwrap();
    phone
        .append_case_event(
            case.clone(),
            CaseEventInput::new(CaseEventKind::PreliminaryReview),
        )
        .unwrap();
    phone.sync(None).unwrap();
    let _ = county;
    (h, case, signature.photo_id)
}

#[test]
fn a_township_officer_sees_only_its_own_township() {
    let county = TestCounty::start();
    county.publish_policy(1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let phone = county.officer_phone(dir.path(), "t-1", &["G01-1"]);
    phone.sync(None).unwrap();
    let (_, case, _) = officer_case(&county, &phone);
    // The test households lie in village 370599101201: township 370599101.
    county.console_account("here", "township_officer", &["370599101"], PASSWORD);
    county.console_account("there", "township_officer", &["370599102"], PASSWORD);

    county.console_account("grid", "township_officer", &["G01-1"], PASSWORD);
    county.console_account("othergrid", "township_officer", &["G02-1"], PASSWORD);
    let mut grid = Console::new(&county.url());
    grid.login("grid", PASSWORD);
    assert_eq!(
        grid.get(&format!("/console/cases/{case}")).status,
        StatusCode::OK
    );
    let mut othergrid = Console::new(&county.url());
    othergrid.login("othergrid", PASSWORD);
    assert_eq!(
        othergrid.get(&format!("/console/cases/{case}")).status,
        StatusCode::FORBIDDEN
    );

    let mut there = Console::new(&county.url());
    there.login("there", PASSWORD);
    let p = there.get(&format!("/console/cases/{case}"));
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert!(p.body.contains("不在您的负责范围"));
    assert!(!there.get("/console/cases").body.contains(&case));
    assert_eq!(there.get("/console/photos").status, StatusCode::FORBIDDEN);

    let mut here = Console::new(&county.url());
    here.login("here", PASSWORD);
    let p = here.get(&format!("/console/cases/{case}"));
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("祁长顺"));
    assert!(!p.body.contains("19630404"), "ID numbers are masked");
    assert!(here.get("/console/cases").body.contains(&case));
    // The visit the warning rules raise on the phone shows in the township's warnings.
    assert!(!phone.my_visits().unwrap().is_empty());
    phone.sync(None).unwrap();
    let dashboard = here.get("/console").body;
    let row = dashboard
        .split("<tr>")
        .find(|r| r.contains(">370599101<"))
        .expect("the township's row");
    assert!(row.contains("<td>1</td>"), "{row}");
    assert!(
        county
            .audit_log()
            .iter()
            .any(|a| a.action == "view_case" && a.target == case)
    );
}

#[test]
fn a_retake_and_an_approval_made_in_the_console_reach_the_phone() {
    let county = TestCounty::start();
    county.publish_policy(1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let phone = county.officer_phone(dir.path(), "t-1", &["G01-1"]);
    phone.sync(None).unwrap();
    let (_, case, photo) = officer_case(&county, &phone);
    county.console_account("shenhe", "supervisor", &[COUNTY], PASSWORD);
    let mut c = Console::new(&county.url());
    assert_eq!(c.login("shenhe", PASSWORD).status, StatusCode::SEE_OTHER);

    // The photo waits for review, its thumbnail served to the supervisor.
    let p = c.get("/console/photos");
    assert!(p.body.contains(&photo), "{}", p.body);
    let thumb = p.body.split("/console/files/").nth(2).unwrap()[..64].to_string();
    assert_eq!(
        c.get(&format!("/console/files/{thumb}")).status,
        StatusCode::OK
    );
    let csrf = c.csrf.clone();
    // A retake without a reason is refused.
    let p = c.post(
        "/console/photos/review",
        &[
            ("csrf", &csrf),
            ("doc_id", &case),
            ("photo_id", &photo),
            ("decision", "retake_needed"),
            ("reason", ""),
        ],
    );
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    let p = c.post(
        "/console/photos/review",
        &[
            ("csrf", &csrf),
            ("doc_id", &case),
            ("photo_id", &photo),
            ("decision", "retake_needed"),
            ("reason", "签字不清楚，请重拍"),
        ],
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    phone.sync(None).unwrap();
    let owed = phone.retakes_owed().unwrap();
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0].review_reason, "签字不清楚，请重拍");

    // The supervisor approves 1,500 元; a second approval is refused by the rule.
    let path = format!("/console/cases/{case}/events");
    let p = c.post(
        &path,
        &[
            ("csrf", &csrf),
            ("kind", "approved"),
            ("amount", "1,500.00"),
            ("note", "同意救助"),
        ],
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let p = c.post(
        &path,
        &[("csrf", &csrf), ("kind", "approved"), ("amount", "1500")],
    );
    assert_eq!(p.status, StatusCode::CONFLICT);
    let p = c.post(
        &path,
        &[("csrf", &csrf), ("kind", "payment"), ("amount", "12.345")],
    );
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    phone.sync(None).unwrap();
    let d = phone.case_detail(case.clone()).unwrap();
    assert_eq!(d.status, CaseStatus::Approved);
    let approval = d
        .events
        .iter()
        .find(|e| e.kind == CaseEventKind::Approved)
        .unwrap();
    assert_eq!(
        (approval.actor.as_str(), approval.amount_fen),
        ("shenhe", Some(150_000))
    );
    assert!(
        county
            .audit_log()
            .iter()
            .any(|a| a.action == "case_approved" && a.target == case)
    );
}
