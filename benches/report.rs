//! The mission report of the demo mission: loading, building every section (site map, route,
//! lift, weather, wind, cooling, validation, hashes) and rendering the HTML — what
//! `fathom report missions/demo.toml -o demo.html` does. Issue #9 asks for under 2 s.
//!
//! Reproduce from the command line: `time fathom report missions/demo.toml -o /tmp/r.html`.

use criterion::{Criterion, criterion_group, criterion_main};
use fathom::mission::Context;
use std::hint::black_box;
use std::path::Path;

fn report(c: &mut Criterion) {
    let mission = Path::new(env!("CARGO_MANIFEST_DIR")).join("missions/demo.toml");
    let when = chrono::DateTime::from_timestamp(0, 0).expect("epoch");
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.bench_function("demo_html", |b| {
        b.iter(|| {
            let ctx = Context::load(&mission).expect("demo mission loads");
            let doc = fathom::report::build(&ctx, when);
            black_box(fathom::report::to_html(&doc))
        })
    });
    let ctx = Context::load(&mission).expect("demo mission loads");
    g.bench_function("demo_site_map", |b| {
        b.iter(|| black_box(fathom::render::site_map(&ctx, 880)))
    });
    g.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
