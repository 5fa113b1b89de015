"""The report's tables as data: numbers stay numbers (a Dutch Excel cannot misread '1,019'), unrounded,
with the report's disclosure decisions applied.

A suppressed cell is empty and the row's ``suppressed`` column says why its count is: ``<10`` (small)
or ``x`` (hidden so a small one cannot be recovered); the decisions are the report's ledger's. A
benchmark keeps each unit's n and flag unless n itself is small (``suppressed_share`` says why a
share is blank). Shares are fractions (0.693), not '69.3%'. The
formatted tables, as the report prints them, are written beside these as a copy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..intake import csv_text
from ..results import Result
from ._analyses import Analyses, effect_results
from ._disclosure import Disclosure
from ._published import ledger_for, row_keys, share_keys
from ._regional import unit_view
from ._study_tables import study_raw_tables

SHARES = ("share", "ci_low", "ci_high", "lower", "upper")


def _masked(d: Disclosure, name: str, table: pd.DataFrame, values: tuple[str, ...] = SHARES) -> pd.DataFrame:
    """Blank the counts and shares the report's ledger hides, and say why in ``suppressed`` (the count's mark)."""
    out = table.copy()
    counts, totals = row_keys(name, table)
    marks = np.array([d.mark_of(k) for k in counts], dtype=object)
    share_hidden = np.array([d.key_hidden(k) for k in share_keys(name, table)], dtype=bool)
    if "denominator" in out:
        out["denominator"] = out["denominator"].astype("float").where([not d.key_hidden(k) for k in totals])
    out["n"] = out["n"].astype("float").where(marks == "")
    for col in values:
        if col in out:
            out[col] = out[col].astype("float").where(~share_hidden)
    out["suppressed"] = marks
    return out


def _benchmark(d: Disclosure, res: Result) -> pd.DataFrame:
    """A benchmark's units: n (and the limits at n) blank where n is hidden, events and share where the
    share is; the flag stays wherever n is not small (``suppressed`` is n's mark, ``suppressed_share``
    the share's)."""
    view = unit_view(res, d)
    t = res.table.copy()
    n_hidden = (view["n"] != "").to_numpy()
    share_hidden = (view["share"] != "").to_numpy()
    for col in ("n", "lower_95", "upper_95", "lower_998", "upper_998"):
        t[col] = t[col].astype("float").where(~n_hidden)
    for col in ("events", "share"):
        t[col] = t[col].astype("float").where(~share_hidden)
    t["flag"] = t["flag"].where(view["flag_shown"].to_numpy(), "")
    t["suppressed"] = view["n"].to_numpy()
    t["suppressed_share"] = view["share"].to_numpy()
    return t


def raw_tables(a: Analyses, d: Disclosure) -> dict[str, pd.DataFrame]:
    """The same tables as :func:`.builder.display_tables`, as numbers (keys and rows match)."""
    if d.ledger is None:
        d = d.with_ledger(ledger_for(a, d.min_cell))
    r = a.described
    out: dict[str, pd.DataFrame] = {}
    out["funnel"] = _masked(d, "funnel", r.funnel.table)
    years = r.funnel_year.table.rename(columns={"referral_year": "year"})
    out["funnel_by_year"] = _masked(d, "funnel_by_year", years)
    out["execution"] = _masked(d, "execution", r.execution.table)
    out["plans"] = _masked(d, "plans", r.plans.table, values=("estimate", "ci_low", "ci_high", "se"))
    ref = r.funnel.extras["reference"][["stage", "n", "share", "reference", "difference"]]
    out["funnel_vs_reference"] = _masked(d, "funnel_vs_reference", ref, values=("share", "difference"))
    for key, res in effect_results(a):
        t = res.table.copy()
        for col in ("n_treated", "n_control"):
            if col in t:
                t[col] = t[col].astype("float").where(~t[col].map(d.small))
        out[key] = t
    for key, res in r.benchmarks.named():
        out[key] = _benchmark(d, res)
    out.update(study_raw_tables(a, d))
    return out


def csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV with a point as decimal separator and full precision (what R, Stata and pandas read as numbers);
    text that a spreadsheet would run as a formula is stored inert (:mod:`ekc_analysis.intake`)."""
    return csv_text(table, float_format="%.10g").encode("utf-8")
