//! The FFI as the apps call it: form errors name fields and never echo personal data; lists
//! mask ID numbers; conflicts and bundles work end to end.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use ruhu_core::enums::*;
use ruhu_core::error::ApiError;
use ruhu_core::log::{LogLevel, LogSink, set_log_sink};
use ruhu_core::records::*;
use ruhu_core::{RuhuStore, check_id_number, parse_amount};
use ruhu_domain::id_number::IdNumber;
use ruhu_domain::member::Sex as DomainSex;

fn id(birth: &str, seq: u16, sex: DomainSex) -> String {
    let birth = NaiveDate::parse_from_str(birth, "%Y-%m-%d").unwrap();
    IdNumber::compose("370599", birth, seq, sex)
        .unwrap()
        .as_str()
        .to_string()
}

fn member(
    name: &str,
    relation: Relation,
    sex: Sex,
    birth: &str,
    id_number: Option<String>,
) -> MemberInput {
    MemberInput {
        id_number,
        chronic_illness: true,
        ..MemberInput::basic(name, relation, sex, birth)
    }
}

fn profile() -> HouseholdProfile {
    HouseholdProfile {
        county_code: "370599".into(),
        township_code: "370599101".into(),
        village_code: "370599101201".into(),
        village_name: "前进村".into(),
        grid_code: "G01-1".into(),
        address_detail: "5组2号".into(),
        contact_phone: "13800002222".into(),
        location: Some(GeoPoint {
            lat: 37.5,
            lon: 118.5,
            accuracy_m: 10.0,
        }),
        housing: Housing::OwnedUnsafe,
        categories: HardshipCategories {
            dibao: true,
            ..HardshipCategories::default()
        },
        already_assisted: true,
        poverty_registered: false,
        staff_relative: false,
    }
}

fn store(dir: &std::path::Path, name: &str) -> Arc<RuhuStore> {
    let s = RuhuStore::open(dir.join(name).to_string_lossy().into(), vec![3; 32]).unwrap();
    s.set_worker(WorkerProfile {
        county_code: "370599".into(),
        worker_id: format!("w-{name}"),
        display_name: "网格员".into(),
    })
    .unwrap();
    s
}

struct Collect(Mutex<Vec<String>>);

impl LogSink for Collect {
    fn log(&self, _level: LogLevel, target: String, message: String) {
        if let Ok(mut v) = self.0.lock() {
            v.push(format!("{target}: {message}"));
        }
    }
}

#[test]
fn form_errors_name_the_field_and_never_repeat_the_number_or_name() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "a.db");
    let mut bad = id("1965-01-02", 11, DomainSex::Male);
    let last = if bad.ends_with('0') { '1' } else { '0' };
    bad.pop();
    bad.push(last);
    let err = s
        .create_household(
            profile(),
            vec![member(
                "韩立新",
                Relation::Head,
                Sex::Male,
                "1965-01-02",
                Some(bad.clone()),
            )],
        )
        .unwrap_err();
    let ApiError::InvalidInput { problems } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems[0].field, "members.0.id_number");
    let text = format!("{err} {problems:?}");
    assert!(!text.contains(&bad) && !text.contains("韩立新"), "{text}");

    // A valid number whose sex digit disagrees with the form.
    let female = id("1965-01-02", 12, DomainSex::Female);
    let err = s
        .create_household(
            profile(),
            vec![member(
                "韩立新",
                Relation::Head,
                Sex::Male,
                "1965-01-02",
                Some(female),
            )],
        )
        .unwrap_err();
    assert!(
        matches!(err, ApiError::InvalidInput { ref problems } if problems[0].reason.contains("性别")),
        "{err:?}"
    );

    let err = s
        .create_household(
            profile(),
            vec![member(
                "韩立新",
                Relation::Head,
                Sex::Male,
                "2099-01-01",
                None,
            )],
        )
        .unwrap_err();
    assert!(
        matches!(err, ApiError::InvalidInput { ref problems } if problems[0].field.ends_with("birth_date"))
    );
    let err = s
        .set_economics(
            "nope".into(),
            EconomicsInput {
                wage_fen: -5,
                ..EconomicsInput::default()
            },
        )
        .unwrap_err();
    assert!(
        matches!(err, ApiError::InvalidInput { ref problems } if problems[0].field == "economics.income.wage")
    );
}

#[test]
fn an_unsaved_economics_form_adds_up_live_and_typed_amounts_are_read_by_the_core() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "econ");
    let typed = EconomicsInput {
        wage_fen: parse_amount("economics.wage".into(), "24,000".into()).unwrap(),
        farming_fen: parse_amount("economics.farming".into(), "¥6000.5".into()).unwrap(),
        medical_fen: parse_amount("economics.medical".into(), "3000元".into()).unwrap(),
        ..EconomicsInput::default()
    };
    assert_eq!(typed.farming_fen, 600_050);
    let preview = s.economics_preview(typed.clone(), 3).unwrap();
    assert_eq!(preview.summary.total_income_fen, 3_000_050);
    // 30,000.50 元 / 12 / 3 = 833.34… 元, rounded down to the 分.
    assert_eq!(preview.summary.per_capita_monthly_income_fen, 83_334);
    assert_eq!(
        preview.summary.per_capita_monthly_after_expenditure_fen,
        75_001
    );
    // No county policy before the first sync: no line to compare with, and no verdict.
    assert_eq!(preview.dibao_monthly_per_person_fen, None);
    assert_eq!(preview.below_dibao, None);
    // Nobody present: no per-capita figure.
    assert_eq!(
        s.economics_preview(typed, 0)
            .unwrap()
            .summary
            .per_capita_monthly_income_fen,
        0
    );

    for (text, reason) in [("-5", "负数"), ("12.345", "两位小数"), ("十块", "数字")] {
        let err = parse_amount("economics.wage".into(), text.into()).unwrap_err();
        assert!(
            matches!(err, ApiError::InvalidInput { ref problems }
                if problems[0].field == "economics.wage" && problems[0].reason.contains(reason)),
            "{text}: {err:?}"
        );
    }
    let err = s
        .economics_preview(
            EconomicsInput {
                deposits_fen: -1,
                ..EconomicsInput::default()
            },
            2,
        )
        .unwrap_err();
    assert!(
        matches!(err, ApiError::InvalidInput { ref problems } if problems[0].field.starts_with("economics."))
    );
}

#[test]
fn lists_mask_id_numbers_and_details_keep_them_for_editing() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path(), "a.db");
    let number = id("1958-07-30", 21, DomainSex::Female);
    let h = s
        .create_household(
            profile(),
            vec![member(
                "蒋秀英",
                Relation::Head,
                Sex::Female,
                "1958-07-30",
                Some(number.clone()),
            )],
        )
        .unwrap();
    let rows = s
        .search_households(HouseholdQuery {
            text: "jxy".into(),
            limit: 10,
            ..HouseholdQuery::default()
        })
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!format!("{rows:?}").contains(&number));
    assert!(rows[0].head_id_masked.ends_with(&number[14..]));
    let detail = s.household(h).unwrap();
    assert_eq!(
        detail.members[0].member.id_number.as_deref(),
        Some(number.as_str())
    );
    assert_eq!(
        check_id_number(number.to_lowercase()).unwrap().birth_date,
        "1958-07-30"
    );
}

#[test]
fn a_member_added_on_each_phone_and_one_field_typed_twice_merge_with_one_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let sink = Arc::new(Collect(Mutex::new(Vec::new())));
    set_log_sink(sink.clone(), LogLevel::Debug);
    let a = store(dir.path(), "a.db");
    let b = store(dir.path(), "b.db");
    let h = a
        .create_household(
            profile(),
            vec![member(
                "沈国强",
                Relation::Head,
                Sex::Male,
                "1960-02-02",
                None,
            )],
        )
        .unwrap();
    b.import_bundle(a.export_bundle(vec![h.clone()]).unwrap())
        .unwrap();

    a.add_member(
        h.clone(),
        member("沈小明", Relation::Child, Sex::Male, "1990-02-02", None),
    )
    .unwrap();
    b.add_member(
        h.clone(),
        member("沈小红", Relation::Child, Sex::Female, "1992-02-02", None),
    )
    .unwrap();
    a.set_economics(
        h.clone(),
        EconomicsInput {
            pension_fen: 120_000,
            ..EconomicsInput::default()
        },
    )
    .unwrap();
    b.set_economics(
        h.clone(),
        EconomicsInput {
            pension_fen: 150_000,
            ..EconomicsInput::default()
        },
    )
    .unwrap();
    let to_b = a.export_bundle(vec![h.clone()]).unwrap();
    a.import_bundle(b.export_bundle(vec![h.clone()]).unwrap())
        .unwrap();
    b.import_bundle(to_b).unwrap();

    for s in [&a, &b] {
        let d = s.household(h.clone()).unwrap();
        assert_eq!(d.members.len(), 3);
        assert_eq!(d.conflicts.len(), 1);
        assert_eq!(d.conflicts[0].label, "养老金");
    }
    let c = &a.conflicts(None).unwrap()[0];
    let chosen = c.values.iter().find(|v| v.value_json == "150000").unwrap();
    a.settle_conflict(
        c.document_id.clone(),
        c.path.clone(),
        chosen.value_json.clone(),
    )
    .unwrap();
    assert!(matches!(
        a.settle_conflict(
            c.document_id.clone(),
            c.path.clone(),
            chosen.value_json.clone()
        ),
        Err(ApiError::NotFound { .. })
    ));
    b.import_bundle(a.export_bundle(vec![h.clone()]).unwrap())
        .unwrap();
    assert!(b.conflicts(None).unwrap().is_empty());
    assert_eq!(b.household(h).unwrap().economics.pension_fen, 150_000);

    let logs = sink.0.lock().unwrap().clone();
    assert!(logs.iter().any(|l| l.contains("import_bundle")), "{logs:?}");
    assert!(
        !logs.iter().any(|l| l.contains("沈")),
        "a log record carried a name"
    );
}

#[test]
fn two_approvals_recorded_offline_show_as_an_event_conflict_after_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    let a = store(dir.path(), "a.db");
    let b = store(dir.path(), "b.db");
    let h = a
        .create_household(
            profile(),
            vec![member(
                "杨春梅",
                Relation::Head,
                Sex::Female,
                "1975-03-03",
                None,
            )],
        )
        .unwrap();
    let case = a
        .create_case(CaseInput {
            household_id: h,
            origin: CaseOrigin::Application,
            kind: AssistanceKind::Expenditure,
            path: CasePath::Normal,
            opened_at_ms: None,
            emergency: None,
        })
        .unwrap();
    let event = CaseEventInput::new;
    a.append_case_event(case.clone(), event(CaseEventKind::Accepted))
        .unwrap();
    b.import_bundle(a.export_bundle(vec![case.clone()]).unwrap())
        .unwrap();
    a.append_case_event(case.clone(), event(CaseEventKind::Approved))
        .unwrap();
    b.append_case_event(case.clone(), event(CaseEventKind::Approved))
        .unwrap();
    a.import_bundle(b.export_bundle(vec![case.clone()]).unwrap())
        .unwrap();

    let d = a.case_detail(case.clone()).unwrap();
    assert_eq!(d.events.len(), 3);
    assert_eq!(d.status, CaseStatus::Approved);
    assert_eq!(d.events.iter().filter(|e| e.conflict.is_some()).count(), 1);
    let listed = a
        .list_cases(CaseQuery {
            open_only: true,
            limit: 10,
            ..CaseQuery::default()
        })
        .unwrap();
    assert_eq!(listed[0].conflicts, 1);

    let err = a.append_case_event(case, CaseEventInput::new(CaseEventKind::Payment));
    assert!(
        matches!(err, Err(ApiError::InvalidInput { ref problems }) if problems[0].field == "amount")
    );
}
