//! The fuzz corpora as regression tests: every file under `fuzz/corpus/<target>/` runs through
//! the same function as its coverage-guided target (`fuzz/`, `scripts/fuzz.sh`), on stable, so
//! `cargo test --workspace` keeps every input the fuzzer ever found interesting answered without
//! a panic, a stack overflow or a county fault.

use std::path::{Path, PathBuf};

use ruhu_proto::Message;

use ruhu_tests::fuzzing::{
    self, CountyHarness, DEVICE_ACTOR, PhoneHarness, change_body, change_chunk, decode_changes,
    encode_changes,
};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("no corpus at {}", dir.display()))
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the {target} corpus is empty");
    files
}

fn run_corpus(target: &str, mut run: impl FnMut(&[u8])) {
    for file in corpus(target) {
        let bytes = std::fs::read(&file).expect("a corpus file");
        eprintln!("{target}: {}", file.display());
        run(&bytes);
    }
}

#[test]
fn every_sync_request_in_the_corpus_is_answered_without_a_county_fault() {
    let county = CountyHarness::new();
    run_corpus("sync_request", |b| {
        county.sync_request(b);
    });
}

#[test]
fn every_enroll_request_in_the_corpus_is_answered_without_a_county_fault() {
    let county = CountyHarness::new();
    run_corpus("enroll_request", |b| {
        county.enroll_request(b);
    });
}

#[test]
fn every_document_change_list_in_the_corpus_is_judged_without_a_county_fault() {
    let county = CountyHarness::new();
    run_corpus("document_changes", |b| {
        county.document_changes(b);
    });
}

#[test]
fn every_household_edit_program_in_the_corpus_is_judged_without_a_county_fault() {
    let county = CountyHarness::new();
    run_corpus("document_edits", |b| {
        county.document_edits(b);
    });
}

#[test]
fn every_bundle_in_the_corpus_is_imported_or_refused() {
    let phone = PhoneHarness::new();
    run_corpus("bundle", |b| phone.import_bundle(b));
}

#[test]
fn every_photo_in_the_corpus_is_processed_or_refused() {
    run_corpus("photo", fuzzing::photo);
}

#[test]
fn every_roster_in_the_corpus_is_read_or_refused() {
    run_corpus("roster", fuzzing::roster);
}

#[test]
fn the_seed_requests_not_marked_bad_are_accepted_by_the_county() {
    let county = CountyHarness::new();
    for (target, name, bytes) in fuzzing::seeds::all() {
        if name.starts_with("bad_") {
            continue;
        }
        let status = match target {
            "sync_request" => county.sync_request(&bytes),
            "document_changes" => county.document_changes(&bytes),
            "document_edits" => county.document_edits(&bytes),
            "enroll_request" if name.starts_with("fresh") => county.enroll_request(&bytes),
            _ => continue,
        };
        assert_eq!(status, 200, "seed {target}/{name}");
    }
}

#[test]
fn a_change_rewrapped_by_the_harness_is_the_change_automerge_wrote() {
    for (target, name, bytes) in fuzzing::seeds::all() {
        if target != "document_changes" {
            continue;
        }
        let changes = decode_changes(&bytes).expect("a seed decodes");
        assert!(!changes.changes.is_empty(), "{name}");
        for chunk in &changes.changes {
            automerge::Change::from_bytes(chunk.clone()).expect("a valid change");
            assert_eq!(&change_chunk(change_body(chunk).expect("a change")), chunk);
        }
        assert_eq!(
            encode_changes(&changes.kind, &changes.document_id, &changes.changes),
            bytes
        );
    }
    assert_eq!(DEVICE_ACTOR.len(), 16);
}

/// Issue 12's finding 1 as the `document_edits` target writes it: a household with a map nested
/// 3,000 levels deep under an unknown key (fuzz/findings/document_edits-deep_nesting). It once
/// overflowed the county's stack and aborted the process; it is refused with `INVALID_CONTENT`
/// (the depth limit of core/domain/src/document/limits.rs) while the county stays up.
#[test]
fn a_household_nested_thousands_deep_is_refused_and_the_county_stays_up() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/findings/document_edits-deep_nesting");
    let program = std::fs::read(path).expect("the finding's input");
    let county = CountyHarness::new();
    assert_eq!(county.document_edits(&program), 400);
    assert_eq!(
        county.document_edits(&[]),
        200,
        "an honest household still syncs"
    );
}

fn findings(prefix: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/findings");
    let mut found: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("fuzz/findings")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .map(|p| std::fs::read(p).expect("a finding"))
        .collect();
    assert!(!found.is_empty(), "no findings {prefix}*");
    found.sort();
    found
}

fn noop_sync() -> Vec<u8> {
    ruhu_tests::first_request(vec![]).encode_to_vec()
}

/// Found by the `sync_request` target: changes crafted so that automerge 0.12 panics while the
/// county applies them (five places in its change batch code). They are refused as
/// `INVALID_CHANGE` (400), not as a county fault (`INTERNAL`, which the phone retries for ever),
/// and the county serves the next request.
#[test]
fn a_change_that_makes_automerge_panic_is_refused_as_an_invalid_change() {
    for input in findings("sync_request-automerge_panic-") {
        let county = CountyHarness::new();
        assert_eq!(county.sync_request(&input), 400);
        assert_eq!(county.sync_request(&noop_sync()), 200);
    }
    for input in findings("document_changes-automerge_panic-") {
        let county = CountyHarness::new();
        assert_eq!(county.document_changes(&input), 400);
    }
}

/// Writes the seeds into `fuzz/corpus/<target>/seed_<name>` (run by `scripts/fuzz.sh --seed`).
#[test]
#[ignore = "writes files; run by scripts/fuzz.sh --seed"]
fn write_seed_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    for (target, name, bytes) in fuzzing::seeds::all() {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).expect("a corpus folder");
        std::fs::write(dir.join(format!("seed_{name}")), bytes).expect("a seed file");
    }
}
