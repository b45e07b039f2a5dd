#![no_main]
//! Fuzz target: automerge changes of one document (checksums fixed up) through the county's checks.

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static HARNESS: LazyLock<ruhu_tests::fuzzing::CountyHarness> =
    LazyLock::new(ruhu_tests::fuzzing::CountyHarness::new);

fuzz_target!(|data: &[u8]| {
    HARNESS.document_changes(data);
});
