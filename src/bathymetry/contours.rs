//! Contour lines (isobaths) of a [`Grid`] by marching squares, as GeoJSON or as plain polylines.
//!
//! The algorithm is GDAL's contour generator (`alg/marching_squares`, Oslandia 2018, used by
//! `gdal_contour` since GDAL 2.4), so lines agree with `gdal_contour`:
//!
//! - squares join four neighbouring cell centres; a square whose corners are no data is split in
//!   four quarter squares around each valid corner, with edge and centre values taken from the
//!   valid corners, so lines run on to the outer edge of the last valid cell next to a no-data
//!   area (no data is a break, never a value) and to the outer edge of the grid;
//! - a corner is "high" when its value exceeds the level; values within 10⁻⁶ of the level are
//!   nudged up by 10⁻⁶ so that no vertex sits exactly on a cell centre;
//! - saddles are always resolved the same way (lines never cross across levels);
//! - crossings are linearly interpolated along the square's edges.
//!
//! The `contour` crate was not used for lines: it closes every ring around the grid's border and
//! treats NaN as below every level, which would draw lines along the edges of the grid and of
//! every no-data hole.

use super::{BathyError, Grid};
use crate::progress::{Counter, Report, silent};
use std::collections::HashMap;

/// The contour levels: `base + k·interval` for every integer k within the data range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Levels {
    /// Spacing between levels (m), > 0.
    pub interval: f64,
    /// A level every other level is offset from (m); `gdal_contour -off`. Default 0.
    pub base: f64,
}

/// One contour line: a polyline in the grid's CRS at one elevation.
#[derive(Clone, Debug, PartialEq)]
pub struct ContourLine {
    /// Elevation of the line (m, positive up).
    pub elevation_m: f64,
    /// Vertices (x, y) in the grid's CRS. Closed rings repeat their first vertex at the end.
    pub points: Vec<(f64, f64)>,
}

impl ContourLine {
    /// Length of the line in CRS units (metres on projected grids).
    pub fn length(&self) -> f64 {
        super::sample::polyline_length(&self.points)
    }
}

#[derive(Clone, Copy, Debug)]
struct Vp {
    x: f64,
    y: f64,
    v: f64,
}

const FUDGE: f64 = 1e-6;

fn fudge(value: f64, level: f64) -> f64 {
    if (level - value).abs() < FUDGE {
        value + FUDGE
    } else {
        value
    }
}

/// Refuses intervals that are not positive and finite, and level counts that would not end.
fn check_levels(levels: &Levels, min: f64, max: f64) -> Result<(), BathyError> {
    if !(levels.interval > 0.0 && levels.interval.is_finite() && levels.base.is_finite()) {
        return Err(BathyError::Invalid(format!(
            "contour interval {} m, base {} m: expected a positive interval and a finite base",
            levels.interval, levels.base
        )));
    }
    let count = ((max - min) / levels.interval).ceil();
    if count > 100_000.0 {
        return Err(BathyError::Invalid(format!(
            "contour interval {} m over {min}…{max} m gives {count} levels: expected at most 100000",
            levels.interval
        )));
    }
    Ok(())
}

/// Contour lines of `grid` at `levels`, in the grid's CRS, ordered by elevation.
pub fn contour_lines(grid: &Grid, levels: &Levels) -> Result<Vec<ContourLine>, BathyError> {
    contour_lines_reporting(grid, levels, &silent)
}

/// [`contour_lines`], telling `progress` the rows of squares traced (for large grids on the
/// command line).
pub fn contour_lines_reporting(
    grid: &Grid,
    levels: &Levels,
    progress: Report,
) -> Result<Vec<ContourLine>, BathyError> {
    let Some(stats) = grid.stats() else {
        return Ok(Vec::new());
    };
    check_levels(levels, stats.min, stats.max)?;
    let (w, h) = (grid.width as i64, grid.height as i64);
    let value = |c: i64, r: i64| -> f64 {
        if c < 0 || r < 0 || c >= w || r >= h {
            f64::NAN
        } else {
            grid.get(c as usize, r as usize) as f64
        }
    };
    let mut segments: HashMap<i64, Vec<Seg>> = HashMap::new();
    // Squares between rows r−1 and r, columns c and c+1; the outer ring uses NaN outside.
    let rows_done = Counter::new(h as u64 + 1, progress);
    for r in 0..=h {
        rows_done.add(1);
        for c in -1..w {
            let corner = |dc: i64, dr: i64| Vp {
                x: (c + dc) as f64 + 0.5,
                y: (r + dr) as f64 - 0.5,
                v: value(c + dc, r - 1 + dr),
            };
            let sq = Square {
                ul: corner(0, 0),
                ur: corner(1, 0),
                ll: corner(0, 1),
                lr: corner(1, 1),
                split: false,
            };
            sq.process(levels, &mut segments);
        }
    }
    let t = grid.transform;
    let mut keys: Vec<i64> = segments.keys().copied().collect();
    keys.sort_unstable();
    let mut lines = Vec::new();
    for k in keys {
        let elevation_m = levels.base + k as f64 * levels.interval;
        for poly in join(&segments[&k]) {
            let points = poly
                .into_iter()
                .map(|(x, y)| (t.origin_x + x * t.dx, t.origin_y - y * t.dy))
                .collect();
            lines.push(ContourLine {
                elevation_m,
                points,
            });
        }
    }
    Ok(lines)
}

type Seg = ((f64, f64), (f64, f64));

struct Square {
    ul: Vp,
    ur: Vp,
    ll: Vp,
    lr: Vp,
    split: bool,
}

impl Square {
    fn corners(&self) -> [Vp; 4] {
        [self.ul, self.ur, self.ll, self.lr]
    }

    fn process(&self, levels: &Levels, out: &mut HashMap<i64, Vec<Seg>>) {
        let nan = self.corners().iter().filter(|p| p.v.is_nan()).count();
        if nan == 4 {
            return;
        }
        if nan > 0 {
            for sub in self.quarters() {
                sub.process(levels, out);
            }
            return;
        }
        let vals = self.corners().map(|p| p.v);
        let min = vals.iter().copied().fold(f64::INFINITY, f64::min);
        let max = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let k0 = ((min - levels.base) / levels.interval).floor() as i64;
        let k1 = ((max - levels.base) / levels.interval).ceil() as i64;
        for k in k0..=k1 {
            let level = levels.base + k as f64 * levels.interval;
            self.segments(level, |s| out.entry(k).or_default().push(s));
        }
    }

    /// The quarter squares around each valid corner (GDAL `Square::upperLeftSquare` etc.).
    fn quarters(&self) -> Vec<Square> {
        let (ul, ur, ll, lr) = (self.ul, self.ur, self.ll, self.lr);
        let mid = |a: Vp, b: Vp| Vp {
            x: 0.5 * (a.x + b.x),
            y: 0.5 * (a.y + b.y),
            v: if a.v.is_nan() {
                b.v
            } else if b.v.is_nan() {
                a.v
            } else {
                0.5 * (a.v + b.v)
            },
        };
        let valid: Vec<f64> = self
            .corners()
            .iter()
            .map(|p| p.v)
            .filter(|v| !v.is_nan())
            .collect();
        let center = Vp {
            x: 0.5 * (ul.x + lr.x),
            y: 0.5 * (ul.y + lr.y),
            v: valid.iter().sum::<f64>() / valid.len() as f64,
        };
        let (uc, lc, rc, bc) = (mid(ul, ur), mid(ul, ll), mid(ur, lr), mid(ll, lr));
        let mut q = Vec::with_capacity(4);
        let sq = |ul, ur, ll, lr| Square {
            ul,
            ur,
            ll,
            lr,
            split: true,
        };
        if !ul.v.is_nan() {
            q.push(sq(ul, uc, lc, center));
        }
        if !ur.v.is_nan() {
            q.push(sq(uc, ur, center, rc));
        }
        if !ll.v.is_nan() {
            q.push(sq(lc, center, ll, bc));
        }
        if !lr.v.is_nan() {
            q.push(sq(center, rc, bc, lr));
        }
        q
    }

    /// Crossing of `level` on one edge, from `a` to `b` (GDAL `Square::interpolate_`). Whole
    /// squares interpolate from the edge's midpoint so that they give exactly the same vertex as
    /// the split square on the other side of the edge.
    fn interpolate(&self, level: f64, a: Vp, b: Vp, along_x: bool) -> f64 {
        let (mut x1, mut x2) = if along_x { (a.x, b.x) } else { (a.y, b.y) };
        let (mut y1, mut y2) = (a.v, b.v);
        if !self.split {
            let xm = 0.5 * (x1 + x2);
            let ym = 0.5 * (y1 + y2);
            let (f1, fm) = (fudge(y1, level), fudge(ym, level));
            if (f1 < level && level < fm) || (f1 > level && level > fm) {
                x2 = xm;
                y2 = ym;
            } else {
                x1 = xm;
                y1 = ym;
            }
        }
        let f1 = fudge(y1, level);
        let ratio = (level - f1) / (fudge(y2, level) - f1);
        x1 * (1.0 - ratio) + x2 * ratio
    }

    fn left(&self, level: f64) -> (f64, f64) {
        (self.ul.x, self.interpolate(level, self.ll, self.ul, false))
    }
    fn lower(&self, level: f64) -> (f64, f64) {
        (self.interpolate(level, self.ll, self.lr, true), self.ll.y)
    }
    fn right(&self, level: f64) -> (f64, f64) {
        (self.ur.x, self.interpolate(level, self.lr, self.ur, false))
    }
    fn upper(&self, level: f64) -> (f64, f64) {
        (self.interpolate(level, self.ul, self.ur, true), self.ul.y)
    }

    /// The oriented segments of one level (GDAL `Square::segments`: high values on the right).
    fn segments(&self, level: f64, mut emit: impl FnMut(Seg)) {
        let high = |p: Vp| (level < fudge(p.v, level)) as u8;
        let case = high(self.ul) | high(self.ll) << 1 | high(self.lr) << 2 | high(self.ur) << 3;
        let (l, lo, r, u) = (
            || self.left(level),
            || self.lower(level),
            || self.right(level),
            || self.upper(level),
        );
        match case {
            0 | 15 => {}
            1 => emit((u(), l())),
            2 => emit((l(), lo())),
            4 => emit((lo(), r())),
            8 => emit((r(), u())),
            3 => emit((u(), lo())),
            6 => emit((l(), r())),
            12 => emit((lo(), u())),
            9 => emit((r(), l())),
            14 => emit((l(), u())),
            13 => emit((lo(), l())),
            11 => emit((r(), lo())),
            7 => emit((u(), r())),
            _ => {
                // Saddles (5, 10): always the same pair, as GDAL.
                emit((l(), lo()));
                emit((r(), u()));
            }
        }
    }
}

/// Joins segments sharing end points into polylines.
fn join(segs: &[Seg]) -> Vec<Vec<(f64, f64)>> {
    let key = |p: (f64, f64)| ((p.0 * 1e7).round() as i64, (p.1 * 1e7).round() as i64);
    let mut by_start: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut by_end: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, s) in segs.iter().enumerate() {
        by_start.entry(key(s.0)).or_default().push(i);
        by_end.entry(key(s.1)).or_default().push(i);
    }
    let mut used = vec![false; segs.len()];
    let take = |map: &HashMap<(i64, i64), Vec<usize>>, k, used: &mut Vec<bool>| {
        let i = map.get(&k)?.iter().copied().find(|&i| !used[i])?;
        used[i] = true;
        Some(i)
    };
    let mut lines = Vec::new();
    for i in 0..segs.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let mut fwd = vec![segs[i].0, segs[i].1];
        while let Some(j) = take(&by_start, key(*fwd.last().unwrap_or(&segs[i].1)), &mut used) {
            fwd.push(segs[j].1);
        }
        let mut back = Vec::new();
        let mut head = segs[i].0;
        while let Some(j) = take(&by_end, key(head), &mut used) {
            head = segs[j].0;
            back.push(head);
        }
        back.reverse();
        back.extend(fwd);
        lines.push(back);
    }
    lines
}

/// Contours as a GeoJSON FeatureCollection of LineStrings, coordinates in the grid's CRS (named
/// in a `crs` member as GDAL's GeoJSON driver writes it), each feature with `elevation` (m,
/// positive up) and `depth_m` (positive down).
pub fn contours_geojson(grid: &Grid, levels: &Levels) -> Result<serde_json::Value, BathyError> {
    Ok(lines_geojson(grid, &contour_lines(grid, levels)?))
}

/// [`contours_geojson`] of lines already traced on `grid`.
pub fn lines_geojson(grid: &Grid, lines: &[ContourLine]) -> serde_json::Value {
    let features: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| {
            serde_json::json!({
                "type": "Feature",
                "properties": { "elevation": l.elevation_m, "depth_m": -l.elevation_m },
                "geometry": {
                    "type": "LineString",
                    "coordinates": l.points.iter().map(|p| [p.0, p.1]).collect::<Vec<_>>(),
                },
            })
        })
        .collect();
    let mut fc = serde_json::json!({ "type": "FeatureCollection", "features": features });
    if let Some(code) = grid.crs.as_ref().and_then(|c| c.epsg_code()) {
        fc["crs"] = serde_json::json!({
            "type": "name",
            "properties": { "name": format!("urn:ogc:def:crs:EPSG::{code}") },
        });
    }
    fc
}

#[cfg(test)]
mod tests;
