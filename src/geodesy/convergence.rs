//! Meridian convergence: the angle between grid north and true north in a projected CRS.
//!
//! **Sign convention** (the one every caller in fathom uses): [`meridian_convergence_deg`] is the
//! *grid bearing of true north*, the angle from grid north to true north, clockwise positive, so
//! that
//!
//! ```text
//! grid bearing = true bearing + meridian_convergence_deg
//! ```
//!
//! This is −γ in the surveyor's convention, where γ (the "grid convergence" of UTM tables and of
//! PROJ's `proj_factors`) is the angle from true north to grid north, positive east of a
//! transverse Mercator's central meridian in the northern hemisphere (γ ≈ Δλ·sin φ, Snyder,
//! *Map Projections — A Working Manual*, USGS PP 1395, 1987, §8).
//!
//! It is measured with the projection itself, as PROJ's `proj_factors` does (the derivative of
//! the projected coordinates along the meridian, here a central difference over ±0.36″ of
//! latitude, one-sided within 0.001° of a pole), so it holds for any projected CRS, not only a
//! transverse Mercator.

/// Half the latitude step of the central difference (degrees): ≈ 11 m on the ground, so that the
/// rounding of metre-scale coordinates (≈ 1e-9 m) costs < 1e-8° and the meridian's curvature
/// over the step (an O(h²) error) is far below that.
const STEP_DEG: f64 = 1e-4;

/// Grid bearing of true north at (`lon`, `lat`), degrees clockwise from grid north (see the
/// module documentation for the sign), under the projection `to_work` (WGS 84 lon/lat → working
/// CRS x/y in metres).
pub fn meridian_convergence_deg<E>(
    to_work: impl Fn(f64, f64) -> Result<(f64, f64), E>,
    lon: f64,
    lat: f64,
) -> Result<f64, E> {
    let south = (lat - STEP_DEG).max(-90.0);
    let north = (lat + STEP_DEG).min(90.0);
    let (x0, y0) = to_work(lon, south)?;
    let (x1, y1) = to_work(lon, north)?;
    Ok((x1 - x0).atan2(y1 - y0).to_degrees())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::{Crs, Transformer, utm_epsg};

    /// PROJ's own meridian convergence (`proj_factors`, radians → degrees) for `epsg` at a
    /// lon/lat: the reference, computed by PROJ's C API on the projection alone.
    fn proj_factors_convergence_deg(epsg: u32, lon: f64, lat: f64) -> f64 {
        use proj_sys as ffi;
        let def = std::ffi::CString::new(format!("EPSG:{epsg}")).unwrap();
        // SAFETY: the context and object are created, checked for null and destroyed once each;
        // `proj_factors` reads a coordinate in radians (lon, lat) for a projected CRS.
        unsafe {
            let ctx = ffi::proj_context_create();
            assert!(!ctx.is_null());
            let p = ffi::proj_create(ctx, def.as_ptr());
            assert!(!p.is_null());
            let coord = ffi::proj_coord(lon.to_radians(), lat.to_radians(), 0.0, 0.0);
            let f = ffi::proj_factors(p, coord);
            let err = ffi::proj_errno(p);
            ffi::proj_destroy(p);
            ffi::proj_context_destroy(ctx);
            assert_eq!(err, 0, "proj_factors failed for EPSG:{epsg} at {lon},{lat}");
            f.meridian_convergence.to_degrees()
        }
    }

    #[test]
    fn matches_proj_factors_across_latitudes_and_zones() {
        // (lon, lat): both hemispheres, both sides of the central meridian, the edge of a zone,
        // and high latitude.
        let points = [
            (121.9, 30.8),  // Lingang, 51N, 1.1° west of CM 123°E
            (124.5, 30.8),  // 51N, east of the CM
            (5.3, 53.4),    // Wadden Sea, 31N, 2.3° east of CM 3°E
            (0.01, 45.0),   // 31N, zone's west edge
            (-3.0, 59.0),   // Orkney, 30N, on the CM
            (151.2, -33.9), // Sydney, 56S
            (17.9, 78.5),   // Svalbard, 33X, 2.9° east
            (110.0, 18.4),  // Lingshui, 49N
        ];
        for (lon, lat) in points {
            let epsg = utm_epsg(lon, lat);
            let t = Transformer::new(&Crs::wgs84(), &Crs::epsg(epsg)).unwrap();
            let ours = meridian_convergence_deg(|a, b| t.convert(a, b), lon, lat).unwrap();
            let proj = proj_factors_convergence_deg(epsg, lon, lat);
            // PROJ's γ runs from true north to grid north: the opposite sign to ours.
            assert!(
                (ours + proj).abs() < 1e-6,
                "EPSG:{epsg} at {lon},{lat}: {ours} vs PROJ {proj}"
            );
        }
    }

    #[test]
    fn sign_east_and_west_of_the_central_meridian() {
        // Northern hemisphere, east of the CM: meridians lean towards the CM as they run north,
        // so true north lies west (anticlockwise) of grid north.
        let t = Transformer::new(&Crs::wgs84(), &Crs::epsg(32651)).unwrap();
        let east = meridian_convergence_deg(|a, b| t.convert(a, b), 124.5, 30.8).unwrap();
        let west = meridian_convergence_deg(|a, b| t.convert(a, b), 121.5, 30.8).unwrap();
        assert!(east < -0.7 && west > 0.7, "{east} {west}");
    }

    /// Spherical transverse Mercator (Snyder 1987, eqs. 8-1 to 8-3, k₀ = 1, φ₀ = 0).
    fn spherical_tm(lon0: f64) -> impl Fn(f64, f64) -> Result<(f64, f64), ()> {
        const R: f64 = 6_371_000.0;
        move |lon: f64, lat: f64| {
            let (l, p) = ((lon - lon0).to_radians(), lat.to_radians());
            let b = p.cos() * l.sin();
            let x = 0.5 * R * ((1.0 + b) / (1.0 - b)).ln();
            let y = R * (p.tan()).atan2(l.cos());
            Ok((x, y))
        }
    }

    #[test]
    fn matches_the_closed_form_for_a_spherical_transverse_mercator() {
        // Spherical TM: tan γ = tan Δλ · sin φ (the ratio of the derivatives of eqs. 8-1 and 8-3
        // along the meridian; Snyder 1987, §8); ours is −γ.
        let tm = spherical_tm(3.0);
        for lat in [-70.0, -45.0, -10.0, 0.0, 20.0, 53.4, 80.0] {
            for dlon in [-3.0, -1.2, 0.0, 0.7, 2.9, 6.0] {
                let ours = meridian_convergence_deg(&tm, 3.0 + dlon, lat).unwrap();
                let gamma = (f64::tan(dlon.to_radians()) * f64::sin(lat.to_radians()))
                    .atan()
                    .to_degrees();
                assert!(
                    (ours + gamma).abs() < 1e-7,
                    "Δλ {dlon} φ {lat}: {ours} vs {}",
                    -gamma
                );
            }
        }
    }

    #[test]
    fn defined_at_the_pole() {
        let tm = spherical_tm(3.0);
        let g = meridian_convergence_deg(&tm, 4.0, 90.0).unwrap();
        assert!(g.is_finite(), "{g}");
    }
}
