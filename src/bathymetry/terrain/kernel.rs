//! The 3 × 3 window loop shared by every terrain derivative, and a fast arctangent.
//!
//! Cells are numbered as in GDAL's `gdaldem` (apps/gdaldem_lib.cpp):
//!
//! ```text
//!   0 1 2     up row    (north)
//!   3 4 5     mid row
//!   6 7 8     down row  (south)
//! ```
//!
//! Horn's (1981) sums are formed in f32 in the same order as gdaldem, so results agree with it to
//! the last bits of the arithmetic that follows.

use crate::progress::{Counter, Report};
use rayon::prelude::*;

/// The nine window values of one cell.
#[derive(Clone, Copy, Debug)]
pub struct Cells3x3 {
    pub w: [f32; 9],
}

impl Cells3x3 {
    /// Horn's west-minus-east sum: (z0 + 2·z3 + z6) − (z2 + 2·z5 + z8); divide by 8·Δx for −∂z/∂x.
    #[inline(always)]
    pub fn horn_x(&self) -> f32 {
        let w = &self.w;
        (w[0] + w[3] + w[3] + w[6]) - (w[2] + w[5] + w[5] + w[8])
    }

    /// Horn's south-minus-north sum: (z6 + 2·z7 + z8) − (z0 + 2·z1 + z2); divide by 8·Δy for
    /// −∂z/∂y (y north).
    #[inline(always)]
    pub fn horn_y(&self) -> f32 {
        let w = &self.w;
        (w[6] + w[7] + w[7] + w[8]) - (w[0] + w[1] + w[1] + w[2])
    }
}

/// Runs `cell` over every interior cell of a `width` × `height` raster in parallel by rows and
/// returns the output raster. Edge rows and columns get `edge` (gdaldem without
/// `-compute_edges` writes no-data there). `per_row(row)` builds the cell function of one row, so
/// that per-row constants (cell sizes on geographic grids) are computed once per row.
///
/// A cell without data gets `edge` (Horn's sums never read the centre, so it must be tested).
/// NaN neighbours are not tested here: every derivative is arithmetic on the window, so a NaN
/// anywhere in the window propagates to the output, which is gdaldem's rule (no-data in the
/// window gives no-data).
///
/// `progress` is told the rows done out of `height`.
pub fn map_windows<T, R, C>(
    data: &[f32],
    width: usize,
    height: usize,
    edge: T,
    per_row: R,
    progress: Report,
) -> Vec<T>
where
    T: Copy + Send + Sync + Default,
    R: Fn(usize) -> C + Sync,
    C: Fn(&Cells3x3) -> T,
{
    let mut out = vec![T::default(); width * height];
    if width == 0 {
        return out;
    }
    let rows_done = Counter::new(height as u64, progress);
    out.par_chunks_mut(width)
        .enumerate()
        .with_min_len(8)
        .for_each(|(r, row_out)| {
            if r == 0 || r + 1 >= height || width < 3 {
                row_out.fill(edge);
            } else {
                let up = &data[(r - 1) * width..r * width];
                let mid = &data[r * width..(r + 1) * width];
                let down = &data[(r + 1) * width..(r + 2) * width];
                row_out[0] = edge;
                row_out[width - 1] = edge;
                row_kernel(up, mid, down, &mut row_out[1..width - 1], edge, per_row(r));
            }
            rows_done.add(1);
        });
    out
}

/// The window of cell (`c`, `r`) as `gdaldem -compute_edges` forms it: neighbours outside the
/// raster or without data take the centre's value. `None` when the centre itself has no data.
pub fn filled_window(
    data: &[f32],
    width: usize,
    height: usize,
    c: usize,
    r: usize,
) -> Option<Cells3x3> {
    let centre = data[r * width + c];
    if centre.is_nan() {
        return None;
    }
    let mut w = [centre; 9];
    for (k, v) in w.iter_mut().enumerate() {
        let (cc, rr) = (
            c as isize + (k % 3) as isize - 1,
            r as isize + (k / 3) as isize - 1,
        );
        if cc >= 0 && rr >= 0 && (cc as usize) < width && (rr as usize) < height {
            let z = data[rr as usize * width + cc as usize];
            if !z.is_nan() {
                *v = z;
            }
        }
    }
    Some(Cells3x3 { w })
}

/// Inner loop over one row. Every slice is cut to the same length `n` first so that the compiler
/// can drop the bounds checks and vectorise.
#[inline(always)]
fn row_kernel<T, F>(up: &[f32], mid: &[f32], down: &[f32], out: &mut [T], nodata: T, cell: F)
where
    T: Copy,
    F: Fn(&Cells3x3) -> T,
{
    let n = out.len();
    let (u0, u1, u2) = (&up[..n], &up[1..n + 1], &up[2..n + 2]);
    let (m0, m1, m2) = (&mid[..n], &mid[1..n + 1], &mid[2..n + 2]);
    let (d0, d1, d2) = (&down[..n], &down[1..n + 1], &down[2..n + 2]);
    for j in 0..n {
        let win = Cells3x3 {
            w: [
                u0[j], u1[j], u2[j], m0[j], m1[j], m2[j], d0[j], d1[j], d2[j],
            ],
        };
        let v = cell(&win);
        out[j] = if m1[j].is_nan() { nodata } else { v };
    }
}

/// arctan(g) in radians for g ≥ 0 (or NaN, which propagates), branch-free so that it vectorises.
///
/// Abramowitz & Stegun, *Handbook of Mathematical Functions* (1964), eq. 4.4.49: an eighth-order
/// polynomial in x² on 0 ≤ x ≤ 1 with |error| ≤ 2·10⁻⁸ rad; for g > 1, atan g = π/2 − atan(1/g).
/// Evaluated in f32 the error stays below 2·10⁻⁷ rad (10⁻⁵ °).
#[inline(always)]
pub fn atan_nonneg(g: f32) -> f32 {
    // a₂ … a₁₆ as printed (f64), rounded to f32 at compile time.
    const A: [f64; 8] = [
        -0.333_331_452_8,
        0.199_935_508_5,
        -0.142_088_994_4,
        0.106_562_639_3,
        -0.075_289_640_0,
        0.042_909_613_8,
        -0.016_165_736_7,
        0.002_866_225_7,
    ];
    let big = g > 1.0;
    let x = if big { 1.0 / g } else { g };
    let x2 = x * x;
    let mut p = A[7] as f32;
    for &a in A[..7].iter().rev() {
        p = p * x2 + a as f32;
    }
    let r = x + x * x2 * p;
    if big {
        std::f32::consts::FRAC_PI_2 - r
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::silent;

    #[test]
    fn every_row_is_reported_done() {
        let most = std::sync::atomic::AtomicU64::new(0);
        let report = |d: u64, t: u64| {
            assert_eq!(t, 50);
            most.fetch_max(d, std::sync::atomic::Ordering::Relaxed);
        };
        let data = vec![1.0f32; 7 * 50];
        map_windows(&data, 7, 50, 0.0f32, |_| |w: &Cells3x3| w.w[4], &report);
        assert_eq!(most.into_inner(), 50);
    }

    #[test]
    fn fast_atan_is_accurate() {
        let mut worst = 0.0f64;
        for i in 0..200_000 {
            let g = (i as f32) * 1e-4 * (1.0 + i as f32 * 1e-4);
            let e = (atan_nonneg(g) as f64 - (g as f64).atan()).abs();
            worst = worst.max(e);
        }
        assert!(worst < 3e-7, "worst error {worst} rad");
        assert!(atan_nonneg(f32::NAN).is_nan());
        assert_eq!(atan_nonneg(0.0), 0.0);
        assert!((atan_nonneg(f32::INFINITY) - std::f32::consts::FRAC_PI_2).abs() < 1e-7);
    }

    #[test]
    fn windows_and_edges() {
        // 4 × 3 raster, value = index; only cells (1,1) and (2,1) are interior.
        let data: Vec<f32> = (0..12).map(|v| v as f32).collect();
        let out = map_windows(&data, 4, 3, -1.0f32, |_| |w: &Cells3x3| w.w[4], &silent);
        assert_eq!(
            out,
            vec![
                -1.0, -1.0, -1.0, -1.0, -1.0, 5.0, 6.0, -1.0, -1.0, -1.0, -1.0, -1.0
            ]
        );
        let hx = map_windows(&data, 4, 3, 0.0f32, |_| |w: &Cells3x3| w.horn_x(), &silent);
        // (0 + 4 + 4 + 8) − (2 + 6 + 6 + 10): the value grows eastwards.
        assert_eq!(hx[5], -8.0);
        let hy = map_windows(&data, 4, 3, 0.0f32, |_| |w: &Cells3x3| w.horn_y(), &silent);
        // (8 + 9 + 9 + 10) − (0 + 1 + 1 + 2): the value grows southwards.
        assert_eq!(hy[5], 32.0);
        // A centre without data is no data even though Horn's sums skip it.
        let mut holed = data.clone();
        holed[5] = f32::NAN;
        assert_eq!(
            map_windows(
                &holed,
                4,
                3,
                -1.0f32,
                |_| |w: &Cells3x3| w.horn_x(),
                &silent
            )[5],
            -1.0
        );
    }

    #[test]
    fn filled_windows_replace_outside_and_nodata_by_the_centre() {
        let mut data: Vec<f32> = (0..12).map(|v| v as f32).collect();
        data[1] = f32::NAN;
        let w = filled_window(&data, 4, 3, 0, 0).unwrap();
        // Row above and column to the west are outside; (1, 0) is no data: all take z = 0.
        assert_eq!(w.w, [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0, 5.0]);
        assert!(filled_window(&data, 4, 3, 1, 0).is_none());
    }
}
