//! The visit-task index: it follows the household's document, a store from before it is filled
//! on upgrade, and the record of what the warning rules looked at is forgotten on a change.

use super::*;
use ruhu_domain::warnings::{TaskStatus, Urgency, VisitTask, WarningKind};

fn task(h: &Household, id: &str) -> VisitTask {
    VisitTask {
        id: id.into(),
        household_id: h.id.clone(),
        grid_code: h.profile.address.grid_code.clone(),
        village_code: h.profile.address.village_code.clone(),
        kind: WarningKind::ReviewDue {
            due_on: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        },
        period: "2026".into(),
        member_id: None,
        reason: "该复核了".into(),
        urgency: Urgency::Normal,
        created_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        due_on: NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
        status: TaskStatus::Open,
    }
}

fn with_task(s: &Store, seed: u64, head: &str) -> (String, VisitTask) {
    let mut h = named(seed, head);
    let t = task(&h, &format!("t-{seed}"));
    h.visit_tasks.insert(t.id.clone(), t.clone());
    s.create(&h.id, &h, now()).unwrap();
    (h.id, t)
}

#[test]
fn the_index_lists_open_tasks_with_their_household_and_follows_every_edit() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    let (id, t) = with_task(&s, 1, "董春梅");
    let rows = s.open_visit_tasks(&[]).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].task.clone(), rows[0].head_name.as_str()),
        (t.clone(), "董春梅")
    );
    // Another grid's list does not hold it.
    assert!(s.open_visit_tasks(&["G99-9".into()]).unwrap().is_empty());
    assert_eq!(
        s.open_visit_tasks(std::slice::from_ref(&t.grid_code))
            .unwrap()
            .len(),
        1
    );

    s.update::<Household>(&id, "close", now(), |h| {
        let t = h.visit_tasks.get_mut("t-1").unwrap();
        t.complete("w1", now(), "已走访").unwrap();
        Ok(())
    })
    .unwrap();
    assert!(s.open_visit_tasks(&[]).unwrap().is_empty());
    let history = s.visit_history(&id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].status.code(), "done");
}

#[test]
fn a_store_from_before_the_index_is_filled_from_its_documents_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let (id, t) = {
        let s = open(&path, "w1");
        with_task(&s, 2, "邵立新")
    };
    {
        // Back to version 6, as an app release before the index left the file.
        let conn = ruhu_sqlite::open(
            &path,
            &KEY,
            ruhu_sqlite::Access::ReadWrite,
            std::time::Duration::from_secs(5),
        )
        .unwrap();
        conn.execute_batch(
            "DROP TABLE visit_tasks; DROP TABLE warning_checks; PRAGMA user_version = 6;",
        )
        .unwrap();
    }
    let s = Store::open(&path, &KEY).unwrap();
    let rows = s.open_visit_tasks(&[]).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].task, t);
    assert_eq!(s.visit_history(&id).unwrap(), vec![t]);
}

#[test]
fn what_the_rules_looked_at_is_forgotten_when_the_household_or_its_cases_change() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    let (a, _) = with_task(&s, 3, "柴淑英");
    let (b, _) = with_task(&s, 4, "景国华");
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let looked = |s: &Store, day: NaiveDate| {
        let mut seen = Vec::new();
        s.run_warning_rules(&[], day, now(), |h, _| {
            seen.push(h.id.clone());
            Ok::<_, StoreError>(Some(Vec::new()))
        })
        .unwrap();
        seen.sort();
        seen
    };
    let mut both = vec![a.clone(), b.clone()];
    both.sort();
    assert_eq!(looked(&s, today), both);
    assert!(looked(&s, today).is_empty());
    // A case opened for `b` changes what the rules see of it: only `b` is looked at again.
    let hb: Household = s.get(&b).unwrap();
    let case = super::urgent_case(&hb, now());
    s.create(&case.id.clone(), &case, now()).unwrap();
    assert_eq!(looked(&s, today), vec![b.clone()]);
    // An edit of `a`: only `a`.
    s.update::<Household>(&a, "edit", now(), |h| {
        h.profile.address.detail = "7组3号".into();
        Ok(())
    })
    .unwrap();
    assert_eq!(looked(&s, today), vec![a.clone()]);
    // The next day, everyone again.
    assert_eq!(looked(&s, today.succ_opt().unwrap()), both);
}

#[test]
fn a_wipe_leaves_no_row_in_any_table_but_the_device_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let s = open(&path, "w1");
    let (id, _) = with_task(&s, 5, "尹秀英");
    let h: Household = s.get(&id).unwrap();
    let case = super::urgent_case(&h, now());
    s.create(&case.id.clone(), &case, now()).unwrap();
    s.run_warning_rules(
        &[],
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        now(),
        |_, _| Ok::<_, StoreError>(Some(Vec::new())),
    )
    .unwrap();
    s.save_draft_field("household/new/1", "address.detail", "1组", now())
        .unwrap();
    s.wipe().unwrap();
    drop(s);
    let conn = ruhu_sqlite::open(
        &path,
        &KEY,
        ruhu_sqlite::Access::ReadOnly,
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    // Every table the schema has now or later, except the full-text index's own bookkeeping.
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'member_names_%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.contains(&"visit_tasks".to_string()), "{tables:?}");
    for table in tables.iter().filter(|t| *t != "settings") {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(rows, 0, "{table} after a wipe");
    }
    // Of the settings, only the device's identity stays (with the new actor it was given).
    let keys: Vec<String> = conn
        .prepare("SELECT key FROM settings ORDER BY key")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        keys.iter().all(|k| k == "device_id" || k == "actor"),
        "{keys:?}"
    );
}
