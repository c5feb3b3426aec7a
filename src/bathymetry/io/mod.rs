//! Grid readers and writers, chosen by file extension.
//!
//! Readers: ESRI ASCII (`.asc`, with `.prj`), GeoTIFF (`.tif`, `.tiff`), XYZ (`.xyz`, `.txt`).
//! Writers: GeoTIFF (Float32, DEFLATE) and ESRI ASCII and XYZ.

mod ascii;
mod geotiff;
mod xyz;

use super::{BathyError, Grid};
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
    if let Some(crs) = &opts.crs {
        grid.crs = Some(crs.clone());
    }
    if grid.crs.is_none() {
        return Err(BathyError::NoCrs {
            path: path.to_path_buf(),
        });
    }
    if opts.positive_down {
        grid.flip_sign();
    }
    Ok(grid)
}

/// Writes a grid, choosing the format by extension (`.tif`/`.tiff`, `.asc`, `.xyz`). Writes go to
/// a temporary file beside the target, then rename, so a failed write never leaves half a file.
pub fn write(grid: &Grid, path: &Path) -> Result<(), BathyError> {
    let bytes = match extension(path).as_str() {
        "tif" | "tiff" => geotiff::encode(grid, path)?,
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
    if extension(path) == "asc"
        && let Some(crs) = &grid.crs
    {
        ascii::write_prj(crs, &path.with_extension("prj"))?;
    }
    Ok(())
}

/// A [`BathyError::Format`] for `path`, at `line` (1-based) when the format has lines.
fn format_err(path: &Path, line: Option<usize>, message: String) -> BathyError {
    BathyError::Format {
        path: path.to_path_buf(),
        line,
        message,
    }
}

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
