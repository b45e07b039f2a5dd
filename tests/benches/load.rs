//! County merge throughput under load: many simulated phones on loopback, each enrolled for
//! its own grid, send their households in batches at the same time; then each changes every
//! one of its households and sends the changes. The phones are light (prepared automerge
//! changes over the real protocol, no phone store) so that the county is what is measured.
//!
//! Runs on the engine the environment names (see `ruhu_tests::backend_name`):
//! `scripts/bench-load.sh` starts a PostgreSQL on loopback for it.
//! `RUHU_LOAD_PHONES` (default 32) and `RUHU_LOAD_DOCS` (per phone, default 100) size it.

use std::time::Instant;

use automerge::{ActorId, AutoCommit, Change};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::money::Money;
use ruhu_domain::sample::SampleRng;
use ruhu_engine::client::CountyClient;
use ruhu_proto::v1;
use ruhu_tests::{TestCounty, household_changes};

const BATCH: usize = 25;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Phone {
    client: CountyClient,
    token: String,
    created: Vec<v1::DocumentChanges>,
    changed: Vec<v1::DocumentChanges>,
}

fn request(cursor: u64, changes: &[v1::DocumentChanges]) -> v1::SyncRequest {
    v1::SyncRequest {
        protocol_version: ruhu_proto::PROTOCOL_VERSION,
        cursor,
        changes: changes.to_vec(),
        max_response_bytes: 0,
        ..Default::default()
    }
}

/// Sends `docs` in batches as one phone would; returns request bytes sent.
fn send(phone: &Phone, docs: &[v1::DocumentChanges]) -> usize {
    let mut cursor = 0;
    let mut bytes = 0;
    for batch in docs.chunks(BATCH) {
        let (resp, sent, _) = phone
            .client
            .sync(&phone.token, &request(cursor, batch))
            .expect("sync");
        assert_eq!(resp.stored.len(), batch.len());
        cursor = resp.cursor;
        bytes += sent;
    }
    bytes
}

fn main() {
    let phones = env("RUHU_LOAD_PHONES", 32);
    let per_phone = env("RUHU_LOAD_DOCS", 100);
    let county = TestCounty::start();
    println!(
        "county merge under load on {} ({} county instance(s)): {phones} phones x {per_phone} households, batches of {BATCH}",
        ruhu_tests::backend_name(),
        county.urls.len()
    );
    let mut rng = SampleRng::new(41);
    let prepared: Vec<Phone> = (0..phones)
        .map(|i| {
            let grid = format!("G{:02}-{}", i % 40 + 1, i / 40 + 1);
            let client = CountyClient::new(&county.url()).expect("client");
            // Enrolled at the store itself: 32 phones from one loopback address would meet
            // the enrollment rate limit, and enrollment is not what is measured.
            let request = ruhu_proto::v1::EnrollRequest {
                protocol_version: ruhu_proto::PROTOCOL_VERSION,
                code: county.code(&format!("w-load{i}"), &[&grid]),
                device_label: "load".into(),
                actor_id: Vec::new(),
            };
            let e = county
                .county
                .transaction(ruhu_county::db::Access::Snapshot, |tx, code| {
                    ruhu_county::enroll::redeem(tx, code, &request)
                })
                .expect("enroll");
            let actor = ActorId::from(e.actor_id.as_slice());
            let created: Vec<_> = (0..per_phone)
                .map(|_| household_changes(&mut rng, actor.clone(), &grid))
                .collect();
            let changed = created
                .iter()
                .map(|d| {
                    let mut doc = AutoCommit::new().with_actor(actor.clone());
                    doc.apply_changes(
                        d.changes
                            .iter()
                            .map(|b| Change::from_bytes(b.clone()).expect("change")),
                    )
                    .expect("apply");
                    let heads = doc.get_heads();
                    let mut h: Household = document::read(&doc).expect("read");
                    h.economics.income.wage = Money::from_yuan(12_000);
                    document::write(&mut doc, &h).expect("write");
                    document::commit(&mut doc, "wage", chrono::Utc::now());
                    v1::DocumentChanges {
                        document_id: d.document_id.clone(),
                        kind: d.kind.clone(),
                        changes: doc
                            .get_changes(&heads)
                            .into_iter()
                            .map(|c| c.raw_bytes().to_vec())
                            .collect(),
                    }
                })
                .collect();
            Phone {
                client,
                token: e.token,
                created,
                changed,
            }
        })
        .collect();
    let docs = phones * per_phone;

    for (label, pick) in [
        (
            "new households",
            (|p: &Phone| &p.created) as fn(&Phone) -> &Vec<v1::DocumentChanges>,
        ),
        ("changed households", |p: &Phone| &p.changed),
    ] {
        let t = Instant::now();
        let bytes: usize = std::thread::scope(|scope| {
            let running: Vec<_> = prepared
                .iter()
                .map(|p| scope.spawn(move || send(p, pick(p))))
                .collect();
            running.into_iter().map(|h| h.join().expect("phone")).sum()
        });
        let secs = t.elapsed().as_secs_f64();
        println!(
            "  {label}: {docs} documents in {secs:.2} s = {:.0} documents/s ({:.0} KB sent)",
            docs as f64 / secs,
            bytes as f64 / 1024.0
        );
    }
    checks_alone(&prepared);
    let expected: usize = prepared
        .iter()
        .flat_map(|p| p.created.iter().chain(&p.changed))
        .map(|d| d.changes.len())
        .sum();
    assert_eq!(
        county.change_count() as usize,
        expected,
        "every change stored once"
    );
}

/// What the county's content check costs per document, measured alone on the changed
/// households: the merge the county does anyway (decode, rebuild from stored changes, apply)
/// against the inbound check it adds (`document::inbound::household`: read with limits,
/// validate, ids, members kept, evidence).
fn checks_alone(phones: &[Phone]) {
    let decode = |d: &v1::DocumentChanges| -> Vec<Change> {
        d.changes
            .iter()
            .map(|b| Change::from_bytes(b.clone()).expect("change"))
            .collect()
    };
    let pairs: Vec<_> = phones
        .iter()
        .flat_map(|p| p.created.iter().zip(&p.changed))
        .collect();
    let mut merge = std::time::Duration::ZERO;
    let mut check = std::time::Duration::ZERO;
    for (created, changed) in &pairs {
        let t = Instant::now();
        let mut doc = AutoCommit::new();
        doc.apply_changes(decode(created)).expect("stored");
        let before = doc.get_heads();
        doc.apply_changes(decode(changed)).expect("new");
        merge += t.elapsed();
        let t = Instant::now();
        document::inbound::household(&doc, &created.document_id, &before, chrono::Utc::now())
            .expect("a valid household");
        check += t.elapsed();
    }
    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / pairs.len() as f64;
    println!(
        "  per changed household, one thread: merge {:.0} µs, inbound check {:.0} µs",
        per(merge),
        per(check)
    );
}
