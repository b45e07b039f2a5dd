//! Downscaling RGB images with a Catmull-Rom filter, in two separable passes (rows, then
//! columns) with 14-bit fixed-point weights. Written here rather than taken from an image crate:
//! the phone's library pays for every kilobyte, and a general resizer brings code for every
//! pixel format and several instruction sets the pipeline never uses. The column pass runs
//! along whole rows, which the compiler vectorizes.

/// The filter's reach in source pixels at scale 1.
const SUPPORT: f64 = 2.0;
/// Fixed-point precision of the weights.
const PRECISION: u32 = 14;

/// Catmull-Rom (a cubic with B = 0, C = 1/2): sharp, no ringing worth the name at photo scales.
fn catmull_rom(x: f64) -> f64 {
    let x = x.abs();
    if x < 1.0 {
        (1.5 * x - 2.5) * x * x + 1.0
    } else if x < 2.0 {
        ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
    } else {
        0.0
    }
}

/// For each output position, the first source position it reads and its weights (summing to
/// exactly `1 << PRECISION`).
struct Taps {
    start: Vec<usize>,
    weights: Vec<Vec<i32>>,
}

fn taps(src: usize, dst: usize) -> Taps {
    let scale = src as f64 / dst as f64;
    let filter_scale = scale.max(1.0);
    let reach = SUPPORT * filter_scale;
    let one = 1i32 << PRECISION;
    let mut start = Vec::with_capacity(dst);
    let mut weights = Vec::with_capacity(dst);
    for i in 0..dst {
        let center = (i as f64 + 0.5) * scale;
        let first = ((center - reach).floor().max(0.0)) as usize;
        let last = ((center + reach).ceil() as usize).min(src);
        let raw: Vec<f64> = (first..last)
            .map(|j| catmull_rom((j as f64 + 0.5 - center) / filter_scale))
            .collect();
        let sum: f64 = raw.iter().sum();
        let mut fixed: Vec<i32> = raw
            .iter()
            .map(|w| (w / sum * f64::from(one)).round() as i32)
            .collect();
        // Rounding may leave the sum a little off: the largest weight takes the difference,
        // so a flat area stays exactly flat.
        let off = one - fixed.iter().sum::<i32>();
        if let Some(big) = (0..fixed.len()).max_by_key(|&k| fixed[k]) {
            fixed[big] += off;
        }
        start.push(first);
        weights.push(fixed);
    }
    Taps { start, weights }
}

fn to_u8(acc: i32) -> u8 {
    let rounded = (acc + (1 << (PRECISION - 1))) >> PRECISION;
    rounded.clamp(0, 255) as u8
}

/// Scales `pixels` (RGB, `width` × `height`) to `out_w` × `out_h`. Both output sides must be
/// at least 1 and at most the input's: the pipeline never scales up.
pub fn downscale_rgb(
    pixels: &[u8],
    width: usize,
    height: usize,
    out_w: usize,
    out_h: usize,
) -> Vec<u8> {
    debug_assert_eq!(pixels.len(), width * height * 3);
    debug_assert!(out_w >= 1 && out_h >= 1 && out_w <= width && out_h <= height);
    // Rows: each source row to out_w pixels.
    let across = taps(width, out_w);
    let mut rows = vec![0u8; out_w * height * 3];
    for (src_row, dst_row) in pixels
        .chunks_exact(width * 3)
        .zip(rows.chunks_exact_mut(out_w * 3))
    {
        for ((out, &first), weights) in dst_row
            .chunks_exact_mut(3)
            .zip(&across.start)
            .zip(&across.weights)
        {
            // The taps as one slice, so the loop runs without a bounds check per pixel.
            let window = &src_row[first * 3..(first + weights.len()) * 3];
            let (mut r, mut g, mut b) = (0i32, 0i32, 0i32);
            for (px, &w) in window.chunks_exact(3).zip(weights) {
                r += w * i32::from(px[0]);
                g += w * i32::from(px[1]);
                b += w * i32::from(px[2]);
            }
            out[0] = to_u8(r);
            out[1] = to_u8(g);
            out[2] = to_u8(b);
        }
    }
    // Columns: each output row from the rows its taps name, a whole row at a time.
    let down = taps(height, out_h);
    let stride = out_w * 3;
    let mut out = vec![0u8; stride * out_h];
    let mut acc = vec![0i32; stride];
    for (y, dst_row) in out.chunks_exact_mut(stride).enumerate() {
        acc.fill(0);
        let first = down.start[y];
        for (k, &w) in down.weights[y].iter().enumerate() {
            let row = &rows[(first + k) * stride..(first + k + 1) * stride];
            for (a, &p) in acc.iter_mut().zip(row) {
                *a += w * i32::from(p);
            }
        }
        for (d, &a) in dst_row.iter_mut().zip(&acc) {
            *d = to_u8(a);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_one_and_stay_inside_the_source() {
        for (src, dst) in [(4000, 1600), (1601, 1600), (7, 3), (3000, 1), (5, 5)] {
            let t = taps(src, dst);
            for (first, w) in t.start.iter().zip(&t.weights) {
                assert_eq!(w.iter().sum::<i32>(), 1 << PRECISION, "{src}->{dst}");
                assert!(first + w.len() <= src, "{src}->{dst}");
            }
        }
    }

    #[test]
    fn a_flat_colour_stays_exactly_that_colour() {
        let px: Vec<u8> = [200u8, 10, 90].repeat(97 * 61);
        let out = downscale_rgb(&px, 97, 61, 40, 25);
        assert_eq!(out.len(), 40 * 25 * 3);
        assert!(out.chunks_exact(3).all(|p| p == [200, 10, 90]));
    }

    #[test]
    fn halving_averages_pixel_pairs_and_keeps_an_edge_where_it_was() {
        // Left half black, right half white, 64 wide: at 32 wide the edge is still in the
        // middle, with the far sides untouched.
        let (w, h) = (64, 8);
        let mut px = vec![0u8; w * h * 3];
        for y in 0..h {
            for x in w / 2..w {
                px[(y * w + x) * 3..(y * w + x) * 3 + 3].copy_from_slice(&[255, 255, 255]);
            }
        }
        let out = downscale_rgb(&px, w, h, 32, 4);
        let at = |x: usize| out[(2 * 32 + x) * 3];
        assert_eq!(at(0), 0);
        assert_eq!(at(31), 255);
        assert!(at(14) < 40 && at(17) > 215, "{} {}", at(14), at(17));
    }
}
