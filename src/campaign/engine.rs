//! The campaign simulation: a discrete-event run through the hourly metocean series from one
//! start time, the hindcast method of ESOX, ORBIT and CycleSim (domain-reference §9).
//!
//! The series becomes a dense timeline of steps from its first record; a step without a record
//! (a gap) is never workable. Each operation is either
//! - **weather-restricted** (not splittable): it starts at the first step, at or after the
//!   moment it is ready, from which the limits (Hs reduced by α) hold for its whole reference
//!   period T_R = T_POP + T_C — the run-length engine of [`crate::lift::windows::runs`], the
//!   same one the weather windows use — and then takes T_POP;
//! - **splittable**: it works in every step whose design limits hold and pauses otherwise,
//!   until T_POP of work is done;
//! - not weather limited (no limit at all): it takes T_POP.
//!
//! A daylight-only operation treats the hours between sunset and sunrise like weather beyond
//! its limits: a splittable one pauses overnight, a weather-restricted one needs T_R within one
//! day's daylight (so a T_R longer than the day never fits and the run is censored).
//!
//! Durations are whole steps (rounded up). The time between ready and done, less T_POP, is the
//! operation's waiting on weather. A run that cannot finish before the series ends is censored.

use crate::lift::windows::{records_needed, runs};
use crate::metocean::Series;

/// The limits an operation is held to (as applied: Hs already times α for weather-restricted
/// operations).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Limits {
    /// Largest significant wave height (m), α applied for weather-restricted operations.
    pub hs_m: Option<f64>,
    /// Largest wind speed (m/s), against the series' `wind_ms` column.
    pub wind_ms: Option<f64>,
    /// Largest current speed (m/s), against the series' `current_ms` column.
    pub current_ms: Option<f64>,
    /// Largest peak period Tp (s), against the series' `tp_s` column.
    pub tp_max_s: Option<f64>,
    /// Daylight only, at this (latitude, longitude) (°): a record is workable when the sun is up
    /// over its whole interval ([`crate::solar::is_daylight`]).
    pub daylight: Option<(f64, f64)>,
}

impl Limits {
    fn holds(&self, s: &Series, i: usize) -> bool {
        let le = |lim: Option<f64>, v: &Option<Vec<f64>>| {
            lim.is_none_or(|l| v.as_ref().is_none_or(|v| v[i] <= l))
        };
        self.hs_m.is_none_or(|h| s.hs_m[i] <= h)
            && le(self.wind_ms, &s.wind_ms)
            && le(self.current_ms, &s.current_ms)
            && le(self.tp_max_s, &s.tp_s)
            && self.daylight.is_none_or(|(lat, lon)| {
                let t = s.time_s[i];
                crate::solar::is_daylight(lat, lon, t, t + s.step_s)
            })
    }

    /// Whether any limit applies (else the operation just takes its time).
    fn any(&self) -> bool {
        self.hs_m.is_some()
            || self.wind_ms.is_some()
            || self.current_ms.is_some()
            || self.tp_max_s.is_some()
            || self.daylight.is_some()
    }

    /// Refuses a series that lacks a limited variable, naming the operation and the variable.
    pub fn check_series(&self, op: &str, s: &Series) -> Result<(), String> {
        for (lim, var, have) in [
            (self.wind_ms, "wind_ms", s.wind_ms.is_some()),
            (self.current_ms, "current_ms", s.current_ms.is_some()),
            (self.tp_max_s, "tp_s", s.tp_s.is_some()),
        ] {
            if lim.is_some() && !have {
                return Err(format!(
                    "operation `{op}` is limited by {var} but the metocean series has no {var} column: expected one (or drop the limit)"
                ));
            }
        }
        Ok(())
    }
}

/// An operation type as the engine runs it: a name and the limits it is held to. Steps of one
/// operation whose α differs (their planned durations fall in different T_POP classes) are
/// separate types of the same name.
#[derive(Clone, Debug, PartialEq)]
pub struct OpType {
    /// The operation's name in results: its kind (`lift`, `cable_lay`…) for a mission's campaign.
    pub name: String,
    /// The limits every step of this type is held to.
    pub limits: Limits,
    /// Pauses when the limits fail and resumes later (else it needs T_R of workable weather at
    /// once).
    pub splittable: bool,
}

/// One step of a sequence: an operation type (index) with its own planned duration T_POP (h),
/// reference period T_R = T_POP + T_C (h, for weather-restricted operations) and a label.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Index of the operation type in the engine's [`OpType`] list.
    pub op: usize,
    /// Planned duration T_POP (h).
    pub duration_h: f64,
    /// Reference period T_R = T_POP + T_C (h); only weather-restricted operations use it.
    pub reference_h: f64,
    /// What the step is for in results: from a mission, the cabin it serves (a trip's first cabin
    /// for load-out and transit, its last for the return), then the cable id for cable work.
    pub label: String,
}

/// What happened to one step in a run (times in Unix seconds).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StepRun {
    /// Index of the operation type in the engine's [`OpType`] list.
    pub op: usize,
    /// The step's label, from [`Step::label`].
    pub label: String,
    /// When the previous step finished and this one could begin (Unix s, on a series step).
    pub ready_s: i64,
    /// When work started (Unix s): the first workable step at or after ready.
    pub start_s: i64,
    /// When the step finished (Unix s).
    pub end_s: i64,
    /// Time spent waiting on weather: ready to end, less the planned duration (h).
    pub wait_h: f64,
}

/// One simulated campaign.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Start time asked for (Unix s).
    pub start_s: i64,
    /// When the last step finished (Unix s).
    pub finish_s: i64,
    /// Every step in sequence order.
    pub steps: Vec<StepRun>,
}

impl Run {
    /// Time from the requested start to the finish (h).
    pub fn duration_h(&self) -> f64 {
        (self.finish_s - self.start_s) as f64 / 3600.0
    }
}

/// Per operation type: what the engine looks up in O(1) or O(log n).
struct Prepared {
    /// Run of workable steps starting at each step (dense timeline).
    run: Vec<u32>,
    /// Workable steps before each step (prefix count, length n + 1).
    cum: Vec<u32>,
    weather: bool,
}

/// The series prepared for many runs.
pub struct Engine {
    t0: i64,
    step: i64,
    n: usize,
    ops: Vec<OpType>,
    prep: Vec<Prepared>,
}

impl Engine {
    /// Prepares the timeline of `s` for the operation types `ops` (a series lacking a limited
    /// variable is refused).
    pub fn new(s: &Series, ops: Vec<OpType>) -> Result<Self, String> {
        for op in &ops {
            op.limits.check_series(&op.name, s)?;
        }
        let step = s.step_s.max(1);
        let t0 = s.time_s.first().copied().unwrap_or(0);
        let n = s
            .time_s
            .last()
            .map_or(0, |t| ((t - t0) / step) as usize + 1);
        let slot: Vec<usize> = s
            .time_s
            .iter()
            .map(|t| ((t - t0) / step) as usize)
            .collect();
        let prep = ops
            .iter()
            .map(|op| {
                let weather = op.limits.any();
                let r = runs(s, |i| op.limits.holds(s, i));
                let mut run = vec![0u32; n];
                for (i, &k) in slot.iter().enumerate() {
                    run[k] = r[i] as u32;
                }
                let mut cum = vec![0u32; n + 1];
                for k in 0..n {
                    cum[k + 1] = cum[k] + u32::from(run[k] > 0);
                }
                Prepared { run, cum, weather }
            })
            .collect();
        Ok(Engine {
            t0,
            step,
            n,
            ops,
            prep,
        })
    }

    /// The operation types, indexed as in [`Step::op`].
    pub fn ops(&self) -> &[OpType] {
        &self.ops
    }

    /// End of the series (s): one step after the last record.
    pub fn end_s(&self) -> i64 {
        self.t0 + self.n as i64 * self.step
    }

    fn steps_of(&self, h: f64) -> usize {
        records_needed(h, self.step)
    }

    /// Runs `seq` from `start_s`; `None` when it would pass the end of the series (censored).
    pub fn run(&self, seq: &[Step], start_s: i64) -> Option<Run> {
        if start_s < self.t0 {
            return None;
        }
        // The first step at or after start.
        let mut k = ((start_s - self.t0) + self.step - 1) as usize / self.step as usize;
        let mut out = Vec::with_capacity(seq.len());
        for st in seq {
            let p = &self.prep[st.op];
            let op = &self.ops[st.op];
            let dur = if st.duration_h > 0.0 {
                self.steps_of(st.duration_h)
            } else {
                0
            };
            let ready = k;
            let (start, end) = if !p.weather || dur == 0 {
                (k, k + dur)
            } else if op.splittable {
                let target = p.cum.get(k)? + dur as u32;
                // First e with cum[e] ≥ target: the step after the last one worked.
                let e = p.cum.partition_point(|&c| c < target);
                if e > self.n {
                    return None;
                }
                let first = k + p.run[k..].iter().position(|&r| r > 0)?;
                (first, e)
            } else {
                let need = self.steps_of(st.reference_h).max(dur) as u32;
                let first = k + p.run.get(k..)?.iter().position(|&r| r >= need)?;
                (first, first + dur)
            };
            if end > self.n {
                return None;
            }
            let t = |i: usize| self.t0 + i as i64 * self.step;
            out.push(StepRun {
                op: st.op,
                label: st.label.clone(),
                ready_s: t(ready),
                start_s: t(start),
                end_s: t(end),
                wait_h: ((end - ready - dur) as i64 * self.step) as f64 / 3600.0,
            });
            k = end;
        }
        Some(Run {
            start_s,
            finish_s: self.t0 + k as i64 * self.step,
            steps: out,
        })
    }
}
