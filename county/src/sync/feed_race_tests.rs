//! Found by the fault soak (two instances on one PostgreSQL): a change another instance
//! committed while a sync answer was being read got past the answer's cursor unsent, and that
//! phone never received it.

use super::*;
use crate::db::postgres::Pg;
use crate::db::{Access, DocumentRow, NewChange};
use crate::enroll::Grant;
use ruhu_proto::v1::Role;

fn in_grid(id: &str) -> DocumentRow<'_> {
    crate::db::suite::row(id, "household", "370599101201", "G01-1")
}

/// Another instance appends one change to `doc`, sent by device `from`; its number.
fn append(db: &Pg, doc: &str, hash: &[u8], from: &str) -> i64 {
    db.transaction(Access::Appends, |tx| {
        tx.lock_appends()?;
        let (_, seq) = tx.append_changes(&[NewChange {
            hash,
            doc_id: doc,
            actor: b"writer actor",
            device_id: Some(from),
            bytes: hash,
            received_at: 1,
        }])?;
        tx.upsert_documents(&[in_grid(doc)])?;
        Ok(seq)
    })
    .expect("append")
}

#[test]
fn a_change_committed_while_an_answer_is_read_is_never_passed_by_its_cursor() {
    let Some(url) = crate::db::suite::fresh_postgres() else {
        return;
    };
    let reader = Pg::connect(&url).expect("one instance");
    let writer = std::rc::Rc::new(Pg::connect(&url).expect("another instance"));
    append(&writer, "hh-1", b"change one", "d-writer");
    let device = Device {
        id: "d-reader".into(),
        actor: b"reader actor".to_vec(),
        grant: Grant {
            worker_id: "w-r".into(),
            display_name: "网格员".into(),
            role: Role::GridWorker,
            villages: vec![],
            grids: vec!["G01-1".into()],
        },
    };
    // A request that sends changes reads its answer in a read-committed transaction; the
    // other instance commits right after this one's feed query.
    let late = std::rc::Rc::new(std::cell::Cell::new(0i64));
    let (w, l) = (writer.clone(), late.clone());
    between_queries::set(move || {
        if l.get() == 0 {
            l.set(append(&w, "hh-2", b"change two", "d-writer"));
        }
    });
    let answer = reader.transaction(Access::Appends, |tx| {
        feed(tx, &device, 0, 1 << 20, 0, false)
    });
    between_queries::clear();
    let (sent, cursor, more) = answer.expect("feed");
    let late = late.get();
    assert!(late > 0, "the other instance appended");
    let sent_late = sent.iter().any(|d| d.document_id == "hh-2");
    assert!(!more);
    assert!(
        sent_late || cursor < late as u64,
        "the cursor ({cursor}) passed change {late}, which the answer did not carry"
    );
    // The next answer brings it.
    let (next, _, _) = reader
        .transaction(Access::Snapshot, |tx| {
            feed(tx, &device, cursor, 1 << 20, 0, false)
        })
        .expect("feed");
    assert_eq!(
        sent_late,
        next.iter().all(|d| d.document_id != "hh-2"),
        "hh-2 arrives exactly once"
    );
}
