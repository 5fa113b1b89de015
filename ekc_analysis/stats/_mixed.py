"""Linear mixed models with random intercepts (one level, or children within families) by REML.

Fixed-effect standard errors are nlme's: ``(X′V⁻¹X)⁻¹`` at the REML estimates of the variance
components. (statsmodels' ``MixedLM.cov_params()`` inverts the Hessian of all parameters including
the variance components, which differs from nlme on unbalanced data, e.g. with dropout.)

The model per top-level cluster ``f`` (a family, or a person when there is one level):
``y_f = X_f β + 1 u_f + Z_f v_f + e_f`` with ``u_f ~ N(0, σ²θ₁)``, ``v ~ N(0, σ²θ₂ I)`` for the
children in the family and ``e ~ N(0, σ² I)``. With ``V*_f = I + Z_f D Z_f′`` (``Z_f`` = [1, child
indicators], ``D`` = diag(θ₁, θ₂, …)), Woodbury gives ``V*⁻¹ = I − Z (D⁻¹ + Z′Z)⁻¹ Z′`` and
``|V*| = |D| |D⁻¹ + Z′Z|``, so every cluster costs one small solve. σ² is profiled out of the
restricted likelihood and log θ is optimised (L-BFGS-B, then Nelder–Mead polishing), as
``lme(..., method = "REML")``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class MixedFit:
    params: np.ndarray
    cov: np.ndarray
    names: list[str]
    sigma: float                 # residual SD
    sd: tuple[float, ...]        # random-intercept SDs: (top level,) or (family, child)
    converged: bool
    n_groups: tuple[int, ...]


@dataclass(frozen=True)
class _Block:
    X: np.ndarray
    y: np.ndarray
    ZtZ: np.ndarray
    ZtX: np.ndarray
    Zty: np.ndarray


def _blocks(X: np.ndarray, y: np.ndarray, top: np.ndarray, child: np.ndarray | None) -> list[_Block]:
    out = []
    order = np.argsort(top, kind="stable")
    bounds = np.flatnonzero(np.r_[True, top[order][1:] != top[order][:-1], True])
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        rows = order[a:b]
        cols = [np.ones(rows.size)]
        if child is not None:
            kids = child[rows]
            cols += [(kids == k).astype(float) for k in pd.unique(kids)]
        Z = np.column_stack(cols)
        Xf, yf = X[rows], y[rows]
        out.append(_Block(Xf, yf, Z.T @ Z, Z.T @ Xf, Z.T @ yf))
    return out


def _pieces(theta: np.ndarray, blocks: list[_Block], p: int) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Σ X′V*⁻¹X, Σ X′V*⁻¹y, Σ y′V*⁻¹y and Σ log|V*| over the clusters."""
    xvx = np.zeros((p, p))
    xvy = np.zeros(p)
    yvy = 0.0
    logdet = 0.0
    for blk in blocks:
        q = blk.ZtZ.shape[0]
        d = np.r_[theta[0], np.full(q - 1, theta[1])] if q > 1 else np.array([theta[0]])
        M = np.diag(1 / d) + blk.ZtZ
        chol = np.linalg.cholesky(M)
        a = np.linalg.solve(chol, blk.ZtX)
        c = np.linalg.solve(chol, blk.Zty)
        xvx += blk.X.T @ blk.X - a.T @ a
        xvy += blk.X.T @ blk.y - a.T @ c
        yvy += blk.y @ blk.y - c @ c
        logdet += np.log(d).sum() + 2 * np.log(np.diag(chol)).sum()
    return xvx, xvy, yvy, logdet


def _objective(log_theta: np.ndarray, blocks: list[_Block], n: int, p: int) -> float:
    """−2 × the profiled restricted log-likelihood (up to a constant)."""
    xvx, xvy, yvy, logdet = _pieces(np.exp(log_theta), blocks, p)
    chol = np.linalg.cholesky(xvx)
    w = np.linalg.solve(chol, xvy)
    rss = yvy - w @ w
    if rss <= 0:
        return np.inf
    return float((n - p) * np.log(rss / (n - p)) + logdet + 2 * np.log(np.diag(chol)).sum())


def lmm(X: np.ndarray, y: np.ndarray, names: list[str], top: np.ndarray, child: np.ndarray | None = None) -> MixedFit:
    """REML fit of ``y ~ X`` with a random intercept per ``top`` (and per ``child`` within ``top``)."""
    from scipy.optimize import minimize

    n, p = X.shape
    blocks = _blocks(X, y, np.asarray(top), None if child is None else np.asarray(child))
    k = 1 if child is None else 2
    start = np.zeros(k)
    first = minimize(_objective, start, args=(blocks, n, p), method="L-BFGS-B", bounds=[(-25.0, 12.0)] * k,
                     options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 500})
    polish = minimize(_objective, first.x, args=(blocks, n, p), method="Nelder-Mead",
                      options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 4000})
    best = polish if polish.fun <= first.fun else first
    theta = np.exp(best.x)
    xvx, xvy, yvy, _ = _pieces(theta, blocks, p)
    beta = np.linalg.solve(xvx, xvy)
    sigma2 = (yvy - beta @ xvy) / (n - p)
    cov = sigma2 * np.linalg.inv(xvx)
    groups = (len(blocks),) if child is None else (len(blocks), len(pd.unique(np.asarray(child))))
    return MixedFit(beta, cov, names, float(np.sqrt(sigma2)), tuple(float(np.sqrt(sigma2 * t)) for t in theta),
                    bool(first.success or polish.success), groups)
