"""Sandwich covariances that hold when the model's variance is wrong or rows share a cluster.

Two estimators, one family of formulas, for linear models and the GLMs the comparisons use
(logistic, Poisson with log link):

* **HC2** (heteroscedasticity-robust): each observation's score is inflated by ``1/(1 - h_ii)``,
  its leverage; for ``lm`` this is ``sandwich::vcovHC(fit, type = "HC2")`` and for ``glm`` the same
  call (leverages from the working weights).
* **CR2** (cluster-robust, Bell and McCaffrey 2002; Pustejovsky and Tipton 2018): each cluster's
  residual vector is adjusted by the inverse symmetric square root of ``I - H_jj``, so the
  estimator is unbiased under independent homoscedastic errors. This is
  ``clubSandwich::vcovCR(fit, cluster, type = "CR2")`` for ``lm`` and ``glm``; inference on t
  with Satterthwaite degrees of freedom (:class:`Satterthwaite`, ``coef_test(..., test =
  "Satterthwaite")``, clubSandwich's default) or on ``t(G − 1)`` (``test = "naive-t"``). With one row
  per cluster CR2 equals HC2.

For a GLM with mean ``mu``, ``d = dmu/deta`` and variance function ``v`` the working design is
``Z = d X / sqrt(v)``, the bread ``M = (Z'Z)^-1`` and for cluster ``j`` (clubSandwich's target
``Θ_j = diag(v_j)``) the adjustment is ``G_j^-1/2`` with ``G_j = V_j (I − Z_j M Z_j') V_j``;
the cluster's score is ``Z_j' G_j^-1/2 V_j^1/2 e_j`` with response residuals ``e = y − mu``.
A linear model is the case ``d = v = 1``.

The ICC here is the one-way ANOVA estimator for unequal cluster sizes (clusters nested in
strata such as randomised arms), and the design effect is ``1 + (m̄ − 1)·ICC`` with ``m̄`` the
mean cluster size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError

Family = Literal["gaussian", "binomial", "poisson"]


def cluster_codes(cluster: object, n: int) -> tuple[np.ndarray, int]:
    """Integer codes 0..G-1 of the cluster labels (any hashable values) and G."""
    labels = pd.Series(np.asarray(cluster, dtype=object) if not isinstance(cluster, pd.Series) else cluster)
    if len(labels) != n:
        raise ArgumentError(f"cluster has {len(labels)} labels but the model has {n} rows; give one label per row")
    if labels.isna().any():
        raise ArgumentError(f"cluster has {int(labels.isna().sum())} missing label(s); every row needs a cluster")
    codes, uniques = pd.factorize(labels, sort=True)
    return codes.astype(np.int64), len(uniques)


def glm_parts(X: np.ndarray, mu: np.ndarray, family: Family) -> tuple[np.ndarray, np.ndarray]:
    """``d = dmu/deta`` and ``v`` = variance function at ``mu`` for the canonical links used here."""
    if family == "gaussian":
        return np.ones(X.shape[0]), np.ones(X.shape[0])
    if family == "binomial":
        v = mu * (1 - mu)
        return v, v
    if family == "poisson":
        return mu, mu
    raise ArgumentError(f"family must be 'gaussian', 'binomial' or 'poisson'; got {family!r}")


def _bread(Z: np.ndarray) -> np.ndarray:
    return np.linalg.inv(Z.T @ Z)


def hc2(X: np.ndarray, resid: np.ndarray, d: np.ndarray | None = None, v: np.ndarray | None = None) -> np.ndarray:
    """HC2 covariance of the coefficients (``sandwich::vcovHC(fit, type = "HC2")``).

    Parameters
    ----------
    X : (n, p) array
        Model matrix.
    resid : (n,) or (n, R) array
        Response residuals ``y − fitted``; with R columns (replicates sharing ``X``, ``d``, ``v``)
        the result is an (R, p, p) stack.
    d, v : arrays, optional
        ``dmu/deta`` and the variance function at the fit (GLM); both 1 for ``lm``.

    >>> X = np.column_stack([np.ones(4), [0, 0, 1, 1]])
    >>> cov = hc2(X, np.array([-1.0, 1.0, -2.0, 2.0]))
    >>> round(float(cov[1, 1]), 6)  # (2·1 + 2·4) / (2 · 2) / (1 − 1/2), as vcovHC
    5.0
    """
    n = X.shape[0]
    d = np.ones(n) if d is None else np.asarray(d, float)
    v = np.ones(n) if v is None else np.asarray(v, float)
    Z = X * (d / np.sqrt(v))[:, None]
    M = _bread(Z)
    h = np.einsum("ip,pq,iq->i", Z, M, Z)
    scale = 1 / np.sqrt(v * (1 - h))
    e = np.asarray(resid, float)
    if e.ndim == 1:
        S = Z * (e * scale)[:, None]
        return M @ (S.T @ S) @ M
    S = Z[:, :, None] * (e * scale[:, None])[:, None, :]  # (n, p, R)
    meat = np.einsum("ipr,iqr->rpq", S, S)
    return M @ meat @ M


def _inverse_sqrt(G: np.ndarray, tol: float = 1e-12) -> np.ndarray:
    """Symmetric ``G^-1/2`` for a stack of matrices; eigenvalues below ``tol`` give 0 (as clubSandwich)."""
    vals, vecs = np.linalg.eigh(G)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(vals > tol, 1 / np.sqrt(np.where(vals > tol, vals, 1.0)), 0.0)
    return np.einsum("...ik,...k,...jk->...ij", vecs, p, vecs)


def cr2(X: np.ndarray, resid: np.ndarray, cluster: object, d: np.ndarray | None = None,
        v: np.ndarray | None = None) -> tuple[np.ndarray, int]:
    """CR2 cluster-robust covariance (``clubSandwich::vcovCR(fit, cluster, type = "CR2")``) and G.

    Parameters
    ----------
    X : (n, p) array
        Model matrix.
    resid : (n,) or (n, R) array
        Response residuals; with R columns (replicates sharing ``X``, ``d``, ``v``: e.g. ``lm`` fits
        of R outcomes on one design) an (R, p, p) stack is returned.
    cluster : array of labels
        One label per row.
    d, v : arrays, optional
        ``dmu/deta`` and the variance function at the fit (GLM); both 1 for ``lm``.

    Returns
    -------
    (cov, G)
        Use ``t`` on Satterthwaite degrees of freedom (:class:`Satterthwaite`) or on ``G − 1``.

    >>> X = np.column_stack([np.ones(6), [0, 0, 0, 1, 1, 1]])
    >>> cov, g = cr2(X, np.array([1.0, -1, 0, 2, -2, 0]), [1, 2, 3, 4, 5, 6])
    >>> g, bool(np.allclose(cov, hc2(X, np.array([1.0, -1, 0, 2, -2, 0])))) # singletons: CR2 = HC2
    (6, True)
    """
    n = X.shape[0]
    codes, G = cluster_codes(cluster, n)
    Z, M, v = _working(X, d, v)
    e = np.asarray(resid, float)
    flat = e.ndim == 1
    e2 = e[:, None] if flat else e
    comps = np.zeros((G, X.shape[1], e2.shape[1]))
    for which, idx, K in _blocks(Z, M, v, codes, G):
        comps[which] = np.einsum("kap,kar->kpr", K, e2[idx])
    meat = np.einsum("gpr,gqr->rpq", comps, comps)
    cov = M @ meat @ M
    return (cov[0] if flat else cov), G


def _working(X: np.ndarray, d: np.ndarray | None, v: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Working design ``Z = d X / sqrt(v)``, bread ``M = (Z'Z)^-1`` and ``v`` (all ones for ``lm``)."""
    n = X.shape[0]
    d = np.ones(n) if d is None else np.asarray(d, float)
    v = np.ones(n) if v is None else np.asarray(v, float)
    Z = X * (d / np.sqrt(v))[:, None]
    return Z, _bread(Z), v


def _blocks(Z: np.ndarray, M: np.ndarray, v: np.ndarray, codes: np.ndarray, G: int):  # noqa: ANN202
    """Per batch of equal-sized clusters: (cluster numbers, (k, m) row numbers, (k, m, p) ``K_j``), with
    ``K_j = V_j^1/2 G_j^-1/2 Z_j`` so that cluster j's adjusted score is ``K_j' e_j``."""
    order = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes, minlength=G)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    for m in np.unique(sizes):
        which = np.flatnonzero(sizes == m)
        idx = order[starts[which][:, None] + np.arange(m)[None, :]]  # (k, m) row numbers
        Zj, vj = Z[idx], v[idx]
        H = np.einsum("kap,pq,kbq->kab", Zj, M, Zj)
        A = _inverse_sqrt(vj[:, :, None] * (np.eye(m)[None] - H) * vj[:, None, :])
        yield which, idx, np.sqrt(vj)[:, :, None] * np.einsum("kab,kbp->kap", A, Zj)


class Satterthwaite:
    """Satterthwaite degrees of freedom of a CR2 contrast (Bell and McCaffrey 2002; Pustejovsky and
    Tipton 2018), as ``clubSandwich::coef_test(fit, vcov = "CR2", test = "Satterthwaite")``.

    For a contrast ``c'β`` the CR2 variance is ``Σ_j (a_j' e_j)²`` with ``a_j = K_j M c``. Under the
    working model (independent errors with ``Var(e) = V^1/2 (I − H) V^1/2``) its mean and variance
    follow from ``P_ij = q_i' (δ_ij I − Z_i M Z_j') q_j``, ``q_j = V_j^1/2 a_j``: the t reference has
    ``df = (tr P)² / ||P||²`` (= ``2 E[V]² / Var[V]``), often far below G − 1 when clusters are few or
    unbalanced.
    """

    def __init__(self, X: np.ndarray, cluster: object, d: np.ndarray | None = None, v: np.ndarray | None = None):
        n = X.shape[0]
        self.codes, self.G = cluster_codes(cluster, n)
        self.Z, self.M, v = _working(X, d, v)
        self.L = np.zeros_like(self.Z)  # row i of cluster j: row of V_j^1/2 K_j
        for _, idx, K in _blocks(self.Z, self.M, v, self.codes, self.G):
            self.L[idx] = np.sqrt(v[idx])[:, :, None] * K

    def _parts(self, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        q = self.L @ (self.M @ np.asarray(c, float))
        R = np.zeros((self.G, self.Z.shape[1]))
        np.add.at(R, self.codes, self.Z * q[:, None])
        return q, R

    def pair(self, c1: np.ndarray, c2: np.ndarray) -> np.ndarray:
        """The G × G matrix ``P`` of two contrasts: ``Cov(V1, V2)``-type terms of their CR2 variances."""
        (q1, R1), (q2, R2) = self._parts(c1), self._parts(c2)
        P = -R1 @ self.M @ R2.T
        P[np.diag_indices(self.G)] += np.bincount(self.codes, q1 * q2, self.G)
        return P

    def df(self, c: np.ndarray) -> float:
        """Degrees of freedom for the contrast ``c`` (one weight per coefficient)."""
        P = self.pair(c, c)
        total = float(np.sum(P * P))
        return float(np.trace(P) ** 2 / total) if total > 0 else float(self.G - 1)

    def htz(self, C: np.ndarray, beta: np.ndarray, cov: np.ndarray) -> tuple[float, float, float, float]:
        """Hotelling's T² approximation with Satterthwaite-type df for ``C β = 0`` (Tipton and Pustejovsky
        2015), as ``clubSandwich::Wald_test(..., vcov = "CR2", test = "HTZ")``: (F, df_num, df_denom, p)."""
        from scipy import stats

        C = np.atleast_2d(np.asarray(C, float))
        k = C.shape[0]
        b = C @ beta
        Q = float(b @ np.linalg.solve(C @ cov @ C.T, b))
        omega = np.array([[np.trace(self.pair(C[s], C[t])) for t in range(k)] for s in range(k)])
        vals, vecs = np.linalg.eigh(omega)
        W = C.T @ (vecs @ np.diag(vals**-0.5) @ vecs.T)  # columns: the contrasts scaled by Omega^-1/2
        B = [[self.pair(W[:, s], W[:, t]) for t in range(k)] for s in range(k)]
        total = sum(float(np.sum(B[s][t] * B[t][s]) + np.sum(B[s][s] * B[t][t])) for s in range(k) for t in range(k))
        nu = k * (k + 1) / total
        delta, df2 = max((nu - k + 1) / nu, 0.0), nu - k + 1
        f = delta * Q / k
        return f, float(k), float(df2), float(stats.f.sf(f, k, df2)) if df2 > 0 else np.nan


def sandwich(X: np.ndarray, y: np.ndarray, mu: np.ndarray, family: Family = "gaussian",
             cluster: object = None) -> tuple[np.ndarray, int | None]:
    """HC2 (``cluster=None``) or CR2 covariance of a fitted GLM/lm; returns (cov, G or None)."""
    d, v = glm_parts(X, mu, family)
    resid = np.asarray(y, float) - mu
    if cluster is None:
        return hc2(X, resid, d, v), None
    return cr2(X, resid, cluster, d, v)


@dataclass(frozen=True)
class ICC:
    """Intraclass correlation by one-way ANOVA and the design effect it implies."""

    icc: float
    n_clusters: int
    mean_size: float
    n0: float
    design_effect: float


def icc_anova(y: np.ndarray, cluster: object, strata: np.ndarray | None = None) -> ICC:
    """One-way ANOVA estimator of the ICC for unequal cluster sizes, clusters nested in ``strata``.

    ``ICC = (MSB − MSW) / (MSB + (n0 − 1) MSW)`` with between-cluster mean square around the
    stratum means (df ``G − S``), within-cluster mean square (df ``N − G``) and
    ``n0 = (N − Σ_s Σ_j n_j² / N_s) / (G − S)``. Strata (e.g. randomised arms) are used only when
    every cluster lies within one; otherwise the ICC is computed around the grand mean.
    The design effect is ``1 + (m̄ − 1)·max(ICC, 0)`` with ``m̄ = N / G``.

    >>> r = icc_anova(np.array([1.0, 1, 2, 2, 3, 3]), [1, 1, 2, 2, 3, 3])
    >>> r.icc, r.design_effect
    (1.0, 2.0)
    """
    y = np.asarray(y, float)
    n = y.size
    codes, G = cluster_codes(cluster, n)
    sizes = np.bincount(codes, minlength=G).astype(float)
    s_codes = np.zeros(n, np.int64)
    if strata is not None:
        s_codes, _ = cluster_codes(strata, n)
        per_cluster = pd.DataFrame({"c": codes, "s": s_codes}).groupby("c")["s"].nunique()
        if (per_cluster > 1).any():
            s_codes = np.zeros(n, np.int64)
    S = int(s_codes.max()) + 1
    cluster_stratum = np.zeros(G, np.int64)
    cluster_stratum[codes] = s_codes
    means = np.bincount(codes, y, G) / sizes
    s_n = np.bincount(s_codes, minlength=S).astype(float)
    s_means = np.bincount(s_codes, y, S) / s_n
    ssb = float((sizes * (means - s_means[cluster_stratum]) ** 2).sum())
    ssw = float(((y - means[codes]) ** 2).sum())
    df_b, df_w = G - S, n - G
    mean_size = n / G
    if df_b <= 0 or df_w <= 0:
        return ICC(np.nan, G, mean_size, np.nan, 1.0)
    msb, msw = ssb / df_b, ssw / df_w
    n0 = (n - float((np.bincount(cluster_stratum, sizes**2, S) / s_n).sum())) / df_b
    denom = msb + (n0 - 1) * msw
    icc = float((msb - msw) / denom) if denom > 0 else np.nan
    deff = 1 + (mean_size - 1) * max(icc, 0.0) if np.isfinite(icc) else 1.0
    return ICC(icc, G, mean_size, float(n0), float(deff))
