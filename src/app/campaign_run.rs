//! The Campaign tab's simulation: the mission's installation campaign run through its metocean
//! series on a worker ([`crate::campaign::simulate_observed`], the same run as
//! `fathom campaign MISSION`), only when the user asks — never per frame. The result is kept with
//! the document revision it was computed for, so the tab can say when the mission has changed
//! since.

use super::document::Document;
use super::jobs::Job;
use crate::campaign::{self, CampaignResult, plan::OperationLimits};
use crate::mission::Mission;

/// A finished simulation and what it was computed from.
#[derive(Clone, Debug)]
pub struct CampaignOutcome {
    /// The document revision simulated.
    pub revision: u64,
    /// The metocean series as the mission names it.
    pub series: String,
    pub result: CampaignResult,
    /// The limits of each row of `result.downtime`, in its order.
    pub limits: Vec<OperationLimits>,
    /// The mission has no `[campaign]` (fathom's defaults were simulated).
    pub default_campaign: bool,
}

/// The Campaign tab's job and its last result.
#[derive(Default)]
pub struct CampaignRun {
    job: Option<Job<CampaignOutcome>>,
    /// The last completed simulation (kept when the mission changes, shown as out of date).
    pub outcome: Option<CampaignOutcome>,
    /// Why the last run produced no result (an error, or cancelled).
    pub message: Option<String>,
}

/// What the mission lacks for a campaign, in one line saying what to add; `None` when it can run.
pub fn missing_input(m: &Mission) -> Option<String> {
    let has_series = m.metocean.as_ref().is_some_and(|x| x.series_csv.is_some());
    (!has_series).then(|| {
        "No metocean series: add `[metocean] series_csv = \"FILE.csv\"` (hourly Hs and wind; \
         `fathom campaign --help` for other layouts) to simulate the installation campaign."
            .to_string()
    })
}

impl CampaignRun {
    /// Starts simulating the document's mission (cancelling a run in progress); `repaint` is
    /// woken as the worker reports.
    pub fn start(&mut self, doc: &Document, repaint: Option<egui::Context>) {
        self.cancel_quietly();
        self.message = missing_input(&doc.mission);
        if self.message.is_some() {
            return;
        }
        let (site, m, revision) = (doc.site.clone(), doc.mission.clone(), doc.revision);
        self.job = Some(Job::spawn("Simulating the campaign", repaint, move |p| {
            let ctx = site.context(&m);
            let metocean = m.metocean.as_ref();
            let csv = metocean
                .and_then(|x| x.series_csv.clone())
                .ok_or("the mission has no metocean.series_csv")?;
            let cols = metocean.and_then(|x| x.columns.as_ref());
            let series = crate::metocean::read(&ctx.resolve(&csv), cols)
                .map_err(|e| format!("The metocean series could not be read: {e}"))?;
            p.set(0.05);
            let observe = |f: f32| {
                p.set(0.05 + 0.95 * f);
                !p.is_cancelled()
            };
            let cables = campaign::cable_work(&ctx);
            let (plan, result) =
                campaign::simulate_observed(&ctx, &series, &cables, None, None, &observe)?;
            let limits = result
                .downtime
                .iter()
                .map(|d| plan.operation_limits(&d.operation))
                .collect();
            Ok(CampaignOutcome {
                revision,
                series: csv.display().to_string(),
                result,
                limits,
                default_campaign: m.campaign.is_none(),
            })
        }));
    }

    /// Stops the running simulation at once (the worker stops at its next progress report and
    /// its result is dropped); the last result stays.
    pub fn cancel(&mut self) {
        if self.cancel_quietly() {
            self.message = Some("Cancelled; the last result (if any) is kept.".into());
        }
    }

    fn cancel_quietly(&mut self) -> bool {
        let running = self.job.take();
        if let Some(j) = &running {
            j.cancel();
        }
        running.is_some()
    }

    /// Takes the worker's result once it is done (once per frame).
    pub fn poll(&mut self) {
        let Some(r) = self.job.as_mut().and_then(Job::poll) else {
            return;
        };
        self.job = None;
        match r {
            Ok(o) => {
                self.outcome = Some(o);
                self.message = None;
            }
            Err(e) => self.message = Some(format!("The campaign could not be simulated: {e}")),
        }
    }

    /// The share done (0..1) while a simulation runs.
    pub fn running(&self) -> Option<f32> {
        self.job.as_ref().map(Job::fraction)
    }
}

impl Drop for CampaignRun {
    /// A replaced or closed run stops its worker.
    fn drop(&mut self) {
        self.cancel_quietly();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::Site;

    #[test]
    fn a_mission_without_a_series_says_what_to_add() {
        let mut m = Mission::new("t", Site::on_grid("g.asc"));
        let why = missing_input(&m).expect("no series");
        assert!(why.contains("[metocean] series_csv"), "{why}");
        m.metocean = Some(toml::from_str("series_csv = \"w.csv\"").unwrap());
        assert_eq!(missing_input(&m), None);
    }
}
