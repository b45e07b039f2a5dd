//! The reasons a store operation fails, as enums: the FFI maps each to the worker's words with
//! one `match`, so nothing is ever recognized by its message text. The `Display` texts are for
//! logs (English, never personal data).

use ruhu_domain::document::DocKind;

/// What was looked for and not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Missing {
    /// A household document.
    #[error("household")]
    Household,
    /// A case document.
    #[error("case")]
    Case,
    /// The county policy document.
    #[error("policy")]
    Policy,
    /// A document of a kind not known yet (by id).
    #[error("document")]
    Document,
    /// A member of a household.
    #[error("member")]
    Member,
    /// A supporter of a household.
    #[error("supporter")]
    Supporter,
    /// A conflict to settle.
    #[error("conflict")]
    Conflict,
    /// A photo or its file.
    #[error("photo")]
    Photo,
}

impl From<DocKind> for Missing {
    fn from(kind: DocKind) -> Self {
        match kind {
            DocKind::Household => Missing::Household,
            DocKind::Case => Missing::Case,
            DocKind::Policy => Missing::Policy,
        }
    }
}

/// Why a handover bundle was refused (nothing of it is imported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BundleRefusal {
    /// The file is not a bundle at all.
    #[error("not a bundle file")]
    NotABundle,
    /// The digest does not match the body.
    #[error("damaged or altered")]
    Damaged,
    /// Written by an app of another protocol version.
    #[error("from an incompatible app version")]
    IncompatibleVersion,
    /// Made in another county.
    #[error("from another county")]
    OtherCounty,
    /// Past the bundle size limit.
    #[error("too large")]
    TooLarge,
    /// A document of a kind this version does not know.
    #[error("unknown document kind")]
    UnknownKind,
    /// A document whose content is of another kind than it says.
    #[error("document kind does not match")]
    KindMismatch,
    /// A document whose id is not the one its entry names.
    #[error("document id does not match")]
    IdMismatch,
    /// The county policy travels only from the county.
    #[error("the county policy is not handed over")]
    PolicyNotHandedOver,
}

/// Why what the county sent could not be applied (nothing of that response is kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SyncFault {
    /// The county's feed cursor is behind the phone's (restored from a backup).
    #[error("the county's feed went backwards")]
    FeedWentBackwards,
    /// A document of another county.
    #[error("a document from another county")]
    OtherCounty,
    /// A change that does not decode.
    #[error("a change from the county does not decode")]
    ChangeDoesNotDecode,
    /// A document of a kind this version does not know.
    #[error("unknown document kind")]
    UnknownKind,
    /// A document whose content is of another kind than it says.
    #[error("document kind does not match")]
    KindMismatch,
}

/// Why a photo file could not be written or read back intact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoFileFault {
    /// The photo folder cannot be written or read.
    #[error("the photo folder cannot be written or read")]
    Folder,
    /// The sealed file does not open or its content is not its hash.
    #[error("a photo file is damaged")]
    Damaged,
    /// No randomness for the encryption nonce.
    #[error("no randomness for encryption")]
    NoRandomness,
}
