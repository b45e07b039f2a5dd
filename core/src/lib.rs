//! Ruhu's shared core: the 救急难 household survey domain, its automerge documents, and (with
//! the `device` feature) the encrypted phone store and the uniffi API the phones call.

#[cfg(feature = "device")]
pub mod client;
pub mod document;
pub mod domain;
#[cfg(feature = "device")]
pub mod ffi;
pub mod imaging;
pub mod sealed;
#[cfg(feature = "device")]
pub mod store;

#[cfg(feature = "device")]
uniffi::setup_scaffolding!();
