//! A GPS fix, kept as one value so that latitude and longitude never merge apart.

use serde::{Deserialize, Serialize};

/// A position in WGS-84 degrees with its accuracy in metres.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct GeoPoint {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
    /// Horizontal accuracy, metres.
    pub accuracy_m: f64,
}

impl GeoPoint {
    /// Why this fix cannot be a home or a photo in China, if it cannot.
    pub fn problem(&self) -> Option<&'static str> {
        let finite = self.lat.is_finite() && self.lon.is_finite() && self.accuracy_m.is_finite();
        if !finite || !(3.0..=54.0).contains(&self.lat) || !(73.0..=136.0).contains(&self.lon) {
            Some("定位不在中国境内，请重新定位")
        } else if !(0.0..=10_000.0).contains(&self.accuracy_m) {
            Some("定位精度不合理，请重新定位")
        } else {
            None
        }
    }
}

impl From<GeoPoint> for String {
    fn from(g: GeoPoint) -> String {
        format!("{:.6},{:.6},{:.1}", g.lat, g.lon, g.accuracy_m)
    }
}

impl TryFrom<String> for GeoPoint {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let parts: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| "unreadable position".to_string())?;
        match parts[..] {
            [lat, lon, accuracy_m] => Ok(GeoPoint {
                lat,
                lon,
                accuracy_m,
            }),
            _ => Err("unreadable position".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_round_trips_through_its_text_form() {
        let g = GeoPoint {
            lat: 37.456789,
            lon: 118.5,
            accuracy_m: 12.0,
        };
        let back = GeoPoint::try_from(String::from(g)).unwrap();
        assert_eq!(back, g);
        assert!(g.problem().is_none());
    }

    #[test]
    fn points_outside_china_or_not_numbers_are_refused() {
        assert!(
            GeoPoint {
                lat: 0.0,
                lon: 0.0,
                accuracy_m: 5.0
            }
            .problem()
            .is_some()
        );
        assert!(
            GeoPoint {
                lat: f64::NAN,
                lon: 118.0,
                accuracy_m: 5.0
            }
            .problem()
            .is_some()
        );
        assert!(GeoPoint::try_from("37.1,118".to_string()).is_err());
    }
}
