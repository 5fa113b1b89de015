"""Sample size and detectable effects for two equal arms, as R's ``power.prop.test`` and ``power.t.test``."""

from __future__ import annotations

import numpy as np
from scipy import optimize
from scipy import stats as st


def power_two_proportions(n: float, p1: float, p2: float, alpha: float = 0.05) -> float:
    """Power of the two-sided two-sample test of proportions with ``n`` per arm (R, strict = FALSE)."""
    q1, q2 = 1 - p1, 1 - p2
    z = st.norm.isf(alpha / 2)
    return float(st.norm.cdf((np.sqrt(n) * abs(p1 - p2) - z * np.sqrt((p1 + p2) * (q1 + q2) / 2))
                             / np.sqrt(p1 * q1 + p2 * q2)))


def power_two_means(n: float, delta: float, sd: float = 1.0, alpha: float = 0.05) -> float:
    """Power of the two-sided two-sample t-test with ``n`` per arm (noncentral t, R strict = FALSE)."""
    nu = 2 * (n - 1)
    q = st.t.isf(alpha / 2, nu)
    return float(st.nct.sf(q, nu, np.sqrt(n / 2) * delta / sd))


def _solve(f: object, lo: float, hi: float) -> float:
    return float(optimize.brentq(f, lo, hi, xtol=1e-12, rtol=1e-12))  # type: ignore[arg-type]


def n_two_proportions(p1: float, p2: float, power: float = 0.8, alpha: float = 0.05) -> float:
    return _solve(lambda n: power_two_proportions(n, p1, p2, alpha) - power, 2, 1e8)


def n_two_means(delta: float, sd: float = 1.0, power: float = 0.8, alpha: float = 0.05) -> float:
    return _solve(lambda n: power_two_means(n, delta, sd, alpha) - power, 2, 1e8)


def detectable_proportion(n: float, p1: float, power: float = 0.8, alpha: float = 0.05) -> float:
    """The larger p2 that ``n`` per arm detects against ``p1`` with the given power."""
    return _solve(lambda p2: power_two_proportions(n, p1, p2, alpha) - power, p1 + 1e-10, 1 - 1e-10)


def detectable_difference(n: float, sd: float = 1.0, power: float = 0.8, alpha: float = 0.05) -> float:
    return _solve(lambda d: power_two_means(n, d, sd, alpha) - power, sd * 1e-7, sd * 1e3)
