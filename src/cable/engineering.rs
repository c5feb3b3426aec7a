//! Route engineering along a cable: KP of every vertex, courses and alter-course angles, the
//! depth profile ([`crate::bathymetry::sample::profile`]), in-line and side slopes (the Horn slope
//! and aspect of [`crate::bathymetry::terrain`], split along and across the route), free spans,
//! and the cable length to order.
//!
//! **Free spans** — method: the laid cable under its residual bottom tension T and submerged
//! weight w hangs between supports as a shallow catenary, approximated by the parabola of
//! curvature k = w / T (sag = w·L² / 8T, the taut-string limit of the catenary). The cable's
//! resting line c(s) is the lowest curve on or above the seabed profile z(s) that nowhere bends
//! upwards more sharply than that parabola (c″ ≤ k): c(s) − k s²/2 is then the *upper concave
//! hull* of z(s) − k s²/2. Where the hull leaves the profile, the cable bridges from one support (a hull
//! vertex) to the next; that stretch is a free span when the cable stands more than
//! [`SPAN_GAP_M`] above the seabed. As T → ∞ (k → 0) this is the taut chord between supports.

use super::types::CableType;
use crate::bathymetry::{Grid, terrain};
use crate::geodesy::geodesic_inverse;
use crate::mission::{Cable, Context};
use serde::Serialize;

/// Residual bottom tension during lay (kN). ESTIMATE \[E\]: lay vessels hold a few tonnes of
/// bottom tension to keep the cable straight without suspending it.
pub const BOTTOM_TENSION_KN: f64 = 10.0;

/// Height above the seabed (m) from which a bridged stretch counts as a free span \[E\].
pub const SPAN_GAP_M: f64 = 0.1;

/// Longest acceptable free span (m). ESTIMATE \[E\]: spans much beyond this risk vortex-induced
/// vibration and abrasion at the supports (DNV-RP-F105 treats pipelines; cable practice is to
/// rectify spans of tens of metres).
pub const MAX_FREE_SPAN_M: f64 = 50.0;

/// One vertex of the route (an end or an alter-course point).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Vertex {
    /// Easting in the working CRS (m).
    pub x: f64,
    /// Northing in the working CRS (m).
    pub y: f64,
    /// Longitude, WGS 84 (degrees).
    pub lon: f64,
    /// Latitude, WGS 84 (degrees).
    pub lat: f64,
    /// Route distance from the `from` end (m, horizontal in the working CRS).
    pub kp_m: f64,
    /// True course to the next vertex (degrees, geodesic); `None` at the last vertex.
    pub course_deg: Option<f64>,
    /// Alter-course angle at this vertex (degrees, positive = to starboard); 0 at the ends.
    pub alter_deg: f64,
    /// Water depth at the planning level (m, positive down: grid elevation bilinearly sampled,
    /// `site.tide_offset_m` applied); `None` off the grid or on no data.
    pub depth_m: Option<f64>,
}

/// One profile sample.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sample {
    /// Route distance from the `from` end (m).
    pub kp_m: f64,
    /// Easting in the working CRS (m).
    pub x: f64,
    /// Northing in the working CRS (m).
    pub y: f64,
    /// Water depth at the planning level (m, positive down, `site.tide_offset_m` applied); `None`
    /// on no data.
    pub depth_m: Option<f64>,
    /// Slope along the route (degrees, positive = rising towards the `to` end).
    pub inline_deg: Option<f64>,
    /// Slope across the route (degrees, magnitude).
    pub side_deg: Option<f64>,
}

/// A free span between two supports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    /// KP of the support where the span starts (m).
    pub from_kp_m: f64,
    /// KP of the support where it ends (m).
    pub to_kp_m: f64,
    /// Horizontal distance between the supports (m).
    pub length_m: f64,
    /// Largest height of the cable above the seabed (m) and where (working CRS).
    pub max_gap_m: f64,
    /// Position of the largest gap, (easting, northing) in the working CRS (m).
    pub at: (f64, f64),
}

/// A cable's route engineering.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Engineering {
    /// The route's ends and alter-course points with KP, course, alter-course angle and depth.
    pub vertices: Vec<Vertex>,
    /// Depth and slope profile along the route at the grid's default sampling step.
    pub samples: Vec<Sample>,
    /// Free spans: stretches where the cable bridges more than [`SPAN_GAP_M`] above the seabed (see
    /// the module doc).
    pub spans: Vec<Span>,
    /// Horizontal route length (m).
    pub route_length_m: f64,
    /// Slack ordered over the route length (%), from the mission cable.
    pub slack_pct: f64,
    /// Route length + slack: the cable length to order (m).
    pub cable_length_m: f64,
}

/// Cable to order for a route: the route length plus `slack_pct` per cent.
pub fn with_slack(route_length_m: f64, slack_pct: f64) -> f64 {
    route_length_m * (1.0 + slack_pct / 100.0)
}

/// Alter-course angle (degrees, −180…180, positive = turn to starboard) from course `a` to `b`.
pub fn alter_course_deg(a: f64, b: f64) -> f64 {
    let d = (b - a).rem_euclid(360.0);
    if d > 180.0 { d - 360.0 } else { d }
}

/// Free spans of a cable lying on the profile `elevation` (m, up) at distances `kp` (m) under
/// curvature `k` = w/T (1/m): see the module doc. Stretches without data split the profile.
pub fn free_spans(kp: &[f64], elevation: &[Option<f64>], xy: &[(f64, f64)], k: f64) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < kp.len() {
        if elevation[i].is_none() {
            i += 1;
            continue;
        }
        let start = i;
        while i < kp.len() && elevation[i].is_some() {
            i += 1;
        }
        spans_in_run(kp, elevation, xy, k, start, i, &mut spans);
    }
    spans
}

fn spans_in_run(
    kp: &[f64],
    elevation: &[Option<f64>],
    xy: &[(f64, f64)],
    k: f64,
    a: usize,
    b: usize,
    out: &mut Vec<Span>,
) {
    let s0 = kp[a];
    let h = |j: usize| elevation[j].unwrap_or(f64::NAN) - 0.5 * k * (kp[j] - s0).powi(2);
    // Upper concave hull (Andrew's monotone chain, upper half) of (kp, h).
    let mut hull: Vec<usize> = Vec::new();
    for j in a..b {
        while hull.len() >= 2 {
            let (p, q) = (hull[hull.len() - 2], hull[hull.len() - 1]);
            let cross = (kp[q] - kp[p]) * (h(j) - h(p)) - (h(q) - h(p)) * (kp[j] - kp[p]);
            if cross >= 0.0 {
                hull.pop();
            } else {
                break;
            }
        }
        hull.push(j);
    }
    for w in hull.windows(2) {
        let (p, q) = (w[0], w[1]);
        if q <= p + 1 {
            continue;
        }
        let (mut gap, mut at) = (0.0f64, xy[p]);
        for j in p + 1..q {
            let t = (kp[j] - kp[p]) / (kp[q] - kp[p]);
            let cable = h(p) + t * (h(q) - h(p));
            let g = cable - h(j);
            if g > gap {
                (gap, at) = (g, xy[j]);
            }
        }
        if gap > SPAN_GAP_M {
            out.push(Span {
                from_kp_m: kp[p],
                to_kp_m: kp[q],
                length_m: kp[q] - kp[p],
                max_gap_m: gap,
                at,
            });
        }
    }
}

/// Slope (degrees) and downhill aspect (degrees from grid north) of the cells round a route,
/// computed by [`terrain::slope`] and [`terrain::aspect`] on the grid cropped to the route's
/// bounding box plus two cells.
struct SlopeField {
    slope: Grid,
    aspect: Grid,
}

impl SlopeField {
    fn around(grid: &Grid, pts: &[(f64, f64)]) -> Option<Self> {
        let t = grid.transform;
        let (mut c0, mut c1, mut r0, mut r1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(x, y) in pts {
            let (px, py) = t.to_pixel(x, y);
            (c0, c1, r0, r1) = (c0.min(px), c1.max(px), r0.min(py), r1.max(py));
        }
        let clamp = |v: f64, n: usize| v.clamp(0.0, n as f64) as usize;
        let (c0, c1) = (clamp(c0 - 2.0, grid.width), clamp(c1 + 3.0, grid.width));
        let (r0, r1) = (clamp(r0 - 2.0, grid.height), clamp(r1 + 3.0, grid.height));
        if c1 <= c0 + 2 || r1 <= r0 + 2 {
            return None;
        }
        let mut crop = Grid::filled(
            c1 - c0,
            r1 - r0,
            crate::bathymetry::GeoTransform {
                origin_x: t.origin_x + c0 as f64 * t.dx,
                origin_y: t.origin_y - r0 as f64 * t.dy,
                ..t
            },
            f32::NAN,
        );
        crop.crs = grid.crs.clone();
        for r in r0..r1 {
            let src = &grid.data[r * grid.width + c0..r * grid.width + c1];
            crop.data[(r - r0) * crop.width..(r - r0 + 1) * crop.width].copy_from_slice(src);
        }
        Some(SlopeField {
            slope: terrain::slope(&crop),
            aspect: terrain::aspect(&crop),
        })
    }

    /// (in-line, side) slope in degrees for a route heading along unit vector `u` (grid axes).
    fn along(&self, x: f64, y: f64, u: (f64, f64)) -> Option<(f64, f64)> {
        let s = self.slope.sample_nearest(x, y)? as f64;
        if s.is_nan() {
            return None;
        }
        let a = self.aspect.sample_nearest(x, y).unwrap_or(f32::NAN) as f64;
        if a.is_nan() {
            return Some((0.0, 0.0)); // flat: no aspect
        }
        let g = s.to_radians().tan();
        let down = (a.to_radians().sin(), a.to_radians().cos());
        let along = down.0 * u.0 + down.1 * u.1;
        let across = down.0 * u.1 - down.1 * u.0;
        Some((
            (-g * along).atan().to_degrees(),
            (g * across).abs().atan().to_degrees(),
        ))
    }
}

/// Why a route could not be engineered.
#[derive(Debug, thiserror::Error)]
pub enum EngineeringError {
    /// The route has fewer than 2 points (holds the cable id).
    #[error("cable `{0}`: route has fewer than 2 points")]
    TooShort(String),
    /// The depth profile could not be sampled from the grid.
    #[error("cable `{cable}`: {source}")]
    Profile {
        /// The cable's id.
        cable: String,
        /// What the profile sampler reported.
        source: Box<crate::bathymetry::BathyError>,
    },
    /// A working-CRS vertex could not be converted to lon/lat.
    #[error(transparent)]
    Crs(#[from] crate::geodesy::CrsError),
}

/// Engineers `route` (working CRS, ends included) for `cable` of type `ctype`.
pub fn analyse(
    ctx: &Context,
    cable: &Cable,
    ctype: &CableType,
    route: &[(f64, f64)],
) -> Result<Engineering, EngineeringError> {
    if route.len() < 2 {
        return Err(EngineeringError::TooShort(cable.id.clone()));
    }
    let mut vertices = Vec::with_capacity(route.len());
    let mut kp = 0.0;
    for (i, &(x, y)) in route.iter().enumerate() {
        if i > 0 {
            kp += (x - route[i - 1].0).hypot(y - route[i - 1].1);
        }
        let (lon, lat) = ctx.to_lonlat(x, y)?;
        vertices.push(Vertex {
            x,
            y,
            lon,
            lat,
            kp_m: kp,
            course_deg: None,
            alter_deg: 0.0,
            depth_m: ctx.depth_at(x, y),
        });
    }
    for i in 0..vertices.len() - 1 {
        let (a, b) = (&vertices[i], &vertices[i + 1]);
        let c = geodesic_inverse(a.lon, a.lat, b.lon, b.lat).bearing_deg;
        vertices[i].course_deg = Some(c.rem_euclid(360.0));
    }
    for i in 1..vertices.len() - 1 {
        if let (Some(a), Some(b)) = (vertices[i - 1].course_deg, vertices[i].course_deg) {
            vertices[i].alter_deg = alter_course_deg(a, b);
        }
    }
    let step = crate::bathymetry::sample::default_step_m(&ctx.grid);
    let prof = crate::bathymetry::sample::profile(
        &ctx.grid,
        route,
        crate::bathymetry::sample::LineCrs::Grid,
        Some(step),
    )
    .map_err(|source| EngineeringError::Profile {
        cable: cable.id.clone(),
        source: Box::new(source),
    })?;
    let field = SlopeField::around(&ctx.grid, route);
    let tide = ctx.mission.site.tide_offset_m;
    // Segment of each sample, for its direction.
    let seg_kp: Vec<f64> = vertices.iter().map(|v| v.kp_m).collect();
    let samples: Vec<Sample> = prof
        .iter()
        .map(|p| {
            let seg = seg_kp
                .partition_point(|&k| k <= p.distance_m)
                .clamp(1, route.len() - 1);
            let (a, b) = (route[seg - 1], route[seg]);
            let len = (b.0 - a.0).hypot(b.1 - a.1).max(f64::MIN_POSITIVE);
            let u = ((b.0 - a.0) / len, (b.1 - a.1) / len);
            let slopes = field.as_ref().and_then(|f| f.along(p.x, p.y, u));
            Sample {
                kp_m: p.distance_m,
                x: p.x,
                y: p.y,
                depth_m: p.elevation_m.map(|z| -(z as f64 + tide)),
                inline_deg: slopes.map(|s| s.0),
                side_deg: slopes.map(|s| s.1),
            }
        })
        .collect();
    let k = ctype.submerged_weight_n_per_m() / (BOTTOM_TENSION_KN * 1e3);
    let spans = free_spans(
        &samples.iter().map(|s| s.kp_m).collect::<Vec<_>>(),
        &prof
            .iter()
            .map(|p| p.elevation_m.map(|z| z as f64))
            .collect::<Vec<_>>(),
        &samples.iter().map(|s| (s.x, s.y)).collect::<Vec<_>>(),
        k,
    );
    Ok(Engineering {
        route_length_m: kp,
        slack_pct: cable.slack_pct,
        cable_length_m: with_slack(kp, cable.slack_pct),
        vertices,
        samples,
        spans,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A V trough of width `w` and depth `d` in a flat seabed at −20 m, centred at s = 500 m.
    fn v_trough(w: f64, d: f64, step: f64) -> (Vec<f64>, Vec<Option<f64>>) {
        let kp: Vec<f64> = (0..=(1000.0 / step) as usize)
            .map(|i| i as f64 * step)
            .collect();
        let z = kp
            .iter()
            .map(|&s| {
                let off = (s - 500.0).abs();
                Some(if off < w / 2.0 {
                    -20.0 - d * (1.0 - 2.0 * off / w)
                } else {
                    -20.0
                })
            })
            .collect();
        (kp, z)
    }

    #[test]
    fn a_taut_cable_bridges_a_v_trough_rim_to_rim() {
        // Chord: a taut cable (k → 0) rests on the two rims, so the span is the trough's width
        // (120 m) and the cable stands the trough's depth (8 m) above its bottom.
        let (kp, z) = v_trough(120.0, 8.0, 0.5);
        let xy = vec![(0.0, 0.0); kp.len()];
        let s = free_spans(&kp, &z, &xy, 1e-9);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!((s[0].length_m - 120.0).abs() <= 0.5 + 1e-9, "{:?}", s[0]);
        assert!((s[0].max_gap_m - 8.0).abs() < 0.01, "{:?}", s[0]);
        assert!((s[0].from_kp_m - 440.0).abs() <= 0.5);
    }

    #[test]
    fn a_sagging_cable_touches_the_v_sides_where_the_parabola_is_tangent() {
        // Hand calculation: sides of slope g = 2·8/120 = 0.1333; the parabola c = c0 + k s²/2
        // is tangent to a side at |s − m| = g/k, so the span is 2g/k and the cable stands
        // g²/(2k) above the apex. k = 0.004 /m → span 66.67 m, gap 2.222 m.
        let (kp, z) = v_trough(120.0, 8.0, 0.25);
        let xy = vec![(0.0, 0.0); kp.len()];
        let k = 0.004;
        let g: f64 = 16.0 / 120.0;
        let s = free_spans(&kp, &z, &xy, k);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!((s[0].length_m - 2.0 * g / k).abs() < 0.6, "{:?}", s[0]);
        assert!(
            (s[0].max_gap_m - g * g / (2.0 * k)).abs() < 0.01,
            "{:?}",
            s[0]
        );
    }

    #[test]
    fn a_convex_seabed_has_no_span_and_slack_adds_its_percentage() {
        let kp: Vec<f64> = (0..200).map(|i| i as f64 * 5.0).collect();
        let z: Vec<Option<f64>> = kp
            .iter()
            .map(|s| Some(-30.0 - 1e-5 * (s - 500.0).powi(2)))
            .collect();
        assert!(free_spans(&kp, &z, &vec![(0.0, 0.0); 200], 1e-4).is_empty());
        assert_eq!(with_slack(1000.0, 3.0), 1030.0);
        assert_eq!(with_slack(12_345.0, 0.0), 12_345.0);
        assert!((with_slack(8_000.0, 2.5) - 8_200.0).abs() < 1e-9);
    }

    #[test]
    fn alter_course_angles_wrap() {
        assert_eq!(alter_course_deg(350.0, 10.0), 20.0);
        assert_eq!(alter_course_deg(10.0, 350.0), -20.0);
        assert_eq!(alter_course_deg(90.0, 90.0), 0.0);
    }
}
