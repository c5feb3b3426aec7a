//! Engineering wake models: Jensen/NOJ top-hat and Bastankhah & Porté-Agel (2014) Gaussian, with
//! squared-sum or linear superposition and rotor-averaged deficits.
//!
//! Both models give the velocity deficit Δu that turbine i (upstream, thrust coefficient Cₜ at its
//! own waked inflow) causes at a point x metres downstream and r metres off its wake centre,
//! relative to the free-stream speed U (the reference speed of PyWake's deficit models with
//! `use_effective_ws=False`):
//!
//! - **NOJ** (N. O. Jensen, *A note on wind generator interaction*, Risø-M-2411, 1983; Katić,
//!   Højstrup & Jensen, EWEC 1986): Δu/U = (1 − √(1 − Cₜ))·(R / (R + k x))² inside the wake radius
//!   R_w = R + k x, zero outside. Rotor average: the fraction of the downstream rotor's disc
//!   inside the wake disc (circle–circle intersection area / πR²), PyWake's
//!   `AreaOverlapAvgModel`. Default k = 0.04 for offshore (0.04–0.05 offshore, 0.1 onshore is
//!   PyWake `py_wake/literature/noj.py`'s default; domain-reference §3.3).
//! - **Gaussian** (M. Bastankhah & F. Porté-Agel, *A new analytical model for wind-turbine
//!   wakes*, Renewable Energy 70 (2014) 116–123, eqs. 7, 21–23):
//!   Δu/U = (1 − √(1 − Cₜ / (8 (σ/D)²)))·exp(−r² / (2σ²)), σ/D = k x/D + ε, ε = 0.2 √β,
//!   β = ½ (1 + √(1 − Cₜ)) / √(1 − Cₜ). As in PyWake (`BastankhahGaussianDeficit`), Cₜ in β is
//!   capped at 0.899 and the square root's argument at 0 (so Δu ≤ U in the near wake). Default
//!   k = 0.0324555 (PyWake's default, `py_wake/deficit_models/gaussian.py`). Rotor average: the
//!   7-point circular Gauss rule of Abramowitz & Stegun 25.4.62 (PyWake `CGIRotorAvg(7)`:
//!   centre weight ¼; (±√(2/3) R, 0) and (±√(1/6) R, ±√(1/2) R) weight ⅛), or the hub point.
//!
//! Agreement: both models equal PyWake 2.6 built with `ct2a=ct2a_mom1d` (the 1-D momentum
//! deficit 2a = 1 − √(1 − Cₜ) of Jensen and of Bastankhah & Porté-Agel; PyWake's own default is
//! Madsen's BEM polynomial, `ct2a_madsen`), `AreaOverlapAvgModel` + `SquaredSum` (NOJ) or
//! `CGIRotorAvg(7)` + `LinearSum` (Gaussian), `PropagateDownwind`, no blockage, turbulence or
//! deflection: to 1e-10 m/s on the cases of `tests/data/pywake_reference.json`
//! (`benches/wind_pywake.py`, checked by `tests/wind.rs`).
//!
//! Superposition over upstream turbines: squared sum Δu = √(Σ Δuᵢ²) (Katić et al. 1986) or
//! linear Δu = Σ Δuᵢ (Lissaman 1979). Turbines are solved from upstream to downstream so each
//! turbine's Cₜ comes from its own waked speed; only turbines strictly upstream (x > 0) count.

use super::turbine::Turbine;

/// The single-wake deficit shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeficitModel {
    /// Jensen/NOJ top-hat deficit with area-overlap rotor averaging.
    Noj,
    /// Bastankhah & Porté-Agel (2014) Gaussian deficit.
    Gaussian,
}

/// How single-wake deficits add up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Superposition {
    /// Squared sum Δu = √(Σ Δuᵢ²) (Katić et al. 1986).
    Squared,
    /// Linear sum Δu = Σ Δuᵢ (Lissaman 1979).
    Linear,
}

/// Where the Gaussian deficit is evaluated over the downstream rotor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotorAverage {
    /// Hub point only.
    Centre,
    /// 7-point circular Gauss rule (A&S 25.4.62).
    Cgi7,
}

/// A complete wake model: deficit, expansion k, superposition, rotor averaging.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WakeModel {
    /// Single-wake deficit shape.
    pub deficit: DeficitModel,
    /// Wake expansion rate (dimensionless).
    pub k: f64,
    /// How the deficits of several upstream turbines add up.
    pub superposition: Superposition,
    /// Gaussian model only; NOJ always uses the area overlap.
    pub rotor_average: RotorAverage,
}

/// Offshore NOJ expansion (domain-reference §3.3).
pub const NOJ_K_OFFSHORE: f64 = 0.04;
/// PyWake's `BastankhahGaussianDeficit` default k.
pub const GAUSSIAN_K_PYWAKE: f64 = 0.032_455_5;
/// PyWake's cap on Cₜ in β (`ctlim`).
const CT_LIM: f64 = 0.899;
/// exp(−40) ≈ 4e-18: Gaussian pairs whose nearest rotor point is farther than this many σ²
/// (×2) from the wake centre are skipped; the contribution is below double rounding.
const GAUSS_CUTOFF: f64 = 40.0;

impl WakeModel {
    /// NOJ with the offshore k = 0.04 and squared-sum superposition (PyWake `Jensen_1983`).
    pub fn noj() -> Self {
        WakeModel {
            deficit: DeficitModel::Noj,
            k: NOJ_K_OFFSHORE,
            superposition: Superposition::Squared,
            rotor_average: RotorAverage::Cgi7,
        }
    }

    /// Bastankhah–Porté-Agel with PyWake's k and linear superposition (the superposition of
    /// PyWake's `Bastankhah_PorteAgel_2014`).
    pub fn gaussian() -> Self {
        WakeModel {
            deficit: DeficitModel::Gaussian,
            k: GAUSSIAN_K_PYWAKE,
            superposition: Superposition::Linear,
            rotor_average: RotorAverage::Cgi7,
        }
    }
}

/// One upstream → downstream pair for a wind direction.
#[derive(Clone, Copy, Debug)]
struct Pair {
    up: u32,
    /// Downstream distance (m), > 0.
    dx: f64,
    /// Crosswind distance (m), ≥ 0.
    dy: f64,
}

/// The farm's geometry for one wind direction: turbines in upstream→downstream order and, for
/// each, the upstream turbines whose wake can reach it.
#[derive(Clone, Debug)]
pub struct Geometry {
    order: Vec<usize>,
    /// For position p in `order`: pairs[start[p]..start[p+1]].
    start: Vec<usize>,
    pairs: Vec<Pair>,
}

impl Geometry {
    /// Geometry for meteorological direction `wd_deg` (from grid north) over turbines at (x, y).
    pub fn new(model: &WakeModel, turbine: &Turbine, x: &[f64], y: &[f64], wd_deg: f64) -> Self {
        let n = x.len();
        let r = turbine.rotor_diameter_m / 2.0;
        let d = turbine.rotor_diameter_m;
        let (s, c) = wd_deg.to_radians().sin_cos();
        // Wind blows towards (−sin wd, −cos wd).
        let down = |i: usize| -(x[i] * s + y[i] * c);
        let cross = |i: usize| x[i] * c - y[i] * s;
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| down(a).total_cmp(&down(b)).then(a.cmp(&b)));
        let mut start = Vec::with_capacity(n + 1);
        let mut pairs = Vec::new();
        for (p, &j) in order.iter().enumerate() {
            start.push(pairs.len());
            for &i in &order[..p] {
                let dx = down(j) - down(i);
                if dx <= 1e-9 {
                    continue;
                }
                let dy = (cross(j) - cross(i)).abs();
                let reach = match model.deficit {
                    DeficitModel::Noj => dy < r + model.k * dx + r,
                    DeficitModel::Gaussian => {
                        let sigma_max = model.k * dx
                            + 0.2
                                * (0.5 * (1.0 + (1.0 - CT_LIM).sqrt()) / (1.0 - CT_LIM).sqrt())
                                    .sqrt()
                                * d;
                        let gap = (dy - r).max(0.0);
                        gap * gap < 2.0 * GAUSS_CUTOFF * sigma_max * sigma_max
                    }
                };
                if reach {
                    pairs.push(Pair {
                        up: i as u32,
                        dx,
                        dy,
                    });
                }
            }
        }
        start.push(pairs.len());
        Geometry {
            order,
            start,
            pairs,
        }
    }
}

/// Effective speeds and powers of all turbines for one flow case.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flow {
    /// Rotor-averaged effective wind speed (m/s) per turbine.
    pub ws: Vec<f64>,
    /// Electrical power (W) per turbine.
    pub power_w: Vec<f64>,
    /// Thrust coefficient per turbine.
    pub ct: Vec<f64>,
}

/// An upstream turbine as a wake source: its thrust coefficient and the two terms the deficit
/// models derive from it once per turbine.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Source {
    /// Thrust coefficient at the turbine's own (waked) inflow.
    pub ct: f64,
    /// NOJ's 2a = 1 − √(1 − Cₜ).
    amp: f64,
    /// Bastankhah & Porté-Agel's ε·D, ε = 0.2 √β (Cₜ capped at PyWake's 0.899 in β).
    eps_d: f64,
}

impl Source {
    /// The source of a turbine of rotor diameter `d` (m) running at thrust coefficient `ct`.
    pub fn new(ct: f64, d: f64) -> Self {
        let c = 1.0 - ct.min(CT_LIM);
        Source {
            ct,
            amp: 1.0 - (1.0 - ct.min(1.0)).sqrt(),
            eps_d: 0.2 * (0.5 * (1.0 + c.sqrt()) / c.sqrt()).sqrt() * d,
        }
    }
}

/// Where a single wake's deficit is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spot {
    /// Over a downstream rotor of the turbine's radius, centred on the point (the model's
    /// rotor average: area overlap for NOJ, [`WakeModel::rotor_average`] for the Gaussian).
    Rotor,
    /// At the point itself (a map of the wake).
    Point,
}

/// Δu/U of one wake `dx` m downstream (> 0) and `dy` m off the axis of `src`, a turbine of
/// `turbine`'s rotor ([module docs](self) for the equations).
#[inline]
pub fn single_deficit(
    model: &WakeModel,
    turbine: &Turbine,
    src: &Source,
    dx: f64,
    dy: f64,
    spot: Spot,
) -> f64 {
    if src.ct <= 0.0 {
        return 0.0;
    }
    let d = turbine.rotor_diameter_m;
    let r = d / 2.0;
    match model.deficit {
        DeficitModel::Noj => {
            let rw = r + model.k * dx;
            let inside = match spot {
                Spot::Rotor => overlap_fraction(rw, r, dy),
                Spot::Point => f64::from(u8::from(dy < rw)),
            };
            src.amp * (r / rw).powi(2) * inside
        }
        DeficitModel::Gaussian => {
            let sigma = model.k * dx + src.eps_d;
            let s2 = sigma * sigma;
            let centre = 1.0 - (1.0 - (src.ct * d * d / (8.0 * s2)).min(1.0)).sqrt();
            let avg = match spot {
                Spot::Rotor => model.rotor_average,
                Spot::Point => RotorAverage::Centre,
            };
            centre * gauss_rotor_average(avg, dy, r, s2)
        }
    }
}

/// The total deficit Δu/U of single-wake deficits, by the model's superposition.
pub fn superpose(model: &WakeModel, deficits: impl Iterator<Item = f64>) -> f64 {
    match model.superposition {
        Superposition::Squared => deficits.map(|d| d * d).sum::<f64>().sqrt(),
        Superposition::Linear => deficits.sum(),
    }
}

/// Solves one flow case (free-stream speed `u` m/s) over a prepared geometry into `out`.
pub fn solve(model: &WakeModel, turbine: &Turbine, geom: &Geometry, u: f64, out: &mut Flow) {
    let n = geom.order.len();
    out.ws.clear();
    out.ws.resize(n, u);
    out.power_w.clear();
    out.power_w.resize(n, 0.0);
    out.ct.clear();
    out.ct.resize(n, 0.0);
    let d = turbine.rotor_diameter_m;
    // Each turbine's source, set when the turbine is solved.
    let mut src = vec![Source::default(); n];
    for (p, &j) in geom.order.iter().enumerate() {
        let pairs = &geom.pairs[geom.start[p]..geom.start[p + 1]];
        let deficit = superpose(
            model,
            pairs.iter().map(|pair| {
                single_deficit(
                    model,
                    turbine,
                    &src[pair.up as usize],
                    pair.dx,
                    pair.dy,
                    Spot::Rotor,
                )
            }),
        );
        let ws = (u * (1.0 - deficit)).max(0.0);
        let (pw, ct) = turbine.power_ct(ws);
        out.ws[j] = ws;
        out.power_w[j] = pw;
        out.ct[j] = ct;
        src[j] = Source::new(ct, d);
    }
}

/// Convenience: geometry and solve for one direction and speed.
pub fn flow(model: &WakeModel, turbine: &Turbine, x: &[f64], y: &[f64], u: f64, wd: f64) -> Flow {
    let g = Geometry::new(model, turbine, x, y, wd);
    let mut f = Flow::default();
    solve(model, turbine, &g, u, &mut f);
    f
}

/// Mean of exp(−ρ²/(2σ²)) over the downstream rotor (radius `r`) whose hub is `dy` off the wake
/// centre (same hub height), ρ the distance of a rotor point from the wake centre.
fn gauss_rotor_average(avg: RotorAverage, dy: f64, r: f64, s2: f64) -> f64 {
    let inv = -0.5 / s2;
    match avg {
        RotorAverage::Centre => (dy * dy * inv).exp(),
        RotorAverage::Cgi7 => {
            // Nodes (crosswind, vertical): (0, 0) weight ¼, (±a, 0) ⅛ each, (±b, ±√½ R) ⅛ each,
            // a = √(2/3) R = 2b. The off-centre nodes lie (dy ∓ a)² or (dy ∓ b)² + R²/2 (squared)
            // from the wake axis and a² = b² + R²/2 = 2R²/3, so with E₀ = exp(−dy²/2σ²),
            // Q = exp(−R²/3σ²) and c = exp(dy·b/σ²):
            //   exp(−(dy ∓ a)²/2σ²) = E₀ Q c^(±2),  exp(−((dy ∓ b)² + R²/2)/2σ²) = E₀ Q c^(±1),
            //   mean = E₀ (¼ + Q (⅛ (c² + c⁻²) + ¼ (c + c⁻¹))): three exponentials, not six.
            // c stays finite: [`Geometry`] keeps only pairs with dy < R + ~13σ, so dy·b/σ² < 16.
            let e0 = (dy * dy * inv).exp();
            let q = (2.0 / 3.0 * r * r * inv).exp();
            let c = (-2.0 * (1.0f64 / 6.0).sqrt() * r * dy * inv).exp();
            let ci = 1.0 / c;
            e0 * (0.25 + q * (0.125 * (c * c + ci * ci) + 0.25 * (c + ci)))
        }
    }
}

/// Fraction of a rotor disc (radius `r`) inside a wake disc (radius `rw`) whose centres are `d`
/// apart: circle–circle intersection area / πr².
pub fn overlap_fraction(rw: f64, r: f64, d: f64) -> f64 {
    if d >= rw + r {
        return 0.0;
    }
    if d <= (rw - r).abs() {
        return (rw.min(r) / r).powi(2);
    }
    let a1 = ((d * d + rw * rw - r * r) / (2.0 * d * rw))
        .clamp(-1.0, 1.0)
        .acos();
    let a2 = ((d * d + r * r - rw * rw) / (2.0 * d * r))
        .clamp(-1.0, 1.0)
        .acos();
    let tri = ((-d + rw + r) * (d + rw - r) * (d - rw + r) * (d + rw + r))
        .max(0.0)
        .sqrt();
    (rw * rw * a1 + r * r * a2 - 0.5 * tri) / (std::f64::consts::PI * r * r)
}

#[cfg(test)]
#[path = "wake_tests.rs"]
mod tests;
