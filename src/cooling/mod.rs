//! Seawater cooling budget: heat per cabin, the cooling chain month by month (seawater flow, pump
//! power, coolant supply temperature, PUE), and the warm plume against the water-quality limits.
//!
//! Seawater properties: ρ = 1025 kg/m³, c_p = 3990 J/(kg·K) (domain-reference §2.1 \[E\]).

#![warn(missing_docs)]

mod budget;
mod chain;
mod heat;
mod plume;
mod rules;

pub use budget::{CabinCooling, CoolingError, CoolingReport, MonthCooling, PlumeSummary, analyse};
pub use chain::{ChainState, seawater_flow_m3s, seawater_rise_k, solve_chain};
pub use heat::{HeatLoad, heat_load};
pub use plume::{Plume, okubo_sigma_m};
pub use rules::{check, monthly_pue};

/// Seawater density (kg/m³), domain-reference §2.1.
pub const RHO_SEAWATER: f64 = crate::constants::SEAWATER_DENSITY_KGM3;
/// Seawater specific heat (J/(kg·K)), domain-reference §2.1.
pub const CP_SEAWATER: f64 = 3990.0;
pub use crate::constants::G;
/// Days in each month of a common year, for energy weighting.
pub const DAYS_IN_MONTH: [f64; 12] = [31., 28., 31., 30., 31., 30., 31., 31., 30., 31., 30., 31.];
pub use crate::constants::MONTHS;
/// Summer months for GB 3097-1997's stricter limit: June to August (meteorological summer \[E\]).
pub const SUMMER: [bool; 12] = [
    false, false, false, false, false, true, true, true, false, false, false, false,
];
