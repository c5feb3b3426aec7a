//! ESRI ASCII grid (Arc/Info ASCII, GDAL driver `AAIGrid`) with its `.prj` beside it.
//!
//! Format (ESRI, "ESRI ASCII raster format", ArcGIS documentation; GDAL `frmt_various.html#AAIGrid`):
//! a header of `key value` lines — `ncols`, `nrows`, `xllcorner` or `xllcenter`, `yllcorner` or
//! `yllcenter`, `cellsize` (or GDAL's `dx`/`dy`), optional `nodata_value` — in any letter case,
//! then `nrows × ncols` numbers row by row from the north, separated by any whitespace (rows may
//! wrap across lines). The CRS, when present, is WKT in a `.prj` file of the same stem.

use super::{format_err, io_err};
use crate::bathymetry::{BathyError, GeoTransform, Grid, GridSummary, Moments, SignConvention};
use crate::geodesy::Crs;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// The parsed header.
#[derive(Debug, Default)]
struct Header {
    ncols: Option<u64>,
    nrows: Option<u64>,
    /// (value, is_center)
    xll: Option<(f64, bool)>,
    yll: Option<(f64, bool)>,
    cellsize: Option<f64>,
    dx: Option<f64>,
    dy: Option<f64>,
    /// Compared exactly, as parsed (the Florida grid uses `0.1`).
    nodata: Option<f64>,
}

/// Reads an ESRI ASCII grid and the CRS of its `.prj`, if any (the grid's CRS stays `None`
/// without one; [`super::read`] then asks for `--crs`). The file is parsed as it is read.
pub fn read(path: &Path) -> Result<Grid, BathyError> {
    let (file, len) = crate::fsutil::open_regular(path).map_err(|e| io_err(path, e))?;
    let mut grid = collect(path, BufReader::new(file), len)?;
    grid.crs = read_prj(path)?;
    Ok(grid)
}

/// Decodes grid bytes held in memory (no `.prj`); `path` is only used in messages.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<Grid, BathyError> {
    collect(path, bytes, bytes.len() as u64)
}

/// The size, georeferencing, `.prj` CRS and statistics of an ESRI ASCII grid, read value by value:
/// memory stays one batch of values whatever the grid's size.
pub fn summarise(path: &Path) -> Result<GridSummary, BathyError> {
    let (file, _) = crate::fsutil::open_regular(path).map_err(|e| io_err(path, e))?;
    let mut reader = AscReader::new(path, BufReader::new(file))?;
    let mut moments = Moments::default();
    reader.values(|batch| moments = moments.merge(Moments::of(batch)))?;
    Ok(GridSummary {
        width: reader.width,
        height: reader.height,
        transform: reader.transform,
        crs: read_prj(path)?,
        source_sign: SignConvention::ElevationUp,
        stats: moments.stats(reader.width * reader.height),
    })
}

/// The whole grid from `src` (`len` bytes: the values reserved are what the text can hold, ≥ 2
/// bytes each, not what the header claims).
fn collect(path: &Path, src: impl BufRead, len: u64) -> Result<Grid, BathyError> {
    let mut reader = AscReader::new(path, src)?;
    let n = reader.width * reader.height;
    let mut data = Vec::with_capacity(n.min(usize::try_from(len / 2 + 1).unwrap_or(n)));
    reader.values(|batch| data.extend_from_slice(batch))?;
    Ok(Grid {
        width: reader.width,
        height: reader.height,
        transform: reader.transform,
        crs: None,
        data,
        source_sign: SignConvention::ElevationUp,
        vertical_datum: None,
    })
}

/// The longest token read (bytes): far beyond any number's spelling, and what bounds the memory of
/// a file that is one endless "word".
const MAX_TOKEN: usize = 256;

/// Whitespace-separated tokens of a byte stream with their 1-based line numbers, read in pieces.
struct Tokens<R> {
    src: R,
    /// Line of the next byte.
    line: usize,
    /// The token read ahead by [`Tokens::peek`], with its line.
    ahead: Option<(usize, String)>,
    /// Whether the last byte consumed was a newline (for the line a truncated file ends on).
    after_newline: bool,
    started: bool,
}

impl<R: BufRead> Tokens<R> {
    fn new(src: R) -> Self {
        Tokens {
            src,
            line: 1,
            ahead: None,
            after_newline: true,
            started: false,
        }
    }

    /// The last line that held anything (what "the file ends at line N" points to).
    fn last_line(&self) -> usize {
        if self.after_newline {
            (self.line - 1).max(1)
        } else {
            self.line
        }
    }

    fn peek(&mut self, path: &Path) -> Result<Option<&(usize, String)>, BathyError> {
        if self.ahead.is_none() {
            self.ahead = self.next(path)?;
        }
        Ok(self.ahead.as_ref())
    }

    fn next(&mut self, path: &Path) -> Result<Option<(usize, String)>, BathyError> {
        let mut token = Vec::new();
        let Some(line) = self.read_into(path, &mut token)? else {
            return Ok(None);
        };
        String::from_utf8(token)
            .map(|t| Some((line, t)))
            .map_err(|_| format_err(path, Some(line), "not text (invalid UTF-8)".into()))
    }

    /// Reads the next token into `token` (cleared first) and returns its line; `None` at the end.
    /// A token read ahead by [`Tokens::peek`] comes first.
    fn read_into(&mut self, path: &Path, token: &mut Vec<u8>) -> Result<Option<usize>, BathyError> {
        token.clear();
        if let Some((line, t)) = self.ahead.take() {
            token.extend_from_slice(t.as_bytes());
            return Ok(Some(line));
        }
        if !self.started {
            self.started = true;
            // A UTF-8 byte-order mark (Windows editors) is not part of the `ncols` keyword.
            let buf = self.src.fill_buf().map_err(|e| io_err(path, e))?;
            if buf.starts_with(b"\xEF\xBB\xBF") {
                self.src.consume(3);
            }
        }
        let mut token_line = self.line;
        loop {
            let buf = self.src.fill_buf().map_err(|e| io_err(path, e))?;
            if buf.is_empty() {
                break;
            }
            let mut used = 0;
            let mut done = false;
            for &b in buf {
                if b.is_ascii_whitespace() {
                    if !token.is_empty() {
                        done = true;
                        break;
                    }
                    used += 1;
                    self.after_newline = b == b'\n' || (self.after_newline && b == b'\r');
                    if b == b'\n' {
                        self.line += 1;
                    }
                } else {
                    if token.is_empty() {
                        token_line = self.line;
                    }
                    if token.len() == MAX_TOKEN {
                        return Err(format_err(
                            path,
                            Some(self.line),
                            format!("a word longer than {MAX_TOKEN} bytes: expected numbers"),
                        ));
                    }
                    token.push(b);
                    used += 1;
                    self.after_newline = false;
                }
            }
            self.src.consume(used);
            if done {
                break;
            }
        }
        Ok((!token.is_empty()).then_some(token_line))
    }
}

/// An ESRI ASCII grid being read: the header is parsed by [`AscReader::new`], the values are
/// streamed by [`AscReader::values`].
struct AscReader<'p, R> {
    path: &'p Path,
    tokens: Tokens<R>,
    width: usize,
    height: usize,
    transform: GeoTransform,
    nodata: Option<f64>,
}

impl<'p, R: BufRead> AscReader<'p, R> {
    /// Reads and checks the header, refusing a size beyond [`crate::bathymetry::MAX_CELLS`].
    fn new(path: &'p Path, src: R) -> Result<Self, BathyError> {
        let mut tokens = Tokens::new(src);
        let mut header = Header::default();
        // Header: lines whose first token is a known key.
        while let Some((lineno, key)) = tokens.peek(path)?.cloned() {
            if !key.starts_with(|c: char| c.is_ascii_alphabetic()) || key.parse::<f64>().is_ok() {
                break; // first data line ("nan" parses as a number, so it is data)
            }
            tokens.next(path)?;
            let value = match tokens.next(path)? {
                Some((l, v)) if l == lineno => v,
                _ => {
                    return Err(format_err(
                        path,
                        Some(lineno),
                        format!("header key `{key}` has no value"),
                    ));
                }
            };
            if let Some((l, extra)) = tokens.peek(path)?
                && *l == lineno
            {
                return Err(format_err(
                    path,
                    Some(lineno),
                    format!(
                        "unexpected `{extra}` after `{key} {value}` (one value per header line)"
                    ),
                ));
            }
            header.set(path, lineno, &key, &value)?;
        }
        let missing = |k: &str| format_err(path, None, format!("header lacks `{k}`"));
        let ncols = header.ncols.ok_or_else(|| missing("ncols"))?;
        let nrows = header.nrows.ok_or_else(|| missing("nrows"))?;
        let (xll, x_center) = header.xll.ok_or_else(|| missing("xllcorner"))?;
        let (yll, y_center) = header.yll.ok_or_else(|| missing("yllcorner"))?;
        let (dx, dy) = match (header.cellsize, header.dx, header.dy) {
            (Some(c), _, _) => (c, c),
            (None, Some(dx), Some(dy)) => (dx, dy),
            _ => return Err(missing("cellsize")),
        };
        if !(dx > 0.0 && dy > 0.0) {
            return Err(format_err(
                path,
                None,
                format!("cell size {dx} × {dy}: expected positive numbers"),
            ));
        }
        Grid::check_size(path, ncols, nrows)?;
        let origin_x = if x_center { xll - dx / 2.0 } else { xll };
        let south = if y_center { yll - dy / 2.0 } else { yll };
        Ok(AscReader {
            path,
            tokens,
            width: ncols as usize,
            height: nrows as usize,
            transform: GeoTransform {
                origin_x,
                origin_y: south + nrows as f64 * dy,
                dx,
                dy,
            },
            nodata: header.nodata,
        })
    }

    /// Streams the values row by row from the north, no data as NaN, in batches to `sink`;
    /// refuses a value that is not a finite number, and more or fewer values than the header's.
    fn values(&mut self, mut sink: impl FnMut(&[f32])) -> Result<(), BathyError> {
        const BATCH: usize = 1 << 16;
        let path = self.path;
        let n = self.width * self.height;
        let (ncols, nrows) = (self.width, self.height);
        let mut batch = Vec::with_capacity(BATCH.min(n));
        let mut count = 0usize;
        let mut bytes = Vec::with_capacity(MAX_TOKEN);
        while let Some(line) = self.tokens.read_into(path, &mut bytes)? {
            let token = std::str::from_utf8(&bytes)
                .map_err(|_| format_err(path, Some(line), "not text (invalid UTF-8)".into()))?;
            let v: f64 = token.parse().map_err(|_| {
                format_err(
                    path,
                    Some(line),
                    format!("`{token}` is not a number (value {} of {n})", count + 1),
                )
            })?;
            if count == n {
                return Err(format_err(
                    path,
                    Some(line),
                    format!("more values than the header's {ncols} × {nrows} = {n}"),
                ));
            }
            let is_nodata = self.nodata == Some(v) || v.is_nan();
            if !is_nodata && !(v as f32).is_finite() {
                return Err(format_err(
                    path,
                    Some(line),
                    format!(
                        "`{token}` (value {} of {n}): expected a finite elevation",
                        count + 1
                    ),
                ));
            }
            batch.push(if is_nodata { f32::NAN } else { v as f32 });
            count += 1;
            if batch.len() == BATCH {
                sink(&batch);
                batch.clear();
            }
        }
        sink(&batch);
        if count < n {
            return Err(format_err(
                path,
                Some(self.tokens.last_line()),
                format!("file ends after {count} of {ncols} × {nrows} = {n} values (truncated?)"),
            ));
        }
        Ok(())
    }
}

impl Header {
    /// Records header line `lineno`: `key value`.
    fn set(
        &mut self,
        path: &Path,
        lineno: usize,
        key: &str,
        value: &str,
    ) -> Result<(), BathyError> {
        let num = |what: &str| -> Result<f64, BathyError> {
            value
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    format_err(
                        path,
                        Some(lineno),
                        format!("`{key}` value `{value}` is not {what}"),
                    )
                })
        };
        let count = || -> Result<u64, BathyError> {
            value.parse::<u64>().map_err(|_| {
                format_err(
                    path,
                    Some(lineno),
                    format!("`{key}` value `{value}` is not a whole number of cells"),
                )
            })
        };
        match key.to_ascii_lowercase().as_str() {
            "ncols" => self.ncols = Some(count()?),
            "nrows" => self.nrows = Some(count()?),
            "xllcorner" => self.xll = Some((num("a number")?, false)),
            "xllcenter" => self.xll = Some((num("a number")?, true)),
            "yllcorner" => self.yll = Some((num("a number")?, false)),
            "yllcenter" => self.yll = Some((num("a number")?, true)),
            "cellsize" => self.cellsize = Some(num("a number")?),
            "dx" => self.dx = Some(num("a number")?),
            "dy" => self.dy = Some(num("a number")?),
            // GDAL writes `NODATA_value nan` for a Float32 band whose no-data is NaN.
            "nodata_value" if value.eq_ignore_ascii_case("nan") => self.nodata = Some(f64::NAN),
            "nodata_value" => self.nodata = Some(num("a number")?),
            _ => {
                return Err(format_err(
                    path,
                    Some(lineno),
                    format!(
                        "unknown header key `{key}` (expected ncols, nrows, xllcorner/xllcenter, \
                         yllcorner/yllcenter, cellsize, nodata_value)"
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The `.prj` beside `path` (`.prj` or `.PRJ`), parsed; `None` when there is none.
pub(super) fn read_prj(path: &Path) -> Result<Option<Crs>, BathyError> {
    let Some(prj) = prj_path(path) else {
        return Ok(None);
    };
    let text = crate::fsutil::read_regular_text(&prj, 1 << 20).map_err(|e| io_err(&prj, e))?;
    Crs::parse(&text)
        .map(Some)
        .map_err(|source| BathyError::Crs { path: prj, source })
}

fn prj_path(path: &Path) -> Option<PathBuf> {
    ["prj", "PRJ"]
        .into_iter()
        .map(|e| path.with_extension(e))
        .find(|p| p.is_file())
}

/// The no-data marker written: −9999 (GDAL's and ESRI's usual choice), or another value when a
/// valid cell already holds −9999.
fn nodata_marker(grid: &Grid) -> f32 {
    [-9999.0f32, -99999.0, f32::MIN]
        .into_iter()
        .find(|m| !grid.data.contains(m))
        .unwrap_or(f32::MIN)
}

/// Encodes `grid` as ESRI ASCII: header, then one line per row, values in the shortest form that
/// reads back to the same f32, no data as the `NODATA_value` marker.
pub fn encode(grid: &Grid) -> Vec<u8> {
    let t = &grid.transform;
    let nodata = nodata_marker(grid);
    let mut s = String::with_capacity(grid.data.len() * 8 + 200);
    let _ = writeln!(s, "ncols        {}", grid.width);
    let _ = writeln!(s, "nrows        {}", grid.height);
    let _ = writeln!(s, "xllcorner    {}", t.origin_x);
    let _ = writeln!(s, "yllcorner    {}", t.origin_y - grid.height as f64 * t.dy);
    if t.dx == t.dy {
        let _ = writeln!(s, "cellsize     {}", t.dx);
    } else {
        let _ = writeln!(s, "dx           {}", t.dx);
        let _ = writeln!(s, "dy           {}", t.dy);
    }
    let _ = writeln!(s, "NODATA_value {nodata}");
    for row in grid.data.chunks(grid.width.max(1)) {
        for (i, v) in row.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            let v = if v.is_nan() { nodata } else { *v };
            let _ = write!(s, "{v}");
        }
        s.push('\n');
    }
    s.into_bytes()
}

/// Writes the `.prj` for an ESRI ASCII grid: the CRS as ESRI-dialect WKT 1, as ArcGIS and GDAL's
/// AAIGrid driver write it.
pub fn write_prj(crs: &Crs, path: &Path) -> Result<(), BathyError> {
    let wkt = crs.to_esri_wkt().map_err(|source| BathyError::Crs {
        path: path.to_path_buf(),
        source,
    })?;
    crate::fsutil::write_atomic(path, wkt.as_bytes()).map_err(|e| io_err(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("t.asc")
    }

    fn parse(path: &Path, text: &str) -> Result<Grid, BathyError> {
        decode(path, text.as_bytes())
    }

    #[test]
    fn lower_case_keys_centres_and_wrapped_rows() {
        let g = parse(
            p(),
            "ncols 3\nNROWS 2\nxllcenter 105\nYllCenter 205\ncellsize 10\nnodata_value 0.1\n  1 2\n 3 0.1 \n5 6\n",
        )
        .unwrap();
        assert_eq!((g.width, g.height), (3, 2));
        assert_eq!(g.transform.origin_x, 100.0);
        assert_eq!(g.transform.origin_y, 220.0);
        assert_eq!(&g.data[..3], &[1.0, 2.0, 3.0]);
        assert!(g.data[3].is_nan());
        assert_eq!(&g.data[4..], &[5.0, 6.0]);
    }

    #[test]
    fn nodata_compared_exactly() {
        let g = parse(
            p(),
            "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\nnodata_value 0.1\n0.10000001 0.1\n",
        )
        .unwrap();
        assert!(!g.data[0].is_nan());
        assert!(g.data[1].is_nan());
    }

    #[test]
    fn nan_nodata_as_gdal_writes_it() {
        let g = parse(
            p(),
            "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\nNODATA_value  nan\nnan -3.5\n",
        )
        .unwrap();
        assert!(g.data[0].is_nan());
        assert_eq!(g.data[1], -3.5);
    }

    #[test]
    fn dx_dy_and_no_nodata() {
        let g = parse(
            p(),
            "ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ndx 2\ndy 3\n-4\n",
        )
        .unwrap();
        assert_eq!(
            (g.transform.dx, g.transform.dy, g.transform.origin_y),
            (2.0, 3.0, 3.0)
        );
        assert_eq!(g.data, vec![-4.0]);
    }

    fn err(text: &str) -> String {
        parse(p(), text).unwrap_err().to_string()
    }

    const HEAD: &str = "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n";

    #[test]
    fn bad_inputs_name_the_line() {
        let e = err(&format!("{HEAD}1 2\n3 x4\n"));
        assert!(
            e.contains("t.asc:7") && e.contains("`x4` is not a number"),
            "{e}"
        );
        let e = err(&format!("{HEAD}1 2\n3\n"));
        assert!(e.contains("truncated") && e.contains("after 3 of"), "{e}");
        let e = err(&format!("{HEAD}1 2\n3 4 5\n"));
        assert!(e.contains("t.asc:7") && e.contains("more values"), "{e}");
        let e = err("ncols 2\nnrows 2\nxllcorner 0\ncellsize 1\n1 2 3 4\n");
        assert!(e.contains("lacks `yllcorner`"), "{e}");
        let e = err(&format!("{HEAD}1 2\n3 inf\n"));
        assert!(
            e.contains("t.asc:7") && e.contains("`inf` (value 4 of 4): expected a finite"),
            "{e}"
        );
        let e = err(&format!("{HEAD}1 2\n3 1e39\n"));
        assert!(e.contains("expected a finite elevation"), "{e}");
        let e = err("ncols 2.5\n");
        assert!(e.contains("t.asc:1") && e.contains("whole number"), "{e}");
        let e = err("ncols 2\nbanana 3\n");
        assert!(
            e.contains("t.asc:2") && e.contains("unknown header key"),
            "{e}"
        );
        let e = err("ncols 1000000\nnrows 1000000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1\n");
        assert!(e.contains("refusing to allocate"), "{e}");
        let e = err("ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize -1\n1\n");
        assert!(e.contains("expected positive"), "{e}");
    }

    #[test]
    fn encode_round_trips_exactly() {
        let t = GeoTransform {
            origin_x: 641020.0,
            origin_y: 5912720.0,
            dx: 30.0,
            dy: 30.0,
        };
        let mut g = Grid::filled(3, 2, t, 0.0);
        g.data = vec![-40.57, 0.1, f32::NAN, 1e-7, -9999.5, 3.2299998];
        let text = String::from_utf8(encode(&g)).unwrap();
        assert!(text.contains("NODATA_value -9999\n"), "{text}");
        assert!(text.contains("-40.57 0.1 -9999\n"), "{text}");
        let back = parse(p(), &text).unwrap();
        assert_eq!(back.transform, g.transform);
        for (a, b) in g.data.iter().zip(&back.data) {
            assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()));
        }
    }

    #[test]
    fn nodata_marker_avoids_valid_values() {
        let mut g = Grid::filled(
            2,
            1,
            GeoTransform {
                origin_x: 0.0,
                origin_y: 1.0,
                dx: 1.0,
                dy: 1.0,
            },
            -9999.0,
        );
        g.data[1] = f32::NAN;
        let back = parse(p(), std::str::from_utf8(&encode(&g)).unwrap()).unwrap();
        assert_eq!(back.data[0], -9999.0);
        assert!(back.data[1].is_nan());
    }
}
