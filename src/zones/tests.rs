use super::*;
use crate::mission::fixtures::{context, flat_grid, mission};
use geo::Area;

fn zone(id: &str, buffer_m: f64) -> ExclusionZone {
    ExclusionZone {
        id: id.into(),
        kind: ZoneKind::CablePipeline,
        buffer_m,
        polygon: None,
        line: None,
        geojson: None,
    }
}

#[test]
fn line_becomes_a_corridor_of_twice_the_buffer() {
    let ctx = context(mission(20.0, 10.0), flat_grid(100, 10.0, 20.0));
    let (a, b) = (
        ctx.to_lonlat(640_100.0, 5_919_500.0).unwrap(),
        ctx.to_lonlat(640_900.0, 5_919_500.0).unwrap(),
    );
    let mut z = zone("cable", 50.0);
    z.line = Some(vec![[a.0, a.1], [b.0, b.1]]);
    let s = zone_shape(&ctx, &z).unwrap();
    // 800 m × 100 m plus two half discs of 50 m: 80 000 + π·2500 m².
    let want = 80_000.0 + std::f64::consts::PI * 2_500.0;
    let area = s.area.unsigned_area();
    assert!((area - want).abs() / want < 0.01, "{area} vs {want}");
    let idx = ZoneIndex::new(std::slice::from_ref(&s));
    assert!(idx.at_point(640_500.0, 5_919_540.0).is_some());
    assert!(idx.at_point(640_500.0, 5_919_560.0).is_none());
    assert!(
        idx.on_segment((640_500.0, 5_919_300.0), (640_500.0, 5_919_700.0))
            .is_some()
    );
    assert!(
        idx.on_segment((640_000.0, 5_919_300.0), (641_000.0, 5_919_300.0))
            .is_none()
    );
    // Zero buffer on a line is refused with the zone's name.
    z.buffer_m = 0.0;
    let e = zone_shape(&ctx, &z).unwrap_err().to_string();
    assert!(
        e.starts_with("exclusion zone `cable`: a line zone needs `buffer_m` > 0"),
        "{e}"
    );
}

#[test]
fn raster_mask_marks_every_touched_cell_and_no_other() {
    let ctx = context(mission(20.0, 10.0), flat_grid(100, 10.0, 20.0));
    // A square from (640 203, 5 919 597) to (640 255, 5 919 649): cells 20..=25 across,
    // rows 35..=40 down.
    let ring = LineString::from(vec![
        (640_203.0, 5_919_597.0),
        (640_255.0, 5_919_597.0),
        (640_255.0, 5_919_649.0),
        (640_203.0, 5_919_649.0),
        (640_203.0, 5_919_597.0),
    ]);
    let s = ZoneShape {
        id: "sq".into(),
        kind: ZoneKind::Other,
        area: MultiPolygon::new(vec![Polygon::new(ring, vec![])]),
    };
    let mask = rasterize(&[s], &ctx.grid);
    for r in 0..100 {
        for c in 0..100 {
            let want = (20..=25).contains(&c) && (35..=40).contains(&r);
            assert_eq!(mask[r * 100 + c], want, "cell ({c}, {r})");
        }
    }
}

#[test]
fn geojson_is_read_and_bad_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(mission(20.0, 10.0), flat_grid(100, 10.0, 20.0));
    ctx.path = dir.path().join("m.toml");
    let (lon, lat) = ctx.to_lonlat(640_500.0, 5_919_500.0).unwrap();
    let gj = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[[{a},{b}],[{c},{b}],[{c},{d}],[{a},{d}],[{a},{b}]]]}}}}]}}"#,
        a = lon - 0.001,
        b = lat - 0.001,
        c = lon + 0.001,
        d = lat + 0.001
    );
    std::fs::write(dir.path().join("reserve.geojson"), gj).unwrap();
    let mut z = zone("reserve", 0.0);
    z.geojson = Some("reserve.geojson".into());
    let s = zone_shape(&ctx, &z).unwrap();
    assert!(
        ZoneIndex::new(&[s])
            .at_point(640_500.0, 5_919_500.0)
            .is_some()
    );
    std::fs::write(
        dir.path().join("bad.geojson"),
        "{\"type\":\"Point\",\"coordinates\":[1,2]}",
    )
    .unwrap();
    z.geojson = Some("bad.geojson".into());
    let e = zone_shape(&ctx, &z).unwrap_err().to_string();
    assert!(
        e.contains("exclusion zone `reserve`")
            && e.contains("bad.geojson")
            && e.contains("Point has no extent"),
        "{e}"
    );
    z.geojson = Some("missing.geojson".into());
    let e = zone_shape(&ctx, &z).unwrap_err().to_string();
    assert!(e.contains("missing.geojson"), "{e}");
}

#[test]
fn empty_rings_short_lines_and_far_longitudes_are_refused() {
    // issue #18: `"coordinates": []` panicked inside the boolean operations.
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(mission(20.0, 10.0), flat_grid(100, 10.0, 20.0));
    ctx.path = dir.path().join("m.toml");
    for (gj, expected) in [
        (
            r#"{"type":"Polygon","coordinates":[]}"#,
            "polygon 0 ring 0 has 0 positions",
        ),
        (
            r#"{"type":"Polygon","coordinates":[[]]}"#,
            "polygon 0 ring 0 has 0 positions",
        ),
        (
            r#"{"type":"MultiPolygon","coordinates":[[[[1,1],[2,1],[1,2],[1,1]]],[]]}"#,
            "polygon 1 ring 0 has 0 positions",
        ),
        (
            r#"{"type":"LineString","coordinates":[[1,1]]}"#,
            "line 0 has 1 positions",
        ),
        (
            r#"{"type":"LineString","coordinates":[[122.0],[122.1,30.0]]}"#,
            "a position with 1 number(s)",
        ),
        (
            r#"{"type":"LineString","coordinates":[[],[122.1,30.0]]}"#,
            "a position with 0 number(s)",
        ),
        (
            r#"{"type":"LineString","coordinates":[[400,1],[401,1]]}"#,
            "(400, 1) is not a WGS 84",
        ),
    ] {
        std::fs::write(dir.path().join("z.geojson"), gj).unwrap();
        let mut z = zone("z", 100.0);
        z.geojson = Some("z.geojson".into());
        let e = zone_shape(&ctx, &z).unwrap_err().to_string();
        assert!(e.contains("z.geojson") && e.contains(expected), "{gj}: {e}");
    }
}

#[test]
fn a_line_beyond_the_vertex_limit_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut ctx = context(mission(20.0, 10.0), flat_grid(100, 10.0, 20.0));
    ctx.path = dir.path().join("m.toml");
    let coords: Vec<String> = (0..=MAX_ZONE_VERTICES)
        .map(|i| format!("[{},{}]", 122.0 + i as f64 * 1e-6, 30.0))
        .collect();
    let gj = format!(
        r#"{{"type":"LineString","coordinates":[{}]}}"#,
        coords.join(",")
    );
    std::fs::write(dir.path().join("long.geojson"), gj).unwrap();
    let mut z = zone("long", 100.0);
    z.geojson = Some("long.geojson".into());
    let e = zone_shape(&ctx, &z).unwrap_err().to_string();
    assert!(
        e.contains("long.geojson") && e.contains("more than 10000 vertices"),
        "{e}"
    );
}
