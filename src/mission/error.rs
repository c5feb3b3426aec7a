//! [`MissionError`]: what went wrong reading or writing a mission file, with its place.

use std::path::PathBuf;

/// An error loading or saving a mission file. Displayed as `file:line:column: field: message`, the
/// form editors and CI logs turn into links.
#[derive(Debug, thiserror::Error)]
pub enum MissionError {
    /// The file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The mission file.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// Syntax, type, unknown-field or range error at a place in the file.
    #[error("{}{}{}: {message}", path.display(), place(*line, *column), field.as_deref().map(|f| format!(": {f}")).unwrap_or_default())]
    Invalid {
        /// The mission file.
        path: PathBuf,
        /// 1-based line of the offending text, when the error has a place in the file.
        line: Option<usize>,
        /// 1-based column (in characters) of the offending text.
        column: Option<usize>,
        /// Field path such as `cabins[2].heading_deg`.
        field: Option<String>,
        /// What is wrong and what was expected.
        message: String,
    },
    /// The file is from a newer fathom.
    #[error("{}: schema {found} is newer than this fathom understands (up to {supported}); update fathom", path.display())]
    NewerSchema {
        /// The mission file.
        path: PathBuf,
        /// The `schema` version written in the file.
        found: u32,
        /// The newest schema version this build reads.
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
