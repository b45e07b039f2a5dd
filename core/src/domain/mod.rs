//! The domain: model types, validation and derived state. No I/O.

pub mod calendar;
pub mod case;
pub mod economics;
pub mod geo;
pub mod household;
pub mod id_number;
pub mod member;
pub mod money;
pub mod names;
pub mod photo;
pub mod policy;
pub mod sample;
pub mod validation;
pub mod warnings;
