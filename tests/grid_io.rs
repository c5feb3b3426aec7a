//! Grid readers and writers on the real data in `../shared/data/bathymetry/`, checked against the
//! figures its README states, against GDAL (when installed), and through the `fathom` binary.

use fathom::bathymetry::io::{self, ReadOptions};
use fathom::bathymetry::{Grid, SignConvention};
use fathom::geodesy::Crs;
#[path = "../src/testdata.rs"]
mod testdata;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use testdata::shared_data;

const CROP: &str = "wadden_ameland_inlet_30m_crop200_utm31n";

fn fathom(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fathom"))
        .args(args)
        .output()
        .expect("run fathom")
}

/// `fathom grid info --format json` on a file, parsed.
fn info(path: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["grid", "info", path.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = fathom(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn near(v: &Value, key: &str, expected: f64, tol: f64) {
    let got = v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing in {v}"));
    assert!(
        (got - expected).abs() <= tol,
        "{key}: {got} vs expected {expected}"
    );
}

#[test]
fn wadden_full_geotiff_matches_readme() {
    let Some(p) = shared_data("bathymetry/wadden_ameland_30m_utm31n.tif") else {
        return;
    };
    let v = info(&p, &[]);
    assert_eq!(
        (v["width"].as_u64(), v["height"].as_u64()),
        (Some(1521), Some(1194))
    );
    assert_eq!(
        (v["cell_size_x"].as_f64(), v["cell_size_y"].as_f64()),
        (Some(30.0), Some(30.0))
    );
    assert_eq!(v["crs_epsg"], 32631);
    assert_eq!(v["crs_name"], "WGS 84 / UTM zone 31N");
    let e = &v["extent"];
    assert_eq!(
        [&e["min_x"], &e["min_y"], &e["max_x"], &e["max_y"]].map(|x| x.as_f64().unwrap()),
        [633820.0, 5896100.0, 679450.0, 5931920.0]
    );
    let ll = &v["extent_lonlat"];
    near(ll, "min_x", 5.00, 0.005);
    near(ll, "max_x", 5.71, 0.005);
    near(ll, "min_y", 53.18, 0.005);
    near(ll, "max_y", 53.52, 0.005);
    near(&v, "elevation_min_m", -40.57, 0.005);
    near(&v, "elevation_max_m", 3.23, 0.005);
    near(&v, "elevation_mean_m", -6.01, 0.005);
    near(&v, "valid_share", 0.812, 0.0005);
    assert_eq!(v["source_sign"], "elevation-up");
}

#[test]
fn wadden_crop_matches_readme_and_agrees_across_formats() {
    let (Some(asc), Some(tif), Some(xyz)) = (
        shared_data(&format!("bathymetry/{CROP}.asc")),
        shared_data(&format!("bathymetry/derived/{CROP}.tif")),
        shared_data(&format!("bathymetry/derived/{CROP}.xyz")),
    ) else {
        return;
    };
    let v = info(&asc, &[]);
    assert_eq!(
        (v["width"].as_u64(), v["height"].as_u64()),
        (Some(200), Some(200))
    );
    assert_eq!(v["cell_size_x"].as_f64(), Some(30.0));
    assert_eq!(v["crs"], "EPSG:32631"); // identified from the ESRI WKT of the .prj
    assert_eq!(v["extent"]["min_x"].as_f64(), Some(641020.0));
    assert_eq!(v["extent"]["min_y"].as_f64(), Some(5906720.0));
    near(&v, "elevation_min_m", -40.57, 0.0005);
    near(&v, "elevation_max_m", 2.79, 0.0005);
    near(&v, "valid_share", 0.898, 0.0005);

    let a = io::read(&asc, &ReadOptions::default()).unwrap();
    let t = io::read(&tif, &ReadOptions::default()).unwrap();
    let x = io::read(
        &xyz,
        &ReadOptions {
            crs: Some(Crs::epsg(32631)),
            ..Default::default()
        },
    )
    .unwrap();
    for other in [&t, &x] {
        assert_same(&a, other);
    }
    // The text reports agree too, apart from the file name; the mean and standard deviation to
    // 1e-12 relative, as each format sums in its own order (GeoTIFF strip by strip in parallel,
    // ESRI ASCII and XYZ in file order), which moves the last digits.
    let moments = ["elevation_mean_m", "elevation_stddev_m"];
    let strip = |mut v: Value| {
        v["file"] = Value::Null;
        for key in moments {
            v[key] = Value::Null;
        }
        v
    };
    for other in [info(&tif, &[]), info(&xyz, &["--crs", "EPSG:32631"])] {
        for key in moments {
            let (a, b) = (v[key].as_f64().unwrap(), other[key].as_f64().unwrap());
            assert!((a - b).abs() <= 1e-12 * a.abs(), "{key}: {a} vs {b}");
        }
        assert_eq!(strip(other), strip(v.clone()));
    }
}

fn assert_same(a: &Grid, b: &Grid) {
    assert_eq!((a.width, a.height), (b.width, b.height));
    assert_eq!(a.transform, b.transform);
    assert_eq!(a.crs, b.crs);
    for (i, (x, y)) in a.data.iter().zip(&b.data).enumerate() {
        assert!(
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
            "cell {i}: {x} vs {y}"
        );
    }
}

#[test]
fn florida_geographic_with_odd_nodata() {
    let Some(p) = shared_data("bathymetry/usml_small_crm_florida_3arcsec.asc") else {
        return;
    };
    // No .prj: refused without --crs, with a message that says so.
    let out = fathom(&["grid", "info", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--crs"));

    let v = info(&p, &["--crs", "EPSG:4326"]);
    assert_eq!(
        (v["width"].as_u64(), v["height"].as_u64()),
        (Some(241), Some(241))
    );
    assert_eq!(v["crs_epsg"], 4326);
    assert_eq!(v["crs_geographic"], true);
    near(&v, "cell_size_x", 0.000833333333, 1e-15);
    near(&v["extent"], "min_x", -79.900416666667, 1e-12);
    near(&v["extent"], "min_y", 29.399583333333, 1e-12);
    near(&v, "elevation_min_m", -771.0, 0.0);
    near(&v, "elevation_max_m", -622.0, 0.0);
    near(&v["extent_lonlat"], "min_x", -79.900416666667, 1e-9);
    assert!(v["valid_share"].as_f64().unwrap() > 0.99);
}

#[test]
fn baltic_positive_depths_flip_to_elevation() {
    let Some(p) = shared_data("bathymetry/lithuania_baltic_1km_epsg3035.asc") else {
        return;
    };
    let g = io::read(
        &p,
        &ReadOptions {
            positive_down: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((g.width, g.height), (215, 375));
    assert_eq!(g.crs, Some(Crs::epsg(3035)));
    assert_eq!(g.source_sign, SignConvention::DepthPositiveDown);
    let s = g.stats().unwrap();
    assert!(
        (s.min + 85.0).abs() < 0.5 && (s.max + 3.2).abs() < 0.05,
        "{s:?}"
    );
    let v = info(&p, &["--positive-down"]);
    assert_eq!(v["crs"], "EPSG:3035");
    assert_eq!(v["source_sign"], "depth-positive-down");
    assert_eq!(v["cell_size_x"].as_f64(), Some(1000.0));
}

#[test]
fn asc_tif_asc_round_trip_is_lossless() {
    let Some(asc) = shared_data(&format!("bathymetry/{CROP}.asc")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (tif, asc2) = (dir.path().join("a.tif"), dir.path().join("b.asc"));
    let out = fathom(&[
        "grid",
        "convert",
        asc.to_str().unwrap(),
        "-o",
        tif.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = fathom(&[
        "grid",
        "convert",
        tif.to_str().unwrap(),
        "-o",
        asc2.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = io::read(&asc, &ReadOptions::default()).unwrap();
    assert_same(&a, &io::read(&tif, &ReadOptions::default()).unwrap());
    assert_same(&a, &io::read(&asc2, &ReadOptions::default()).unwrap());
    assert!(
        std::fs::read_to_string(dir.path().join("b.prj"))
            .unwrap()
            .contains("UTM_Zone_31N")
    );
}

#[test]
fn convert_reprojects() {
    let Some(asc) = shared_data(&format!("bathymetry/{CROP}.asc")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("ll.tif");
    let out = fathom(&[
        "grid",
        "convert",
        asc.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
        "--to-crs",
        "EPSG:4326",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g = io::read(&out_path, &ReadOptions::default()).unwrap();
    assert_eq!(g.crs, Some(Crs::epsg(4326)));
    let (x0, y0, x1, y1) = g.extent();
    // The crop lies near 5.1–5.2 °E, 53.28–53.34 °N.
    assert!(
        x0 > 5.0 && x1 < 5.3 && y0 > 53.2 && y1 < 53.4,
        "{x0} {y0} {x1} {y1}"
    );
}

/// Runs fathom on a bad input: exit code 2, the expected words on stderr, within a second (best of
/// three runs, so a busy machine does not fail it), never a panic.
fn refused(args: &[&str], expect: &str) {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let out = fathom(args);
        best = best.min(start.elapsed());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(expect),
            "{args:?}: expected `{expect}` in: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        if best < Duration::from_secs(1) {
            return;
        }
    }
    panic!("{args:?} took {best:?}");
}

#[test]
fn bad_inputs_exit_2_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str, text: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let head = "ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n";
    let truncated = d("trunc.asc", format!("{head}1 2 3\n4\n").as_bytes());
    refused(
        &["grid", "info", &truncated, "--crs", "EPSG:32631"],
        "truncated",
    );
    let garbled = d("garbled.asc", format!("{head}1 2 3\n4 5,5 6\n").as_bytes());
    refused(
        &["grid", "info", &garbled, "--crs", "EPSG:32631"],
        "garbled.asc:7: `5,5` is not a number",
    );
    let huge = d(
        "huge.asc",
        b"ncols 1000000\nnrows 1000000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1\n",
    );
    refused(
        &["grid", "info", &huge, "--crs", "EPSG:32631"],
        "refusing to allocate",
    );
    let no_crs = d("nocrs.asc", format!("{head}1 2 3\n4 5 6\n").as_bytes());
    refused(&["grid", "info", &no_crs], "give one with --crs");
    let missing = dir.path().join("missing.tif");
    refused(&["grid", "info", missing.to_str().unwrap()], "missing.tif");
    let not_tiff = d("text.tif", b"hello");
    refused(&["grid", "info", &not_tiff], "not a valid TIFF");
    let bad_xyz = d("bad.xyz", b"0 0 1\n10 0 2\n25 0 3\n0 10 1\n");
    refused(
        &["grid", "info", &bad_xyz, "--crs", "EPSG:32631"],
        "bad.xyz:3",
    );
    let rgb = dir.path().join("rgb.tif");
    {
        let mut f = std::fs::File::create(&rgb).unwrap();
        tiff::encoder::TiffEncoder::new(&mut f)
            .unwrap()
            .write_image::<tiff::encoder::colortype::RGB8>(1, 1, &[1, 2, 3])
            .unwrap();
    }
    refused(&["grid", "info", rgb.to_str().unwrap()], "unsupported");
    refused(&["grid", "info", &truncated, "--crs", "EPSG:0"], "--crs");
}

/// Whether a GDAL tool is installed; under CI its absence is a failure.
fn have_gdal(tool: &str) -> bool {
    if Command::new(tool).arg("--version").output().is_ok() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{tool} is missing (CI=true: install gdal-bin)");
    }
    eprintln!("skipping: {tool} is not installed (apt-get install gdal-bin)");
    false
}

#[test]
fn gdal_reads_our_geotiff() {
    if !have_gdal("gdalinfo") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ours.tif");
    let t = fathom::bathymetry::GeoTransform {
        origin_x: 641020.0,
        origin_y: 5912720.0,
        dx: 30.0,
        dy: 20.0,
    };
    let mut g = Grid::filled(40, 30, t, -12.5);
    g.data[5] = f32::NAN;
    g.crs = Some(Crs::epsg(32631));
    io::write(&g, &path).unwrap();
    let out = Command::new("gdalinfo")
        .args(["-json", "-stats"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let gt: Vec<f64> = v["geoTransform"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert_eq!(gt, vec![641020.0, 30.0, 0.0, 5912720.0, 0.0, -20.0]);
    let wkt = v["coordinateSystem"]["wkt"].as_str().unwrap();
    assert!(wkt.trim_end().ends_with(r#"ID["EPSG",32631]]"#), "{wkt}");
    let band = &v["bands"][0];
    assert_eq!(band["type"], "Float32");
    assert_eq!(band["noDataValue"], "NaN");
    assert_eq!(v["metadata"]["IMAGE_STRUCTURE"]["COMPRESSION"], "DEFLATE");
    assert_eq!(band["minimum"].as_f64(), Some(-12.5));
}

#[test]
fn hillshade_geotiff_is_gdaldems_byte_raster() {
    let Some(asc) = shared_data(&format!("bathymetry/{CROP}.asc")) else {
        return;
    };
    if !have_gdal("gdaldem") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = (dir.path().join("ours.tif"), dir.path().join("gdal.tif"));
    let out = fathom(&[
        "grid",
        "hillshade",
        asc.to_str().unwrap(),
        "-o",
        ours.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let st = Command::new("gdaldem")
        .args(["hillshade", "-q"])
        .arg(&asc)
        .arg(&theirs)
        .status()
        .unwrap();
    assert!(st.success());
    let v = info(&ours, &[]);
    assert_eq!(v["crs_epsg"], 32631, "{v}");
    let (a, b) = (
        io::read(&ours, &ReadOptions::default()).unwrap(),
        io::read(&theirs, &ReadOptions::default()).unwrap(),
    );
    assert_eq!((a.width, a.height), (b.width, b.height));
    let worst = a
        .data
        .iter()
        .zip(&b.data)
        .map(|(x, y)| match (x.is_nan(), y.is_nan()) {
            (true, true) => 0.0,
            (false, false) => (x - y).abs(),
            _ => f32::INFINITY,
        })
        .fold(0.0f32, f32::max);
    // Shades are rounded bytes; no data (0) reads as NaN and must be the same cells in both.
    assert!(worst <= 1.0, "largest difference {worst}");
}

#[test]
fn reads_what_gdal_writes() {
    let Some(tif) = shared_data(&format!("bathymetry/derived/{CROP}.tif")) else {
        return;
    };
    if !have_gdal("gdal_translate") {
        return;
    }
    let reference = io::read(&tif, &ReadOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let variants: &[(&str, &[&str])] = &[
        (
            "tiled_lzw_f64.tif",
            &[
                "-ot",
                "Float64",
                "-co",
                "TILED=YES",
                "-co",
                "BLOCKXSIZE=64",
                "-co",
                "BLOCKYSIZE=32",
                "-co",
                "COMPRESS=LZW",
            ],
        ),
        (
            "strips_none.tif",
            &["-co", "COMPRESS=NONE", "-co", "BLOCKYSIZE=7"],
        ),
        (
            "deflate_pred2.tif",
            &[
                "-co",
                "COMPRESS=DEFLATE",
                "-co",
                "PREDICTOR=2",
                "-ot",
                "Float32",
            ],
        ),
    ];
    for (name, args) in variants {
        let out_path = dir.path().join(name);
        let out = Command::new("gdal_translate")
            .args(*args)
            .arg(&tif)
            .arg(&out_path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let g =
            io::read(&out_path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same(&reference, &g);
    }
    // Int16 with a −32768 no-data value (gdalwarp remaps NaN), 48 × 48 tiles, PixelIsPoint.
    let (warped, int_path) = (
        dir.path().join("w16.tif"),
        dir.path().join("int16_point.tif"),
    );
    let steps: [(&str, Vec<&std::ffi::OsStr>); 2] = [
        (
            "gdalwarp",
            vec![
                "-q".as_ref(),
                "-ot".as_ref(),
                "Int16".as_ref(),
                "-dstnodata".as_ref(),
                "-32768".as_ref(),
                tif.as_os_str(),
                warped.as_os_str(),
            ],
        ),
        (
            "gdal_translate",
            vec![
                "-q".as_ref(),
                "-mo".as_ref(),
                "AREA_OR_POINT=Point".as_ref(),
                "-co".as_ref(),
                "TILED=YES".as_ref(),
                "-co".as_ref(),
                "BLOCKXSIZE=48".as_ref(),
                "-co".as_ref(),
                "BLOCKYSIZE=48".as_ref(),
                warped.as_os_str(),
                int_path.as_os_str(),
            ],
        ),
    ];
    for (tool, args) in steps {
        let out = Command::new(tool).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let g = io::read(&int_path, &ReadOptions::default()).unwrap();
    assert_eq!(g.crs, reference.crs);
    // GDAL writes the tiepoint at the first cell centre with PixelIsPoint: the corner is the same
    // (gdalwarp itself rounds the pixel size to 29.999999999999996, as gdalinfo shows).
    let (a, b) = (g.transform, reference.transform);
    for (x, y) in [
        (a.origin_x, b.origin_x),
        (a.origin_y, b.origin_y),
        (a.dx, b.dx),
        (a.dy, b.dy),
    ] {
        assert!((x - y).abs() < 1e-6, "{a:?} vs {b:?}");
    }
    for (a, b) in reference.data.iter().zip(&g.data) {
        assert_eq!(a.is_nan(), b.is_nan());
        assert!(a.is_nan() || (a - b).abs() <= 0.5, "{a} vs {b}");
    }
}

/// `gdalinfo -stats` statistics of `path`: (min, max, mean, stddev, valid percent), from the
/// band metadata (14 significant digits; the JSON band fields are rounded to 3 decimals). No
/// `.aux.xml` is written beside the input (`GDAL_PAM_ENABLED=NO`).
fn gdal_stats(path: &Path) -> [f64; 5] {
    let out = Command::new("gdalinfo")
        .args(["-json", "-stats"])
        .arg(path)
        .env("GDAL_PAM_ENABLED", "NO")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let md = &v["bands"][0]["metadata"][""];
    [
        "STATISTICS_MINIMUM",
        "STATISTICS_MAXIMUM",
        "STATISTICS_MEAN",
        "STATISTICS_STDDEV",
        "STATISTICS_VALID_PERCENT",
    ]
    .map(|k| {
        md[k]
            .as_str()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{k} missing in {md}"))
    })
}

/// `grid info` gathers its statistics strip by strip (GeoTIFF), tile by tile, value by value
/// (ESRI ASCII) or line by line (XYZ); they agree with `gdalinfo -stats` to GDAL's printed precision.
#[test]
fn info_statistics_agree_with_gdalinfo_stats() {
    if !have_gdal("gdal_translate") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A surface with no-data holes, 301 × 157 (edge tiles are partly outside the image).
    let t = fathom::bathymetry::GeoTransform {
        origin_x: 500_000.0,
        origin_y: 5_900_000.0,
        dx: 10.0,
        dy: 10.0,
    };
    let mut g = Grid::from_fn(301, 157, t, |x, y| {
        -30.0 + 12.0 * ((x - 500_000.0) / 400.0).sin() * ((y - 5_899_000.0) / 300.0).cos()
    });
    for i in (0..g.data.len()).step_by(37) {
        g.data[i] = f32::NAN;
    }
    g.crs = Some(Crs::epsg(32631));
    let asc = dir.path().join("surface.asc");
    io::write(&g, &asc).unwrap();
    let tiled = dir.path().join("tiled.tif");
    let st = Command::new("gdal_translate")
        .args(["-q", "-ot", "Float32", "-co", "TILED=YES"])
        .args(["-co", "BLOCKXSIZE=64", "-co", "BLOCKYSIZE=48"])
        .args(["-co", "COMPRESS=LZW"])
        .arg(&asc)
        .arg(&tiled)
        .status()
        .unwrap();
    assert!(st.success());
    // XYZ as exports that drop no-data cells write it (GDAL's XYZ driver makes the missing
    // cells no data), rows from the north.
    let xyz = dir.path().join("holes.xyz");
    let mut text = String::new();
    for row in 0..g.height {
        for col in 0..g.width {
            let v = g.get(col, row);
            if !v.is_nan() {
                let (x, y) = g.transform.cell_center(col, row);
                text.push_str(&format!("{x} {y} {v}\n"));
            }
        }
    }
    std::fs::write(&xyz, text).unwrap();
    let mut cases: Vec<(std::path::PathBuf, Vec<&str>)> = vec![
        (asc.clone(), vec![]),
        (tiled, vec![]),
        (xyz, vec!["--crs", "EPSG:32631"]),
    ];
    for (name, extra) in [
        ("wadden_ameland_30m_utm31n.tif", vec![]),
        (
            "usml_small_crm_florida_3arcsec.asc",
            vec!["--crs", "EPSG:4326"],
        ),
        ("lithuania_baltic_1km_epsg3035.asc", vec![]),
    ] {
        if let Some(p) = shared_data(&format!("bathymetry/{name}")) {
            cases.push((p, extra));
        }
    }
    for (path, extra) in &cases {
        let ours = info(path, extra);
        let [min, max, mean, sd, valid_pct] = gdal_stats(path);
        let name = path.display();
        let close = |key: &str, theirs: f64| {
            let got = ours[key].as_f64().unwrap();
            // GDAL prints 14 significant digits.
            assert!(
                (got - theirs).abs() <= 1e-12 * theirs.abs().max(1.0),
                "{name}: {key} {got} vs gdalinfo {theirs}"
            );
        };
        close("elevation_min_m", min);
        close("elevation_max_m", max);
        close("elevation_mean_m", mean);
        close("elevation_stddev_m", sd);
        let share = 100.0 * ours["valid_share"].as_f64().unwrap();
        assert!(
            (share - valid_pct).abs() <= 0.005,
            "{name}: {share} % valid"
        );
    }
}
