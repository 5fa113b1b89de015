"""Which interval for the AIPW risk difference with few, unbalanced clusters? Seeded coverage of six candidates.

The design of ``tests/studies/test_doubly_robust_coverage.py`` (same draws for the same seed): 20 clusters of 10 to
70 rows (625 rows), a cluster-level confounder x1, a row-level one x2, a cluster random intercept (SD 0.8 on the
logit scale), logistic outcome and propensity models. Shapes: ``observational`` (the arm by a logistic model in x1
and x2) and ``cluster_randomised`` (10 of the 20 clusters treated). Candidates:

- ``cr2_satt``: CR2 on the influence values, t on Satterthwaite df (``stats._aipw.cluster_covariance``)
- ``naive``: cluster sums of the influence values times G/(G − 1), t on G − 1 (``covariance(cluster=)``)
- ``cr3_if``: CR3 on the influence values, sums / (1 − n_g/n), t on G − 1 (and ``cr3_if_satt``: Satterthwaite df)
- ``jackknife``: leave-one-cluster-out refits of both models, CV3, t on G − 1 (``cluster_jackknife``); a replicate
  whose jackknife fails (a separated refit) counts as a miss
- ``stacked_cr2`` / ``stacked_cr3``: CR2 / CR3 of the full stacked estimating equations (outcome model, propensity
  model, the two means): cluster g's estimating-function sum U_g adjusted by (I − A_g A⁻¹)^(−1/2) or its inverse
  (A = Σ_g A_g the negative Jacobian; for a linear model this is X_g'(I − H_gg)^(−1/2) e_g, i.e. CR2 / CR3), then
  A⁻¹ Σ U_g* U_g*' A⁻ᵀ; t on G − 1. ATE only (a prototype, not in the package).

Usage: python benchmarks/sim_aipw_cluster_intervals.py SHAPE [SEED [REPS]]   (about 1 min a shape at 2,000)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from scipy import stats as st

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's package and its test module
from studies.test_doubly_robust_coverage import FEW_B0, FEW_EFFECT, FEW_G, FEW_SD_U, FEW_SIZES, _few_truth  # noqa: E402

from ekc_analysis.stats import _aipw as engine  # noqa: E402


def stacked(y: np.ndarray, a: np.ndarray, X: np.ndarray, Z: np.ndarray, codes: np.ndarray, g: int) -> dict:
    """CR2 and CR3 of the stacked estimating equations of the ATE with a logistic outcome model (2 × 2 blocks of
    the two means) and the n-scaled influence values n A⁻¹ U_i (equal to :attr:`AIPW.influence`)."""
    n, p, q = len(y), X.shape[1], Z.shape[1]
    k = p + q + 2
    out, ps = engine.fit_glm(X, y, True), engine.fit_glm(Z, a, True)
    mu, e = engine._expit(X @ out.params), engine._expit(Z @ ps.params)
    X1, X0 = X.copy(), X.copy()
    X1[:, 1], X0[:, 1] = 1.0, 0.0
    q1, q0 = engine._expit(X1 @ out.params), engine._expit(X0 @ out.params)
    r1, r0 = y - q1, y - q0
    s1, s0 = q1 + a / e * r1, q0 + (1 - a) / (1 - e) * r0
    U = np.column_stack([X * (y - mu)[:, None], Z * (a - e)[:, None], s1 - s1.mean(), s0 - s0.mean()])
    Ai = np.zeros((n, k, k))  # minus the derivative of each row's estimating function
    Ai[:, :p, :p] = np.einsum("n,ni,nj->nij", mu * (1 - mu), X, X)
    Ai[:, p : p + q, p : p + q] = np.einsum("n,ni,nj->nij", e * (1 - e), Z, Z)
    Ai[:, p + q, :p] = -(q1 * (1 - q1) * (1 - a / e))[:, None] * X1
    Ai[:, p + q, p : p + q] = (a * r1 * (1 - e) / e)[:, None] * Z
    Ai[:, p + q + 1, :p] = -(q0 * (1 - q0) * (1 - (1 - a) / (1 - e)))[:, None] * X0
    Ai[:, p + q + 1, p : p + q] = -((1 - a) * r0 * e / (1 - e))[:, None] * Z
    Ai[:, p + q, p + q] = Ai[:, p + q + 1, p + q + 1] = 1.0
    onehot = np.zeros((g, n))
    onehot[codes, np.arange(n)] = 1.0
    Ag = np.einsum("gn,nij->gij", onehot, Ai)
    Ainv = np.linalg.inv(Ag.sum(0))
    Ug = onehot @ U
    M = np.eye(k)[None] - Ag @ Ainv  # eigenvalues in (0, 1]: those of the diagonal blocks
    lam, V = np.linalg.eig(M)
    adjust = {"stacked_cr2": np.real(V @ (lam[:, :, None] ** -0.5 * np.linalg.inv(V))), "stacked_cr3": np.linalg.inv(M)}
    res = {}
    for name, adj in adjust.items():
        Us = np.einsum("gij,gj->gi", adj, Ug) @ Ainv.T
        res[name] = (Us.T @ Us)[-2:, -2:]
    res["influence"] = n * (U @ Ainv.T)[:, -2:]
    return res


def run(shape: str, seed: int, reps: int) -> None:
    rng = np.random.default_rng(seed)
    truth = _few_truth()
    cl = np.repeat(np.arange(FEW_G), FEW_SIZES)
    n = len(cl)
    c = np.array([1.0, -1.0])
    t_g1 = st.t.ppf(0.975, FEW_G - 1)
    hits: dict[str, int] = {}
    ses: dict[str, list[float]] = {}
    errors, failed, t_jk = [], 0, 0.0
    for r in range(reps):
        x1_cluster, u = rng.normal(size=FEW_G), FEW_SD_U * rng.normal(size=FEW_G)
        x1, x2 = x1_cluster[cl], rng.normal(size=n)
        if shape == "observational":
            a = rng.binomial(1, 1 / (1 + np.exp(-(-0.2 + 0.5 * x1 + 0.5 * x2)))).astype(float)
        else:
            a = (rng.permutation(FEW_G) < FEW_G // 2).astype(float)[cl]
        y = rng.binomial(1, 1 / (1 + np.exp(-(FEW_B0 + FEW_EFFECT * a + 0.5 * x1 + 0.5 * x2 + u[cl])))).astype(float)
        X = np.column_stack([np.ones(n), a, x1, x2])
        Z = np.delete(X, 1, axis=1)
        fit = engine.aipw(y, a, X, Z, binary=True)
        est = fit.means[0] - fit.means[1]
        errors.append(est - truth)
        cc = engine.cluster_covariance(fit.influence, cl)
        naive, _ = engine.covariance(fit.influence, cl)
        t0 = time.perf_counter()
        jk = engine.cluster_jackknife(y, a, X, Z, cl, binary=True)
        t_jk += time.perf_counter() - t0
        failed += not jk.converged
        stk = stacked(y, a, X, Z, cl, FEW_G)
        if r == 0:
            np.testing.assert_allclose(stk["influence"], fit.influence, rtol=1e-8, atol=1e-10)
        psi = fit.influence - fit.influence.mean(0)
        sums = np.zeros((FEW_G, 2))
        np.add.at(sums, cl, psi)
        adj = sums / (1 - FEW_SIZES / n)[:, None]
        cr3 = adj.T @ adj / n**2
        t_s = st.t.ppf(0.975, cc.df)
        candidates = {
            "cr2_satt": (cc.cov, t_s), "naive": (naive, t_g1), "cr3_if": (cr3, t_g1), "cr3_if_satt": (cr3, t_s),
            "jackknife": (jk.cov, t_g1), "stacked_cr2": (stk["stacked_cr2"], t_g1),
            "stacked_cr3": (stk["stacked_cr3"], t_g1),
        }
        for name, (cov, quantile) in candidates.items():
            se = float(np.sqrt(c @ cov @ c))
            hits[name] = hits.get(name, 0) + bool(abs(est - truth) <= quantile * se)
            ses.setdefault(name, []).append(se)
    sd = float(np.std(errors))
    print(f"{shape}, seed {seed}, {reps} replicates: bias {np.mean(errors):.4f}, SD {sd:.4f}; jackknife failed "
          f"{failed}, {1000 * t_jk / reps:.1f} ms a replicate")
    print("| candidate | coverage % | SD / mean SE |\n| --- | --- | --- |")
    for name in hits:
        print(f"| {name} | {100 * hits[name] / reps:.2f} | {sd / np.nanmean(ses[name]):.3f} |")


if __name__ == "__main__":
    run(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2027, int(sys.argv[3]) if len(sys.argv) > 3 else 2000)
