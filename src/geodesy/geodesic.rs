//! Distance and bearing on the WGS 84 ellipsoid (geodesic) and along rhumb lines.

use geo::{Bearing as _, Destination as _, Distance as _, Geodesic, Point, Rhumb};

/// Distance and initial true bearing from one point to another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bearing {
    /// Distance in metres.
    pub distance_m: f64,
    /// Initial true bearing in degrees clockwise from north, in [0, 360).
    pub bearing_deg: f64,
}

/// Geodesic (shortest path on the WGS 84 ellipsoid, Karney 2013) distance and initial bearing.
pub fn geodesic_inverse(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> Bearing {
    let (a, b) = (Point::new(lon1, lat1), Point::new(lon2, lat2));
    Bearing {
        distance_m: Geodesic.distance(a, b),
        bearing_deg: Geodesic.bearing(a, b).rem_euclid(360.0),
    }
}

/// The point `distance_m` from (`lon`, `lat`) along the geodesic with initial bearing `bearing_deg`.
pub fn geodesic_destination(lon: f64, lat: f64, bearing_deg: f64, distance_m: f64) -> (f64, f64) {
    let p = Geodesic.destination(Point::new(lon, lat), bearing_deg, distance_m);
    (p.x(), p.y())
}

/// Rhumb-line (loxodrome, constant true bearing) distance and bearing, as charted on Mercator.
///
/// geo's rhumb formulas work on a sphere of the mean Earth radius (R = 6,371,008.8 m, IUGG), so
/// the distance differs from the ellipsoidal rhumb line by up to ≈ 0.5 %; route legs that need
/// better use the geodesic, which for the leg lengths of a site study differs from the rhumb line
/// by far less.
pub fn rhumb_inverse(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> Bearing {
    let (a, b) = (Point::new(lon1, lat1), Point::new(lon2, lat2));
    Bearing {
        distance_m: Rhumb.distance(a, b),
        bearing_deg: Rhumb.bearing(a, b).rem_euclid(360.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_at_equator() {
        // Karney's GeodTest value: 110,574.389 m from 0°N to 1°N on WGS 84.
        let b = geodesic_inverse(0.0, 0.0, 0.0, 1.0);
        assert!(
            (b.distance_m - 110_574.389).abs() < 0.01,
            "{}",
            b.distance_m
        );
        assert!(b.bearing_deg.abs() < 1e-9);
    }

    #[test]
    fn bearing_west_is_270() {
        let b = geodesic_inverse(10.0, 0.0, 9.0, 0.0);
        assert!((b.bearing_deg - 270.0).abs() < 1e-9);
        let r = rhumb_inverse(10.0, 0.0, 9.0, 0.0);
        assert!((r.bearing_deg - 270.0).abs() < 1e-9);
    }

    #[test]
    fn destination_round_trip() {
        let (lon, lat) = geodesic_destination(122.0, 30.8, 45.0, 10_000.0);
        let b = geodesic_inverse(122.0, 30.8, lon, lat);
        assert!((b.distance_m - 10_000.0).abs() < 1e-6);
        assert!((b.bearing_deg - 45.0).abs() < 1e-9);
    }
}
