//! Format-preserving save: the new mission is merged into the existing file's TOML document
//! (`toml_edit`), so the comments that cite the source of each number, the blank lines, the key
//! order and the number spelling (`122.0000`) survive a save.
//!
//! Rules: a value that is unchanged (compared by meaning: `0` equals `0.0`, a TOML date-time equals
//! the RFC 3339 string fathom writes for the same instant) is left untouched; a changed value is
//! replaced keeping the key's leading comment and the value's trailing comment; keys and tables the
//! new mission no longer has are removed (unless they only restate a default, `description = ""`);
//! new ones are inserted. Arrays of tables (`[[cabins]]`)
//! are matched by `id` (else `name`) when every item has a distinct one, otherwise by position; a
//! matched item none of whose values survived counts as a new item. Keys the merge
//! would add but that only restate a serde default are left out when the file still loads to the
//! same mission without them.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

/// `original` edited to hold the document `new` (both TOML texts), or `None` when `original` is not
/// TOML or the edited text does not satisfy `same_mission` (the caller then writes `new` as is).
/// `same_mission(text)` tells whether `text` loads to the mission being saved.
pub(super) fn merge(
    original: &str,
    new: &str,
    same_mission: impl Fn(&str) -> bool,
) -> Option<String> {
    let mut doc: DocumentMut = original.parse().ok()?;
    let new: DocumentMut = new.parse().ok()?;
    let mut merge = Merge::default();
    merge.table(&mut Vec::new(), doc.as_table_mut(), new.as_table().clone());
    // Keys the new mission lacks go, unless the file still loads to it with them (an explicit
    // `description = ""`); each is tried together with the ones already kept.
    let without = |keep: &[bool]| {
        let mut d = doc.clone();
        for ((path, key), _) in merge.gone.iter().zip(keep).filter(|(_, k)| !**k) {
            remove_at(d.as_table_mut(), path, key);
        }
        d
    };
    let mut keep = vec![false; merge.gone.len()];
    for i in 0..keep.len() {
        keep[i] = true;
        keep[i] = same_mission(&without(&keep).to_string());
    }
    doc = without(&keep);
    for (path, key) in merge.added.iter().rev() {
        let mut trial = doc.clone();
        if remove_at(trial.as_table_mut(), path, key) && same_mission(&trial.to_string()) {
            doc = trial;
        }
    }
    let text = doc.to_string();
    same_mission(&text).then_some(text)
}

/// One step of the path from the document root to a table or inline table.
#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

/// The merge state: keys inserted into (inline) tables that already existed, as candidates for
/// leaving out, and keys of the original that the new document lacks, left in place for now.
#[derive(Default)]
struct Merge {
    added: Vec<(Vec<Seg>, String)>,
    gone: Vec<(Vec<Seg>, String)>,
}

impl Merge {
    /// Merges standard table `new` into `old` in place.
    fn table(&mut self, path: &mut Vec<Seg>, old: &mut Table, new: Table) {
        let gone: Vec<String> = old
            .iter()
            .map(|(k, _)| k.to_string())
            .filter(|k| !new.contains_key(k))
            .collect();
        self.gone
            .extend(gone.into_iter().map(|k| (path.clone(), k)));
        for (key, item) in new {
            match old.get_mut(&key) {
                Some(o) => {
                    path.push(Seg::Key(key));
                    self.item(path, o, item);
                    path.pop();
                }
                None => {
                    old.insert(&key, detach(item));
                    self.added.push((path.clone(), key));
                }
            }
        }
    }

    /// Merges `new` into `old`, converting `new` to the original's inline or standard form.
    fn item(&mut self, path: &mut Vec<Seg>, old: &mut Item, new: Item) {
        match (old, new) {
            (Item::Table(o), Item::Table(n)) => self.table(path, o, n),
            (Item::Table(o), Item::Value(Value::InlineTable(n))) => {
                self.table(path, o, n.into_table())
            }
            (Item::ArrayOfTables(o), Item::ArrayOfTables(n)) => self.tables(path, o, n),
            (Item::Value(o), Item::Value(n)) => self.value(path, o, n),
            (Item::Value(o @ Value::InlineTable(_)), Item::Table(n)) => {
                self.value(path, o, Value::InlineTable(n.into_inline_table()))
            }
            (Item::Value(o @ Value::Array(_)), Item::ArrayOfTables(n)) => {
                self.value(path, o, Value::Array(n.into_array()))
            }
            (o, n) => {
                let decor = o.as_value().map(|v| v.decor().clone());
                *o = detach(n);
                if let (Some(decor), Some(v)) = (decor, o.as_value_mut()) {
                    *v.decor_mut() = decor;
                }
            }
        }
    }

    /// Merges an array of tables, matching items by `id` when both sides have distinct ids.
    fn tables(&mut self, path: &mut Vec<Seg>, old: &mut ArrayOfTables, new: ArrayOfTables) {
        let mut olds: Vec<Option<Table>> = std::mem::take(old).into_iter().map(Some).collect();
        let news: Vec<Table> = new.into_iter().collect();
        let by_id = ["id", "name"]
            .into_iter()
            .find_map(|key| ids(olds.iter().flatten(), key).zip(ids(news.iter(), key)));
        let mut merged = ArrayOfTables::new();
        for (j, n) in news.into_iter().enumerate() {
            let from = match &by_id {
                Some((old_ids, new_ids)) => old_ids.iter().position(|id| *id == new_ids[j]),
                None => Some(j),
            };
            let matched = from
                .and_then(|i| olds.get_mut(i))
                .filter(|o| o.as_ref().is_some_and(|o| !replaced(o, &n)))
                .and_then(Option::take);
            match matched {
                Some(mut o) => {
                    path.push(Seg::Index(j));
                    self.table(path, &mut o, n);
                    path.pop();
                    merged.push(o);
                }
                None => merged.push(detach_table(n)),
            }
        }
        let positions: Vec<isize> = merged.iter().filter_map(Table::position).collect();
        if positions.is_sorted() {
            *old = merged;
        } else {
            // Reordered items: let each follow the one before it in the file.
            *old = merged.into_iter().map(detach_table).collect();
        }
    }

    /// Merges value `new` into `old`: unchanged values are left as written; tables and arrays are
    /// merged element by element; a changed scalar takes the original's decoration.
    fn value(&mut self, path: &mut Vec<Seg>, old: &mut Value, new: Value) {
        if same(old, &new) {
            return;
        }
        match (old, new) {
            (Value::InlineTable(o), Value::InlineTable(n)) => {
                let gone: Vec<String> = o
                    .iter()
                    .map(|(k, _)| k.to_string())
                    .filter(|k| !n.contains_key(k))
                    .collect();
                self.gone
                    .extend(gone.into_iter().map(|k| (path.clone(), k)));
                for (k, v) in n {
                    match o.get_mut(&k) {
                        Some(ov) => {
                            path.push(Seg::Key(k));
                            self.value(path, ov, v);
                            path.pop();
                        }
                        None => {
                            o.insert(&k, v);
                            self.added.push((path.clone(), k));
                        }
                    }
                }
            }
            (Value::Array(o), Value::Array(n)) => self.array(path, o, n),
            (o, n) => {
                let decor = o.decor().clone();
                let keep_datetime = matches!(o, Value::Datetime(_));
                *o = match n
                    .as_str()
                    .and_then(|s| s.parse::<toml_edit::Datetime>().ok())
                {
                    Some(dt) if keep_datetime => Value::from(dt),
                    _ => n,
                };
                *o.decor_mut() = decor;
            }
        }
    }

    /// Merges arrays by position; appended items copy the previous last item's line break and indent.
    fn array(&mut self, path: &mut Vec<Seg>, old: &mut Array, new: Array) {
        let news: Vec<Value> = new.into_iter().collect();
        while old.len() > news.len() {
            old.remove(old.len() - 1);
        }
        for (i, v) in news.into_iter().enumerate() {
            match old.get_mut(i) {
                Some(ov) => {
                    path.push(Seg::Index(i));
                    self.value(path, ov, v);
                    path.pop();
                }
                None => {
                    let prefix = old
                        .get(i.wrapping_sub(1))
                        .and_then(|p| p.decor().prefix())
                        .and_then(|p| p.as_str())
                        .filter(|p| !p.contains('#'))
                        .unwrap_or(if i == 0 { "" } else { " " })
                        .to_string();
                    old.push_formatted(v.decorated(prefix, ""));
                }
            }
        }
    }
}

/// Whether `new` is a different item than `old` although it has the same id or place: none of the
/// values they both have, other than `id`, is unchanged (a re-planned waypoint 2, say). Its
/// comments then belong to the old item and go with it.
fn replaced(old: &Table, new: &Table) -> bool {
    let pairs = old.iter().filter(|(k, _)| *k != "id").filter_map(|(k, o)| {
        let n = new.get(k)?;
        Some((o.as_value()?, n.as_value()?))
    });
    let (mut compared, mut unchanged) = (0, 0);
    for (o, n) in pairs {
        compared += 1;
        unchanged += usize::from(same(o, n));
    }
    compared > 0 && unchanged == 0
}

/// The `key` (`id`, `name`) of every table, when each has one and they are distinct.
fn ids<'a>(tables: impl Iterator<Item = &'a Table>, key: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = tables
        .map(|t| t.get(key).and_then(Item::as_value).map(scalar_text))
        .collect::<Option<_>>()?;
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    (sorted.len() == ids.len()).then_some(ids)
}

/// A value's text without its decoration (strings unquoted).
fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.value().clone(),
        other => other.clone().decorated("", "").to_string(),
    }
}

/// Equal in meaning: integers equal to floats of the same value, TOML date-times equal to
/// RFC 3339 strings of the same instant, tables regardless of key order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.value() == y.value(),
        (Value::Integer(x), Value::Integer(y)) => x.value() == y.value(),
        (Value::Float(x), Value::Float(y)) => {
            x.value() == y.value() || (x.value().is_nan() && y.value().is_nan())
        }
        (Value::Integer(i), Value::Float(f)) | (Value::Float(f), Value::Integer(i)) => {
            *i.value() as f64 == *f.value()
        }
        (Value::Boolean(x), Value::Boolean(y)) => x.value() == y.value(),
        (Value::Datetime(x), Value::Datetime(y)) => x.value() == y.value(),
        (Value::Datetime(d), Value::String(s)) | (Value::String(s), Value::Datetime(d)) => {
            let instant = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok();
            instant(&d.value().to_string()).is_some_and(|x| instant(s.value()) == Some(x))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same(a, b))
        }
        (Value::InlineTable(x), Value::InlineTable(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => false,
    }
}

/// An item from the new document, made ready to live in the original: tables lose their position
/// in the new document, so they print right after the table before them.
fn detach(item: Item) -> Item {
    match item {
        Item::Table(t) => Item::Table(detach_table(t)),
        Item::ArrayOfTables(a) => Item::ArrayOfTables(a.into_iter().map(detach_table).collect()),
        other => other,
    }
}

fn detach_table(mut t: Table) -> Table {
    t.set_position(None);
    if t.decor().prefix().and_then(|p| p.as_str()) == Some("") || t.decor().prefix().is_none() {
        t.decor_mut().set_prefix("\n");
    }
    for (_, item) in t.iter_mut() {
        let taken = std::mem::take(item);
        *item = detach(taken);
    }
    t
}

/// Removes `key` from the table or inline table at `path` below `root`; false when there is none.
fn remove_at(root: &mut Table, path: &[Seg], key: &str) -> bool {
    match path.split_first() {
        None => root.remove(key).is_some(),
        Some((Seg::Key(k), rest)) => match root.get_mut(k) {
            Some(Item::Table(t)) => remove_at(t, rest, key),
            Some(Item::ArrayOfTables(a)) => match rest.split_first() {
                Some((Seg::Index(j), rest)) => {
                    a.get_mut(*j).is_some_and(|t| remove_at(t, rest, key))
                }
                _ => false,
            },
            Some(Item::Value(v)) => remove_in_value(v, rest, key),
            _ => false,
        },
        Some((Seg::Index(_), _)) => false,
    }
}

/// [`remove_at`] inside a value: inline tables and arrays of them.
fn remove_in_value(v: &mut Value, path: &[Seg], key: &str) -> bool {
    match (v, path.split_first()) {
        (Value::InlineTable(t), None) => t.remove(key).is_some(),
        (Value::InlineTable(t), Some((Seg::Key(k), rest))) => {
            t.get_mut(k).is_some_and(|v| remove_in_value(v, rest, key))
        }
        (Value::Array(a), Some((Seg::Index(j), rest))) => {
            a.get_mut(*j).is_some_and(|v| remove_in_value(v, rest, key))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::file::save_text;
    use crate::mission::{Mission, load_str};
    use std::path::Path;

    const DEMO: &str = include_str!("../../missions/demo.toml");

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
        let mut m = demo();
        m.cabins.remove(0);
        let saved = save_text(&m, DEMO);
        loads_to(&saved, &m);
        let c1 = "[[cabins]]\nid = \"C1\"\ncabin_type = \"hainan-1300t\"\nlon = 122.0000\nlat = 30.8500\nheading_deg = 110.0\n\n";
        assert_eq!(saved, DEMO.replacen(c1, "", 1));
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
        assert!(
            saved.contains("id = 2\nname = \"C2\"\nlon = 122.003\nlat = 30.848\nspeed_kn = 6.0\n")
        );
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
        let hold =
            "seabed_hold_min = 30.0     # stop ~5 m above the seabed (domain-reference §5)\n";
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
        let text =
            DEMO.replacen(blocks, "", 1)
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
}
