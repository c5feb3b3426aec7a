//! Test support: run GDAL's command-line tools (`gdaldem`, `gdal_translate`, `gdal_contour`) as a
//! reference and read their raw output. GDAL missing: the test is skipped with a message, except
//! under CI (`CI=true`), where it fails (CI installs `gdal-bin`).

use crate::bathymetry::{GeoTransform, Grid};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A working GDAL installation and a scratch directory for its outputs.
pub struct Gdal {
    pub dir: tempfile::TempDir,
}

impl Gdal {
    /// `Some` when GDAL's tools run (`gdalinfo --version`; `gdaldem --version` exits 1); otherwise prints why and returns `None` (panics under CI).
    pub fn find() -> Option<Gdal> {
        let ok = Command::new("gdalinfo")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("gdaldem is missing under CI=true (install gdal-bin)");
            }
            eprintln!("skipping: gdaldem not found (install gdal-bin to compare with GDAL)");
            return None;
        }
        Some(Gdal {
            dir: tempfile::tempdir().expect("temporary directory"),
        })
    }

    /// Path of a scratch file.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `gdaldem MODE input out [options]` into an ENVI raw file and returns its values.
    pub fn dem(&self, args: &[&str], input: &Path) -> Result<Vec<f64>, String> {
        let out = self.path(&format!("{}.bil", args.join("_").replace('-', "")));
        let mut cmd = Command::new("gdaldem");
        cmd.arg(args[0])
            .arg(input)
            .arg(&out)
            .args(["-of", "ENVI", "-q"])
            .args(&args[1..]);
        run(&mut cmd)?;
        read_envi(&out)
    }
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let o = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !o.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    Ok(())
}

/// Reads an ENVI raw file written by GDAL (byte or float32, little-endian).
fn read_envi(path: &Path) -> Result<Vec<f64>, String> {
    let hdr = std::fs::read_to_string(path.with_extension("hdr")).map_err(|e| e.to_string())?;
    let data_type = hdr
        .lines()
        .find_map(|l| l.strip_prefix("data type"))
        .and_then(|v| v.trim_start_matches([' ', '=']).trim().parse::<u32>().ok())
        .ok_or("no data type in ENVI header")?;
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    match data_type {
        1 => Ok(bytes.iter().map(|&b| b as f64).collect()),
        4 => Ok(bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]) as f64)
            .collect()),
        other => Err(format!("ENVI data type {other} not handled")),
    }
}

/// Reads a raster through GDAL (`gdal_translate` to raw Float32 + `gdalinfo -json`), no-data →
/// NaN, so terrain tests do not depend on fathom's own readers. The CRS is left to the caller.
pub fn read_with_gdal(gdal: &Gdal, input: &Path) -> Result<Grid, String> {
    let raw = gdal.path("input.bil");
    run(Command::new("gdal_translate")
        .args(["-q", "-of", "ENVI", "-ot", "Float32"])
        .arg(input)
        .arg(&raw))?;
    let info = Command::new("gdalinfo")
        .arg("-json")
        .arg(input)
        .output()
        .map_err(|e| e.to_string())?;
    let info: serde_json::Value =
        serde_json::from_slice(&info.stdout).map_err(|e| e.to_string())?;
    let gt: Vec<f64> = info["geoTransform"]
        .as_array()
        .ok_or("no geoTransform")?
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    let size: Vec<usize> = info["size"]
        .as_array()
        .ok_or("no size")?
        .iter()
        .filter_map(|v| v.as_u64().map(|v| v as usize))
        .collect();
    let nodata = info["bands"][0]["noDataValue"].as_f64();
    let values = read_envi(&raw)?;
    let t = GeoTransform {
        origin_x: gt[0],
        origin_y: gt[3],
        dx: gt[1],
        dy: -gt[5],
    };
    let mut g = Grid::filled(size[0], size[1], t, 0.0);
    for (d, v) in g.data.iter_mut().zip(values) {
        *d = if Some(v) == nodata.map(|n| n as f32 as f64) || v.is_nan() {
            f32::NAN
        } else {
            v as f32
        };
    }
    Ok(g)
}

/// Compares ours (NaN = no data) with GDAL's (`nodata` = no data) cell by cell: the same cells
/// must be no data and the rest agree within `tol`. Returns the number of valid cells compared.
pub fn compare(ours: &[f32], theirs: &[f64], nodata: Option<f64>, tol: f64, what: &str) -> usize {
    compare_with(ours, theirs, nodata, tol, what, |a, b| (a - b).abs())
}

/// [`compare`] for angles in degrees, where 359.9999 and 0 are 10⁻⁴ apart.
pub fn compare_circular(ours: &[f32], theirs: &[f64], nodata: f64, tol: f64, what: &str) -> usize {
    compare_with(ours, theirs, Some(nodata), tol, what, |a, b| {
        let d = (a - b).rem_euclid(360.0);
        d.min(360.0 - d)
    })
}

fn compare_with(
    ours: &[f32],
    theirs: &[f64],
    nodata: Option<f64>,
    tol: f64,
    what: &str,
    diff: impl Fn(f64, f64) -> f64,
) -> usize {
    assert_eq!(ours.len(), theirs.len(), "{what}: sizes differ");
    let (mut n, mut worst) = (0usize, 0.0f64);
    for (i, (&a, &b)) in ours.iter().zip(theirs).enumerate() {
        let b_nodata = b.is_nan() || Some(b) == nodata;
        assert_eq!(
            a.is_nan(),
            b_nodata,
            "{what}: cell {i}: fathom {a}, gdal {b} (no-data differs)"
        );
        if !b_nodata {
            let d = diff(a as f64, b);
            assert!(d <= tol, "{what}: cell {i}: fathom {a}, gdal {b}");
            worst = worst.max(d);
            n += 1;
        }
    }
    eprintln!("{what}: {n} cells agree with GDAL, largest difference {worst:.3e}");
    n
}
