//! Perceptual hash: the image reduced to 32×32 luminance, its 2-D DCT, and one bit per
//! low-frequency coefficient (the top-left 8×8 but the DC term) set when above their median.
//! Re-encoding, scaling and mild edits move a few bits; a different scene moves about half.

use super::Rgb;

const N: usize = 32;

/// The 64-bit perceptual hash of an image.
pub fn perceptual_hash_rgb(img: &Rgb) -> u64 {
    let luma = reduce(img);
    let dct = dct2(&luma);
    let mut coeffs = Vec::with_capacity(64);
    for v in 0..8 {
        for u in 0..8 {
            coeffs.push(dct[v * N + u]);
        }
    }
    let mut sorted: Vec<f64> = coeffs[1..].to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let median = (sorted[31] + sorted[32]) / 2.0;
    coeffs
        .iter()
        .enumerate()
        .filter(|(i, c)| *i > 0 && **c > median)
        .fold(0u64, |h, (i, _)| h | (1 << i))
}

/// Bits that differ between two hashes (0 = same picture, ~32 = unrelated).
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Area-average reduction to N×N luminance (BT.601).
fn reduce(img: &Rgb) -> Vec<f64> {
    let (w, h) = (img.width as usize, img.height as usize);
    let mut sum = vec![0f64; N * N];
    let mut count = vec![0u32; N * N];
    for y in 0..h {
        let cy = y * N / h;
        let row = &img.pixels[y * w * 3..(y + 1) * w * 3];
        for x in 0..w {
            let cx = x * N / w;
            let p = &row[x * 3..x * 3 + 3];
            sum[cy * N + cx] += 0.299 * p[0] as f64 + 0.587 * p[1] as f64 + 0.114 * p[2] as f64;
            count[cy * N + cx] += 1;
        }
    }
    sum.iter()
        .zip(&count)
        .map(|(s, c)| if *c == 0 { 0.0 } else { s / *c as f64 })
        .collect()
}

/// Separable 2-D DCT-II of an N×N block.
fn dct2(input: &[f64]) -> Vec<f64> {
    let mut basis = vec![0f64; N * N];
    for k in 0..N {
        for n in 0..N {
            basis[k * N + n] =
                (std::f64::consts::PI / N as f64 * (n as f64 + 0.5) * k as f64).cos();
        }
    }
    let mut rows = vec![0f64; N * N];
    for y in 0..N {
        for k in 0..N {
            rows[y * N + k] = (0..N).map(|n| input[y * N + n] * basis[k * N + n]).sum();
        }
    }
    let mut out = vec![0f64; N * N];
    for x in 0..N {
        for k in 0..N {
            out[k * N + x] = (0..N).map(|n| rows[n * N + x] * basis[k * N + n]).sum();
        }
    }
    out
}
