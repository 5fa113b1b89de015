"""Logistic GEE with an exchangeable working correlation and the sandwich variance, as geepack.

``geepack::geeglm(y ~ X, id = id, family = binomial, corstr = "exchangeable")``: Fisher scoring for
β; after each step the Pearson residuals ``r`` give the scale ``φ = Σr² / N`` and the exchangeable
correlation ``α = Σ_i Σ_{j<k} r_ij r_ik / (φ · Σ_i n_i(n_i − 1)/2)`` (geepack's moment estimators,
without the degrees-of-freedom corrections statsmodels applies); the robust ("san.se") covariance is
``H⁻¹ (Σ_i D_i′V_i⁻¹ e_i e_i′ V_i⁻¹ D_i) H⁻¹``. The inverse of an exchangeable block is closed-form:
``R⁻¹ = (I − c·11′)/(1 − α)`` with ``c = α / (1 + (m − 1)α)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class GeeFit:
    params: np.ndarray
    cov: np.ndarray
    names: list[str]
    alpha: float
    scale: float
    converged: bool
    n_clusters: int


def gee_logistic(X: np.ndarray, y: np.ndarray, names: list[str], cluster: np.ndarray, tol: float = 1e-12,
                 max_iter: int = 100) -> GeeFit:
    n, p = X.shape
    order = np.argsort(np.asarray(cluster), kind="stable")
    X, y, g = X[order], y[order].astype(float), np.asarray(cluster)[order]
    bounds = np.flatnonzero(np.r_[True, g[1:] != g[:-1], True])
    blocks = list(zip(bounds[:-1], bounds[1:], strict=True))
    pairs = sum((b - a) * (b - a - 1) / 2 for a, b in blocks)
    beta = np.zeros(p)
    alpha, scale, converged = 0.0, 1.0, False

    def weighted(block: tuple[int, int], mu: np.ndarray, v: np.ndarray, left: np.ndarray) -> np.ndarray:
        """V_i⁻¹ · left for one cluster (V = A R A, A = diag(√v); φ cancels in β and the sandwich)."""
        a, b = block
        m = b - a
        s = 1 / np.sqrt(v[a:b])
        z = left * (s if left.ndim == 1 else s[:, None])
        c = alpha / (1 + (m - 1) * alpha)
        z = (z - c * z.sum(axis=0)) / (1 - alpha)
        return z * (s if left.ndim == 1 else s[:, None])

    for _ in range(max_iter):
        mu = 1 / (1 + np.exp(-(X @ beta)))
        v = mu * (1 - mu)
        r = (y - mu) / np.sqrt(v)
        scale = float(r @ r / n)
        cross = sum(((r[a:b].sum()) ** 2 - r[a:b] @ r[a:b]) / 2 for a, b in blocks)
        alpha = float(cross / (scale * pairs)) if pairs else 0.0
        H = np.zeros((p, p))
        U = np.zeros(p)
        for blk in blocks:
            a, b = blk
            D = X[a:b] * v[a:b, None]
            H += D.T @ weighted(blk, mu, v, D)
            U += D.T @ weighted(blk, mu, v, y[a:b] - mu[a:b])
        step = np.linalg.solve(H, U)
        beta = beta + step
        if np.max(np.abs(step)) < tol:
            converged = True
            break
    mu = 1 / (1 + np.exp(-(X @ beta)))
    v = mu * (1 - mu)
    H = np.zeros((p, p))
    meat = np.zeros((p, p))
    for blk in blocks:
        a, b = blk
        D = X[a:b] * v[a:b, None]
        H += D.T @ weighted(blk, mu, v, D)
        u = D.T @ weighted(blk, mu, v, y[a:b] - mu[a:b])
        meat += np.outer(u, u)
    bread = np.linalg.inv(H)
    return GeeFit(beta, bread @ meat @ bread, names, alpha, scale, converged, len(blocks))
