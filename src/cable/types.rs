//! Cable types: the shipped library in `assets/cables/` (one TOML file per type, every number
//! with its source in a comment), parsed into [`CableType`].
//!
//! Power cables carry the data the electrical model needs (AC resistance at operating
//! temperature, capacitance, inductance, current rating and the condition it assumes); every type
//! carries what route engineering needs (diameter, mass in air and submerged, minimum bending
//! radius, maximum laying tension).

use serde::{Deserialize, Serialize};

/// What a cable carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CableKind {
    /// Three-phase AC power cable, with the electrical data of [`PowerData`].
    Power,
    /// Optical-fibre cable, with a fibre count and attenuation.
    Fibre,
}

/// One cable type, as in its `assets/cables/*.toml` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CableType {
    /// Library id, the file stem in `assets/cables/` (what a mission cable's `cable_type` names).
    pub id: String,
    /// Descriptive name (voltage, cores, insulation, conductor), e.g. `66 kV 3-core XLPE 630 mm²
    /// Cu`.
    pub name: String,
    /// Power or fibre; decides which optional data the type carries.
    pub kind: CableKind,
    /// Where the numbers come from.
    pub source: String,
    /// Rated line-to-line voltage (kV); power cables only.
    #[serde(default)]
    pub rated_voltage_kv: Option<f64>,
    /// Conductor cross-section (mm²); power cables only.
    #[serde(default)]
    pub conductor_mm2: Option<f64>,
    /// AC resistance per conductor at operating temperature (Ω/km).
    #[serde(default)]
    pub r_ac_ohm_per_km: Option<f64>,
    /// Capacitance per phase (nF/km).
    #[serde(default)]
    pub capacitance_nf_per_km: Option<f64>,
    /// Inductance per phase (mH/km).
    #[serde(default)]
    pub inductance_mh_per_km: Option<f64>,
    /// Continuous current rating (A) under `rating_condition`.
    #[serde(default)]
    pub current_rating_a: Option<f64>,
    /// The burial and ambient condition the rating assumes.
    #[serde(default)]
    pub rating_condition: Option<String>,
    /// Fibres in the cable; fibre cables only.
    #[serde(default)]
    pub fibres: Option<u32>,
    /// Attenuation at 1550 nm (dB/km); fibre cables only.
    #[serde(default)]
    pub attenuation_db_per_km: Option<f64>,
    /// Mass in air per metre (kg/m).
    pub mass_air_kg_per_m: f64,
    /// Outer diameter (mm).
    pub outer_diameter_mm: f64,
    /// Submerged mass per metre (kg/m): mass in air − displaced sea water; with the bottom tension
    /// it sets the free-span curvature.
    pub mass_submerged_kg_per_m: f64,
    /// Minimum bending radius during installation (m).
    pub min_bend_radius_m: f64,
    /// Maximum laying tension (kN).
    pub max_tension_kn: f64,
}

/// The electrical data of a power cable, all present.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PowerData {
    /// Rated line-to-line voltage (kV).
    pub rated_voltage_kv: f64,
    /// AC resistance per conductor at operating temperature (Ω/km).
    pub r_ac_ohm_per_km: f64,
    /// Capacitance per phase (nF/km).
    pub capacitance_nf_per_km: f64,
    /// Inductance per phase (mH/km).
    pub inductance_mh_per_km: f64,
    /// Continuous current rating (A) under the type's `rating_condition`.
    pub current_rating_a: f64,
}

/// The files of the shipped library, by id.
const LIBRARY: [(&str, &str); 4] = [
    (
        "xlpe-66kv-630",
        include_str!("../../assets/cables/xlpe-66kv-630.toml"),
    ),
    (
        "xlpe-66kv-185",
        include_str!("../../assets/cables/xlpe-66kv-185.toml"),
    ),
    (
        "xlpe-33kv-400",
        include_str!("../../assets/cables/xlpe-33kv-400.toml"),
    ),
    (
        "fibre-48f",
        include_str!("../../assets/cables/fibre-48f.toml"),
    ),
];

/// Ids of the shipped cable types.
pub fn library_ids() -> Vec<&'static str> {
    LIBRARY.iter().map(|(id, _)| *id).collect()
}

/// The shipped cable type `id`; `None` when there is no such type.
pub fn cable_type(id: &str) -> Option<CableType> {
    let (_, text) = LIBRARY.iter().find(|(i, _)| *i == id)?;
    // The library files are part of the program and tested below to parse.
    toml::from_str(text).ok()
}

impl CableType {
    /// Electrical data of a power cable; `None` for a fibre cable or a power type missing any.
    pub fn power(&self) -> Option<PowerData> {
        Some(PowerData {
            rated_voltage_kv: self.rated_voltage_kv?,
            r_ac_ohm_per_km: self.r_ac_ohm_per_km?,
            capacitance_nf_per_km: self.capacitance_nf_per_km?,
            inductance_mh_per_km: self.inductance_mh_per_km?,
            current_rating_a: self.current_rating_a?,
        })
        .filter(|_| self.kind == CableKind::Power)
    }

    /// Submerged weight per metre (N/m), standard gravity 9.80665 m/s².
    pub fn submerged_weight_n_per_m(&self) -> f64 {
        self.mass_submerged_kg_per_m * 9.80665
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_type_parses_with_the_data_of_its_kind() {
        for id in library_ids() {
            let t = cable_type(id).unwrap_or_else(|| panic!("{id} does not parse"));
            assert_eq!(t.id, id);
            match t.kind {
                CableKind::Power => assert!(t.power().is_some(), "{id}"),
                CableKind::Fibre => {
                    assert!(t.fibres.is_some() && t.attenuation_db_per_km.is_some())
                }
            }
            // Submerged mass = mass in air − displaced seawater (1025 kg/m³), within rounding.
            let displaced =
                1025.0 * std::f64::consts::PI * (t.outer_diameter_mm / 1000.0).powi(2) / 4.0;
            assert!(
                (t.mass_air_kg_per_m - displaced - t.mass_submerged_kg_per_m).abs() < 0.06,
                "{id}"
            );
        }
        assert!(cable_type("no-such-cable").is_none());
    }

    #[test]
    fn orbit_values_of_the_66kv_630() {
        // domain-reference §8 table, ORBIT 1.3.1.
        let p = cable_type("xlpe-66kv-630").unwrap().power().unwrap();
        assert_eq!(
            (
                p.r_ac_ohm_per_km,
                p.capacitance_nf_per_km,
                p.inductance_mh_per_km,
                p.current_rating_a
            ),
            (0.04, 300.0, 0.35, 775.0)
        );
    }
}
