//! The one CSV reader of the crate: every delimited text table (metocean series, alpha factors,
//! turbine curves, wind roses and time series, layouts) is read here, on the `csv` crate.
//!
//! What it guarantees: a bounded read (at most [`Options::max_bytes`] bytes are read, counted as
//! they arrive, so FIFOs and devices are bounded too), a UTF-8 byte-order mark stripped, quoted
//! fields (RFC 4180), a configurable delimiter, fields trimmed, `#` comment lines and blank lines
//! skipped (comments are kept with their line numbers, some formats carry metadata there), a row
//! limit, and one error type whose message reads `file:line: column: what was expected`.

#![warn(missing_docs)]

use serde::de::DeserializeOwned;
use std::path::Path;

/// Default byte limit (1 GiB): about four million hourly rows of ten columns.
pub const MAX_BYTES: u64 = 1 << 30;

/// Why a table could not be read: `file:line: column: what was expected` (line and column when
/// known).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error(
    "{file}{}: {}{expected}",
    line.map(|l| format!(":{l}")).unwrap_or_default(),
    column.as_ref().map(|c| format!("{c}: ")).unwrap_or_default()
)]
pub struct TableError {
    /// The file as named in messages (a path, or a label such as `assets/turbines/x.csv`).
    pub file: String,
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// The column (header name) the error is about.
    pub column: Option<String>,
    /// What was found and what was expected.
    pub expected: String,
}

/// How to read a table.
#[derive(Clone, Debug)]
pub struct Options {
    /// Field separator (`b','` by default; the published metocean files use `b';'`).
    pub delimiter: u8,
    /// Largest number of bytes read.
    pub max_bytes: u64,
    /// Largest number of data rows.
    pub max_rows: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            delimiter: b',',
            max_bytes: MAX_BYTES,
            max_rows: usize::MAX,
        }
    }
}

/// Bytes allowed per row when a row limit is given ([`Options::rows`]): delimited rows of
/// numbers take tens of bytes, an RPL row about 130.
pub const BYTES_PER_ROW: u64 = 1024;

impl Options {
    /// Default options with another row limit, and a byte limit that follows from it
    /// ([`BYTES_PER_ROW`] a row, plus 64 KiB for a header and comments, at most [`MAX_BYTES`]):
    /// a turbine curve of at most 10,000 rows need not read a gigabyte to be refused.
    pub fn rows(max_rows: usize) -> Self {
        let bytes = (max_rows as u64)
            .saturating_mul(BYTES_PER_ROW)
            .saturating_add(64 << 10);
        Options {
            max_rows,
            max_bytes: bytes.min(MAX_BYTES),
            ..Options::default()
        }
    }
}

/// One data row and its line.
#[derive(Clone, Debug)]
pub struct Row {
    /// 1-based line of the row in the file (comment and blank lines counted).
    pub line: usize,
    /// The row's fields, trimmed; as many as the header has.
    pub fields: csv::StringRecord,
}

impl Row {
    /// Field `i` (trimmed).
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).unwrap_or("")
    }
}

/// A table read from a file: header, data rows with their lines, and comment lines.
#[derive(Clone, Debug)]
pub struct Table {
    /// The file as named in messages.
    pub file: String,
    /// Column names: the first non-comment, non-blank line, trimmed.
    pub header: Vec<String>,
    /// 1-based line of the header.
    pub header_line: usize,
    /// Data rows in file order, at most [`Options::max_rows`].
    pub rows: Vec<Row>,
    /// `#` comment lines (text after the `#`, trimmed) with their line numbers.
    pub comments: Vec<(usize, String)>,
    /// Number of lines in the file (where "at the end" errors point).
    pub last_line: usize,
}

/// Reads a table file with a bounded read.
pub fn read(path: &Path, opts: &Options) -> Result<Table, TableError> {
    parse(&read_text(path, opts)?, &path.display().to_string(), opts)
}

/// The text of a table file, read through [`crate::fsutil::read_limited`] (at most
/// `opts.max_bytes`, counted as read, so a FIFO or a device is bounded too): for readers that
/// look at the text before parsing it (the metocean delimiter).
pub fn read_text(path: &Path, opts: &Options) -> Result<String, TableError> {
    let fail = |expected: String| TableError {
        file: path.display().to_string(),
        line: None,
        column: None,
        expected,
    };
    let buf = crate::fsutil::read_limited(path, opts.max_bytes).map_err(|e| fail(e.to_string()))?;
    String::from_utf8(buf).map_err(|e| {
        fail(format!(
            "byte {}: expected UTF-8 text",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Parses table text; `file` names it in messages.
pub fn parse(text: &str, file: &str, opts: &Options) -> Result<Table, TableError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let err = |line: Option<usize>, expected: String| TableError {
        file: file.into(),
        line,
        column: None,
        expected,
    };
    let comments = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            l.trim_start()
                .strip_prefix('#')
                .map(|c| (i + 1, c.trim().to_string()))
        })
        .collect();
    let last_line = text.lines().count().max(1);
    // Comment lines become blank lines (skipped by the reader) so line numbers stay true.
    let mut body = String::with_capacity(text.len());
    for l in text.split_inclusive('\n') {
        if l.trim_start().starts_with('#') {
            body.push('\n');
        } else {
            body.push_str(l);
        }
    }
    // The reader's own line count skips blank lines: lines come from byte offsets instead.
    let starts: Vec<u64> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i as u64 + 1))
        .collect();
    // A record's position is where the reader began, before the blank lines it skipped.
    let blank: Vec<bool> = body.split('\n').map(|l| l.trim().is_empty()).collect();
    let line_of = |byte: u64| {
        // With CRLF line ends the reader stops after `\r`: the position of the next record is
        // then the `\n` still on the line before. Step over line ends to the record itself.
        let byte = byte
            + body.as_bytes()[(byte as usize).min(body.len())..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count() as u64;
        let mut i = starts.partition_point(|&s| s <= byte);
        while blank.get(i - 1).copied().unwrap_or(false) && i < blank.len() {
            i += 1;
        }
        i
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(opts.delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body.as_bytes());
    let mut header: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        let more = rdr.read_record(&mut rec).map_err(|e| {
            let line = e.position().map(|p| line_of(p.byte()));
            err(line, format!("{e}: expected delimited text"))
        })?;
        if !more {
            break;
        }
        let line = rec.position().map_or(0, |p| line_of(p.byte()));
        if rec.iter().all(str::is_empty) {
            continue;
        }
        match &header {
            None => header = Some((line, rec.iter().map(str::to_string).collect())),
            Some((_, h)) => {
                if rows.len() >= opts.max_rows {
                    return Err(err(
                        Some(line),
                        format!(
                            "more than {} rows: expected at most that many",
                            opts.max_rows
                        ),
                    ));
                }
                if rec.len() != h.len() {
                    return Err(err(
                        Some(line),
                        format!(
                            "{} field(s): expected {} as in the header",
                            rec.len(),
                            h.len()
                        ),
                    ));
                }
                rows.push(Row {
                    line,
                    fields: rec.clone(),
                });
            }
        }
    }
    let (header_line, header) =
        header.ok_or_else(|| err(None, "empty: expected a header and rows".into()))?;
    Ok(Table {
        file: file.into(),
        header,
        header_line,
        rows,
        comments,
        last_line,
    })
}

impl Table {
    /// An error at `line` about `column`.
    pub fn error(&self, line: usize, column: Option<&str>, expected: String) -> TableError {
        TableError {
            file: self.file.clone(),
            line: Some(line),
            column: column.map(str::to_string),
            expected,
        }
    }

    /// An error at the last line (something missing from the whole file).
    pub fn error_at_end(&self, expected: String) -> TableError {
        self.error(self.last_line, None, expected)
    }

    /// Index of the column named `name` (case-insensitive).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// Refuses a header other than exactly `names` (in that order).
    pub fn expect_header(&self, names: &[&str]) -> Result<(), TableError> {
        if self.header.len() == names.len()
            && self
                .header
                .iter()
                .zip(names)
                .all(|(h, n)| h.eq_ignore_ascii_case(n))
        {
            return Ok(());
        }
        Err(self.error(
            self.header_line,
            None,
            format!(
                "header `{}`: expected `{}`",
                self.header.join(","),
                names.join(",")
            ),
        ))
    }

    /// A finite number in column `col` of `row`, with `ok` the accepted range and `what` its
    /// description ("a number ≥ 0").
    pub fn number(
        &self,
        row: &Row,
        col: usize,
        ok: impl Fn(f64) -> bool,
        what: &str,
    ) -> Result<f64, TableError> {
        let f = row.get(col);
        f.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && ok(*v))
            .ok_or_else(|| {
                self.error(
                    row.line,
                    Some(&self.header[col]),
                    format!("`{f}`: expected {what}"),
                )
            })
    }

    /// Every row deserialised into `T` by header name (serde); a field that does not convert is
    /// reported with its line and column.
    pub fn records<T: DeserializeOwned>(&self) -> Result<Vec<(usize, T)>, TableError> {
        let head = csv::StringRecord::from(self.header.clone());
        self.rows
            .iter()
            .map(|r| {
                r.fields
                    .deserialize::<T>(Some(&head))
                    .map(|t| (r.line, t))
                    .map_err(|e| {
                        let (col, what) = match e.kind() {
                            csv::ErrorKind::Deserialize { err, .. } => {
                                (err.field().map(|i| i as usize), describe(err.kind()))
                            }
                            _ => (None, "a row of the table's columns"),
                        };
                        let value = col.map_or("", |i| r.get(i));
                        self.error(
                            r.line,
                            col.and_then(|i| self.header.get(i)).map(String::as_str),
                            format!("`{value}`: expected {what}"),
                        )
                    })
            })
            .collect()
    }
}

fn describe(k: &csv::DeserializeErrorKind) -> &'static str {
    match k {
        csv::DeserializeErrorKind::ParseFloat(_) => "a number",
        csv::DeserializeErrorKind::ParseInt(_) => "a whole number",
        csv::DeserializeErrorKind::ParseBool(_) => "true or false",
        _ => "a value of the column's type",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Table, TableError> {
        parse(text, "t.csv", &Options::default())
    }

    #[test]
    fn bom_quotes_comments_and_lines() {
        let t = p("\u{feff}# name=x\nA, b\n\n\"1,5\" , 2\n# mid\n3,\"q \"\"x\"\"\"\n").unwrap();
        assert_eq!(t.header, vec!["A", "b"]);
        assert_eq!(t.header_line, 2);
        assert_eq!(t.rows.len(), 2);
        assert_eq!((t.rows[0].line, t.rows[0].get(0)), (4, "1,5"));
        assert_eq!((t.rows[1].line, t.rows[1].get(1)), (6, "q \"x\""));
        assert_eq!(t.comments, vec![(1, "name=x".into()), (5, "mid".into())]);
        assert_eq!(t.column("a"), Some(0));
    }

    #[test]
    fn semicolons_and_errors_read_file_line_column() {
        let o = Options {
            delimiter: b';',
            ..Options::default()
        };
        let t = parse("x; y\n1; 2\n3; z\n", "s.txt", &o).unwrap();
        assert_eq!(t.rows[1].get(1), "z");
        let e = t.number(&t.rows[1], 1, |_| true, "a number").unwrap_err();
        assert_eq!(e.to_string(), "s.txt:3: y: `z`: expected a number");
        let e = p("a,b\n1\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv:2: 1 field(s): expected 2 as in the header"
        );
        let e = parse("a\n1\n2\n", "t.csv", &Options::rows(1)).unwrap_err();
        assert!(
            e.to_string().starts_with("t.csv:3: more than 1 rows"),
            "{e}"
        );
        assert!(p("").unwrap_err().to_string().contains("expected a header"));
        let e = p("a,b\n1,2\n")
            .unwrap()
            .expect_header(&["a", "c"])
            .unwrap_err();
        assert_eq!(e.to_string(), "t.csv:1: header `a,b`: expected `a,c`");
    }

    #[test]
    fn crlf_rows_name_their_own_line() {
        // issue #18: with CRLF line ends an error blamed the line before the bad one.
        let t = p("# c\r\na,b\r\n1,2\r\n\r\n3,x\r\n4,5\r\n").unwrap();
        assert_eq!(t.header_line, 2);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 5, 6]);
    }

    #[test]
    fn serde_records_name_the_column() {
        #[derive(Debug, serde::Deserialize)]
        struct R {
            b: f64,
            a: f64,
        }
        let t = p("a,b\n1,2\n3,x\n").unwrap();
        let e = t.records::<R>().unwrap_err();
        assert_eq!(e.to_string(), "t.csv:3: b: `x`: expected a number");
        let r = p("a,b\n1,2\n").unwrap().records::<R>().unwrap();
        assert_eq!((r[0].0, r[0].1.a, r[0].1.b), (2, 1.0, 2.0));
    }

    #[test]
    fn bounded_read_refuses_large_files_and_fifos_alike() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("big.csv");
        std::fs::write(&f, "a\n".repeat(100)).unwrap();
        let o = Options {
            max_bytes: 50,
            ..Options::default()
        };
        let e = read(&f, &o).unwrap_err();
        assert!(e.to_string().contains("more than 50 bytes"), "{e}");
        assert_eq!(read(&f, &Options::default()).unwrap().rows.len(), 99);
        // /dev/zero never ends: the bound stops the read.
        let e = read(Path::new("/dev/zero"), &o).unwrap_err();
        assert!(e.to_string().contains("more than 50 bytes"), "{e}");
        // A row limit bounds the bytes too: 10 rows, 10 × 1024 + 65,536 bytes.
        let e = read(Path::new("/dev/zero"), &Options::rows(10)).unwrap_err();
        assert!(e.to_string().contains("more than 75776 bytes"), "{e}");
    }
}
