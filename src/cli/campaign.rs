//! `fathom campaign MISSION --metocean FILE [--start MM-DD..MM-DD] [--format text|json|csv]`.

use super::CliError;
use crate::campaign::{self, CampaignResult};
use crate::mission::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CampaignFormat {
    Text,
    Json,
    /// The month-by-month table.
    Csv,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom campaign missions/demo.toml
  fathom campaign missions/demo.toml --metocean hindcast.txt \\
      --columns 'time=time,hs_m=significant wave height,wind_ms=wind speed' --start 2026-04-01..2026-09-30

Simulates the mission's [campaign] (defaults when absent) hour by hour through the series from
every start date of the start window in every year of the series: P10/P50/P90 duration and finish
by start month, waiting on weather per operation, vessel days and spread cost, the best start
month and the P50 run. Cable lay and pull-in come from the mission's [[cables]] (length to order
at the lay speed).
Exit codes: 0 done, 2 could not run.")]
pub struct CampaignArgs {
    /// Mission file.
    pub mission: PathBuf,
    /// Metocean time series; default the mission's `metocean.series_csv`.
    #[arg(long)]
    pub metocean: Option<PathBuf>,
    /// Column mapping of the series (`time=…,hs_m=…,tz_s=…,wind_ms=…,delimiter=;`; units after a
    /// colon, `hs_m=Hs:cm,wind_ms=U10:kn`).
    #[arg(long)]
    pub columns: Option<String>,
    /// Start window `FROM..TO` as `YYYY-MM-DD` or `MM-DD` (month and day used in every year).
    #[arg(long)]
    pub start: Option<String>,
    #[arg(long, value_enum, default_value_t = CampaignFormat::Text)]
    pub format: CampaignFormat,
}

/// Runs `fathom campaign`.
pub fn run(args: &CampaignArgs) -> Result<ExitCode, CliError> {
    let ctx = Context::load(&args.mission).map_err(CliError::from_display)?;
    let m = &ctx.mission;
    let (csv, s) = super::series::read(
        &args.mission,
        m,
        args.metocean.as_deref(),
        args.columns.as_deref(),
    )?;
    let window = match &args.start {
        None => None,
        Some(w) => {
            let bad = || {
                CliError(format!(
                    "--start `{w}`: expected FROM..TO, e.g. 2026-04-01..2026-09-30"
                ))
            };
            let (a, b) = w.split_once("..").ok_or_else(bad)?;
            Some([
                campaign::month_day(a).ok_or_else(bad)?,
                campaign::month_day(b).ok_or_else(bad)?,
            ])
        }
    };
    let (_, r) = campaign::simulate(&ctx, &s, &campaign::cable_work(&ctx), window, None)
        .map_err(|e| CliError(format!("{}: {e}", args.mission.display())))?;
    match args.format {
        CampaignFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&r).map_err(CliError::from_display)?
        ),
        CampaignFormat::Csv => print_csv(&r),
        CampaignFormat::Text => print_text(&r, &csv.display().to_string()),
    }
    Ok(ExitCode::SUCCESS)
}

fn f(v: Option<f64>, digits: usize) -> String {
    v.map_or("-".into(), |x| format!("{x:.digits$}"))
}

fn print_csv(r: &CampaignResult) {
    println!(
        "start_month,runs,censored,duration_p10_d,duration_p50_d,duration_p90_d,finish_p50,finish_p90"
    );
    for m in &r.months {
        println!(
            "{},{},{},{},{},{},{},{}",
            m.month,
            m.runs,
            m.censored,
            f(m.duration_p10_d, 2),
            f(m.duration_p50_d, 2),
            f(m.duration_p90_d, 2),
            m.finish_p50.as_deref().unwrap_or(""),
            m.finish_p90.as_deref().unwrap_or("")
        );
    }
}

fn print_text(r: &CampaignResult, series: &str) {
    println!(
        "{series}: {} start(s), {} censored (would pass the end of the series)",
        r.starts, r.censored
    );
    println!("start month  runs  P10 (d)  P50 (d)  P90 (d)  finish P50  finish P90");
    for m in &r.months {
        println!(
            "{:>11}  {:>4}  {:>7}  {:>7}  {:>7}  {:>10}  {:>10}",
            month_name(m.month),
            m.runs - m.censored,
            f(m.duration_p10_d, 1),
            f(m.duration_p50_d, 1),
            f(m.duration_p90_d, 1),
            m.finish_p50.as_deref().unwrap_or("-"),
            m.finish_p90.as_deref().unwrap_or("-")
        );
    }
    println!("waiting on weather per operation type (h): mean, P50, P90");
    for d in &r.downtime {
        println!(
            "  {:<12} {:>7.1} {:>7} {:>7}",
            d.operation,
            d.mean_h,
            f(d.p50_h, 0),
            f(d.p90_h, 0)
        );
    }
    println!(
        "vessel days P50 {} / P90 {}; spread cost P50 {} / P90 {} EUR",
        f(r.vessel_days_p50, 1),
        f(r.vessel_days_p90, 1),
        f(r.cost_p50_eur, 0),
        f(r.cost_p90_eur, 0)
    );
    if let Some(b) = r.best_start_month {
        println!("best start month: {}", month_name(b));
    }
    if let Some(t0) = r.p50_run_start_s {
        let t = |s: i64| {
            chrono::DateTime::from_timestamp(s, 0)
                .map_or(s.to_string(), |d| d.format("%Y-%m-%d %H:%M").to_string())
        };
        println!("P50 run from {}:", t(t0));
        for s in &r.p50_run {
            println!(
                "  {:<22} {} → {}  (waited {:.0} h)",
                format!(
                    "{} {}",
                    r.operations.get(s.op).map_or("", String::as_str),
                    s.label
                ),
                t(s.start_s),
                t(s.end_s),
                s.wait_h
            );
        }
    }
}

/// "Jan" … "Dec" for month 1–12, the number otherwise.
fn month_name(m: u32) -> String {
    crate::constants::MONTHS
        .get((m as usize).wrapping_sub(1))
        .map_or(m.to_string(), |s| s.to_string())
}
