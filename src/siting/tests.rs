//! Scenario tests over whole missions: layout, validation findings and edge cases.

use super::plan::layout_cabins;
use super::*;
use crate::mission::fixtures::{context, flat_grid, mission};
use crate::mission::{Cabin, Constraints, Context, ExclusionZone, LandingPoint, ZoneKind};

fn lonlat(ctx: &Context, x: f64, y: f64) -> (f64, f64) {
    ctx.to_lonlat(x, y).unwrap()
}

/// The (object, code) pairs of the siting findings, sorted.
fn codes(ctx: &Context) -> Vec<(String, String)> {
    let mut v: Vec<_> = check(ctx)
        .into_iter()
        .map(|f| (f.object.map(|o| o.to_string()).unwrap_or_default(), f.code))
        .collect();
    v.sort();
    v
}

/// The siting findings are exactly `want` (object, code), in sorted order.
pub(super) fn assert_codes(ctx: &Context, want: &[(&str, &str)]) {
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(codes(ctx), want);
}

/// 300 × 300 cells of 2 m, 20 m deep with a gentle east–west tilt, a landing point in the
/// south-west, a protected square in the middle.
fn scene() -> Context {
    let mut g = flat_grid(300, 2.0, 20.0);
    for r in 0..300 {
        for c in 0..300 {
            g.data[r * 300 + c] = -20.0 - 0.01 * c as f32;
        }
    }
    let mut m = mission(20.0, 10.0);
    m.constraints = Some(Constraints {
        min_depth_m: Some(19.0),
        max_depth_m: Some(24.0),
        min_top_clearance_m: Some(10.0),
        min_spacing_m: Some(15.0),
        max_cable_m: Some(500.0),
        headings_deg: Some(vec![0.0, 90.0]),
        ..Default::default()
    });
    let ctx = context(m, g);
    let (lon, lat) = lonlat(&ctx, 640_020.0, 5_919_420.0);
    let corners = [
        (640_250.0, 5_919_650.0),
        (640_350.0, 5_919_650.0),
        (640_350.0, 5_919_750.0),
        (640_250.0, 5_919_750.0),
    ];
    let polygon = corners.iter().map(|&(x, y)| {
        let (a, b) = lonlat(&ctx, x, y);
        [a, b]
    });
    let mut m = ctx.mission.clone();
    m.landing_points.push(LandingPoint {
        id: "shore".into(),
        lon,
        lat,
    });
    m.exclusion_zones.push(ExclusionZone {
        id: "reserve".into(),
        kind: ZoneKind::ProtectedArea,
        buffer_m: 20.0,
        polygon: Some(polygon.collect()),
        line: None,
        geojson: None,
    });
    Context { mission: m, ..ctx }
}

#[test]
fn layout_places_n_cabins_that_validate_clean() {
    let mut ctx = scene();
    let (report, cabins) = layout_cabins(&ctx, None, 8, false).unwrap();
    assert_eq!(cabins.len(), 8, "{}", report.why_short());
    assert!(report.why_short().is_empty());
    // Deterministic: the same mission gives the same cabins.
    let (_, again) = layout_cabins(&ctx, None, 8, false).unwrap();
    assert_eq!(cabins, again);
    // Cabins sit near the landing point (short cables) and in order of score.
    for p in &report.placed {
        assert!(p.cable.as_ref().unwrap().1 < 200.0, "{p:?}");
        assert!(p.stats.min_depth_m >= 19.0 && p.stats.max_depth_m <= 24.0);
    }
    ctx.mission.cabins = cabins;
    assert_eq!(codes(&ctx), vec![]);
    // A second run keeps clear of the first cabins.
    let (_, more) = layout_cabins(&ctx, None, 4, false).unwrap();
    assert_eq!(
        more.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["C9", "C10", "C11", "C12"]
    );
    ctx.mission.cabins.extend(more);
    assert_eq!(codes(&ctx), vec![]);
}

#[test]
fn zone_swallowing_the_grid_places_none_and_says_why() {
    let mut ctx = scene();
    let (lon, lat) = lonlat(&ctx, 640_300.0, 5_919_700.0);
    ctx.mission.exclusion_zones.push(ExclusionZone {
        id: "everything".into(),
        kind: ZoneKind::ShippingLane,
        buffer_m: 2_000.0,
        polygon: None,
        line: Some(vec![[lon - 0.001, lat], [lon + 0.001, lat]]),
        geojson: None,
    });
    let (report, cabins) = layout_cabins(&ctx, None, 5, false).unwrap();
    assert!(cabins.is_empty());
    assert_eq!(report.feasible_cells, 0);
    let excl = report
        .blocked_cells
        .iter()
        .find(|b| b.0 == "EXCLUSION")
        .unwrap()
        .1;
    let outside = report
        .blocked_cells
        .iter()
        .find(|b| b.0 == "OUTSIDE")
        .unwrap()
        .1;
    // Every cell not already failing for the grid edge fails for the zone.
    assert_eq!(excl + outside, report.total_cells);
    let why = report.why_short();
    assert!(
        why.starts_with("placed 0 of 5 cabins: 0 of 90000 cells are feasible"),
        "{why}"
    );
    assert!(why.contains(&format!("EXCLUSION {excl}")), "{why}");
}

#[test]
fn findings_name_each_violation_with_value_and_limit() {
    let mut ctx = scene();
    // A hole of no data, and a 1.5 m step.
    let w = ctx.grid.width;
    let grid = std::sync::Arc::make_mut(&mut ctx.grid);
    for r in 100..110 {
        for c in 100..110 {
            grid.data[r * w + c] = f32::NAN;
        }
    }
    for r in 150..160 {
        for c in 40..90 {
            grid.data[r * w + c] -= 1.5;
        }
    }
    let t = ctx.grid.transform;
    let at = |ctx: &Context, id: &str, c: usize, r: usize, h: f64| {
        let (x, y) = t.cell_center(c, r);
        let (lon, lat) = lonlat(ctx, x, y);
        Cabin {
            id: id.into(),
            cabin_type: "box".into(),
            lon,
            lat,
            heading_deg: h,
        }
    };
    ctx.mission.cabins = vec![
        at(&ctx, "hole", 99, 100, 0.0),  // straddles the hole
        at(&ctx, "edge", 1, 150, 0.0),   // reaches past the west edge
        at(&ctx, "cliff", 60, 160, 0.0), // across the step
        at(&ctx, "zone", 150, 150, 0.0), // inside the reserve
        at(&ctx, "far", 290, 10, 0.0),   // > 500 m from shore
        at(&ctx, "a", 30, 260, 0.0),
        at(&ctx, "b", 38, 260, 0.0), // 16 m east of a: 6 m edge to edge
    ];
    assert_codes(
        &ctx,
        &[
            ("cabin a", "SITE-SPACING"),
            ("cabin cliff", "SITE-RELIEF"),
            ("cabin cliff", "SITE-SLOPE"),
            ("cabin edge", "SITE-OUTSIDE-GRID"),
            ("cabin far", "SITE-CABLE"),
            ("cabin hole", "SITE-NODATA"),
            ("cabin zone", "SITE-EXCLUSION"),
        ],
    );
    let f = check(&ctx);
    let msg = |code: &str| f.iter().find(|x| x.code == code).unwrap().message.clone();
    assert!(
        msg("SITE-SPACING").contains(" m edge to edge from cabin b; at least 15 m"),
        "{}",
        msg("SITE-SPACING")
    );
    assert!(
        msg("SITE-RELIEF").contains("limit 1 m (cabin type `box`)"),
        "{}",
        msg("SITE-RELIEF")
    );
    assert!(msg("SITE-CABLE").contains("to the nearest landing point `shore`; limit 500 m"));
    assert!(msg("SITE-EXCLUSION").contains("`reserve`"));
    assert!(msg("SITE-NODATA").contains("grid cells under the footprint have no depth data"));
    assert!(f.iter().all(|x| x.location.is_some()));
}

#[test]
fn geographic_grid_is_reprojected_to_utm_and_laid_out() {
    use crate::bathymetry::{GeoTransform, Grid};
    use crate::geodesy::Crs;
    // 0.0001° cells (≈ 6.6 m × 11 m) off Ameland, a bowl 18–24 m deep.
    let t = GeoTransform {
        origin_x: 5.60,
        origin_y: 53.52,
        dx: 0.0001,
        dy: 0.0001,
    };
    let mut g = Grid::filled(120, 80, t, 0.0);
    for r in 0..80 {
        for c in 0..120 {
            let (u, v) = (c as f32 / 119.0 - 0.5, r as f32 / 79.0 - 0.5);
            g.data[r * 120 + c] = -24.0 + 6.0 * (u * u + v * v);
        }
    }
    g.crs = Some(Crs::wgs84());
    let mut m = mission(20.0, 10.0);
    m.cabin_types[0].max_relief_m = 0.5;
    m.constraints = Some(Constraints {
        min_spacing_m: Some(30.0),
        ..Default::default()
    });
    let mut ctx = context(m, g);
    assert_eq!(ctx.working_crs, Crs::epsg(32631));
    assert!(ctx.grid.transform.dx > 7.0 && ctx.grid.transform.dx < 10.0);
    let (report, cabins) = layout_cabins(&ctx, None, 5, false).unwrap();
    assert_eq!(cabins.len(), 5, "{}", report.why_short());
    // The reprojected grid's corners are no data: the map says so rather than guessing.
    let nodata = report
        .blocked_cells
        .iter()
        .find(|b| b.0 == "NODATA")
        .unwrap()
        .1;
    assert!(nodata > 0);
    for c in &cabins {
        assert!(
            c.lon > 5.60 && c.lon < 5.612 && c.lat < 53.52 && c.lat > 53.512,
            "{c:?}"
        );
    }
    ctx.mission.cabins = cabins;
    // Only the reprojected 7–10 m grid's resolution is reported (SITE-RESOLUTION, a warning).
    assert!(
        codes(&ctx).iter().all(|(_, c)| c == "SITE-RESOLUTION"),
        "{:?}",
        codes(&ctx)
    );
}
