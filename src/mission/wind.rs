//! Mission section(s): WindFarm (being written).

use super::Ranges;
use serde::{Deserialize, Serialize};

/// WindFarm (being written).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindFarm {}

impl WindFarm {
    pub(super) fn check_ranges(&self, _path: &str, _r: &mut Ranges) {}
}
