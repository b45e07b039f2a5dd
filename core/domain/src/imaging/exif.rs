//! What the camera recorded: orientation, capture time, place. EXIF is untrusted input: a
//! field that is missing, malformed or absurd (a date in 1901, a latitude of 700°) is treated
//! as absent, never as an error that loses the photo.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use exif::{In, Tag, Value};

use crate::geo::GeoPoint;

/// The camera's record of a photo.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CameraMeta {
    /// EXIF orientation 1–8 (1 when absent or invalid).
    pub orientation: u16,
    /// When it was taken. Without an offset in the file, China Standard Time is assumed: the
    /// app is used in China and phone cameras record local time.
    pub taken_at: Option<DateTime<Utc>>,
    /// Where, from the camera's GPS.
    pub location: Option<GeoPoint>,
}

/// Reads the EXIF of a JPEG or PNG; whatever cannot be read is left out.
pub fn read(bytes: &[u8]) -> CameraMeta {
    let mut meta = CameraMeta {
        orientation: 1,
        ..Default::default()
    };
    let Ok(exif) = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes)) else {
        return meta;
    };
    if let Some(o) = exif
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        && (1..=8).contains(&o)
    {
        meta.orientation = o as u16;
    }
    let text = |tag: Tag| -> Option<String> {
        match &exif.get_field(tag, In::PRIMARY)?.value {
            Value::Ascii(parts) => parts
                .first()
                .and_then(|p| std::str::from_utf8(p).ok())
                .map(|s| s.trim_end_matches('\0').trim().to_string()),
            _ => None,
        }
    };
    let stamp = text(Tag::DateTimeOriginal).or_else(|| text(Tag::DateTime));
    let offset = text(Tag::OffsetTimeOriginal).or_else(|| text(Tag::OffsetTime));
    meta.taken_at = stamp.and_then(|s| capture_time(&s, offset.as_deref()));
    meta.location = gps(&exif);
    meta
}

fn capture_time(stamp: &str, offset: Option<&str>) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(stamp, "%Y:%m:%d %H:%M:%S").ok()?;
    let zone = offset
        .and_then(parse_offset)
        .unwrap_or_else(|| FixedOffset::east_opt(8 * 3600).expect("UTC+8"));
    let at = zone
        .from_local_datetime(&naive)
        .single()?
        .with_timezone(&Utc);
    // Phone cameras did not exist before 2000; a clock more than a day ahead is wrong.
    let earliest = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).single()?;
    if at < earliest || at > Utc::now() + chrono::Duration::days(1) {
        return None;
    }
    Some(at)
}

fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    let secs = h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60;
    FixedOffset::east_opt(sign * secs)
}

fn gps(exif: &exif::Exif) -> Option<GeoPoint> {
    let degrees = |tag: Tag| -> Option<f64> {
        match &exif.get_field(tag, In::PRIMARY)?.value {
            Value::Rational(v) if v.len() == 3 && v.iter().all(|r| r.denom != 0) => {
                Some(v[0].to_f64() + v[1].to_f64() / 60.0 + v[2].to_f64() / 3600.0)
            }
            _ => None,
        }
    };
    let reference = |tag: Tag| -> Option<u8> {
        match &exif.get_field(tag, In::PRIMARY)?.value {
            Value::Ascii(parts) => parts.first()?.first().copied(),
            _ => None,
        }
    };
    let mut lat = degrees(Tag::GPSLatitude)?;
    let mut lon = degrees(Tag::GPSLongitude)?;
    if reference(Tag::GPSLatitudeRef) == Some(b'S') {
        lat = -lat;
    }
    if reference(Tag::GPSLongitudeRef) == Some(b'W') {
        lon = -lon;
    }
    if !lat.is_finite() || !lon.is_finite() || lat.abs() > 90.0 || lon.abs() > 180.0 {
        return None;
    }
    // Cameras rarely record their accuracy; without it, 100 m is assumed (a phone fix
    // indoors or in a village lane).
    let accuracy_m = match exif
        .get_field(Tag::GPSHPositioningError, In::PRIMARY)
        .map(|f| &f.value)
    {
        Some(Value::Rational(v)) if !v.is_empty() && v[0].denom != 0 => v[0].to_f64(),
        _ => 100.0,
    };
    let point = GeoPoint {
        lat,
        lon,
        accuracy_m,
    };
    // A camera without a fix writes zeros; a point outside China is not this app's visit.
    point.problem().is_none().then_some(point)
}
