//! Validation rules for the mission's cabins: one finding per violated constraint per cabin, with
//! the measured value, the limit and the cabin's position.
//!
//! Codes: `SITE-DEPTH`, `SITE-TOP-CLEARANCE`, `SITE-SLOPE`, `SITE-RELIEF`, `SITE-SPACING` (one per
//! pair), `SITE-EXCLUSION`, `SITE-CABLE`, `SITE-NODATA`, `SITE-OUTSIDE-GRID`, `SITE-RESOLUTION`
//! (warning: the grid is too coarse to resolve slope and relief under the footprint), and
//! `SITE-ZONE` when an exclusion zone itself cannot be built (e.g. its GeoJSON file is missing).

use super::footprint::{
    Footprint, MIN_CELLS_ACROSS, Shape, cells_across, convergence_deg, footprint_stats,
};
use super::layout::footprint_distance;
use super::model::{Limits, SiteModel};
use super::suitability::Terrain;
use crate::finding::{Finding, ObjectRef};
use crate::mission::Context;
use crate::zones::ZoneIndex;

/// Every siting finding of the mission.
pub fn check(ctx: &Context) -> Vec<Finding> {
    let m = &ctx.mission;
    if m.cabins.is_empty() {
        return Vec::new();
    }
    let site = match SiteModel::from_context(ctx) {
        Ok(s) => s,
        Err(e) => return vec![Finding::error("SITE-ZONE", e.to_string())],
    };
    let zones = ZoneIndex::new(&site.zones);
    let mut out = Vec::new();
    let mut placed: Vec<(usize, Footprint)> = Vec::new();
    for (i, cabin) in m.cabins.iter().enumerate() {
        let Some(t) = m.cabin_type(&cabin.cabin_type) else {
            continue; // refused when the mission was loaded
        };
        let object = ObjectRef::cabin(&cabin.id);
        let err = |code: &str, msg: String| {
            Finding::error(code, msg)
                .object(object.clone())
                .at(cabin.lon, cabin.lat)
        };
        let position = ctx
            .to_work(cabin.lon, cabin.lat)
            .map_err(|e| e.to_string())
            .and_then(|p| Ok((p, convergence_deg(ctx, cabin.lon, cabin.lat)?)));
        let ((x, y), conv) = match position {
            Ok(p) => p,
            Err(e) => {
                out.push(err("SITE-CRS", e));
                continue;
            }
        };
        placed.push((
            i,
            Footprint {
                x,
                y,
                grid_heading_deg: cabin.heading_deg + conv,
                shape: Shape::of(t),
            },
        ));
        let fp = placed.last().expect("just pushed").1;
        let limits = Limits::new(m.constraints.as_ref(), t);
        let s = footprint_stats(&fp, &ctx.grid, &site.slope_deg, site.tide_offset_m);
        if s.outside > 0 {
            out.push(err(
                "SITE-OUTSIDE-GRID",
                format!(
                    "{} of the {} grid cells under the footprint lie outside the bathymetry grid",
                    s.outside, s.cells
                ),
            ));
        }
        if s.nodata > 0 {
            out.push(err(
                "SITE-NODATA",
                format!(
                    "{} of the {} grid cells under the footprint have no depth data",
                    s.nodata, s.cells
                ),
            ));
        }
        let across = cells_across(&fp.shape, &ctx.grid.transform);
        if across < MIN_CELLS_ACROSS {
            let cell = ctx.grid.transform.dx.abs().max(ctx.grid.transform.dy.abs());
            out.push(
                Finding::warning(
                    "SITE-RESOLUTION",
                    format!(
                        "the footprint is {:.1} m across its narrowest side on a {cell} m grid ({} grid cell(s) under it): slope and relief under it are not resolved; expected a grid of ≤ {:.1} m (two intervals across)",
                        fp.shape.min_extent(),
                        s.cells,
                        fp.shape.min_extent() / MIN_CELLS_ACROSS
                    ),
                )
                .object(object.clone())
                .at(cabin.lon, cabin.lat),
            );
        }
        if s.cells > s.outside + s.nodata {
            let terrain = Terrain {
                d_min: s.min_depth_m,
                d_max: s.max_depth_m,
                relief: s.relief_m,
                slope: s.max_slope_deg,
            };
            let bits = terrain.failures(&limits);
            use super::model::fail;
            // Where a limit comes from: the mission's constraints, else the cabin type.
            let source = |from_constraints: bool, field: &str| {
                if from_constraints {
                    format!("constraints.{field}")
                } else {
                    format!("cabin type `{}`", t.id)
                }
            };
            if bits & fail::DEPTH != 0 {
                let window = format!(
                    "{}–{} m",
                    limits.min_depth_m.map_or("0".into(), |v| format!("{v}")),
                    limits.max_depth_m.map_or("∞".into(), |v| format!("{v}"))
                );
                out.push(err(
                    "SITE-DEPTH",
                    format!(
                        "seabed under the footprint is {:.2}–{:.2} m deep; the depth window is {window}",
                        s.min_depth_m, s.max_depth_m
                    ),
                ));
            }
            if bits & fail::TOP_CLEARANCE != 0 {
                out.push(err(
                    "SITE-TOP-CLEARANCE",
                    format!(
                        "{:.2} m of water above the cabin top (shallowest {:.2} m − height {} m); at least {} m required",
                        s.min_depth_m - limits.height_m,
                        s.min_depth_m,
                        limits.height_m,
                        limits.min_top_clearance_m.unwrap_or(0.0)
                    ),
                ));
            }
            if bits & fail::SLOPE != 0 {
                out.push(err(
                    "SITE-SLOPE",
                    format!(
                        "seabed slope under the footprint reaches {:.2}°; limit {}° ({})",
                        s.max_slope_deg,
                        limits.max_slope_deg,
                        source(limits.slope_from_constraints, "max_slope_deg")
                    ),
                ));
            }
            if bits & fail::RELIEF != 0 {
                out.push(err(
                    "SITE-RELIEF",
                    format!(
                        "seabed relief under the footprint is {:.2} m; limit {} m ({})",
                        s.relief_m,
                        limits.max_relief_m,
                        source(limits.relief_from_constraints, "max_relief_m")
                    ),
                ));
            }
        }
        let hits: Vec<String> = zones
            .overlapping(&fp.polygon())
            .map(|z| format!("`{}` ({:?})", z.id, z.kind))
            .collect();
        if !hits.is_empty() {
            out.push(err(
                "SITE-EXCLUSION",
                format!(
                    "the footprint enters exclusion zone {} (buffer included)",
                    hits.join(", ")
                ),
            ));
        }
        if let Some(max) = limits.max_cable_m {
            match site.nearest_landing(x, y) {
                Some((id, d)) if d > max => out.push(err(
                    "SITE-CABLE",
                    format!(
                        "{d:.0} m in a straight line to the nearest landing point `{id}`; limit {max} m"
                    ),
                )),
                Some(_) => {}
                None => out.push(err(
                    "SITE-CABLE",
                    format!("constraints.max_cable_m = {max} m but the mission has no [[landing_points]] to measure to"),
                )),
            }
        }
    }
    // Spacing between every pair (edge to edge); zero spacing still forbids overlap.
    for (a, (i, fa)) in placed.iter().enumerate() {
        for (j, fb) in &placed[a + 1..] {
            let (ci, cj) = (&m.cabins[*i], &m.cabins[*j]);
            let t = m.cabin_type(&ci.cabin_type);
            let spacing = t
                .map(|t| Limits::new(m.constraints.as_ref(), t))
                .and_then(|l| l.min_spacing_m)
                .unwrap_or(0.0);
            if (fa.x - fb.x).hypot(fa.y - fb.y) >= spacing + fa.shape.radius() + fb.shape.radius() {
                continue;
            }
            let d = footprint_distance(fa, fb);
            if d < spacing || d == 0.0 {
                out.push(
                    Finding::error(
                        "SITE-SPACING",
                        if d == 0.0 {
                            format!("footprint overlaps cabin {}'s", cj.id)
                        } else {
                            format!(
                                "{d:.2} m edge to edge from cabin {}; at least {spacing} m required",
                                cj.id
                            )
                        },
                    )
                    .object(ObjectRef::cabin(&ci.id))
                    .at(ci.lon, ci.lat),
                );
            }
        }
    }
    out
}
