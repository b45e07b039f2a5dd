//! The photo pipeline, with no I/O: camera bytes in, what the phone stores out. JPEG and PNG
//! only (the shells convert HEIC before calling); EXIF orientation applied; capture time and
//! place read; scaled to the county's long edge and re-encoded (which drops every EXIF field,
//! GPS included, from the stored file: the metadata lives in the document instead); a
//! thumbnail; SHA-256 of both; a perceptual hash for reuse detection. The county uses the same
//! module to compute its own perceptual hash of what arrives.

mod exif;
mod phash;
pub mod sample;
mod scale;
pub mod signature;

pub use exif::CameraMeta;
pub use phash::{hamming, perceptual_hash_rgb};

use sha2::{Digest, Sha256};

/// How photos are stored (from the county policy).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoSettings {
    /// Long edge of the stored image, pixels (never upscaled).
    pub long_edge: u32,
    /// JPEG quality of the stored image, 1–100.
    pub quality: u8,
    /// Long edge of the thumbnail, pixels.
    pub thumb_edge: u32,
    /// JPEG quality of the thumbnail.
    pub thumb_quality: u8,
}

impl Default for PhotoSettings {
    fn default() -> Self {
        PhotoSettings {
            long_edge: 1600,
            quality: 80,
            thumb_edge: 320,
            thumb_quality: 70,
        }
    }
}

impl PhotoSettings {
    /// Why these settings cannot be used, if they cannot.
    pub fn problem(&self) -> Option<&'static str> {
        if !(320..=4096).contains(&self.long_edge) {
            return Some("长边须在 320 至 4096 像素之间");
        }
        if !(40..=95).contains(&self.quality) || !(40..=95).contains(&self.thumb_quality) {
            return Some("压缩质量须在 40 至 95 之间");
        }
        if !(64..=640).contains(&self.thumb_edge) || self.thumb_edge > self.long_edge {
            return Some("缩略图长边须在 64 至 640 像素之间且不大于原图");
        }
        None
    }
}

/// Camera images larger than this are refused before decoding (a decompression bomb is a
/// small file declaring enormous dimensions). 64 MP covers the full-resolution modes of
/// 48/50 MP phone cameras.
pub const MAX_PIXELS: u64 = 64_000_000;
/// Longest side accepted.
pub const MAX_SIDE: u32 = 16_384;

/// Why camera bytes could not become a stored photo. Never carries image content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImagingError {
    /// Not JPEG or PNG.
    #[error("unsupported image format: {0} (only JPEG and PNG; convert HEIC first)")]
    Unsupported(OtherFormat),
    /// Cut off or damaged.
    #[error("the image is damaged or incomplete: {0}")]
    Damaged(String),
    /// Dimensions beyond what a camera produces.
    #[error("the image is {width}×{height} pixels, beyond the {MAX_PIXELS}-pixel limit")]
    TooLarge {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
    },
    /// Settings out of range.
    #[error("photo settings are invalid: {0}")]
    Settings(&'static str),
}

/// What a refused file is, recognized from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OtherFormat {
    /// HEIC or HEIF (an iPhone's default, some Android cameras').
    #[error("HEIC/HEIF")]
    HeicHeif,
    /// AVIF.
    #[error("AVIF")]
    Avif,
    /// Another ISO media file (a video, most often).
    #[error("ISO media")]
    IsoMedia,
    /// GIF.
    #[error("GIF")]
    Gif,
    /// WebP (or another RIFF file).
    #[error("WebP/RIFF")]
    WebP,
    /// TIFF or a camera's RAW.
    #[error("TIFF/RAW")]
    TiffRaw,
    /// No bytes at all.
    #[error("empty file")]
    Empty,
    /// Nothing recognized as an image.
    #[error("not an image")]
    NotAnImage,
}

/// The format the camera delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
}

/// Recognizes the format from the first bytes.
pub fn sniff(bytes: &[u8]) -> Result<SourceFormat, ImagingError> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(SourceFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(SourceFormat::Png);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        return Err(ImagingError::Unsupported(match brand {
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                OtherFormat::HeicHeif
            }
            b"avif" | b"avis" => OtherFormat::Avif,
            _ => OtherFormat::IsoMedia,
        }));
    }
    Err(ImagingError::Unsupported(if bytes.starts_with(b"GIF8") {
        OtherFormat::Gif
    } else if bytes.starts_with(b"RIFF") {
        OtherFormat::WebP
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        OtherFormat::TiffRaw
    } else if bytes.is_empty() {
        OtherFormat::Empty
    } else {
        OtherFormat::NotAnImage
    }))
}

/// Decoded pixels, 8-bit RGB.
#[derive(Clone, Debug)]
pub struct Rgb {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// `width * height * 3` bytes, row-major.
    pub pixels: Vec<u8>,
}

fn check_dimensions(width: u32, height: u32) -> Result<(), ImagingError> {
    if width == 0 || height == 0 {
        return Err(ImagingError::Damaged("zero-sized image".into()));
    }
    if width > MAX_SIDE || height > MAX_SIDE || width as u64 * height as u64 > MAX_PIXELS {
        return Err(ImagingError::TooLarge { width, height });
    }
    Ok(())
}

/// Decodes JPEG or PNG to RGB, at least `min_long_edge` on its long side where the source is
/// that large (JPEG is decoded at 1/2, 1/4 or 1/8 scale when that suffices: most of the speed
/// of the pipeline). Returns the pixels and the source's full dimensions.
pub fn decode(bytes: &[u8], min_long_edge: u32) -> Result<(Rgb, (u32, u32)), ImagingError> {
    match sniff(bytes)? {
        SourceFormat::Jpeg => decode_jpeg(bytes, min_long_edge),
        SourceFormat::Png => decode_png(bytes).map(|rgb| {
            let dims = (rgb.width, rgb.height);
            (rgb, dims)
        }),
    }
}

fn decode_jpeg(bytes: &[u8], min_long_edge: u32) -> Result<(Rgb, (u32, u32)), ImagingError> {
    let damaged = |e: jpeg_decoder::Error| ImagingError::Damaged(format!("JPEG: {e}"));
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    decoder.read_info().map_err(damaged)?;
    let info = decoder
        .info()
        .ok_or_else(|| ImagingError::Damaged("JPEG without a frame header".into()))?;
    let (w, h) = (info.width as u32, info.height as u32);
    check_dimensions(w, h)?;
    decoder.set_max_decoding_buffer_size((MAX_PIXELS * 4) as usize);
    let long = w.max(h);
    if long > min_long_edge {
        let f = min_long_edge as f64 / long as f64;
        let rw = ((w as f64 * f).ceil() as u16).max(1);
        let rh = ((h as f64 * f).ceil() as u16).max(1);
        decoder.scale(rw, rh).map_err(damaged)?;
    }
    let data = decoder.decode().map_err(damaged)?;
    let info = decoder
        .info()
        .ok_or_else(|| ImagingError::Damaged("JPEG without a frame header".into()))?;
    let (ow, oh) = (info.width as u32, info.height as u32);
    let n = ow as usize * oh as usize;
    let pixels = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => data,
        jpeg_decoder::PixelFormat::L8 => data.iter().flat_map(|&l| [l, l, l]).collect(),
        jpeg_decoder::PixelFormat::L16 => data
            .chunks_exact(2)
            .flat_map(|c| {
                let l = c[0];
                [l, l, l]
            })
            .collect(),
        jpeg_decoder::PixelFormat::CMYK32 => data
            .chunks_exact(4)
            .flat_map(|c| {
                // Adobe CMYK JPEGs are stored inverted.
                let k = c[3] as u16;
                [
                    (c[0] as u16 * k / 255) as u8,
                    (c[1] as u16 * k / 255) as u8,
                    (c[2] as u16 * k / 255) as u8,
                ]
            })
            .collect(),
    };
    if pixels.len() < n * 3 {
        return Err(ImagingError::Damaged("JPEG data ends early".into()));
    }
    Ok((
        Rgb {
            width: ow,
            height: oh,
            pixels,
        },
        (w, h),
    ))
}

fn decode_png(bytes: &[u8]) -> Result<Rgb, ImagingError> {
    let damaged = |e: png::DecodingError| ImagingError::Damaged(format!("PNG: {e}"));
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: (MAX_PIXELS * 8) as usize,
        },
    );
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let header = decoder.read_header_info().map_err(damaged)?;
    check_dimensions(header.width, header.height)?;
    let mut reader = decoder.read_info().map_err(damaged)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| ImagingError::Damaged("PNG too large".into()))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(damaged)?;
    let (w, h) = (frame.width, frame.height);
    let data = &buf[..frame.buffer_size()];
    // Transparent areas are composited over white, as a printed photo would show them.
    let over_white = |c: u8, a: u8| ((c as u16 * a as u16 + 255 * (255 - a as u16)) / 255) as u8;
    let pixels: Vec<u8> = match frame.color_type {
        png::ColorType::Rgb => data.to_vec(),
        png::ColorType::Rgba => data
            .chunks_exact(4)
            .flat_map(|p| {
                [
                    over_white(p[0], p[3]),
                    over_white(p[1], p[3]),
                    over_white(p[2], p[3]),
                ]
            })
            .collect(),
        png::ColorType::Grayscale => data.iter().flat_map(|&l| [l, l, l]).collect(),
        png::ColorType::GrayscaleAlpha => data
            .chunks_exact(2)
            .flat_map(|p| {
                let l = over_white(p[0], p[1]);
                [l, l, l]
            })
            .collect(),
        png::ColorType::Indexed => {
            return Err(ImagingError::Damaged("PNG palette was not expanded".into()));
        }
    };
    Ok(Rgb {
        width: w,
        height: h,
        pixels,
    })
}

/// Scales so the long edge is at most `long_edge` (never up).
pub fn fit(img: Rgb, long_edge: u32) -> Result<Rgb, ImagingError> {
    let long = img.width.max(img.height);
    if long <= long_edge {
        return Ok(img);
    }
    let f = long_edge as f64 / long as f64;
    let w = ((img.width as f64 * f).round() as u32).max(1);
    let h = ((img.height as f64 * f).round() as u32).max(1);
    if img.pixels.len() != img.width as usize * img.height as usize * 3 {
        return Err(ImagingError::Damaged(
            "pixel buffer does not match its size".into(),
        ));
    }
    let pixels = scale::downscale_rgb(
        &img.pixels,
        img.width as usize,
        img.height as usize,
        w as usize,
        h as usize,
    );
    Ok(Rgb {
        width: w,
        height: h,
        pixels,
    })
}

/// Applies an EXIF orientation (1–8) so the pixels stand upright.
pub fn orient(img: Rgb, orientation: u16) -> Rgb {
    if !(2..=8).contains(&orientation) {
        return img;
    }
    let (w, h) = (img.width as usize, img.height as usize);
    let swap = orientation >= 5;
    let (ow, oh) = if swap { (h, w) } else { (w, h) };
    let mut out = vec![0u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            // Where the source pixel (x, y) lands.
            let (nx, ny) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (h - 1 - y, x),
                7 => (h - 1 - y, w - 1 - x),
                _ => (y, w - 1 - x),
            };
            let s = (y * w + x) * 3;
            let d = (ny * ow + nx) * 3;
            out[d..d + 3].copy_from_slice(&img.pixels[s..s + 3]);
        }
    }
    Rgb {
        width: ow as u32,
        height: oh as u32,
        pixels: out,
    }
}

/// Encodes RGB as a baseline JPEG (4:2:0 below quality 90, optimized Huffman tables).
pub fn encode_jpeg(img: &Rgb, quality: u8) -> Result<Vec<u8>, ImagingError> {
    let too_big = || ImagingError::TooLarge {
        width: img.width,
        height: img.height,
    };
    let w = u16::try_from(img.width).map_err(|_| too_big())?;
    let h = u16::try_from(img.height).map_err(|_| too_big())?;
    let mut out = Vec::with_capacity(img.pixels.len() / 10);
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_optimized_huffman_tables(true);
    encoder
        .encode(&img.pixels, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| ImagingError::Damaged(format!("cannot encode: {e}")))?;
    Ok(out)
}

/// SHA-256, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the pipeline made of one camera image.
#[derive(Clone, Debug)]
pub struct Processed {
    /// The stored image (JPEG, upright, no EXIF).
    pub image: Vec<u8>,
    /// Its SHA-256, lowercase hex.
    pub sha256: String,
    /// Width of the stored image.
    pub width: u32,
    /// Height of the stored image.
    pub height: u32,
    /// The thumbnail (JPEG).
    pub thumbnail: Vec<u8>,
    /// Its SHA-256, lowercase hex.
    pub thumb_sha256: String,
    /// 64-bit perceptual hash (DCT), for near-duplicate detection.
    pub phash: u64,
    /// The camera's own record: capture time, place, orientation.
    pub camera: CameraMeta,
    /// The camera image's dimensions.
    pub source_width: u32,
    /// The camera image's dimensions.
    pub source_height: u32,
    /// What the camera delivered.
    pub source_format: SourceFormat,
}

/// Runs the whole pipeline on camera bytes.
pub fn process(bytes: &[u8], settings: &PhotoSettings) -> Result<Processed, ImagingError> {
    if let Some(p) = settings.problem() {
        return Err(ImagingError::Settings(p));
    }
    let format = sniff(bytes)?;
    let camera = exif::read(bytes);
    let (decoded, (sw, sh)) = decode(bytes, settings.long_edge)?;
    let upright = orient(fit(decoded, settings.long_edge)?, camera.orientation);
    // The stored image is encoded on this thread while another hashes and makes the thumbnail:
    // a visit's photos are processed one by one, and every phone has a second core.
    let (image, side) = std::thread::scope(|s| {
        let side = s.spawn(|| -> Result<(u64, Vec<u8>), ImagingError> {
            let phash = perceptual_hash_rgb(&upright);
            let thumb = fit(upright.clone(), settings.thumb_edge)?;
            Ok((phash, encode_jpeg(&thumb, settings.thumb_quality)?))
        });
        (encode_jpeg(&upright, settings.quality), side.join())
    });
    let image = image?;
    let (phash, thumbnail) =
        side.map_err(|_| ImagingError::Damaged("the thumbnail could not be made".into()))??;
    Ok(Processed {
        sha256: sha256_hex(&image),
        thumb_sha256: sha256_hex(&thumbnail),
        width: upright.width,
        height: upright.height,
        image,
        thumbnail,
        phash,
        camera,
        source_width: sw,
        source_height: sh,
        source_format: format,
    })
}

/// The perceptual hash of an encoded image (the county's own computation on arrival).
pub fn perceptual_hash(bytes: &[u8]) -> Result<u64, ImagingError> {
    let (rgb, _) = decode(bytes, 256)?;
    Ok(perceptual_hash_rgb(&fit(rgb, 256)?))
}

#[cfg(test)]
mod tests;
