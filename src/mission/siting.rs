//! Siting sections: `[constraints]`, `[[cabin_types]]`, `[[cabins]]`, `[[exclusion_zones]]`,
//! `[[landing_points]]`.

use super::{CabinDrag, CoolingChain, Ranges};
use serde::{Deserialize, Serialize};

/// Siting constraints; every limit is optional (absent = not checked). Depths are water depths at
/// the planning level (grid elevation + `site.tide_offset_m`, positive down), over every grid cell
/// the cabin's footprint touches.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Shallowest seabed allowed anywhere under the footprint (m).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_depth_m: Option<f64>,
    /// Deepest seabed allowed anywhere under the footprint (m), e.g. the diving or lifting limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_depth_m: Option<f64>,
    /// Least water between the cabin top and the planning level (m), for surface traffic:
    /// shallowest depth under the footprint − cabin height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_top_clearance_m: Option<f64>,
    /// Steepest seabed slope allowed under the footprint (degrees); the stricter of this and the
    /// cabin type's `max_slope_deg` applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_slope_deg: Option<f64>,
    /// Largest relief (highest − lowest seabed) under the footprint (m); the stricter of this and
    /// the cabin type's `max_relief_m` applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_relief_m: Option<f64>,
    /// Least edge-to-edge distance between two cabins' footprints (m).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_spacing_m: Option<f64>,
    /// Longest straight-line distance from a cabin's centre to the nearest landing point or
    /// subsea substation (m): a lower bound of the cable length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_cable_m: Option<f64>,
    /// Headings (degrees from true north) the automatic layout and the suitability map try.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headings_deg: Option<Vec<f64>>,
}

impl Constraints {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        let opt = |r: &mut Ranges, field: &str, v: Option<f64>| {
            if let Some(v) = v {
                r.non_negative(path, field, v);
            }
        };
        opt(r, "min_depth_m", self.min_depth_m);
        opt(r, "max_depth_m", self.max_depth_m);
        opt(r, "min_top_clearance_m", self.min_top_clearance_m);
        opt(r, "max_relief_m", self.max_relief_m);
        opt(r, "min_spacing_m", self.min_spacing_m);
        opt(r, "max_cable_m", self.max_cable_m);
        if let Some(s) = self.max_slope_deg {
            r.within(path, "max_slope_deg", s, 0.0, 90.0);
        }
        if let (Some(lo), Some(hi)) = (self.min_depth_m, self.max_depth_m)
            && lo > hi
        {
            r.fail(
                format!("{path}.max_depth_m"),
                format!("{hi} is less than min_depth_m = {lo}: expected max_depth_m ≥ min_depth_m"),
            );
        }
        if let Some(h) = &self.headings_deg {
            if h.is_empty() || h.len() > 16 {
                r.fail(
                    format!("{path}.headings_deg"),
                    format!("{} headings: expected 1 to 16", h.len()),
                );
            }
            for (i, v) in h.iter().enumerate() {
                r.within(path, &format!("headings_deg[{i}]"), *v, -360.0, 360.0);
            }
        }
    }
}

/// Foundation kind of a cabin type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Foundation {
    /// Gravity base: held on the seabed by its own submerged weight.
    GravityBase,
    /// Driven or drilled piles.
    Piles,
    /// Jacket: a lattice frame pinned to the seabed by piles.
    Jacket,
}

/// A kind of cabin: geometry, mass, foundation, IT load, drag and cooling.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CabinType {
    /// Identifier that cabins refer to.
    pub id: String,
    /// Free text: where the numbers come from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Footprint length along the heading (m); with `width_m` a rectangle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length_m: Option<f64>,
    /// Footprint width across the heading (m).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_m: Option<f64>,
    /// Footprint diameter (m), for round (vertical cylinder) cabins instead of length × width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diameter_m: Option<f64>,
    /// Height above the seabed (m).
    pub height_m: f64,
    /// Mass in air (tonnes).
    pub mass_t: f64,
    /// Displaced volume (m³), for the submerged weight.
    pub displaced_volume_m3: f64,
    /// Foundation kind, recorded with the type (the slope and relief it accepts are given by
    /// `max_slope_deg` and `max_relief_m`).
    pub foundation: Foundation,
    /// Largest seabed slope the foundation accepts (degrees).
    pub max_slope_deg: f64,
    /// Largest relief (highest − lowest seabed) under the footprint the foundation accepts (m).
    pub max_relief_m: f64,
    /// Racks per cabin.
    pub racks: u32,
    /// IT load per rack (kW).
    pub rack_kw: f64,
    /// Hydrodynamic drag data for the lowering analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drag: Option<CabinDrag>,
    /// The cabin's cooling chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooling: Option<CoolingChain>,
}

impl CabinType {
    /// IT load of one cabin (kW).
    pub fn it_load_kw(&self) -> f64 {
        self.racks as f64 * self.rack_kw
    }

    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        match (self.length_m, self.width_m, self.diameter_m) {
            (Some(l), Some(w), None) => {
                r.positive(path, "length_m", l);
                r.positive(path, "width_m", w);
            }
            (None, None, Some(d)) => r.positive(path, "diameter_m", d),
            _ => r.fail(
                format!("{path}.length_m"),
                "expected either `length_m` and `width_m` (rectangular footprint) or `diameter_m` (round), not both".into(),
            ),
        }
        r.positive(path, "height_m", self.height_m);
        r.positive(path, "mass_t", self.mass_t);
        r.positive(path, "displaced_volume_m3", self.displaced_volume_m3);
        r.within(path, "max_slope_deg", self.max_slope_deg, 0.0, 45.0);
        r.non_negative(path, "max_relief_m", self.max_relief_m);
        r.non_negative(path, "rack_kw", self.rack_kw);
        if let Some(d) = &self.drag {
            d.check_ranges(&format!("{path}.drag"), r);
        }
        if let Some(c) = &self.cooling {
            c.check_ranges(&format!("{path}.cooling"), r);
        }
    }
}

/// One cabin placed on the seabed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cabin {
    /// Identifier, unique among the cabins; cables (`cabin:ID`), the campaign and reports refer to
    /// it.
    pub id: String,
    /// The `id` of its [`CabinType`].
    pub cabin_type: String,
    /// Footprint centre longitude, WGS 84 (degrees).
    pub lon: f64,
    /// Footprint centre latitude, WGS 84 (degrees).
    pub lat: f64,
    /// Heading of the footprint's long axis, degrees clockwise from true north.
    #[serde(default)]
    pub heading_deg: f64,
}

impl Cabin {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.lon_lat(path, self.lon, self.lat);
        r.within(path, "heading_deg", self.heading_deg, -360.0, 360.0);
    }
}

/// What an exclusion zone protects; kept for messages, reports and styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ZoneKind {
    /// A shipping lane or traffic separation scheme.
    ShippingLane,
    /// An anchorage area (anchors drag and drop).
    Anchorage,
    /// An existing cable or pipeline with its protection corridor.
    CablePipeline,
    /// A marine protected area or reserve.
    ProtectedArea,
    /// Anything else (military areas, wrecks, dumping grounds, …).
    Other,
}

/// An area the cabins (and the vessel's route) must keep out of: a polygon, a line (a cable or
/// pipeline) or the features of a GeoJSON file, each widened by `buffer_m`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusionZone {
    /// Identifier, unique among the zones; findings name the zone by it.
    pub id: String,
    /// What the zone protects; it labels messages and styles the map (the rules treat every kind
    /// alike).
    pub kind: ZoneKind,
    /// Safety distance around the geometry (m).
    #[serde(default)]
    pub buffer_m: f64,
    /// Closed ring of `[lon, lat]` vertices (the last may repeat the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polygon: Option<Vec<[f64; 2]>>,
    /// Polyline of `[lon, lat]` vertices, e.g. a cable route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<Vec<[f64; 2]>>,
    /// GeoJSON file (relative to the mission) whose (multi)polygons and (multi)lines form the zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geojson: Option<std::path::PathBuf>,
}

impl ExclusionZone {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.non_negative(path, "buffer_m", self.buffer_m);
        let given = [
            self.polygon.is_some(),
            self.line.is_some(),
            self.geojson.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            r.fail(
                format!("{path}.polygon"),
                "expected exactly one of `polygon`, `line` or `geojson`".into(),
            );
        }
        if let Some(p) = &self.polygon {
            if p.len() < 3 {
                r.fail(
                    format!("{path}.polygon"),
                    format!("{} vertices: expected at least 3", p.len()),
                );
            }
            for (i, v) in p.iter().enumerate() {
                r.lon_lat(&format!("{path}.polygon[{i}]"), v[0], v[1]);
            }
        }
        if let Some(l) = &self.line {
            if l.len() < 2 {
                r.fail(
                    format!("{path}.line"),
                    format!("{} vertices: expected at least 2", l.len()),
                );
            }
            for (i, v) in l.iter().enumerate() {
                r.lon_lat(&format!("{path}.line[{i}]"), v[0], v[1]);
            }
        }
    }
}

/// A cable landing point or subsea substation the cabins connect to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LandingPoint {
    /// Identifier that cables refer to as `landing:ID`.
    pub id: String,
    /// Longitude, WGS 84 (degrees).
    pub lon: f64,
    /// Latitude, WGS 84 (degrees).
    pub lat: f64,
}

impl LandingPoint {
    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        r.lon_lat(path, self.lon, self.lat);
    }
}
