"""Describe a registry: the funnel, the plans and their execution.

Each function returns a :class:`~ekc_analysis.results.Result` whose table has the columns that
DESIGN.md fixes, one block per stratum when ``by`` is given, and which compares itself with the
published figures of the Eigen Kracht Centrale (70/15/15 %, 9 in 10, ~15, 1 in 5, 40/50/10 %).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd

from .errors import ArgumentError
from .references import EXECUTION, FUNNEL, REFERENCES
from .registry import Registry
from .results import Result
from .schema import CLOSED_STATUSES, EXECUTIONS
from .stats.cluster import clustered_ratio
from .stats.proportions import goodman, goodness_of_fit, mean_ci, wilson

By = str | Sequence[str] | None
MISSING_LABEL = "(unknown)"



def _by_columns(cases: pd.DataFrame, by: By) -> list[str]:
    if by is None:
        return []
    cols = [by] if isinstance(by, str) else list(by)
    cols = ["referral_year" if c in ("year", "jaar") else c for c in cols]
    unknown = [c for c in cols if c not in cases.columns]
    if unknown:
        raise ArgumentError(f"by={by!r}: no column {', '.join(map(repr, unknown))}; choose from "
                            f"year, {', '.join(c for c in cases.columns if c not in ('case_id',))}")
    return cols


def _strata(cases: pd.DataFrame, cols: list[str]) -> Iterator[tuple[dict[str, object], np.ndarray]]:
    """(stratum keys, boolean row mask) pairs; a missing stratum value is its own block."""
    if not cols:
        yield {}, np.ones(len(cases), dtype=bool)
        return
    keys = cases[cols].astype(object).where(cases[cols].notna(), MISSING_LABEL)
    codes, uniques = pd.MultiIndex.from_frame(keys).factorize(sort=True)
    for i, values in enumerate(uniques):
        yield dict(zip(cols, values, strict=True)), codes == i


def _frame(rows: list[dict[str, object]], cols: list[str], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=cols + columns)
    return frame


# --- funnel ---------------------------------------------------------------------------------------

def funnel(reg: Registry, by: By = None, *, simultaneous: bool = False, alpha: float = 0.05) -> Result:
    """Where initiatives end: a conference, a plan without conference, or stopped in preparation.

    The denominator is the closed initiatives; ongoing ones are counted apart (``result.ongoing``).

    Parameters
    ----------
    reg : Registry
    by : str or list of str, optional
        Stratify, e.g. ``"year"`` (of referral), ``"region"``, ``"referrer"``, ``"problem_area"``.
    simultaneous : bool
        Goodman's simultaneous intervals for the three shares instead of Wilson's per stage.

    Returns
    -------
    Result
        ``stage, n, denominator, share, ci_low, ci_high`` (after the stratum columns); extras
        ``ongoing`` (counts per stratum), ``flow`` (for the flow diagram), ``reference`` and
        ``goodness_of_fit`` (against the published 70 / 15 / 15 %).

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> f = ekc.funnel(ekc.sample_data())
    >>> f.to_frame()[["stage", "n"]].values.tolist()
    [['conference', 1019], ['plan_without_conference', 225], ['stopped', 226]]
    """
    cases = reg.cases
    cols = _by_columns(cases, by)
    status = cases["status"].to_numpy(dtype=object)
    rows, counts_rows = [], []
    for keys, mask in _strata(cases, cols):
        s = status[mask]
        n = np.array([(s == st).sum() for st in CLOSED_STATUSES])
        total = int(n.sum())
        lo, hi = goodman(n, alpha) if simultaneous and total else wilson(n, total, alpha)
        for st, k, a, b in zip(CLOSED_STATUSES, n, lo, hi, strict=True):
            rows.append({**keys, "stage": st, "n": int(k), "denominator": total,
                         "share": k / total if total else np.nan, "ci_low": a, "ci_high": b})
        counts_rows.append({**keys, "n_initiatives": int(mask.sum()), "n_closed": total,
                            "n_ongoing": int((s == "ongoing").sum())})
    table = _frame(rows, cols, ["stage", "n", "denominator", "share", "ci_low", "ci_high"])
    ongoing = pd.DataFrame(counts_rows, columns=cols + ["n_initiatives", "n_closed", "n_ongoing"])

    all_counts = np.array([(status == st).sum() for st in CLOSED_STATUSES])
    reference, gof = _funnel_reference(all_counts, alpha)
    conf = cases["status"].eq("conference").to_numpy()
    plan = cases["plan"].to_numpy(dtype=float, na_value=np.nan) if "plan" in cases else np.full(len(cases), np.nan)
    flow = pd.DataFrame({
        "source": ["initiatives", "initiatives", "initiatives", "initiatives", "conference", "conference",
                   "conference"],
        "target": ["conference", "plan_without_conference", "stopped", "ongoing", "plan", "no_plan",
                   "plan_unknown"],
        "n": [*map(int, all_counts), int((status == "ongoing").sum()), int((conf & (plan == 1)).sum()),
              int((conf & (plan == 0)).sum()), int((conf & np.isnan(plan)).sum())],
    })
    method = "Goodman simultaneous" if simultaneous else "Wilson"
    total_ongoing = int((status == "ongoing").sum())
    notes = (
        f"{int(all_counts.sum()):,} closed initiatives are the denominator; {total_ongoing:,} ongoing "
        "initiatives are counted apart.",
        f"{int((1 - alpha) * 100)}% {method} intervals.",
        f"reference: Eigen Kracht Centrale reports 70 / 15 / 15 %; chi-square {gof['statistic'].iloc[0]:.2f} "
        f"on {int(gof['df'].iloc[0])} df, p = {gof['p_value'].iloc[0]:.3g}.",
        "A funnel describes where initiatives end; it says nothing about the effect of a conference.",
    )
    return Result("funnel", table, "Funnel: how initiatives end", notes,
                  {"ongoing": ongoing, "flow": flow, "reference": reference, "goodness_of_fit": gof},
                  {"by": cols, "simultaneous": simultaneous, "alpha": alpha, "synthetic": reg.synthetic})


def _funnel_reference(counts: np.ndarray, alpha: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    total = counts.sum()
    ref = np.array([FUNNEL[s] for s in CLOSED_STATUSES])
    lo, hi = wilson(counts, total, alpha)
    share = counts / total if total else np.full(3, np.nan)
    reference = pd.DataFrame({"stage": list(CLOSED_STATUSES), "n": counts.astype(int), "share": share,
                              "reference": ref, "difference": share - ref, "ci_low": lo - ref,
                              "ci_high": hi - ref,
                              "source": REFERENCES["funnel_conference"].source})
    stat, df, p = goodness_of_fit(counts, ref) if total else (np.nan, 2, np.nan)
    gof = pd.DataFrame({"test": ["chi-square goodness of fit"], "statistic": [stat], "df": [df],
                        "p_value": [p], "n": [int(total)]})
    return reference, gof


# --- plans ------------------------------------------------------------------------------------------

def _plan_masks(cases: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(conference, plan known among conferences, has plan) masks."""
    conf = cases["status"].eq("conference").to_numpy()
    plan = cases["plan"].to_numpy(dtype=float, na_value=np.nan)
    pwc = cases["status"].eq("plan_without_conference").to_numpy()
    has_plan = (conf & (plan == 1)) | pwc
    return conf, conf & ~np.isnan(plan), has_plan


def plans(reg: Registry, by: By = None, *, alpha: float = 0.05) -> Result:
    """Plan rate, agreements per plan and the share of agreements that call on professional help.

    * ``plan_rate``: plans among conferences whose plan is recorded (Wilson interval);
    * ``agreements_per_plan``: mean number of agreements per plan (t interval); median and the
      distribution in ``result.distribution``;
    * ``professional_share``: professional agreements / all agreements, a ratio over agreements with
      a standard error clustered by case (as ``sandwich::vcovCL`` on ``lm(y ~ 1)``), since
      agreements within one plan are not independent. The mean of per-plan shares is in
      ``result.details``.

    Works from the agreements table or from ``n_agreements``/``n_professional`` alone.

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> p = ekc.plans(ekc.sample_data())
    >>> p.to_frame()["metric"].tolist()
    ['plan_rate', 'agreements_per_plan', 'professional_share']
    """
    cases = reg.cases
    cols = _by_columns(cases, by)
    conf, plan_known, has_plan = _plan_masks(cases)
    plan = cases["plan"].to_numpy(dtype=float, na_value=np.nan)
    n_agr = cases["n_agreements"].to_numpy(dtype=float, na_value=np.nan) if "n_agreements" in cases \
        else np.full(len(cases), np.nan)
    n_prof = cases["n_professional"].to_numpy(dtype=float, na_value=np.nan) if "n_professional" in cases \
        else np.full(len(cases), np.nan)
    rows, details = [], []
    for keys, mask in _strata(cases, cols):
        k, n = int((mask & plan_known & (plan == 1)).sum()), int((mask & plan_known).sum())
        lo, hi = wilson(k, n, alpha)
        rows.append({**keys, "metric": "plan_rate", "estimate": k / n if n else np.nan, "ci_low": float(lo),
                     "ci_high": float(hi), "n": n, "se": np.sqrt(k / n * (1 - k / n) / n) if n else np.nan})
        counted = mask & has_plan & ~np.isnan(n_agr)
        m, mlo, mhi, mse = mean_ci(n_agr[counted], alpha)
        rows.append({**keys, "metric": "agreements_per_plan", "estimate": m, "ci_low": mlo, "ci_high": mhi,
                     "n": int(counted.sum()), "se": mse})
        both = counted & ~np.isnan(n_prof)
        cr = clustered_ratio(n_prof[both], n_agr[both], alpha)
        rows.append({**keys, "metric": "professional_share", "estimate": cr.estimate, "ci_low": cr.ci_low,
                     "ci_high": cr.ci_high, "n": cr.n_units, "se": cr.se})
        positive = both & (n_agr > 0)
        pm, plo, phi, _ = mean_ci(n_prof[positive] / n_agr[positive], alpha)
        details.append({**keys, "median_agreements": float(np.median(n_agr[counted])) if counted.any()
                        else np.nan, "plans_with_count": int(counted.sum()),
                        "plans_without_count": int((mask & has_plan).sum() - counted.sum()),
                        "conferences_plan_unknown": int((mask & conf & ~plan_known).sum()),
                        "professional_clusters": cr.n_clusters, "design_effect": cr.design_effect,
                        "mean_plan_share": pm, "mean_plan_share_ci_low": plo, "mean_plan_share_ci_high": phi})
    table = _frame(rows, cols, ["metric", "estimate", "ci_low", "ci_high", "n", "se"])
    details_frame = pd.DataFrame(details, columns=cols + list(details[0])[len(cols):])
    everything = table if not cols else plans(reg, None, alpha=alpha).to_frame()
    extras = {"details": details_frame, "reference": _plans_reference(everything),
              "distribution": _distribution(n_agr[has_plan & ~np.isnan(n_agr)])}
    if reg.agreements is not None and {"domain", "professional"} <= set(reg.agreements.columns):
        extras["domains"] = _domains(reg, alpha)
    d = details_frame.iloc[0] if not cols else None
    notes = [
        "plan_rate: plans among conferences with a recorded plan (Wilson); agreements_per_plan: mean over "
        "plans with a known count (t interval); professional_share: ratio over all agreements with a "
        "standard error clustered by case (CR1, as sandwich::vcovCL).",
        f"{int((1 - alpha) * 100)}% intervals.",
    ]
    if d is not None:
        notes.append(f"{int(d['conferences_plan_unknown']):,} conferences without a recorded plan outcome and "
                     f"{int(d['plans_without_count']):,} plans without an agreement count are left out; "
                     f"design effect of clustering on the professional share: {d['design_effect']:.2f}.")
    notes.append("reference: Eigen Kracht Centrale reports 9 in 10 conferences with a plan, about 15 "
                 "agreements per plan and 1 in 5 agreements calling on professional help.")
    return Result("plans", table, "Plans: plan rate, agreements per plan, professional help", tuple(notes),
                  extras, {"by": cols, "alpha": alpha, "percent_columns": (), "synthetic": reg.synthetic})


def _distribution(values: np.ndarray) -> pd.DataFrame:
    counts = np.bincount(values.astype(int)) if values.size else np.zeros(0, int)
    return pd.DataFrame({"n_agreements": np.arange(counts.size), "plans": counts})


def _plans_reference(table: pd.DataFrame) -> pd.DataFrame:
    from scipy import stats as st

    refs = {"plan_rate": REFERENCES["plan_rate"], "agreements_per_plan": REFERENCES["agreements_per_plan"],
            "professional_share": REFERENCES["professional_share"]}
    out = []
    for r in table.itertuples(index=False):
        ref = refs[r.metric]
        diff = r.estimate - ref.value
        se = np.sqrt(ref.value * (1 - ref.value) / r.n) if r.metric == "plan_rate" and r.n else r.se
        if not (np.isfinite(se) and se > 0):  # no spread: no test
            p = np.nan
        elif r.metric == "agreements_per_plan":  # one-sample t-test
            p = 2 * st.t.sf(abs(diff) / se, r.n - 1)
        else:  # score test (plan rate) or Wald test with the clustered SE (professional share)
            p = 2 * st.norm.sf(abs(diff) / se)
        out.append({"metric": r.metric, "estimate": r.estimate, "reference": ref.value, "difference": diff,
                    "ci_low": r.ci_low - ref.value, "ci_high": r.ci_high - ref.value, "p_value": p,
                    "source": ref.source})
    return pd.DataFrame(out)


def _domains(reg: Registry, alpha: float) -> pd.DataFrame:
    """Professional share by life domain, clustered by case within each domain."""
    agr = reg.agreements
    pos = reg.agreement_case_rows
    assert agr is not None and pos is not None  # the caller checks for agreements; the Registry links them
    dom = agr["domain"].astype("category")
    codes = dom.cat.codes.to_numpy()
    prof = agr["professional"].to_numpy(dtype=float, na_value=0.0)
    ok = (codes >= 0) & (pos >= 0)
    n_cases = len(reg.cases)
    flat = codes[ok].astype(np.int64) * n_cases + pos[ok]
    size = len(dom.cat.categories) * n_cases
    n = np.bincount(flat, minlength=size).reshape(-1, n_cases)
    y = np.bincount(flat, weights=prof[ok], minlength=size).reshape(-1, n_cases)
    rows = []
    for i, name in enumerate(dom.cat.categories):
        cr = clustered_ratio(y[i], n[i], alpha)
        rows.append({"domain": name, "n": cr.n_units, "n_professional": int(y[i].sum()), "share": cr.estimate,
                     "ci_low": cr.ci_low, "ci_high": cr.ci_high, "n_cases": cr.n_clusters})
    return pd.DataFrame(rows).sort_values("share", ascending=False, ignore_index=True)


# --- execution ----------------------------------------------------------------------------------

FOLLOWUP_STATES = ("in_window", "outside_window", "no_followup", "not_yet_due", "execution_missing")


def execution(reg: Registry, months: tuple[int, int] = (3, 5), by: By = None, *,
              alpha: float = 0.05) -> Result:
    """How far plans are carried out at a follow-up 3–5 months after the conference.

    A plan's follow-up counts when it is dated between the conference date + ``months[0]`` and
    + ``months[1]`` calendar months, both ends included (the plan date for plans made without a
    conference). Plans whose window had not closed by the last date in the registry and that have
    no follow-up yet are *not yet due* and left out of everything.

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
    cases = reg.cases
    cols = _by_columns(cases, by)
    _, _, has_plan = _plan_masks(cases)
    conference = cases["conference_date"] if "conference_date" in cases else pd.Series(pd.NaT, index=cases.index)
    plan_date = cases["plan_date"] if "plan_date" in cases else pd.Series(pd.NaT, index=cases.index)
    anchor = conference.fillna(plan_date)
    followup = cases["followup_date"] if "followup_date" in cases else pd.Series(pd.NaT, index=cases.index)
    state_exec = cases["execution"].astype(object).to_numpy() if "execution" in cases \
        else np.full(len(cases), None, dtype=object)
    start, end = anchor + pd.DateOffset(months=lo_m), anchor + pd.DateOffset(months=hi_m)
    last_seen = cases.select_dtypes("datetime").max().max()
    has_fu = followup.notna().to_numpy()
    inside = (has_fu & (followup >= start) & (followup <= end)).to_numpy()
    has_exec = pd.notna(state_exec)
    due = (end <= last_seen).to_numpy() | anchor.isna().to_numpy()
    state = np.select(
        [inside & has_exec, inside & ~has_exec, has_fu & ~inside, ~has_fu & ~due],
        ["in_window", "execution_missing", "outside_window", "not_yet_due"], "no_followup")
    rows, fu_rows, bound_rows = [], [], []
    for keys, mask in _strata(cases, cols):
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
    table = _frame(rows, cols, ["execution", "n", "denominator", "share", "ci_low", "ci_high"])
    fu = pd.DataFrame(fu_rows, columns=cols + ["plans", *FOLLOWUP_STATES])
    bounds = pd.DataFrame(bound_rows)
    whole = table if not cols else execution(reg, months, None, alpha=alpha).to_frame()
    ref = np.array([EXECUTION[e] for e in EXECUTIONS])
    reference = pd.DataFrame({"execution": list(EXECUTIONS), "n": whole["n"].to_numpy(),
                              "share": whole["share"].to_numpy(), "reference": ref,
                              "difference": whole["share"].to_numpy() - ref,
                              "ci_low": whole["ci_low"].to_numpy() - ref,
                              "ci_high": whole["ci_high"].to_numpy() - ref,
                              "source": REFERENCES["execution_full"].source})
    stat, df, p = goodness_of_fit(whole["n"].to_numpy(), ref) if whole["n"].sum() else (np.nan, 2, np.nan)
    f = fu[["plans", *FOLLOWUP_STATES]].sum()
    notes = (
        f"Follow-ups dated {lo_m} to {hi_m} calendar months after the conference (plan date without a "
        "conference), both ends included.",
        f"Of {int(f['plans']):,} plans: {int(f['in_window']):,} with a follow-up in the window, "
        f"{int(f['outside_window']):,} outside it, {int(f['no_followup']):,} without follow-up, "
        f"{int(f['execution_missing']):,} with a follow-up but no execution recorded, "
        f"{int(f['not_yet_due']):,} not yet due (window open at the last registry date "
        f"{pd.Timestamp(last_seen).date() if pd.notna(last_seen) else 'unknown'}).",
        "bounds: the share if every plan without a usable follow-up were in another category (lower) "
        "or in this one (upper).",
        f"reference: Eigen Kracht Centrale reports 40 / 50 / 10 %; chi-square {stat:.2f} on {df} df, "
        f"p = {p:.3g}.",
    )
    return Result("execution", table, f"Execution of plans {lo_m}–{hi_m} months after the conference",
                  notes, {"followup": fu, "bounds": bounds, "reference": reference},
                  {"months": months, "by": cols, "alpha": alpha, "synthetic": reg.synthetic})
