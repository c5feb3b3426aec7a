//! Colouring bathymetry: depth colour ramps and the hillshade blend, shared by the planner's map
//! tiles and the report's site map (so both show the seabed the same way).

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
    /// Every colour map, in the order the layers panel lists them.
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
    /// The colour ramp.
    pub colour_map: ColourMap,
    /// Elevation (m, positive up) that maps to the deepest colour.
    pub deep_m: f32,
    /// Elevation that maps to the shallowest colour (normally 0, the datum).
    pub shallow_m: f32,
    /// Whether Horn hillshade is blended over the colours.
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

/// Blends a colour with a hillshade value `shade` ∈ [0, 1] (Lambertian reflectance, as
/// [`crate::bathymetry::terrain::hillshade_u8`] / 254): colour × (0.45 + 0.55·shade / shade_flat),
/// capped at 1.35, where shade_flat = cos 45° is the reflectance of flat ground under the default
/// 45° sun. Flat ground keeps its colour; slopes facing away from the sun darken, slopes facing
/// it brighten (the usual "colour × shade" relief map, e.g. GDAL `gdaldem color-relief` combined
/// with `hillshade -combined`).
pub fn shade(rgb: [u8; 3], shade: f32) -> [u8; 3] {
    let flat = std::f32::consts::FRAC_PI_4.cos();
    let k = (0.45 + 0.55 * shade / flat).min(1.35);
    rgb.map(|v| (v as f32 * k).min(255.0) as u8)
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
    fn flat_ground_keeps_its_colour_and_land_is_tan() {
        let flat = std::f32::consts::FRAC_PI_4.cos();
        assert_eq!(shade([100, 150, 200], flat), [100, 150, 200]);
        assert!(shade([100, 150, 200], 0.0)[2] < 100);
        let style = Style::for_range(-30.0, 5.0);
        assert_eq!(style.colour(1.0)[0], 218);
    }
}
