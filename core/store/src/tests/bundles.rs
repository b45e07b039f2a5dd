//! Bundles between stores: exchange and settle, refusals that store nothing.

use crate::faults::BundleRefusal;
use serde_json::json;

use super::{KEY, named, now, open, profile, search};
use crate::{HouseholdFilter, Store, StoreError, WorkerProfile};
use ruhu_domain::document::DocKind;
use ruhu_domain::household::Household;
use ruhu_domain::money::Money;
use ruhu_domain::sample;

#[test]
fn two_stores_exchange_bundles_and_settle_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let a = open(&dir.path().join("a.db"), "w1");
    let b = open(&dir.path().join("b.db"), "w2");
    let h = named(40, "郑七");
    a.create(&h.id, &h, now()).unwrap();
    let report = b
        .import_bundle(&a.export_bundle(std::slice::from_ref(&h.id), now()).unwrap())
        .unwrap();
    assert_eq!(report.created, 1);
    assert_eq!(search(&b, "zq"), ["郑七"]);

    a.update::<Household>(&h.id, "edit", now(), |h| {
        h.economics.income.wage = Money::from_yuan(11_000);
        h.profile.contact_phone = "13811112222".into();
        Ok(())
    })
    .unwrap();
    b.update::<Household>(&h.id, "edit", now(), |h| {
        h.economics.income.wage = Money::from_yuan(15_000);
        h.economics.debts = Money::from_yuan(3_000);
        Ok(())
    })
    .unwrap();
    let to_b = a.export_bundle(std::slice::from_ref(&h.id), now()).unwrap();
    let to_a = b.export_bundle(std::slice::from_ref(&h.id), now()).unwrap();
    assert_eq!(b.import_bundle(&to_b).unwrap().new_conflicts, 1);
    assert_eq!(a.import_bundle(&to_a).unwrap().new_conflicts, 1);
    assert_eq!(a.import_bundle(&to_a).unwrap().unchanged, 1);

    for s in [&a, &b] {
        let merged: Household = s.get(&h.id).unwrap();
        assert_eq!(merged.profile.contact_phone, "13811112222");
        assert_eq!(merged.economics.debts, Money::from_yuan(3_000));
    }
    let (_, doc) = a.document(&h.id, DocKind::Household).unwrap();
    let conflict = ruhu_domain::document::conflicts::list(&doc).remove(0);
    a.settle(
        &h.id,
        DocKind::Household,
        &conflict.path,
        &json!(1_500_000),
        now(),
    )
    .unwrap();
    b.import_bundle(&a.export_bundle(std::slice::from_ref(&h.id), now()).unwrap())
        .unwrap();
    for s in [&a, &b] {
        let (_, doc) = s.document(&h.id, DocKind::Household).unwrap();
        assert!(ruhu_domain::document::conflicts::list(&doc).is_empty());
        assert_eq!(
            s.get::<Household>(&h.id).unwrap().economics.income.wage,
            Money::from_yuan(15_000)
        );
    }
}

#[test]
fn foreign_damaged_and_unreadable_bundles_are_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let a = open(&dir.path().join("a.db"), "w1");
    let h = named(50, "冯八");
    a.create(&h.id, &h, now()).unwrap();
    let bundle = a.export_bundle(std::slice::from_ref(&h.id), now()).unwrap();

    let other = Store::open(&dir.path().join("o.db"), &KEY).unwrap();
    other
        .set_profile(&WorkerProfile {
            county_code: "370502".into(),
            ..profile("x")
        })
        .unwrap();
    assert!(matches!(
        other.import_bundle(&bundle),
        Err(StoreError::Bundle(BundleRefusal::OtherCounty))
    ));

    let b = open(&dir.path().join("b.db"), "w2");
    let mut tampered = bundle.clone();
    let n = tampered.len();
    tampered[n - 40] ^= 1;
    assert!(matches!(
        b.import_bundle(&tampered),
        Err(StoreError::Bundle(_))
    ));
    assert!(matches!(
        b.import_bundle(b"not a bundle at all"),
        Err(StoreError::Bundle(_))
    ));
    assert!(
        b.households(
            &HouseholdFilter {
                limit: 10,
                ..Default::default()
            },
            now()
        )
        .unwrap()
        .is_empty()
    );
}

#[test]
fn a_bundle_holding_values_from_a_newer_app_is_refused_and_nothing_is_stored() {
    use automerge::{ROOT, ReadDoc, transaction::Transactable};
    use ruhu_proto::{BUNDLE_MAGIC, Message, PROTOCOL_VERSION, v1};
    use sha2::{Digest, Sha256};

    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("s.db"), "w1");
    let h = named(70, "褚十");
    let mut doc = ruhu_domain::document::create(&h, automerge::ActorId::random(), now()).unwrap();
    let (_, members) = doc.get(ROOT, "members").unwrap().unwrap();
    let (_, head) = doc.get(&members, "head-70").unwrap().unwrap();
    doc.put(&head, "work", "gig_platform").unwrap();
    let body = v1::Bundle {
        protocol_version: PROTOCOL_VERSION,
        county_code: sample::COUNTY_CODE.into(),
        created_at_unix: 0,
        documents: vec![v1::BundleDocument {
            document_id: h.id.clone(),
            kind: "household".into(),
            automerge: doc.save(),
        }],
    }
    .encode_to_vec();
    let sealed = v1::SealedBundle {
        magic: BUNDLE_MAGIC.into(),
        sha256: Sha256::digest(&body).to_vec(),
        bundle: body,
    };
    let err = s.import_bundle(&sealed.encode_to_vec()).unwrap_err();
    assert!(
        matches!(err, StoreError::Doc(ruhu_domain::document::DocError::NewerVersion { ref code }) if code == "gig_platform"),
        "{err:?}"
    );
    assert!(matches!(
        s.get::<Household>(&h.id),
        Err(StoreError::NotFound(_))
    ));
}

/// Found by fuzzing (fuzz/findings): a sealed bundle whose document is an 88-byte crafted change
/// that makes automerge 0.12 panic. It is a damaged bundle: refused whole, and the store works on.
#[test]
fn a_bundle_whose_change_makes_automerge_panic_is_refused_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let s = open(&dir.path().join("a.db"), "w1");
    let crafted = include_bytes!("../../../../fuzz/findings/bundle-automerge_panic-batch_rs_1121");
    assert!(matches!(
        s.import_bundle(crafted),
        Err(StoreError::Bundle(BundleRefusal::Damaged))
    ));
    let h = named(1, "王秀英");
    s.create(&h.id, &h, now()).unwrap();
    assert_eq!(search(&s, "王秀英"), ["王秀英"]);
}
