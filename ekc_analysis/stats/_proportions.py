"""Intervals for single proportions, multinomial shares and their difference from a reference."""

from __future__ import annotations

import numpy as np
from scipy import stats as _st

ArrayLike = np.ndarray | float | int


def z_value(alpha: float = 0.05) -> float:
    return float(_st.norm.ppf(1 - alpha / 2))


def wilson(k: ArrayLike, n: ArrayLike, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for ``k`` successes out of ``n`` (vectorised; NaN where n = 0).

    >>> lo, hi = wilson(7, 10)
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.3968, 0.8922)
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    z = z_value(alpha)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    # at k = 0 or k = n the bound is exactly 0 or 1 (as prop.test gives it), never a rounding step inside
    low = np.where((k == 0) & (n > 0), 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where((k == n) & (n > 0), 1.0, np.clip(centre + half, 0.0, 1.0))
    return low, high


def goodman(counts: ArrayLike, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Goodman's (1965) simultaneous intervals for all shares of one multinomial.

    Same as ``statsmodels.stats.proportion.multinomial_proportions_confint(method="goodman")``.
    """
    counts = np.asarray(counts, dtype=float)
    n = counts.sum()
    a = _st.chi2.ppf(1 - alpha / counts.size, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        root = np.sqrt(a * (a + 4 * counts * (n - counts) / n))
        return (a + 2 * counts - root) / (2 * (n + a)), (a + 2 * counts + root) / (2 * (n + a))


def mean_ci(values: np.ndarray, alpha: float = 0.05) -> tuple[float, float, float, float]:
    """Mean, t-interval and standard error of ``values`` (NaN when fewer than two)."""
    values = np.asarray(values, dtype=float)
    n = values.size
    if n == 0:
        return np.nan, np.nan, np.nan, np.nan
    m = float(values.mean())
    if n < 2:
        return m, np.nan, np.nan, np.nan
    se = float(values.std(ddof=1) / np.sqrt(n))
    t = float(_st.t.ppf(1 - alpha / 2, n - 1))
    return m, m - t * se, m + t * se, se


def goodness_of_fit(counts: np.ndarray, expected_shares: np.ndarray) -> tuple[float, int, float]:
    """Pearson chi-square of observed counts against reference shares: (statistic, df, p)."""
    counts = np.asarray(counts, dtype=float)
    shares = np.asarray(expected_shares, dtype=float)
    expected = counts.sum() * shares / shares.sum()
    stat = float(((counts - expected) ** 2 / expected).sum())
    df = counts.size - 1
    return stat, df, float(_st.chi2.sf(stat, df))
