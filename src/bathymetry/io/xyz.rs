//! XYZ point lists (`x y z` per line) holding a regular grid, as GDAL's "ASCII Gridded XYZ"
//! driver reads and writes them.
//!
//! Reading: fields separated by spaces, tabs, commas or semicolons; an optional header line
//! (`x y z`, `lon,lat,depth`, …) before the first point; points in any order (rows north-first or
//! south-first). The grid is detected from the points: the sorted distinct x (and y) values must
//! lie on one constant spacing within 10 % of a cell (printed coordinates are rounded); cells
//! without a point are no data. The value −9999 is read as no data too, because GDAL's XYZ writer emits no-data cells with the source's
//! no-data value, and −9999 is the one GDAL and ESRI use for elevation grids (it lies deeper than
//! any sea floor but the deepest trench axes, where no survey writes that round number).
//!
//! Writing: every cell centre, row-major from the north-west, no data as −9999 — the layout of
//! `gdal_translate -of XYZ`.

use super::{format_err, io_err};
use crate::bathymetry::{BathyError, GeoTransform, Grid, GridSummary, Moments, SignConvention};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The no-data marker of XYZ files (see the module documentation).
const NODATA: f32 = -9999.0;

/// A regular grid lists at least one cell in this many (GDAL's XYZ driver writes every cell,
/// no data as −9999; exports that drop no-data cells keep most of them): fewer points are
/// scattered soundings, and gridding them would allocate from a bounding box, not from the data
/// (3 points once asked for 3.45 GB).
const MIN_FILL: u64 = 10;

/// The longest line read (bytes): three numbers take well under 100; this bounds the memory of a
/// file that is one endless line.
const MAX_LINE: usize = 4096;

/// The most cells listed more than once. Exact repeats are harmless (overlapping tiles joined
/// end to end) and each is checked against the first listing of its cell, which is remembered
/// for repeated cells only; beyond this many the file is not one grid listed once, and checking
/// would cost memory in proportion to the repeats.
const MAX_REPEATED_CELLS: usize = 1_000_000;

/// A parsed point with the line it came from.
struct Point {
    x: f64,
    y: f64,
    z: f32,
    line: usize,
}

/// Reads an XYZ grid; its CRS comes from a `.prj` beside it, if any. The file is read in passes
/// (the grid's axes, then the values), never whole: see [`summarise`].
pub fn read(path: &Path) -> Result<Grid, BathyError> {
    let mut grid = collect(path, || open(path))?;
    grid.crs = super::ascii::read_prj(path)?;
    Ok(grid)
}

/// Decodes grid bytes held in memory (no `.prj`); `path` is only used in messages.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<Grid, BathyError> {
    collect(path, || Ok(bytes))
}

/// The size, georeferencing, `.prj` CRS and statistics of an XYZ grid without its cells, as
/// `gdalinfo -stats` gives them. The file is streamed three times at most: once for the sets of
/// distinct x and y (the grid's axes), once for the values (each cell's first listing feeds the
/// statistics), and — only when some cell is listed twice — once to check each repeat against the
/// first listing. Memory is the two axes, one bit per cell (8 MB for 8192²; the grid itself
/// would take 32 bits) and the repeated cells, whatever the file's size.
pub fn summarise(path: &Path) -> Result<GridSummary, BathyError> {
    let reopen = || open(path);
    let (layout, points) = layout(path, reopen)?;
    let mut moments = Moments::default();
    let mut batch = Vec::with_capacity(BATCH);
    fill(path, reopen, &layout, points, |_, z| {
        batch.push(z);
        if batch.len() == BATCH {
            moments = moments.merge(Moments::of(&batch));
            batch.clear();
        }
    })?;
    moments = moments.merge(Moments::of(&batch));
    Ok(GridSummary {
        width: layout.width,
        height: layout.height,
        transform: layout.transform(),
        crs: super::ascii::read_prj(path)?,
        source_sign: SignConvention::ElevationUp,
        stats: moments.stats(layout.width * layout.height),
    })
}

/// Values gathered before their moments are merged.
const BATCH: usize = 1 << 16;

fn open(path: &Path) -> Result<BufReader<std::fs::File>, BathyError> {
    let (file, _) = crate::fsutil::open_regular(path).map_err(|e| io_err(path, e))?;
    Ok(BufReader::with_capacity(1 << 16, file))
}

/// The whole grid, from a source `open` gives afresh for each pass.
fn collect<R: BufRead>(
    path: &Path,
    open: impl Fn() -> Result<R, BathyError>,
) -> Result<Grid, BathyError> {
    let (layout, points) = layout(path, &open)?;
    let mut data = vec![f32::NAN; layout.width * layout.height];
    fill(path, &open, &layout, points, |i, z| data[i] = z)?;
    Ok(Grid {
        width: layout.width,
        height: layout.height,
        transform: layout.transform(),
        crs: None,
        data,
        source_sign: SignConvention::ElevationUp,
        vertical_datum: None,
    })
}

fn fields(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_ascii_whitespace() || c == ',' || c == ';')
        .filter(|s| !s.is_empty())
}

/// Calls `each` with every point of `src` in file order and returns how many there were. Lines
/// are read one at a time, each at most [`MAX_LINE`] bytes, the whole at most
/// [`super::MAX_GRID_FILE_BYTES`].
fn for_each_point(
    path: &Path,
    mut src: impl BufRead,
    mut each: impl FnMut(Point) -> Result<(), BathyError>,
) -> Result<u64, BathyError> {
    let (mut buf, mut lineno, mut read, mut points) = (Vec::new(), 0usize, 0u64, 0u64);
    loop {
        buf.clear();
        let n = (&mut src)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| io_err(path, e))?;
        if n == 0 {
            break;
        }
        lineno += 1;
        read += n as u64;
        if read > super::MAX_GRID_FILE_BYTES {
            return Err(format_err(
                path,
                Some(lineno),
                format!(
                    "more than {} bytes: larger than the limit for a grid file",
                    super::MAX_GRID_FILE_BYTES
                ),
            ));
        }
        if n > MAX_LINE && buf.last() != Some(&b'\n') {
            return Err(format_err(
                path,
                Some(lineno),
                format!("a line longer than {MAX_LINE} bytes: expected three numbers `x y z`"),
            ));
        }
        let line = std::str::from_utf8(&buf).map_err(|e| {
            format_err(
                path,
                Some(lineno),
                format!(
                    "not text: invalid UTF-8 at byte {} of the line",
                    e.valid_up_to()
                ),
            )
        })?;
        let line = if lineno == 1 {
            line.trim_start_matches('\u{feff}')
        } else {
            line
        };
        let f: Vec<&str> = fields(line).collect();
        if f.is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let nums: Option<Vec<f64>> = f.iter().map(|s| s.parse::<f64>().ok()).collect();
        let Some(nums) = nums else {
            if points == 0 && f.iter().all(|s| s.parse::<f64>().is_err()) {
                continue; // header line before the first point
            }
            return Err(format_err(
                path,
                Some(lineno),
                format!("expected three numbers `x y z`, found `{}`", line.trim()),
            ));
        };
        if nums.len() != 3 {
            return Err(format_err(
                path,
                Some(lineno),
                format!("expected three numbers `x y z`, found {}", nums.len()),
            ));
        }
        if !(nums[0].is_finite() && nums[1].is_finite()) {
            return Err(format_err(
                path,
                Some(lineno),
                "x and y must be finite numbers".into(),
            ));
        }
        let z = nums[2] as f32;
        points += 1;
        each(Point {
            x: nums[0],
            y: nums[1],
            z: if z == NODATA { f32::NAN } else { z },
            line: lineno,
        })?;
    }
    Ok(points)
}

/// The distinct values of one coordinate, each with the first line it appeared on, kept sorted
/// and deduplicated in batches so memory follows the number of grid lines, not of points.
#[derive(Default)]
struct Distinct {
    values: Vec<(f64, usize)>,
    compacted: usize,
}

impl Distinct {
    fn push(&mut self, v: f64, line: usize) {
        self.values.push((v, line));
        if self.values.len() >= 2 * self.compacted + 4096 {
            self.compact();
        }
    }

    fn compact(&mut self) {
        self.values
            .sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        self.values.dedup_by(|b, a| a.0 == b.0);
        self.compacted = self.values.len();
    }
}

/// The grid the points lie on.
struct Layout {
    xmin: f64,
    dx: f64,
    width: usize,
    ymax: f64,
    dy: f64,
    height: usize,
}

impl Layout {
    fn transform(&self) -> GeoTransform {
        GeoTransform {
            origin_x: self.xmin - self.dx / 2.0,
            origin_y: self.ymax + self.dy / 2.0,
            dx: self.dx,
            dy: self.dy,
        }
    }

    /// The row-major index of `p`'s cell (`None` off the grid: the file changed between passes).
    fn cell(&self, p: &Point) -> Option<usize> {
        let c = ((p.x - self.xmin) / self.dx).round();
        let r = ((self.ymax - p.y) / self.dy).round();
        let inside = |v: f64, n: usize| v >= 0.0 && v < n as f64;
        (inside(c, self.width) && inside(r, self.height))
            .then(|| r as usize * self.width + c as usize)
    }
}

/// The first pass: the grid's axes from the distinct coordinates, checked for size and fill
/// before anything per cell is allocated; with the number of points.
fn layout<R: BufRead>(
    path: &Path,
    open: impl Fn() -> Result<R, BathyError>,
) -> Result<(Layout, u64), BathyError> {
    let (mut xs, mut ys) = (Distinct::default(), Distinct::default());
    let points = for_each_point(path, open()?, |p| {
        xs.push(p.x, p.line);
        ys.push(p.y, p.line);
        Ok(())
    })?;
    if points == 0 {
        return Err(format_err(
            path,
            None,
            "no points (expected lines `x y z`)".into(),
        ));
    }
    xs.compact();
    ys.compact();
    let (xmin, dx, width) = axis(path, &xs.values, "x")?;
    let (ymin, dy, height) = axis(path, &ys.values, "y")?;
    Grid::check_size(path, width, height)?;
    let cells = width * height;
    if points.saturating_mul(MIN_FILL) < cells {
        return Err(format_err(
            path,
            None,
            format!(
                "{points} points span a {width} × {height} grid ({cells} cells): a regular grid \
                 lists at least 1 in {MIN_FILL} of its cells; these points are scattered \
                 soundings (grid them first, e.g. `gdal_grid`) or a coordinate is wrong"
            ),
        ));
    }
    let (width, height) = (width as usize, height as usize);
    let layout = Layout {
        xmin,
        dx,
        width,
        ymax: ymin + (height - 1) as f64 * dy,
        dy,
        height,
    };
    Ok((layout, points))
}

/// The regular axis through the sorted distinct coordinates (with the line each first appeared
/// on): (minimum, spacing, count).
fn axis(path: &Path, values: &[(f64, usize)], name: &str) -> Result<(f64, f64, u64), BathyError> {
    let (min, max) = (values[0].0, values[values.len() - 1].0);
    if values.len() == 1 {
        return Err(format_err(
            path,
            None,
            format!(
                "all points share {name} = {min}: cannot detect a cell size from one {name} value"
            ),
        ));
    }
    let diffs: Vec<f64> = values.windows(2).map(|w| w[1].0 - w[0].0).collect();
    let d_min = diffs.iter().copied().fold(f64::INFINITY, f64::min);
    // The mean of the single steps (gaps of missing columns excluded) averages out the rounding of
    // printed coordinates, which the smallest step alone would carry into the cell count.
    let single: Vec<f64> = diffs.iter().copied().filter(|&d| d < 1.5 * d_min).collect();
    let estimate = single.iter().sum::<f64>() / single.len() as f64;
    let steps = ((max - min) / estimate).round();
    if steps as u64 >= super::super::MAX_CELLS {
        // Hostile or degenerate spacing: let the size check refuse it before any allocation.
        return Ok((min, d_min, steps as u64));
    }
    let spacing = (max - min) / steps;
    for &(v, line) in values {
        let f = (v - min) / estimate;
        if (f - f.round()).abs() > 0.1 {
            let (below, above) = (min + f.floor() * estimate, min + f.ceil() * estimate);
            return Err(format_err(
                path,
                Some(line),
                format!(
                    "{name} = {v} lies between the grid lines {name} = {below} and {above} \
                     (spacing {estimate}, the mean step between neighbouring {name} values, \
                     from {name} = {min}): points are not a regular grid"
                ),
            ));
        }
    }
    Ok((min, spacing, steps as u64 + 1))
}

/// A second listing of a cell, remembered to check it against the first.
struct Repeat {
    x: f64,
    y: f64,
    z: f32,
    line: usize,
}

fn conflict(path: &Path, at: &Repeat, other_line: usize, other_z: f32) -> BathyError {
    format_err(
        path,
        Some(at.line),
        format!(
            "point ({}, {}) has z = {} but line {other_line} gave the same cell z = {other_z}: \
             expected one depth per cell",
            at.x, at.y, at.z
        ),
    )
}

/// The second pass (and the third when a cell is listed twice): `first(cell, z)` for each cell's
/// first listing, in file order; a repeat that disagrees with an earlier listing is refused.
fn fill<R: BufRead>(
    path: &Path,
    open: impl Fn() -> Result<R, BathyError>,
    layout: &Layout,
    points: u64,
    mut first: impl FnMut(usize, f32),
) -> Result<(), BathyError> {
    let changed = |line: usize| {
        format_err(
            path,
            Some(line),
            "the file changed while it was read: expected the points of the first reading".into(),
        )
    };
    let mut seen = vec![0u64; (layout.width * layout.height).div_ceil(64)];
    let mut repeats: HashMap<usize, Repeat> = HashMap::new();
    let n = for_each_point(path, open()?, |p| {
        let i = layout.cell(&p).ok_or_else(|| changed(p.line))?;
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        if seen[word] & bit == 0 {
            seen[word] |= bit;
            first(i, p.z);
            return Ok(());
        }
        let now = Repeat {
            x: p.x,
            y: p.y,
            z: p.z,
            line: p.line,
        };
        if let Some(r) = repeats.get(&i) {
            return if r.z.to_bits() == p.z.to_bits() {
                Ok(())
            } else {
                Err(conflict(path, &now, r.line, r.z))
            };
        }
        if repeats.len() == MAX_REPEATED_CELLS {
            return Err(format_err(
                path,
                Some(p.line),
                format!(
                    "more than {MAX_REPEATED_CELLS} cells are listed twice: expected each cell \
                     once (join overlapping surveys into one grid first, e.g. `gdal_merge.py`)"
                ),
            ));
        }
        repeats.insert(i, now);
        Ok(())
    })?;
    if n != points {
        return Err(changed(0));
    }
    if repeats.is_empty() {
        return Ok(());
    }
    // The first listing of each repeated cell comes before its repeat: compare them.
    for_each_point(path, open()?, |p| {
        let i = layout.cell(&p).ok_or_else(|| changed(p.line))?;
        match repeats.remove(&i) {
            Some(r) if r.z.to_bits() != p.z.to_bits() => Err(conflict(path, &r, p.line, p.z)),
            _ => Ok(()),
        }
    })?;
    Ok(())
}

/// Encodes every cell centre as `x y z`, row-major from the north-west, no data as −9999.
pub fn encode(grid: &Grid) -> Vec<u8> {
    let mut s = String::with_capacity(grid.data.len() * 28);
    for row in 0..grid.height {
        for col in 0..grid.width {
            let (x, y) = grid.transform.cell_center(col, row);
            let v = grid.get(col, row);
            let v = if v.is_nan() { NODATA } else { v };
            let _ = writeln!(s, "{x} {y} {v}");
        }
    }
    s.into_bytes()
}

#[cfg(test)]
#[path = "xyz_tests.rs"]
mod tests;
