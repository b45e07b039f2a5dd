//! Seeds a fictional county for demos: households and cases generated from the domain model
//! (every person invented, ID numbers built for the purpose), and enrollment codes for workers.

use chrono::{Duration, Utc};
use ruhu_domain::case::{
    AssistanceKind, Case, CaseEvent, CaseEventKind, CaseOrigin, CasePath, EmergencyEvent,
    EmergencyKind,
};
use ruhu_domain::money::Money;
use ruhu_domain::policy::CountyPolicy;
use ruhu_domain::sample::{self, SampleRng};
use ruhu_proto::v1::Role;

use crate::actor::county_actor;
use crate::db::Tx;
use crate::edit::county_create;
use crate::enroll::{self, Grant};
use crate::error::CountyError;

/// A demo worker and the enrollment code issued for them.
pub struct DemoWorker {
    /// Worker id.
    pub worker_id: String,
    /// Name.
    pub name: String,
    /// What they cover.
    pub scope: String,
    /// One-time enrollment code.
    pub code: String,
}

/// Seeds the county policy (the 东营 example numbers, for this county) and `households`
/// households (about one in five with a case) unless the store already has documents. Returns how many households exist afterwards. Run it in one `Appends`
/// transaction: a seed is all there or not at all.
pub fn seed(tx: &mut dyn Tx, county: &str, households: usize) -> Result<usize, CountyError> {
    let existing = tx.count_documents("household")?;
    if existing > 0 {
        return Ok(existing as usize);
    }
    let mut policy = CountyPolicy::dongying_example();
    policy.county_code = county.to_string();
    crate::policy::publish(tx, county, &policy)?;
    let actor = county_actor(tx)?;
    let mut rng = SampleRng::new(2026);
    let now = Utc::now();
    for i in 0..households {
        let h = sample::household(&mut rng, (i % 8) as u32, "county", now - Duration::days(30));
        county_create(tx, county, &h.id, &h, &actor)?;
        if i % 5 == 0 {
            let urgent = i % 15 == 0;
            let opened = now - Duration::hours((i % 50) as i64);
            let mut case = Case {
                id: rng.id(),
                household_id: h.id.clone(),
                county_code: county.to_string(),
                village_code: h.profile.address.village_code.clone(),
                grid_code: h.profile.address.grid_code.clone(),
                origin: if urgent {
                    CaseOrigin::Discovery
                } else {
                    CaseOrigin::Application
                },
                kind: if urgent {
                    AssistanceKind::Emergency
                } else {
                    AssistanceKind::Expenditure
                },
                path: if urgent {
                    CasePath::Urgent
                } else {
                    CasePath::Normal
                },
                opened_at: opened,
                opened_by: "county".into(),
                emergency: urgent.then(|| EmergencyEvent {
                    kind: *rng.pick(&[
                        EmergencyKind::Fire,
                        EmergencyKind::SuddenIllness,
                        EmergencyKind::TrafficAccident,
                    ]),
                    occurred_at: opened - Duration::hours(2),
                    description: "突发事件，家中主要劳动力无法务工".into(),
                    losses: Money::from_yuan(5_000 + rng.below(40_000) as i64),
                    expected_costs: Money::from_yuan(2_000 + rng.below(20_000) as i64),
                }),
                events: Vec::new(),
                evidence: Default::default(),
            };
            case.events.push(CaseEvent::new(
                &rng.id(),
                CaseEventKind::Accepted,
                opened + Duration::minutes(20),
                "county",
                "county",
            ));
            // Some ordinary cases are further along: visited by two people and reviewed by
            // the township, waiting for the county's decision.
            let age = (i % 50) as i64;
            if !urgent && i % 10 == 0 && age >= 3 {
                let mut visit = CaseEvent::new(
                    &rng.id(),
                    CaseEventKind::Investigated,
                    opened + Duration::hours(age / 3),
                    "county",
                    "county",
                );
                visit.investigators = vec!["t-001".into(), "w-001".into()];
                visit.note = "入户调查，家庭情况属实".into();
                case.events.push(visit);
                let mut review = CaseEvent::new(
                    &rng.id(),
                    CaseEventKind::PreliminaryReview,
                    opened + Duration::hours(2 * age / 3),
                    "county",
                    "county",
                );
                review.note = "符合临时救助条件，建议救助".into();
                case.events.push(review);
            }
            county_create(tx, county, &case.id.clone(), &case, &actor)?;
        }
    }
    Ok(households)
}

/// Issues enrollment codes for the demo's workers (one per grid of the first villages, and a
/// supervisor for the whole county).
pub fn workers(tx: &mut dyn Tx, county: &str) -> Result<Vec<DemoWorker>, CountyError> {
    let mut out = Vec::new();
    let people = [
        ("w-001", "李网格员", "G01-1"),
        ("w-002", "王网格员", "G02-1"),
        ("w-003", "赵协理员", "G03-1"),
    ];
    for (id, name, grid) in people {
        let grant = Grant {
            worker_id: id.into(),
            display_name: name.into(),
            role: Role::GridWorker,
            villages: vec![],
            grids: vec![grid.into()],
        };
        let code = enroll::issue_code(tx, &grant, Duration::days(7))?;
        out.push(DemoWorker {
            worker_id: id.into(),
            name: name.into(),
            scope: format!("网格 {grid}"),
            code,
        });
    }
    let grant = Grant {
        worker_id: "s-001".into(),
        display_name: "县民政局审核员".into(),
        role: Role::Supervisor,
        villages: vec![county.into()],
        grids: vec![],
    };
    let code = enroll::issue_code(tx, &grant, Duration::days(7))?;
    out.push(DemoWorker {
        worker_id: "s-001".into(),
        name: "县民政局审核员".into(),
        scope: format!("全县 {county}"),
        code,
    });
    Ok(out)
}

/// The demo's console accounts: a county admin and a township officer, with fresh passwords
/// printed at every start (the store keeps only their hashes).
pub fn console_logins(
    tx: &mut dyn Tx,
    county: &str,
) -> Result<Vec<(String, String, String)>, CountyError> {
    use crate::console::auth::{self, Role};
    let now = Utc::now().timestamp();
    let township = format!("{county}100");
    let people = [
        (
            "admin",
            "县民政局管理员",
            Role::CountyAdmin,
            county.to_string(),
            "县级管理员，全县",
        ),
        (
            "xiangzhen",
            "一乡镇经办人",
            Role::TownshipOfficer,
            township,
            "乡镇经办人，第一个乡镇",
        ),
    ];
    let mut out = Vec::new();
    for (user, name, role, scope, what) in people {
        let password = auth::random_token(6)?;
        if tx.account(user)?.is_some() {
            tx.set_password(user, &auth::hash_password(&password)?)?;
        } else {
            auth::create_account(tx, user, name, role, &[scope], &password, now)?;
        }
        out.push((user.to_string(), password, what.to_string()));
    }
    Ok(out)
}
