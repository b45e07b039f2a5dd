//! Changes written under another device's actor: a colleague's next sequence number, a revoked
//! colleague's actor.

use super::*;

#[test]
fn a_change_squatting_a_colleagues_next_sequence_number_is_removed_when_the_colleague_syncs() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let colleague = county.phone(dir.path(), "w-c", &["G01-1"]);
    let h = household(&colleague, "G01-1", "邹凤兰");
    colleague.sync(None).unwrap();
    let mut attacker = Attacker::grid_worker(&county, "w-669", &["G01-1"]);
    attacker.pull();
    let victim_actor = county.document(&h).get_changes(&[])[0].actor_id().clone();

    // Under the county's actor: refused.
    let county_actor = county
        .county
        .transaction(ruhu_county::db::Access::Appends, |tx, _| {
            ruhu_county::actor::county_actor(tx)
        })
        .unwrap();
    let mut as_county = Forged::from_county(&county, &h, "household", county_actor.clone());
    as_county.edit(|doc| {
        use automerge::transaction::Transactable;
        doc.put(automerge::ROOT, "note", "county").unwrap();
    });
    assert_eq!(
        attacker.sync(vec![as_county.take()]).refused_code(),
        ErrorCode::ForgedActor
    );
    // Enrolling with the county's actor is never granted.
    let req = v1::EnrollRequest {
        protocol_version: ruhu_proto::PROTOCOL_VERSION,
        code: county.code("w-670", &["G01-1"]),
        device_label: "reprogrammed phone".into(),
        actor_id: county_actor.to_bytes().to_vec(),
    };
    let granted: v1::EnrollResponse = ruhu_tests::attacker::post(
        &format!("{}/v1/enroll", county.url()),
        None,
        req.encode_to_vec(),
    )
    .accepted();
    assert_ne!(granted.actor_id, county_actor.to_bytes());

    // Under the colleague's actor, at the colleague's next sequence number.
    let mut squat = Forged::from_county(&county, &h, "household", victim_actor.clone());
    squat.edit(|doc| {
        let mut hh: Household = document::read(doc).unwrap();
        hh.profile.address.detail = "9组9号".into();
        document::write(doc, &hh).unwrap();
    });
    let squat_hash = squat.doc.get_heads()[0];
    let _ = attacker.sync(vec![squat.take()]);
    assert!(healthy(&attacker.base));

    // The colleague's own next change is accepted whatever the squat did, and wins.
    colleague
        .update_household(h.clone(), {
            let mut p = profile("G01-1");
            p.address_detail = "1组2号".into();
            p
        })
        .unwrap();
    colleague.sync(None).unwrap();
    let held: Household = document::read(&county.document(&h)).unwrap();
    assert_eq!(held.profile.address.detail, "1组2号");
    assert!(
        county
            .document(&h)
            .get_change_by_hash(&squat_hash)
            .is_none()
    );
    // And keeps syncing.
    colleague.sync(None).unwrap();
}

#[test]
fn a_change_relayed_under_a_revoked_colleagues_actor_is_refused() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let colleague = county.phone(dir.path(), "w-r", &["G01-1"]);
    let h = household(&colleague, "G01-1", "庞秀梅");
    colleague.sync(None).unwrap();
    let mut attacker = Attacker::grid_worker(&county, "w-671", &["G01-1"]);
    attacker.pull();
    let colleague_actor = county.document(&h).get_changes(&[])[0].actor_id().clone();
    for device in county.devices_of("w-r") {
        assert!(county.revoke(&device));
    }
    let held = county.change_count();
    let mut relayed = Forged::from_county(&county, &h, "household", colleague_actor);
    relayed.edit(|doc| {
        let mut hh: Household = document::read(doc).unwrap();
        hh.profile.address.detail = "8组8号".into();
        document::write(doc, &hh).unwrap();
    });
    let answer = attacker.sync(vec![relayed.take()]);
    assert_eq!(answer.refused_code(), ErrorCode::ForgedActor);
    assert!(healthy(&attacker.base));
    assert_eq!(county.change_count(), held);
    // The attacker's own honest sync still works.
    attacker.sync(Vec::new()).accepted();
}
