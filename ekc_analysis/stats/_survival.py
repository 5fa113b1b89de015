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
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as st

from ._proportions import z_value


@dataclass(frozen=True)
class _Curve:
    times: np.ndarray      # distinct exit times
    at_risk: np.ndarray    # weighted number at risk at each time
    events: np.ndarray
    censored: np.ndarray
    surv: np.ndarray
    greenwood: np.ndarray  # cumulative d / (n (n - d)); infinite from the time S reaches 0
    # every entry into and exit from the risk set: cluster, time index from which it counts, change of the
    # cluster's weight at risk (W) and of its accumulated influence (B); influence on log S = G(t) W + B,
    # with G the Greenwood sum (finite: 0 from the time S reaches 0, where the variance is 0)
    moves: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    g: np.ndarray
    simple: bool           # no clusters and no entry times: the variance needs no running differences
    no_entry: bool


def _curve(time: np.ndarray, event: np.ndarray, weights: np.ndarray | None, entry: np.ndarray | None,
           cluster: np.ndarray | None) -> _Curve:
    time = np.asarray(time, float)
    event = np.asarray(event, float) > 0
    w = np.ones_like(time) if weights is None else np.asarray(weights, float)
    unit = float(w.mean()) if w.size and w.mean() > 0 else 1.0
    w = w / unit  # the curve and its robust variance do not depend on the scale: work near 1
    times, k_exit = np.unique(time, return_inverse=True)
    K = len(times)
    if entry is not None:
        k_entry = np.searchsorted(times, np.asarray(entry, float), side="right")  # at risk from the first t > entry
    else:
        k_entry = np.zeros(len(time), np.int64)
    at_risk, d, survivors = _counts(w, event, k_entry, k_exit, K)
    d_count = np.bincount(k_exit, weights=event.astype(float), minlength=K)
    leaving = np.bincount(k_exit, weights=w, minlength=K)
    has = (d_count > 0) & (d > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = np.where(has, d / at_risk, 0.0)
        surv = np.cumprod(np.where(has, survivors / at_risk, 1.0))
        g_step = np.where(has, d / (at_risk * survivors), 0.0)
        greenwood = np.cumsum(g_step)
        inv_n = np.where(has, 1 / at_risk, 0.0)
    surv = np.where(h >= 1, 0.0, surv)
    g = np.where(np.isfinite(greenwood), greenwood, 0.0)
    g_before = np.concatenate([[0.0], g[:-1]])
    codes = np.arange(len(time)) if cluster is None else pd.factorize(pd.Series(np.asarray(cluster)), sort=True)[0]
    g_before_entry = np.where(k_entry > 0, g[np.maximum(k_entry - 1, 0)], 0.0)
    # leaving at k: a censored row keeps w·G(k); a row with the event w·(G(k) − 1/(n − d)) = w·(G(k−1) − 1/n)
    exit_b = w * np.where(event, g_before[k_exit] - inv_n[k_exit], g[k_exit])
    moves = (np.concatenate([codes, codes]), np.concatenate([k_entry, k_exit]),
             np.concatenate([w, -w]), np.concatenate([-w * g_before_entry, exit_b]))
    return _Curve(times, at_risk * unit, d * unit, (leaving - d) * unit, surv, greenwood, moves, g,
                  cluster is None and entry is None, entry is None or not (k_entry > 0).any())


def _per_time(k: np.ndarray, values: np.ndarray, K: int) -> np.ndarray:
    """``np.bincount(k, values, K)``, also for an object array of Python integers (exact)."""
    if values.dtype != object:
        return np.bincount(k, weights=values, minlength=K)
    order = np.argsort(k, kind="stable")
    ks = k[order]
    firsts = np.flatnonzero(np.r_[True, ks[1:] != ks[:-1]]) if len(ks) else np.array([], np.int64)
    out = np.zeros(K, dtype=object)
    if len(ks):
        out[ks[firsts]] = np.add.reduceat(values[order], firsts)
    return out


def _counts(w: np.ndarray, event: np.ndarray, k_entry: np.ndarray, k_exit: np.ndarray,
            K: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weight at risk, weight of the events and weight surviving (n − d) at each time.

    Without entry times every sum is one of non-negative terms (no cancellation). With them, summed in
    floating point when a bound on the rounding is below 1e-10, else exactly, as integers
    (the weights scaled by a power of 2): then a huge weight that has left the risk set, has not yet
    entered it or has just had the event leaves no rounding residue in the others' sums, and n − d is
    exact where ``1 − d/n`` would not be.
    """
    d = np.bincount(k_exit[event], weights=w[event], minlength=K)
    leaving = np.bincount(k_exit, weights=w, minlength=K)
    later = np.r_[np.cumsum(leaving[::-1])[::-1], 0.0]  # weight leaving at or after each time: sums of w ≥ 0
    if not (k_entry > 0).any():  # no cancellation at all: n = Σ w over exits ≥ t, n − d = censored at t + n(next)
        censored = np.bincount(k_exit[~event], weights=w[~event], minlength=K)
        return later[:K], d, censored + later[1:]
    waiting = np.r_[np.cumsum(np.bincount(k_entry, weights=w, minlength=K + 1)[::-1])[::-1][1:], 0.0][:K]
    at_risk = later[:K] - waiting  # minus the weight that has not yet entered
    survivors = at_risk - d
    with np.errstate(invalid="ignore", divide="ignore"):
        bound = _ROUNDING * np.sqrt(len(w)) * (later[:K] + waiting) / np.where(d > 0, survivors, at_risk)
    if not np.any((at_risk > 0) & ~(bound < 1e-10)):
        return at_risk, d, np.where(d >= at_risk, 0.0, survivors)
    shift = _shift(w)
    wi = _exact(w, shift)
    at_risk_i = np.cumsum(_per_time(k_entry, wi, K + 1) - _per_time(k_exit + 1, wi, K + 2)[:K + 1])[:K]
    d_i = _per_time(k_exit[event], wi[event], K)
    return _floats(at_risk_i, shift), _floats(d_i, shift), _floats(at_risk_i - d_i, shift)


_ROUNDING = 8 * float(np.finfo(float).eps)
"""Rounding per operation in the error bounds: 8 ε, times √(number of terms) (Higham's rule of thumb)."""


def _floats(v: np.ndarray, shift: int) -> np.ndarray:
    """Python integers scaled by ``2**shift`` back to floats (correctly rounded)."""
    scale = 1 << max(shift, 0)
    out = np.array([x / scale for x in v.tolist()], dtype=float)
    return out if shift >= 0 else np.ldexp(out, -shift)


def _exact(x: np.ndarray, shift: int) -> np.ndarray:
    """``x · 2**shift`` as Python integers (object array): sums and products of them are exact."""
    return np.array([int(v) for v in np.ldexp(np.asarray(x, float), shift).tolist()], dtype=object)


def _shift(x: np.ndarray, bits: int = 200) -> int:
    """The power of 2 that brings the largest |x| to about ``2**bits``."""
    top = float(np.max(np.abs(x))) if len(x) else 0.0
    return bits - (int(np.frexp(top)[1]) if top > 0 else 0)


def _within(values: np.ndarray, start: np.ndarray, n: int) -> np.ndarray:
    """Running sums within consecutive segments (beginning at ``start``), never across them."""
    sizes = np.diff(np.r_[start, n])
    out = np.empty_like(values)
    for m in np.unique(sizes):
        first = start[sizes == m]
        idx = first[:, None] + np.arange(m)[None, :]
        out[idx] = np.cumsum(values[idx], axis=1)
    return out


def _state_sums(cl: np.ndarray, k: np.ndarray, dw: np.ndarray, db: np.ndarray,
                K: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any]:
    """ΣW², ΣWB, ΣB² over the clusters' states at each time, and the sums of the magnitudes behind their
    changes (for the rounding bound).

    ``dw``, ``db`` are floats or Python integers; the same code then sums in floating point or exactly.
    """
    start = np.flatnonzero(np.r_[True, cl[1:] != cl[:-1]])
    w1, b1 = _within(dw, start, len(cl)), _within(db, start, len(cl))
    w0, b0 = w1 - dw, b1 - db
    changes = [w1 * w1 - w0 * w0, w1 * b1 - w0 * b0, b1 * b1 - b0 * b0]
    sums = [np.cumsum(_per_time(k, change, K)) for change in changes]
    if dw.dtype == object:
        return sums[0], sums[1], sums[2], None
    # what each change and each state can be off by: the products, and the states' own running sums (a huge
    # weight that joined and left a cluster leaves eps·weight in its W)
    aw, ab = _within(np.abs(dw), start, len(cl)), _within(np.abs(db), start, len(cl))
    a1, a0, c1, c0 = np.abs(w1), np.abs(w0), np.abs(b1), np.abs(b0)
    magnitudes = [a1 * (a1 + aw) + a0 * (a0 + aw), a1 * (c1 + ab) + c1 * aw + a0 * (c0 + ab) + c0 * aw,
                  c1 * (c1 + ab) + c0 * (c0 + ab)]
    sizes = np.stack([np.cumsum(np.bincount(k, m, K)) for m in magnitudes])
    return sums[0], sums[1], sums[2], sizes


def _pairs_at_risk(c: _Curve) -> np.ndarray:
    """Σ over clusters of (weight at risk)² at each time, without entry times: each pair of members of a
    cluster adds w_i·w_j for as long as both are at risk, so the sum is a suffix sum of terms ≥ 0."""
    cl, k, dw, _ = c.moves
    n = len(dw) // 2
    codes, k_exit, w = cl[n:], k[n:], -dw[n:]
    order = np.lexsort((-k_exit, codes))  # within cluster, latest exit first
    codes, k_exit, w = codes[order], k_exit[order], w[order]
    start = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    later = _within(w, start, n) - w  # weight of the members that leave after this one (or with it)
    pair = w * (w + 2 * later)
    K = len(c.times)
    return np.r_[np.cumsum(np.bincount(k_exit, pair, K)[::-1])[::-1][1:], 0.0]


def _robust_var_log(c: _Curve) -> np.ndarray:
    """Infinitesimal-jackknife variance of log S(t) at each time where S > 0 (clusters summed first); 0 after.

    Each cluster's influence on log S is ``G(t)·W + B`` between two of its moves (W its weight at risk, B
    what its members that left carried away), so the variance is ``G² ΣW² + 2G ΣWB + ΣB²`` over the
    clusters' current states. Those sums change by (after² − before²) at every move. In floating point a
    weight of 1e9 that enters and leaves them leaves a rounding residue that swamps the small terms; so
    the sums are accepted in floating point only where a bound on that residue is below 1e-8 of the
    variance, and are otherwise kept in exact integer arithmetic (values scaled by a power of 2).
    """
    cl, k, dw, db = c.moves
    K = len(c.times)
    alive = c.surv > 0
    if not alive.any():
        return np.zeros(K)
    if c.simple:  # one row per cluster, no entry: G² Σ_{at risk} w² + Σ_{left} c², sums of terms ≥ 0 only
        n = len(dw) // 2
        k_exit, w, left = k[n:], dw[:n], db[n:]
        at_risk_sq = np.r_[np.cumsum(np.bincount(k_exit, w * w, K)[::-1])[::-1][1:], 0.0]
        var = c.g * c.g * at_risk_sq + np.cumsum(np.bincount(k_exit, left * left, K))
        return np.where(alive, var, 0.0)
    order = np.lexsort((k, cl))
    cl, k, dw, db = cl[order], k[order], dw[order], db[order]
    ww, wb, bb, size = _state_sums(cl, k, dw, db, K)
    g = c.g
    if c.no_entry:  # ΣW² from its pairs of members, each counted while both are at risk: terms ≥ 0 only
        ww, size[0] = _pairs_at_risk(c), 0.0
    var = g * g * ww + 2 * g * wb + bb
    bound = _ROUNDING * (np.sqrt(len(dw)) * (g * g * (size[0] + ww) + 2 * np.abs(g) * size[1] + size[2])
                         + g * g * np.abs(ww) + 2 * np.abs(g * wb) + np.abs(bb))
    if np.all(bound[alive] <= 1e-8 * var[alive]):
        return np.where(alive, np.maximum(var, 0.0), 0.0)
    shift = _shift(np.concatenate([dw, db]))
    ww, wb, bb, _ = _state_sums(cl, k, _exact(dw, shift), _exact(db, shift), K)
    g_shift = _shift(g[alive])
    gi = _exact(g, g_shift)
    scale = 1 << (2 * shift + 2 * g_shift)
    var = np.zeros(K)
    for j in np.flatnonzero(alive):
        total = gi[j] * gi[j] * ww[j] + ((2 * gi[j] * wb[j]) << g_shift) + (bb[j] << (2 * g_shift))
        var[j] = max(total / scale, 0.0)
    return var


def _integer(w: np.ndarray | None) -> bool:
    return w is None or bool(np.all(np.asarray(w, float) == np.floor(np.asarray(w, float))))


def kaplan_meier(time: np.ndarray, event: np.ndarray, weights: np.ndarray | None = None,
                 alpha: float = 0.05, *, entry: np.ndarray | None = None, cluster: np.ndarray | None = None,
                 robust: bool | None = None) -> pd.DataFrame:
    """Kaplan–Meier estimate at every distinct time, with R's default log-scale interval.

    Columns: ``time, at_risk, events, censored, survival, se_log, std_err, ci_low, ci_high`` — the
    numbers of ``summary(survfit(Surv([entry,] time, event) ~ 1, weights, cluster), censored = TRUE)``
    (``std_err`` is R's ``std.err``, the SE of the survival, ``survival × se_log``). ``at_risk`` is the
    (weighted) number at risk at the time itself. Once the curve has reached 0 there is no log-scale
    interval: ``se_log``, ``ci_low`` and ``ci_high`` are NaN, as R's ``lower``/``upper`` are NA, and the
    robust ``std_err`` is 0 as R's (the influence on S is 0 there). The robust variance is the same in
    any row order and for any rescaling of the weights (they are scaled to mean 1 and the influence sums
    are exact). ``robust`` defaults to R's rule: the infinitesimal-jackknife variance when
    weights are not whole numbers or ``cluster`` is given, Greenwood otherwise.
    """
    c = _curve(time, event, weights, entry, cluster)
    if robust is None:
        robust = cluster is not None or not _integer(weights)
    var = _robust_var_log(c) if robust else c.greenwood
    ok = c.surv > 0
    with np.errstate(invalid="ignore", over="ignore"):
        se_log = np.where(ok, np.sqrt(var), np.nan)
        z = z_value(alpha)
        low = c.surv * np.exp(-z * se_log)
        high = np.minimum(1.0, c.surv * np.exp(z * se_log))
        # R's std.err: of S itself; robust: 0 once S is 0 (the influence on S vanishes), Greenwood: NaN there
        std_err = np.where(ok, c.surv * se_log, 0.0 if robust else np.nan)
    return pd.DataFrame({"time": c.times, "at_risk": c.at_risk, "events": c.events, "censored": c.censored,
                         "survival": c.surv, "se_log": se_log, "std_err": std_err,
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
