//! The bathymetry module's error type: every variant names the file and what was expected.

use std::path::PathBuf;

/// An error reading, writing or deriving a grid.
#[derive(Debug, thiserror::Error)]
pub enum BathyError {
    /// The file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },
    /// The content does not follow the format; `line` is 1-based where the format has lines.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line of the fault, for line-based formats.
        line: Option<usize>,
        /// What was found and what was expected.
        message: String,
    },
    /// A header claims more cells than fathom will allocate.
    #[error("{}: the grid claims {width} × {height} cells, more than the limit of {limit} cells; refusing to allocate", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Columns the header claims.
        width: u64,
        /// Rows the header claims.
        height: u64,
        /// The most cells fathom allocates ([`super::MAX_CELLS`]).
        limit: u64,
    },
    /// A valid file using a feature fathom does not read.
    #[error("{}: unsupported {what}", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// The feature, e.g. a sample type or a rotated geotransform.
        what: String,
    },
    /// The file carries no CRS and none was given.
    #[error("{}: the file carries no CRS (no .prj beside it, no GeoKeys); give one with --crs EPSG:N (or `grid_crs` in the mission)", path.display())]
    NoCrs {
        /// The file.
        path: PathBuf,
    },
    /// A CRS problem while reading or reprojecting.
    #[error("{}: {source}", path.display())]
    Crs {
        /// The file whose CRS was involved.
        path: PathBuf,
        /// The CRS error.
        source: crate::geodesy::CrsError,
    },
    /// An operation that cannot work on this grid (e.g. empty, or wrong CRS kind).
    #[error("{0}")]
    Invalid(String),
}
