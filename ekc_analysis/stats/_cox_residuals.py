"""Score residuals of a Cox fit and the robust (sandwich) variances built on them.

R's ``coxph(..., robust = TRUE)`` and ``cluster()`` use D'D with D the weighted ``dfbeta``
residuals (score residuals × weights × inverse information), summed within clusters. The score
residual of a row sums, over the event times while it is at risk, its covariate minus the risk-set
mean times its share of the hazard; with Efron ties the tied deaths are in the risk set for a
fraction of each sub-step. Here every row's sum is a difference of two cumulative sums over the
event times (before entry, at exit), so the residuals cost O(n·p) after the fit's sort — the same
numbers as R's ``residuals(fit, type = "score")`` without a loop over rows.
"""

from __future__ import annotations

import numpy as np

from ._coxph import CoxFit


def score_residuals(fit: CoxFit, X: np.ndarray) -> np.ndarray:
    """Score residuals (n, p) of each row, unweighted, as ``residuals(coxph, type = "score")``."""
    rs, st = fit.risk_sets, fit.step
    Xc = X - fit.centre
    a, b, c, d, e = st.sums
    s1, e1 = st.s1, st.e1
    hazard_x = s1 * c[:, None] - e1 * d[:, None]  # sum over sub-steps of mean(x) × hazard
    cum_a = np.concatenate(([0.0], np.cumsum(a)))
    cum_m = np.vstack([np.zeros(Xc.shape[1]), np.cumsum(hazard_x, axis=0)])
    r = st.risk[:, None]
    resid = -r * (Xc * (cum_a[rs.k_stop] - cum_a[rs.k_start])[:, None] - (cum_m[rs.k_stop] - cum_m[rs.k_start]))
    # the deaths' own event time: the death term, and Efron's fractional presence in the risk set
    i, k = rs.dead, rs.dead_k
    mean_dead = (s1[k] * a[k, None] - e1[k] * b[k, None]) / rs.dead_w[k, None]
    efron = r[i] * (Xc[i] * b[k, None] - (s1[k] * d[k, None] - e1[k] * e[k, None]))
    resid[i] += Xc[i] - mean_dead + efron
    return resid


def robust_variance(fit: CoxFit, X: np.ndarray, weights: np.ndarray, cluster: np.ndarray | None = None) -> np.ndarray:
    """Sandwich variance D'D from weighted dfbeta residuals, summed within ``cluster`` (integer codes)."""
    dfbeta = (weights[:, None] * score_residuals(fit, X)) @ fit.var
    if cluster is not None:
        codes = np.asarray(cluster, np.int64)
        dfbeta = np.column_stack([np.bincount(codes, dfbeta[:, j]) for j in range(dfbeta.shape[1])])
    return dfbeta.T @ dfbeta
