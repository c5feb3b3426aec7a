//! Mercator sailing on the WGS 84 ellipsoid: the course and distance of a rhumb-line leg as a
//! navigator (and OpenCPN) computes them, and points along rhumb and great-circle legs.
//!
//! **Course** (N. Bowditch, *The American Practical Navigator*, NGA Pub. 9, 2019 ed., Art. 2410
//! "Mercator sailing"): `tan C = DLo / m`, where `m` is the difference of meridional parts on the
//! ellipsoid, i.e. of the isometric latitude
//! `ψ(φ) = ln[tan(π/4 + φ/2) · ((1 − e sin φ)/(1 + e sin φ))^(e/2)]` (WGS 84, e² = 2f − f²).
//!
//! **Distance** (same article): `D = l · sec C`, with the difference of latitude `l` in minutes of
//! arc and one minute counted as one nautical mile (1852 m). This is exactly what OpenCPN's route
//! table computes (`DistanceBearingMercator` in its `georef.cpp`: ellipsoidal Mercator for the
//! course, `Δlat′ / cos C` for the distance), so fathom's leg table matches the chart plotter's.
//! The one-minute-one-mile convention differs from the ellipsoidal rhumb arc by at most 0.3 %
//! (the meridian minute is 1842.9 m at the equator and 1861.6 m at the poles).
//!
//! For (nearly) east–west legs, `sec C` is unbounded; there the limit of the same formula is used,
//! the parallel-sailing distance `D = DLo′ · cos φ · (1 − e² sin² φ)/(1 − e²)`.

use crate::geodesy::{geodesic_destination, geodesic_inverse};
use crate::mission::LegGeometry;

pub use crate::constants::METRES_PER_NM;

/// WGS 84 flattening (NIMA TR8350.2).
const WGS84_F: f64 = 1.0 / 298.257_223_563;

fn e2() -> f64 {
    2.0 * WGS84_F - WGS84_F * WGS84_F
}

/// Isometric latitude ψ(φ) on the WGS 84 ellipsoid (radians in, radians out).
pub fn isometric_latitude(lat_rad: f64) -> f64 {
    let e = e2().sqrt();
    let s = lat_rad.sin();
    ((std::f64::consts::FRAC_PI_4 + lat_rad / 2.0).tan()
        * ((1.0 - e * s) / (1.0 + e * s)).powf(e / 2.0))
    .ln()
}

/// Difference of latitude below which a leg counts as east–west (radians; ≈ 0.02 m).
const PARALLEL_EPS: f64 = 3e-9;

/// Longitude difference `lon2 − lon1` reduced to (−180°, 180°], in radians (legs never go the
/// long way round the globe).
fn dlon_rad(lon1: f64, lon2: f64) -> f64 {
    let mut d = (lon2 - lon1).rem_euclid(360.0);
    if d > 180.0 {
        d -= 360.0;
    }
    d.to_radians()
}

/// Course (degrees true, [0, 360)) and distance (nautical miles) of the rhumb line from
/// (`lon1`, `lat1`) to (`lon2`, `lat2`) by Mercator sailing (see the module doc).
pub fn mercator_sailing(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> (f64, f64) {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dlon = dlon_rad(lon1, lon2);
    let dlat = p2 - p1;
    if dlat.abs() < PARALLEL_EPS {
        let phi = (p1 + p2) / 2.0;
        let s2 = phi.sin().powi(2);
        let dep = dlon.abs() * phi.cos() * (1.0 - e2() * s2) / (1.0 - e2());
        let course = if dlon == 0.0 {
            0.0
        } else if dlon > 0.0 {
            90.0
        } else {
            270.0
        };
        return (course, dep.to_degrees() * 60.0);
    }
    let m = isometric_latitude(p2) - isometric_latitude(p1);
    let c = dlon.atan2(m);
    let dist_nm = dlat.to_degrees() * 60.0 / c.cos();
    (c.to_degrees().rem_euclid(360.0), dist_nm)
}

/// Distance (m) and initial true bearing (degrees) of a leg sailed with `geometry`.
pub fn leg_distance_bearing(
    geometry: LegGeometry,
    lon1: f64,
    lat1: f64,
    lon2: f64,
    lat2: f64,
) -> (f64, f64) {
    match geometry {
        LegGeometry::Rhumb => {
            let (c, d) = mercator_sailing(lon1, lat1, lon2, lat2);
            (d * METRES_PER_NM, c)
        }
        LegGeometry::GreatCircle => {
            let b = geodesic_inverse(lon1, lat1, lon2, lat2);
            (b.distance_m, b.bearing_deg)
        }
    }
}

/// The point a fraction `t` ∈ [0, 1] of the way along a leg, as (lon, lat).
///
/// Rhumb legs: by Mercator sailing, distance is proportional to the change of latitude, so
/// latitude is linear in `t` and longitude follows from `λ = λ₁ + tan C · (ψ(φ) − ψ₁)`;
/// east–west legs are linear in longitude. Great-circle legs: the geodesic point at `t` of the
/// geodesic distance (Karney 2013).
pub fn point_along(geometry: LegGeometry, from: (f64, f64), to: (f64, f64), t: f64) -> (f64, f64) {
    if t <= 0.0 {
        return from;
    }
    if t >= 1.0 {
        return to;
    }
    let ((lon1, lat1), (lon2, lat2)) = (from, to);
    match geometry {
        LegGeometry::GreatCircle => {
            let b = geodesic_inverse(lon1, lat1, lon2, lat2);
            geodesic_destination(lon1, lat1, b.bearing_deg, t * b.distance_m)
        }
        LegGeometry::Rhumb => {
            let dlon = dlon_rad(lon1, lon2).to_degrees();
            let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
            if (p2 - p1).abs() < PARALLEL_EPS {
                return (lon1 + t * dlon, lat1 + t * (lat2 - lat1));
            }
            let lat = lat1 + t * (lat2 - lat1);
            let psi1 = isometric_latitude(p1);
            let ratio =
                (isometric_latitude(lat.to_radians()) - psi1) / (isometric_latitude(p2) - psi1);
            (lon1 + ratio * dlon, lat)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_north_one_degree_is_sixty_miles() {
        let (c, d) = mercator_sailing(5.0, 53.0, 5.0, 54.0);
        assert!(c.abs() < 1e-9);
        assert!((d - 60.0).abs() < 1e-9);
    }

    #[test]
    fn due_east_and_west_use_parallel_sailing() {
        let (c, d) = mercator_sailing(0.0, 0.0, 1.0, 0.0);
        assert_eq!(c, 90.0);
        // One degree of longitude on the equator, in one-minute-of-latitude miles at the equator
        // convention: 60 · 1/(1 − e²).
        assert!((d - 60.0 / (1.0 - e2())).abs() < 1e-9, "{d}");
        let (c, _) = mercator_sailing(1.0, 40.0, 0.0, 40.0);
        assert_eq!(c, 270.0);
    }

    #[test]
    fn parallel_limit_is_continuous() {
        // A leg with a tiny latitude change (above the threshold) agrees with the parallel rule.
        let (_, d_par) = mercator_sailing(5.0, 53.0, 6.0, 53.0);
        let (c, d) = mercator_sailing(5.0, 53.0, 6.0, 53.0 + 1e-6);
        assert!((c - 90.0).abs() < 0.01);
        assert!((d - d_par).abs() < 1e-3, "{d} vs {d_par}");
    }

    #[test]
    fn dateline_leg_goes_the_short_way() {
        let (c, d) = mercator_sailing(179.5, 10.0, -179.5, 10.0);
        assert_eq!(c, 90.0);
        assert!(d < 61.0, "{d}");
    }

    #[test]
    fn points_along_a_rhumb_keep_the_course() {
        let (from, to) = ((-76.689, 34.580), (-77.545, 33.428));
        let (c, _) = mercator_sailing(from.0, from.1, to.0, to.1);
        let mid = point_along(LegGeometry::Rhumb, from, to, 0.5);
        let (c1, d1) = mercator_sailing(from.0, from.1, mid.0, mid.1);
        let (c2, d2) = mercator_sailing(mid.0, mid.1, to.0, to.1);
        assert!((c1 - c).abs() < 1e-9 && (c2 - c).abs() < 1e-9);
        assert!((d1 - d2).abs() < 1e-9);
        assert_eq!(point_along(LegGeometry::Rhumb, from, to, 1.0), (to.0, to.1));
    }

    #[test]
    fn great_circle_midpoint_halves_the_geodesic() {
        let (from, to) = ((-10.0, 50.0), (-70.0, 40.0));
        let mid = point_along(LegGeometry::GreatCircle, from, to, 0.5);
        let a = geodesic_inverse(from.0, from.1, mid.0, mid.1).distance_m;
        let b = geodesic_inverse(mid.0, mid.1, to.0, to.1).distance_m;
        assert!((a - b).abs() < 1e-6);
        let (d_gc, _) = leg_distance_bearing(LegGeometry::GreatCircle, from.0, from.1, to.0, to.1);
        let (d_rh, _) = leg_distance_bearing(LegGeometry::Rhumb, from.0, from.1, to.0, to.1);
        assert!(d_gc < d_rh);
    }
}
