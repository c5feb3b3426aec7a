//! The import graph of `src/` keeps its layers (architecture.md, README § Architecture): a module
//! uses only modules of its own layer or below, never `validate`, `cli`, `app`, `report` or
//! `render` from a domain module, and the modules form no cycle — at the top level, and between
//! the files of each module (the planner's included: its layers are listed in `src/app/mod.rs`).
//!
//! The graph is read from the source text: every `crate::module` path outside comments, and
//! `super::file` in a module's direct children. Test files (`tests.rs`, `*_tests.rs`,
//! `fixtures.rs`, `testutil.rs`) and `#[cfg(test)] mod tests` blocks count for the layer rule but
//! not for cycles between files of one module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layer of each top-level module, bottom (0) to top. A new module must be placed here.
const LAYERS: &[(&str, u32)] = &[
    ("constants", 0),
    ("fsutil", 0),
    ("geodesy", 0),
    ("progress", 0),
    ("solar", 0),
    ("table", 0),
    ("testdata", 0),
    ("bathymetry", 1),
    ("mission", 2),
    ("finding", 3),
    ("metocean", 3),
    ("zones", 3),
    ("cable", 4),
    ("cooling", 4),
    ("lift", 4),
    ("siting", 4),
    ("vessel", 4),
    ("wind", 4),
    ("campaign", 5),
    ("validate", 6),
    ("formats", 6),
    ("live", 7),
    ("render", 7),
    ("report", 8),
    ("app", 9),
    ("cli", 10),
];

/// What a domain module (layer ≤ 5) may never import, whatever the layer table says.
const NEVER_FROM_DOMAIN: &[&str] = &["validate", "cli", "app", "report", "render"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `src/a/b/c.rs` → `["a", "b", "c"]`, `src/a/mod.rs` → `["a"]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let mut v: Vec<String> = file
        .strip_prefix(src)
        .unwrap()
        .with_extension("")
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    if v.last().is_some_and(|s| s == "mod") {
        v.pop();
    }
    v
}

fn is_test_file(file: &Path) -> bool {
    let name = file.file_stem().unwrap().to_string_lossy();
    name == "tests" || name.ends_with("_tests") || name == "fixtures" || name == "testutil"
}

/// The first two segments of each path that follows `prefix` in `line`; a one-line group
/// `prefix::a::{b, c::d}` gives `(a, b)` and `(a, c)`, `prefix::{a, b}` gives `(a, None)`, `(b, None)`.
fn paths_after<'a>(line: &'a str, prefix: &str) -> Vec<(&'a str, Option<&'a str>)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let ident = |s: &'a str| {
            let n = s
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(s.len());
            &s[..n]
        };
        let group = |s: &'a str| -> Vec<&'a str> {
            let inner = s.strip_prefix('{').and_then(|s| s.split('}').next());
            inner.map_or_else(Vec::new, |g| {
                g.split(',').map(|x| ident(x.trim())).collect()
            })
        };
        let first = ident(rest);
        if first.is_empty() {
            out.extend(
                group(rest)
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .map(|x| (x, None)),
            );
            continue;
        }
        let after = &rest[first.len()..];
        match after.strip_prefix("::") {
            Some(r) if r.starts_with('{') => {
                let items = group(r);
                let named: Vec<_> = items
                    .into_iter()
                    .filter(|x| !x.is_empty() && *x != "self")
                    .collect();
                if named.is_empty() {
                    out.push((first, None));
                }
                out.extend(named.into_iter().map(|x| (first, Some(x))));
            }
            Some(r) => out.push((first, Some(ident(r)).filter(|s| !s.is_empty()))),
            None => out.push((first, None)),
        }
    }
    out
}

struct Graph {
    /// Top-level module → modules it uses, with one file that shows it.
    top: BTreeMap<String, BTreeMap<String, String>>,
    /// Within each top-level module: file node → file nodes it uses (non-test code).
    inner: BTreeMap<String, BTreeSet<String>>,
}

fn read_graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let nodes: BTreeSet<String> = files
        .iter()
        .map(|f| module_path(&src, f))
        .filter(|m| m.len() >= 2)
        .map(|m| m[..2].join("::"))
        .collect();
    let mut g = Graph {
        top: BTreeMap::new(),
        inner: BTreeMap::new(),
    };
    for file in &files {
        let m = module_path(&src, file);
        if m.len() == 1 && (m[0] == "lib" || m[0] == "main") {
            continue;
        }
        let top = m[0].clone();
        let node = m[..m.len().min(2)].join("::");
        let test_file = is_test_file(file);
        let text = std::fs::read_to_string(file).unwrap();
        let mut in_tests = false;
        let mut prev = "";
        for line in text.lines() {
            let l = line.trim();
            if prev == "#[cfg(test)]" && l.starts_with("mod tests") {
                in_tests = true;
            }
            prev = l;
            if l.starts_with("//") {
                continue;
            }
            for (first, second) in paths_after(l, "crate::") {
                if first != top {
                    g.top
                        .entry(top.clone())
                        .or_default()
                        .entry(first.to_string())
                        .or_insert_with(|| file.display().to_string());
                } else if let Some(s) = second {
                    let target = format!("{first}::{s}");
                    if !test_file && !in_tests && target != node && nodes.contains(&target) {
                        g.inner.entry(node.clone()).or_default().insert(target);
                    }
                }
            }
            // `super::x` in a direct child file `src/top/file.rs` names a sibling `top::x`.
            if m.len() == 2 && !test_file && !in_tests {
                for (first, _) in paths_after(l, "super::") {
                    let target = format!("{top}::{first}");
                    if target != node && nodes.contains(&target) {
                        g.inner.entry(node.clone()).or_default().insert(target);
                    }
                }
            }
        }
    }
    g
}

/// The strongly connected components with more than one node (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let i = t.index.len();
        t.index.insert(v, i);
        t.low.insert(v, i);
        t.stack.push(v);
        t.on.insert(v);
        if let Some(ws) = t.edges.get(v) {
            for w in ws {
                if !t.index.contains_key(w.as_str()) {
                    visit(t, w);
                    let lw = t.low[w.as_str()];
                    let lv = t.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if t.on.contains(w.as_str()) {
                    let iw = t.index[w.as_str()];
                    let lv = t.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

fn layer(module: &str) -> u32 {
    LAYERS
        .iter()
        .find(|(m, _)| *m == module)
        .map(|(_, l)| *l)
        .unwrap_or_else(|| panic!("module `{module}` is not in tests/layers.rs LAYERS: place it"))
}

#[test]
fn every_arrow_points_down_or_across() {
    let g = read_graph();
    let mut bad = Vec::new();
    for (from, tos) in &g.top {
        for (to, file) in tos {
            let (lf, lt) = (layer(from), layer(to));
            if lt > lf || (lf <= 5 && NEVER_FROM_DOMAIN.contains(&to.as_str())) {
                bad.push(format!(
                    "{from} (layer {lf}) uses {to} (layer {lt}) in {file}"
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "arrows that run back up:\n{}",
        bad.join("\n")
    );
}

#[test]
fn top_level_modules_form_no_cycle() {
    let g = read_graph();
    let edges: BTreeMap<String, BTreeSet<String>> = g
        .top
        .iter()
        .map(|(k, v)| (k.clone(), v.keys().cloned().collect()))
        .collect();
    assert_eq!(cycles(&edges), Vec::<Vec<String>>::new());
}

#[test]
fn files_within_a_module_form_no_cycle() {
    let g = read_graph();
    assert_eq!(cycles(&g.inner), Vec::<Vec<String>>::new());
}

#[test]
fn the_checker_sees_a_cycle_and_a_path() {
    let mut e: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    e.entry("a".into()).or_default().insert("b".into());
    e.entry("b".into()).or_default().insert("c".into());
    e.entry("c".into()).or_default().insert("a".into());
    e.entry("c".into()).or_default().insert("d".into());
    assert_eq!(cycles(&e), vec![vec!["a", "b", "c"]]);
    assert_eq!(
        paths_after(
            "use crate::lift::{self, drift::x}; y = my_crate::no;",
            "crate::"
        ),
        vec![("lift", Some("drift"))]
    );
    assert_eq!(
        paths_after("use super::{plan, check};", "super::"),
        vec![("plan", None), ("check", None)]
    );
    let g = read_graph();
    assert!(
        g.top["vessel"].contains_key("mission"),
        "the reader finds real arrows"
    );
}
