"""Strata and case selections shared by the descriptive analyses (funnel, plans, execution, benchmark).

Which rows form a stratum (``by``), which cases hold a plan (``include``), and which referrals are old
enough to have ended (``min_followup_months`` before the extraction date).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message

By = str | Sequence[str] | None
Include = Literal["conference", "all"]
MISSING_LABEL = "(unknown)"
ONGOING_WARN = 0.05  # a stratum with more ongoing initiatives than this has a funnel biased to quick endings


def check_include(include: str) -> None:
    if include not in ("conference", "all"):
        raise ArgumentError(f"include={include!r}: choose 'conference' (plans made at a conference, as the Eigen "
                            "Kracht Centrale publishes) or 'all' (plans without a conference too)")


def mature(cases: pd.DataFrame, as_of: pd.Timestamp,
           min_followup_months: int | None) -> tuple[np.ndarray, str | None]:
    """Rows referred at least ``min_followup_months`` before the extraction date ``as_of``, and a note."""
    if min_followup_months is None:
        return np.ones(len(cases), dtype=bool), None
    if not (isinstance(min_followup_months, (int, np.integer)) and min_followup_months >= 0):
        raise ArgumentError(f"min_followup_months={min_followup_months!r}: give a whole number of months >= 0, "
                            "e.g. 12")
    months = int(min_followup_months)
    cutoff = as_of - pd.DateOffset(months=months)
    keep = (cases["referral_date"] <= cutoff).to_numpy(dtype=bool, na_value=False)
    return keep, Message("note_mature", {"months": months, "kept": int(keep.sum()), "cutoff": str(cutoff.date()),
                                         "as_of": str(as_of.date()), "left": int((~keep).sum())})



def by_columns(cases: pd.DataFrame, by: By) -> list[str]:
    if by is None:
        return []
    cols = [by] if isinstance(by, str) else list(by)
    cols = ["referral_year" if c in ("year", "jaar") else c for c in cols]
    unknown = [c for c in cols if c not in cases.columns]
    if unknown:
        raise ArgumentError(f"by={by!r}: no column {', '.join(map(repr, unknown))}; choose from "
                            f"year, {', '.join(c for c in cases.columns if c not in ('case_id',))}")
    return cols


def strata(cases: pd.DataFrame, cols: list[str]) -> Iterator[tuple[dict[str, object], np.ndarray]]:
    """(stratum keys, boolean row mask) pairs; a missing stratum value is its own block."""
    if not cols:
        yield {}, np.ones(len(cases), dtype=bool)
        return
    keys = cases[cols].astype(object).where(cases[cols].notna(), MISSING_LABEL)
    codes, uniques = pd.MultiIndex.from_frame(keys).factorize(sort=True)
    for i, values in enumerate(uniques):
        yield dict(zip(cols, values, strict=True)), codes == i


def frame(rows: list[dict[str, object]], cols: list[str], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=cols + columns)
    return frame


def plan_masks(cases: pd.DataFrame, include: str = "all") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(conference, plan known among conferences, has plan) masks; ``include="conference"`` counts only
    plans made at a conference."""
    conf = cases["status"].eq("conference").to_numpy()
    plan = cases["plan"].to_numpy(dtype=float, na_value=np.nan)
    has_plan = conf & (plan == 1)
    if include == "all":
        has_plan = has_plan | cases["status"].eq("plan_without_conference").to_numpy()
    return conf, conf & ~np.isnan(plan), has_plan


INCLUDE_NOTE = {"conference": Message("note_include_conference"), "all": Message("note_include_all")}
