//! One test suite of the store interface ([`Tx`]), run against every engine: SQLite always,
//! PostgreSQL on the server `RUHU_TEST_POSTGRES` names (as `scripts/test.sh` starts it; without
//! it the PostgreSQL half says so and passes without running). Each behaviour is written once
//! and instantiated per engine by [`tx_suite!`], so the two implementations meet the same
//! expectations below the end-to-end tests.

use super::console::CaseQuery;
use super::*;

/// A database to run the suite on.
pub(crate) trait Engine {
    /// Runs `f` in one transaction.
    fn run<R>(&self, access: Access, f: impl FnOnce(&mut dyn Tx) -> Result<R>) -> Result<R>;
}

impl Engine for sqlite::Sqlite {
    fn run<R>(&self, access: Access, f: impl FnOnce(&mut dyn Tx) -> Result<R>) -> Result<R> {
        self.transaction(access, f)
    }
}

impl Engine for postgres::Pg {
    fn run<R>(&self, access: Access, f: impl FnOnce(&mut dyn Tx) -> Result<R>) -> Result<R> {
        self.transaction(access, f)
    }
}

/// A fresh, empty database on the PostgreSQL test server, or `None` when none is given.
pub(crate) fn fresh_postgres() -> Option<String> {
    use sqlx::Connection as _;
    let Ok(admin) = std::env::var("RUHU_TEST_POSTGRES") else {
        eprintln!("RUHU_TEST_POSTGRES is not set: PostgreSQL half of the store suite skipped");
        return None;
    };
    let name = format!("ruhu_suite_{}", uuid::Uuid::new_v4().simple());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create database");
    });
    let (base, _) = admin.rsplit_once('/').expect("a database URL");
    Some(format!("{base}/{name}"))
}

fn open_sqlite() -> Option<(sqlite::Sqlite, tempfile::TempDir)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = sqlite::Sqlite::open(&dir.path().join("county.db"), &[7; 32]).expect("open");
    Some((db, dir))
}

fn open_postgres() -> Option<(postgres::Pg, ())> {
    let url = fresh_postgres()?;
    Some((postgres::Pg::connect(&url).expect("connect"), ()))
}

/// An index row of a document of `kind` in `village` and `grid`, nothing else set.
pub(crate) fn row<'a>(
    id: &'a str,
    kind: &'a str,
    village: &'a str,
    grid: &'a str,
) -> DocumentRow<'a> {
    DocumentRow {
        id,
        kind,
        county_code: "370599",
        village_code: village,
        grid_code: grid,
        household_id: None,
        status: None,
        next_clock: None,
        next_due: None,
        open_tasks: 0,
        updated_seq: 0,
    }
}

fn change<'a>(hash: &'a [u8], doc: &'a str, device: Option<&'a str>) -> NewChange<'a> {
    NewChange {
        hash,
        doc_id: doc,
        actor: b"actor",
        device_id: device,
        bytes: hash,
        received_at: 1,
    }
}

/// Appends `changes` with the documents' index rows, as the sync does.
fn append(db: &impl Engine, docs: &[DocumentRow<'_>], changes: &[NewChange<'_>]) -> (usize, i64) {
    db.run(Access::Appends, |tx| {
        tx.lock_appends()?;
        let r = tx.append_changes(changes)?;
        tx.upsert_documents(docs)?;
        Ok(r)
    })
    .expect("append")
}

pub(crate) fn settings_are_kept_overwritten_and_absent_until_set(db: &impl Engine) {
    db.run(Access::Snapshot, |tx| {
        assert_eq!(tx.setting("suite")?, None);
        tx.put_setting("suite", "one")?;
        tx.put_setting("suite", "two")?;
        Ok(())
    })
    .expect("write");
    let v = db
        .run(Access::Snapshot, |tx| tx.setting("suite"))
        .expect("read");
    assert_eq!(v.as_deref(), Some("two"));
}

pub(crate) fn a_failed_transaction_leaves_nothing_behind(db: &impl Engine) {
    let r: Result<()> = db.run(Access::Appends, |tx| {
        tx.put_setting("half", "written")?;
        tx.lock_appends()?;
        tx.append_changes(&[change(b"h-lost", "doc-lost", None)])?;
        Err(CountyError::new(
            ruhu_proto::v1::ErrorCode::Internal,
            "stop",
        ))
    });
    assert!(r.is_err());
    db.run(Access::Snapshot, |tx| {
        assert_eq!(tx.setting("half")?, None);
        assert!(tx.doc_changes("doc-lost")?.is_empty());
        assert_eq!(tx.count_changes()?, 0);
        Ok(())
    })
    .expect("read");
}

pub(crate) fn changes_are_appended_once_in_order_and_read_back(db: &impl Engine) {
    let docs = [
        row("doc-a", "household", "370599101201", "G1"),
        row("doc-b", "household", "370599101201", "G1"),
    ];
    let (new, last) = append(
        db,
        &docs,
        &[
            change(b"a1", "doc-a", None),
            change(b"a2", "doc-a", None),
            change(b"b1", "doc-b", None),
        ],
    );
    assert_eq!(new, 3);
    assert!(last > 0);
    let (again, none) = append(db, &docs, &[change(b"a1", "doc-a", None)]);
    assert_eq!((again, none), (0, 0), "a stored hash is skipped");
    let (_, a3) = append(db, &docs, &[change(b"a3", "doc-a", None)]);
    assert!(a3 > last, "sequence numbers grow");
    db.run(Access::Snapshot, |tx| {
        assert_eq!(
            tx.doc_changes("doc-a")?,
            vec![b"a1".to_vec(), b"a2".to_vec(), b"a3".to_vec()]
        );
        assert_eq!(tx.count_changes()?, 4);
        assert_eq!(tx.max_seq()?, a3);
        assert_eq!(tx.count_documents("household")?, 2);
        let seqs = tx.last_seqs(&["doc-a", "doc-b", "doc-none"])?;
        assert_eq!(seqs.get("doc-a"), Some(&a3));
        assert!(seqs.get("doc-b").is_some_and(|s| *s < a3));
        assert!(!seqs.contains_key("doc-none"));
        let stored = tx.stored_docs(&["doc-a", "doc-none"])?;
        let a = stored.get("doc-a").expect("doc-a stored");
        assert_eq!(a.changes.len(), 3);
        assert_eq!(a.last_seq, a3);
        assert_eq!(a.indexed.grid_code, "G1");
        assert!(!a.has_photos);
        assert!(!stored.contains_key("doc-none"));
        Ok(())
    })
    .expect("read");
}

pub(crate) fn the_feed_holds_the_scope_and_the_county_wide_but_not_the_devices_own(
    db: &impl Engine,
) {
    let docs = [
        row("in-village", "household", "370599101201", "G1"),
        row("in-grid", "household", "370599102201", "G7"),
        row("elsewhere", "household", "370599103201", "G9"),
        row("policy", "policy", "", ""),
        row("own", "household", "370599101201", "G1"),
    ];
    append(
        db,
        &docs,
        &[
            change(b"v", "in-village", None),
            change(b"g", "in-grid", Some("d-other")),
            change(b"x", "elsewhere", None),
            change(b"p", "policy", None),
            change(b"o", "own", Some("d-me")),
        ],
    );
    let feed = db
        .run(Access::Snapshot, |tx| {
            tx.feed(0, "d-me", &["370599101".into()], &["G7".into()], 100)
        })
        .expect("feed");
    let ids: Vec<&str> = feed.iter().map(|f| f.doc_id.as_str()).collect();
    assert_eq!(ids, ["in-village", "in-grid", "policy"]);
    assert!(feed.windows(2).all(|w| w[0].seq < w[1].seq), "feed order");
    let paged = db
        .run(Access::Snapshot, |tx| {
            tx.feed(
                feed[0].seq,
                "d-me",
                &["370599101".into()],
                &["G7".into()],
                1,
            )
        })
        .expect("page");
    assert_eq!(paged.len(), 1);
    assert_eq!(paged[0].doc_id, "in-grid");
    let empty_village = db
        .run(Access::Snapshot, |tx| {
            tx.feed(0, "d-me", &[String::new()], &[], 100)
        })
        .expect("feed");
    let ids: Vec<&str> = empty_village.iter().map(|f| f.doc_id.as_str()).collect();
    assert_eq!(ids, ["policy"], "an empty village code covers nothing");
}

pub(crate) fn removed_changes_and_forgotten_documents_are_gone(db: &impl Engine) {
    let docs = [
        row("keep", "household", "370599101201", "G1"),
        row("forget", "household", "370599101201", "G1"),
    ];
    append(
        db,
        &docs,
        &[
            change(b"k1", "keep", Some("d1")),
            change(b"k2", "keep", None),
            change(b"f1", "forget", None),
        ],
    );
    db.run(Access::Appends, |tx| {
        let senders = tx.change_senders(&[b"k1".to_vec(), b"k2".to_vec()])?;
        assert_eq!(senders.get(b"k1".as_slice()), Some(&Some("d1".to_string())));
        assert_eq!(senders.get(b"k2".as_slice()), Some(&None));
        tx.remove_changes(&[b"k2".to_vec()])?;
        tx.forget_document("forget")
    })
    .expect("remove");
    db.run(Access::Snapshot, |tx| {
        assert_eq!(tx.doc_changes("keep")?, vec![b"k1".to_vec()]);
        assert!(tx.doc_changes("forget")?.is_empty());
        assert!(!tx.stored_docs(&["forget"])?.contains_key("forget"));
        Ok(())
    })
    .expect("read");
}

pub(crate) fn a_grid_is_bound_to_the_first_village_that_names_it(db: &impl Engine) {
    let (first, second, other) = db
        .run(Access::Appends, |tx| {
            Ok((
                tx.bind_grid("G1", "370599101201", 1)?,
                tx.bind_grid("G1", "370599102201", 2)?,
                tx.bind_grid("G2", "370599102201", 3)?,
            ))
        })
        .expect("bind");
    assert_eq!(first, "370599101201");
    assert_eq!(second, "370599101201", "the first binding stands");
    assert_eq!(other, "370599102201");
}

/// Places a scope may or may not cover: villages of two townships, grids inside and across them.
const PLACES: [(&str, &str, &str); 6] = [
    ("c-a", "370599101201", "G1"),
    ("c-b", "370599101202", "G2"),
    ("c-c", "370599102201", "G7"),
    ("c-d", "370599102202", "G8"),
    ("c-e", "370599103201", "G1"),
    ("c-f", "370599103202", "G9"),
];

pub(crate) fn scoped_queries_return_exactly_what_the_domain_scope_covers(db: &impl Engine) {
    use ruhu_domain::scope::Scope;
    let docs: Vec<DocumentRow<'_>> = PLACES
        .iter()
        .map(|(id, village, grid)| DocumentRow {
            status: Some("reported"),
            ..row(id, "case", village, grid)
        })
        .collect();
    let changes: Vec<NewChange<'_>> = PLACES
        .iter()
        .map(|(id, ..)| change(id.as_bytes(), id, None))
        .collect();
    append(db, &docs, &changes);
    let scopes: [&[&str]; 6] = [
        &["370599101"],
        &["G7"],
        &["370599101201", "G8"],
        &["370599103", "G1"],
        &["G404"],
        &["370599"],
    ];
    for entries in scopes {
        let entries: Vec<String> = entries.iter().map(|e| e.to_string()).collect();
        let scope = Scope::from_entries(&entries);
        let expected: Vec<&str> = PLACES
            .iter()
            .filter(|(_, village, grid)| scope.covers(village, grid))
            .map(|(id, ..)| *id)
            .collect();
        let (listed, fed) = db
            .run(Access::Snapshot, |tx| {
                let listed = tx.case_list(&CaseQuery {
                    scope: entries.clone(),
                    limit: 100,
                    ..Default::default()
                })?;
                let fed = tx.feed(0, "d-me", &scope.villages, &scope.grids, 100)?;
                Ok((listed, fed))
            })
            .expect("queries");
        let mut listed: Vec<&str> = listed.iter().map(|r| r.id.as_str()).collect();
        listed.sort();
        let fed: Vec<&str> = fed.iter().map(|r| r.doc_id.as_str()).collect();
        assert_eq!(listed, expected, "case list for {entries:?}");
        assert_eq!(fed, expected, "feed for {entries:?}");
    }
}

/// Instantiates every behaviour of the suite for one engine (`$open` gives the database and
/// what must live as long as it, or `None` to skip).
macro_rules! tx_suite {
    ($engine:ident, $open:expr, [$($case:ident),* $(,)?]) => {
        mod $engine {
            $(
                #[test]
                fn $case() {
                    if let Some((db, _keep)) = $open() {
                        super::$case(&db);
                    }
                }
            )*
        }
    };
}

macro_rules! every_engine {
    ($($case:ident),* $(,)?) => {
        tx_suite!(on_sqlite, super::open_sqlite, [$($case),*]);
        tx_suite!(on_postgres, super::open_postgres, [$($case),*]);
    };
}

every_engine!(
    settings_are_kept_overwritten_and_absent_until_set,
    a_failed_transaction_leaves_nothing_behind,
    changes_are_appended_once_in_order_and_read_back,
    the_feed_holds_the_scope_and_the_county_wide_but_not_the_devices_own,
    removed_changes_and_forgotten_documents_are_gone,
    a_grid_is_bound_to_the_first_village_that_names_it,
    scoped_queries_return_exactly_what_the_domain_scope_covers,
);
