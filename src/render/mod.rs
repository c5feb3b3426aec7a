#![warn(missing_docs)]
//! Rendering without a GPU: bathymetry colour ramps and hillshade blend (shared with the
//! planner), an RGBA raster with anti-aliased lines and PNG output, the mission's site map as
//! SVG over an embedded PNG, small monthly SVG charts, the campaign's Gantt chart and cable depth
//! profiles — for the report and anything else that needs a picture of a mission without a window.

pub mod base64;
pub mod chart;
pub mod colour;
pub mod features;
pub mod gantt;
pub mod map;
pub mod profile;
pub mod raster;
pub mod svg;

pub use map::{SiteMap, site_map};
