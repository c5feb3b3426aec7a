//! Meridian convergence end to end: an as-placed fix puts the hook where the lever arm, turned to
//! the vessel's *true* heading and laid out on the ellipsoid, lands — checked against a geodesic
//! destination (Karney 2013) projected into the working CRS, independent of the convergence.

use fathom::geodesy::geodesic_destination;
use fathom::lift::lever_arm::hook_in_vessel;
use fathom::mission::{AsPlaced, Cabin, Context};
use std::path::PathBuf;

/// `missions/lift-failing.toml` (UTM 49N, cabin C1 at 110.08°E, 0.92° west of the central
/// meridian: the grid bearing of true north is ≈ +0.29°).
fn failing() -> Context {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("missions/lift-failing.toml");
    Context::load(&p).unwrap()
}

#[test]
fn as_placed_hook_lands_at_its_geodesic_position() {
    let ctx = failing();
    let crane = ctx.mission.vessel.as_ref().unwrap().crane.clone().unwrap();
    let plan = ctx.mission.lift.clone().unwrap();
    let (lon, lat) = (110.08, 18.40);
    // Hook relative to the antenna in the vessel frame (85 m aft, 2 m to port here).
    let hook = hook_in_vessel(crane.pedestal_fwd_stbd_up_m, plan.radius_m, plan.slew_deg);
    let (fwd, stbd) = (
        hook[0] - crane.gnss_antenna_fwd_stbd_up_m[0],
        hook[1] - crane.gnss_antenna_fwd_stbd_up_m[1],
    );
    for heading in [0.0, 37.0, 90.0, 200.0, 301.0f64] {
        let (s, c) = heading.to_radians().sin_cos();
        let (north, east) = (fwd * c - stbd * s, fwd * s + stbd * c);
        let (hlon, hlat) =
            geodesic_destination(lon, lat, east.atan2(north).to_degrees(), north.hypot(east));
        let want = ctx.to_work(hlon, hlat).unwrap();
        let fix = AsPlaced {
            cabin: "C1".into(),
            lon,
            lat,
            heading_deg: heading,
            roll_deg: 0.0,
            pitch_deg: 0.0,
            slew_deg: None,
            radius_m: None,
            cabin_heading_deg: 0.0,
        };
        let cabin = Cabin {
            id: "C1".into(),
            cabin_type: "hainan-1300".into(),
            lon: hlon,
            lat: hlat,
            heading_deg: 0.0,
        };
        let p = fathom::lift::placement::place(&ctx, &crane, &plan, &fix, &cabin).unwrap();
        // The lever arm is laid out at true scale, the UTM grid at k ≈ 0.9997 here: 2.4 cm over
        // 85 m. A convergence of the wrong sign would move the hook by 85 m × 2 × 0.29° ≈ 0.86 m.
        let miss = (p.hook_x - want.0).hypot(p.hook_y - want.1);
        assert!(
            miss < 0.05,
            "heading {heading}: hook {miss:.3} m from its geodesic position"
        );
        assert!(p.distance_m < 0.05, "{}", p.distance_m);
    }
}

#[test]
fn cabin_outline_turns_by_the_convergence() {
    // A cabin heading true north points along the meridian: on the grid, its long axis has the
    // grid bearing of true north, the bearing of a point 1 km due north (Karney).
    let ctx = failing();
    let (lon, lat) = (110.08, 18.40);
    let conv = ctx.meridian_convergence_deg(lon, lat).unwrap();
    let a = ctx.to_work(lon, lat).unwrap();
    let (nlon, nlat) = geodesic_destination(lon, lat, 0.0, 1000.0);
    let b = ctx.to_work(nlon, nlat).unwrap();
    let bearing = (b.0 - a.0).atan2(b.1 - a.1).to_degrees();
    assert!((conv - bearing).abs() < 1e-4, "{conv} vs {bearing}");
    // West of the central meridian (111°E), north of the equator: true north lies east of grid
    // north; ≈ 0.92°·sin 18.4° (Snyder 1987 §8).
    assert!(
        (conv - 0.92 * 18.4f64.to_radians().sin()).abs() < 0.01,
        "{conv}"
    );
}

#[test]
fn a_lever_arm_far_from_the_central_meridian_lands_at_its_projected_geodesic_position() {
    // Off Svalbard's south cape, UTM 33N (central meridian 15°E) 2.9° east of it at 76.5°N:
    // γ ≈ −2.8°. The arm is turned by `point_on_map` with `meridian_convergence_deg` as it comes,
    // and compared with the geodesic destination (Karney) projected by PROJ. A convergence taken
    // with the opposite sign misses by 100 m × 2 × 2.8° ≈ 9.8 m; the grid's scale (k ≈ 0.99967)
    // costs 3.3 cm over the 100 m arm, laid out at true scale.
    use fathom::geodesy::{Crs, Transformer, meridian_convergence_deg};
    use fathom::lift::lever_arm::{Attitude, point_on_map};
    let t = Transformer::new(&Crs::wgs84(), &Crs::epsg(32633)).unwrap();
    let (lon, lat) = (17.9, 76.5);
    let gamma = meridian_convergence_deg(|a, b| t.convert(a, b), lon, lat).unwrap();
    assert!((gamma + 2.8).abs() < 0.1, "{gamma}");
    let antenna = t.convert(lon, lat).unwrap();
    let (fwd, stbd) = (80.0, -60.0);
    for heading in [0.0, 37.0, 90.0, 200.0, 301.0f64] {
        let (s, c) = heading.to_radians().sin_cos();
        let (north, east) = (fwd * c - stbd * s, fwd * s + stbd * c);
        let (plon, plat) =
            geodesic_destination(lon, lat, east.atan2(north).to_degrees(), north.hypot(east));
        let want = t.convert(plon, plat).unwrap();
        let att = Attitude {
            heading_deg: heading,
            pitch_deg: 0.0,
            roll_deg: 0.0,
        };
        let got = point_on_map(antenna, [0.0; 3], [fwd, stbd, 0.0], att, gamma);
        let miss = (got.0 - want.0).hypot(got.1 - want.1);
        assert!(miss < 0.05, "heading {heading}: {miss:.3} m from PROJ");
    }
}
