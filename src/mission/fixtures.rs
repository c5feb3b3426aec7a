//! Test fixtures: contexts built from a mission and a grid made in code, without files.

use crate::bathymetry::{GeoTransform, Grid, reproject::reproject};
use crate::geodesy::{Crs, Transformer, utm_epsg};
use crate::mission::{CabinType, Context, Foundation, Mission, Site};

/// A `[[cabin_types]]` "box" (a 12 × 4 m gravity base) and one cabin `C1` of it at 122.2°E
/// 30.7°N, as mission-file TOML to append to a test mission.
pub const BOX_CABIN_TOML: &str = r#"
[[cabin_types]]
id = "box"
length_m = 12.0
width_m = 4.0
height_m = 4.0
mass_t = 300.0
displaced_volume_m3 = 150.0
foundation = "gravity-base"
max_slope_deg = 5.0
max_relief_m = 1.0
racks = 10
rack_kw = 10.0

[[cabins]]
id = "C1"
cabin_type = "box"
lon = 122.2
lat = 30.7
heading_deg = 30.0
"#;

/// A context as `Context::from_mission` builds it: the working CRS is the grid's own when
/// projected, else the UTM zone of its centre (the grid reprojected into it).
pub fn context(mission: Mission, grid: Grid) -> Context {
    let src = grid.crs.clone().expect("fixture grids carry a CRS");
    let working = if src.is_geographic() {
        let (x0, y0, x1, y1) = grid.extent();
        let (lon, lat) = Transformer::new(&src, &Crs::wgs84())
            .unwrap()
            .convert((x0 + x1) / 2.0, (y0 + y1) / 2.0)
            .unwrap();
        Crs::epsg(utm_epsg(lon, lat))
    } else {
        src.clone()
    };
    let grid = if working != src {
        reproject(&grid, &working).unwrap()
    } else {
        grid
    };
    Context {
        mission,
        path: "fixture.toml".into(),
        grid_path: "fixture.tif".into(),
        grid_source_crs: src,
        working_crs: working,
        grid: grid.into(),
    }
}

/// A flat seabed `depth` m deep, `n` × `n` cells of `cell` m, in UTM 31N with its north-west
/// corner at (640000, 5920000) (the Dutch Wadden Sea).
pub fn flat_grid(n: usize, cell: f64, depth: f32) -> Grid {
    let t = GeoTransform {
        origin_x: 640_000.0,
        origin_y: 5_920_000.0,
        dx: cell,
        dy: cell,
    };
    let mut g = Grid::filled(n, n, t, -depth);
    g.crs = Some(Crs::epsg(32631));
    g
}

/// A mission on a fixture grid with one rectangular gravity-base cabin type `box`.
pub fn mission(length: f64, width: f64) -> Mission {
    let mut m = Mission::new("fixture", Site::on_grid("fixture.tif"));
    m.cabin_types.push(CabinType {
        id: "box".into(),
        source: String::new(),
        length_m: Some(length),
        width_m: Some(width),
        diameter_m: None,
        height_m: 4.0,
        mass_t: 1300.0,
        displaced_volume_m3: 500.0,
        foundation: Foundation::GravityBase,
        max_slope_deg: 5.0,
        max_relief_m: 1.0,
        racks: 24,
        rack_kw: 20.0,
        drag: None,
        cooling: None,
    });
    m
}
