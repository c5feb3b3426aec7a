#![warn(missing_docs)]
//! Cabin siting: where on the seabed a cabin can sit, and why not elsewhere.
//!
//! - [`footprint`]: oriented rectangles and circles in working-CRS metres, the grid cells they
//!   touch, seabed statistics over them;
//! - [`model`]: effective limits of a cabin type, the site (grid, slope, zones, landing points)
//!   and the failure bits;
//! - [`suitability()`]: per-cell failure mask and score for a heading or the best of several;
//! - [`layout()`]: deterministic greedy placement of N cabins;
//! - [`plan`]: those operations on a loaded mission (what the CLI calls);
//! - [`check`]: the `SITE-*` validation rules;
//! - [`geotiff`]: the suitability map as a multi-band GeoTIFF.

mod check;
pub mod footprint;
pub mod geotiff;
pub mod layout;
pub mod model;
pub mod plan;
pub mod suitability;

pub use check::check;
pub use footprint::{Footprint, FootprintStats, Shape, footprint_stats};
pub use layout::{LayoutReport, PlacedCabin, layout};
pub use model::{Limits, SiteModel, SitingError, fail};
pub use suitability::{HeadingMap, SuitabilityMap, heading_map, suitability};

/// Headings (degrees from true north) tried when the mission gives no `constraints.headings_deg`:
/// every 30°, since a rectangle at h and h + 180° covers the same seabed.
pub const DEFAULT_HEADINGS_DEG: [f64; 6] = [0.0, 30.0, 60.0, 90.0, 120.0, 150.0];

#[cfg(test)]
mod tests;
#[cfg(test)]
mod violations_tests;
#[cfg(test)]
mod wadden_tests;
