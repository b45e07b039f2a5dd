//! Phone store benchmark: open time, the first 我的走访 frame from a cold process and the first
//! run of the warning rules, search p95
//! (name, pinyin initials, full pinyin, ID suffix, and search as you type: every keystroke of a
//! full-pinyin name), durable single-edit p95, draft-field save p95 and peak RSS, on stores of
//! 10,000 and 100,000 households (`RUHU_BENCH_SIZES=500,5000` for the app's figures: a tenth of
//! the households have a case below 10,000).
//!
//! `cargo bench --workspace --bench store` (scripts/bench.sh adds the stripped library size).
//! Each store is built through bundle imports (the bulk path a phone really takes), then a
//! fresh child process measures it through the FFI, so its peak RSS is the phone's, not the
//! builder's.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use chrono::{Duration, Utc};
use ruhu_core::RuhuStore;
use ruhu_core::records::{EconomicsInput, HouseholdQuery};
use ruhu_domain::case::{AssistanceKind, Case, CaseOrigin, CasePath};
use ruhu_domain::document;
use ruhu_domain::names;
use ruhu_domain::policy::CountyPolicy;
use ruhu_domain::sample::{self, SampleRng};
use ruhu_proto::{BUNDLE_MAGIC, Message, PROTOCOL_VERSION, v1};
use ruhu_store::{Store, WorkerProfile};
use sha2::{Digest, Sha256};

const KEY: [u8; 32] = [9; 32];
const SEED: u64 = 20_261_124;
const QUERIES: usize = 300;

fn profile() -> WorkerProfile {
    WorkerProfile {
        county_code: sample::COUNTY_CODE.into(),
        worker_id: "bench".into(),
        display_name: "bench".into(),
    }
}

fn seal(docs: Vec<v1::BundleDocument>) -> Vec<u8> {
    let body = v1::Bundle {
        protocol_version: PROTOCOL_VERSION,
        county_code: sample::COUNTY_CODE.into(),
        created_at_unix: Utc::now().timestamp(),
        documents: docs,
    }
    .encode_to_vec();
    v1::SealedBundle {
        magic: BUNDLE_MAGIC.into(),
        sha256: Sha256::digest(&body).to_vec(),
        bundle: body,
    }
    .encode_to_vec()
}

/// Builds a store of `households` households and `cases` cases; returns seconds taken.
fn build(path: &Path, households: usize, cases: usize) -> f64 {
    let started = Instant::now();
    let store = Store::open(path, &KEY).expect("open");
    store.set_profile(&profile()).expect("profile");
    let mut rng = SampleRng::new(SEED);
    let actor = store.actor();
    let now = Utc::now();
    let mut batch = Vec::new();
    for i in 0..households {
        let h = sample::household(&mut rng, (i % 8) as u32, "bench", now);
        let mut doc = document::create(&h, actor.clone(), now).expect("doc");
        batch.push(v1::BundleDocument {
            document_id: h.id.clone(),
            kind: "household".into(),
            automerge: doc.save(),
        });
        if i < cases {
            let c = Case {
                id: format!("{}-case", h.id),
                household_id: h.id.clone(),
                county_code: h.profile.address.county_code.clone(),
                village_code: h.profile.address.village_code.clone(),
                grid_code: h.profile.address.grid_code.clone(),
                origin: CaseOrigin::Discovery,
                kind: AssistanceKind::Expenditure,
                path: if i % 10 == 0 {
                    CasePath::Urgent
                } else {
                    CasePath::Normal
                },
                opened_at: now - Duration::hours((i % 72) as i64),
                opened_by: "bench".into(),
                emergency: None,
                events: vec![],
                evidence: Default::default(),
            };
            let mut doc = document::create(&c, actor.clone(), now).expect("doc");
            batch.push(v1::BundleDocument {
                document_id: c.id.clone(),
                kind: "case".into(),
                automerge: doc.save(),
            });
        }
        if batch.len() >= 5_000 {
            store
                .import_bundle(&seal(std::mem::take(&mut batch)))
                .expect("import");
        }
    }
    if !batch.is_empty() {
        store.import_bundle(&seal(batch)).expect("import");
    }
    // The county policy a synced phone holds, so that 我的走访 evaluates its warning rules.
    let mut policy = CountyPolicy::dongying_example();
    policy.county_code = sample::COUNTY_CODE.into();
    store
        .create(&document::policy_id(sample::COUNTY_CODE), &policy, now)
        .expect("policy");
    started.elapsed().as_secs_f64()
}

fn p(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn summary(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    println!(
        "  {name:<28} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms",
        p(&ms, 0.5),
        p(&ms, 0.95),
        p(&ms, 1.0)
    );
}

fn timed(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1000.0
}

/// Runs in a fresh process: measures the store as a phone would use it.
fn measure(path: &str, households: usize) {
    // The first start after the store was filled: the warning rules look at every household
    // once (the first run of a day does the same) and write the tasks they raise, in one
    // transaction. The screen does not wait for it: it shows the listed visits first.
    let mut tasks = 0;
    let mut run = None;
    let rules = timed(|| {
        let store = RuhuStore::open(path.into(), KEY.to_vec()).expect("open");
        run = Some(store.raise_visit_tasks().expect("rules"));
        tasks = store.listed_visits().expect("visits").len();
    });
    let run = run.expect("run");
    println!(
        "  warning rules, first run       {rules:>7.2} ms   ({} households looked at, {} raised tasks, {tasks} tasks)",
        run.looked_at, run.changed
    );
    // What the worker waits for when the app starts: a cold process opens the store and reads
    // 我的走访's first frame (the visits already raised), as the home presenter does.
    let firsts: Vec<f64> = (0..15)
        .map(|_| {
            timed(|| {
                let store = RuhuStore::open(path.into(), KEY.to_vec()).expect("open");
                tasks = store.listed_visits().expect("visits").len();
            })
        })
        .collect();
    summary("first 我的走访 frame (open + list)", firsts);
    // Then the rules look again where something changed (nothing here): the second call.
    let store = RuhuStore::open(path.into(), KEY.to_vec()).expect("open");
    let later: Vec<f64> = (0..15)
        .map(|_| timed(|| drop(store.my_visits().expect("visits"))))
        .collect();
    summary("我的走访 with the rules (unchanged day)", later);
    drop(store);
    let opens: Vec<f64> = (0..15)
        .map(|_| timed(|| drop(RuhuStore::open(path.into(), KEY.to_vec()).expect("open"))))
        .collect();
    summary("open", opens);
    let store = RuhuStore::open(path.into(), KEY.to_vec()).expect("open");

    // Regenerate the same fictional people to know what to search for.
    let mut rng = SampleRng::new(SEED);
    let step = (households / QUERIES).max(1);
    let mut heads = Vec::new();
    for i in 0..households {
        let h = sample::household(&mut rng, (i % 8) as u32, "bench", Utc::now());
        if i % step == 0 {
            let head = h.head().expect("head").clone();
            heads.push((
                h.id.clone(),
                head.name,
                head.id_number.expect("id").suffix(4).to_string(),
            ));
        }
    }
    let search = |text: String| {
        let q = HouseholdQuery {
            text,
            limit: 50,
            ..HouseholdQuery::default()
        };
        let mut n = 0;
        let ms = timed(|| n = store.search_households(q).expect("search").len());
        assert!(n > 0, "a search for a person in the store found nothing");
        ms
    };
    let name: Vec<f64> = heads
        .iter()
        .map(|(_, n, _)| {
            search(
                n.chars()
                    .skip(n.chars().count().saturating_sub(2))
                    .collect(),
            )
        })
        .collect();
    let initials: Vec<f64> = heads
        .iter()
        .map(|(_, n, _)| {
            search(
                names::syllables(n)
                    .iter()
                    .filter_map(|s| s.chars().next())
                    .collect(),
            )
        })
        .collect();
    let full: Vec<f64> = heads
        .iter()
        .map(|(_, n, _)| search(names::syllables(n).concat()))
        .collect();
    let suffix: Vec<f64> = heads.iter().map(|(_, _, s)| search(s.clone())).collect();
    summary("search name (汉字)", name);
    summary("search pinyin initials", initials);
    summary("search full pinyin", full);
    summary("search ID suffix (4)", suffix);
    // Search as you type: every keystroke of the full pinyin, from its first letter on.
    let typing: Vec<f64> = heads
        .iter()
        .take(60)
        .flat_map(|(_, n, _)| {
            let full = names::syllables(n).concat();
            (1..=full.len())
                .map(|k| {
                    let q = HouseholdQuery {
                        text: full[..k].to_string(),
                        limit: 50,
                        ..HouseholdQuery::default()
                    };
                    timed(|| drop(store.search_households(q).expect("search")))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    summary("search as you type (pinyin)", typing);

    let saves: Vec<f64> = heads
        .iter()
        .enumerate()
        .map(|(i, (id, _, _))| {
            let e = EconomicsInput {
                wage_fen: 1_000_000 + i as i64,
                ..EconomicsInput::default()
            };
            timed(|| store.set_economics(id.clone(), e).expect("save"))
        })
        .collect();
    summary("durable single edit", saves);

    // A form's field kept as it is typed: one keystroke, one draft save.
    let name = "邢春花的家庭住址三组八号院内东屋";
    let drafts: Vec<f64> = (0..300)
        .map(|i| {
            let typed: String = name.chars().take(i % name.chars().count() + 1).collect();
            timed(|| {
                store
                    .save_draft("household/new/bench".into(), "address_detail".into(), typed)
                    .expect("draft")
            })
        })
        .collect();
    summary("draft field save", drafts);

    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("VmHWM: ?");
    println!(
        "  peak RSS (measuring process)  {}",
        hwm.trim_start_matches("VmHWM:").trim()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("measure") {
        measure(&args[2], args[3].parse().expect("households"));
        return;
    }
    let sizes: Vec<usize> = std::env::var("RUHU_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let dir = tempfile::tempdir().expect("tempdir");
    for households in sizes {
        let path = dir.path().join(format!("bench-{households}.db"));
        let cases = if households < 10_000 {
            households / 10
        } else {
            10_000
        };
        let secs = build(&path, households, cases);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!(
            "store of {households} households and {cases} cases: built in {secs:.1} s, file {:.1} MB",
            size as f64 / 1e6
        );
        let exe = std::env::current_exe().expect("exe");
        let status = Command::new(exe)
            .args([
                "measure",
                path.to_str().expect("path"),
                &households.to_string(),
            ])
            .status()
            .expect("measure");
        assert!(status.success(), "measuring failed");
    }
}
