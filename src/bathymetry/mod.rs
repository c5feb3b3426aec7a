#![warn(missing_docs)]
//! Bathymetry: the [`Grid`] type, readers and writers, terrain derivatives, contours, sampling,
//! reprojection and the synthetic demo seabed.

pub mod contours;
pub mod demo;
mod error;
#[cfg(test)]
pub(crate) mod gdal_check;
mod grid;
pub mod io;
pub mod reference_sites;
pub mod reproject;
pub mod sample;
pub mod synthetic;
pub mod terrain;

pub use error::BathyError;
pub use grid::{GeoTransform, Grid, GridStats, GridSummary, MAX_CELLS, Moments, SignConvention};
