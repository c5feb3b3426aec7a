//! Offshore wind supply: turbine curves ([`turbine`]), wind resource ([`resource`], [`weibull`]),
//! wake models ([`wake`]) and the farm's wake footprint for a map ([`footprint`]), annual energy production ([`aep`]), a mission's farm ([`farm`]) and
//! its supply against the data centre's demand ([`supply`]); validation rules in [`check()`].

#![warn(missing_docs)]

pub mod aep;
mod check;
pub mod farm;
pub mod footprint;
pub mod limits;
pub mod resource;
pub mod supply;
pub mod turbine;
pub mod wake;
pub mod weibull;

pub use check::{check, monthly_pue};
