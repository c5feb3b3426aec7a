//! The writer of grids as GeoTIFF (over [`super::super::tiff_write`]): the tags GDAL writes.

use super::super::format_err;
use super::super::tiff_write::{GeoTags, Sample, encode};
use super::{GEOGRAPHIC_TYPE, GT_MODEL_TYPE, GT_RASTER_TYPE, PROJECTED_CS_TYPE};
use crate::bathymetry::{BathyError, Grid};
use crate::geodesy::Crs;
use std::path::Path;

/// Encodes `grid` as a GeoTIFF: Float32, DEFLATE, strips of about 256 KiB, ModelPixelScale +
/// ModelTiepoint (PixelIsArea), a GeoKeyDirectory with the EPSG code, and GDAL_NODATA "nan" —
/// what `gdal_translate -of GTiff -co COMPRESS=DEFLATE` writes for the same grid.
pub fn encode_grid(grid: &Grid, path: &Path) -> Result<Vec<u8>, BathyError> {
    encode_like(grid, &grid.data, "nan", path)
}

/// Encodes `samples` (one per cell of `grid`, row-major) with `grid`'s georeferencing and
/// `nodata` as GDAL_NODATA: how byte rasters such as a hillshade are written, as gdaldem does.
pub fn encode_like<T: Sample>(
    grid: &Grid,
    samples: &[T],
    nodata: &str,
    path: &Path,
) -> Result<Vec<u8>, BathyError> {
    let t = &grid.transform;
    let tags = GeoTags {
        pixel_scale: [t.dx, t.dy, 0.0],
        tiepoint: [0.0, 0.0, 0.0, t.origin_x, t.origin_y, 0.0],
        geokeys: geokey_directory(grid.crs.as_ref(), path)?,
        gdal_metadata: None,
        nodata: Some(nodata.into()),
    };
    encode(samples, grid.width, grid.height, 1, &tags)
        .map_err(|e| format_err(path, None, format!("cannot encode GeoTIFF: {e}")))
}

/// GeoKeyDirectoryTag: version 1.1.0, model type, PixelIsArea, and the EPSG code of the CRS.
pub(super) fn geokey_directory(crs: Option<&Crs>, path: &Path) -> Result<Vec<u16>, BathyError> {
    let mut keys: Vec<[u16; 4]> = Vec::new();
    if let Some(crs) = crs {
        let code = crs.epsg_code().and_then(|c| u16::try_from(c).ok()).ok_or_else(|| {
            BathyError::Unsupported {
                path: path.to_path_buf(),
                what: format!(
                    "CRS {crs} in a GeoTIFF: fathom writes EPSG codes only (convert with --to-crs EPSG:N)"
                ),
            }
        })?;
        let geographic = crs.is_geographic();
        keys.push([GT_MODEL_TYPE, 0, 1, if geographic { 2 } else { 1 }]);
        keys.push([GT_RASTER_TYPE, 0, 1, 1]);
        keys.push([
            if geographic {
                GEOGRAPHIC_TYPE
            } else {
                PROJECTED_CS_TYPE
            },
            0,
            1,
            code,
        ]);
    } else {
        keys.push([GT_RASTER_TYPE, 0, 1, 1]);
    }
    let mut dir = vec![1, 1, 0, keys.len() as u16];
    dir.extend(keys.into_iter().flatten());
    Ok(dir)
}
