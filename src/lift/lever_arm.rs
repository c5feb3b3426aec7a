//! GNSS lever arms: where the hook is, given where the antenna is.
//!
//! Body frame (SNAME / Fossen, *Handbook of Marine Craft Hydrodynamics*, 2011, ch. 2): x forward,
//! y starboard, z down; world frame north-east-down. The rotation body → world is
//! R = Rz(ψ)·Ry(θ)·Rx(φ) (heading ψ, pitch θ bow up, roll φ starboard down), and a point p_b
//! on the vessel lies at p_w = p_antenna,w + R·(p_b − p_antenna,b). Mission files give vessel
//! points as `[x_fwd, y_stbd, z_up]`; z is negated on the way in.

use nalgebra::{Rotation3, Vector3};

/// A vessel attitude: heading, pitch and roll in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Attitude {
    /// Heading (degrees clockwise from true north).
    pub heading_deg: f64,
    /// Pitch (degrees, bow up positive).
    pub pitch_deg: f64,
    /// Roll (degrees, starboard down positive).
    pub roll_deg: f64,
}

/// The body → north-east-down rotation for an attitude.
pub fn rotation(a: Attitude) -> Rotation3<f64> {
    Rotation3::from_euler_angles(
        a.roll_deg.to_radians(),
        a.pitch_deg.to_radians(),
        a.heading_deg.to_radians(),
    )
}

/// A `[x_fwd, y_stbd, z_up]` file point as a body-frame (z down) vector.
pub fn body(p: [f64; 3]) -> Vector3<f64> {
    Vector3::new(p[0], p[1], -p[2])
}

/// The hook (boom-tip plumb point) in the vessel frame `[x_fwd, y_stbd, z_up]`: the slew centre
/// moved `radius_m` along the slew direction (degrees clockwise from the bow).
pub fn hook_in_vessel(pedestal: [f64; 3], radius_m: f64, slew_deg: f64) -> [f64; 3] {
    let (s, c) = slew_deg.to_radians().sin_cos();
    [
        pedestal[0] + radius_m * c,
        pedestal[1] + radius_m * s,
        pedestal[2],
    ]
}

/// North and east offset (m) of a vessel point from the GNSS antenna in the world frame.
pub fn offset_north_east(antenna: [f64; 3], point: [f64; 3], a: Attitude) -> (f64, f64) {
    let w = rotation(a) * (body(point) - body(antenna));
    (w.x, w.y)
}

/// Working-CRS easting/northing of a vessel point, given the antenna's easting/northing, the
/// attitude, and the meridian convergence γ in the convention of
/// [`crate::geodesy::meridian_convergence_deg`]: the grid bearing of true north (degrees
/// clockwise from grid north), so that grid bearing = true bearing + γ. The true north-east
/// offsets are turned clockwise by γ.
pub fn point_on_map(
    antenna_en: (f64, f64),
    antenna: [f64; 3],
    point: [f64; 3],
    a: Attitude,
    convergence_deg: f64,
) -> (f64, f64) {
    let (n, e) = offset_north_east(antenna, point, a);
    let (s, c) = convergence_deg.to_radians().sin_cos();
    // A true bearing β becomes the grid bearing β + γ: (e, n) turned clockwise by γ.
    let e_g = e * c + n * s;
    let n_g = n * c - e * s;
    (antenna_en.0 + e_g, antenna_en.1 + n_g)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn att(h: f64, p: f64, r: f64) -> Attitude {
        Attitude {
            heading_deg: h,
            pitch_deg: p,
            roll_deg: r,
        }
    }

    #[test]
    fn heading_90_turns_forward_into_east() {
        // Hook 50 m forward and 10 m to starboard of the antenna; heading east: the hook lies
        // 50 m east and 10 m south.
        let (n, e) = offset_north_east([0.0; 3], [50.0, 10.0, 0.0], att(90.0, 0.0, 0.0));
        assert!(
            (e - 50.0).abs() < 1e-9 && (n + 10.0).abs() < 1e-9,
            "{n} {e}"
        );
        let (n, e) = offset_north_east([0.0; 3], [50.0, 10.0, 0.0], att(0.0, 0.0, 0.0));
        assert!((n - 50.0).abs() < 1e-9 && (e - 10.0).abs() < 1e-9);
        let (x, y) = point_on_map(
            (1000.0, 2000.0),
            [0.0; 3],
            [50.0, 10.0, 0.0],
            att(90.0, 0.0, 0.0),
            0.0,
        );
        assert!((x - 1050.0).abs() < 1e-9 && (y - 1990.0).abs() < 1e-9);
    }

    #[test]
    fn roll_moves_a_high_point_to_starboard() {
        // A boom tip 40 m above the antenna, 5° starboard-down roll: 40·sin 5° to starboard.
        let (n, e) = offset_north_east([0.0; 3], [0.0, 0.0, 40.0], att(0.0, 0.0, 5.0));
        assert!(n.abs() < 1e-9);
        assert!((e - 40.0 * 5f64.to_radians().sin()).abs() < 1e-9, "{e}");
        // Pitch bow up moves a high point aft (south for heading north).
        let (n, _) = offset_north_east([0.0; 3], [0.0, 0.0, 40.0], att(0.0, 3.0, 0.0));
        assert!((n + 40.0 * 3f64.to_radians().sin()).abs() < 1e-9, "{n}");
    }

    #[test]
    fn hook_from_slew_and_radius() {
        let h = hook_in_vessel([-60.0, 0.0, 90.0], 30.0, 90.0);
        assert!((h[0] + 60.0).abs() < 1e-9 && (h[1] - 30.0).abs() < 1e-9 && h[2] == 90.0);
    }

    #[test]
    fn convergence_rotates_into_grid_axes() {
        // A point 100 m true north, grid north 1° east of true north (true north at grid bearing
        // −1°, east of a UTM zone's central meridian in the north): on the grid it is slightly
        // west of the grid meridian.
        let (x, y) = point_on_map(
            (0.0, 0.0),
            [0.0; 3],
            [100.0, 0.0, 0.0],
            att(0.0, 0.0, 0.0),
            -1.0,
        );
        assert!(x < 0.0 && (x + 100.0 * 1f64.to_radians().sin()).abs() < 1e-9);
        assert!((y - 100.0 * 1f64.to_radians().cos()).abs() < 1e-9);
    }
}
