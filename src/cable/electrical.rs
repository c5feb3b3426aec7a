//! Electrical performance of a three-phase AC power cable and the fibre link budget.
//!
//! Textbook balanced three-phase relations (e.g. J. D. Glover, M. S. Sarma, T. Overbye, *Power
//! System Analysis and Design*, ch. 2 and 5; domain-reference §8), per-phase data from the cable
//! type (ORBIT library units: Ω/km, nF/km, mH/km):
//! - line current I = P / (√3 · V · cos φ);
//! - Joule loss 3 · I² · R · L;
//! - voltage drop ΔV ≈ √3 · I · L · (R cos φ + X sin φ), X = 2π f L' (the short-line
//!   approximation, shunt capacitance neglected in the drop);
//! - charging current I_c = 2π f · C · L · V / √3, drawn at the sending end; the critical
//!   length is where I_c alone equals the current rating;
//! - the sending-end current combines the load's active and reactive parts with the charging
//!   current (capacitive, opposing the inductive load's): √((I cos φ)² + (I sin φ − I_c)²),
//!   and the rating check takes the larger of that and the load current.
//!
//! Fibre: loss = attenuation · L + splices + connectors; one-way latency = L · n / c with the
//! group index n ≈ 1.468 of silica fibre at 1550 nm (≈ 4.9 µs/km, domain-reference §8).

use super::types::PowerData;
use serde::Serialize;

/// Grid frequency in China (GB/T 156) and most of the world outside the Americas (Hz).
pub const FREQUENCY_HZ: f64 = 50.0;

/// Group index of silica single-mode fibre at 1550 nm (domain-reference §8 \[D\]).
pub const FIBRE_GROUP_INDEX: f64 = 1.468;

/// Speed of light in vacuum (m/s, exact by SI definition).
const C_M_S: f64 = 299_792_458.0;

/// The electrical state of one power cable carrying a load.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PowerFlow {
    /// Active power delivered to the load (MW).
    pub load_mw: f64,
    /// Cable length carrying the load (km).
    pub length_km: f64,
    /// Line current of the load, I = P / (√3 · V · cos φ) (A).
    pub current_a: f64,
    /// Charging current of the whole length at the sending end, I_c = 2π f · C · L · V / √3 (A).
    pub charging_current_a: f64,
    /// Current at the sending end with the charging current (A).
    pub sending_current_a: f64,
    /// Continuous current rating of the cable type (A).
    pub rating_a: f64,
    /// Largest current / rating.
    pub utilisation: f64,
    /// Joule loss 3 · I² · R · L (kW).
    pub loss_kw: f64,
    /// Voltage drop √3 · I · L · (R cos φ + X sin φ) as a percentage of the rated line voltage.
    pub voltage_drop_pct: f64,
    /// Length at which the charging current alone reaches the rating (km).
    pub critical_length_km: f64,
}

/// Line current (A) of a three-phase load `p_w` (W) at line voltage `v_ll` (V), power factor `pf`.
pub fn current_a(p_w: f64, v_ll: f64, pf: f64) -> f64 {
    p_w / (3f64.sqrt() * v_ll * pf)
}

/// Charging current (A) of `length_km` of cable with capacitance `c_nf_per_km` per phase at line
/// voltage `v_ll` (V).
pub fn charging_current_a(c_nf_per_km: f64, length_km: f64, v_ll: f64) -> f64 {
    2.0 * std::f64::consts::PI * FREQUENCY_HZ * c_nf_per_km * 1e-9 * length_km * v_ll / 3f64.sqrt()
}

/// Joule loss (W) of a power cable carrying `p_w` (W) over `length_km` at power factor `pf`:
/// 3 · I² · R · L. This is the function the wind supply calls for cable losses in place of a
/// flat loss fraction.
pub fn loss_w(cable: &PowerData, length_km: f64, p_w: f64, pf: f64) -> f64 {
    let i = current_a(p_w, cable.rated_voltage_kv * 1e3, pf);
    3.0 * i * i * cable.r_ac_ohm_per_km * length_km
}

/// Energy lost (MWh) over a supply profile of one value per hour (MW delivered through the cable).
pub fn energy_lost_mwh(cable: &PowerData, length_km: f64, hourly_mw: &[f64], pf: f64) -> f64 {
    hourly_mw
        .iter()
        .map(|&p| loss_w(cable, length_km, p.max(0.0) * 1e6, pf) * 1e-6)
        .sum()
}

/// The cable's current, losses, voltage drop and charging at a load of `p_w` (W).
pub fn power_flow(cable: &PowerData, length_km: f64, p_w: f64, pf: f64) -> PowerFlow {
    let v = cable.rated_voltage_kv * 1e3;
    let i = current_a(p_w, v, pf);
    let ic = charging_current_a(cable.capacitance_nf_per_km, length_km, v);
    let sin = (1.0 - pf * pf).max(0.0).sqrt();
    let sending = (i * pf).hypot(i * sin - ic);
    let x = 2.0 * std::f64::consts::PI * FREQUENCY_HZ * cable.inductance_mh_per_km * 1e-3;
    let drop_v = 3f64.sqrt() * i * length_km * (cable.r_ac_ohm_per_km * pf + x * sin);
    let ic_per_km = charging_current_a(cable.capacitance_nf_per_km, 1.0, v);
    PowerFlow {
        load_mw: p_w / 1e6,
        length_km,
        current_a: i,
        charging_current_a: ic,
        sending_current_a: sending,
        rating_a: cable.current_rating_a,
        utilisation: i.max(sending) / cable.current_rating_a,
        loss_kw: loss_w(cable, length_km, p_w, pf) / 1e3,
        voltage_drop_pct: 100.0 * drop_v / v,
        critical_length_km: cable.current_rating_a / ic_per_km,
    }
}

/// The largest load (MW) the cable carries at its rating and power factor `pf`, charging
/// current neglected: √3 · V · I_rated · cos φ.
pub fn capacity_mw(cable: &PowerData, pf: f64) -> f64 {
    3f64.sqrt() * cable.rated_voltage_kv * 1e3 * cable.current_rating_a * pf / 1e6
}

/// A fibre link's budget.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FibreLink {
    /// Fibre length (km).
    pub length_km: f64,
    /// Loss budget: attenuation × length + splices + two connectors (dB).
    pub loss_db: f64,
    /// One-way latency L · n / c with n = [`FIBRE_GROUP_INDEX`] (µs).
    pub latency_us: f64,
}

/// Loss budget (dB) and one-way latency (µs) of `length_km` of fibre with `attenuation_db_per_km`
/// plus `splices` fusion splices of 0.05 dB and two connectors of 0.5 dB (ITU-T G.671 / typical
/// IEC 61753 grade values \[E\]).
pub fn fibre_link(attenuation_db_per_km: f64, length_km: f64, splices: usize) -> FibreLink {
    FibreLink {
        length_km,
        loss_db: attenuation_db_per_km * length_km + 0.05 * splices as f64 + 2.0 * 0.5,
        latency_us: length_km * 1e3 * FIBRE_GROUP_INDEX / C_M_S * 1e6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cable::types::cable_type;

    fn c630() -> PowerData {
        cable_type("xlpe-66kv-630").unwrap().power().unwrap()
    }

    #[test]
    fn a_66kv_630_carrying_50_mw_over_10_km_by_hand() {
        // Hand calculation (not the code's formulas chained): 50 MW at 66 kV, pf 0.95:
        // I = 50e6 / (1.7320508 × 66e3 × 0.95) = 460.41 A.
        // Loss = 3 × 460.41² × 0.04 Ω/km × 10 km = 254.37 kW.
        // X = 2π·50·0.35e-3 = 0.109956 Ω/km; sin φ = 0.312250;
        // ΔV = 1.7320508 × 460.41 × 10 × (0.04×0.95 + 0.109956×0.312250) = 576.82 V = 0.8740 %.
        // I_c = 2π·50·300e-9·10·66e3/1.7320508 = 35.913 A; critical length 775/3.5913 = 215.80 km.
        // Capacity at pf 0.95: 1.7320508 × 66e3 × 775 × 0.95 = 84.16 MW.
        let f = power_flow(&c630(), 10.0, 50e6, 0.95);
        assert!((f.current_a - 460.41).abs() < 0.01, "{}", f.current_a);
        assert!((f.loss_kw - 254.37).abs() < 0.05, "{}", f.loss_kw);
        assert!(
            (f.voltage_drop_pct - 0.8740).abs() < 0.001,
            "{}",
            f.voltage_drop_pct
        );
        assert!((f.charging_current_a - 35.913).abs() < 0.01);
        assert!((f.critical_length_km - 215.80).abs() < 0.05);
        assert!((capacity_mw(&c630(), 0.95) - 84.16).abs() < 0.01);
        assert!(f.utilisation < 1.0);
        // Over the rating: 90 MW needs 828.7 A > 775 A.
        assert!(power_flow(&c630(), 10.0, 90e6, 0.95).utilisation > 1.0);
    }

    #[test]
    fn annual_energy_is_the_sum_of_hourly_losses() {
        // Constant 50 MW for 8760 h: 254.37 kW × 8760 h = 2228.3 MWh; half the power for the same
        // hours loses a quarter of that.
        let c = c630();
        let e = energy_lost_mwh(&c, 10.0, &vec![50.0; 8760], 0.95);
        assert!((e - 2228.3).abs() < 0.5, "{e}");
        let q = energy_lost_mwh(&c, 10.0, &vec![25.0; 8760], 0.95);
        assert!((q - e / 4.0).abs() < 1e-6);
    }

    #[test]
    fn fibre_latency_is_4_9_us_per_km() {
        let f = fibre_link(0.2, 100.0, 4);
        assert!(
            (f.latency_us / 100.0 - 4.897).abs() < 0.001,
            "{}",
            f.latency_us
        );
        assert!((f.loss_db - (20.0 + 0.2 + 1.0)).abs() < 1e-9);
    }
}
