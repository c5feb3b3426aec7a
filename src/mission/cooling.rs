//! `[cooling]` (site-wide cooling inputs) and `[cabin_types.cooling]` (each type's cooling chain).

use super::Ranges;
use serde::{Deserialize, Serialize};

/// Seawater-quality class of the receiving water under GB 3097-1997 (海水水质标准): I fisheries and
/// reserves; II aquaculture, bathing, food-related industry; III general industry; IV ports and
/// ocean development zones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WaterClass {
    /// Class I: fisheries and marine reserves (strictest plume limits).
    I,
    /// Class II: aquaculture, bathing, food-related industry.
    II,
    /// Class III: general industrial water.
    III,
    /// Class IV: ports and ocean development zones.
    IV,
}

/// Site-wide cooling inputs and limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cooling {
    /// Seawater temperature at cabin depth, January to December (°C).
    pub sea_temp_c: [f64; 12],
    /// Where the temperatures come from (and whether they are estimates).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sea_temp_source: String,
    /// Average IT utilisation (share of the racks' rated load, 0–1).
    pub it_utilisation: f64,
    /// Power-conversion efficiency from the grid connection to the IT load (0–1): transformers,
    /// rectifiers and UPS; the loss is heat inside the cabin.
    pub power_conversion_efficiency: f64,
    /// Auxiliary load per cabin (kW): controls, sensors, lighting, internal fans.
    #[serde(default)]
    pub auxiliary_kw: f64,
    /// Annual energy-weighted PUE the design must meet.
    pub target_pue: f64,
    /// Years the heat exchangers have been in service when evaluated (fouling grows with time).
    #[serde(default = "default_years")]
    pub years_in_service: f64,
    /// Water-quality class of the receiving water (sets the default plume limits).
    pub water_class: WaterClass,
    /// Allowed man-made temperature rise at the mixing-zone edge in summer (Jun–Aug) and in the
    /// other months (K); default from `water_class` (GB 3097-1997).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plume_limit_summer_k: Option<f64>,
    /// Allowed man-made temperature rise at the mixing-zone edge in the months other than Jun–Aug
    /// (K); default from `water_class`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plume_limit_other_k: Option<f64>,
    /// Radius of the regulatory mixing zone around each discharge (m).
    pub mixing_zone_m: f64,
    /// Low (P10) depth-averaged current for the plume, the conservative case (m/s).
    pub plume_current_ms: f64,
    /// Vertical eddy diffusivity for the plume (m²/s); default 0.01, mid-range for tidally mixed
    /// shelf seas (Simpson & Sharples 2012, ch. 4: 10⁻³–10⁻¹).
    #[serde(default = "default_kz")]
    pub vertical_diffusivity_m2s: f64,
    /// Bearing of the tidal current axis (degrees true); plumes are evaluated both ways along it.
    pub current_axis_deg: f64,
    /// Intake warming above which a neighbour's plume is reported (K).
    #[serde(default = "default_interference")]
    pub interference_limit_k: f64,
}

fn default_years() -> f64 {
    5.0
}

fn default_kz() -> f64 {
    0.01
}

fn default_interference() -> f64 {
    0.5
}

impl Cooling {
    /// Plume limits (summer, other months) in K: the configured values, else GB 3097-1997's
    /// water-temperature row — classes I–II: ≤ 1 °C in summer and ≤ 2 °C otherwise above the local
    /// ambient; III–IV: ≤ 4 °C (domain-reference §2.2; the standard's table could not be read in
    /// full, so these widely cited values are defaults, not an oracle).
    pub fn plume_limits_k(&self) -> (f64, f64) {
        let (summer, other) = match self.water_class {
            WaterClass::I | WaterClass::II => (1.0, 2.0),
            WaterClass::III | WaterClass::IV => (4.0, 4.0),
        };
        (
            self.plume_limit_summer_k.unwrap_or(summer),
            self.plume_limit_other_k.unwrap_or(other),
        )
    }

    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        for (i, t) in self.sea_temp_c.iter().enumerate() {
            r.within(path, &format!("sea_temp_c[{i}]"), *t, -2.0, 35.0);
        }
        r.within(path, "it_utilisation", self.it_utilisation, 0.0, 1.0);
        r.within(
            path,
            "power_conversion_efficiency",
            self.power_conversion_efficiency,
            0.5,
            1.0,
        );
        r.non_negative(path, "auxiliary_kw", self.auxiliary_kw);
        r.within(path, "target_pue", self.target_pue, 1.0, 3.0);
        r.within(path, "years_in_service", self.years_in_service, 0.0, 50.0);
        r.positive(path, "mixing_zone_m", self.mixing_zone_m);
        r.positive(path, "plume_current_ms", self.plume_current_ms);
        r.within(
            path,
            "vertical_diffusivity_m2s",
            self.vertical_diffusivity_m2s,
            1e-5,
            1.0,
        );
        r.within(path, "current_axis_deg", self.current_axis_deg, 0.0, 360.0);
        r.positive(path, "interference_limit_k", self.interference_limit_k);
        if let Some(v) = self.plume_limit_summer_k {
            r.positive(path, "plume_limit_summer_k", v);
        }
        if let Some(v) = self.plume_limit_other_k {
            r.positive(path, "plume_limit_other_k", v);
        }
    }
}

/// How a cabin type rejects its heat to the sea.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum CoolingChain {
    /// Secondary coolant loop → titanium plate heat exchanger → pumped open seawater loop
    /// (Natick: seawater through rack radiators; Nautilus: pumped raw water).
    PumpedSeawater {
        /// Heat-exchanger conductance when clean (kW/K): U·A.
        ua_clean_kw_per_k: f64,
        /// Heat-exchanger area (m²), to turn the fouling resistance into conductance.
        hx_area_m2: f64,
        /// Asymptotic fouling resistance (m²·K/W); TEMA gives 8.8e-5 for seawater below 52 °C.
        fouling_m2k_per_w: f64,
        /// Time constant of fouling growth (years), Kern–Seaton model.
        fouling_time_constant_years: f64,
        /// Seawater temperature rise across the heat exchanger (K): the discharge permit.
        seawater_rise_k: f64,
        /// Total pump head: static lift, pipes, strainer, heat exchanger (m of water).
        pump_head_m: f64,
        /// Wire-to-water pump efficiency (0–1).
        pump_efficiency: f64,
        /// Highest coolant supply temperature the racks accept (°C), e.g. ASHRAE W32 → 32.
        supply_limit_c: f64,
    },
    /// Passive two-phase thermosiphon / gravity heat pipes to the cabin wall (Hainan, Lingang):
    /// no seawater pumps; capacity proportional to the temperature difference (the closed
    /// thermosyphon's resistance network, ESDU 81038: see `cooling::solve_chain`).
    Thermosiphon {
        /// Conductance from coolant to seawater (kW/K) at design.
        ua_kw_per_k: f64,
        /// Highest coolant supply temperature the racks accept (°C).
        supply_limit_c: f64,
    },
}

impl CoolingChain {
    /// The rack coolant supply limit (°C).
    pub fn supply_limit_c(&self) -> f64 {
        match self {
            CoolingChain::PumpedSeawater { supply_limit_c, .. }
            | CoolingChain::Thermosiphon { supply_limit_c, .. } => *supply_limit_c,
        }
    }

    pub(super) fn check_ranges(&self, path: &str, r: &mut Ranges) {
        match self {
            CoolingChain::PumpedSeawater {
                ua_clean_kw_per_k,
                hx_area_m2,
                fouling_m2k_per_w,
                fouling_time_constant_years,
                seawater_rise_k,
                pump_head_m,
                pump_efficiency,
                supply_limit_c,
            } => {
                r.positive(path, "ua_clean_kw_per_k", *ua_clean_kw_per_k);
                r.positive(path, "hx_area_m2", *hx_area_m2);
                r.within(path, "fouling_m2k_per_w", *fouling_m2k_per_w, 0.0, 0.01);
                r.positive(
                    path,
                    "fouling_time_constant_years",
                    *fouling_time_constant_years,
                );
                r.within(path, "seawater_rise_k", *seawater_rise_k, 0.1, 20.0);
                r.non_negative(path, "pump_head_m", *pump_head_m);
                r.within(path, "pump_efficiency", *pump_efficiency, 0.05, 1.0);
                r.within(path, "supply_limit_c", *supply_limit_c, 0.0, 80.0);
            }
            CoolingChain::Thermosiphon {
                ua_kw_per_k,
                supply_limit_c,
            } => {
                r.positive(path, "ua_kw_per_k", *ua_kw_per_k);
                r.within(path, "supply_limit_c", *supply_limit_c, 0.0, 80.0);
            }
        }
    }
}
