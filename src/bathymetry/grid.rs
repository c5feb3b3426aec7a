//! [`Grid`]: a regular raster of seabed elevations with its georeferencing.

use crate::geodesy::Crs;
use serde::{Deserialize, Serialize};

/// The largest grid fathom allocates: 2^30 cells (4 GiB of f32). A header claiming more is
/// refused before any allocation, so a corrupt or hostile file cannot exhaust memory.
pub const MAX_CELLS: u64 = 1 << 30;

/// Affine georeferencing of a north-up grid, as in GDAL's geotransform without rotation terms.
///
/// `origin_x`, `origin_y` are the outer corner of the top-left (north-west) cell; column `c`,
/// row `r` covers x ∈ [origin_x + c·dx, origin_x + (c+1)·dx] and
/// y ∈ [origin_y − (r+1)·dy, origin_y − r·dy]. Both cell sizes are positive.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeoTransform {
    /// Easting of the grid's west edge (CRS units).
    pub origin_x: f64,
    /// Northing of the grid's north edge (CRS units).
    pub origin_y: f64,
    /// Cell width (CRS units, > 0).
    pub dx: f64,
    /// Cell height (CRS units, > 0; rows run south).
    pub dy: f64,
}

impl GeoTransform {
    /// Centre of cell (`col`, `row`) in CRS units.
    pub fn cell_center(&self, col: usize, row: usize) -> (f64, f64) {
        (
            self.origin_x + (col as f64 + 0.5) * self.dx,
            self.origin_y - (row as f64 + 0.5) * self.dy,
        )
    }

    /// Fractional (col, row) of a CRS point, where integer + 0.5 is a cell centre.
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        ((x - self.origin_x) / self.dx, (self.origin_y - y) / self.dy)
    }

    /// Bounds (xmin, ymin, xmax, ymax) of the outer cell edges of a `width` × `height` grid.
    pub fn extent(&self, width: usize, height: usize) -> (f64, f64, f64, f64) {
        (
            self.origin_x,
            self.origin_y - height as f64 * self.dy,
            self.origin_x + width as f64 * self.dx,
            self.origin_y,
        )
    }
}

/// How the source file signs its vertical values. fathom always stores elevation positive up
/// (depth = −elevation); this records what the file held so exports can say so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignConvention {
    /// Elevation positive up, depths negative (GEBCO, EMODnet, most DEMs).
    #[default]
    ElevationUp,
    /// Depths stored as positive numbers (many survey products); flipped on reading.
    DepthPositiveDown,
}

impl SignConvention {
    /// The other convention (what negating every value turns this one into).
    pub fn flipped(self) -> Self {
        match self {
            SignConvention::ElevationUp => SignConvention::DepthPositiveDown,
            SignConvention::DepthPositiveDown => SignConvention::ElevationUp,
        }
    }
}

/// Summary statistics over valid cells, as `gdalinfo -stats` gives them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct GridStats {
    /// Lowest valid value (in the grid's unit: m of elevation, positive up, for bathymetry).
    pub min: f64,
    /// Highest valid value.
    pub max: f64,
    /// Mean of the valid values.
    pub mean: f64,
    /// Population standard deviation (divided by the number of valid cells, as GDAL does).
    pub stddev: f64,
    /// Cells holding a value (not NaN).
    pub valid_cells: usize,
    /// All cells, `width × height`.
    pub total_cells: usize,
}

impl GridStats {
    /// The statistics of the negated values (a file read with `--positive-down`).
    pub fn negated(self) -> Self {
        GridStats {
            min: -self.max,
            max: -self.min,
            mean: -self.mean,
            ..self
        }
    }
}

/// Count, min, max, mean and sum of squared deviations of the valid (non-NaN) values seen so
/// far: what [`GridStats`] needs, kept in O(1) memory so statistics can be gathered strip by
/// strip from a file without holding the grid. Each slice is summed in two passes (mean, then
/// squared deviations) and slices are merged with the pairwise update of Chan, Golub & LeVeque
/// (1983, "Algorithms for computing the sample variance"), which stays accurate where a running
/// sum of squares would cancel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moments {
    /// Number of valid values seen.
    pub count: u64,
    /// Lowest valid value seen (+∞ before any).
    pub min: f64,
    /// Highest valid value seen (−∞ before any).
    pub max: f64,
    /// Mean of the valid values seen.
    pub mean: f64,
    /// Σ (v − mean)².
    pub m2: f64,
}

impl Default for Moments {
    fn default() -> Self {
        Moments {
            count: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            mean: 0.0,
            m2: 0.0,
        }
    }
}

impl Moments {
    /// The moments of the non-NaN values of `values`.
    pub fn of(values: &[f32]) -> Self {
        let mut m = Moments::default();
        let mut sum = 0.0f64;
        for v in values.iter().filter(|v| !v.is_nan()).map(|&v| f64::from(v)) {
            m.min = m.min.min(v);
            m.max = m.max.max(v);
            sum += v;
            m.count += 1;
        }
        if m.count == 0 {
            return m;
        }
        m.mean = sum / m.count as f64;
        m.m2 = values
            .iter()
            .filter(|v| !v.is_nan())
            .map(|&v| (f64::from(v) - m.mean).powi(2))
            .sum();
        m
    }

    /// The moments of both sets of values together.
    pub fn merge(self, o: Moments) -> Self {
        if o.count == 0 {
            return self;
        }
        if self.count == 0 {
            return o;
        }
        let n = (self.count + o.count) as f64;
        let delta = o.mean - self.mean;
        Moments {
            count: self.count + o.count,
            min: self.min.min(o.min),
            max: self.max.max(o.max),
            mean: self.mean + delta * o.count as f64 / n,
            m2: self.m2 + o.m2 + delta * delta * self.count as f64 * o.count as f64 / n,
        }
    }

    /// The statistics of a grid of `total_cells` cells whose valid values these are (`None` when
    /// there were none).
    pub fn stats(&self, total_cells: usize) -> Option<GridStats> {
        (self.count > 0).then(|| GridStats {
            min: self.min,
            max: self.max,
            mean: self.mean,
            stddev: (self.m2 / self.count as f64).sqrt(),
            valid_cells: self.count as usize,
            total_cells,
        })
    }
}

/// A grid without its cells: size, georeferencing, CRS and sign convention, with the statistics
/// of its values. What `grid info` reports; readers can produce it strip by strip in bounded
/// memory ([`super::io::summarise`]).
#[derive(Clone, Debug, PartialEq)]
pub struct GridSummary {
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// Georeferencing of the cells.
    pub transform: GeoTransform,
    /// The grid's horizontal CRS, when known.
    pub crs: Option<Crs>,
    /// Sign convention of the source file.
    pub source_sign: SignConvention,
    /// Statistics of the valid values; `None` when there are none.
    pub stats: Option<GridStats>,
}

impl GridSummary {
    /// The summary of a grid held in memory.
    pub fn of(grid: &Grid) -> Self {
        GridSummary {
            width: grid.width,
            height: grid.height,
            transform: grid.transform,
            crs: grid.crs.clone(),
            source_sign: grid.source_sign,
            stats: grid.stats(),
        }
    }

    /// Bounds (xmin, ymin, xmax, ymax) of the outer cell edges, in CRS units.
    pub fn extent(&self) -> (f64, f64, f64, f64) {
        self.transform.extent(self.width, self.height)
    }

    /// As if every value were negated ([`Grid::flip_sign`]).
    pub fn flip_sign(&mut self) {
        self.stats = self.stats.map(GridStats::negated);
        self.source_sign = self.source_sign.flipped();
    }
}

/// A north-up raster of seabed elevations (metres, positive up; NaN = no data), row-major from
/// the north-west corner.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// Georeferencing of the cells.
    pub transform: GeoTransform,
    /// The grid's horizontal CRS; `None` when the file carried none and none was given.
    pub crs: Option<Crs>,
    /// Elevations, `width * height` values, row 0 = north.
    pub data: Vec<f32>,
    /// Sign convention of the source file.
    pub source_sign: SignConvention,
    /// Vertical datum of the elevations when known (e.g. "LAT", "MSL").
    pub vertical_datum: Option<String>,
}

impl Grid {
    /// A grid filled with `value`. Panics only if `width * height` overflows, which callers that
    /// read files rule out with [`check_size`](Self::check_size) first.
    pub fn filled(width: usize, height: usize, transform: GeoTransform, value: f32) -> Self {
        Grid {
            width,
            height,
            transform,
            crs: None,
            data: vec![value; width * height],
            source_sign: SignConvention::ElevationUp,
            vertical_datum: None,
        }
    }

    /// A grid of `z(x, y)` evaluated at every cell centre (grid CRS coordinates): analytic surfaces
    /// for tests and synthetic seabeds.
    pub fn from_fn(
        width: usize,
        height: usize,
        transform: GeoTransform,
        z: impl Fn(f64, f64) -> f64,
    ) -> Self {
        let mut g = Grid::filled(width, height, transform, 0.0);
        for (i, v) in g.data.iter_mut().enumerate() {
            let (x, y) = transform.cell_center(i % width.max(1), i / width.max(1));
            *v = z(x, y) as f32;
        }
        g
    }

    /// Refuses sizes that are zero or larger than [`MAX_CELLS`], before anything is allocated.
    pub fn check_size(
        path: &std::path::Path,
        width: u64,
        height: u64,
    ) -> Result<(), super::BathyError> {
        if width == 0 || height == 0 {
            return Err(super::BathyError::Format {
                path: path.to_path_buf(),
                line: None,
                message: format!(
                    "grid size {width} × {height}: expected at least one column and one row"
                ),
            });
        }
        if width.saturating_mul(height) > MAX_CELLS {
            return Err(super::BathyError::TooLarge {
                path: path.to_path_buf(),
                width,
                height,
                limit: MAX_CELLS,
            });
        }
        Ok(())
    }

    /// Value at (`col`, `row`); NaN for no data. Panics on out-of-range indices.
    #[inline]
    pub fn get(&self, col: usize, row: usize) -> f32 {
        self.data[row * self.width + col]
    }

    /// Value at (`col`, `row`), `None` outside the grid (NaN inside is returned as NaN).
    #[inline]
    pub fn try_get(&self, col: isize, row: isize) -> Option<f32> {
        (col >= 0 && row >= 0 && (col as usize) < self.width && (row as usize) < self.height)
            .then(|| self.get(col as usize, row as usize))
    }

    /// Bounds (xmin, ymin, xmax, ymax) of the grid's outer cell edges, in CRS units.
    pub fn extent(&self) -> (f64, f64, f64, f64) {
        self.transform.extent(self.width, self.height)
    }

    /// True when (`x`, `y`) lies within the outer cell edges.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let (x0, y0, x1, y1) = self.extent();
        x >= x0 && x <= x1 && y >= y0 && y <= y1
    }

    /// Elevation at a CRS point by bilinear interpolation between the four surrounding cell
    /// centres. Outside the centres' hull the nearest edge cells are used (clamped), so every point
    /// inside [`extent`](Self::extent) has a value. `None` outside the extent or when any of the
    /// contributing cells is no-data (never silently mixing data with no data).
    pub fn sample_bilinear(&self, x: f64, y: f64) -> Option<f32> {
        if !self.contains(x, y) {
            return None;
        }
        let (px, py) = self.transform.to_pixel(x, y);
        let fx = (px - 0.5).clamp(0.0, (self.width - 1) as f64);
        let fy = (py - 0.5).clamp(0.0, (self.height - 1) as f64);
        let c0 = fx.floor() as usize;
        let r0 = fy.floor() as usize;
        let c1 = (c0 + 1).min(self.width - 1);
        let r1 = (r0 + 1).min(self.height - 1);
        let (tx, ty) = ((fx - c0 as f64) as f32, (fy - r0 as f64) as f32);
        let (a, b, c, d) = (
            self.get(c0, r0),
            self.get(c1, r0),
            self.get(c0, r1),
            self.get(c1, r1),
        );
        let top = a + (b - a) * tx;
        let bottom = c + (d - c) * tx;
        let v = top + (bottom - top) * ty;
        // Weights of exactly zero must not let a NaN neighbour through, and must not poison it.
        let used = |w: f32, v: f32| w == 0.0 || !v.is_nan();
        let ok = used((1.0 - tx) * (1.0 - ty), a)
            && used(tx * (1.0 - ty), b)
            && used((1.0 - tx) * ty, c)
            && used(tx * ty, d);
        if !ok {
            return None;
        }
        if v.is_nan() {
            // NaN came only from zero-weight cells: recompute without them.
            let mut acc = 0.0f32;
            for (w, val) in [
                ((1.0 - tx) * (1.0 - ty), a),
                (tx * (1.0 - ty), b),
                ((1.0 - tx) * ty, c),
                (tx * ty, d),
            ] {
                if w != 0.0 {
                    acc += w * val;
                }
            }
            return Some(acc);
        }
        Some(v)
    }

    /// Value of the cell containing (`x`, `y`), `None` outside the grid or on no data.
    pub fn sample_nearest(&self, x: f64, y: f64) -> Option<f32> {
        if !self.contains(x, y) {
            return None;
        }
        let (px, py) = self.transform.to_pixel(x, y);
        let c = (px.floor() as usize).min(self.width - 1);
        let r = (py.floor() as usize).min(self.height - 1);
        let v = self.get(c, r);
        (!v.is_nan()).then_some(v)
    }

    /// Min, max, mean and standard deviation over valid cells (`None` when every cell is no
    /// data).
    pub fn stats(&self) -> Option<GridStats> {
        use rayon::prelude::*;
        self.data
            .par_chunks(1 << 16)
            .map(Moments::of)
            .reduce(Moments::default, Moments::merge)
            .stats(self.data.len())
    }

    /// Negates every value: used when a source stores depths positive down.
    pub fn flip_sign(&mut self) {
        for v in &mut self.data {
            *v = -*v;
        }
        self.source_sign = self.source_sign.flipped();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ramp() -> Grid {
        // 3 × 2 grid, 10 m cells, value = col + 10·row.
        let t = GeoTransform {
            origin_x: 1000.0,
            origin_y: 2000.0,
            dx: 10.0,
            dy: 10.0,
        };
        let mut g = Grid::filled(3, 2, t, 0.0);
        for r in 0..2 {
            for c in 0..3 {
                g.data[r * 3 + c] = c as f32 + 10.0 * r as f32;
            }
        }
        g
    }

    #[test]
    fn bilinear_at_centres_and_between() {
        let g = ramp();
        assert_eq!(g.sample_bilinear(1005.0, 1995.0), Some(0.0));
        assert_eq!(g.sample_bilinear(1015.0, 1985.0), Some(11.0));
        assert_eq!(g.sample_bilinear(1010.0, 1990.0), Some(5.5));
        assert_eq!(g.sample_bilinear(1000.0, 2000.0), Some(0.0)); // clamped corner
        assert_eq!(g.sample_bilinear(999.0, 1990.0), None);
    }

    #[test]
    fn bilinear_refuses_nodata_neighbours() {
        let mut g = ramp();
        g.data[1] = f32::NAN;
        assert_eq!(g.sample_bilinear(1010.0, 1990.0), None);
        assert_eq!(g.sample_bilinear(1005.0, 1985.0), Some(10.0)); // zero weight on the NaN
    }

    #[test]
    fn stats_skip_nodata() {
        let mut g = ramp();
        g.data[0] = f32::NAN;
        let s = g.stats().unwrap();
        assert_eq!(
            (s.min, s.max, s.valid_cells, s.total_cells),
            (1.0, 12.0, 5, 6)
        );
        assert!((s.mean - (1.0 + 2.0 + 10.0 + 11.0 + 12.0) / 5.0).abs() < 1e-12);
        // Population standard deviation of {1, 2, 10, 11, 12}: mean 7.2, Σ(v − 7.2)² = 110.8.
        assert!((s.stddev - (110.8f64 / 5.0).sqrt()).abs() < 1e-12, "{s:?}");
    }

    #[test]
    fn moments_merge_in_any_split_and_do_not_cancel() {
        // 1e6 + {0, 1, 2, 3} repeated: mean 1e6 + 1.5, variance 1.25 exactly. A running sum of
        // squares (≈ 4e12 per value) would lose the variance to cancellation in f32 and blur it
        // in f64; the pairwise update keeps it.
        let values: Vec<f32> = (0..40_000)
            .map(|i| {
                if i % 7 == 3 {
                    f32::NAN
                } else {
                    1e6 + (i % 4) as f32
                }
            })
            .collect();
        let whole = Moments::of(&values);
        for split in [1, 3, 1000, 39_999] {
            let (a, b) = values.split_at(split);
            let m = Moments::of(a).merge(Moments::of(b));
            assert_eq!(m.count, whole.count);
            assert!((m.mean - whole.mean).abs() < 1e-9, "{split}");
            assert!((m.m2 - whole.m2).abs() < 1e-6 * whole.m2, "{split}");
        }
        let by_chunks = values
            .chunks(333)
            .map(Moments::of)
            .fold(Moments::default(), Moments::merge);
        let s = by_chunks.stats(values.len()).unwrap();
        let valid = values.iter().filter(|v| !v.is_nan()).count();
        assert_eq!((s.valid_cells, s.total_cells), (valid, 40_000));
        assert_eq!((s.min, s.max), (1e6, 1e6 + 3.0));
        // The counts of 0..3 differ slightly (NaN every 7th): the exact mean and variance from
        // the counts, in the test.
        let mut n = [0u64; 4];
        for (i, v) in values.iter().enumerate() {
            if !v.is_nan() {
                n[i % 4] += 1;
            }
        }
        let total = n.iter().sum::<u64>() as f64;
        let mean_off = (0..4).map(|k| k as f64 * n[k] as f64).sum::<f64>() / total;
        let var = (0..4)
            .map(|k| n[k] as f64 * (k as f64 - mean_off).powi(2))
            .sum::<f64>()
            / total;
        assert!((s.mean - (1e6 + mean_off)).abs() < 1e-9, "{}", s.mean);
        assert!(
            (s.stddev - var.sqrt()).abs() < 1e-9,
            "{} vs {}",
            s.stddev,
            var.sqrt()
        );
        assert_eq!(Moments::default().stats(5), None);
        let neg = s.negated();
        assert_eq!((neg.min, neg.max, neg.stddev), (-1e6 - 3.0, -1e6, s.stddev));
    }

    #[test]
    fn refuses_hostile_sizes() {
        let p = std::path::Path::new("x.asc");
        assert!(Grid::check_size(p, 1_000_000, 1_000_000).is_err());
        assert!(Grid::check_size(p, 0, 10).is_err());
        assert!(Grid::check_size(p, 8192, 8192).is_ok());
    }
}
