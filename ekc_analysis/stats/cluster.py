"""A ratio over units clustered in groups, with a cluster-robust (sandwich) standard error.

The share of agreements that call on professional help is a ratio over all agreements, but
agreements within one plan are not independent. With per-case totals ``y_g`` (professional
agreements) and ``n_g`` (all agreements) the estimate is ``p = Σy / Σn`` and the variance is that of
``sandwich::vcovCL(lm(y ~ 1), cluster = ~case)`` in R (type HC1 with the cluster adjustment):

    V = G/(G-1) · (N-1)/(N-K) · Σ_g (y_g − p n_g)² / N²

where G is the number of cases, N the number of agreements and K = 1 parameter (so the
(N-1)/(N-K) factor is one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .proportions import z_value


@dataclass(frozen=True)
class ClusteredRatio:
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    n_units: int
    n_clusters: int
    design_effect: float


def clustered_ratio(y: np.ndarray, n: np.ndarray, alpha: float = 0.05) -> ClusteredRatio:
    """Ratio ``Σy/Σn`` over clusters with a CR1 (vcovCL HC1) standard error and a Wald interval.

    Parameters
    ----------
    y, n : arrays
        Per cluster: the count of 'successes' and of units. Clusters with ``n == 0`` are dropped
        (they carry no agreements).
    """
    y = np.asarray(y, dtype=float)
    n = np.asarray(n, dtype=float)
    keep = n > 0
    y, n = y[keep], n[keep]
    total = n.sum()
    g = int(keep.sum())
    if g == 0 or total == 0:
        return ClusteredRatio(np.nan, np.nan, np.nan, np.nan, 0, 0, np.nan)
    p = y.sum() / total
    if g < 2:
        return ClusteredRatio(float(p), np.nan, np.nan, np.nan, int(total), g, np.nan)
    scores = y - p * n
    var = g / (g - 1) * (scores @ scores) / total**2
    se = float(np.sqrt(var))
    z = z_value(alpha)
    naive = p * (1 - p) / total
    deff = float(var / naive) if naive > 0 else np.nan
    return ClusteredRatio(float(p), se, float(p - z * se), float(p + z * se), int(total), g, deff)
