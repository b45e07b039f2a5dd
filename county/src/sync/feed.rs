//! The change feed a sync answers with: changes in the device's scope after its cursor,
//! grouped per document in feed order, cut to the page the phone asked for by their encoded
//! size.

use ruhu_proto::v1;

use crate::db::Tx;
use crate::enroll::Device;
use crate::error::CountyError;

/// Bytes of a varint holding `n`.
fn varint_len(n: usize) -> usize {
    (64 - (n as u64 | 1).leading_zeros() as usize).div_ceil(7)
}

/// Bytes of a length-delimited field (one-byte tag) whose content is `len` bytes.
pub(super) fn field_len(len: usize) -> usize {
    1 + varint_len(len) + len
}

/// What a response holds besides its feed changes, encoded: the `stored` heads and room for
/// the cursor, `more`, the photo settings and the store's identity.
pub(super) fn response_overhead(stored: &[v1::DocumentHeads]) -> usize {
    /// The cursor (at most 11 bytes), `more` (2), the photo settings (at most 26) and the
    /// store's identity (a UUID: 38).
    const FIXED: usize = 64 + 38;
    FIXED
        + stored
            .iter()
            .map(|h| field_len(ruhu_proto::Message::encoded_len(h)))
            .sum::<usize>()
}

/// Changes in the device's scope after `cursor`, not sent by the device itself, grouped per
/// document in feed order, whose encoding (with `overhead` bytes of the rest of the response)
/// fits in `page` bytes; only a single change larger than the page goes alone, past it (and
/// past the documents sent whole when `carries_whole`, in which case nothing goes past it).
pub(super) fn feed(
    tx: &mut dyn Tx,
    device: &Device,
    cursor: u64,
    page: usize,
    overhead: usize,
    carries_whole: bool,
) -> Result<(Vec<v1::DocumentChanges>, u64, bool), CountyError> {
    /// Rows fetched per query while filling a page.
    const BATCH: i64 = 512;
    let mut out: Vec<v1::DocumentChanges> = Vec::new();
    // Encoded bytes of the finished groups, and the content bytes of the last one.
    let (mut closed, mut open) = (0usize, 0usize);
    let mut last = cursor;
    let mut more = false;
    // Where the feed ends, read before any of it: a change committed by another instance while
    // this page is read may get a number past what the page's queries saw (each statement of
    // a PostgreSQL read-committed transaction sees the newest commits), and a cursor moved to
    // an end read afterwards would skip it for good. Everything up to an end read first is
    // committed already (changes are numbered under the write lock), so the queries see it.
    let end = tx.max_seq()? as u64;
    'page: loop {
        let rows = tx.feed(
            last as i64,
            &device.id,
            &device.grant.villages,
            &device.grant.grids,
            BATCH,
        )?;
        #[cfg(test)]
        between_queries::run();
        let full_batch = rows.len() as i64 == BATCH;
        for row in rows {
            let joins = out.last().is_some_and(|d| d.document_id == row.doc_id);
            let (next_closed, next_open) = if joins {
                (closed, open + field_len(row.bytes.len()))
            } else {
                (
                    closed + if out.is_empty() { 0 } else { field_len(open) },
                    field_len(row.doc_id.len())
                        + field_len(row.kind.len())
                        + field_len(row.bytes.len()),
                )
            };
            if (carries_whole || !out.is_empty())
                && overhead + next_closed + field_len(next_open) > page
            {
                more = true;
                break 'page;
            }
            (closed, open) = (next_closed, next_open);
            last = row.seq as u64;
            if joins {
                if let Some(d) = out.last_mut() {
                    d.changes.push(row.bytes);
                }
            } else {
                out.push(v1::DocumentChanges {
                    document_id: row.doc_id,
                    kind: row.kind,
                    changes: vec![row.bytes],
                });
            }
        }
        if !full_batch {
            break;
        }
    }
    if !more {
        // Nothing more in scope: move the cursor to the end of the feed so the next no-op sync
        // scans nothing.
        last = last.max(end);
    }
    Ok((out, last, more))
}

/// What a test runs right after each feed query (another instance committing, say).
#[cfg(test)]
pub(crate) mod between_queries {
    use std::cell::RefCell;

    thread_local! {
        static HOOK: RefCell<Option<Box<dyn FnMut()>>> = RefCell::new(None);
    }

    /// Runs `hook` after every feed query on this thread until [`clear`].
    pub(crate) fn set(hook: impl FnMut() + 'static) {
        HOOK.with(|h| *h.borrow_mut() = Some(Box::new(hook)));
    }

    /// Stops running the hook.
    pub(crate) fn clear() {
        HOOK.with(|h| *h.borrow_mut() = None);
    }

    pub(super) fn run() {
        HOOK.with(|h| {
            if let Some(f) = h.borrow_mut().as_mut() {
                f()
            }
        });
    }
}

#[cfg(test)]
#[path = "feed_race_tests.rs"]
mod race_tests;

#[cfg(test)]
mod page_tests {
    use super::*;

    #[test]
    fn field_lengths_match_the_protobuf_encoding() {
        for len in [0usize, 1, 127, 128, 16_383, 16_384, 3_000_000] {
            let d = v1::DocumentChanges {
                document_id: String::new(),
                kind: String::new(),
                changes: vec![vec![7; len]],
            };
            assert_eq!(
                field_len(len),
                ruhu_proto::Message::encoded_len(&d),
                "{len}"
            );
        }
        let r = v1::SyncResponse {
            changes: vec![v1::DocumentChanges {
                document_id: "hh-x".into(),
                kind: "household".into(),
                changes: vec![vec![1; 300], vec![2; 5]],
            }],
            ..Default::default()
        };
        let inner = field_len(4) + field_len(9) + field_len(300) + field_len(5);
        assert_eq!(field_len(inner), ruhu_proto::Message::encoded_len(&r));
    }
}
