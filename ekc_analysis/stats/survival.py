"""Kaplan–Meier curves and the log-rank test, vectorised (as R's ``survfit`` and ``survdiff``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats as st

from .proportions import z_value


def kaplan_meier(time: np.ndarray, event: np.ndarray, weights: np.ndarray | None = None,
                 alpha: float = 0.05) -> pd.DataFrame:
    """Kaplan–Meier estimate at every distinct time, with R's default log-scale interval.

    Columns: ``time, at_risk, events, censored, survival, se_log, ci_low, ci_high`` — the same
    numbers as ``summary(survfit(Surv(time, event) ~ 1), censored = TRUE)`` (``std.err`` there is
    ``survival × se_log``). With weights, counts are weighted sums (Greenwood on weighted counts).
    """
    time = np.asarray(time, float)
    event = np.asarray(event, float)
    w = np.ones_like(time) if weights is None else np.asarray(weights, float)
    times, inverse = np.unique(time, return_inverse=True)
    d = np.bincount(inverse, weights=w * event, minlength=times.size)
    leaving = np.bincount(inverse, weights=w, minlength=times.size)
    at_risk = leaving[::-1].cumsum()[::-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        surv = np.cumprod(1 - d / at_risk)
        increments = np.where(d > 0, d / (at_risk * (at_risk - d)), 0.0)
        se_log = np.sqrt(np.cumsum(increments))
        z = z_value(alpha)
        low = surv * np.exp(-z * se_log)
        high = np.minimum(1.0, surv * np.exp(z * se_log))
    low = np.where(surv > 0, low, np.nan)
    high = np.where(surv > 0, high, np.nan)
    return pd.DataFrame({"time": times, "at_risk": at_risk, "events": d, "censored": leaving - d,
                         "survival": surv, "se_log": se_log, "ci_low": low, "ci_high": high})


def survival_at(curve: pd.DataFrame, t: float) -> pd.Series:
    """The step function's value at ``t`` (the last row with time ≤ t; 1 before the first time)."""
    rows = curve[curve["time"] <= t]
    if rows.empty:
        return pd.Series({"survival": 1.0, "ci_low": 1.0, "ci_high": 1.0, "at_risk": curve["at_risk"].iloc[0]})
    last = rows.iloc[-1]
    later = curve[curve["time"] > t]
    at_risk = later["at_risk"].iloc[0] if len(later) else 0.0
    return pd.Series({"survival": last["survival"], "ci_low": last["ci_low"], "ci_high": last["ci_high"],
                      "at_risk": at_risk})


def logrank(time: np.ndarray, event: np.ndarray, arm: np.ndarray) -> tuple[float, float, float, float]:
    """Two-group log-rank test as R's ``survdiff``: (chi-square, p, observed, expected) for arm 1."""
    time, event, arm = np.asarray(time, float), np.asarray(event, float), np.asarray(arm, float)
    times, inverse = np.unique(time, return_inverse=True)
    leaving = np.bincount(inverse, minlength=times.size).astype(float)
    leaving1 = np.bincount(inverse, weights=arm, minlength=times.size)
    d = np.bincount(inverse, weights=event, minlength=times.size)
    d1 = np.bincount(inverse, weights=event * arm, minlength=times.size)
    n = leaving[::-1].cumsum()[::-1]
    n1 = leaving1[::-1].cumsum()[::-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.where(n > 0, d * n1 / n, 0.0)
        var = np.where(n > 1, d * (n1 / n) * (1 - n1 / n) * (n - d) / (n - 1), 0.0)
    o, e, v = d1.sum(), expected.sum(), var.sum()
    chi2 = float((o - e) ** 2 / v) if v > 0 else np.nan
    return chi2, float(st.chi2.sf(chi2, 1)), float(o), float(e)
