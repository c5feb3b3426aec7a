#![warn(missing_docs)]
//! Exchange formats: what fathom reads from and writes for other tools.
//!
//! - [`rtz`]: IEC 61174 RTZ routes for ECDIS (read 1.0/1.1/1.2, write 1.1);
//! - [`gpx`]: GPX 1.1 routes and tracks, OpenCPN extensions kept;
//! - [`nmea`]: NMEA 0183 logs → timed GNSS fixes;
//! - [`geojson`], [`kml`], [`csv`]: the mission's route, cabins, zones and landing points for GIS
//!   and spreadsheets;
//! - [`rpl`]: a cable's route position list (CSV), written and read.
//!
//! The as-run track's comparison with the planned route is analysis, not a format: it lives in
//! [`crate::vessel::asrun`].
//!
//! Each reader takes the text and the file's path (for messages) and never panics on input: a
//! problem becomes a [`FormatError`] naming the file, the line when known, and what was expected.

pub mod csv;
pub mod features;
pub mod geojson;
pub mod gpx;
pub mod kml;
pub mod nmea;
pub mod rpl;
pub mod rtz;
pub mod xml;

use std::path::{Path, PathBuf};

/// Largest route, track or log file read (bytes). RTZ checkers cap routes at 400 kB; a day of
/// 10 Hz NMEA is ≈ 300 MB, so logs larger than this should be split before import.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A file that could not be read or is not what its format requires.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The file could not be opened or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },
    /// Problem at a line (0 = the whole file).
    #[error("{}{}: {message}", path.display(), if *line > 0 { format!(":{line}") } else { String::new() })]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem; 0 when it concerns the whole file.
        line: usize,
        /// What was found and what was expected.
        message: String,
    },
}

impl FormatError {
    /// A problem at `line` (1-based; 0 for the whole file).
    pub fn at(path: &Path, line: usize, message: String) -> Self {
        FormatError::Invalid {
            path: path.to_path_buf(),
            line,
            message,
        }
    }
}

/// Largest route file (RTZ, GPX) or zone GeoJSON read (bytes): RTZ checkers cap routes at 400 kB,
/// and an 11 MB RTZ of 100,000 waypoints took 1.3 GB to parse.
pub const MAX_ROUTE_FILE_BYTES: u64 = 8 << 20;

/// Reads a text file, refusing one with more than `limit` bytes ([`MAX_FILE_BYTES`] for logs,
/// [`MAX_ROUTE_FILE_BYTES`] for routes).
pub fn read_text(path: &Path, limit: u64) -> Result<String, FormatError> {
    let io = |source| FormatError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Counted as read: a device or FIFO (`--nmea /dev/zero`) reports a length of 0.
    let bytes = crate::fsutil::read_limited(path, limit).map_err(|e| {
        if e.kind() == std::io::ErrorKind::FileTooLarge {
            FormatError::at(
                path,
                0,
                format!("larger than the {limit}-byte limit for this kind of file"),
            )
        } else {
            io(e)
        }
    })?;
    String::from_utf8(bytes).or_else(|e| {
        // NMEA logs are ASCII; GPX/RTZ are UTF-8 by default. Latin-1 names are mapped byte to char.
        Ok(e.into_bytes().iter().map(|&b| b as char).collect())
    })
}

/// Formats a float for XML schema `xsd:decimal` (no exponent), trimming trailing zeros.
pub(crate) fn decimal(v: f64, digits: usize) -> String {
    let s = format!("{v:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}
