"""The manuscript layout of a Table 1 (:func:`ekc_analysis.table_one`): one column per group, in the
reader's language.

Rows: ``age, mean (SD)`` → ``51.4 (11.0)``; ``bilirubin, median [Q1, Q3]`` → ``1.4 [0.8, 3.2]``; a categorical
variable as a heading row with its SMD and one ``n (%)`` row per level; ``missing, n (%)`` under every
variable that has missing values; with weights a first row with the effective sample size. Dutch uses the
decimal comma (``51,4 (11,0)``). Text only, for reading; the numbers are in ``to_frame()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import numpy as np
import pandas as pd

from ..i18n import LABELS, Lang, label
from ._display import check_language, count, digits_for, fixed, get_language, value_label


class _TableOne(Protocol):
    @property
    def table(self) -> pd.DataFrame: ...
    @property
    def settings(self) -> Mapping[str, object]: ...
    @property
    def extras(self) -> Mapping[str, pd.DataFrame]: ...


def _n(x: float, lang: Lang, weighted: bool) -> str:
    return fixed(x, 1, lang) if weighted and not float(x).is_integer() else count(x, lang)


def _summary(row: pd.Series, nonnormal: bool, digits: int, lang: Lang) -> str:
    if pd.isna(row["mean"]):
        return ""
    if nonnormal:
        return (
            f"{fixed(row['median'], digits, lang)} [{fixed(row['q1'], digits, lang)}, {fixed(row['q3'], digits, lang)}]"
        )
    return f"{fixed(row['mean'], digits, lang)} ({fixed(row['sd'], digits, lang)})"


def _variable_rows(sub: pd.DataFrame, groups: list, nonnormal: bool, weighted: bool, lang: Lang) -> list[list[str]]:
    name = value_label(str(sub["variable"].iloc[0]), lang)
    smd = fixed(float(sub["smd"].iloc[0]), 3, lang) if pd.notna(sub["smd"].iloc[0]) else ""
    per_group = {g: sub[sub["group"] == g] for g in groups}
    out: list[list[str]] = []
    if sub["level"].isna().all():  # a number
        vals = sub[["median", "q1", "q3"]] if nonnormal else sub[["mean"]]
        digits = digits_for([float(v) for v in np.ravel(vals.to_numpy()) if pd.notna(v)])
        stat = label("t1_median_iqr" if nonnormal else "t1_mean_sd", lang)
        out.append(
            [
                f"{name}, {stat}",
                *(_summary(per_group[g].iloc[0], nonnormal, digits, lang) if len(per_group[g]) else "" for g in groups),
                smd,
            ]
        )
    else:
        out.append([f"{name}, {label('t1_n_percent', lang)}", *([""] * len(groups)), smd])
        for level in pd.unique(sub["level"]):
            cells = []
            for g in groups:
                r = per_group[g][per_group[g]["level"] == level]
                cells.append(
                    "" if r.empty else f"{_n(r['n'].iloc[0], lang, weighted)} ({fixed(r['percent'].iloc[0], 1, lang)})"
                )
            out.append([f"    {LABELS[lang].get(str(level), str(level))}", *cells, ""])
    if (sub["missing"] > 0).any():
        cells = []
        for g in groups:
            r = per_group[g].iloc[0]
            cells.append(f"{count(r['missing'], lang)} ({fixed(r['missing_percent'], 1, lang)})")
        out.append([f"    {label('t1_missing', lang)}, {label('t1_n_percent', lang)}", *cells, ""])
    return out


def manuscript(result: _TableOne, lang: object = None) -> pd.DataFrame:
    """The Table 1 as a manuscript prints it (see the module docstring)."""
    lang_: Lang = get_language() if lang is None else check_language(lang)
    table = result.table
    groups = list(result.settings.get("groups", ()))  # type: ignore[call-overload]
    nonnormal = set(result.settings.get("nonnormal", ()))  # type: ignore[call-overload]
    weighted = bool(result.settings.get("weighted"))
    info = result.extras["groups"].set_index("group")
    heads = [f"{value_label(str(g), lang_)} (n = {count(info.loc[g, 'n'], lang_)})" for g in groups]
    rows: list[list[str]] = []
    if weighted:
        rows.append([label("t1_ess", lang_), *(fixed(info.loc[g, "ess"], 1, lang_) for g in groups), ""])
    if result.settings.get("cluster"):
        rows.append([label("t1_clusters", lang_), *(count(info.loc[g, "n_clusters"], lang_) for g in groups), ""])
    raw = result.extras["smd"].groupby("variable")["smd_unweighted"].mean() if weighted else None
    for variable in pd.unique(table["variable"]):
        sub = table[table["variable"] == variable]
        block = _variable_rows(sub, groups, variable in nonnormal, weighted, lang_)
        if raw is not None:  # the SMD before weighting beside the weighted one, as cobalt's balance table
            block = [[*r, fixed(float(raw[variable]), 3, lang_) if i == 0 else ""] for i, r in enumerate(block)]
        rows.extend(block)
    smd_heads = (
        [label("t1_smd_weighted", lang_), label("t1_smd_unweighted", lang_)] if weighted else [label("t1_smd", lang_)]
    )
    rows = [r + [""] * (1 + len(heads) + len(smd_heads) - len(r)) for r in rows]
    return pd.DataFrame(rows, columns=[label("t1_characteristic", lang_), *heads, *smd_heads])
