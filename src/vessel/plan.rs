//! Least-cost route planning over a bathymetry grid: which cells are deep enough, the any-angle
//! search between two points, and the planned route's length and shallowest point.

use super::navmask::NavMask;
use super::theta::{GridPath, any_angle_path_with};
use crate::bathymetry::Grid;
use crate::bathymetry::sample::{densify, polyline_length};
use crate::progress::{Report, silent};
use serde::Serialize;

/// Why no route could be planned.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PlanError {
    /// The start or the goal lies outside the grid's extent.
    #[error("{what} ({x:.1}, {y:.1}) lies outside the grid")]
    Outside {
        /// `"start"` or `"goal"`.
        what: &'static str,
        /// Easting of the point (grid CRS, m).
        x: f64,
        /// Northing of the point (grid CRS, m).
        y: f64,
    },
    /// The start or the goal is in a cell that is not safe (too shallow, no data or blocked).
    #[error("{what} ({x:.1}, {y:.1}) is in {depth} water; the vessel needs {need_m:.2} m{hint}")]
    TooShallow {
        /// `"start"` or `"goal"`.
        what: &'static str,
        /// Easting of the point (grid CRS, m).
        x: f64,
        /// Northing of the point (grid CRS, m).
        y: f64,
        /// The bilinear depth there at the planning level, formatted (`"3.20 m"` or `"no-data"`).
        depth: String,
        /// Depth the vessel needs (m).
        need_m: f64,
        /// Where the nearest safe cell is (within 500 cells), or empty.
        hint: String,
    },
    /// The start and the goal are not connected through safe cells.
    #[error("no route through water of at least {need_m:.2} m connects the two points")]
    NoPath {
        /// Depth the vessel needs (m).
        need_m: f64,
    },
}

/// A planned route in the grid's CRS.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlannedRoute {
    /// Vertices (x, y) in the grid's CRS, first = start, last = goal.
    pub points: Vec<(f64, f64)>,
    /// Length of the polyline (m, grid CRS).
    pub length_m: f64,
    /// The shallowest water along the route: depth (m, at the planning level) and where.
    pub shallowest_depth_m: f64,
    /// Where the shallowest depth is, (x, y) in the grid's CRS.
    pub shallowest_at: (f64, f64),
    /// Cells the search expanded.
    pub expanded: usize,
}

/// The mask of cells with water at least `min_depth_m` deep at the planning level (depth =
/// −(elevation + `tide_offset_m`), as `Context::depth_at`) and not `blocked` (exclusion zones,
/// one flag per cell, `None` for none).
pub fn depth_mask(
    grid: &Grid,
    min_depth_m: f64,
    tide_offset_m: f64,
    blocked: Option<&[bool]>,
) -> NavMask {
    let safe = grid
        .data
        .iter()
        .enumerate()
        .map(|(i, &z)| {
            let depth = -(z as f64 + tide_offset_m);
            !z.is_nan() && depth >= min_depth_m && !blocked.is_some_and(|b| b[i])
        })
        .collect();
    NavMask::new(grid.width, grid.height, safe)
}

/// Centre coordinates (col, row as reals; centres on integers) of a CRS point.
fn centre_coords(grid: &Grid, x: f64, y: f64) -> (f64, f64) {
    let (px, py) = grid.transform.to_pixel(x, y);
    (px - 0.5, py - 0.5)
}

fn cell_xy(grid: &Grid, c: usize, r: usize) -> (f64, f64) {
    grid.transform.cell_center(c, r)
}

/// Plans the shortest route from `from` to `to` (grid CRS) through the safe cells of `mask`
/// (built for `grid` by [`depth_mask`]; `need_m` is its threshold, for messages).
///
/// The search runs between the centres of the cells holding the two points; the exact points
/// are then joined to the path where the straight line to the next vertex is clear (otherwise the
/// cell centre is kept as an extra vertex).
///
/// `progress` is told how far the search has come ([`any_angle_path_with`]).
pub fn plan(
    grid: &Grid,
    mask: &NavMask,
    need_m: f64,
    tide_offset_m: f64,
    from: (f64, f64),
    to: (f64, f64),
    progress: Report,
) -> Result<PlannedRoute, PlanError> {
    let depth_at = |x: f64, y: f64| {
        grid.sample_bilinear(x, y)
            .map(|z| -(z as f64 + tide_offset_m))
    };
    let cell_of = |what: &'static str, (x, y): (f64, f64)| -> Result<(usize, usize), PlanError> {
        if !grid.contains(x, y) {
            return Err(PlanError::Outside { what, x, y });
        }
        let (px, py) = grid.transform.to_pixel(x, y);
        let (c, r) = (
            (px.floor() as usize).min(grid.width - 1),
            (py.floor() as usize).min(grid.height - 1),
        );
        if !mask.is_safe(c as isize, r as isize) {
            let depth = match depth_at(x, y) {
                Some(d) => format!("{d:.2} m"),
                None => "no-data".into(),
            };
            let hint = nearest_safe(mask, c, r, 500)
                .map(|(nc, nr)| {
                    let (nx, ny) = cell_xy(grid, nc, nr);
                    format!(
                        "; nearest water deep enough: ({nx:.1}, {ny:.1}), {:.0} m away",
                        (nx - x).hypot(ny - y)
                    )
                })
                .unwrap_or_default();
            return Err(PlanError::TooShallow {
                what,
                x,
                y,
                depth,
                need_m,
                hint,
            });
        }
        Ok((c, r))
    };
    let s = cell_of("start", from)?;
    let g = cell_of("goal", to)?;
    let (dx, dy) = (grid.transform.dx, grid.transform.dy);
    let GridPath {
        vertices, expanded, ..
    } = any_angle_path_with(mask, s, g, dx, dy, |_, _| 0.0, progress)
        .ok_or(PlanError::NoPath { need_m })?;
    let mut points: Vec<(f64, f64)> = vertices.iter().map(|&(c, r)| cell_xy(grid, c, r)).collect();
    attach_exact_end(grid, mask, &mut points, from, true);
    attach_exact_end(grid, mask, &mut points, to, false);
    let length_m = polyline_length(&points);
    let (mut shallowest_depth_m, mut shallowest_at) = (f64::INFINITY, from);
    for (_, p) in densify(&points, 0.5 * dx.min(dy)) {
        if let Some(d) = depth_at(p.0, p.1)
            && d < shallowest_depth_m
        {
            shallowest_depth_m = d;
            shallowest_at = p;
        }
    }
    Ok(PlannedRoute {
        points,
        length_m,
        shallowest_depth_m,
        shallowest_at,
        expanded,
    })
}

/// Why a route could not be planned over a mission's site.
#[derive(Debug, thiserror::Error)]
pub enum MissionPlanError {
    /// The mission has no `[vessel]`, so there is no draught to plan for.
    #[error("the mission has no [vessel]: its draught sets the depth needed")]
    NoVessel,
    /// The end points or the exclusion zones could not be projected to the working CRS.
    #[error(transparent)]
    Crs(#[from] crate::geodesy::CrsError),
    /// An exclusion zone could not be read or projected.
    #[error(transparent)]
    Zones(#[from] crate::zones::ZoneError),
    /// The search itself failed.
    #[error(transparent)]
    Plan(#[from] PlanError),
}

/// Plans the shortest safe route between two WGS 84 points (lon, lat) of a mission's site, as
/// `fathom route plan` and the planner's "Plan route to selection" do. The depth needed is the
/// vessel's draught + confined-water Barrass squat (K = 2, [`super::squat::confined_squat_m`]) at
/// service speed + the required under-keel clearance — the upper bound, so a planned route also
/// passes the route check wherever the water turns out to be confined; exclusion zones are
/// blocked. Returns the route (working CRS) and the depth needed (m).
pub fn plan_on_mission(
    ctx: &crate::mission::Context,
    from: (f64, f64),
    to: (f64, f64),
) -> Result<(PlannedRoute, f64), MissionPlanError> {
    plan_on_mission_reporting(ctx, from, to, &silent)
}

/// [`plan_on_mission`], telling `progress` how far the search has come.
pub fn plan_on_mission_reporting(
    ctx: &crate::mission::Context,
    from: (f64, f64),
    to: (f64, f64),
    progress: Report,
) -> Result<(PlannedRoute, f64), MissionPlanError> {
    let v = ctx
        .mission
        .vessel
        .as_ref()
        .ok_or(MissionPlanError::NoVessel)?;
    let squat_m = super::squat::confined_squat_m(v.block_coefficient, v.service_speed_kn);
    let need = v.draught_m + squat_m + v.ukc_required_m();
    let zones = crate::zones::zone_shapes(ctx)?;
    let blocked = crate::zones::rasterize(&zones, &ctx.grid);
    let tide = ctx.mission.site.tide_offset_m;
    let mask = depth_mask(&ctx.grid, need, tide, Some(&blocked));
    let from = ctx.to_work(from.0, from.1)?;
    let to = ctx.to_work(to.0, to.1)?;
    Ok((
        plan(&ctx.grid, &mask, need, tide, from, to, progress)?,
        need,
    ))
}

/// Replaces the first (or last) cell centre by the exact end point when the straight line from it
/// to the neighbouring vertex is clear; otherwise keeps the centre and adds the point before it
/// (the point and its own cell centre share one safe cell).
fn attach_exact_end(
    grid: &Grid,
    mask: &NavMask,
    points: &mut Vec<(f64, f64)>,
    p: (f64, f64),
    first: bool,
) {
    let pc = centre_coords(grid, p.0, p.1);
    let n = points.len();
    let (end, next) = if first {
        (0, 1.min(n - 1))
    } else {
        (n - 1, n.saturating_sub(2))
    };
    if points[end] == p {
        return;
    }
    let q = points[next];
    if n > 1 && next != end && mask.clear(pc, centre_coords(grid, q.0, q.1)) {
        points[end] = p;
    } else if first {
        points.insert(0, p);
    } else {
        points.push(p);
    }
}

/// The nearest safe cell to (`c`, `r`) within `radius` cells (Chebyshev rings, then Euclidean
/// within the ring found).
fn nearest_safe(mask: &NavMask, c: usize, r: usize, radius: usize) -> Option<(usize, usize)> {
    let (c, r) = (c as isize, r as isize);
    for k in 1..=radius as isize {
        let mut best: Option<(isize, (usize, usize))> = None;
        for dr in -k..=k {
            for dc in -k..=k {
                if dr.abs() != k && dc.abs() != k {
                    continue;
                }
                if mask.is_safe(c + dc, r + dr) {
                    let d2 = dc * dc + dr * dr;
                    if best.is_none_or(|b| d2 < b.0) {
                        best = Some((d2, ((c + dc) as usize, (r + dr) as usize)));
                    }
                }
            }
        }
        if let Some((_, cell)) = best {
            return Some(cell);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bathymetry::GeoTransform;

    /// 60 × 40 cells of 10 m, 20 m deep, with a shoal (2 m) across the middle except a channel.
    fn shoal_grid() -> Grid {
        let t = GeoTransform {
            origin_x: 1000.0,
            origin_y: 5000.0,
            dx: 10.0,
            dy: 10.0,
        };
        let mut g = Grid::filled(60, 40, t, -20.0);
        for r in 0..40 {
            if !(28..=33).contains(&r) {
                for c in 28..32 {
                    g.data[r * 60 + c] = -2.0;
                }
            }
        }
        g
    }

    #[test]
    fn route_goes_through_the_channel_and_reports_its_depth() {
        let g = shoal_grid();
        let mask = depth_mask(&g, 8.0, 0.0, None);
        let from = (1053.0, 4953.0);
        let to = (1553.0, 4947.0);
        let p = plan(&g, &mask, 8.0, 0.0, from, to, &silent).unwrap();
        assert_eq!(p.points[0], from);
        assert_eq!(*p.points.last().unwrap(), to);
        assert!(p.shallowest_depth_m >= 8.0, "{}", p.shallowest_depth_m);
        // Channel rows 28..=33 lie 280–340 m south of the top: the route must dip there.
        let (_, _, _, top) = g.extent();
        assert!(p.points.iter().any(|q| top - q.1 > 280.0));
        // Dense check: every point along the route is in a cell at least 8 m deep.
        for w in p.points.windows(2) {
            for k in 0..=200 {
                let t = k as f64 / 200.0;
                let (x, y) = (
                    w[0].0 + t * (w[1].0 - w[0].0),
                    w[0].1 + t * (w[1].1 - w[0].1),
                );
                let d = -(g.sample_nearest(x, y).unwrap() as f64);
                assert!(d >= 8.0, "{x},{y}: {d}");
            }
        }
    }

    #[test]
    fn tide_offset_and_zones_change_the_mask() {
        let g = shoal_grid();
        // With 7 m of extra water the 2 m shoal becomes 9 m: the straight line is open.
        let mask = depth_mask(&g, 8.0, -7.0, None);
        let p = plan(
            &g,
            &mask,
            8.0,
            -7.0,
            (1053.0, 4953.0),
            (1553.0, 4953.0),
            &silent,
        )
        .unwrap();
        assert_eq!(p.points.len(), 2);
        // A zone over the channel closes it.
        let blocked: Vec<bool> = (0..g.data.len())
            .map(|i| (28..32).contains(&(i % 60)))
            .collect();
        let mask = depth_mask(&g, 8.0, 0.0, Some(&blocked));
        assert_eq!(
            plan(
                &g,
                &mask,
                8.0,
                0.0,
                (1053.0, 4953.0),
                (1553.0, 4953.0),
                &silent
            ),
            Err(PlanError::NoPath { need_m: 8.0 })
        );
    }

    #[test]
    fn shallow_or_outside_ends_are_explained() {
        let g = shoal_grid();
        let mask = depth_mask(&g, 8.0, 0.0, None);
        let e = plan(
            &g,
            &mask,
            8.0,
            0.0,
            (1295.0, 4995.0),
            (1553.0, 4953.0),
            &silent,
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("start") && msg.contains("2.00 m") && msg.contains("nearest"),
            "{msg}"
        );
        let e = plan(&g, &mask, 8.0, 0.0, (0.0, 0.0), (1553.0, 4953.0), &silent).unwrap_err();
        assert!(matches!(e, PlanError::Outside { what: "start", .. }));
    }
}
