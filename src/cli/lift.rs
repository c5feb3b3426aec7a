//! `fathom lift MISSION [--cabin ID]` and `fathom weather MISSION [--metocean FILE.csv]`.

use super::{CliError, Format};
use crate::finding::Finding;
use crate::lift::windows::{self, OperationWindows};
use crate::lift::{self, CabinLift, alpha};
use crate::metocean;
use crate::mission::{self, Context};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom lift missions/demo.toml
  fathom lift missions/demo.toml --cabin C1 --format json

Per cabin: hook loads and crane utilisation per phase, hook height, radius, lowering phase
durations, touchdown offset in the design current and the largest current within tolerance,
pendulum periods; then the LIFT-* findings.
Exit codes: 0 no errors, 1 lift errors found, 2 could not run.")]
pub struct LiftArgs {
    /// Mission file.
    pub mission: PathBuf,
    /// Only this cabin.
    #[arg(long)]
    pub cabin: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(serde::Serialize)]
struct LiftReport<'a> {
    mission: String,
    cabins: Vec<&'a CabinLift>,
    findings: &'a [Finding],
}

/// Runs `fathom lift`.
pub fn run_lift(args: &LiftArgs) -> Result<ExitCode, CliError> {
    let ctx = Context::load(&args.mission).map_err(CliError::from_display)?;
    if let Some(id) = &args.cabin
        && !ctx.mission.cabins.iter().any(|c| &c.id == id)
    {
        return Err(CliError(format!(
            "{}: no cabin `{id}` in [[cabins]]",
            args.mission.display()
        )));
    }
    let setup = match lift::setup(&ctx) {
        None => {
            return Err(CliError(format!(
                "{}: no [lift] plan: expected a [lift] section",
                args.mission.display()
            )));
        }
        Some(Err(f)) => return Err(CliError(format!("{}: {f}", args.mission.display()))),
        Some(Ok(s)) => s,
    };
    let lifts = lift::cabin_lifts(&ctx, &setup, args.cabin.as_deref());
    let mut findings: Vec<Finding> = lift::check(&ctx)
        .into_iter()
        .filter(|f| {
            args.cabin
                .as_ref()
                .is_none_or(|id| f.object.as_ref().and_then(|o| o.cabin_id()) == Some(id.as_str()))
        })
        .collect();
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.object.cmp(&b.object))
    });
    match args.format {
        Format::Json => {
            let report = LiftReport {
                mission: args.mission.display().to_string(),
                cabins: lifts.iter().map(|(l, _)| l).collect(),
                findings: &findings,
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&report).map_err(CliError::from_display)?
            );
        }
        Format::Text => {
            for (l, _) in &lifts {
                print_lift(l);
            }
            for f in &findings {
                println!("{}: {f}", args.mission.display());
            }
        }
    }
    Ok(if crate::finding::has_errors(&findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_lift(l: &CabinLift) {
    println!(
        "cabin {} (type {}): depth {:.1} m, radius {} m (needs ≥ {:.1} m), submerged mass {:.1} t",
        l.cabin, l.cabin_type, l.depth_m, l.radius_m, l.radius_needed_m, l.submerged_mass_t
    );
    println!(
        "  {:<26} {:>11} {:>9} {:>7}",
        "phase", "hook load", "SWL", "util"
    );
    for p in &l.loads {
        println!(
            "  {:<26} {:>9.1} t {:>7} {:>7}",
            p.phase,
            p.hook_load_t,
            p.swl_t.map_or("-".into(), |s| format!("{s:.0} t")),
            p.utilisation
                .map_or("-".into(), |u| format!("{:.0} %", u * 100.0))
        );
    }
    println!(
        "  hook height: needs {:.1} m above deck, crane {:.1} m at the radius",
        l.hook_height_needed_m, l.hook_height_available_m
    );
    for p in &l.phases {
        println!(
            "  {:<26} {:>7.1} m {:>8.1} min",
            p.name, p.distance_m, p.duration_min
        );
    }
    println!(
        "  {:<26} {:>17.1} min ({:.2} h)",
        "total",
        l.total_min,
        l.total_min / 60.0
    );
    match l.touchdown_offset_m {
        Some(o) => println!(
            "  touchdown offset {:.3} m at {} m/s surface current (tolerance ±{} m); largest current within it {}",
            o,
            l.design_current_ms,
            l.tolerance_m,
            l.max_current_ms
                .map_or("> 10 m/s".into(), |u| format!("{u:.2} m/s"))
        ),
        None => println!("  touchdown offset not computed (no drag data or floating cabin)"),
    }
    for p in &l.pendulum {
        println!(
            "  pendulum {}, mode {}: {:.1}–{:.1} s (falls {:.1}–{:.1} m, hook to CoG {:.1} m){}",
            p.phase,
            p.mode,
            p.period_s[0],
            p.period_s[1],
            p.falls_m[0],
            p.falls_m[1],
            p.hook_to_cog_m,
            if p.near_resonance {
                "  NEAR WAVE PERIODS"
            } else {
                ""
            }
        );
    }
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom weather missions/demo.toml --metocean hindcast.csv
  fathom weather missions/demo.toml --metocean hindcast.csv --format json > windows.json

The CSV has a header with time_utc,hs_m and any of tp_s,wind_ms,current_ms,tide_m and one row per
time on a regular step (gaps are reported and never workable). Other layouts (e.g. the published
hindcasts: `;` separated, YYYY-MM-DD-HH, Tz) are read with --columns, e.g.
  --columns 'time=time,hs_m=significant wave height,wind_ms=wind speed,tz_s=zero-up-crossing'
or a [metocean.columns] table in the mission; Tz becomes Tp ≈ 1.286·Tz (JONSWAP γ = 3.3,
DNV-RP-C205 §3.5.5). For each [[lift.operations]]: the Hs limit times the
DNV-ST-N001 alpha factor, the windows that hold for T_R = T_POP + contingency, operability per
month and the P50/P90 wait for a start requested in each month.
Exit codes: 0 done, 2 could not run.")]
pub struct WeatherArgs {
    /// Mission file.
    pub mission: PathBuf,
    /// Metocean time series (CSV); default the mission's `metocean.series_csv`.
    #[arg(long)]
    pub metocean: Option<PathBuf>,
    /// Column mapping of the series (`time=…,hs_m=…,tz_s=…,wind_ms=…,delimiter=;`; units after a
    /// colon, `hs_m=Hs:cm,wind_ms=U10:kn`); default the
    /// mission's `[metocean.columns]`, else fathom's own column names.
    #[arg(long)]
    pub columns: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(serde::Serialize)]
struct WeatherReport {
    mission: String,
    series: String,
    records: usize,
    step_s: i64,
    gaps: Vec<metocean::Gap>,
    /// Variables the series lacks.
    missing_variables: Vec<&'static str>,
    /// Tp was converted from Tz (JONSWAP γ = 3.3, DNV-RP-C205 §3.5.5).
    tp_from_tz: bool,
    operations: Vec<OperationWindows>,
}

/// Runs `fathom weather`.
pub fn run_weather(args: &WeatherArgs) -> Result<ExitCode, CliError> {
    let m = mission::load(&args.mission).map_err(CliError::from_display)?;
    let base = args.mission.parent().unwrap_or(Path::new("."));
    let plan = m
        .lift
        .as_ref()
        .filter(|p| !p.operations.is_empty())
        .ok_or_else(|| {
            CliError(format!(
                "{}: no [[lift.operations]]: expected operations with duration_h and hs_max_m",
                args.mission.display()
            ))
        })?;
    let table = match &plan.alpha_table {
        Some(p) => alpha::read(&base.join(p)).map_err(CliError::from_display)?,
        None => alpha::default_table(),
    };
    let (csv, s) = super::series::read(
        &args.mission,
        &m,
        args.metocean.as_deref(),
        args.columns.as_deref(),
    )?;
    let report = analyse(&s, plan, &table, args, &csv)?;
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(CliError::from_display)?
        ),
        Format::Text => print_weather(&report),
    }
    Ok(ExitCode::SUCCESS)
}

fn analyse(
    s: &metocean::Series,
    plan: &mission::LiftPlan,
    table: &alpha::AlphaTable,
    args: &WeatherArgs,
    csv: &Path,
) -> Result<WeatherReport, CliError> {
    let months = windows::months_of(s);
    let mut operations = Vec::new();
    for op in &plan.operations {
        let l = windows::AppliedLimits::new(op, table);
        l.check_series(s)
            .map_err(|e| CliError(format!("{}: {e}", csv.display())))?;
        operations.push(windows::analyse(s, &months, l));
    }
    Ok(WeatherReport {
        mission: args.mission.display().to_string(),
        series: csv.display().to_string(),
        records: s.time_s.len(),
        step_s: s.step_s,
        gaps: s.gaps.clone(),
        missing_variables: s.missing(),
        tp_from_tz: s.tp_from_tz,
        operations,
    })
}

fn time(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map_or(t.to_string(), |d| d.format("%Y-%m-%d %H:%M").to_string())
}

fn print_weather(r: &WeatherReport) {
    println!(
        "{}: {} records every {} s, {} gap(s)",
        r.series,
        r.records,
        r.step_s,
        r.gaps.len()
    );
    if !r.missing_variables.is_empty() {
        println!("  no column for: {}", r.missing_variables.join(", "));
    }
    if r.tp_from_tz {
        println!("  Tp from Tz: Tp ≈ 1.286·Tz (JONSWAP γ = 3.3, DNV-RP-C205 §3.5.5)");
    }
    for g in r.gaps.iter().take(10) {
        println!(
            "  gap: {} missing record(s) between {} and {}",
            g.missing,
            time(g.after_s),
            time(g.before_s)
        );
    }
    for o in &r.operations {
        let l = &o.limits;
        println!(
            "operation {}: T_POP {} h, T_R {} h, Hs {} m × α {:.3} = {:.2} m{}{}{}",
            l.name,
            l.t_pop_h,
            l.t_r_h,
            l.hs_design_m,
            l.alpha,
            l.hs_forecast_m,
            l.wind_max_ms
                .map_or(String::new(), |w| format!(", wind ≤ {w} m/s")),
            l.current_max_ms
                .map_or(String::new(), |c| format!(", current ≤ {c} m/s")),
            if l.weather_restricted {
                ""
            } else {
                " (T_POP > 72 h: not weather-restricted)"
            }
        );
        println!(
            "  {} window(s), operability {:.1} %",
            o.windows.len(),
            o.operability * 100.0
        );
        for w in o.windows.iter().take(5) {
            println!(
                "  window {} → {} ({:.0} h)",
                time(w.start_s),
                time(w.end_s),
                w.hours
            );
        }
        println!("  month  operability  wait P50 (h)  wait P90 (h)  mean wait (h)  censored");
        for m in o.months.iter().filter(|m| m.records > 0) {
            let f = |v: Option<f64>| v.map_or("-".into(), |x| format!("{x:.0}"));
            println!(
                "  {:>5}  {:>10.1} %  {:>12}  {:>12}  {:>13}  {:>8}",
                m.month,
                m.operability.unwrap_or(0.0) * 100.0,
                f(m.wait_p50_h),
                f(m.wait_p90_h),
                f(m.wait_mean_h),
                m.censored
            );
        }
    }
}
