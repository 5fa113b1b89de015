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

if TYPE_CHECKING:  # pragma: no cover
    from ._analyses import Analyses, CohortAnalyses, WodcAnalyses, ZonmwAnalyses

SELF_SELECTED = ["held", "not_held"]
OFFERED = {"offered": ["held", "not_held"]}
WODC_COVARIATES = ("age", "prior_reports", "non_western")

COVARIATE_WORDS: dict[str, dict[str, str]] = {
    "en": {"age": "age", "girl": "sex", "prior_referrals": "prior referrals", "reason": "reason for referral",
           "immigrant": "migration background"},
    "nl": {"age": "leeftijd", "girl": "geslacht", "prior_referrals": "eerdere aanmeldingen",
           "reason": "reden van aanmelding", "immigrant": "migratieachtergrond"},
}

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "zonmw_heading": "Children within families: a trial shaped like ZonMw",
        "zonmw_text": ("{families} families were randomised ({fgc} to the offer of a conference, {cau} to care as "
                       "usual), with {children} children. Siblings are alike (ICC of safety {icc}), so the children "
                       "count as about {effective} independent observations (design effect {deff}). The intervals "
                       "below are cluster-robust (CR2 with Satterthwaite degrees of freedom); treating the children as "
                       "independent "
                       "would make them too narrow. Safety after 12 months, adjusted for the baseline: difference "
                       "{safety}. Out-of-home placement: risk difference {placed}."),
        "wodc_heading": "Three groups: held a conference, offered but not held, care as usual (WODC/UvA shape)",
        "wodc_text": ("{held} families held a conference, {not_held} were offered one but did not hold it, {cau} had "
                      "care as usual. No group was allocated by lot: this is an observational comparison, and "
                      "families chose whether to hold the conference, so the differences below are not effects of "
                      "FGC: families who held one differ from the others in other ways too. The least biased "
                      "contrast is everyone offered a conference ({offered} families) against care as usual. "
                      "Extension of the supervision order, adjusted for {covariates}: offered vs care as usual "
                      "{ext_offered}; held vs care as usual {ext_held}; offered but not held vs care as usual "
                      "{ext_not} (Holm-adjusted p-values across the three contrasts: {holm}). Do the three groups "
                      "differ at all, adjusted for the same characteristics: p = {p_omni}."),
        "cr_heading": "How follow-up ends: re-referral against placement and moving",
        "cr_text": ("Follow-up also ends when a child is placed out of home or the family moves. Counting those "
                    "children as if they could still be re-referred overstates re-referral: after 3 years "
                    "1 − Kaplan–Meier gives {naive_fgc} with FGC where the Aalen–Johansen cumulative incidence "
                    "gives {aj_fgc} ({aj_cau} without). Subdistribution hazard ratio of re-referral (Fine–Gray): "
                    "{shr}. Restricted mean time without re-referral in the first 3 years, FGC minus comparison: "
                    "{rmst} years."),
        "cr_adjusted": ("Adjusted for {covariates}, the subdistribution hazard ratio of re-referral (Fine–Gray with "
                        "covariates) is {ashr}. Weighted by the propensity score for the same characteristics (the "
                        "figure shows the weighted curves), the cumulative incidence of re-referral after 3 years "
                        "is {w_fgc} with FGC and {w_cau} without: a weighted difference of {wdiff} percentage "
                        "points (FGC minus comparison)."),
        "cap_zonmw": "ZonMw-shaped trial: intention to treat, clustered by family",
        "cap_wodc": "WODC-shaped study (observational): each group and everyone offered against care as usual",
        "cap_cr": "Cumulative incidence after 1, 2 and 3 years by how follow-up ended (Aalen–Johansen)",
    },
    "nl": {
        "zonmw_heading": "Kinderen binnen gezinnen: een onderzoek zoals dat van ZonMw",
        "zonmw_text": ("{families} gezinnen werden door loting verdeeld ({fgc} kregen een conferentie aangeboden, "
                       "{cau} de gebruikelijke zorg), met samen {children} kinderen. Broers en zussen lijken op "
                       "elkaar (ICC van veiligheid {icc}); de kinderen tellen daardoor als ongeveer {effective} "
                       "onafhankelijke waarnemingen (design-effect {deff}). De betrouwbaarheidsintervallen hieronder "
                       "houden daar rekening mee (CR2 met Satterthwaite-vrijheidsgraden); kinderen als "
                       "onafhankelijk tellen zou ze te smal maken. Veiligheid na 12 maanden, gecorrigeerd voor de "
                       "beginmeting: verschil {safety}. Uithuisplaatsing: verschil in risico {placed}."),
        "wodc_heading": "Drie groepen: conferentie gehouden, aangeboden maar niet gehouden, gebruikelijke zorg "
                        "(zoals WODC/UvA)",
        "wodc_text": ("{held} gezinnen hielden een conferentie, {not_held} kregen er een aangeboden maar hielden hem "
                      "niet, {cau} kregen de gebruikelijke zorg. Geen groep is door loting gevormd: dit is een "
                      "observationele vergelijking, en gezinnen kozen zelf of ze de conferentie hielden; de "
                      "verschillen hieronder zijn daarom geen effecten van Eigen Kracht: gezinnen die een "
                      "conferentie hielden, verschillen ook op andere punten. De minst vertekende vergelijking is "
                      "iedereen aan wie een conferentie werd aangeboden ({offered} gezinnen) tegenover gebruikelijke "
                      "zorg. Verlenging van de ondertoezichtstelling, gecorrigeerd voor {covariates}: aangeboden "
                      "tegenover gebruikelijke zorg {ext_offered}; gehouden tegenover gebruikelijke zorg "
                      "{ext_held}; aangeboden maar niet gehouden tegenover gebruikelijke zorg {ext_not} "
                      "(p-waarden volgens Holm over de drie vergelijkingen: {holm}). Verschillen de drie groepen "
                      "überhaupt, gecorrigeerd voor dezelfde kenmerken: p = {p_omni}."),
        "cr_heading": "Hoe de follow-up eindigt: heraanmelding tegenover uithuisplaatsing en verhuizing",
        "cr_text": ("De follow-up eindigt ook als een kind uit huis wordt geplaatst of het gezin verhuist. Wie die "
                    "kinderen meetelt alsof ze nog opnieuw aangemeld kunnen worden, overschat de heraanmeldingen: "
                    "na 3 jaar geeft 1 − Kaplan–Meier {naive_fgc} bij Eigen Kracht, waar de cumulatieve incidentie "
                    "(Aalen–Johansen) {aj_fgc} geeft ({aj_cau} zonder). Subdistributie-hazard ratio van "
                    "heraanmelding (Fine–Gray): {shr}. Gemiddelde tijd zonder heraanmelding in de eerste 3 jaar, "
                    "Eigen Kracht min vergelijkingsgroep: {rmst} jaar."),
        "cr_adjusted": ("Gecorrigeerd voor {covariates} is de subdistributie-hazard ratio van heraanmelding "
                        "(Fine–Gray met covariaten) {ashr}. Gewogen met de propensity score voor dezelfde kenmerken "
                        "(de figuur toont de gewogen curves) is de cumulatieve incidentie van heraanmelding na 3 "
                        "jaar {w_fgc} bij Eigen Kracht en {w_cau} zonder: een gewogen verschil van {wdiff} "
                        "procentpunt (Eigen Kracht min vergelijkingsgroep)."),
        "cap_zonmw": "Onderzoek zoals ZonMw: intention to treat, geclusterd per gezin",
        "cap_wodc": "Onderzoek zoals WODC (observationeel): elke groep en alle aangeboden gezinnen tegenover "
                    "gebruikelijke zorg",
        "cap_cr": "Cumulatieve incidentie na 1, 2 en 3 jaar naar hoe de follow-up eindigde (Aalen–Johansen)",
    },
}


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
    w, est, count = WORDS[lang], nb.estimate, nb.d.count
    s = _row(z.safety, "adjusted_mean_difference" if "adjusted_mean_difference" in set(z.safety.table["measure"])
             else "mean_difference")
    p = _row(z.placed, "risk_difference")
    c = z.safety.clustering.iloc[0]
    n = int(s["n_treated"] + s["n_control"])
    return (w["zonmw_heading"], w["zonmw_text"].format(
        families=count(int(c["n_clusters"])), fgc=count(int(c["n_clusters_treated"])),
        cau=count(int(c["n_clusters_control"])), children=count(n), icc=nb.num(c["icc"], 2),
        effective=count(int(round(n / c["design_effect"]))), deff=nb.num(c["design_effect"], 2),
        safety=est(s["estimate"], s["ci_low"], s["ci_high"]),
        placed=est(p["estimate"], p["ci_low"], p["ci_high"], fmt=nb.pp)))


def _wodc(res: Result, lang: Lang, nb: Numbers) -> tuple[str, str]:
    w, est, count = WORDS[lang], nb.estimate, nb.d.count
    arms = res.arms.set_index("group")["n"]
    measure = "adjusted_risk_difference" if res.settings["covariates"] else "risk_difference"
    rows = {c: _row(res, measure, f"{c} vs cau") for c in ("offered", "held", "not_held")}
    omni = _row(res, "omnibus", "all groups")
    words = {c: est(x["estimate"], x["ci_low"], x["ci_high"], fmt=nb.pp) for c, x in rows.items()}
    covariates = ", ".join(label(str(c), lang) for c in list(res.settings["covariates"])) or "–"  # type: ignore[call-overload]
    return (w["wodc_heading"], w["wodc_text"].format(
        held=count(int(arms["held"])), not_held=count(int(arms["not_held"])), cau=count(int(arms["cau"])),
        offered=count(int(arms["held"] + arms["not_held"])), covariates=covariates, ext_offered=words["offered"],
        ext_held=words["held"], ext_not=words["not_held"],
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
    return (WORDS[lang]["cr_heading"], WORDS[lang]["cr_text"].format(
        naive_fgc=nb.pct(at3.loc[treated, "one_minus_km"]), aj_fgc=nb.pct(at3.loc[treated, "cif"]),
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
    covariates = ", ".join(COVARIATE_WORDS[lang].get(str(c), label(str(c), lang))
                           for c in ar.settings["covariates"])  # type: ignore[attr-defined]
    return " " + WORDS[lang]["cr_adjusted"].format(
        covariates=covariates, ashr=est(ashr["estimate"], ashr["ci_low"], ashr["ci_high"]),
        w_fgc=nb.pct(at3.loc[ar.settings["treated"], "cif"]), w_cau=nb.pct(at3.loc[ar.settings["control"], "cif"]),
        wdiff=est(100 * d["estimate"], 100 * d["ci_low"], 100 * d["ci_high"], 1))


def incidence_table(cr: Result, lang: Lang, nb: Numbers) -> pd.DataFrame:
    """Cumulative incidence per group, cause and year, as a reader sees it."""
    from ..i18n import label
    from ._text import text

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
