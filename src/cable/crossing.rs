//! Crossings of existing cables and pipelines: where a route crosses a line and at what angle,
//! the centre lines of the mission's `cable-pipeline` zones, and what a crossing costs the router.
//!
//! ICPC Recommendation No. 3 asks for crossings of cables and pipelines as close to 90° as
//! practicable, not below a stated minimum ([`MIN_CROSSING_DEG`], domain-reference §8). The router
//! ([`super::route`]) charges each crossing [`penalty_m`]: infinite below the minimum, else
//! [`CROSSING_COST_M`] / sin θ, so it takes the fewest crossings and, of those, the squarest; the
//! check ([`super::check()`]) flags every crossing below the minimum (`CABLE-CROSSING`).

use crate::mission::{Context, ZoneKind};

/// Smallest crossing angle (degrees) with an existing cable or pipeline. ICPC Recommendation
/// No. 3 asks for crossings as close to 90° as practicable; 45° is the commonly used minimum
/// (domain-reference §8 \[P/E\]).
pub const MIN_CROSSING_DEG: f64 = 45.0;

/// What the router charges for one perpendicular crossing, as metres of route (ESTIMATE \[E\]: a
/// crossing needs an agreement with the owner, a survey and protection — mattresses or rock —
/// costing of the order of a kilometre of laid and buried cable; see [`penalty_m`] for the angle).
pub const CROSSING_COST_M: f64 = 1000.0;

/// A point in the working CRS (easting, northing; m).
pub type Point = (f64, f64);

/// The router's cost (metres of route) of crossing an existing line at `angle_deg` (acute,
/// 0–90°): ∞ below [`MIN_CROSSING_DEG`], else [`CROSSING_COST_M`] / sin θ — the stretch of the
/// new cable inside the other's protected corridor, and so the protection it needs, grows as
/// 1 / sin θ (\[E\]: the cost model, not a published formula).
pub fn penalty_m(angle_deg: f64) -> f64 {
    if angle_deg < MIN_CROSSING_DEG {
        f64::INFINITY
    } else {
        CROSSING_COST_M / angle_deg.to_radians().sin()
    }
}

/// Where segments `a` and `b` cross and their acute angle (degrees, 0–90), or `None`.
pub fn crossing(a: (Point, Point), b: (Point, Point)) -> Option<(Point, f64)> {
    let (p, r) = (a.0, (a.1.0 - a.0.0, a.1.1 - a.0.1));
    let (q, s) = (b.0, (b.1.0 - b.0.0, b.1.1 - b.0.1));
    let den = r.0 * s.1 - r.1 * s.0;
    if den.abs() < 1e-12 {
        return None;
    }
    let qp = (q.0 - p.0, q.1 - p.1);
    let t = (qp.0 * s.1 - qp.1 * s.0) / den;
    let u = (qp.0 * r.1 - qp.1 * r.0) / den;
    if !(0.0..=1.0).contains(&t) || !(0.0..=1.0).contains(&u) {
        return None;
    }
    let cos = (r.0 * s.0 + r.1 * s.1).abs() / (r.0.hypot(r.1) * s.0.hypot(s.1));
    Some((
        (p.0 + t * r.0, p.1 + t * r.1),
        cos.min(1.0).acos().to_degrees(),
    ))
}

/// Every crossing of `route` with `line`: (point, acute angle in degrees). Meeting at an end of
/// either (two cables joining at the cabin they share) is not a crossing.
pub fn crossings(route: &[Point], line: &[Point]) -> Vec<(Point, f64)> {
    let ends = [route.first(), route.last(), line.first(), line.last()];
    let at_end = |p: Point| {
        ends.iter()
            .flatten()
            .any(|e| (e.0 - p.0).hypot(e.1 - p.1) < 1.0)
    };
    let mut out = Vec::new();
    for a in route.windows(2) {
        for b in line.windows(2) {
            if let Some(c) = crossing((a[0], a[1]), (b[0], b[1]))
                && !at_end(c.0)
            {
                out.push(c);
            }
        }
    }
    out
}

/// The centre line of an existing cable or pipeline (one line of a `cable-pipeline` zone).
#[derive(Clone, Debug, PartialEq)]
pub struct ExistingLine {
    /// The zone's id.
    pub zone: String,
    /// Vertices in the working CRS, densified as the zone's corridor is
    /// ([`crate::zones::zone_lines`]).
    pub points: Vec<Point>,
}

/// Every line of the mission's `cable-pipeline` zones (`line`, or the lines of a GeoJSON file),
/// in mission order. A `cable-pipeline` zone given as a polygon has no centre line and no
/// crossing angle; it stays a corridor the router avoids first. A zone that cannot be built is
/// left out: the siting rules report it, and the router's zone masks refuse it.
pub fn existing_lines(ctx: &Context) -> Vec<ExistingLine> {
    ctx.mission
        .exclusion_zones
        .iter()
        .filter(|z| z.kind == ZoneKind::CablePipeline)
        .filter_map(|z| Some((z, crate::zones::zone_lines(ctx, z).ok()?)))
        .flat_map(|(z, lines)| {
            lines.into_iter().map(|points| ExistingLine {
                zone: z.id.clone(),
                points,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_angles_by_construction() {
        // A cable along the x axis and a line through (50, 0) at 30° and at 80°.
        let cable = vec![(0.0, 0.0), (100.0, 0.0)];
        let line = |deg: f64| {
            let (s, c) = deg.to_radians().sin_cos();
            vec![(50.0 - 40.0 * c, -40.0 * s), (50.0 + 40.0 * c, 40.0 * s)]
        };
        let x30 = crossings(&cable, &line(30.0));
        assert_eq!(x30.len(), 1);
        assert!((x30[0].1 - 30.0).abs() < 1e-9 && x30[0].1 < MIN_CROSSING_DEG);
        assert!((x30[0].0.0 - 50.0).abs() < 1e-9);
        let x80 = crossings(&cable, &line(80.0));
        assert!((x80[0].1 - 80.0).abs() < 1e-9 && x80[0].1 >= MIN_CROSSING_DEG);
        // 150° is the same acute angle as 30°.
        assert!((crossings(&cable, &line(150.0))[0].1 - 30.0).abs() < 1e-9);
        assert!(crossings(&cable, &[(0.0, 5.0), (100.0, 5.0)]).is_empty());
        // A zig-zag line crossed three times: every crossing, each at its own angle.
        let zig = [(10.0, -10.0), (20.0, 10.0), (30.0, -10.0), (40.0, 10.0)];
        let x = crossings(&cable, &zig);
        let want = 20f64.atan2(10.0).to_degrees(); // 63.43°
        assert_eq!(x.len(), 3, "{x:?}");
        assert!(x.iter().all(|c| (c.1 - want).abs() < 1e-9), "{x:?}");
    }

    #[test]
    fn the_penalty_forbids_shallow_crossings_and_prefers_square_ones() {
        assert!(penalty_m(30.0).is_infinite());
        assert!(penalty_m(MIN_CROSSING_DEG - 1e-9).is_infinite());
        assert_eq!(penalty_m(90.0), CROSSING_COST_M);
        // 1 / sin 45° = √2.
        assert!((penalty_m(45.0) - CROSSING_COST_M * 2f64.sqrt()).abs() < 1e-9);
        assert!(penalty_m(60.0) > penalty_m(80.0));
    }
}
