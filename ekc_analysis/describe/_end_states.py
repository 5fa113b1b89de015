"""``end_states``: how initiatives end by time since referral, with ongoing ones censored at ``as_of``.

The funnel divides by the closed initiatives. For a recent cohort that leans to the quick endings:
stopping in preparation ends sooner than a conference, so early in a cohort's life most closed
initiatives are stops. Here every initiative counts from its referral: a conference, a plan without
conference and a stop are competing end states, and an initiative still ongoing at the extraction
date is followed up to that day (censored). The Aalen–Johansen estimator gives, for each time since
referral, the share that has ended in each state; what remains is still ongoing. Unlike the funnel
it does not need the cohort to be complete.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ..intake import Registry
from ..results import Result
from ..stats._competing import aalen_johansen, cif_at
from ._strata import By, by_columns, strata

DAYS_PER_MONTH = 30.4375
STATES = ("conference", "plan_without_conference", "stopped")
END_DATE_NAMES = ("end_date", "einddatum", "stop_date", "datum_gestopt", "afsluitdatum", "datum_afsluiting",
                  "closed_date")


def _end_column(cases: pd.DataFrame, end_date: str | None) -> pd.Series:
    """The date each initiative ended, parsed: a given or known end-date column, else conference / plan date."""
    name = end_date or next((c for c in END_DATE_NAMES if c in cases.columns), None)
    if end_date is not None and end_date not in cases.columns:
        raise ArgumentError(f"end_date={end_date!r}: no such column; the cases have "
                            f"{', '.join(map(str, cases.columns))}")
    given = pd.Series(pd.NaT, index=cases.index, dtype="datetime64[ns]")
    if name is not None:
        raw = cases[name]
        given = raw if pd.api.types.is_datetime64_any_dtype(raw) else pd.to_datetime(
            raw.astype("string"), errors="coerce", dayfirst=not raw.astype(str).str.match(r"^\d{4}-").all())
    conference = cases["conference_date"] if "conference_date" in cases else given
    plan_date = cases["plan_date"] if "plan_date" in cases else given
    status = cases["status"].astype(object)
    fallback = np.where(status == "conference", conference, np.where(status == "plan_without_conference",
                                                                      plan_date, pd.NaT))
    return given.fillna(pd.Series(pd.to_datetime(fallback), index=cases.index))


def end_states(reg: Registry, by: By = None, *, months: Sequence[float] = (3, 6, 12),
               end_date: str | None = None, alpha: float = 0.05) -> Result:
    """Share of initiatives ended in each state by ``months`` since referral (Aalen–Johansen).

    Parameters
    ----------
    reg : Registry
        Its ``as_of`` (extraction date) is where ongoing initiatives are censored.
    by : str or list of str, optional
        Cohorts, e.g. ``"year"`` (of referral) or a quarter column.
    months : sequence of float
        Times since referral at which the shares are read.
    end_date : str, optional
        The column holding the date each initiative ended. Default: a column named ``end_date`` (or
        ``einddatum``, ``stop_date``, ...) if the cases have one, else the conference date for
        conferences and the plan date for plans without one. A stop needs its date: without it the
        time to stopping is unknown.

    Returns
    -------
    Result
        ``state, months, estimate, ci_low, ci_high, n_at_risk`` after the cohort columns, ``state``
        ∈ conference, plan_without_conference, stopped, ongoing (one minus the others; no interval);
        extra ``curves`` (every step of the three cumulative incidence curves).
    """
    if not months or any((not np.isfinite(m)) or m < 0 for m in months):
        raise ArgumentError(f"months={tuple(months)!r}: give times since referral in months >= 0, e.g. (3, 6, 12)")
    cases = reg.cases
    cols = by_columns(cases, by)
    as_of = reg.extraction_date
    ended = _end_column(cases, end_date)
    status = cases["status"].astype(object).to_numpy()
    closed = np.isin(status, STATES)
    missing = closed & ended.isna().to_numpy()
    if missing.any():
        kinds = pd.Series(status[missing]).value_counts()
        raise ArgumentError(f"end_states needs the date each initiative ended; {int(missing.sum())} closed "
                            f"initiative(s) have none ({', '.join(f'{k}: {v}' for k, v in kinds.items())}). "
                            "Give end_date='your column' (e.g. the date a stop was registered)")
    stop_day = ended.where(pd.Series(closed, index=cases.index), as_of)
    days = (stop_day - cases["referral_date"]).dt.days.to_numpy(dtype=float, na_value=np.nan)
    code = np.select([status == s for s in STATES], [1, 2, 3], 0)
    usable = np.isfinite(days) & (days >= 0)
    times = np.asarray(months, dtype=float) * DAYS_PER_MONTH
    rows, curves = [], []
    for keys, mask in strata(cases, cols):
        m = mask & usable
        if not m.any():
            continue
        curve = aalen_johansen(days[m], code[m], alpha=alpha, causes=[1, 2, 3])
        at = cif_at(curve, times)
        risk = np.array([(days[m] >= t).sum() for t in times])
        total = np.zeros(len(times))
        for cause, state in enumerate(STATES, start=1):
            part = at[at["cause"] == cause].reset_index(drop=True)
            total += part["cif"].to_numpy()
            for i, mo in enumerate(months):
                rows.append({**keys, "state": state, "months": mo, "estimate": part.loc[i, "cif"],
                             "ci_low": part.loc[i, "ci_low"], "ci_high": part.loc[i, "ci_high"],
                             "n_at_risk": int(risk[i]), "n": int(m.sum())})
        for i, mo in enumerate(months):
            rows.append({**keys, "state": "ongoing", "months": mo, "estimate": max(0.0, 1 - total[i]),
                         "ci_low": np.nan, "ci_high": np.nan, "n_at_risk": int(risk[i]), "n": int(m.sum())})
        curves.append(curve.assign(state=curve["cause"].map(dict(enumerate(STATES, start=1))),
                                   months=curve["time"] / DAYS_PER_MONTH, **keys))
    table = pd.DataFrame(rows, columns=cols + ["state", "months", "estimate", "ci_low", "ci_high", "n_at_risk", "n"])
    n_ongoing = int((status == "ongoing").sum())
    notes = (
        Message("note_end_states_method", {"ongoing": n_ongoing, "as_of": str(as_of.date())}),
        Message("note_end_states_intervals", {"level": int((1 - alpha) * 100)}),
        *([Message("note_end_states_left_out", {"n": int((~usable).sum())})] if (~usable).any() else []),
        Message("note_end_states_reading"),
    )
    return Result("end_states", table, Message("title_end_states"), notes,
                  {"curves": pd.concat(curves, ignore_index=True) if curves else pd.DataFrame()},
                  {"by": cols, "months": tuple(months), "as_of": as_of, "alpha": alpha, "synthetic": reg.synthetic,
                   "percent_columns": ("estimate", "ci_low", "ci_high")})
