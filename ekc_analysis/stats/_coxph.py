"""The Cox partial likelihood, fitted by Newton–Raphson as R's ``survival::coxph`` does.

Efron (default) or Breslow ties, case weights, strata and left truncation (counting-process risk
sets, ``Surv(entry, time, event)``). Every risk-set sum is a cumulative sum over the distinct event
times, so one iteration costs O(n·p²) after a single O(n log n) sort; no Python loop runs over
rows or event times. The iteration, its step halving and its stopping rule (relative change of the
log partial likelihood ≤ 1e-9, at most 20 iterations) are those of R's ``coxfit6``, so estimates
agree with R to the last digits that matter.

Robust and cluster (sandwich) variances from the score residuals live in
:mod:`ekc_analysis.stats`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

Ties = Literal["efron", "breslow"]


@dataclass(frozen=True)
class RiskSets:
    """The fixed part of a Cox fit: which rows are at risk at which event time.

    Event times are numbered 0..K-1 in (stratum, time) order; row ``i`` is at risk at event times
    ``k`` with ``k_start[i] <= k < k_stop[i]``. ``pair_k``, ``pair_f`` and ``pair_w`` list the
    Efron sub-steps (one per death; one per event time for Breslow): the event time, the fraction
    of the tied deaths already removed and the weight (mean weight of the tied deaths).
    """

    n_times: int
    k_start: np.ndarray
    k_stop: np.ndarray
    dead: np.ndarray          # row indices of the deaths
    dead_k: np.ndarray        # their event time
    dead_w: np.ndarray        # event-time sums of death weights
    pair_k: np.ndarray
    pair_f: np.ndarray
    pair_w: np.ndarray
    entry: bool


def risk_sets(time: np.ndarray, event: np.ndarray, weights: np.ndarray, strata: np.ndarray | None = None,
              entry: np.ndarray | None = None, ties: Ties = "efron") -> RiskSets:
    """Number the event times and place every row's risk interval among them (one sort)."""
    n = len(time)
    values = time if entry is None else np.concatenate([entry, time])
    _, rank = np.unique(values, return_inverse=True)
    width = int(rank.max()) + 2 if n else 2
    s = np.zeros(n, np.int64) if strata is None else np.asarray(strata, np.int64)
    key_stop = s * width + rank[-n:] + 1
    key_start = s * width + (0 if entry is None else rank[:n] + 1)
    dead = np.flatnonzero(event > 0)
    event_keys, dead_k = np.unique(key_stop[dead], return_inverse=True)
    k_stop = np.searchsorted(event_keys, key_stop, side="right")
    k_start = np.searchsorted(event_keys, key_start, side="right")
    n_times = len(event_keys)
    dead_w = np.bincount(dead_k, weights=weights[dead], minlength=n_times)
    n_dead = np.bincount(dead_k, minlength=n_times)
    if ties == "efron":
        order = np.argsort(dead_k, kind="stable")
        dead, dead_k = dead[order], dead_k[order]
        first = np.concatenate(([0], np.cumsum(n_dead)[:-1]))
        ell = np.arange(len(dead)) - first[dead_k]
        pair_k: np.ndarray = dead_k
        pair_f: np.ndarray = ell / n_dead[dead_k]
        pair_w: np.ndarray = (dead_w / np.maximum(n_dead, 1))[dead_k]
    else:
        pair_k = np.arange(n_times)
        pair_f, pair_w = np.zeros(n_times), dead_w
    return RiskSets(n_times, k_start, k_stop, dead, dead_k, dead_w, pair_k, pair_f, pair_w,
                    entry is not None or strata is not None)


def risk_sum(rs: RiskSets, values: np.ndarray) -> np.ndarray:
    """Sum of ``values`` (n,) or (n, m) over the risk set of each event time: (K,) or (K, m)."""
    vals = np.asfortranarray(values.reshape(len(values), -1))
    out = np.empty((rs.n_times, vals.shape[1]))
    for j in range(vals.shape[1]):
        leave = np.bincount(rs.k_stop, weights=vals[:, j], minlength=rs.n_times + 1)
        total = np.cumsum(leave[::-1])[::-1]  # rows still at risk: k_stop > k
        if rs.entry:
            come = np.bincount(rs.k_start, weights=vals[:, j], minlength=rs.n_times + 1)
            total = total - np.cumsum(come[::-1])[::-1]  # minus rows not yet entered: k_start > k
        out[:, j] = total[1:]
    return out if values.ndim > 1 else out[:, 0]


def _pair_sums(rs: RiskSets, s0: np.ndarray, e0: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                                                       np.ndarray, float]:
    """Per event time: sums over the Efron sub-steps of w/den, w·f/den, w/den², w·f/den², w·f²/den²."""
    k, f, w = rs.pair_k, rs.pair_f, rs.pair_w
    den = s0[k] - f * e0[k]
    K = rs.n_times
    inv, inv2 = w / den, w / den ** 2
    return (np.bincount(k, inv, K), np.bincount(k, inv * f, K), np.bincount(k, inv2, K),
            np.bincount(k, inv2 * f, K), np.bincount(k, inv2 * f * f, K), float(np.sum(w * np.log(den))))


@dataclass(frozen=True)
class Step:
    """Log partial likelihood, score and information at one ``beta`` (with the pieces residuals need)."""

    loglik: float
    score: np.ndarray
    info: np.ndarray
    risk: np.ndarray
    s0: np.ndarray
    s1: np.ndarray
    e1: np.ndarray
    sums: tuple[np.ndarray, ...]


def products(X: np.ndarray) -> np.ndarray:
    """Columns ``x_j`` and ``x_j x_l`` (j <= l), column-major: what the risk-set sums need, built once per fit."""
    p = X.shape[1]
    iu = np.triu_indices(p)
    Z = np.empty((len(X), p + len(iu[0])), order="F")
    Z[:, :p] = X
    for col, (j, k) in enumerate(zip(iu[0], iu[1], strict=True)):
        np.multiply(X[:, j], X[:, k], out=Z[:, p + col])
    return Z


def _moments(rs: RiskSets, X: np.ndarray, weights: np.ndarray, beta: np.ndarray,
             Z: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """Risk-set and death sums per event time: eta, r, s0, s1, s2 (upper triangle), e1, e2, sub-step sums."""
    p = X.shape[1]
    Z = products(X) if Z is None else Z
    eta = X @ beta
    r = np.exp(eta)
    wr = weights * r
    V = np.empty((len(X), Z.shape[1] + 1), order="F")
    V[:, 0] = wr
    np.multiply(Z, wr[:, None], out=V[:, 1:])
    sums = risk_sum(rs, V)
    s0, s1, s2u = sums[:, 0], sums[:, 1:1 + p], sums[:, 1 + p:]
    K = rs.n_times
    dead = V[rs.dead]
    e = np.column_stack([np.bincount(rs.dead_k, dead[:, j], K) for j in range(V.shape[1])]).reshape(K, -1)
    e0, e1, e2u = e[:, 0], e[:, 1:1 + p], e[:, 1 + p:]
    a, b, c, dd, ee, log_den = _pair_sums(rs, s0, e0)
    return eta, r, s0, s1, s2u, e1, e2u, a, b, c, dd, ee, np.array(log_den)


def _symmetric(upper: np.ndarray, p: int) -> np.ndarray:
    """(..., p(p+1)/2) upper-triangle columns to (..., p, p) symmetric matrices."""
    iu = np.triu_indices(p)
    out = np.zeros((*upper.shape[:-1], p, p))
    out[..., iu[0], iu[1]] = upper
    out[..., iu[1], iu[0]] = upper
    return out


def evaluate(rs: RiskSets, X: np.ndarray, weights: np.ndarray, beta: np.ndarray, Z: np.ndarray | None = None) -> Step:
    """Log partial likelihood, score vector and information matrix at ``beta`` (X centred; Z its products)."""
    p = X.shape[1]
    eta, r, s0, s1, s2u, e1, e2u, a, b, c, dd, e, log_den = _moments(rs, X, weights, beta, Z)
    d = rs.dead
    w_d = weights[d]
    loglik = float(np.sum(w_d * eta[d])) - float(log_den)
    score = (w_d[:, None] * X[d]).sum(axis=0) - (s1 * a[:, None] - e1 * b[:, None]).sum(axis=0)
    info = _symmetric((s2u * a[:, None] - e2u * b[:, None]).sum(axis=0), p)
    info -= np.einsum("k,ki,kj->ij", c, s1, s1) - np.einsum("k,ki,kj->ij", dd, s1, e1) \
        - np.einsum("k,ki,kj->ij", dd, e1, s1) + np.einsum("k,ki,kj->ij", e, e1, e1)
    return Step(loglik, score, info, r, s0, s1, e1, (a, b, c, dd, e))


def per_time(rs: RiskSets, X: np.ndarray, weights: np.ndarray, beta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Score (K, p) and information (K, p, p) contributed by each event time (for the PH test)."""
    p = X.shape[1]
    _, _, _, s1, s2u, e1, e2u, a, b, c, dd, e, _ = _moments(rs, X, weights, beta)
    d = rs.dead
    xd = np.column_stack([np.bincount(rs.dead_k, weights[d] * X[d, j], rs.n_times) for j in range(p)])
    score = xd.reshape(rs.n_times, p) - (s1 * a[:, None] - e1 * b[:, None])
    info = _symmetric(s2u * a[:, None] - e2u * b[:, None], p)
    info -= (c[:, None, None] * s1[:, :, None] * s1[:, None, :] - dd[:, None, None] * (
        s1[:, :, None] * e1[:, None, :] + e1[:, :, None] * s1[:, None, :]) + e[:, None, None] * e1[:, :, None]
        * e1[:, None, :])
    return score, info


@dataclass(frozen=True)
class CoxFit:
    """A fitted Cox model (X centred at ``centre``)."""

    coef: np.ndarray
    var: np.ndarray           # model-based (inverse information)
    loglik_init: float
    loglik: float
    score_init: np.ndarray
    info_init: np.ndarray
    iterations: int
    converged: bool
    infinite: tuple[int, ...]  # columns whose coefficient may be infinite (R's warning)
    step: Step
    risk_sets: RiskSets
    centre: np.ndarray


def newton(X: np.ndarray, rs: RiskSets, weights: np.ndarray, init: np.ndarray | None = None,
           eps: float = 1e-9, iter_max: int = 20) -> CoxFit:
    """Maximise the partial likelihood as R's ``coxfit6``: Newton steps, halving when the fit worsens.

    Stops when |1 − loglik_old / loglik_new| ≤ ``eps`` (``coxph.control(eps = 1e-9)``).
    """
    centre = X.mean(axis=0) if len(X) else np.zeros(X.shape[1])
    Xc = X - centre
    p = X.shape[1]
    beta = np.zeros(p) if init is None else np.asarray(init, float).copy()
    Z = products(Xc)
    first = evaluate(rs, Xc, weights, beta, Z)
    current, step = first.loglik, first
    new_beta = beta + _solve(first.info, first.score)
    halving, converged, it = False, False, 0
    for it in range(1, iter_max + 1):
        step = evaluate(rs, Xc, weights, new_beta, Z)
        if abs(1 - current / step.loglik) <= eps and not halving:
            converged = True
            break
        if it == iter_max:
            break
        if step.loglik < current:
            halving = True
            new_beta = (new_beta + beta) / 2
        else:
            halving = False
            current = step.loglik
            beta = new_beta
            new_beta = new_beta + _solve(step.info, step.score)
    if iter_max == 0:
        new_beta, step = beta, first
    var = _inverse(step.info)
    infs = np.abs(step.score @ var)
    infinite = tuple(int(j) for j in np.flatnonzero((infs > eps) & (infs > np.sqrt(eps) * np.abs(new_beta))))
    return CoxFit(new_beta, var, first.loglik, step.loglik, first.score, first.info, it, converged, infinite,
                  step, rs, centre)


def _solve(info: np.ndarray, score: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.solve(info, score)
    except np.linalg.LinAlgError:
        return np.linalg.lstsq(info, score, rcond=None)[0]


def _inverse(info: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.inv(info)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(info)
