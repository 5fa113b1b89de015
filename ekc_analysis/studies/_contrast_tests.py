"""Tests across the contrasts of three or more groups: the omnibus test and multiplicity.

* **Omnibus**, adjusted for the same covariates as the contrasts: the Wald test of the k − 1 group
  terms in ``y ~ group + covariates`` (linear model for a continuous outcome, logistic for a binary
  one). Without clusters the covariance is HC2 and the statistic chi-square on k − 1 df (= by hand in R:
  ``b' solve(vcovHC(fit, type = "HC2")[g, g]) b``, ``tests/reference/groups_adjusted.R``). With
  ``cluster=`` it is CR2 with the HTZ small-sample test (Hotelling's T² approximation, Tipton and
  Pustejovsky 2015; = ``clubSandwich::Wald_test(fit, constraints, vcov = "CR2", test = "HTZ")``), whose
  denominator df shrink with few or unbalanced clusters as the Satterthwaite df of the contrasts do.
  Without covariates and clusters the unadjusted tests of :func:`ekc_analysis.studies._contrasts.omnibus`
  (Pearson's chi-square, Welch's ANOVA).
* **Multiplicity**: Holm's step-down family-wise adjustment or Benjamini–Hochberg's false discovery
  rate across the contrasts (= R's ``p.adjust(p, "holm")`` / ``p.adjust(p, "BH")``). With two contrasts
  under the null and no adjustment at least one is "significant" about 10 % of the time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ._groups import design

Adjust = Literal["holm", "bh"] | None
ADJUST = {"holm": Message("adjust_holm"), "bh": Message("adjust_bh")}


def p_adjust(p: Sequence[float], method: str) -> np.ndarray:
    """Adjusted p-values (NaN stays NaN, not counted), as R's ``p.adjust`` with "holm" or "BH"."""
    if method not in ADJUST:
        raise ArgumentError(f"adjust={method!r}: choose 'holm' (family-wise error) or 'bh' (false discovery rate)")
    values = np.asarray(p, float)
    out = np.full(values.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(values))
    m = ok.size
    if m == 0:
        return out
    order = ok[np.argsort(values[ok], kind="stable")]
    ranked = values[order]
    if method == "holm":
        adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * ranked))
    else:
        adj = np.minimum(1.0, np.minimum.accumulate(m / np.arange(m, 0, -1) * ranked[::-1])[::-1])
    out[order] = adj
    return out


def wald_groups(data: pd.DataFrame, y: np.ndarray, codes: np.ndarray, k: int, kind: str,
                covariates: Sequence[str], cluster: np.ndarray | None) -> tuple[float, float, str, float]:
    """Wald test of the group terms in ``y ~ group + covariates``: (statistic, p, what, df) — chi-square
    with HC2, or the HTZ F with CR2 (see the module text)."""
    from scipy import stats

    from ..stats._models import linear, logistic, robust

    X0, names0 = design(data, np.zeros(len(data)), covariates)
    dummies = np.column_stack([(codes == j).astype(float) for j in range(1, k)])
    X = np.column_stack([X0[:, :1], dummies, X0[:, 2:]])
    names = ["(Intercept)"] + [f"group{j}" for j in range(1, k)] + names0[2:]
    if kind == "binary":
        fit = logistic(X, y, names, cluster)
        fit = fit if cluster is not None else robust(fit, X, y, "binomial")
    else:
        fit = linear(X, y, names, cluster)
    b, cov = fit.params[1:k], fit.cov[1:k, 1:k]
    model = Message("model_logistic" if kind == "binary" else "model_linear")
    adjusted = Message("wald_adjusted", {"covariates": ", ".join(covariates)}) if covariates else ""
    if not np.all(np.isfinite(b)) or not np.all(np.isfinite(cov)):
        return np.nan, np.nan, Message("wald_not_computable", {"k": k}), k - 1
    w = float(b @ np.linalg.solve(cov, b))
    if cluster is None:
        return w, float(stats.chi2.sf(w, k - 1)), Message("wald_hc2", {"k": k, "model": model, "adjusted": adjusted,
                                                                         "df": k - 1}), float(k - 1)
    g = int(fit.n_clusters or len(pd.unique(cluster)))
    if fit.satterthwaite is None:  # a separated (Firth) fit without the small-sample parts: Naive-F
        f = w / (k - 1)
        return f, float(stats.f.sf(f, k - 1, g - 1)), Message("wald_naive_f", {
            "k": k, "model": model, "adjusted": adjusted, "df1": k - 1, "df2": g - 1}), float(k - 1)
    C = np.eye(len(names))[1:k]
    f, _, df2, p = fit.satterthwaite.htz(C, fit.params, fit.cov)
    return f, p, Message("wald_htz", {"k": k, "model": model, "adjusted": adjusted, "g": g, "df1": k - 1,
                                      "df2": float(df2)}), float(k - 1)
