//! fathom plans the deployment of underwater data-centre cabins: where on the seabed they go
//! (siting), how the installation vessel gets there and lowers them (vessel), whether offshore
//! wind can power them (wind) and whether the sea can carry their heat away (cooling).
//!
//! The library holds every model; the `fathom` binary's CLI and the planner (`app`, feature
//! `gui`) call the same functions. Everything works in a projected working CRS in metres, SI
//! units, elevation positive up; see `README.md` § Architecture.
//!
//! # Headless validation in your own tests
//!
//! Depend on fathom without the planner (`default-features = false`: egui is not compiled), load
//! a mission, run every rule and read the findings:
//!
//! ```
//! use fathom::finding::{ObjectRef, Severity};
//! use fathom::mission::Context;
//!
//! let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("missions/demo.toml");
//! let ctx = Context::load(&path)?;
//! let findings = fathom::validate::validate(&ctx);
//! assert!(!fathom::finding::has_errors(&findings), "the demo validates clean");
//! // Each finding names its rule, severity, message and (typed) object.
//! for f in findings.iter().filter(|f| f.severity >= Severity::Warning) {
//!     if let Some(ObjectRef::Cabin(id)) = &f.object {
//!         println!("cabin {id}: {} {}", f.code, f.message);
//!     }
//! }
//! // Any model runs on its own: here the cooling budget, month by month.
//! let cooling = fathom::cooling::analyse(&ctx)?;
//! assert!(cooling.annual_pue > 1.0 && cooling.annual_pue < 1.15);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! `examples/headless_validate.rs` is the same as a program with `fathom validate`'s exit codes.

#[cfg(feature = "gui")]
pub mod app;
pub mod bathymetry;
pub mod cable;
pub mod campaign;
pub mod cli;
pub mod constants;
pub mod cooling;
pub mod finding;
pub mod formats;
pub mod fsutil;
pub mod geodesy;
pub mod lift;
pub mod live;
pub mod metocean;
pub mod mission;
pub mod progress;
pub mod render;
pub mod report;
pub mod siting;
pub mod solar;
pub mod table;
#[cfg(test)]
mod testdata;
pub mod validate;
pub mod vessel;
pub mod wind;
pub mod zones;
