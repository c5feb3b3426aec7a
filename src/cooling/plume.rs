//! The far-field thermal plume of a cabin in a uniform tidal current.
//!
//! Model: a continuous point source of heat on the seabed in a uniform current U, spreading
//! laterally by ocean turbulence and vertically until it fills the water depth H. The excess
//! temperature at the seabed downstream is the Gaussian plume (Fischer et al., *Mixing in Inland
//! and Coastal Waters*, 1979, §5.1 and eq. 5.9) with the seabed reflecting:
//!
//!   ΔT(x, y) = P / (ρ·c_p·U·h·√(2π)·σ_y(t)) · exp(−y² / 2σ_y²),  t = x / U,
//!   h = min(H, √(π/2)·σ_z),  σ_z = √(2·K_z·t),
//!
//! where h is the thickness that gives the reflected vertical Gaussian's value at the bed
//! (2/(√(2π)·σ_z) = 1/h), so the plume is not diluted over the whole depth before it has spread
//! through it. Lateral spread from Okubo's oceanic diffusion diagram (A. Okubo, "Oceanic
//! diffusion diagrams", Deep-Sea Research 18, 1971): σ_rc² = 0.0108·t^2.34 (cm², t in s), with
//! σ_rc² = 2σ_y² for a symmetric patch. K_z is the vertical eddy diffusivity (10⁻³–10⁻¹ m²/s in
//! tidally mixed shelf seas: Simpson & Sharples, *Introduction to the Physical and Biological
//! Oceanography of Shelf Seas*, 2012, ch. 4). A pumped discharge cannot be warmer than its own outlet, so ΔT is capped
//! at the discharge rise; a thermosiphon has no outlet and no cap (its near field lies inside the
//! mixing zone). Upstream of the source (x ≤ 0), ΔT = 0.

use super::{CP_SEAWATER, RHO_SEAWATER};

/// Okubo (1971) lateral standard deviation σ (m) of a patch of age `t_s` seconds:
/// 2σ² = 0.0108·t^2.34 cm².
pub fn okubo_sigma_m(t_s: f64) -> f64 {
    (0.0108 * t_s.powf(2.34) / 2.0).sqrt() / 100.0
}

/// One cabin's heat discharge into the current.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plume {
    /// Heat rejected (W).
    pub heat_w: f64,
    /// Water depth, the most the plume can mix over (m).
    pub depth_m: f64,
    /// Vertical eddy diffusivity K_z (m²/s).
    pub vertical_diffusivity_m2s: f64,
    /// Current speed (m/s).
    pub current_ms: f64,
    /// Cap on the excess temperature (K): the discharge rise, or infinity.
    pub cap_k: f64,
}

impl Plume {
    /// Excess temperature (K) at `along` metres downstream and `across` metres to the side.
    pub fn excess_k(&self, along: f64, across: f64) -> f64 {
        if along <= 0.0 {
            return 0.0;
        }
        let t = along / self.current_ms;
        let sigma = okubo_sigma_m(t);
        let sigma_z = (2.0 * self.vertical_diffusivity_m2s * t).sqrt();
        let h = self
            .depth_m
            .min((std::f64::consts::PI / 2.0).sqrt() * sigma_z);
        let peak = self.heat_w
            / (RHO_SEAWATER
                * CP_SEAWATER
                * h
                * self.current_ms
                * (2.0 * std::f64::consts::PI).sqrt()
                * sigma);
        (peak * (-(across * across) / (2.0 * sigma * sigma)).exp()).min(self.cap_k)
    }

    /// Smallest distance downstream beyond which the centreline excess stays below `limit_k` (m):
    /// the spacing to keep between cabins along the current. Found by bisection (ΔT falls
    /// monotonically with distance).
    pub fn distance_below(&self, limit_k: f64) -> f64 {
        if self.excess_k(1e-3, 0.0) <= limit_k {
            return 0.0;
        }
        let (mut lo, mut hi) = (1e-3, 1.0);
        while self.excess_k(hi, 0.0) > limit_k && hi < 1e8 {
            lo = hi;
            hi *= 2.0;
        }
        for _ in 0..80 {
            let mid = 0.5 * (lo + hi);
            if self.excess_k(mid, 0.0) > limit_k {
                lo = mid
            } else {
                hi = mid
            }
        }
        hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn okubo_sigma_at_one_day() {
        // t = 86,400 s: 2σ² = 0.0108·86400^2.34 cm² → σ ≈ 0.44 km.
        let s = okubo_sigma_m(86_400.0);
        let expected = (0.0108 * 86_400f64.powf(2.34) / 2.0).sqrt() / 100.0;
        assert!((s - expected).abs() < 1e-9);
        assert!((430.0..450.0).contains(&s), "{s}");
    }

    #[test]
    fn centreline_by_hand() {
        // 2.3 MW in 10 m of water at 0.1 m/s, 100 m downstream: t = 1000 s.
        let mut p = Plume {
            heat_w: 2.3e6,
            depth_m: 10.0,
            vertical_diffusivity_m2s: 0.1,
            current_ms: 0.1,
            cap_k: f64::INFINITY,
        };
        let sigma = (0.0108 * 1000f64.powf(2.34) / 2.0).sqrt() / 100.0;
        let by_hand =
            2.3e6 / (1025.0 * 3990.0 * 10.0 * 0.1 * (2.0 * std::f64::consts::PI).sqrt() * sigma);
        // K_z = 0.1: σ_z = √200 = 14.1 m, √(π/2)·σ_z = 17.7 m > 10 m: mixed over the depth.
        assert!((p.excess_k(100.0, 0.0) - by_hand).abs() < 1e-12);
        assert_eq!(p.excess_k(-5.0, 0.0), 0.0);
        assert!(p.excess_k(100.0, 10.0) < p.excess_k(100.0, 0.0));
        // K_z = 0.01: σ_z = √20 m, h = √(π/2)·√20 = 5.6 m: not mixed through, warmer at the bed.
        p.vertical_diffusivity_m2s = 0.01;
        let h = (std::f64::consts::PI / 2.0).sqrt() * 20f64.sqrt();
        let got = p.excess_k(100.0, 0.0);
        assert!(
            (got / (by_hand * 10.0 / h) - 1.0).abs() < 1e-9,
            "{got} vs {}",
            by_hand * 10.0 / h
        );
    }

    #[test]
    fn cap_and_spacing() {
        let p = Plume {
            heat_w: 2.3e6,
            depth_m: 10.0,
            vertical_diffusivity_m2s: 0.01,
            current_ms: 0.1,
            cap_k: 3.0,
        };
        assert_eq!(p.excess_k(0.01, 0.0), 3.0);
        let d = p.distance_below(0.5);
        assert!((p.excess_k(d, 0.0) - 0.5).abs() < 1e-6);
        assert!(p.excess_k(d * 0.9, 0.0) > 0.5);
    }
}
