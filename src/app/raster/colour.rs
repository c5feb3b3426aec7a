//! Colouring bathymetry: depth colour maps and hillshade, producing RGBA pixels for map tiles.
//!
//! Pure functions over `f32` elevations (no egui types), run on the tile workers. The colour
//! ramps and the shade blend live in the library ([`crate::render::colour`]) so the report's
//! site map looks like the planner's.

use crate::bathymetry::terrain::{Illumination, shade_filled_at};
pub use crate::render::colour::{ColourMap, Style};

/// Colours the window (`x0`, `y0`, `tw`, `th`) of a raster into RGBA bytes (unmultiplied); no data
/// is transparent. With hillshade (gdaldem's model with Horn's gradient,
/// [`crate::bathymetry::terrain::shade_filled_at`], sun at azimuth 315°, altitude 45°), colour ×
/// (0.45 + 0.55·shade / shade_flat), so flat ground keeps its colour and slopes facing away from
/// the sun darken.
#[allow(clippy::too_many_arguments)]
pub fn colour_window(
    data: &[f32],
    w: usize,
    h: usize,
    dx: f64,
    dy: f64,
    x0: usize,
    y0: usize,
    tw: usize,
    th: usize,
    style: &Style,
) -> Vec<u8> {
    let mut out = vec![0u8; tw * th * 4];
    let light = Illumination {
        z_factor: style.z_factor as f64,
        ..Illumination::default()
    };
    for r in 0..th {
        let row = y0 + r;
        for c in 0..tw {
            let col = x0 + c;
            let z = data[row * w + col];
            if z.is_nan() {
                continue;
            }
            let mut rgb = style.colour(z);
            if style.hillshade
                && let Some(s) = shade_filled_at(data, w, h, col, row, dx, dy, &light)
            {
                rgb = crate::render::colour::shade(rgb, s);
            }
            let o = (r * tw + c) * 4;
            out[o..o + 3].copy_from_slice(&rgb);
            out[o + 3] = 255;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_data_is_transparent() {
        let data = [f32::NAN, -5.0, -5.0, -5.0];
        let style = Style::for_range(-10.0, 0.0);
        let px = colour_window(&data, 2, 2, 1.0, 1.0, 0, 0, 2, 2, &style);
        assert_eq!(px[3], 0);
        assert_eq!(px[7], 255);
    }
}
