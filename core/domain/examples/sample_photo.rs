//! Writes a generated camera-like JPEG (a drawn scene, with EXIF capture time and GPS) to the
//! path given, for walk-throughs of the photo commands. Real photographs are what the
//! benchmark uses.
//!
//! `cargo run --example sample_photo -- house.jpg`

use ruhu_domain::imaging::sample::{camera_jpeg, exif_block, scene};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: sample_photo <output.jpg>");
        std::process::exit(2);
    };
    let now = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
        .format("%Y:%m:%d %H:%M:%S")
        .to_string();
    let jpeg = camera_jpeg(
        &scene(2400, 1800, 7),
        Some(exif_block(
            1,
            &now,
            Some("+08:00"),
            Some((37.4345, 118.6752)),
        )),
    );
    if let Err(e) = std::fs::write(&path, jpeg) {
        eprintln!("cannot write {path}: {e}");
        std::process::exit(1);
    }
}
