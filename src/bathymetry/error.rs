//! The bathymetry module's error type: every variant names the file and what was expected.

use std::path::PathBuf;

/// An error reading, writing or deriving a grid.
#[derive(Debug, thiserror::Error)]
pub enum BathyError {
    /// The file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The content does not follow the format; `line` is 1-based where the format has lines.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Format {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    /// A header claims more cells than fathom will allocate.
    #[error("{}: the grid claims {width} × {height} cells, more than the limit of {limit} cells; refusing to allocate", path.display())]
    TooLarge {
        path: PathBuf,
        width: u64,
        height: u64,
        limit: u64,
    },
    /// A valid file using a feature fathom does not read.
    #[error("{}: unsupported {what}", path.display())]
    Unsupported { path: PathBuf, what: String },
    /// The file carries no CRS and none was given.
    #[error("{}: the file carries no CRS (no .prj beside it, no GeoKeys); give one with --crs EPSG:N (or `grid_crs` in the mission)", path.display())]
    NoCrs { path: PathBuf },
    /// A CRS problem while reading or reprojecting.
    #[error("{}: {source}", path.display())]
    Crs {
        path: PathBuf,
        source: crate::geodesy::CrsError,
    },
    /// An operation that cannot work on this grid (e.g. empty, or wrong CRS kind).
    #[error("{0}")]
    Invalid(String),
}
