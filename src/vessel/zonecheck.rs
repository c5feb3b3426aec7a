//! Exclusion zones in working-CRS metres, for the route rules and the route planner: a point is
//! inside a zone when it lies in its polygon or within `buffer_m` of its polygon or line.
//!
//! Zones given as GeoJSON files are not read here (the siting module owns zone geometry); the
//! route check reports them as not checked.

use crate::mission::Context;
use geo::{Contains, Distance, Euclidean, LineString, Point, Polygon};

enum Shape {
    Polygon(Polygon<f64>),
    Line(LineString<f64>),
}

/// One zone converted to the working CRS, with its bounding box grown by the buffer.
pub struct ZoneShape {
    pub id: String,
    buffer_m: f64,
    shape: Shape,
    bbox: (f64, f64, f64, f64),
}

impl ZoneShape {
    /// True when the working-CRS point (`x`, `y`) is inside the zone or its buffer.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let (x0, y0, x1, y1) = self.bbox;
        if x < x0 || x > x1 || y < y0 || y > y1 {
            return false;
        }
        let p = Point::new(x, y);
        match &self.shape {
            Shape::Polygon(poly) => {
                poly.contains(&p)
                    || (self.buffer_m > 0.0 && Euclidean.distance(&p, poly) <= self.buffer_m)
            }
            Shape::Line(line) => Euclidean.distance(&p, line) <= self.buffer_m,
        }
    }
}

/// The mission's polygon and line zones in the working CRS, and the ids of GeoJSON zones that
/// were not converted.
pub fn zone_shapes(ctx: &Context) -> (Vec<ZoneShape>, Vec<String>) {
    let mut shapes = Vec::new();
    let mut skipped = Vec::new();
    for z in &ctx.mission.exclusion_zones {
        let verts = z.polygon.as_ref().or(z.line.as_ref());
        let Some(verts) = verts else {
            skipped.push(z.id.clone());
            continue;
        };
        let pts: Option<Vec<(f64, f64)>> =
            verts.iter().map(|v| ctx.to_work(v[0], v[1]).ok()).collect();
        let Some(pts) = pts else {
            skipped.push(z.id.clone());
            continue;
        };
        let b = z.buffer_m;
        let bbox = pts.iter().fold(
            (
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ),
            |a, p| {
                (
                    a.0.min(p.0 - b),
                    a.1.min(p.1 - b),
                    a.2.max(p.0 + b),
                    a.3.max(p.1 + b),
                )
            },
        );
        let ls = LineString::from(pts);
        let shape = if z.polygon.is_some() {
            Shape::Polygon(Polygon::new(ls, vec![]))
        } else {
            Shape::Line(ls)
        };
        shapes.push(ZoneShape {
            id: z.id.clone(),
            buffer_m: b,
            shape,
            bbox,
        });
    }
    (shapes, skipped)
}

/// One flag per grid cell: the cell centre lies in some zone.
pub fn zone_mask(ctx: &Context, shapes: &[ZoneShape]) -> Vec<bool> {
    let g = &ctx.grid;
    let mut out = vec![false; g.width * g.height];
    if shapes.is_empty() {
        return out;
    }
    for r in 0..g.height {
        for c in 0..g.width {
            let (x, y) = g.transform.cell_center(c, r);
            out[r * g.width + c] = shapes.iter().any(|z| z.contains(x, y));
        }
    }
    out
}
