"""Propensity weights for three or more groups: a multinomial logit and balance for every pair of groups.

The WODC/UvA shape (held a conference / offered, not held / care as usual) has three groups that came
about by choice and circumstance. :func:`ekc.propensity_weights` hands a group column with three or more
groups to :func:`multinomial_weights`: the generalised propensity ``p_g(x) = P(group = g | x)`` from a
multinomial logit (= ``nnet::multinom(group ~ covariates)``, checked in
``tests/reference/propensity_multi.R``), ATE weights ``1 / p_group(x)`` (stabilised: times the group's
share), or with ``estimand="ATT"`` and ``treated=`` the weights ``p_treated(x) / p_group(x)`` that make
every group look like the treated one. Balance is reported per pair of groups: the standardised mean
difference of each covariate before and after weighting, with the pooled SD of the unweighted pair.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message, joined
from ._groups import check_columns, design


def multinomial_weights(df: pd.DataFrame, group: str, covariates: Sequence[str], estimand: str = "ATE", *,
                        stabilized: bool = True, trim: float | None = None, treated: object = None) -> pd.Series:
    """Generalised propensity weights for three or more groups, aligned to ``df`` (NaN where a covariate
    is missing). ``attrs``: ``propensity`` (one column per group), ``group``, ``ess`` per group,
    ``balance`` (pairwise SMDs), the settings. See the module text."""
    from statsmodels.discrete.discrete_model import MNLogit

    check_columns(df, [group, *covariates])
    data = df.dropna(subset=[group, *covariates])
    levels = sorted(pd.unique(data[group]), key=str)
    if estimand == "ATT" and (treated is None or not any(str(treated) == str(v) for v in levels)):
        raise ArgumentError(f"estimand='ATT' with {len(levels)} groups: name the target group with treated= (one of "
                            f"{', '.join(repr(str(v)) for v in levels)})")
    codes = data[group].map({v: i for i, v in enumerate(levels)}).to_numpy(int)
    X, _ = design(data, np.zeros(len(data)), list(covariates))
    X = np.delete(X, 1, axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = MNLogit(codes, X).fit(method="newton", maxiter=200, tol=1e-12, disp=False)
    ps = np.asarray(fit.predict(X))  # (n, k): one column per group, in the order of levels
    if trim is not None:
        ps = np.clip(ps, trim, 1 - trim)
    own = ps[np.arange(len(codes)), codes]
    share = np.bincount(codes, minlength=len(levels)) / len(codes)
    if estimand == "ATE":
        w = 1 / own * (share[codes] if stabilized else 1.0)
    else:
        t = next(i for i, v in enumerate(levels) if str(v) == str(treated))
        w = ps[:, t] / own
        if stabilized:
            for j in range(len(levels)):
                if j != t:
                    w[codes == j] *= (codes == j).sum() / w[codes == j].sum()
    ess = {str(v): float(w[codes == j].sum() ** 2 / (w[codes == j] ** 2).sum()) for j, v in enumerate(levels)}
    out = pd.Series(np.nan, index=df.index, name=f"weight_{estimand.lower()}")
    out.loc[data.index] = w
    out.attrs.update({"propensity": pd.DataFrame(ps, index=data.index, columns=[str(v) for v in levels]),
                      "group": data[group], "ess": ess, "estimand": estimand, "stabilized": stabilized,
                      "trim": trim, "levels": levels, "treated": treated, "model": "multinomial logit",
                      "balance": pair_balance(data, group, covariates, w, levels)})
    n = {str(v): int((codes == j).sum()) for j, v in enumerate(levels)}
    if w.max() > 10 * w.mean() or any(ess[k] < 0.5 * n[k] for k in ess):
        sizes = joined([Message("warn_ess_group", {"group": k, "ess": v, "n": n[k]}) for k, v in ess.items()])
        warnings.warn(Message("warn_extreme_weights_groups", {"largest": float(w.max()), "mean": float(w.mean()),
                                                              "sizes": sizes}), StatisticalWarning, stacklevel=3)
    return out


def pair_balance(data: pd.DataFrame, group: str, covariates: Sequence[str], w: np.ndarray,
                 levels: Sequence[object]) -> pd.DataFrame:
    """SMD of every covariate (text covariates as one indicator per level) for every pair of groups,
    unweighted and weighted: (mean a − mean b) / sqrt((var a + var b) / 2), unweighted variances."""
    X, names = design(data, np.zeros(len(data)), list(covariates))
    X, names = X[:, 2:], names[2:]
    g = data[group].astype(str).to_numpy()
    rows = []
    for a, b in combinations([str(v) for v in levels], 2):
        ia, ib = g == a, g == b
        for j, name in enumerate(names):
            x = X[:, j]
            sd = np.sqrt((x[ia].var(ddof=1) + x[ib].var(ddof=1)) / 2)
            for sample, ww in (("unweighted", np.ones(len(x))), ("weighted", w)):
                ma, mb = np.average(x[ia], weights=ww[ia]), np.average(x[ib], weights=ww[ib])
                rows.append({"pair": f"{a} vs {b}", "covariate": name, "sample": sample, "mean_a": ma,
                             "mean_b": mb, "smd": (ma - mb) / sd if sd > 0 else np.nan})
    return pd.DataFrame(rows)
