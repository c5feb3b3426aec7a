//! Cable routes: the ends and hand-placed points of a `[[cables]]` entry in working-CRS metres,
//! and automatic routing with the vessel router's engine ([`crate::vessel::theta`], Lazy Theta*
//! over a [`NavMask`]) under a cable cost model.
//!
//! The cost model is a mask of cells a cable may not use plus a lexicographic crossing cost:
//! - exclusion zones and their buffers ([`crate::zones`]), except zones of kind `cable-pipeline`;
//! - seabed steeper than [`MAX_SIDE_SLOPE_DEG`] (Horn slope, [`crate::bathymetry::terrain`]):
//!   on such a cell both the side slope and the in-line slope of a cable in any direction stay
//!   within their limits, since each is a component of the slope vector;
//! - cells within [`SEPARATION_M`] (+ one cell diagonal, so the route's own check passes) of
//!   cabins, turbines, landing points and the other cables' routes, except within
//!   [`END_ZONE_M`] of the cable's own two ends (a daisy chain shares its cabin with the next);
//! - `cable-pipeline` zones (existing cables and pipelines) are first blocked, i.e. a crossing
//!   costs more than any detour; only when no route exists without one are they opened, and the
//!   crossing angle is then checked against [`MIN_CROSSING_DEG`] (`CABLE-CROSSING`).

use crate::bathymetry::Grid;
use crate::geodesy::CrsError;
use crate::mission::{Cable, CableEnd, Context, ZoneKind};
use crate::vessel::navmask::NavMask;
use crate::vessel::theta::any_angle_path;

/// Minimum separation (m) from other cables, cabins, turbines and landing points except at the
/// cable's own ends. ESTIMATE \[E\]: array-cable practice keeps ~50 m so a repair bight can be laid
/// beside a cable without disturbing its neighbour.
pub const SEPARATION_M: f64 = 50.0;

/// Radius (m) round a cable's own ends inside which [`SEPARATION_M`] does not apply: cables
/// converge on the cabin or landing they share. Twice the separation, so two cables leaving one
/// cabin can fan out to the full separation.
pub const END_ZONE_M: f64 = 2.0 * SEPARATION_M;

/// Largest side slope (degrees) a laid cable stays stable on. ESTIMATE \[E\] (route surveys
/// commonly cap side slope near 10°); the router applies it to the slope magnitude.
pub const MAX_SIDE_SLOPE_DEG: f64 = 10.0;

/// Largest in-line slope (degrees) for laying and burial tools. ESTIMATE \[E\] (ploughs and
/// jetting tools work up to ~15°).
pub const MAX_INLINE_SLOPE_DEG: f64 = 15.0;

/// Smallest crossing angle (degrees) with an existing cable or pipeline. ICPC Recommendation
/// No. 3 asks for crossings as close to 90° as practicable; 45° is the commonly used minimum
/// (domain-reference §8 \[P/E\]).
pub const MIN_CROSSING_DEG: f64 = 45.0;

/// A point in the working CRS (easting, northing; m).
pub type Point = (f64, f64);

/// A fixed object a cable keeps clear of, named as a cable end.
pub type FixedObject = (CableEnd, Point);

/// A cable's id and its planned route or why it could not be planned.
pub type Planned = (String, Result<Vec<Point>, RouteError>);

/// Why a cable's route could not be built or planned.
#[derive(Debug, thiserror::Error)]
pub enum RouteError {
    #[error("cable `{cable}`: {end}: {message}")]
    End {
        cable: String,
        end: String,
        message: String,
    },
    #[error(transparent)]
    Crs(#[from] CrsError),
    #[error(transparent)]
    Zones(#[from] crate::zones::ZoneError),
    #[error(
        "cable `{cable}`: no route keeps out of exclusion zones, off slopes over {MAX_SIDE_SLOPE_DEG}° and {SEPARATION_M} m from other objects"
    )]
    NoPath { cable: String },
}

/// Working-CRS position of a cable end.
pub fn end_xy(ctx: &Context, cable: &str, end: &CableEnd) -> Result<(f64, f64), RouteError> {
    let [lon, lat] = ctx
        .mission
        .cable_end_lonlat(end)
        .ok_or_else(|| RouteError::End {
            cable: cable.into(),
            end: end.to_string(),
            message: "names no cabin, landing point or turbine of the mission".into(),
        })?;
    Ok(ctx.to_work(lon, lat)?)
}

/// The cable's route as written in the mission: from, hand-placed waypoints, to (working CRS).
/// Without waypoints it is the straight line between the ends.
pub fn mission_route(ctx: &Context, cable: &Cable) -> Result<Vec<(f64, f64)>, RouteError> {
    let mut pts = vec![end_xy(ctx, &cable.id, &cable.from)?];
    for w in &cable.waypoints {
        pts.push(ctx.to_work(w[0], w[1])?);
    }
    pts.push(end_xy(ctx, &cable.id, &cable.to)?);
    Ok(pts)
}

/// Every fixed object a cable keeps [`SEPARATION_M`] from, with its name as an end (`cabin:C1`).
pub fn fixed_objects(ctx: &Context) -> Result<Vec<FixedObject>, CrsError> {
    let m = &ctx.mission;
    let mut out = Vec::new();
    for c in &m.cabins {
        out.push((CableEnd::Cabin(c.id.clone()), ctx.to_work(c.lon, c.lat)?));
    }
    for l in &m.landing_points {
        out.push((CableEnd::Landing(l.id.clone()), ctx.to_work(l.lon, l.lat)?));
    }
    if let Some(w) = &m.wind_farm {
        for (i, p) in w.positions.iter().enumerate() {
            out.push((CableEnd::Turbine(i), ctx.to_work(p[0], p[1])?));
        }
    }
    Ok(out)
}

/// What every cable's mask starts from: cells blocked by zones (other than cable/pipeline
/// zones) or slope, and the cells of cable/pipeline zones.
#[derive(Clone, Debug)]
pub struct RouteBase {
    pub blocked: Vec<bool>,
    pub crossing: Vec<bool>,
}

impl RouteBase {
    /// Builds the base masks over `grid` from the zones (working CRS) of a mission.
    pub fn new(grid: &Grid, zones: &[crate::zones::ZoneShape]) -> Self {
        let (hard, soft): (Vec<_>, Vec<_>) = zones
            .iter()
            .cloned()
            .partition(|z| z.kind != ZoneKind::CablePipeline);
        let mut blocked = crate::zones::rasterize(&hard, grid);
        let slope = crate::bathymetry::terrain::slope_filled_edges(grid);
        for ((b, &z), &s) in blocked.iter_mut().zip(&grid.data).zip(&slope.data) {
            *b |= z.is_nan() || s.is_nan() || s as f64 > MAX_SIDE_SLOPE_DEG;
        }
        RouteBase {
            blocked,
            crossing: crate::zones::rasterize(&soft, grid),
        }
    }
}

/// Marks every cell whose centre lies within `r` of segment `a`–`b` (working CRS).
fn mark_corridor(grid: &Grid, out: &mut [bool], a: (f64, f64), b: (f64, f64), r: f64, v: bool) {
    let t = grid.transform;
    let (x0, x1) = (a.0.min(b.0) - r, a.0.max(b.0) + r);
    let (y0, y1) = (a.1.min(b.1) - r, a.1.max(b.1) + r);
    let c0 = ((x0 - t.origin_x) / t.dx).floor().max(0.0) as usize;
    let c1 = (((x1 - t.origin_x) / t.dx).ceil().max(0.0) as usize).min(grid.width);
    let r0 = ((t.origin_y - y1) / t.dy).floor().max(0.0) as usize;
    let r1 = (((t.origin_y - y0) / t.dy).ceil().max(0.0) as usize).min(grid.height);
    for row in r0..r1 {
        for col in c0..c1 {
            let p = t.cell_center(col, row);
            if point_segment_m(p, a, b) <= r {
                out[row * grid.width + col] = v;
            }
        }
    }
}

/// Distance (m) from `p` to segment `a`–`b`.
pub fn point_segment_m(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let l2 = dx * dx + dy * dy;
    let t = if l2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / l2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// Plans `cable` from its `from` end to its `to` end over `grid`, keeping [`SEPARATION_M`] from
/// `objects` (other than its own ends) and from `others` (routes of other cables). Returns the
/// route (working CRS, exact ends first and last).
pub fn plan(
    grid: &Grid,
    base: &RouteBase,
    cable: &str,
    ends: ((f64, f64), (f64, f64)),
    objects: &[(f64, f64)],
    others: &[Vec<(f64, f64)>],
) -> Result<Vec<(f64, f64)>, RouteError> {
    let cell = grid.transform.dx.hypot(grid.transform.dy);
    let keep = SEPARATION_M + cell;
    let mut sep = vec![false; grid.data.len()];
    for &p in objects {
        mark_corridor(grid, &mut sep, p, p, keep, true);
    }
    // Other routes, except their stretches within END_ZONE_M of this cable's ends (cables that
    // share a cabin converge there), sampled every half cell.
    let step = 0.5 * grid.transform.dx.min(grid.transform.dy);
    let far = |p: (f64, f64)| {
        [ends.0, ends.1]
            .iter()
            .all(|e| (p.0 - e.0).hypot(p.1 - e.1) >= END_ZONE_M)
    };
    for route in others {
        for w in route.windows(2) {
            let n = ((w[1].0 - w[0].0).hypot(w[1].1 - w[0].1) / step)
                .ceil()
                .max(1.0) as usize;
            for k in 0..=n {
                let t = k as f64 / n as f64;
                let p = (
                    w[0].0 + t * (w[1].0 - w[0].0),
                    w[0].1 + t * (w[1].1 - w[0].1),
                );
                if far(p) {
                    mark_corridor(grid, &mut sep, p, p, keep, true);
                }
            }
        }
    }
    // Cleared so that every point of a square with cleared corners lies within END_ZONE_M of
    // the end (the check exempts those); the end cells themselves always.
    for e in [ends.0, ends.1] {
        mark_corridor(grid, &mut sep, e, e, (END_ZONE_M - cell).max(0.0), false);
    }
    let cell_of = |what: &str, (x, y): (f64, f64)| -> Result<(usize, usize), RouteError> {
        let (px, py) = grid.transform.to_pixel(x, y);
        let err = |message: String| RouteError::End {
            cable: cable.into(),
            end: what.into(),
            message,
        };
        if !grid.contains(x, y) {
            return Err(err("outside the bathymetry grid".into()));
        }
        let (c, r) = (
            (px.floor() as usize).min(grid.width - 1),
            (py.floor() as usize).min(grid.height - 1),
        );
        if base.blocked[r * grid.width + c] {
            return Err(err(format!(
                "in an exclusion zone, on no data or on a slope over {MAX_SIDE_SLOPE_DEG}°"
            )));
        }
        Ok((c, r))
    };
    let (s, g) = (cell_of("from", ends.0)?, cell_of("to", ends.1)?);
    for (c, r) in [s, g] {
        sep[r * grid.width + c] = false;
    }
    let (dx, dy) = (grid.transform.dx, grid.transform.dy);
    let attempt = |with_crossings: bool| {
        let safe: Vec<bool> = (0..grid.data.len())
            .map(|i| !(base.blocked[i] || sep[i] || (!with_crossings && base.crossing[i])))
            .collect();
        let mask = NavMask::new(grid.width, grid.height, safe);
        any_angle_path(&mask, s, g, dx, dy)
    };
    let path = attempt(false)
        .or_else(|| attempt(true))
        .ok_or_else(|| RouteError::NoPath {
            cable: cable.into(),
        })?;
    let mut pts: Vec<(f64, f64)> = path
        .vertices
        .iter()
        .map(|&(c, r)| grid.transform.cell_center(c, r))
        .collect();
    // The search runs between the centres of the end cells; the exact ends lie in those cells.
    pts[0] = ends.0;
    if pts.len() == 1 {
        pts.push(ends.1);
    } else {
        *pts.last_mut().expect("non-empty") = ends.1;
    }
    Ok(pts)
}

/// Plans every cable of the mission without hand-placed waypoints (or only `only`), in mission
/// order; each planned route is then kept clear of by the cables planned after it, and cables
/// with waypoints are fixed obstacles. Returns (cable id, route or why not).
pub fn plan_mission(ctx: &Context, only: Option<&str>) -> Result<Vec<Planned>, RouteError> {
    let zones = crate::zones::zone_shapes(ctx)?;
    let base = RouteBase::new(&ctx.grid, &zones);
    let objects = fixed_objects(ctx)?;
    let m = &ctx.mission;
    let mut routes: Vec<Option<Vec<(f64, f64)>>> = m
        .cables
        .iter()
        .map(|c| {
            (!c.waypoints.is_empty())
                .then(|| mission_route(ctx, c).ok())
                .flatten()
        })
        .collect();
    let mut out = Vec::new();
    for (i, c) in m.cables.iter().enumerate() {
        let wanted = match only {
            Some(id) => c.id == id,
            None => c.waypoints.is_empty(),
        };
        if !wanted {
            continue;
        }
        let result = (|| {
            let ends = (end_xy(ctx, &c.id, &c.from)?, end_xy(ctx, &c.id, &c.to)?);
            let obj: Vec<(f64, f64)> = objects
                .iter()
                .filter(|(e, _)| *e != c.from && *e != c.to)
                .map(|(_, p)| *p)
                .collect();
            let others: Vec<Vec<(f64, f64)>> = routes
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .filter_map(|(_, r)| r.clone())
                .collect();
            plan(&ctx.grid, &base, &c.id, ends, &obj, &others)
        })();
        if let Ok(r) = &result {
            routes[i] = Some(r.clone());
        }
        out.push((c.id.clone(), result));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bathymetry::GeoTransform;

    fn flat(n: usize) -> Grid {
        let t = GeoTransform {
            origin_x: 0.0,
            origin_y: 10_000.0,
            dx: 10.0,
            dy: 10.0,
        };
        Grid::filled(n, n, t, -30.0)
    }

    #[test]
    fn open_seabed_gives_the_straight_line_and_an_object_is_passed_at_the_separation() {
        let g = flat(200);
        let base = RouteBase::new(&g, &[]);
        let ends = ((105.0, 9005.0), (1905.0, 9005.0));
        let p = plan(&g, &base, "P1", ends, &[], &[]).unwrap();
        assert_eq!(p, vec![ends.0, ends.1]);
        // A cabin right on the line: the route bends round it at ≥ SEPARATION_M.
        let cabin = (1005.0, 9005.0);
        let p = plan(&g, &base, "P1", ends, &[cabin], &[]).unwrap();
        assert!(p.len() > 2);
        for w in p.windows(2) {
            assert!(point_segment_m(cabin, w[0], w[1]) >= SEPARATION_M, "{p:?}");
        }
    }

    #[test]
    fn a_steep_ridge_is_gone_round() {
        // A ridge rising 1 m per 2 m (26.6°) across the middle, open at the south.
        let t = GeoTransform {
            origin_x: 0.0,
            origin_y: 2000.0,
            dx: 10.0,
            dy: 10.0,
        };
        let g = Grid::from_fn(200, 200, t, |x, y| {
            let ridge = (50.0 - (x - 1000.0).abs() * 0.5).max(0.0);
            if y > 300.0 { -60.0 + ridge } else { -60.0 }
        });
        let base = RouteBase::new(&g, &[]);
        let p = plan(
            &g,
            &base,
            "P1",
            ((305.0, 1505.0), (1705.0, 1505.0)),
            &[],
            &[],
        )
        .unwrap();
        assert!(p.iter().any(|q| q.1 < 320.0), "{p:?}");
    }
}
