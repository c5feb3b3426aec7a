//! Exchange formats: what fathom reads from and writes for other tools.
//!
//! - [`rtz`]: IEC 61174 RTZ routes for ECDIS (read 1.0/1.1/1.2, write 1.1);
//! - [`gpx`]: GPX 1.1 routes and tracks, OpenCPN extensions kept;
//! - [`nmea`]: NMEA 0183 logs → timed GNSS fixes;
//! - [`geojson`], [`kml`], [`csv`]: the mission's route, cabins, zones and landing points for GIS
//!   and spreadsheets;
//! - [`track`]: the as-run track compared with the planned route;
//! - [`rpl`]: a cable's route position list (CSV), written and read.
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
pub mod track;
pub mod xml;

use std::path::{Path, PathBuf};

/// Largest route, track or log file read (bytes). RTZ checkers cap routes at 400 kB; a day of
/// 10 Hz NMEA is ≈ 300 MB, so logs larger than this should be split before import.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A file that could not be read or is not what its format requires.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Problem at a line (0 = the whole file).
    #[error("{}{}: {message}", path.display(), if *line > 0 { format!(":{line}") } else { String::new() })]
    Invalid {
        path: PathBuf,
        line: usize,
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

/// Reads a text file, refusing files larger than [`MAX_FILE_BYTES`] before reading them.
pub fn read_text(path: &Path) -> Result<String, FormatError> {
    let io = |source| FormatError::Io {
        path: path.to_path_buf(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(FormatError::at(
            path,
            0,
            format!(
                "{len} bytes: larger than the {MAX_FILE_BYTES}-byte limit for route and log files"
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
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
