//! Unit tests of the XYZ reader, summary and writer.

use super::*;

fn p() -> &'static Path {
    Path::new("t.xyz")
}

fn parse(path: &Path, text: &str) -> Result<Grid, BathyError> {
    decode(path, text.as_bytes())
}

#[test]
fn detects_grid_any_order_separator_and_header() {
    // 3 × 2 grid, 10 m cells, south row first, one point missing, one −9999.
    let text = "x;y;z\n105;195;4\n115,195,5\n125\t195\t-9999\n105 205 1\n125 205 3\n";
    let g = parse(p(), text).unwrap();
    assert_eq!((g.width, g.height), (3, 2));
    assert_eq!(
        g.transform,
        GeoTransform {
            origin_x: 100.0,
            origin_y: 210.0,
            dx: 10.0,
            dy: 10.0
        }
    );
    assert_eq!(g.get(0, 0), 1.0);
    assert!(g.get(1, 0).is_nan()); // missing point
    assert_eq!(g.get(2, 0), 3.0);
    assert_eq!(g.get(1, 1), 5.0);
    assert!(g.get(2, 1).is_nan()); // −9999
}

#[test]
fn tolerates_rounded_coordinates() {
    let text = "0.0004 0.0004 1\n0.0013 0.0004 2\n0.0021 0.0004 3\n0.0004 0.0013 4\n0.0013 0.0013 5\n0.0021 0.0013 6\n";
    let g = parse(p(), text).unwrap();
    assert_eq!((g.width, g.height), (3, 2));
}

#[test]
fn errors_name_the_line() {
    let e = parse(p(), "0 0 1\n10 0 2\n25 0 3\n0 10 4\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("t.xyz:3") && e.contains("not a regular grid"),
        "{e}"
    );
    let e = parse(p(), "0 0 1\n10 0 x\n").unwrap_err().to_string();
    assert!(e.contains("t.xyz:2") && e.contains("three numbers"), "{e}");
    let e = parse(p(), "0 0 1 7\n").unwrap_err().to_string();
    assert!(e.contains("t.xyz:1") && e.contains("found 4"), "{e}");
    let e = parse(p(), "x y z\n").unwrap_err().to_string();
    assert!(e.contains("no points"), "{e}");
    let e = parse(p(), "0 0 1\n0.000001 0 1\n1e9 0 1\n0 1 1\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("refusing to allocate"), "{e}");
    assert!(
        parse(p(), "0 0 1\n10 0 2\n25 0 3\n0 10 4\n")
            .unwrap_err()
            .to_string()
            .contains("between the grid lines x = 20 and 30"),
    );
}

#[test]
fn sparse_points_and_conflicting_duplicates_are_refused() {
    // issue #18: 3 points spanning 30,000 × 30,000 cells took 3.45 GB.
    let e = parse(p(), "0 0 1\n1 0 1\n30000 30000 1\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("3 points span a 30001 × 2 grid") && e.contains("scattered"),
        "{e}"
    );
    let e = parse(p(), "0 0 1\n10 0 2\n0 10 3\n10 10 4\n0 0 5\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("t.xyz:5") && e.contains("z = 5 but line 1 gave the same cell z = 1"),
        "{e}"
    );
    // An exact repeat is harmless.
    assert!(parse(p(), "0 0 1\n10 0 2\n0 10 3\n10 10 4\n0 0 1\n").is_ok());
}

#[test]
fn summary_streams_what_read_returns() {
    // A BOM, CRLF, a header, a hole, a −9999, an exact repeat and a comment: the streamed
    // summary equals the summary of the grid read whole.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.xyz");
    let mut text = String::from("\u{feff}x,y,z\r\n# survey\r\n");
    for r in 0..40 {
        for c in 0..30 {
            if (r, c) == (3, 4) {
                continue;
            }
            let z = if (r, c) == (7, 7) {
                -9999.0
            } else {
                -20.0 - 0.37 * r as f64 + 0.11 * c as f64
            };
            text.push_str(&format!("{} {} {z}\r\n", 1000 + 5 * c, 2000 - 5 * r));
        }
    }
    text.push_str("1005 2000 -19.89\r\n");
    std::fs::write(&path, &text).unwrap();
    let whole = GridSummary::of(&read(&path).unwrap());
    let streamed = summarise(&path).unwrap();
    assert_eq!((streamed.width, streamed.height), (30, 40));
    assert_eq!(streamed.transform, whole.transform);
    let (a, b) = (streamed.stats.unwrap(), whole.stats.unwrap());
    assert_eq!((a.valid_cells, a.total_cells), (1198, 1200));
    assert_eq!((a.min, a.max), (b.min, b.max));
    assert!((a.mean - b.mean).abs() < 1e-12 && (a.stddev - b.stddev).abs() < 1e-12);
    // Independently: the population statistics of the 1198 values written.
    let vals: Vec<f64> = (0..40)
        .flat_map(|r| (0..30).map(move |c| (r, c)))
        .filter(|&rc| rc != (3, 4) && rc != (7, 7))
        .map(|(r, c)| f64::from((-20.0 - 0.37 * r as f64 + 0.11 * c as f64) as f32))
        .collect();
    let mean = vals.iter().sum::<f64>() / vals.len() as f64;
    let sd = (vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / vals.len() as f64).sqrt();
    assert!((a.mean - mean).abs() < 1e-9 && (a.stddev - sd).abs() < 1e-9);
    // A repeat that disagrees is refused by both, naming both lines.
    std::fs::write(&path, format!("{text}1005 2000 -3\n")).unwrap();
    for e in [
        summarise(&path).unwrap_err().to_string(),
        read(&path).unwrap_err().to_string(),
    ] {
        assert!(
            e.contains("s.xyz:1203") && e.contains("z = -3 but line 1202 gave"),
            "{e}"
        );
    }
}

#[test]
fn endless_lines_and_binary_are_refused_with_the_line() {
    let mut long = b"0 0 1\n10 0 2\n".to_vec();
    long.extend(std::iter::repeat_n(b'7', 10_000));
    let e = decode(p(), &long).unwrap_err().to_string();
    assert!(e.contains("t.xyz:3: a line longer than 4096 bytes"), "{e}");
    let e = decode(p(), b"0 0 1\n10 0 \xff\n").unwrap_err().to_string();
    assert!(e.contains("t.xyz:2: not text"), "{e}");
}

#[test]
fn one_far_shifted_coordinate_in_a_dense_grid_is_refused() {
    // issue #18: one shifted coordinate in a real file asked for 2.55 GB.
    let mut text = String::new();
    for r in 0..20 {
        for c in 0..20 {
            let x = if (r, c) == (7, 7) { 2_000_000 } else { 10 * c };
            text.push_str(&format!("{x} {} -{}\n", 10 * r, 5 + r));
        }
    }
    let e = parse(p(), &text).unwrap_err().to_string();
    assert!(
        e.contains("400 points span a 200001 × 20 grid") && e.contains("a coordinate is wrong"),
        "{e}"
    );
}

#[test]
fn encode_matches_gdal_layout_and_round_trips() {
    let t = GeoTransform {
        origin_x: 100.0,
        origin_y: 210.0,
        dx: 10.0,
        dy: 10.0,
    };
    let mut g = Grid::filled(2, 2, t, 1.5);
    g.data[3] = f32::NAN;
    let text = String::from_utf8(encode(&g)).unwrap();
    assert_eq!(
        text,
        "105 205 1.5\n115 205 1.5\n105 195 1.5\n115 195 -9999\n"
    );
    let back = parse(p(), &text).unwrap();
    assert_eq!(back.transform, t);
    assert!(back.data[3].is_nan() && back.data[..3] == [1.5; 3]);
}
