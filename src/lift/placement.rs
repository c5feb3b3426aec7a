//! As-placed check: the hook's map position from the vessel's GNSS fix and attitude through the
//! lever arms, compared with the cabin's target position and heading.

use super::lever_arm::{self, Attitude};
use crate::mission::{AsPlaced, Cabin, Context, Crane, LiftPlan};
use serde::Serialize;

/// The placement of one cabin against its target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Placement {
    /// The cabin's id.
    pub cabin: String,
    /// Easting of the hook (and so of the landed cabin), working CRS (m).
    pub hook_x: f64,
    /// Northing of the hook (working CRS, m).
    pub hook_y: f64,
    /// Horizontal distance from the target (m).
    pub distance_m: f64,
    /// Measured minus planned cabin heading, in (−180°, 180°].
    pub heading_error_deg: f64,
    /// Within both the horizontal and the heading tolerance of the lift plan.
    pub within_tolerance: bool,
}

/// Places the hook for an as-placed fix and compares it with `cabin`'s target.
pub fn place(
    ctx: &Context,
    crane: &Crane,
    plan: &LiftPlan,
    fix: &AsPlaced,
    cabin: &Cabin,
) -> Result<Placement, String> {
    let antenna = ctx.to_work(fix.lon, fix.lat).map_err(|e| e.to_string())?;
    let gamma = ctx
        .meridian_convergence_deg(fix.lon, fix.lat)
        .map_err(|e| e.to_string())?;
    let hook = lever_arm::hook_in_vessel(
        crane.pedestal_fwd_stbd_up_m,
        fix.radius_m.unwrap_or(plan.radius_m),
        fix.slew_deg.unwrap_or(plan.slew_deg),
    );
    let att = Attitude {
        heading_deg: fix.heading_deg,
        pitch_deg: fix.pitch_deg,
        roll_deg: fix.roll_deg,
    };
    let (hx, hy) =
        lever_arm::point_on_map(antenna, crane.gnss_antenna_fwd_stbd_up_m, hook, att, gamma);
    let (tx, ty) = ctx
        .to_work(cabin.lon, cabin.lat)
        .map_err(|e| e.to_string())?;
    let distance_m = (hx - tx).hypot(hy - ty);
    let heading_error_deg = wrap_deg(fix.cabin_heading_deg - cabin.heading_deg);
    Ok(Placement {
        cabin: cabin.id.clone(),
        hook_x: hx,
        hook_y: hy,
        distance_m,
        heading_error_deg,
        within_tolerance: distance_m <= plan.tolerance_m
            && heading_error_deg.abs() <= plan.heading_tolerance_deg,
    })
}

/// An angle in degrees wrapped into (−180, 180].
pub fn wrap_deg(a: f64) -> f64 {
    let w = a.rem_euclid(360.0);
    if w > 180.0 { w - 360.0 } else { w }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_angles() {
        assert_eq!(wrap_deg(359.0), -1.0);
        assert_eq!(wrap_deg(-181.0), 179.0);
        assert_eq!(wrap_deg(180.0), 180.0);
        assert_eq!(wrap_deg(2.5), 2.5);
    }
}
