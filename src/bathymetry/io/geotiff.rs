//! GeoTIFF reader over the `tiff` crate, and the writer of grids (over [`super::tiff_write`]).
//!
//! Georeferencing follows the OGC GeoTIFF standard 1.1 (OGC 19-008r4): ModelPixelScaleTag
//! (33550) + ModelTiepointTag (33922), or ModelTransformationTag (34264) without rotation; the
//! GeoKeyDirectoryTag (34735) gives GTModelTypeGeoKey (1024), GTRasterTypeGeoKey (1025: 1
//! PixelIsArea, 2 PixelIsPoint — tiepoints at cell centres, shifted by half a cell as GDAL does),
//! GeographicTypeGeoKey (2048) and ProjectedCSTypeGeoKey (3072) as EPSG codes. No data comes from
//! GDAL's private ASCII tag GDAL_NODATA (42113), compared in the sample type as GDAL does.
//!
//! Chunks (strips or tiles) are decoded in parallel: each rayon worker opens its own decoder on the
//! in-memory file and decodes one band of chunks (one chunk-height of rows) at a time.
//! [`summarise`] decodes the same chunks from the file, each worker with its own handle, and
//! keeps only their statistics, so its memory is a few chunks whatever the grid's size (as
//! `gdalinfo -stats` reads block by block).

use super::{format_err, io_err};
use crate::bathymetry::{BathyError, GeoTransform, Grid, GridSummary, Moments, SignConvention};
use crate::geodesy::Crs;
use rayon::prelude::*;
use std::io::{BufReader, Cursor, Read, Seek};
use std::path::Path;
use tiff::decoder::{ChunkType, Decoder, DecodingResult};
use tiff::tags::Tag;
use tiff::{ColorType, TiffError};

#[path = "geotiff_write.rs"]
mod write;
#[cfg(test)]
use write::geokey_directory;
pub use write::{encode_grid, encode_like};

const MODEL_PIXEL_SCALE: u16 = 33550;
const MODEL_TIEPOINT: u16 = 33922;
const MODEL_TRANSFORMATION: u16 = 34264;
const GEO_KEY_DIRECTORY: u16 = 34735;
const GDAL_NODATA: u16 = 42113;

const GT_MODEL_TYPE: u16 = 1024;
const GT_RASTER_TYPE: u16 = 1025;
const GEOGRAPHIC_TYPE: u16 = 2048;
const PROJECTED_CS_TYPE: u16 = 3072;
/// GeoTIFF's "user-defined" code: not an EPSG code.
const USER_DEFINED: u16 = 32767;

/// Reads a GeoTIFF: first image, one sample per pixel.
pub fn read(path: &Path) -> Result<Grid, BathyError> {
    let bytes = crate::fsutil::read_regular(path, super::MAX_GRID_FILE_BYTES)
        .map_err(|e| io_err(path, e))?;
    decode(path, &bytes)
}

/// Maps a `tiff` error to ours: unsupported features name themselves, the rest is a format error.
fn tiff_err(path: &Path, e: TiffError) -> BathyError {
    match e {
        TiffError::UnsupportedError(u) => BathyError::Unsupported {
            path: path.to_path_buf(),
            what: format!("TIFF feature: {u}"),
        },
        TiffError::IoError(io) => format_err(path, None, format!("not a readable TIFF: {io}")),
        other => format_err(path, None, format!("not a valid TIFF: {other}")),
    }
}

fn open<'a>(path: &Path, bytes: &'a [u8]) -> Result<Decoder<Cursor<&'a [u8]>>, BathyError> {
    Decoder::new(Cursor::new(bytes)).map_err(|e| tiff_err(path, e))
}

/// A decoder reading the file itself, through a buffer, for [`summarise`].
fn open_file(path: &Path) -> Result<(Decoder<BufReader<std::fs::File>>, u64), BathyError> {
    let (file, len) = crate::fsutil::open_regular(path).map_err(|e| io_err(path, e))?;
    let dec = Decoder::new(BufReader::new(file)).map_err(|e| tiff_err(path, e))?;
    Ok((dec, len))
}

/// The georeferencing found in the tags.
struct GeoRef {
    transform: GeoTransform,
    crs: Option<Crs>,
    nodata: Option<f64>,
}

/// The image as the header declares it, checked against the file before anything is allocated.
struct Layout {
    width: usize,
    height: usize,
    /// Chunk (strip or tile) width and height.
    cw: usize,
    ch: usize,
    /// Chunks across the image and in all.
    across: usize,
    chunks: usize,
    geo: GeoRef,
}

impl Layout {
    /// Columns and rows of chunk `index` that lie inside the image (the `tiff` crate returns the
    /// chunk cropped to them).
    fn extent_of(&self, index: usize) -> (usize, usize) {
        let x0 = (index % self.across) * self.cw;
        let y0 = (index / self.across) * self.ch;
        (self.cw.min(self.width - x0), self.ch.min(self.height - y0))
    }
}

/// Reads and checks the header: size within [`crate::bathymetry::MAX_CELLS`], sample type,
/// georeferencing, and chunks that lie in the `file_len`-byte file and can hold the cells.
fn layout<R: Read + Seek>(
    path: &Path,
    dec: &mut Decoder<R>,
    file_len: u64,
) -> Result<Layout, BathyError> {
    let (w, h) = dec.dimensions().map_err(|e| tiff_err(path, e))?;
    Grid::check_size(path, w as u64, h as u64)?;
    check_sample_type(path, dec)?;
    let geo = georef(path, dec)?;
    let (w, h) = (w as usize, h as usize);
    let (cw, ch) = dec.chunk_dimensions();
    let (cw, ch) = (cw as usize, ch as usize);
    if cw == 0 || ch == 0 {
        return Err(format_err(path, None, "chunk size of zero".into()));
    }
    let across = w.div_ceil(cw);
    let expected = across * h.div_ceil(ch);
    let count = match dec.get_chunk_type() {
        ChunkType::Strip => dec.strip_count(),
        ChunkType::Tile => dec.tile_count(),
    }
    .map_err(|e| tiff_err(path, e))? as usize;
    if count < expected {
        return Err(format_err(
            path,
            None,
            format!("{count} strips/tiles for a {w} × {h} image: expected {expected}"),
        ));
    }
    check_chunk_bytes(path, dec, file_len, (w * h) as u64, expected)?;
    Ok(Layout {
        width: w,
        height: h,
        cw,
        ch,
        across,
        chunks: expected,
        geo,
    })
}

/// Chunk `index` as f32 values (no data → NaN), cut to the `cols × rows` inside the image.
fn chunk_values<R: Read + Seek>(
    path: &Path,
    dec: &mut Decoder<R>,
    layout: &Layout,
    index: usize,
) -> Result<Vec<f32>, BathyError> {
    let (cols, rows) = layout.extent_of(index);
    let chunk = dec
        .read_chunk(index as u32)
        .map_err(|e| tiff_err(path, e))?;
    let mut values = to_f32(path, chunk, layout.geo.nodata)?;
    if values.len() < cols * rows {
        return Err(format_err(
            path,
            None,
            format!(
                "chunk {index} holds {} values, expected {}",
                values.len(),
                cols * rows
            ),
        ));
    }
    values.truncate(cols * rows);
    Ok(values)
}

/// Decodes a GeoTIFF held in memory.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<Grid, BathyError> {
    let l = layout(path, &mut open(path, bytes)?, bytes.len() as u64)?;
    let w = l.width;
    let mut data = vec![f32::NAN; w * l.height];
    data.par_chunks_mut(l.ch * w)
        .enumerate()
        .try_for_each_init(
            || open(path, bytes),
            |dec, (band, out)| {
                let dec = dec.as_mut().map_err(|e| clone_err(path, e))?;
                for i in 0..l.across {
                    let index = band * l.across + i;
                    let (cols, rows) = l.extent_of(index);
                    let values = chunk_values(path, dec, &l, index)?;
                    let x0 = i * l.cw;
                    for r in 0..rows {
                        out[r * w + x0..r * w + x0 + cols]
                            .copy_from_slice(&values[r * cols..(r + 1) * cols]);
                    }
                }
                Ok(())
            },
        )?;
    Ok(Grid {
        width: w,
        height: l.height,
        transform: l.geo.transform,
        crs: l.geo.crs,
        data,
        source_sign: SignConvention::ElevationUp,
        vertical_datum: None,
    })
}

/// The size, georeferencing and statistics of a GeoTIFF file, decoded chunk by chunk from disk
/// in parallel (each worker with its own file handle); no grid is allocated, so memory stays a
/// few chunks per worker.
pub fn summarise(path: &Path) -> Result<GridSummary, BathyError> {
    let (mut dec, len) = open_file(path)?;
    let l = layout(path, &mut dec, len)?;
    drop(dec);
    let moments = (0..l.chunks)
        .into_par_iter()
        .map_init(
            || open_file(path),
            |dec, index| {
                let (dec, _) = dec.as_mut().map_err(|e| clone_err(path, e))?;
                Ok(Moments::of(&chunk_values(path, dec, &l, index)?))
            },
        )
        .try_reduce(Moments::default, |a, b| Ok(a.merge(b)))?;
    Ok(GridSummary {
        width: l.width,
        height: l.height,
        transform: l.geo.transform,
        crs: l.geo.crs,
        source_sign: SignConvention::ElevationUp,
        stats: moments.stats(l.width * l.height),
    })
}

/// The largest decoded/stored ratio a compressed strip can reach \[E\]: deflate's limit is 1032:1
/// (RFC 1951: a 258-byte match per ≥ 2-bit code); LZW with 12-bit codes, PackBits (128:1) and
/// the rest stay below 4096:1. Uncompressed strips must hold every byte.
fn max_ratio(compression: u16) -> u64 {
    match compression {
        1 => 1,
        8 | 32946 => 1032,
        32773 => 128,
        _ => 4096,
    }
}

/// Before the grid is allocated from the header: every strip or tile lies inside the file (else
/// "strip N is truncated"), and the bytes stored can decode to the cells declared — a 322-byte
/// file declaring 32768² cells took 4.1 GB before this check.
fn check_chunk_bytes<R: Read + Seek>(
    path: &Path,
    dec: &mut Decoder<R>,
    file_len: u64,
    cells: u64,
    chunks: usize,
) -> Result<(), BathyError> {
    let tiled = matches!(dec.get_chunk_type(), ChunkType::Tile);
    let (offsets_tag, counts_tag, what) = if tiled {
        (Tag::TileOffsets, Tag::TileByteCounts, "tile")
    } else {
        (Tag::StripOffsets, Tag::StripByteCounts, "strip")
    };
    let read = |dec: &mut Decoder<R>, tag: Tag| {
        dec.find_tag_unsigned_vec::<u64>(tag)
            .map_err(|e| tiff_err(path, e))?
            .ok_or_else(|| format_err(path, None, format!("no {tag:?} tag")))
    };
    let offsets = read(dec, offsets_tag)?;
    let counts = read(dec, counts_tag)?;
    if offsets.len() < chunks || counts.len() < chunks {
        return Err(format_err(
            path,
            None,
            format!(
                "{} {what} offsets and {} byte counts: expected {chunks}",
                offsets.len(),
                counts.len()
            ),
        ));
    }
    for (i, (&o, &n)) in offsets.iter().zip(&counts).take(chunks).enumerate() {
        if o.saturating_add(n) > file_len {
            return Err(format_err(
                path,
                None,
                format!(
                    "{what} {i} (bytes {o} to {}) ends past the end of the {file_len}-byte file: \
                     truncated",
                    o.saturating_add(n)
                ),
            ));
        }
    }
    let stored: u64 = counts.iter().take(chunks).sum();
    let bits = match dec.colortype().map_err(|e| tiff_err(path, e))? {
        ColorType::Gray(b) => u64::from(b),
        _ => 8,
    };
    let compression = dec
        .find_tag_unsigned::<u16>(Tag::Compression)
        .map_err(|e| tiff_err(path, e))?
        .unwrap_or(1);
    let ratio = max_ratio(compression);
    let needed = (cells * bits / 8).div_ceil(ratio);
    if stored < needed {
        return Err(format_err(
            path,
            None,
            format!(
                "{stored} bytes of {what}s cannot hold the {cells} cells the header declares \
                 (compression {compression} expands at most {ratio}:1, so at least {needed} bytes \
                 are needed): truncated or corrupt header"
            ),
        ));
    }
    Ok(())
}

/// A worker's decoder failed to open although the first one opened: report the same error.
fn clone_err(path: &Path, e: &BathyError) -> BathyError {
    format_err(path, None, e.to_string())
}

/// Refuses anything but one sample per pixel of a real-valued type fathom can hold in f32.
fn check_sample_type<R: Read + Seek>(path: &Path, dec: &mut Decoder<R>) -> Result<(), BathyError> {
    let unsupported = |what: String| BathyError::Unsupported {
        path: path.to_path_buf(),
        what,
    };
    let formats: Vec<u16> = dec
        .find_tag_unsigned_vec(Tag::SampleFormat)
        .map_err(|e| tiff_err(path, e))?
        .unwrap_or_else(|| vec![1]);
    let kind = |f: u16| match f {
        1 => "unsigned integer",
        2 => "signed integer",
        3 => "IEEE floating point",
        4 => "untyped (void)",
        5 => "complex integer",
        6 => "complex floating point",
        _ => "unknown",
    };
    if let Some(&f) = formats.iter().find(|&&f| !(1..=3).contains(&f)) {
        return Err(unsupported(format!(
            "sample format {f} ({}): expected one band of integer or floating-point values",
            kind(f)
        )));
    }
    let samples: u16 = dec
        .find_tag_unsigned(Tag::SamplesPerPixel)
        .map_err(|e| tiff_err(path, e))?
        .unwrap_or(1);
    if samples != 1 {
        return Err(unsupported(format!(
            "{samples} samples per pixel: expected a single band of elevations"
        )));
    }
    let bits = match dec.colortype().map_err(|e| tiff_err(path, e))? {
        ColorType::Gray(b) => b,
        other => {
            return Err(unsupported(format!(
                "colour type {other:?}: expected a single band of elevations"
            )));
        }
    };
    let ok = matches!((formats[0], bits), (1 | 2, 8 | 16 | 32) | (3, 32 | 64));
    if !ok {
        return Err(unsupported(format!(
            "{bits}-bit {} samples: expected Float32, Float64, Int8/16/32 or UInt8/16/32",
            kind(formats[0])
        )));
    }
    Ok(())
}

/// Converts decoded samples to f32, no data (`GDAL_NODATA`, compared in the sample type) → NaN.
fn to_f32(path: &Path, chunk: DecodingResult, nodata: Option<f64>) -> Result<Vec<f32>, BathyError> {
    fn ints<T: Copy + Into<f64>>(v: Vec<T>, nodata: Option<f64>) -> Vec<f32> {
        v.into_iter()
            .map(|x| {
                let x: f64 = x.into();
                if Some(x) == nodata {
                    f32::NAN
                } else {
                    x as f32
                }
            })
            .collect()
    }
    Ok(match chunk {
        DecodingResult::F32(mut v) => {
            if let Some(nd) = nodata.map(|n| n as f32).filter(|n| !n.is_nan()) {
                v.iter_mut()
                    .filter(|x| **x == nd)
                    .for_each(|x| *x = f32::NAN);
            }
            v
        }
        DecodingResult::F64(v) => ints(v, nodata),
        DecodingResult::I8(v) => ints(v, nodata),
        DecodingResult::U8(v) => ints(v, nodata),
        DecodingResult::I16(v) => ints(v, nodata),
        DecodingResult::U16(v) => ints(v, nodata),
        DecodingResult::I32(v) => ints(v, nodata),
        DecodingResult::U32(v) => ints(v, nodata),
        other => {
            return Err(BathyError::Unsupported {
                path: path.to_path_buf(),
                what: format!("sample type {}", result_name(&other)),
            });
        }
    })
}

fn result_name(r: &DecodingResult) -> &'static str {
    match r {
        DecodingResult::U64(_) => "UInt64",
        DecodingResult::I64(_) => "Int64",
        DecodingResult::F16(_) => "Float16",
        _ => "other",
    }
}

fn f64_tag<R: Read + Seek>(
    path: &Path,
    dec: &mut Decoder<R>,
    tag: u16,
) -> Result<Option<Vec<f64>>, BathyError> {
    match dec
        .find_tag(Tag::Unknown(tag))
        .map_err(|e| tiff_err(path, e))?
    {
        None => Ok(None),
        Some(v) => v
            .into_f64_vec()
            .map(Some)
            .map_err(|_| format_err(path, None, format!("tag {tag}: expected DOUBLE values"))),
    }
}

/// Reads the model transform, CRS and no-data value from the GeoTIFF tags.
fn georef<R: Read + Seek>(path: &Path, dec: &mut Decoder<R>) -> Result<GeoRef, BathyError> {
    let keys = read_geokeys(path, dec)?;
    let key = |id: u16| keys.iter().find(|k| k.0 == id).map(|k| k.1);
    let scale = f64_tag(path, dec, MODEL_PIXEL_SCALE)?;
    let tie = f64_tag(path, dec, MODEL_TIEPOINT)?;
    let matrix = f64_tag(path, dec, MODEL_TRANSFORMATION)?;
    let (mut origin_x, mut origin_y, dx, dy) = match (scale, tie, matrix) {
        (Some(s), Some(t), _) if s.len() >= 2 && t.len() >= 6 => {
            // Tiepoint (I, J, K) ↔ (X, Y, Z); scale (Sx, Sy, Sz) with Y decreasing downwards.
            (t[3] - t[0] * s[0], t[4] + t[1] * s[1], s[0], s[1])
        }
        (_, _, Some(m)) if m.len() >= 16 => {
            if m[1] != 0.0 || m[4] != 0.0 {
                return Err(BathyError::Unsupported {
                    path: path.to_path_buf(),
                    what: "rotated or sheared ModelTransformationTag".into(),
                });
            }
            (m[3], m[7], m[0], -m[5])
        }
        _ => {
            return Err(format_err(
                path,
                None,
                "no georeferencing: expected ModelPixelScaleTag + ModelTiepointTag or \
                 ModelTransformationTag (is this a plain TIFF image?)"
                    .into(),
            ));
        }
    };
    if !(dx > 0.0 && dy > 0.0 && dx.is_finite() && dy.is_finite()) {
        return Err(BathyError::Unsupported {
            path: path.to_path_buf(),
            what: format!("pixel size {dx} × {dy} (only north-up grids with positive cell sizes)"),
        });
    }
    if key(GT_RASTER_TYPE) == Some(2) {
        // PixelIsPoint: the tiepoint is the centre of the first cell.
        origin_x -= dx / 2.0;
        origin_y += dy / 2.0;
    }
    let code = match key(GT_MODEL_TYPE) {
        Some(2) => key(GEOGRAPHIC_TYPE),
        _ => key(PROJECTED_CS_TYPE).or(key(GEOGRAPHIC_TYPE)),
    }
    .filter(|&c| c != 0 && c != USER_DEFINED);
    let crs = match code {
        Some(c) => Some(
            Crs::parse(&format!("EPSG:{c}")).map_err(|source| BathyError::Crs {
                path: path.to_path_buf(),
                source,
            })?,
        ),
        None => None,
    };
    let nodata = match dec
        .find_tag(Tag::Unknown(GDAL_NODATA))
        .map_err(|e| tiff_err(path, e))?
    {
        None => None,
        Some(v) => {
            let s = v.into_string().map_err(|_| {
                format_err(path, None, "GDAL_NODATA (tag 42113): expected ASCII".into())
            })?;
            let s = s.trim_matches(|c: char| c == '\0' || c.is_whitespace());
            Some(s.parse::<f64>().map_err(|_| {
                format_err(path, None, format!("GDAL_NODATA `{s}` is not a number"))
            })?)
        }
    };
    Ok(GeoRef {
        transform: GeoTransform {
            origin_x,
            origin_y,
            dx,
            dy,
        },
        crs,
        nodata,
    })
}

/// The GeoKeyDirectoryTag as (key id, short value) pairs; keys stored in other tags (doubles,
/// ASCII) are skipped, as fathom needs only short-valued keys.
fn read_geokeys<R: Read + Seek>(
    path: &Path,
    dec: &mut Decoder<R>,
) -> Result<Vec<(u16, u16)>, BathyError> {
    let Some(v) = dec
        .find_tag(Tag::Unknown(GEO_KEY_DIRECTORY))
        .map_err(|e| tiff_err(path, e))?
    else {
        return Ok(Vec::new());
    };
    let dir = v.into_u16_vec().map_err(|_| {
        format_err(
            path,
            None,
            "GeoKeyDirectoryTag: expected SHORT values".into(),
        )
    })?;
    if dir.len() < 4 {
        return Err(format_err(
            path,
            None,
            "GeoKeyDirectoryTag shorter than its header".into(),
        ));
    }
    let n = dir[3] as usize;
    if dir.len() < 4 + 4 * n {
        return Err(format_err(
            path,
            None,
            format!(
                "GeoKeyDirectoryTag announces {n} keys but holds {}",
                (dir.len() - 4) / 4
            ),
        ));
    }
    Ok(dir[4..4 + 4 * n]
        .chunks_exact(4)
        .filter(|k| k[1] == 0)
        .map(|k| (k[0], k[3]))
        .collect())
}

#[cfg(test)]
#[path = "geotiff_tests.rs"]
mod tests;
