//! The refusals the apps show read in Chinese: every store refusal, and a photo refused for its format.

use super::*;
use ruhu_domain::imaging::ImagingError;

#[test]
fn every_store_refusal_reads_in_chinese() {
    use ruhu_store::{BundleRefusal as B, SyncFault as S};
    let reasons = [
        B::NotABundle,
        B::Damaged,
        B::IncompatibleVersion,
        B::OtherCounty,
        B::TooLarge,
        B::UnknownKind,
        B::KindMismatch,
        B::IdMismatch,
        B::PolicyNotHandedOver,
    ]
    .map(|b| match ApiError::from(StoreError::Bundle(b)) {
        ApiError::BundleRefused { reason } => reason,
        other => panic!("{other:?}"),
    });
    let faults = [
        S::FeedWentBackwards,
        S::OtherCounty,
        S::ChangeDoesNotDecode,
        S::UnknownKind,
        S::KindMismatch,
    ]
    .map(|f| match ApiError::from(StoreError::Sync(f)) {
        ApiError::SyncFailed { reason, retry } => {
            assert!(!retry);
            reason
        }
        other => panic!("{other:?}"),
    });
    for text in reasons.iter().chain(&faults) {
        assert!(!text.is_empty());
        assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "{text}");
    }
    assert_ne!(
        reasons[1], reasons[3],
        "damaged and another county read differently"
    );
}

#[test]
fn a_refused_photo_is_explained_without_english() {
    for bytes in [
        &b"plain text"[..],
        b"",
        b"GIF89a....",
        b"\0\0\0\x18ftypmp42xxxx",
    ] {
        let err = ruhu_domain::imaging::sniff(bytes).unwrap_err();
        let reason = photo_reason(&err);
        // Only the format names JPEG and the like are Latin letters.
        let words: String = reason
            .replace("JPEG", "")
            .replace("HEIC/HEIF", "")
            .replace("GIF", "")
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
        assert!(words.is_empty(), "{reason}");
    }
    assert!(
        photo_reason(&ImagingError::Unsupported(
            ruhu_domain::imaging::OtherFormat::NotAnImage
        ))
        .starts_with("这个文件不是照片")
    );
}
