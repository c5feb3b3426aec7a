use super::*;

fn p(text: &str) -> Result<Series, TableError> {
    parse(text, Path::new("m.csv"), None)
}

#[test]
fn reads_columns_in_any_order_with_gaps() {
    let s = p("# comment\nhs_m,time_utc,tp_s,wind_ms,current_ms,extra\n\
               1.0,2025-01-01T00:00:00Z,6,5,0.3,x\n\
               1.1,2025-01-01 01:00,6,5,0.3,x\n\
               1.2,2025-01-01T02:00:00Z,6,5,0.3,x\n\
               1.3,2025-01-01T05:00:00Z,6,5,0.3,x\n")
    .unwrap();
    assert_eq!(s.step_s, 3600);
    assert_eq!(s.hs_m, vec![1.0, 1.1, 1.2, 1.3]);
    assert_eq!(s.tide_m, None);
    assert_eq!(s.gaps.len(), 1);
    assert_eq!(s.gaps[0].missing, 2);
    assert_eq!(s.missing_records(), 2);
    assert!(s.missing().is_empty());
}

#[test]
fn bad_rows_name_their_line_and_column() {
    let head = "time_utc,hs_m,tp_s,wind_ms,current_ms,tide_m\n";
    let ok = "2025-01-01T00:00:00Z,1,6,5,0.3,-0.4\n";
    let e = p(&format!("{head}{ok}2025-01-01T01:00:00Z,abc,6,5,0.3,0\n")).unwrap_err();
    assert_eq!(e.to_string(), "m.csv:3: hs_m: `abc`: expected a number ≥ 0");
    let e = p(&format!("{head}{ok}2025-01-01T00:00:00Z,1,6,5,0.3,0\n")).unwrap_err();
    assert!(e.to_string().starts_with("m.csv:3: time_utc:"), "{e}");
    let e = p(&format!("{head}{ok}yesterday,1,6,5,0.3,0\n")).unwrap_err();
    assert!(
        e.to_string().starts_with("m.csv:3: time_utc: `yesterday`"),
        "{e}"
    );
    let e = p(&format!("{head}{ok}2025-01-01T01:00:00Z,1,6\n")).unwrap_err();
    assert!(e.to_string().contains("m.csv:3: 3 field(s)"), "{e}");
    let e = p("time_utc,tp_s,wind_ms\n").unwrap_err();
    assert!(
        e.to_string().starts_with("m.csv:1: hs_m: no `hs_m` column"),
        "{e}"
    );
    let e = p(&format!(
        "{head}{ok}2025-01-01T01:00:00Z,1,6,5,0.3,0\n2025-01-01T02:00:00Z,1,6,5,0.3,0\n2025-01-01T02:30:00Z,1,6,5,0.3,0\n"
    ))
    .unwrap_err();
    assert!(e.to_string().contains("m.csv:5: time_utc: 1800 s"), "{e}");
    // issue #18: the published coastDat-2 file has CRLF line ends, where the irregular step was
    // blamed on the line before the bad one.
    let crlf = "time;hs\r\n2014-01-01-00;1\r\n2014-01-01-01;1\r\n2014-01-01-02;1\r\n\
                2014-01-01 02:30;1\r\n2014-01-01-04;1\r\n";
    let cols = parse_columns("time=time,hs_m=hs").unwrap();
    let e = parse(crlf, Path::new("m.csv"), Some(&cols)).unwrap_err();
    assert!(e.to_string().starts_with("m.csv:5: time: 1800 s"), "{e}");
}

#[test]
fn published_layout_through_a_mapping_with_tz_converted() {
    // The coastDat-2 layout as published: `;` separated, YYYY-MM-DD-HH, Tz, no current.
    let text = "time(YYYY-MM-DD-HH);1-hour mean wind speed at 90m(m/s);Significant wave height(m);Zero-up-crossing period(s)\n\
                2014-01-01-00;16.5089;1.9692;4.2874\n\
                2014-01-01-01;16.5480;1.9711;4.2971\n\
                2014-01-01-03;16.0;1.9;4.0\n";
    let cols = parse_columns(
        "time=time,hs_m=significant wave height,tz_s=zero-up-crossing,wind_ms=1-hour mean wind",
    )
    .unwrap();
    let s = parse(text, Path::new("c.csv"), Some(&cols)).unwrap();
    assert_eq!(s.time_s[1] - s.time_s[0], 3600);
    assert_eq!(s.time_s[0], 1_388_534_400); // 2014-01-01T00:00:00Z
    assert_eq!(s.hs_m[1], 1.9711);
    assert_eq!(s.wind_ms.as_ref().unwrap()[0], 16.5089);
    assert!(s.tp_from_tz);
    // Tp ≈ 1.29·Tz for γ = 3.3 (the files' README, citing DNV-RP-C205 §3.5.5).
    let tp = s.tp_s.as_ref().unwrap()[2];
    assert!((tp / 4.0 - 1.29).abs() < 0.005, "{tp}");
    assert_eq!(s.missing(), vec!["current_ms"]);
    assert_eq!(s.gaps[0].missing, 1);
    // An ambiguous or absent mapping is refused naming the variable.
    let bad = parse_columns("time=time,hs_m=wave").unwrap();
    let e = parse(text, Path::new("c.csv"), Some(&bad)).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("c.csv:1: hs_m: `wave` matches 0 columns"),
        "{e}"
    );
    assert!(parse_columns("speed=x").is_err());
    assert!(parse_columns("delimiter=ab").is_err());
}

#[test]
fn tz_to_tp_matches_the_published_ratio() {
    // For a Pierson-Moskowitz sea (γ = 1) the spectral moments give the closed form
    // Tz/Tp = 2π·√(m0/m2)/Tp = (4/(5π))^(1/4) ≈ 0.7104; the fitted DNV polynomial is within 0.2 %.
    let pm = (4.0 / (5.0 * std::f64::consts::PI)).powf(0.25);
    assert!((1.0 / tp_from_tz(1.0, 1.0) - pm).abs() < 2e-3);
    // γ = 3.3: Tp ≈ 1.286·Tz as usually quoted.
    assert!((tp_from_tz(1.0, 3.3) - 1.286).abs() < 1e-3);
}

#[test]
fn the_real_hindcast_files_read_with_a_mapping() {
    let Some(d) = crate::testdata::shared_data("metocean/ec-benchmark_dataset_D.txt") else {
        return;
    };
    let cols = parse_columns("time=time,hs_m=significant wave height,wind_ms=wind speed").unwrap();
    let s = read(&d, Some(&cols)).unwrap();
    assert_eq!(s.time_s.len(), 219_144);
    assert_eq!(s.step_s, 3600);
    assert!(s.gaps.is_empty());
    assert_eq!(s.missing(), vec!["tp_s", "current_ms"]);
    let Some(a) = crate::testdata::shared_data("metocean/ec-benchmark_dataset_A.txt") else {
        return;
    };
    let cols =
        parse_columns("time=time,hs_m=significant wave height,tz_s=zero-up-crossing").unwrap();
    let s = read(&a, Some(&cols)).unwrap();
    assert_eq!(s.time_s.len(), 82_805);
    // 1996–2005 hourly = 3,653 days = 87,672 hours: the rest are in gaps.
    assert_eq!(s.time_s.len() + s.missing_records(), 87_672);
}

#[test]
fn columns_in_other_units_are_converted() {
    // A buoy-style file: Hs in cm, wind in knots, current in cm/s, tide in feet, Tp in s.
    let text = "date;Hs;Tp;U10;Cur;Tide\n\
                2025-01-01 00:00;150;7;10;50;3.28084\n\
                2025-01-01 01:00;80;6;19.4384;25;-1\n";
    let cols = parse_columns(
        "time=date,hs_m=Hs:cm,tp_s=Tp:s,wind_ms=U10:kn,current_ms=Cur:cm/s,tide_m=Tide:ft",
    )
    .unwrap();
    let s = parse(text, Path::new("b.csv"), Some(&cols)).unwrap();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    // 150 cm = 1.5 m; 10 kn = 10 × 1852 m / 3600 s = 5.1444… m/s; 19.4384 kn ≈ 10.0000 m/s;
    // 50 cm/s = 0.5 m/s; 3.28084 ft = 1.0000 m (1 ft = 0.3048 m); −1 ft = −0.3048 m.
    assert!(close(s.hs_m[0], 1.5) && close(s.hs_m[1], 0.8));
    let w = s.wind_ms.as_ref().unwrap();
    assert!(close(w[0], 5.144_444_444_444_444));
    assert!((w[1] - 10.0).abs() < 1e-4);
    assert!(close(s.current_ms.as_ref().unwrap()[0], 0.5));
    let tide = s.tide_m.as_ref().unwrap();
    assert!((tide[0] - 1.0).abs() < 1e-6 && close(tide[1], -0.3048));
    assert_eq!(s.tp_s.as_ref().unwrap()[0], 7.0);
    // The same mapping from a mission's [metocean.columns] table.
    let cols: SeriesColumns =
        toml::from_str("time = \"date\"\nhs_m = \"Hs:mm\"\nwind_ms = \"U10:km/h\"").unwrap();
    let s = parse(text, Path::new("b.csv"), Some(&cols)).unwrap();
    assert!(close(s.hs_m[0], 0.15) && close(s.wind_ms.as_ref().unwrap()[0], 10.0 / 3.6));
    // A unit the variable cannot take is refused, naming the file, the variable and the units.
    let bad = parse_columns("time=date,hs_m=Hs:kn").unwrap();
    let e = parse(text, Path::new("b.csv"), Some(&bad)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "b.csv:1: hs_m: unit `kn` for hs_m: expected m, cm, mm or ft"
    );
    // A colon in the time column's name is part of the name.
    let t = "t:utc,hs_m\n2025-01-01 00:00,1\n2025-01-01 01:00,1\n";
    let cols = parse_columns("time=t:utc").unwrap();
    assert_eq!(
        parse(t, Path::new("t.csv"), Some(&cols))
            .unwrap()
            .hs_m
            .len(),
        2
    );
}

#[test]
fn a_mission_series_comes_from_the_override_else_the_mission() {
    let dir = tempfile::tempdir().unwrap();
    let head = "time_utc,hs_m\n2025-01-01 00:00,1\n2025-01-01 01:00,2\n";
    std::fs::write(dir.path().join("own.csv"), head).unwrap();
    std::fs::write(
        dir.path().join("other.csv"),
        "t;H\n2025-01-01 00:00;300\n2025-01-01 01:00;150\n",
    )
    .unwrap();
    let mut m = crate::mission::fixtures::mission(10.0, 5.0);
    m.metocean = None;
    assert!(of_mission(&m, dir.path(), None, None).unwrap().is_none());
    m.metocean = Some(crate::mission::Metocean {
        series_csv: Some("own.csv".into()),
        ..Default::default()
    });
    // The mission's file, relative to the mission's folder.
    let (path, s) = of_mission(&m, dir.path(), None, None).unwrap().unwrap();
    assert_eq!(path, dir.path().join("own.csv"));
    assert_eq!(s.hs_m, vec![1.0, 2.0]);
    // A file and mapping given on the command line win, the mapping's units applied.
    let cols = parse_columns("time=t,hs_m=H:cm").unwrap();
    let other = dir.path().join("other.csv");
    let (path, s) = of_mission(&m, dir.path(), Some(&other), Some(&cols))
        .unwrap()
        .unwrap();
    assert_eq!(path, other);
    assert_eq!(s.hs_m, vec![3.0, 1.5]);
    // A missing file is an error naming it.
    m.metocean.as_mut().unwrap().series_csv = Some("gone.csv".into());
    let e = of_mission(&m, dir.path(), None, None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("gone.csv"), "{e}");
}
