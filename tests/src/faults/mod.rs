//! Fault schedules: many seeded runs of phones and county instances under a fault-injecting
//! proxy, kills of every process and a restored backup, each held against a model of what
//! must survive. `tests/tests/faults.rs` runs a fixed set; `ruhu-soak` runs fresh seeds and
//! writes a report.

pub mod agent;
pub mod check;
pub mod cluster;
mod conflicts;
pub mod proxy;
pub mod report;
pub mod run;
pub mod workload;
