//! Colouring bathymetry: depth colour maps and hillshade, producing RGBA pixels for map tiles.
//!
//! Pure functions over `f32` elevations (no egui types), run on the tile workers. The colour
//! ramps and the shade blend live in the library ([`crate::render::colour`]) so the report's
//! site map looks like the planner's.

pub use crate::render::colour::{ColourMap, Style};

/// Hillshade of the cell at (`c`, `r`) of a `w`×`h` raster with cell size `dx`×`dy` (m), in
/// [0, 1], after the ESRI / Horn (1981) method: slope and aspect from Horn's 3×3 finite
/// differences, lit by a sun at azimuth 315° and altitude 45° (Burrough & McDonnell 1998,
/// "Principles of GIS", §8; ESRI "How Hillshade works"). No-data neighbours take the centre value.
#[allow(clippy::too_many_arguments)]
pub fn hillshade_at(
    data: &[f32],
    w: usize,
    h: usize,
    c: usize,
    r: usize,
    dx: f64,
    dy: f64,
    z_factor: f32,
) -> f32 {
    const ZENITH: f32 = std::f32::consts::FRAC_PI_4; // 90° − altitude 45°
    const AZIMUTH: f32 = 135.0 * std::f32::consts::PI / 180.0; // 360 − 315 + 90, in radians
    let centre = data[r * w + c];
    let at = |dc: isize, dr: isize| {
        let cc = (c as isize + dc).clamp(0, w as isize - 1) as usize;
        let rr = (r as isize + dr).clamp(0, h as isize - 1) as usize;
        let v = data[rr * w + cc];
        if v.is_nan() { centre } else { v }
    };
    let (a, b, cc) = (at(-1, -1), at(0, -1), at(1, -1));
    let (d, f) = (at(-1, 0), at(1, 0));
    let (g, hh, i) = (at(-1, 1), at(0, 1), at(1, 1));
    let dzdx = ((cc + 2.0 * f + i) - (a + 2.0 * d + g)) / (8.0 * dx as f32);
    let dzdy = ((g + 2.0 * hh + i) - (a + 2.0 * b + cc)) / (8.0 * dy as f32);
    let slope = (z_factor * (dzdx * dzdx + dzdy * dzdy).sqrt()).atan();
    let aspect = if dzdx != 0.0 {
        let mut asp = dzdy.atan2(-dzdx);
        if asp < 0.0 {
            asp += 2.0 * std::f32::consts::PI;
        }
        asp
    } else if dzdy > 0.0 {
        std::f32::consts::FRAC_PI_2
    } else if dzdy < 0.0 {
        1.5 * std::f32::consts::PI
    } else {
        0.0
    };
    let shade = ZENITH.cos() * slope.cos() + ZENITH.sin() * slope.sin() * (AZIMUTH - aspect).cos();
    shade.clamp(0.0, 1.0)
}

/// Colours the window (`x0`, `y0`, `tw`, `th`) of a raster into RGBA bytes (unmultiplied); no data
/// is transparent. With hillshade, colour × (0.45 + 0.55·shade / shade_flat), so flat ground keeps
/// its colour and slopes facing away from the sun darken.
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
    for r in 0..th {
        let row = y0 + r;
        for c in 0..tw {
            let col = x0 + c;
            let z = data[row * w + col];
            if z.is_nan() {
                continue;
            }
            let mut rgb = style.colour(z);
            if style.hillshade {
                let s = hillshade_at(data, w, h, col, row, dx, dy, style.z_factor);
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
    fn flat_ground_shade_is_cos_zenith() {
        let data = vec![-10.0_f32; 9];
        let s = hillshade_at(&data, 3, 3, 1, 1, 30.0, 30.0, 1.0);
        assert!((s - std::f32::consts::FRAC_PI_4.cos()).abs() < 1e-6);
    }

    #[test]
    fn slope_facing_north_west_is_brighter_than_south_east() {
        // Elevation rising towards the south-east: the slope faces north-west, towards the sun.
        let nw: Vec<f32> = (0..25).map(|i| ((i % 5) + (i / 5)) as f32).collect();
        let se: Vec<f32> = nw.iter().map(|z| -z).collect();
        let a = hillshade_at(&nw, 5, 5, 2, 2, 1.0, 1.0, 1.0);
        let b = hillshade_at(&se, 5, 5, 2, 2, 1.0, 1.0, 1.0);
        assert!(a > 0.9 && b < 0.5, "{a} {b}");
    }

    #[test]
    fn no_data_is_transparent() {
        let data = [f32::NAN, -5.0, -5.0, -5.0];
        let style = Style::for_range(-10.0, 0.0);
        let px = colour_window(&data, 2, 2, 1.0, 1.0, 0, 0, 2, 2, &style);
        assert_eq!(px[3], 0);
        assert_eq!(px[7], 255);
    }
}
