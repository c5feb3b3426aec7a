//! (being written by the bathymetry-io work)

use crate::bathymetry::{BathyError, Grid};
use std::path::Path;

pub fn read(path: &Path) -> Result<Grid, BathyError> {
    Err(BathyError::Unsupported {
        path: path.to_path_buf(),
        what: "format (reader being written)".into(),
    })
}

pub fn encode(_grid: &Grid, path: &Path) -> Result<Vec<u8>, BathyError> {
    read(path).map(|_| Vec::new())
}
