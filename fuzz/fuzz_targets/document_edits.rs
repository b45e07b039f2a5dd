#![no_main]
//! Fuzz target: a program of automerge edits to a valid household, sent through the county's
//! checks (structure-aware: depths, types and shapes).

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static HARNESS: LazyLock<ruhu_tests::fuzzing::CountyHarness> =
    LazyLock::new(ruhu_tests::fuzzing::CountyHarness::new);

fuzz_target!(|data: &[u8]| {
    HARNESS.document_edits(data);
});
