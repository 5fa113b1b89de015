"""A ratio over units clustered in groups, with a cluster-robust (sandwich) standard error.

The share of agreements that call on professional help is a ratio over all agreements, but
agreements within one plan are not independent. With per-case totals ``y_g`` (professional
agreements) and ``n_g`` (all agreements) the estimate is ``p = Σy / Σn`` and the variance is that of
``sandwich::vcovCL(lm(y ~ 1), cluster = ~case)`` in R (type HC1 with the cluster adjustment):

    V = G/(G-1) · (N-1)/(N-K) · Σ_g (y_g − p n_g)² / N²

where G is the number of cases, N the number of agreements and K = 1 parameter (so the
(N-1)/(N-K) factor is one).

The interval is built on the logit scale with ``t`` on G − 1 degrees of freedom,
``logit(p) ± t(G−1) · se / (p(1 − p))``, back-transformed: it never leaves [0, 1] and keeps its
coverage with few clusters, where the normal Wald interval on the share does not (seeded simulation
in ``tests/test_share_coverage.py``, 2,000 replicates: 5 cases covered 85.0 % with z, 96.1 % this way;
10 cases 90.9 % and 95.6 %; 30 cases 93.2 % and 94.9 %). A share of exactly 0 or 1 gets the Wilson
interval over all units instead (the logit is infinite there), which ignores the clustering.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._proportions import wilson


@dataclass(frozen=True)
class ClusteredRatio:
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    n_units: int
    n_clusters: int
    design_effect: float
    df: float = np.nan  # degrees of freedom of the t on the logit scale (G − 1); NaN for Wilson


def clustered_ratio(y: np.ndarray, n: np.ndarray, alpha: float = 0.05) -> ClusteredRatio:
    """Ratio ``Σy/Σn`` over clusters with a CR1 (vcovCL HC1) standard error and a logit-t interval.

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
    from scipy.stats import t as t_dist

    scores = y - p * n
    var = g / (g - 1) * (scores @ scores) / total**2
    se = float(np.sqrt(var))
    naive = p * (1 - p) / total
    deff = float(var / naive) if naive > 0 else np.nan
    if 0 < p < 1:
        half = float(t_dist.ppf(1 - alpha / 2, g - 1)) * se / (p * (1 - p))
        logit = np.log(p / (1 - p))
        lo, hi = 1 / (1 + np.exp(-(logit - half))), 1 / (1 + np.exp(-(logit + half)))
    else:
        lo, hi = (float(b) for b in wilson(y.sum(), total, alpha))
    dof = float(g - 1) if 0 < p < 1 else np.nan
    return ClusteredRatio(float(p), se, float(lo), float(hi), int(total), g, deff, dof)
