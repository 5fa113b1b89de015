"""Every estimator given an :class:`~ekc_analysis.studies._imputation.Imputations` pools by Rubin's rules.

:func:`pools_imputations` decorates an estimator whose first argument is a data frame. Given an
``Imputations`` instead, it runs the estimator on each completed frame (so propensity weights, CR2 cluster
errors and every model are estimated within each imputation) and pools each row of the tidy table:

* the estimate and its standard error are taken on the scale the estimator builds its interval (log for
  ratios), from ``result.standard_errors`` (one row per table row: ``se`` and the df of the interval's t
  reference, ``reference_df``). A row without a standard error there (a profile-likelihood or score interval)
  is pooled with the standard error its interval implies (half-width over the normal quantile).
* Rubin's rules with Barnard–Rubin degrees of freedom (:mod:`ekc_analysis.stats`, = ``mice::pool``);
  the complete-data df is the interval's own t df (``n − p`` for ``lm``-type rows, ``G − 1`` for CR2) and
  infinite for normal-theory (z) intervals, as ``mice::pool(fit, dfcom = Inf)`` (Welch rows: the mean of the
  imputations' Welch df).
* chi-square test rows (log-rank, Gray's test: ``statistic`` and ``df`` filled, no estimate) are pooled by
  D2; other test rows keep NaN.

The pooled table gains ``df`` (Barnard–Rubin) and ``fmi`` (fraction of missing information);
``result.pooling`` holds qbar, ubar, b, t, riv, lambda, fmi per row, ``result.imputations`` every
imputation's table; ``settings["m"]`` the number of imputations. A keyword argument given as a callable
of the completed frame (e.g. ``weights=lambda d: ekc.propensity_weights(d, "group", ["age"])``) is
evaluated within each imputation.

To make a new estimator (``doubly_robust``, ``table_one``, ...) take imputations: decorate it with
``@pools_imputations`` and put ``"standard_errors": results.standard_errors(rows)`` among its extras, each row
dict carrying ``se`` (on the interval's scale) and ``reference_df`` (``Estimate.se`` / ``Estimate.df``).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from scipy import stats as st

from ..errors import ArgumentError
from ..i18n import Message
from ..results import Result
from ..stats._rubin import pool, pool_chisquare

F = TypeVar("F", bound=Callable[..., Result])
CHI_SQUARE_TESTS = frozenset({"logrank", "gray_test"})


def pools_imputations(estimator: F) -> F:
    """Decorator: ``estimator(Imputations, ...)`` runs on each completed frame and pools the results."""

    @functools.wraps(estimator)
    def wrapper(df: Any, *args: Any, **kwargs: Any) -> Result:
        from ._imputation import Imputations

        results = []
        with warnings.catch_warnings(record=True) as caught:  # re-issued below at the caller's line
            warnings.simplefilter("always")
            if not isinstance(df, Imputations):
                results.append(estimator(df, *args, **kwargs))
            else:
                for frame in df.completed:
                    options = {k: (v(frame) if callable(v) else v) for k, v in kwargs.items()}
                    results.append(estimator(frame, *args, **options))
        seen: set[tuple[str, type]] = set()
        for w in caught:  # each caveat once, not m times
            if (str(w.message), w.category) not in seen:
                seen.add((str(w.message), w.category))
                warnings.warn(w.message, w.category, stacklevel=2)
        if not isinstance(df, Imputations):
            return results[0]
        return pool_results(results, alpha=float(results[0].settings.get("alpha", 0.05)))  # type: ignore[arg-type]

    return wrapper  # type: ignore[return-value]


def _scale(est: float, lo: float, hi: float, se: float, q: float, measure: str) -> str:
    """'log' or 'identity': the scale on which the interval is estimate ± q·se."""
    if np.isfinite(se) and se > 0 and est > 0 and lo > 0:
        if abs((np.log(hi) - np.log(lo)) - 2 * q * se) < 1e-6 * max(1.0, q * se):
            return "log"
        if abs((hi - lo) - 2 * q * se) < 1e-6 * max(1.0, q * se):
            return "identity"
    return "log" if "ratio" in measure and "difference" not in measure else "identity"


def _inputs(r: Result, alpha: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Per row: estimate and variance on the interval's scale, the complete-data df, the scale."""
    table = r.table
    se_table = r.extras.get("standard_errors")
    if se_table is None or len(se_table) != len(table):
        se_table = pd.DataFrame({"se": np.nan, "reference_df": np.inf}, index=range(len(table)))
    q_out, u_out, df_out, scales = [], [], [], []
    for i, row in enumerate(table.itertuples(index=False)):
        est, lo, hi = (float(getattr(row, c)) for c in ("estimate", "ci_low", "ci_high"))
        se, ref = float(se_table["se"].iloc[i]), float(se_table["reference_df"].iloc[i])
        ref = np.inf if not np.isfinite(ref) else ref
        q = st.t.ppf(1 - alpha / 2, ref) if np.isfinite(ref) else st.norm.ppf(1 - alpha / 2)
        scale = _scale(est, lo, hi, se, q, str(getattr(row, "measure", "")))
        f = np.log if scale == "log" else (lambda x: x)
        with np.errstate(divide="ignore", invalid="ignore"):
            if not (np.isfinite(se) and se > 0):
                se = (f(hi) - f(lo)) / (2 * q)
            q_out.append(f(est))
        u_out.append(se**2)
        df_out.append(ref)
        scales.append(scale)
    return np.array(q_out, float), np.array(u_out, float), np.array(df_out, float), scales


def pool_results(results: list[Result], alpha: float = 0.05) -> Result:
    """One Result from the results of the same estimator on each completed frame (Rubin's rules)."""
    first = results[0]
    m = len(results)
    _check_same_rows(results)
    inputs = [_inputs(r, alpha) for r in results]
    q = np.column_stack([x[0] for x in inputs])
    u = np.column_stack([x[1] for x in inputs])
    dfcom = np.column_stack([x[2] for x in inputs]).mean(axis=1)  # Welch's df differs between imputations
    scales = inputs[0][3]
    table = first.table.copy()
    table["df"] = np.nan
    table["fmi"] = np.nan
    pooling = []
    for i in range(len(table)):
        measure = str(table["measure"].iloc[i]) if "measure" in table else ""
        if np.isfinite(q[i]).all() and np.isfinite(u[i]).all():
            values, record = _rubin_row(q[i], u[i], dfcom[i], scales[i], alpha, with_se="se" in table)
            pooling.append({"row": i, "measure": measure, **record})
        else:
            values = _test_row(results, i, measure, with_statistic="statistic" in table)
        table.loc[table.index[i], list(values)] = list(values.values())
    per = pd.concat([r.table.assign(imputation=j + 1) for j, r in enumerate(results)], ignore_index=True)
    notes = [n for n in first.notes if all(n in r.notes for r in results[1:])]
    notes.append(Message("note_pooled", {"m": m}))
    pooled_se = pd.DataFrame({"se": [np.nan] * len(table), "reference_df": table["df"].to_numpy(float)})
    for rec in pooling:
        pooled_se.loc[rec["row"], "se"] = rec["se"]
    return Result(
        first.kind,
        table,
        first.title,
        tuple(notes),
        {"pooling": pd.DataFrame(pooling), "imputations": per, "standard_errors": pooled_se},
        {**first.settings, "m": m, "pooled": "Rubin's rules, Barnard–Rubin df"},
    )


def _check_same_rows(results: list[Result]) -> None:
    """At least two imputations, whose tables have the same rows."""
    first = results[0]
    if len(results) < 2:
        raise ArgumentError("pooling needs at least two imputations; impute with m >= 2")
    keys = [c for c in ("outcome", "contrast", "measure", "level") if c in first.table.columns]
    for r in results[1:]:
        if len(r.table) != len(first.table) or not r.table[keys].astype(str).equals(first.table[keys].astype(str)):
            raise ArgumentError(
                "the imputations gave tables with different rows (e.g. a group level present in "
                "one completed frame only); pooling needs the same rows in each"
            )


def _rubin_row(q: np.ndarray, u: np.ndarray, dfcom: float, scale: str, alpha: float, *,
               with_se: bool) -> tuple[dict[str, float], dict[str, object]]:
    """One estimate pooled by Rubin's rules: the table's new values, and the row of ``result.pooling``."""
    p = pool(q, u, dfcom)
    lo, hi, pval = p.interval(alpha)
    back = np.exp if scale == "log" else float
    values = {"estimate": float(back(p.estimate)), "ci_low": float(back(lo)), "ci_high": float(back(hi)),
              "p_value": pval, "df": p.df, "fmi": p.fmi}
    if with_se:  # the pooled (total) standard error on the interval's scale
        values["se"] = p.se
    record = {"scale": scale, "qbar": p.estimate, "ubar": p.within, "b": p.between, "t": p.total, "se": p.se,
              "dfcom": dfcom, "df": p.df, "riv": p.riv, "lambda": p.lambda_, "fmi": p.fmi}
    return values, record


def _test_row(results: list[Result], i: int, measure: str, *, with_statistic: bool) -> dict[str, float]:
    """The table's new values for row ``i`` without an estimate: chi-square tests pooled by D2, others NaN."""
    values = {"estimate": np.nan, "ci_low": np.nan, "ci_high": np.nan, "p_value": np.nan}
    first = results[0].table
    if measure in CHI_SQUARE_TESTS and with_statistic:
        stats = np.array([float(r.table["statistic"].iloc[i]) for r in results])
        k = int(first["df"].iloc[i]) if np.isfinite(first["df"].iloc[i]) else 1
        if np.isfinite(stats).all():
            f, dfden, pval = pool_chisquare(stats, k)
            values.update(statistic=f, p_value=pval, df=dfden)
    elif with_statistic:
        values["statistic"] = np.nan
    return values
