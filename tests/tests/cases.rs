//! The county policy and the visits it raises, between a county store and phones over loopback:
//! the policy is published at the county only, validated and versioned, and reaches every
//! phone of the county; a household under the 低保 line becomes a visit for its grid worker,
//! and the worker's answer reaches the county.

use automerge::ActorId;
use ruhu_core::enums::{Relation, Sex, Urgency};
use ruhu_core::error::ApiError;
use ruhu_core::records::EconomicsInput;
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::policy::CountyPolicy;
use ruhu_domain::warnings::TaskStatus;
use ruhu_engine::client::CountyClient;
use ruhu_proto::v1::{self, ErrorCode};
use ruhu_tests::{COUNTY, TestCounty, first_request, member, profile};

#[test]
fn the_county_policy_reaches_every_phone_and_only_the_county_publishes_it() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = county.phone(dir.path(), "w-p", &["G01-1"]);
    assert_eq!(phone.county_policy().unwrap(), None);

    assert_eq!(county.publish_policy(1).unwrap(), 1);
    phone.sync(None).unwrap();
    let p = phone.county_policy().unwrap().expect("policy received");
    assert_eq!(p.version, 1);
    assert_eq!(p.dibao_monthly_per_person_fen, 100_000);
    assert_eq!(p.yearly_ceiling_fen, 20_000_000);
    assert_eq!(p.case_by_case_over_fen, 5_000_000);

    // Versions only count up; a policy with a gap is refused by name; nothing changes.
    let again = county.publish_policy(1).unwrap_err();
    assert_eq!(again.code, ErrorCode::InvalidContent);
    assert!(again.message.contains("not newer"), "{}", again.message);
    let mut broken = CountyPolicy::dongying_example();
    broken.county_code = COUNTY.into();
    broken.version = 2;
    broken.deadlines.clear();
    let err = county.publish(&broken).unwrap_err();
    assert!(err.message.contains("missing_deadline"), "{}", err.message);
    let mut other = CountyPolicy::dongying_example();
    other.version = 2;
    other.county_code = "370600".into();
    assert!(
        county
            .publish(&other)
            .unwrap_err()
            .message
            .contains("370600")
    );

    // A newer version replaces the old one on the phone.
    let mut raised = CountyPolicy::dongying_example();
    raised.county_code = COUNTY.into();
    raised.version = 2;
    raised.dibao_monthly_per_person = ruhu_domain::money::Money::from_yuan(1_050);
    county.publish(&raised).unwrap();
    phone.sync(None).unwrap();
    let p = phone.county_policy().unwrap().unwrap();
    assert_eq!((p.version, p.dibao_monthly_per_person_fen), (2, 105_000));

    // A device writing to the policy document is refused, whoever it claims to be.
    let client = CountyClient::new(&county.url()).unwrap();
    let enrolled = client
        .enroll(&county.code("w-q", &["G01-1"]), "probe", &[])
        .unwrap();
    let actor = ActorId::from(enrolled.actor_id.as_slice());
    let mut doc = county
        .document(&document::policy_id(COUNTY))
        .with_actor(actor);
    let heads = doc.get_heads();
    let mut p: CountyPolicy = document::read(&doc).unwrap();
    p.yearly_ceiling_per_household = ruhu_domain::money::Money::from_yuan(900_000);
    document::write(&mut doc, &p).unwrap();
    document::commit(&mut doc, "raise ceiling", chrono::Utc::now());
    let forged = v1::DocumentChanges {
        document_id: document::policy_id(COUNTY),
        kind: "policy".into(),
        changes: doc
            .get_changes(&heads)
            .iter()
            .map(|c| c.raw_bytes().to_vec())
            .collect(),
    };
    let (resp, _, _) = client
        .sync(&enrolled.token, &first_request(vec![forged]))
        .unwrap();
    assert_eq!(
        ruhu_tests::refusals::refused_one(&resp),
        ErrorCode::OutOfScope
    );
    let held: CountyPolicy =
        document::read(&county.document(&document::policy_id(COUNTY))).unwrap();
    assert_eq!(held.yearly_ceiling_per_household.fen(), 20_000_000);
}

#[test]
fn a_household_under_the_dibao_line_becomes_a_visit_for_its_grid_worker() {
    let county = TestCounty::start();
    county.publish_policy(1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let phone = county.phone(dir.path(), "w-v", &["G01-1"]);
    phone.sync(None).unwrap();

    let poor = phone
        .create_household(
            profile("G01-1"),
            vec![
                member("郝春兰", Relation::Head, Sex::Female, "1958-03-03"),
                member("郝小川", Relation::Grandchild, Sex::Male, "2015-09-09"),
            ],
        )
        .unwrap();
    // 9,600 元 a year for two people: 400 元 a month each, under the 1,000 元 line.
    phone
        .set_economics(
            poor.clone(),
            EconomicsInput {
                farming_fen: 960_000,
                ..Default::default()
            },
        )
        .unwrap();
    let comfortable = phone
        .create_household(
            profile("G01-1"),
            vec![member("钱立新", Relation::Head, Sex::Male, "1975-05-05")],
        )
        .unwrap();
    phone
        .set_economics(
            comfortable.clone(),
            EconomicsInput {
                wage_fen: 9_600_000,
                ..Default::default()
            },
        )
        .unwrap();

    let visits = phone.my_visits().unwrap();
    let mine: Vec<_> = visits.iter().filter(|v| v.household_id == poor).collect();
    assert_eq!(mine.len(), 1, "{visits:?}");
    assert_eq!(mine[0].kind, "income_below_dibao");
    assert_eq!(mine[0].urgency, Urgency::High);
    assert!(!visits.iter().any(|v| v.household_id == comfortable));
    // Asking again raises nothing twice.
    assert_eq!(phone.my_visits().unwrap(), visits);

    // Dismissing needs a reason; the refusal changes nothing.
    let task = mine[0].id.clone();
    let err = phone
        .close_visit_task(poor.clone(), task.clone(), false, " ".into())
        .unwrap_err();
    assert!(matches!(err, ApiError::InvalidInput { .. }), "{err:?}");
    assert_eq!(phone.my_visits().unwrap(), visits);
    phone
        .close_visit_task(
            poor.clone(),
            task.clone(),
            true,
            "已入户，建议申请低保".into(),
        )
        .unwrap();
    assert!(!phone.my_visits().unwrap().iter().any(|v| v.id == task));
    assert!(matches!(
        phone.close_visit_task(poor.clone(), task.clone(), true, String::new()),
        Err(ApiError::InvalidInput { .. })
    ));

    // The county holds the visit and its outcome after the sync.
    phone.sync(None).unwrap();
    let held: Household = document::read(&county.document(&poor)).unwrap();
    let t = &held.visit_tasks[&task];
    assert!(
        matches!(&t.status, TaskStatus::Done { by, .. } if by == "w-v"),
        "{:?}",
        t.status
    );
}

fn urgent_case(phone: &ruhu_core::RuhuStore, household: &str) -> String {
    use ruhu_core::enums::{AssistanceKind, CaseOrigin, CasePath, EmergencyKind};
    use ruhu_core::records::{CaseInput, EmergencyInput};
    phone
        .create_case(CaseInput {
            household_id: household.into(),
            origin: CaseOrigin::Discovery,
            kind: AssistanceKind::Emergency,
            path: CasePath::Urgent,
            opened_at_ms: None,
            emergency: Some(EmergencyInput {
                kind: EmergencyKind::Fire,
                occurred_at_ms: chrono::Utc::now().timestamp_millis() - 3_600_000,
                description: "厨房起火，房屋部分烧毁".into(),
                losses_fen: 3_000_000,
                expected_costs_fen: 1_000_000,
            }),
        })
        .unwrap()
}

fn advance_aid(fen: i64) -> ruhu_core::records::CaseEventInput {
    use ruhu_core::enums::CaseEventKind;
    use ruhu_core::records::CaseEventInput;
    CaseEventInput {
        amount_fen: Some(fen),
        note: "现金先行救助".into(),
        ..CaseEventInput::new(CaseEventKind::AdvanceAid)
    }
}

#[test]
fn two_offline_devices_paying_one_household_past_its_ceiling_raise_a_flag_at_the_county() {
    use ruhu_core::enums::CaseEventKind;
    let county = TestCounty::start();
    // A county whose yearly ceiling is as low as its tiers allow.
    use ruhu_domain::case::AssistanceKind as K;
    let mut policy = CountyPolicy::dongying_example();
    policy.county_code = COUNTY.into();
    let ceiling = policy
        .most_a_tier_pays(K::Emergency)
        .unwrap()
        .fen()
        .max(policy.most_a_tier_pays(K::Expenditure).unwrap().fen());
    policy.yearly_ceiling_per_household = ruhu_domain::money::Money::from_fen(ceiling);
    // Each phone pays 60% of it.
    let pay = ceiling * 3 / 5;
    county.publish(&policy).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = county.officer_phone(dir.path(), "t-a", &["G01-1"]);
    let b = county.officer_phone(dir.path(), "t-b", &["G01-1"]);
    let h = a
        .create_household(
            profile("G01-1"),
            vec![member("房秋菊", Relation::Head, Sex::Female, "1969-10-10")],
        )
        .unwrap();
    a.sync(None).unwrap();
    b.sync(None).unwrap();

    // The county sees the 24-hour clock of a new urgent case, then the materials clock.
    let first = urgent_case(&a, &h);
    a.sync(None).unwrap();
    let clock_of = |id: &str| {
        county
            .case_clocks()
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.clock)
    };
    assert_eq!(clock_of(&first).as_deref(), Some("advance_aid_urgent"));
    a.append_case_event(first.clone(), advance_aid(pay))
        .unwrap();
    a.sync(None).unwrap();
    assert_eq!(
        clock_of(&first).as_deref(),
        Some("materials_after_advance_aid")
    );
    // On one phone the second payment that would pass the ceiling is refused by name.
    let err = a
        .append_case_event(urgent_case(&a, &h), advance_aid(pay))
        .unwrap_err();
    assert!(
        matches!(&err, ApiError::CaseRuleBroken { rule, .. } if rule == "ceiling_exceeded"),
        "{err:?}"
    );
    // Phone B, offline, knows nothing of A's payment and pays the same on a case of its own.
    let second = urgent_case(&b, &h);
    b.append_case_event(second, advance_aid(pay)).unwrap();
    assert!(county.case_flags(&h).is_empty());
    a.sync(None).unwrap();
    assert!(county.case_flags(&h).is_empty(), "A alone stays within");
    // A grid worker may not approve.
    let worker = county.phone(dir.path(), "w-g", &["G01-1"]);
    worker.sync(None).unwrap();
    let err = worker
        .append_case_event(
            first.clone(),
            ruhu_core::records::CaseEventInput::new(CaseEventKind::Approved),
        )
        .unwrap_err();
    assert!(
        matches!(&err, ApiError::CaseRuleBroken { rule, .. } if rule == "role_may_not"),
        "{err:?}"
    );

    b.sync(None).unwrap();
    let flags = county.case_flags(&h);
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0].kind, "ceiling");
    let over = ruhu_domain::money::Money::from_fen(2 * pay - ceiling);
    assert!(
        flags[0].detail.contains(&format!("超出 {over}")),
        "{}",
        flags[0].detail
    );

    // The case screen shows its clocks under the county policy.
    let d = a.case_detail(first).unwrap();
    assert_eq!(d.policy_version, Some(1));
    assert!(
        d.clocks
            .iter()
            .any(|c| c.clock == "materials_after_advance_aid"),
        "{:?}",
        d.clocks
    );
    assert!(d.allowed_actions.contains(&CaseEventKind::Accepted));
}

/// Found by the fault schedules (seed 1): a phone that had not received the county's policy
/// skipped every case rule, recorded a 反馈 on a case nobody had accepted, and the county, which
/// judges by the example policy until one is published, refused it at the next sync.
#[test]
fn a_phone_without_the_county_policy_refuses_the_steps_the_county_would_refuse() {
    use ruhu_core::enums::CaseEventKind;
    use ruhu_core::records::CaseEventInput;
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = county.phone(dir.path(), "w-np", &["G01-1"]);
    phone.sync(None).unwrap();
    assert!(
        phone.county_policy().unwrap().is_none(),
        "no policy published"
    );
    let h = phone
        .create_household(
            profile("G01-1"),
            vec![member("柏秀云", Relation::Head, Sex::Female, "1966-06-16")],
        )
        .unwrap();
    let case = urgent_case(&phone, &h);
    let err = phone
        .append_case_event(
            case.clone(),
            CaseEventInput {
                note: "已电话告知".into(),
                ..CaseEventInput::new(CaseEventKind::Feedback)
            },
        )
        .unwrap_err();
    assert!(
        matches!(&err, ApiError::CaseRuleBroken { rule, .. } if rule == "not_accepted"),
        "{err:?}"
    );
    // A grid worker may not accept a case either, as the county would say.
    let err = phone
        .append_case_event(case.clone(), CaseEventInput::new(CaseEventKind::Accepted))
        .unwrap_err();
    assert!(
        matches!(&err, ApiError::CaseRuleBroken { rule, .. } if rule == "role_may_not"),
        "{err:?}"
    );
    // Once a supervisor accepted it, the worker's 反馈 is recorded and the county takes it.
    phone.sync(None).unwrap();
    let supervisor = county.supervisor_phone(dir.path(), "s-np");
    supervisor.sync(None).unwrap();
    supervisor
        .append_case_event(case.clone(), CaseEventInput::new(CaseEventKind::Accepted))
        .unwrap();
    supervisor.sync(None).unwrap();
    phone.sync(None).unwrap();
    phone
        .append_case_event(
            case,
            CaseEventInput {
                note: "已电话告知".into(),
                ..CaseEventInput::new(CaseEventKind::Feedback)
            },
        )
        .unwrap();
    phone.sync(None).unwrap();
    assert!(phone.refused_documents().unwrap().is_empty());
}
