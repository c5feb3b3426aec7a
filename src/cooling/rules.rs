//! Cooling findings for `fathom validate`, and the monthly PUE other modules use.

use super::{CoolingError, MONTHS, analyse};
use crate::finding::{Finding, ObjectRef};
use crate::mission::Context;

/// PUE of the whole data centre, January to December, when the mission has a cooling budget.
/// The wind module's supply-against-demand uses it in place of a single design PUE.
pub fn monthly_pue(ctx: &Context) -> Option<[f64; 12]> {
    analyse(ctx).ok().map(|r| r.monthly_pue)
}

/// `COOL-SUPPLY-TEMP` (coolant supply above the racks' limit in some month), `COOL-PUE` (annual
/// PUE above the target), `COOL-PLUME` (excess at the mixing-zone edge above the GB 3097 limit),
/// `COOL-INTERFERENCE` (an intake warmed by neighbours beyond `interference_limit_k`), and
/// `COOL-INPUT` when the budget cannot be computed.
pub fn check(ctx: &Context) -> Vec<Finding> {
    if ctx.mission.cooling.is_none() || ctx.mission.cabins.is_empty() {
        return Vec::new();
    }
    let report = match analyse(ctx) {
        Ok(r) => r,
        Err(e @ CoolingError::NoSection(_)) => {
            return vec![Finding::error("COOL-INPUT", e.to_string())];
        }
        Err(e) => {
            return vec![
                Finding::error("COOL-INPUT", e.to_string()).object(ObjectRef::field("cooling")),
            ];
        }
    };
    let mut out = Vec::new();
    let limit_interference = ctx
        .mission
        .cooling
        .as_ref()
        .map_or(0.5, |c| c.interference_limit_k);
    for k in &report.cabins {
        let object = ObjectRef::cabin(&k.cabin);
        let hot: Vec<_> = k
            .months
            .iter()
            .filter(|m| m.supply_temp_c > m.supply_limit_c + 1e-9)
            .collect();
        if let Some(worst) = hot
            .iter()
            .max_by(|a, b| a.supply_temp_c.total_cmp(&b.supply_temp_c))
        {
            out.push(
                Finding::error(
                    "COOL-SUPPLY-TEMP",
                    format!(
                        "coolant supply {:.1} °C in {} exceeds the racks' limit {:.1} °C (months over: {})",
                        worst.supply_temp_c,
                        MONTHS[worst.month - 1],
                        worst.supply_limit_c,
                        month_list(hot.iter().map(|m| m.month))
                    ),
                )
                .object(object.clone())
                .at(k.lon, k.lat),
            );
        }
        let over: Vec<_> = k
            .months
            .iter()
            .filter(|m| m.plume_excess_k > m.plume_limit_k + 1e-9)
            .collect();
        if let Some(first) = over.first() {
            out.push(
                Finding::error(
                    "COOL-PLUME",
                    format!(
                        "plume excess {:.2} K at the {:.0} m mixing-zone edge exceeds the limit {:.1} K (months over: {})",
                        first.plume_excess_k,
                        report.mixing_zone_m,
                        over.iter().map(|m| m.plume_limit_k).fold(f64::INFINITY, f64::min),
                        month_list(over.iter().map(|m| m.month))
                    ),
                )
                .object(object.clone())
                .at(k.lon, k.lat),
            );
        }
        if k.intake_warming_k > limit_interference {
            let by: Vec<String> = k
                .warmed_by
                .iter()
                .map(|(id, e)| format!("{id} +{e:.2} K"))
                .collect();
            out.push(
                Finding::warning(
                    "COOL-INTERFERENCE",
                    format!(
                        "intake warmed by {:.2} K by upstream plumes ({}), above {:.2} K; keep ≥ {:.0} m along the current",
                        k.intake_warming_k,
                        by.join(", "),
                        limit_interference,
                        k.plume.recommended_spacing_m
                    ),
                )
                .object(object.clone())
                .at(k.lon, k.lat),
            );
        }
    }
    if report.annual_pue > report.target_pue + 1e-9 {
        out.push(
            Finding::error(
                "COOL-PUE",
                format!(
                    "annual energy-weighted PUE {:.3} exceeds the target {:.3}",
                    report.annual_pue, report.target_pue
                ),
            )
            .object(ObjectRef::field("cooling")),
        );
    }
    out
}

fn month_list(months: impl Iterator<Item = usize>) -> String {
    months.map(|m| MONTHS[m - 1]).collect::<Vec<_>>().join(", ")
}
