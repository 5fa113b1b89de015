"""Sample size and detectable effects, as R's ``power.prop.test`` and ``power.t.test`` for two equal arms.

Two generalisations a cluster trial like ZonMw needs (328 families randomised 229 : 99, children within
families): unequal allocation ``k = n_treated / n_control`` (the variance of a difference is
``1/n_treated + 1/n_control``, not ``2/n``), and a design effect ``de = 1 + (m − 1)·ICC`` for clusters
of mean size ``m`` that multiplies that variance; the t test then has ``clusters − 2`` degrees of
freedom. With ``k = 1`` and ``de = 1`` the formulas are R's exactly. For equal cluster sizes the
continuous case is exact for the t test on cluster means (checked by simulation in the tests).
"""

from __future__ import annotations

import numpy as np
from scipy import optimize
from scipy import stats as st


def power_two_proportions(n: float, p1: float, p2: float, alpha: float = 0.05, k: float = 1.0,
                          de: float = 1.0) -> float:
    """Power of the two-sided test of proportions, ``n`` in the arm with ``p1`` and ``k·n`` in the arm
    with ``p2`` (R's ``power.prop.test`` when k = 1 and de = 1; strict = FALSE)."""
    n1, n2 = n, k * n
    pbar = (n1 * p1 + n2 * p2) / (n1 + n2)
    z = st.norm.isf(alpha / 2)
    null_se = np.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2) * de)
    alt_se = np.sqrt((p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) * de)
    return float(st.norm.cdf((abs(p1 - p2) - z * null_se) / alt_se))


def power_two_means(n: float, delta: float, sd: float = 1.0, alpha: float = 0.05, k: float = 1.0,
                    de: float = 1.0, cluster_size: float = 1.0) -> float:
    """Power of the two-sided two-sample t test with ``n`` and ``k·n`` per arm (noncentral t; R's
    ``power.t.test`` when k = 1 and de = 1, strict = FALSE); with clusters, df = clusters − 2."""
    nu = (n + k * n) / cluster_size - 2
    q = st.t.isf(alpha / 2, nu)
    return float(st.nct.sf(q, nu, delta / (sd * np.sqrt(de * (1 / n + 1 / (k * n))))))


def _solve(f: object, lo: float, hi: float) -> float:
    return float(optimize.brentq(f, lo, hi, xtol=1e-12, rtol=1e-12))  # type: ignore[arg-type]


def n_two_proportions(p1: float, p2: float, power: float = 0.8, alpha: float = 0.05, k: float = 1.0,
                      de: float = 1.0) -> float:
    """``n`` in the arm with ``p1`` (the other arm has ``k·n``)."""
    return _solve(lambda n: power_two_proportions(n, p1, p2, alpha, k, de) - power, 2, 1e8)


def n_two_means(delta: float, sd: float = 1.0, power: float = 0.8, alpha: float = 0.05, k: float = 1.0,
                de: float = 1.0, cluster_size: float = 1.0) -> float:
    low = max(2.0, 2.5 * cluster_size / (1 + k))  # at least a few clusters in all, so df > 0
    return _solve(lambda n: power_two_means(n, delta, sd, alpha, k, de, cluster_size) - power, low, 1e8)


def detectable_proportion(n: float, p1: float, power: float = 0.8, alpha: float = 0.05, k: float = 1.0,
                          de: float = 1.0) -> float:
    """The larger p2 that ``n`` (and ``k·n``) detects against ``p1`` with the given power."""
    return _solve(lambda p2: power_two_proportions(n, p1, p2, alpha, k, de) - power, p1 + 1e-10, 1 - 1e-10)


def detectable_difference(n: float, sd: float = 1.0, power: float = 0.8, alpha: float = 0.05, k: float = 1.0,
                          de: float = 1.0, cluster_size: float = 1.0) -> float:
    return _solve(lambda d: power_two_means(n, d, sd, alpha, k, de, cluster_size) - power, sd * 1e-7, sd * 1e3)
