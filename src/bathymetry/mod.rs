//! Bathymetry: the [`Grid`] type, readers and writers, terrain derivatives, contours, sampling,
//! reprojection and the synthetic demo seabed.

mod error;
mod grid;
pub mod io;

pub use error::BathyError;
pub use grid::{GeoTransform, Grid, GridStats, MAX_CELLS, SignConvention};
pub mod demo;
pub mod reproject;
