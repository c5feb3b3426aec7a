//! Format-preserving save: the new mission is merged into the existing file's TOML document
//! (`toml_edit`), so the comments that cite the source of each number, the blank lines, the key
//! order and the number spelling (`122.0000`) survive a save.
//!
//! Rules: a value that is unchanged (compared by meaning: `0` equals `0.0`, a TOML date-time equals
//! the RFC 3339 string fathom writes for the same instant) is left untouched; a changed value is
//! replaced keeping the key's leading comment and the value's trailing comment; keys and tables the
//! new mission no longer has are removed (unless they only restate a default, `description = ""`);
//! new ones are inserted. Arrays of tables (`[[cabins]]`)
//! and arrays of inline tables are matched by `id` (else `name`) when every item has a distinct
//! one, otherwise by position; a
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
    // Added keys that restate a default stay out: all at once when they all do (the usual case),
    // else one by one.
    let mut all = doc.clone();
    for (path, key) in &merge.added {
        remove_at(all.as_table_mut(), path, key);
    }
    if same_mission(&all.to_string()) {
        doc = all;
    } else {
        for (path, key) in merge.added.iter().rev() {
            let mut trial = doc.clone();
            if remove_at(trial.as_table_mut(), path, key) && same_mission(&trial.to_string()) {
                doc = trial;
            }
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
    /// Records the keys of an original (inline) table, at `path`, that the new one lacks.
    fn note_gone<'a>(
        &mut self,
        path: &[Seg],
        old: impl Iterator<Item = &'a str>,
        kept: impl Fn(&str) -> bool,
    ) {
        self.gone.extend(
            old.filter(|k| !kept(k))
                .map(|k| (path.to_vec(), k.to_string())),
        );
    }

    /// Merges standard table `new` into `old` in place.
    fn table(&mut self, path: &mut Vec<Seg>, old: &mut Table, new: Table) {
        self.note_gone(path, old.iter().map(|(k, _)| k), |k| new.contains_key(k));
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
                self.note_gone(path, o.iter().map(|(k, _)| k), |k| n.contains_key(k));
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

    /// Merges arrays: inline tables by `id` (else `name`) when every item has a distinct one,
    /// other items by position; new items take the line break and indent of the last old one.
    fn array(&mut self, path: &mut Vec<Seg>, old: &mut Array, new: Array) {
        let news: Vec<Value> = new.into_iter().collect();
        let by_id = ["id", "name"].into_iter().find_map(|key| {
            let id = |v: &Value| v.as_inline_table()?.get(key).map(scalar_text);
            distinct(old.iter().map(id)).zip(distinct(news.iter().map(id)))
        });
        let mut olds: Vec<Option<Value>> = old.iter().cloned().map(Some).collect();
        let pairs: Vec<Option<Value>> = match by_id {
            Some((old_ids, new_ids)) => new_ids
                .iter()
                .map(|n| old_ids.iter().position(|o| o == n))
                .map(|i| i.and_then(|i| olds[i].take()))
                .collect(),
            None => (0..news.len())
                .map(|j| olds.get_mut(j).and_then(Option::take))
                .collect(),
        };
        let layout = old
            .iter()
            .last()
            .and_then(|p| p.decor().prefix()?.as_str())
            .map(|p| match p.rfind('\n') {
                Some(i) => p[i..].to_string(),
                None => " ".into(),
            })
            .unwrap_or_else(|| " ".into());
        old.clear();
        for (j, (paired, n)) in pairs.into_iter().zip(news).enumerate() {
            match paired {
                Some(mut o) => {
                    path.push(Seg::Index(j));
                    self.value(path, &mut o, n);
                    path.pop();
                    old.push_formatted(o);
                }
                None => {
                    let prefix = if j == 0 { "" } else { layout.as_str() };
                    old.push_formatted(n.decorated(prefix, ""));
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
    distinct(tables.map(|t| t.get(key).and_then(Item::as_value).map(scalar_text)))
}

/// All the ids, when every item has one and they are distinct.
fn distinct(ids: impl Iterator<Item = Option<String>>) -> Option<Vec<String>> {
    let ids: Vec<String> = ids.collect::<Option<_>>()?;
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
mod tests;
