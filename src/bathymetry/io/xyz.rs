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
use crate::bathymetry::{BathyError, GeoTransform, Grid, SignConvention};
use std::fmt::Write as _;
use std::path::Path;

/// The no-data marker of XYZ files (see the module documentation).
const NODATA: f32 = -9999.0;

/// A regular grid lists at least one cell in this many (GDAL's XYZ driver writes every cell,
/// no data as −9999; exports that drop no-data cells keep most of them): fewer points are
/// scattered soundings, and gridding them would allocate from a bounding box, not from the data
/// (3 points once asked for 3.45 GB).
const MIN_FILL: u64 = 10;

/// A parsed point with the line it came from.
struct Point {
    x: f64,
    y: f64,
    z: f32,
    line: usize,
}

/// Reads an XYZ grid; its CRS comes from a `.prj` beside it, if any.
pub fn read(path: &Path) -> Result<Grid, BathyError> {
    let text = crate::fsutil::read_regular_text(path, super::MAX_GRID_FILE_BYTES)
        .map_err(|e| io_err(path, e))?;
    let mut grid = parse(path, &text)?;
    grid.crs = super::ascii::read_prj(path)?;
    Ok(grid)
}

fn fields(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_ascii_whitespace() || c == ',' || c == ';')
        .filter(|s| !s.is_empty())
}

fn parse_points(path: &Path, text: &str) -> Result<Vec<Point>, BathyError> {
    let mut points = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let f: Vec<&str> = fields(line).collect();
        if f.is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let nums: Option<Vec<f64>> = f.iter().map(|s| s.parse::<f64>().ok()).collect();
        let Some(nums) = nums else {
            if points.is_empty() && f.iter().all(|s| s.parse::<f64>().is_err()) {
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
        points.push(Point {
            x: nums[0],
            y: nums[1],
            z: if z == NODATA { f32::NAN } else { z },
            line: lineno,
        });
    }
    if points.is_empty() {
        return Err(format_err(
            path,
            None,
            "no points (expected lines `x y z`)".into(),
        ));
    }
    Ok(points)
}

/// The regular axis through a set of coordinates: (minimum, spacing, count).
fn axis(
    path: &Path,
    points: &[Point],
    coord: fn(&Point) -> f64,
    name: &str,
) -> Result<(f64, f64, u64), BathyError> {
    let mut values: Vec<f64> = points.iter().map(coord).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let (min, max) = (values[0], values[values.len() - 1]);
    if values.len() == 1 {
        return Err(format_err(
            path,
            None,
            format!(
                "all points share {name} = {min}: cannot detect a cell size from one {name} value"
            ),
        ));
    }
    let diffs: Vec<f64> = values.windows(2).map(|w| w[1] - w[0]).collect();
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
    for &v in &values {
        let f = (v - min) / estimate;
        if (f - f.round()).abs() > 0.1 {
            let line = points.iter().find(|p| coord(p) == v).map(|p| p.line);
            let (below, above) = (min + f.floor() * estimate, min + f.ceil() * estimate);
            return Err(format_err(
                path,
                line,
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

pub(super) fn parse(path: &Path, text: &str) -> Result<Grid, BathyError> {
    let points = parse_points(path, text)?;
    let (xmin, dx, width) = axis(path, &points, |p| p.x, "x")?;
    let (ymin, dy, height) = axis(path, &points, |p| p.y, "y")?;
    Grid::check_size(path, width, height)?;
    let cells = width * height;
    if (points.len() as u64).saturating_mul(MIN_FILL) < cells {
        return Err(format_err(
            path,
            None,
            format!(
                "{} points span a {width} × {height} grid ({cells} cells): a regular grid lists \
                 at least 1 in {MIN_FILL} of its cells; these points are scattered soundings \
                 (grid them first, e.g. `gdal_grid`) or a coordinate is wrong",
                points.len()
            ),
        ));
    }
    let (w, h) = (width as usize, height as usize);
    let ymax = ymin + (h - 1) as f64 * dy;
    let mut data = vec![f32::NAN; w * h];
    // The line that set each cell, to name both lines of a conflicting duplicate.
    let mut set_by = vec![0usize; w * h];
    for p in &points {
        let c = ((p.x - xmin) / dx).round() as usize;
        let r = ((ymax - p.y) / dy).round() as usize;
        let i = r * w + c;
        if set_by[i] != 0 && data[i].to_bits() != p.z.to_bits() {
            return Err(format_err(
                path,
                Some(p.line),
                format!(
                    "point ({}, {}) has z = {} but line {} gave the same cell z = {}: \
                     expected one depth per cell",
                    p.x, p.y, p.z, set_by[i], data[i]
                ),
            ));
        }
        data[i] = p.z;
        set_by[i] = p.line;
    }
    Ok(Grid {
        width: w,
        height: h,
        transform: GeoTransform {
            origin_x: xmin - dx / 2.0,
            origin_y: ymax + dy / 2.0,
            dx,
            dy,
        },
        crs: None,
        data,
        source_sign: SignConvention::ElevationUp,
        vertical_datum: None,
    })
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
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("t.xyz")
    }

    #[test]
    fn detects_grid_any_order_separator_and_header() {
        // 3 × 2 grid, 10 m cells, south row first, one point missing, one −9999.
        let text = "x;y;z\n105;195;4\n115,195,5\n125\t195\t-9999\n105 205 1\n125 205 3\n";
        let g = parse(p(), text).unwrap();
        assert_eq!((g.width, g.height), (3, 2));
        assert_eq!(
            g.transform,
            GeoTransform {
                origin_x: 100.0,
                origin_y: 210.0,
                dx: 10.0,
                dy: 10.0
            }
        );
        assert_eq!(g.get(0, 0), 1.0);
        assert!(g.get(1, 0).is_nan()); // missing point
        assert_eq!(g.get(2, 0), 3.0);
        assert_eq!(g.get(1, 1), 5.0);
        assert!(g.get(2, 1).is_nan()); // −9999
    }

    #[test]
    fn tolerates_rounded_coordinates() {
        let text = "0.0004 0.0004 1\n0.0013 0.0004 2\n0.0021 0.0004 3\n0.0004 0.0013 4\n0.0013 0.0013 5\n0.0021 0.0013 6\n";
        let g = parse(p(), text).unwrap();
        assert_eq!((g.width, g.height), (3, 2));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse(p(), "0 0 1\n10 0 2\n25 0 3\n0 10 4\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("t.xyz:3") && e.contains("not a regular grid"),
            "{e}"
        );
        let e = parse(p(), "0 0 1\n10 0 x\n").unwrap_err().to_string();
        assert!(e.contains("t.xyz:2") && e.contains("three numbers"), "{e}");
        let e = parse(p(), "0 0 1 7\n").unwrap_err().to_string();
        assert!(e.contains("t.xyz:1") && e.contains("found 4"), "{e}");
        let e = parse(p(), "x y z\n").unwrap_err().to_string();
        assert!(e.contains("no points"), "{e}");
        let e = parse(p(), "0 0 1\n0.000001 0 1\n1e9 0 1\n0 1 1\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("refusing to allocate"), "{e}");
        assert!(
            parse(p(), "0 0 1\n10 0 2\n25 0 3\n0 10 4\n")
                .unwrap_err()
                .to_string()
                .contains("between the grid lines x = 20 and 30"),
        );
    }

    #[test]
    fn sparse_points_and_conflicting_duplicates_are_refused() {
        // issue #18: 3 points spanning 30,000 × 30,000 cells took 3.45 GB.
        let e = parse(p(), "0 0 1\n1 0 1\n30000 30000 1\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("3 points span a 30001 × 2 grid") && e.contains("scattered"),
            "{e}"
        );
        let e = parse(p(), "0 0 1\n10 0 2\n0 10 3\n10 10 4\n0 0 5\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("t.xyz:5") && e.contains("z = 5 but line 1 gave the same cell z = 1"),
            "{e}"
        );
        // An exact repeat is harmless.
        assert!(parse(p(), "0 0 1\n10 0 2\n0 10 3\n10 10 4\n0 0 1\n").is_ok());
    }

    #[test]
    fn encode_matches_gdal_layout_and_round_trips() {
        let t = GeoTransform {
            origin_x: 100.0,
            origin_y: 210.0,
            dx: 10.0,
            dy: 10.0,
        };
        let mut g = Grid::filled(2, 2, t, 1.5);
        g.data[3] = f32::NAN;
        let text = String::from_utf8(encode(&g)).unwrap();
        assert_eq!(
            text,
            "105 205 1.5\n115 205 1.5\n105 195 1.5\n115 195 -9999\n"
        );
        let back = parse(p(), &text).unwrap();
        assert_eq!(back.transform, t);
        assert!(back.data[3].is_nan() && back.data[..3] == [1.5; 3]);
    }
}
