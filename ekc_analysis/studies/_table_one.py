"""Table 1: baseline characteristics per group (STROBE item 14, CONSORT item 15), weighted after IPW if asked.

The numbers are those of ``tableone::CreateTableOne`` (and ``svyCreateTableOne`` with weights), recomputed by
hand in R in ``tests/reference/table_one.R``; the manuscript layout (n (%), mean (SD), median [Q1, Q3],
missing n (%), SMD) is drawn by :mod:`ekc_analysis.results` when the result is displayed.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message, joined
from ..results import Result
from ._groups import check_columns, is_categorical, levels_of
from ._table_one_imputed import averaged_table
from ._wording import kish_sizes

LOW_ESS = 0.5  # warn when a group's effective sample size is below this share of its rows (as propensity_weights)
COLUMNS = [
    "variable",
    "level",
    "group",
    "n",
    "percent",
    "mean",
    "sd",
    "median",
    "q1",
    "q3",
    "missing",
    "missing_percent",
    "smd",
]


def _is_category(s: pd.Series) -> bool:
    """Text, categories, booleans and 0/1 columns are shown as n (%) per level; other numbers as summaries."""
    if is_categorical(s) or pd.api.types.is_bool_dtype(s):
        return True
    return set(pd.unique(s.dropna())) <= {0, 1}


def _weights(df: pd.DataFrame, weights: str | pd.Series | np.ndarray | None) -> np.ndarray:
    if weights is None:
        return np.ones(len(df))
    if isinstance(weights, str):
        check_columns(df, [weights], "weights column")
        w = df[weights].to_numpy(dtype=float)
    else:
        w = (
            pd.Series(np.asarray(weights, dtype=float), index=df.index).to_numpy()
            if not isinstance(weights, pd.Series)
            else weights.reindex(df.index).to_numpy(dtype=float)
        )
    if len(w) != len(df):
        raise ArgumentError(f"weights has {len(w)} values for {len(df)} rows: give one weight per row")
    if np.isnan(w).any():
        raise ArgumentError(
            f"weights: {int(np.isnan(w).sum())} rows have no weight (a missing covariate in the "
            "propensity model?); drop those rows first and report how many, or impute"
        )
    if (w < 0).any():
        raise ArgumentError("weights: negative weights are not allowed")
    return w


def _quantiles(x: np.ndarray, w: np.ndarray, weighted: bool) -> tuple[float, float, float]:
    """Median, Q1, Q3: R's quantile() (type 7) unweighted; the weighted ECDF's inverse (survey's
    ``svyquantile(qrule = "math")``) with weights."""
    if len(x) == 0:
        return (np.nan, np.nan, np.nan)
    if not weighted:
        q = np.quantile(x, [0.5, 0.25, 0.75])
        return float(q[0]), float(q[1]), float(q[2])
    order = np.argsort(x, kind="stable")
    xs, cw = x[order], np.cumsum(w[order]) / w.sum()
    return tuple(float(xs[np.searchsorted(cw, p - 1e-12)]) for p in (0.5, 0.25, 0.75))  # type: ignore[return-value]


def _moments(x: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Weighted mean and variance with the n / (n − 1) factor (survey::svyvar; the sample variance unweighted)."""
    n = len(x)
    if n == 0:
        return np.nan, np.nan
    m = float(np.sum(w * x) / np.sum(w))
    v = float(np.sum(w * (x - m) ** 2) / np.sum(w) * n / (n - 1)) if n > 1 else np.nan
    return m, v


def yang_dalton(p1: np.ndarray, p0: np.ndarray) -> float:
    """Multivariate SMD of a categorical variable (Yang & Dalton 2012): ``sqrt(d' S⁻¹ d)`` over levels 2..K,
    ``S`` the mean of the two multinomial covariance matrices; for two levels |p1 − p0| / sqrt(mean variance)."""
    a, b = np.asarray(p1, float)[1:], np.asarray(p0, float)[1:]
    if len(a) == 0:
        return 0.0

    def cov(p: np.ndarray) -> np.ndarray:
        s = -np.outer(p, p)
        np.fill_diagonal(s, p * (1 - p))
        return s

    d = a - b
    s = (cov(a) + cov(b)) / 2
    return float(np.sqrt(d @ np.linalg.pinv(s) @ d))


def _continuous(
    name: str, data: pd.DataFrame, groups: list, gcol: str, w: np.ndarray, weighted: bool
) -> tuple[list[dict], dict[object, tuple[float, float]]]:
    rows, moments = [], {}
    for g in groups:
        sel = (data[gcol] == g).to_numpy()
        x_all = data.loc[sel, name].to_numpy(dtype=float)
        ok = ~np.isnan(x_all)
        x, ww = x_all[ok], w[sel][ok]
        m, v = _moments(x, ww)
        med, q1, q3 = _quantiles(x, ww, weighted)
        moments[g] = (m, v)
        rows.append(
            {
                "variable": name,
                "level": None,
                "group": g,
                "n": float(ww.sum()),
                "percent": np.nan,
                "mean": m,
                "sd": np.sqrt(v),
                "median": med,
                "q1": q1,
                "q3": q3,
                "missing": int((~ok).sum()),
                "missing_percent": 100 * (~ok).sum() / len(x_all) if len(x_all) else np.nan,
            }
        )
    return rows, moments


def _as_text(col: pd.Series) -> tuple[np.ndarray, list[str]]:
    """The values as text (None where missing; 0/1 numbers as '0'/'1') and the levels in order."""

    def one(v: object) -> str | None:
        if v is None or (not isinstance(v, str) and pd.isna(v)):  # type: ignore[call-overload]
            return None
        if isinstance(v, (int, float, np.number)) and not isinstance(v, (bool, np.bool_)) and float(v).is_integer():
            return str(int(v))
        return str(v)

    text = np.array([one(v) for v in col.to_numpy(dtype=object)], dtype=object)
    if isinstance(col.dtype, pd.CategoricalDtype):
        return text, levels_of(col)
    return text, sorted({v for v in text if v is not None})


def _categorical(
    name: str, data: pd.DataFrame, groups: list, gcol: str, w: np.ndarray
) -> tuple[list[dict], dict[object, np.ndarray]]:
    text, levels = _as_text(data[name])
    rows, shares = [], {}
    for g in groups:
        sel = (data[gcol] == g).to_numpy()
        t, ww = text[sel], w[sel]
        ok = np.array([v is not None for v in t], bool)
        total = ww[ok].sum()
        counts = np.array([ww[ok & (t == lev)].sum() for lev in levels])
        shares[g] = counts / total if total > 0 else np.full(len(levels), np.nan)
        miss = int((~ok).sum())
        for lev, c in zip(levels, counts, strict=True):
            rows.append(
                {
                    "variable": name,
                    "level": lev,
                    "group": g,
                    "n": float(c),
                    "percent": 100 * c / total if total > 0 else np.nan,
                    "missing": miss,
                    "missing_percent": 100 * miss / len(t) if len(t) else np.nan,
                }
            )
    return rows, shares


def _smd_rows(name: str, stats: dict, categorical: bool) -> list[dict]:
    out = []
    for a, b in combinations(list(stats), 2):
        if categorical:
            value = yang_dalton(stats[a], stats[b])
        else:
            (m1, v1), (m0, v0) = stats[a], stats[b]
            value = abs(m1 - m0) / np.sqrt((v1 + v0) / 2) if v1 + v0 > 0 else np.nan
        out.append({"variable": name, "pair": f"{a} vs {b}", "smd": value})
    return out


def _describe(
    data: pd.DataFrame, group: str, groups: list, variables: Sequence[str], w: np.ndarray, weighted: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows: list[dict] = []
    smd: list[dict] = []
    for v in variables:
        categorical = _is_category(data[v])
        stats: dict
        if categorical:
            r, stats = _categorical(v, data, groups, group, w)
        else:
            r, stats = _continuous(v, data, groups, group, w, weighted)
        pairs = _smd_rows(v, stats, categorical)
        for row in r:
            row["smd"] = float(np.mean([p["smd"] for p in pairs])) if pairs else np.nan
        rows.extend(r)
        smd.extend(pairs)
    return pd.DataFrame(rows).reindex(columns=COLUMNS), pd.DataFrame(smd, columns=["variable", "pair", "smd"])


def table_one(
    df: pd.DataFrame,
    group: str,
    variables: Sequence[str],
    *,
    weights: str | pd.Series | np.ndarray | None = None,
    nonnormal: Sequence[str] = (),
    cluster: str | None = None,
) -> Result:
    """Baseline characteristics per group: the Table 1 of a trial or cohort paper.

    Each continuous variable gets one row per group with ``n`` (non-missing), ``mean``, ``sd``, ``median``,
    ``q1``, ``q3``; each categorical one (text, categories, booleans, 0/1 columns) one row per level and group
    with ``n`` and ``percent`` (of the non-missing). ``missing`` and ``missing_percent`` count the rows without
    a value. ``smd`` is the standardised difference per variable: ``|m1 − m0|`` / sqrt((s1² + s0²) / 2) for
    numbers, Yang & Dalton's multivariate SMD for categories (with three or more groups the mean over the
    pairs, as tableone prints; ``.smd`` lists every pair). Variables named in ``nonnormal`` are shown as
    median [Q1, Q3]; the data always hold both.

    ``weights`` (a column name or values aligned to ``df``, e.g. :func:`propensity_weights`) gives the table
    after weighting, as ``tableone::svyCreateTableOne``: weighted counts, percentages, means, SDs
    (``survey::svyvar``) and quantiles (``svyquantile(qrule = "math")``), and the SMDs from them; ``.smd``
    then also holds the unweighted SMD, and ``.groups`` the effective sample size (Σw)² / Σw² per group.
    A StatisticalWarning names any group whose effective sample size is below half its rows.
    Missing counts are rows, unweighted. Given an :class:`ekc_analysis.Imputations` (:func:`ekc_analysis.impute`),
    each completed data set is described and every number averaged over them (a description, not an
    estimate, so not Rubin's rules; a note says so); ``missing`` then counts the values that were imputed,
    ``.imputations`` holds each completed set's table and ``weights`` may be a function of the completed
    frame (e.g. ``lambda d: ekc.propensity_weights(d, ...)``), estimated within each.
    ``cluster=`` (e.g. ``"family_id"``) adds the number of clusters per
    group to ``.groups`` and the notes.

    ``display()`` and ``summary()`` show the manuscript table in the reader's language: n (%), mean (SD),
    median [Q1, Q3], missing n (%) and SMD, with a decimal comma in Dutch.

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> t1 = ekc.table_one(ekc.simulate_cohort(seed=1), "group", ["age", "girl", "reason"])
    >>> sorted(t1.to_frame()["variable"].unique())
    ['age', 'girl', 'reason']
    """
    from ._imputation import Imputations

    if isinstance(df, Imputations):
        return averaged_table(df, table_one, group, variables, weights=weights, nonnormal=nonnormal, cluster=cluster)
    if isinstance(variables, str) or not len(variables):
        raise ArgumentError(f"variables={variables!r}: give a list of column names, e.g. ['age', 'sex']")
    unknown = [v for v in nonnormal if v not in variables]
    if unknown:
        raise ArgumentError(f"nonnormal={list(nonnormal)!r}: {', '.join(map(repr, unknown))} not among variables")
    check_columns(df, [group, *variables] + ([cluster] if cluster else []))
    w_all = _weights(df, weights)
    keep = df[group].notna().to_numpy()
    data, w = df[keep], w_all[keep]
    groups = [g for g in (levels_of(data[group]) if is_categorical(data[group]) else sorted(pd.unique(data[group])))]
    if is_categorical(data[group]):
        data = data.assign(**{group: data[group].astype(str)})
    if len(groups) < 2:
        raise ArgumentError(f"group={group!r} has {len(groups)} group(s); a Table 1 compares two or more")
    weighted = weights is not None
    table, smd = _describe(data, group, groups, variables, w, weighted)
    if weighted:
        _, raw = _describe(data, group, groups, variables, np.ones(len(data)), False)
        smd["smd_unweighted"] = raw["smd"].to_numpy()
    info = _group_info(data, group, groups, w, cluster)
    low = info[info["ess"] < LOW_ESS * info["n"]] if weighted else info.iloc[:0]
    if len(low):
        shown = joined([Message("warn_ess_group", {"group": str(r.group), "ess": float(r.ess), "n": int(r.n)})
                        for r in low.itertuples()])
        warnings.warn(Message("warn_table_one_ess", {"sizes": shown}), StatisticalWarning, stacklevel=2)
    notes = _notes(df, data, group, info, weighted, cluster, nonnormal)
    return Result(
        "table_one",
        table,
        Message("title_table_one", {"group": group}),
        tuple(notes),
        extras={"smd": smd, "groups": info},
        settings={
            "group": group,
            "groups": tuple(groups),
            "variables": tuple(variables),
            "nonnormal": tuple(nonnormal),
            "weighted": weighted,
            "cluster": cluster,
        },
    )


def _group_info(data: pd.DataFrame, group: str, groups: list, w: np.ndarray, cluster: str | None) -> pd.DataFrame:
    rows = []
    for g in groups:
        sel = (data[group] == g).to_numpy()
        ww = w[sel]
        rows.append(
            {
                "group": g,
                "n": int(sel.sum()),
                "n_weighted": float(ww.sum()),
                "ess": float(ww.sum() ** 2 / (ww**2).sum()) if (ww > 0).any() else np.nan,
                "n_clusters": int(data.loc[sel, cluster].nunique()) if cluster else np.nan,
            }
        )
    return pd.DataFrame(rows)


def _notes(df: pd.DataFrame, data: pd.DataFrame, group: str, info: pd.DataFrame, weighted: bool, cluster: str | None,
           nonnormal: Sequence[str]) -> list[str]:
    """Group sizes and how to read the table; rows left out; weighting, clusters and medians."""
    sizes = ", ".join(f"{r.n} in {r.group}" for r in info.itertuples())
    notes: list[str] = [Message("note_table_one_sizes", {"sizes": sizes})]
    if len(df) > len(data):
        notes.append(Message("note_table_one_left_out", {"n": len(df) - len(data), "column": group}))
    if weighted:
        notes.append(Message("note_table_one_weighted", {"sizes": kish_sizes(info)}))
    if cluster:
        counts = ", ".join(f"{r.group} {int(r.n_clusters)}" for r in info.itertuples())
        notes.append(Message("note_table_one_cluster", {"cluster": cluster, "counts": counts}))
    if nonnormal:
        notes.append(Message("note_table_one_nonnormal", {"variables": ", ".join(nonnormal)}))
    return notes
