"""Describe a registry: the funnel, the plans and their execution.

Each function returns a :class:`~ekc_analysis.results._result.Result` whose table has the columns that
DESIGN.md fixes, one block per stratum when ``by`` is given, and which compares itself with the
published figures of the Eigen Kracht Centrale (70/15/15 %, 9 in 10, ~15, 1 in 5, 40/50/10 %).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message, joined
from ..intake import CLOSED_STATUSES, Registry
from ..results import Result
from ..stats._cluster import clustered_ratio
from ..stats._proportions import goodman, goodness_of_fit, mean_ci, wilson
from ._references import FUNNEL, REFERENCES
from ._strata import INCLUDE_NOTE, By, Include, by_columns, check_include, mature, plan_masks, strata
from ._strata import frame as _frame

Row = dict[str, object]

ONGOING_WARN = 0.05  # a stratum with more ongoing initiatives than this has a funnel biased to quick endings


# --- funnel ---------------------------------------------------------------------------------------

def funnel(reg: Registry, by: By = None, *, simultaneous: bool = False, alpha: float = 0.05,
           min_followup_months: int | None = None) -> Result:
    """Where initiatives end: a conference, a plan without conference, or stopped in preparation.

    The denominator is the closed initiatives; ongoing ones are counted apart (``result.ongoing``).
    Recent referrals are not yet mature: stopping ends sooner than a conference, so among the closed
    initiatives of a recent cohort the quick endings are over-represented. A
    :class:`~ekc_analysis.errors.StatisticalWarning` names every stratum whose ongoing share exceeds
    5 %; ``min_followup_months`` keeps only initiatives referred that long before the extraction date
    (``reg.as_of``).

    Parameters
    ----------
    reg : Registry
    by : str or list of str, optional
        Stratify, e.g. ``"year"`` (of referral), ``"region"``, ``"referrer"``, ``"problem_area"``.
    simultaneous : bool
        Goodman's simultaneous intervals for the three shares instead of Wilson's per stage.
    min_followup_months : int, optional
        Count only initiatives referred at least this many months before ``reg.as_of`` (e.g. 12).

    Returns
    -------
    Result
        ``stage, n, denominator, share, ci_low, ci_high`` (after the stratum columns); extras
        ``ongoing`` (counts, ongoing share and median months since referral of the ongoing ones, per
        stratum), ``flow`` (for the flow diagram), ``reference`` and
        ``goodness_of_fit`` (against the published 70 / 15 / 15 %).

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> f = ekc.funnel(ekc.sample_data())
    >>> f.to_frame()[["stage", "n"]].values.tolist()
    [['conference', 1019], ['plan_without_conference', 225], ['stopped', 226]]
    """
    keep, mature_note = mature(reg.cases, reg.extraction_date, min_followup_months)
    cases = reg.cases if keep.all() else reg.cases[keep]
    cols = by_columns(cases, by)
    status = cases["status"].to_numpy(dtype=object)
    age = ((reg.extraction_date - cases["referral_date"]).dt.days / 30.4375).to_numpy(dtype=float,
                                                                                        na_value=np.nan)
    rows, counts_rows = _funnel_rows(cases, cols, status, age, simultaneous, alpha)
    table = _frame(rows, cols, ["stage", "n", "denominator", "share", "ci_low", "ci_high"])
    ongoing = pd.DataFrame(counts_rows, columns=cols + ["n_initiatives", "n_closed", "n_ongoing", "ongoing_share",
                                                        "ongoing_median_months"])
    immature = ongoing[ongoing["ongoing_share"] > ONGOING_WARN]
    if len(immature):
        _warn_immature(immature, cols, reg.extraction_date)
    all_counts = np.array([(status == st).sum() for st in CLOSED_STATUSES])
    reference, gof = _funnel_reference(all_counts, alpha)
    flow = _flow(cases, status, all_counts)
    total_ongoing = int((status == "ongoing").sum())
    notes = (
        Message("note_funnel_denominator", {"closed": int(all_counts.sum()), "ongoing": total_ongoing,
                                            "as_of": str(reg.extraction_date.date())}),
        *([mature_note] if mature_note else []),
        *([Message("note_funnel_immature", {"n": len(immature), "pct": 100 * ONGOING_WARN})] if len(immature) else []),
        Message("note_intervals_goodman" if simultaneous else "note_intervals_wilson",
                {"level": int((1 - alpha) * 100)}),
        Message("note_reference_gof", {"shares": "70 / 15 / 15", "statistic": float(gof["statistic"].iloc[0]),
                                       "df": int(gof["df"].iloc[0]), "p": float(gof["p_value"].iloc[0])}),
        Message("note_funnel_not_effect"),
    )
    return Result("funnel", table, Message("title_funnel"), notes,
                  {"ongoing": ongoing, "flow": flow, "reference": reference, "goodness_of_fit": gof},
                  {"by": cols, "simultaneous": simultaneous, "alpha": alpha, "synthetic": reg.synthetic,
                   "as_of": reg.extraction_date, "min_followup_months": min_followup_months})


def _funnel_rows(cases: pd.DataFrame, cols: list[str], status: np.ndarray, age: np.ndarray, simultaneous: bool,
                 alpha: float) -> tuple[list[Row], list[Row]]:
    """Per stratum: the three closed stages with their intervals, and the ongoing initiatives."""
    rows: list[Row] = []
    counts_rows: list[Row] = []
    for keys, mask in strata(cases, cols):
        s = status[mask]
        n = np.array([(s == st).sum() for st in CLOSED_STATUSES])
        total = int(n.sum())
        lo, hi = goodman(n, alpha) if simultaneous and total else wilson(n, total, alpha)
        for st, k, a, b in zip(CLOSED_STATUSES, n, lo, hi, strict=True):
            rows.append({**keys, "stage": st, "n": int(k), "denominator": total,
                         "share": k / total if total else np.nan, "ci_low": a, "ci_high": b})
        is_ongoing = s == "ongoing"
        counts_rows.append({**keys, "n_initiatives": int(mask.sum()), "n_closed": total,
                            "n_ongoing": int(is_ongoing.sum()),
                            "ongoing_share": float(is_ongoing.mean()) if mask.any() else np.nan,
                            "ongoing_median_months": float(np.nanmedian(age[mask][is_ongoing]))
                            if is_ongoing.any() else np.nan})
    return rows, counts_rows


def _warn_immature(immature: pd.DataFrame, cols: list[str], as_of: pd.Timestamp) -> None:
    """Warn, naming up to six strata, that their closed initiatives over-represent quick endings."""
    strata: list[str] = [
        Message("warn_funnel_stratum", {
            "stratum": joined([Message("warn_funnel_level", {"by": c, "level": str(r[c])}) for c in cols])
            or Message("warn_funnel_all"), "share": 100 * float(r["ongoing_share"])})
        for r in immature.head(6).astype(object).to_dict("records")]
    message = Message("warn_funnel_ongoing", {
        "share": 100 * ONGOING_WARN, "where": joined(strata + (["..."] if len(immature) > 6 else []), "warn_parts"),
        "as_of": Message("warn_funnel_as_of", {"date": str(as_of.date())}),
        "advice": Message("warn_funnel_advice", {"months": 12})})
    warnings.warn(message, StatisticalWarning, stacklevel=3)


def _flow(cases: pd.DataFrame, status: np.ndarray, all_counts: np.ndarray) -> pd.DataFrame:
    """The edges of the flow diagram: initiatives to their end state, conferences to their plan."""
    conf = cases["status"].eq("conference").to_numpy()
    plan = cases["plan"].to_numpy(dtype=float, na_value=np.nan) if "plan" in cases else np.full(len(cases), np.nan)
    return pd.DataFrame({
        "source": ["initiatives", "initiatives", "initiatives", "initiatives", "conference", "conference",
                   "conference"],
        "target": ["conference", "plan_without_conference", "stopped", "ongoing", "plan", "no_plan",
                   "plan_unknown"],
        "n": [*map(int, all_counts), int((status == "ongoing").sum()), int((conf & (plan == 1)).sum()),
              int((conf & (plan == 0)).sum()), int((conf & np.isnan(plan)).sum())],
    })


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

def plans(reg: Registry, by: By = None, *, alpha: float = 0.05, include: Include = "conference") -> Result:
    """Plan rate, agreements per plan and the share of agreements that call on professional help.

    By default (``include="conference"``) agreements per plan and the professional share count plans
    made at a conference, as the published figures do; ``include="all"`` adds plans made without one.
    Conferences whose plan outcome is unknown are left out of the plan rate and bounded: the rate if all
    of them had no plan (lower) or a plan (upper), in ``result.bounds`` and the notes.

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
    check_include(include)
    cases = reg.cases
    cols = by_columns(cases, by)
    conf, plan_known, has_plan = plan_masks(cases, include)
    plan = cases["plan"].to_numpy(dtype=float, na_value=np.nan)
    n_agr = cases["n_agreements"].to_numpy(dtype=float, na_value=np.nan) if "n_agreements" in cases \
        else np.full(len(cases), np.nan)
    n_prof = cases["n_professional"].to_numpy(dtype=float, na_value=np.nan) if "n_professional" in cases \
        else np.full(len(cases), np.nan)
    rows: list[Row] = []
    details: list[Row] = []
    bounds: list[Row] = []
    for keys, mask in strata(cases, cols):
        bounds.append(_plan_rate_bounds(keys, mask, conf, plan_known, plan))
        stratum_rows, detail = _plans_stratum(keys, mask, (conf, plan_known, has_plan), plan, n_agr, n_prof, alpha)
        rows += stratum_rows
        details.append(detail)
    table = _frame(rows, cols, ["metric", "estimate", "ci_low", "ci_high", "n", "se", "df"])
    details_frame = pd.DataFrame(details, columns=cols + list(details[0])[len(cols):])
    everything = table if not cols else plans(reg, None, alpha=alpha, include=include).to_frame()
    bounds_frame = pd.DataFrame(bounds, columns=cols + ["metric", "estimate", "lower", "upper", "conferences",
                                                        "plan_unknown"])
    extras = {"details": details_frame, "bounds": bounds_frame, "reference": _plans_reference(everything),
              "distribution": _distribution(n_agr[has_plan & ~np.isnan(n_agr)])}
    if reg.agreements is not None and {"domain", "professional"} <= set(reg.agreements.columns):
        extras["domains"] = _domains(reg, alpha)
    notes = _plans_notes(include, alpha, None if cols else details_frame.iloc[0],
                         None if cols else bounds_frame.iloc[0])
    return Result("plans", table, Message("title_plans"), notes,
                  extras, {"by": cols, "alpha": alpha, "percent_columns": (), "synthetic": reg.synthetic,
                           "include": include})


def _plan_rate_bounds(keys: Row, mask: np.ndarray, conf: np.ndarray, plan_known: np.ndarray,
                      plan: np.ndarray) -> Row:
    """The plan rate if every conference with an unknown plan outcome had no plan (lower) or one (upper)."""
    k, n = int((mask & plan_known & (plan == 1)).sum()), int((mask & plan_known).sum())
    n_conf = int((mask & conf).sum())
    return {**keys, "metric": "plan_rate", "estimate": k / n if n else np.nan,
            "lower": k / n_conf if n_conf else np.nan,
            "upper": (k + n_conf - n) / n_conf if n_conf else np.nan,
            "conferences": n_conf, "plan_unknown": n_conf - n}


def _plans_stratum(keys: Row, mask: np.ndarray, masks: tuple[np.ndarray, np.ndarray, np.ndarray],
                   plan: np.ndarray, n_agr: np.ndarray, n_prof: np.ndarray, alpha: float) -> tuple[list[Row], Row]:
    """One stratum's three metrics (plan rate, agreements per plan, professional share) and its details."""
    conf, plan_known, has_plan = masks
    k, n = int((mask & plan_known & (plan == 1)).sum()), int((mask & plan_known).sum())
    lo, hi = wilson(k, n, alpha)
    rows: list[Row] = [{**keys, "metric": "plan_rate", "estimate": k / n if n else np.nan, "ci_low": float(lo),
                        "ci_high": float(hi), "n": n, "se": np.sqrt(k / n * (1 - k / n) / n) if n else np.nan}]
    counted = mask & has_plan & ~np.isnan(n_agr)
    m, mlo, mhi, mse = mean_ci(n_agr[counted], alpha)
    rows.append({**keys, "metric": "agreements_per_plan", "estimate": m, "ci_low": mlo, "ci_high": mhi,
                 "n": int(counted.sum()), "se": mse})
    both = counted & ~np.isnan(n_prof)
    cr = clustered_ratio(n_prof[both], n_agr[both], alpha)
    rows.append({**keys, "metric": "professional_share", "estimate": cr.estimate, "ci_low": cr.ci_low,
                 "ci_high": cr.ci_high, "n": cr.n_units, "se": cr.se, "df": cr.df})
    positive = both & (n_agr > 0)
    pm, plo, phi, _ = mean_ci(n_prof[positive] / n_agr[positive], alpha)
    detail = {**keys, "median_agreements": float(np.median(n_agr[counted])) if counted.any()
              else np.nan, "plans_with_count": int(counted.sum()),
              "plans_without_count": int((mask & has_plan).sum() - counted.sum()),
              "conferences_plan_unknown": int((mask & conf & ~plan_known).sum()),
              "professional_clusters": cr.n_clusters, "design_effect": cr.design_effect,
              "mean_plan_share": pm, "mean_plan_share_ci_low": plo, "mean_plan_share_ci_high": phi}
    return rows, detail


def _plans_notes(include: Include, alpha: float, d: pd.Series | None, b: pd.Series | None) -> tuple[Message, ...]:
    """The notes of ``plans``; ``d`` and ``b`` (details and bounds of the whole registry) when unstratified."""
    notes = [
        INCLUDE_NOTE[include],
        Message("note_plans_method"),
        Message("note_intervals", {"level": int((1 - alpha) * 100)}),
    ]
    if d is not None and b is not None:
        notes.append(Message("note_plans_left_out", {"unknown": int(d["conferences_plan_unknown"]),
                                                     "no_count": int(d["plans_without_count"]),
                                                     "deff": float(d["design_effect"])}))
        if b["plan_unknown"]:
            notes.append(Message("note_plans_bounds", {"lower": 100 * float(b["lower"]),
                                                       "unknown": int(b["plan_unknown"]),
                                                       "upper": 100 * float(b["upper"]),
                                                       "conferences": int(b["conferences"])}))
    notes.append(Message("note_plans_reference"))
    return tuple(notes)


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
    if agr is None or pos is None:  # the caller checks for agreements; the Registry links them
        raise ArgumentError("plans: the registry has no agreements table to count life domains from")
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


from ._execution import FOLLOWUP_STATES, execution  # noqa: E402  (re-exported: describe is funnel, plans, execution)

__all__ = ["FOLLOWUP_STATES", "execution", "funnel", "plans"]
