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
//!   costs more than any detour; only when no route exists without one are they opened, and each
//!   segment of the search that crosses one of their centre lines is then charged
//!   [`crossing::penalty_m`] of its crossing angle: infinite below [`MIN_CROSSING_DEG`], least at
//!   90°. The route so crosses at the limit or squarer, and as square as the detour allows.
//!
//! Speed: the masks are built once per cable in parallel (rayon); the corridors kept clear of
//! other routes are marked row by row over each segment's capsule (no per-sample squares); the
//! search itself is the vessel router's ([`crate::vessel::theta`]).

use super::crossing::{self, ExistingLine};
use crate::bathymetry::Grid;
use crate::geodesy::CrsError;
use crate::mission::{Cable, CableEnd, Context, ZoneKind};
use crate::progress::silent;
use crate::vessel::navmask::NavMask;
use crate::vessel::theta::any_angle_path_with;
use rayon::prelude::*;

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

pub use super::crossing::MIN_CROSSING_DEG;

/// A point in the working CRS (easting, northing; m).
pub type Point = (f64, f64);

/// A fixed object a cable keeps clear of, named as a cable end.
pub type FixedObject = (CableEnd, Point);

/// A cable's id and its planned route or why it could not be planned.
pub type Planned = (String, Result<Vec<Point>, RouteError>);

/// Why a cable's route could not be built or planned.
#[derive(Debug, thiserror::Error)]
pub enum RouteError {
    /// A cable end cannot be routed from: it names no object of the mission, or it lies off
    /// the grid or on a blocked cell.
    #[error("cable `{cable}`: {end}: {message}")]
    End {
        /// The cable's id.
        cable: String,
        /// The end as written (`cabin:ID`, …) or, for the router, `from` or `to`.
        end: String,
        /// What is wrong with it.
        message: String,
    },
    /// A position could not be converted between lon/lat and the working CRS.
    #[error(transparent)]
    Crs(#[from] CrsError),
    /// An exclusion zone's geometry could not be built.
    #[error(transparent)]
    Zones(#[from] crate::zones::ZoneError),
    /// No route keeps out of the zones, off steep slopes and clear of other objects.
    #[error(
        "cable `{cable}`: no route keeps out of exclusion zones, off slopes over {MAX_SIDE_SLOPE_DEG}° and {SEPARATION_M} m from other objects"
    )]
    NoPath {
        /// The cable's id.
        cable: String,
    },
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
/// zones) or slope, the cells of cable/pipeline zones, and the centre lines of existing cables
/// and pipelines whose crossing angle the router charges for.
#[derive(Clone, Debug)]
pub struct RouteBase {
    /// Cells the router never enters (row-major like the grid): in an exclusion zone other than a
    /// cable/pipeline zone, on no data, or on a slope over [`MAX_SIDE_SLOPE_DEG`].
    pub blocked: Vec<bool>,
    /// Cells of cable/pipeline zones (row-major): avoided first, crossed (charged by crossing
    /// angle) only when no route avoids them.
    pub crossing: Vec<bool>,
    /// Centre lines of existing cables and pipelines (working CRS; [`RouteBase::with_lines`]).
    pub lines: Vec<Vec<Point>>,
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
        blocked
            .par_iter_mut()
            .zip(&grid.data)
            .zip(&slope.data)
            .for_each(|((b, &z), &s)| {
                *b |= z.is_nan() || s.is_nan() || s as f64 > MAX_SIDE_SLOPE_DEG;
            });
        RouteBase {
            blocked,
            crossing: crate::zones::rasterize(&soft, grid),
            lines: Vec::new(),
        }
    }

    /// The base with the centre lines of existing cables and pipelines
    /// ([`crossing::existing_lines`]), so that a route that must cross one is charged by angle.
    pub fn with_lines(mut self, lines: Vec<ExistingLine>) -> Self {
        self.lines = lines.into_iter().map(|l| l.points).collect();
        self
    }
}

/// Marks every cell whose centre lies within `r` of segment `a`–`b` (working CRS): row by row,
/// over the span of the segment's capsule on that row (padded by a cell, each cell then tested
/// exactly), so a long diagonal costs its area, not its bounding box.
fn mark_corridor(grid: &Grid, out: &mut [bool], a: Point, b: Point, r: f64, v: bool) {
    let t = grid.transform;
    let (y0, y1) = (a.1.min(b.1) - r, a.1.max(b.1) + r);
    let r0 = ((t.origin_y - y1) / t.dy).floor().max(0.0) as usize;
    let r1 = (((t.origin_y - y0) / t.dy).ceil().max(0.0) as usize).min(grid.height);
    let last_col = grid.width as f64 - 1.0;
    for row in r0..r1 {
        let y = t.origin_y - (row as f64 + 0.5) * t.dy;
        let Some((lo, hi)) = capsule_span(a, b, r, y) else {
            continue;
        };
        let c0 = ((lo - t.origin_x) / t.dx - 1.5)
            .ceil()
            .clamp(0.0, last_col + 1.0) as usize;
        let c1 = ((hi - t.origin_x) / t.dx + 0.5).floor().min(last_col);
        if c1 < 0.0 {
            continue;
        }
        for col in c0..=c1 as usize {
            if point_segment_m(t.cell_center(col, row), a, b) <= r {
                out[row * grid.width + col] = v;
            }
        }
    }
}

/// The x-range where the horizontal line at `y` meets the capsule of radius `r` round segment
/// `a`–`b` (the union of the two end discs and the rectangle between them; convex, so one range).
fn capsule_span(a: Point, b: Point, r: f64, y: f64) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for c in [a, b] {
        let d = y - c.1;
        if d.abs() <= r {
            let w = (r * r - d * d).sqrt();
            (lo, hi) = (lo.min(c.0 - w), hi.max(c.0 + w));
        }
    }
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx.hypot(dy);
    if len > 0.0 {
        let n = (-dy / len * r, dx / len * r);
        let quad = [
            (a.0 + n.0, a.1 + n.1),
            (b.0 + n.0, b.1 + n.1),
            (b.0 - n.0, b.1 - n.1),
            (a.0 - n.0, a.1 - n.1),
        ];
        for k in 0..4 {
            let (p, q) = (quad[k], quad[(k + 1) % 4]);
            if (p.1 - y) * (q.1 - y) <= 0.0 && p.1 != q.1 {
                let x = p.0 + (y - p.1) * (q.0 - p.0) / (q.1 - p.1);
                (lo, hi) = (lo.min(x), hi.max(x));
            }
        }
    }
    (lo <= hi).then_some((lo, hi))
}

/// The parts of segment `a`–`b` at least `r` from every point of `ends`, as sub-segments: the
/// segment minus the (at most one) stretch inside each end's disc.
fn outside_discs(a: Point, b: Point, ends: [Point; 2], r: f64) -> Vec<(Point, Point)> {
    let d = (b.0 - a.0, b.1 - a.1);
    let qa = d.0 * d.0 + d.1 * d.1;
    let mut cut: Vec<(f64, f64)> = Vec::new();
    for e in ends {
        let f = (a.0 - e.0, a.1 - e.1);
        let c = f.0 * f.0 + f.1 * f.1 - r * r;
        if qa == 0.0 {
            if c < 0.0 {
                return Vec::new();
            }
            continue;
        }
        let hb = d.0 * f.0 + d.1 * f.1;
        let disc = hb * hb - qa * c;
        if disc > 0.0 {
            let s = disc.sqrt();
            let (t1, t2) = ((-hb - s) / qa, (-hb + s) / qa);
            if t2 > 0.0 && t1 < 1.0 {
                cut.push((t1.max(0.0), t2.min(1.0)));
            }
        }
    }
    cut.sort_by(|x, y| x.0.total_cmp(&y.0));
    let at = |t: f64| (a.0 + t * d.0, a.1 + t * d.1);
    let mut out = Vec::new();
    let mut from = 0.0;
    for (t1, t2) in cut {
        if t1 > from {
            out.push((at(from), at(t1)));
        }
        from = from.max(t2);
    }
    if from < 1.0 {
        out.push((at(from), b));
    }
    out
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

/// Segments of the search longer than this many cells are tested against every existing line;
/// shorter ones only when both their ends lie within it of a line (a segment that crosses a line
/// has both ends within its own length of the crossing point).
const NEAR_LINE_CELLS: f64 = 24.0;

/// The crossing cost of search segments ([`crossing::penalty_m`] summed over the existing lines a
/// segment crosses), with a raster of the cells near a line so that most segments skip the test.
struct CrossingCost<'a> {
    grid: &'a Grid,
    lines: &'a [Vec<Point>],
    near: Vec<bool>,
    near_m: f64,
}

impl<'a> CrossingCost<'a> {
    fn new(grid: &'a Grid, lines: &'a [Vec<Point>]) -> Self {
        let near_m = NEAR_LINE_CELLS * grid.transform.dx.max(grid.transform.dy);
        let mut near = vec![false; grid.data.len()];
        for w in lines.iter().flat_map(|l| l.windows(2)) {
            mark_corridor(grid, &mut near, w[0], w[1], near_m, true);
        }
        CrossingCost {
            grid,
            lines,
            near,
            near_m,
        }
    }

    /// Extra cost (m) of the straight segment between the centres of cells `a` and `b`.
    fn of(&self, a: (usize, usize), b: (usize, usize)) -> f64 {
        let t = self.grid.transform;
        let (pa, pb) = (t.cell_center(a.0, a.1), t.cell_center(b.0, b.1));
        let w = self.grid.width;
        if (pb.0 - pa.0).hypot(pb.1 - pa.1) <= self.near_m
            && !(self.near[a.1 * w + a.0] && self.near[b.1 * w + b.0])
        {
            return 0.0;
        }
        self.lines
            .iter()
            .flat_map(|l| l.windows(2))
            .filter_map(|s| crossing::crossing((pa, pb), (s[0], s[1])))
            .map(|(_, angle)| crossing::penalty_m(angle))
            .sum()
    }
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
    // share a cabin converge there).
    for route in others {
        for w in route.windows(2) {
            for (p, q) in outside_discs(w[0], w[1], [ends.0, ends.1], END_ZONE_M) {
                mark_corridor(grid, &mut sep, p, q, keep, true);
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
        let safe: Vec<bool> = (
            base.blocked.par_iter(),
            sep.par_iter(),
            base.crossing.par_iter(),
        )
            .into_par_iter()
            .map(|(&b, &s, &x)| !(b || s || (!with_crossings && x)))
            .collect();
        let mask = NavMask::new(grid.width, grid.height, safe);
        if with_crossings {
            let cost = CrossingCost::new(grid, &base.lines);
            any_angle_path_with(&mask, s, g, dx, dy, |a, b| cost.of(a, b), &silent)
        } else {
            any_angle_path_with(&mask, s, g, dx, dy, |_, _| 0.0, &silent)
        }
    };
    let path = attempt(false)
        .or_else(|| {
            base.crossing
                .contains(&true)
                .then(|| attempt(true))
                .flatten()
        })
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
/// with waypoints are fixed obstacles. With `only`, every other cable is a fixed obstacle on the
/// route the mission holds (its waypoints, or the straight line between its ends). Returns
/// (cable id, route or why not).
pub fn plan_mission(ctx: &Context, only: Option<&str>) -> Result<Vec<Planned>, RouteError> {
    let zones = crate::zones::zone_shapes(ctx)?;
    let base = RouteBase::new(&ctx.grid, &zones).with_lines(crossing::existing_lines(ctx));
    let objects = fixed_objects(ctx)?;
    let m = &ctx.mission;
    let mut routes: Vec<Option<Vec<(f64, f64)>>> = m
        .cables
        .iter()
        .map(|c| {
            (only.is_some() || !c.waypoints.is_empty())
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
    fn a_route_that_must_cross_a_pipeline_crosses_it_at_the_limit_or_squarer() {
        // A pipeline at 20° to the x axis through (1000, 9000), running past both edges of the
        // grid, with a 30 m corridor; the straight line between the ends runs at 45°, so it would
        // cross at 25°.
        let g = flat(200);
        let dir = (20f64.to_radians().cos(), 20f64.to_radians().sin());
        let line = vec![
            (1000.0 - 3000.0 * dir.0, 9000.0 - 3000.0 * dir.1),
            (1000.0 + 3000.0 * dir.0, 9000.0 + 3000.0 * dir.1),
        ];
        let mut corridor = vec![false; g.data.len()];
        mark_corridor(&g, &mut corridor, line[0], line[1], 30.0, true);
        let base = RouteBase {
            blocked: vec![false; g.data.len()],
            crossing: corridor,
            lines: vec![line.clone()],
        };
        let ends = ((205.0, 8205.0), (1805.0, 9805.0));
        let straight = crossing::crossings(&[ends.0, ends.1], &line);
        assert!((straight[0].1 - 25.0).abs() < 1e-9, "{straight:?}");
        let p = plan(&g, &base, "P1", ends, &[], &[]).unwrap();
        let x = crossing::crossings(&p, &line);
        assert_eq!(x.len(), 1, "{p:?} {x:?}");
        assert!(x[0].1 >= MIN_CROSSING_DEG, "{p:?} {x:?}");
        // Without the centre line the router knows no angle and takes the straight line.
        let blind = RouteBase {
            lines: Vec::new(),
            ..base
        };
        let p = plan(&g, &blind, "P1", ends, &[], &[]).unwrap();
        assert_eq!(p, vec![ends.0, ends.1]);
    }

    #[test]
    fn corridors_are_marked_by_distance_to_the_segment_and_end_discs_are_cut_out() {
        // Every cell centre within r of a diagonal segment, and no other, against a brute force.
        let g = flat(60);
        let (a, b, r) = ((52.0, 9953.0), (431.0, 9611.0), 37.0);
        let mut m = vec![false; g.data.len()];
        mark_corridor(&g, &mut m, a, b, r, true);
        for row in 0..60 {
            for col in 0..60 {
                let p = g.transform.cell_center(col, row);
                assert_eq!(m[row * 60 + col], point_segment_m(p, a, b) <= r, "{p:?}");
            }
        }
        // A segment from x = 0 to 100 with discs of radius 10 round (30, 0) and (100, 5).
        let parts = outside_discs((0.0, 0.0), (100.0, 0.0), [(30.0, 0.0), (100.0, 5.0)], 10.0);
        let want = 100.0 - 10.0 * (1.0 - 0.25f64).sqrt();
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert!((parts[0].0.0 - 0.0).abs() < 1e-9 && (parts[0].1.0 - 20.0).abs() < 1e-9);
        assert!((parts[1].0.0 - 40.0).abs() < 1e-9 && (parts[1].1.0 - want).abs() < 1e-9);
        assert!(outside_discs((0.0, 0.0), (5.0, 0.0), [(0.0, 0.0), (9e9, 0.0)], 10.0).is_empty());
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
