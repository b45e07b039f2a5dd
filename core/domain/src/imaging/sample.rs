//! Generated camera images for demos, tests and benchmarks of the pipeline's edge cases: a
//! drawn scene, encoded as a camera would, with an EXIF block built here (orientation, capture
//! time, GPS). Benchmarks of speed and size use real photographs instead.

use super::{Rgb, encode_jpeg};

/// A generated scene: a sky-to-ground gradient with a few solid shapes placed by `seed`.
pub fn scene(width: u32, height: u32, seed: u32) -> Rgb {
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
pub fn exif_block(
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
pub fn camera_jpeg(img: &Rgb, exif: Option<Vec<u8>>) -> Vec<u8> {
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
