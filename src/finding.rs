//! [`Finding`]: one result of a validation rule.
//!
//! This sits below every domain module: each module's `check` returns findings, and `validate`
//! only gathers them, so no domain module imports `validate`.

#![warn(missing_docs)]

use serde::{Serialize, Serializer};
use std::fmt;

/// How bad a finding is. `Error` makes `fathom validate` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A figure worth knowing; nothing to act on.
    Info,
    /// Outside good practice or close to a limit: the engineer should look.
    Warning,
    /// A limit is broken: the plan cannot be executed as it stands.
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
    /// WGS 84 longitude (°E).
    pub lon: f64,
    /// WGS 84 latitude (°N).
    pub lat: f64,
}

/// The mission object a finding concerns: a typed reference, so that the planner, the report and
/// the CLI select and filter by kind and id instead of parsing strings. It is written (JSON, text)
/// as the phrase people read, e.g. `cabin C3`, `route legs 2–4`, `wind_farm.positions[7]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ObjectRef {
    /// A cabin, by id.
    Cabin(String),
    /// A landing point (shore end of cables), by id.
    LandingPoint(String),
    /// A port, by name.
    Port(String),
    /// An exclusion zone, by id.
    Zone(String),
    /// A subsea cable, by id.
    Cable(String),
    /// A wind turbine, by its 0-based index in `wind_farm.positions`.
    Turbine(usize),
    /// The route as a whole.
    Route,
    /// Route legs, first to last, by their 1-based leg numbers (equal for one leg).
    Legs(usize, usize),
    /// The installation vessel.
    Vessel,
    /// A lift operation, by name.
    Operation(String),
    /// A field or table of the mission file, by its path (`cooling`, `lift.alpha_table`).
    Field(String),
}

impl ObjectRef {
    /// A cabin.
    pub fn cabin(id: impl Into<String>) -> Self {
        ObjectRef::Cabin(id.into())
    }

    /// One route leg, by its 1-based number.
    pub fn leg(number: usize) -> Self {
        ObjectRef::Legs(number, number)
    }

    /// A mission field path.
    pub fn field(path: impl Into<String>) -> Self {
        ObjectRef::Field(path.into())
    }

    /// The cabin id, when this refers to a cabin.
    pub fn cabin_id(&self) -> Option<&str> {
        match self {
            ObjectRef::Cabin(id) => Some(id),
            _ => None,
        }
    }
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectRef::Cabin(id) => write!(f, "cabin {id}"),
            ObjectRef::LandingPoint(id) => write!(f, "landing point {id}"),
            ObjectRef::Port(id) => write!(f, "port {id}"),
            ObjectRef::Zone(id) => write!(f, "exclusion zone {id}"),
            ObjectRef::Cable(id) => write!(f, "cable {id}"),
            ObjectRef::Turbine(i) => write!(f, "wind_farm.positions[{i}]"),
            ObjectRef::Route => f.write_str("route"),
            ObjectRef::Legs(a, b) if a == b => write!(f, "route leg {a}"),
            ObjectRef::Legs(a, b) => write!(f, "route legs {a}–{b}"),
            ObjectRef::Vessel => f.write_str("vessel"),
            ObjectRef::Operation(name) => write!(f, "operation {name}"),
            ObjectRef::Field(path) => f.write_str(path),
        }
    }
}

/// Ordered as written, so sorted findings list in the same order as before the references were
/// typed (`cabin C1` < `exclusion zone Z` < `route leg 2`).
impl Ord for ObjectRef {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.to_string().cmp(&other.to_string())
    }
}

impl PartialOrd for ObjectRef {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for ObjectRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One result of a rule: a stable code (`SITE-DEPTH`, `ROUTE-UKC`, …), a severity, a message that
/// gives the measured value and the limit, the object it concerns and where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's stable code, `AREA-WHAT` (`SITE-DEPTH`): what scripts match on.
    pub code: String,
    /// How bad it is.
    pub severity: Severity,
    /// The measured value against the limit, in words and units.
    pub message: String,
    /// The object concerned, e.g. `cabin C3`, `route leg 2`, `site.bathymetry`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<ObjectRef>,
    /// Where on the map, when the finding has a place.
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
    pub fn object(mut self, object: ObjectRef) -> Self {
        self.object = Some(object);
        self
    }

    /// True when the finding concerns `object`.
    pub fn concerns(&self, object: &ObjectRef) -> bool {
        self.object.as_ref() == Some(object)
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

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
