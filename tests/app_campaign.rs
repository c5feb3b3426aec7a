//! The planner's Campaign tab (egui_kittest, no GPU): it runs the mission's campaign on a worker
//! when asked and shows what the library computes for the same mission; Cancel stops a long run
//! and keeps the tab usable; an edit marks the result out of date; a mission without a metocean
//! series says what to add.

// Shares the fixture and waiting helpers with the other planner suites.
#[allow(dead_code)]
mod common;

use common::{demo_copy, wait_long};
use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable};
use fathom::app::actions::Action;
use fathom::app::edit::Edit;
use fathom::app::state::ChartTab;
use fathom::app::{FathomApp, LaunchOptions};
use fathom::campaign;
use fathom::constants::MONTHS;
use fathom::mission::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Opens `path` and the Campaign tab.
fn open_tab(path: PathBuf) -> Harness<'static, FathomApp> {
    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_eframe(move |cc| FathomApp::new(cc, LaunchOptions::for_tests(Some(path), vec![])));
    wait_long(&mut h, "the mission to load", |a| {
        a.doc.is_some() && !a.busy() && a.rt.analysis_job.is_none()
    });
    assert!(h.state().view.error.is_none(), "{:?}", h.state().view.error);
    h.get_by_label("Campaign").click();
    h.run_steps(2);
    h
}

#[test]
fn the_tab_shows_the_library_result_for_the_mission() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), "campaign.toml", |_| {});
    let mut h = open_tab(path.clone());
    // Nothing runs until asked.
    assert!(h.state().rt.campaign.running().is_none());
    assert!(h.state().rt.campaign.outcome.is_none());
    h.get_by_label("Run campaign").click();
    h.run_steps(2);
    wait_long(&mut h, "the campaign to finish", |a| {
        a.rt.campaign.outcome.is_some() || a.rt.campaign.message.is_some()
    });
    h.run_steps(2);
    let app = h.state();
    assert_eq!(app.rt.campaign.message, None);

    // The same mission through the library, as `fathom campaign` runs it.
    let ctx = Context::load(&path).unwrap();
    let met = ctx.mission.metocean.as_ref().unwrap();
    let series = fathom::metocean::read(
        &ctx.resolve(met.series_csv.as_ref().unwrap()),
        met.columns.as_ref(),
    )
    .unwrap();
    let (_, lib) =
        campaign::simulate(&ctx, &series, &campaign::cable_work(&ctx), None, None).unwrap();
    let best = lib.best_start_month.expect("a best start month");
    let month = lib.months.iter().find(|m| m.month == best).unwrap();
    let p50 = month.duration_p50_d.unwrap();
    let shown = format!(
        "Best start month {}: P50 {p50:.1} d",
        MONTHS[best as usize - 1]
    );
    h.get_by_label_contains(&shown);
    assert_eq!(h.state().rt.campaign.outcome.as_ref().unwrap().result, lib);
    h.get_by_label_contains(&format!(
        "Vessel days P50 {:.1} / P90 {:.1} d",
        lib.vessel_days_p50.unwrap(),
        lib.vessel_days_p90.unwrap()
    ));
    // The waiting-on-weather table has a row per operation, the lift's limit with its α.
    h.get_by_label("lift");
    assert!(h.query_all_by_label_contains("(α 0.").count() > 0);
    h.get_by_label("Campaign Gantt chart of the P50 run");
    h.get_by_label("Campaign duration by start month chart");
    assert!(h.query_by_label_contains("Out of date").is_none());

    // An edit leaves the result on screen, marked out of date, until re-run.
    let cabin = h.state().mission().unwrap().cabins[0].clone();
    h.state_mut().act(Action::Edit {
        edit: Edit::SetHeading {
            index: 0,
            heading_deg: cabin.heading_deg + 10.0,
        },
        gesture: None,
    });
    h.run_steps(2);
    h.get_by_label_contains("Out of date: the mission changed since this run");
    h.get_by_label_contains(&shown);
    h.get_by_label("Re-run campaign").click();
    h.run_steps(2);
    wait_long(&mut h, "the re-run to finish", |a| {
        a.rt.campaign.running().is_none()
            && a.rt.campaign.outcome.as_ref().map(|o| o.revision)
                == a.doc.as_ref().map(|d| d.revision)
    });
    h.run_steps(2);
    assert!(h.query_by_label_contains("Out of date").is_none());
}

/// An hourly series of `years` years in fathom's own layout: calm with a 2-day storm every
/// 10 days, so every run completes and takes a while to simulate.
fn long_series(path: &Path, years: i64) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(w, "time_utc,hs_m,tp_s,wind_ms,current_ms").unwrap();
    let t0 = chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    for hour in 0..years * 8760 {
        let t = t0 + chrono::Duration::hours(hour);
        let storm = hour % 240 < 48;
        let (hs, wind) = if storm { (4.0, 18.0) } else { (0.8, 6.0) };
        writeln!(w, "{},{hs},6.0,{wind},0.3", t.format("%Y-%m-%d %H:%M")).unwrap();
    }
}

#[test]
fn cancel_stops_a_long_run_and_keeps_the_tab_usable() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("long.csv");
    long_series(&csv, 20);
    let path = demo_copy(dir.path(), "campaign.toml", |m| {
        m.metocean.as_mut().unwrap().series_csv = Some(csv.clone());
        // A start every hour of April–September over 20 years: about 88,000 runs.
        m.campaign.as_mut().unwrap().start_step_h = 1;
    });
    let mut h = open_tab(path);
    h.get_by_label("Run campaign").click();
    h.run_steps(2);
    wait_long(&mut h, "the simulation to be under way", |a| {
        a.rt.campaign.running().is_some_and(|f| f > 0.05)
    });
    let done = h.state().rt.campaign.running().unwrap();
    assert!(done < 0.9, "the run should still be going ({done})");
    h.get_by_label_contains("Simulating the campaign…");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    let run = &h.state().rt.campaign;
    assert!(run.running().is_none());
    assert!(run.outcome.is_none());
    assert_eq!(
        run.message.as_deref(),
        Some("Cancelled; the last result (if any) is kept.")
    );
    h.get_by_label_contains("Cancelled");
    h.get_by_label("Run campaign");
}

#[test]
fn a_mission_without_a_series_says_what_to_add() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), "campaign.toml", |m| m.metocean = None);
    let h = open_tab(path);
    h.get_by_label_contains("No metocean series: add `[metocean] series_csv");
    assert!(h.query_by_label("Run campaign").is_none());
}

#[test]
fn launching_on_the_campaign_tab_runs_it_once_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), "campaign.toml", |_| {});
    let mut h = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_eframe(move |cc| {
            let mut opts = LaunchOptions::for_tests(Some(path), vec![]);
            opts.chart_tab = Some(ChartTab::Campaign);
            FathomApp::new(cc, opts)
        });
    wait_long(&mut h, "the campaign to run after the load", |a| {
        a.rt.campaign.outcome.is_some() || a.rt.campaign.message.is_some()
    });
    h.run_steps(2);
    assert_eq!(h.state().view.chart_tab, ChartTab::Campaign);
    assert_eq!(h.state().rt.campaign.message, None);
    h.get_by_label_contains("Best start month");
    h.get_by_label("Re-run campaign");
}

#[test]
fn a_series_lacking_a_limited_variable_is_reported_without_a_result() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("hs-only.csv");
    std::fs::write(
        &csv,
        "time_utc,hs_m\n2014-04-01 00:00,0.5\n2014-04-01 01:00,0.6\n",
    )
    .unwrap();
    let path = demo_copy(dir.path(), "campaign.toml", |m| {
        m.metocean.as_mut().unwrap().series_csv = Some(csv.clone());
    });
    let mut h = open_tab(path);
    h.get_by_label("Run campaign").click();
    h.run_steps(2);
    wait_long(&mut h, "the campaign to stop", |a| {
        a.rt.campaign.running().is_none()
    });
    h.run_steps(2);
    let run = &h.state().rt.campaign;
    assert!(run.outcome.is_none());
    let m = run.message.clone().unwrap();
    assert!(
        m.starts_with(
            "The campaign could not be simulated: operation `transit` is limited by wind_ms"
        ) && m.contains("no wind_ms column"),
        "{m}"
    );
    h.get_by_label(&m);
    h.get_by_label("Run campaign");
}

#[test]
fn a_mission_without_a_campaign_runs_the_defaults_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), "campaign.toml", |m| m.campaign = None);
    let mut h = open_tab(path);
    h.get_by_label("Run campaign").click();
    h.run_steps(2);
    wait_long(&mut h, "the campaign to finish", |a| {
        a.rt.campaign.running().is_none()
            && (a.rt.campaign.outcome.is_some() || a.rt.campaign.message.is_some())
    });
    h.run_steps(2);
    assert_eq!(h.state().rt.campaign.message, None);
    assert!(
        h.state()
            .rt
            .campaign
            .outcome
            .as_ref()
            .unwrap()
            .default_campaign
    );
    h.get_by_label_contains("No [campaign] in the mission: fathom's defaults (add [campaign]");
}
