//! Ruhu's county store: the sync server phones merge their work with, device enrollment, and
//! the embedded database. The console for supervisors comes with its own issue.

pub mod blobs;
pub mod cases;
pub mod console;
pub mod db;
pub mod demo;
pub mod edit;
pub mod enroll;
pub mod error;
pub mod gate;
mod grids;
pub mod headers;
mod judge;
pub mod keyfile;
pub mod photos;
mod placement;
pub mod policy;
pub mod serve;
pub mod server;
pub mod sync;
pub mod transfer;
pub mod xlsx;
