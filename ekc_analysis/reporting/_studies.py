"""The report's pages for the studies as they were really built.

* a cluster trial shaped like ZonMw (families randomised 229 : 99, children within them): the
  intention-to-treat comparison with cluster-robust intervals, the ICC and the design effect;
* a three-group study shaped like WODC/UvA (held a conference / offered, not held / care as usual):
  each group against care as usual, with the wording that holding a conference was self-selected;
* the cohort's follow-up as it really ends: re-referral against the competing ends (placement, moving),
  by Aalen–Johansen, beside the restricted mean time without re-referral.

The numbers come from the results computed in :mod:`.analyses`; this module only words them.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import StatisticalWarning
from ..i18n import Lang, label
from ..results import Result
from ..studies import compare, competing_risks
from ._numbers import Numbers
from ._spec import CohortSpec
from ._text import text, text_or_none

if TYPE_CHECKING:  # pragma: no cover
    from ._analyses import Analyses, CohortAnalyses, WodcAnalyses, ZonmwAnalyses

SELF_SELECTED = ["held", "not_held"]
OFFERED = {"offered": ["held", "not_held"]}
WODC_COVARIATES = ("age", "prior_reports", "non_western")

def covariate_words(column: str, lang: Lang, otherwise: str) -> str:
    """How the studies' sentences name a covariate (``report_covariate_<column>`` in the catalogue), else
    ``otherwise``."""
    return text_or_none(f"covariate_{column}", lang) or otherwise


def zonmw_results(zonmw: pd.DataFrame | None) -> ZonmwAnalyses | None:
    """Safety adjusted for the baseline and placement, clustered by family (small-cell warnings stay in the
    results' notes); None without a ZonMw-shaped file."""
    from ._analyses import ZonmwAnalyses

    if zonmw is None or not {"family_id", "safety_12", "placed"} <= set(zonmw.columns):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        cov = ["safety_0"] if "safety_0" in zonmw else []
        return ZonmwAnalyses(
            safety=compare(zonmw, "safety_12", "group", treated="fgc", covariates=cov, cluster="family_id"),
            placed=compare(zonmw, "placed", "group", treated="fgc", cluster="family_id"))


def wodc_results(wodc: pd.DataFrame | None) -> WodcAnalyses | None:
    """Extension and safety, each group and everyone offered against care as usual (Holm across the
    contrasts); None without a WODC-shaped file."""
    from ._analyses import WodcAnalyses

    if wodc is None or not {"ots_extension", "safety_12"} <= set(wodc.columns):
        return None
    covariates = [c for c in WODC_COVARIATES if c in wodc]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        extension, safety = (compare(wodc, outcome, "group", reference="cau", covariates=covariates,
                                     self_selected=SELF_SELECTED, combine=OFFERED, adjust="holm")
                             for outcome in ("ots_extension", "safety_12"))
        return WodcAnalyses(extension=extension, safety=safety)


def competing_results(cohort: pd.DataFrame, spec: CohortSpec, weights: pd.Series | None,
                      treated: object) -> tuple[Result | None, Result | None]:
    """How follow-up ends (``spec.end``; values starting with ``spec.cause`` are the event): Aalen–Johansen and
    Fine–Gray, and, with the covariates and propensity ``weights``, adjusted Fine–Gray and weighted curves (rows
    without a weight left out of the weighted estimates and counted in the result), clustered where the spec
    names a cluster."""
    if spec.end is None:
        return None, None
    ends = cohort[spec.end].astype(str)
    frame = cohort.assign(end3=ends.where(~ends.str.startswith(spec.cause), spec.cause))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        crude = competing_risks(frame, spec.time, "end3", spec.group, treated=treated, cause=spec.cause,
                                times=(1, 2, 3))
        adjusted = None
        if spec.covariates and weights is not None:
            adjusted = competing_risks(frame, spec.time, "end3", spec.group, treated=treated,
                                       covariates=list(spec.covariates), weights=weights, cause=spec.cause,
                                       times=(1, 2, 3), missing_weights="drop", cluster=spec.cluster)
    return crude, adjusted


def _row(result: Result, measure: str, contrast: str | None = None, level: object = None) -> pd.Series:
    t = result.table
    keep = t["measure"] == measure
    if "level" in t:
        keep &= t["level"].isna() if level is None else t["level"] == level
    if contrast is not None:
        keep &= t["contrast"] == contrast
    return t[keep].iloc[0]


def paragraphs(a: Analyses, lang: Lang, nb: Numbers) -> dict[str, tuple[str, str]]:
    """(heading, text) per page that has its results."""
    out: dict[str, tuple[str, str]] = {}
    if a.zonmw is not None:
        out["zonmw"] = _zonmw(a.zonmw, lang, nb)
    if a.wodc is not None:
        out["wodc"] = _wodc(a.wodc.extension, lang, nb)
    if a.cohort is not None and a.cohort.competing is not None:
        out["competing"] = _competing(a.cohort, a.cohort.competing, lang, nb)
    return out


def _zonmw(z: ZonmwAnalyses, lang: Lang, nb: Numbers) -> tuple[str, str]:
    est, count = nb.estimate, nb.d.count
    s = _row(z.safety, "adjusted_mean_difference" if "adjusted_mean_difference" in set(z.safety.table["measure"])
             else "mean_difference")
    p = _row(z.placed, "risk_difference")
    c = z.safety.clustering.iloc[0]
    n = int(s["n_treated"] + s["n_control"])
    return (text("zonmw_heading", lang), text(
        "zonmw_text", lang, families=count(int(c["n_clusters"])), fgc=count(int(c["n_clusters_treated"])),
        cau=count(int(c["n_clusters_control"])), children=count(n), icc=nb.num(c["icc"], 2),
        effective=count(int(round(n / c["design_effect"]))), deff=nb.num(c["design_effect"], 2),
        safety=est(s["estimate"], s["ci_low"], s["ci_high"]),
        placed=est(p["estimate"], p["ci_low"], p["ci_high"], fmt=nb.pp)))


def _wodc(res: Result, lang: Lang, nb: Numbers) -> tuple[str, str]:
    est, count = nb.estimate, nb.d.count
    arms = res.arms.set_index("group")["n"]
    measure = "adjusted_risk_difference" if res.settings["covariates"] else "risk_difference"
    rows = {c: _row(res, measure, f"{c} vs cau") for c in ("offered", "held", "not_held")}
    omni = _row(res, "omnibus", "all groups")
    words = {c: est(x["estimate"], x["ci_low"], x["ci_high"], fmt=nb.pp) for c, x in rows.items()}
    covariates = ", ".join(label(str(c), lang) for c in list(res.settings["covariates"])) or "–"  # type: ignore[call-overload]
    return (text("wodc_heading", lang), text(
        "wodc_text", lang, held=count(int(arms["held"])), not_held=count(int(arms["not_held"])),
        cau=count(int(arms["cau"])), offered=count(int(arms["held"] + arms["not_held"])), covariates=covariates,
        ext_offered=words["offered"], ext_held=words["held"], ext_not=words["not_held"],
        holm=", ".join(nb.num(rows[c]["p_adjusted"], 3) for c in ("offered", "held", "not_held")),
        p_omni=nb.num(omni["p_value"], 3)))


def _competing(c: CohortAnalyses, cr: Result, lang: Lang, nb: Numbers) -> tuple[str, str]:
    cause, est = c.spec.cause, nb.estimate
    inc = cr.incidence
    at3 = inc[(inc["time"] == 3) & (inc["cause"] == cause)].set_index("group")
    shr = _row(cr, "subdistribution_hazard_ratio", level=cause)
    rmst = "–"
    if c.survival is not None and "rmst_difference" in set(c.survival.table["measure"]):
        d = _row(c.survival, "rmst_difference")
        rmst = est(d["estimate"], d["ci_low"], d["ci_high"])
    treated, control = cr.settings["treated"], cr.settings["control"]
    return (text("cr_heading", lang), text(
        "cr_text", lang, naive_fgc=nb.pct(at3.loc[treated, "one_minus_km"]), aj_fgc=nb.pct(at3.loc[treated, "cif"]),
        aj_cau=nb.pct(at3.loc[control, "cif"]), shr=est(shr["estimate"], shr["ci_low"], shr["ci_high"]),
        rmst=rmst) + _adjusted_words(c.competing_adjusted, cause, lang, nb))


def _adjusted_words(ar: Result | None, cause: str, lang: Lang, nb: Numbers) -> str:
    """The adjusted sentence of the competing-risks page: adjusted Fine–Gray and the weighted CIF difference."""
    if ar is None:
        return ""
    est = nb.estimate
    ashr = _row(ar, "adjusted_subdistribution_hazard_ratio", level=cause)
    t = ar.table
    d = t[(t["measure"] == "cif_difference") & (t["level"] == cause) & (t["time"] == 3)].iloc[0]
    inc = ar.incidence
    at3 = inc[(inc["time"] == 3) & (inc["cause"] == cause)].set_index("group")
    covariates = ", ".join(covariate_words(str(c), lang, label(str(c), lang))
                           for c in ar.settings["covariates"])  # type: ignore[attr-defined]
    return " " + text(
        "cr_adjusted", lang, covariates=covariates, ashr=est(ashr["estimate"], ashr["ci_low"], ashr["ci_high"]),
        w_fgc=nb.pct(at3.loc[ar.settings["treated"], "cif"]), w_cau=nb.pct(at3.loc[ar.settings["control"], "cif"]),
        wdiff=est(100 * d["estimate"], 100 * d["ci_low"], 100 * d["ci_high"], 1))


def incidence_table(cr: Result, lang: Lang, nb: Numbers) -> pd.DataFrame:
    """Cumulative incidence per group, cause and year, as a reader sees it."""
    inc = cr.incidence
    rows = []
    for rec in inc.itertuples(index=False):
        rows.append({label("group", lang) if lang == "en" else "Groep": label(str(rec.group), lang),
                     ("Cause" if lang == "en" else "Oorzaak"): label(str(rec.cause), lang),
                     ("Year" if lang == "en" else "Jaar"): int(rec.time) if float(rec.time).is_integer() else rec.time,
                     ("Cumulative incidence" if lang == "en" else "Cumulatieve incidentie"): nb.pct(rec.cif),
                     text("ci", lang): nb.interval(rec.ci_low, rec.ci_high, nb.pct)
                     if np.isfinite(rec.ci_low) else ""})
    return pd.DataFrame(rows)
