//! SQLite plumbing shared by the phone store and the county: one SQLCipher opener, one
//! migration runner keyed on `PRAGMA user_version`, and a test helper that checks an upgraded
//! database has the schema of a fresh one.
//!
//! It depends on no other Ruhu crate, so both sides of the layering may use it.

mod cipher;
mod error;
mod migrate;
pub mod schema;
mod space;

pub use cipher::{Access, Key, open};
pub use error::SqliteError;
pub use migrate::{Apply, Step, migrate, migrate_to, newest, version};
pub use space::out_of_space;
