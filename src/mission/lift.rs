//! Mission section(s): LiftPlan CabinDrag Crane (being written).

use super::Ranges;
use serde::{Deserialize, Serialize};

/// LiftPlan (being written).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiftPlan {}

impl LiftPlan {
    pub(super) fn check_ranges(&self, _path: &str, _r: &mut Ranges) {}
}

/// CabinDrag (being written).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CabinDrag {}

impl CabinDrag {
    pub(super) fn check_ranges(&self, _path: &str, _r: &mut Ranges) {}
}

/// Crane (being written).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crane {}

impl Crane {
    pub(super) fn check_ranges(&self, _path: &str, _r: &mut Ranges) {}
}
