//! The cooling chain at steady state: heat exchanger effectiveness, seawater flow, pumps, fouling.

use super::{CP_SEAWATER, G, RHO_SEAWATER};
use crate::mission::CoolingChain;
use serde::Serialize;

/// Seawater flow (m³/s) that carries `heat_w` with a temperature rise `rise_k`:
/// Q = P / (ρ·c_p·ΔT) (domain-reference §2.1: 2.3 MW at 2 K → 0.28 m³/s).
pub fn seawater_flow_m3s(heat_w: f64, rise_k: f64) -> f64 {
    heat_w / (RHO_SEAWATER * CP_SEAWATER * rise_k)
}

/// Seawater temperature rise (K) when `heat_w` is carried by `flow_m3s`: ΔT = P / (ρ·c_p·Q)
/// (domain-reference §2.1: 6 MW at 4,500 US gpm → 5.2 K).
pub fn seawater_rise_k(heat_w: f64, flow_m3s: f64) -> f64 {
    heat_w / (RHO_SEAWATER * CP_SEAWATER * flow_m3s)
}

/// Operating point of a cooling chain in one month.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ChainState {
    /// Coolant temperature supplied to the racks (°C).
    pub supply_temp_c: f64,
    /// Seawater flow through the heat exchanger (m³/s); 0 for a thermosiphon.
    pub flow_m3s: f64,
    /// Seawater temperature rise at the discharge (K); 0 for a thermosiphon.
    pub discharge_rise_k: f64,
    /// Electrical power of the seawater pumps (kW).
    pub pump_kw: f64,
    /// Heat-exchanger conductance after fouling (kW/K).
    pub ua_kw_per_k: f64,
}

/// Rack coolant-loop temperature rise at design (K): 120 kW racks at ≈ 176 L/min, i.e. a 10 K
/// rise (domain-reference §2.4 \[D\]).
const COOLANT_RISE_K: f64 = 10.0;
/// The seawater pumps can deliver up to this multiple of their design flow (variable-speed drive
/// headroom, an engineering assumption \[E\]).
const MAX_FLOW_RATIO: f64 = 2.0;

/// Solves the chain for `heat_kw` with seawater entering at `intake_c`, after `years` in service.
///
/// **Pumped seawater.** Counterflow plate heat exchanger by the ε–NTU method (Incropera &
/// DeWitt, *Fundamentals of Heat and Mass Transfer*, 6th ed., Table 11.3):
/// ε = (1 − e^(−NTU(1−Cr))) / (1 − Cr·e^(−NTU(1−Cr))), ε = NTU/(1+NTU) when Cr = 1, with
/// NTU = UA/C_min. The rack loop's capacity rate is C_c = Q/10 K; the supply temperature follows
/// from Q = ε·C_min·(T_return − T_intake) with T_return = T_supply + Q/C_c. The controller runs the
/// least seawater flow that keeps the supply at or below the racks' limit, but never less than
/// the flow that keeps the discharge rise within the permit (`seawater_rise_k`), and at most
/// twice the design flow. Fouling lowers UA: 1/UA = 1/UA_clean + R_f(t)/A with the Kern–Seaton
/// asymptotic model R_f(t) = R_f∞·(1 − e^(−t/τ)) (Kern & Seaton, Brit. Chem. Eng. 4, 1959). Pump
/// power P = ρ·g·Q·H/η with the head on a friction system curve H = H_d·(Q/Q_d)² (affinity laws).
///
/// **Thermosiphon** (gravity heat pipes, the Hainan and Lingang cabins: domain-reference §2.1).
/// Thermal-resistance network of a two-phase closed thermosyphon (ESDU 81038, *Heat pipes —
/// performance of two-phase closed thermosyphons*, 1981; Reay, Kew & McGlen, *Heat Pipes:
/// Theory, Design and Applications*, 6th ed., 2014): evaporator film, vapour, condenser film,
/// hull wall and seawater convection in series, 1/UA = ΣR. Over the operating range the film
/// resistances change little with load, so the network is one design conductance and
/// T_supply = T_intake + Q/UA; no pumps, no discharge flow (the heat leaves through the hull).
pub fn solve_chain(
    chain: &CoolingChain,
    heat_kw: f64,
    design_heat_kw: f64,
    intake_c: f64,
    years: f64,
) -> ChainState {
    match *chain {
        CoolingChain::Thermosiphon { ua_kw_per_k, .. } => ChainState {
            supply_temp_c: intake_c + heat_kw / ua_kw_per_k,
            flow_m3s: 0.0,
            discharge_rise_k: 0.0,
            pump_kw: 0.0,
            ua_kw_per_k,
        },
        CoolingChain::PumpedSeawater {
            ua_clean_kw_per_k,
            hx_area_m2,
            fouling_m2k_per_w,
            fouling_time_constant_years,
            seawater_rise_k: permit_k,
            pump_head_m,
            pump_efficiency,
            supply_limit_c,
        } => {
            let fouling = fouling_m2k_per_w * (1.0 - (-years / fouling_time_constant_years).exp());
            let ua_w = 1.0 / (1.0 / (ua_clean_kw_per_k * 1e3) + fouling / hx_area_m2);
            let q_w = heat_kw * 1e3;
            let c_coolant = q_w / COOLANT_RISE_K;
            let supply = |flow: f64| {
                let c_sea = RHO_SEAWATER * CP_SEAWATER * flow;
                let (c_min, c_max) = (c_sea.min(c_coolant), c_sea.max(c_coolant));
                let eff = effectiveness(ua_w / c_min, c_min / c_max);
                intake_c + q_w / (eff * c_min) - q_w / c_coolant
            };
            let design_flow = seawater_flow_m3s(design_heat_kw * 1e3, permit_k);
            let min_flow = seawater_flow_m3s(q_w, permit_k);
            let max_flow = MAX_FLOW_RATIO * design_flow.max(min_flow);
            let flow = if supply(min_flow) <= supply_limit_c {
                min_flow
            } else if supply(max_flow) > supply_limit_c {
                max_flow
            } else {
                let (mut lo, mut hi) = (min_flow, max_flow);
                for _ in 0..60 {
                    let mid = 0.5 * (lo + hi);
                    if supply(mid) > supply_limit_c {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                hi
            };
            let head = pump_head_m * (flow / design_flow).powi(2);
            ChainState {
                supply_temp_c: supply(flow),
                flow_m3s: flow,
                discharge_rise_k: seawater_rise_k(q_w, flow),
                pump_kw: RHO_SEAWATER * G * flow * head / pump_efficiency / 1e3,
                ua_kw_per_k: ua_w / 1e3,
            }
        }
    }
}

/// Counterflow heat-exchanger effectiveness (Incropera & DeWitt Table 11.3).
fn effectiveness(ntu: f64, cr: f64) -> f64 {
    if (1.0 - cr).abs() < 1e-9 {
        ntu / (1.0 + ntu)
    } else {
        let e = (-ntu * (1.0 - cr)).exp();
        (1.0 - e) / (1.0 - cr * e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_for_lingang_phase_one() {
        // Domain-reference §2.1: 2.3 MW → 0.56 / 0.28 / 0.14 m³/s at 1 / 2 / 4 K.
        assert!((seawater_flow_m3s(2.3e6, 1.0) - 0.562).abs() < 0.001);
        assert!((seawater_flow_m3s(2.3e6, 2.0) - 0.281).abs() < 0.001);
        assert!((seawater_flow_m3s(2.3e6, 4.0) - 0.141).abs() < 0.001);
        // 24 MW at 2 K → 2.93 m³/s.
        assert!((seawater_flow_m3s(24e6, 2.0) - 2.934).abs() < 0.001);
    }

    #[test]
    fn nautilus_rise() {
        // 6 MW at 4,500 US gpm (3.785411784 L per gallon) → ≈ 5.2 K.
        let flow = 4500.0 * 3.785_411_784e-3 / 60.0;
        assert!((seawater_rise_k(6e6, flow) - 5.17).abs() < 0.01);
    }

    #[test]
    fn effectiveness_limits() {
        assert!((effectiveness(1.0, 1.0) - 0.5).abs() < 1e-12);
        assert!((effectiveness(1e9, 0.5) - 1.0).abs() < 1e-9);
        // Cr → 0: ε = 1 − e^−NTU.
        assert!((effectiveness(2.0, 0.0) - (1.0 - (-2.0f64).exp())).abs() < 1e-12);
    }

    fn pumped() -> CoolingChain {
        CoolingChain::PumpedSeawater {
            ua_clean_kw_per_k: 500.0,
            hx_area_m2: 400.0,
            fouling_m2k_per_w: 8.8e-5,
            fouling_time_constant_years: 1.0,
            seawater_rise_k: 3.0,
            pump_head_m: 15.0,
            pump_efficiency: 0.7,
            supply_limit_c: 32.0,
        }
    }

    #[test]
    fn cold_sea_runs_permit_flow_and_warm_sea_needs_more() {
        let winter = solve_chain(&pumped(), 2500.0, 2500.0, 7.0, 5.0);
        assert!((winter.discharge_rise_k - 3.0).abs() < 1e-9);
        assert!(winter.supply_temp_c < 32.0);
        let summer = solve_chain(&pumped(), 2500.0, 2500.0, 29.5, 5.0);
        assert!(summer.flow_m3s > winter.flow_m3s);
        assert!(summer.pump_kw > winter.pump_kw);
        assert!(summer.supply_temp_c <= 32.0 + 1e-6);
    }

    #[test]
    fn fouling_lowers_conductance_over_time() {
        let new = solve_chain(&pumped(), 2500.0, 2500.0, 20.0, 0.0);
        let old = solve_chain(&pumped(), 2500.0, 2500.0, 20.0, 10.0);
        assert!((new.ua_kw_per_k - 500.0).abs() < 1e-9);
        // 1/UA = 1/5e5 + 8.8e-5·(1 − e^−10)/400 → UA ≈ 450 kW/K.
        let expected = 1.0 / (1.0 / 5e5 + 8.8e-5 * (1.0 - (-10f64).exp()) / 400.0) / 1e3;
        assert!((old.ua_kw_per_k - expected).abs() < 1e-6);
        assert!(old.supply_temp_c > new.supply_temp_c);
    }

    #[test]
    fn thermosiphon_supply_is_intake_plus_q_over_ua() {
        let c = CoolingChain::Thermosiphon {
            ua_kw_per_k: 400.0,
            supply_limit_c: 32.0,
        };
        let s = solve_chain(&c, 2000.0, 2000.0, 24.0, 3.0);
        assert!((s.supply_temp_c - 29.0).abs() < 1e-12);
        assert_eq!(s.pump_kw, 0.0);
    }
}
