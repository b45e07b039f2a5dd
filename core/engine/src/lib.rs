//! The phone's engine: what a phone does with its store and the county, blocking and without
//! uniffi, so that the FFI facade, the headless phone and the tests drive the same code.

pub mod client;
