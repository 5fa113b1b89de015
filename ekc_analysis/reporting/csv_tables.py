"""The report's tables as data: numbers stay numbers (a Dutch Excel cannot misread '1,019'), unrounded,
with the report's disclosure decisions applied.

A suppressed cell is empty and the row's ``suppressed`` column says why: ``<10`` (small) or ``x``
(hidden so a small one cannot be recovered). Shares are fractions (0.693), not '69.3%'. The
formatted tables, as the report prints them, are written beside these as a copy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..spreadsheets import csv_text
from .analyses import Analyses
from .disclosure import Disclosure
from .regional import hidden_units

SHARES = ("share", "ci_low", "ci_high", "lower", "upper")


def _masked(table: pd.DataFrame, hidden: pd.Series, d: Disclosure, count: str = "n",
            total: str | None = None, values: tuple[str, ...] = SHARES) -> pd.DataFrame:
    """Blank the counts and shares the report hides, and say why in ``suppressed``."""
    out = table.copy()
    hide = hidden.to_numpy(dtype=bool)
    small = out[count].map(d.small).to_numpy(dtype=bool)
    if total is not None:
        small_total = out[total].map(d.small).to_numpy(dtype=bool)
        out[total] = out[total].astype("float").where(~small_total)
    out[count] = out[count].astype("float").where(~hide)
    for col in values:
        if col in out:
            out[col] = out[col].astype("float").where(~hide)
    out["suppressed"] = np.where(hide & small, d.mark, np.where(hide, d.secondary, ""))
    return out


def raw_tables(a: Analyses, d: Disclosure) -> dict[str, pd.DataFrame]:
    """The same tables as :func:`.builder.display_tables`, as numbers (keys and rows match)."""
    r = a.results
    out: dict[str, pd.DataFrame] = {}
    f = r["funnel"].table
    out["funnel"] = _masked(f, d.hidden(f, total="denominator"), d, total="denominator")
    y = r["funnel_year"].table.rename(columns={"referral_year": "year"})
    out["funnel_by_year"] = _masked(y, d.hidden(y, by=["year"], across="stage", total="denominator"), d,
                                    total="denominator")
    e = r["execution"].table
    out["execution"] = _masked(e, d.hidden(e, total="denominator"), d, total="denominator")
    p = r["plans"].table
    out["plans"] = _masked(p, d.metrics_hidden(p), d, values=("estimate", "ci_low", "ci_high", "se"))
    ref = r["funnel"].extras["reference"][["stage", "n", "share", "reference", "difference"]]
    out["funnel_vs_reference"] = _masked(ref, d.hidden(ref, total_shown=True), d, values=("share", "difference"))
    for key in ("trial_many", "cohort", "meta"):
        if key in r:
            t = r[key].table.copy()
            for col in ("n_treated", "n_control"):
                if col in t:
                    t[col] = t[col].astype("float").where(~t[col].map(d.small))
            out[key] = t
    for key, res in r.items():
        if key.startswith("benchmark_"):
            marks = hidden_units(res, d).to_numpy()
            t = res.table.copy()
            for col in t.select_dtypes("number").columns:  # control limits at n would give n away too
                t[col] = t[col].astype("float").where(marks == "")
            t["suppressed"] = marks
            out[key] = t
    return out


def csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV with a point as decimal separator and full precision (what R, Stata and pandas read as numbers);
    text that a spreadsheet would run as a formula is stored inert (:mod:`ekc_analysis.spreadsheets`)."""
    return csv_text(table, float_format="%.10g").encode("utf-8")
