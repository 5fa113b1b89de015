"""Per-row arguments of the estimators: weights, cluster, entry, strata given as a column or a Series.

Every estimator resolves such an argument through :func:`row_argument`, so a researcher meets the same
rules everywhere:

* a **column name** is looked up in the frame (a name that is not a column is an error naming it);
* a **Series** is aligned by index, as pandas aligns in ``df.assign(w=s)``: after a sort or a shuffle
  of the rows each row still gets its own value. A Series whose index does not hold every row label of
  the frame (or holds a label twice) is an error, not silently NaN;
* an **array** (or list) is taken by position and must have one value per row.

Weights are further checked by :func:`weights_argument` (numbers, none negative or infinite; a
missing weight is refused unless ``missing_weights="drop"``, see :func:`missing_weights`), and
:func:`effective_sizes` / :func:`warn_effective_size` give Kish's effective sample size per group
and the warning every weighted estimator raises when weighting leaves too little information.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message, joined

MissingWeights = Literal["error", "drop"]
ESS_SHARE = 0.5
"""Warn when a group's effective sample size is below this share of its rows ..."""
ESS_MIN = 30
"""... or below this many effective rows (in a group of at least as many rows)."""


_VALUES = (pd.Series, np.ndarray, list, tuple, pd.Index, pd.api.extensions.ExtensionArray)


def _labels(index: pd.Index, limit: int = 3) -> str:
    shown = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in list(index[:limit]))
    return shown + (", ..." if len(index) > limit else "")


def row_argument(df: pd.DataFrame, value: object, name: str) -> pd.Series | None:
    """The per-row argument ``name`` as a Series on ``df.index`` (``None`` stays ``None``).

    ``value`` is a column name of ``df``, a Series (aligned by index label) or an array / list (by
    position, one value per row). Anything else, a name that is not a column, a Series that does not
    cover ``df``'s index, or an array of another length raises :class:`ArgumentError` naming ``name``.

    >>> df = pd.DataFrame({"t": [1, 2, 3]}, index=[10, 11, 12])
    >>> row_argument(df, pd.Series([0.5, 2.0, 1.0], index=[12, 10, 11]), "weights").tolist()
    [2.0, 1.0, 0.5]
    """
    if value is None:
        return None
    if isinstance(value, str):
        if value not in df.columns:
            raise ArgumentError(
                f"{name}={value!r}: the data have no column {value!r}; give a column name, a Series "
                "aligned with the rows (by index) or an array with one value per row"
            )
        return df[value]
    if isinstance(value, pd.DataFrame):
        raise ArgumentError(f"{name} is a DataFrame; give one column of it, e.g. {name}=frame['column']")
    if isinstance(value, pd.Series):
        return _aligned(df, value, name)
    if isinstance(value, _VALUES):
        arr = np.asarray(value)
        if arr.ndim != 1:
            raise ArgumentError(f"{name} has shape {arr.shape}; give one value per row (a 1-D array)")
        if len(arr) != len(df):
            raise ArgumentError(
                f"{name} has {len(arr)} values but the data have {len(df)} rows; give one value "
                "per row, or a Series whose index holds the rows' labels"
            )
        data = value if isinstance(value, (np.ndarray, pd.api.extensions.ExtensionArray)) else arr
        return pd.Series(data, index=df.index, name=name)
    if isinstance(value, Hashable) and value in df.columns:
        return df[value]
    raise ArgumentError(
        f"{name} must be a column name, a Series or an array with one value per row; got a {type(value).__name__}"
    )


def _aligned(df: pd.DataFrame, s: pd.Series, name: str) -> pd.Series:
    if s.index.equals(df.index):
        return s
    if not df.index.is_unique:
        raise ArgumentError(
            f"{name}: the data's index has repeated labels, so a Series with another index cannot "
            "be aligned to its rows; reset the index of both (df.reset_index(drop=True)) or pass "
            f"{name} as a column name"
        )
    if not s.index.is_unique:
        twice = s.index[s.index.duplicated()].unique()
        raise ArgumentError(
            f"{name}: the Series has repeated index labels ({_labels(twice)}); each row of the data "
            "needs exactly one value"
        )
    missing = df.index.difference(s.index, sort=False)
    if len(missing):
        raise ArgumentError(
            f"{name}: the Series' index does not hold {len(missing)} of the {len(df)} row labels of "
            f"the data ({_labels(missing)}); it belongs to other rows. Make it from the same frame "
            f"(e.g. ekc.propensity_weights(df, ...)) or pass a column name"
        )
    return s.reindex(df.index)


def weights_argument(df: pd.DataFrame, value: object, name: str = "weights") -> pd.Series | None:
    """Weights as a float Series on ``df.index``: numbers, none negative or infinite (missing ones kept)."""
    w = row_argument(df, value, name)
    if w is None:
        return None
    if pd.api.types.is_bool_dtype(w.dtype):
        raise ArgumentError(
            f"{name} are True/False; give numeric weights (0/1 indicators select rows: filter the data instead)"
        )
    numeric = pd.to_numeric(w, errors="coerce")
    bad = numeric.isna() & w.notna()
    if bad.any():
        raise ArgumentError(
            f"{name} must be numbers; {int(bad.sum())} value(s) are not (e.g. "
            f"{w[bad].iloc[0]!r} in row {_labels(w.index[bad.to_numpy()], 1)})"
        )
    out = numeric.astype(float).rename(w.name if w.name is not None else name)
    arr = out.to_numpy()
    for what, mask in (("negative", arr < 0), ("infinite", np.isinf(arr))):
        if mask.any():
            raise ArgumentError(
                f"{name} must be non-negative and finite; {int(mask.sum())} row(s) have a {what} "
                f"weight (rows {_labels(out.index[mask])})"
            )
    return out


def missing_weights(w: pd.Series, policy: MissingWeights, name: str = "weights") -> tuple[np.ndarray, int]:
    """Which analysed rows keep their weight, and how many are dropped for a missing one.

    ``policy="error"`` (the default of every estimator) refuses missing weights; ``"drop"`` leaves
    those rows out of the weighted estimates and returns their count for the result.
    """
    if policy not in ("error", "drop"):
        raise ArgumentError(f"missing_weights={policy!r}: choose 'error' (refuse rows without a weight) or 'drop'")
    has = w.notna().to_numpy()
    n_missing = int((~has).sum())
    if n_missing and policy == "error":
        raise ArgumentError(
            f"{name} are missing for {n_missing} of the {len(w)} analysed rows (rows "
            f"{_labels(w.index[~has])}), e.g. where a covariate of the propensity model is missing; "
            "the weighted estimates would rest on fewer rows than the others. Impute the covariates "
            "(ekc.impute) or pass missing_weights='drop' to leave those rows out of the weighted "
            "estimates (the count is then reported in the result)"
        )
    return has, n_missing


def effective_size(w: np.ndarray) -> float:
    """Kish's effective sample size (Σw)² / Σw² (scale-free; 0 for no positive weight)."""
    w = np.asarray(w, float)
    if not len(w) or not np.any(w > 0):
        return 0.0
    w = w / w.max()
    return float(w.sum() ** 2 / (w @ w))


def effective_sizes(w: np.ndarray, groups: np.ndarray, names: Mapping[object, object]) -> pd.DataFrame:
    """One row per group: ``group, n, ess, ess_share`` (Kish), for the groups keyed in ``names``."""
    rows = []
    for key, label in names.items():
        ww = np.asarray(w, float)[np.asarray(groups) == key]
        ess = effective_size(ww)
        rows.append({"group": label, "n": int(len(ww)), "ess": ess, "ess_share": ess / len(ww) if len(ww) else np.nan})
    return pd.DataFrame(rows, columns=["group", "n", "ess", "ess_share"])


def warn_effective_size(table: pd.DataFrame, what: str, stacklevel: int = 3) -> None:
    """Warn (StatisticalWarning) for each group whose effective sample size is too small.

    The rule, stated in the message: ESS below ``ESS_SHARE`` (50 %) of the group's rows, or below
    ``ESS_MIN`` (30) effective rows in a group of at least 30 rows.
    """
    low = table[(table["ess"] < ESS_SHARE * table["n"]) | ((table["ess"] < ESS_MIN) & (table["n"] >= ESS_MIN))]
    if low.empty:
        return
    sizes = joined([Message("warn_ess_group_colon", {"group": str(r.group), "ess": float(r.ess), "n": int(r.n)})
                    for r in low.itertuples()], "warn_parts")
    warnings.warn(Message("warn_weights_ess", {"what": what, "sizes": sizes, "share": ESS_SHARE, "minimum": ESS_MIN}),
                  StatisticalWarning, stacklevel=stacklevel)


def as_columns(df: pd.DataFrame, arguments: Mapping[str, object]) -> tuple[pd.DataFrame, dict[str, str | None]]:
    """``df`` with every non-column per-row argument attached as a column, and the column name of each.

    A column name stays as it is; a Series or array is resolved by :func:`row_argument` and added
    under its argument name (``cluster``, ``entry``, ...), or that name with underscores added when the
    frame already has such a column. ``df`` itself is not changed.
    """
    out = df
    names: dict[str, str | None] = {}
    for arg, value in arguments.items():
        series = row_argument(df, value, arg)
        if series is None or not isinstance(value, _VALUES):
            names[arg] = value  # type: ignore[assignment]  # a column name (checked above) or None
            continue
        column = arg
        while column in out.columns:
            column = f"_{column}_"
        out = out.assign(**{column: series.to_numpy()})
        names[arg] = column
    return out, names


def canonical_order(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` sorted by the analysed ``columns`` (stable), so any row order gives the same computation.

    Rows that tie on every analysed column are interchangeable, so an estimator fed the sorted frame
    returns the same numbers, to the last bit, whatever order the rows came in.
    """
    columns = list(dict.fromkeys(c for c in columns if c in frame.columns))
    if not columns:
        return frame
    try:
        return frame.sort_values(columns, kind="mergesort", na_position="last")
    except TypeError:  # a column mixing numbers and text: order by the text, which is as canonical
        keys = frame[columns].astype(str).reset_index(drop=True)
        return frame.iloc[keys.sort_values(columns, kind="mergesort").index.to_numpy()]
