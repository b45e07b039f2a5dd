#![no_main]
//! Fuzz target: any bytes as a camera image through the photo pipeline and the county's hash.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ruhu_tests::fuzzing::photo(data));
