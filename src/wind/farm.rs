//! A mission's `[wind_farm]` turned into a computable farm: turbine, positions in the working
//! CRS, wake model, and the wind resource at hub height with directions in grid north.
//!
//! Grid convergence: a projected CRS's grid north differs from true north by the meridian
//! convergence γ (for UTM, γ ≈ Δλ·sin φ, up to ~2–3° at a zone's edge). It is computed from the
//! projection itself at each turbine ([`crate::geodesy::meridian_convergence_deg`]); γ is the
//! grid bearing of true north (clockwise from grid north). A wind from true
//! bearing θ blows from grid bearing θ + γ. The farm uses the mean γ of its turbines (the spread
//! is reported; a wake model needs one direction per flow case).

use super::resource::{Shear, WindRecord, WindRose, parse_timeseries};
use super::turbine::Turbine;
use super::wake::{GAUSSIAN_K_PYWAKE, NOJ_K_OFFSHORE, Superposition, WakeModel};
use crate::geodesy::meridian_convergence_deg;
use crate::mission::{Context, SuperpositionName, WakeModelName, WindFarm};

/// Why a mission's wind farm could not be modelled.
#[derive(Debug, thiserror::Error)]
pub enum WindError {
    /// The turbine could not be loaded (unknown name or a bad curve file).
    #[error(transparent)]
    Turbine(#[from] super::turbine::TurbineError),
    /// A line of the resource time series was refused by the parser.
    #[error(transparent)]
    Resource(#[from] super::resource::ResourceError),
    /// A `[wind_farm]` field is unusable: a position that cannot be projected, a turbine or layout
    /// outside the model's limits, a bad sector table, an unreadable time-series file, or data off
    /// hub height without a shear law.
    #[error("{mission}: {field}: {message}")]
    Mission {
        /// The mission file, for the message.
        mission: String,
        /// The field, e.g. `wind_farm.positions[3]`.
        field: String,
        /// What is wrong and what was expected.
        message: String,
    },
}

/// A modelled wind farm.
#[derive(Clone, Debug)]
pub struct FarmModel {
    /// The farm's turbine (every position has the same one).
    pub turbine: Turbine,
    /// Turbine positions in the working CRS (m).
    pub x: Vec<f64>,
    /// Turbine northings in the working CRS (m), in the order of `x`.
    pub y: Vec<f64>,
    /// Turbine positions as written in the mission, `[lon, lat]` (WGS 84 degrees).
    pub lonlat: Vec<[f64; 2]>,
    /// Wake deficit model, expansion and superposition from the mission (defaults per model).
    pub model: WakeModel,
    /// Mean meridian convergence γ over the turbines (degrees; grid = true + γ).
    pub convergence_deg: f64,
    /// Largest |γᵢ − γ̄| over the turbines (degrees).
    pub convergence_spread_deg: f64,
    /// Sector rose at hub height, sector centres in grid north (when the mission has sectors).
    pub rose: Option<WindRose>,
    /// Hourly records at their own heights, true-north directions (when the mission has one).
    pub timeseries: Option<Vec<WindRecord>>,
    /// Vertical profile that moves speeds from the resource's height to hub height; `None` when the
    /// mission gives none (then the data must be at hub height).
    pub shear: Option<Shear>,
    /// Fraction of time the turbines are available (0–1), applied as its expected value.
    pub availability: f64,
    /// Fraction of energy lost in cables and transformers (0–1), the flat loss used where no power
    /// cable is modelled.
    pub electrical_loss: f64,
}

impl FarmModel {
    /// Builds the farm of a loaded mission; `None` when it has no `[wind_farm]`.
    pub fn from_context(ctx: &Context) -> Result<Option<Self>, WindError> {
        let Some(wf) = &ctx.mission.wind_farm else {
            return Ok(None);
        };
        let to_work = |lon: f64, lat: f64| ctx.to_work(lon, lat).map_err(|e| e.to_string());
        let resolve = |p: &std::path::Path| ctx.resolve(p);
        Self::build(wf, &ctx.path.display().to_string(), &to_work, &resolve).map(Some)
    }

    /// Builds a farm from its mission section; `to_work` projects lon/lat into the working CRS,
    /// `resolve` resolves paths written in the mission named `mission`.
    pub fn build(
        wf: &WindFarm,
        mission: &str,
        to_work: &dyn Fn(f64, f64) -> Result<(f64, f64), String>,
        resolve: &dyn Fn(&std::path::Path) -> std::path::PathBuf,
    ) -> Result<Self, WindError> {
        let fail = |field: &str, message: String| WindError::Mission {
            mission: mission.to_string(),
            field: format!("wind_farm.{field}"),
            message,
        };
        let turbine = load_turbine(wf, resolve)?;
        super::limits::check_turbine(&turbine).map_err(|e| fail("turbine", e))?;
        let (mut x, mut y, mut gammas) = (vec![], vec![], vec![]);
        for (i, p) in wf.positions.iter().enumerate() {
            let field = format!("positions[{i}]");
            let proj = |lon: f64, lat: f64| {
                to_work(lon, lat)
                    .map_err(|e| fail(&field, format!("cannot project {lon}, {lat}: {e}")))
            };
            let (px, py) = proj(p[0], p[1])?;
            x.push(px);
            y.push(py);
            gammas.push(meridian_convergence_deg(proj, p[0], p[1])?);
        }
        super::limits::check_layout(&x, &y, turbine.rotor_diameter_m)
            .map_err(|e| fail("positions", e))?;
        let gamma = gammas.iter().sum::<f64>() / gammas.len().max(1) as f64;
        let spread = gammas.iter().map(|g| (g - gamma).abs()).fold(0.0, f64::max);
        let res = &wf.resource;
        let shear = match (res.shear_alpha, res.roughness_length_m) {
            (Some(alpha), _) => Some(Shear::PowerLaw { alpha }),
            (None, Some(z0_m)) => Some(Shear::LogLaw { z0_m }),
            _ => None,
        };
        let hub = turbine.hub_height_m;
        let factor = |h: f64, field: &str| -> Result<f64, WindError> {
            if (h - hub).abs() < 1e-9 {
                return Ok(1.0);
            }
            shear.map(|s| s.factor(h, hub)).ok_or_else(|| {
                fail(
                    field,
                    format!(
                        "data at {h} m but the hub is at {hub} m: expected `shear_alpha` or `roughness_length_m` in [wind_farm.resource]"
                    ),
                )
            })
        };
        let rose = if res.sectors.is_empty() {
            None
        } else {
            let rows: Vec<_> = res
                .sectors
                .iter()
                .map(|s| (s.sector_deg, s.frequency, s.weibull_a_ms, s.weibull_k))
                .collect();
            let what = |i: usize| (format!("{mission}: wind_farm.resource.sectors[{i}]"), 0);
            let rose = WindRose::from_rows(&rows, &what)
                .map_err(|e| fail("resource.sectors", e.expected))?;
            let mut rose = rose.scaled(factor(
                res.reference_height_m,
                "resource.reference_height_m",
            )?);
            for s in &mut rose.sectors {
                s.centre_deg = (s.centre_deg + gamma).rem_euclid(360.0);
            }
            Some(rose)
        };
        let timeseries = match &res.timeseries {
            None => None,
            Some(p) => {
                let path = resolve(p);
                let text = crate::fsutil::read_limited_text(&path, crate::fsutil::MAX_TABLE_BYTES)
                    .map_err(|e| fail("resource.timeseries", format!("{}: {e}", path.display())))?;
                let ts = parse_timeseries(&text, &path.display().to_string())?;
                if let Some(r) = ts.iter().find(|r| (r.height_m - hub).abs() > 1e-9) {
                    factor(r.height_m, "resource.timeseries")?;
                }
                Some(ts)
            }
        };
        Ok(FarmModel {
            turbine,
            x,
            y,
            lonlat: wf.positions.clone(),
            model: wake_model(wf),
            convergence_deg: gamma,
            convergence_spread_deg: spread,
            rose,
            timeseries,
            shear,
            availability: wf.availability,
            electrical_loss: wf.electrical_loss,
        })
    }

    /// Hub-height speed of a record (m/s).
    pub fn hub_speed(&self, r: &WindRecord) -> f64 {
        match self.shear {
            Some(s) if (r.height_m - self.turbine.hub_height_m).abs() > 1e-9 => {
                r.ws * s.factor(r.height_m, self.turbine.hub_height_m)
            }
            _ => r.ws,
        }
    }

    /// Fraction of the farm's wake-affected output delivered: availability × (1 − losses).
    pub fn delivery_factor(&self) -> f64 {
        self.availability * (1.0 - self.electrical_loss)
    }
}

/// The mission's wake model with per-model defaults (see [`WakeModel::noj`], [`WakeModel::gaussian`]).
pub fn wake_model(wf: &WindFarm) -> WakeModel {
    named_wake_model(wf.wake_model, wf.wake_k, wf.superposition)
}

/// The wake model `name` with its defaults (see [`WakeModel::noj`], [`WakeModel::gaussian`]), the
/// expansion `k` and the `superposition` replaced where given (the mission's `[wind_farm]` and
/// `fathom wind`'s options).
pub fn named_wake_model(
    name: WakeModelName,
    k: Option<f64>,
    superposition: Option<SuperpositionName>,
) -> WakeModel {
    let (mut m, default_k) = match name {
        WakeModelName::Noj => (WakeModel::noj(), NOJ_K_OFFSHORE),
        WakeModelName::Gaussian => (WakeModel::gaussian(), GAUSSIAN_K_PYWAKE),
    };
    m.k = k.unwrap_or(default_k);
    if let Some(s) = superposition {
        m.superposition = match s {
            SuperpositionName::Squared => Superposition::Squared,
            SuperpositionName::Linear => Superposition::Linear,
        };
    }
    m
}

fn load_turbine(
    wf: &WindFarm,
    resolve: &dyn Fn(&std::path::Path) -> std::path::PathBuf,
) -> Result<Turbine, WindError> {
    let is_builtin = super::turbine::BUILTIN
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case(&wf.turbine));
    if is_builtin {
        return Ok(Turbine::load(&wf.turbine)?);
    }
    Ok(Turbine::read(&resolve(std::path::Path::new(&wf.turbine)))?)
}

/// The data centre's IT load (W): Σ over cabins of their type's `it_load_kw`.
pub fn it_load_w(ctx: &Context) -> f64 {
    ctx.mission
        .cabins
        .iter()
        .filter_map(|c| ctx.mission.cabin_type(&c.cabin_type))
        .map(|t| t.it_load_kw() * 1e3)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::{Crs, Transformer};

    #[test]
    fn lingang_farm_asset_models_a_200_mw_farm() {
        #[derive(serde::Deserialize)]
        struct Part {
            wind_farm: WindFarm,
        }
        let text = include_str!("../../assets/wind/lingang-wind-farm.toml");
        let wf = toml::from_str::<Part>(text).unwrap().wind_farm;
        let site = crate::mission::Site::on_grid("demo.asc");
        let mut m = crate::mission::Mission::new("lingang", site);
        m.wind_farm = Some(wf.clone());
        assert_eq!(m.check_ranges(), vec![]);
        let tr = Transformer::new(&Crs::wgs84(), &Crs::epsg(32651)).unwrap();
        let to_work = |a: f64, b: f64| tr.convert(a, b).map_err(|e| e.to_string());
        let farm = FarmModel::build(&wf, "lingang", &to_work, &|p: &std::path::Path| {
            p.to_path_buf()
        })
        .unwrap();
        assert_eq!(farm.x.len(), 40);
        assert!(
            (farm.convergence_deg - 0.49).abs() < 0.02,
            "{}",
            farm.convergence_deg
        );
        let rose = farm.rose.as_ref().unwrap();
        let opts = crate::wind::aep::AepOptions {
            direction_step_deg: 5.0,
            ..Default::default()
        };
        let a = crate::wind::aep::aep(&farm.model, &farm.turbine, &farm.x, &farm.y, rose, &opts);
        assert_eq!(a.rated_mw, 200.0);
        // Domain-reference §3.2: > 500 GWh/yr from 200 MW ⇒ net CF ≈ 0.29; the estimated
        // resource (8.0 m/s at 90 m) should land in the same range.
        let delivered = a.net_gwh * farm.delivery_factor();
        assert!((450.0..800.0).contains(&delivered), "{delivered} GWh");
        assert!(
            a.wake_loss_pct > 2.0 && a.wake_loss_pct < 20.0,
            "{}",
            a.wake_loss_pct
        );
    }
}
