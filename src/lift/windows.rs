//! Weather windows of weather-restricted operations (DNV-ST-N001 sec. 2.6): periods in which every
//! limit holds for the whole reference period T_R = T_POP + T_C, with the Hs limit reduced to the
//! forecast limit α·Hs_design; operability per calendar month; waiting on weather.
//!
//! Each record stands for the interval [t, t + step). An operation can start at a record when
//! that record and the ⌈T_R / step⌉ − 1 records after it all meet the limits with no gap between
//! them. A window is a maximal run of such records that is at least T_R long; it ends one step
//! after its last record (so a window can end exactly at the series' end). Operability of a month
//! is the share of its records at which the operation can start. The wait for a start requested
//! at a record is the time to the next record at which it can start (0 when it can start at
//! once); requests with no later start in the series are counted as censored and left out, and
//! so are records whose reference period would run past the series' end: they are neither
//! operable nor not operable (left out of the month's records and counted as censored).
//! P50/P90 are percentiles of the waits of a month's requests (linear between order statistics,
//! Hyndman & Fan type 7).

use super::alpha::{AlphaTable, MAX_T_POP_H};
use crate::metocean::Series;
use crate::mission::{Context, Operation};
use chrono::Datelike;
use serde::Serialize;

/// The limits of an operation as applied to the series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppliedLimits {
    /// The operation's name.
    pub name: String,
    /// Planned operation duration T_POP (h).
    pub t_pop_h: f64,
    /// Reference period T_R = T_POP + T_C (h).
    pub t_r_h: f64,
    /// DNV-ST-N001 α factor for T_POP and Hs_design, from the alpha table.
    pub alpha: f64,
    /// Design Hs limit of the operation (m).
    pub hs_design_m: f64,
    /// Forecast Hs limit α·Hs_design (m).
    pub hs_forecast_m: f64,
    /// Wind speed limit (m/s), against the series' `wind_ms` column.
    pub wind_max_ms: Option<f64>,
    /// Current speed limit (m/s), against the series' `current_ms` column.
    pub current_max_ms: Option<f64>,
    /// T_POP ≤ 72 h (DNV-ST-N001 sec. 2.6.7.1); otherwise extreme-value statistics apply and the
    /// windows are indicative only.
    pub weather_restricted: bool,
}

impl AppliedLimits {
    /// Applies the alpha table to an operation's design limits.
    pub fn new(op: &Operation, table: &AlphaTable) -> Self {
        let alpha = table.alpha(op.duration_h, op.hs_max_m);
        AppliedLimits {
            name: op.name.clone(),
            t_pop_h: op.duration_h,
            t_r_h: op.reference_period_h(),
            alpha,
            hs_design_m: op.hs_max_m,
            hs_forecast_m: alpha * op.hs_max_m,
            wind_max_ms: op.wind_max_ms,
            current_max_ms: op.current_max_ms,
            weather_restricted: op.duration_h <= MAX_T_POP_H,
        }
    }

    /// Refuses a series that lacks a variable the operation is limited by, naming both.
    pub fn check_series(&self, s: &Series) -> Result<(), String> {
        for (limit, var, have) in [
            (self.wind_max_ms, "wind_ms", s.wind_ms.is_some()),
            (self.current_max_ms, "current_ms", s.current_ms.is_some()),
        ] {
            if limit.is_some() && !have {
                return Err(format!(
                    "operation `{}` is limited by {var} but the metocean series has no {var} column: expected one (or drop the limit)",
                    self.name
                ));
            }
        }
        Ok(())
    }

    /// Whether record `i` meets the limits (a variable the series lacks is not checked:
    /// [`Self::check_series`] refuses that case first).
    pub fn holds(&self, s: &Series, i: usize) -> bool {
        s.hs_m[i] <= self.hs_forecast_m
            && self
                .wind_max_ms
                .is_none_or(|w| s.wind_ms.as_ref().is_none_or(|v| v[i] <= w))
            && self
                .current_max_ms
                .is_none_or(|c| s.current_ms.as_ref().is_none_or(|v| v[i] <= c))
    }
}

/// A weather window (Unix seconds, UTC).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Window {
    /// Start of the window (Unix s): the first record at which the operation can start.
    pub start_s: i64,
    /// End of the window (Unix s): one step after its last record.
    pub end_s: i64,
    /// Length of the window (h).
    pub hours: f64,
}

/// Statistics for one calendar month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthStats {
    /// 1 = January.
    pub month: u32,
    /// Records of the month, less those whose reference period runs past the series' end.
    pub records: usize,
    /// Records at which the operation can start.
    pub starts: usize,
    /// starts / records; `None` for a month without records.
    pub operability: Option<f64>,
    /// Median wait for a start of the month's requests (h; type-7 percentile).
    pub wait_p50_h: Option<f64>,
    /// 90th-percentile wait of the month's requests (h).
    pub wait_p90_h: Option<f64>,
    /// Mean waiting on weather of the month's requests (h).
    pub wait_mean_h: Option<f64>,
    /// Requests left out: no start later in the series, or a reference period that would run
    /// past the series' end.
    pub censored: usize,
}

/// Windows and statistics of one operation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperationWindows {
    /// The limits as applied to the series.
    pub limits: AppliedLimits,
    /// Consecutive records a start needs: ⌈T_R / step⌉.
    pub records_needed: usize,
    /// Every weather window in time order.
    pub windows: Vec<Window>,
    /// Share of all records at which the operation can start.
    pub operability: f64,
    /// All twelve calendar months, January first (a month without records has no operability).
    pub months: Vec<MonthStats>,
}

/// Calendar month (1–12) of each record.
pub fn months_of(s: &Series) -> Vec<u8> {
    s.time_s
        .iter()
        .map(|t| {
            chrono::DateTime::from_timestamp(*t, 0)
                .map(|d| d.month() as u8)
                .unwrap_or(0)
        })
        .collect()
}

/// The weather windows of every `[[lift.operations]]` of a mission over its metocean series
/// (`metocean.series_csv`), with the mission's α-factor table or the default: what the report's
/// weather section and the planner's weather chart show. `Err` says in a sentence what is missing
/// or could not be read; `Ok` also returns the series it used.
pub fn of_mission(ctx: &Context) -> Result<(Series, Vec<OperationWindows>), String> {
    let m = &ctx.mission;
    let Some(plan) = m.lift.as_ref().filter(|p| !p.operations.is_empty()) else {
        return Err("No [[lift.operations]] in this mission to find weather windows for.".into());
    };
    let table = match &plan.alpha_table {
        Some(p) => super::alpha::read(&ctx.resolve(p))
            .map_err(|e| format!("The alpha-factor table could not be read: {e}"))?,
        None => super::alpha::default_table(),
    };
    let series = match crate::metocean::of_mission(m, ctx.dir(), None, None) {
        Ok(Some((_, s))) => s,
        Ok(None) => {
            return Err("No metocean time series in this mission (metocean.series_csv).".into());
        }
        Err(e) => return Err(format!("The metocean series could not be read: {e}")),
    };
    let months = months_of(&series);
    let mut ops = Vec::new();
    for op in &plan.operations {
        let limits = AppliedLimits::new(op, &table);
        limits.check_series(&series)?;
        ops.push(analyse(&series, &months, limits));
    }
    Ok((series, ops))
}

/// Finds the windows of one operation. `months` is [`months_of`] of the series.
pub fn analyse(s: &Series, months: &[u8], limits: AppliedLimits) -> OperationWindows {
    let n = s.time_s.len();
    let step = s.step_s;
    let need = records_needed(limits.t_r_h, step);
    let run = runs(s, |i| limits.holds(s, i));
    let end_s = s.time_s.last().map_or(0, |t| t + step);
    let mut windows = Vec::new();
    let mut i = 0;
    while i < n {
        if run[i] > 0 && (i == 0 || run[i - 1] == 0 || s.time_s[i] - s.time_s[i - 1] != step) {
            if run[i] >= need {
                let last = i + run[i] - 1;
                let end = s.time_s[last] + step;
                windows.push(Window {
                    start_s: s.time_s[i],
                    end_s: end,
                    hours: (end - s.time_s[i]) as f64 / 3600.0,
                });
            }
            i += run[i];
        } else {
            i += 1;
        }
    }
    // Waits: time from each record to the next record at which a start is possible.
    let mut waits: Vec<Vec<f64>> = vec![Vec::new(); 12];
    let mut stats: Vec<MonthStats> = (1..=12)
        .map(|m| MonthStats {
            month: m,
            records: 0,
            starts: 0,
            operability: None,
            wait_p50_h: None,
            wait_p90_h: None,
            wait_mean_h: None,
            censored: 0,
        })
        .collect();
    let mut next_start: Option<i64> = None;
    let mut total_starts = 0;
    for i in (0..n).rev() {
        let can = run[i] >= need;
        if can {
            next_start = Some(s.time_s[i]);
            total_starts += 1;
        }
        let Some(m) = months[i].checked_sub(1).map(usize::from) else {
            continue;
        };
        let st = &mut stats[m];
        if s.time_s[i] + need as i64 * step > end_s {
            st.censored += 1;
            continue;
        }
        st.records += 1;
        st.starts += usize::from(can);
        match next_start {
            Some(t) => waits[m].push((t - s.time_s[i]) as f64 / 3600.0),
            None => st.censored += 1,
        }
    }
    for (st, w) in stats.iter_mut().zip(waits.iter_mut()) {
        if st.records > 0 {
            st.operability = Some(st.starts as f64 / st.records as f64);
        }
        w.sort_by(f64::total_cmp);
        st.wait_p50_h = percentile(w, 0.5);
        st.wait_p90_h = percentile(w, 0.9);
        st.wait_mean_h = (!w.is_empty()).then(|| w.iter().sum::<f64>() / w.len() as f64);
    }
    OperationWindows {
        limits,
        records_needed: need,
        windows,
        operability: if n > 0 {
            total_starts as f64 / n as f64
        } else {
            0.0
        },
        months: stats,
    }
}

/// Consecutive records a start needs: ⌈T_R / step⌉ (at least one).
pub fn records_needed(t_r_h: f64, step_s: i64) -> usize {
    ((t_r_h * 3600.0 / step_s as f64).ceil() as usize).max(1)
}

/// The window engine shared by the weather windows and the campaign: the length of the run of
/// contiguous records meeting `holds` that starts at each record (0 where it fails; a gap in the
/// series ends a run, so gaps are never workable).
pub fn runs(s: &Series, holds: impl Fn(usize) -> bool) -> Vec<usize> {
    let n = s.time_s.len();
    let mut run = vec![0usize; n];
    for i in (0..n).rev() {
        if holds(i) {
            let next = if i + 1 < n && s.time_s[i + 1] - s.time_s[i] == s.step_s {
                run[i + 1]
            } else {
                0
            };
            run[i] = 1 + next;
        }
    }
    run
}

/// Percentile `p` (0–1) of sorted values, linear between order statistics (type 7).
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metocean::parse;
    use std::path::Path;

    fn limits(t_r_h: f64, hs: f64) -> AppliedLimits {
        AppliedLimits {
            name: "op".into(),
            t_pop_h: t_r_h / 2.0,
            t_r_h,
            alpha: 1.0,
            hs_design_m: hs,
            hs_forecast_m: hs,
            wind_max_ms: Some(15.0),
            current_max_ms: None,
            weather_restricted: true,
        }
    }

    /// Hourly series from 2025-03-01T00:00Z with the given Hs; `skip` hours left out (gaps).
    fn series(hs: &[f64], skip: &[usize]) -> Series {
        let mut text = String::from("time_utc,hs_m,tp_s,wind_ms,current_ms\n");
        for (h, v) in hs.iter().enumerate() {
            if !skip.contains(&h) {
                let t = 1_740_787_200 + h as i64 * 3600;
                let d = chrono::DateTime::from_timestamp(t, 0).unwrap();
                text += &format!("{},{v},7,5,0.2\n", d.to_rfc3339());
            }
        }
        parse(&text, Path::new("t.csv"), None).unwrap()
    }

    #[test]
    fn hand_made_series_with_a_gap_and_a_window_at_the_end() {
        // Hours 0–11. Good (Hs ≤ 1.5) at 0–3, 5–6, 8–11; hour 7 missing (gap) though calm.
        //           0    1    2    3    4    5    6    7    8    9    10   11
        let hs = [1.0, 1.0, 1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
        let s = series(&hs, &[7]);
        assert_eq!(s.gaps.len(), 1);
        let w = analyse(&s, &months_of(&s), limits(4.0, 1.5));
        let t0 = 1_740_787_200;
        assert_eq!(w.records_needed, 4);
        // Hours 0–3 (ends at 04:00) and 8–11, ending exactly at the series' end (12:00). Hours
        // 5–7 are calm but cut by the gap, so no window there.
        assert_eq!(
            w.windows,
            vec![
                Window {
                    start_s: t0,
                    end_s: t0 + 4 * 3600,
                    hours: 4.0
                },
                Window {
                    start_s: t0 + 8 * 3600,
                    end_s: t0 + 12 * 3600,
                    hours: 4.0
                },
            ]
        );
        // Starts possible at hours 0 and 8 only; hours 9–11 are censored (their 4-h reference
        // period would run past the series' end at 12:00), leaving 8 records.
        assert_eq!(w.months[2].starts, 2);
        assert_eq!(w.months[2].records, 8);
        assert_eq!(w.months[2].operability, Some(0.25));
        // Waits (h) for requests at hours 0,1,2,3,4,5,6,8: 0,7,6,5,4,3,2,0.
        assert_eq!(w.months[2].censored, 3);
        assert_eq!(w.months[2].wait_p50_h, Some(3.5));
        assert_eq!(w.months[2].wait_mean_h, Some(27.0 / 8.0));
        // A 5-hour reference period fits nowhere.
        assert!(
            analyse(&s, &months_of(&s), limits(5.0, 1.5))
                .windows
                .is_empty()
        );
    }

    #[test]
    fn long_synthetic_series_matches_the_exceedance_fraction() {
        // i.i.d. Hs uniform on [0, 3) m from a fixed LCG: P(Hs ≤ 2.1) = 0.7. A start needs three
        // good hours in a row: operability → 0.7³ = 0.343; with one hour, 0.7.
        let n = 120_000;
        let mut x: u64 = 42;
        let hs: Vec<f64> = (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                3.0 * ((x >> 11) as f64 / (1u64 << 53) as f64)
            })
            .collect();
        let s = Series {
            time_s: (0..n as i64).map(|i| i * 3600).collect(),
            wind_ms: Some(vec![5.0; n]),
            tp_s: Some(vec![7.0; n]),
            tp_from_tz: false,
            current_ms: Some(vec![0.1; n]),
            hs_m: hs,
            tide_m: None,
            step_s: 3600,
            gaps: Vec::new(),
        };
        let m = months_of(&s);
        let one = analyse(&s, &m, limits(1.0, 2.1));
        assert!((one.operability - 0.7).abs() < 0.005, "{}", one.operability);
        let three = analyse(&s, &m, limits(3.0, 2.1));
        assert!(
            (three.operability - 0.343).abs() < 0.006,
            "{}",
            three.operability
        );
        // Geometric waiting for a 1-h start: P(wait ≥ k h) = 0.3^k, so P50 = 0 and P90 = 1 h
        // (0.3^1 = 0.3 > 0.1 ≥ 0.3^2).
        let jan = &one.months[0];
        assert_eq!(jan.wait_p50_h, Some(0.0));
        assert_eq!(jan.wait_p90_h, Some(1.0));
    }

    #[test]
    fn percentiles() {
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(percentile(&[0.0, 10.0], 0.9), Some(9.0));
        assert_eq!(percentile(&[1.0, 2.0, 3.0], 0.5), Some(2.0));
    }
}
