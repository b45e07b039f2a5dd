//! Applying sync answers: changes whose dependencies are missing are kept aside, never an
//! error, and apply once the document arrives whole; refused documents are held back; an
//! answer from a county restored from a backup has everything sent again.

use automerge::{ActorId, Change};
use ruhu_proto::v1;

use super::*;
use ruhu_domain::document;

fn changes_of(h: &Household) -> (String, Vec<Change>) {
    let mut doc = document::create(h, ActorId::random(), now()).unwrap();
    let mut edited = h.clone();
    edited.profile.address.detail = "2组8号".into();
    document::write(&mut doc, &edited).unwrap();
    document::commit(&mut doc, "edit", now());
    (h.id.clone(), doc.get_changes(&[]).into_iter().collect())
}

fn answer(cursor: u64, doc: &str, changes: &[Change], whole: bool) -> v1::SyncResponse {
    let d = v1::DocumentChanges {
        document_id: doc.into(),
        kind: "household".into(),
        changes: changes.iter().map(|c| c.raw_bytes().to_vec()).collect(),
    };
    v1::SyncResponse {
        cursor,
        changes: if whole { vec![] } else { vec![d.clone()] },
        whole: if whole { vec![d] } else { vec![] },
        ..Default::default()
    }
}

#[test]
fn changes_missing_their_history_are_kept_aside_and_apply_when_the_document_arrives_whole() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    let h = named(11, "吕大成");
    let (id, changes) = changes_of(&h);
    assert!(changes.len() >= 2);

    let later = &changes[changes.len() - 1..];
    let sent = s.outgoing(1).unwrap();
    let applied = s
        .apply_incoming(&sent, &answer(5, &id, later, false))
        .unwrap();
    assert_eq!(applied.documents_received, 0);
    assert!(s.kind_of(&id).unwrap().is_none(), "nothing half-applied");
    assert_eq!(s.incomplete_documents().unwrap(), vec![id.clone()]);
    assert_eq!(s.sync_cursor().unwrap(), 5);

    let next = s.outgoing(1).unwrap();
    assert_eq!(next.request.incomplete, vec![id.clone()]);
    assert!(next.request.changes.is_empty());

    // The first change alone arrives whole: the kept-aside one applies with it.
    let applied = s
        .apply_incoming(&next, &answer(6, &id, &changes[..changes.len() - 1], true))
        .unwrap();
    assert_eq!(applied.documents_received, 1);
    let got: Household = s.get(&id).unwrap();
    assert_eq!(got.profile.address.detail, "2组8号");
    assert!(s.incomplete_documents().unwrap().is_empty());
    assert!(
        s.outgoing(1).unwrap().request.changes.is_empty(),
        "the county holds all of it"
    );
}

#[test]
fn a_refused_document_is_held_back_until_it_changes_or_is_retried() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    let h = named(12, "钟小英");
    s.create(&h.id, &h, now()).unwrap();
    let sent = s.outgoing(1).unwrap();
    assert_eq!(sent.request.changes.len(), 1);
    let refusal = v1::SyncResponse {
        cursor: 1,
        refused: vec![v1::DocumentRefusal {
            document_id: h.id.clone(),
            code: v1::ErrorCode::OutOfScope as i32,
            message: "the document lies outside this device's scope".into(),
        }],
        ..Default::default()
    };
    let applied = s.apply_incoming(&sent, &refusal).unwrap();
    assert_eq!(
        applied.refused,
        vec![(h.id.clone(), refusal.refused[0].code)]
    );
    let refused = s.refusals().unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].code, v1::ErrorCode::OutOfScope as i32);

    let next = s.outgoing(1).unwrap();
    assert!(next.request.changes.is_empty());
    assert_eq!(next.held_back, 1);

    s.update::<Household>(&h.id, "edit", now(), |h| {
        h.profile.address.detail = "3组1号".into();
        Ok(())
    })
    .unwrap();
    assert_eq!(
        s.outgoing(1).unwrap().request.changes.len(),
        1,
        "changed: sent"
    );

    let sent = s.outgoing(1).unwrap();
    s.apply_incoming(&sent, &refusal).unwrap();
    assert!(s.outgoing(1).unwrap().request.changes.is_empty());
    assert!(s.retry_refused(&h.id).unwrap());
    assert!(!s.retry_refused(&h.id).unwrap());
    assert_eq!(
        s.outgoing(1).unwrap().request.changes.len(),
        1,
        "retried: sent"
    );
}

#[test]
fn an_answer_from_a_restored_county_sends_everything_again_and_reads_the_feed_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    let h = named(13, "单玉梅");
    s.create(&h.id, &h, now()).unwrap();
    let sent = s.outgoing(1).unwrap();
    let all = sent.changes;
    let held = |store_id: &str, cursor: u64, sent: &crate::sync::Outgoing| v1::SyncResponse {
        cursor,
        stored: vec![v1::DocumentHeads {
            document_id: h.id.clone(),
            heads: sent.heads[&h.id].iter().map(|c| c.0.to_vec()).collect(),
        }],
        store_id: store_id.into(),
        ..Default::default()
    };
    // The first identity seen changes nothing.
    let applied = s.apply_incoming(&sent, &held("store-a", 9, &sent)).unwrap();
    assert!(!applied.county_restored);
    assert_eq!(s.sync_cursor().unwrap(), 9);
    let quiet = s.outgoing(1).unwrap();
    assert!(quiet.request.changes.is_empty(), "the county holds it all");

    // Another identity: the county was restored.
    let empty = v1::SyncResponse {
        cursor: 12,
        store_id: "store-b".into(),
        ..Default::default()
    };
    let applied = s.apply_incoming(&quiet, &empty).unwrap();
    assert!(applied.county_restored);
    assert_eq!(s.sync_cursor().unwrap(), 0);
    let again = s.outgoing(1).unwrap();
    assert_eq!(again.request.changes.len(), 1);
    assert_eq!(again.changes, all, "the document goes whole");

    // The same identity again: an ordinary answer.
    let applied = s
        .apply_incoming(&again, &held("store-b", 3, &again))
        .unwrap();
    assert!(!applied.county_restored);
    assert_eq!(s.sync_cursor().unwrap(), 3);
    // An empty identity (an older county) changes nothing either.
    let applied = s
        .apply_incoming(&s.outgoing(1).unwrap(), &answer(4, &h.id, &[], false))
        .unwrap();
    assert!(!applied.county_restored);
}
