//! Writes a generated camera-like JPEG (a drawn scene, with EXIF capture time and GPS) to the
//! path given, for walk-throughs of the photo commands and for the phone suites that need
//! camera bytes (each seed draws a different scene). Real photographs are what the benchmark
//! uses.
//!
//! `cargo run --example sample_photo -- house.jpg [seed [width height]]`

use ruhu_domain::imaging::sample::{camera_jpeg, exif_block, scene};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: sample_photo <output.jpg> [seed [width height]]");
        std::process::exit(2);
    };
    let number = |i: usize, default: u32| -> u32 {
        match args.get(i) {
            None => default,
            Some(text) => text.parse().unwrap_or_else(|_| {
                eprintln!("not a number: {text}");
                std::process::exit(2);
            }),
        }
    };
    let (seed, width, height) = (number(1, 7), number(2, 2400), number(3, 1800));
    if !(16..=8000).contains(&width) || !(16..=8000).contains(&height) {
        eprintln!("width and height must be 16 to 8000 pixels");
        std::process::exit(2);
    }
    let now = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
        .format("%Y:%m:%d %H:%M:%S")
        .to_string();
    let jpeg = camera_jpeg(
        &scene(width, height, seed),
        Some(exif_block(
            1,
            &now,
            Some("+08:00"),
            Some((37.4345, 118.6752)),
        )),
    );
    if let Err(e) = std::fs::write(path, jpeg) {
        eprintln!("cannot write {path}: {e}");
        std::process::exit(1);
    }
}
