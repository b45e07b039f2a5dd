#![no_main]
//! Fuzz target: any bytes as the body of `POST /v1/enroll`.

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static HARNESS: LazyLock<ruhu_tests::fuzzing::CountyHarness> =
    LazyLock::new(ruhu_tests::fuzzing::CountyHarness::new);

fuzz_target!(|data: &[u8]| {
    HARNESS.enroll_request(data);
});
