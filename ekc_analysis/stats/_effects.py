"""Two-group effect estimators: risks, odds, means, standardised differences, instrumental variables.

Pure functions on arrays; each returns plain numbers (or small dicts) that
:mod:`ekc_analysis.studies` arranges into results.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats as st

from ._proportions import wilson, z_value


@dataclass(frozen=True)
class Estimate:
    estimate: float
    ci_low: float
    ci_high: float
    p_value: float = np.nan
    se: float = np.nan
    df: float = np.nan  # degrees of freedom of the t reference (NaN: normal or not a t interval)


def newcombe_difference(k1: int, n1: int, k0: int, n0: int, alpha: float = 0.05) -> Estimate:
    """Risk difference p1 − p0 with Newcombe's hybrid score interval (his method 10).

    The p-value is that of the two-sample z-test with pooled variance (``prop.test`` without
    continuity correction in R).
    """
    p1, p0 = k1 / n1, k0 / n0
    l1, u1 = wilson(k1, n1, alpha)
    l0, u0 = wilson(k0, n0, alpha)
    d = p1 - p0
    low = d - np.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2)
    high = d + np.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)
    pooled = (k1 + k0) / (n1 + n0)
    se0 = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    p = 2 * st.norm.sf(abs(d) / se0) if se0 > 0 else np.nan
    return Estimate(d, float(low), float(high), float(p), float(np.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)))


def risk_ratio(k1: int, n1: int, k0: int, n0: int, alpha: float = 0.05) -> Estimate:
    """Risk ratio with the log-scale (Katz) Wald interval; NaN when a group has no events. When every member of
    both groups has the event the SE is 0: the interval is [1, 1] and there is no p-value (as :func:`wald`)."""
    if min(k1, k0) == 0:
        return Estimate(np.nan, np.nan, np.nan)
    rr = (k1 / n1) / (k0 / n0)
    se = np.sqrt(max(0.0, 1 / k1 - 1 / n1 + 1 / k0 - 1 / n0))
    z = z_value(alpha)
    p = 2 * st.norm.sf(abs(np.log(rr)) / se) if se > 0 else np.nan
    return Estimate(rr, float(rr * np.exp(-z * se)), float(rr * np.exp(z * se)), float(p), float(se))


def welch(y1: np.ndarray, y0: np.ndarray, alpha: float = 0.05) -> tuple[Estimate, float]:
    """Mean difference with Welch's t interval (as R's ``t.test``); returns (estimate, df)."""
    m1, m0 = y1.mean(), y0.mean()
    v1, v0 = y1.var(ddof=1) / y1.size, y0.var(ddof=1) / y0.size
    se = np.sqrt(v1 + v0)
    df = (v1 + v0) ** 2 / (v1**2 / (y1.size - 1) + v0**2 / (y0.size - 1))
    t = st.t.ppf(1 - alpha / 2, df)
    d = m1 - m0
    p = 2 * st.t.sf(abs(d) / se, df)
    return Estimate(float(d), float(d - t * se), float(d + t * se), float(p), float(se), float(df)), float(df)


def hedges_g(y1: np.ndarray, y0: np.ndarray, alpha: float = 0.05) -> Estimate:
    """Hedges' g (pooled SD, small-sample corrected) with the usual large-sample interval.

    SE = sqrt((n1+n0)/(n1 n0) + g²/(2(n1+n0))) as in Borenstein et al. (2009), the form
    ``metafor::escalc(measure = "SMD")`` uses up to its exact correction factor.
    """
    n1, n0 = y1.size, y0.size
    sp = np.sqrt(((n1 - 1) * y1.var(ddof=1) + (n0 - 1) * y0.var(ddof=1)) / (n1 + n0 - 2))
    d = (y1.mean() - y0.mean()) / sp
    j = 1 - 3 / (4 * (n1 + n0) - 9)
    g = j * d
    se = np.sqrt((n1 + n0) / (n1 * n0) + g**2 / (2 * (n1 + n0)))
    z = z_value(alpha)
    return Estimate(float(g), float(g - z * se), float(g + z * se), float(2 * st.norm.sf(abs(g / se))), float(se))


def wald(coef: float, se: float, alpha: float = 0.05, exp: bool = False, df: float | None = None) -> Estimate:
    """A Wald interval and p-value (normal, or t with ``df``), optionally on the exp scale."""
    q = z_value(alpha) if df is None else st.t.ppf(1 - alpha / 2, df)
    stat = abs(coef / se) if se > 0 else np.nan
    p = 2 * (st.norm.sf(stat) if df is None else st.t.sf(stat, df))
    lo, hi = coef - q * se, coef + q * se
    dof = np.nan if df is None else float(df)
    if exp:
        return Estimate(float(np.exp(coef)), float(np.exp(lo)), float(np.exp(hi)), float(p), float(se), dof)
    return Estimate(float(coef), float(lo), float(hi), float(p), float(se), dof)


def iv_wald(y: np.ndarray, d: np.ndarray, z: np.ndarray, alpha: float = 0.05) -> Estimate:
    """Complier average causal effect by two-stage least squares with one binary instrument.

    β = cov(y, z) / cov(d, z): the ITT effect on the outcome divided by the effect of
    randomisation on receiving a conference. Heteroskedasticity-robust (HC0) standard error,
    as ``sandwich::vcovHC(ivreg(y ~ d | z), type = "HC0")``.
    """
    zc = z - z.mean()
    first = zc @ (d - d.mean())
    if abs(first) < 1e-12:
        return Estimate(np.nan, np.nan, np.nan)
    beta = zc @ (y - y.mean()) / first
    alpha0 = y.mean() - beta * d.mean()
    u = y - alpha0 - beta * d
    se = float(np.sqrt((zc**2 * u**2).sum()) / abs(first))
    return wald(float(beta), se, alpha)
