//! Sample crane, cabin and plan for the unit tests (numbers chosen for hand calculation).

use crate::mission::{CabinDrag, CabinType, Crane, CurrentProfile, Foundation, LiftPlan};

pub fn crane() -> Crane {
    Crane {
        swl_table: vec![[20.0, 4000.0], [30.0, 3000.0], [50.0, 1500.0]],
        max_hook_height_m: 60.0,
        hook_height_table: None,
        deck_height_m: 8.0,
        lowering_speed_m_min: 5.0,
        set_down_speed_m_min: 0.25,
        rigging_mass_t: 50.0,
        daf: 1.1,
        pedestal_fwd_stbd_up_m: [-60.0, 0.0, 70.0],
        gnss_antenna_fwd_stbd_up_m: [40.0, 5.0, 30.0],
        wire_diameter_m: 0.08,
        wire_falls: 4,
        wire_mass_kg_m: 30.0,
    }
}

pub fn cabin() -> CabinType {
    CabinType {
        id: "T".into(),
        source: String::new(),
        length_m: Some(20.0),
        width_m: Some(8.0),
        diameter_m: None,
        height_m: 10.0,
        mass_t: 1300.0,
        displaced_volume_m3: 800.0,
        foundation: Foundation::GravityBase,
        max_slope_deg: 5.0,
        max_relief_m: 1.0,
        racks: 24,
        rack_kw: 20.0,
        drag: Some(CabinDrag {
            cd_lateral: 1.0,
            lateral_area_m2: 200.0,
            ca_lateral: 1.0,
        }),
        cooling: None,
    }
}

pub fn plan() -> LiftPlan {
    LiftPlan {
        radius_m: 30.0,
        slew_deg: 180.0,
        rigging_height_m: 12.0,
        liftoff_clearance_m: 2.0,
        liftoff_min: 60.0,
        splash_hold_min: 30.0,
        seabed_hold_height_m: 5.0,
        seabed_hold_min: 30.0,
        tolerance_m: 0.5,
        heading_tolerance_deg: 2.0,
        resonance_margin_pct: 20.0,
        weight_contingency_factor: 1.10,
        current: CurrentProfile {
            surface_ms: 0.5,
            exponent: 1.0 / 7.0,
            table: None,
        },
        alpha_table: None,
        operations: Vec::new(),
        as_placed: Vec::new(),
    }
}
