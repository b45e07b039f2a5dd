//! The phone's engine: what a phone does with its store and the county, blocking and without
//! uniffi, so that the FFI facade, the headless phone and the tests drive the same code.
//!
//! [`Phone`] holds the encrypted store and photo vault; its methods, one module per concern,
//! take and return the domain's types and fail with [`EngineError`].

pub mod cases;
pub mod client;
mod drafts;
pub mod enrollment;
pub mod error;
pub mod exchange;
mod households;
mod phone;
pub mod photos;
pub mod qr;
pub mod sync;
mod upload;
pub mod visits;

pub use error::EngineError;
pub use phone::{Phone, today};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tls_tests;
