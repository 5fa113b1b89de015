"""``benchmark``: each region or municipality against the whole, with limits that fit its size.

A policymaker asks "how does our municipality compare?". A league table of shares misleads: a
small unit's share swings by chance. The funnel plot (Spiegelhalter 2005) draws each unit's share
against its number of cases with 95 % and 99.8 % control limits around the overall share; only a unit
outside the limits differs by more than chance explains, and even then case mix, registration habits
or referral routes may be the reason, not the work done.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ..intake import Registry
from ..results import Result
from ..stats._funnel_limits import COVERAGES, Method, control_limits, flag
from ._execution import execution
from ._funnel import funnel
from ._strata import MISSING_LABEL

Metric = Literal["conference", "execution"]
METRICS: dict[str, str] = {metric: Message(f"what_benchmark_{metric}") for metric in ("conference", "execution")}
"""What each metric counts, in words (``str()``: 'share of closed initiatives that reached a conference')."""
COLUMNS = ["unit", "n", "events", "share", "lower_95", "upper_95", "lower_998", "upper_998", "flag"]


def benchmark(reg: Registry, by: str = "region", metric: Metric = "conference", *, method: Method = "exact",
              min_followup_months: int | None = None, months: tuple[int, int] = (3, 5)) -> Result:
    """Each unit's share against the overall share, with funnel-plot control limits for its size.

    Parameters
    ----------
    reg : Registry
    by : str
        The unit: ``"region"`` or ``"municipality"`` (any case column works).
    metric : {"conference", "execution"}
        ``conference``: conferences among closed initiatives (the funnel's first stage);
        ``execution``: plans fully carried out among conference plans followed up in the window.
    method : {"exact", "normal"}
        Exact binomial limits with Spiegelhalter's interpolation (default) or the normal approximation.
    min_followup_months : int, optional
        For ``conference``: count only referrals at least this old (see :func:`ekc_analysis.funnel`).

    Returns
    -------
    Result
        ``unit, n, events, share, lower_95, upper_95, lower_998, upper_998, flag`` (``flag`` is
        ``above_99.8``, ``above_95``, ``within``, ``below_95`` or ``below_99.8``); extra ``curve``
        (the limits over a grid of sizes, for the plot); settings ``overall`` (the share every unit is
        held against), ``by``, ``metric``, ``method``.

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> b = ekc.benchmark(ekc.sample_data(), by="region")
    >>> b.to_frame()[["unit", "n", "flag"]].values.tolist()[0]
    ['Regio 1', 274, 'within']
    """
    if metric not in METRICS:
        raise ArgumentError(f"metric={metric!r}: choose 'conference' or 'execution'")
    if method not in ("exact", "normal"):
        raise ArgumentError(f"method={method!r}: choose 'exact' (binomial, Spiegelhalter) or 'normal'")
    if not isinstance(by, str) or by not in reg.cases.columns:
        choices = ", ".join(c for c in ("region", "municipality") if c in reg.cases.columns) or "none in this registry"
        raise ArgumentError(f"by={by!r}: give one case column naming the unit ({choices})")
    if metric == "conference":
        res = funnel(reg, by=by, min_followup_months=min_followup_months)
        t = res.table[res.table["stage"] == "conference"]
        counts = pd.DataFrame({"unit": t[by].astype(str).to_numpy(), "n": t["denominator"].to_numpy(),
                               "events": t["n"].to_numpy()})
    else:
        res = execution(reg, months=months, by=by)
        t = res.table[res.table["execution"] == "full"]
        counts = pd.DataFrame({"unit": t[by].astype(str).to_numpy(), "n": t["denominator"].to_numpy(),
                               "events": t["n"].to_numpy()})
    unknown = counts["unit"] == MISSING_LABEL
    n_unknown = int(counts.loc[unknown, "n"].sum())
    counts = counts[~unknown & (counts["n"] > 0)].reset_index(drop=True)
    n = counts["n"].to_numpy(dtype=float)
    events = counts["events"].to_numpy(dtype=float)
    overall = float(events.sum() / n.sum()) if n.sum() else np.nan
    with np.errstate(invalid="ignore", divide="ignore"):
        share = events / n
    limits = {c: control_limits(overall, n, c, method) for c in COVERAGES}
    table = counts.assign(share=share, lower_95=limits[0.95][0], upper_95=limits[0.95][1],
                          lower_998=limits[0.998][0], upper_998=limits[0.998][1],
                          flag=flag(share, limits))[COLUMNS]
    grid = np.unique(np.round(np.geomspace(1, max(10.0, float(n.max()) * 1.15 if len(n) else 10.0), 200)))
    curve_limits = {c: control_limits(overall, grid, c, method) for c in COVERAGES}
    curve = pd.DataFrame({"n": grid.astype(int), "lower_95": curve_limits[0.95][0],
                          "upper_95": curve_limits[0.95][1], "lower_998": curve_limits[0.998][0],
                          "upper_998": curve_limits[0.998][1]})
    outside = table[table["flag"].isin(["above_99.8", "below_99.8"])]
    outside95 = table[table["flag"].isin(["above_95", "below_95"])]
    notes = (
        Message(f"note_benchmark_overall_{metric}", {"metric": METRICS[metric], "by": by, "share": 100 * overall,
                                                      "n": int(n.sum()), "units": len(table)}),
        Message(f"note_benchmark_limits_{method}"),
        _outside_note("998", outside["unit"]),
        _outside_note("95", outside95["unit"]),
        *([Message(f"note_benchmark_no_unit_{metric}", {"n": n_unknown, "by": by})] if n_unknown else []),
        Message("note_benchmark_not_ranking"),
        *[n for n in res.notes if n.startswith("min_followup_months") or "ongoing" in n][:1],
    )
    return Result("benchmark", table, Message("title_benchmark", {"by": by, "metric": METRICS[metric]}),
                  notes, {"curve": curve},
                  {"by": by, "metric": metric, "method": method, "overall": overall, "synthetic": reg.synthetic,
                   "percent_columns": ("share", "lower_95", "upper_95", "lower_998", "upper_998")})


def _outside_note(limits: str, units: pd.Series) -> Message:
    """How many units lie outside the 99.8% limits (``limits="998"``) or only outside the 95% ones, and which."""
    if not len(units):
        return Message(f"note_benchmark_outside_{limits}_none", {"n": 0})
    return Message(f"note_benchmark_outside_{limits}", {"n": len(units), "units": ", ".join(units)})
