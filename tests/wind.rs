//! Offshore wind: the demo mission's farm end to end, and agreement with PyWake.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fathom_json(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_fathom"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("run fathom");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// The demo's farm stands on the demo seabed, in water a monopile can take, clear of the cabins.
#[test]
fn demo_farm_stands_on_the_demo_seabed_clear_of_the_cabins() {
    let ctx = fathom::mission::Context::load(&root().join("missions/demo.toml")).unwrap();
    let farm = fathom::wind::farm::FarmModel::from_context(&ctx)
        .unwrap()
        .expect("the demo has a wind farm");
    assert_eq!(farm.x.len(), 40);
    let cabins: Vec<(f64, f64)> = ctx
        .mission
        .cabins
        .iter()
        .map(|c| ctx.to_work(c.lon, c.lat).unwrap())
        .collect();
    for (i, (&x, &y)) in farm.x.iter().zip(&farm.y).enumerate() {
        assert!(ctx.grid.contains(x, y), "turbine {i} off the grid");
        let depth = ctx.depth_at(x, y).expect("depth at a turbine");
        assert!((10.0..45.0).contains(&depth), "turbine {i}: {depth} m");
        for (cx, cy) in &cabins {
            let d = (x - cx).hypot(y - cy);
            assert!(d > 500.0, "turbine {i} {d:.0} m from a cabin");
        }
    }
}

/// `fathom wind supply` on the demo: AEP, capacity factor, wake loss and the hour-by-hour
/// supply against the cabins' demand, each consistent with the others.
#[test]
fn demo_supply_reports_energy_and_hourly_share() {
    let v = fathom_json(&["wind", "supply", "missions/demo.toml", "--format", "json"]);
    assert_eq!(v["farm_rated_mw"], 200.0);
    let aep = &v["aep"];
    let (gross, net) = (
        aep["gross_gwh"].as_f64().unwrap(),
        aep["net_gwh"].as_f64().unwrap(),
    );
    let loss = aep["wake_loss_pct"].as_f64().unwrap();
    assert!((100.0 * (1.0 - net / gross) - loss).abs() < 1e-9);
    // A 200 MW farm of 5 × 8 turbines at 7 D: wake loss in the 5–15 % of offshore farms
    // (domain-reference §3.3) and a capacity factor of a fair offshore site.
    assert!((5.0..15.0).contains(&loss), "{loss}");
    let cf = aep["capacity_factor_net"].as_f64().unwrap();
    assert!((net / (200.0 * 8.76) - cf).abs() < 1e-9);
    assert!((0.3..0.5).contains(&cf), "{cf}");
    // Demand: 2 cabins × 24 racks × 120 kW = 5.76 MW IT.
    assert!((v["it_load_mw"].as_f64().unwrap() - 5.76).abs() < 1e-9);
    let h = &v["hourly"];
    assert_eq!(h["hours"], 8760);
    let f = |k: &str| h[k].as_f64().unwrap();
    assert!((f("share_met") - f("wind_used_mwh") / f("demand_mwh")).abs() < 1e-12);
    assert!((f("demand_mwh") - (f("wind_used_mwh") + f("shortfall_mwh"))).abs() < 1e-6);
    assert!((0.5..1.0).contains(&f("share_met")), "{}", f("share_met"));
    assert!(h["deficit_hours"].as_u64().unwrap() > 0);
    // The synthetic year is drawn from the same rose: its delivered energy is within the
    // sampling spread (AR(1), ~130 independent samples a year) of the rose's expectation.
    let w = &v["weibull"];
    let rose_gwh = w["wind_delivered_gwh"].as_f64().unwrap();
    assert!((rose_gwh - aep["delivered_gwh"].as_f64().unwrap()).abs() < 1e-6);
    let year_gwh = f("wind_delivered_mwh") / 1e3;
    assert!(
        (year_gwh / rose_gwh - 1.0).abs() < 0.15,
        "{year_gwh} vs {rose_gwh}"
    );
}

/// The shipped asset is the demo's wind farm (minus its synthetic hourly series).
#[test]
fn lingang_asset_is_the_demo_farm() {
    #[derive(serde::Deserialize)]
    struct Part {
        wind_farm: fathom::mission::WindFarm,
    }
    let read = |p: &Path| std::fs::read_to_string(root().join(p)).unwrap();
    let asset: Part =
        toml::from_str(&read(Path::new("assets/wind/lingang-wind-farm.toml"))).unwrap();
    let demo = fathom::mission::load(&root().join("missions/demo.toml")).unwrap();
    let mut farm = demo.wind_farm.expect("demo farm");
    farm.resource.timeseries = None;
    assert_eq!(farm, asset.wind_farm);
}
