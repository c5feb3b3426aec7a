//! `fathom cable plan MISSION [--cable ID] [--write]` and `fathom cable check MISSION
//! [--format json]`, and the RPL export behind `fathom export --format rpl`.

use super::{CliError, Format};
use crate::cable::{self, CableAnalysis, Performance};
use crate::finding::{ObjectRef, Severity};
use crate::mission::{self, Context};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom cable plan missions/demo.toml                  route every cable without waypoints
  fathom cable plan missions/demo.toml --cable P1 --write
  fathom cable check missions/demo.toml --format json

Routes keep out of exclusion zones and their buffers, off slopes over 10°, 50 m from other
cables, cabins, turbines and landing points (except at the cable's own ends), and cross existing
cables or pipelines only when no route avoids them, then at 45° or squarer (each crossing costs
1 km / sin of its angle). --cable ID keeps clear of every other cable's route as the mission holds
it. --write stores the route's alter-course points as the cable's waypoints (the file's comments
are kept). With a wind farm time series, `check` also gives each power cable's energy lost hour by
hour over the series.")]
pub struct CableArgs {
    #[command(subcommand)]
    pub command: CableCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum CableCommand {
    /// Route cables automatically (those without waypoints, or the one named by --cable).
    Plan {
        mission: PathBuf,
        /// Only this cable (re-routes it even when it has waypoints).
        #[arg(long)]
        cable: Option<String>,
        /// Save the routes into the mission as waypoints.
        #[arg(long)]
        write: bool,
    },
    /// Engineering, electrical and the CABLE-* rules of every cable (exit 1 on errors).
    Check {
        mission: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

pub fn run(args: &CableArgs) -> Result<ExitCode, CliError> {
    match &args.command {
        CableCommand::Plan {
            mission,
            cable,
            write,
        } => plan(mission, cable.as_deref(), *write),
        CableCommand::Check { mission, format } => check(mission, *format),
    }
}

fn load(path: &Path) -> Result<Context, CliError> {
    let ctx = Context::load(path).map_err(CliError::from_display)?;
    if ctx.mission.cables.is_empty() {
        return Err(CliError(format!(
            "{}: no [[cables]] in the mission",
            path.display()
        )));
    }
    Ok(ctx)
}

fn plan(path: &Path, only: Option<&str>, write: bool) -> Result<ExitCode, CliError> {
    let ctx = load(path)?;
    if let Some(id) = only
        && !ctx.mission.cables.iter().any(|c| c.id == id)
    {
        return Err(CliError(format!("{}: no cable `{id}`", path.display())));
    }
    let planned = cable::route::plan_mission(&ctx, only).map_err(CliError::from_display)?;
    if planned.is_empty() {
        println!("every cable has waypoints; name one with --cable ID to re-route it");
        return Ok(ExitCode::SUCCESS);
    }
    let mut m = ctx.mission.clone();
    let mut failed = false;
    for (id, result) in planned {
        match result {
            Ok(route) => {
                let len = crate::bathymetry::sample::polyline_length(&route);
                let c = m.cables.iter_mut().find(|c| c.id == id).expect("planned");
                c.waypoints = route[1..route.len() - 1]
                    .iter()
                    .map(|&(x, y)| {
                        ctx.to_lonlat(x, y)
                            .map(|(lon, lat)| [round7(lon), round7(lat)])
                    })
                    .collect::<Result<_, _>>()
                    .map_err(CliError::from_display)?;
                println!(
                    "{id}: {:.3} km route, {} alter-course points, {:.3} km of cable with {} % slack",
                    len / 1e3,
                    route.len() - 2,
                    cable::engineering::with_slack(len, c.slack_pct) / 1e3,
                    c.slack_pct
                );
            }
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    if write {
        mission::save(&m, path).map_err(CliError::from_display)?;
        println!("routes written to {}", path.display());
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Degrees to 7 decimals (≈ 1 cm): what a mission file needs to hold a route.
fn round7(v: f64) -> f64 {
    (v * 1e7).round() / 1e7
}

fn check(path: &Path, format: Format) -> Result<ExitCode, CliError> {
    let ctx = load(path)?;
    let demand = cable::network::cabin_demand_kw(&ctx);
    let mut analyses = Vec::new();
    for i in 0..ctx.mission.cables.len() {
        match cable::analyse(&ctx, i, None, &demand) {
            Ok(a) => analyses.push(a),
            Err(e) => eprintln!("{e}"),
        }
    }
    let findings = cable::check(&ctx);
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    let hourly = hourly_losses(&ctx);
    match format {
        Format::Json => {
            let v = serde_json::json!({
                "cables": analyses,
                "findings": findings,
                "hourly_losses": hourly.as_ref().map(|(hours, cables)| serde_json::json!({
                    "hours": hours,
                    "cables": cables.iter().map(|c| serde_json::json!({
                        "id": c.id,
                        "loss_mwh": c.loss_mwh,
                        "annual_mwh": c.loss_mwh * 8760.0 / *hours as f64,
                    })).collect::<Vec<_>>(),
                })),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&v).map_err(CliError::from_display)?
            );
        }
        Format::Text => {
            for a in &analyses {
                print_analysis(a);
                if let Some((hours, cables)) = &hourly
                    && let Some(c) = cables.iter().find(|c| c.id == a.id)
                {
                    println!(
                        "  over the hourly wind supply ({hours} h): {:.1} MWh lost, {:.1} MWh/yr",
                        c.loss_mwh,
                        c.loss_mwh * 8760.0 / *hours as f64
                    );
                }
            }
            for f in &findings {
                let obj = f
                    .object
                    .as_ref()
                    .map(ObjectRef::to_string)
                    .unwrap_or_default();
                println!("{}: {} [{obj}] {}", f.severity, f.code, f.message);
            }
        }
    }
    Ok(if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Each power cable's energy lost over the wind farm's hourly series (the supply's I²R losses at
/// each hour's wind power used, [`crate::wind::supply`]) and the number of hours; `None` without
/// a farm with a time series or with power cables that cannot be analysed.
fn hourly_losses(ctx: &Context) -> Option<(usize, Vec<crate::wind::supply::CableEnergy>)> {
    let farm = match crate::wind::farm::FarmModel::from_context(ctx) {
        Ok(f) => f?,
        Err(e) => {
            eprintln!("wind farm: {e}: no hourly cable losses");
            return None;
        }
    };
    farm.timeseries.as_ref()?;
    let h = crate::wind::supply::of_mission(ctx, &farm, false).hourly?;
    (h.hours > 0 && h.cable_loss_mwh.is_some()).then_some((h.hours, h.cable_losses))
}

fn print_analysis(a: &CableAnalysis) {
    let e = &a.engineering;
    println!(
        "{} ({}){}: route {:.3} km + {} % slack = {:.3} km of cable; {} positions; {} free span(s)",
        a.id,
        a.cable_type.name,
        if a.straight {
            " [no waypoints: straight line]"
        } else {
            ""
        },
        e.route_length_m / 1e3,
        e.slack_pct,
        e.cable_length_m / 1e3,
        e.vertices.len(),
        e.spans.len()
    );
    match &a.performance {
        Some(Performance::Power {
            fed_cabins,
            demand_kw,
            flow,
            annual_loss_mwh,
        }) => println!(
            "  feeds {} ({:.2} MW): {:.0} A of {:.0} A rated, charging {:.1} A, loss {:.1} kW ({:.0} MWh/yr at that demand), voltage drop {:.2} %, critical length {:.0} km",
            if fed_cabins.is_empty() {
                "-".into()
            } else {
                fed_cabins.join(", ")
            },
            demand_kw / 1e3,
            flow.current_a,
            flow.rating_a,
            flow.charging_current_a,
            flow.loss_kw,
            annual_loss_mwh,
            flow.voltage_drop_pct,
            flow.critical_length_km
        ),
        Some(Performance::Fibre(f)) => println!(
            "  fibre link {:.1} dB, one-way latency {:.1} µs",
            f.loss_db, f.latency_us
        ),
        None => {}
    }
}

/// RPL CSV text of each cable (or only `only`): (cable id, text).
pub fn rpl_files(path: &Path, only: Option<&str>) -> Result<Vec<(String, String)>, CliError> {
    let ctx = load(path)?;
    let demand = cable::network::cabin_demand_kw(&ctx);
    let mut out = Vec::new();
    for (i, c) in ctx.mission.cables.iter().enumerate() {
        if only.is_some_and(|id| id != c.id) {
            continue;
        }
        let a = cable::analyse(&ctx, i, None, &demand).map_err(CliError::from_display)?;
        out.push((
            c.id.clone(),
            crate::formats::rpl::write(&a, &c.from.to_string(), &c.to.to_string(), c.burial_m),
        ));
    }
    if let Some(id) = only
        && out.is_empty()
    {
        return Err(CliError(format!("{}: no cable `{id}`", path.display())));
    }
    Ok(out)
}
