//! [`MissionError`]: what went wrong reading or writing a mission file, with its place.

use std::path::PathBuf;

/// An error loading or saving a mission file. Displayed as `file:line:column: field: message`, the
/// form editors and CI logs turn into links.
#[derive(Debug, thiserror::Error)]
pub enum MissionError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Syntax, type, unknown-field or range error at a place in the file.
    #[error("{}{}{}: {message}", path.display(), place(*line, *column), field.as_deref().map(|f| format!(": {f}")).unwrap_or_default())]
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        column: Option<usize>,
        /// Field path such as `cabins[2].heading_deg`.
        field: Option<String>,
        message: String,
    },
    /// The file is from a newer fathom.
    #[error("{}: schema {found} is newer than this fathom understands (up to {supported}); update fathom", path.display())]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
}

fn place(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}
