//! Under-keel clearance along the planned route.
//!
//! Every leg is sampled at no more than 0.45 grid cell (so at least two samples per cell); at each
//! sample the water depth at the planning level (`Context::depth_at`: grid + tide offset), the
//! Barrass squat at the leg speed ([`super::squat`], with the width of water deep enough for the
//! ship measured across the track, up to Barrass's width of influence) and the clearance
//! `UKC = depth − draught − squat` (domain-reference §5: static UKC = charted depth + tide −
//! static draught; squat is the main dynamic allowance). The requirement is
//! `Vessel::ukc_required_m` (the larger of the absolute and %-of-draught figures).

use super::legs::{Leg, RouteTable};
use super::sailing::point_along;
use super::squat::{
    BARRASS_H_OVER_T, barrass_squat_m, speed_through_water_kn, width_of_influence_m,
};
use crate::finding::ObjectRef;
use crate::mission::{Context, Route, Vessel};
use serde::Serialize;

/// One sample along the route.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UkcSample {
    /// Index of the leg in the route table (0-based).
    pub leg: usize,
    /// Distance from the first waypoint (m).
    pub kp_m: f64,
    /// Longitude of the sample (degrees, WGS 84).
    pub lon: f64,
    /// Latitude of the sample (degrees, WGS 84).
    pub lat: f64,
    /// Working-CRS position; `None` when the CRS conversion failed.
    pub xy: Option<(f64, f64)>,
    /// Inside the grid's extent.
    pub inside: bool,
    /// Depth at the planning level (m); `None` outside the grid or on no data.
    pub depth_m: Option<f64>,
    /// Barrass squat (m) at the speed through the water, with the width of water at least one
    /// draught deep across the track as the channel width; `None` where there is no depth.
    pub squat_m: Option<f64>,
    /// Speed through the water used for the squat (kn): the leg speed against the head current.
    pub speed_through_water_kn: f64,
    /// Depth − draught − squat (m).
    pub clearance_m: Option<f64>,
}

/// Samples the route (see the module doc).
pub fn sample_route(
    ctx: &Context,
    route: &Route,
    table: &RouteTable,
    vessel: &Vessel,
) -> Vec<UkcSample> {
    let cell = ctx.grid.transform.dx.min(ctx.grid.transform.dy);
    let step = 0.45 * cell;
    // The mission's strong (P90) current, taken head-on: the worst case for squat at the
    // planned speed over the ground [E].
    let current_ms = ctx
        .mission
        .metocean
        .as_ref()
        .and_then(|m| m.current_p90_ms)
        .unwrap_or(0.0);
    let mut out = Vec::new();
    for (li, leg) in table.legs.iter().enumerate() {
        let (a, b) = (&route.waypoints[li], &route.waypoints[li + 1]);
        let n = ((leg.distance_m / step).ceil() as usize).max(1);
        let stw_kn = speed_through_water_kn(leg.speed_kn, current_ms);
        let pts: Vec<(f64, f64, f64)> = (0..=n)
            .filter(|&k| k > 0 || li == 0)
            .map(|k| {
                let t = k as f64 / n as f64;
                let (lon, lat) = point_along(leg.geometry, (a.lon, a.lat), (b.lon, b.lat), t);
                (t, lon, lat)
            })
            .collect();
        let xys: Vec<Option<(f64, f64)>> = pts.iter().map(|p| ctx.to_work(p.1, p.2).ok()).collect();
        for (k, &(t, lon, lat)) in pts.iter().enumerate() {
            let xy = xys[k];
            let inside = xy.is_some_and(|(x, y)| ctx.grid.contains(x, y));
            let depth_m = xy.and_then(|(x, y)| ctx.depth_at(x, y));
            let squat_m = match (xy, depth_m) {
                (Some(p), Some(d)) => {
                    let dir = track_direction(&xys, k);
                    let width = dir.map_or(f64::INFINITY, |u| deep_width(ctx, vessel, p, u));
                    Some(barrass_squat_m(
                        vessel.block_coefficient,
                        stw_kn,
                        vessel.beam_m,
                        vessel.draught_m,
                        d,
                        width,
                    ))
                }
                _ => None,
            };
            out.push(UkcSample {
                leg: li,
                kp_m: leg.kp_start_m + t * leg.distance_m,
                lon,
                lat,
                xy,
                inside,
                depth_m,
                squat_m,
                speed_through_water_kn: stw_kn,
                clearance_m: depth_m.zip(squat_m).map(|(d, s)| d - vessel.draught_m - s),
            });
        }
    }
    out
}

/// Unit direction of the track at sample `k` in the working CRS.
fn track_direction(xys: &[Option<(f64, f64)>], k: usize) -> Option<(f64, f64)> {
    let a = xys[k.saturating_sub(1)]?;
    let b = xys[(k + 1).min(xys.len() - 1)]?;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    (len > 0.0).then(|| (dx / len, dy / len))
}

/// Width (m) of water at least one draught deep across the track at `p`, scanning each side up
/// to half of Barrass's width of influence (beyond which the banks do not matter).
fn deep_width(ctx: &Context, v: &Vessel, p: (f64, f64), dir: (f64, f64)) -> f64 {
    let half = width_of_influence_m(v.beam_m, v.block_coefficient) / 2.0;
    let step = 0.5 * ctx.grid.transform.dx.min(ctx.grid.transform.dy);
    let normal = (-dir.1, dir.0);
    let mut width = 0.0;
    for side in [1.0, -1.0] {
        let mut s = step;
        while s <= half {
            let (x, y) = (p.0 + side * s * normal.0, p.1 + side * s * normal.1);
            match ctx.depth_at(x, y) {
                Some(d) if d > v.draught_m => s += step,
                _ => break,
            }
        }
        width += (s - step).min(half);
    }
    width
}

/// A contiguous run of samples with the same problem.
struct Stretch {
    first: usize,
    last: usize,
    worst: usize,
}

/// Groups consecutive sample indices where `bad` holds; `worse(a, b)` says a is worse than b.
fn stretches(
    samples: &[UkcSample],
    bad: impl Fn(&UkcSample) -> bool,
    worse: impl Fn(&UkcSample, &UkcSample) -> bool,
) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    let mut open = false;
    for (i, s) in samples.iter().enumerate() {
        if bad(s) {
            match out.last_mut() {
                Some(st) if open => {
                    st.last = i;
                    if worse(s, &samples[st.worst]) {
                        st.worst = i;
                    }
                }
                _ => out.push(Stretch {
                    first: i,
                    last: i,
                    worst: i,
                }),
            }
            open = true;
        } else {
            open = false;
        }
    }
    out
}

fn legs_label(table: &RouteTable, a: usize, b: usize) -> ObjectRef {
    ObjectRef::Legs(table.legs[a].number, table.legs[b].number)
}

/// The UKC and grid-coverage findings for sampled route: one `ROUTE-UKC` per stretch below the
/// requirement, one `ROUTE-OUTSIDE-GRID` / `ROUTE-NO-DATA` per stretch where depth is unknown.
pub fn ukc_findings(
    table: &RouteTable,
    samples: &[UkcSample],
    vessel: &Vessel,
) -> Vec<crate::finding::Finding> {
    use crate::finding::Finding;
    let need = vessel.ukc_required_m();
    let km = |m: f64| m / 1000.0;
    let mut out = Vec::new();
    for st in stretches(
        samples,
        |s| s.clearance_m.is_some_and(|c| c < need),
        |a, b| a.clearance_m < b.clearance_m,
    ) {
        let (f, l, w) = (&samples[st.first], &samples[st.last], &samples[st.worst]);
        out.push(
            Finding::error(
                "ROUTE-UKC",
                format!(
                    "under-keel clearance below the required {need:.2} m from KP {:.3} to KP {:.3} km; worst {:.2} m at KP {:.3} km (depth {:.2} m, draught {:.2} m, squat {:.2} m at {:.1} kn through the water)",
                    km(f.kp_m),
                    km(l.kp_m),
                    w.clearance_m.unwrap_or(f64::NAN),
                    km(w.kp_m),
                    w.depth_m.unwrap_or(f64::NAN),
                    vessel.draught_m,
                    w.squat_m.unwrap_or(f64::NAN),
                    w.speed_through_water_kn,
                ),
            )
            .object(legs_label(table, f.leg, l.leg))
            .at(w.lon, w.lat),
        );
    }
    // Barrass's formula outside its stated h/T range: below it (and afloat) a warning, since
    // the squat there decides the clearance; above it a note, the squat being a small part of
    // a clearance of ≥ 0.4·T.
    let h_over_t = |s: &UkcSample| s.depth_m.map(|d| d / vessel.draught_m);
    let [lo, hi] = BARRASS_H_OVER_T;
    type Outside = fn(f64, f64, f64) -> bool;
    let ranges: [(bool, Outside); 2] = [
        (true, |r, lo, _| r > 1.0 && r < lo),
        (false, |r, _, hi| r > hi),
    ];
    for (below, outside) in ranges {
        let picked: Vec<&UkcSample> = samples
            .iter()
            .filter(|s| h_over_t(s).is_some_and(|r| outside(r, lo, hi)))
            .collect();
        let (Some(f), Some(l)) = (picked.first(), picked.last()) else {
            continue;
        };
        let ratios = picked.iter().filter_map(|s| h_over_t(s));
        let (rmin, rmax) = ratios.fold((f64::MAX, f64::MIN), |(a, b), r| (a.min(r), b.max(r)));
        let msg = format!(
            "depth/draught {rmin:.2}–{rmax:.2} between KP {:.3} and KP {:.3} km lies {} Barrass's stated range {lo}–{hi}: the squat there is extrapolated",
            km(f.kp_m),
            km(l.kp_m),
            if below { "below" } else { "above" }
        );
        out.push(
            if below {
                Finding::warning("ROUTE-SQUAT-RANGE", msg)
            } else {
                Finding::info("ROUTE-SQUAT-RANGE", msg)
            }
            .object(legs_label(table, f.leg, l.leg))
            .at(f.lon, f.lat),
        );
    }
    type SampleTest = fn(&UkcSample) -> bool;
    let unknown: [(&str, &str, SampleTest); 2] = [
        ("ROUTE-OUTSIDE-GRID", "outside the bathymetry grid", |s| {
            !s.inside
        }),
        ("ROUTE-NO-DATA", "over grid cells without data", |s| {
            s.inside && s.depth_m.is_none()
        }),
    ];
    for (code, what, bad) in unknown {
        for st in stretches(samples, bad, |_, _| false) {
            let (f, l) = (&samples[st.first], &samples[st.last]);
            out.push(
                Finding::error(
                    code,
                    format!(
                        "the route runs {what} from KP {:.3} to KP {:.3} km: under-keel clearance cannot be checked there",
                        km(f.kp_m),
                        km(l.kp_m)
                    ),
                )
                .object(legs_label(table, f.leg, l.leg))
                .at(f.lon, f.lat),
            );
        }
    }
    out
}

/// Zones each leg passes through: (leg index, zone id, first sample inside or at the end of the
/// first stretch between consecutive samples that touches the zone). Stretches are tested as
/// segments, so a zone narrower than the sample spacing is not missed.
pub fn zone_crossings<'a>(
    samples: &'a [UkcSample],
    zones: &'a [crate::zones::ZoneShape],
) -> Vec<(usize, &'a str, &'a UkcSample)> {
    use geo::{BoundingRect, Intersects};
    let boxes: Vec<_> = zones.iter().map(|z| z.area.bounding_rect()).collect();
    let mut out: Vec<(usize, &str, &UkcSample)> = Vec::new();
    let mut prev: Option<&UkcSample> = None;
    for s in samples {
        let Some(b) = s.xy else {
            prev = None;
            continue;
        };
        let a = prev
            .filter(|p| p.leg == s.leg)
            .and_then(|p| p.xy)
            .unwrap_or(b);
        let line = geo::Line::new(
            geo::coord! { x: a.0, y: a.1 },
            geo::coord! { x: b.0, y: b.1 },
        );
        for (z, bbox) in zones.iter().zip(&boxes) {
            let hit = bbox.is_some_and(|r| r.intersects(&line)) && z.area.intersects(&line);
            if hit && !out.iter().any(|(l, id, _)| *l == s.leg && *id == z.id) {
                out.push((s.leg, &z.id, s));
            }
        }
        prev = Some(s);
    }
    out
}

/// The leg a finding about `leg` names.
pub fn leg_object(leg: &Leg) -> ObjectRef {
    ObjectRef::leg(leg.number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bathymetry::{GeoTransform, Grid};
    use crate::geodesy::Crs;
    use crate::mission::{LegGeometry, Mission, Site, Waypoint};

    /// A 200 × 200 grid of 10 m cells in UTM 31N near 5.2° E 53.3° N: 12 m of water with a 6 m
    /// shoal over columns 90–109.
    pub(crate) fn context() -> Context {
        let crs = Crs::epsg(32631);
        let (x0, y0) = (640_000.0, 5_910_000.0);
        let t = GeoTransform {
            origin_x: x0,
            origin_y: y0,
            dx: 10.0,
            dy: 10.0,
        };
        let mut grid = Grid::filled(200, 200, t, -12.0);
        for r in 0..200 {
            for c in 90..110 {
                grid.data[r * 200 + c] = -6.0;
            }
        }
        grid.crs = Some(crs.clone());
        let mut mission = Mission::new(
            "t",
            Site {
                bathymetry: "grid.tif".into(),
                grid_crs: None,
                positive_down: false,
                working_crs: Some("EPSG:32631".into()),
                vertical_datum: "LAT".into(),
                tide_offset_m: 0.0,
            },
        );
        mission.vessel = Some(Vessel {
            name: "v".into(),
            source: String::new(),
            length_m: 80.0,
            beam_m: 20.0,
            draught_m: 5.0,
            block_coefficient: 0.8,
            service_speed_kn: 5.0,
            ukc_min_m: 1.0,
            ukc_min_pct: 0.0,
            transit_limits: None,
            crane: None,
        });
        Context {
            mission,
            path: "t.toml".into(),
            grid_path: "grid.tif".into(),
            grid_source_crs: crs.clone(),
            working_crs: crs,
            grid: grid.into(),
        }
    }

    fn route_across(ctx: &Context, y: f64, x_from: f64, x_to: f64) -> Route {
        let (lon1, lat1) = ctx.to_lonlat(x_from, y).unwrap();
        let (lon2, lat2) = ctx.to_lonlat(x_to, y).unwrap();
        let wp = |id, lon, lat| Waypoint {
            id,
            name: String::new(),
            lon,
            lat,
            speed_kn: None,
            geometry: LegGeometry::Rhumb,
        };
        Route {
            name: "r".into(),
            departure: None,
            waypoints: vec![wp(1, lon1, lat1), wp(2, lon2, lat2)],
        }
    }

    #[test]
    fn one_finding_per_shallow_stretch_with_kp_and_worst_value() {
        let mut ctx = context();
        ctx.mission.route = Some(route_across(&ctx, 5_909_000.0, 640_105.0, 641_895.0));
        let f = crate::vessel::check(&ctx);
        let ukc: Vec<_> = f.iter().filter(|f| f.code == "ROUTE-UKC").collect();
        assert_eq!(ukc.len(), 1, "{f:?}");
        // Shoal: x 640 900–641 100, i.e. KP ≈ 0.79–0.99 km (bilinear blending widens it by up
        // to one cell on each side). Clearance there: 6 − 5 − squat (0.8 · 25/100 = 0.2 open
        // water, up to 0.4 confined) = 0.6–0.8 m, below the required 1 m.
        let msg = &ukc[0].message;
        assert!(msg.contains("required 1.00 m"), "{msg}");
        let kp: Vec<f64> = msg
            .split("KP ")
            .skip(1)
            .map(|s| s.split_whitespace().next().unwrap().parse().unwrap())
            .collect();
        assert!(
            (0.76..=0.80).contains(&kp[0]) && (0.98..=1.01).contains(&kp[1]),
            "{kp:?}"
        );
        let worst: f64 = msg
            .split("worst ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.59..=0.81).contains(&worst), "{worst}");
        // The deep water on either side is clean: exactly one stretch.
        assert!(f.iter().all(|f| f.code != "ROUTE-OUTSIDE-GRID"));
    }

    #[test]
    fn legs_through_exclusion_zones_and_broken_zones() {
        use crate::mission::{ExclusionZone, ZoneKind};
        let mut ctx = context();
        // A clean leg in deep water (x 640 105–640 805), then zones across it.
        ctx.mission.route = Some(route_across(&ctx, 5_909_000.0, 640_105.0, 640_805.0));
        let ll = |x: f64, y: f64| {
            let (lon, lat) = ctx.to_lonlat(x, y).unwrap();
            [lon, lat]
        };
        let zone = |id: &str, polygon, line, buffer_m| ExclusionZone {
            id: id.into(),
            kind: ZoneKind::CablePipeline,
            buffer_m,
            polygon,
            line,
            geojson: None,
        };
        // A cable crossing the leg at x = 640 500 with a 1 m corridor: narrower than the 5 m
        // sample spacing, caught by the segment test; a box south of the leg, 50 m clear of it;
        // a line without buffer (invalid: the siting rules report it).
        let cable = vec![ll(640_500.0, 5_908_800.0), ll(640_500.0, 5_909_200.0)];
        let boxed = vec![
            ll(640_300.0, 5_908_800.0),
            ll(640_400.0, 5_908_800.0),
            ll(640_400.0, 5_908_950.0),
            ll(640_300.0, 5_908_950.0),
        ];
        ctx.mission.exclusion_zones = vec![
            zone("cable", None, Some(cable.clone()), 1.0),
            zone("box", Some(boxed), None, 0.0),
            zone("bad", None, Some(cable), 0.0),
        ];
        let f = crate::vessel::check(&ctx);
        let hit: Vec<_> = f.iter().filter(|f| f.code == "ROUTE-EXCLUSION").collect();
        assert_eq!(hit.len(), 1, "{f:?}");
        assert!(
            hit[0].message.contains("`cable` at KP 0.39"),
            "{}",
            hit[0].message
        );
        let unchecked: Vec<_> = f
            .iter()
            .filter(|f| f.code == "ROUTE-EXCLUSION-UNCHECKED")
            .collect();
        assert_eq!(unchecked.len(), 1, "{f:?}");
        assert!(
            unchecked[0].message.contains("`bad`"),
            "{}",
            unchecked[0].message
        );
        // The box grown by 60 m reaches the leg.
        ctx.mission.exclusion_zones[1].buffer_m = 60.0;
        let f = crate::vessel::check(&ctx);
        assert!(
            f.iter()
                .any(|f| f.code == "ROUTE-EXCLUSION" && f.message.contains("`box`"))
        );
    }

    /// The route findings other than notes.
    fn not_info(ctx: &Context) -> Vec<crate::finding::Finding> {
        crate::vessel::check(ctx)
            .into_iter()
            .filter(|f| f.severity != crate::finding::Severity::Info)
            .collect()
    }

    #[test]
    fn squat_range_and_speed_through_the_water() {
        let mut ctx = context();
        let route = route_across(&ctx, 5_909_000.0, 640_105.0, 640_805.0);
        ctx.mission.route = Some(route.clone());
        // 12 m of water under a 5 m draught: h/T = 2.4, above Barrass's 1.1–1.4: a note.
        let f = crate::vessel::check(&ctx);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].code.as_str(), f[0].severity),
            ("ROUTE-SQUAT-RANGE", crate::finding::Severity::Info)
        );
        assert!(
            f[0].message.starts_with("depth/draught 2.40–2.40"),
            "{}",
            f[0].message
        );
        // A 10 m draught: h/T = 1.2 in the open, 0.6 over the shoal (aground, left to
        // ROUTE-UKC): within the range, no squat-range finding.
        ctx.mission.vessel.as_mut().unwrap().draught_m = 10.0;
        assert!(
            crate::vessel::check(&ctx)
                .iter()
                .all(|f| f.code != "ROUTE-SQUAT-RANGE")
        );
        // 11.5 m: h/T = 1.04 in the open, below the range: a warning.
        ctx.mission.vessel.as_mut().unwrap().draught_m = 11.5;
        let f = crate::vessel::check(&ctx);
        assert!(
            f.iter().any(|f| f.code == "ROUTE-SQUAT-RANGE"
                && f.severity == crate::finding::Severity::Warning),
            "{f:?}"
        );
        // A 1 m/s head current (P90) adds 1.944 kn through the water: open-water squat
        // Cb·V²/100 with V = 5 + 1.944 kn.
        ctx.mission.vessel.as_mut().unwrap().draught_m = 5.0;
        ctx.mission.metocean = Some(crate::mission::Metocean {
            current_p90_ms: Some(1.0),
            ..Default::default()
        });
        let v = ctx.mission.vessel.clone().unwrap();
        let table = crate::vessel::legs::route_table(&route, Some(&v)).unwrap();
        let s = sample_route(&ctx, &route, &table, &v);
        let stw = 5.0 + 3600.0 / 1852.0;
        let mid = &s[s.len() / 2];
        assert!((mid.speed_through_water_kn - stw).abs() < 1e-12);
        assert!((mid.squat_m.unwrap() - 0.8 * stw * stw / 100.0).abs() < 1e-9);
    }

    #[test]
    fn clean_route_and_route_leaving_the_grid() {
        let mut ctx = context();
        ctx.mission.route = Some(route_across(&ctx, 5_909_000.0, 640_105.0, 640_805.0));
        assert!(not_info(&ctx).is_empty());
        ctx.mission.route = Some(route_across(&ctx, 5_909_000.0, 640_105.0, 642_500.0));
        let f = crate::vessel::check(&ctx);
        let out: Vec<_> = f
            .iter()
            .filter(|f| f.code == "ROUTE-OUTSIDE-GRID")
            .collect();
        assert_eq!(out.len(), 1, "{f:?}");
    }

    #[test]
    fn duplicated_waypoint_is_a_zero_leg() {
        let mut ctx = context();
        let mut route = route_across(&ctx, 5_909_000.0, 640_105.0, 640_805.0);
        let mut dup = route.waypoints[1].clone();
        dup.id = 3;
        route.waypoints.push(dup);
        ctx.mission.route = Some(route);
        let f = not_info(&ctx);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, "ROUTE-ZERO-LEG");
        assert_eq!(f[0].object, Some(ObjectRef::leg(2)));
        assert!(
            f[0].message
                .starts_with("leg 2 from waypoint 2 to waypoint 3 is 0.00 m long")
        );
    }

    #[test]
    fn squat_is_open_water_in_wide_deep_water() {
        let mut ctx = context();
        let route = route_across(&ctx, 5_909_000.0, 640_105.0, 640_805.0);
        ctx.mission.route = Some(route.clone());
        let v = ctx.mission.vessel.clone().unwrap();
        let table = crate::vessel::legs::route_table(&route, Some(&v)).unwrap();
        let s = sample_route(&ctx, &route, &table, &v);
        // Samples at ≤ 0.45 cell: 700 m / 4.5 m → ≥ 156 samples.
        assert!(s.len() >= 156, "{}", s.len());
        let mid = &s[s.len() / 2];
        assert!((mid.squat_m.unwrap() - 0.2).abs() < 1e-9);
        assert!((mid.clearance_m.unwrap() - (12.0 - 5.0 - 0.2)).abs() < 1e-3);
    }
}
