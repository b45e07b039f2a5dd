#![no_main]
//! Fuzz target: any bytes as a roster workbook (.xlsx) read by the county's import.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ruhu_tests::fuzzing::roster(data));
