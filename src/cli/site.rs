//! `fathom site suitability|layout`: where cabins can sit, and an automatic layout.

use super::progress::Bar;
use super::{CliError, Format};
use crate::mission::{self, Context};
use crate::siting::{fail, geotiff, plan};
use std::path::PathBuf;
use std::process::ExitCode;

/// Cabin siting commands.
#[derive(clap::Args, Debug)]
pub struct SiteArgs {
    #[command(subcommand)]
    pub command: SiteCommand,
}

/// The `site` subcommands.
#[derive(clap::Subcommand, Debug)]
pub enum SiteCommand {
    /// Suitability map of a cabin type: a GeoTIFF with the failed-constraint mask, the score and
    /// the best heading per grid cell.
    #[command(after_help = "Examples:
  fathom site suitability missions/demo.toml -o suit.tif
  fathom site suitability missions/demo.toml --cabin-type hainan --heading 45 -o suit45.tif
  fathom site suitability missions/demo.toml -o suit.tif --format json
  gdalinfo -stats suit.tif

Bands: 1 fail mask (bits: 1 DEPTH, 2 TOP_CLEARANCE, 4 SLOPE, 8 RELIEF, 16 EXCLUSION, 32 CABLE,
64 NODATA, 128 OUTSIDE; 0 = feasible), 2 score (NaN where infeasible), 3 heading (degrees from
true north). Exit codes: 0 written, 2 could not run.")]
    Suitability {
        /// Mission file.
        mission: PathBuf,
        /// Cabin type id (default: the mission's first).
        #[arg(long)]
        cabin_type: Option<String>,
        /// One heading (degrees from true north) instead of the best of `constraints.headings_deg`.
        #[arg(long)]
        heading: Option<f64>,
        /// Output GeoTIFF.
        #[arg(short, long)]
        output: PathBuf,
        /// `json`: what was written, feasible cells and the cells each constraint fails, on
        /// stdout (errors as JSON on stderr).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Places N cabins automatically and prints them; `--write` saves them into the mission.
    #[command(after_help = "Examples:
  fathom site layout missions/demo.toml --cabins 6
  fathom site layout missions/demo.toml --cabins 24 --cabin-type lingang --replace --write
  fathom site layout missions/demo.toml --cabins 4 --format json

Exit codes: 0 all N placed, 1 fewer than N fit (the reasons are printed), 2 could not run.")]
    Layout {
        /// Mission file.
        mission: PathBuf,
        /// Number of cabins to place.
        #[arg(long)]
        cabins: usize,
        /// Cabin type id (default: the mission's first).
        #[arg(long)]
        cabin_type: Option<String>,
        /// Ignore (and with --write, replace) the mission's existing cabins.
        #[arg(long)]
        replace: bool,
        /// Save the cabins into the mission file (atomically, keeping its comments).
        #[arg(long)]
        write: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// Runs a `site` subcommand.
pub fn run(args: &SiteArgs) -> Result<ExitCode, CliError> {
    match &args.command {
        SiteCommand::Suitability {
            mission,
            cabin_type,
            heading,
            output,
            format,
        } => {
            let ctx = Context::load(mission).map_err(CliError::from_display)?;
            let bar = Bar::new("suitability", "bands");
            let map = plan::suitability_map_reporting(
                &ctx,
                cabin_type.as_deref(),
                *heading,
                &bar.report(),
            );
            drop(bar);
            let (map, conv) = map.map_err(CliError::from_display)?;
            let bytes = geotiff::encode(&map, &ctx.grid.transform, &ctx.working_crs, |g| g - conv)
                .map_err(CliError)?;
            crate::fsutil::write_atomic(output, &bytes)
                .map_err(|e| CliError(format!("{}: {e}", output.display())))?;
            let cells = map.mask.len();
            let feasible = map.mask.iter().filter(|m| **m == 0).count();
            let share = 100.0 * feasible as f64 / cells.max(1) as f64;
            let fails: Vec<(&str, usize)> = fail::NAMES
                .iter()
                .map(|&(bit, name)| (name, map.mask.iter().filter(|m| **m & bit != 0).count()))
                .filter(|&(_, n)| n > 0)
                .collect();
            match format {
                Format::Text => {
                    println!(
                        "{}: {} × {} cells, {feasible} feasible ({share:.1} %)",
                        output.display(),
                        map.width,
                        map.height,
                    );
                    for (name, n) in &fails {
                        println!("  {name:<14} fails in {n} cells");
                    }
                }
                Format::Json => {
                    let scores: Vec<f64> = map
                        .score
                        .iter()
                        .filter(|s| !s.is_nan())
                        .map(|&s| s as f64)
                        .collect();
                    let out = serde_json::json!({
                        "command": "site suitability",
                        "mission": mission.display().to_string(),
                        "output": output.display().to_string(),
                        "bytes": bytes.len(),
                        "cabin_type": crate::siting::model::cabin_type(&ctx, cabin_type.as_deref()).ok().map(|t| t.id.clone()),
                        "headings_true_deg": map.grid_headings_deg.iter().map(|g| g - conv).collect::<Vec<_>>(),
                        "width": map.width,
                        "height": map.height,
                        "cells": cells,
                        "feasible_cells": feasible,
                        "feasible_percent": share,
                        "fails_in_cells": fails.iter().map(|(n, c)| (n.to_string(), *c)).collect::<std::collections::BTreeMap<_, _>>(),
                        "score_max": scores.iter().copied().reduce(f64::max),
                        "score_mean": (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64),
                    });
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&out).map_err(CliError::from_display)?
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        SiteCommand::Layout {
            mission,
            cabins,
            cabin_type,
            replace,
            write,
            format,
        } => {
            let ctx = Context::load(mission).map_err(CliError::from_display)?;
            let (report, new) = plan::layout_cabins(&ctx, cabin_type.as_deref(), *cabins, *replace)
                .map_err(CliError::from_display)?;
            match format {
                Format::Text => {
                    println!(
                        "{:<6} {:>11} {:>10} {:>8} {:>8} {:>8} {:>9} {:>9} {:>10}",
                        "id",
                        "lon",
                        "lat",
                        "head°",
                        "depth m",
                        "max m",
                        "slope°",
                        "relief m",
                        "cable m"
                    );
                    for (c, p) in new.iter().zip(&report.placed) {
                        println!(
                            "{:<6} {:>11.6} {:>10.6} {:>8.2} {:>8.2} {:>8.2} {:>9.2} {:>9.2} {:>10}",
                            c.id,
                            c.lon,
                            c.lat,
                            c.heading_deg,
                            p.stats.min_depth_m,
                            p.stats.max_depth_m,
                            p.stats.max_slope_deg,
                            p.stats.relief_m,
                            p.cable
                                .as_ref()
                                .map_or("-".into(), |(_, d)| format!("{d:.0}"))
                        );
                    }
                    if !report.why_short().is_empty() {
                        println!("{}", report.why_short());
                    }
                }
                Format::Json => {
                    let rows: Vec<_> = new
                        .iter()
                        .zip(&report.placed)
                        .map(|(c, p)| {
                            serde_json::json!({
                                "id": c.id, "cabin_type": c.cabin_type, "lon": c.lon, "lat": c.lat,
                                "heading_deg": c.heading_deg,
                                "min_depth_m": p.stats.min_depth_m, "max_depth_m": p.stats.max_depth_m,
                                "mean_depth_m": p.stats.mean_depth_m, "max_slope_deg": p.stats.max_slope_deg,
                                "relief_m": p.stats.relief_m,
                                "cable_m": p.cable.as_ref().map(|c| c.1),
                                "landing_point": p.cable.as_ref().map(|c| c.0.clone()),
                            })
                        })
                        .collect();
                    let out = serde_json::json!({
                        "requested": report.requested,
                        "placed": rows,
                        "why_short": report.why_short(),
                        "blocked_cells": report.blocked_cells.iter().map(|(n, c)| (n.to_string(), *c)).collect::<std::collections::BTreeMap<_, _>>(),
                    });
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&out).map_err(CliError::from_display)?
                    );
                }
            }
            if *write {
                let mut m = ctx.mission.clone();
                if *replace {
                    m.cabins.clear();
                }
                m.cabins.extend(new);
                mission::save(&m, mission).map_err(CliError::from_display)?;
                eprintln!("saved {} cabins into {}", m.cabins.len(), mission.display());
            }
            Ok(if report.placed.len() < *cabins {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
