//! Reading and writing mission files: precise errors, schema migration, atomic saves.

use super::{Mission, MissionError};
use std::ops::Range;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The schema version this fathom writes.
pub const CURRENT_SCHEMA: u32 = 1;

/// Reads, migrates and checks a mission file.
pub fn load(path: &Path) -> Result<Mission, MissionError> {
    let text = crate::fsutil::read_regular_text(path, MAX_MISSION_BYTES).map_err(|source| {
        MissionError::Io {
            path: path.to_path_buf(),
            source,
        }
    })?;
    load_str(&text, path)
}

/// The largest mission file read (bytes): the biggest real missions are a few hundred kB (a
/// 2,000-waypoint route is ≈ 200 kB); a 60 MB file of 10⁶ waypoints took 3.5 GB to validate.
pub const MAX_MISSION_BYTES: u64 = 16 << 20;

/// Parses mission text; `path` is only used in messages.
pub fn load_str(text: &str, path: &Path) -> Result<Mission, MissionError> {
    let invalid = |span: Option<Range<usize>>, field: Option<String>, message: String| {
        let (line, column) = span.map(|s| line_col(text, s.start)).unzip();
        MissionError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            field,
            message,
        }
    };
    let table =
        DeTable::parse(text).map_err(|e| invalid(e.span(), None, e.message().to_string()))?;
    let span = table.span();
    let doc = Spanned::new(span, DeValue::Table(table.into_inner()));
    let schema = doc.get_ref().get("schema").map(|v| {
        (
            v.span(),
            v.get_ref().as_integer().map(|i| i.as_str().parse::<i64>()),
        )
    });
    let schema = match schema {
        Some((_, Some(Ok(s)))) if s >= 1 && s <= u32::MAX as i64 => Some(s as u32),
        Some((span, found)) => {
            let found = found.and_then(|r| r.ok()).map(|s| s.to_string());
            return Err(invalid(
                Some(span),
                Some("schema".into()),
                format!(
                    "{}: expected a file-format version from 1 to {CURRENT_SCHEMA}",
                    found.unwrap_or_else(|| "not an integer".into())
                ),
            ));
        }
        None => None,
    };
    match schema {
        None => {
            return Err(invalid(
                Some(0..0),
                Some("schema".into()),
                format!(
                    "missing `schema = {CURRENT_SCHEMA}` (the file-format version) at the top of the file"
                ),
            ));
        }
        Some(s) if s > CURRENT_SCHEMA => {
            return Err(MissionError::NewerSchema {
                path: path.to_path_buf(),
                found: s,
                supported: CURRENT_SCHEMA,
            });
        }
        Some(s) => migrate(s)?,
    }
    let de = toml::Deserializer::parse(text)
        .map_err(|e| invalid(e.span(), None, e.message().to_string()))?;
    let mission: Mission = serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let message = with_suggestion(inner.message());
        let field = (field != ".").then_some(field);
        invalid(inner.span(), field, message)
    })?;
    if let Some((field, message)) = mission.check_ranges().into_iter().next() {
        let span = span_of(&doc, &field);
        return Err(invalid(span, Some(field), message));
    }
    Ok(mission)
}

/// Brings a file of schema `from` up to [`CURRENT_SCHEMA`]. Schema 1 is the first; later schemas
/// add a step here that rewrites the parsed document before it is deserialised.
fn migrate(from: u32) -> Result<(), MissionError> {
    debug_assert!(from <= CURRENT_SCHEMA);
    Ok(())
}

/// The mission as TOML text in a stable order (the order of the struct's fields).
pub fn to_toml(mission: &Mission) -> String {
    toml::to_string_pretty(mission).expect("a Mission always serialises to TOML")
}

/// Saves atomically (temporary file, fsync, rename), so the previous file survives any failure.
/// When `path` already holds TOML, the file is edited rather than rewritten: comments, blank
/// lines, key order and number spelling of everything that did not change are kept (see
/// `mission::preserve`); the result always loads back to `mission` (after that rounding).
/// Positions and headings the user changed are rounded ([`super::rounding`]); values equal to
/// the ones read from the file are written as they were.
pub fn save(mission: &Mission, path: &Path) -> Result<(), MissionError> {
    let text = match crate::fsutil::read_regular_text(path, MAX_MISSION_BYTES) {
        Ok(original) => save_text(mission, &original),
        Err(_) => to_toml(&super::rounding::for_save(mission, None)),
    };
    crate::fsutil::write_atomic(path, text.as_bytes()).map_err(|source| MissionError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The text [`save`] writes over a file that holds `original`: `original` edited to hold `mission`,
/// or the plain serialisation when that is not possible.
/// Changed positions and headings are rounded ([`super::rounding`]).
pub(super) fn save_text(mission: &Mission, original: &str) -> String {
    let read = toml::from_str::<Mission>(original).ok();
    let rounded = super::rounding::for_save(mission, read.as_ref());
    let mission = &rounded;
    let plain = to_toml(mission);
    let loads_back = |text: &str| toml::from_str::<Mission>(text).is_ok_and(|m| m == *mission);
    super::preserve::merge(original, &plain, loads_back).unwrap_or(plain)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Appends "did you mean `x`?" to serde's "unknown field `y`, expected one of `a`, `b`" messages.
fn with_suggestion(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.to_string();
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(unknown, c), *c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 3))
        .min();
    match best {
        Some((_, c)) => format!("{message}; did you mean `{c}`?"),
        None => message.to_string(),
    }
}

/// Span of the value at a field path like `cabins[2].heading_deg`, for range errors.
fn span_of(doc: &Spanned<DeValue<'_>>, path: &str) -> Option<Range<usize>> {
    let mut cur = doc;
    for part in path.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        cur = cur.get_ref().get(key)?;
        for idx in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            cur = cur.get_ref().get(idx.parse::<usize>().ok()?)?;
        }
    }
    Some(cur.span())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"schema = 1
name = "t"

[site]
bathymetry = "grid.asc"
"#;

    fn err(text: &str) -> String {
        load_str(text, Path::new("m.toml")).unwrap_err().to_string()
    }

    #[test]
    fn minimal_round_trip() {
        let m = load_str(MINIMAL, Path::new("m.toml")).unwrap();
        let again = load_str(&to_toml(&m), Path::new("m.toml")).unwrap();
        assert_eq!(m, again);
    }

    #[test]
    fn typo_names_line_column_field_and_suggestion() {
        let text = MINIMAL.replace("bathymetry =", "bathymetri =");
        let e = err(&text);
        assert!(e.starts_with("m.toml:5:1"), "{e}");
        assert!(e.contains("unknown field `bathymetri`"), "{e}");
        assert!(e.contains("did you mean `bathymetry`?"), "{e}");
    }

    #[test]
    fn wrong_type_names_field() {
        let e = err(&format!("{MINIMAL}tide_offset_m = \"high\"\n"));
        assert!(e.contains("m.toml:6:"), "{e}");
        assert!(
            e.contains("site.tide_offset_m") || e.contains("invalid type"),
            "{e}"
        );
    }

    #[test]
    fn out_of_range_points_at_value() {
        let e = err(&format!("{MINIMAL}tide_offset_m = nan\n"));
        assert!(e.contains("m.toml:6:17: site.tide_offset_m"), "{e}");
    }

    #[test]
    fn schema_missing_or_newer() {
        assert!(err("name = \"x\"\n").contains("missing `schema = 1`"));
        assert!(err(&MINIMAL.replace("schema = 1", "schema = 7")).contains("schema 7 is newer"));
    }

    #[test]
    fn syntax_error_has_position() {
        let e = err("schema = 1\nname = \"x\n");
        assert!(e.starts_with("m.toml:2:"), "{e}");
    }

    #[test]
    fn schema_zero_negative_or_not_an_integer() {
        for (value, shown) in [("0", "0:"), ("-1", "-1:"), ("\"1\"", "not an integer:")] {
            let e = err(&MINIMAL.replace("schema = 1", &format!("schema = {value}")));
            assert!(e.starts_with("m.toml:1:10: schema: "), "{e}");
            assert!(
                e.contains(shown) && e.contains("expected a file-format version from 1 to 1"),
                "{e}"
            );
        }
    }

    use crate::mission::fixtures::BOX_CABIN_TOML as CABINS;

    #[test]
    fn huge_cabin_and_duplicate_ids_are_refused_at_their_line() {
        // issue #18: `width_m = 1e308` allocated 12 GiB; duplicate ids were silently accepted.
        let e = err(&format!(
            "{MINIMAL}{}",
            CABINS.replace("width_m = 4.0", "width_m = 1e308")
        ));
        assert!(
            e.contains("m.toml:10:11: cabin_types[0].width_m: 1e308 is out of range: expected a number > 0 and ≤ 500"),
            "{e}"
        );
        let cabin = &CABINS[CABINS.find("[[cabins]]").unwrap()..];
        let e = err(&format!("{MINIMAL}{CABINS}{cabin}"));
        assert!(
            e.contains("cabins[1].id: duplicate id `C1` (already used by cabins[0])"),
            "{e}"
        );
        let kind = &CABINS[..CABINS.find("[[cabins]]").unwrap()];
        let e = err(&format!("{MINIMAL}{CABINS}{kind}"));
        assert!(e.contains("cabin_types[1].id: duplicate id `box`"), "{e}");
    }
}
