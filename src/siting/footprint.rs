//! Cabin footprints in the working CRS: an oriented rectangle (length along the heading × width)
//! or a circle (vertical cylinder), the grid cells they touch, and the seabed statistics over
//! those cells.

use crate::bathymetry::{GeoTransform, Grid};
use crate::mission::{CabinType, Context};
use geo::{Coord, LineString, Polygon};

/// Fraction of a cell by which a footprint edge must cross a cell boundary to touch the next
/// cell, so that an edge lying exactly on a boundary (to rounding) does not count the neighbour.
const TOUCH_EPS: f64 = 1e-6;

/// Vertices of the polygon that stands in for a round footprint in polygon tests (exclusion,
/// spacing). The polygon circumscribes the circle, so those tests stay conservative.
const CIRCLE_VERTICES: usize = 64;

/// The plan shape of a cabin type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// A rectangle, its long axis along the heading.
    Rect {
        /// Length along the heading (m).
        length: f64,
        /// Width across the heading (m).
        width: f64,
    },
    /// A circle.
    Circle {
        /// Diameter (m).
        diameter: f64,
    },
}

impl Shape {
    /// The shape of a cabin type (the mission's range checks guarantee one of the two forms).
    pub fn of(t: &CabinType) -> Shape {
        match (t.length_m, t.width_m, t.diameter_m) {
            (Some(length), Some(width), _) => Shape::Rect { length, width },
            (_, _, Some(diameter)) => Shape::Circle { diameter },
            _ => Shape::Circle { diameter: 0.0 },
        }
    }

    /// Half of the largest extent: the radius of the circle that holds the footprint (m).
    pub fn radius(&self) -> f64 {
        match *self {
            Shape::Rect { length, width } => 0.5 * length.hypot(width),
            Shape::Circle { diameter } => 0.5 * diameter,
        }
    }

    /// The narrowest extent (m): the shorter side of a rectangle, the diameter of a circle.
    pub fn min_extent(&self) -> f64 {
        match *self {
            Shape::Rect { length, width } => length.min(width),
            Shape::Circle { diameter } => diameter,
        }
    }

    /// True when the heading changes nothing (a circle).
    pub fn is_round(&self) -> bool {
        matches!(self, Shape::Circle { .. })
    }
}

/// A footprint placed in the working CRS: centre (m) and heading of the long axis in degrees
/// clockwise from grid north (the true heading plus [`convergence_deg`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Footprint {
    /// Easting of the centre (working CRS, m).
    pub x: f64,
    /// Northing of the centre (working CRS, m).
    pub y: f64,
    /// Heading of the long axis (degrees clockwise from grid north).
    pub grid_heading_deg: f64,
    /// The cabin type's plan shape.
    pub shape: Shape,
}

/// The cells of one grid row that a footprint touches: columns `c0..=c1` of row `row` (indices
/// may lie outside the grid).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Grid row (0 = north).
    pub row: i64,
    /// First column touched.
    pub c0: i64,
    /// Last column touched (inclusive).
    pub c1: i64,
}

impl Footprint {
    /// Corners of a rectangle (clockwise from the front-left), or `None` for a circle.
    pub fn corners(&self) -> Option<[(f64, f64); 4]> {
        let Shape::Rect { length, width } = self.shape else {
            return None;
        };
        let (s, c) = self.grid_heading_deg.to_radians().sin_cos();
        // Unit vectors along (u) and across (v) the heading, in x (east), y (north).
        let (ux, uy) = (s * length / 2.0, c * length / 2.0);
        let (vx, vy) = (c * width / 2.0, -s * width / 2.0);
        Some([
            (self.x + ux - vx, self.y + uy - vy),
            (self.x + ux + vx, self.y + uy + vy),
            (self.x - ux + vx, self.y - uy + vy),
            (self.x - ux - vx, self.y - uy - vy),
        ])
    }

    /// The footprint as a polygon (a circle becomes a circumscribed 64-gon).
    pub fn polygon(&self) -> Polygon<f64> {
        let pts: Vec<Coord<f64>> = match (self.corners(), self.shape) {
            (Some(c), _) => c.iter().map(|&(x, y)| Coord { x, y }).collect(),
            (None, Shape::Circle { diameter }) => {
                let n = CIRCLE_VERTICES as f64;
                let r = 0.5 * diameter / (std::f64::consts::PI / n).cos();
                (0..CIRCLE_VERTICES)
                    .map(|i| {
                        let a = 2.0 * std::f64::consts::PI * i as f64 / n;
                        Coord {
                            x: self.x + r * a.cos(),
                            y: self.y + r * a.sin(),
                        }
                    })
                    .collect()
            }
            (None, Shape::Rect { .. }) => unreachable!("corners() is Some for rectangles"),
        };
        Polygon::new(LineString::new(pts), Vec::new())
    }

    /// The grid cells whose squares overlap the footprint, row by row (rows north to south).
    /// The footprint is convex, so each row's cells form one run.
    pub fn spans(&self, t: &GeoTransform) -> Vec<Span> {
        let (ymin, ymax) = match self.corners() {
            Some(c) => c.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
                (lo.min(p.1), hi.max(p.1))
            }),
            None => (self.y - self.shape.radius(), self.y + self.shape.radius()),
        };
        let r0 = ((t.origin_y - ymax) / t.dy + TOUCH_EPS).floor() as i64;
        let r1 = ((t.origin_y - ymin) / t.dy - TOUCH_EPS).ceil() as i64 - 1;
        let mut out = Vec::with_capacity((r1 - r0 + 1).max(0) as usize);
        for row in r0..=r1 {
            let ytop = t.origin_y - row as f64 * t.dy;
            let ybot = ytop - t.dy;
            let Some((xlo, xhi)) = self.x_range(ybot.max(ymin), ytop.min(ymax)) else {
                continue;
            };
            let c0 = ((xlo - t.origin_x) / t.dx + TOUCH_EPS).floor() as i64;
            let c1 = ((xhi - t.origin_x) / t.dx - TOUCH_EPS).ceil() as i64 - 1;
            if c1 >= c0 {
                out.push(Span { row, c0, c1 });
            }
        }
        out
    }

    /// The x-extent of the footprint within the horizontal band [ylo, yhi].
    fn x_range(&self, ylo: f64, yhi: f64) -> Option<(f64, f64)> {
        if yhi < ylo {
            return None;
        }
        match (self.corners(), self.shape) {
            (Some(c), _) => {
                let (mut lo, mut hi) = (f64::MAX, f64::MIN);
                for i in 0..4 {
                    let (a, b) = (c[i], c[(i + 1) % 4]);
                    if a.1 >= ylo && a.1 <= yhi {
                        lo = lo.min(a.0);
                        hi = hi.max(a.0);
                    }
                    for y in [ylo, yhi] {
                        if (a.1 - y) * (b.1 - y) < 0.0 {
                            let x = a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1);
                            lo = lo.min(x);
                            hi = hi.max(x);
                        }
                    }
                }
                (lo <= hi).then_some((lo, hi))
            }
            (None, shape) => {
                let r = shape.radius();
                let yn = self.y.clamp(ylo, yhi) - self.y;
                let half = (r * r - yn * yn).max(0.0).sqrt();
                Some((self.x - half, self.x + half))
            }
        }
    }
}

/// Grid bearing of true north at (`lon`, `lat`), degrees clockwise from grid north
/// ([`Context::meridian_convergence_deg`], with the error as text).
pub fn convergence_deg(ctx: &Context, lon: f64, lat: f64) -> Result<f64, String> {
    ctx.meridian_convergence_deg(lon, lat)
        .map_err(|e| e.to_string())
}

/// Grid intervals needed across a footprint's narrowest extent to resolve the slope and relief
/// under it: 2, the Nyquist–Shannon sampling criterion (a variation on the scale L is seen only
/// with samples at most L/2 apart). Coarser grids read a footprint from one or two cells, and its
/// relief as 0 m whatever the seabed does between them.
pub const MIN_CELLS_ACROSS: f64 = 2.0;

/// Grid intervals across the footprint's narrowest extent on the grid of `t` (the coarser axis).
pub fn cells_across(shape: &Shape, t: &GeoTransform) -> f64 {
    shape.min_extent() / t.dx.abs().max(t.dy.abs())
}

/// Seabed under a footprint: water depths at the planning level (m, positive down) and slope.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FootprintStats {
    /// Cells the footprint touches (inside and outside the grid).
    pub cells: usize,
    /// Touched cells outside the grid.
    pub outside: usize,
    /// Touched cells inside the grid without data.
    pub nodata: usize,
    /// Shallowest water over the valid touched cells (m; NaN when there are none).
    pub min_depth_m: f64,
    /// Deepest water over the valid touched cells (m; NaN when there are none).
    pub max_depth_m: f64,
    /// Mean water depth over the valid touched cells (m; NaN when there are none).
    pub mean_depth_m: f64,
    /// Highest − lowest seabed under the footprint.
    pub relief_m: f64,
    /// Steepest Horn slope among the valid touched cells (degrees).
    pub max_slope_deg: f64,
}

/// Statistics over the cells a footprint touches. `slope` is the Horn slope grid of `grid`
/// ([`crate::bathymetry::terrain::slope_filled_edges`]); `tide_offset_m` as in `site.tide_offset_m`.
pub fn footprint_stats(
    fp: &Footprint,
    grid: &Grid,
    slope: &[f32],
    tide_offset_m: f64,
) -> FootprintStats {
    let mut s = FootprintStats {
        cells: 0,
        outside: 0,
        nodata: 0,
        min_depth_m: f64::NAN,
        max_depth_m: f64::NAN,
        mean_depth_m: f64::NAN,
        relief_m: f64::NAN,
        max_slope_deg: f64::NAN,
    };
    let (mut lo, mut hi, mut sum, mut n, mut smax) =
        (f64::MAX, f64::MIN, 0.0, 0usize, f64::NEG_INFINITY);
    for span in fp.spans(&grid.transform) {
        for c in span.c0..=span.c1 {
            s.cells += 1;
            match grid.try_get(c as isize, span.row as isize) {
                None => s.outside += 1,
                Some(z) if z.is_nan() => s.nodata += 1,
                Some(z) => {
                    let depth = -(z as f64 + tide_offset_m);
                    lo = lo.min(depth);
                    hi = hi.max(depth);
                    sum += depth;
                    n += 1;
                    let k = span.row as usize * grid.width + c as usize;
                    smax = smax.max(slope[k] as f64);
                }
            }
        }
    }
    if n > 0 {
        s.min_depth_m = lo;
        s.max_depth_m = hi;
        s.mean_depth_m = sum / n as f64;
        s.relief_m = hi - lo;
        s.max_slope_deg = smax;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_across_the_narrowest_side() {
        // The demo's 20 × 10 m cabin on a 40 m grid: a quarter interval, far below 2.
        let rect = Shape::Rect {
            length: 20.0,
            width: 10.0,
        };
        assert_eq!(cells_across(&rect, &t(40.0)), 0.25);
        assert_eq!(cells_across(&rect, &t(5.0)), 2.0);
        let round = Shape::Circle { diameter: 12.0 };
        assert_eq!(cells_across(&round, &t(4.0)), 3.0);
    }

    fn t(cell: f64) -> GeoTransform {
        GeoTransform {
            origin_x: 0.0,
            origin_y: 0.0,
            dx: cell,
            dy: cell,
        }
    }

    fn rect(x: f64, y: f64, h: f64, length: f64, width: f64) -> Footprint {
        Footprint {
            x,
            y,
            grid_heading_deg: h,
            shape: Shape::Rect { length, width },
        }
    }

    #[test]
    fn north_up_rectangle_touches_exact_cells() {
        // 20 m (north-south) × 10 m on 2 m cells, centred on a cell centre: the long edges lie
        // on cell boundaries (5 columns), the short ones cut cells in half (10 + 2 halves = 11
        // rows).
        let fp = rect(101.0, -101.0, 0.0, 20.0, 10.0);
        let spans = fp.spans(&t(2.0));
        assert_eq!(spans.len(), 11);
        assert_eq!(
            spans[0],
            Span {
                row: 45,
                c0: 48,
                c1: 52
            }
        );
        assert_eq!(spans[10].row, 55);
        assert!(spans.iter().all(|s| (s.c0, s.c1) == (48, 52)));
        // Turned 90°: 11 rows of 5 becomes 5 rows of 11.
        let turned = rect(101.0, -101.0, 90.0, 20.0, 10.0).spans(&t(2.0));
        assert_eq!(turned.len(), 5);
        assert_eq!((turned[0].row, turned[4].row), (48, 52));
        assert!(turned.iter().all(|s| (s.c0, s.c1) == (45, 55)));
    }

    #[test]
    fn rotated_rectangle_covers_its_polygon() {
        use geo::Contains;
        let fp = rect(50.3, -47.9, 33.0, 20.0, 10.0);
        let spans = fp.spans(&t(1.0));
        let poly = fp.polygon();
        // Every point of the footprint lies in a listed cell, and every listed cell is touched.
        for i in 0..200 {
            for j in 0..200 {
                let p = geo::Point::new(30.0 + i as f64 * 0.2, -68.0 + j as f64 * 0.2);
                if poly.contains(&p) {
                    let (c, r) = ((p.x()).floor() as i64, (-p.y()).floor() as i64);
                    assert!(spans.iter().any(|s| s.row == r && s.c0 <= c && c <= s.c1));
                }
            }
        }
        let area: i64 = spans.iter().map(|s| s.c1 - s.c0 + 1).sum();
        assert!(area > 200 && area < 260, "{area} cells for 200 m²");
    }

    #[test]
    fn circle_spans_are_symmetric() {
        let fp = Footprint {
            x: 10.5,
            y: -10.5,
            grid_heading_deg: 0.0,
            shape: Shape::Circle { diameter: 3.6 },
        };
        let spans: Vec<_> = fp
            .spans(&t(1.0))
            .iter()
            .map(|s| (s.row, s.c0, s.c1))
            .collect();
        assert_eq!(
            spans,
            [
                (8, 9, 11),
                (9, 8, 12),
                (10, 8, 12),
                (11, 8, 12),
                (12, 9, 11)
            ]
        );
    }
}
