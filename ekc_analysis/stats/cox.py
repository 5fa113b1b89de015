"""Cox proportional-hazards fits with Efron ties (lifelines, which agrees with R's ``coxph``).

statsmodels' ``PHReg`` accepts ``weights=`` but ignores them, so weighted fits go through
lifelines with ``robust=True`` (the sandwich variance R uses for ``coxph(..., robust = TRUE)``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .effects import Estimate, wald


def fit_cox(data: pd.DataFrame, time: str, event: str, columns: list[str], weights: np.ndarray | None = None,
            alpha: float = 0.05) -> tuple[object, pd.DataFrame]:
    """Fit ``Surv(time, event) ~ columns``; return (fitted lifelines model, coefficient table)."""
    from lifelines import CoxPHFitter

    frame = data[[time, event, *columns]].astype(float).copy()
    kwargs: dict[str, object] = {}
    if weights is not None:
        frame["__w"] = weights
        kwargs = {"weights_col": "__w", "robust": True}
    cph = CoxPHFitter(alpha=alpha)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lifelines' note on non-integer weights: robust=True is set
        cph.fit(frame, duration_col=time, event_col=event, **kwargs)
    table = pd.DataFrame({"term": list(cph.params_.index), "coef": cph.params_.to_numpy(),
                          "se": cph.standard_errors_.to_numpy()})
    return cph, table


def hazard_ratio(table: pd.DataFrame, term: str = "arm", alpha: float = 0.05) -> Estimate:
    row = table.set_index("term").loc[term]
    return wald(float(row["coef"]), float(row["se"]), alpha, exp=True)


def ph_test(time: np.ndarray, event: np.ndarray, X: np.ndarray, beta: np.ndarray,
            terms: dict[str, list[int]]) -> pd.DataFrame:
    """Test of proportional hazards per term and globally, as R's ``survival::cox.zph`` (version 3).

    A score test, at the fitted ``beta``, of adding ``x * g(t)`` for each covariate to the Cox model
    (Efron ties), with ``g`` the left-continuous Kaplan–Meier transform ``1 − S(t−)`` centred on its
    mean over the events: it asks whether the scaled Schoenfeld residuals trend with time. ``terms``
    maps a term to its columns of ``X`` (a factor's dummies are tested together). Unweighted.

    Returns ``term, statistic, df, p_value`` with a last row ``GLOBAL``.
    """
    from scipy import stats

    time = np.asarray(time, float)
    event = np.asarray(event, float) > 0
    X = np.asarray(X, float).reshape(len(time), -1)
    p = X.shape[1]
    eta = X @ np.asarray(beta, float)
    w = np.exp(eta - eta.max())

    death_times, deaths_at = np.unique(time[event], return_counts=True)
    at_risk = len(time) - np.searchsorted(np.sort(time), death_times, side="left")
    surv_after = np.cumprod(1 - deaths_at / at_risk)
    surv_before = np.concatenate(([1.0], surv_after[:-1]))  # S(t-) at each death time
    g_death = 1 - surv_before
    g = g_death - np.sum(g_death * deaths_at) / deaths_at.sum()  # centred over the events (ties counted)

    order = np.argsort(-time, kind="stable")  # risk sets by cumulative sums from the longest time down
    t_sorted, x_sorted, w_sorted = time[order], X[order], w[order]
    cum_w = np.cumsum(w_sorted)
    cum_wx = np.cumsum(w_sorted[:, None] * x_sorted, axis=0)
    cum_wxx = np.cumsum(w_sorted[:, None, None] * x_sorted[:, :, None] * x_sorted[:, None, :], axis=0)
    last = np.searchsorted(-t_sorted, -death_times, side="right") - 1  # last row with time >= t

    # sums over the deaths at each death time, in one pass
    k_of = np.searchsorted(death_times, time[event])
    x_d, w_d = X[event], w[event]
    b0_all = np.bincount(k_of, weights=w_d, minlength=len(death_times))
    b1_all = np.zeros((len(death_times), p))
    np.add.at(b1_all, k_of, w_d[:, None] * x_d)
    b2_all = np.zeros((len(death_times), p, p))
    np.add.at(b2_all, k_of, w_d[:, None, None] * x_d[:, :, None] * x_d[:, None, :])
    x_sum = np.zeros((len(death_times), p))
    np.add.at(x_sum, k_of, x_d)

    u2 = np.zeros(p)
    info = np.zeros((2 * p, 2 * p))
    for k, d in enumerate(deaths_at):
        a0, a1, a2 = cum_w[last[k]], cum_wx[last[k]], cum_wxx[last[k]]
        b0, b1, b2 = b0_all[k], b1_all[k], b2_all[k]
        score = x_sum[k].copy()
        v_sum = np.zeros((p, p))
        for ell in range(d):  # Efron: the dying leave the risk set a fraction at a time
            f = ell / d
            s0, s1, s2 = a0 - f * b0, a1 - f * b1, a2 - f * b2
            mean = s1 / s0
            score = score - mean
            v_sum += s2 / s0 - np.outer(mean, mean)
        u2 += g[k] * score
        info[:p, :p] += v_sum
        info[:p, p:] += g[k] * v_sum
        info[p:, :p] += g[k] * v_sum
        info[p:, p:] += g[k] ** 2 * v_sum

    rows = []
    for term, cols in [*terms.items(), ("GLOBAL", list(range(p)))]:
        keep = list(range(p)) + [p + c for c in cols]
        u = np.concatenate([np.zeros(p), u2[cols]])
        stat = float(u @ np.linalg.solve(info[np.ix_(keep, keep)], u))
        rows.append({"term": term, "statistic": stat, "df": len(cols),
                     "p_value": float(stats.chi2.sf(stat, len(cols)))})
    return pd.DataFrame(rows)
