//! What the siting computations work on: the effective limits of a cabin type under the mission's
//! constraints, the site (grid, slope, zones, landing points), and the failure bits.

use crate::bathymetry::Grid;
use crate::mission::{CabinType, Constraints, Context};
use crate::zones::{self, ZoneError, ZoneShape};

/// Bits of the failure mask: which constraints a place fails. Stable values (they are written to
/// the suitability GeoTIFF's mask band).
pub mod fail {
    /// Some seabed under the footprint lies outside the depth window.
    pub const DEPTH: u16 = 1;
    /// Too little water above the cabin top.
    pub const TOP_CLEARANCE: u16 = 2;
    /// Seabed too steep somewhere under the footprint.
    pub const SLOPE: u16 = 4;
    /// Highest − lowest seabed under the footprint too large.
    pub const RELIEF: u16 = 8;
    /// The footprint touches an exclusion zone.
    pub const EXCLUSION: u16 = 16;
    /// Too far from the nearest landing point or substation.
    pub const CABLE: u16 = 32;
    /// A cell under the footprint has no data.
    pub const NODATA: u16 = 64;
    /// The footprint reaches beyond the grid.
    pub const OUTSIDE: u16 = 128;

    /// Every bit with its name, in bit order.
    pub const NAMES: [(u16, &str); 8] = [
        (DEPTH, "DEPTH"),
        (TOP_CLEARANCE, "TOP_CLEARANCE"),
        (SLOPE, "SLOPE"),
        (RELIEF, "RELIEF"),
        (EXCLUSION, "EXCLUSION"),
        (CABLE, "CABLE"),
        (NODATA, "NODATA"),
        (OUTSIDE, "OUTSIDE"),
    ];

    /// Names of the bits set in `mask`.
    pub fn names(mask: u16) -> Vec<&'static str> {
        NAMES
            .iter()
            .filter(|(b, _)| mask & b != 0)
            .map(|(_, n)| *n)
            .collect()
    }
}

/// Why a siting computation could not run.
#[derive(Debug, thiserror::Error)]
pub enum SitingError {
    /// An exclusion zone could not be read or projected.
    #[error(transparent)]
    Zone(#[from] ZoneError),
    /// A landing point could not be projected to the working CRS (message names it).
    #[error("{0}")]
    Crs(String),
    /// The cabin type asked for is not in the mission.
    #[error("unknown cabin type `{id}`; the mission defines: {known}")]
    UnknownCabinType {
        /// The id asked for.
        id: String,
        /// The mission's cabin type ids, quoted and comma-separated.
        known: String,
    },
    /// The mission has no cabin types at all.
    #[error(
        "the mission defines no [[cabin_types]]: add one (see missions/demo.toml) to site cabins"
    )]
    NoCabinType,
}

/// The limits one cabin type must meet at this site: the mission's constraints combined with the
/// type's own foundation tolerances (the stricter applies).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Shallowest seabed allowed under the footprint (m below the planning level), from the
    /// constraints.
    pub min_depth_m: Option<f64>,
    /// Deepest seabed allowed under the footprint (m below the planning level), from the
    /// constraints.
    pub max_depth_m: Option<f64>,
    /// Least water above the cabin top (m): shallowest depth under the footprint − `height_m`.
    pub min_top_clearance_m: Option<f64>,
    /// Steepest seabed slope allowed under the footprint (degrees): the stricter of the cabin
    /// type's and the constraints'.
    pub max_slope_deg: f64,
    /// Where the slope limit comes from: the cabin type or `constraints.max_slope_deg`.
    pub slope_from_constraints: bool,
    /// Largest relief (highest − lowest seabed) under the footprint (m): the stricter of the
    /// cabin type's and the constraints'.
    pub max_relief_m: f64,
    /// Whether the relief limit comes from `constraints.max_relief_m` (else the cabin type).
    pub relief_from_constraints: bool,
    /// Least edge-to-edge distance between two cabins' footprints (m).
    pub min_spacing_m: Option<f64>,
    /// Longest straight-line distance from a cabin's centre to the nearest landing point (m).
    pub max_cable_m: Option<f64>,
    /// Cabin height above the seabed (m), for the top clearance.
    pub height_m: f64,
}

impl Limits {
    /// Effective limits of `t` under `c`.
    pub fn new(c: Option<&Constraints>, t: &CabinType) -> Limits {
        let d = Constraints::default();
        let c = c.unwrap_or(&d);
        let stricter = |own: f64, other: Option<f64>| match other {
            Some(o) if o < own => (o, true),
            _ => (own, false),
        };
        let (max_slope_deg, slope_from_constraints) = stricter(t.max_slope_deg, c.max_slope_deg);
        let (max_relief_m, relief_from_constraints) = stricter(t.max_relief_m, c.max_relief_m);
        Limits {
            min_depth_m: c.min_depth_m,
            max_depth_m: c.max_depth_m,
            min_top_clearance_m: c.min_top_clearance_m,
            max_slope_deg,
            slope_from_constraints,
            max_relief_m,
            relief_from_constraints,
            min_spacing_m: c.min_spacing_m,
            max_cable_m: c.max_cable_m,
            height_m: t.height_m,
        }
    }
}

/// The site as the siting computations see it, built once per mission and shared by every cabin
/// type and heading: the grid in working-CRS metres, its Horn slope, the exclusion zones and
/// their cell mask, and the landing points in working-CRS metres.
#[derive(Clone, Debug)]
pub struct SiteModel<'a> {
    /// The bathymetry (elevations in the working CRS).
    pub grid: &'a Grid,
    /// Added to grid elevations for depths at the planning level (m):
    /// depth = −(elevation + offset).
    pub tide_offset_m: f64,
    /// Horn slope of every cell (degrees), edges filled, same layout as `grid.data`.
    pub slope_deg: Vec<f32>,
    /// The mission's exclusion zones in the working CRS.
    pub zones: Vec<ZoneShape>,
    /// Cells any zone touches ([`zones::rasterize`]).
    pub zone_mask: Vec<bool>,
    /// Landing points and substations: (id, x, y) in the working CRS (m).
    pub landing: Vec<(String, f64, f64)>,
}

impl<'a> SiteModel<'a> {
    /// Builds the site of a loaded mission.
    pub fn from_context(ctx: &'a Context) -> Result<SiteModel<'a>, SitingError> {
        let zones = zones::zone_shapes(ctx)?;
        let mut landing = Vec::new();
        for p in &ctx.mission.landing_points {
            let (x, y) = ctx
                .to_work(p.lon, p.lat)
                .map_err(|e| SitingError::Crs(format!("landing point `{}`: {e}", p.id)))?;
            landing.push((p.id.clone(), x, y));
        }
        Ok(SiteModel::new(
            &ctx.grid,
            ctx.mission.site.tide_offset_m,
            zones,
            landing,
        ))
    }

    /// A site from its parts (zones and landing points already in the grid's CRS).
    pub fn new(
        grid: &'a Grid,
        tide_offset_m: f64,
        zones: Vec<ZoneShape>,
        landing: Vec<(String, f64, f64)>,
    ) -> SiteModel<'a> {
        SiteModel {
            grid,
            tide_offset_m,
            slope_deg: crate::bathymetry::terrain::slope_filled_edges(grid).data,
            zone_mask: zones::rasterize(&zones, grid),
            zones,
            landing,
        }
    }

    /// Distance (m) from a point to the nearest landing point, with its id.
    pub fn nearest_landing(&self, x: f64, y: f64) -> Option<(&str, f64)> {
        self.landing
            .iter()
            .map(|(id, lx, ly)| (id.as_str(), (x - lx).hypot(y - ly)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// The cabin type `id` of the mission, or its first type when `id` is `None`.
pub fn cabin_type<'m>(ctx: &'m Context, id: Option<&str>) -> Result<&'m CabinType, SitingError> {
    let m = &ctx.mission;
    match id {
        Some(id) => m
            .cabin_type(id)
            .ok_or_else(|| SitingError::UnknownCabinType {
                id: id.into(),
                known: m
                    .cabin_types
                    .iter()
                    .map(|t| format!("`{}`", t.id))
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        None => m.cabin_types.first().ok_or(SitingError::NoCabinType),
    }
}
