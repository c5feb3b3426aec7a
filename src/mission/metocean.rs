//! Mission section(s): Metocean (being written).

use super::Ranges;
use serde::{Deserialize, Serialize};

/// Metocean (being written).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metocean {}

impl Metocean {
    pub(super) fn check_ranges(&self, _path: &str, _r: &mut Ranges) {}
}
