"""Cox proportional-hazards models as R's ``coxph`` (Efron ties), and the test of proportional hazards.

:func:`fit_cox` takes a frame and column names and returns the fit and a tidy coefficient table;
the engine is :mod:`ekc_analysis.stats` (Newton–Raphson on the partial likelihood, strata,
case weights, left truncation) with robust and cluster sandwich variances from
:mod:`ekc_analysis.stats`. Robust errors are the default whenever weights or clusters
are given, as in R (``coxph`` with non-integer weights or ``cluster()``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message
from ._cox_residuals import robust_variance
from ._coxph import CoxFit, Ties, newton, per_time, risk_sets, risk_sum
from ._effects import Estimate, wald

Column: TypeAlias = str | np.ndarray | pd.Series | None


@dataclass(frozen=True)
class CoxModel:
    """A fitted Cox model: the engine's fit, the variance reported and the counts behind it."""

    fit: CoxFit
    terms: tuple[str, ...]
    var: np.ndarray
    robust: bool
    n: int
    n_events: int
    n_clusters: int | None

    @property
    def coef(self) -> np.ndarray:
        return self.fit.coef


def _values(data: pd.DataFrame, spec: Column, name: str) -> np.ndarray | None:
    if spec is None:
        return None
    if isinstance(spec, str):
        return data[spec].to_numpy()
    values = np.asarray(spec)
    if len(values) != len(data):
        raise ArgumentError(f"{name}: give a column name or one value per row; got {len(values)} values "
                            f"for {len(data)} rows")
    return values


def fit_cox(data: pd.DataFrame, time: str, event: str, columns: list[str], weights: np.ndarray | None = None,
            alpha: float = 0.05, *, entry: Column = None, strata: Column = None, cluster: Column = None,
            robust: bool | None = None, ties: Ties = "efron") -> tuple[CoxModel, pd.DataFrame]:
    """Fit ``coxph(Surv([entry,] time, event) ~ columns + strata(strata), weights, cluster, ties)``.

    ``entry``, ``strata`` and ``cluster`` are column names of ``data`` or arrays aligned to it.
    ``robust`` defaults to True when ``weights`` or ``cluster`` is given (R's rule), giving the
    sandwich variance; ``robust=True`` without weights is R's ``robust = TRUE``. A
    :class:`StatisticalWarning` passes on R's convergence warnings (iterations exhausted, a
    coefficient that may be infinite).

    Returns the model and a table ``term, coef, se, z, p_value`` (+ ``naive_se`` when robust).
    """
    from scipy import stats

    X = data[list(columns)].to_numpy(float).reshape(len(data), len(columns))
    t = data[time].to_numpy(float)
    d = data[event].to_numpy(float)
    w = np.ones(len(data)) if weights is None else np.asarray(weights, float)
    start = _values(data, entry, "entry")
    stratum = _values(data, strata, "strata")
    codes = None if stratum is None else pd.factorize(pd.Series(stratum), sort=True)[0]
    groups = _values(data, cluster, "cluster")
    cl_codes = None if groups is None else pd.factorize(pd.Series(groups))[0]
    bad = [name for name, v in (("time", t), ("event", d), ("covariates", X), ("weights", w),
                                ("entry", None if start is None else np.asarray(start, float))) if v is not None
           and not np.isfinite(v).all()]
    if bad:
        raise ArgumentError(f"fit_cox needs complete, finite values; missing or infinite in: {', '.join(bad)}")
    rs = risk_sets(t, d, w, codes, None if start is None else np.asarray(start, float), ties)
    fit = newton(X, rs, w)
    if robust is None:
        robust = weights is not None or cluster is not None
    var = robust_variance(fit, X, w, cl_codes) if robust else fit.var
    names = tuple(columns)
    if not fit.converged:
        warnings.warn(Message("warn_cox_no_convergence", {"iterations": int(fit.iterations)}), StatisticalWarning,
                      stacklevel=2)
    elif fit.infinite:
        warnings.warn(Message("warn_cox_infinite", {"terms": ", ".join(names[j] for j in fit.infinite)}),
                      StatisticalWarning, stacklevel=2)
    se = np.sqrt(np.diag(var))
    z = fit.coef / se
    table = pd.DataFrame({"term": list(names), "coef": fit.coef, "se": se, "z": z,
                          "p_value": 2 * stats.norm.sf(np.abs(z))})
    if robust:
        table["naive_se"] = np.sqrt(np.diag(fit.var))
    model = CoxModel(fit, names, var, bool(robust), len(data), int((d > 0).sum()),
                     None if cl_codes is None else int(cl_codes.max()) + 1)
    return model, table


def hazard_ratio(table: pd.DataFrame, term: str = "arm", alpha: float = 0.05) -> Estimate:
    row = table.set_index("term").loc[term]
    return wald(float(row["coef"]), float(row["se"]), alpha, exp=True)


def ph_test(time: np.ndarray, event: np.ndarray, X: np.ndarray, beta: np.ndarray,
            terms: dict[str, list[int]], *, entry: np.ndarray | None = None, strata: np.ndarray | None = None,
            weights: np.ndarray | None = None) -> pd.DataFrame:
    """Test of proportional hazards per term and globally, as R's ``survival::cox.zph`` (version 3).

    A score test, at the fitted ``beta``, of adding ``x * g(t)`` for each covariate to the Cox model
    (Efron ties; with the model's ``entry``, ``strata`` and case ``weights``), with ``g`` the
    left-continuous Kaplan–Meier transform ``1 − S(t−)`` of all rows (unweighted, unstratified, as R)
    centred on its mean over the events: it asks whether the scaled Schoenfeld residuals trend with
    time. ``terms`` maps a term to its columns of ``X`` (a factor's dummies are tested together).

    Returns ``term, statistic, df, p_value`` with a last row ``GLOBAL``.
    """
    from scipy import stats

    time = np.asarray(time, float)
    dead = (np.asarray(event, float) > 0).astype(float)
    X = np.asarray(X, float).reshape(len(time), -1)
    p = X.shape[1]
    w = np.ones(len(time)) if weights is None else np.asarray(weights, float)
    codes = None if strata is None else pd.factorize(pd.Series(np.asarray(strata)), sort=True)[0]
    start = None if entry is None else np.asarray(entry, float)
    rs = risk_sets(time, dead, w, codes, start)
    score_k, info_k = per_time(rs, X - X.mean(axis=0), w, np.asarray(beta, float))
    # the transform: 1 - S(t-) of the Kaplan-Meier curve of all rows, at each death
    pooled = risk_sets(time, dead, np.ones(len(time)), None, start)
    ones = np.ones(len(time))
    deaths_at = np.bincount(pooled.dead_k, minlength=pooled.n_times)
    surv_before = np.concatenate(([1.0], np.cumprod(1 - deaths_at / risk_sum(pooled, ones))[:-1]))
    g_dead = np.zeros(len(time))
    g_dead[pooled.dead] = 1 - surv_before[pooled.dead_k]
    g_rows = g_dead[rs.dead] - g_dead[rs.dead].mean()  # centred over the events
    g = np.zeros(rs.n_times)
    g[rs.dead_k] = g_rows
    u2 = g @ score_k
    info = np.zeros((2 * p, 2 * p))
    info[:p, :p] = info_k.sum(axis=0)
    info[:p, p:] = info[p:, :p] = np.einsum("k,kij->ij", g, info_k)
    info[p:, p:] = np.einsum("k,kij->ij", g * g, info_k)

    rows = []
    for term, cols in [*terms.items(), ("GLOBAL", list(range(p)))]:
        keep = list(range(p)) + [p + c for c in cols]
        u = np.concatenate([np.zeros(p), u2[cols]])
        stat = float(u @ np.linalg.solve(info[np.ix_(keep, keep)], u))
        rows.append({"term": term, "statistic": stat, "df": len(cols),
                     "p_value": float(stats.chi2.sf(stat, len(cols)))})
    return pd.DataFrame(rows)
