//! `fathom route check` and `fathom route plan`.

use super::progress::Bar;
use super::{CliError, Format};
use crate::bathymetry::{self, Grid};
use crate::finding::Finding;
use crate::geodesy::{Crs, Transformer, utm_epsg};
use crate::mission::{self, Context, LegGeometry, Route, Waypoint};
use crate::vessel::{self, legs, plan};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct RouteArgs {
    #[command(subcommand)]
    pub command: RouteCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum RouteCommand {
    /// The route's leg table (distance, course, speed, ETA, KP) and its under-keel clearance.
    Check(CheckArgs),
    /// Plan the shortest safe route between two points over the grid.
    Plan(PlanArgs),
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom route check missions/demo.toml
  fathom route check missions/demo.toml --format json | jq '.legs[].distance_nm'

Courses are true (°T) by Mercator sailing on WGS 84, distances in nautical miles as in OpenCPN's
route table. Exit codes: 0 no errors, 1 findings with errors (ROUTE-UKC, ROUTE-EXCLUSION, …),
2 could not run.")]
pub struct CheckArgs {
    /// Mission file.
    pub mission: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output format of `route plan`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanFormat {
    Text,
    Json,
    Geojson,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom route plan missions/demo.toml --from yangshan-approach --to C2
  fathom route plan missions/demo.toml --from 122.03,30.80 --to C1 --write
  fathom route plan --grid survey.tif --from 5.62,53.47 --to 5.70,53.40 --draft-m 5 --ukc-m 1 --format geojson

With a mission, cells are safe when their depth at the planning level (grid + site.tide_offset_m)
is at least draught + Barrass squat in a confined channel at service speed + required UKC, and
outside the exclusion zones. --write replaces the mission's route, --append extends it (the route
must end at --from); the file is saved atomically and keeps its comments.")]
pub struct PlanArgs {
    /// Mission file (omit with --grid).
    pub mission: Option<PathBuf>,
    /// Start: a port id, a cabin id, or LON,LAT (WGS 84 degrees).
    #[arg(long, allow_hyphen_values = true)]
    pub from: String,
    /// Destination: a port id, a cabin id, or LON,LAT.
    #[arg(long, allow_hyphen_values = true)]
    pub to: String,
    /// Replace the mission's route with the planned one.
    #[arg(long, conflicts_with = "append")]
    pub write: bool,
    /// Append the planned route to the mission's route.
    #[arg(long)]
    pub append: bool,
    /// Standalone: the bathymetry grid (instead of a mission).
    #[arg(long, conflicts_with = "mission")]
    pub grid: Option<PathBuf>,
    /// Standalone: CRS of a grid file that carries none (EPSG:N).
    #[arg(long, requires = "grid")]
    pub crs: Option<String>,
    /// Standalone: the vessel's draught (m).
    #[arg(long, requires = "grid")]
    pub draft_m: Option<f64>,
    /// Standalone: the required under-keel clearance (m).
    #[arg(long, requires = "grid")]
    pub ukc_m: Option<f64>,
    /// Standalone: squat allowance (m).
    #[arg(long, requires = "grid", default_value_t = 0.0)]
    pub squat_m: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
}

pub fn run(args: &RouteArgs) -> Result<ExitCode, CliError> {
    match &args.command {
        RouteCommand::Check(a) => check(a),
        RouteCommand::Plan(a) => plan_cmd(a),
    }
}

#[derive(serde::Serialize)]
struct CheckReport<'a> {
    mission: String,
    table: &'a legs::RouteTable,
    min_clearance_m: Option<f64>,
    required_ukc_m: f64,
    findings: &'a [Finding],
}

fn check(a: &CheckArgs) -> Result<ExitCode, CliError> {
    let ctx = Context::load(&a.mission).map_err(CliError::from_display)?;
    let m = &ctx.mission;
    let route = m.route.as_ref().ok_or_else(|| {
        CliError(format!(
            "{}: the mission has no [route]",
            a.mission.display()
        ))
    })?;
    let vessel = m.vessel.as_ref().ok_or_else(|| {
        CliError(format!(
            "{}: the mission has no [vessel]",
            a.mission.display()
        ))
    })?;
    let table = legs::route_table(route, Some(vessel)).map_err(CliError::from_display)?;
    let samples = vessel::ukc::sample_route(&ctx, route, &table, vessel);
    let min_clearance_m = samples
        .iter()
        .filter_map(|s| s.clearance_m)
        .min_by(f64::total_cmp);
    let findings = vessel::check(&ctx);
    match a.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&CheckReport {
                mission: a.mission.display().to_string(),
                table: &table,
                min_clearance_m,
                required_ukc_m: vessel.ukc_required_m(),
                findings: &findings,
            })
            .map_err(CliError::from_display)?
        ),
        Format::Text => {
            println!("Route {} ({} legs)", table.name, table.legs.len());
            println!(
                "{:>4}  {:<20} {:>9} {:>7} {:>6} {:>10} {:>9}  ETA",
                "Leg", "To", "Dist NM", "Brg °T", "Kn", "ETE", "KP km"
            );
            for l in &table.legs {
                println!(
                    "{:>4}  {:<20} {:>9.2} {:>7.1} {:>6.1} {:>10} {:>9.3}  {}",
                    l.number,
                    if l.to_name.is_empty() {
                        l.to_id.to_string()
                    } else {
                        l.to_name.clone()
                    },
                    l.distance_nm,
                    l.bearing_deg,
                    l.speed_kn,
                    legs::format_duration(l.duration_s),
                    l.kp_end_m / 1000.0,
                    l.eta
                        .map(|e| e.format("%Y-%m-%d %H:%M UTC").to_string())
                        .unwrap_or_else(|| "-".into())
                );
            }
            println!(
                "Total {:.2} NM ({:.3} km), time en route {}",
                table.total_nm,
                table.total_m / 1000.0,
                legs::format_duration(table.total_s)
            );
            if let Some(c) = min_clearance_m {
                println!(
                    "Least under-keel clearance {c:.2} m (required {:.2} m)",
                    vessel.ukc_required_m()
                );
            }
            for f in &findings {
                println!("{f}");
            }
        }
    }
    Ok(if crate::finding::has_errors(&findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A named or LON,LAT point.
fn parse_lonlat(s: &str) -> Option<(f64, f64)> {
    let (a, b) = s.split_once(',')?;
    let (lon, lat) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
    ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)).then_some((lon, lat))
}

fn resolve_point(
    m: Option<&mission::Mission>,
    s: &str,
    flag: &str,
) -> Result<(String, (f64, f64)), CliError> {
    if let Some(m) = m {
        if let Some(p) = m.ports.iter().find(|p| p.id == s) {
            return Ok((
                if p.name.is_empty() {
                    p.id.clone()
                } else {
                    p.name.clone()
                },
                (p.lon, p.lat),
            ));
        }
        if let Some(c) = m.cabins.iter().find(|c| c.id == s) {
            return Ok((c.id.clone(), (c.lon, c.lat)));
        }
    }
    if let Some(p) = parse_lonlat(s) {
        return Ok((s.to_string(), p));
    }
    let names: Vec<String> = m
        .map(|m| {
            m.ports
                .iter()
                .map(|p| p.id.clone())
                .chain(m.cabins.iter().map(|c| c.id.clone()))
                .collect()
        })
        .unwrap_or_default();
    Err(CliError(format!(
        "--{flag} `{s}`: expected LON,LAT in degrees{}",
        if names.is_empty() {
            String::new()
        } else {
            format!(
                " or one of the mission's ports and cabins: {}",
                names.join(", ")
            )
        }
    )))
}

#[derive(serde::Serialize)]
struct PlanReport {
    from: String,
    to: String,
    required_depth_m: f64,
    length_m: f64,
    length_nm: f64,
    shallowest_depth_m: f64,
    shallowest_lon: f64,
    shallowest_lat: f64,
    /// [lon, lat] vertices.
    waypoints: Vec<[f64; 2]>,
}

fn plan_cmd(a: &PlanArgs) -> Result<ExitCode, CliError> {
    let (report, ctx) = if let Some(grid_path) = &a.grid {
        (plan_standalone(a, grid_path)?, None)
    } else {
        let path = a
            .mission
            .as_ref()
            .ok_or_else(|| CliError("expected a MISSION file or --grid GRID".into()))?;
        let ctx = Context::load(path).map_err(CliError::from_display)?;
        (plan_mission(a, &ctx)?, Some(ctx))
    };
    print_plan(&report, a.format)?;
    if a.write || a.append {
        let ctx = ctx.ok_or_else(|| CliError("--write and --append need a MISSION file".into()))?;
        write_route(a, &ctx, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn plan_mission(a: &PlanArgs, ctx: &Context) -> Result<PlanReport, CliError> {
    let m = &ctx.mission;
    let (from_name, from) = resolve_point(Some(m), &a.from, "from")?;
    let (to_name, to) = resolve_point(Some(m), &a.to, "to")?;
    let bar = Bar::new("route search", "m");
    let planned = plan::plan_on_mission_reporting(ctx, from, to, &bar.report());
    drop(bar);
    let (r, need) = planned.map_err(|e| match e {
        plan::MissionPlanError::NoVessel => CliError(format!("{}: {e}", ctx.path.display())),
        e => CliError::from_display(e),
    })?;
    let ll = |p: (f64, f64)| ctx.to_lonlat(p.0, p.1).map_err(CliError::from_display);
    report((from_name, from), (to_name, to), need, &r, ll)
}

fn plan_standalone(a: &PlanArgs, grid_path: &std::path::Path) -> Result<PlanReport, CliError> {
    let (Some(draft), Some(ukc)) = (a.draft_m, a.ukc_m) else {
        return Err(CliError("--grid needs --draft-m D and --ukc-m U".into()));
    };
    if !(draft > 0.0 && ukc >= 0.0 && a.squat_m >= 0.0) {
        return Err(CliError(
            "--draft-m must be > 0, --ukc-m and --squat-m ≥ 0".into(),
        ));
    }
    let crs = a
        .crs
        .as_deref()
        .map(Crs::parse)
        .transpose()
        .map_err(CliError::from_display)?;
    let mut grid: Grid = bathymetry::io::read(
        grid_path,
        &bathymetry::io::ReadOptions {
            crs,
            positive_down: false,
        },
    )
    .map_err(CliError::from_display)?;
    let (_, from) = resolve_point(None, &a.from, "from")?;
    let (_, to) = resolve_point(None, &a.to, "to")?;
    let mut grid_crs = grid
        .crs
        .clone()
        .ok_or_else(|| CliError("grid without CRS".into()))?;
    if grid_crs.is_geographic() {
        let work = Crs::epsg(utm_epsg((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0));
        grid = bathymetry::reproject::reproject(&grid, &work).map_err(CliError::from_display)?;
        grid_crs = work;
    }
    let fwd = Transformer::new(&Crs::wgs84(), &grid_crs).map_err(CliError::from_display)?;
    let inv = Transformer::new(&grid_crs, &Crs::wgs84()).map_err(CliError::from_display)?;
    let need = draft + a.squat_m + ukc;
    let mask = plan::depth_mask(&grid, need, 0.0, None);
    let xy = |p: (f64, f64)| fwd.convert(p.0, p.1).map_err(CliError::from_display);
    let (from_xy, to_xy) = (xy(from)?, xy(to)?);
    let bar = Bar::new("route search", "m");
    let r = plan::plan(&grid, &mask, need, 0.0, from_xy, to_xy, &bar.report());
    drop(bar);
    let r = r.map_err(CliError::from_display)?;
    report((a.from.clone(), from), (a.to.clone(), to), need, &r, |p| {
        inv.convert(p.0, p.1).map_err(CliError::from_display)
    })
}

/// The plan in lon/lat. The planner keeps the exact end points as the first and last vertex, so
/// those are written as given rather than round-tripped through the working CRS.
fn report(
    (from, from_ll): (String, (f64, f64)),
    (to, to_ll): (String, (f64, f64)),
    need: f64,
    r: &plan::PlannedRoute,
    ll: impl Fn((f64, f64)) -> Result<(f64, f64), CliError>,
) -> Result<PlanReport, CliError> {
    let s = ll(r.shallowest_at)?;
    let mut waypoints: Vec<[f64; 2]> = r
        .points
        .iter()
        .map(|&p| ll(p).map(|q| [q.0, q.1]))
        .collect::<Result<_, _>>()?;
    if let [first, .., last] = waypoints.as_mut_slice() {
        (*first, *last) = ([from_ll.0, from_ll.1], [to_ll.0, to_ll.1]);
    }
    Ok(PlanReport {
        from,
        to,
        required_depth_m: need,
        length_m: r.length_m,
        length_nm: r.length_m / vessel::sailing::METRES_PER_NM,
        shallowest_depth_m: r.shallowest_depth_m,
        shallowest_lon: s.0,
        shallowest_lat: s.1,
        waypoints,
    })
}

fn print_plan(r: &PlanReport, format: PlanFormat) -> Result<(), CliError> {
    match format {
        PlanFormat::Text => {
            println!(
                "Route {} → {}: {:.0} m ({:.2} NM), {} waypoints; water needed {:.2} m, shallowest {:.2} m at {:.6}, {:.6}",
                r.from,
                r.to,
                r.length_m,
                r.length_nm,
                r.waypoints.len(),
                r.required_depth_m,
                r.shallowest_depth_m,
                r.shallowest_lon,
                r.shallowest_lat
            );
            for (i, w) in r.waypoints.iter().enumerate() {
                println!("{:>4}  {:.6}, {:.6}", i + 1, w[0], w[1]);
            }
        }
        PlanFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(r).map_err(CliError::from_display)?
        ),
        PlanFormat::Geojson => {
            let fc = serde_json::json!({
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": { "type": "LineString", "coordinates": r.waypoints },
                        "properties": {
                            "from": r.from, "to": r.to, "length_m": r.length_m,
                            "required_depth_m": r.required_depth_m,
                            "shallowest_depth_m": r.shallowest_depth_m
                        }
                    },
                    {
                        "type": "Feature",
                        "geometry": { "type": "Point", "coordinates": [r.shallowest_lon, r.shallowest_lat] },
                        "properties": { "name": "shallowest", "depth_m": r.shallowest_depth_m }
                    }
                ]
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&fc).map_err(CliError::from_display)?
            );
        }
    }
    Ok(())
}

/// Writes the planned route into the mission: `--write` replaces the route, `--append` extends
/// it (its last waypoint must be the planned start, within 1 m).
fn write_route(a: &PlanArgs, ctx: &Context, r: &PlanReport) -> Result<(), CliError> {
    let mut m = ctx.mission.clone();
    let mut route = match (&m.route, a.append) {
        (Some(old), true) => {
            let last = old
                .waypoints
                .last()
                .ok_or_else(|| CliError("the mission's route has no waypoints".into()))?;
            let gap = crate::geodesy::geodesic_inverse(
                last.lon,
                last.lat,
                r.waypoints[0][0],
                r.waypoints[0][1],
            )
            .distance_m;
            if gap > 1.0 {
                return Err(CliError(format!(
                    "--append: the route ends at waypoint {} ({:.6}, {:.6}), {gap:.0} m from --from; expected the planned route to start there",
                    last.id, last.lon, last.lat
                )));
            }
            old.clone()
        }
        (None, true) => {
            return Err(CliError(
                "--append: the mission has no [route] to extend; use --write".into(),
            ));
        }
        (old, false) => Route {
            name: format!("{} to {}", r.from, r.to),
            departure: old.as_ref().and_then(|o| o.departure),
            waypoints: Vec::new(),
        },
    };
    let skip = usize::from(!route.waypoints.is_empty());
    let first_id = route.waypoints.iter().map(|w| w.id + 1).max().unwrap_or(1);
    let n = r.waypoints.len();
    for (next_id, (i, w)) in (first_id..).zip(r.waypoints.iter().enumerate().skip(skip)) {
        let name = if i == 0 {
            r.from.clone()
        } else if i == n - 1 {
            r.to.clone()
        } else {
            String::new()
        };
        route.waypoints.push(Waypoint {
            id: next_id,
            name,
            lon: w[0],
            lat: w[1],
            speed_kn: None,
            geometry: LegGeometry::Rhumb,
        });
    }
    m.route = Some(route);
    mission::save(&m, &ctx.path).map_err(CliError::from_display)?;
    eprintln!("wrote the route to {}", ctx.path.display());
    Ok(())
}
