"""Separation in logistic regression: an exact check, and Firth's penalised fit as the fallback.

**Check.** The data are separated (completely or quasi-completely) exactly when some direction ``b ≠ 0``
has ``(2y − 1)·x′b ≥ 0`` for every row: maximum likelihood then drives ``b`` to infinity. Konis (2007)
turns this into a linear programme: maximise ``Σ (2y_i − 1) x_i′b`` subject to those constraints and
``−1 ≤ b ≤ 1``; a positive optimum means separation, and the non-zero components of ``b`` name the terms
that separate. (The rule it replaces — a fitted probability within 1e-8 of 0 or 1 — also fires on a
strong but finite covariate effect.)

**Fallback.** Firth (1993) penalises the log-likelihood by ``½ log|X′WX|`` (Jeffreys prior), which
keeps every estimate finite: modified-score Newton steps ``β += (X′WX)⁻¹ X′(y − p + h(½ − p))`` with ``h``
the hat values, step-halving on the penalised likelihood (as R's ``logistf``). Intervals by profile
penalised likelihood (``logistf``'s default): the values of a coefficient where twice the drop of the
profile penalised log-likelihood equals ``χ²₁(1 − α)``; p-values by the penalised likelihood-ratio test
(logistf's default, never Wald); a linear combination (the arm effect within a moderator level) by
reparametrising the design so that it is one coefficient, then profiling that.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from ..i18n import Message


def separation(X: np.ndarray, y: np.ndarray, names: list[str]) -> list[str]:
    """The terms along which the data are separated; empty when maximum likelihood is finite."""
    s = 2 * np.asarray(y, float) - 1
    A = s[:, None] * X
    res = optimize.linprog(-A.sum(axis=0), A_ub=-A, b_ub=np.zeros(len(y)), bounds=[(-1, 1)] * X.shape[1],
                           method="highs")
    if res.status != 0 or -res.fun <= 1e-7 * len(y):
        return []
    return [n for n, b in zip(names, res.x, strict=True) if abs(b) > 1e-7]


@dataclass(frozen=True)
class FirthFit:
    params: np.ndarray
    cov: np.ndarray
    loglik: float  # penalised
    converged: bool


def _probability(eta: np.ndarray) -> np.ndarray:
    """``1 / (1 + e^−η)``. Below η ≈ −709, ``e^−η`` overflows to inf and ``p`` is 0 (its exact value is below
    6e-309): the trial steps of a profile search reach such η, so numpy's overflow warning is silenced here and
    only here; the numbers are the same as without ``errstate``."""
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-eta))


def _penalised(beta: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    eta = X @ beta
    p = _probability(eta)
    w = p * (1 - p)
    sign, logdet = np.linalg.slogdet(X.T @ (X * w[:, None]))
    ll = float(np.sum(y * eta - np.logaddexp(0, eta)))
    return ll + 0.5 * logdet if sign > 0 else -np.inf


def firth(X: np.ndarray, y: np.ndarray, fixed: dict[int, float] | None = None, tol: float = 1e-10,
          max_iter: int = 200) -> FirthFit:
    """Firth's penalised maximum likelihood for ``logit P(y = 1) = X β``; ``fixed`` holds coefficients at
    given values (the profile likelihood maximises the full penalised likelihood over the others)."""
    y = np.asarray(y, float)
    fixed = fixed or {}
    free = np.array([k not in fixed for k in range(X.shape[1])])
    beta = np.zeros(X.shape[1])
    for k, v in fixed.items():
        beta[k] = v
    current = _penalised(beta, X, y)
    converged = False
    for _ in range(max_iter):
        p = _probability(X @ beta)
        w = p * (1 - p)
        info = X.T @ (X * w[:, None])
        inv = np.linalg.inv(info)
        h = np.einsum("ij,jk,ik->i", X * w[:, None], inv, X)
        score = X.T @ (y - p + h * (0.5 - p))
        step = np.zeros_like(beta)
        step[free] = np.linalg.solve(info[np.ix_(free, free)], score[free])
        t = 1.0
        while True:
            trial = _penalised(beta + t * step, X, y)
            if trial >= current - 1e-12 or t < 1e-8:
                break
            t /= 2
        beta = beta + t * step
        current = trial
        if np.max(np.abs(t * step)) < tol:
            converged = True
            break
    p = _probability(X @ beta)
    cov = np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))
    return FirthFit(beta, cov, current, converged)


def profile_interval(X: np.ndarray, y: np.ndarray, fit: FirthFit, j: int, alpha: float = 0.05) -> tuple[float, float]:
    """Profile penalised-likelihood interval of coefficient ``j`` (logistf's default)."""
    target = fit.loglik - stats.chi2.ppf(1 - alpha, 1) / 2

    def drop(value: float) -> float:
        return firth(X, y, fixed={j: value}).loglik - target

    se = float(np.sqrt(fit.cov[j, j]))
    bounds = []
    for direction in (-1, 1):
        step = max(se, 0.5)
        inside = fit.params[j]
        outside = inside + direction * step
        while drop(outside) > 0 and abs(outside - inside) < 200:
            inside, outside = outside, outside + direction * step
            step *= 2
        bounds.append(optimize.brentq(drop, min(inside, outside), max(inside, outside), xtol=1e-10))
    return bounds[0], bounds[1]


def plr_p_value(X: np.ndarray, y: np.ndarray, fit: FirthFit, j: int) -> float:
    """Penalised likelihood-ratio test of coefficient ``j`` = 0 (logistf's default p-value):
    twice the drop of the penalised log-likelihood when ``j`` is held at zero, on χ²₁."""
    restricted = firth(X, y, fixed={j: 0.0})
    return float(stats.chi2.sf(max(2 * (fit.loglik - restricted.loglik), 0.0), 1))


def reparametrised(X: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, int]:
    """A design whose coefficient ``j`` is the combination ``w′β`` (the others unchanged), so the
    combination can be profiled like one coefficient; the Firth fit is equivariant under this change."""
    j = int(np.argmax(np.abs(w)))
    Xn = X - np.outer(X[:, j], w / w[j])
    Xn[:, j] = X[:, j] / w[j]
    return Xn, j


def combination(X: np.ndarray, y: np.ndarray, w: np.ndarray, alpha: float = 0.05
                ) -> tuple[float, float, float, float]:
    """Firth estimate of ``w′β`` with its profile penalised-likelihood interval and PLR p-value."""
    Xn, j = reparametrised(X, np.asarray(w, float))
    fit = firth(Xn, y)
    lo, hi = profile_interval(Xn, y, fit, j, alpha)
    return float(fit.params[j]), lo, hi, plr_p_value(Xn, y, fit, j)


def firth_note(clustered: bool) -> str:
    """What a result's notes say when the Firth fallback was used: how its intervals and p-values were made."""
    return Message("note_firth", {"how": Message("note_firth_clustered" if clustered else "note_firth_profile")})
