//! Physical and unit constants shared by the domain modules, each defined once with its source.
//! The modules re-export the ones they are read under (`cooling::G`, `vessel::sailing::METRES_PER_NM`, …).

#![warn(missing_docs)]

/// Standard gravity (m/s²), ISO 80000-3 (the 3rd CGPM, 1901).
pub const G: f64 = 9.80665;

/// Sea-water density default (kg/m³), domain-reference §2.1.
pub const SEAWATER_DENSITY_KGM3: f64 = 1025.0;

/// Metres in one international nautical mile (International Hydrographic Conference, 1929; SI
/// Brochure, 9th ed., Table 8).
pub const METRES_PER_NM: f64 = 1852.0;

/// Month abbreviations (English) for tables and chart axes, January first.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
