//! (being written by the bathymetry-io work)

use crate::bathymetry::{BathyError, Grid};
use std::path::Path;

pub fn read(path: &Path) -> Result<Grid, BathyError> {
    Err(BathyError::Unsupported {
        path: path.to_path_buf(),
        what: "format (reader being written)".into(),
    })
}

pub fn encode(_grid: &Grid) -> Vec<u8> {
    Vec::new()
}

pub fn write_prj(_crs: &crate::geodesy::Crs, _path: &Path) -> Result<(), BathyError> {
    Ok(())
}
