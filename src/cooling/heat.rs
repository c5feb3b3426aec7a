//! Heat load of one cabin: everything drawn electrically ends up as heat in the cabin.

use crate::mission::{CabinType, Cooling};
use serde::Serialize;

/// Electrical loads of one cabin (kW) and the heat it must reject.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct HeatLoad {
    /// IT load: racks × kW per rack × utilisation.
    pub it_kw: f64,
    /// Power-conversion losses: IT × (1/η − 1).
    pub conversion_loss_kw: f64,
    /// Auxiliary load (controls, lighting, fans).
    pub auxiliary_kw: f64,
}

impl HeatLoad {
    /// Heat to reject (kW): the sum of every load inside the cabin (energy balance at steady state).
    pub fn heat_kw(&self) -> f64 {
        self.it_kw + self.conversion_loss_kw + self.auxiliary_kw
    }
}

/// Heat load of a cabin of type `t` under the site's utilisation and losses.
pub fn heat_load(t: &CabinType, c: &Cooling) -> HeatLoad {
    let it_kw = t.it_load_kw() * c.it_utilisation;
    HeatLoad {
        it_kw,
        conversion_loss_kw: it_kw * (1.0 / c.power_conversion_efficiency - 1.0),
        auxiliary_kw: c.auxiliary_kw,
    }
}
