//! An enrolled phone turned hostile, over raw HTTP with hand-built automerge changes: case
//! steps it had no right to write (a self-approval recorded as the console's, backdated), a case
//! naming another township's household, another grid's photo listed by its hash, a colleague's
//! actor and next sequence number, the county's own actor. Each is refused or defused, the county
//! stays up, nothing of it is stored or sent on, and the honest phones keep syncing.//!
//! The forged case steps are in `steps`, what lies outside the phone's scope in `scope`, and
//! changes written under another device's actor in `actors`.

mod actors;
mod scope;
mod steps;

use chrono::Duration;
use reqwest::StatusCode;
use ruhu_core::RuhuStore;
use ruhu_core::enums::{
    AssistanceKind, CaseEventKind as K, CaseOrigin, CasePath, CaseStatus, PhotoKind, Relation, Sex,
};
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_core::records::{CaseEventInput, CaseInput};
use ruhu_domain::case::{Case, CaseEvent, CaseEventKind};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::imaging::sample::{camera_jpeg, scene};
use ruhu_domain::money::Money;
use ruhu_proto::Message;
use ruhu_proto::v1::{self, ErrorCode};
use ruhu_tests::attacker::{Answer, Attacker, Forged, healthy};
use ruhu_tests::{COUNTY, TestCounty, member, profile};

fn household(phone: &RuhuStore, grid: &str, name: &str) -> String {
    phone
        .create_household(
            profile(grid),
            vec![member(name, Relation::Head, Sex::Female, "1966-06-06")],
        )
        .unwrap()
}

/// A new ordinary 支出型 case of `household` applied for, recorded on `phone` (not synced).
fn application(phone: &RuhuStore, household: &str) -> String {
    phone
        .create_case(CaseInput {
            household_id: household.into(),
            origin: CaseOrigin::Application,
            kind: AssistanceKind::Expenditure,
            path: CasePath::Normal,
            opened_at_ms: None,
            emergency: None,
        })
        .unwrap()
}

/// An accepted ordinary case of `household`, recorded on an officer's phone and synced.
fn accepted_case(officer: &RuhuStore, household: &str) -> String {
    let case = application(officer, household);
    officer
        .append_case_event(case.clone(), CaseEventInput::new(K::Accepted))
        .unwrap();
    officer.sync(None).unwrap();
    case
}

fn message_of<T: ruhu_tests::attacker::Body>(a: &Answer<T>) -> String {
    a.refused_message()
}

/// The review's self-approval: approved 3,000 元, 公示 started and ended, paid, all signed
/// `actor`/`device`, dated from an hour before the acceptance.
fn self_approval(case: &Case, actor: &str, device: &str) -> Vec<CaseEvent> {
    let accepted = case
        .events
        .iter()
        .find(|e| e.kind == CaseEventKind::Accepted)
        .expect("accepted")
        .at;
    let at = |hours: i64| accepted - Duration::hours(1) + Duration::hours(hours);
    let mut approved = CaseEvent::new("forged-1", CaseEventKind::Approved, at(0), actor, device);
    approved.amount = Some(Money::from_fen(300_000));
    let started = CaseEvent::new(
        "forged-2",
        CaseEventKind::PublicityStarted,
        at(0) + Duration::minutes(1),
        actor,
        device,
    );
    let ended = CaseEvent::new(
        "forged-3",
        CaseEventKind::PublicityEnded,
        at(0) + Duration::minutes(2),
        actor,
        device,
    );
    let mut paid = CaseEvent::new(
        "forged-4",
        CaseEventKind::Payment,
        at(0) + Duration::minutes(3),
        actor,
        device,
    );
    paid.amount = Some(Money::from_fen(300_000));
    vec![approved, started, ended, paid]
}

/// Appends `events` to the county's copy of case `id`, written by the attacker's actor.
fn forged_steps(
    county: &TestCounty,
    attacker: &Attacker,
    id: &str,
    events: Vec<CaseEvent>,
) -> v1::DocumentChanges {
    let mut f = Forged::from_county(county, id, "case", attacker.actor.clone());
    f.edit(|doc| {
        let mut c: Case = document::read(doc).unwrap();
        c.events.extend(events);
        document::write(doc, &c).unwrap();
    });
    f.take()
}

/// A minimal console session: signs in and keeps the cookie.
struct Console {
    http: reqwest::blocking::Client,
    base: String,
    cookie: String,
}

impl Console {
    fn login(base: &str, user: &str, password: &str) -> Console {
        let http = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = http.get(format!("{base}/console/login")).send().unwrap();
        let cookies: Vec<String> = page
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_string())
            .collect();
        let body = page.text().unwrap();
        let i = body.find("name=\"csrf\" value=\"").unwrap() + 19;
        let csrf = body[i..i + body[i..].find('"').unwrap()].to_string();
        let r = http
            .post(format!("{base}/console/login"))
            .header("cookie", cookies.join("; "))
            .form(&[("username", user), ("password", password), ("csrf", &csrf)])
            .send()
            .unwrap();
        let mut cookie: Vec<String> = cookies;
        for c in r.headers().get_all("set-cookie") {
            let kv = c.to_str().unwrap().split(';').next().unwrap().to_string();
            let name = kv.split('=').next().unwrap().to_string();
            cookie.retain(|k| !k.starts_with(&format!("{name}=")));
            cookie.push(kv);
        }
        Console {
            http,
            base: base.into(),
            cookie: cookie.join("; "),
        }
    }

    fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .send()
            .unwrap();
        (r.status(), r.text().unwrap_or_default())
    }
}

const PASSWORD: &str = "山高水长-2026-夏";
