//! Photo benchmark on real photographs (see `scripts/bench-photos.sh`, which fetches them):
//! the whole capture pipeline per photo (decode, orientation, scale to the long edge, encode,
//! thumbnail, hashes), stored sizes at 1,600 px, then upload throughput to a county store over
//! loopback and the overhead of resuming an upload whose answers were cut off.
//!
//! `RUHU_PHOTO_DIR=<folder of JPEG/PNG files> cargo bench --workspace --bench photos`

use std::sync::Arc;
use std::time::Instant;

use ruhu_core::enums::{PhotoKind, Relation, Sex};
use ruhu_core::photos::{PhotoInput, PhotoTarget};
use ruhu_domain::imaging::{self, PhotoSettings};
use ruhu_tests::{FlakyProxy, TestCounty, member, profile};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

struct CutOnce {
    proxy: Arc<FlakyProxy>,
    armed: std::sync::atomic::AtomicBool,
}

impl ruhu_core::sync::SyncListener for CutOnce {
    fn on_progress(&self, p: ruhu_core::sync::SyncProgress) -> bool {
        if p.more && self.armed.swap(false, std::sync::atomic::Ordering::SeqCst) {
            self.proxy.cut_next(1);
        }
        true
    }
}

fn main() {
    let dir = std::env::var("RUHU_PHOTO_DIR")
        .expect("RUHU_PHOTO_DIR: a folder of photographs (scripts/bench-photos.sh fetches them)");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("photo folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jpg" | "jpeg" | "png"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no photos in {dir}");
    let settings = PhotoSettings::default();
    let mut per_photo = Vec::new();
    let mut per_mp = Vec::new();
    let mut stored = Vec::new();
    let mut thumbs = Vec::new();
    let mut twelve_mp = Vec::new();
    let mut with_exif_time = 0;
    let mut with_gps = 0;
    let mut inputs = Vec::new();
    println!(
        "photo pipeline on {} real photographs from {dir}:",
        files.len()
    );
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        // Warm once, then time the best of three (the machine is shared with the build).
        let first = imaging::process(&bytes, &settings);
        let Ok(p) = first else {
            println!("  {}: refused ({:?})", path.display(), first.err());
            continue;
        };
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let again = imaging::process(&bytes, &settings).expect("pipeline");
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(again.sha256, p.sha256, "deterministic");
        }
        let mp = (p.source_width as f64 * p.source_height as f64) / 1e6;
        println!(
            "  {:<40} {:>5}x{:<5} {:>5.1} MP {:>7} KB in -> {:>4}x{:<4} {:>4} KB + thumb {:>3} KB  {:>6.1} ms ({:.1} ms/MP){}{}",
            path.file_name().unwrap().to_string_lossy(),
            p.source_width,
            p.source_height,
            mp,
            bytes.len() / 1024,
            p.width,
            p.height,
            p.image.len() / 1024,
            p.thumbnail.len() / 1024,
            best,
            best / mp,
            if p.camera.taken_at.is_some() {
                "  time"
            } else {
                ""
            },
            if p.camera.location.is_some() {
                "  gps"
            } else {
                ""
            },
        );
        with_exif_time += usize::from(p.camera.taken_at.is_some());
        with_gps += usize::from(p.camera.location.is_some());
        if (11.0..=13.0).contains(&mp) {
            twelve_mp.push(best);
        }
        per_photo.push(best);
        per_mp.push(best / mp);
        stored.push(p.image.len() as f64 / 1024.0);
        thumbs.push(p.thumbnail.len() as f64 / 1024.0);
        inputs.push(bytes);
    }
    for v in [
        &mut per_photo,
        &mut per_mp,
        &mut stored,
        &mut thumbs,
        &mut twelve_mp,
    ] {
        v.sort_by(|a, b| a.total_cmp(b));
    }
    println!(
        "pipeline: median {:.1} ms, p95 {:.1} ms per photo; median {:.1} ms per megapixel (12 MP at that rate: {:.0} ms)",
        percentile(&per_photo, 0.5),
        percentile(&per_photo, 0.95),
        percentile(&per_mp, 0.5),
        percentile(&per_mp, 0.5) * 12.0
    );
    if !twelve_mp.is_empty() {
        println!(
            "12 MP photographs ({}): median {:.1} ms, slowest {:.1} ms",
            twelve_mp.len(),
            percentile(&twelve_mp, 0.5),
            percentile(&twelve_mp, 1.0)
        );
    }
    println!(
        "stored at {} px: median {:.0} KB, p95 {:.0} KB; thumbnails median {:.0} KB; EXIF time in {with_exif_time}, GPS in {with_gps} of {}",
        settings.long_edge,
        percentile(&stored, 0.5),
        percentile(&stored, 0.95),
        percentile(&thumbs, 0.5),
        per_photo.len()
    );

    // Upload: one phone, every photo, to a county store over loopback.
    let county = TestCounty::start();
    let tmp = tempfile::tempdir().expect("tempdir");
    let phone = county.phone(tmp.path(), "w-bench", &["G01-1"]);
    let h = phone
        .create_household(
            profile("G01-1"),
            vec![member("测试户主", Relation::Head, Sex::Male, "1970-01-01")],
        )
        .expect("household");
    let take = |phone: &ruhu_core::RuhuStore, bytes: &[u8]| {
        phone
            .add_photo(
                PhotoTarget::Household {
                    household_id: h.clone(),
                },
                PhotoInput {
                    kind: PhotoKind::House,
                    caption: String::new(),
                    location: None,
                },
                bytes.to_vec(),
            )
            .expect("photo")
    };
    for bytes in &inputs {
        take(&phone, bytes);
    }
    let t = Instant::now();
    let report = phone.sync(None).expect("sync");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "upload over loopback (with the document sync before it): {} files, {:.0} KB in {:.2} s = {:.1} MB/s, {} round trips",
        report.photos_sent,
        report.photo_bytes_sent as f64 / 1024.0,
        secs,
        report.photo_bytes_sent as f64 / 1e6 / secs.max(1e-9),
        report.round_trips
    );

    // Resume: the answer to the first chunk of a file is cut off; the phone probes and goes on.
    // A county of its own, which holds none of these files yet.
    let county = TestCounty::start();
    let proxy = Arc::new(FlakyProxy::start(&county.url()));
    let cut = county.phone_at(&proxy.url, tmp.path(), "w-cut", &["G01-1"]);
    let hc = cut
        .create_household(
            profile("G01-1"),
            vec![member(
                "测试户主",
                Relation::Head,
                Sex::Female,
                "1971-01-01",
            )],
        )
        .expect("household");
    let mut expected = 0u64;
    let mut clean_round_trips = 1u64; // the document sync
    for bytes in inputs.iter().take(3) {
        let p = cut
            .add_photo(
                PhotoTarget::Household {
                    household_id: hc.clone(),
                },
                PhotoInput {
                    kind: PhotoKind::Damage,
                    caption: String::new(),
                    location: None,
                },
                bytes.to_vec(),
            )
            .expect("photo");
        let thumb = cut.photo_file(p.thumb_sha256).expect("thumb").len() as u64;
        expected += p.bytes + thumb;
        let chunk = 256 * 1024;
        clean_round_trips += 2 + p.bytes.div_ceil(chunk) + thumb.div_ceil(chunk);
    }
    let listener = Arc::new(CutOnce {
        proxy: proxy.clone(),
        armed: std::sync::atomic::AtomicBool::new(true),
    });
    let t = Instant::now();
    let resumed = cut.sync(Some(listener)).expect("sync");
    println!(
        "resume after a cut-off answer: {} files, {} bytes sent for {} bytes of files (overhead {} bytes), {} round trips where a clean upload takes {}, {:.2} s including the retry backoff",
        resumed.photos_sent,
        resumed.photo_bytes_sent,
        expected,
        resumed.photo_bytes_sent as i64 - expected as i64,
        resumed.round_trips,
        clean_round_trips,
        t.elapsed().as_secs_f64()
    );
}
