//! The report's sections, each built from the library functions the CLI and the planner use.
//! Every section is always present; one the mission has no data for says so in one line.

use super::{Block, Report, Section, cables, campaign, energy, operations};
use crate::finding::{Finding, ObjectRef, Severity};
use crate::mission::Context;
use crate::render;
use crate::siting::{self, Footprint, Shape, footprint_stats};
use crate::validate;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Width of the site map without its legend (px).
const MAP_WIDTH_PX: usize = 880;

/// Builds the report of a loaded mission. `generated_at` is the time stamp printed in the
/// provenance (pass `SOURCE_DATE_EPOCH` through for reproducible reports).
pub fn build(ctx: &Context, generated_at: chrono::DateTime<chrono::Utc>) -> Report {
    let m = &ctx.mission;
    let findings = validate::validate(ctx);
    let sections = vec![
        site(ctx),
        cabins(ctx, &findings),
        operations::route(ctx),
        operations::lift(ctx),
        operations::weather(ctx),
        campaign::campaign(ctx),
        energy::wind(ctx),
        energy::cooling(ctx),
        cables::cables(ctx, &findings),
        findings_section(findings),
        provenance(ctx, generated_at),
    ];
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
    if let Some(st) = g.stats() {
        s = s.text(format!(
            "Extent {x0:.0}–{x1:.0} E, {y0:.0}–{y1:.0} N; elevation {:.2} to {:.2} m (mean {:.2} m), {:.1} % of cells valid.",
            st.min,
            st.max,
            st.mean,
            100.0 * st.valid_cells as f64 / st.total_cells as f64
        ));
    }
    let map = render::site_map(ctx, MAP_WIDTH_PX);
    let mut caption = format!(
        "Site map in {} ({}), grid north up. Seabed coloured by depth at the planning level with hillshade (sun from the north-west)",
        ctx.working_crs,
        ctx.working_crs.name()
    );
    if let Some(i) = map.contour_interval_m {
        caption += &format!("; isobaths every {i} m, every fifth darker");
    }
    caption.push('.');
    for note in &map.notes {
        caption += &format!(" Note: {note}.");
    }
    s.blocks.push(Block::Svg {
        svg: map.svg,
        caption,
    });
    s
}

fn cabins(ctx: &Context, findings: &[Finding]) -> Section {
    let m = &ctx.mission;
    let s = Section::new("cabins", "Cabins");
    if m.cabins.is_empty() {
        return s.text("No cabins in this mission.");
    }
    let site = siting::SiteModel::from_context(ctx).ok();
    let rows = m
        .cabins
        .iter()
        .map(|c| {
            let t = m.cabin_type(&c.cabin_type);
            let xy = ctx.to_work(c.lon, c.lat).ok();
            let depth = xy
                .and_then(|(x, y)| ctx.depth_at(x, y))
                .map_or("—".into(), |d| format!("{d:.1}"));
            let stats = match (&site, t, xy) {
                (Some(site), Some(t), Some((x, y))) => {
                    siting::footprint::convergence_deg(ctx, c.lon, c.lat)
                        .ok()
                        .map(|conv| {
                            let fp = Footprint {
                                x,
                                y,
                                grid_heading_deg: c.heading_deg + conv,
                                shape: Shape::of(t),
                            };
                            footprint_stats(&fp, &ctx.grid, &site.slope_deg, site.tide_offset_m)
                        })
                }
                _ => None,
            };
            let f2 = |v: Option<f64>| {
                v.filter(|v| v.is_finite())
                    .map_or("—".into(), |v| format!("{v:.2}"))
            };
            let object = ObjectRef::cabin(&c.id);
            let mut codes: Vec<&str> = findings
                .iter()
                .filter(|f| f.concerns(&object))
                .filter(|f| f.severity != Severity::Info)
                .map(|f| f.code.as_str())
                .collect();
            codes.dedup();
            vec![
                c.id.clone(),
                c.cabin_type.clone(),
                format!("{:.6}", c.lon),
                format!("{:.6}", c.lat),
                format!("{:.1}", c.heading_deg),
                depth,
                stats.map_or("—".into(), |s| {
                    if s.min_depth_m.is_finite() {
                        format!("{:.1}–{:.1}", s.min_depth_m, s.max_depth_m)
                    } else {
                        "—".into()
                    }
                }),
                f2(stats.map(|s| s.max_slope_deg)),
                f2(stats.map(|s| s.relief_m)),
                format!("{:.0}", t.map_or(0.0, |t| t.it_load_kw())),
                if codes.is_empty() {
                    "pass".into()
                } else {
                    codes.join(", ")
                },
            ]
        })
        .collect();
    s.text(
        "Depth at the cabin centre and over the footprint at the planning level; slope is the steepest Horn slope and relief the highest minus lowest seabed under the footprint. Checks lists the codes of the warnings and errors for the cabin (see Findings).",
    )
    .table(
        &[
            "cabin",
            "type",
            "lon °",
            "lat °",
            "heading °",
            "depth m",
            "footprint depth m",
            "slope °",
            "relief m",
            "IT kW",
            "checks",
        ],
        rows,
    )
}

fn findings_section(findings: Vec<Finding>) -> Section {
    let (e, w) = (
        findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
    );
    let mut s = Section::new("findings", "Findings").text(format!(
        "{} finding(s): {e} error(s), {w} warning(s), {} note(s), from every validation rule of fathom.",
        findings.len(),
        findings.len() - e - w
    ));
    s.blocks.push(Block::Findings(findings));
    s
}

/// Every input file of the mission with its role.
fn inputs(ctx: &Context) -> Vec<(String, PathBuf)> {
    let m = &ctx.mission;
    let mut v = vec![
        ("mission".to_string(), ctx.path.clone()),
        ("bathymetry".to_string(), ctx.grid_path.clone()),
    ];
    if let Some(p) = m.metocean.as_ref().and_then(|x| x.series_csv.as_ref()) {
        v.push(("metocean series".into(), ctx.resolve(p)));
    }
    if let Some(p) = m.lift.as_ref().and_then(|l| l.alpha_table.as_ref()) {
        v.push(("alpha-factor table".into(), ctx.resolve(p)));
    }
    if let Some(w) = &m.wind_farm {
        let builtin = crate::wind::turbine::BUILTIN
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(&w.turbine));
        if !builtin {
            v.push(("turbine curve".into(), ctx.resolve(Path::new(&w.turbine))));
        }
        if let Some(p) = &w.resource.timeseries {
            v.push(("wind time series".into(), ctx.resolve(p)));
        }
    }
    for z in &m.exclusion_zones {
        if let Some(p) = &z.geojson {
            v.push((format!("zone {}", z.id), ctx.resolve(p)));
        }
    }
    v
}

fn provenance(ctx: &Context, generated_at: chrono::DateTime<chrono::Utc>) -> Section {
    let mut rows: Vec<Vec<String>> = inputs(ctx)
        .into_iter()
        .map(|(role, p)| vec![role, p.display().to_string(), sha256_file(&p)])
        .collect();
    if let Some(w) = &ctx.mission.wind_farm
        && let Some((name, text)) = crate::wind::turbine::BUILTIN
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&w.turbine))
    {
        rows.push(vec![
            "turbine curve".into(),
            format!("assets/turbines/{name}.csv (built into fathom)"),
            format!("{:x}", Sha256::digest(text.as_bytes())),
        ]);
    }
    Section::new("provenance", "Provenance")
        .text(format!(
            "Generated by fathom {} on {} UTC. SHA-256 of every input, so a reader can tell whether the files they hold are the ones this report was made from.",
            env!("CARGO_PKG_VERSION"),
            generated_at.format("%Y-%m-%d %H:%M:%S")
        ))
        .table(&["input", "file", "SHA-256"], rows)
}

/// Streams the file through SHA-256 (inputs may be gigabytes); a FIFO or device is not hashed,
/// so the report cannot block on it or read forever.
fn sha256_file(path: &Path) -> String {
    let hash = || -> std::io::Result<String> {
        if !std::fs::metadata(path)?.is_file() {
            return Ok("not a regular file".into());
        }
        let mut hasher = Sha256::new();
        std::io::copy(&mut std::fs::File::open(path)?, &mut hasher)?;
        Ok(format!("{:x}", hasher.finalize()))
    };
    hash().unwrap_or_else(|e| format!("unreadable: {e}"))
}
