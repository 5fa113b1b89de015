"""``execution``: how far plans are carried out at the follow-up 3–5 months after the conference.

Part of the description of a registry (re-exported by :mod:`ekc_analysis.describe`); compares itself
with the published 40 / 50 / 10 %.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ..intake import EXECUTIONS, Registry
from ..results import Result
from ..stats._proportions import goodness_of_fit, wilson
from ._references import EXECUTION, REFERENCES
from ._strata import INCLUDE_NOTE, By, Include, by_columns, check_include, frame, plan_masks, strata

Row = dict[str, object]

FOLLOWUP_STATES = ("in_window", "outside_window", "no_followup", "not_yet_due", "execution_missing")


def execution(reg: Registry, months: tuple[int, int] = (3, 5), by: By = None, *,
              alpha: float = 0.05, include: Include = "conference") -> Result:
    """How far plans are carried out at a follow-up 3–5 months after the conference.

    A plan's follow-up counts when it is dated between the conference date + ``months[0]`` and
    + ``months[1]`` calendar months, both ends included (the plan date for plans made without a
    conference). Plans whose window had not closed by the extraction date (``reg.as_of``) and that
    have no follow-up yet are *not yet due* and left out of everything. By default only plans made
    at a conference count, as published (``include="all"`` adds plans made without one).

    Returns
    -------
    Result
        ``execution, n, denominator, share, ci_low, ci_high`` (Wilson) after the stratum columns;
        extras ``followup`` (plans by follow-up state), ``bounds`` (worst/best case if every plan
        without a usable follow-up were in the other categories or in this one) and ``reference``
        (against the published 40 / 50 / 10 %).

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> ekc.execution(ekc.sample_data()).to_frame()["execution"].tolist()
    ['full', 'partial', 'none']
    """
    lo_m, hi_m = months
    if not (0 <= lo_m <= hi_m):
        raise ArgumentError(f"months={months!r}: give (start, end) with 0 <= start <= end, e.g. (3, 5)")
    check_include(include)
    cases = reg.cases
    cols = by_columns(cases, by)
    _, _, has_plan = plan_masks(cases, include)
    state, state_exec = _followup_states(cases, months, reg.extraction_date)
    rows, fu_rows, bound_rows = _execution_rows(cases, cols, has_plan, state, state_exec, alpha)
    table = frame(rows, cols, ["execution", "n", "denominator", "share", "ci_low", "ci_high"])
    fu = pd.DataFrame(fu_rows, columns=cols + ["plans", *FOLLOWUP_STATES])
    bounds = pd.DataFrame(bound_rows)
    whole = table if not cols else execution(reg, months, None, alpha=alpha, include=include).to_frame()
    reference, gof = _execution_reference(whole)
    notes = _execution_notes(fu, months, include, gof, reg.as_of is not None, reg.extraction_date)
    return Result("execution", table, Message("title_execution", {"lo": lo_m, "hi": hi_m}),
                  notes, {"followup": fu, "bounds": bounds, "reference": reference},
                  {"months": months, "by": cols, "alpha": alpha, "synthetic": reg.synthetic, "include": include,
                   "as_of": reg.extraction_date})


def _followup_states(cases: pd.DataFrame, months: tuple[int, int],
                     last_seen: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    """Each case's follow-up state (one of ``FOLLOWUP_STATES``) and its recorded execution."""
    lo_m, hi_m = months
    conference = cases["conference_date"] if "conference_date" in cases else pd.Series(pd.NaT, index=cases.index)
    plan_date = cases["plan_date"] if "plan_date" in cases else pd.Series(pd.NaT, index=cases.index)
    anchor = conference.fillna(plan_date)
    followup = cases["followup_date"] if "followup_date" in cases else pd.Series(pd.NaT, index=cases.index)
    state_exec = cases["execution"].astype(object).to_numpy() if "execution" in cases \
        else np.full(len(cases), None, dtype=object)
    start, end = anchor + pd.DateOffset(months=lo_m), anchor + pd.DateOffset(months=hi_m)
    has_fu = followup.notna().to_numpy()
    inside = (has_fu & (followup >= start) & (followup <= end)).to_numpy()
    has_exec = pd.notna(state_exec)
    due = (end <= last_seen).to_numpy() | anchor.isna().to_numpy()
    state = np.select(
        [inside & has_exec, inside & ~has_exec, has_fu & ~inside, ~has_fu & ~due],
        ["in_window", "execution_missing", "outside_window", "not_yet_due"], "no_followup")
    return state, state_exec


def _execution_rows(cases: pd.DataFrame, cols: list[str], has_plan: np.ndarray, state: np.ndarray,
                    state_exec: np.ndarray, alpha: float) -> tuple[list[Row], list[Row], list[Row]]:
    """Per stratum: the shares with their intervals, the follow-up states and the worst/best-case bounds."""
    rows: list[Row] = []
    fu_rows: list[Row] = []
    bound_rows: list[Row] = []
    for keys, mask in strata(cases, cols):
        plans_here = mask & has_plan
        used = plans_here & (state == "in_window")
        counts = np.array([(state_exec[used] == e).sum() for e in EXECUTIONS])
        total = int(counts.sum())
        lo, hi = wilson(counts, total, alpha)
        eligible = int((plans_here & (state != "not_yet_due")).sum())
        missing = eligible - total
        for e, k, a, b in zip(EXECUTIONS, counts, lo, hi, strict=True):
            rows.append({**keys, "execution": e, "n": int(k), "denominator": total,
                         "share": k / total if total else np.nan, "ci_low": a, "ci_high": b})
            bound_rows.append({**keys, "execution": e, "share": k / total if total else np.nan,
                               "lower": k / eligible if eligible else np.nan,
                               "upper": (k + missing) / eligible if eligible else np.nan,
                               "plans": eligible, "without_usable_followup": missing})
        fu_rows.append({**keys, "plans": int(plans_here.sum()),
                        **{s: int((plans_here & (state == s)).sum()) for s in FOLLOWUP_STATES}})
    return rows, fu_rows, bound_rows


def _execution_reference(whole: pd.DataFrame) -> tuple[pd.DataFrame, tuple[float, int, float]]:
    """The whole registry against the published 40 / 50 / 10 %: differences and a goodness-of-fit test."""
    ref = np.array([EXECUTION[e] for e in EXECUTIONS])
    reference = pd.DataFrame({"execution": list(EXECUTIONS), "n": whole["n"].to_numpy(),
                              "share": whole["share"].to_numpy(), "reference": ref,
                              "difference": whole["share"].to_numpy() - ref,
                              "ci_low": whole["ci_low"].to_numpy() - ref,
                              "ci_high": whole["ci_high"].to_numpy() - ref,
                              "source": REFERENCES["execution_full"].source})
    gof = goodness_of_fit(whole["n"].to_numpy(), ref) if whole["n"].sum() else (np.nan, 2, np.nan)
    return reference, gof


def _execution_notes(fu: pd.DataFrame, months: tuple[int, int], include: Include, gof: tuple[float, int, float],
                     has_as_of: bool, last_seen: pd.Timestamp) -> tuple[Message, ...]:
    """The window, the plans by follow-up state, the bounds and the reference test, as notes."""
    lo_m, hi_m = months
    stat, df, p = gof
    f = fu[["plans", *FOLLOWUP_STATES]].sum()
    return (
        Message("note_execution_window", {"lo": lo_m, "hi": hi_m}),
        Message("note_execution_counts" if has_as_of else "note_execution_counts_no_as_of",
                {"plans": int(f["plans"]), "in_window": int(f["in_window"]), "outside": int(f["outside_window"]),
                 "none": int(f["no_followup"]), "missing": int(f["execution_missing"]),
                 "due": int(f["not_yet_due"]), "date": str(last_seen.date())}),
        INCLUDE_NOTE[include],
        Message("note_execution_bounds"),
        Message("note_reference_gof", {"shares": "40 / 50 / 10", "statistic": float(stat), "df": int(df),
                                       "p": float(p)}),
    )
