//! The cable rules: `CABLE-TYPE` (unknown type or purpose/kind mismatch), `CABLE-ZONE` (route
//! through an exclusion zone or its buffer), `CABLE-CROSSING` (a crossing of an existing cable or
//! pipeline — a `cable-pipeline` line zone — or of another mission cable below
//! [`MIN_CROSSING_DEG`]), `CABLE-SLOPE`, `CABLE-SPAN`, `CABLE-BEND`, `CABLE-SEPARATION`,
//! `CABLE-RATING`, `CABLE-VDROP` and `CABLE-UNCONNECTED` (a cabin with no power or no fibre path
//! to a landing point or turbine). Routes are the mission's (hand-placed waypoints, or the
//! straight line between the ends when none are given), so planned and hand-placed routes pass
//! the same rules.

use super::engineering::MAX_FREE_SPAN_M;
use super::route::{
    END_ZONE_M, MAX_INLINE_SLOPE_DEG, MAX_SIDE_SLOPE_DEG, MIN_CROSSING_DEG, SEPARATION_M,
    point_segment_m,
};
use super::{CableAnalysis, Performance};
use crate::finding::{Finding, ObjectRef};
use crate::mission::{CablePurpose, Context, ZoneKind};
use crate::zones::ZoneIndex;

/// Largest voltage drop at full demand (%). ESTIMATE \[E\]: designs keep the cable's share of the
/// IEC 60038 ±10 % supply tolerance to about half.
pub const MAX_VOLTAGE_DROP_PCT: f64 = 5.0;

/// Acute angle (degrees, 0–90) between segments `a` and `b` where they cross, or `None`.
pub fn crossing(
    a: ((f64, f64), (f64, f64)),
    b: ((f64, f64), (f64, f64)),
) -> Option<((f64, f64), f64)> {
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
pub fn crossings(route: &[(f64, f64)], line: &[(f64, f64)]) -> Vec<((f64, f64), f64)> {
    let ends = [route.first(), route.last(), line.first(), line.last()];
    let at_end = |p: (f64, f64)| {
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

/// The existing cables and pipelines (the lines of the mission's `cable-pipeline` zones) in the
/// working CRS, each named for messages; a line that cannot be projected is left out (the zone
/// rules report it).
pub fn existing_lines(ctx: &Context) -> Vec<(String, Vec<(f64, f64)>)> {
    ctx.mission
        .exclusion_zones
        .iter()
        .filter(|z| z.kind == ZoneKind::CablePipeline)
        .filter_map(|z| {
            let pts = z.line.as_ref()?;
            let xy: Result<Vec<_>, _> = pts.iter().map(|p| ctx.to_work(p[0], p[1])).collect();
            Some((format!("existing cable/pipeline `{}`", z.id), xy.ok()?))
        })
        .collect()
}

/// The cable rules over a loaded mission.
pub fn check(ctx: &Context) -> Vec<Finding> {
    let m = &ctx.mission;
    if m.cables.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (cabin, purpose) in super::network::unconnected(m) {
        let what = match purpose {
            CablePurpose::Power => "power",
            CablePurpose::Fibre => "fibre",
        };
        out.push(
            Finding::warning(
                "CABLE-UNCONNECTED",
                format!("no {what} cable path to a landing point or turbine"),
            )
            .object(ObjectRef::cabin(cabin)),
        );
    }
    let demand = super::network::cabin_demand_kw(ctx);
    let mut routes = Vec::new();
    let mut analyses = Vec::new();
    for (i, c) in m.cables.iter().enumerate() {
        let obj = ObjectRef::Cable(c.id.clone());
        match super::type_of(c) {
            Ok(t)
                if (t.kind == super::types::CableKind::Power)
                    != (c.purpose == CablePurpose::Power) =>
            {
                out.push(
                    Finding::error(
                        "CABLE-TYPE",
                        format!(
                            "cable type `{}` does not match purpose {:?}",
                            t.id, c.purpose
                        ),
                    )
                    .object(obj.clone()),
                );
            }
            Err(e) => {
                out.push(Finding::error("CABLE-TYPE", e.to_string()).object(obj.clone()));
            }
            Ok(_) => {}
        }
        match super::analyse(ctx, i, None, &demand) {
            Ok(a) => {
                routes.push(Some(
                    a.engineering
                        .vertices
                        .iter()
                        .map(|v| (v.x, v.y))
                        .collect::<Vec<_>>(),
                ));
                analyses.push(Some(a));
            }
            Err(super::CableError::UnknownType { .. }) => {
                routes.push(None);
                analyses.push(None);
            }
            Err(e) => {
                out.push(Finding::error("CABLE-ZONE", e.to_string()).object(obj));
                routes.push(None);
                analyses.push(None);
            }
        }
    }
    zone_findings(ctx, &routes, &mut out);
    for (i, a) in analyses.iter().enumerate() {
        if let Some(a) = a {
            engineering_findings(ctx, i, a, &mut out);
            separation_findings(ctx, i, &routes, &mut out);
        }
    }
    out
}

fn at(ctx: &Context, f: Finding, p: (f64, f64)) -> Finding {
    match ctx.to_lonlat(p.0, p.1) {
        Ok((lon, lat)) => f.at(lon, lat),
        Err(_) => f,
    }
}

/// `CABLE-ZONE` and `CABLE-CROSSING`.
fn zone_findings(ctx: &Context, routes: &[Option<Vec<(f64, f64)>>], out: &mut Vec<Finding>) {
    let m = &ctx.mission;
    let mut hard = Vec::new();
    for z in &m.exclusion_zones {
        if z.kind == ZoneKind::CablePipeline {
            continue;
        }
        if let Ok(s) = crate::zones::zone_shape(ctx, z) {
            hard.push(s); // a zone that cannot be built is reported by the siting rules
        }
    }
    let index = ZoneIndex::new(&hard);
    let lines = existing_lines(ctx);
    for (i, route) in routes.iter().enumerate() {
        let Some(route) = route else { continue };
        let c = &m.cables[i];
        let obj = ObjectRef::Cable(c.id.clone());
        for w in route.windows(2) {
            if let Some(z) = index.on_segment(w[0], w[1]) {
                let f = Finding::error(
                    "CABLE-ZONE",
                    format!("route enters exclusion zone `{}` (buffer included)", z.id),
                )
                .object(obj.clone());
                out.push(at(ctx, f, w[0]));
                break;
            }
        }
        // Crossings with existing cables/pipelines and with the mission's cables listed after
        // this one (each pair once).
        let others = routes.iter().enumerate().skip(i + 1).filter_map(|(j, r)| {
            r.as_ref()
                .map(|r| (format!("cable `{}`", m.cables[j].id), r))
        });
        for (name, line) in lines.iter().map(|(n, l)| (n.clone(), l)).chain(others) {
            for (p, angle) in crossings(route, line) {
                if angle < MIN_CROSSING_DEG {
                    let f = Finding::error(
                        "CABLE-CROSSING",
                        format!(
                            "crosses {name} at {angle:.0}°: expected ≥ {MIN_CROSSING_DEG}° (ICPC Rec. 3: as close to 90° as practicable)"
                        ),
                    )
                    .object(obj.clone());
                    out.push(at(ctx, f, p));
                }
            }
        }
    }
}

/// `CABLE-SLOPE`, `CABLE-SPAN`, `CABLE-BEND`, `CABLE-RATING`, `CABLE-VDROP`.
fn engineering_findings(ctx: &Context, i: usize, a: &CableAnalysis, out: &mut Vec<Finding>) {
    let c = &ctx.mission.cables[i];
    let obj = ObjectRef::Cable(c.id.clone());
    let e = &a.engineering;
    let worst = |f: fn(&super::engineering::Sample) -> Option<f64>| {
        e.samples
            .iter()
            .filter_map(|s| f(s).map(|v| (v.abs(), s)))
            .max_by(|x, y| x.0.total_cmp(&y.0))
    };
    for (what, limit, w) in [
        ("in-line", MAX_INLINE_SLOPE_DEG, worst(|s| s.inline_deg)),
        ("side", MAX_SIDE_SLOPE_DEG, worst(|s| s.side_deg)),
    ] {
        if let Some((v, s)) = w
            && v > limit
        {
            let f = Finding::warning(
                "CABLE-SLOPE",
                format!(
                    "{what} slope {v:.1}° at KP {:.3} km: expected ≤ {limit}°",
                    s.kp_m / 1e3
                ),
            )
            .object(obj.clone());
            out.push(at(ctx, f, (s.x, s.y)));
        }
    }
    for s in e.spans.iter().filter(|s| s.length_m > MAX_FREE_SPAN_M) {
        let f = Finding::warning(
            "CABLE-SPAN",
            format!(
                "free span of {:.0} m (KP {:.3}–{:.3} km, up to {:.1} m above the seabed): expected ≤ {MAX_FREE_SPAN_M} m",
                s.length_m,
                s.from_kp_m / 1e3,
                s.to_kp_m / 1e3,
                s.max_gap_m
            ),
        )
        .object(obj.clone());
        out.push(at(ctx, f, s.at));
    }
    let radius = c.min_alter_course_radius_m;
    if radius < a.cable_type.min_bend_radius_m {
        out.push(
            Finding::error(
                "CABLE-BEND",
                format!(
                    "the lay vessel's alter-course radius {radius} m is below the cable's minimum bending radius {} m",
                    a.cable_type.min_bend_radius_m
                ),
            )
            .object(obj.clone()),
        );
    }
    let v = &e.vertices;
    for k in 1..v.len().saturating_sub(1) {
        // The turn of radius R through angle θ starts R·tan(θ/2) before the vertex and ends as far
        // after it; it must fit within half of each neighbouring section.
        let tangent = radius * (v[k].alter_deg.abs().to_radians() / 2.0).tan();
        let room = (v[k].kp_m - v[k - 1].kp_m).min(v[k + 1].kp_m - v[k].kp_m) / 2.0;
        if tangent > room {
            let f = Finding::warning(
                "CABLE-BEND",
                format!(
                    "alter course {:.0}° at KP {:.3} km needs {tangent:.0} m each side at radius {radius} m; the sections allow {room:.0} m",
                    v[k].alter_deg,
                    v[k].kp_m / 1e3
                ),
            )
            .object(obj.clone());
            out.push(at(ctx, f, (v[k].x, v[k].y)));
        }
    }
    if let Some(Performance::Power {
        flow, fed_cabins, ..
    }) = &a.performance
    {
        if flow.utilisation > 1.0 {
            out.push(
                Finding::error(
                    "CABLE-RATING",
                    format!(
                        "{:.1} MW for {} needs {:.0} A (sending end with {:.0} A charging): above the {:.0} A rating",
                        flow.load_mw,
                        fed_cabins.join(", "),
                        flow.current_a.max(flow.sending_current_a),
                        flow.charging_current_a,
                        flow.rating_a
                    ),
                )
                .object(obj.clone()),
            );
        }
        if flow.voltage_drop_pct > MAX_VOLTAGE_DROP_PCT {
            out.push(
                Finding::warning(
                    "CABLE-VDROP",
                    format!(
                        "voltage drop {:.1} % at {:.1} MW over {:.2} km: expected ≤ {MAX_VOLTAGE_DROP_PCT} %",
                        flow.voltage_drop_pct, flow.load_mw, flow.length_km
                    ),
                )
                .object(obj),
            );
        }
    }
}

/// `CABLE-SEPARATION`: closer than [`SEPARATION_M`] to another cable or to a cabin, turbine or
/// landing point, except within [`END_ZONE_M`] of the cable's own ends.
fn separation_findings(
    ctx: &Context,
    i: usize,
    routes: &[Option<Vec<(f64, f64)>>],
    out: &mut Vec<Finding>,
) {
    let m = &ctx.mission;
    let c = &m.cables[i];
    let Some(route) = &routes[i] else { return };
    let Ok(objects) = super::route::fixed_objects(ctx) else {
        return;
    };
    let (s, t) = (route[0], route[route.len() - 1]);
    let near_end = |p: (f64, f64)| {
        (p.0 - s.0).hypot(p.1 - s.1) < END_ZONE_M || (p.0 - t.0).hypot(p.1 - t.1) < END_ZONE_M
    };
    let step = 0.5 * ctx.grid.transform.dx.min(ctx.grid.transform.dy);
    let mut samples = Vec::new();
    for w in route.windows(2) {
        let len = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
        let n = (len / step).ceil().max(1.0) as usize;
        for k in 0..=n {
            let f = k as f64 / n as f64;
            let p = (
                w[0].0 + f * (w[1].0 - w[0].0),
                w[0].1 + f * (w[1].1 - w[0].1),
            );
            if !near_end(p) {
                samples.push(p);
            }
        }
    }
    let obj = ObjectRef::Cable(c.id.clone());
    let closest = |line: &[(f64, f64)]| {
        samples
            .iter()
            .map(|&p| {
                let d = if line.len() == 1 {
                    (p.0 - line[0].0).hypot(p.1 - line[0].1)
                } else {
                    line.windows(2)
                        .map(|w| point_segment_m(p, w[0], w[1]))
                        .fold(f64::INFINITY, f64::min)
                };
                (d, p)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
    };
    let mut report = |name: String, line: &[(f64, f64)]| {
        if let Some((d, p)) = closest(line)
            && d < SEPARATION_M
        {
            let f = Finding::warning(
                "CABLE-SEPARATION",
                format!("{d:.0} m from {name}: expected ≥ {SEPARATION_M} m"),
            )
            .object(obj.clone());
            out.push(at(ctx, f, p));
        }
    };
    for (end, p) in objects {
        if end != c.from && end != c.to {
            report(end.to_string(), &[p]);
        }
    }
    for (j, r) in routes.iter().enumerate() {
        if j > i
            && let Some(r) = r
        {
            report(format!("cable {}", m.cables[j].id), r);
        }
    }
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
    }
}
