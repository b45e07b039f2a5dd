#![no_main]
//! Fuzz target: any bytes as a handover bundle imported into a phone store (seal recomputed too).

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static HARNESS: LazyLock<ruhu_tests::fuzzing::PhoneHarness> =
    LazyLock::new(ruhu_tests::fuzzing::PhoneHarness::new);

fuzz_target!(|data: &[u8]| HARNESS.import_bundle(data));
