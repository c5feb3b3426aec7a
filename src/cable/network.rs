//! The power and fibre networks the cables form: which cabins each cable feeds, each cabin's
//! facility demand, and cabins left without power or fibre.
//!
//! Sources are landing points (shore or substation) and wind turbines; cabins are loads. A cable
//! carries the demand of every cabin on its far side from the sources: removing the cable, the
//! cabins still joined to its cabin end through other power cables, without passing a source.

use crate::mission::{CableEnd, CablePurpose, Context, Mission};
use std::collections::HashMap;

/// Each cabin's facility power (kW): IT load × the highest monthly PUE of its cooling budget
/// ([`crate::cooling::analyse`]), else × `wind_farm.design_pue`, else the IT load alone.
pub fn cabin_demand_kw(ctx: &Context) -> HashMap<String, f64> {
    let m = &ctx.mission;
    let cooling = crate::cooling::analyse(ctx).ok();
    let design = m.wind_farm.as_ref().map(|w| w.design_pue);
    m.cabins
        .iter()
        .map(|c| {
            let it = m.cabin_type(&c.cabin_type).map_or(0.0, |t| t.it_load_kw());
            let pue = cooling
                .as_ref()
                .and_then(|r| r.cabins.iter().find(|k| k.cabin == c.id))
                .map(|k| k.months.iter().map(|mo| mo.pue).fold(1.0, f64::max))
                .or(design)
                .unwrap_or(1.0);
            (c.id.clone(), it * pue)
        })
        .collect()
}

fn is_source(e: &CableEnd) -> bool {
    !matches!(e, CableEnd::Cabin(_))
}

/// Cabins joined to `start` by cables of `purpose` other than cable `skip`, not passing through a
/// source; and whether a source was reached.
fn component(
    m: &Mission,
    purpose: CablePurpose,
    start: &str,
    skip: Option<usize>,
) -> (Vec<String>, bool) {
    let mut seen = vec![start.to_string()];
    let mut source = false;
    let mut i = 0;
    while i < seen.len() {
        let here = CableEnd::Cabin(seen[i].clone());
        for (j, c) in m.cables.iter().enumerate() {
            if Some(j) == skip || c.purpose != purpose {
                continue;
            }
            let other = if c.from == here {
                &c.to
            } else if c.to == here {
                &c.from
            } else {
                continue;
            };
            match other {
                CableEnd::Cabin(id) if !seen.contains(id) => seen.push(id.clone()),
                e if is_source(e) => source = true,
                _ => {}
            }
        }
        i += 1;
    }
    (seen, source)
}

/// The cabins cable `index` feeds (the side away from the sources).
pub fn fed_cabins(m: &Mission, index: usize) -> Vec<String> {
    let c = &m.cables[index];
    let side = |e: &CableEnd| match e {
        CableEnd::Cabin(id) => Some(component(m, c.purpose, id, Some(index))),
        _ => None,
    };
    match (side(&c.from), side(&c.to)) {
        (None, Some((cabins, _))) | (Some((cabins, _)), None) => cabins,
        // Between two cabins: it feeds the side that has no other way to a source.
        (Some((a, a_src)), Some((b, b_src))) => match (a_src, b_src) {
            (true, false) => b,
            (false, true) => a,
            _ => Vec::new(), // a ring or an island: no definite direction
        },
        (None, None) => Vec::new(),
    }
}

/// Cabins without a path to a source through power cables, and through fibre cables.
pub fn unconnected(m: &Mission) -> Vec<(String, CablePurpose)> {
    let mut out = Vec::new();
    for c in &m.cabins {
        for p in [CablePurpose::Power, CablePurpose::Fibre] {
            if !component(m, p, &c.id, None).1 {
                out.push((c.id.clone(), p));
            }
        }
    }
    out
}
