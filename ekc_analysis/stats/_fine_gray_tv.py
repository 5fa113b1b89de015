"""Fine–Gray with one time-varying term ``z x log(t)`` for a binary ``z``: the test of proportional
subdistribution hazards, as ``cmprsk::crr(cov1 = X, cov2 = z, tf = function(t) log(t))``.

With ``z`` binary the weighted risk-set sums split by ``z``: ``S0(t) = T0_0(t) + exp(gamma log t) T0_1(t)``,
and likewise for the first and second moments, so a Newton step costs what a fit without the term costs.
The coefficient equals crr's; its standard error here is model-based (the inverse information), where crr
reports Fine and Gray's sandwich — the two agree closely when the model holds, and the test is a Wald test
on the model-based error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._fine_gray import _Sorted


@dataclass(frozen=True)
class TimeInteractionFit:
    coef: np.ndarray  # coefficients of X (at t = 1)
    gamma: float  # coefficient of z x log(t)
    gamma_se: float  # model-based
    converged: bool


def _risk(d: _Sorted, part: np.ndarray) -> np.ndarray:
    """Sum of ``part`` over the Fine–Gray weighted risk set at each distinct failure time."""
    tail = np.vstack([part[::-1].cumsum(axis=0)[::-1], np.zeros((1, part.shape[1]))])
    head = np.vstack([np.zeros((1, part.shape[1])),
                      np.cumsum(np.where(d.comp[:, None], part / d.G[:, None], 0.0), axis=0)])
    return tail[d.pos] + d.Gm[:, None] * head[d.pos]


def _loglik(d: _Sorted, z: np.ndarray, f: np.ndarray, theta: np.ndarray) -> float:
    """The log partial likelihood alone (for step halving): only the zeroth moments are needed."""
    p = d.X.shape[1]
    e = np.exp(d.X @ theta[:p])[:, None]
    S0 = _risk(d, e * (z == 0)[:, None])[:, 0] + np.exp(theta[p] * f) * _risk(d, e * (z == 1)[:, None])[:, 0]
    fidx = np.searchsorted(d.ft, d.t[d.fail])
    lin = d.X[d.fail] @ theta[:p] + theta[p] * z[d.fail] * f[fidx]
    return float(lin.sum() - (d.dm * np.log(S0)).sum())


def _moments(d: _Sorted, z: np.ndarray, f: np.ndarray, theta: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    X = d.X
    n, p = X.shape
    beta, gamma = theta[:p], theta[p]
    e = np.exp(X @ beta)
    full = np.column_stack([e, e[:, None] * X, (e[:, None, None] * X[:, :, None] * X[:, None, :]).reshape(n, p * p)])
    t0, t1 = _risk(d, full * (z == 0)[:, None]), _risk(d, full * (z == 1)[:, None])
    h = np.exp(gamma * f)
    m = f.size
    S0 = t0[:, 0] + h * t1[:, 0]
    S1 = np.column_stack([t0[:, 1:1 + p] + h[:, None] * t1[:, 1:1 + p], h * f * t1[:, 0]])
    S2 = np.zeros((m, p + 1, p + 1))
    S2[:, :p, :p] = (t0[:, 1 + p:] + h[:, None] * t1[:, 1 + p:]).reshape(m, p, p)
    S2[:, :p, p] = S2[:, p, :p] = (h * f)[:, None] * t1[:, 1:1 + p]
    S2[:, p, p] = h * f * f * t1[:, 0]
    fidx = np.searchsorted(d.ft, d.t[d.fail])
    Zf = np.column_stack([X[d.fail], z[d.fail] * f[fidx]])
    ll = float((Zf @ theta).sum() - (d.dm * np.log(S0)).sum())
    xbar = S1 / S0[:, None]
    U = Zf.sum(axis=0) - (d.dm[:, None] * xbar).sum(axis=0)
    info = (d.dm[:, None, None] * (S2 / S0[:, None, None] - xbar[:, :, None] * xbar[:, None, :])).sum(axis=0)
    return ll, U, info


def fine_gray_time_interaction(time: np.ndarray, status: np.ndarray, X: np.ndarray, z: np.ndarray, cause: int = 1,
                               tol: float = 1e-9, max_iter: int = 50) -> TimeInteractionFit:
    """Fit Fine–Gray with covariates ``X`` and the extra term ``z x log(t)`` (``z`` 0/1, e.g. the group).

    Returns NaN coefficients (``converged`` False) when the term cannot be estimated: fewer than two distinct
    positive failure times, or a singular information matrix (e.g. no failures in one group).
    """
    X = np.asarray(X, float).reshape(len(time), -1)
    d = _Sorted(time, status, X, cause)
    zs = np.asarray(z, float)[d.order]
    nan = TimeInteractionFit(np.full(X.shape[1], np.nan), np.nan, np.nan, False)
    if d.ft.size < 2 or d.ft[0] <= 0:  # log(t) needs two distinct positive failure times
        return nan
    f = np.log(d.ft)
    theta = np.zeros(X.shape[1] + 1)
    ll, U, info = _moments(d, zs, f, theta)
    converged = False
    for _ in range(max_iter):
        if not np.isfinite(info).all() or np.linalg.matrix_rank(info) < info.shape[0]:
            return nan
        step = np.linalg.solve(info, U)
        new, halvings = theta + step, 0
        ll_new = _loglik(d, zs, f, new)
        while (not np.isfinite(ll_new) or ll_new < ll - 1e-12) and halvings < 30:
            step, halvings = step / 2, halvings + 1
            new = theta + step
            ll_new = _loglik(d, zs, f, new)
        theta = new
        ll, U, info = _moments(d, zs, f, theta)
        if np.max(np.abs(step)) < tol:
            converged = True
            break
    if not np.isfinite(info).all() or np.linalg.matrix_rank(info) < info.shape[0]:
        return nan
    cov = np.linalg.inv(info)
    return TimeInteractionFit(theta[:-1], float(theta[-1]), float(np.sqrt(cov[-1, -1])), converged)
