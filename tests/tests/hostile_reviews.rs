//! Photo reviews belong to supervisors. A grid worker's phone turned hostile, over raw HTTP with
//! hand-built automerge changes, tries to approve its own photos: a photo added already
//! approved, the supervisor's retake request overwritten, a review cleared. Each is refused
//! as a step the role may not take, nothing of it is stored, and the worker's honest retake (a
//! new photo naming the old one) goes through.

use ruhu_core::RuhuStore;
use ruhu_core::enums::{PhotoKind, Relation, ReviewStatus, Sex};
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_domain::document;
use ruhu_domain::household::Household;
use ruhu_domain::imaging::sample::{camera_jpeg, scene};
use ruhu_domain::photo::ReviewStatus as DomainReview;
use ruhu_proto::v1::ErrorCode;
use ruhu_tests::attacker::{Attacker, Forged, healthy};
use ruhu_tests::{TestCounty, member, profile};

fn input() -> PhotoInput {
    PhotoInput {
        kind: PhotoKind::IdCard,
        caption: "身份证正面".into(),
        location: None,
    }
}

/// A household in G01-1 with one ID-card photo the supervisor sent back for a retake, synced
/// everywhere; returns the household and the photo's id.
fn retake_asked(
    county: &TestCounty,
    dir: &std::path::Path,
) -> (String, String, std::sync::Arc<RuhuStore>) {
    let worker = county.phone(dir, "w-h", &["G01-1"]);
    let h = worker
        .create_household(
            profile("G01-1"),
            vec![member("卢桂芬", Relation::Head, Sex::Female, "1958-03-03")],
        )
        .unwrap();
    let target = PhotoTarget::Household {
        household_id: h.clone(),
    };
    let p = worker
        .add_photo(
            target.clone(),
            input(),
            camera_jpeg(&scene(1600, 1200, 41), None),
        )
        .unwrap();
    worker.sync(None).unwrap();
    let supervisor = county.supervisor_phone(dir, "s-h");
    supervisor.sync(None).unwrap();
    supervisor
        .review_photo(
            target,
            p.photo_id.clone(),
            ReviewStatus::RetakeNeeded,
            "号码看不清".into(),
        )
        .unwrap();
    supervisor.sync(None).unwrap();
    worker.sync(None).unwrap();
    (h, p.photo_id, worker)
}

/// One hand-made edit of the household's evidence.
type Forgery<'a> = Box<dyn Fn(&mut Household) + 'a>;

#[test]
fn a_grid_workers_device_cannot_approve_or_clear_a_photo_review() {
    let county = TestCounty::start();
    let dir = tempfile::tempdir().unwrap();
    let (h, photo_id, worker) = retake_asked(&county, dir.path());
    let held = county.change_count();
    let mut attacker = Attacker::grid_worker(&county, "w-667", &["G01-1"]);
    attacker.pull();

    let forgeries: [(&str, Forgery); 3] = [
        (
            "the retake request overwritten with an approval",
            Box::new(|hh: &mut Household| {
                let m = hh.evidence.get_mut(&photo_id).unwrap();
                m.review = DomainReview::Approved;
                m.review_reason.clear();
                m.reviewed_by = "s-h".into();
            }),
        ),
        (
            "the review cleared back to pending",
            Box::new(|hh: &mut Household| {
                let m = hh.evidence.get_mut(&photo_id).unwrap();
                m.review = DomainReview::Pending;
                m.review_reason.clear();
            }),
        ),
        (
            "a new photo that arrives approved",
            Box::new(|hh: &mut Household| {
                let mut m = hh.evidence[&photo_id].clone();
                m.review = DomainReview::Approved;
                m.review_reason.clear();
                m.reviewed_by = "s-h".into();
                m.reviewed_at = Some(chrono::Utc::now());
                hh.evidence
                    .insert("a0000000000000000000000000000001".into(), m);
            }),
        ),
    ];
    for (what, forge) in forgeries {
        let mut f = Forged::from_county(&county, &h, "household", attacker.actor.clone());
        f.edit(|doc| {
            let mut hh: Household = document::read(doc).unwrap();
            forge(&mut hh);
            document::write(doc, &hh).unwrap();
        });
        let answer = attacker.sync(vec![f.take()]);
        assert_eq!(
            answer.refused_code(),
            ErrorCode::RoleMayNot,
            "{what}: {answer:?}"
        );
        assert!(
            answer.refused_message().contains("县级督导"),
            "{what}: {answer:?}"
        );
    }
    assert!(healthy(&attacker.base));
    assert_eq!(county.change_count(), held, "nothing of it was stored");
    let stored: Household = document::read(&county.document(&h)).unwrap();
    assert_eq!(
        stored.evidence[&photo_id].review,
        DomainReview::RetakeNeeded
    );
    assert_eq!(stored.evidence.len(), 1);

    // The honest answer: a new photo naming the old one, taken on the worker's phone.
    let again = worker
        .retake_photo(
            PhotoTarget::Household {
                household_id: h.clone(),
            },
            photo_id.clone(),
            input(),
            camera_jpeg(&scene(1600, 1200, 42), None),
        )
        .unwrap();
    let report = worker.sync(None).unwrap();
    assert_eq!(report.documents_refused, 0, "{report:?}");
    let stored: Household = document::read(&county.document(&h)).unwrap();
    assert_eq!(stored.evidence[&again.photo_id].retake_of, photo_id);
    assert_eq!(
        stored.evidence[&again.photo_id].review,
        DomainReview::Pending
    );
    assert_eq!(
        stored.evidence[&photo_id].review,
        DomainReview::RetakeNeeded
    );
}
