//! A sync whose answer is cut off mid-response resumes without loss or duplication.

use ruhu_core::RuhuStore;
use ruhu_core::enums::{Relation, Sex};
use ruhu_core::records::HouseholdQuery;
use ruhu_tests::{FlakyProxy, TestCounty, member, profile};

fn stored_changes(county: &TestCounty) -> i64 {
    county.change_count()
}

#[test]
fn a_sync_cut_off_mid_response_resumes_without_loss_or_duplication() {
    let county = TestCounty::start();
    let proxy = FlakyProxy::start(&county.url());
    let dir = tempfile::tempdir().unwrap();
    let enroll = |name: &str| {
        let store = RuhuStore::open(
            dir.path()
                .join(format!("{name}.db"))
                .to_string_lossy()
                .into(),
            vec![4; 32],
        )
        .unwrap();
        store
            .enroll(
                proxy.url.clone(),
                county.code(name, &["G01-1"]),
                "flaky".into(),
            )
            .unwrap();
        store
    };
    let a = enroll("w-a");
    let b = enroll("w-b");
    for name in ["滕文华", "滕秀兰", "滕建军"] {
        a.create_household(
            profile("G01-1"),
            vec![member(name, Relation::Head, Sex::Male, "1969-09-09")],
        )
        .unwrap();
    }

    proxy.cut_next(1);
    let sent = a.sync(None).unwrap();
    assert_eq!(sent.documents_sent, 3);
    let after_first = stored_changes(&county);
    assert_eq!(
        after_first, 3,
        "one creation change per household, stored once despite the retry"
    );
    let idle = a.sync(None).unwrap();
    assert_eq!(
        idle.documents_sent, 0,
        "the phone knows the county has everything"
    );
    assert_eq!(stored_changes(&county), after_first);

    proxy.cut_next(2);
    let received = b.sync(None).unwrap();
    assert_eq!(received.documents_received, 3);
    assert_eq!(
        b.search_households(HouseholdQuery {
            text: "teng".into(),
            ..Default::default()
        })
        .unwrap()
        .len(),
        3
    );
    assert_eq!(b.sync(None).unwrap().documents_received, 0);
}

struct StopAfterFirst;

impl ruhu_core::sync::SyncListener for StopAfterFirst {
    fn on_progress(&self, progress: ruhu_core::sync::SyncProgress) -> bool {
        progress.round_trips < 1
    }
}

#[test]
fn a_cancelled_sync_keeps_everything_and_the_next_one_completes() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let a = county.phone(dir.path(), "w-a", &["G01-1"]);
    let b = county.phone(dir.path(), "w-b", &["G01-1"]);
    a.create_household(
        profile("G01-1"),
        vec![member("时秋菊", Relation::Head, Sex::Female, "1958-10-10")],
    )
    .unwrap();
    a.sync(None).unwrap();

    let err = b
        .sync(Some(std::sync::Arc::new(StopAfterFirst)))
        .unwrap_err();
    assert!(
        matches!(err, ruhu_core::error::ApiError::SyncCancelled),
        "{err:?}"
    );
    // What the round trip before the cancel brought in stays.
    assert_eq!(
        b.search_households(HouseholdQuery {
            text: "sqj".into(),
            ..Default::default()
        })
        .unwrap()
        .len(),
        1
    );
    let next = b.sync(None).unwrap();
    assert_eq!((next.documents_received, next.documents_sent), (0, 0));
}

#[test]
fn a_county_that_lost_changes_gets_the_documents_whole_again() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let a = county.phone(dir.path(), "w-a", &["G01-1"]);
    let h = a
        .create_household(
            profile("G01-1"),
            vec![member("单玉梅", Relation::Head, Sex::Female, "1963-03-03")],
        )
        .unwrap();
    a.sync(None).unwrap();
    // The county is restored from a backup taken before it had this household.
    county.forget(&h);
    a.set_economics(
        h.clone(),
        ruhu_core::records::EconomicsInput {
            pension_fen: 150_000,
            ..Default::default()
        },
    )
    .unwrap();
    let report = a.sync(None).unwrap();
    assert_eq!(report.documents_sent, 1);
    let doc = county.document(&h);
    let back: ruhu_domain::household::Household = ruhu_domain::document::read(&doc).unwrap();
    assert_eq!(back.economics.income.pension.fen(), 150_000);
}
