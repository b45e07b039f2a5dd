//! Drafts: kept field by field as typed, reopened exactly after the store is closed, refused
//! when hostile, and gone with a wipe.

use super::*;
use crate::drafts::{MAX_FIELDS, MAX_VALUE};

#[test]
fn a_draft_reopens_field_for_field_after_the_store_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phone.db");
    {
        let s = open(&path, "w1");
        s.save_draft_field("household/new/1", "members.0.name", "邢春", now())
            .unwrap();
        s.save_draft_field("household/new/1", "members.0.name", "邢春花", now())
            .unwrap();
        s.save_draft_field("household/new/1", "contact_phone", "", now())
            .unwrap();
        s.save_draft_field("case/c1/step", "note", "夜里两点送去米面", now())
            .unwrap();
    }
    let s = open(&path, "w1");
    assert_eq!(
        s.draft("household/new/1").unwrap(),
        vec![
            ("contact_phone".to_string(), String::new()),
            ("members.0.name".to_string(), "邢春花".to_string()),
        ]
    );
    let forms: Vec<(String, u32)> = s
        .drafts()
        .unwrap()
        .into_iter()
        .map(|d| (d.form, d.fields))
        .collect();
    assert_eq!(forms.len(), 2);
    assert!(forms.contains(&("household/new/1".into(), 2)));
    s.discard_draft("household/new/1").unwrap();
    assert!(s.draft("household/new/1").unwrap().is_empty());
    assert_eq!(s.drafts().unwrap().len(), 1);
}

#[test]
fn a_hostile_draft_is_refused_and_what_was_kept_stays() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("phone.db"), "w1");
    s.save_draft_field("f", "note", "已录入", now()).unwrap();
    let long = "字".repeat(MAX_VALUE + 1);
    for (form, field, value) in [
        ("f", "note", long.as_str()),
        ("", "note", "x"),
        ("f", " ", "x"),
        ("f", "a\u{0}b", "x"),
    ] {
        assert!(
            matches!(
                s.save_draft_field(form, field, value, now()),
                Err(StoreError::Invalid(_))
            ),
            "{form:?} {field:?}"
        );
    }
    for i in 1..MAX_FIELDS {
        s.save_draft_field("f", &format!("k{i}"), "1", now())
            .unwrap();
    }
    assert!(matches!(
        s.save_draft_field("f", "one-too-many", "1", now()),
        Err(StoreError::Invalid(_))
    ));
    // An existing field can still be changed at the limit.
    s.save_draft_field("f", "note", "改过", now()).unwrap();
    let kept = s.draft("f").unwrap();
    assert_eq!(kept.len(), MAX_FIELDS);
    assert!(kept.contains(&("note".to_string(), "改过".to_string())));
}

#[test]
fn a_wipe_forgets_every_draft() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("phone.db"), "w1");
    s.save_draft_field("household/new/1", "members.0.id_number", "370599", now())
        .unwrap();
    s.wipe().unwrap();
    assert!(s.drafts().unwrap().is_empty());
    assert!(s.draft("household/new/1").unwrap().is_empty());
}
