//! The siting operations on a loaded mission, as the CLI and the planner call them: the
//! suitability map of a cabin type and the automatic layout turned into mission cabins.

use super::DEFAULT_HEADINGS_DEG;
use super::footprint::{Footprint, Shape, convergence_deg};
use super::layout::{LayoutReport, layout};
use super::model::{Limits, SiteModel, SitingError, cabin_type};
use super::suitability::{SuitabilityMap, suitability};
use crate::mission::{Cabin, Context};
use crate::progress::{Report, silent};

/// Meridian convergence at the grid centre (degrees): grid heading = true heading + this.
pub fn grid_convergence(ctx: &Context) -> Result<f64, SitingError> {
    let (x0, y0, x1, y1) = ctx.grid.extent();
    let (lon, lat) = ctx
        .to_lonlat((x0 + x1) / 2.0, (y0 + y1) / 2.0)
        .map_err(|e| SitingError::Crs(e.to_string()))?;
    convergence_deg(ctx, lon, lat).map_err(SitingError::Crs)
}

/// Headings to try (true degrees): `heading` when given, else `constraints.headings_deg`, else
/// [`DEFAULT_HEADINGS_DEG`].
pub fn headings(ctx: &Context, heading: Option<f64>) -> Vec<f64> {
    match heading {
        Some(h) => vec![h],
        None => ctx
            .mission
            .constraints
            .as_ref()
            .and_then(|c| c.headings_deg.clone())
            .unwrap_or_else(|| DEFAULT_HEADINGS_DEG.to_vec()),
    }
}

/// The suitability map of cabin type `type_id` (default: the first) at `heading` (true degrees)
/// or the best of the mission's headings. Returns the map and the convergence used.
pub fn suitability_map(
    ctx: &Context,
    type_id: Option<&str>,
    heading: Option<f64>,
) -> Result<(SuitabilityMap, f64), SitingError> {
    suitability_map_reporting(ctx, type_id, heading, &silent)
}

/// [`suitability_map`], telling `progress` the bands of rows done over all headings.
pub fn suitability_map_reporting(
    ctx: &Context,
    type_id: Option<&str>,
    heading: Option<f64>,
    progress: Report,
) -> Result<(SuitabilityMap, f64), SitingError> {
    let t = cabin_type(ctx, type_id)?;
    let site = SiteModel::from_context(ctx)?;
    let conv = grid_convergence(ctx)?;
    let grid_headings: Vec<f64> = headings(ctx, heading).iter().map(|h| h + conv).collect();
    let limits = Limits::new(ctx.mission.constraints.as_ref(), t);
    Ok((
        suitability(&site, &limits, Shape::of(t), &grid_headings, progress),
        conv,
    ))
}

/// Lays out `n` cabins of type `type_id` (default: the first). With `replace` the mission's
/// cabins are ignored (and meant to be replaced); otherwise the new cabins keep clear of them.
/// They always keep clear of the wind farm's turbines.
/// Returns the report and the new cabins (ids `C<k>` not yet used, true headings in [0, 360)).
pub fn layout_cabins(
    ctx: &Context,
    type_id: Option<&str>,
    n: usize,
    replace: bool,
) -> Result<(LayoutReport, Vec<Cabin>), SitingError> {
    let t = cabin_type(ctx, type_id)?;
    let site = SiteModel::from_context(ctx)?;
    let conv = grid_convergence(ctx)?;
    let grid_headings: Vec<f64> = headings(ctx, None).iter().map(|h| h + conv).collect();
    let limits = Limits::new(ctx.mission.constraints.as_ref(), t);
    let mut existing = Vec::new();
    if !replace {
        for c in &ctx.mission.cabins {
            let Some(ct) = ctx.mission.cabin_type(&c.cabin_type) else {
                continue;
            };
            let (x, y) = ctx
                .to_work(c.lon, c.lat)
                .map_err(|e| SitingError::Crs(format!("cabin `{}`: {e}", c.id)))?;
            let conv_c = convergence_deg(ctx, c.lon, c.lat).map_err(SitingError::Crs)?;
            existing.push(Footprint {
                x,
                y,
                grid_heading_deg: c.heading_deg + conv_c,
                shape: Shape::of(ct),
            });
        }
    }
    // Turbines are kept clear by the rule of `WIND-LAYOUT` (a hub at least the cabin's
    // half-diagonal + min_spacing_m from its centre): each hub becomes a circle of the new cabin's
    // half-diagonal, which the layout keeps min_spacing_m away from, like a cabin.
    if let Some(farm) = &ctx.mission.wind_farm {
        let radius = match Shape::of(t) {
            Shape::Rect { length, width } => 0.5 * length.hypot(width),
            Shape::Circle { diameter } => 0.5 * diameter,
        };
        for (i, p) in farm.positions.iter().enumerate() {
            let (x, y) = ctx
                .to_work(p[0], p[1])
                .map_err(|e| SitingError::Crs(format!("turbine {}: {e}", i + 1)))?;
            existing.push(Footprint {
                x,
                y,
                grid_heading_deg: 0.0,
                shape: Shape::Circle {
                    diameter: 2.0 * radius,
                },
            });
        }
    }
    let report = layout(&site, &limits, Shape::of(t), &grid_headings, n, &existing);
    let mut taken: Vec<String> = if replace {
        Vec::new()
    } else {
        ctx.mission.cabins.iter().map(|c| c.id.clone()).collect()
    };
    let mut cabins = Vec::new();
    let mut k = 1;
    for p in &report.placed {
        let (lon, lat) = ctx
            .to_lonlat(p.x, p.y)
            .map_err(|e| SitingError::Crs(e.to_string()))?;
        let conv_c = convergence_deg(ctx, lon, lat).map_err(SitingError::Crs)?;
        while taken.contains(&format!("C{k}")) {
            k += 1;
        }
        let id = format!("C{k}");
        taken.push(id.clone());
        cabins.push(Cabin {
            id,
            cabin_type: t.id.clone(),
            lon,
            lat,
            heading_deg: true_heading(p.grid_heading_deg - conv_c),
        });
    }
    Ok((report, cabins))
}

/// A heading in [0°, 360°) to 0.01°, far finer than any set-down tolerance (±2°, domain-reference
/// §5), so that grid convergence leaves 0° as 0° and not 359.99999999°.
fn true_heading(deg: f64) -> f64 {
    ((deg * 100.0).round() / 100.0).rem_euclid(360.0) + 0.0
}

#[cfg(test)]
mod tests {
    use super::true_heading;

    #[test]
    fn headings_wrap_and_round() {
        assert_eq!(true_heading(-1e-9), 0.0);
        assert_eq!(true_heading(359.999_999), 0.0);
        assert_eq!(true_heading(-30.0), 330.0);
        assert_eq!(true_heading(90.123_4), 90.12);
    }
}
