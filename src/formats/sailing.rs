//! Leg distances, bearings and the timetable of a route, as the exports need them (RTZ schedule,
//! GPX/GeoJSON/KML/CSV ETAs).
//!
//! - Rhumb (loxodrome) legs: **ellipsoidal Mercator sailing** on WGS 84. The course is
//!   α = atan2(Δλ, Δψ) with the isometric latitude ψ(φ) = atanh(sin φ) − e·atanh(e·sin φ), and the
//!   distance s = ΔM / cos α with M(φ) the meridian arc (Snyder, *Map Projections — A Working
//!   Manual*, USGS PP 1395, 1987, eqs. 3-7 and 3-21). For an east–west leg (Δψ → 0) the limit
//!   ΔM/Δψ = N(φ)·cos φ (radius of the parallel) is used. Accurate to millimetres for leg lengths
//!   of a few hundred nautical miles, unlike the spherical formula (≈ 0.5 % off).
//! - Great-circle (orthodrome) legs: the geodesic (Karney 2013) via [`crate::geodesy`].
//!
//! Durations are distance / speed with 1 kn = 1852 m / 3600 s (international nautical mile).

use crate::geodesy::geodesic_inverse;
use crate::mission::{LegGeometry, Route};
use chrono::{DateTime, Duration, Utc};

/// WGS 84 semi-major axis (m) and flattening (NIMA TR8350.2).
const A: f64 = 6_378_137.0;
const F: f64 = 1.0 / 298.257_223_563;
/// Metres per international nautical mile.
pub const NM: f64 = 1852.0;
/// Metres per second per knot.
pub const KNOT: f64 = NM / 3600.0;

/// Distance (m) and constant true course (degrees, [0, 360)) of the rhumb line between two points
/// on the WGS 84 ellipsoid (Mercator sailing).
pub fn rhumb_ellipsoidal(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> (f64, f64) {
    let e2 = F * (2.0 - F);
    let e = e2.sqrt();
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let psi = |p: f64| p.sin().atanh() - e * (e * p.sin()).atanh();
    let meridian = |p: f64| {
        A * ((1.0 - e2 / 4.0 - 3.0 * e2 * e2 / 64.0 - 5.0 * e2 * e2 * e2 / 256.0) * p
            - (3.0 * e2 / 8.0 + 3.0 * e2 * e2 / 32.0 + 45.0 * e2 * e2 * e2 / 1024.0)
                * (2.0 * p).sin()
            + (15.0 * e2 * e2 / 256.0 + 45.0 * e2 * e2 * e2 / 1024.0) * (4.0 * p).sin()
            - (35.0 * e2 * e2 * e2 / 3072.0) * (6.0 * p).sin())
    };
    let mut dlon = (lon2 - lon1).to_radians();
    if dlon > std::f64::consts::PI {
        dlon -= 2.0 * std::f64::consts::PI;
    } else if dlon < -std::f64::consts::PI {
        dlon += 2.0 * std::f64::consts::PI;
    }
    let dpsi = psi(p2) - psi(p1);
    let dm = meridian(p2) - meridian(p1);
    let ratio = if dpsi.abs() > 1e-12 {
        dm / dpsi
    } else {
        let p = 0.5 * (p1 + p2);
        A / (1.0 - e2 * p.sin().powi(2)).sqrt() * p.cos()
    };
    let distance = ratio * dpsi.hypot(dlon);
    let course = dlon.atan2(dpsi).to_degrees().rem_euclid(360.0);
    (distance.abs(), course)
}

/// One waypoint of a route with its arriving leg computed.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedPoint {
    /// Length of the arriving leg (m); 0 for the first waypoint.
    pub leg_m: f64,
    /// Initial true course of the arriving leg (degrees); `None` for the first waypoint.
    pub course_deg: Option<f64>,
    /// Speed on the arriving leg (kn): the waypoint's own or the default.
    pub speed_kn: Option<f64>,
    /// Distance from the first waypoint (m).
    pub run_m: f64,
    /// Estimated time of arrival (for the first waypoint: the departure).
    pub eta: Option<DateTime<Utc>>,
}

/// Computes leg lengths, courses and ETAs along `route`; legs without a speed use
/// `default_speed_kn` (the vessel's service speed). ETAs need the route's departure and a speed on
/// every leg before them.
pub fn plan(route: &Route, default_speed_kn: Option<f64>) -> Vec<PlannedPoint> {
    let mut out: Vec<PlannedPoint> = Vec::with_capacity(route.waypoints.len());
    let mut run = 0.0;
    let mut eta = route.departure;
    for (i, w) in route.waypoints.iter().enumerate() {
        let speed = w.speed_kn.or(default_speed_kn).filter(|s| *s > 0.0);
        if i == 0 {
            out.push(PlannedPoint {
                leg_m: 0.0,
                course_deg: None,
                speed_kn: speed,
                run_m: 0.0,
                eta,
            });
            continue;
        }
        let p = &route.waypoints[i - 1];
        let (leg, course) = match w.geometry {
            LegGeometry::Rhumb => rhumb_ellipsoidal(p.lon, p.lat, w.lon, w.lat),
            LegGeometry::GreatCircle => {
                let b = geodesic_inverse(p.lon, p.lat, w.lon, w.lat);
                (b.distance_m, b.bearing_deg)
            }
        };
        run += leg;
        eta = match (eta, speed) {
            (Some(t), Some(s)) => {
                Some(t + Duration::milliseconds((leg / (s * KNOT) * 1000.0).round() as i64))
            }
            _ => None,
        };
        out.push(PlannedPoint {
            leg_m: leg,
            course_deg: Some(course),
            speed_kn: speed,
            run_m: run,
            eta,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::geodesic_inverse;

    #[test]
    fn meridian_rhumb_equals_geodesic() {
        // Along a meridian the rhumb line is the geodesic: both give the meridian arc.
        let (d, c) = rhumb_ellipsoidal(5.0, 10.0, 5.0, 40.0);
        let g = geodesic_inverse(5.0, 10.0, 5.0, 40.0);
        assert!((d - g.distance_m).abs() < 0.01, "{d} vs {}", g.distance_m);
        assert!(c.abs() < 1e-9);
    }

    #[test]
    fn equator_rhumb_is_equatorial_arc() {
        // On the equator the rhumb line runs along the equator: a·Δλ.
        let (d, c) = rhumb_ellipsoidal(0.0, 0.0, 1.0, 0.0);
        assert!((d - A * 1f64.to_radians()).abs() < 1e-6, "{d}");
        assert!((c - 90.0).abs() < 1e-9);
    }

    #[test]
    fn short_oblique_rhumb_close_to_geodesic() {
        // Over 10 km the rhumb line and geodesic differ by far less than a metre.
        let (d, c) = rhumb_ellipsoidal(122.0, 30.8, 122.07, 30.86);
        let g = geodesic_inverse(122.0, 30.8, 122.07, 30.86);
        assert!((d - g.distance_m).abs() < 0.05, "{d} vs {}", g.distance_m);
        assert!((c - g.bearing_deg).abs() < 0.05);
    }

    #[test]
    fn dateline_crossing_goes_the_short_way() {
        let (d, c) = rhumb_ellipsoidal(179.5, 0.0, -179.5, 0.0);
        assert!((d - A * 1f64.to_radians()).abs() < 1e-6);
        assert!((c - 90.0).abs() < 1e-9);
    }
}
