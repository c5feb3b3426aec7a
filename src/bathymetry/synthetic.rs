//! Parametric **synthetic** seabeds: deterministic grids for sites with no public survey (the
//! Lingang demo, the reference scenarios at Lingshui and Orkney). Every grid made here is labelled
//! synthetic wherever it is shipped or shown; none is a survey.
//!
//! A [`SeabedModel`] sums, in metres of depth (positive down), a large-scale **profile** and
//! small-scale **features**, then stores elevation (positive up, MSL):
//!
//! 1. Profile, one of
//!    - [`Profile::Shoreface`]: Dean's equilibrium beach profile h = A·x^(2/3) (R. G. Dean,
//!      "Equilibrium beach profiles: characteristics and applications", J. Coastal Research 7(1),
//!      1991; A from the grain size, Dean 1991 Table 1), x the distance offshore from a coastline
//!      polyline, capped at `cap_m`; landward of the coast the ground rises to `hinterland_m` over
//!      `hinterland_width_m`;
//!    - [`Profile::Plane`]: a uniformly sloping shelf, depth d₀ + g·s at signed distance s down
//!      the slope from the grid centre (an inner-shelf ramp where the site lies beyond the
//!      shoreface).
//! 2. Tidal channels ([`Channel`]): meandering troughs with a Gaussian cross-section
//!    d·exp(−s²/2w²), running along the tidal current axis.
//! 3. Sand waves ([`SandWaves`]): sinusoidal bedforms with crests across the current, only within
//!    a depth band (typical of tidal shelves: Besio et al., "The formation of sand waves", Cont.
//!    Shelf Res. 28, 2008), tapered over 4 m at the band's edges.
//! 4. Noise: octaves of deterministic value noise (integer hash; no RNG state).
//!
//! Features use a frame whose origin is the grid's top-left corner, with u along the current
//! bearing and v across it. The same model always gives the same grid, byte for byte.

use super::{BathyError, GeoTransform, Grid, SignConvention};
use crate::geodesy::{Crs, Transformer, utm_epsg};
use std::path::Path;

/// The large-scale shape of the seabed.
#[derive(Clone, Debug, PartialEq)]
pub enum Profile {
    /// Dean equilibrium shoreface seaward of a coastline.
    Shoreface {
        /// Coastline (lon, lat), ordered so that the sea lies to the right of the direction of
        /// travel.
        coast: Vec<(f64, f64)>,
        /// Dean's shape parameter A (m^(1/3)).
        dean_a: f64,
        /// Deepest the shoreface goes before features are added (m).
        cap_m: f64,
        /// Height of the ground behind the coast (m above MSL).
        hinterland_m: f64,
        /// Distance landward of the coast over which the ground rises to `hinterland_m` (m).
        hinterland_width_m: f64,
    },
    /// A plane shelf: `depth_m` at the grid centre, deepening by `gradient` (m per m) towards
    /// `downslope_bearing_deg` (degrees true).
    Plane {
        /// Depth at the grid centre (m, positive down).
        depth_m: f64,
        /// Deepening per metre towards the downslope bearing (m/m).
        gradient: f64,
        /// Direction the shelf deepens towards (degrees true).
        downslope_bearing_deg: f64,
    },
}

/// A meandering tidal channel along the current axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Channel {
    /// Offset of the channel axis across the current from the frame origin (m).
    pub offset_m: f64,
    /// Gaussian half-width w (m).
    pub width_m: f64,
    /// Extra depth on the axis (m).
    pub deepening_m: f64,
    /// Meander amplitude a (m): the axis lies at offset + a·sin(u/L + phase).
    pub meander_m: f64,
    /// Meander length scale L (m along the current axis; one meander is 2πL).
    pub meander_length_m: f64,
    /// Meander phase (radians) at the frame origin.
    pub phase: f64,
}

/// Sand waves: amplitude and wavelength, in a depth band.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SandWaves {
    /// Half the crest-to-trough height (m), before the taper at the band's edges.
    pub amplitude_m: f64,
    /// Crest-to-crest distance along the current axis (m).
    pub wavelength_m: f64,
    /// Shallowest depth with sand waves (m, positive down).
    pub min_depth_m: f64,
    /// Deepest depth with sand waves (m, positive down).
    pub max_depth_m: f64,
}

/// A synthetic seabed: extent, CRS, profile and features.
#[derive(Clone, Debug, PartialEq)]
pub struct SeabedModel {
    /// Projected CRS of the grid (EPSG code), in metres.
    pub epsg: u32,
    /// Easting of the grid's west edge (m).
    pub origin_e: f64,
    /// Northing of the grid's north edge (m).
    pub origin_n: f64,
    /// Cell size, square (m).
    pub cell_m: f64,
    /// Columns.
    pub width: usize,
    /// Rows.
    pub height: usize,
    /// The large-scale depth profile the features are added to.
    pub profile: Profile,
    /// Bearing of the tidal current axis (degrees true); channels run along it, sand-wave crests
    /// across it.
    pub current_bearing_deg: f64,
    /// Tidal channels cut into the profile.
    pub channels: Vec<Channel>,
    /// Sand waves, if the site has them.
    pub sand_waves: Option<SandWaves>,
    /// Noise octaves: (amplitude m, feature size m).
    pub noise: Vec<(f64, f64)>,
    /// Depths are clamped to 0..=`max_depth_m`.
    pub max_depth_m: f64,
}

impl SeabedModel {
    /// A model whose `width` × `height` grid of `cell_m` cells is centred on (`lon`, `lat`) in the
    /// projected CRS `epsg` (`None`: the UTM zone of that point), with corners on whole cells;
    /// features are added afterwards.
    pub fn centred(
        lon: f64,
        lat: f64,
        epsg: Option<u32>,
        cell_m: f64,
        (width, height): (usize, usize),
        profile: Profile,
    ) -> Result<Self, BathyError> {
        let epsg = epsg.unwrap_or_else(|| utm_epsg(lon, lat));
        let t = transformer(epsg)?;
        let (e, n) = t
            .convert(lon, lat)
            .map_err(|e| BathyError::Invalid(format!("synthetic seabed centre: {e}")))?;
        Ok(SeabedModel {
            epsg,
            origin_e: (e / cell_m).round() * cell_m - (width / 2) as f64 * cell_m,
            origin_n: (n / cell_m).round() * cell_m + (height / 2) as f64 * cell_m,
            cell_m,
            width,
            height,
            profile,
            current_bearing_deg: 0.0,
            channels: Vec::new(),
            sand_waves: None,
            noise: Vec::new(),
            max_depth_m: 100.0,
        })
    }

    /// Generates the grid (elevation positive up, MSL, every cell valid).
    pub fn generate(&self) -> Result<Grid, BathyError> {
        Grid::check_size(
            Path::new("synthetic seabed"),
            self.width as u64,
            self.height as u64,
        )?;
        let crs = Crs::epsg(self.epsg);
        let t = transformer(self.epsg)?;
        let coast = match &self.profile {
            Profile::Shoreface { coast, .. } => coast
                .iter()
                .map(|&(lon, lat)| t.convert(lon, lat))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| BathyError::Invalid(format!("synthetic seabed coast: {e}")))?,
            Profile::Plane { .. } => Vec::new(),
        };
        let transform = GeoTransform {
            origin_x: self.origin_e,
            origin_y: self.origin_n,
            dx: self.cell_m,
            dy: self.cell_m,
        };
        let mut grid = Grid::filled(self.width, self.height, transform, 0.0);
        grid.crs = Some(crs);
        grid.source_sign = SignConvention::ElevationUp;
        grid.vertical_datum = Some("MSL".into());
        for row in 0..self.height {
            for col in 0..self.width {
                let (x, y) = transform.cell_center(col, row);
                grid.data[row * self.width + col] = self.elevation(x, y, &coast) as f32;
            }
        }
        Ok(grid)
    }

    /// Elevation (m, positive up) at a point of the grid's CRS; `coast` is the shoreface's
    /// coastline in that CRS.
    fn elevation(&self, x: f64, y: f64, coast: &[(f64, f64)]) -> f64 {
        let mut depth = match &self.profile {
            Profile::Shoreface {
                dean_a,
                cap_m,
                hinterland_m,
                hinterland_width_m,
                ..
            } => {
                let offshore = signed_offshore_distance(x, y, coast);
                if offshore <= 0.0 {
                    return (hinterland_m * (-offshore / hinterland_width_m).min(1.0))
                        + 0.2 * noise(x, y, 400.0);
                }
                (dean_a * offshore.powf(2.0 / 3.0)).min(*cap_m)
            }
            Profile::Plane {
                depth_m,
                gradient,
                downslope_bearing_deg,
            } => {
                let cx = self.origin_e + 0.5 * self.width as f64 * self.cell_m;
                let cy = self.origin_n - 0.5 * self.height as f64 * self.cell_m;
                let (s, c) = downslope_bearing_deg.to_radians().sin_cos();
                depth_m + gradient * ((x - cx) * s + (y - cy) * c)
            }
        };
        let (u, v) = rotate(
            x - self.origin_e,
            y - self.origin_n,
            (90.0 - self.current_bearing_deg).to_radians(),
        );
        for ch in &self.channels {
            let centre = ch.offset_m + ch.meander_m * (u / ch.meander_length_m + ch.phase).sin();
            let s = v - centre;
            depth += ch.deepening_m * (-(s * s) / (2.0 * ch.width_m * ch.width_m)).exp();
        }
        if let Some(w) = &self.sand_waves
            && (w.min_depth_m..w.max_depth_m).contains(&depth)
        {
            let taper = ((depth - w.min_depth_m).min(w.max_depth_m - depth) / 4.0).min(1.0);
            depth += w.amplitude_m
                * taper
                * (2.0 * std::f64::consts::PI * u / w.wavelength_m + 0.4 * noise(x, y, 2_000.0))
                    .sin();
        }
        depth += self
            .noise
            .iter()
            .fold(0.0, |acc, &(a, scale)| acc + a * noise(x, y, scale));
        -depth.clamp(0.0, self.max_depth_m)
    }
}

fn transformer(epsg: u32) -> Result<Transformer, BathyError> {
    Transformer::new(&Crs::wgs84(), &Crs::epsg(epsg))
        .map_err(|e| BathyError::Invalid(format!("synthetic seabed CRS EPSG:{epsg}: {e}")))
}

/// Distance from the coast polyline, positive at sea (to the right of the direction of travel),
/// negative on land.
fn signed_offshore_distance(x: f64, y: f64, coast: &[(f64, f64)]) -> f64 {
    let mut best = f64::INFINITY;
    let mut sign = 1.0;
    for w in coast.windows(2) {
        let (ax, ay, bx, by) = (w[0].0, w[0].1, w[1].0, w[1].1);
        let (dx, dy) = (bx - ax, by - ay);
        let t = (((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
        let (px, py) = (ax + t * dx, ay + t * dy);
        let d = ((x - px).powi(2) + (y - py).powi(2)).sqrt();
        if d < best {
            best = d;
            sign = if dx * (y - ay) - dy * (x - ax) < 0.0 {
                1.0
            } else {
                -1.0
            };
        }
    }
    sign * best
}

fn rotate(x: f64, y: f64, angle: f64) -> (f64, f64) {
    let (s, c) = angle.sin_cos();
    (c * x + s * y, -s * x + c * y)
}

/// Smooth value noise in [−1, 1] with feature size `scale` (m): bilinear-smoothstep interpolation
/// of hashed lattice values. Pure function of position: no random state.
fn noise(x: f64, y: f64, scale: f64) -> f64 {
    let (gx, gy) = (x / scale, y / scale);
    let (ix, iy) = (gx.floor(), gy.floor());
    let (fx, fy) = (gx - ix, gy - iy);
    let s = |t: f64| t * t * (3.0 - 2.0 * t);
    let (sx, sy) = (s(fx), s(fy));
    let h = |i: f64, j: f64| lattice(i as i64, j as i64);
    let top = h(ix, iy) + (h(ix + 1.0, iy) - h(ix, iy)) * sx;
    let bottom = h(ix, iy + 1.0) + (h(ix + 1.0, iy + 1.0) - h(ix, iy + 1.0)) * sx;
    top + (bottom - top) * sy
}

/// A hash of a lattice point to [−1, 1] (SplitMix64 finaliser, Steele et al. 2014).
fn lattice(i: i64, j: i64) -> f64 {
    let mut z = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (j as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plane() -> SeabedModel {
        SeabedModel::centred(
            110.0,
            18.3,
            None,
            50.0,
            (40, 30),
            Profile::Plane {
                depth_m: 30.0,
                gradient: 0.01,
                downslope_bearing_deg: 90.0,
            },
        )
        .unwrap()
    }

    #[test]
    fn centred_grid_is_in_the_utm_zone_and_holds_the_centre() {
        let m = plane();
        assert_eq!(m.epsg, 32649);
        let g = m.generate().unwrap();
        let t = transformer(32649).unwrap();
        let (x, y) = t.convert(110.0, 18.3).unwrap();
        assert!(g.contains(x, y));
        let (x0, x1, y0, y1) = (
            g.transform.origin_x,
            g.transform.origin_x + 40.0 * 50.0,
            g.transform.origin_y - 30.0 * 50.0,
            g.transform.origin_y,
        );
        assert!((x - 0.5 * (x0 + x1)).abs() <= 25.0 && (y - 0.5 * (y0 + y1)).abs() <= 25.0);
    }

    #[test]
    fn centred_in_a_given_crs() {
        let flat = Profile::Plane {
            depth_m: 30.0,
            gradient: 0.0,
            downslope_bearing_deg: 0.0,
        };
        // CGCS2000 / 3-degree Gauss-Kruger CM 111E (EPSG:4546), as used for Chinese sites.
        let m = SeabedModel::centred(110.0, 18.3, Some(4546), 50.0, (10, 10), flat).unwrap();
        assert_eq!(m.epsg, 4546);
        let g = m.generate().unwrap();
        let (x, y) = transformer(4546).unwrap().convert(110.0, 18.3).unwrap();
        assert!(g.contains(x, y));
        assert!(g.data.iter().all(|&z| (z + 30.0).abs() < 1e-6));
    }

    #[test]
    fn plane_deepens_down_the_slope_by_the_gradient() {
        let g = plane().generate().unwrap();
        // No features: the depth at the centre is d₀, and 1 km east it is d₀ + 10 m.
        let row = 15;
        let west = -g.get(10, row) as f64;
        let east = -g.get(30, row) as f64;
        assert!(
            (east - west - 20.0 * 50.0 * 0.01).abs() < 1e-3,
            "{west} {east}"
        );
        let centre = -g.get(20, row) as f64;
        assert!((centre - 30.0 - 0.01 * 25.0).abs() < 1e-3, "{centre}");
    }

    #[test]
    fn features_add_depth_and_clamp_holds() {
        let mut m = plane();
        m.current_bearing_deg = 90.0;
        m.channels.push(Channel {
            offset_m: -750.0,
            width_m: 100.0,
            deepening_m: 5.0,
            meander_m: 0.0,
            meander_length_m: 1000.0,
            phase: 0.0,
        });
        m.max_depth_m = 34.0;
        let flat = plane().generate().unwrap();
        let g = m.generate().unwrap();
        // The channel axis lies 750 m south of the top edge (v = −750 m in the east-going frame).
        let row = 14; // cell centre 725 m south of the top edge
        assert!(g.get(5, row) < flat.get(5, row) - 4.0);
        assert!(g.data.iter().all(|&z| z >= -34.0));
        assert_eq!(g, m.generate().unwrap());
    }

    #[test]
    fn hostile_size_refused() {
        let mut m = plane();
        m.width = 1 << 20;
        m.height = 1 << 20;
        assert!(matches!(m.generate(), Err(BathyError::TooLarge { .. })));
    }
}
