//! Route computation on real data: OpenCPN's own route table (leg distances, courses, time en
//! route) and a least-cost route through the Vlie tidal inlet on the Wadden grid.

use fathom::mission::{LegGeometry, Route, Waypoint};
#[path = "../src/testdata.rs"]
mod testdata;
use fathom::vessel::{legs, navmask::NavMask, plan};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use testdata::shared_data;

/// `34° 34.8' N` / `076° 41.4' W` as printed in OpenCPN's route table → signed degrees.
fn dm(field: &str) -> Option<f64> {
    let t = field.trim();
    let hemi = t.chars().last()?;
    let body = t[..t.len() - 1].trim();
    let (d, m) = body.split_once('°')?;
    let m = m.trim().trim_end_matches('\'').trim();
    let v = d.trim().parse::<f64>().ok()? + m.parse::<f64>().ok()? / 60.0;
    Some(if hemi == 'S' || hemi == 'W' { -v } else { v })
}

struct TableRow {
    distance_nm: f64,
    bearing_mag: f64,
    lat: f64,
    lon: f64,
}

/// The rows of OpenCPN's tab-separated route table, the `---` start row included.
fn opencpn_table(text: &str) -> Vec<TableRow> {
    text.lines()
        .skip_while(|l| !l.starts_with("Leg\t"))
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let num = |s: &str| s.split_whitespace().next()?.parse::<f64>().ok();
            Some(TableRow {
                distance_nm: num(f.get(2)?)?,
                bearing_mag: num(f.get(3)?)?,
                lat: dm(f.get(4)?)?,
                lon: dm(f.get(5)?)?,
            })
        })
        .collect()
}

/// `lat="…" lon="…"` of every `<rtept` in a GPX file, without an XML parser.
fn gpx_rtepts(text: &str) -> Vec<(f64, f64)> {
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let key = format!("{name}=\"");
        let start = tag.find(&key)? + key.len();
        tag[start..].split('"').next()?.parse().ok()
    };
    text.split("<rtept")
        .skip(1)
        .filter_map(|s| {
            let tag = s.split('>').next()?;
            Some((attr(tag, "lon")?, attr(tag, "lat")?))
        })
        .collect()
}

fn route_of(points: &[(f64, f64)], speed_kn: f64) -> Route {
    Route {
        name: "Beaufort-St. Mary's".into(),
        departure: None,
        waypoints: points
            .iter()
            .enumerate()
            .map(|(i, &(lon, lat))| Waypoint {
                id: i as u32,
                name: String::new(),
                lon,
                lat,
                speed_kn: Some(speed_kn),
                geometry: LegGeometry::Rhumb,
            })
            .collect(),
    }
}

/// OpenCPN prints magnetic courses using one variation for the whole table, the ship's own. The
/// table's first row (251.7 NM at 192 °M from the ship to Beaufort, NC) puts the ship in
/// Chesapeake Bay near 38.8° N 76.6° W, where NOAA's World Magnetic Model WMM2020 gives a
/// declination of 11.3° W for 2021-05-26 (computed with the `pygeomag` WMM2020 coefficients).
const VARIATION_WEST_DEG: f64 = 11.3;

fn angle_diff(a: f64, b: f64) -> f64 {
    ((a - b + 540.0).rem_euclid(360.0) - 180.0).abs()
}

#[test]
fn opencpn_route_table_matches() {
    let Some(table_path) = shared_data("gpx/navtools_beaufort_to_st_marys.txt") else {
        return;
    };
    let Some(gpx_path) = shared_data("gpx/navtools_Beaufort-St._Marys.gpx") else {
        return;
    };
    let rows = opencpn_table(&std::fs::read_to_string(table_path).unwrap());
    assert_eq!(rows.len(), 7, "start row + 6 legs");
    // 1. The table's own waypoints (printed to 0.1′): every leg within 0.1 NM and 1°.
    let pts: Vec<(f64, f64)> = rows.iter().map(|r| (r.lon, r.lat)).collect();
    let t = legs::route_table(&route_of(&pts, 6.0), None).unwrap();
    for (leg, row) in t.legs.iter().zip(&rows[1..]) {
        assert!(
            (leg.distance_nm - row.distance_nm).abs() <= 0.1,
            "leg {}: {:.3} NM vs OpenCPN {}",
            leg.number,
            leg.distance_nm,
            row.distance_nm
        );
        let magnetic = (leg.bearing_deg + VARIATION_WEST_DEG).rem_euclid(360.0);
        assert!(
            angle_diff(magnetic, row.bearing_mag) <= 1.0,
            "leg {}: {:.2} °T = {magnetic:.2} °M vs OpenCPN {} °M",
            leg.number,
            leg.bearing_deg,
            row.bearing_mag
        );
    }
    // Total 345.1 NM, time en route 2d 9H 31M at 6 kn.
    assert!((t.total_nm - 345.1).abs() <= 0.1, "{}", t.total_nm);
    assert_eq!(legs::format_duration(t.total_s), "2d 9H 31M");

    // 2. The GPX export of the route. Its Charleston and Brunswick waypoints were moved after the
    // table was printed (32°37.23′N vs 32°36.8′N; 81°06.80′W vs 81°06.2′W), so legs 3–6 differ
    // by up to 0.45 NM; the legs between unchanged waypoints, the total and the time match.
    let gpx = gpx_rtepts(&std::fs::read_to_string(gpx_path).unwrap());
    assert_eq!(gpx.len(), 7);
    let g = legs::route_table(&route_of(&gpx, 6.0), None).unwrap();
    for (leg, row) in g.legs.iter().zip(&rows[1..]).take(2) {
        assert!((leg.distance_nm - row.distance_nm).abs() <= 0.1);
        let magnetic = (leg.bearing_deg + VARIATION_WEST_DEG).rem_euclid(360.0);
        assert!(angle_diff(magnetic, row.bearing_mag) <= 1.0);
    }
    for (i, (a, b)) in gpx.iter().zip(&pts).enumerate() {
        let moved = (a.0 - b.0).abs().max((a.1 - b.1).abs()) * 60.0;
        assert_eq!(
            moved > 0.2,
            i == 3 || i == 5,
            "waypoint {i} moved {moved:.2}′"
        );
    }
    assert!((g.total_nm - 345.1).abs() <= 0.1, "{}", g.total_nm);
    assert_eq!(legs::format_duration(g.total_s), "2d 9H 31M");
}

// ---------------------------------------------------------------------------------------------
// Wadden inlet

/// Reference shortest path: Dijkstra over cell centres with every move (dc, dr) whose larger
/// component is ≤ R and whose components are coprime, each allowed only when the mask's line of
/// sight holds — the same rule the planner obeys. Between adjacent directions of this set the
/// angle is at most atan(1/R), so on open water it is at most 1/cos(atan(1/R)/2) − 1 longer than
/// the straight line (0.34 % for R = 6). Runs in the window `cols × rows` only.
fn reference_length(
    mask: &NavMask,
    start: (usize, usize),
    goal: (usize, usize),
    cols: std::ops::Range<usize>,
    rows: std::ops::Range<usize>,
    r: i64,
    d: f64,
) -> f64 {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 { a.abs() } else { gcd(b, a % b) }
    }
    let moves: Vec<(i64, i64, f64)> = (-r..=r)
        .flat_map(|a| (-r..=r).map(move |b| (a, b)))
        .filter(|&(a, b)| (a, b) != (0, 0) && gcd(a, b) == 1)
        .map(|(a, b)| (a, b, (a as f64).hypot(b as f64) * d))
        .collect();
    let w = mask.width;
    let mut dist = vec![f64::INFINITY; mask.width * mask.height];
    let mut heap = BinaryHeap::new();
    let s = start.1 * w + start.0;
    dist[s] = 0.0;
    heap.push(Reverse((0u64, s)));
    while let Some(Reverse((k, u))) = heap.pop() {
        let du = f64::from_bits(k);
        if du > dist[u] {
            continue;
        }
        let (c, rr) = ((u % w) as i64, (u / w) as i64);
        if (c as usize, rr as usize) == goal {
            return du;
        }
        for &(a, b, len) in &moves {
            let (nc, nr) = (c + a, rr + b);
            if nc < cols.start as i64
                || nc >= cols.end as i64
                || nr < rows.start as i64
                || nr >= rows.end as i64
            {
                continue;
            }
            let v = nr as usize * w + nc as usize;
            let nd = du + len;
            if nd < dist[v] && mask.clear((c as f64, rr as f64), (nc as f64, nr as f64)) {
                dist[v] = nd;
                heap.push(Reverse((nd.to_bits(), v)));
            }
        }
    }
    f64::INFINITY
}

#[test]
fn wadden_inlet_route_is_safe_and_near_shortest() {
    let Some(path) = shared_data("bathymetry/wadden_ameland_30m_utm31n.tif") else {
        return;
    };
    // Origin (633 820, 5 931 920), 30 m cells, EPSG:32631 (../shared/data/README.md).
    let grid = fathom::bathymetry::io::read(&path, &Default::default()).expect("the Wadden grid");
    assert_eq!(
        (
            grid.transform.origin_x,
            grid.transform.origin_y,
            grid.transform.dx
        ),
        (633_820.0, 5_931_920.0, 30.0)
    );
    // A shallow-draught workboat: 2.5 m draught and 0.5 m required clearance, planning at the
    // grid's datum (LAT). (At LAT the ebb-tidal delta has less than 4 m of water, so deeper
    // vessels cannot reach the inlet from the North Sea on this grid at all.)
    let need = 3.0;
    let mask = plan::depth_mask(&grid, need, 0.0, None);
    // From the North Sea (row 400, col 100) through the Vlie inlet channel to the Wadden side
    // (row 950, col 360): the island and the tidal flats lie between.
    let centre = |c: usize, r: usize| grid.transform.cell_center(c, r);
    let (from, to) = (centre(100, 400), centre(360, 950));
    let depth = |p: (f64, f64)| -(grid.sample_nearest(p.0, p.1).unwrap() as f64);
    assert!(depth(from) > need && depth(to) > need);
    let straight = (to.0 - from.0).hypot(to.1 - from.1);
    let p = plan::plan(&grid, &mask, need, 0.0, from, to, &fathom::progress::silent)
        .expect("a route through the inlet");
    assert!(
        p.length_m > straight * 1.05,
        "the route must go round the island: {} vs {straight}",
        p.length_m
    );
    assert!(p.shallowest_depth_m >= need, "{}", p.shallowest_depth_m);

    // Independent check: walk every segment in steps of 1/20 cell and look at the cell each
    // point falls in — none may be shallower than the need, or without data.
    let step = grid.transform.dx / 20.0;
    for w in p.points.windows(2) {
        let len = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
        let n = (len / step).ceil() as usize;
        for k in 0..=n {
            let t = k as f64 / n as f64;
            let q = (
                w[0].0 + t * (w[1].0 - w[0].0),
                w[0].1 + t * (w[1].1 - w[0].1),
            );
            let z = grid.sample_nearest(q.0, q.1).expect("inside, with data");
            assert!(-(z as f64) >= need, "cell at {q:?} is {} m deep", -z);
        }
    }

    // Within 2 % of the shortest path: the reference Dijkstra (every coprime move up to 6 cells,
    // 96 directions) in a window around the route, its length discounted by its open-water
    // excess so the bound errs against the planner.
    let (xs, ys): (Vec<f64>, Vec<f64>) = p.points.iter().copied().unzip();
    let (px0, py0) = grid.transform.to_pixel(
        xs.iter().cloned().fold(f64::INFINITY, f64::min),
        ys.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
    );
    let (px1, py1) = grid.transform.to_pixel(
        xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
        ys.iter().cloned().fold(f64::INFINITY, f64::min),
    );
    let margin = 40.0;
    let cols = (px0 - margin).max(0.0) as usize..((px1 + margin) as usize).min(grid.width);
    let rows = (py0 - margin).max(0.0) as usize..((py1 + margin) as usize).min(grid.height);
    let r = 6;
    let reference = reference_length(
        &mask,
        (100, 400),
        (360, 950),
        cols,
        rows,
        r,
        grid.transform.dx,
    );
    let eps = 1.0 / ((1.0f64 / r as f64).atan() / 2.0).cos() - 1.0;
    let shortest_bound = reference / (1.0 + eps);
    eprintln!(
        "planned {:.0} m ({} vertices), reference {reference:.0} m (≥ shortest ≥ {shortest_bound:.0} m), ratio {:.4}",
        p.length_m,
        p.points.len(),
        p.length_m / shortest_bound
    );
    assert!(
        p.length_m <= 1.02 * shortest_bound,
        "{} vs {shortest_bound}",
        p.length_m
    );
}
