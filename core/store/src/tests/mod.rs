//! Store behaviour: encryption at rest, damaged files, search and lists, compaction, threads.

use crate::faults::Missing;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::path::Path;

use super::*;
use ruhu_domain::case::{
    AssistanceKind, Case, CaseOrigin, CasePath, EmergencyEvent, EmergencyKind,
};
use ruhu_domain::household::Household;
use ruhu_domain::member::{Relation, Sex};
use ruhu_domain::money::Money;
use ruhu_domain::sample::{self, SampleRng};

pub(super) const KEY: [u8; 32] = [7; 32];

pub(super) fn now() -> DateTime<Utc> {
    Utc::now()
}

pub(super) fn profile(worker: &str) -> WorkerProfile {
    WorkerProfile {
        county_code: sample::COUNTY_CODE.into(),
        worker_id: worker.into(),
        display_name: "网格员".into(),
    }
}

pub(super) fn open(path: &Path, worker: &str) -> Store {
    let s = Store::open(path, &KEY).unwrap();
    s.set_profile(&profile(worker)).unwrap();
    s
}

pub(super) fn named(seed: u64, head: &str) -> Household {
    let mut rng = SampleRng::new(seed);
    let mut h = sample::household(&mut rng, 2, "w1", now());
    let birth = NaiveDate::from_ymd_opt(1970, 3, 9).unwrap();
    let mut m = sample::member(&mut rng, Relation::Head, Sex::Male, birth);
    m.name = head.into();
    h.members.retain(|_, m| m.relation != Relation::Head);
    h.members.insert(format!("head-{seed}"), m);
    h
}

fn ids(rows: &[HouseholdRow]) -> Vec<String> {
    let mut v: Vec<_> = rows.iter().map(|r| r.head_name.clone()).collect();
    v.sort();
    v
}

pub(super) fn search(s: &Store, q: &str) -> Vec<String> {
    ids(&s
        .households(
            &HouseholdFilter {
                query: q.into(),
                limit: 50,
                ..Default::default()
            },
            now(),
        )
        .unwrap())
}

#[test]
fn the_file_reveals_no_name_or_id_number_without_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ruhu.db");
    let h = named(1, "欧阳春花");
    let id = h
        .members
        .values()
        .find_map(|m| m.id_number.clone())
        .unwrap();
    {
        let s = open(&path, "w1");
        s.create(&h.id, &h, now()).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    if let Ok(wal) = std::fs::read(dir.path().join("ruhu.db-wal")) {
        bytes.extend(wal);
    }
    let find = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!find("欧阳春花".as_bytes()));
    assert!(!find(id.as_str().as_bytes()));
    assert!(!find(b"SQLite format 3"));
}

#[test]
fn a_wrong_key_is_refused_and_the_file_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ruhu.db");
    drop(open(&path, "w1"));
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(
        Store::open(&path, &[8; 32]),
        Err(StoreError::Unreadable)
    ));
    assert!(matches!(
        Store::open(&path, &[8; 5]),
        Err(StoreError::BadKey)
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(Store::open(&path, &KEY).is_ok());
}

#[test]
fn a_truncated_or_scrambled_store_is_reported_and_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ruhu.db");
    {
        let s = open(&path, "w1");
        let h = named(3, "李四");
        s.create(&h.id, &h, now()).unwrap();
    }
    assert!(
        !dir.path().join("ruhu.db-wal").exists(),
        "closing checkpoints the log"
    );
    let full = std::fs::read(&path).unwrap();
    std::fs::write(&path, &full[..1000]).unwrap();
    let r = Store::open(&path, &KEY);
    assert!(matches!(r, Err(StoreError::Unreadable)), "{:?}", r.err());
    assert_eq!(std::fs::read(&path).unwrap().len(), 1000);

    let mut scrambled = full.clone();
    for b in &mut scrambled[100..200] {
        *b ^= 0x5a;
    }
    std::fs::write(&path, &scrambled).unwrap();
    assert!(matches!(
        Store::open(&path, &KEY),
        Err(StoreError::Unreadable)
    ));
    assert_eq!(std::fs::read(&path).unwrap(), scrambled);
}

#[test]
fn names_are_found_by_substring_pinyin_initials_and_id_suffix() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    for (seed, name) in [(10, "张三丰"), (11, "张小三"), (12, "李四"), (13, "曾红")] {
        let h = named(seed, name);
        s.create(&h.id, &h, now()).unwrap();
    }
    assert_eq!(search(&s, "张三"), ["张三丰"]);
    assert_eq!(search(&s, "三"), ["张三丰", "张小三"]);
    assert_eq!(search(&s, "zs"), ["张三丰"]);
    assert_eq!(search(&s, "zhangsan"), ["张三丰"]);
    assert_eq!(search(&s, "sanfeng"), ["张三丰"]);
    assert_eq!(search(&s, "ZX"), ["张小三"]);
    assert_eq!(search(&s, "zenghong"), ["曾红"]);
    assert!(search(&s, "wangwu").is_empty());

    let h = named(12, "李四");
    let suffix = h.members["head-12"]
        .id_number
        .as_ref()
        .unwrap()
        .suffix(4)
        .to_string();
    assert!(search(&s, &suffix).contains(&"李四".to_string()));
    let rows = s
        .households(
            &HouseholdFilter {
                query: suffix,
                limit: 5,
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let masked = &rows
        .iter()
        .find(|r| r.head_name == "李四")
        .unwrap()
        .head_id_masked;
    assert!(masked.contains("****") && !masked.contains("1970"));
}

pub(super) fn urgent_case(h: &Household, opened: DateTime<Utc>) -> Case {
    Case {
        id: uuid::Uuid::new_v4().to_string(),
        household_id: h.id.clone(),
        county_code: h.profile.address.county_code.clone(),
        village_code: h.profile.address.village_code.clone(),
        grid_code: h.profile.address.grid_code.clone(),
        origin: CaseOrigin::Discovery,
        kind: AssistanceKind::Emergency,
        path: CasePath::Urgent,
        opened_at: opened,
        opened_by: "w1".into(),
        emergency: Some(EmergencyEvent {
            kind: EmergencyKind::Fire,
            occurred_at: opened,
            description: "厨房起火".into(),
            losses: Money::from_yuan(30_000),
            expected_costs: Money::from_yuan(8_000),
        }),
        events: vec![],
        evidence: Default::default(),
    }
}

#[test]
fn lists_filter_by_village_category_open_case_and_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    let mut a = named(20, "赵一");
    let mut b = named(21, "钱二");
    let mut c = named(22, "孙三");
    a.profile.categories.dibao = true;
    b.profile.categories.dibao = false;
    c.profile.categories.dibao = false;
    for h in [&a, &b, &c] {
        s.create(&h.id, h, now()).unwrap();
    }
    s.create(
        "case-b",
        &Case {
            id: "case-b".into(),
            ..urgent_case(&b, now() - Duration::hours(30))
        },
        now(),
    )
    .unwrap();
    s.create(
        "case-c",
        &Case {
            id: "case-c".into(),
            ..urgent_case(&c, now() - Duration::hours(1))
        },
        now(),
    )
    .unwrap();

    let list = |f: HouseholdFilter| {
        ids(&s
            .households(&HouseholdFilter { limit: 50, ..f }, now())
            .unwrap())
    };
    assert_eq!(
        list(HouseholdFilter {
            category: Some("dibao".into()),
            ..Default::default()
        }),
        ["赵一"]
    );
    assert_eq!(
        list(HouseholdFilter {
            open_case_only: true,
            ..Default::default()
        }),
        ["孙三", "钱二"]
    );
    assert_eq!(
        list(HouseholdFilter {
            overdue_only: true,
            ..Default::default()
        }),
        ["钱二"]
    );
    let village = a.profile.address.village_code.clone();
    assert_eq!(
        list(HouseholdFilter {
            village_code: Some(village),
            ..Default::default()
        })
        .len(),
        3
    );
    assert!(
        list(HouseholdFilter {
            village_code: Some("370599999999".into()),
            ..Default::default()
        })
        .is_empty()
    );

    let overdue = s
        .cases(
            &CaseFilter {
                overdue_only: true,
                limit: 10,
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(
        overdue.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["case-b"]
    );
}

#[test]
fn many_edits_are_compacted_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    let h = named(30, "周五");
    s.create(&h.id, &h, now()).unwrap();
    for i in 1..=100 {
        s.update::<Household>(&h.id, "edit", now(), |h| {
            h.economics.income.wage = Money::from_yuan(i);
            Ok(())
        })
        .unwrap();
    }
    let chunks: i64 = s
        .read(|c| Ok(c.query_row("SELECT count(*) FROM doc_chunks", [], |r| r.get(0))?))
        .unwrap();
    assert!(chunks < 32, "{chunks} chunks");
    drop(s);
    let s = Store::open(&dir.path().join("s.db"), &KEY).unwrap();
    let back: Household = s.get(&h.id).unwrap();
    assert_eq!(back.economics.income.wage, Money::from_yuan(100));
}

#[test]
fn a_failed_edit_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    let h = named(31, "吴六");
    s.create(&h.id, &h, now()).unwrap();
    let err = s.update::<Household>(&h.id, "edit", now(), |h| {
        h.economics.debts = Money::from_yuan(5);
        Err(StoreError::NotFound(Missing::Member))
    });
    assert!(err.is_err());
    assert_eq!(
        s.get::<Household>(&h.id).unwrap().economics.debts,
        h.economics.debts
    );
}

#[test]
fn readers_and_the_writer_work_from_many_threads_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = std::sync::Arc::new(open(&dir.path().join("s.db"), "w1"));
    let h = named(60, "陈九");
    s.create(&h.id, &h, now()).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let s = s.clone();
            let id = h.id.clone();
            std::thread::spawn(move || {
                for i in 0..20 {
                    if t % 2 == 0 {
                        s.update::<Household>(&id, "edit", now(), |h| {
                            h.economics.assets.deposits = Money::from_yuan(t * 100 + i);
                            Ok(())
                        })
                        .unwrap();
                    } else {
                        assert_eq!(search(&s, "cj"), ["陈九"]);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(search(&s, "陈九"), ["陈九"]);
}

mod bundles;
mod drafts;
mod full;
mod sync;
mod visits;
