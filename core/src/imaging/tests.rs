use super::*;

/// A generated scene: a sky-to-ground gradient with a few solid shapes placed by `seed`.
pub(crate) fn scene(width: u32, height: u32, seed: u32) -> Rgb {
    let (w, h) = (width as usize, height as usize);
    let mut pixels = vec![0u8; w * h * 3];
    let shapes: Vec<(usize, usize, usize, [u8; 3])> = (0..6u32)
        .map(|i| {
            let r = seed
                .wrapping_mul(2_654_435_761)
                .wrapping_add(i.wrapping_mul(40_503));
            (
                (r as usize % w),
                ((r >> 8) as usize % h),
                w.min(h) / 8 + (r >> 16) as usize % (w.min(h) / 6 + 1),
                [(r >> 3) as u8, (r >> 11) as u8, (r >> 19) as u8],
            )
        })
        .collect();
    for y in 0..h {
        for x in 0..w {
            let mut c = [
                (x * 255 / w) as u8,
                (y * 200 / h) as u8 + 30,
                ((x + y) * 127 / (w + h)) as u8 + 60,
            ];
            for (cx, cy, r, col) in &shapes {
                let dx = x as i64 - *cx as i64;
                let dy = y as i64 - *cy as i64;
                if dx * dx + dy * dy < (*r * *r) as i64 {
                    c = *col;
                }
            }
            pixels[(y * w + x) * 3..(y * w + x) * 3 + 3].copy_from_slice(&c);
        }
    }
    Rgb {
        width,
        height,
        pixels,
    }
}

/// A little-endian EXIF block: orientation, DateTimeOriginal (+ offset) and GPS.
pub(crate) fn exif_block(
    orientation: u16,
    taken: &str,
    offset: Option<&str>,
    gps: Option<(f64, f64)>,
) -> Vec<u8> {
    // Entries: (tag, type, count, value bytes); values over 4 bytes go to a data area.
    type Entry = (u16, u16, u32, Vec<u8>);
    fn ascii(s: &str) -> Vec<u8> {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        v
    }
    fn rationals(vals: &[(u32, u32)]) -> Vec<u8> {
        vals.iter()
            .flat_map(|(n, d)| n.to_le_bytes().into_iter().chain(d.to_le_bytes()))
            .collect()
    }
    fn dms(v: f64) -> Vec<u8> {
        let v = v.abs();
        let d = v.trunc();
        let m = ((v - d) * 60.0).trunc();
        let s = ((v - d) * 60.0 - m) * 60.0;
        rationals(&[
            (d as u32, 1),
            (m as u32, 1),
            ((s * 1000.0).round() as u32, 1000),
        ])
    }
    // Layout: header(8) | IFD0 | EXIF IFD | GPS IFD | data
    let mut ifd0: Vec<Entry> = vec![(0x0112, 3, 1, orientation.to_le_bytes().to_vec())];
    let mut exif_ifd: Vec<Entry> = vec![(0x9003, 2, 20, ascii(taken))];
    if let Some(o) = offset {
        exif_ifd.push((0x9011, 2, 7, ascii(o)));
    }
    let gps_ifd: Vec<Entry> = match gps {
        Some((lat, lon)) => vec![
            (0x0001, 2, 2, ascii(if lat < 0.0 { "S" } else { "N" })),
            (0x0002, 5, 3, dms(lat)),
            (0x0003, 2, 2, ascii(if lon < 0.0 { "W" } else { "E" })),
            (0x0004, 5, 3, dms(lon)),
        ],
        None => vec![],
    };
    let ifd_len = |n: usize| 2 + 12 * n + 4;
    let n0 = 1 + 1 + usize::from(!gps_ifd.is_empty());
    let ifd0_at = 8usize;
    let exif_at = ifd0_at + ifd_len(n0);
    let gps_at = exif_at + ifd_len(exif_ifd.len());
    let mut data_at = gps_at
        + if gps_ifd.is_empty() {
            0
        } else {
            ifd_len(gps_ifd.len())
        };
    ifd0.push((0x8769, 4, 1, (exif_at as u32).to_le_bytes().to_vec()));
    if !gps_ifd.is_empty() {
        ifd0.push((0x8825, 4, 1, (gps_at as u32).to_le_bytes().to_vec()));
    }
    let mut out = b"II*\0".to_vec();
    out.extend_from_slice(&(ifd0_at as u32).to_le_bytes());
    let mut data = Vec::new();
    for ifd in [&ifd0, &exif_ifd, &gps_ifd] {
        if ifd.is_empty() {
            continue;
        }
        out.extend_from_slice(&(ifd.len() as u16).to_le_bytes());
        for (tag, ty, count, value) in ifd.iter() {
            out.extend_from_slice(&tag.to_le_bytes());
            out.extend_from_slice(&ty.to_le_bytes());
            out.extend_from_slice(&count.to_le_bytes());
            if value.len() <= 4 {
                let mut v = value.clone();
                v.resize(4, 0);
                out.extend_from_slice(&v);
            } else {
                out.extend_from_slice(&(data_at as u32).to_le_bytes());
                data.extend_from_slice(value);
                data_at += value.len();
            }
        }
        out.extend_from_slice(&0u32.to_le_bytes());
    }
    out.extend_from_slice(&data);
    out
}

/// A camera-like JPEG: the scene encoded, with an APP1 EXIF segment after SOI.
pub(crate) fn camera_jpeg(img: &Rgb, exif: Option<Vec<u8>>) -> Vec<u8> {
    let jpeg = encode_jpeg(img, 92).unwrap();
    let Some(exif) = exif else { return jpeg };
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&exif);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn heic_gif_and_non_images_are_refused_by_name() {
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    assert_eq!(sniff(&heic), Err(ImagingError::Unsupported("HEIC/HEIF")));
    assert_eq!(sniff(b"GIF89a...."), Err(ImagingError::Unsupported("GIF")));
    assert_eq!(sniff(b""), Err(ImagingError::Unsupported("empty file")));
    assert_eq!(
        process(b"%PDF-1.7", &PhotoSettings::default()).unwrap_err(),
        ImagingError::Unsupported("not an image")
    );
}

#[test]
fn a_camera_photo_is_turned_upright_scaled_stripped_and_its_metadata_read() {
    let camera = camera_jpeg(
        &scene(2400, 1800, 1),
        Some(exif_block(
            6,
            "2026:02:16 21:30:05",
            Some("+08:00"),
            Some((37.4345, 118.6752)),
        )),
    );
    let p = process(&camera, &PhotoSettings::default()).unwrap();
    // Orientation 6: the landscape sensor image stands as a portrait.
    assert_eq!((p.width, p.height), (1200, 1600));
    assert_eq!((p.source_width, p.source_height), (2400, 1800));
    assert_eq!(p.camera.orientation, 6);
    assert_eq!(
        p.camera.taken_at.unwrap().to_rfc3339(),
        "2026-02-16T13:30:05+00:00"
    );
    let at = p.camera.location.unwrap();
    assert!((at.lat - 37.4345).abs() < 1e-5 && (at.lon - 118.6752).abs() < 1e-5);
    // The stored file carries no EXIF, so no GPS leaves the phone inside the image.
    assert_eq!(
        exif::read(&p.image),
        CameraMeta {
            orientation: 1,
            ..Default::default()
        }
    );
    assert_eq!(p.sha256, sha256_hex(&p.image));
    let (thumb, _) = decode(&p.thumbnail, 10_000).unwrap();
    assert_eq!((thumb.width, thumb.height), (240, 320));
    assert_eq!(p.thumb_sha256, sha256_hex(&p.thumbnail));
}

#[test]
fn each_orientation_moves_the_top_left_pixel_where_the_standard_says() {
    // A 3×2 image whose top-left pixel is marked.
    let mut img = Rgb {
        width: 3,
        height: 2,
        pixels: vec![0; 18],
    };
    img.pixels[..3].copy_from_slice(&[255, 0, 0]);
    let marked = |o: u16| {
        let r = orient(img.clone(), o);
        let i = r.pixels.chunks(3).position(|p| p[0] == 255).unwrap();
        (r.width, r.height, i as u32 % r.width, i as u32 / r.width)
    };
    assert_eq!(marked(1), (3, 2, 0, 0));
    assert_eq!(marked(2), (3, 2, 2, 0));
    assert_eq!(marked(3), (3, 2, 2, 1));
    assert_eq!(marked(4), (3, 2, 0, 1));
    assert_eq!(marked(5), (2, 3, 0, 0));
    assert_eq!(marked(6), (2, 3, 1, 0));
    assert_eq!(marked(7), (2, 3, 1, 2));
    assert_eq!(marked(8), (2, 3, 0, 2));
    assert_eq!(marked(99), (3, 2, 0, 0));
}

#[test]
fn absurd_exif_is_ignored_and_the_photo_kept() {
    let camera = camera_jpeg(
        &scene(800, 600, 2),
        Some(exif_block(
            99,
            "1901:01:01 00:00:00",
            None,
            Some((700.0, 118.0)),
        )),
    );
    let p = process(&camera, &PhotoSettings::default()).unwrap();
    assert_eq!(
        p.camera,
        CameraMeta {
            orientation: 1,
            ..Default::default()
        }
    );
    assert_eq!((p.width, p.height), (800, 600), "never upscaled");
    // Without an offset, camera time is China Standard Time.
    let camera = camera_jpeg(
        &scene(200, 100, 2),
        Some(exif_block(1, "2025:10:01 08:00:00", None, None)),
    );
    let p = process(&camera, &PhotoSettings::default()).unwrap();
    assert_eq!(
        p.camera.taken_at.unwrap().to_rfc3339(),
        "2025-10-01T00:00:00+00:00"
    );
    // Garbage where EXIF should be.
    let mut broken = camera_jpeg(&scene(200, 100, 3), Some(vec![0xEE; 40]));
    broken[10] = b'X';
    assert!(process(&broken, &PhotoSettings::default()).is_ok());
}

#[test]
fn truncated_and_corrupt_files_are_errors_not_partial_photos() {
    let whole = camera_jpeg(&scene(640, 480, 4), None);
    for cut in [whole.len() / 2, whole.len() - 200, 300, 20, 3] {
        let err = process(&whole[..cut], &PhotoSettings::default()).unwrap_err();
        assert!(
            matches!(err, ImagingError::Damaged(_)),
            "cut at {cut}: {err:?}"
        );
    }
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, 64, 64);
        enc.set_color(png::ColorType::Rgb);
        enc.write_header()
            .unwrap()
            .write_image_data(&scene(64, 64, 5).pixels)
            .unwrap();
    }
    let err = process(&png[..png.len() - 30], &PhotoSettings::default()).unwrap_err();
    assert!(matches!(err, ImagingError::Damaged(_)), "{err:?}");
}

#[test]
fn decompression_bombs_are_refused_before_decoding() {
    // A JPEG declaring 60000×60000 pixels in a few hundred bytes.
    let mut bomb = camera_jpeg(&scene(16, 16, 6), None);
    let sof = bomb
        .windows(2)
        .position(|w| w[0] == 0xFF && (w[1] == 0xC0 || w[1] == 0xC2))
        .unwrap();
    bomb[sof + 5..sof + 7].copy_from_slice(&60000u16.to_be_bytes());
    bomb[sof + 7..sof + 9].copy_from_slice(&60000u16.to_be_bytes());
    assert_eq!(
        process(&bomb, &PhotoSettings::default()).unwrap_err(),
        ImagingError::TooLarge {
            width: 60000,
            height: 60000
        }
    );
    // A PNG header declaring 100000×100000 pixels and no data.
    let mut png = Vec::new();
    png::Encoder::new(&mut png, 100_000, 100_000)
        .write_header()
        .unwrap()
        .finish()
        .ok();
    assert!(matches!(
        process(&png, &PhotoSettings::default()).unwrap_err(),
        ImagingError::TooLarge { .. }
    ));
}

#[test]
fn a_png_with_transparency_is_stored_as_jpeg_over_white() {
    let mut rgba = Vec::new();
    for i in 0..(50 * 40) {
        rgba.extend_from_slice(&[10, 20, 30, if i % 2 == 0 { 0 } else { 255 }]);
    }
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, 50, 40);
        enc.set_color(png::ColorType::Rgba);
        enc.write_header().unwrap().write_image_data(&rgba).unwrap();
    }
    let p = process(&png, &PhotoSettings::default()).unwrap();
    assert_eq!(p.source_format, SourceFormat::Png);
    assert_eq!((p.width, p.height), (50, 40));
    assert!(p.image.starts_with(&[0xFF, 0xD8]));
}

#[test]
fn the_perceptual_hash_survives_reencoding_and_tells_scenes_apart() {
    let a = scene(1600, 1200, 7);
    let b = scene(1600, 1200, 8);
    let ha = perceptual_hash_rgb(&a);
    let again = perceptual_hash(&encode_jpeg(&fit(a.clone(), 700).unwrap(), 50).unwrap()).unwrap();
    assert!(hamming(ha, again) <= 6, "{}", hamming(ha, again));
    let hb = perceptual_hash_rgb(&b);
    assert!(hamming(ha, hb) >= 12, "{}", hamming(ha, hb));
}

#[test]
fn settings_out_of_range_are_refused() {
    let bad = PhotoSettings {
        long_edge: 100,
        ..Default::default()
    };
    assert!(matches!(
        process(&camera_jpeg(&scene(64, 64, 9), None), &bad),
        Err(ImagingError::Settings(_))
    ));
}
