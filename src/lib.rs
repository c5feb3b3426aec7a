//! fathom plans the deployment of underwater data-centre cabins: where on the seabed they go
//! (siting), how the installation vessel gets there and lowers them (vessel), whether offshore
//! wind can power them (wind) and whether the sea can carry their heat away (cooling).
//!
//! The library holds every model; the `fathom` binary's CLI and the planner (`app`, feature
//! `gui`) call the same functions. Everything works in a projected working CRS in metres, SI
//! units, elevation positive up; see `README.md` § Architecture.

#[cfg(feature = "gui")]
pub mod app;
pub mod bathymetry;
pub mod cli;
pub mod cooling;
pub mod finding;
pub mod formats;
pub mod fsutil;
pub mod geodesy;
pub mod lift;
pub mod live;
pub mod mission;
pub mod render;
pub mod report;
pub mod siting;
#[doc(hidden)]
pub mod testdata;
pub mod validate;
pub mod vessel;
pub mod wind;
pub mod zones;
