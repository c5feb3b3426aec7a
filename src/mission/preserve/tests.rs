//! Tests of the format-preserving save on the demo mission and small hand-written files.
use crate::mission::file::save_text;
use crate::mission::{Mission, load_str};
use std::path::Path;

const DEMO: &str = include_str!("../../../missions/demo.toml");

fn demo() -> Mission {
    load_str(DEMO, Path::new("demo.toml")).unwrap()
}

fn loads_to(text: &str, m: &Mission) {
    assert_eq!(&load_str(text, Path::new("saved.toml")).unwrap(), m);
}

/// Lines of `a` that are not in `b` and lines of `b` not in `a`, comparing line by line.
fn changed_lines<'a>(a: &'a str, b: &'a str) -> Vec<(&'a str, &'a str)> {
    assert_eq!(a.lines().count(), b.lines().count(), "{b}");
    a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect()
}

#[test]
fn unchanged_demo_is_byte_identical() {
    assert_eq!(save_text(&demo(), DEMO), DEMO);
}

#[test]
fn moving_a_cabin_changes_only_its_lon_lat_lines() {
    let mut m = demo();
    m.cabins[1].lon += 0.0012;
    m.cabins[1].lat -= 0.0007;
    let saved = save_text(&m, DEMO);
    loads_to(&saved, &m);
    let changed = changed_lines(DEMO, &saved);
    assert_eq!(
        changed.iter().map(|c| c.0).collect::<Vec<_>>(),
        ["lon = 122.0030", "lat = 30.8480"],
        "{changed:?}"
    );
    assert!(changed[0].1.starts_with("lon = 122.0042"), "{changed:?}");
    // The route's C2 waypoint at the same position is untouched.
    assert_eq!(saved.matches("lon = 122.0030").count(), 1);
}

#[test]
fn changed_value_keeps_trailing_comment_and_datetime_form() {
    let mut m = demo();
    m.vessel.as_mut().unwrap().draught_m = 8.25;
    let route = m.route.as_mut().unwrap();
    route.departure = route.departure.map(|d| d + chrono::Duration::hours(2));
    let saved = save_text(&m, DEMO);
    loads_to(&saved, &m);
    let changed = changed_lines(DEMO, &saved);
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(changed[0].1, "draught_m = 8.25            # [E]");
    assert_eq!(changed[1].1, "departure = 2026-06-01T00:00:00Z");
}

#[test]
fn inline_array_item_changes_in_place() {
    let mut m = demo();
    let sectors = &mut m.wind_farm.as_mut().unwrap().resource.sectors;
    sectors[2].weibull_k = 2.05;
    let saved = save_text(&m, DEMO);
    loads_to(&saved, &m);
    let changed = changed_lines(DEMO, &saved);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(
        changed[0]
            .1
            .contains("weibull_a_ms = 6.9, weibull_k = 2.05 }"),
        "{changed:?}"
    );
}

#[test]
fn added_cabin_is_appended_after_the_others() {
    let mut m = demo();
    let mut c3 = m.cabins[1].clone();
    c3.id = "C3".into();
    c3.lon = 122.006;
    m.cabins.push(c3);
    let saved = save_text(&m, DEMO);
    loads_to(&saved, &m);
    let (c2, c3, cooling) = (
        saved.find("id = \"C2\"").unwrap(),
        saved.find("id = \"C3\"").unwrap(),
        saved.find("# Cooling inputs").unwrap(),
    );
    assert!(c2 < c3 && c3 < cooling, "{saved}");
    let without: String = saved.replacen(
        "\n[[cabins]]\nid = \"C3\"\ncabin_type = \"hainan-1300t\"\nlon = 122.006\nlat = 30.848\nheading_deg = 110.0\n",
        "",
        1,
    );
    assert_eq!(without, DEMO, "{saved}");
}

#[test]
fn removed_cabin_loses_its_table_only() {
    // The demo's cables end at C1; without them C1 can go and the mission still loads.
    let mut base = demo();
    base.cables.clear();
    let base_text = save_text(&base, DEMO);
    let mut m = base.clone();
    m.cabins.remove(0);
    let saved = save_text(&m, &base_text);
    loads_to(&saved, &m);
    let c1 = "[[cabins]]\nid = \"C1\"\ncabin_type = \"hainan-1300t\"\nlon = 122.0000\nlat = 30.8500\nheading_deg = 110.0\n\n";
    assert!(base_text.contains(c1));
    assert_eq!(saved, base_text.replacen(c1, "", 1));
}

#[test]
fn removed_lift_operation_matched_by_position() {
    let mut m = demo();
    m.lift.as_mut().unwrap().operations.truncate(1);
    let saved = save_text(&m, DEMO);
    loads_to(&saved, &m);
    assert!(!saved.contains("lift and lowering"));
    assert!(saved.contains("hs_max_m = 2.5             # heavy-lift vessel transit [E]"));
    assert!(saved.contains("# Siting limits for the demo site.\n[constraints]"));
}

#[test]
fn replanned_waypoint_drops_the_old_ones_comment() {
    let mut m = demo();
    let route = m.route.as_mut().unwrap();
    route.waypoints.truncate(3);
    route.waypoints.remove(1);
    route.waypoints[1].id = 2;
    let saved = save_text(&m, DEMO);
    loads_to(&saved, &m);
    assert!(
        !saved.contains("transit at service speed until here"),
        "{saved}"
    );
    assert!(!saved.contains("name = \"C1\""), "{saved}");
    assert!(saved.contains("id = 2\nname = \"C2\"\nlon = 122.003\nlat = 30.848\nspeed_kn = 6.0\n"));
    assert!(
        saved.contains("# Lift plan: set-down tolerances"),
        "{saved}"
    );
}

#[test]
fn first_lift_operation_removed_matched_by_name() {
    let mut m = demo();
    m.lift.as_mut().unwrap().operations.remove(0);
    let saved = save_text(&m, DEMO);
    loads_to(&saved, &m);
    assert!(!saved.contains("\"transit\""), "{saved}");
    assert!(saved.contains("hs_max_m = 1.5             # uncompensated subsea lift"));
}

#[test]
fn defaults_stay_out_unless_changed() {
    let plain = crate::mission::to_toml(&demo());
    assert!(plain.contains("tolerance_m") && !DEMO.contains("tolerance_m"));
    let mut m = demo();
    m.lift.as_mut().unwrap().tolerance_m += 0.25;
    let saved = save_text(&m, DEMO);
    loads_to(&saved, &m);
    let tolerance = format!("tolerance_m = {:?}\n", m.lift.as_ref().unwrap().tolerance_m);
    assert_eq!(saved.matches("tolerance_m").count(), 1, "{saved}");
    // Inserted at the end of the [lift] keys, before its sub-tables.
    let hold = "seabed_hold_min = 30.0     # stop ~5 m above the seabed (domain-reference §5)\n";
    assert!(saved.contains(&format!("{hold}{tolerance}")), "{saved}");
    assert_eq!(saved.replacen(&tolerance, "", 1), DEMO);
}

#[test]
fn inline_and_dotted_forms_are_kept() {
    let text = "schema = 1\nname = \"t\"\nsite.bathymetry = \"a.asc\" # the survey\n\nports = [{ id = \"a\", name = \"A\", lon = 1.0, lat = 2.0 }]\n";
    let mut m = load_str(text, Path::new("t.toml")).unwrap();
    m.site.bathymetry = "b.asc".into();
    m.ports[0].lat = 2.5;
    let saved = save_text(&m, text);
    loads_to(&saved, &m);
    assert_eq!(
        saved,
        text.replace("a.asc", "b.asc").replace("2.0 }", "2.5 }")
    );
}

#[test]
fn defaults_stay_out_of_inline_tables() {
    let blocks = "[[cabins]]\nid = \"C1\"\ncabin_type = \"hainan-1300t\"\nlon = 122.0000\nlat = 30.8500\nheading_deg = 110.0\n\n[[cabins]]\nid = \"C2\"\ncabin_type = \"hainan-1300t\"\nlon = 122.0030\nlat = 30.8480\nheading_deg = 110.0\n\n";
    let inline = "cabins = [\n    { id = \"C1\", cabin_type = \"hainan-1300t\", lon = 122.0, lat = 30.85 },\n    { id = \"C2\", cabin_type = \"hainan-1300t\", lon = 122.003, lat = 30.848 }, # moved\n]\n";
    let text = DEMO
        .replacen(blocks, "", 1)
        .replacen("\n[site]", &format!("{inline}\n[site]"), 1);
    let mut m = load_str(&text, Path::new("demo.toml")).unwrap();
    assert_eq!(m.cabins[1].heading_deg, 0.0, "heading_deg defaults to 0");
    m.cabins[1].lat = 30.849;
    let saved = save_text(&m, &text);
    loads_to(&saved, &m);
    assert_eq!(saved, text.replacen("lat = 30.848 }", "lat = 30.849 }", 1));
}

#[test]
fn explicit_default_in_the_file_is_kept() {
    let text = SMALL.replace("[site]\n", "[site]\nvertical_datum = \"MSL\"\n");
    let text = text.replace("schema = 1\n", "schema = 1\ndescription = \"\"  # to do\n");
    let mut m = load_str(&text, Path::new("small.toml")).unwrap();
    assert_eq!(save_text(&m, &text), text);
    m.description = "Cabins off A".into();
    let saved = save_text(&m, &text);
    loads_to(&saved, &m);
    assert!(
        saved.contains("description = \"Cabins off A\"  # to do\n"),
        "{saved}"
    );
}

#[test]
fn removed_inline_item_keeps_the_others_comments() {
    let text = "schema = 1\nname = \"t\"\nports = [\n    # first\n    { id = \"a\", name = \"A\", lon = 1.0, lat = 2.0 },\n    # second\n    { id = \"b\", name = \"B\", lon = 1.5, lat = 2.0 },\n]\n\n[site]\nbathymetry = \"grid.asc\"\n";
    let mut m = load_str(text, Path::new("small.toml")).unwrap();
    m.ports.remove(0);
    let saved = save_text(&m, text);
    loads_to(&saved, &m);
    let first = "\n    # first\n    { id = \"a\", name = \"A\", lon = 1.0, lat = 2.0 },";
    assert_eq!(saved, text.replacen(first, "", 1));
    let mut c = m.ports[0].clone();
    c.id = "c".into();
    m.ports.push(c);
    let again = save_text(&m, &saved);
    loads_to(&again, &m);
    assert!(again.contains("lat = 2.0 },\n    { id = \"c\""), "{again}");
}

const SMALL: &str = "# A small study.\nschema = 1\nname = \"small\"   # working title\n\n# The grid.\n[site]\nbathymetry = \"grid.asc\"  # survey 2024\n\n# Two ports.\n[[ports]]\nid = \"a\"\nname = \"A\"\nlon = 1.0\nlat = 2.0\n";

#[test]
fn route_added_to_a_mission_without_one() {
    let mut m = load_str(SMALL, Path::new("small.toml")).unwrap();
    assert!(m.route.is_none());
    let with_route = demo().route;
    m.route = with_route;
    let saved = save_text(&m, SMALL);
    loads_to(&saved, &m);
    assert!(saved.starts_with(SMALL), "{saved}");
    assert!(saved.contains("\n[route]\n"), "{saved}");
    assert_eq!(saved.matches("[[route.waypoints]]").count(), 4, "{saved}");
    // And removing it again gives the original text back.
    m.route = None;
    assert_eq!(save_text(&m, &saved), SMALL);
}

#[test]
fn reordered_cabins_keep_their_comments_and_load_in_the_new_order() {
    let text = DEMO.replace(
        "[[cabins]]\nid = \"C2\"",
        "# second\n[[cabins]]\nid = \"C2\"",
    );
    let mut m = load_str(&text, Path::new("demo.toml")).unwrap();
    m.cabins.swap(0, 1);
    let saved = save_text(&m, &text);
    loads_to(&saved, &m);
    assert!(
        saved.contains("# second\n[[cabins]]\nid = \"C2\""),
        "{saved}"
    );
    assert!(saved.find("\"C2\"").unwrap() < saved.find("id = \"C1\"").unwrap());
}

#[test]
fn not_toml_falls_back_to_plain() {
    let m = demo();
    assert_eq!(save_text(&m, "not [ toml"), crate::mission::to_toml(&m));
}

#[test]
fn save_on_disk_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.toml");
    std::fs::write(&path, DEMO).unwrap();
    let mut m = demo();
    m.cabins[0].heading_deg = 95.0;
    crate::mission::save(&m, &path).unwrap();
    assert_eq!(crate::mission::load(&path).unwrap(), m);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(changed_lines(DEMO, &saved).len(), 1);
    let fresh = dir.path().join("new.toml");
    crate::mission::save(&m, &fresh).unwrap();
    assert_eq!(crate::mission::load(&fresh).unwrap(), m);
}
