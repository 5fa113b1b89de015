"""Table 1 of multiply imputed data: each number averaged over the completed data sets.

A Table 1 describes the children; it estimates nothing, so Rubin's rules (which pool an estimate with its
variance) do not apply. Given an :class:`~ekc_analysis.studies._imputation.Imputations`,
:func:`ekc_analysis.table_one` describes each completed data set and averages every count, percentage,
mean, SD, quantile and SMD over them; ``missing`` counts the values that were missing before imputation
(and were imputed), so the reader still sees how incomplete the data were.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ..results import Result

if TYPE_CHECKING:
    from ._imputation import Imputations

AVERAGED = ["n", "percent", "mean", "sd", "median", "q1", "q3", "smd"]
KEYS = ["variable", "level", "group"]


def averaged_table(imp: Imputations, describe: Callable[..., Result], group: str, variables: Sequence[str],
                   **options: Any) -> Result:
    """``describe`` (table_one) on each completed frame, its numbers averaged; missing counts from the data."""
    with warnings.catch_warnings(record=True) as caught:  # each caveat once, not m times
        warnings.simplefilter("always")
        results = [describe(f, group, variables, **{k: (v(f) if callable(v) else v) for k, v in options.items()})
                   for f in imp.completed]
    seen: set[tuple[str, type]] = set()
    for w in caught:
        if (str(w.message), w.category) not in seen:
            seen.add((str(w.message), w.category))
            warnings.warn(w.message, w.category, stacklevel=3)
    first = results[0]
    for r in results[1:]:
        if not r.table[KEYS].astype(str).equals(first.table[KEYS].astype(str)):
            raise ArgumentError("the imputations gave tables with different rows (a level present in one completed "
                                "frame only); a Table 1 averaged over imputations needs the same rows in each")
    table = first.table.copy()
    table[AVERAGED] = np.mean([r.table[AVERAGED].to_numpy(float) for r in results], axis=0)
    table = _missing_before_imputation(table, imp, group)
    smd = first.smd.copy()
    numeric = [c for c in smd.columns if c not in ("variable", "pair")]
    smd[numeric] = np.mean([r.smd[numeric].to_numpy(float) for r in results], axis=0)
    info = first.groups.copy()
    spread = [c for c in ("n", "n_weighted", "ess") if c in info]
    info[spread] = np.mean([r.groups[spread].to_numpy(float) for r in results], axis=0)
    m = imp.m
    notes = [*first.notes, Message("note_table_one_imputed", {"m": m})]
    per = pd.concat([r.table.assign(imputation=j + 1) for j, r in enumerate(results)], ignore_index=True)
    return Result(first.kind, table, first.title, tuple(notes), {"smd": smd, "groups": info, "imputations": per},
                  {**first.settings, "m": m, "pooled": "average over the completed data sets"})


def _missing_before_imputation(table: pd.DataFrame, imp: Imputations, group: str) -> pd.DataFrame:
    """``missing`` / ``missing_percent``: values of each variable imputed, per group (averaged over the
    completed frames when the group itself was imputed)."""
    missing = imp.data.isna()
    for i, row in table.iterrows():
        counts, sizes = [], []
        for f in imp.completed:
            sel = (f[group].astype(str) == str(row["group"])).to_numpy()
            counts.append(int(missing.loc[sel, row["variable"]].sum()))
            sizes.append(int(sel.sum()))
        table.loc[i, "missing"] = float(np.mean(counts))
        table.loc[i, "missing_percent"] = 100 * np.mean(counts) / np.mean(sizes) if np.mean(sizes) else np.nan
    return table
