//! A signature drawn on the phone's pad (the family members present and the two investigators
//! sign the 入户调查表), made into an image the photo pipeline stores as evidence: dark strokes
//! on white, in a PNG, at a fixed width whatever the pad's size on the screen.
//!
//! The strokes are checked as untrusted input: a pad of sane size, strokes of at least two
//! points inside it, and bounded point counts, so a hostile caller cannot make the phone draw
//! for ever or allocate without limit.

use super::ImagingError;

/// One point of a stroke, in the pad's own units (density-independent pixels on Android,
/// points on iOS), from the top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PadPoint {
    /// From the left edge.
    pub x: f32,
    /// From the top edge.
    pub y: f32,
}

/// Why a signature cannot be made into an image. Never carries the strokes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// Nothing was drawn (no stroke of two points or more).
    #[error("strokes: nothing was signed")]
    Empty,
    /// The pad's size is not that of a screen.
    #[error("pad: the signing area's size is out of range")]
    PadSize,
    /// A point lies outside the pad or is not a number.
    #[error("strokes: a point lies outside the signing area")]
    OutsidePad,
    /// More points than any hand draws.
    #[error("strokes: more than {max} points")]
    TooManyPoints {
        /// The most accepted.
        max: usize,
    },
    /// The image could not be written.
    #[error("the signature image could not be written")]
    Image(#[from] ImagingError),
}

/// Width of the image made, pixels (its height keeps the pad's proportions).
pub const IMAGE_WIDTH: u32 = 1200;
/// The most points over all strokes (a long name written slowly is a few thousand).
pub const MAX_POINTS: usize = 20_000;
/// The pad's sides, in its units: from a small phone's strip to a tablet's page.
const PAD_SIDE: std::ops::RangeInclusive<f32> = 40.0..=4000.0;
/// Pen radius in image pixels.
const PEN_RADIUS: f32 = 3.5;
/// Ink and paper, grey levels.
const INK: u8 = 20;
const PAPER: u8 = 255;

/// Draws `strokes` made on a pad of `pad_width` × `pad_height` and returns the PNG.
pub fn render(
    strokes: &[Vec<PadPoint>],
    pad_width: f32,
    pad_height: f32,
) -> Result<Vec<u8>, SignatureError> {
    if !PAD_SIDE.contains(&pad_width) || !PAD_SIDE.contains(&pad_height) {
        return Err(SignatureError::PadSize);
    }
    let points: usize = strokes.iter().map(Vec::len).sum();
    if points > MAX_POINTS {
        return Err(SignatureError::TooManyPoints { max: MAX_POINTS });
    }
    let inside = |p: &PadPoint| {
        p.x.is_finite()
            && p.y.is_finite()
            && (0.0..=pad_width).contains(&p.x)
            && (0.0..=pad_height).contains(&p.y)
    };
    if !strokes.iter().flatten().all(inside) {
        return Err(SignatureError::OutsidePad);
    }
    if !strokes.iter().any(|s| s.len() >= 2) {
        return Err(SignatureError::Empty);
    }
    let scale = IMAGE_WIDTH as f32 / pad_width;
    let width = IMAGE_WIDTH;
    let height = ((pad_height * scale).round() as u32).clamp(1, IMAGE_WIDTH * 4);
    let mut canvas = Canvas {
        width,
        height,
        pixels: vec![PAPER; (width * height) as usize],
    };
    for stroke in strokes {
        let scaled: Vec<(f32, f32)> = stroke.iter().map(|p| (p.x * scale, p.y * scale)).collect();
        match scaled.as_slice() {
            [] => {}
            [only] => canvas.dot(*only),
            _ => {
                for pair in scaled.windows(2) {
                    canvas.segment(pair[0], pair[1]);
                }
            }
        }
    }
    canvas.png()
}

struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    /// A round dab of ink centred on `c`.
    fn dot(&mut self, (cx, cy): (f32, f32)) {
        let r = PEN_RADIUS;
        let x0 = (cx - r).floor().max(0.0) as u32;
        let y0 = (cy - r).floor().max(0.0) as u32;
        let x1 = ((cx + r).ceil() as u32).min(self.width - 1);
        let y1 = ((cy + r).ceil() as u32).min(self.height - 1);
        for y in y0..=y1 {
            for x in x0..=x1 {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                if dx * dx + dy * dy <= r * r {
                    self.pixels[(y * self.width + x) as usize] = INK;
                }
            }
        }
    }

    /// A line of dabs from `a` to `b`, close enough to leave no gap.
    fn segment(&mut self, a: (f32, f32), b: (f32, f32)) {
        let length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let steps = (length / (PEN_RADIUS / 2.0)).ceil().max(1.0) as u32;
        for i in 0..=steps {
            let t = i as f32 / steps as f32;
            self.dot((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
        }
    }

    fn png(&self) -> Result<Vec<u8>, SignatureError> {
        let mut out = Vec::new();
        let failed = |_| SignatureError::Image(ImagingError::Damaged("signature image".into()));
        {
            let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
            encoder.set_color(png::ColorType::Grayscale);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().map_err(failed)?;
            writer.write_image_data(&self.pixels).map_err(failed)?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(points: &[(f32, f32)]) -> Vec<PadPoint> {
        points.iter().map(|&(x, y)| PadPoint { x, y }).collect()
    }

    #[test]
    fn strokes_become_ink_where_they_were_drawn_and_paper_elsewhere() {
        let png = render(&[line(&[(10.0, 50.0), (290.0, 50.0)])], 300.0, 100.0).unwrap();
        let (img, (w, h)) = super::super::decode(&png, 4096).unwrap();
        assert_eq!((w, h), (1200, 400));
        let at = |x: u32, y: u32| img.pixels[((y * w + x) * 3) as usize];
        // The line runs across the middle at y = 200 in image pixels.
        assert!(at(600, 200) < 60, "ink on the stroke");
        assert!(at(600, 40) > 240, "paper above it");
        assert!(at(20, 380) > 240, "paper in the corner");
    }

    #[test]
    fn nothing_drawn_a_point_outside_or_a_flood_of_points_is_refused() {
        assert_eq!(render(&[], 300.0, 100.0), Err(SignatureError::Empty));
        assert_eq!(
            render(&[line(&[(5.0, 5.0)])], 300.0, 100.0),
            Err(SignatureError::Empty)
        );
        assert_eq!(
            render(&[line(&[(5.0, 5.0), (301.0, 5.0)])], 300.0, 100.0),
            Err(SignatureError::OutsidePad)
        );
        assert_eq!(
            render(&[line(&[(5.0, 5.0), (f32::NAN, 5.0)])], 300.0, 100.0),
            Err(SignatureError::OutsidePad)
        );
        assert_eq!(
            render(&[line(&[(5.0, 5.0), (6.0, 5.0)])], 1e9, 100.0),
            Err(SignatureError::PadSize)
        );
        let flood = vec![line(&vec![(1.0, 1.0); MAX_POINTS + 1])];
        assert_eq!(
            render(&flood, 300.0, 100.0),
            Err(SignatureError::TooManyPoints { max: MAX_POINTS })
        );
    }
}
