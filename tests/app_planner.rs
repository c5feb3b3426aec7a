//! The planner's map and editing details from issue #16 on the demo mission (egui_kittest, no
//! GPU): the wind farm's wake layer.

// This suite uses a subset of the shared helpers.
#[allow(dead_code)]
mod common;

use common::{open_demo, step_until};
use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable};
use fathom::app::{FathomApp, LaunchOptions};

/// Centres the map on world point `w` at 20 m per point, hovers it and returns the wake text the
/// status bar shows there, as the deficit in per cent (`None`: no wake readout).
fn wake_at(h: &mut Harness<'_, FathomApp>, w: [f64; 2]) -> Option<f64> {
    let v = &mut h.state_mut().view.map;
    v.center = w;
    v.metres_per_point = 20.0;
    h.step();
    let p = fathom::app::map::screen_pos(&h.state().view, w[0], w[1]);
    h.hover_at(p);
    h.step();
    h.step();
    let node = h.query_by_label_contains("wake: wind ")?;
    let text = node.value()?;
    let pct = text.split("wake: wind ").nth(1)?.split(' ').next()?;
    Some(pct.parse().expect("a number"))
}

#[test]
fn wake_layer_shows_the_deficit_downstream_and_recomputes_only_for_the_farm() {
    let mut h = open_demo();
    assert!(!h.state().view.prefs.layers.wake, "off by default");
    h.get_by_label("Wind farm wake").click();
    h.step();
    step_until(&mut h, "the wake footprint", |a| {
        a.rt.wake.current.is_some() || a.rt.wake.error.is_some()
    });
    assert!(
        h.state().rt.wake.error.is_none(),
        "{:?}",
        h.state().rt.wake.error
    );
    // The legend names the wind case.
    assert!(h.query_by_label_contains("° true at ").is_some());

    let (from_grid, d, upstream_most) = {
        let app = h.state();
        let doc = app.doc.as_ref().unwrap();
        let farm = fathom::wind::farm::FarmModel::from_context(&doc.site.context(&doc.mission))
            .unwrap()
            .unwrap();
        let case = app.rt.wake.current.as_ref().unwrap().footprint.case;
        let (s, c) = case.from_grid_deg.to_radians().sin_cos();
        // The turbine furthest into the wind: nothing is upstream of it.
        let i = (0..farm.x.len())
            .max_by(|&a, &b| {
                (farm.x[a] * s + farm.y[a] * c).total_cmp(&(farm.x[b] * s + farm.y[b] * c))
            })
            .unwrap();
        (
            case.from_grid_deg,
            farm.turbine.rotor_diameter_m,
            [farm.x[i], farm.y[i]],
        )
    };
    let (s, c) = from_grid.to_radians().sin_cos();
    let along = |k: f64| [upstream_most[0] - k * d * s, upstream_most[1] - k * d * c];
    // Five diameters downstream on the axis: a wake, below the actuator-disc bound 1 − √(1 − Ct)
    // ≤ 1 − √(1 − 8/9) = 67 % (Betz's optimum thrust, the strongest a rotor slows the flow).
    let behind = wake_at(&mut h, along(5.0)).expect("a wake readout behind the turbine");
    assert!(behind > 5.0 && behind < 67.0, "{behind} % behind");
    // Three diameters upstream: free stream.
    let ahead = wake_at(&mut h, along(-3.0)).expect("a readout ahead of the turbine");
    assert!(ahead < 0.05, "{ahead} % ahead");

    // Moving a cabin does not recompute the footprint; moving a turbine does.
    h.state_mut().act(fathom::app::actions::Action::Edit {
        edit: fathom::app::edit::Edit::SetHeading {
            index: 0,
            heading_deg: 45.0,
        },
        gesture: None,
    });
    h.step();
    assert!(
        h.state().rt.wake.job.is_none(),
        "a cabin edit recomputed the wake"
    );
    {
        let doc = h.state_mut().doc.as_mut().unwrap();
        let wf = doc.mission.wind_farm.as_mut().unwrap();
        wf.positions[0][1] += 0.01;
        doc.revision += 1;
    }
    h.step();
    assert!(
        h.state().rt.wake.job.is_some(),
        "a turbine move did not recompute the wake"
    );
    step_until(&mut h, "the new footprint", |a| a.rt.wake.job.is_none());
    assert!(h.state().rt.wake.current.is_some());
}

/// Screen position of cabin `i`'s centre.
fn cabin_on_screen(h: &Harness<'_, FathomApp>, i: usize) -> egui::Pos2 {
    let c = h.state().mission().unwrap().cabins[i].clone();
    common::on_map(h, c.lon, c.lat)
}

#[test]
fn far_out_a_cabin_is_a_clickable_symbol_of_minimum_size() {
    let mut h = open_demo();
    // 200 m per point: the demo's 30 m cabins would be a fraction of a point.
    let c1 = {
        let doc = h.state().doc.as_ref().unwrap();
        let c = &doc.mission.cabins[0];
        doc.site.to_work(c.lon, c.lat).unwrap()
    };
    let view = &mut h.state_mut().view;
    // The demo's cables leave C1; at this zoom a click beside the symbol would take one.
    view.prefs.layers.cables = false;
    view.map.center = c1;
    view.map.metres_per_point = 200.0;
    h.step();
    let (p1, p2) = (cabin_on_screen(&h, 0), cabin_on_screen(&h, 1));
    // Just inside the symbol's minimum radius, on the side away from C2.
    let away = (p1 - p2).normalized();
    let away = if away.is_finite() {
        away
    } else {
        vec2(1.0, 0.0)
    };
    common::click_at(&mut h, p1 + away * 6.5);
    assert_eq!(
        h.state().view.selection,
        fathom::app::document::Selection::Cabin(0)
    );
    // Well outside it: nothing.
    common::click_at(&mut h, p1 + away * 12.0);
    assert_eq!(
        h.state().view.selection,
        fathom::app::document::Selection::None
    );
}

/// The texts painted in the last frame with their screen rectangles.
fn painted_texts(h: &Harness<'_, FathomApp>) -> Vec<(String, egui::Rect)> {
    fn walk(s: &egui::Shape, out: &mut Vec<(String, egui::Rect)>) {
        match s {
            egui::Shape::Text(t) => {
                out.push((t.galley.text().to_string(), s.visual_bounding_rect()))
            }
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for c in &h.output().shapes {
        walk(&c.shape, &mut out);
    }
    out
}

#[test]
fn map_labels_do_not_overlap_and_cabins_win() {
    let mut h = open_demo();
    h.step();
    let (cabins, waypoints) = {
        let m = h.state().mission().unwrap();
        let cabins: Vec<String> = m.cabins.iter().map(|c| c.id.clone()).collect();
        let waypoints: Vec<String> = m
            .route
            .as_ref()
            .unwrap()
            .waypoints
            .iter()
            .map(|w| w.name.clone())
            .collect();
        (cabins, waypoints)
    };
    // The demo's route ends at waypoints named like the cabins, on the cabins.
    assert!(
        cabins.iter().all(|c| waypoints.contains(c)),
        "{waypoints:?}"
    );
    // At the overview and zoomed in on the cabins.
    let c1 = {
        let doc = h.state().doc.as_ref().unwrap();
        let c = &doc.mission.cabins[0];
        doc.site.to_work(c.lon, c.lat).unwrap()
    };
    for mpp in [None, Some(2.0)] {
        if let Some(mpp) = mpp {
            let v = &mut h.state_mut().view.map;
            v.center = c1;
            v.metres_per_point = mpp;
        }
        h.step();
        h.step();
        let map = h.state().view.map_rect.unwrap();
        let labels: Vec<(String, egui::Rect)> = painted_texts(&h)
            .into_iter()
            .filter(|(t, r)| {
                map.contains(r.center()) && (cabins.contains(t) || waypoints.contains(t))
            })
            .collect();
        for c in &cabins {
            assert!(
                labels.iter().any(|(t, _)| t == c),
                "cabin {c} has no label at {mpp:?}: {labels:?}"
            );
        }
        for (i, (ta, a)) in labels.iter().enumerate() {
            for (tb, b) in &labels[i + 1..] {
                assert!(
                    !a.intersects(*b),
                    "{ta} {a:?} overlaps {tb} {b:?} at {mpp:?}"
                );
            }
        }
    }
}

#[test]
fn map_eta_labels_show_date_and_zone_as_the_inspector_does() {
    let mut h = open_demo();
    h.step();
    // Leg 1 (the long approach leg) arrives at waypoint 1; the inspector shows its ETA.
    h.state_mut().act(fathom::app::actions::Action::Select(
        fathom::app::document::Selection::Waypoint(1),
    ));
    h.step();
    h.step();
    let node = h
        .query_by_label_contains("ETA ")
        .expect("the inspector's ETA");
    let eta = node.value().unwrap();
    // "ETA YYYY-MM-DD HH:MM UTC"
    let parts: Vec<&str> = eta.split(' ').collect();
    assert_eq!(parts.len(), 4, "{eta}");
    assert!(
        chrono::NaiveDate::parse_from_str(parts[1], "%Y-%m-%d").is_ok(),
        "{eta}"
    );
    assert_eq!(parts[3], "UTC");
    let on_map: Vec<String> = painted_texts(&h)
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| t.contains("ETA "))
        .collect();
    assert!(
        on_map.iter().any(|t| t.ends_with(&eta)),
        "the map's leg labels {on_map:?} do not end with the inspector's {eta}"
    );
}

#[test]
fn cabins_a_layout_adds_are_selected_highlighted_and_in_view() {
    let mut h = open_demo();
    h.step();
    let before = h.state().mission().unwrap().cabins.len();
    let overview = h.state().view.map.metres_per_point;
    h.state_mut().act(fathom::app::actions::Action::RunLayout {
        cabins: 2,
        cabin_type: "hainan-1300t".into(),
    });
    step_until(&mut h, "the layout", |a| {
        !a.busy() && a.mission().unwrap().cabins.len() > before
    });
    h.step();
    let app = h.state();
    assert!(app.view.error.is_none(), "{:?}", app.view.error);
    assert_eq!(app.mission().unwrap().cabins.len(), before + 2);
    assert_eq!(
        app.view.selection,
        fathom::app::document::Selection::Cabin(before)
    );
    let revision = app.doc.as_ref().unwrap().revision;
    assert_eq!(app.view.added_cabins, Some((revision, before..before + 2)));
    // The view fits them: both on the map, closer than the overview.
    let map = app.view.map_rect.unwrap();
    for i in before..before + 2 {
        let p = cabin_on_screen(&h, i);
        assert!(
            map.shrink(20.0).contains(p),
            "cabin {i} at {p:?} outside {map:?}"
        );
    }
    assert!(h.state().view.map.metres_per_point < overview);
    // Ringed on the map; not after the next change.
    let rings = |h: &Harness<'_, FathomApp>| {
        h.output()
            .shapes
            .iter()
            .filter(|c| {
                matches!(&c.shape, egui::Shape::Circle(s)
                    if s.stroke.color == fathom::app::map::overlays::ADDED)
            })
            .count()
    };
    assert_eq!(rings(&h), 2);
    h.state_mut().act(fathom::app::actions::Action::Undo);
    h.step();
    assert_eq!(rings(&h), 0);
}

#[test]
fn finding_detail_text_is_at_body_size() {
    let h = open_demo();
    let message = h.state().view.findings[0].message.clone();
    let body = h
        .ctx
        .global_style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .unwrap()
        .size;
    let mut sizes = Vec::new();
    fn walk(s: &egui::Shape, message: &str, sizes: &mut Vec<f32>) {
        match s {
            egui::Shape::Text(t) if t.galley.text() == message => {
                sizes.extend(t.galley.job.sections.iter().map(|s| s.format.font_id.size));
            }
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, message, sizes)),
            _ => {}
        }
    }
    for c in &h.output().shapes {
        walk(&c.shape, &message, &mut sizes);
    }
    assert!(
        !sizes.is_empty(),
        "the detail text {message:?} is not painted"
    );
    assert!(
        sizes.iter().all(|s| *s == body),
        "{sizes:?} against body {body}"
    );
}

#[test]
fn undo_back_to_the_opened_state_clears_the_unsaved_mark_and_redo_sets_it() {
    use egui::{Key, Modifiers};
    let mut h = open_demo();
    let clean = |h: &Harness<'_, FathomApp>| {
        let dirty = h.state().doc.as_ref().unwrap().dirty();
        let starred = h.query_by_label("demo.toml *").is_some();
        assert_eq!(dirty, starred, "the title bar and the document disagree");
        !dirty
    };
    assert!(clean(&h));
    for heading in [45.0, 50.0] {
        h.state_mut().act(fathom::app::actions::Action::Edit {
            edit: fathom::app::edit::Edit::SetHeading {
                index: 0,
                heading_deg: heading,
            },
            gesture: None,
        });
    }
    h.step();
    assert!(!clean(&h));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    assert!(!clean(&h), "one edit is still undone-able");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.step();
    h.step();
    assert!(clean(&h), "back at the opened state");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.step();
    h.step();
    assert!(!clean(&h), "redone away from it");
}

#[test]
fn undo_back_to_the_opened_state_removes_the_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let demo = fathom::cli::default_mission();
    let recovery = dir.path().to_path_buf();
    let mut h = Harness::builder()
        .with_size(vec2(1500.0, 1000.0))
        .build_eframe(move |cc| {
            let mut opts = LaunchOptions::for_tests(Some(demo), vec![]);
            opts.recovery_dir = Some(recovery);
            FathomApp::new(cc, opts)
        });
    step_until(&mut h, "the demo to load", |a| a.doc.is_some() && !a.busy());
    h.state_mut().act(fathom::app::actions::Action::Edit {
        edit: fathom::app::edit::Edit::SetHeading {
            index: 0,
            heading_deg: 45.0,
        },
        gesture: None,
    });
    step_until(&mut h, "the autosave", |a| {
        a.rt.autosave.is_none() && a.rt.last_autosave.is_some()
    });
    assert!(
        fathom::app::recovery::find(dir.path()).is_some(),
        "no autosave written"
    );
    h.state_mut().act(fathom::app::actions::Action::Undo);
    h.step();
    h.step();
    assert!(!h.state().doc.as_ref().unwrap().dirty());
    assert!(
        fathom::app::recovery::find(dir.path()).is_none(),
        "the autosave of an undone edit is still offered"
    );
}
