"""scikit-image's route_through_array on the grid of benches/routing.rs, for comparison.

Run: pip install scikit-image && python3 benches/routing_skimage.py
Cost 1 on water ≥ 8 m, impassable (inf) on shoals; fully connected (8 neighbours), geometric.
"""
import time

import numpy as np
from skimage.graph import route_through_array

N = 4096
c = np.arange(N)[None, :]
r = np.arange(N)[:, None]
shoal = np.zeros((N, N), dtype=bool)
for i, wall in enumerate([1024, 2048, 3072]):
    gap = (3500, 3600) if i % 2 == 0 else (500, 600)
    wall_cols = (c >= wall - 8) & (c < wall + 8)
    in_gap = (r >= gap[0]) & (r < gap[1])
    shoal |= wall_cols & ~in_gap
dc = (c % 512) - 256.0
dr = (r % 512) - 256.0
shoal |= np.hypot(dc, dr) < 120.0
cost = np.where(shoal, np.inf, 1.0)
times = []
for _ in range(3):
    t0 = time.perf_counter()
    path, total = route_through_array(cost, (20, 20), (N - 21, N - 21), fully_connected=True, geometric=True)
    times.append(time.perf_counter() - t0)
p = np.array(path, dtype=float)
length = np.hypot(*np.diff(p, axis=0).T).sum() * 10.0
print(f"route_through_array: best {min(times):.2f} s of {len(times)}, length {length:.0f} m, {len(path)} cells")
