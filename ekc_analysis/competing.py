"""Competing risks: re-referral when follow-up can also end for other reasons.

Sundell & Vinnerljung followed children three years for re-referral; in a registry follow-up also
ends because a child turns 18, moves abroad or is placed, and re-referrals come from different
sources (family, school, police). ``1 − Kaplan–Meier`` with those ends censored overstates how many
children are re-referred; the Aalen–Johansen cumulative incidence does not.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import ArgumentError, StatisticalWarning, shown
from .groups import check_columns, two_groups
from .labels import Message
from .results import Result
from .schema import normalise
from .stats.competing import aalen_johansen, cif_at, gray_test
from .stats.cox import fit_cox
from .stats.effects import Estimate, wald
from .stats.fine_gray import fine_gray

COLUMNS = ["measure", "level", "estimate", "ci_low", "ci_high", "p_value", "n_treated", "n_control",
           "events_treated", "events_control", "statistic", "df"]
CENSORED_WORDS = frozenset({"0", "censor", "censored", "gecensureerd", "none", "geen", "no_event"})


def _status_codes(values: pd.Series, status: str) -> tuple[np.ndarray, list[object]]:
    """Code ``status`` 0 = censored, 1..K = the causes in sorted order; return codes and cause labels."""
    numeric = pd.to_numeric(values, errors="coerce")
    if numeric.notna().all():
        if (numeric < 0).any():
            raise ArgumentError(f"status={status!r} has negative values; use 0 for censored and 1, 2, ... for "
                                f"causes, got {float(numeric.min()):g}")
        as_int = numeric.to_numpy(float)
        numbers = sorted({int(v) if float(v).is_integer() else float(v) for v in as_int if v != 0})
        lookup = {float(c): i + 1 for i, c in enumerate(numbers)}
        return np.array([0 if v == 0 else lookup[float(v)] for v in as_int], dtype=int), list(numbers)
    text = values.astype(str)
    censored = text.map(lambda v: normalise(v) in CENSORED_WORDS).to_numpy()
    causes = sorted(set(text[~censored]))
    lookup_text = {c: i + 1 for i, c in enumerate(causes)}
    return np.array([0 if c else lookup_text[v] for v, c in zip(text, censored, strict=True)], dtype=int), causes


def _cause_specific(data: pd.DataFrame, time: str, codes: np.ndarray, k: int, cluster: str | None,
                    alpha: float) -> Estimate:
    """Cox HR of arm for cause k (other causes censored), cluster-robust when ``cluster`` is given."""
    frame = pd.DataFrame({"__t": data[time].to_numpy(float), "__e": (codes == k).astype(float),
                          "arm": data["arm"].to_numpy(float)})
    clusters = None if cluster is None else data[cluster].to_numpy()
    _, table = fit_cox(frame, "__t", "__e", ["arm"], alpha=alpha, cluster=clusters)
    row = table.set_index("term").loc["arm"]
    return wald(float(row["coef"]), float(row["se"]), alpha, exp=True)


def competing_risks(df: pd.DataFrame, time: str, status: str, group: str, treated: object = None, *,
                    cause: object = 1, times: Sequence[float] = (1, 2, 3), cluster: str | None = None,
                    alpha: float = 0.05) -> Result:
    """Cumulative incidence of each way follow-up ends, FGC versus comparison, with competing risks.

    Parameters
    ----------
    df : DataFrame
        One row per child.
    time : str
        Years (or any unit) from the start of follow-up to the first event or the end of follow-up.
    status : str
        0 (or ``"censored"``, ``"censor"``) when follow-up ended without an event; otherwise the cause: numbers
        (1 = re-referral, 2 = turned 18, ...) or labels (``"police"``, ``"school"``, ``"moved"``).
    group, treated
        The two groups and which is FGC (see :func:`ekc_analysis.compare`).
    cause : number or label
        The event of interest (re-referral); it comes first in the table. Every cause gets its rows.
    times : sequence of float
        Times at which ``result.incidence`` reads the curves.
    cluster : str, optional
        Column of clusters (e.g. ``family_id``: siblings share a family). The Fine–Gray SE becomes a
        sandwich over clusters; the cause-specific Cox SE becomes cluster-robust
        (= ``coxph(..., cluster = family)``).

    Returns
    -------
    Result
        ``.to_frame()``: ``measure`` ∈ ``subdistribution_hazard_ratio`` (Fine–Gray, = ``cmprsk::crr``),
        ``cause_specific_hazard_ratio`` (Cox with the other causes censored, Efron ties),
        ``gray_test`` (Gray's test of equal cumulative incidence, = ``cmprsk::cuminc``: a test, so its
        chi-square is in ``statistic`` with ``df``, and ``estimate`` and the interval are NaN);
        ``level`` = the cause; ratios are FGC versus comparison, their intervals on the ratio scale.
        Columns ``measure, level, estimate, ci_low, ci_high, p_value, n_treated, n_control,
        events_treated, events_control, statistic, df``.
        ``.cif``: ``group, cause, time, cif, ci_low, ci_high`` (+ ``se``, ``at_risk``) at every
        distinct time, Aalen–Johansen with R ``survfit``'s standard errors and log-scale intervals;
        ``.incidence``: the same at ``times`` beside ``one_minus_km``, the naive 1 − Kaplan–Meier.

    Examples
    --------
    >>> import pandas as pd, ekc_analysis as ekc
    >>> df = pd.read_csv(ekc.sample_path("cohort.csv"))
    >>> df["end"] = df["event"].where(df["age"] + df["time"] < 17.5, 2)  # turning 18 ends follow-up
    >>> res = ekc.competing_risks(df, "time", "end", "group", treated="fgc")
    >>> sorted(set(res.to_frame()["measure"]))
    ['cause_specific_hazard_ratio', 'gray_test', 'subdistribution_hazard_ratio']
    """
    needed = [time, status] + ([cluster] if cluster else [])
    check_columns(df, needed)
    g = two_groups(df, group, treated, needed=needed)
    data = g.data.assign(arm=g.arm)
    t = pd.to_numeric(data[time], errors="coerce")
    if t.isna().any() or (t < 0).any():
        bad = data.loc[t.isna() | (t < 0), time].iloc[0]
        bad = bad.item() if isinstance(bad, np.generic) else bad
        raise ArgumentError(f"time={time!r} must hold non-negative numbers; found {shown(bad)}")
    data[time] = t.astype(float)
    if not all(isinstance(x, numbers.Real) and not isinstance(x, bool) for x in times):
        raise ArgumentError(f"times must be numbers (follow-up times at which to read the curves); got {list(times)!r}")
    codes, causes = _status_codes(data[status], status)
    if not causes:
        raise ArgumentError(f"status={status!r} holds no events, only censored rows (0); nothing to compare")
    names = [str(c) for c in causes]
    if str(cause) not in names:
        raise ArgumentError(f"cause={shown(cause)} is not a value of status={status!r}; causes are: {', '.join(names)}")
    main = names.index(str(cause)) + 1
    order = [main] + [k for k in range(1, len(causes) + 1) if k != main]
    arm = g.arm
    tt = data[time].to_numpy(float)
    clusters = data[cluster].to_numpy() if cluster else None
    rows: list[dict[str, object]] = []
    for k in order:
        level = causes[k - 1]
        ev = (int(((codes == k) & (arm == 1)).sum()), int(((codes == k) & (arm == 0)).sum()))
        base = {"level": level, "n_treated": g.n_treated, "n_control": g.n_control, "events_treated": ev[0],
                "events_control": ev[1]}
        if min(ev) == 0:
            warnings.warn(f"cause {level!s} has no events in the {'FGC' if ev[0] == 0 else 'comparison'} group: its "
                          "hazard ratios cannot be estimated; report the cumulative incidence instead",
                          StatisticalWarning, stacklevel=2)
            sub, csh = Estimate(np.nan, np.nan, np.nan), Estimate(np.nan, np.nan, np.nan)
        else:
            fit = fine_gray(tt, codes, arm[:, None].astype(float), cause=k, cluster=clusters)
            if not fit.converged:
                warnings.warn(f"Fine–Gray fit for cause {level!s} did not converge; read its ratio with care",
                              StatisticalWarning, stacklevel=2)
            sub = wald(float(fit.coef[0]), float(fit.se[0]), alpha, exp=True)
            csh = _cause_specific(data, time, codes, k, cluster, alpha)
        stat, p, dof = gray_test(tt, codes, arm, cause=k)
        for measure, e, test in (("subdistribution_hazard_ratio", sub, (np.nan, np.nan)),
                                 ("cause_specific_hazard_ratio", csh, (np.nan, np.nan)),
                                 ("gray_test", Estimate(np.nan, np.nan, np.nan, p), (stat, dof))):  # a test
            rows.append({"measure": measure, "estimate": e.estimate, "ci_low": e.ci_low, "ci_high": e.ci_high,
                         "p_value": e.p_value, **base, "statistic": test[0], "df": test[1]})
    curves, incidence = [], []
    for a, name in ((1, g.treated), (0, g.control)):
        keep = arm == a
        curve = aalen_johansen(tt[keep], codes[keep], alpha=alpha, causes=order)
        at = cif_at(curve, list(times))
        for k in order:
            c = curve[curve["cause"] == k]
            with np.errstate(divide="ignore", invalid="ignore"):
                km = np.cumprod(1 - np.where(c["n_risk"] > 0, c["n_event"] / c["n_risk"], 0.0))
            pos = np.searchsorted(c["time"].to_numpy(), np.asarray(times, float), side="right") - 1
            at.loc[at["cause"] == k, "one_minus_km"] = np.where(pos >= 0, 1 - km[np.maximum(pos, 0)], 0.0)
        curves.append(curve.assign(group=name))
        at_risk = [float((tt[keep] >= x).sum()) for x in times]  # as R: still followed at x
        incidence.append(at.assign(group=name, at_risk=np.tile(at_risk, len(order))))
    label = dict(enumerate(causes, start=1))
    cif = pd.concat(curves, ignore_index=True).rename(columns={"n_risk": "at_risk"})
    cif["cause"] = cif["cause"].map(label)
    cif = cif[["group", "cause", "time", "cif", "ci_low", "ci_high", "se", "at_risk", "n_event"]]
    inc = pd.concat(incidence, ignore_index=True)
    inc["cause"] = inc["cause"].map(label)
    inc = inc[["group", "cause", "time", "cif", "ci_low", "ci_high", "se", "one_minus_km", "at_risk"]]
    counts = ", ".join(f"{causes[k - 1]!s}: {int(((codes == k) & (arm == 1)).sum())} in {g.treated!s} and "
                       f"{int(((codes == k) & (arm == 0)).sum())} in {g.control!s}" for k in order)
    notes = [f"{g.n_treated} in {g.treated!s}, {g.n_control} in {g.control!s}; events by cause — {counts}; censored "
             f"(0): {int(((codes == 0) & (arm == 1)).sum())} and {int(((codes == 0) & (arm == 0)).sum())}.",
             "Cumulative incidence by Aalen–Johansen (a child ended by another cause is no longer at risk, unlike "
             "1 − Kaplan–Meier, which overstates it: compare cif with one_minus_km in .incidence); standard errors "
             "by the infinitesimal jackknife and log-scale intervals, as R survfit(Surv(time, factor(status)) ~ 1).",
             "Subdistribution hazard ratio (Fine–Gray, as cmprsk::crr): the effect of FGC on the cumulative "
             "incidence of the cause, other ends of follow-up included; above 1 means more children in the FGC "
             "group end with that cause.",
             "Cause-specific hazard ratio (Cox, Efron ties, other causes censored): the effect on the rate of that "
             "cause among children still in follow-up without any event.",
             "Gray's test (cmprsk::cuminc): equal cumulative incidence of the cause in both groups; the chi-square "
             "statistic on 1 degree of freedom is in the statistic column."]
    if cluster:
        notes.append(f"Clustered by {cluster} ({len(pd.unique(clusters))} clusters): the Fine–Gray standard "  # type: ignore[arg-type]
                     "error is a sandwich summing each row's score contribution (with the censoring term) within "
                     "clusters — cmprsk::crr has no cluster option, so this is the package's own extension"
                     + "; the cause-specific Cox standard error is cluster-robust (= coxph(..., cluster = ...))."
                     + " Gray's test and the cumulative-incidence intervals treat rows as independent.")
    note = g.note()
    if note:
        notes.append(note)
    title = Message("title_competing_risks", {"status": status, "cause": str(causes[main - 1])})
    return Result("competing_risks", pd.DataFrame(rows, columns=COLUMNS), title, tuple(notes),
                  {"cif": cif, "incidence": inc},
                  {"treated": g.treated, "control": g.control, "cause": causes[main - 1], "causes": tuple(causes),
                   "times": tuple(times), "cluster": cluster, "alpha": alpha, "percent_columns": ()})
