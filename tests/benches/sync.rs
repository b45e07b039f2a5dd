//! Sync benchmark against the county store on its embedded default (SQLite), over HTTP on
//! loopback: first sync of 1,000 households to a new phone, a no-op sync, an incremental sync
//! of 50 changed households, and county merge throughput with many phones at once.
//!
//! `cargo bench --workspace --bench sync`

use std::sync::Arc;
use std::time::Instant;

use ruhu_core::RuhuStore;
use ruhu_core::records::{EconomicsInput, HouseholdQuery};
use ruhu_county::db::Access;
use ruhu_county::demo;
use ruhu_tests::{TestCounty, member, profile};

fn phone(county: &TestCounty, dir: &std::path::Path, name: &str, code: String) -> Arc<RuhuStore> {
    let store = RuhuStore::open(
        dir.join(format!("{name}.db")).to_string_lossy().into(),
        vec![1; 32],
    )
    .expect("open");
    store
        .enroll(county.url(), code, "bench".into())
        .expect("enroll");
    store
}

fn main() {
    // 16 phones enroll from one loopback address: the county is told to expect that, as an
    // operator does for a training day.
    let county = TestCounty::start_with(ruhu_county::serve::ServeOptions {
        enroll_per_address: 64,
        ..Default::default()
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let households = 1_000;
    county
        .county
        .transaction(Access::Appends, |tx, code| demo::seed(tx, code, households))
        .expect("seed");

    // First sync of the whole scope to a new phone.
    let p = phone(
        &county,
        dir.path(),
        "first",
        county.county_code_for_supervisor("s-bench"),
    );
    let t = Instant::now();
    let first = p.sync(None).expect("sync");
    let secs = t.elapsed().as_secs_f64();
    let listed = p
        .search_households(HouseholdQuery {
            limit: 200,
            ..Default::default()
        })
        .expect("list")
        .len();
    println!(
        "first sync of {households} households (+{} cases): {:.2} s, {} round trips, {:.0} KB received, {} documents ({listed} listed on the first page)",
        households / 5,
        secs,
        first.round_trips,
        first.bytes_received as f64 / 1024.0,
        first.documents_received
    );

    // No-op sync.
    let idle = p.sync(None).expect("sync");
    println!(
        "no-op sync of a {households}-household scope: {} round trip(s), {} bytes up, {} bytes down",
        idle.round_trips, idle.bytes_sent, idle.bytes_received
    );

    // Incremental: 50 households changed on the phone.
    let rows = p
        .search_households(HouseholdQuery {
            limit: 50,
            ..Default::default()
        })
        .expect("list");
    for (i, h) in rows.iter().enumerate() {
        p.set_economics(
            h.id.clone(),
            EconomicsInput {
                wage_fen: 1_234_500 + i as i64,
                ..Default::default()
            },
        )
        .expect("edit");
    }
    let report = p.sync(None).expect("sync");
    println!(
        "incremental sync of {} changed households: {} round trip(s), {} bytes up ({} bytes of changes, {:.2}x), {} bytes down",
        report.documents_sent,
        report.round_trips,
        report.bytes_sent,
        report.change_bytes_sent,
        report.bytes_sent as f64 / report.change_bytes_sent.max(1) as f64,
        report.bytes_received
    );

    // Merge throughput: many phones, each registering and then changing its own households, in
    // a grid of their own (B01, bound to the test village by the first stored household; the
    // demo's grids are bound to the demo's villages).
    let phones = 16;
    let per_phone = 50;
    let stores: Vec<Arc<RuhuStore>> = (0..phones)
        .map(|i| {
            phone(
                &county,
                dir.path(),
                &format!("load{i}"),
                county.code(&format!("w-load{i}"), &["B01"]),
            )
        })
        .collect();
    for s in &stores {
        for _ in 0..per_phone {
            s.create_household(
                profile("B01"),
                vec![member(
                    "负载测试",
                    ruhu_core::enums::Relation::Head,
                    ruhu_core::enums::Sex::Male,
                    "1970-01-01",
                )],
            )
            .expect("create");
        }
    }
    let t = Instant::now();
    std::thread::scope(|scope| {
        for s in &stores {
            scope.spawn(move || s.sync(None).expect("sync"));
        }
    });
    let secs = t.elapsed().as_secs_f64();
    let docs = phones * per_phone;
    println!(
        "county merge (SQLite, {phones} phones at once over loopback): {docs} new documents in {secs:.2} s = {:.0} documents/s",
        docs as f64 / secs
    );
}
