//! The suitability map as a georeferenced multi-band GeoTIFF (Float32, DEFLATE), readable by GDAL
//! and QGIS: band 1 the failure mask ([`fail`](super::fail) bits; 0 = feasible), band 2 the score
//! (NaN where infeasible), band 3 the best heading in degrees from true north (NaN where no
//! heading is feasible).
//!
//! Georeferencing follows the GeoTIFF 1.1 standard (OGC 19-008r4): ModelPixelScale,
//! ModelTiepoint (raster (0, 0) = the grid's north-west corner) and a GeoKeyDirectory with
//! GTModelType = projected, GTRasterType = PixelIsArea and ProjectedCRS = the working CRS's EPSG
//! code. Band names go into GDAL's own `GDAL_METADATA` tag (42112) as GDAL writes them.

use super::SuitabilityMap;
use crate::bathymetry::GeoTransform;
use crate::bathymetry::io::tiff_write::{self, GeoTags};
use crate::geodesy::Crs;

/// Names of the bands, in order.
pub const BAND_NAMES: [&str; 3] = ["fail_mask", "score", "heading_deg"];

/// Encodes the map; `true_heading` converts a grid heading (degrees) into one from true north.
pub fn encode(
    map: &SuitabilityMap,
    transform: &GeoTransform,
    crs: &Crs,
    true_heading: impl Fn(f64) -> f64,
) -> Result<Vec<u8>, String> {
    let epsg = crs.epsg_code().ok_or_else(|| {
        format!(
            "the working CRS {} has no EPSG code; GeoTIFF output needs one (set site.working_crs = \"EPSG:N\")",
            crs.name()
        )
    })?;
    let (w, h) = (map.width, map.height);
    let headings: Vec<f32> = map
        .grid_headings_deg
        .iter()
        .map(|&g| true_heading(g).rem_euclid(360.0) as f32)
        .collect();
    let mut pixels = Vec::with_capacity(w * h * 3);
    for k in 0..w * h {
        pixels.push(map.mask[k] as f32);
        pixels.push(map.score[k]);
        pixels.push(if map.mask[k] == 0 {
            headings[map.heading[k] as usize]
        } else {
            f32::NAN
        });
    }
    if epsg > u16::MAX as u32 {
        return Err(format!("EPSG:{epsg} does not fit a GeoKey"));
    }
    // Version 1.1.0 with 3 keys: projected model, PixelIsArea, the working CRS.
    let geokeys = vec![
        1,
        1,
        0,
        3,
        1024,
        0,
        1,
        1,
        1025,
        0,
        1,
        1,
        3072,
        0,
        1,
        epsg as u16,
    ];
    let meta: String = BAND_NAMES
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!("<Item name=\"DESCRIPTION\" sample=\"{i}\" role=\"description\">{n}</Item>")
        })
        .collect();
    let tags = GeoTags {
        pixel_scale: [transform.dx, transform.dy, 0.0],
        tiepoint: [0.0, 0.0, 0.0, transform.origin_x, transform.origin_y, 0.0],
        geokeys,
        gdal_metadata: Some(format!("<GDALMetadata>{meta}</GDALMetadata>")),
        nodata: None,
    };
    tiff_write::encode(&pixels, w, h, 3, &tags).map_err(|e| format!("GeoTIFF encoding: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::tags::Tag;

    #[test]
    fn three_float_bands_with_georeferencing() {
        let map = SuitabilityMap {
            width: 3,
            height: 2,
            grid_headings_deg: vec![10.0, 100.0],
            mask: vec![0, 4, 0, 64, 128, 0],
            score: vec![0.5, f32::NAN, 0.25, f32::NAN, f32::NAN, 1.0],
            heading: vec![0, 0, 1, 1, 0, 0],
            feasible: vec![1, 0, 2, 0, 0, 3],
        };
        let t = GeoTransform {
            origin_x: 640_000.0,
            origin_y: 5_920_000.0,
            dx: 30.0,
            dy: 30.0,
        };
        let bytes = encode(&map, &t, &Crs::epsg(32631), |g| g - 1.5).unwrap();
        let path = std::env::temp_dir().join("fathom-siting-geotiff-test.tif");
        std::fs::write(&path, &bytes).unwrap();
        let mut d = Decoder::new(Cursor::new(bytes)).unwrap();
        assert_eq!(d.dimensions().unwrap(), (3, 2));
        assert_eq!(
            d.get_tag_f64_vec(Tag::ModelPixelScaleTag).unwrap(),
            [30.0, 30.0, 0.0]
        );
        assert_eq!(
            d.get_tag_f64_vec(Tag::ModelTiepointTag).unwrap(),
            [0.0, 0.0, 0.0, 640_000.0, 5_920_000.0, 0.0]
        );
        let keys = d.get_tag_u16_vec(Tag::GeoKeyDirectoryTag).unwrap();
        assert_eq!(&keys[12..16], &[3072, 0, 1, 32631]);
        let DecodingResult::F32(px) = d.read_image().unwrap() else {
            panic!("expected Float32 samples");
        };
        assert_eq!(px.len(), 18);
        assert_eq!(&px[0..3], &[0.0, 0.5, 8.5]);
        assert!(px[4].is_nan() && px[5].is_nan() && px[3] == 4.0);
        assert_eq!(&px[6..9], &[0.0, 0.25, 98.5]);
        assert_eq!(px[15], 0.0);
    }
}
