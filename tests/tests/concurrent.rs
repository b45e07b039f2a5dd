//! Many phones writing the same household at the same moment, through every county instance
//! of the run (two sharing one PostgreSQL when the environment says so): nothing is lost.

use automerge::{ActorId, AutoCommit, Change};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::sample::SampleRng;
use ruhu_engine::client::CountyClient;
use ruhu_proto::v1;
use ruhu_tests::{TestCounty, first_request, household_changes};

#[test]
fn phones_writing_one_household_at_once_through_several_instances_lose_nothing() {
    let county = TestCounty::start();
    eprintln!("backend: {}", ruhu_tests::backend_name());
    let phones = 8;
    let enrolled: Vec<_> = (0..phones)
        .map(|i| {
            let client = CountyClient::new(&county.url()).unwrap();
            let e = client
                .enroll(&county.code(&format!("w-c{i}"), &["G01-1"]), "probe", &[])
                .unwrap();
            (client, e)
        })
        .collect();
    let mut rng = SampleRng::new(17);
    let base = household_changes(
        &mut rng,
        ActorId::from(enrolled[0].1.actor_id.as_slice()),
        "G01-1",
    );
    let (client, first) = &enrolled[0];
    client
        .sync(&first.token, &first_request(vec![base.clone()]))
        .unwrap();
    let mut base_doc = AutoCommit::new();
    base_doc
        .apply_changes(
            base.changes
                .iter()
                .map(|b| Change::from_bytes(b.clone()).unwrap()),
        )
        .unwrap();
    let base_heads = base_doc.get_heads();
    let before: Household = document::read(&base_doc).unwrap();

    // Each phone adds a member offline, on top of the same base.
    let requests: Vec<v1::SyncRequest> = enrolled
        .iter()
        .enumerate()
        .map(|(i, (_, e))| {
            let mut doc = base_doc
                .fork()
                .with_actor(ActorId::from(e.actor_id.as_slice()));
            let mut h: Household = document::read(&doc).unwrap();
            let mut m = h.members.values().next().unwrap().clone();
            m.name = ruhu_domain::sample::name(&mut SampleRng::new(i as u64));
            m.id_number = None;
            m.relation = ruhu_domain::member::Relation::Child;
            h.members.insert(member_id(i), m);
            document::write(&mut doc, &h).unwrap();
            document::commit(&mut doc, "add member", chrono::Utc::now());
            v1::SyncRequest {
                cursor: 0,
                ..first_request(vec![v1::DocumentChanges {
                    document_id: base.document_id.clone(),
                    kind: "household".into(),
                    changes: doc
                        .get_changes(&base_heads)
                        .into_iter()
                        .map(|c| c.raw_bytes().to_vec())
                        .collect(),
                }])
            }
        })
        .collect();
    let barrier = std::sync::Barrier::new(phones);
    std::thread::scope(|scope| {
        for ((client, e), req) in enrolled.iter().zip(&requests) {
            let barrier = &barrier;
            scope.spawn(move || {
                barrier.wait();
                client.sync(&e.token, req).unwrap();
            });
        }
    });

    let held: Household = document::read(&county.document(&base.document_id)).unwrap();
    assert_eq!(held.members.len(), before.members.len() + phones);
    for i in 0..phones {
        assert!(held.members.contains_key(&member_id(i)), "{i}");
    }
    assert_eq!(
        county.change_count() as usize,
        base.changes.len() + phones,
        "each change stored once"
    );
    // A phone that missed all of it receives every change through the feed.
    let (late_client, late) = &enrolled[phones - 1];
    let (resp, _, _) = late_client
        .sync(&late.token, &first_request(vec![]))
        .unwrap();
    let received: usize = resp.changes.iter().map(|d| d.changes.len()).sum();
    assert_eq!(received, base.changes.len() + phones - 1, "all but its own");
}

/// The id of the member phone `i` adds, shaped as the phone makes ids.
fn member_id(i: usize) -> String {
    format!("00000000-0000-4000-8000-{i:012x}")
}
