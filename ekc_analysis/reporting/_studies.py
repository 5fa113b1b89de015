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
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import StatisticalWarning
from ..i18n import Lang, label
from ..results import Result
from ..studies import compare, competing_risks

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


def study_results(zonmw: pd.DataFrame | None, wodc: pd.DataFrame | None, cohort: pd.DataFrame | None,
                  weights: pd.Series | None = None, cohort_covariates: Sequence[str] = ()) -> dict[str, Result]:
    """The analyses these pages show (warnings about small cells stay in each result's notes). With the
    ``cohort_covariates`` and propensity ``weights`` the competing ends are also analysed adjusted: Fine–Gray
    with the covariates and the Aalen–Johansen curves weighted (rows without a weight left out of the weighted
    estimates and counted in the result), clustered by family when the cohort names families."""
    r: dict[str, Result] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        if zonmw is not None and {"family_id", "safety_12", "placed"} <= set(zonmw.columns):
            cov = ["safety_0"] if "safety_0" in zonmw else []
            r["zonmw_safety"] = compare(zonmw, "safety_12", "group", treated="fgc", covariates=cov,
                                        cluster="family_id")
            r["zonmw_placed"] = compare(zonmw, "placed", "group", treated="fgc", cluster="family_id")
        if wodc is not None and {"ots_extension", "safety_12"} <= set(wodc.columns):
            covariates = [c for c in WODC_COVARIATES if c in wodc]
            for outcome in ("ots_extension", "safety_12"):
                r[f"wodc_{outcome}"] = compare(wodc, outcome, "group", reference="cau", covariates=covariates,
                                               self_selected=SELF_SELECTED, combine=OFFERED, adjust="holm")
        if cohort is not None and "end" in cohort:
            ends = cohort["end"].astype(str).where(~cohort["end"].astype(str).str.startswith("rereferral"),
                                                   "rereferral")
            r["cohort_competing"] = competing_risks(cohort.assign(end3=ends), "time", "end3", "group",
                                                    treated="fgc", cause="rereferral", times=(1, 2, 3))
            if cohort_covariates and weights is not None:
                r["cohort_competing_adjusted"] = competing_risks(
                    cohort.assign(end3=ends), "time", "end3", "group", treated="fgc",
                    covariates=list(cohort_covariates), weights=weights, cause="rereferral", times=(1, 2, 3),
                    missing_weights="drop", cluster="family_id" if "family_id" in cohort else None)
    return r


def _row(result: Result, measure: str, contrast: str | None = None, level: object = None) -> pd.Series:
    t = result.table
    keep = t["measure"] == measure
    if "level" in t:
        keep &= t["level"].isna() if level is None else t["level"] == level
    if contrast is not None:
        keep &= t["contrast"] == contrast
    return t[keep].iloc[0]


def paragraphs(r: dict[str, Result], cohort: Result | None, lang: Lang, nb: object) -> dict[str, tuple[str, str]]:
    """(heading, text) per page that has its results."""
    w = WORDS[lang]
    est = nb.estimate  # type: ignore[attr-defined]
    count = nb.d.count  # type: ignore[attr-defined]
    out: dict[str, tuple[str, str]] = {}
    if "zonmw_safety" in r:
        s = _row(r["zonmw_safety"], "adjusted_mean_difference" if "adjusted_mean_difference" in
                 set(r["zonmw_safety"].table["measure"]) else "mean_difference")
        p = _row(r["zonmw_placed"], "risk_difference")
        c = r["zonmw_safety"].clustering.iloc[0]
        n = int(s["n_treated"] + s["n_control"])
        out["zonmw"] = (w["zonmw_heading"], w["zonmw_text"].format(
            families=count(int(c["n_clusters"])), fgc=count(int(c["n_clusters_treated"])),
            cau=count(int(c["n_clusters_control"])), children=count(n), icc=nb.num(c["icc"], 2),  # type: ignore[attr-defined]
            effective=count(int(round(n / c["design_effect"]))), deff=nb.num(c["design_effect"], 2),  # type: ignore[attr-defined]
            safety=est(s["estimate"], s["ci_low"], s["ci_high"]),
            placed=est(p["estimate"], p["ci_low"], p["ci_high"], fmt=nb.pp)))  # type: ignore[attr-defined]
    if "wodc_ots_extension" in r:
        res = r["wodc_ots_extension"]
        arms = res.arms.set_index("group")["n"]
        measure = "adjusted_risk_difference" if res.settings["covariates"] else "risk_difference"
        rows = {c: _row(res, measure, f"{c} vs cau") for c in ("offered", "held", "not_held")}
        omni = _row(res, "omnibus", "all groups")
        words = {c: est(x["estimate"], x["ci_low"], x["ci_high"], fmt=nb.pp) for c, x in rows.items()}  # type: ignore[attr-defined]
        covariates = ", ".join(label(str(c), lang) for c in list(res.settings["covariates"])) or "–"  # type: ignore[call-overload]
        out["wodc"] = (w["wodc_heading"], w["wodc_text"].format(
            held=count(int(arms["held"])), not_held=count(int(arms["not_held"])), cau=count(int(arms["cau"])),
            offered=count(int(arms["held"] + arms["not_held"])), covariates=covariates, ext_offered=words["offered"],
            ext_held=words["held"], ext_not=words["not_held"],
            holm=", ".join(nb.num(rows[c]["p_adjusted"], 3) for c in ("offered", "held", "not_held")),  # type: ignore[attr-defined]
            p_omni=nb.num(omni["p_value"], 3)))  # type: ignore[attr-defined]
    if "cohort_competing" in r:
        cr = r["cohort_competing"]
        inc = cr.incidence
        at3 = inc[(inc["time"] == 3) & (inc["cause"] == "rereferral")].set_index("group")
        shr = _row(cr, "subdistribution_hazard_ratio", level="rereferral")
        rmst = "–"
        if cohort is not None and "rmst_difference" in set(cohort.table["measure"]):
            d = _row(cohort, "rmst_difference")
            rmst = est(d["estimate"], d["ci_low"], d["ci_high"])
        treated, control = cr.settings["treated"], cr.settings["control"]
        out["competing"] = (w["cr_heading"], w["cr_text"].format(
            naive_fgc=nb.pct(at3.loc[treated, "one_minus_km"]), aj_fgc=nb.pct(at3.loc[treated, "cif"]),  # type: ignore[attr-defined]
            aj_cau=nb.pct(at3.loc[control, "cif"]), shr=est(shr["estimate"], shr["ci_low"], shr["ci_high"]),  # type: ignore[attr-defined]
            rmst=rmst) + _adjusted_words(r, lang, nb))
    return out


def _adjusted_words(r: dict[str, Result], lang: Lang, nb: object) -> str:
    """The adjusted sentence of the competing-risks page: adjusted Fine–Gray and the weighted CIF difference."""
    if "cohort_competing_adjusted" not in r:
        return ""
    ar = r["cohort_competing_adjusted"]
    est = nb.estimate  # type: ignore[attr-defined]
    ashr = _row(ar, "adjusted_subdistribution_hazard_ratio", level="rereferral")
    t = ar.table
    d = t[(t["measure"] == "cif_difference") & (t["level"] == "rereferral") & (t["time"] == 3)].iloc[0]
    inc = ar.incidence
    at3 = inc[(inc["time"] == 3) & (inc["cause"] == "rereferral")].set_index("group")
    covariates = ", ".join(COVARIATE_WORDS[lang].get(str(c), label(str(c), lang))
                           for c in ar.settings["covariates"])  # type: ignore[attr-defined]
    return " " + WORDS[lang]["cr_adjusted"].format(
        covariates=covariates, ashr=est(ashr["estimate"], ashr["ci_low"], ashr["ci_high"]),
        w_fgc=nb.pct(at3.loc[ar.settings["treated"], "cif"]), w_cau=nb.pct(at3.loc[ar.settings["control"], "cif"]),  # type: ignore[attr-defined]
        wdiff=est(100 * d["estimate"], 100 * d["ci_low"], 100 * d["ci_high"], 1))


def incidence_table(cr: Result, lang: Lang, nb: object) -> pd.DataFrame:
    """Cumulative incidence per group, cause and year, as a reader sees it."""
    from ..i18n import label
    from ._text import text

    inc = cr.incidence
    rows = []
    for rec in inc.itertuples(index=False):
        rows.append({label("group", lang) if lang == "en" else "Groep": label(str(rec.group), lang),
                     ("Cause" if lang == "en" else "Oorzaak"): label(str(rec.cause), lang),
                     ("Year" if lang == "en" else "Jaar"): int(rec.time) if float(rec.time).is_integer() else rec.time,
                     ("Cumulative incidence" if lang == "en" else "Cumulatieve incidentie"): nb.pct(rec.cif),  # type: ignore[attr-defined]
                     text("ci", lang): nb.interval(rec.ci_low, rec.ci_high, nb.pct)  # type: ignore[attr-defined]
                     if np.isfinite(rec.ci_low) else ""})
    return pd.DataFrame(rows)
