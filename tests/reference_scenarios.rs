//! The reference scenarios in `missions/` against the published figures of the projects they
//! model (domain-reference §1; README "Reference scenarios"). Each assertion states the
//! published value, its tag ([P] published, [U] unconfirmed) and the tolerance, so the README
//! table cannot drift silently from what fathom computes.

use fathom::cooling::{self, CoolingReport};
use fathom::mission::Context;
use fathom::wind::aep::AepOptions;
use fathom::wind::farm::{FarmModel, it_load_w};
use fathom::wind::supply::{self, WeibullSupply, monthly_demand_w};
use std::path::Path;

fn load(name: &str) -> Context {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("missions")
        .join(name);
    Context::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn cooling_of(ctx: &Context) -> CoolingReport {
    cooling::analyse(ctx).expect("the scenario has a cooling budget")
}

/// Water depth (m) at each cabin of the mission.
fn cabin_depths(ctx: &Context) -> Vec<f64> {
    ctx.mission
        .cabins
        .iter()
        .map(|c| {
            let (x, y) = ctx.to_work(c.lon, c.lat).unwrap();
            ctx.depth_at(x, y).expect("cabin inside the grid")
        })
        .collect()
}

fn wind_supply(ctx: &Context) -> WeibullSupply {
    let farm = FarmModel::from_context(ctx).unwrap().expect("a wind farm");
    let demand = monthly_demand_w(it_load_w(ctx), &fathom::wind::monthly_pue(ctx));
    let cable = ctx
        .mission
        .wind_farm
        .as_ref()
        .and_then(|w| w.cable_capacity_mw)
        .map(|c| c * 1e6);
    supply::weibull(&farm, &demand, cable, &AepOptions::default()).expect("a Weibull rose")
}

fn it_kw(r: &CoolingReport) -> f64 {
    r.cabins.iter().map(|c| c.load.it_kw).sum()
}

#[test]
fn lingang_phase1_against_the_published_figures() {
    let mut ctx = load("lingang-phase1.toml");
    assert!(ctx.mission.name.contains("synthetic seabed"));
    // One vertical module of 2.3 MW [P]: exact.
    assert_eq!(ctx.mission.cabins.len(), 1);
    assert!(
        ctx.mission.cabin_types[0].diameter_m.is_some(),
        "vertical cylinder"
    );
    let r = cooling_of(&ctx);
    assert!((it_kw(&r) - 2300.0).abs() < 1e-9, "IT {}", it_kw(&r));
    // Design PUE ≤ 1.15 [P], met in every month.
    assert!(
        r.monthly_pue.iter().all(|p| *p <= 1.15),
        "{:?}",
        r.monthly_pue
    );
    assert!((r.annual_pue - 1.059).abs() < 0.005, "PUE {}", r.annual_pue);
    // "10 m below the surface" [P]: ±1 m.
    let d = cabin_depths(&ctx)[0];
    assert!((d - 10.0).abs() < 1.0, "depth {d}");
    // Plume within the class III limit.
    let k = &r.cabins[0];
    assert!(k.plume.mixing_zone_excess_k < 4.0);
    // ≈ 200 MW farm [P]: 40 × 5 MW; > 500 GWh/yr [P]: delivered energy above it.
    let farm = FarmModel::from_context(&ctx).unwrap().unwrap();
    let rated_mw = farm.x.len() as f64 * farm.turbine.rated_power_w() / 1e6;
    assert!((rated_mw - 200.0).abs() < 1.0, "{rated_mw} MW");
    let s = wind_supply(&ctx);
    assert!(
        (500.0..700.0).contains(&s.wind_delivered_gwh),
        "{} GWh",
        s.wind_delivered_gwh
    );
    // > 95 % wind [P] is NOT reproduced by direct wind without storage: fathom gives 88.5 %
    // (README explains); the check catches it when the published share is set as the target.
    assert!((s.share_met - 0.885).abs() < 0.01, "share {}", s.share_met);
    ctx.mission
        .wind_farm
        .as_mut()
        .unwrap()
        .target_renewable_share = Some(0.95);
    let codes: Vec<String> = fathom::wind::check(&ctx)
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["WIND-SHARE"]);
}

#[test]
fn hainan_lingshui_against_the_published_figures() {
    let ctx = load("hainan-lingshui.toml");
    assert!(ctx.mission.name.contains("synthetic seabed"));
    let t = &ctx.mission.cabin_types[0];
    // 1,300 t cabins of 24 racks [P]: exact.
    assert_eq!(t.mass_t, 1300.0);
    assert_eq!(t.racks, 24);
    // Heat-pipe cooling [P]: a thermosiphon chain, no pumps.
    let r = cooling_of(&ctx);
    assert!(r.cabins.iter().all(|c| c.chain == "thermosiphon"));
    assert!(
        r.cabins
            .iter()
            .flat_map(|c| &c.months)
            .all(|m| m.pump_kw == 0.0)
    );
    // Seawater below 24.5 °C [P] in every month.
    let sea = &ctx.mission.cooling.as_ref().unwrap().sea_temp_c;
    assert!(sea.iter().all(|t| *t < 24.5), "{sea:?}");
    // 35 m [P]: ±1 m at every cabin.
    for d in cabin_depths(&ctx) {
        assert!((d - 35.0).abs() < 1.0, "depth {d}");
    }
    // PUE ~1.07 "in pilot conditions" [U]: ±0.02.
    assert!((r.annual_pue - 1.07).abs() < 0.02, "PUE {}", r.annual_pue);
    // Class II plume limit (1 K in summer) at the mixing-zone edge.
    assert!(r.cabins.iter().all(|c| c.plume.mixing_zone_excess_k < 1.0));
    // Lowered to 35 m in ~3 h [P]: the planned lift within ±30 min.
    let setup = fathom::lift::setup(&ctx).unwrap().unwrap();
    for (lift, _) in fathom::lift::cabin_lifts(&ctx, &setup, None) {
        assert!(
            (lift.total_min - 180.0).abs() < 30.0,
            "{} min",
            lift.total_min
        );
        // Swing from the boom tip (README table): only the hook block's mode while submerged,
        // 4.7–5.0 s, meets the 4–10 s waves [E]; the slow sway (16–17 s in air) does not.
        let near: Vec<_> = lift
            .pendulum
            .iter()
            .filter(|p| p.near_resonance)
            .map(|p| (p.phase, p.mode))
            .collect();
        assert_eq!(near, [("submerged", 2)], "{:?}", lift.pendulum);
        let hook_mode = lift.pendulum.iter().find(|p| p.near_resonance).unwrap();
        assert!(
            (hook_mode.period_s[0] - 4.7).abs() < 0.05
                && (hook_mode.period_s[1] - 5.0).abs() < 0.05
        );
        // Touchdown offset at the 0.4 m/s slack-water current [E], within ±0.5 m.
        assert!((lift.touchdown_offset_m.unwrap() - 0.27).abs() < 0.01);
    }
}

#[test]
fn natick_orkney_against_the_published_figures() {
    let ctx = load("natick-orkney.toml");
    assert!(ctx.mission.name.contains("synthetic seabed"));
    // 12 racks, 240 kW [P]: exact.
    let t = &ctx.mission.cabin_types[0];
    assert_eq!(t.racks, 12);
    let r = cooling_of(&ctx);
    assert!((it_kw(&r) - 240.0).abs() < 1e-9, "IT {}", it_kw(&r));
    // Open seawater loop [P]: pumped seawater.
    assert_eq!(r.cabins[0].chain, "pumped-seawater");
    // 117 ft ≈ 36 m [P]: ±1.5 m.
    let d = cabin_depths(&ctx)[0];
    assert!((d - 35.66).abs() < 1.5, "depth {d}");
    // PUE ~1.07 often quoted [U]: ±0.02.
    assert!((r.annual_pue - 1.07).abs() < 0.02, "PUE {}", r.annual_pue);
    assert!(r.cabins[0].plume.mixing_zone_excess_k < 2.0);
    // Powered by the Orkney grid (100 % renewable [P]): no farm is modelled.
    assert!(ctx.mission.wind_farm.is_none());
}
