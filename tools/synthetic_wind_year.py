#!/usr/bin/env python3
"""Synthetic hourly wind year for the demo mission (an ESTIMATE, not a measurement).

No public hourly wind record for the Lingang farm could be obtained, so the demo's hour-by-hour
supply runs on a synthetic year drawn from the demo's own sector Weibull rose
(missions/demo.toml, [wind_farm.resource], itself an estimate from domain-reference §3.2).

Method (Brown, Katz & Murphy, "Time series models to simulate and forecast wind speed and wind
power", J. Climate Appl. Meteorol. 23 (1984) 1184-1195: transform to a Gaussian, fit an AR(1),
transform back):
  * speed: z_t = phi z_{t-1} + sqrt(1 - phi^2) e_t (e_t ~ N(0,1)), phi = 0.97 per hour
    (hourly lag-1 autocorrelation of offshore wind speed 0.95-0.98 [E]), the year's z then
    replaced by the normal quantiles of their ranks (see below); the speed in hour t is
    the quantile Phi(z_t) of the current sector's Weibull, u = A (-ln(1 - Phi(z)))^(1/k), so
    each sector's speeds follow that sector's Weibull exactly in distribution;
  * direction sector: a Markov chain that keeps the sector with probability 0.9 per hour and
    otherwise draws a sector from the rose's frequencies (so the long-run sector frequencies are
    the rose's); the direction is uniform within the 30-degree sector.
No seasonal cycle (the rose has none). Fixed seed: the file is reproducible.

Run from the repository root:  python3 tools/synthetic_wind_year.py > missions/demo-wind-hourly.csv
"""
import math
import re
import sys

import numpy as np
from scipy.special import ndtr, ndtri

SEED = 20251022  # Lingang UDC announcement date (domain-reference §1.3), any fixed seed works
PHI = 0.97
KEEP_SECTOR = 0.9
YEAR = 2025


def rose_from_demo(path="missions/demo.toml"):
    text = open(path, encoding="utf-8").read()
    section = text.split("[wind_farm.resource]", 1)[1]
    height = float(re.search(r"reference_height_m\s*=\s*([0-9.]+)", section).group(1))
    rows = re.findall(
        r"sector_deg\s*=\s*([0-9.]+),\s*frequency\s*=\s*([0-9.]+),\s*weibull_a_ms\s*=\s*([0-9.]+),"
        r"\s*weibull_k\s*=\s*([0-9.]+)", section)
    return height, np.array([[float(v) for v in r] for r in rows])


def main():
    height, rose = rose_from_demo()
    centre, freq, a, k = rose.T
    freq = freq / freq.sum()
    width = 360.0 / len(rose)
    rng = np.random.default_rng(SEED)
    hours = 8760
    z = rng.standard_normal()
    s = rng.choice(len(rose), p=freq)
    # Pass 1: the Gaussian AR(1) and the sector chain.
    zs, secs, wds = np.empty(hours), np.empty(hours, dtype=int), np.empty(hours)
    for h in range(hours):
        if h > 0:
            z = PHI * z + math.sqrt(1 - PHI * PHI) * rng.standard_normal()
            if rng.random() >= KEEP_SECTOR:
                s = rng.choice(len(rose), p=freq)
        zs[h], secs[h] = z, s
        wds[h] = (centre[s] + width * (rng.random() - 0.5)) % 360.0
    # Normal-score transform of the year (z -> Phi^-1((rank + 0.5) / n)): one AR(1) year wanders
    # (about 8760 (1 - phi) / (1 + phi) ~ 130 independent samples), so its mean speed can miss
    # the rose's by several per cent; replacing z by the normal quantile of its rank keeps the
    # hour-to-hour ordering (the persistence) and makes the year's z exactly normal, so the
    # speeds follow the rose's Weibulls. This is a representative year, not a random one.
    ranks = np.argsort(np.argsort(zs))
    zs = ndtri((ranks + 0.5) / hours)
    out = sys.stdout
    out.write("# SYNTHETIC hourly wind at %g m for the fathom demo: an estimate drawn from the demo's\n" % height)
    out.write("# sector Weibull rose by tools/synthetic_wind_year.py (AR(1) Gaussian transform, Brown,\n")
    out.write("# Katz & Murphy 1984; phi %.2f, sector persistence %.2f, normal-score year, seed %d).\n# Not a measurement.\n"
              % (PHI, KEEP_SECTOR, SEED))
    out.write("time_utc,wind_speed_ms,wind_direction_deg,height_m\n")
    for h in range(hours):
        s = secs[h]
        p = min(ndtr(zs[h]), 1 - 1e-12)
        u = a[s] * (-math.log1p(-p)) ** (1 / k[s])
        t = np.datetime64("%d-01-01T00:00" % YEAR) + np.timedelta64(h, "h")
        out.write("%sZ,%.2f,%.1f,%g\n" % (str(t)[:16] + ":00", u, wds[h], height))


if __name__ == "__main__":
    main()
