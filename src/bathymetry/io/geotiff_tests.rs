//! Unit tests of the GeoTIFF reader and writer (files made with the `tiff` encoder).

use super::*;
use tiff::encoder::TiffEncoder;
use tiff::encoder::colortype::{self, ColorType as EncColor};
use tiff::tags::{PhotometricInterpretation, SampleFormat};

fn p() -> &'static Path {
    Path::new("t.tif")
}

fn sample_grid(w: usize, h: usize) -> Grid {
    let t = GeoTransform {
        origin_x: 641020.0,
        origin_y: 5912720.0,
        dx: 30.0,
        dy: 25.0,
    };
    let mut g = Grid::filled(w, h, t, 0.0);
    for (i, v) in g.data.iter_mut().enumerate() {
        *v = -40.57 + (i % 97) as f32 * 0.431;
    }
    g.data[1] = f32::NAN;
    g.crs = Some(Crs::epsg(32631));
    g
}

#[test]
fn round_trip_is_lossless() {
    let g = sample_grid(300, 217); // several strips, last one partial
    let bytes = encode_grid(&g, p()).unwrap();
    let back = decode(p(), &bytes).unwrap();
    assert_eq!((back.width, back.height), (300, 217));
    assert_eq!(back.transform, g.transform);
    assert_eq!(back.crs, Some(Crs::epsg(32631)));
    for (a, b) in g.data.iter().zip(&back.data) {
        assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()));
    }
}

#[test]
fn geographic_crs_uses_geographic_key() {
    let mut g = sample_grid(4, 3);
    g.crs = Some(Crs::epsg(4326));
    let keys = geokey_directory(g.crs.as_ref(), p()).unwrap();
    assert_eq!(&keys[4..8], &[GT_MODEL_TYPE, 0, 1, 2]);
    assert_eq!(&keys[12..16], &[GEOGRAPHIC_TYPE, 0, 1, 4326]);
    let back = decode(p(), &encode_grid(&g, p()).unwrap()).unwrap();
    assert_eq!(back.crs, Some(Crs::epsg(4326)));
}

/// Writes a georeferenced TIFF of colour type `C` with the given extra tags.
fn tiff_with<C: EncColor>(
    w: u32,
    h: u32,
    data: &[C::Inner],
    raster_type: u16,
    nodata: Option<&str>,
) -> Vec<u8>
where
    [C::Inner]: tiff::encoder::TiffValue,
{
    let mut buf = Cursor::new(Vec::new());
    let mut enc = TiffEncoder::new(&mut buf).unwrap();
    let mut img = enc.new_image::<C>(w, h).unwrap();
    let e = img.encoder();
    e.write_tag(Tag::Unknown(MODEL_PIXEL_SCALE), &[2.0, 3.0, 0.0][..])
        .unwrap();
    e.write_tag(
        Tag::Unknown(MODEL_TIEPOINT),
        &[0.0, 0.0, 0.0, 100.0, 200.0, 0.0][..],
    )
    .unwrap();
    let keys: [u16; 16] = [
        1,
        1,
        0,
        3,
        1024,
        0,
        1,
        1,
        1025,
        0,
        1,
        raster_type,
        3072,
        0,
        1,
        3035,
    ];
    e.write_tag(Tag::Unknown(GEO_KEY_DIRECTORY), &keys[..])
        .unwrap();
    if let Some(nd) = nodata {
        e.write_tag(Tag::Unknown(GDAL_NODATA), nd).unwrap();
    }
    img.write_data(data).unwrap();
    buf.into_inner()
}

#[test]
fn integer_types_nodata_and_pixel_is_point() {
    let bytes = tiff_with::<colortype::GrayI16>(3, 2, &[-5, -9999, 7, 1, 2, 3], 2, Some("-9999"));
    let g = decode(p(), &bytes).unwrap();
    assert_eq!(g.crs, Some(Crs::epsg(3035)));
    // PixelIsPoint: the tiepoint is the first cell's centre.
    assert_eq!((g.transform.origin_x, g.transform.origin_y), (99.0, 201.5));
    assert_eq!(g.data[0], -5.0);
    assert!(g.data[1].is_nan());
    assert_eq!(&g.data[2..], &[7.0, 1.0, 2.0, 3.0]);

    let g = decode(
        p(),
        &tiff_with::<colortype::GrayI32>(2, 1, &[-70000, 5], 1, None),
    )
    .unwrap();
    assert_eq!(g.data, vec![-70000.0, 5.0]);
    assert_eq!((g.transform.origin_x, g.transform.origin_y), (100.0, 200.0));
    let g = decode(
        p(),
        &tiff_with::<colortype::Gray16>(2, 1, &[65535, 5], 1, Some("65535")),
    )
    .unwrap();
    assert!(g.data[0].is_nan() && g.data[1] == 5.0);
    let g = decode(
        p(),
        &tiff_with::<colortype::Gray64Float>(2, 1, &[-1.25, 1e300], 1, None),
    )
    .unwrap();
    assert_eq!(g.data[0], -1.25);
    assert!(g.data[1].is_infinite());
    let g = decode(p(), &tiff_with::<colortype::Gray8>(1, 1, &[200], 1, None)).unwrap();
    assert_eq!(g.data, vec![200.0]);
}

/// A two-band Float32 pixel (what a complex or a 2-band GeoTIFF looks like to a reader).
struct TwoBand;
impl EncColor for TwoBand {
    type Inner = f32;
    const TIFF_VALUE: PhotometricInterpretation = PhotometricInterpretation::BlackIsZero;
    const BITS_PER_SAMPLE: &'static [u16] = &[32, 32];
    const SAMPLE_FORMAT: &'static [SampleFormat] = &[SampleFormat::IEEEFP, SampleFormat::IEEEFP];
    fn horizontal_predict(row: &[f32], result: &mut Vec<f32>) {
        result.extend_from_slice(row);
    }
}

/// Complex Float32 (SampleFormat 6, CFloat32 in GDAL).
struct Complex;
impl EncColor for Complex {
    type Inner = u64;
    const TIFF_VALUE: PhotometricInterpretation = PhotometricInterpretation::BlackIsZero;
    const BITS_PER_SAMPLE: &'static [u16] = &[64];
    const SAMPLE_FORMAT: &'static [SampleFormat] = &[SampleFormat::Unknown(6)];
    fn horizontal_predict(row: &[u64], result: &mut Vec<u64>) {
        result.extend_from_slice(row);
    }
}

/// One bit per pixel.
struct Bilevel;
impl EncColor for Bilevel {
    type Inner = u8;
    const TIFF_VALUE: PhotometricInterpretation = PhotometricInterpretation::BlackIsZero;
    const BITS_PER_SAMPLE: &'static [u16] = &[1];
    const SAMPLE_FORMAT: &'static [SampleFormat] = &[SampleFormat::Uint];
    fn horizontal_predict(row: &[u8], result: &mut Vec<u8>) {
        result.extend_from_slice(row);
    }
}

#[test]
fn unsupported_sample_formats_are_named() {
    let unsupported = |bytes: Vec<u8>| match decode(p(), &bytes) {
        Err(BathyError::Unsupported { what, .. }) => what,
        other => panic!("expected Unsupported, got {other:?}"),
    };
    let what = unsupported(tiff_with::<TwoBand>(2, 1, &[1.0, 2.0, 3.0, 4.0], 1, None));
    assert!(what.contains("2 samples per pixel"), "{what}");
    let what = unsupported(tiff_with::<Complex>(2, 1, &[1, 2], 1, None));
    assert!(what.contains("complex"), "{what}");
    let what = unsupported(tiff_with::<Bilevel>(8, 1, &[0; 8], 1, None));
    assert!(what.contains("1-bit"), "{what}");
    let what = unsupported(tiff_with::<colortype::Gray64>(1, 1, &[1], 1, None));
    assert!(what.contains("64-bit unsigned"), "{what}");
}

#[test]
fn bad_files_give_format_errors() {
    let e = decode(p(), b"II*\0garbage").unwrap_err().to_string();
    assert!(e.starts_with("t.tif:") && e.contains("TIFF"), "{e}");
    let e = decode(p(), b"not a tiff at all").unwrap_err().to_string();
    assert!(e.contains("not a valid TIFF"), "{e}");
    // Truncated: the strip data is cut off.
    let full = encode_grid(&sample_grid(64, 64), p()).unwrap();
    let e = decode(p(), &full[..full.len() / 2])
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("t.tif:"), "{e}");
    // A plain TIFF without georeferencing.
    let mut buf = Cursor::new(Vec::new());
    TiffEncoder::new(&mut buf)
        .unwrap()
        .write_image::<colortype::Gray32Float>(1, 1, &[1.0])
        .unwrap();
    let e = decode(p(), &buf.into_inner()).unwrap_err().to_string();
    assert!(e.contains("no georeferencing"), "{e}");
}

/// Rewrites tag `tag` of a little-endian TIFF's first IFD as one LONG `value` (a header that
/// lies about the image).
fn patch(bytes: &mut [u8], tag: u16, value: u32) {
    let ifd = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
    let n = u16::from_le_bytes(bytes[ifd..ifd + 2].try_into().unwrap()) as usize;
    for i in 0..n {
        let e = ifd + 2 + 12 * i;
        if u16::from_le_bytes(bytes[e..e + 2].try_into().unwrap()) == tag {
            bytes[e + 2..e + 4].copy_from_slice(&4u16.to_le_bytes()); // LONG
            bytes[e + 4..e + 8].copy_from_slice(&1u32.to_le_bytes());
            bytes[e + 8..e + 12].copy_from_slice(&value.to_le_bytes());
        }
    }
}

#[test]
fn hostile_size_refused_before_decoding() {
    // A 1 × 1 image whose ImageWidth/ImageLength we patch to 2^20 × 2^20.
    let mut bytes = tiff_with::<colortype::Gray32Float>(1, 1, &[1.0], 1, None);
    patch(&mut bytes, 256, 1 << 20);
    patch(&mut bytes, 257, 1 << 20);
    patch(&mut bytes, 278, 1 << 20); // RowsPerStrip: still one strip
    match decode(p(), &bytes) {
        Err(BathyError::TooLarge { width, height, .. }) => {
            assert_eq!((width, height), (1 << 20, 1 << 20))
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn header_larger_than_its_strips_is_refused_before_allocating() {
    // issue #18: a 322-byte file declaring 32768² cells took 4.1 GB before the decoder failed.
    let mut bytes = tiff_with::<colortype::Gray32Float>(1, 1, &[1.0], 1, None);
    patch(&mut bytes, 256, 32768);
    patch(&mut bytes, 257, 32768);
    patch(&mut bytes, 278, 32768); // RowsPerStrip: one strip
    let e = decode(p(), &bytes).unwrap_err().to_string();
    assert!(
        e.starts_with("t.tif:") && e.contains("cannot hold the 1073741824 cells"),
        "{e}"
    );
}

#[test]
fn a_truncated_strip_is_named() {
    let full = encode_grid(&sample_grid(64, 64), p()).unwrap();
    let e = decode(p(), &full[..full.len() - 10])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("strip") && e.contains("ends past the end") && e.contains("truncated"),
        "{e}"
    );
}

#[test]
fn model_transformation_tag_without_rotation() {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut enc = TiffEncoder::new(&mut buf).unwrap();
        let mut img = enc.new_image::<colortype::Gray32Float>(2, 2).unwrap();
        let m = [
            5.0, 0.0, 0.0, 1000.0, 0.0, -4.0, 0.0, 2000.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0,
        ];
        let e = img.encoder();
        e.write_tag(Tag::Unknown(MODEL_TRANSFORMATION), &m[..])
            .unwrap();
        img.write_data(&[1.0, 2.0, 3.0, 4.0]).unwrap();
    }
    let g = decode(p(), &buf.into_inner()).unwrap();
    assert_eq!(
        g.transform,
        GeoTransform {
            origin_x: 1000.0,
            origin_y: 2000.0,
            dx: 5.0,
            dy: 4.0
        }
    );
    assert_eq!(g.crs, None); // no GeoKeys: io::read then asks for --crs
}
