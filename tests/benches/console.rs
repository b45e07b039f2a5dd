//! Console render time with a large county: seeds `RUHU_CONSOLE_HOUSEHOLDS` households
//! (default 100,000; one in five with a case) into the county store the environment names,
//! signs in, and times the case queue (random pages, filters) and case pages over loopback
//! HTTP, printing p50 / p95 / max per page.

use std::time::Instant;

use automerge::ActorId;
use chrono::{Duration, Utc};
use ruhu_county::db::Access;
use ruhu_domain::case::{AssistanceKind, Case, CaseEvent, CaseEventKind, CaseOrigin, CasePath};
use ruhu_domain::document::{self, Content};
use ruhu_domain::sample::{self, SampleRng};
use ruhu_proto::v1;
use ruhu_tests::{COUNTY, TestCounty};

fn changes<T: Content>(id: &str, content: &T, actor: &ActorId) -> v1::DocumentChanges {
    let mut doc = document::create(content, actor.clone(), Utc::now()).expect("create");
    v1::DocumentChanges {
        document_id: id.into(),
        kind: T::KIND.code().into(),
        changes: doc
            .get_changes(&[])
            .into_iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    }
}

fn seed(county: &TestCounty, households: usize) -> Vec<String> {
    let actor = ActorId::random();
    let mut rng = SampleRng::new(7);
    let now = Utc::now();
    let mut case_ids = Vec::new();
    let mut batch = Vec::new();
    let flush = |batch: &mut Vec<v1::DocumentChanges>| {
        let docs = std::mem::take(batch);
        county
            .county
            .transaction(Access::Appends, move |tx, code| {
                // A refused document fails the seeding, as the whole request did before.
                ruhu_county::documents::store_documents(tx, None, code, &docs)?
                    .into_iter()
                    .try_for_each(|outcome| outcome.map(|_| ()))
            })
            .expect("seed batch");
    };
    for i in 0..households {
        let h = sample::household(&mut rng, (i % 40) as u32, "bench", now - Duration::days(40));
        batch.push(changes(&h.id, &h, &actor));
        if i % 5 == 0 {
            let opened = now - Duration::hours((i % 300) as i64);
            let mut c = Case {
                id: rng.id(),
                household_id: h.id.clone(),
                county_code: COUNTY.into(),
                village_code: h.profile.address.village_code.clone(),
                grid_code: h.profile.address.grid_code.clone(),
                origin: CaseOrigin::Application,
                kind: AssistanceKind::Expenditure,
                path: CasePath::Normal,
                opened_at: opened,
                opened_by: "bench".into(),
                emergency: None,
                events: Vec::new(),
                evidence: Default::default(),
            };
            c.events.push(CaseEvent::new(
                &rng.id(),
                CaseEventKind::Accepted,
                opened,
                "bench",
                "bench",
            ));
            batch.push(changes(&c.id, &c, &actor));
            case_ids.push(c.id);
        }
        if batch.len() >= 1000 {
            flush(&mut batch);
        }
    }
    flush(&mut batch);
    case_ids
}

struct Session {
    http: reqwest::blocking::Client,
    base: String,
    cookie: String,
}

fn sign_in(county: &TestCounty) -> Session {
    let password = "bench-password-2026";
    county.console_account("bench", "supervisor", &[COUNTY], password);
    let http = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let base = county.url();
    let r = http
        .get(format!("{base}/console/login"))
        .send()
        .expect("login page");
    let login_cookie = r.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("cookie value")
        .to_string();
    let csrf = login_cookie.split('=').nth(1).expect("token").to_string();
    let r = http
        .post(format!("{base}/console/login"))
        .header("cookie", &login_cookie)
        .form(&[
            ("username", "bench"),
            ("password", password),
            ("csrf", &csrf),
        ])
        .send()
        .expect("login");
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .expect("session cookie")
        .split(';')
        .next()
        .expect("value")
        .to_string();
    Session { http, base, cookie }
}

fn time(s: &Session, label: &str, paths: &[String]) {
    let mut ms: Vec<f64> = paths
        .iter()
        .map(|p| {
            let t = Instant::now();
            let r = s
                .http
                .get(format!("{}{p}", s.base))
                .header("cookie", &s.cookie)
                .send()
                .expect("page");
            assert_eq!(r.status(), 200, "{p}");
            r.bytes().expect("body");
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "  {label}: {} requests, p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        ms.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

fn main() {
    let households: usize = std::env::var("RUHU_CONSOLE_HOUSEHOLDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let county = TestCounty::start();
    let t = Instant::now();
    let cases = seed(&county, households);
    println!(
        "console render time on {}: {households} households and {} cases seeded in {:.0} s",
        ruhu_tests::backend_name(),
        cases.len(),
        t.elapsed().as_secs_f64()
    );
    let s = sign_in(&county);
    let mut rng = SampleRng::new(3);
    let pages = (cases.len() / 50).max(1) as u64;
    let queue: Vec<String> = (0..200)
        .map(|i| match i % 4 {
            0 => format!("/console/cases?page={}", rng.below(pages)),
            1 => "/console/cases?overdue=1".to_string(),
            2 => format!("/console/cases?village=3705991{:02}", rng.below(10)),
            _ => "/console/cases?status=accepted".to_string(),
        })
        .collect();
    time(&s, "case queue", &queue);
    let case_pages: Vec<String> = (0..200)
        .map(|_| {
            format!(
                "/console/cases/{}",
                cases[rng.below(cases.len() as u64) as usize]
            )
        })
        .collect();
    time(&s, "case page", &case_pages);
    time(&s, "dashboard", &vec!["/console".to_string(); 50]);
}
