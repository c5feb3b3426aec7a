//! `fathom cooling MISSION [--format json]`: the cooling budget per cabin and month.

use super::{CliError, Format};
use crate::cooling::{self, MONTHS};
use crate::mission::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom cooling missions/demo.toml
  fathom cooling missions/cooling-plume-breach.toml --format json

Per cabin and month: heat rejected, seawater flow, pump power, coolant supply temperature against
the racks' limit, PUE; then the plume at the mixing-zone edge against the GB 3097-1997 limit, the
intake warming from neighbours and the spacing to keep along the current.")]
pub struct CoolingArgs {
    /// Mission file.
    pub mission: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: &CoolingArgs) -> Result<ExitCode, CliError> {
    let ctx = Context::load(&args.mission).map_err(CliError::from_display)?;
    let report = cooling::analyse(&ctx).map_err(CliError::from_display)?;
    if args.format == Format::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(CliError::from_display)?
        );
        return Ok(ExitCode::SUCCESS);
    }
    for k in &report.cabins {
        println!(
            "cabin {} ({}, {}): IT {:.0} kW, heat {:.0} kW, intake warming {:.2} K, annual PUE {:.3}",
            k.cabin,
            k.cabin_type,
            k.chain,
            k.load.it_kw,
            k.load.heat_kw(),
            k.intake_warming_k,
            k.annual_pue
        );
        println!(
            "  month  sea°C  intake°C  flow m³/s  rise K  pump kW  supply°C  limit°C  PUE    plume K  limit K"
        );
        for m in &k.months {
            let flag = if m.supply_temp_c > m.supply_limit_c + 1e-9
                || m.plume_excess_k > m.plume_limit_k + 1e-9
            {
                "  ✗"
            } else {
                ""
            };
            println!(
                "  {:<5}  {:>5.1}  {:>8.1}  {:>9.3}  {:>6.2}  {:>7.1}  {:>8.1}  {:>7.1}  {:.3}  {:>7.2}  {:>7.1}{flag}",
                MONTHS[m.month - 1],
                m.sea_temp_c,
                m.intake_temp_c,
                m.flow_m3s,
                m.discharge_rise_k,
                m.pump_kw,
                m.supply_temp_c,
                m.supply_limit_c,
                m.pue,
                m.plume_excess_k,
                m.plume_limit_k
            );
        }
        println!(
            "  plume: depth {:.1} m, {:.2} K at the {:.0} m mixing-zone edge (current {:.2} m/s); keep ≥ {:.0} m along the current",
            k.plume.depth_m,
            k.plume.mixing_zone_excess_k,
            report.mixing_zone_m,
            report.plume_current_ms,
            k.plume.recommended_spacing_m
        );
    }
    let pue: Vec<String> = report
        .monthly_pue
        .iter()
        .map(|p| format!("{p:.3}"))
        .collect();
    println!("data centre PUE by month: {}", pue.join(" "));
    println!(
        "annual energy-weighted PUE {:.3} (target {:.3})",
        report.annual_pue, report.target_pue
    );
    Ok(ExitCode::SUCCESS)
}
