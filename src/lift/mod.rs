#![warn(missing_docs)]
//! Lifting and lowering the cabins: crane capacity and hook height, lowering phases, touchdown
//! drift in a current, pendulum resonance, weather windows with DNV-ST-N001 alpha factors, GNSS
//! lever arms and the as-placed check. One file per concern; [`check`] turns a mission into
//! findings (`LIFT-*`).

pub mod alpha;
pub mod assess;
pub mod crane;
pub mod drift;
pub mod lever_arm;
pub mod lowering;
pub mod pendulum;
pub mod placement;
#[cfg(test)]
mod testutil;
pub mod windows;

pub use assess::{CabinLift, LiftSetup};

use crate::finding::{Finding, ObjectRef};
use crate::mission::Context;

/// The lift setup of a mission: `None` without a `[lift]` plan; an error finding when the plan
/// has no crane to lift with.
pub fn setup(ctx: &Context) -> Option<Result<LiftSetup<'_>, Finding>> {
    let m = &ctx.mission;
    let plan = m.lift.as_ref()?;
    let Some((vessel, crane)) = m
        .vessel
        .as_ref()
        .and_then(|v| v.crane.as_ref().map(|c| (v, c)))
    else {
        return Some(Err(Finding::error(
            "LIFT-CRANE",
            "the mission has a [lift] plan but no [vessel.crane]: expected the crane's load chart, hook height and speeds",
        )
        .object(ObjectRef::Vessel)));
    };
    Some(Ok(LiftSetup {
        vessel,
        crane,
        plan,
        metocean: m.metocean.clone().unwrap_or_default(),
    }))
}

/// Assesses the lift of every cabin (or only `only`) with a depth at its position. Cabins outside
/// the grid are skipped (`MISSION-OUTSIDE-GRID` reports them).
pub fn cabin_lifts(
    ctx: &Context,
    setup: &LiftSetup<'_>,
    only: Option<&str>,
) -> Vec<(CabinLift, (f64, f64))> {
    let m = &ctx.mission;
    let mut out = Vec::new();
    for c in m.cabins.iter().filter(|c| only.is_none_or(|id| c.id == id)) {
        let Some(t) = m.cabin_type(&c.cabin_type) else {
            continue;
        };
        let Some(depth) = ctx
            .to_work(c.lon, c.lat)
            .ok()
            .and_then(|(x, y)| ctx.depth_at(x, y))
        else {
            continue;
        };
        out.push((setup.assess(&c.id, t, depth), (c.lon, c.lat)));
    }
    out
}

/// Lift rules: `LIFT-CRANE` (no crane), `LIFT-SWL` (hook load above the SWL at the radius, or the
/// radius beyond the load chart), `LIFT-HEIGHT` (hook height at the radius), `LIFT-GEOMETRY`
/// (crane inputs that contradict each other), `LIFT-RADIUS` (the cabin would
/// hit the hull), `LIFT-BUOYANT` (the cabin floats), `LIFT-DRIFT` (touchdown offset at the
/// design current beyond the tolerance), `LIFT-NO-DRAG` (offset not computed), `LIFT-RESONANCE`
/// (either mode of the swing, in air or submerged, near the wave periods), `LIFT-UNRESTRICTED` (T_POP > 72 h),
/// `LIFT-ALPHA-TABLE` (table unreadable) and `LIFT-PLACEMENT` (as placed outside the tolerance).
pub fn check(ctx: &Context) -> Vec<Finding> {
    let setup = match setup(ctx) {
        None => return Vec::new(),
        Some(Err(f)) => return vec![f],
        Some(Ok(s)) => s,
    };
    let mut out: Vec<Finding> = crane::hook_height_at(setup.crane, setup.plan.radius_m)
        .conflicts
        .into_iter()
        .map(|c| {
            Finding::warning("LIFT-GEOMETRY", format!("contradictory crane inputs: {c}"))
                .object(ObjectRef::Vessel)
        })
        .collect();
    for (a, (lon, lat)) in cabin_lifts(ctx, &setup, None) {
        let obj = ObjectRef::cabin(&a.cabin);
        out.extend(
            cabin_findings(&a)
                .into_iter()
                .map(|f| f.object(obj.clone()).at(lon, lat)),
        );
    }
    let plan = setup.plan;
    for op in &plan.operations {
        if op.duration_h > alpha::MAX_T_POP_H {
            out.push(
                Finding::warning(
                    "LIFT-UNRESTRICTED",
                    format!(
                        "T_POP {} h exceeds 72 h: not a weather-restricted operation (DNV-ST-N001 sec. 2.6.7); design to extreme-value statistics instead of forecast windows",
                        op.duration_h
                    ),
                )
                .object(ObjectRef::Operation(op.name.clone())),
            );
        }
    }
    if let Some(p) = &plan.alpha_table
        && let Err(e) = alpha::read(&ctx.resolve(p))
    {
        out.push(
            Finding::error("LIFT-ALPHA-TABLE", e.to_string())
                .object(ObjectRef::field("lift.alpha_table")),
        );
    }
    for fix in &plan.as_placed {
        let obj = ObjectRef::cabin(&fix.cabin);
        let Some(cabin) = ctx.mission.cabins.iter().find(|c| c.id == fix.cabin) else {
            out.push(
                Finding::error(
                    "LIFT-PLACEMENT",
                    format!("as-placed fix for unknown cabin `{}`", fix.cabin),
                )
                .object(obj.clone()),
            );
            continue;
        };
        match placement::place(ctx, setup.crane, plan, fix, cabin) {
            Ok(p) if !p.within_tolerance => out.push(
                Finding::error(
                    "LIFT-PLACEMENT",
                    format!(
                        "placed {:.2} m from the target, heading error {:+.1}°: tolerance ±{} m, ±{}°",
                        p.distance_m, p.heading_error_deg, plan.tolerance_m, plan.heading_tolerance_deg
                    ),
                )
                .object(obj.clone())
                .at(cabin.lon, cabin.lat),
            ),
            Ok(_) => {}
            Err(e) => out.push(Finding::error("LIFT-PLACEMENT", e).object(obj)),
        }
    }
    out
}

/// Findings of one cabin's assessment (without object and location).
pub fn cabin_findings(a: &CabinLift) -> Vec<Finding> {
    let mut out = Vec::new();
    for l in &a.loads {
        match (l.swl_t, l.utilisation) {
            (Some(swl), Some(u)) if u > 1.0 => out.push(Finding::error(
                "LIFT-SWL",
                format!(
                    "{}: hook load {:.0} t exceeds the SWL {:.0} t at {} m radius (utilisation {:.0} %)",
                    l.phase,
                    l.hook_load_t,
                    swl,
                    a.radius_m,
                    u * 100.0
                ),
            )),
            (None, _) => {
                out.push(Finding::error(
                    "LIFT-SWL",
                    format!(
                        "radius {} m lies outside the crane's load chart: no rating",
                        a.radius_m
                    ),
                ));
                break;
            }
            _ => {}
        }
    }
    if a.hook_height_needed_m > a.hook_height_available_m {
        out.push(Finding::error(
            "LIFT-HEIGHT",
            format!(
                "needs {:.1} m of hook height above the deck (cabin + rigging + clearance); the crane reaches {:.1} m at {} m radius",
                a.hook_height_needed_m, a.hook_height_available_m, a.radius_m
            ),
        ));
    }
    if a.radius_m < a.radius_needed_m {
        out.push(Finding::error(
            "LIFT-RADIUS",
            format!(
                "at {} m radius the cabin hangs over the hull: it needs at least {:.1} m",
                a.radius_m, a.radius_needed_m
            ),
        ));
    }
    if a.submerged_mass_t <= 0.0 {
        out.push(Finding::error(
            "LIFT-BUOYANT",
            format!(
                "submerged mass {:.1} t: the cabin floats; expected ballast to make it sink",
                a.submerged_mass_t
            ),
        ));
    }
    match a.touchdown_offset_m {
        Some(off) if off > a.tolerance_m => out.push(Finding::error(
            "LIFT-DRIFT",
            format!(
                "touchdown offset {:.2} m at {} m/s surface current exceeds the ±{} m tolerance (largest current within it: {})",
                off,
                a.design_current_ms,
                a.tolerance_m,
                a.max_current_ms.map_or("none computed".into(), |u| format!("{u:.2} m/s"))
            ),
        )),
        None if a.submerged_mass_t > 0.0 => out.push(Finding::info(
            "LIFT-NO-DRAG",
            format!(
                "cabin type {} has no `drag` data: touchdown offset not computed",
                a.cabin_type
            ),
        )),
        _ => {}
    }
    for p in a.pendulum.iter().filter(|p| p.near_resonance) {
        out.push(Finding::warning(
            "LIFT-RESONANCE",
            format!(
                "{}, mode {}: pendulum period {:.1}–{:.1} s (falls {:.1}–{:.1} m from the boom tip, hook to centre of gravity {:.1} m) meets the site's wave periods",
                p.phase,
                p.mode,
                p.period_s[0],
                p.period_s[1],
                p.falls_m[0],
                p.falls_m[1],
                p.hook_to_cog_m
            ),
        ));
    }
    out
}
