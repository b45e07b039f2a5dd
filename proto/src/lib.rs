//! The contract between Ruhu devices and the county: protobuf messages, the protocol version.
//! No I/O.

/// The protocol version this build speaks. A reader refuses messages from other versions.
pub const PROTOCOL_VERSION: u32 = 1;

/// Magic string at the start of every sealed bundle.
pub const BUNDLE_MAGIC: &str = "ruhu-bundle";

/// Messages of package `ruhu.v1`, generated from `proto/ruhu/v1/*.proto`.
#[allow(missing_docs, clippy::all)]
pub mod v1 {
    include!(concat!(env!("OUT_DIR"), "/ruhu.v1.rs"));
}

pub use prost::Message;
