//! The report's sections, each built from the library functions the CLI and the planner use.

use super::{Block, Report, Section};
use crate::cooling::{self, MONTHS};
use crate::mission::Context;
use crate::validate;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Builds the report of a loaded mission. `generated_at` is the time stamp printed in the
/// provenance (pass `SOURCE_DATE_EPOCH` through for reproducible reports).
pub fn build(ctx: &Context, generated_at: chrono::DateTime<chrono::Utc>) -> Report {
    let m = &ctx.mission;
    let mut sections = vec![site(ctx), cabins(ctx)];
    sections.extend(cooling_section(ctx));
    sections.push(findings(ctx));
    sections.push(provenance(ctx, generated_at));
    Report {
        title: m.name.clone(),
        subtitle: if m.description.is_empty() {
            "Underwater data-centre deployment study".into()
        } else {
            m.description.clone()
        },
        sections,
    }
}

fn site(ctx: &Context) -> Section {
    let g = &ctx.grid;
    let (x0, y0, x1, y1) = g.extent();
    let stats = g.stats();
    let mut s = Section::new("site", "Site").text(format!(
        "Bathymetry {} ({} × {} cells of {:.1} m in the working CRS {} — {}), vertical datum {}, \
         planning level offset {:+.2} m.",
        ctx.mission.site.bathymetry.display(),
        g.width,
        g.height,
        g.transform.dx,
        ctx.working_crs,
        ctx.working_crs.name(),
        ctx.mission.site.vertical_datum,
        ctx.mission.site.tide_offset_m
    ));
    if let Some(st) = stats {
        s = s.text(format!(
            "Extent {:.0}–{:.0} E, {:.0}–{:.0} N; elevation {:.2} to {:.2} m (mean {:.2} m), {:.1} % of cells valid.",
            x0,
            x1,
            y0,
            y1,
            st.min,
            st.max,
            st.mean,
            100.0 * st.valid_cells as f64 / st.total_cells as f64
        ));
    }
    s
}

fn cabins(ctx: &Context) -> Section {
    let m = &ctx.mission;
    let rows = m
        .cabins
        .iter()
        .map(|c| {
            let depth = ctx
                .to_work(c.lon, c.lat)
                .ok()
                .and_then(|(x, y)| ctx.depth_at(x, y))
                .map_or("—".into(), |d| format!("{d:.1}"));
            let it = m.cabin_type(&c.cabin_type).map_or(0.0, |t| t.it_load_kw());
            vec![
                c.id.clone(),
                c.cabin_type.clone(),
                format!("{:.6}", c.lon),
                format!("{:.6}", c.lat),
                format!("{:.1}", c.heading_deg),
                depth,
                format!("{it:.0}"),
            ]
        })
        .collect();
    Section::new("cabins", "Cabins").table(
        &[
            "cabin",
            "type",
            "lon °",
            "lat °",
            "heading °",
            "depth m",
            "IT kW",
        ],
        rows,
    )
}

fn cooling_section(ctx: &Context) -> Option<Section> {
    ctx.mission.cooling.as_ref()?;
    let mut s = Section::new("cooling", "Cooling and plume");
    match cooling::analyse(ctx) {
        Err(e) => s = s.text(format!("The cooling budget could not be computed: {e}")),
        Ok(r) => {
            let rows = (0..12)
                .map(|mi| {
                    let flow: f64 = r.cabins.iter().map(|k| k.months[mi].flow_m3s).sum();
                    let pump: f64 = r.cabins.iter().map(|k| k.months[mi].pump_kw).sum();
                    let supply = r
                        .cabins
                        .iter()
                        .map(|k| k.months[mi].supply_temp_c)
                        .fold(f64::MIN, f64::max);
                    let plume = r
                        .cabins
                        .iter()
                        .map(|k| k.months[mi].plume_excess_k)
                        .fold(0.0, f64::max);
                    let first = r.cabins.first();
                    vec![
                        MONTHS[mi].to_string(),
                        first.map_or("—".into(), |k| format!("{:.1}", k.months[mi].sea_temp_c)),
                        format!("{flow:.3}"),
                        format!("{pump:.1}"),
                        format!("{supply:.1}"),
                        format!("{plume:.2}"),
                        first.map_or("—".into(), |k| {
                            format!("{:.1}", k.months[mi].plume_limit_k)
                        }),
                        format!("{:.3}", r.monthly_pue[mi]),
                    ]
                })
                .collect();
            s = s
                .text(format!(
                    "Annual energy-weighted PUE {:.3} against a target of {:.3}. Plumes evaluated at a {:.2} m/s current at the {:.0} m mixing-zone edge.",
                    r.annual_pue, r.target_pue, r.plume_current_ms, r.mixing_zone_m
                ))
                .table(
                    &["month", "sea °C", "flow m³/s", "pumps kW", "max supply °C", "plume K", "limit K", "PUE"],
                    rows,
                );
        }
    }
    Some(s)
}

fn findings(ctx: &Context) -> Section {
    let mut s = Section::new("findings", "Findings");
    s.blocks.push(Block::Findings(validate::validate(ctx)));
    s
}

fn provenance(ctx: &Context, generated_at: chrono::DateTime<chrono::Utc>) -> Section {
    let rows = [
        ("mission", ctx.path.as_path()),
        ("bathymetry", ctx.grid_path.as_path()),
    ]
    .into_iter()
    .map(|(role, p)| vec![role.to_string(), p.display().to_string(), sha256(p)])
    .collect();
    Section::new("provenance", "Provenance")
        .text(format!(
            "Generated by fathom {} on {} UTC.",
            env!("CARGO_PKG_VERSION"),
            generated_at.format("%Y-%m-%d %H:%M:%S")
        ))
        .table(&["input", "file", "SHA-256"], rows)
}

fn sha256(path: &Path) -> String {
    match std::fs::read(path) {
        Ok(bytes) => format!("{:x}", Sha256::digest(&bytes)),
        Err(e) => format!("unreadable: {e}"),
    }
}
