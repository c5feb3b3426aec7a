//! `fathom wind aep|flow|supply`: farm energy, single flow cases and supply against demand.

use super::{CliError, Format};
use crate::geodesy::{Crs, Transformer, utm_epsg};
use crate::mission::{Context, SuperpositionName, WakeModelName};
use crate::wind::aep::{AepOptions, AepResult, aep};
use crate::wind::farm::{FarmModel, named_wake_model};
use crate::wind::limits;
use crate::wind::resource::{WindRose, parse_timeseries};
use crate::wind::supply;
use crate::wind::turbine::Turbine;
use crate::wind::wake::{WakeModel, flow};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct WindArgs {
    #[command(subcommand)]
    pub command: WindCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum WindCommand {
    /// Annual energy production: gross, net (wake losses), per turbine and per sector.
    Aep(AepArgs),
    /// One flow case: each turbine's effective wind speed and power.
    Flow(FlowArgs),
    /// The farm's supply against the data centre's demand.
    Supply(SupplyArgs),
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WakeName {
    Noj,
    Gaussian,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuperName {
    Squared,
    Linear,
}

/// A farm given on the command line.
#[derive(clap::Args, Debug)]
pub struct FarmOpts {
    /// Turbine positions CSV: header `x_m,y_m` (metres, y = grid north) or `lon,lat` (WGS 84).
    #[arg(long)]
    pub layout: Option<PathBuf>,
    /// A shipped turbine (iea-15mw, iea-10mw, nrel-5mw) or a turbine CSV.
    #[arg(long)]
    pub turbine: Option<String>,
    /// Wake model.
    #[arg(long, value_enum, default_value_t = WakeName::Gaussian)]
    pub wake: WakeName,
    /// Wake expansion k (default: NOJ 0.04 offshore, Gaussian 0.0324555).
    #[arg(long)]
    pub wake_k: Option<f64>,
    /// Superposition (default: NOJ squared, Gaussian linear).
    #[arg(long, value_enum)]
    pub superposition: Option<SuperName>,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom wind aep missions/demo.toml
  fathom wind aep --layout farm.csv --turbine iea-15mw --wind-rose rose.csv --format json
  fathom wind aep --layout farm.csv --turbine my_turbine.csv --wind-rose rose.csv --wake noj --wake-k 0.05

rose.csv: sector_deg,frequency,weibull_a_ms,weibull_k at hub height, directions from true north
(for an x_m,y_m layout: from the layout's y axis).")]
pub struct AepArgs {
    /// Mission file (or give --layout, --turbine and --wind-rose).
    pub mission: Option<PathBuf>,
    #[command(flatten)]
    pub farm: FarmOpts,
    /// Sector Weibull wind rose CSV at hub height.
    #[arg(long)]
    pub wind_rose: Option<PathBuf>,
    /// Largest direction step within a sector (degrees).
    #[arg(long, default_value_t = 1.0)]
    pub direction_step: f64,
    /// Wind-speed node spacing (m/s), added to the curve's own speeds.
    #[arg(long, default_value_t = 0.5)]
    pub ws_step: f64,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom wind flow --layout farm.csv --turbine iea-15mw --ws 8 --wd 270
  fathom wind flow --layout farm.csv --turbine iea-15mw --ws 10 --wd 255 --wake noj --format json")]
pub struct FlowArgs {
    #[command(flatten)]
    pub farm: FarmOpts,
    /// Free-stream wind speed at hub height (m/s).
    #[arg(long)]
    pub ws: f64,
    /// Wind direction (degrees, where the wind comes from).
    #[arg(long)]
    pub wd: f64,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom wind supply missions/demo.toml
  fathom wind supply missions/demo.toml --timeseries wind_2024.csv --format json
  fathom wind supply missions/demo.toml --hourly-csv supply.csv   # every hour: supply, demand, shortfall

timeseries CSV: time_utc,wind_speed_ms,wind_direction_deg,height_m (one row per hour).")]
pub struct SupplyArgs {
    pub mission: PathBuf,
    /// Hourly wind time series (overrides the mission's).
    #[arg(long)]
    pub timeseries: Option<PathBuf>,
    /// Write every hour's supply and demand to this CSV (needs a time series).
    #[arg(long)]
    pub hourly_csv: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: &WindArgs) -> Result<ExitCode, CliError> {
    let result = match &args.command {
        WindCommand::Aep(a) => run_aep(a),
        WindCommand::Flow(a) => run_flow(a),
        WindCommand::Supply(a) => run_supply(a),
    };
    result.map(|()| ExitCode::SUCCESS)
}

fn model_from(o: &FarmOpts) -> Result<WakeModel, CliError> {
    let name = match o.wake {
        WakeName::Noj => WakeModelName::Noj,
        WakeName::Gaussian => WakeModelName::Gaussian,
    };
    let superposition = o.superposition.map(|s| match s {
        SuperName::Squared => SuperpositionName::Squared,
        SuperName::Linear => SuperpositionName::Linear,
    });
    let m = named_wake_model(name, o.wake_k, superposition);
    limits::check_option("--wake-k", m.k, (0.0, 1.0)).map_err(CliError)?;
    Ok(m)
}

/// Layout in metres plus the rotation (degrees) from true north to the layout's y axis.
fn read_layout(path: &Path) -> Result<(Vec<f64>, Vec<f64>, f64), CliError> {
    let file = path.display().to_string();
    let text = crate::fsutil::read_limited_text(path, crate::fsutil::MAX_TABLE_BYTES)
        .map_err(|e| CliError(format!("{file}: {e}")))?;
    let header = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let lonlat = header.replace(' ', "") == "lon,lat";
    let cols: &[&str] = if lonlat {
        &["lon", "lat"]
    } else {
        &["x_m", "y_m"]
    };
    let (rows, _) = crate::wind::resource::parse_numeric_csv(&text, &file, cols, 100_000)
        .map_err(|e| CliError(format!("{e} (or `lon,lat`)")))?;
    if rows.is_empty() {
        return Err(CliError(format!("{file}: no turbines")));
    }
    if !lonlat {
        return Ok((
            rows.iter().map(|r| r[0]).collect(),
            rows.iter().map(|r| r[1]).collect(),
            0.0,
        ));
    }
    let crs = Crs::epsg(utm_epsg(rows[0][0], rows[0][1]));
    let tr = Transformer::new(&Crs::wgs84(), &crs).map_err(CliError::from_display)?;
    let (mut x, mut y, mut g) = (vec![], vec![], 0.0);
    for r in &rows {
        let (px, py) = tr
            .convert(r[0], r[1])
            .map_err(|e| CliError(format!("{file}: {e}")))?;
        g += crate::geodesy::meridian_convergence_deg(|a, b| tr.convert(a, b), r[0], r[1])
            .map_err(CliError::from_display)?;
        x.push(px);
        y.push(py);
    }
    Ok((x, y, g / rows.len() as f64))
}

fn standalone(o: &FarmOpts) -> Result<(Turbine, Vec<f64>, Vec<f64>, f64), CliError> {
    let (Some(layout), Some(turbine)) = (&o.layout, &o.turbine) else {
        return Err(CliError(
            "expected a MISSION, or --layout and --turbine".into(),
        ));
    };
    let t = Turbine::load(turbine).map_err(CliError::from_display)?;
    limits::check_turbine(&t).map_err(|e| CliError(format!("{turbine}: {e}")))?;
    let (x, y, g) = read_layout(layout)?;
    limits::check_layout(&x, &y, t.rotor_diameter_m)
        .map_err(|e| CliError(format!("{}: {e}", layout.display())))?;
    Ok((t, x, y, g))
}

fn run_aep(a: &AepArgs) -> Result<(), CliError> {
    let opts = AepOptions {
        ws_step_ms: a.ws_step,
        direction_step_deg: a.direction_step,
        ..AepOptions::default()
    };
    limits::check_option("--ws-step", a.ws_step, limits::WS_STEP_MS).map_err(CliError)?;
    limits::check_option(
        "--direction-step",
        a.direction_step,
        limits::DIRECTION_STEP_DEG,
    )
    .map_err(CliError)?;
    let (res, delivery) = if let Some(m) = &a.mission {
        let ctx = Context::load(m).map_err(CliError::from_display)?;
        let farm = FarmModel::from_context(&ctx)
            .map_err(CliError::from_display)?
            .ok_or_else(|| CliError(format!("{}: no [wind_farm] section", m.display())))?;
        let rose = farm.rose.as_ref().ok_or_else(|| {
            CliError(format!(
                "{}: wind_farm.resource.sectors: AEP needs a sector Weibull table",
                m.display()
            ))
        })?;
        (
            aep(&farm.model, &farm.turbine, &farm.x, &farm.y, rose, &opts),
            farm.delivery_factor(),
        )
    } else {
        let (t, x, y, g) = standalone(&a.farm)?;
        let path = a
            .wind_rose
            .as_ref()
            .ok_or_else(|| CliError("expected --wind-rose ROSE.csv".into()))?;
        let text = crate::fsutil::read_limited_text(path, crate::fsutil::MAX_TABLE_BYTES)
            .map_err(|e| CliError(format!("{}: {e}", path.display())))?;
        let mut rose = WindRose::parse_csv(&text, &path.display().to_string())
            .map_err(CliError::from_display)?;
        for s in &mut rose.sectors {
            s.centre_deg = (s.centre_deg + g).rem_euclid(360.0);
        }
        (aep(&model_from(&a.farm)?, &t, &x, &y, &rose, &opts), 1.0)
    };
    print_aep(&res, delivery, a.format)
}

fn print_aep(r: &AepResult, delivery: f64, format: Format) -> Result<(), CliError> {
    if format == Format::Json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            aep: &'a AepResult,
            delivered_gwh: f64,
        }
        let out = Out {
            aep: r,
            delivered_gwh: r.net_gwh * delivery,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&out).map_err(CliError::from_display)?
        );
        return Ok(());
    }
    println!("turbines      {} ({:.1} MW)", r.turbines, r.rated_mw);
    println!(
        "gross AEP     {:.2} GWh (capacity factor {:.3})",
        r.gross_gwh, r.capacity_factor_gross
    );
    println!(
        "net AEP       {:.2} GWh (capacity factor {:.3})",
        r.net_gwh, r.capacity_factor_net
    );
    println!("wake loss     {:.2} %", r.wake_loss_pct);
    println!(
        "delivered     {:.2} GWh (after availability and electrical losses)",
        r.net_gwh * delivery
    );
    println!("sector  freq  gross GWh  net GWh");
    for s in &r.per_sector {
        println!(
            "{:6.1} {:5.3} {:10.2} {:8.2}",
            s.sector_deg, s.frequency, s.gross_gwh, s.net_gwh
        );
    }
    println!("turbine  gross GWh  net GWh");
    for (i, t) in r.per_turbine.iter().enumerate() {
        println!("{:7} {:10.2} {:8.2}", i + 1, t.gross_gwh, t.net_gwh);
    }
    Ok(())
}

fn run_flow(a: &FlowArgs) -> Result<(), CliError> {
    if !(a.ws.is_finite() && a.ws >= 0.0 && a.wd.is_finite()) {
        return Err(CliError(
            "--ws: expected a speed ≥ 0; --wd: expected degrees".into(),
        ));
    }
    let (t, x, y, g) = standalone(&a.farm)?;
    let f = flow(
        &model_from(&a.farm)?,
        &t,
        &x,
        &y,
        a.ws,
        (a.wd + g).rem_euclid(360.0),
    );
    if a.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Row {
            x_m: f64,
            y_m: f64,
            ws_eff_ms: f64,
            power_kw: f64,
            ct: f64,
        }
        let rows: Vec<Row> = (0..x.len())
            .map(|i| Row {
                x_m: x[i],
                y_m: y[i],
                ws_eff_ms: f.ws[i],
                power_kw: f.power_w[i] / 1e3,
                ct: f.ct[i],
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(CliError::from_display)?
        );
        return Ok(());
    }
    println!("turbine  ws_eff m/s  power kW     ct");
    for (i, ((ws, p), ct)) in f.ws.iter().zip(&f.power_w).zip(&f.ct).enumerate() {
        println!("{:7} {:11.3} {:9.1} {:6.3}", i + 1, ws, p / 1e3, ct);
    }
    println!("total {:.1} kW", f.power_w.iter().sum::<f64>() / 1e3);
    Ok(())
}

fn run_supply(a: &SupplyArgs) -> Result<(), CliError> {
    let ctx = Context::load(&a.mission).map_err(CliError::from_display)?;
    let mut farm = FarmModel::from_context(&ctx)
        .map_err(CliError::from_display)?
        .ok_or_else(|| CliError(format!("{}: no [wind_farm] section", a.mission.display())))?;
    if let Some(p) = &a.timeseries {
        let text = crate::fsutil::read_limited_text(p, crate::fsutil::MAX_TABLE_BYTES)
            .map_err(|e| CliError(format!("{}: {e}", p.display())))?;
        farm.timeseries = Some(
            parse_timeseries(&text, &p.display().to_string()).map_err(CliError::from_display)?,
        );
        if farm.shear.is_none()
            && farm
                .timeseries
                .iter()
                .flatten()
                .any(|r| (r.height_m - farm.turbine.hub_height_m).abs() > 1e-9)
        {
            return Err(CliError(format!(
                "{}: heights differ from the hub ({} m): expected shear_alpha or roughness_length_m in [wind_farm.resource]",
                p.display(),
                farm.turbine.hub_height_m
            )));
        }
    }
    let ms = supply::of_mission(&ctx, &farm, a.hourly_csv.is_some());
    let (it, pue, demand, cable) = (ms.it_load_w, ms.monthly_pue, ms.demand_w, ms.cable_w);
    let (hourly, rows) = (ms.hourly, ms.rows);
    if let Some(path) = &a.hourly_csv {
        if hourly.is_none() {
            return Err(CliError(format!(
                "--hourly-csv: {} has no wind time series: expected wind_farm.resource.timeseries or --timeseries",
                a.mission.display()
            )));
        }
        let mut text = String::from(supply::HourRow::CSV_HEADER);
        text.push('\n');
        for r in &rows {
            text.push_str(&r.csv());
            text.push('\n');
        }
        crate::fsutil::write_atomic(path, text.as_bytes())
            .map_err(|e| CliError(format!("{}: {e}", path.display())))?;
    }
    let weibull = supply::weibull(&farm, &demand, cable, &AepOptions::default());
    let energy = farm.rose.as_ref().map(|rose| {
        let r = aep(
            &farm.model,
            &farm.turbine,
            &farm.x,
            &farm.y,
            rose,
            &AepOptions::default(),
        );
        (r, farm.delivery_factor())
    });
    if a.format == Format::Json {
        let aep_json = energy.as_ref().map(|(r, k)| {
            serde_json::json!({
                "gross_gwh": r.gross_gwh,
                "net_gwh": r.net_gwh,
                "delivered_gwh": r.net_gwh * k,
                "wake_loss_pct": r.wake_loss_pct,
                "capacity_factor_gross": r.capacity_factor_gross,
                "capacity_factor_net": r.capacity_factor_net,
            })
        });
        let out = serde_json::json!({
            "aep": aep_json,
            "it_load_mw": it / 1e6,
            "monthly_pue": pue,
            "farm_rated_mw": farm.turbine.rated_power_w() * farm.x.len() as f64 / 1e6,
            "grid_convergence_deg": farm.convergence_deg,
            "hourly": hourly,
            "weibull": weibull,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).map_err(CliError::from_display)?
        );
        return Ok(());
    }
    println!(
        "demand        IT {:.2} MW × PUE {:.2}–{:.2}; farm {} × {} ({:.0} MW), grid convergence {:.3}°",
        it / 1e6,
        pue.iter().copied().fold(f64::INFINITY, f64::min),
        pue.iter().copied().fold(0.0, f64::max),
        farm.x.len(),
        farm.turbine.name,
        farm.turbine.rated_power_w() * farm.x.len() as f64 / 1e6,
        farm.convergence_deg
    );
    if let Some((r, k)) = &energy {
        println!(
            "AEP           gross {:.1} GWh (CF {:.3}), net {:.1} GWh (CF {:.3}), wake loss {:.2} %, delivered {:.1} GWh",
            r.gross_gwh,
            r.capacity_factor_gross,
            r.net_gwh,
            r.capacity_factor_net,
            r.wake_loss_pct,
            r.net_gwh * k
        );
    }
    if let Some(h) = &hourly {
        println!(
            "time series   {} h: demand {:.0} MWh, wind delivered {:.0} MWh",
            h.hours, h.demand_mwh, h.wind_delivered_mwh
        );
        println!(
            "              share met {:.1} %, deficit hours {}, shortfall {:.1} MWh, surplus {:.0} MWh",
            h.share_met * 100.0,
            h.deficit_hours,
            h.shortfall_mwh,
            h.surplus_mwh
        );
        if let Some(lost) = h.cable_loss_mwh {
            let ids: Vec<&str> = h.cable_losses.iter().map(|c| c.id.as_str()).collect();
            println!(
                "              cable losses {lost:.1} MWh: I²R of {} at each hour's power (instead of the flat electrical_loss)",
                ids.join(", ")
            );
        }
        println!(
            "              longest deficit {} h{}",
            h.longest_deficit_h,
            h.longest_deficit_start
                .as_ref()
                .map(|s| format!(" from {s}"))
                .unwrap_or_default()
        );
    }
    if let Some(w) = &weibull {
        println!(
            "Weibull rose  wind covers demand {:.1} % of the time; expected shortfall {:.3} MW ({:.0} MWh/yr of {:.0})",
            w.probability_covered * 100.0,
            w.expected_shortfall_mw,
            w.shortfall_mwh,
            w.demand_mwh
        );
        println!(
            "              share met {:.1} %, farm delivers {:.1} GWh/yr",
            w.share_met * 100.0,
            w.wind_delivered_gwh
        );
    }
    Ok(())
}
