"""Competing risks: Aalen–Johansen cumulative incidence and Gray's test.

Pure functions on arrays. ``status`` codes 0 for censored and 1, 2, ... for the causes (the public
:func:`ekc_analysis.competing_risks` maps labels to these codes). The Fine–Gray model lives in
:mod:`ekc_analysis.stats.fine_gray`.

The cumulative incidence of cause k is ``F_k(t) = sum_{s <= t} S(s-) dN_k(s) / Y(s)``, with ``S`` the
Kaplan–Meier probability of having had no event of any cause. Unlike ``1 - KM`` with the other causes
censored, it does not count children whose follow-up ended for another reason as if they were still
at risk of re-referral, so it does not overstate the incidence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .proportions import z_value

CIF_COLUMNS = ["time", "cause", "cif", "se", "ci_low", "ci_high", "n_risk", "n_event"]


def _codes(status: np.ndarray) -> np.ndarray:
    codes = np.asarray(status)
    if not np.issubdtype(codes.dtype, np.number) or np.any(codes < 0) or np.any(codes != np.round(codes)):
        raise ValueError("status must be 0 (censored) or a positive integer cause code")
    return codes.astype(int)


def aalen_johansen(time: np.ndarray, status: np.ndarray, weights: np.ndarray | None = None,
                   alpha: float = 0.05, causes: list[int] | None = None) -> pd.DataFrame:
    """Aalen–Johansen cumulative incidence per cause at every distinct time, with R's standard errors.

    Parameters
    ----------
    time : array of float
        Follow-up time (event or censoring), non-negative.
    status : array of int
        0 = censored, 1, 2, ... = the cause that ended follow-up.
    weights : array of float, optional
        Case weights (e.g. propensity weights); default 1 for every row.
    alpha : float
        1 − confidence level of the intervals.
    causes : list of int, optional
        The causes to report (default: every non-zero code in ``status``); a cause without events
        gets a curve of zeros.

    Returns
    -------
    DataFrame
        One row per cause and distinct time (censoring times included, as R's ``survfit``):
        ``time, cause, cif, se, ci_low, ci_high, n_risk, n_event`` (``n_risk``, ``n_event`` are
        weighted counts: at risk just before ``time`` and events of this cause at ``time``).

    Notes
    -----
    The standard error is the infinitesimal jackknife, ``sqrt(sum_i (w_i dF_k(t)/dw_i)^2)``, which is
    what R's ``survfit(Surv(time, factor(status)) ~ 1)`` (survival 3.x) reports for a multi-state fit.
    The interval is R's default ``conf.type = "log"``: ``F exp(±z se/F)``, the upper end capped at 1.
    The sum over rows is done with cumulative sums: before leaving the risk set every row has the same
    influence, after leaving its influence moves with ``F_k`` linearly, so the cost is O(n log n).

    Examples
    --------
    >>> import numpy as np
    >>> out = aalen_johansen(np.array([1., 2, 2, 3, 4, 5]), np.array([1, 2, 0, 1, 0, 2]))
    >>> out[out["cause"] == 1]["cif"].round(3).tolist()
    [0.167, 0.167, 0.389, 0.389, 0.389]
    """
    t = np.asarray(time, float)
    d = _codes(status)
    w = np.ones(t.size) if weights is None else np.asarray(weights, float)
    if t.size == 0:
        raise ValueError("no rows")
    if causes is None:
        causes = sorted(int(c) for c in np.unique(d[d > 0]))
    grid, idx = np.unique(t, return_inverse=True)
    m = grid.size
    # weighted at risk (T >= t) and events per cause at each distinct time
    exits = np.bincount(idx, weights=w, minlength=m)
    at_risk = exits[::-1].cumsum()[::-1]
    w2_exit = np.bincount(idx, weights=w * w, minlength=m)
    w2_after = w2_exit[::-1].cumsum()[::-1] - w2_exit  # sum w^2 over rows with T > t
    ev = {k: np.bincount(idx, weights=w * (d == k), minlength=m) for k in causes}
    all_events = np.bincount(idx, weights=w * (d > 0), minlength=m)
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = np.where(at_risk > 0, all_events / at_risk, 0.0)
        surv = np.cumprod(1 - lam)
        s_minus = np.concatenate([[1.0], surv[:-1]])
        # G_S(t-)/S(t-): the shared influence on S of a row still at risk, divided by S
        step = np.where((at_risk > 0) & (lam < 1), lam / (at_risk * (1 - lam)), 0.0)
    r_lag = np.concatenate([[0.0], np.cumsum(step)[:-1]])
    g_s_minus = s_minus * r_lag
    z = z_value(alpha)
    frames = []
    for k in causes:
        lam_k = np.where(at_risk > 0, ev[k] / np.where(at_risk > 0, at_risk, 1), 0.0)
        cif = np.cumsum(s_minus * lam_k)
        g_f = np.cumsum(g_s_minus * lam_k - s_minus * lam_k / np.where(at_risk > 0, at_risk, 1))
        g_f_minus = np.concatenate([[0.0], g_f[:-1]])
        # each row's influence at its own exit time j = idx
        j = idx
        own_any = (d > 0).astype(float)
        own_k = (d == k).astype(float)
        y_j = at_risk[j]
        d_s = g_s_minus[j] * (1 - lam[j]) - s_minus[j] * (own_any - lam[j]) / y_j
        d_f = g_f_minus[j] + g_s_minus[j] * lam_k[j] + s_minus[j] * (own_k - lam_k[j]) / y_j
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.where(surv[j] > 0, d_s / surv[j], 0.0)
        e = d_f - c * cif[j]
        ww = w * w
        sum_ee = np.cumsum(np.bincount(j, weights=ww * e * e, minlength=m))
        sum_ec = np.cumsum(np.bincount(j, weights=ww * e * c, minlength=m))
        sum_cc = np.cumsum(np.bincount(j, weights=ww * c * c, minlength=m))
        var = w2_after * g_f**2 + sum_ee + 2 * sum_ec * cif + sum_cc * cif**2
        se = np.sqrt(np.clip(var, 0, None))
        with np.errstate(divide="ignore", invalid="ignore"):
            spread = np.where(cif > 0, z * se / cif, np.nan)
            low = np.where(cif > 0, cif * np.exp(-spread), np.nan)
            high = np.where(cif > 0, np.minimum(cif * np.exp(spread), 1.0), np.nan)
        frames.append(pd.DataFrame({"time": grid, "cause": k, "cif": cif, "se": se, "ci_low": low,
                                    "ci_high": high, "n_risk": at_risk, "n_event": ev[k]}))
    return pd.concat(frames, ignore_index=True)[CIF_COLUMNS]


def cif_at(curve: pd.DataFrame, times: np.ndarray | list[float]) -> pd.DataFrame:
    """The step functions of :func:`aalen_johansen` read at ``times`` (0 before the first time)."""
    rows = []
    for k, c in curve.groupby("cause", sort=True):
        c = c.sort_values("time")
        pos = np.searchsorted(c["time"].to_numpy(), np.asarray(times, float), side="right") - 1
        for t, p in zip(times, pos, strict=True):
            if p < 0:
                rows.append({"cause": k, "time": t, "cif": 0.0, "se": 0.0, "ci_low": np.nan, "ci_high": np.nan})
            else:
                r = c.iloc[p]
                rows.append({"cause": k, "time": t, "cif": r["cif"], "se": r["se"], "ci_low": r["ci_low"],
                             "ci_high": r["ci_high"]})
    return pd.DataFrame(rows)
