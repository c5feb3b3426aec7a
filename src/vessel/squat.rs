//! Ship squat by Barrass: the extra sinkage of a ship under way in shallow water.
//!
//! C. B. Barrass, *Ship Squat and Interaction* (Witherby, 2004) and Barrass & Derrett, *Ship
//! Stability for Masters and Mates* (7th ed., 2012, ch. "Ship squat"); domain-reference §5:
//!
//! `S_max = K · Cb · V² / 100` (m, V through the water in knots), with the blockage factor
//! `S = (b · T) / (B · h)` (ship's midship section over the channel's cross-section: beam `b`,
//! draught `T`, channel width `B`, water depth `h`) and `K = 5.74 · S^0.76`, bounded to
//! `1 ≤ K ≤ 2`: `K = 1` is open water (`Cb·V²/100`), `K = 2` a confined channel (`Cb·V²/50`).
//!
//! Where the water deep enough for the ship is wider than Barrass's *width of influence*
//! `F_B = (7.04 / Cb^0.85) · b`, the ship is in open water: the channel width in the blockage is
//! capped at `F_B`, which with the usual depth/draught ratios (1.1–1.4) gives K ≈ 1.

/// Range of depth over draught h/T for which Barrass states his formula (Barrass 2004, ch. 3:
/// "for h/T from 1.1 to 1.4"). Shallower, the ship is close to touching and the formula may
/// under-predict; deeper, squat shrinks quickly and the formula is extrapolated.
pub const BARRASS_H_OVER_T: [f64; 2] = [1.1, 1.4];

/// Metres per second in knots (1 kn = 1852 m / 3600 s).
const KN_PER_MS: f64 = 3600.0 / 1852.0;

/// Speed through the water (kn) of a ship keeping `sog_kn` over the ground against a head
/// current of `current_ms`: squat depends on the speed through the water (Barrass 2004), and a
/// head current is the worst case for a planned speed over the ground.
pub fn speed_through_water_kn(sog_kn: f64, current_ms: f64) -> f64 {
    sog_kn + current_ms.max(0.0) * KN_PER_MS
}

/// Barrass's width of influence (m): beyond it the banks do not affect squat.
pub fn width_of_influence_m(beam_m: f64, block_coefficient: f64) -> f64 {
    7.04 / block_coefficient.powf(0.85) * beam_m
}

/// The Barrass factor `K` from the blockage factor `S`, bounded to [1, 2].
pub fn barrass_k(blockage: f64) -> f64 {
    (5.74 * blockage.max(0.0).powf(0.76)).clamp(1.0, 2.0)
}

/// Maximum squat (m) by Barrass: `K · Cb · V² / 100`.
///
/// `channel_width_m` is the width of water deep enough for the ship around it (capped at the
/// width of influence); `depth_m` the water depth. A depth not larger than the draught gives the
/// confined value (K = 2): the ship is aground anyway and the UKC rule reports it.
pub fn barrass_squat_m(
    block_coefficient: f64,
    speed_kn: f64,
    beam_m: f64,
    draught_m: f64,
    depth_m: f64,
    channel_width_m: f64,
) -> f64 {
    let width = channel_width_m
        .min(width_of_influence_m(beam_m, block_coefficient))
        .max(beam_m);
    let k = if depth_m <= draught_m {
        2.0
    } else {
        barrass_k(beam_m * draught_m / (width * depth_m))
    };
    k * block_coefficient * speed_kn * speed_kn / 100.0
}

/// Barrass's confined-channel squat (K = 2): `Cb · V² / 50` (m), the largest his formula gives;
/// the planner uses it so that a planned route passes the route check wherever water is confined.
pub fn confined_squat_m(block_coefficient: f64, speed_kn: f64) -> f64 {
    2.0 * block_coefficient * speed_kn * speed_kn / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_current_adds_to_the_speed_through_the_water() {
        // 1 m/s = 3600/1852 kn = 1.944 kn.
        assert!((speed_through_water_kn(10.0, 1.0) - 11.943_844_5).abs() < 1e-6);
        assert_eq!(speed_through_water_kn(10.0, 0.0), 10.0);
    }

    #[test]
    fn open_water_is_cb_v2_over_100() {
        // Barrass's worked example style: Cb 0.8, 10 kn, open water → 0.80 m.
        let s = barrass_squat_m(0.8, 10.0, 30.0, 6.0, 8.0, 10_000.0);
        assert!((s - 0.8).abs() < 1e-12, "{s}");
    }

    #[test]
    fn narrow_channel_doubles_it() {
        // Channel 60 m wide, depth 7 m, beam 30, draught 6: S = 180/420 = 0.43 → K capped at 2.
        let s = barrass_squat_m(0.8, 10.0, 30.0, 6.0, 7.0, 60.0);
        assert!((s - 1.6).abs() < 1e-12, "{s}");
    }

    #[test]
    fn k_grows_with_blockage_between_the_bounds() {
        // S = 0.2: K = 5.74 · 0.2^0.76 = 1.69.
        assert!((barrass_k(0.2) - 5.74 * 0.2f64.powf(0.76)).abs() < 1e-12);
        assert!(barrass_k(0.2) > 1.0 && barrass_k(0.2) < 2.0);
        assert_eq!(barrass_k(0.05), 1.0);
        assert_eq!(barrass_k(0.5), 2.0);
    }

    #[test]
    fn width_of_influence_for_a_full_ship() {
        // Cb 0.8, beam 40 m: 7.04 / 0.8^0.85 · 40 ≈ 340 m.
        let f = width_of_influence_m(40.0, 0.8);
        assert!((f - 340.6).abs() < 1.0, "{f}");
    }
}
