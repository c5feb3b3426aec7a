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
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("supply.csv");
    let v = fathom_json(&[
        "wind",
        "supply",
        "missions/demo.toml",
        "--format",
        "json",
        "--hourly-csv",
        csv.to_str().unwrap(),
    ]);
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
    // The hour-by-hour table adds up to the summary.
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("time_utc,hub_wind_ms,supply_mw,demand_mw,used_mw,shortfall_mw,surplus_mw")
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').skip(1).map(|x| x.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 8760);
    let col = |c: usize| rows.iter().map(|r| r[c]).sum::<f64>();
    assert!((col(3) / f("wind_used_mwh") - 1.0).abs() < 1e-4);
    assert!((col(4) / f("shortfall_mwh") - 1.0).abs() < 1e-4);
    let deficit = rows.iter().filter(|r| r[4] > 0.0).count();
    assert_eq!(deficit as u64, h["deficit_hours"].as_u64().unwrap());
    // The synthetic year is drawn from the same rose with its speeds normal-score transformed
    // (tools/synthetic_wind_year.py), so its delivered energy and the share of demand met hour
    // by hour land close to the rose's exact expectations (what remains is the random sector of
    // each hour: a few tenths of a per cent here).
    //
    // The demo models its power cables, so hour by hour the farm's output loses their I²R
    // instead of the flat `electrical_loss` the rose applies: compare what the farm sends
    // (delivered + cable losses) with the flat loss applied to it.
    let w = &v["weibull"];
    let rose_gwh = w["wind_delivered_gwh"].as_f64().unwrap();
    assert!((rose_gwh - aep["delivered_gwh"].as_f64().unwrap()).abs() < 1e-6);
    let ctx = fathom::mission::Context::load(&root().join("missions/demo.toml")).unwrap();
    let flat = ctx.mission.wind_farm.as_ref().unwrap().electrical_loss;
    let cable_mwh = f("cable_loss_mwh");
    assert!(
        cable_mwh > 0.0 && cable_mwh < 0.01 * f("wind_used_mwh"),
        "{cable_mwh}"
    );
    let year_gwh = (f("wind_delivered_mwh") + cable_mwh) * (1.0 - flat) / 1e3;
    assert!(
        (year_gwh / rose_gwh - 1.0).abs() < 0.03,
        "{year_gwh} vs {rose_gwh}"
    );
    let rose_share = w["share_met"].as_f64().unwrap();
    assert!(
        (f("share_met") - rose_share).abs() < 0.02,
        "{} vs {rose_share}",
        f("share_met")
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

/// PyWake's results on the same models (tests/data/pywake_reference.json, written by
/// benches/wind_pywake.py: NOJ with 1-D momentum deficit, area overlap and squared sum;
/// Bastankhah–Porté-Agel with CGI-7 and linear sum; no blockage, turbulence or deflection).
///
/// Tolerances: the models are the same equations evaluated in double precision, so the
/// effective wind speeds must agree to 1e-6 m/s (PyWake's cut-in/cut-out ramps of 1e-8 m/s are
/// never hit). AEP with PyWake's binning (midpoint rule over 1 m/s bins) evaluated from
/// fathom's flow cases must agree to 1e-6 relative, at the sector centres and, for the small
/// layouts, with each sector spread over 1° sub-directions. fathom's own AEP integrates the
/// piecewise-linear power exactly against each Weibull instead of PyWake's midpoint bins; that
/// changes the AEP by the midpoint rule's error, bounded here by 0.5 %.
#[test]
fn wake_models_agree_with_pywake() {
    use fathom::wind::aep::{AepOptions, aep};
    use fathom::wind::resource::{Sector, WindRose};
    use fathom::wind::turbine::Turbine;
    use fathom::wind::wake::{WakeModel, flow};
    use fathom::wind::weibull::Weibull;
    let text = std::fs::read_to_string(root().join("tests/data/pywake_reference.json")).unwrap();
    let r: serde_json::Value = serde_json::from_str(&text).unwrap();
    let t = Turbine::load("iea-15mw").unwrap();
    let nums = |v: &serde_json::Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    let rose = &r["rose"];
    let (wd, f, a, k) = (
        nums(&rose["sector_deg"]),
        nums(&rose["frequency"]),
        nums(&rose["weibull_a_ms"]),
        nums(&rose["weibull_k"]),
    );
    let ws = nums(&r["ws_ms"]);
    // PyWake's bins: edges half-way between the speeds, the outer ones mirrored.
    let mut edges = vec![ws[0] - (ws[1] - ws[0]) / 2.0];
    edges.extend(ws.windows(2).map(|w| (w[0] + w[1]) / 2.0));
    edges.push(ws[ws.len() - 1] + (ws[ws.len() - 1] - ws[ws.len() - 2]) / 2.0);
    let rose = WindRose {
        sectors: (0..wd.len())
            .map(|s| Sector {
                centre_deg: wd[s],
                width_deg: 360.0 / wd.len() as f64,
                frequency: f[s],
                weibull: Weibull { a: a[s], k: k[s] },
            })
            .collect(),
    };
    let (mut worst_exact, mut worst_ws, mut worst_binned) = (0.0f64, 0.0f64, 0.0f64);
    for case in r["cases"].as_array().unwrap() {
        let name = format!("{} {}", case["model"], case["layout"]);
        let m = match case["model"].as_str().unwrap() {
            "noj" => WakeModel::noj(),
            _ => WakeModel::gaussian(),
        };
        let k_ref = r[format!("{}_k", case["model"].as_str().unwrap())]
            .as_f64()
            .unwrap();
        assert_eq!(m.k, k_ref, "{name}");
        let (x, y) = (nums(&case["x_m"]), nums(&case["y_m"]));
        for fc in case["flows"].as_array().unwrap() {
            let (u, d) = (fc["ws"].as_f64().unwrap(), fc["wd"].as_f64().unwrap());
            let ours = flow(&m, &t, &x, &y, u, d).ws;
            for (i, (o, p)) in ours.iter().zip(nums(&fc["ws_eff"])).enumerate() {
                worst_ws = worst_ws.max((o - p).abs());
                assert!(
                    (o - p).abs() < 1e-6,
                    "{name} ws {u} wd {d} turbine {i}: fathom {o} PyWake {p}"
                );
            }
        }
        let (mut net, mut gross) = (0.0, 0.0);
        for s in &rose.sectors {
            for (n, &u) in ws.iter().enumerate() {
                let p = s.frequency * (s.weibull.cdf(edges[n + 1]) - s.weibull.cdf(edges[n]));
                net += p * flow(&m, &t, &x, &y, u, s.centre_deg)
                    .power_w
                    .iter()
                    .sum::<f64>();
                gross += p * t.power(u) * x.len() as f64;
            }
        }
        let to_gwh = 8760.0 / 1e9;
        let (net, gross) = (net * to_gwh, gross * to_gwh);
        // Each sector spread over its 1° sub-directions (fathom's default direction step).
        if let Some(pw_1deg) = case["aep_net_gwh_1deg"].as_f64() {
            let mut net_1deg = 0.0;
            for s in &rose.sectors {
                for sub in 0..10 {
                    let d = s.centre_deg - 4.5 + sub as f64;
                    for (n, &u) in ws.iter().enumerate() {
                        let p = s.frequency / 10.0
                            * (s.weibull.cdf(edges[n + 1]) - s.weibull.cdf(edges[n]));
                        net_1deg += p * flow(&m, &t, &x, &y, u, d).power_w.iter().sum::<f64>();
                    }
                }
            }
            let net_1deg = net_1deg * to_gwh;
            worst_binned = worst_binned.max((net_1deg / pw_1deg - 1.0).abs());
            assert!(
                (net_1deg / pw_1deg - 1.0).abs() < 1e-6,
                "{name} 1°: {net_1deg} vs {pw_1deg}"
            );
            let exact = aep(&m, &t, &x, &y, &rose, &AepOptions::default());
            let dev = (exact.net_gwh / pw_1deg - 1.0).abs();
            worst_exact = worst_exact.max(dev);
            eprintln!(
                "{name} 1° sub-directions: PyWake net {pw_1deg:.3} GWh; fathom exact integration {:.3} ({:+.3} %)",
                exact.net_gwh,
                100.0 * (exact.net_gwh / pw_1deg - 1.0)
            );
            assert!(
                dev < 0.005,
                "{name} 1°: fathom {} vs PyWake {pw_1deg}",
                exact.net_gwh
            );
        }
        let (pw_net, pw_gross) = (
            case["aep_net_gwh"].as_f64().unwrap(),
            case["aep_gross_gwh"].as_f64().unwrap(),
        );
        worst_binned = worst_binned.max((net / pw_net - 1.0).abs());
        assert!(
            (net / pw_net - 1.0).abs() < 1e-6,
            "{name}: net {net} vs {pw_net}"
        );
        assert!(
            (gross / pw_gross - 1.0).abs() < 1e-6,
            "{name}: gross {gross} vs {pw_gross}"
        );
        // fathom's own integration (sector centres, exact Weibull integral between nodes).
        let opts = AepOptions {
            direction_step_deg: 360.0 / wd.len() as f64,
            ..AepOptions::default()
        };
        let exact = aep(&m, &t, &x, &y, &rose, &opts);
        let dev = (exact.net_gwh / pw_net - 1.0).abs();
        worst_exact = worst_exact.max(dev);
        eprintln!(
            "{name}: PyWake net {pw_net:.3} GWh; fathom on PyWake's bins {net:.3}, fathom exact integration {:.3} ({:+.3} %); gross {pw_gross:.3} / {gross:.3} / {:.3}",
            exact.net_gwh,
            100.0 * (exact.net_gwh / pw_net - 1.0),
            exact.gross_gwh
        );
        assert!(
            dev < 0.005,
            "{name}: fathom {} vs PyWake {pw_net} GWh",
            exact.net_gwh
        );
    }
    eprintln!(
        "largest differences: effective speed {worst_ws:.1e} m/s; AEP on PyWake's bins {worst_binned:.1e}; AEP exact integration vs PyWake's bins {:.3} %",
        worst_exact * 100.0
    );
}
