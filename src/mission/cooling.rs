//! Mission section(s): Cooling CoolingChain (being written).

use super::Ranges;
use serde::{Deserialize, Serialize};

/// Cooling (being written).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cooling {}

impl Cooling {
    pub(super) fn check_ranges(&self, _path: &str, _r: &mut Ranges) {}
}

/// CoolingChain (being written).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoolingChain {}

impl CoolingChain {
    pub(super) fn check_ranges(&self, _path: &str, _r: &mut Ranges) {}
}
