//! `fathom export MISSION --format rtz|gpx|geojson|kml|csv|rpl -o OUT` and
//! `fathom import-route FILE --into MISSION`.

use super::CliError;
use crate::formats::{csv, features, geojson, gpx, kml, rtz};
use crate::mission::{self, Context};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `fathom export` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// IEC 61174 RTZ 1.1 route for ECDIS (routeName = file name, schedule with ETD/ETA).
    Rtz,
    /// GPX 1.1 route with OpenCPN planned speed and departure.
    Gpx,
    /// GeoJSON FeatureCollection: route, waypoints, ports, cabins + footprints, zones, landing points.
    Geojson,
    /// KML 2.2 with the same objects, one folder per kind.
    Kml,
    /// CSV of the route's waypoints: lon/lat and working-CRS easting/northing.
    Csv,
    /// Cable route position list (CSV): one file per cable, `OUT` with `_ID` before the
    /// extension when there are several (or only `--cable ID` into `OUT`).
    Rpl,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom export missions/demo.toml --format rtz -o Demo_route.rtz
  fathom export missions/demo.toml --format gpx -o demo.gpx
  fathom export missions/demo.toml --format geojson -o demo.geojson
  fathom export missions/demo.toml --format csv -o waypoints.csv
  fathom export missions/demo.toml --format rpl -o route.csv --cable P1

RTZ: the routeName is the output file's stem (IEC 61174 requires them equal). Legs without a
speed use the vessel's service speed; the schedule needs the route's `departure`.")]
pub struct ExportArgs {
    /// Mission file.
    pub mission: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (written atomically).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Only this cable (format rpl).
    #[arg(long)]
    pub cable: Option<String>,
}

fn route_of(m: &mission::Mission, path: &Path) -> Result<mission::Route, CliError> {
    m.route.clone().ok_or_else(|| {
        CliError(format!(
            "{}: no [route] in the mission: nothing to export in this format",
            path.display()
        ))
    })
}

pub fn run(args: &ExportArgs) -> Result<ExitCode, CliError> {
    if args.format == ExportFormat::Rpl {
        return export_rpl(args);
    }
    let text = match args.format {
        ExportFormat::Csv => {
            let ctx = Context::load(&args.mission).map_err(CliError::from_display)?;
            route_of(&ctx.mission, &args.mission)?;
            eprintln!("easting_m/northing_m in {}", ctx.working_crs.name());
            csv::waypoints(&ctx).map_err(CliError::from_display)?
        }
        format => {
            let m = mission::load(&args.mission).map_err(CliError::from_display)?;
            let speed = m.vessel.as_ref().map(|v| v.service_speed_kn);
            match format {
                ExportFormat::Rtz => {
                    let route = route_of(&m, &args.mission)?;
                    if route.departure.is_none() {
                        eprintln!(
                            "note: the route has no departure: RTZ written without a schedule"
                        );
                    }
                    let stem = args
                        .output
                        .file_stem()
                        .map(|s| s.to_string_lossy().to_string())
                        .unwrap_or_else(|| route.name.clone());
                    rtz::write(&route, &stem, speed)
                }
                ExportFormat::Gpx => {
                    let route = route_of(&m, &args.mission)?;
                    gpx::write(&gpx::Gpx {
                        creator: "fathom".into(),
                        routes: vec![gpx::GpxRoute::from_route(&route, speed)],
                        ..Default::default()
                    })
                }
                _ => {
                    let base = args.mission.parent().unwrap_or(Path::new("."));
                    let f = features::mission_features(&m, base).map_err(CliError::from_display)?;
                    if format == ExportFormat::Kml {
                        kml::write(&m.name, &f)
                    } else {
                        geojson::write(&f)
                    }
                }
            }
        }
    };
    crate::fsutil::write_atomic(&args.output, text.as_bytes())
        .map_err(|e| CliError(format!("{}: {e}", args.output.display())))?;
    Ok(ExitCode::SUCCESS)
}

/// `--format rpl`: one RPL per cable.
fn export_rpl(args: &ExportArgs) -> Result<ExitCode, CliError> {
    let files = super::cable::rpl_files(&args.mission, args.cable.as_deref())?;
    let single = files.len() == 1;
    for (id, text) in files {
        let out = if single {
            args.output.clone()
        } else {
            let stem = args
                .output
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "rpl".into());
            let ext = args
                .output
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_default();
            args.output.with_file_name(format!("{stem}_{id}{ext}"))
        };
        crate::fsutil::write_atomic(&out, text.as_bytes())
            .map_err(|e| CliError(format!("{}: {e}", out.display())))?;
        eprintln!("{id}: {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  fathom import-route Demo_route.rtz --into missions/demo.toml
  fathom import-route plan.gpx --into missions/demo.toml

The format follows the extension (.rtz or .gpx; a GPX file's first <rte>). The mission's [route]
is replaced and the file saved atomically, keeping its comments; ports, vessel and everything else \
stay as they were.
Warnings about the file go to stderr.")]
pub struct ImportRouteArgs {
    /// RTZ or GPX route file.
    pub file: PathBuf,
    /// Mission file to put the route into.
    #[arg(long)]
    pub into: PathBuf,
}

pub fn import_route(args: &ImportRouteArgs) -> Result<ExitCode, CliError> {
    let ext = args
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let route = match ext.as_str() {
        "rtz" => {
            let r = rtz::read(&args.file).map_err(CliError::from_display)?;
            for w in &r.warnings {
                eprintln!("{}: warning: {w}", args.file.display());
            }
            r.route
        }
        "gpx" => {
            let g = gpx::read(&args.file).map_err(CliError::from_display)?;
            let r = g.routes.first().ok_or_else(|| {
                CliError(format!(
                    "{}: no <rte> route in the GPX file",
                    args.file.display()
                ))
            })?;
            r.to_route()
        }
        _ => {
            return Err(CliError(format!(
                "{}: unknown route format `.{ext}`: expected .rtz or .gpx",
                args.file.display()
            )));
        }
    };
    let mut m = mission::load(&args.into).map_err(CliError::from_display)?;
    let n = route.waypoints.len();
    m.route = Some(route);
    // Refuse what the mission would refuse on its next load (a speed ≤ 0 or of 1e-300 kn, a
    // position off the globe), naming the imported file rather than the mission.
    if let Some((field, message)) = m
        .check_ranges()
        .into_iter()
        .find(|(f, _)| f.starts_with("route"))
    {
        return Err(CliError(format!(
            "{}: {field}: {message}",
            args.file.display()
        )));
    }
    mission::save(&m, &args.into).map_err(CliError::from_display)?;
    eprintln!("{}: route with {n} waypoints imported", args.into.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::fixtures::BOX_CABIN_TOML;

    /// A mission with a vessel, a port and one cabin.
    fn mission_toml() -> String {
        let head = r#"schema = 1
name = "Formats test"

[site]
bathymetry = "grid.asc"

[vessel]
name = "V"
length_m = 100.0
beam_m = 20.0
draught_m = 5.0
block_coefficient = 0.7
service_speed_kn = 10.0
ukc_min_m = 1.0

[[ports]]
id = "P"
lon = 121.9
lat = 30.6
"#;
        format!("{head}{BOX_CABIN_TOML}")
    }

    #[test]
    fn import_rtz_then_export_every_format() {
        let Some(sample) =
            crate::testdata::shared_data("rtz/samples/DefaultWaypoint/DefaultWaypoint.rtz")
        else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let mission = dir.path().join("m.toml");
        std::fs::write(&mission, mission_toml()).unwrap();
        import_route(&ImportRouteArgs {
            file: sample,
            into: mission.clone(),
        })
        .unwrap();
        let m = mission::load(&mission).unwrap();
        assert_eq!(m.route.as_ref().unwrap().name, "DefaultWaypoint");
        assert_eq!(m.ports.len(), 1);
        assert_eq!(m.vessel.as_ref().unwrap().name, "V");
        for (format, name) in [
            (ExportFormat::Rtz, "Out_route.rtz"),
            (ExportFormat::Gpx, "out.gpx"),
            (ExportFormat::Geojson, "out.geojson"),
            (ExportFormat::Kml, "out.kml"),
        ] {
            let output = dir.path().join(name);
            run(&ExportArgs {
                mission: mission.clone(),
                format,
                output: output.clone(),
                cable: None,
            })
            .unwrap();
            assert!(output.exists());
        }
        let back = rtz::read(&dir.path().join("Out_route.rtz")).unwrap();
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        assert_eq!(back.route.name, "Out_route");
        let gj = std::fs::read_to_string(dir.path().join("out.geojson")).unwrap();
        assert!(gj.contains("\"cabin_footprint\""));
        assert!(gj.contains("\"kind\": \"waypoint\""));
    }

    #[test]
    fn unknown_extension_and_missing_route_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let mission = dir.path().join("m.toml");
        std::fs::write(&mission, mission_toml()).unwrap();
        let e = import_route(&ImportRouteArgs {
            file: dir.path().join("x.txt"),
            into: mission.clone(),
        })
        .unwrap_err();
        assert!(e.to_string().contains("expected .rtz or .gpx"), "{e}");
        let e = run(&ExportArgs {
            mission,
            format: ExportFormat::Rtz,
            output: dir.path().join("x.rtz"),
            cable: None,
        })
        .unwrap_err();
        assert!(e.to_string().contains("no [route]"), "{e}");
    }

    #[test]
    fn a_gpx_with_a_useless_speed_or_one_point_is_refused_naming_the_gpx() {
        let dir = tempfile::tempdir().unwrap();
        let mission = dir.path().join("m.toml");
        std::fs::write(&mission, mission_toml()).unwrap();
        let gpx = |speed: &str, points: usize| {
            let pts: String = (0..points)
                .map(|i| format!(r#"<rtept lat="30.{i}" lon="122.0"/>"#))
                .collect();
            format!(
                r#"<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1" xmlns:opencpn="http://www.opencpn.org"><rte><name>R</name><extensions><opencpn:planned_speed>{speed}</opencpn:planned_speed></extensions>{pts}</rte></gpx>"#
            )
        };
        for (speed, points, expected) in [
            (
                "1e-300",
                3,
                "speed_kn: 1e-300 is out of range: expected a number from 0.1 to 60",
            ),
            ("0", 3, "speed_kn: 0 is out of range"),
            ("-4", 3, "speed_kn: -4 is out of range"),
            ("8", 1, "1 waypoint(s): expected at least 2"),
        ] {
            let file = dir.path().join("r.gpx");
            std::fs::write(&file, gpx(speed, points)).unwrap();
            let before = std::fs::read(&mission).unwrap();
            let e = import_route(&ImportRouteArgs {
                file,
                into: mission.clone(),
            })
            .unwrap_err()
            .to_string();
            assert!(e.contains("r.gpx: route"), "{e}");
            assert!(e.contains(expected), "{e}");
            assert_eq!(
                std::fs::read(&mission).unwrap(),
                before,
                "mission untouched"
            );
        }
    }
}
