//! Where the vessel, the crane tip and the hook are now, and how far the hook is from the
//! selected cabin's target.
//!
//! Each vessel point is moved from the GNSS antenna by the lever arm turned into north-east-down
//! by the attitude ([`crate::lift::lever_arm`], Fossen 2011 ch. 2), then carried along the
//! geodesic of that azimuth and length (Karney 2013 via [`crate::geodesy`]), so the result is in
//! WGS 84 lon/lat whatever the working CRS. The hook hangs plumb under the boom tip: the two share
//! a plan position, the tip also has a height. Distance and initial bearing from hook to target
//! are geodesic; within a site they agree with the working-CRS distance of the as-placed check
//! (`lift::placement`) to the grid scale factor (≤ 0.04 % in UTM).
//!
//! Without a heading (HDT, HDG or PASHR) a single antenna cannot place the lever arms: no crane
//! position is given. Roll and pitch come from the newest `$PASHR` sample within
//! [`ATTITUDE_MAX_SKEW_MS`] of the fix; otherwise the vessel is taken as level.

use crate::formats::nmea::{AttitudeSample, Fix};
use crate::geodesy::{geodesic_destination, geodesic_inverse};
use crate::lift::lever_arm::{self, Attitude};
use crate::lift::placement::wrap_deg;
use crate::mission::{AsPlaced, Cabin, Crane, LiftPlan};
use chrono::Timelike;

/// Largest time difference (ms) between a fix and the attitude sample used with it.
pub const ATTITUDE_MAX_SKEW_MS: u32 = 2_000;

/// The vessel and crane set-up the positions are computed for.
#[derive(Clone, Copy, Debug)]
pub struct Rig<'a> {
    /// The crane: pedestal and GNSS antenna positions on the vessel.
    pub crane: &'a Crane,
    /// The lift plan: radius, slew and tolerances.
    pub plan: &'a LiftPlan,
    /// Length overall (m), for the outline.
    pub length_m: f64,
    /// Beam (m), for the outline.
    pub beam_m: f64,
    /// The cabin's heading minus the vessel's as rigged on the hook (degrees); 0 when the cabin
    /// hangs fore-and-aft. With no hook-mounted heading sensor this is what relates the vessel's
    /// heading to the cabin's.
    pub cabin_offset_deg: f64,
}

/// The hook against a cabin's target.
#[derive(Clone, Debug, PartialEq)]
pub struct ToTarget {
    /// The cabin's id.
    pub cabin: String,
    /// Geodesic distance hook → target (m).
    pub distance_m: f64,
    /// Initial true bearing hook → target (degrees).
    pub bearing_deg: f64,
    /// Cabin heading (vessel heading + rigging offset) minus the planned heading, (−180, 180].
    pub heading_error_deg: f64,
    /// Within the plan's horizontal and heading tolerances.
    pub within_tolerance: bool,
}

/// Live positions, WGS 84 lon/lat.
#[derive(Clone, Debug, PartialEq)]
pub struct LivePositions {
    /// The GNSS antenna (the fix's position).
    pub antenna: (f64, f64),
    /// The attitude used: heading from the attitude sensor or the fix; roll and pitch from the
    /// sensor when its sample is within [`ATTITUDE_MAX_SKEW_MS`] of the fix, else 0.
    pub attitude: Attitude,
    /// Whether roll and pitch came from an attitude sensor (else level).
    pub measured_attitude: bool,
    /// The vessel-frame origin (amidships, centreline, waterline).
    pub reference: (f64, f64),
    /// Hull rectangle corners: bow port, bow starboard, stern starboard, stern port.
    pub outline: [(f64, f64); 4],
    /// Boom tip at the plan's radius and slew.
    pub tip: (f64, f64),
    /// Height of the boom tip above the waterline (m).
    pub tip_height_m: f64,
    /// The hook (plumb under the tip).
    pub hook: (f64, f64),
    /// The hook against the cabin's target, when a cabin was given.
    pub target: Option<ToTarget>,
}

/// Places the vessel, tip and hook for a fix, with `cabin`'s target when given. `None` without
/// a heading.
pub fn locate(
    rig: &Rig,
    fix: &Fix,
    attitude: Option<&AttitudeSample>,
    cabin: Option<&Cabin>,
) -> Option<LivePositions> {
    let fix_ms = fix.time.num_seconds_from_midnight() * 1000 + fix.time.nanosecond() / 1_000_000;
    // Times of day: a skew across midnight counts the short way round.
    let paired = attitude.filter(|a| {
        let d = a.ms.abs_diff(fix_ms) % 86_400_000;
        d.min(86_400_000 - d) <= ATTITUDE_MAX_SKEW_MS
    });
    let heading = paired.map(|a| a.heading_deg).or(fix.heading_deg)?;
    let att = Attitude {
        heading_deg: heading,
        pitch_deg: paired.map_or(0.0, |a| a.pitch_deg),
        roll_deg: paired.map_or(0.0, |a| a.roll_deg),
    };
    let antenna = rig.crane.gnss_antenna_fwd_stbd_up_m;
    let at = |p: [f64; 3]| vessel_point(fix.lon, fix.lat, antenna, p, att);
    let (hl, hb) = (rig.length_m / 2.0, rig.beam_m / 2.0);
    let tip_v = lever_arm::hook_in_vessel(
        rig.crane.pedestal_fwd_stbd_up_m,
        rig.plan.radius_m,
        rig.plan.slew_deg,
    );
    let tip = at(tip_v);
    let tip_height_m = -(lever_arm::rotation(att) * lever_arm::body(tip_v)).z;
    let target = cabin.map(|c| {
        let b = geodesic_inverse(tip.0, tip.1, c.lon, c.lat);
        let heading_error_deg = wrap_deg(heading + rig.cabin_offset_deg - c.heading_deg);
        ToTarget {
            cabin: c.id.clone(),
            distance_m: b.distance_m,
            bearing_deg: b.bearing_deg,
            heading_error_deg,
            within_tolerance: b.distance_m <= rig.plan.tolerance_m
                && heading_error_deg.abs() <= rig.plan.heading_tolerance_deg,
        }
    });
    Some(LivePositions {
        antenna: (fix.lon, fix.lat),
        attitude: att,
        measured_attitude: paired.is_some(),
        reference: at([0.0; 3]),
        outline: [
            at([hl, -hb, 0.0]),
            at([hl, hb, 0.0]),
            at([-hl, hb, 0.0]),
            at([-hl, -hb, 0.0]),
        ],
        tip,
        tip_height_m,
        hook: tip,
        target,
    })
}

/// The lon/lat of a vessel point `p` given the antenna's lon/lat and body position.
fn vessel_point(lon: f64, lat: f64, antenna: [f64; 3], p: [f64; 3], a: Attitude) -> (f64, f64) {
    let (n, e) = lever_arm::offset_north_east(antenna, p, a);
    geodesic_destination(lon, lat, e.atan2(n).to_degrees(), n.hypot(e))
}

/// The as-placed record of `cabin` at touchdown: the antenna fix and attitude, the plan's slew
/// and radius, and the cabin heading from the vessel heading and the rigging offset. Stored in
/// `lift.as_placed`, it is what the `LIFT-PLACEMENT` check reads.
pub fn as_placed(pos: &LivePositions, cabin: &str, cabin_offset_deg: f64) -> AsPlaced {
    AsPlaced {
        cabin: cabin.to_string(),
        lon: pos.antenna.0,
        lat: pos.antenna.1,
        heading_deg: pos.attitude.heading_deg,
        roll_deg: pos.attitude.roll_deg,
        pitch_deg: pos.attitude.pitch_deg,
        slew_deg: None,
        radius_m: None,
        cabin_heading_deg: (pos.attitude.heading_deg + cabin_offset_deg).rem_euclid(360.0),
    }
}
