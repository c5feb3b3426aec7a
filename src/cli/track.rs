//! `fathom track MISSION (--nmea LOG | --gpx FILE) [--format text|csv|json]`.

use super::CliError;
use crate::formats::{gpx, nmea};
use crate::mission::Context;
use crate::vessel::asrun::{self as track, AsRun, TrackPoint};
use crate::vessel::sailing::METRES_PER_NM as NM;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output of `fathom track`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackFormat {
    /// Arrivals and the largest deviation, for people.
    Text,
    /// Cross-track distance over time, one row per track point.
    Csv,
    /// Everything, for scripts.
    Json,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom track missions/demo.toml --nmea ship.log
  fathom track missions/demo.toml --gpx track.gpx --format csv > xtd.csv
  fathom track missions/demo.toml --nmea ship.log --format json --radius-m 50

Cross-track distance is positive to starboard of the planned leg. A waypoint counts as reached
when the track's closest approach lies within the arrival radius.")]
pub struct TrackArgs {
    /// Mission file with the planned [route].
    pub mission: PathBuf,
    /// NMEA 0183 log (GGA/RMC/VTG/HDT/HDG/ZDA).
    #[arg(long, conflicts_with = "gpx", required_unless_present = "gpx")]
    pub nmea: Option<PathBuf>,
    /// GPX file with a recorded track (<trk>).
    #[arg(long)]
    pub gpx: Option<PathBuf>,
    /// Arrival radius (m); default 0.05 NM, OpenCPN's default.
    #[arg(long, default_value_t = track::DEFAULT_ARRIVAL_RADIUS_M)]
    pub radius_m: f64,
    #[arg(long, value_enum, default_value_t = TrackFormat::Text)]
    pub format: TrackFormat,
}

pub fn run(args: &TrackArgs) -> Result<ExitCode, CliError> {
    if args.radius_m.is_nan() || args.radius_m <= 0.0 {
        return Err(CliError(format!(
            "--radius-m {}: expected a positive distance",
            args.radius_m
        )));
    }
    let ctx = Context::load(&args.mission).map_err(CliError::from_display)?;
    let route = ctx.mission.route.clone().ok_or_else(|| {
        CliError(format!(
            "{}: no [route] to compare with",
            args.mission.display()
        ))
    })?;
    // Why a track may hold no timed position, for the message naming the file.
    let empty_reason: String;
    let points: Vec<TrackPoint> = match (&args.nmea, &args.gpx) {
        (Some(log), _) => {
            let log_data = nmea::read(log).map_err(CliError::from_display)?;
            let c = &log_data.counts;
            empty_reason = format!(
                "{}: no dated position fix in {} lines ({} without a date from RMC or ZDA, {} no-fix \
                 epochs, {} bad checksums, {} garbled): expected GGA/RMC/GLL fixes and an RMC or \
                 ZDA date",
                log.display(),
                c.lines,
                c.undated,
                c.no_fix,
                c.bad_checksum,
                c.garbled
            );
            let c = &log_data.counts;
            eprintln!(
                "{}: {} fixes from {} lines ({} bad checksum, {} garbled, {} empty fields, {} no fix, {} AIS, {} other)",
                log.display(),
                log_data.fixes.len(),
                c.lines,
                c.bad_checksum,
                c.garbled,
                c.empty_fields,
                c.no_fix,
                c.ais,
                c.unknown
            );
            log_data
                .fixes
                .iter()
                .map(|f| (f.time, f.lon, f.lat))
                .collect()
        }
        (None, Some(file)) => {
            let g = gpx::read(file).map_err(CliError::from_display)?;
            let points = g.tracks.iter().map(|t| t.segments.iter().flatten().count());
            empty_reason = format!(
                "{}: no timed track point ({} <trk> with {} points, none with a <time>): \
                 expected a recorded track (<trk><trkseg><trkpt> with <time>)",
                file.display(),
                g.tracks.len(),
                points.sum::<usize>()
            );
            g.tracks.iter().flat_map(|t| t.timed_points()).collect()
        }
        (None, None) => unreachable!("clap requires --nmea or --gpx"),
    };
    if points.is_empty() {
        return Err(CliError(empty_reason));
    }
    let run =
        track::compare(&ctx, &route, &points, args.radius_m).map_err(CliError::from_display)?;
    print!("{}", render(&run, args.format)?);
    Ok(ExitCode::SUCCESS)
}

/// Actual − planned arrival, as OpenCPN writes durations (`1d 2H 3M`).
fn delay_text(delay_s: f64) -> String {
    let d = crate::vessel::legs::format_duration(delay_s.abs());
    if delay_s.abs() < 30.0 {
        ", on time".into()
    } else if delay_s > 0.0 {
        format!(", {d} late")
    } else {
        format!(", {d} early")
    }
}

fn render(run: &AsRun, format: TrackFormat) -> Result<String, CliError> {
    let t = |t: &chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    Ok(match format {
        TrackFormat::Json => {
            serde_json::to_string_pretty(run).map_err(CliError::from_display)? + "\n"
        }
        TrackFormat::Csv => {
            let mut s = String::from("time,lon,lat,to_waypoint,xtd_m\n");
            for p in &run.samples {
                s.push_str(&format!(
                    "{},{:.7},{:.7},{},{:.1}\n",
                    t(&p.time),
                    p.lon,
                    p.lat,
                    p.to_waypoint,
                    p.xtd_m
                ));
            }
            s
        }
        TrackFormat::Text => {
            let mut s = format!("arrival radius {:.0} m\n", run.arrival_radius_m);
            for a in &run.arrivals {
                let name = if a.name.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", a.name)
                };
                match (a.time, a.miss_m) {
                    (Some(time), Some(miss)) => s.push_str(&format!(
                        "waypoint {}{name}: {} at {}, {:.0} m off{}\n",
                        a.waypoint_id,
                        if a.arrived {
                            "reached"
                        } else {
                            "MISSED, closest approach"
                        },
                        t(&time),
                        miss,
                        a.delay_s.map(delay_text).unwrap_or_default()
                    )),
                    _ => s.push_str(&format!(
                        "waypoint {}{name}: no track after the previous waypoint\n",
                        a.waypoint_id
                    )),
                }
            }
            if let Some(m) = &run.max_deviation {
                s.push_str(&format!(
                    "largest deviation {:.0} m ({:.3} NM) to {} at {} ({:.6}, {:.6}) on the leg to waypoint {}\n",
                    m.xtd_m.abs(),
                    m.xtd_m.abs() / NM,
                    if m.xtd_m >= 0.0 { "starboard" } else { "port" },
                    t(&m.time),
                    m.lon,
                    m.lat,
                    m.to_waypoint
                ));
            }
            s
        }
    })
}
