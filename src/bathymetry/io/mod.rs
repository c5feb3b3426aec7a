//! Grid readers and writers, chosen by file extension.
//!
//! Readers: ESRI ASCII (`.asc`, with `.prj`), GeoTIFF (`.tif`, `.tiff`), XYZ (`.xyz`, `.txt`,
//! with `.prj`). Writers: GeoTIFF (Float32, DEFLATE, GeoKeys and GDAL_NODATA, as GDAL reads it),
//! ESRI ASCII + `.prj` (ESRI WKT) and XYZ + `.prj` (GDAL's layout). Every reader refuses a
//! header or point set claiming more than [`MAX_CELLS`](super::MAX_CELLS) cells before allocating,
//! and reports malformed content with the file, the line where the format has lines, and what was
//! expected.

mod ascii;
mod geotiff;
pub mod tiff_write;
mod xyz;

use super::{BathyError, Grid, GridSummary};
use crate::geodesy::Crs;
use std::path::Path;

/// Options that apply to every reader.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// CRS to use when the file carries none (and to override a wrong one).
    pub crs: Option<Crs>,
    /// The file stores depths as positive numbers: negate on reading.
    pub positive_down: bool,
}

/// Reads a grid, choosing the format by extension. The result has elevation positive up, NaN for
/// no data, and a CRS (from the file, its `.prj`, or `opts.crs`); a file with no CRS and no
/// `opts.crs` is refused with [`BathyError::NoCrs`].
pub fn read(path: &Path, opts: &ReadOptions) -> Result<Grid, BathyError> {
    let ext = extension(path);
    let mut grid = match ext.as_str() {
        "asc" => ascii::read(path)?,
        "tif" | "tiff" => geotiff::read(path)?,
        "xyz" | "txt" => xyz::read(path)?,
        other => {
            return Err(BathyError::Unsupported {
                path: path.to_path_buf(),
                what: format!("grid format `.{other}` (expected .asc, .tif, .tiff or .xyz)"),
            });
        }
    };
    apply_options(
        path,
        opts,
        &mut grid.crs,
        grid.transform.extent(grid.width, grid.height),
    )?;
    if opts.positive_down {
        grid.flip_sign();
    }
    Ok(grid)
}

/// What [`read`] would return, without the cells: size, georeferencing, CRS and the statistics
/// of the values (as `gdalinfo -stats`), under the same options and checks. GeoTIFF is decoded
/// strip by strip (or tile by tile), ESRI ASCII value by value and XYZ line by line (in passes:
/// the axes, then the values, with one bit per cell to find repeats), so memory stays bounded
/// by a few strips, or the axes and a bitmap, however large the file.
pub fn summarise(path: &Path, opts: &ReadOptions) -> Result<GridSummary, BathyError> {
    let mut summary = match extension(path).as_str() {
        "asc" => ascii::summarise(path)?,
        "tif" | "tiff" => geotiff::summarise(path)?,
        "xyz" | "txt" => xyz::summarise(path)?,
        other => {
            return Err(BathyError::Unsupported {
                path: path.to_path_buf(),
                what: format!("grid format `.{other}` (expected .asc, .tif, .tiff or .xyz)"),
            });
        }
    };
    let extent = summary.extent();
    apply_options(path, opts, &mut summary.crs, extent)?;
    if opts.positive_down {
        summary.flip_sign();
    }
    Ok(summary)
}

/// `opts.crs` over the file's CRS, then refuses a grid without one or with an impossible extent.
fn apply_options(
    path: &Path,
    opts: &ReadOptions,
    crs: &mut Option<Crs>,
    extent: (f64, f64, f64, f64),
) -> Result<(), BathyError> {
    if let Some(c) = &opts.crs {
        *crs = Some(c.clone());
    }
    let Some(crs) = crs else {
        return Err(BathyError::NoCrs {
            path: path.to_path_buf(),
        });
    };
    check_extent(path, extent, crs.is_geographic())
}

/// Decodes a grid held in memory, choosing the format by `path`'s extension (no `.prj` is read
/// and no CRS is required): for grids that do not come from a file, and for fuzzing.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Grid, BathyError> {
    match extension(path).as_str() {
        "asc" => ascii::decode(path, bytes),
        "tif" | "tiff" => geotiff::decode(path, bytes),
        "xyz" | "txt" => xyz::decode(path, bytes),
        other => Err(BathyError::Unsupported {
            path: path.to_path_buf(),
            what: format!("grid format `.{other}` (expected .asc, .tif, .tiff or .xyz)"),
        }),
    }
}

/// Writes a grid, choosing the format by extension (`.tif`/`.tiff`, `.asc`, `.xyz`; the text
/// formats get a `.prj` with the CRS beside them). Writes go to a temporary file beside the
/// target, then rename, so a failed write never leaves half a file.
pub fn write(grid: &Grid, path: &Path) -> Result<(), BathyError> {
    let bytes = match extension(path).as_str() {
        "tif" | "tiff" => geotiff::encode_grid(grid, path)?,
        "asc" => ascii::encode(grid),
        "xyz" => xyz::encode(grid),
        other => {
            return Err(BathyError::Unsupported {
                path: path.to_path_buf(),
                what: format!("output format `.{other}` (expected .tif, .asc or .xyz)"),
            });
        }
    };
    crate::fsutil::write_atomic(path, &bytes).map_err(|e| io_err(path, e))?;
    if matches!(extension(path).as_str(), "asc" | "xyz")
        && let Some(crs) = &grid.crs
    {
        ascii::write_prj(crs, &path.with_extension("prj"))?;
    }
    Ok(())
}

/// Writes a byte raster with `like`'s georeferencing as a GeoTIFF (0 = no data), as `gdaldem`
/// writes hillshades: a quarter of the Float32 size. Other extensions are refused.
pub fn write_bytes(like: &Grid, bytes: &[u8], path: &Path) -> Result<(), BathyError> {
    if !matches!(extension(path).as_str(), "tif" | "tiff") {
        return Err(BathyError::Unsupported {
            path: path.to_path_buf(),
            what: "byte raster output other than GeoTIFF (.tif)".into(),
        });
    }
    let encoded = geotiff::encode_like(like, bytes, "0", path)?;
    crate::fsutil::write_atomic(path, &encoded).map_err(|e| io_err(path, e))
}

/// A [`BathyError::Format`] for `path`, at `line` (1-based) when the format has lines.
fn format_err(path: &Path, line: Option<usize>, message: String) -> BathyError {
    BathyError::Format {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// Refuses georeferencing no survey has: a NaN or infinite origin or cell size (a NaN GeoTIFF
/// tiepoint), and in a geographic CRS latitudes beyond ±90° or longitudes beyond ±360° (a
/// 0–360° grid is allowed).
fn check_extent(
    path: &Path,
    (x0, y0, x1, y1): (f64, f64, f64, f64),
    geographic: bool,
) -> Result<(), BathyError> {
    let bad = |message: String| BathyError::Format {
        path: path.to_path_buf(),
        line: None,
        message,
    };
    if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
        return Err(bad(format!(
            "extent {x0}, {y0} – {x1}, {y1}: expected finite coordinates (origin and cell size)"
        )));
    }
    if geographic && (y0.min(y1) < -90.0 || y0.max(y1) > 90.0) {
        return Err(bad(format!(
            "latitudes {} to {} in a geographic CRS: expected −90 to 90",
            y0.min(y1),
            y0.max(y1)
        )));
    }
    if geographic && (x0.min(x1) < -360.0 || x0.max(x1) > 360.0) {
        return Err(bad(format!(
            "longitudes {} to {} in a geographic CRS: expected −360 to 360",
            x0.min(x1),
            x0.max(x1)
        )));
    }
    Ok(())
}

/// The largest grid file read (bytes), counted as read (a device or FIFO reports no size): far
/// above any survey tile fathom plans on, and below what the machine can hold decoded.
pub const MAX_GRID_FILE_BYTES: u64 = 2 << 30;

/// A [`BathyError::Io`] for `path`.
fn io_err(path: &Path, source: std::io::Error) -> BathyError {
    BathyError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bathymetry::GeoTransform;

    #[test]
    fn hostile_headers_are_named() {
        // issue #18: a UTF-8 BOM made the header "lack `ncols`"; latitudes of 99.5 in EPSG:4326
        // were accepted; a FIFO as grid blocked forever.
        let dir = tempfile::tempdir().unwrap();
        let opts = ReadOptions {
            crs: Some(Crs::parse("EPSG:4326").unwrap()),
            positive_down: false,
        };
        let asc = |name: &str, yll: f64, bom: bool| {
            let p = dir.path().join(name);
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            bytes.extend(
                format!(
                    "ncols 2\nnrows 2\nxllcorner 0\nyllcorner {yll}\ncellsize 0.25\n1 2\n3 4\n"
                )
                .bytes(),
            );
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let g = read(&asc("bom.asc", 10.0, true), &opts).unwrap();
        assert_eq!(g.width, 2);
        let e = read(&asc("north.asc", 99.5, false), &opts)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("north.asc") && e.contains("latitudes 99.5 to 100"),
            "{e}"
        );
        let e = read(&asc("south.asc", -1000.0, false), &opts)
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected −90 to 90"), "{e}");
        let zero = dir.path().join("zero.asc");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = read(&zero, &opts).unwrap_err().to_string();
        assert!(e.contains("zero.asc") && e.contains("a device"), "{e}");
    }

    #[test]
    fn a_nan_geotiff_tiepoint_is_refused() {
        // issue #18: a NaN tiepoint was accepted and gave a grid nowhere.
        let dir = tempfile::tempdir().unwrap();
        let t = GeoTransform {
            origin_x: 123_456.75,
            origin_y: 5_900_000.0,
            dx: 10.0,
            dy: 10.0,
        };
        let mut g = Grid::filled(3, 2, t, -5.0);
        g.crs = Some(Crs::epsg(32631));
        let path = dir.path().join("tie.tif");
        write(&g, &path).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let x = 123_456.75f64.to_le_bytes();
        let at = bytes.windows(8).position(|w| w == x).unwrap();
        bytes[at..at + 8].copy_from_slice(&f64::NAN.to_le_bytes());
        std::fs::write(&path, bytes).unwrap();
        let e = read(&path, &ReadOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("tie.tif") && e.contains("expected finite coordinates"),
            "{e}"
        );
    }

    #[test]
    fn every_format_round_trips_with_its_crs() {
        let dir = tempfile::tempdir().unwrap();
        let t = GeoTransform {
            origin_x: 4_809_000.0,
            origin_y: 3_855_000.0,
            dx: 1000.0,
            dy: 1000.0,
        };
        let mut g = Grid::filled(4, 3, t, 0.0);
        g.data = vec![
            -82.33,
            -81.44,
            f32::NAN,
            -70.57,
            -3.2,
            -85.0,
            1e-3,
            0.0,
            -1.5,
            -2.5,
            -9.75,
            12.0,
        ];
        g.crs = Some(Crs::epsg(3035));
        for ext in ["tif", "asc", "xyz"] {
            let path = dir.path().join(format!("g.{ext}"));
            write(&g, &path).unwrap();
            let back = read(&path, &ReadOptions::default()).unwrap();
            assert_eq!(back.crs, g.crs, "{ext}");
            assert_eq!(back.transform, g.transform, "{ext}");
            for (a, b) in g.data.iter().zip(&back.data) {
                assert!(
                    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
                    "{ext}: {a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn positive_down_and_crs_override() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.asc");
        std::fs::write(
            &path,
            "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n5 7.5\n",
        )
        .unwrap();
        assert!(matches!(
            read(&path, &ReadOptions::default()),
            Err(BathyError::NoCrs { .. })
        ));
        let opts = ReadOptions {
            crs: Some(Crs::epsg(32631)),
            positive_down: true,
        };
        let g = read(&path, &opts).unwrap();
        assert_eq!(g.data, vec![-5.0, -7.5]);
        assert_eq!(
            g.source_sign,
            crate::bathymetry::SignConvention::DepthPositiveDown
        );
        let e = read(&dir.path().join("x.nc"), &opts)
            .unwrap_err()
            .to_string();
        assert!(e.contains("`.nc`"), "{e}");
    }
}
