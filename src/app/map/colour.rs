//! Colouring bathymetry: depth colour maps and hillshade, producing RGBA pixels for map tiles.
//!
//! Pure functions over `f32` elevations (no egui types), run on the tile workers.

use serde::{Deserialize, Serialize};

/// A colour ramp for elevations below the planning datum (land gets its own tan ramp).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub enum ColourMap {
    /// Navy (deep) to pale green-cyan (shallow), after ColorBrewer `YlGnBu` (Harrower & Brewer 2003),
    /// the ramp most nautical GIS styles use for depth.
    Bathymetry,
    /// Perceptually uniform `viridis` (van der Walt & Smith, matplotlib 2015).
    Viridis,
    /// Grey levels, for printing and for judging the hillshade alone.
    Greys,
}

impl ColourMap {
    pub const ALL: [ColourMap; 3] = [ColourMap::Bathymetry, ColourMap::Viridis, ColourMap::Greys];

    /// Name shown in the layers panel.
    pub fn name(self) -> &'static str {
        match self {
            ColourMap::Bathymetry => "Bathymetry (YlGnBu)",
            ColourMap::Viridis => "Viridis",
            ColourMap::Greys => "Greys",
        }
    }

    fn stops(self) -> &'static [[u8; 3]] {
        match self {
            // ColorBrewer YlGnBu 9-class, reversed: index 0 = deepest.
            ColourMap::Bathymetry => &[
                [8, 29, 88],
                [37, 52, 148],
                [34, 94, 168],
                [29, 145, 192],
                [65, 182, 196],
                [127, 205, 187],
                [199, 233, 180],
                [237, 248, 177],
            ],
            ColourMap::Viridis => &[
                [68, 1, 84],
                [59, 82, 139],
                [33, 145, 140],
                [94, 201, 98],
                [253, 231, 37],
            ],
            ColourMap::Greys => &[[40, 40, 40], [235, 235, 235]],
        }
    }

    /// Colour at `t` ∈ [0, 1] (0 = deepest), linear between the stops.
    pub fn sample(self, t: f32) -> [u8; 3] {
        lerp_stops(self.stops(), t)
    }
}

fn lerp_stops(stops: &[[u8; 3]], t: f32) -> [u8; 3] {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let f = t * (stops.len() - 1) as f32;
    let i = (f.floor() as usize).min(stops.len() - 2);
    let w = f - i as f32;
    let (a, b) = (stops[i], stops[i + 1]);
    std::array::from_fn(|k| (a[k] as f32 + (b[k] as f32 - a[k] as f32) * w).round() as u8)
}

/// Dry land above the datum: sand to brown.
const LAND: [[u8; 3]; 2] = [[222, 206, 160], [140, 110, 70]];

/// How tiles are coloured; a change bumps the tile cache's generation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Style {
    pub colour_map: ColourMap,
    /// Elevation (m, positive up) that maps to the deepest colour.
    pub deep_m: f32,
    /// Elevation that maps to the shallowest colour (normally 0, the datum).
    pub shallow_m: f32,
    pub hillshade: bool,
    /// Vertical exaggeration of the hillshade (seabed relief is gentle; 1 = true relief).
    pub z_factor: f32,
}

impl Style {
    /// The default style for a grid whose elevations span `min`..`max`.
    pub fn for_range(min: f32, max: f32) -> Self {
        let shallow_m = if max >= 0.0 { 0.0 } else { max };
        Style {
            colour_map: ColourMap::Bathymetry,
            deep_m: min.min(shallow_m - 1.0),
            shallow_m,
            hillshade: true,
            z_factor: 4.0,
        }
    }

    /// Colour of one elevation (no shading).
    pub fn colour(&self, z: f32) -> [u8; 3] {
        if z > 0.0 && self.shallow_m <= 0.0 {
            return lerp_stops(&LAND, (z / 20.0).min(1.0));
        }
        let t = (z - self.deep_m) / (self.shallow_m - self.deep_m);
        self.colour_map.sample(t)
    }
}

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
    let flat = std::f32::consts::FRAC_PI_4.cos();
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
                let k = (0.45 + 0.55 * s / flat).min(1.35);
                rgb = rgb.map(|v| (v as f32 * k).min(255.0) as u8);
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
    fn ramp_ends_and_middle() {
        assert_eq!(ColourMap::Greys.sample(0.0), [40, 40, 40]);
        assert_eq!(ColourMap::Greys.sample(1.0), [235, 235, 235]);
        assert_eq!(ColourMap::Greys.sample(0.5), [138, 138, 138]);
        assert_eq!(ColourMap::Bathymetry.sample(f32::NAN), [8, 29, 88]);
    }

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
