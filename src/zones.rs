//! Exclusion zones in the working CRS: the mission's `[[exclusion_zones]]` (polygons, lines or
//! GeoJSON files) projected to working-CRS metres and widened by their `buffer_m`, as
//! `geo::MultiPolygon`s, with the fast tests the siting map and the route planner need: a raster
//! mask of the grid cells a zone touches, and point and segment tests.
//!
//! Buffering uses geo's `Buffer` (i_overlay offsetting, round joins and caps), so a line becomes a
//! corridor of half-width `buffer_m` with rounded ends, and a polygon grows by `buffer_m` all
//! round. Vertices are densified to at most [`DENSIFY_DEG`] in longitude/latitude before
//! projecting, so long edges follow the projection's curvature.

#![warn(missing_docs)]

use crate::bathymetry::Grid;
use crate::mission::{Context, ExclusionZone};
use geo::{Buffer, Coord, Intersects, LineString, MultiPolygon, Polygon, Rect};
use std::path::PathBuf;

pub use crate::mission::ZoneKind;

/// Longest edge (degrees of longitude or latitude, ≈ 500 m) projected as a straight line.
pub const DENSIFY_DEG: f64 = 0.005;

/// An exclusion zone ready for geometry: its area in working-CRS metres, buffer included.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneShape {
    /// The mission zone's id.
    pub id: String,
    /// What it protects; the route planner treats cable/pipeline zones as crossable at a cost.
    pub kind: ZoneKind,
    /// The area to keep out of: projected geometry grown by `buffer_m`, overlapping parts
    /// united (working-CRS metres).
    pub area: MultiPolygon<f64>,
}

/// Why a zone could not be built; every variant names the zone (and the file when there is one).
#[derive(Debug, thiserror::Error)]
pub enum ZoneError {
    /// The zone's GeoJSON file could not be read or holds no usable geometry.
    #[error("exclusion zone `{zone}`: {}: {message}", path.display())]
    File {
        /// The zone's id.
        zone: String,
        /// The GeoJSON file, resolved against the mission's folder.
        path: PathBuf,
        /// What is wrong and what was expected.
        message: String,
    },
    /// The geometry cannot form an area (a line without a buffer, a polygon without rings, …).
    #[error("exclusion zone `{zone}`: {message}")]
    Geometry {
        /// The zone's id.
        zone: String,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A vertex could not be projected into the working CRS.
    #[error("exclusion zone `{zone}`: {source}")]
    Crs {
        /// The zone's id.
        zone: String,
        /// The projection's error.
        source: crate::geodesy::CrsError,
    },
}

/// Every exclusion zone of the mission, in mission order.
pub fn zone_shapes(ctx: &Context) -> Result<Vec<ZoneShape>, ZoneError> {
    ctx.mission
        .exclusion_zones
        .iter()
        .map(|z| zone_shape(ctx, z))
        .collect()
}

/// One zone: read (GeoJSON), projected, buffered.
pub fn zone_shape(ctx: &Context, zone: &ExclusionZone) -> Result<ZoneShape, ZoneError> {
    let geom_err = |message: String| ZoneError::Geometry {
        zone: zone.id.clone(),
        message,
    };
    let (polygons, lines) = lonlat_geometry(ctx, zone)?;
    let project = |ring: &[[f64; 2]]| project_line(ctx, zone, ring);
    let mut parts: Vec<Polygon<f64>> = Vec::new();
    for rings in &polygons {
        let mut projected = rings.iter().map(|r| project(r));
        let exterior = projected
            .next()
            .ok_or_else(|| geom_err("a polygon without rings".into()))??;
        let interiors = projected.collect::<Result<Vec<_>, _>>()?;
        let poly = Polygon::new(exterior, interiors);
        if zone.buffer_m > 0.0 {
            parts.extend(poly.buffer(zone.buffer_m));
        } else {
            parts.push(poly);
        }
    }
    for line in &lines {
        if zone.buffer_m <= 0.0 {
            return Err(geom_err(
                "a line zone needs `buffer_m` > 0 (the corridor's half-width)".into(),
            ));
        }
        parts.extend(project(line)?.buffer(zone.buffer_m));
    }
    if parts.is_empty() {
        return Err(geom_err("no polygon or line geometry".into()));
    }
    let area = if parts.len() == 1 {
        MultiPolygon::new(parts)
    } else {
        // Union overlapping parts so the area is a valid multipolygon.
        let mut it = parts.into_iter();
        let first = MultiPolygon::new(vec![it.next().expect("non-empty")]);
        it.fold(first, |acc, p| {
            geo::BooleanOps::union(&acc, &MultiPolygon::new(vec![p]))
        })
    };
    Ok(ZoneShape {
        id: zone.id.clone(),
        kind: zone.kind,
        area,
    })
}

/// The lines of a line zone (`line`, or the (multi)lines of its GeoJSON) in working-CRS metres,
/// densified as [`zone_shape`] does, without their buffer: the centre lines of existing cables and
/// pipelines that crossing angles are measured against. Empty for a polygon zone.
pub fn zone_lines(ctx: &Context, zone: &ExclusionZone) -> Result<Vec<Vec<(f64, f64)>>, ZoneError> {
    let (_, lines) = lonlat_geometry(ctx, zone)?;
    lines
        .iter()
        .map(|l| project_line(ctx, zone, l).map(|ls| ls.0.iter().map(|c| (c.x, c.y)).collect()))
        .collect()
}

/// A lon/lat ring or line projected to the working CRS, every edge longer than [`DENSIFY_DEG`]
/// split so that it follows the projection's curvature.
fn project_line(
    ctx: &Context,
    zone: &ExclusionZone,
    ring: &[[f64; 2]],
) -> Result<LineString<f64>, ZoneError> {
    let mut out = Vec::with_capacity(ring.len());
    for (i, p) in ring.iter().enumerate() {
        let next = ring.get(i + 1);
        let steps = next.map_or(1, |q| {
            let d = (q[0] - p[0]).abs().max((q[1] - p[1]).abs());
            ((d / DENSIFY_DEG).ceil() as usize).clamp(1, 10_000)
        });
        for s in 0..steps {
            let t = s as f64 / steps as f64;
            let (lon, lat) = match next {
                Some(q) => (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])),
                None => (p[0], p[1]),
            };
            let (x, y) = ctx.to_work(lon, lat).map_err(|source| ZoneError::Crs {
                zone: zone.id.clone(),
                source,
            })?;
            out.push(Coord { x, y });
        }
    }
    Ok(LineString::new(out))
}

/// Rings of polygons and vertex lists of lines, in lon/lat.
pub type LonLatGeometry = (Vec<Vec<Vec<[f64; 2]>>>, Vec<Vec<[f64; 2]>>);

fn lonlat_geometry(ctx: &Context, zone: &ExclusionZone) -> Result<LonLatGeometry, ZoneError> {
    if let Some(p) = &zone.polygon {
        return Ok((vec![vec![p.clone()]], Vec::new()));
    }
    if let Some(l) = &zone.line {
        return Ok((Vec::new(), vec![l.clone()]));
    }
    let Some(rel) = &zone.geojson else {
        return Err(ZoneError::Geometry {
            zone: zone.id.clone(),
            message: "expected one of `polygon`, `line` or `geojson`".into(),
        });
    };
    let path = ctx.resolve(rel);
    read_geojson(&path).map_err(|message| ZoneError::File {
        zone: zone.id.clone(),
        path,
        message,
    })
}

/// The largest zone GeoJSON read (bytes): [`MAX_ZONE_VERTICES`] vertices take well under 1 MB;
/// the rest allows for properties and indentation.
pub const MAX_ZONE_FILE_BYTES: u64 = 16 << 20;

fn read_geojson(path: &std::path::Path) -> Result<LonLatGeometry, String> {
    let text =
        crate::fsutil::read_regular_text(path, MAX_ZONE_FILE_BYTES).map_err(|e| e.to_string())?;
    parse_geojson(&text)
}

/// The (multi)polygons and (multi)lines of a GeoJSON text, in lon/lat, checked (closed rings,
/// WGS 84 positions, at most [`MAX_ZONE_VERTICES`]). Points are refused (they have no extent:
/// give a polygon or a line with a buffer instead).
pub fn parse_geojson(text: &str) -> Result<LonLatGeometry, String> {
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid GeoJSON: {e}"))?;
    check_positions(&json, &mut 0)?;
    let gj = serde_json::from_value::<geojson::GeoJson>(json)
        .map_err(|e| format!("not valid GeoJSON: {e}"))?;
    let collection: geo::GeometryCollection<f64> =
        geo::GeometryCollection::try_from(&gj).map_err(|e| format!("unsupported geometry: {e}"))?;
    let mut polygons = Vec::new();
    let mut lines = Vec::new();
    let ring = |ls: &LineString<f64>| ls.coords().map(|c| [c.x, c.y]).collect::<Vec<_>>();
    let poly = |p: &Polygon<f64>| {
        std::iter::once(ring(p.exterior()))
            .chain(p.interiors().iter().map(ring))
            .collect::<Vec<_>>()
    };
    // A stack, reversed so that the geometries come out in the file's order.
    let mut stack: Vec<geo::Geometry<f64>> = collection.0.into_iter().rev().collect();
    while let Some(g) = stack.pop() {
        match g {
            geo::Geometry::Polygon(p) => polygons.push(poly(&p)),
            geo::Geometry::MultiPolygon(mp) => polygons.extend(mp.iter().map(poly)),
            geo::Geometry::LineString(l) => lines.push(ring(&l)),
            geo::Geometry::MultiLineString(ml) => lines.extend(ml.iter().map(ring)),
            geo::Geometry::GeometryCollection(c) => stack.extend(c.0.into_iter().rev()),
            other => {
                return Err(format!(
                    "a {} has no extent: expected Polygon, MultiPolygon, LineString or MultiLineString",
                    geometry_name(&other)
                ));
            }
        }
    }
    check_geometry(&polygons, &lines)?;
    if polygons.is_empty() && lines.is_empty() {
        return Err("no features: expected at least one polygon or line".into());
    }
    Ok((polygons, lines))
}

/// Every position under a `coordinates` member has at least two numbers (RFC 7946 §3.1.1): the
/// `geojson` crate's conversion indexes `[1]` unchecked and panics on `[122.0]`. Positions are
/// counted into `seen` and refused beyond [`MAX_ZONE_VERTICES`] here, on the parsed JSON, before
/// the geometry conversions copy them twice more.
fn check_positions(v: &serde_json::Value, seen: &mut usize) -> Result<(), String> {
    use serde_json::Value;
    fn positions(v: &Value, seen: &mut usize) -> Result<(), String> {
        let Value::Array(items) = v else {
            return Ok(());
        };
        if items.iter().all(Value::is_number) && !items.is_empty() {
            if items.len() < 2 {
                return Err(format!(
                    "a position with {} number(s): expected [longitude, latitude]",
                    items.len()
                ));
            }
            *seen += 1;
            if *seen > MAX_ZONE_VERTICES {
                return Err(format!(
                    "more than {MAX_ZONE_VERTICES} vertices: simplify the geometry (e.g. `ogr2ogr -simplify`)"
                ));
            }
            return Ok(());
        }
        // A list of positions: an empty member is a position with no numbers, not an empty list.
        let is_position = |v: &Value| v.as_array().is_some_and(|a| a.iter().any(Value::is_number));
        if items.iter().any(is_position)
            && items
                .iter()
                .any(|v| v.as_array().is_some_and(|a| a.is_empty()))
        {
            return Err("a position with 0 number(s): expected [longitude, latitude]".into());
        }
        items.iter().try_for_each(|i| positions(i, seen))
    }
    match v {
        Value::Object(m) => m.iter().try_for_each(|(k, v)| {
            if k == "coordinates" {
                positions(v, seen)
            } else {
                check_positions(v, seen)
            }
        }),
        Value::Array(items) => items.iter().try_for_each(|i| check_positions(i, seen)),
        _ => Ok(()),
    }
}

/// The most vertices a zone file may hold. The boundaries fathom meets (wind-farm sites, cable
/// corridors, anchorages) have tens to a few thousand vertices \[E\]; buffering a 20,000-vertex line
/// took 27 s, so files beyond this are refused rather than processed for minutes.
pub const MAX_ZONE_VERTICES: usize = 10_000;

/// RFC 7946 §3.1.6: a polygon ring has ≥ 4 positions (closed); §3.1.4: a line has ≥ 2. Every
/// position is a WGS 84 longitude/latitude. An empty ring would panic in the boolean operations.
fn check_geometry(polygons: &[Vec<Vec<[f64; 2]>>], lines: &[Vec<[f64; 2]>]) -> Result<(), String> {
    for (i, rings) in polygons.iter().enumerate() {
        for (j, ring) in rings.iter().enumerate() {
            if ring.len() < 4 {
                return Err(format!(
                    "polygon {i} ring {j} has {} positions: expected at least 4 (a closed ring)",
                    ring.len()
                ));
            }
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if line.len() < 2 {
            return Err(format!(
                "line {i} has {} positions: expected at least 2",
                line.len()
            ));
        }
    }
    let vertices = polygons.iter().flatten().chain(lines.iter()).flatten();
    for (i, p) in vertices.enumerate() {
        if !(p[0].abs() <= 180.0 && p[1].abs() <= 90.0) {
            return Err(format!(
                "vertex {i} ({}, {}) is not a WGS 84 longitude/latitude",
                p[0], p[1]
            ));
        }
    }
    Ok(())
}

fn geometry_name(g: &geo::Geometry<f64>) -> &'static str {
    match g {
        geo::Geometry::Point(_) => "Point",
        geo::Geometry::MultiPoint(_) => "MultiPoint",
        _ => "geometry",
    }
}

/// Zones with bounding boxes, for quick point and segment tests (route planning, validation).
#[derive(Clone, Debug)]
pub struct ZoneIndex {
    zones: Vec<(Rect<f64>, ZoneShape)>,
}

impl ZoneIndex {
    /// Indexes the zones (those with an empty area are dropped).
    pub fn new(zones: &[ZoneShape]) -> Self {
        use geo::BoundingRect;
        ZoneIndex {
            zones: zones
                .iter()
                .filter_map(|z| z.area.bounding_rect().map(|r| (r, z.clone())))
                .collect(),
        }
    }

    /// The first zone containing or touching the point.
    pub fn at_point(&self, x: f64, y: f64) -> Option<&ZoneShape> {
        let p = geo::Point::new(x, y);
        self.zones
            .iter()
            .find(|(r, z)| r.intersects(&p) && z.area.intersects(&p))
            .map(|(_, z)| z)
    }

    /// The first zone the segment from `a` to `b` enters or touches.
    pub fn on_segment(&self, a: (f64, f64), b: (f64, f64)) -> Option<&ZoneShape> {
        let line = geo::Line::new(Coord { x: a.0, y: a.1 }, Coord { x: b.0, y: b.1 });
        self.zones
            .iter()
            .find(|(r, z)| r.intersects(&line) && z.area.intersects(&line))
            .map(|(_, z)| z)
    }

    /// The first zone a polygon (e.g. a cabin footprint) overlaps or touches.
    pub fn on_polygon(&self, poly: &Polygon<f64>) -> Option<&ZoneShape> {
        self.zones
            .iter()
            .find(|(r, z)| r.intersects(poly) && z.area.intersects(poly))
            .map(|(_, z)| z)
    }

    /// Every zone a polygon overlaps or touches, in mission order.
    pub fn overlapping<'a>(
        &'a self,
        poly: &'a Polygon<f64>,
    ) -> impl Iterator<Item = &'a ZoneShape> + 'a {
        self.zones
            .iter()
            .filter(|(r, z)| r.intersects(poly) && z.area.intersects(poly))
            .map(|(_, z)| z)
    }
}

/// Marks every grid cell (row-major, row 0 = north) that any zone touches: cells whose square
/// overlaps a zone's area, including cells only grazed by its boundary. Exact and conservative,
/// so "no marked cell under a footprint" implies "the footprint is clear of every zone".
pub fn rasterize(zones: &[ZoneShape], grid: &Grid) -> Vec<bool> {
    let (w, h) = (grid.width, grid.height);
    let t = grid.transform;
    let mut mask = vec![false; w * h];
    let col_of = |x: f64| ((x - t.origin_x) / t.dx).floor();
    let row_of = |y: f64| ((t.origin_y - y) / t.dy).floor();
    let clamp_c = |c: f64| c.clamp(0.0, (w - 1) as f64) as usize;
    for poly in zones.iter().flat_map(|z| z.area.iter()) {
        let rings: Vec<&LineString<f64>> = std::iter::once(poly.exterior())
            .chain(poly.interiors().iter())
            .collect();
        // Boundary: cells each edge passes through (exact per row band).
        for ring in &rings {
            for seg in ring.lines() {
                let (a, b) = (seg.start, seg.end);
                let r0 = row_of(a.y.max(b.y));
                let r1 = row_of(a.y.min(b.y));
                for r in (r0.max(0.0) as i64)..=(r1.min((h - 1) as f64) as i64) {
                    let ytop = t.origin_y - r as f64 * t.dy;
                    let ybot = ytop - t.dy;
                    let (lo, hi) = clip_x(a, b, ybot, ytop);
                    if hi < t.origin_x || lo > t.origin_x + w as f64 * t.dx {
                        continue;
                    }
                    let row = r as usize * w;
                    for c in clamp_c(col_of(lo))..=clamp_c(col_of(hi)) {
                        mask[row + c] = true;
                    }
                }
            }
        }
        // Interior: cell centres inside by the even-odd rule over all rings of this polygon.
        let mut xs = Vec::new();
        for r in 0..h {
            let y = t.origin_y - (r as f64 + 0.5) * t.dy;
            xs.clear();
            for ring in &rings {
                for seg in ring.lines() {
                    let (a, b) = (seg.start, seg.end);
                    if (a.y > y) != (b.y > y) {
                        xs.push(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
                    }
                }
            }
            xs.sort_by(f64::total_cmp);
            for pair in xs.chunks_exact(2) {
                // Centres with x in [pair[0], pair[1]].
                let c0 = ((pair[0] - t.origin_x) / t.dx - 0.5).ceil().max(0.0);
                let c1 = ((pair[1] - t.origin_x) / t.dx - 0.5).floor();
                if c1 < 0.0 || c0 > (w - 1) as f64 {
                    continue;
                }
                for c in c0 as usize..=clamp_c(c1) {
                    mask[r * w + c] = true;
                }
            }
        }
    }
    mask
}

/// The x-range of segment a–b within the horizontal band [ybot, ytop].
fn clip_x(a: Coord<f64>, b: Coord<f64>, ybot: f64, ytop: f64) -> (f64, f64) {
    if (b.y - a.y).abs() < f64::EPSILON {
        return (a.x.min(b.x), a.x.max(b.x));
    }
    let at = |y: f64| a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y);
    let (ylo, yhi) = (a.y.min(b.y).max(ybot), a.y.max(b.y).min(ytop));
    let (x0, x1) = (at(ylo), at(yhi));
    (x0.min(x1), x0.max(x1))
}

#[cfg(test)]
mod tests;
