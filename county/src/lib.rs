//! Ruhu's county store: the sync server phones merge their work with, device enrollment, and
//! the embedded database. The console for supervisors comes with its own issue.

pub mod actor;
pub mod backup;
pub mod blobs;
pub mod cases;
pub mod console;
pub mod db;
pub mod demo;
pub mod documents;
pub mod edit;
pub mod enroll;
pub mod error;
pub mod gate;
pub mod headers;
pub mod keyfile;
#[cfg(test)]
mod module_graph;
pub mod photos;
pub mod policy;
pub mod restore;
pub mod roles;
pub mod serve;
pub mod server;
pub mod serving;
pub mod state;
pub mod sync;
pub mod transfer;
pub mod xlsx;
