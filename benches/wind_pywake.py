#!/usr/bin/env python3
"""PyWake reference for fathom's wake models and AEP (issue 6: "results agree with an established
open-source implementation of the same models on layouts of our choosing").

Builds in PyWake (DTU, https://gitlab.windenergy.dtu.dk/TOPFARM/PyWake, `pip install py-wake`)
exactly the models fathom implements in src/wind/wake.rs:

  * turbine: assets/turbines/iea-15mw.csv, linear interpolation (PowerCtTabular 'linear') with
    zero power and Ct below cut-in and above cut-out (ws_cutin / ws_cutout: PyWake's 1e-8 m/s
    steps; fathom's are exact);
  * NOJ: NOJDeficit(k=0.04, ct2a=ct2a_mom1d) -- deficit 2a = 1 - sqrt(1 - Ct), Jensen 1983 /
    Katic et al. 1986 (PyWake's default ct2a is Madsen's BEM polynomial, not Jensen's) --
    AreaOverlapAvgModel, SquaredSum;
  * Gaussian: BastankhahGaussianDeficit(k=0.0324555, ceps=0.2, ctlim=0.899, ct2a=ct2a_mom1d) --
    Bastankhah & Porte-Agel 2014 eq. 23, 1 - sqrt(1 - Ct/(8 (sigma/D)^2)) -- with CGIRotorAvg(7),
    LinearSum;
  * PropagateDownwind, no blockage, no deflection, no turbulence model, no shear, uniform site.

Cases: two turbines in line at 5 D; a 3 x 3 grid at 5 D; a 10 x 10 grid at 7 D (the benchmark
case of benches/wind.rs). For each: effective (rotor-averaged) wind speed per turbine for a few
flow cases, and gross / net AEP under a 36-sector Weibull rose (sector centres only) with wind
speeds 0.5, 1.5, ..., 24.5 m/s and PyWake's bins (edges 0, 1, ..., 25 m/s); for the small
layouts also the net AEP with each sector spread over 1-degree sub-directions.

Timing: the benchmark case (100 turbines x 36 directions x 25 speeds, Gaussian) best of 3, one
thread (OMP/MKL/OPENBLAS threads = 1).

Run from the repository root:
    python3 benches/wind_pywake.py > tests/data/pywake_reference.json
    python3 benches/wind_pywake.py --time     # only the timing (best of 5), e.g. on a quiet machine
"""
import os

for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[v] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import py_wake  # noqa: E402
from py_wake.deficit_models.gaussian import BastankhahGaussianDeficit  # noqa: E402
from py_wake.deficit_models.noj import NOJDeficit  # noqa: E402
from py_wake.deficit_models.utils import ct2a_mom1d  # noqa: E402
from py_wake.rotor_avg_models import AreaOverlapAvgModel, CGIRotorAvg  # noqa: E402
from py_wake.site import UniformWeibullSite  # noqa: E402
from py_wake.superposition_models import LinearSum, SquaredSum  # noqa: E402
from py_wake.wind_farm_models import PropagateDownwind  # noqa: E402
from py_wake.wind_turbines import WindTurbine  # noqa: E402
from py_wake.wind_turbines.power_ct_functions import PowerCtTabular  # noqa: E402

NOJ_K = 0.04  # fathom's NOJ_K_OFFSHORE
GAUSS_K = 0.0324555  # fathom's GAUSSIAN_K_PYWAKE
# 25 wind-speed bins of 1 m/s, edges 0, 1, ..., 25 (up to cut-out), evaluated at the centres: no
# node sits on cut-in (3) or cut-out (25), where a step in the curve would make the smallest
# wake (1e-9 m/s) switch a turbine off in one code and not the other.
WS = np.arange(0.5, 25.0, 1.0)
WD = np.arange(0.0, 360.0, 10.0)  # 36 sector centres
WD_1DEG = np.arange(0.5, 360.0, 1.0)  # sub-directions within the sectors


def read_turbine(path="assets/turbines/iea-15mw.csv"):
    meta, rows = {}, []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            if "=" in line:
                k, v = line[1:].split("=", 1)
                meta[k.strip()] = v.strip()
            continue
        if line.startswith("wind_speed_ms"):
            continue
        rows.append([float(x) for x in line.split(",")])
    rows = np.array(rows)
    d, h = float(meta["rotor_diameter_m"]), float(meta["hub_height_m"])
    ws, p, ct = rows.T
    wt = WindTurbine(name="iea-15mw", diameter=d, hub_height=h,
                     powerCtFunction=PowerCtTabular(ws, p, "kW", ct, ws_cutin=ws[0], ws_cutout=ws[-1]))
    return wt, d


def rose():
    """The benchmark rose of benches/wind.rs: 36 equal sectors, A = 9 + 0.5 (i mod 4), k = 2."""
    a = np.array([9.0 + 0.5 * (i % 4) for i in range(36)])
    return np.full(36, 1 / 36), a, np.full(36, 2.0)


def models(site, wt):
    noj = PropagateDownwind(site, wt, wake_deficitModel=NOJDeficit(
        k=NOJ_K, ct2a=ct2a_mom1d, rotorAvgModel=AreaOverlapAvgModel()),
        superpositionModel=SquaredSum(), deflectionModel=None, turbulenceModel=None)
    gauss = PropagateDownwind(site, wt, wake_deficitModel=BastankhahGaussianDeficit(
        k=GAUSS_K, ceps=0.2, ctlim=0.899, ct2a=ct2a_mom1d, rotorAvgModel=CGIRotorAvg(7)),
        superpositionModel=LinearSum(), deflectionModel=None, turbulenceModel=None)
    return {"noj": noj, "gaussian": gauss}


def grid(nx, ny, s):
    x, y = np.meshgrid(np.arange(nx) * s, np.arange(ny) * s)
    return x.ravel(), y.ravel()


def best_time(wfm, x, y, runs):
    """Wall times (s) of `runs` AEP computations of the benchmark case."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        wfm(x, y, wd=WD, ws=WS).aep().sum()
        times.append(time.perf_counter() - t0)
    return times


def main():
    wt, d = read_turbine()
    f, a, k = rose()
    site = UniformWeibullSite(p_wd=f, a=a, k=k, ti=0.06)
    wfms = models(site, wt)
    if "--time" in sys.argv[1:]:
        x, y = grid(10, 10, 7 * d)
        for name, wfm in wfms.items():
            times = best_time(wfm, x, y, 5)
            print("PyWake %s %s, 100 wt x 36 wd x 25 ws: best of 5 %.3f s (%s)" % (
                py_wake.__version__, name, min(times), ", ".join("%.3f" % t for t in times)))
        return
    layouts = {
        "two_in_line_5d": (np.array([0.0, 5 * d]), np.array([0.0, 0.0]),
                           [(270, 6), (270, 8), (270, 10), (270, 12), (275, 8), (265, 9)]),
        "grid_3x3_5d": grid(3, 3, 5 * d) + ([(270, 8), (270, 11), (255, 8), (225, 9), (0, 7.5)],),
        "grid_10x10_7d": grid(10, 10, 7 * d) + ([(270, 9), (233, 9), (45, 12)],),
    }
    cases = []
    for model, wfm in wfms.items():
        for name, (x, y, flows) in layouts.items():
            out = []
            for wd, ws in flows:
                sr = wfm(x, y, wd=[wd], ws=[ws])
                out.append({"wd": wd, "ws": ws,
                            "ws_eff": [round(float(v), 10) for v in sr.WS_eff.values[:, 0, 0]]})
            sr = wfm(x, y, wd=WD, ws=WS)
            case = {
                "model": model, "layout": name, "x_m": x.tolist(), "y_m": y.tolist(),
                "flows": out,
                "aep_net_gwh": float(sr.aep().sum()),
                "aep_gross_gwh": float(sr.aep(with_wake_loss=False).sum()),
            }
            if len(x) < 100:
                # Each 10-degree sector spread over its ten 1-degree sub-directions (0.5, 1.5, ...;
                # 'nearest' sector values, P = frequency / 10): fathom's direction integration.
                case["aep_net_gwh_1deg"] = float(wfm(x, y, wd=WD_1DEG, ws=WS).aep().sum())
            cases.append(case)
    x, y = layouts["grid_10x10_7d"][:2]
    times = best_time(wfms["gaussian"], x, y, 3)
    doc = {
        "_about": [
            "Output of benches/wind_pywake.py (fathom's own script driving PyWake); regenerate from the",
            "repository root with: python3 benches/wind_pywake.py > tests/data/pywake_reference.json",
            "Checked by tests/wind.rs. Coordinates x east, y north (m); wd meteorological (deg);",
            "AEP in GWh with PyWake's wind-speed bins (edges half-way between the speeds).",
        ],
        "pywake_version": py_wake.__version__,
        "numpy_version": np.__version__,
        "turbine": "iea-15mw",
        "noj_k": NOJ_K, "gaussian_k": GAUSS_K,
        "rose": {"sector_deg": WD.tolist(), "frequency": f.tolist(), "weibull_a_ms": a.tolist(),
                 "weibull_k": k.tolist()},
        "ws_ms": WS.tolist(),
        "timing_gaussian_100wt_36wd_25ws_s": {"best_of_3": min(times), "runs": times},
    }
    # One key per line, one case per line: small and diffable.
    lines = ["  %s: %s" % (json.dumps(key), json.dumps(val)) for key, val in doc.items()]
    lines.append('  "cases": [\n' + ",\n".join("    " + json.dumps(c) for c in cases) + "\n  ]")
    sys.stdout.write("{\n" + ",\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    main()
