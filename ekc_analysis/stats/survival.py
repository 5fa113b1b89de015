"""Kaplan–Meier curves, restricted mean survival and the log-rank test (as R's ``survfit`` and ``survdiff``).

Everything is vectorised over the distinct times. With case weights that are not whole numbers,
or with clusters, the variance of the curve is R's robust (infinitesimal-jackknife) one: the
influence of each row (each cluster) on log S(t), squared and summed. That does not depend on the
scale of the weights, as Greenwood on weighted counts does. The influence of a row is a step
function of time, so the sums of squares at every time come from cumulative sums of how each
cluster's influence changes when one of its rows enters or leaves the risk set — O(n log n).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as st

from .proportions import z_value


@dataclass(frozen=True)
class _Curve:
    times: np.ndarray      # distinct exit times
    at_risk: np.ndarray    # weighted number at risk at each time
    events: np.ndarray
    censored: np.ndarray
    surv: np.ndarray
    greenwood: np.ndarray  # cumulative d / (n (n - d))
    # every entry into and exit from the risk set: cluster, time index from which it counts, change of the
    # cluster's weight at risk (W) and of its accumulated influence (B); influence on log S = G(t) W + B
    moves: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _curve(time: np.ndarray, event: np.ndarray, weights: np.ndarray | None, entry: np.ndarray | None,
           cluster: np.ndarray | None) -> _Curve:
    time = np.asarray(time, float)
    event = np.asarray(event, float) > 0
    w = np.ones_like(time) if weights is None else np.asarray(weights, float)
    times, k_exit = np.unique(time, return_inverse=True)
    K = len(times)
    d = np.bincount(k_exit, weights=w * event, minlength=K)
    d_count = np.bincount(k_exit, weights=event.astype(float), minlength=K)
    leaving = np.bincount(k_exit, weights=w, minlength=K)
    at_risk = leaving[::-1].cumsum()[::-1]
    if entry is not None:
        k_entry = np.searchsorted(times, np.asarray(entry, float), side="right")  # at risk from the first t > entry
        entered = np.bincount(k_entry, weights=w, minlength=K + 1)[:K].cumsum()
        at_risk = at_risk - (w.sum() - entered)
    else:
        k_entry = np.zeros(len(time), np.int64)
    has = (d_count > 0) & (d > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = np.where(has, d / at_risk, 0.0)
        surv = np.cumprod(1 - h)
        g_step = np.where(has, d / (at_risk * (at_risk - d)), 0.0)
        greenwood = np.cumsum(g_step)
        own = np.where(has, 1 / (at_risk - d), 0.0)
    codes = np.arange(len(time)) if cluster is None else pd.factorize(pd.Series(np.asarray(cluster)))[0]
    g_before_entry = np.where(k_entry > 0, greenwood[np.maximum(k_entry - 1, 0)], 0.0)
    with np.errstate(invalid="ignore"):
        exit_b = w * (greenwood[k_exit] - np.where(event, own[k_exit], 0.0))
    moves = (np.concatenate([codes, codes]), np.concatenate([k_entry, k_exit]),
             np.concatenate([w, -w]), np.concatenate([-w * g_before_entry, exit_b]))
    return _Curve(times, at_risk, d, leaving - d, surv, greenwood, moves)


def _sorted_states(c: _Curve) -> tuple[np.ndarray, ...]:
    """Each cluster's (W, B) before and after each of its moves, in time order within cluster."""
    cl, k, dw, db = c.moves
    order = np.lexsort((k, cl))
    cl, k, dw, db = cl[order], k[order], dw[order], db[order]
    start = np.r_[True, cl[1:] != cl[:-1]]
    first = np.flatnonzero(start)
    group = np.cumsum(start) - 1
    cw, cb = np.cumsum(dw), np.cumsum(db)
    w_after = cw - (cw[first] - dw[first])[group]
    b_after = cb - (cb[first] - db[first])[group]
    return cl, k, dw, db, w_after, b_after


def _robust_var_log(c: _Curve) -> np.ndarray:
    """Infinitesimal-jackknife variance of log S(t) at each time (clusters summed first)."""
    _, k, dw, db, w1, b1 = _sorted_states(c)
    w0, b0 = w1 - dw, b1 - db
    K = len(c.times)

    def summed(after: np.ndarray, before: np.ndarray) -> np.ndarray:
        return np.bincount(k, weights=after - before, minlength=K + 1)[:K].cumsum()

    ww, wb, bb = summed(w1 * w1, w0 * w0), summed(w1 * b1, w0 * b0), summed(b1 * b1, b0 * b0)
    g = c.greenwood
    with np.errstate(invalid="ignore"):  # from the time S reaches 0 on the variance of log S is undefined
        return np.maximum(g * g * ww + 2 * g * wb + bb, 0.0)


def _integer(w: np.ndarray | None) -> bool:
    return w is None or bool(np.all(np.asarray(w, float) == np.floor(np.asarray(w, float))))


def kaplan_meier(time: np.ndarray, event: np.ndarray, weights: np.ndarray | None = None,
                 alpha: float = 0.05, *, entry: np.ndarray | None = None, cluster: np.ndarray | None = None,
                 robust: bool | None = None) -> pd.DataFrame:
    """Kaplan–Meier estimate at every distinct time, with R's default log-scale interval.

    Columns: ``time, at_risk, events, censored, survival, se_log, ci_low, ci_high`` — the numbers of
    ``summary(survfit(Surv([entry,] time, event) ~ 1, weights, cluster), censored = TRUE)``
    (``std.err`` there is ``survival × se_log``). ``at_risk`` is the (weighted) number at risk at
    the time itself. ``robust`` defaults to R's rule: the infinitesimal-jackknife variance when
    weights are not whole numbers or ``cluster`` is given, Greenwood otherwise.
    """
    c = _curve(time, event, weights, entry, cluster)
    if robust is None:
        robust = cluster is not None or not _integer(weights)
    var = _robust_var_log(c) if robust else c.greenwood
    with np.errstate(invalid="ignore", over="ignore"):
        se_log = np.sqrt(var)
        z = z_value(alpha)
        low = c.surv * np.exp(-z * se_log)
        high = np.minimum(1.0, c.surv * np.exp(z * se_log))
    ok = c.surv > 0
    return pd.DataFrame({"time": c.times, "at_risk": c.at_risk, "events": c.events, "censored": c.censored,
                         "survival": c.surv, "se_log": np.where(ok, se_log, np.nan),
                         "ci_low": np.where(ok, low, np.nan), "ci_high": np.where(ok, high, np.nan)})


def restricted_mean(time: np.ndarray, event: np.ndarray, tau: float, weights: np.ndarray | None = None, *,
                    entry: np.ndarray | None = None, cluster: np.ndarray | None = None,
                    robust: bool | None = None) -> tuple[float, float]:
    """Restricted mean survival time up to ``tau`` (area under the KM curve) and its standard error.

    Without weights or clusters the SE is R's (``print(survfit(...), rmean = tau)``: the Greenwood
    form). With weights that are not whole numbers or with ``cluster`` it is the infinitesimal
    jackknife of the area, from the same influence R's ``survfit(..., influence = TRUE)`` returns
    (R's printed ``se(rmean)`` would use Greenwood on weighted counts, which depends on the scale of
    the weights).
    """
    c = _curve(time, event, weights, entry, cluster)
    keep = c.times <= tau
    edges = np.concatenate([c.times[keep], [tau]])
    start = min(0.0, float(c.times.min())) if len(c.times) else 0.0
    heights = np.concatenate([[1.0], c.surv[keep]])
    area = float(np.sum(np.diff(np.concatenate([[start], edges])) * heights))
    widths = np.zeros(len(c.times))
    widths[keep] = np.diff(edges)  # the rectangle right of each time, up to tau
    if robust is None:
        robust = cluster is not None or not _integer(weights)
    if not robust:
        after = np.cumsum((widths * c.surv)[::-1])[::-1]  # area from each time to tau
        with np.errstate(invalid="ignore"):
            g_step = np.diff(np.concatenate([[0.0], c.greenwood]))
        g_step = np.where(np.isfinite(g_step), g_step, 0.0)  # R: 0 where everyone at risk has the event
        return area, float(np.sqrt(np.sum(after ** 2 * g_step)))
    alpha_b = widths * c.surv
    with np.errstate(invalid="ignore"):
        alpha_w = np.where(alpha_b > 0, alpha_b * c.greenwood, 0.0)  # no area once S has reached 0
    tail_b = np.concatenate([np.cumsum(alpha_b[::-1])[::-1], [0.0]])
    tail_w = np.concatenate([np.cumsum(alpha_w[::-1])[::-1], [0.0]])
    cl, k, dw, db = c.moves
    with np.errstate(invalid="ignore"):
        moves = np.where(tail_b[k] > 0, dw * tail_w[k] + db * tail_b[k], 0.0)
    influence = np.bincount(cl, weights=moves)
    return area, float(np.sqrt(np.sum(influence ** 2)))


def survival_at(curve: pd.DataFrame, t: float) -> pd.Series:
    """The curve at ``t``: survival and interval of the last time ≤ t; the number at risk AT t.

    The number at risk at t counts those still followed at t (R's ``summary(survfit, times = t)``
    ``n.risk``): the at-risk number of the first time ≥ t, 0 after the last time.
    """
    rows = curve[curve["time"] <= t]
    later = curve[curve["time"] >= t]
    at_risk = float(later["at_risk"].iloc[0]) if len(later) else 0.0
    if rows.empty:
        return pd.Series({"survival": 1.0, "ci_low": 1.0, "ci_high": 1.0, "at_risk": at_risk})
    last = rows.iloc[-1]
    return pd.Series({"survival": last["survival"], "ci_low": last["ci_low"], "ci_high": last["ci_high"],
                      "at_risk": at_risk})


def logrank(time: np.ndarray, event: np.ndarray, arm: np.ndarray, *, entry: np.ndarray | None = None,
            strata: np.ndarray | None = None) -> tuple[float, float, float, float]:
    """Two-group log-rank test as R's ``survdiff`` (``+ strata()`` sums over strata): (chi-square, p, O, E).

    With ``entry`` the risk sets are those of ``Surv(entry, time, event)`` (rows at risk after entry).
    """
    time, event, arm = np.asarray(time, float), np.asarray(event, float) > 0, np.asarray(arm, float)
    codes = np.zeros(len(time), np.int64) if strata is None else pd.factorize(pd.Series(np.asarray(strata)))[0]
    o = e = v = 0.0
    for s in range(int(codes.max()) + 1 if len(codes) else 0):
        m = codes == s
        t, ev, a = time[m], event[m], arm[m]
        ut, k = np.unique(t[ev], return_inverse=True)
        if not len(ut):
            continue
        st_all, st_one = np.sort(t), np.sort(t[a == 1])
        n = len(t) - np.searchsorted(st_all, ut, side="left")
        n1 = len(st_one) - np.searchsorted(st_one, ut, side="left")
        if entry is not None:
            en = np.asarray(entry, float)[m]
            n = n - (len(en) - np.searchsorted(np.sort(en), ut, side="left"))
            en1 = np.sort(en[a == 1])
            n1 = n1 - (len(en1) - np.searchsorted(en1, ut, side="left"))
        d = np.bincount(k, minlength=len(ut)).astype(float)
        d1 = np.bincount(k, weights=a[ev], minlength=len(ut))
        with np.errstate(divide="ignore", invalid="ignore"):
            expected = np.where(n > 0, d * n1 / n, 0.0)
            var = np.where(n > 1, d * (n1 / n) * (1 - n1 / n) * (n - d) / (n - 1), 0.0)
        o, e, v = o + d1.sum(), e + expected.sum(), v + var.sum()
    chi2 = float((o - e) ** 2 / v) if v > 0 else np.nan
    return chi2, float(st.chi2.sf(chi2, 1)), float(o), float(e)
