"""Comparisons when rows share a cluster: children within families, as in the ZonMw trial.

The ZonMw trial randomised 328 families (229 : 99) and measured 529 children; siblings resemble each
other, so a child-level analysis that treats them as independent gives intervals that are too narrow.
With ``compare(..., cluster="family_id")`` every estimate comes from a regression with the CR2
cluster-robust covariance (Bell–McCaffrey; ``clubSandwich::vcovCR(fit, cluster, type = "CR2")``) and
t on Satterthwaite degrees of freedom (``coef_test(..., test = "Satterthwaite")``, clubSandwich's default;
Bell and McCaffrey 2002, Pustejovsky and Tipton 2018), or with ``small_sample="naive"`` on G − 1
(``test = "naive-t"``). With 10 unbalanced clusters (7 : 3) t on G − 1 covers about 91 %, the
Satterthwaite df (about 3 here) about 95 % (``tests/test_cluster_coverage.py``):

* risk difference: linear probability model ``y ~ arm``;
* risk ratio: Poisson model with log link ``y ~ arm`` (modified Poisson, Zou and Donner 2013);
* odds ratio: logistic ``y ~ arm``; adjusted ones add the covariates;
* mean difference: ``lm(y ~ arm)``; Hedges' g is that difference over the pooled SD.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..errors import StatisticalWarning
from ..i18n import Message
from ..stats._effects import Estimate, wald
from ..stats._models import SmallSample, linear, poisson
from ..stats._sandwich import ICC, icc_anova
from ._groups import Groups, design

FEW_CLUSTERS = 30
METHOD = Message("note_method_satterthwaite")  # "CR2, t on Satterthwaite df"
METHODS = {"satterthwaite": METHOD, "naive": Message("note_method_naive")}


def labels(g: Groups, cluster: str) -> np.ndarray:
    """The cluster label of every analysed row (as text, so 1 and '1' are one family)."""
    return g.data[cluster].astype(str).to_numpy()


def risks(y: np.ndarray, g: Groups, cl: np.ndarray, alpha: float,
          small_sample: SmallSample = "satterthwaite") -> tuple[Estimate, Estimate]:
    """Cluster-robust risk difference (linear probability model) and risk ratio (modified Poisson)."""
    X, names = design(g.data, g.arm, [])
    rd = linear(X, y, names, cl, small_sample=small_sample).coef("arm", alpha)
    k1, k0 = y[g.arm == 1].sum(), y[g.arm == 0].sum()
    if min(k1, k0) == 0:
        return rd, Estimate(np.nan, np.nan, np.nan)
    fit = poisson(X, y, names, cl, small_sample)
    rr = Estimate(np.nan, np.nan, np.nan) if fit.separated else fit.coef("arm", alpha, exp=True)
    return rd, rr


def means(y: np.ndarray, g: Groups, cl: np.ndarray, alpha: float,
          small_sample: SmallSample = "satterthwaite") -> tuple[Estimate, Estimate]:
    """Cluster-robust mean difference (``lm(y ~ arm)``, CR2) and Hedges' g on the same t interval.

    g = J · difference / pooled SD (J the small-sample factor); its interval is the CR2 interval
    of the difference divided by the same SD (the SD's own sampling error is ignored).
    """
    X, names = design(g.data, g.arm, [])
    md = linear(X, y, names, cl, small_sample=small_sample).coef("arm", alpha)
    y1, y0 = y[g.arm == 1], y[g.arm == 0]
    n1, n0 = y1.size, y0.size
    sp = float(np.sqrt(((n1 - 1) * y1.var(ddof=1) + (n0 - 1) * y0.var(ddof=1)) / (n1 + n0 - 2)))
    j = 1 - 3 / (4 * (n1 + n0) - 9)
    f = j / sp
    hg = Estimate(md.estimate * f, md.ci_low * f, md.ci_high * f, md.p_value, md.se * f, md.df)
    return md, hg


def iv_clustered(y: np.ndarray, d: np.ndarray, z: np.ndarray, cl: np.ndarray, alpha: float) -> Estimate:
    """Complier average causal effect (2SLS, one binary instrument) with the CR2 cluster-robust SE.

    The 2SLS fit of ``y ~ d | z`` is the regression on the projected design ``X̂ = [1, d̂]`` (``d̂`` the
    first-stage fit of ``d`` on ``z``) with the structural residuals ``u = y − a − β d``; its CR2
    covariance is that of :func:`ekc_analysis.stats._sandwich.cr2` on ``X̂`` and ``u``, on t(G − 1), as
    ``clubSandwich::coef_test(AER::ivreg(y ~ d | z), vcov = "CR2", cluster = family, test = "naive-t")``
    (checked in ``tests/reference/sandwich.R``). Every other clustered estimate of ``compare`` is CR2 too.
    """
    from ..stats._sandwich import cr2

    zc = z - z.mean()
    first = zc @ (d - d.mean())
    if abs(first) < 1e-12:
        return Estimate(np.nan, np.nan, np.nan)
    beta = zc @ (y - y.mean()) / first
    u = y - (y.mean() - beta * d.mean()) - beta * d
    slope = first / (zc @ zc)
    d_hat = d.mean() + slope * zc
    cov, n_g = cr2(np.column_stack([np.ones(y.size), d_hat]), u, cl)
    return wald(float(beta), float(np.sqrt(cov[1, 1])), alpha, df=float(n_g - 1))


def summary(y: np.ndarray, g: Groups, cl: np.ndarray, outcome: str, cluster: str,
            small_sample: SmallSample = "satterthwaite") -> tuple[ICC, pd.DataFrame, str]:
    """ICC and design effect of the outcome (clusters nested in arms), a one-row table and the note.

    Warns (StatisticalWarning) below 30 clusters.
    """
    icc = icc_anova(y, cl, g.arm)
    n_g1 = len(pd.unique(cl[g.arm == 1]))
    n_g0 = len(pd.unique(cl[g.arm == 0]))
    sizes = pd.Series(cl).value_counts()
    table = pd.DataFrame({"outcome": [outcome], "cluster": [cluster], "n_clusters": [icc.n_clusters],
                          "n_clusters_treated": [n_g1], "n_clusters_control": [n_g0], "n": [len(cl)],
                          "mean_size": [icc.mean_size], "max_size": [int(sizes.max())], "icc": [icc.icc],
                          "design_effect": [icc.design_effect]})
    method = METHODS[small_sample]
    test = "Satterthwaite" if small_sample == "satterthwaite" else "naive-t"
    shown = Message("note_icc_not_estimable") if not np.isfinite(icc.icc) else Message("note_icc", {"icc": icc.icc})
    note = Message("note_clustered", {
        "cluster": cluster, "n_clusters": icc.n_clusters, "n_fgc": n_g1, "n_comparison": n_g0, "rows": len(cl),
        "mean_size": icc.mean_size, "largest": int(sizes.max()), "outcome": outcome, "icc": shown,
        "design_effect": icc.design_effect, "method": method, "test": test})
    if icc.n_clusters < FEW_CLUSTERS:
        warnings.warn(Message("warn_clustered_few", {"n_clusters": icc.n_clusters, "cluster": repr(cluster),
                                                     "method": method, "few": FEW_CLUSTERS}),
                      StatisticalWarning, stacklevel=3)
    return icc, table, note
