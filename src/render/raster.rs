//! An RGBA raster with the few drawing primitives the site map needs: alpha blending and
//! anti-aliased lines, and PNG encoding.

use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};

/// An 8-bit RGBA image (unpremultiplied, row 0 at the top).
#[derive(Clone, Debug, PartialEq)]
pub struct Raster {
    /// Width (px).
    pub width: usize,
    /// Height (px).
    pub height: usize,
    /// `width × height × 4` bytes, row-major.
    pub rgba: Vec<u8>,
}

impl Raster {
    /// A raster filled with one colour.
    pub fn new(width: usize, height: usize, fill: [u8; 4]) -> Self {
        Raster {
            width,
            height,
            rgba: fill.repeat(width * height),
        }
    }

    /// Sets pixel (`x`, `y`) to an opaque colour.
    pub fn set(&mut self, x: usize, y: usize, rgb: [u8; 3]) {
        let o = (y * self.width + x) * 4;
        self.rgba[o..o + 3].copy_from_slice(&rgb);
        self.rgba[o + 3] = 255;
    }

    /// Blends `rgb` over pixel (`x`, `y`) with opacity `alpha` ∈ [0, 1] (the "over" operator,
    /// Porter & Duff 1984). Pixels outside the raster are ignored.
    pub fn blend(&mut self, x: i64, y: i64, rgb: [u8; 3], alpha: f32) {
        if x < 0 || y < 0 || x >= self.width as i64 || y >= self.height as i64 || alpha <= 0.0 {
            return;
        }
        let a = alpha.min(1.0);
        let o = (y as usize * self.width + x as usize) * 4;
        let da = self.rgba[o + 3] as f32 / 255.0;
        let out_a = a + da * (1.0 - a);
        for (dst, src) in self.rgba[o..o + 3].iter_mut().zip(rgb) {
            let v = (src as f32 * a + *dst as f32 * da * (1.0 - a)) / out_a.max(1e-6);
            *dst = v.round().clamp(0.0, 255.0) as u8;
        }
        self.rgba[o + 3] = (out_a * 255.0).round() as u8;
    }

    /// Draws an anti-aliased line of width one pixel from (`x0`, `y0`) to (`x1`, `y1`) (pixel
    /// coordinates, centres at +0.5) by Xiaolin Wu's algorithm (Wu 1991, "An efficient
    /// antialiasing technique", SIGGRAPH '91): each step covers the two pixels straddling the
    /// ideal line with weights by distance.
    pub fn line(&mut self, p0: (f64, f64), p1: (f64, f64), rgb: [u8; 3], alpha: f32) {
        let (mut x0, mut y0, mut x1, mut y1) = (p0.0 - 0.5, p0.1 - 0.5, p1.0 - 0.5, p1.1 - 0.5);
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            return;
        }
        let steep = (y1 - y0).abs() > (x1 - x0).abs();
        if steep {
            std::mem::swap(&mut x0, &mut y0);
            std::mem::swap(&mut x1, &mut y1);
        }
        if x0 > x1 {
            std::mem::swap(&mut x0, &mut x1);
            std::mem::swap(&mut y0, &mut y1);
        }
        let limit = (self.width.max(self.height) + 2) as f64;
        let gradient = if x1 - x0 < 1e-12 {
            0.0
        } else {
            (y1 - y0) / (x1 - x0)
        };
        let start = x0.round().max(-1.0);
        let end = x1.round().min(limit);
        let mut plot = |a: i64, b: i64, w: f64| {
            let (x, y) = if steep { (b, a) } else { (a, b) };
            self.blend(x, y, rgb, alpha * w as f32);
        };
        let mut x = start;
        while x <= end {
            let y = y0 + gradient * (x - x0);
            let yf = y.floor();
            let frac = y - yf;
            plot(x as i64, yf as i64, 1.0 - frac);
            plot(x as i64, yf as i64 + 1, frac);
            x += 1.0;
        }
    }

    /// Encodes the raster as PNG (fast deflate: the map is photographic, a smaller file is not
    /// worth the time).
    pub fn to_png(&self) -> Result<Vec<u8>, image::ImageError> {
        let mut out = Vec::new();
        PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Sub)
            .write_image(
                &self.rgba,
                self.width as u32,
                self.height as u32,
                image::ExtendedColorType::Rgba8,
            )?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blend_over_opaque_and_line_covers_its_pixels() {
        let mut r = Raster::new(10, 10, [255, 255, 255, 255]);
        r.blend(0, 0, [0, 0, 0], 0.5);
        assert_eq!(&r.rgba[0..4], &[128, 128, 128, 255]);
        r.line((0.5, 5.5), (9.5, 5.5), [0, 0, 0], 1.0);
        for x in 0..10 {
            assert_eq!(r.rgba[(5 * 10 + x) * 4], 0, "pixel {x}");
        }
        // A diagonal line darkens the diagonal, not the far corner.
        r.line((0.5, 0.5), (9.5, 9.5), [0, 0, 0], 1.0);
        assert_eq!(r.rgba[(9 * 10 + 9) * 4], 0);
        assert_eq!(r.rgba[(9 * 10) * 4], 255);
        let png = r.to_png().unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
}
