"""Three-level random-effects meta-analysis: several effects per study (= ``metafor::rma.mv`` with
``random = ~ 1 | study/effect``, REML), and its CR2 cluster-robust test by study with Satterthwaite degrees
of freedom (= ``clubSandwich::coef_test(fit, vcov = "CR2")``).

The marginal covariance of the effects of study j is ``V_j = diag(v_j) + σ²_effect I + σ²_study 11'``: effects
of one study share the study's deviation. Both variance components are estimated by restricted maximum
likelihood with Fisher scoring, projected onto σ² ≥ 0.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import stats as st

from ..errors import StatisticalWarning
from ..i18n import Message


@dataclass(frozen=True)
class ThreeLevel:
    estimate: float
    se: float
    sigma2_study: float
    sigma2_effect: float
    loglik: float          # REML log-likelihood (= logLik(rma.mv(..., method = "REML")))
    robust_se: float       # CR2 by study
    robust_df: float       # Satterthwaite (Pustejovsky & Tipton 2018)
    k: int                 # effects
    n_studies: int
    iterations: int


def _blocks(study: np.ndarray) -> list[np.ndarray]:
    _, inverse = np.unique(study, return_inverse=True)
    return [np.flatnonzero(inverse == j) for j in range(inverse.max() + 1)]


def _marginal(v: np.ndarray, blocks: list[np.ndarray], s_study: float, s_effect: float) -> list[np.ndarray]:
    """V_j per study, in the order of ``blocks``."""
    return [np.diag(v[b] + s_effect) + s_study for b in blocks]


def _reml_step(y: np.ndarray, v: np.ndarray, same: np.ndarray, theta: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, float]:
    """Score, Fisher information and REML log-likelihood at ``theta = (σ²_study, σ²_effect)``.

    Dense n × n algebra (n effects: tens to a few hundred in a meta-analysis): ``same`` is the 0/1 matrix of
    effects from the same study, dV/dσ²_study; dV/dσ²_effect is the identity.
    """
    n = y.size
    V = np.diag(v + theta[1]) + theta[0] * same
    Vinv = np.linalg.inv(V)
    a = Vinv.sum(axis=1)
    sw = a.sum()
    P = Vinv - np.outer(a, a) / sw
    Py = P @ y
    Z = (same, np.eye(n))
    PZ = [P @ z for z in Z]
    score = np.array([0.5 * (Py @ z @ Py - np.trace(pz)) for z, pz in zip(Z, PZ, strict=True)])
    info = 0.5 * np.array([[np.sum(PZ[i] * PZ[j].T) for j in range(2)] for i in range(2)])
    # metafor's REML log-likelihood keeps the + ½ log|X'X| term (X = 1: log n)
    loglik = -0.5 * ((n - 1) * np.log(2 * np.pi) - np.log(n) + np.linalg.slogdet(V)[1] + np.log(sw) + y @ Py)
    return score, info, float(loglik)


def three_level(y: np.ndarray, v: np.ndarray, study: np.ndarray, tol: float = 1e-10,
                max_iter: int = 500) -> ThreeLevel:
    """REML fit of ``y_ij = μ + u_j + e_ij + ε_ij`` with known sampling variances ``v`` (see module doc)."""
    y, v = np.asarray(y, float), np.asarray(v, float)
    blocks = _blocks(np.asarray(study))
    _, code = np.unique(np.asarray(study), return_inverse=True)
    same = (code[:, None] == code[None, :]).astype(float)
    theta = np.full(2, max(float(np.var(y, ddof=1) - v.mean()), 0.01) / 2)
    iterations = 0
    for _ in range(max_iter):
        iterations += 1
        score, info, _ = _reml_step(y, v, same, theta)
        step = np.linalg.solve(info, score)
        new = theta + step
        while (new < 0).any():  # step halving toward the boundary, then fix a component at 0
            step /= 2
            new = theta + step
            if np.abs(step).max() < tol:
                new = np.maximum(new, 0.0)
                break
        done = np.abs(new - theta).max() < tol
        theta = new
        if done:
            break
    else:
        warnings.warn(Message("warn_meta_multilevel_no_convergence"), StatisticalWarning, stacklevel=3)
    _, _, loglik = _reml_step(y, v, same, theta)
    V = _marginal(v, blocks, *theta)
    Vinv = [np.linalg.inv(m) for m in V]
    one = [np.ones(b.size) for b in blocks]
    sw = sum(o @ Vi @ o for o, Vi in zip(one, Vinv, strict=True))
    mu = sum(o @ Vi @ y[b] for o, Vi, b in zip(one, Vinv, blocks, strict=True)) / sw
    robust_se, robust_df = _cr2([(y - mu)[b] for b in blocks], V, Vinv, float(1 / sw))
    return ThreeLevel(float(mu), float(np.sqrt(1 / sw)), float(theta[0]), float(theta[1]), loglik, robust_se,
                      robust_df, int(y.size), len(blocks), iterations)


def _inv_sqrt(m: np.ndarray) -> np.ndarray:
    vals, vecs = np.linalg.eigh((m + m.T) / 2)
    return (vecs / np.sqrt(vals)) @ vecs.T


def _cr2(resid: list[np.ndarray], V: list[np.ndarray], Vinv: list[np.ndarray], M: float) -> tuple[float, float]:
    """CR2 standard error of the intercept with the model's inverse-variance weights, and its Satterthwaite df.

    As clubSandwich for ``rma.mv`` (working covariance Θ_j = V_j): with U_j the upper Cholesky factor of V_j,
    ``A_j = U_j' (U_j (V_j − M 11') U_j')^{-1/2} U_j``; the meat sums ``c_j = 1' V_j^-1 A_j e_j``. The df:
    ``(Σ_j q_j'Ω q_j)² / Σ_jk (q_j'Ω q_k)²`` with ``q_j = M A_j V_j^-1 1`` on study j's rows and
    ``Ω = V − M 11'`` the covariance of the residuals under the working model.
    """
    sizes = [m.shape[0] for m in V]
    starts = np.cumsum([0, *sizes])  # rows in study order: the residuals arrive per study
    q_blocks = []
    meat = 0.0
    for Vj, Vij, ej in zip(V, Vinv, resid, strict=True):
        U = np.linalg.cholesky(Vj).T  # upper: U'U = V_j
        G = U @ (Vj - M) @ U.T
        A = U.T @ _inv_sqrt(G) @ U
        w = Vij @ np.ones(Vj.shape[0])  # V_j^-1 1 (the estimating-equation row X_j' W_j)
        meat += float(w @ A @ ej) ** 2
        q_blocks.append(M * (A @ w))  # A_j is symmetric
    n = int(starts[-1])
    Q = np.zeros((n, len(V)))
    Omega = -M * np.ones((n, n))
    for j, (s, e) in enumerate(zip(starts[:-1], starts[1:], strict=True)):
        Q[s:e, j] = q_blocks[j]
        Omega[s:e, s:e] += V[j]
    S = Q.T @ Omega @ Q
    df = float(np.trace(S) ** 2 / np.sum(S * S))
    return float(np.sqrt(M * meat * M)), df


def robust_interval(fit: ThreeLevel, alpha: float = 0.05) -> tuple[float, float, float]:
    """CR2 interval and p-value with t on the Satterthwaite df (= clubSandwich conf_int / coef_test)."""
    crit = st.t.isf(alpha / 2, fit.robust_df)
    p = 2 * st.t.sf(abs(fit.estimate) / fit.robust_se, fit.robust_df)
    return fit.estimate - crit * fit.robust_se, fit.estimate + crit * fit.robust_se, float(p)
