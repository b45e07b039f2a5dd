//! Ruhu's domain: the 救急难 household survey model, validation and derived state, its automerge
//! documents, the case rules, policy, calendar, warnings and imaging. No I/O: the phone and the
//! county both build on it.

pub mod calendar;
pub mod case;
pub mod document;
pub mod economics;
pub mod geo;
pub mod household;
pub mod id_number;
pub mod imaging;
pub mod member;
pub mod money;
pub mod names;
pub mod photo;
pub mod policy;
pub mod sample;
pub mod scope;
pub mod sealed;
pub mod validation;
pub mod warnings;
