//! Planner speed: colouring one 512² tile, the CPU time of one frame of a mission on the demo
//! seabed and of the shipped demo mission (overlays and charts), and the longest frame while
//! panning across an 8192² grid (tiles loading meanwhile).
//!
//! `cargo bench --bench planner`. Frames run through egui_kittest's harness: the app's `ui()`,
//! layout and tessellation on the CPU, without a GPU (what the real window adds is the GL upload
//! and draw of the tessellated meshes).

use criterion::{Criterion, criterion_group};
use egui_kittest::Harness;
use fathom::app::raster::colour::Style;
use fathom::app::raster::pyramid::Pyramid;
use fathom::app::raster::tiles::{TileKey, render_tile};
use fathom::app::{FathomApp, LaunchOptions, jobs::Progress};
use fathom::bathymetry::{GeoTransform, Grid};
use fathom::geodesy::Crs;
use fathom::mission::{Context, Mission, Site};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A rolling synthetic seabed of `n`² cells of 10 m in UTM 31N.
fn grid(n: usize) -> Grid {
    let t = GeoTransform {
        origin_x: 600_000.0,
        origin_y: 5_900_000.0,
        dx: 10.0,
        dy: 10.0,
    };
    let mut g = Grid::filled(n, n, t, 0.0);
    for r in 0..n {
        for c in 0..n {
            g.data[r * n + c] = -30.0
                + 10.0 * ((c as f32 / 300.0).sin() * (r as f32 / 211.0).cos())
                - (c as f32 / n as f32) * 20.0;
        }
    }
    g.crs = Some(Crs::epsg(32631));
    g
}

fn context(g: Grid) -> Context {
    let crs = g.crs.clone().unwrap();
    let site = Site::on_grid("g.tif");
    Context {
        mission: Mission::new("bench", site),
        path: "bench.toml".into(),
        grid_path: "g.tif".into(),
        grid_source_crs: crs.clone(),
        working_crs: crs,
        grid: g.into(),
    }
}

fn harness(ctx: Context) -> Harness<'static, FathomApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(move |cc| {
            let mut app = FathomApp::new(cc, LaunchOptions::for_tests(None, vec![]));
            app.open_context(ctx);
            app
        });
    for _ in 0..3000 {
        h.step();
        let a = h.state();
        if a.doc.is_some()
            && !a.busy()
            && a.rt.analysis_job.is_none()
            && a.rt.tiles.as_ref().is_some_and(|t| t.settled())
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h
}

fn tiles(c: &mut Criterion) {
    let p = Pyramid::build(Arc::new(grid(1024)), &Progress::detached()).unwrap();
    let style = Style::for_range(p.min, p.max);
    c.bench_function("render_tile 512² with hillshade", |b| {
        b.iter(|| {
            render_tile(
                &p,
                TileKey {
                    level: 0,
                    tx: 0,
                    ty: 0,
                },
                &style,
            )
        })
    });
}

fn frames(c: &mut Criterion) {
    let mut h = harness(context(fathom::bathymetry::demo::generate()));
    c.bench_function("frame, demo seabed (CPU)", |b| b.iter(|| h.step()));
    // The demo mission as shipped: cabins, and whatever route, turbines and zones it holds, with
    // the chart panel showing its depth profile.
    let demo = Context::load(&fathom::cli::default_mission()).expect("the demo mission loads");
    let mut h = harness(demo);
    c.bench_function("frame, demo mission with overlays and charts (CPU)", |b| {
        b.iter(|| h.step())
    });
}

/// Pans 400 frames across an 8192² grid (40 pt per frame) and reports the longest frame.
fn pan_8192() {
    let mut h = harness(context(grid(8192)));
    h.state_mut().view.map.metres_per_point = 8.0;
    let mut longest = Duration::ZERO;
    let mut total = Duration::ZERO;
    for _ in 0..400 {
        h.state_mut().view.map.pan(egui::vec2(-40.0, -10.0));
        let t = Instant::now();
        h.step();
        let dt = t.elapsed();
        total += dt;
        longest = longest.max(dt);
        std::thread::sleep(Duration::from_millis(4));
    }
    println!(
        "pan across 8192² grid: longest frame {:.2} ms, mean {:.2} ms over 400 frames",
        longest.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3 / 400.0
    );
}

criterion_group!(benches, tiles, frames);

fn main() {
    benches();
    pan_8192();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
