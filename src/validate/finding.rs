//! [`Finding`]: one result of a validation rule.

use serde::Serialize;
use std::fmt;

/// How bad a finding is. `Error` makes `fathom validate` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where a finding is, for the planner to zoom to and for people to read.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Location {
    pub lon: f64,
    pub lat: f64,
}

/// One result of a rule: a stable code (`SITE-DEPTH`, `ROUTE-UKC`, …), a severity, a message that
/// gives the measured value and the limit, the object it concerns and where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    /// The object concerned, e.g. `cabin C3`, `route leg 2`, `site.bathymetry`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Finding {
    /// An error finding.
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    /// A warning finding.
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    /// An informational finding.
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, message)
    }

    fn new(code: &str, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            code: code.to_string(),
            severity,
            message: message.into(),
            object: None,
            location: None,
        }
    }

    /// Names the object the finding concerns.
    pub fn object(mut self, object: impl Into<String>) -> Self {
        self.object = Some(object.into());
        self
    }

    /// Places the finding at a WGS 84 position.
    pub fn at(mut self, lon: f64, lat: f64) -> Self {
        self.location = Some(Location { lon, lat });
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.severity, self.code)?;
        if let Some(o) = &self.object {
            write!(f, " [{o}]")?;
        }
        if let Some(l) = &self.location {
            write!(f, " at {:.6}, {:.6}", l.lon, l.lat)?;
        }
        write!(f, ": {}", self.message)
    }
}
