//! Mutation fuzzing of every parser, on the stable toolchain (no `cargo fuzz`, no nightly).
//!
//! Each test takes a seed corpus — the repository's `missions/` and `assets/`, the real files
//! under `../shared/data` when present, and a small built-in sample — and feeds the parser
//! mutated inputs (bit flips, interesting bytes and tokens such as `1e308`, `nan`, `-1`, deleted,
//! duplicated and spliced ranges, truncation). An input passes when the parser returns, `Ok` or
//! `Err`; a panic is a crash: it is saved under `target/fuzz-crashes/` and fails the test.
//!
//! By default every parser runs a fixed 300 inputs (a quick regression pass in `cargo test`).
//! For a real campaign give a time budget per parser:
//!
//! ```text
//! FATHOM_FUZZ_SECONDS=600 cargo test --test fuzz -- --nocapture --test-threads=1
//! FATHOM_FUZZ_SECONDS=600 cargo test --test fuzz nmea -- --nocapture   # one parser
//! ```
//!
//! `FATHOM_FUZZ_RUNS=N` sets a run count instead (with both, the first reached ends a parser's
//! turn: `FATHOM_FUZZ_RUNS=1000000 FATHOM_FUZZ_SECONDS=240`), `FATHOM_FUZZ_SEED=N` the seed,
//! `FATHOM_FUZZ_ONLY=rtz,gpx` the parsers that run (names as printed: asc, xyz, geotiff,
//! mission, rtz, gpx, nmea, geojson, csv-wind-rose, csv-wind-series, csv-turbine,
//! csv-metocean, csv-alpha, csv-rpl). A release build runs about ten times as many inputs:
//!
//! ```text
//! FATHOM_FUZZ_SECONDS=180 FATHOM_FUZZ_ONLY=geotiff \
//!   cargo test --release --no-default-features --test fuzz -- --nocapture --test-threads=1
//! ```
//!
//! Each test prints `fuzz <parser>: <runs> runs, <errors> rejected, <crashes> crashes`.

use fathom::bathymetry::io as grid_io;
use fathom::formats::{gpx, nmea, rtz};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Seeds are cut to this length: mutations of a long file mostly exercise the same lines.
const MAX_SEED_BYTES: usize = 64 * 1024;

/// Bytes and tokens that reach edge cases of number, XML, JSON, TOML and CSV parsing.
const TOKENS: &[&str] = &[
    "0",
    "-1",
    "-0",
    "1e308",
    "-1e308",
    "1e-300",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "4294967296",
    "99999999999999999999",
    "65535",
    "262142",
    "1e9",
    ".",
    ",",
    ";",
    "\n",
    "\r\n",
    "\"",
    "'",
    "<",
    ">",
    "</",
    "/>",
    "&amp;",
    "[",
    "]",
    "{",
    "}",
    "[[",
    "]]",
    "=",
    ":",
    "#",
    "*",
    "$",
    "e3",
    "\u{feff}",
    "\u{0}",
    "\t",
    " ",
    "9e3",
    "235959.9e3",
];

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        let at = rng.below(len + 1);
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = b"0123456789-.eE+,;:\n \"<>[]{}=\xff\x00"[rng.below(26)];
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, t.iter().copied());
            }
            3 if len > 0 => {
                // Replace a run of digits-or-not with a token.
                let end = (at + 1 + rng.below(8)).min(len);
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at.min(end)..end, t.iter().copied());
            }
            4 if len > 0 => {
                let end = (at + rng.below(64)).min(len);
                input.drain(at.min(end)..end);
            }
            5 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(256)).min(len);
                let copy = input[start..end].to_vec();
                input.splice(at..at, copy);
            }
            6 => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let start = rng.below(other.len());
                    let end = (start + 1 + rng.below(512)).min(other.len());
                    input.splice(at..at, other[start..end].iter().copied());
                }
            }
            7 if len > 0 => input.truncate(at),
            _ => {
                // Repeat a line many times: large-but-legal shapes.
                let start = input[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = input[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(len, |i| at + i + 1);
                let line = input[start..end].to_vec();
                for _ in 0..rng.below(32) {
                    input.splice(end..end, line.iter().copied());
                }
            }
        }
        input.truncate(4 * MAX_SEED_BYTES);
    }
}

/// Files under `dir` (recursively) whose name ends with one of `exts`, cut to [`MAX_SEED_BYTES`].
fn files(dir: &Path, exts: &[&str], out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, exts, out);
        } else if exts.iter().any(|e| {
            p.to_string_lossy()
                .to_ascii_lowercase()
                .ends_with(&e.to_ascii_lowercase())
        }) && let Ok(mut bytes) = std::fs::read(&p)
        {
            bytes.truncate(MAX_SEED_BYTES);
            out.push(bytes);
        }
    }
}

/// The seed corpus: repository files, shared data (quietly absent when not mounted), built-ins.
fn corpus(repo: &[(&str, &[&str])], shared: &[(&str, &[&str])], builtin: &[&[u8]]) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<Vec<u8>> = builtin.iter().map(|b| b.to_vec()).collect();
    for (dir, exts) in repo {
        files(&root.join(dir), exts, &mut out);
    }
    if let Some(data) = shared_dir() {
        for (dir, exts) in shared {
            files(&data.join(dir), exts, &mut out);
        }
    }
    out
}

/// `../shared/data` beside the checkout, or beside its parent for a worktree under `wt/`.
fn shared_dir() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../shared/data", "../../shared/data"]
        .iter()
        .map(|d| root.join(d))
        .find(|d| d.is_dir())
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Runs `parse` on mutated seeds; `parse` returns whether the input was accepted. With
/// `FATHOM_FUZZ_ONLY=rtz,gpx` only the parsers named there run (the others return at once).
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, parse: impl Fn(&[u8]) -> bool) {
    if let Ok(only) = std::env::var("FATHOM_FUZZ_ONLY")
        && !only.split(',').any(|n| n.trim() == name)
    {
        eprintln!("fuzz {name}: skipped (FATHOM_FUZZ_ONLY={only})");
        return;
    }
    assert!(!seeds.is_empty(), "{name}: no seeds");
    let budget = env_u64("FATHOM_FUZZ_SECONDS").map(Duration::from_secs);
    // With both a time budget and a run count, whichever comes first ends the parser's turn.
    let runs = env_u64("FATHOM_FUZZ_RUNS").unwrap_or(if budget.is_some() { u64::MAX } else { 300 });
    let mut rng = Rng(env_u64("FATHOM_FUZZ_SEED").unwrap_or(0x5eed_f00d) | 1);
    let start = Instant::now();
    let (mut n, mut rejected, mut crashes) = (0u64, 0u64, 0u64);
    let crash_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-crashes");
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    loop {
        if n >= runs || budget.is_some_and(|b| start.elapsed() >= b) {
            break;
        }
        let mut input = seeds[rng.below(seeds.len())].clone();
        // Every seed is also run unmutated once.
        if n >= seeds.len() as u64 {
            mutate(&mut rng, &seeds, &mut input);
        }
        n += 1;
        match catch_unwind(AssertUnwindSafe(|| parse(&input))) {
            Ok(true) => {}
            Ok(false) => rejected += 1,
            Err(payload) => {
                crashes += 1;
                let msg = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let _ = std::fs::create_dir_all(&crash_dir);
                let file = crash_dir.join(format!("{name}-{crashes}.bin"));
                let _ = std::fs::write(&file, &input);
                eprintln!("fuzz {name}: crash ({msg}) saved to {}", file.display());
            }
        }
    }
    std::panic::set_hook(default_hook);
    eprintln!(
        "fuzz {name}: {n} runs in {:.1} s, {rejected} rejected, {crashes} crashes ({} seeds)",
        start.elapsed().as_secs_f64(),
        seeds.len()
    );
    assert_eq!(
        crashes, 0,
        "{name}: {crashes} crashing inputs in target/fuzz-crashes/"
    );
}

fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

const ASC: &[u8] = b"ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 10\nNODATA_value -9999\n1 2 3\n4 -9999 6\n";
const XYZ: &[u8] = b"x y z\n5 15 1\n15 15 2\n25 15 3\n5 5 4\n15 5 -9999\n25 5 6\n";

#[test]
fn asc() {
    let seeds = corpus(
        &[("missions", &[".asc"])],
        &[("bathymetry", &[".asc"])],
        &[ASC],
    );
    fuzz("asc", seeds, |b| {
        grid_io::decode(Path::new("f.asc"), b).is_ok()
    });
}

#[test]
fn xyz() {
    fuzz("xyz", corpus(&[], &[], &[XYZ]), |b| {
        grid_io::decode(Path::new("f.xyz"), b).is_ok()
    });
}

#[test]
fn geotiff() {
    // Seeds written by fathom's own encoder (deflate strips) plus the shared survey tile.
    let dir = tempfile::tempdir().unwrap();
    let mut builtin = Vec::new();
    for (w, h) in [(3, 2), (40, 37)] {
        let p = dir.path().join(format!("g{w}.tif"));
        let mut g = grid_io::decode(Path::new("f.asc"), ASC).unwrap();
        if w > 3 {
            g = fathom::bathymetry::Grid::filled(w, h, g.transform, -12.5);
        }
        g.crs = Some(fathom::geodesy::Crs::epsg(32631));
        grid_io::write(&g, &p).unwrap();
        builtin.push(std::fs::read(&p).unwrap());
    }
    let mut seeds: Vec<Vec<u8>> = builtin;
    if let Some(d) = shared_dir() {
        seeds.extend(std::fs::read(
            d.join("bathymetry/wadden_ameland_30m_utm31n.tif"),
        ));
    }
    fuzz("geotiff", seeds, |b| {
        grid_io::decode(Path::new("f.tif"), b).is_ok()
    });
}

#[test]
fn mission_toml() {
    let seeds = corpus(
        &[("missions", &[".toml"]), ("assets/wind", &[".toml"])],
        &[],
        &[],
    );
    fuzz("mission", seeds, |b| {
        fathom::mission::load_str(&text(b), Path::new("m.toml")).is_ok()
    });
}

#[test]
fn rtz() {
    let builtin: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<route xmlns="http://www.cirm.org/RTZ/1/0" version="1.0"><routeInfo routeName="R"/><waypoints>
<waypoint id="1"><position lat="53.0" lon="5.0"/></waypoint>
<waypoint id="2"><position lat="53.5" lon="5.0"/><leg speedMax="10"/></waypoint>
</waypoints></route>"#;
    let seeds = corpus(&[], &[("rtz", &[".rtz"])], &[builtin]);
    fuzz("rtz", seeds, |b| {
        rtz::read_str(&text(b), Path::new("r.rtz")).is_ok()
    });
}

#[test]
fn gpx() {
    let builtin: &[u8] = br#"<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1" xmlns:opencpn="http://www.opencpn.org"><rte><name>R</name><extensions><opencpn:planned_speed>8</opencpn:planned_speed><opencpn:planned_departure>2025-06-01T06:00:00Z</opencpn:planned_departure></extensions><rtept lat="30.1" lon="122.0"/><rtept lat="30.2" lon="122.1"/></rte><trk><trkseg><trkpt lat="30" lon="122"><time>2025-06-01T06:00:00Z</time></trkpt></trkseg></trk></gpx>"#;
    let seeds = corpus(&[], &[("gpx", &[".gpx"])], &[builtin]);
    fuzz("gpx", seeds, |b| {
        match gpx::read_str(&text(b), Path::new("r.gpx")) {
            // Use what an import would use: the route and the timed track points.
            Ok(g) => {
                for r in &g.routes {
                    let route = r.to_route();
                    let _ = fathom::vessel::legs::timetable(&route, Some(10.0));
                }
                for t in &g.tracks {
                    let _ = t.timed_points();
                }
                true
            }
            Err(_) => false,
        }
    });
}

#[test]
fn nmea() {
    let builtin: &[u8] = b"$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\n$GPZDA,123519,01,06,2011,,*5A\n$GPRMC,123520,A,4807.038,N,01131.000,E,1.0,90.0,010611,,,A\n$GPVTG,90.0,T,,M,1.0,N,,K\n$GPHDG,90.0,,,2.5,W\n";
    let seeds = corpus(&[], &[("nmea", &[".log"])], &[builtin]);
    fuzz("nmea", seeds, |b| !nmea::parse(&text(b)).fixes.is_empty());
}

#[test]
fn geojson_zones() {
    let builtin: &[u8] = br#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[122.0,30.0],[122.1,30.0],[122.1,30.1],[122.0,30.0]]]}},{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[122.0,30.0],[122.2,30.2]]}}]}"#;
    let seeds = corpus(&[], &[("coastline", &[".geojson"])], &[builtin]);
    fuzz("geojson", seeds, |b| {
        fathom::zones::parse_geojson(&text(b)).is_ok()
    });
}

#[test]
fn csv_wind_rose() {
    let builtin: &[u8] = b"sector_deg,frequency,weibull_a_ms,weibull_k\n0,0.25,9.5,2.1\n90,0.25,9,2\n180,0.25,10,2.2\n270,0.25,11,2.3\n";
    fuzz("csv-wind-rose", corpus(&[], &[], &[builtin]), |b| {
        fathom::wind::resource::WindRose::parse_csv(&text(b), "rose.csv").is_ok()
    });
}

#[test]
fn csv_wind_series() {
    let seeds = corpus(&[("missions", &[".csv"])], &[], &[]);
    fuzz("csv-wind-series", seeds, |b| {
        fathom::wind::resource::parse_timeseries(&text(b), "wind.csv").is_ok()
    });
}

#[test]
fn csv_turbine() {
    let seeds = corpus(&[("assets/turbines", &[".csv"])], &[], &[]);
    fuzz("csv-turbine", seeds, |b| {
        fathom::wind::turbine::Turbine::parse(&text(b), "t.csv").is_ok()
    });
}

#[test]
fn csv_metocean() {
    let builtin: &[u8] = b"time_utc,hs_m,tp_s,wind_ms,current_ms\n2020-01-01T00:00:00Z,1.2,7.5,8.0,0.3\n2020-01-01T01:00:00Z,1.3,7.6,8.5,0.4\n2020-01-01 02:00,1.4,7.7,9.0,0.5\n";
    let seeds = corpus(&[], &[("metocean", &[".csv", ".txt"])], &[builtin]);
    fuzz("csv-metocean", seeds, |b| {
        fathom::metocean::parse(&text(b), Path::new("m.csv"), None).is_ok()
    });
}

#[test]
fn csv_alpha() {
    let seeds = corpus(&[("assets", &["alpha_factors.csv"])], &[], &[]);
    fuzz("csv-alpha", seeds, |b| {
        fathom::lift::alpha::parse(&text(b), Path::new("alpha.csv")).is_ok()
    });
}

#[test]
fn csv_rpl() {
    let builtin = format!(
        "{}\n1,start C1,30.60000000,122.04000000,0.000000,0.000000,45.00,0.0,-20.5,1.2,3,0.000000,\"f,1\",1\n\
         2,AC,30.61000000,122.05000000,1.450000,1.450000,30.00,-15.0,-22.0,,3,1.493500,f1,1\n\
         3,end \"P\",30.62000000,122.05000000,2.560000,1.110000,,0.0,,,3,2.636800,f1,1\n",
        fathom::formats::rpl::HEADER
    );
    fuzz("csv-rpl", corpus(&[], &[], &[builtin.as_bytes()]), |b| {
        fathom::formats::rpl::read(&text(b), Path::new("r.csv")).is_ok()
    });
}
