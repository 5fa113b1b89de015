"""Bilingual labels: every word a figure or report shows, keyed by language, in one place."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "initiatives": "Initiatives", "conference": "Conference",
        "plan_without_conference": "Plan without conference", "stopped": "Stopped in preparation",
        "ongoing": "Ongoing", "plan": "Plan", "no_plan": "No plan", "plan_unknown": "Plan unknown",
        "full": "Fully carried out", "partial": "Partly carried out", "none": "Not carried out",
        "observed": "This registry", "published": "Published (Eigen Kracht Centrale)", "published_short": "Published",
        "share": "Share", "plans": "Plans", "agreements_per_plan": "Agreements per plan",
        "plan_rate": "Conferences with a plan",
        "n_agreements": "Number of agreements in the plan", "professional_share": "Share calling on professional help",
        "domain": "Life domain", "year": "Year of referral", "referral_year": "Year of referral",
        "funnel_title": "Where initiatives end", "execution_title": "Plan execution 3–5 months after the conference",
        "agreements_title": "Agreements per plan", "domains_title": "Professional help by life domain",
        "trend_title": "Share reaching a conference, by year",
        "estimate": "Estimate (95% CI)", "ci": "95% CI",
        "favours_fgc": "lower with FGC", "favours_control": "higher with FGC",
        "survival": "Not re-referred", "years": "Years since start", "at_risk": "At risk",
        "smd": "Standardised mean difference", "before": "Unweighted", "after": "Weighted",
        "propensity": "Propensity score", "fgc": "FGC", "control": "Control", "traditional": "Traditional",
        "meta_title": "Effects of FGC across studies (random-effects meta-analysis)", "pooled": "Pooled",
        "forest_title": "Effects of FGC in the trial", "consort_title": "Trial flow",
        "randomised": "Randomised", "allocated": "Allocated", "conference_held": "Conference held",
        "followed_up": "Followed up", "analysed": "Analysed (ITT)",
        "km_title": "Time to re-referral", "love_title": "Covariate balance", "overlap_title": "Overlap",
        "synthetic": "SYNTHETIC DATA", "mean": "mean", "suppressed": "<{k}",
        "risk_difference": "risk difference", "risk_ratio": "risk ratio", "odds_ratio": "odds ratio",
        "adjusted_odds_ratio": "adjusted odds ratio", "adjusted_risk_difference": "adjusted risk difference",
        "mean_difference": "mean difference", "hedges_g": "Hedges' g",
        "adjusted_mean_difference": "adjusted mean difference", "hazard_ratio": "hazard ratio",
        "adjusted_hazard_ratio": "adjusted hazard ratio", "weighted_hazard_ratio": "weighted hazard ratio",
        "safety_12": "Safety at 12 months", "professional_care_12": "Professional care at 12 months",
        "ots_extension": "Supervision order extended", "costs": "Care costs",
        "pooled (REML)": "pooled (REML)", "pooled (DL)": "pooled (DerSimonian–Laird)",
        "logrank": "log-rank test (chi-square)",
        "cif_title": "How follow-up ends (cumulative incidence, Aalen–Johansen)",
        "cumulative_incidence": "Cumulative incidence", "event_free": "Followed, no event yet",
        "subdistribution_hazard_ratio": "subdistribution hazard ratio (Fine–Gray)",
        "cause_specific_hazard_ratio": "cause-specific hazard ratio", "gray_test": "Gray's test (chi-square)",
        "r_squared": "R²", "delta_r_squared": "ΔR² of FGC",
        "limit_95": "95% control limits", "limit_998": "99.8% control limits", "overall": "All units",
        "region": "Region", "municipality": "Municipality",
        "benchmark_conference": "Share reaching a conference",
        "benchmark_execution": "Share of plans fully carried out",
        "benchmark_n_conference": "Closed initiatives", "benchmark_n_execution": "Plans with a follow-up",
        "benchmark_title_conference": "Conference share against size",
        "benchmark_title_execution": "Plans fully carried out against size",
        "rmst_difference": "difference in restricted mean event-free time",
        "placed": "Out-of-home placement", "moved": "Moved", "rereferral": "Re-referral", "held": "held a conference",
        "not_held": "offered, not held", "cau": "care as usual",
        "vs": "vs", "all groups": "all groups", "omnibus": "omnibus test (do the groups differ at all)",
        "mean_difference_bca": "mean difference (BCa bootstrap)",
    },
    "nl": {
        "initiatives": "Aanmeldingen", "conference": "Conferentie",
        "plan_without_conference": "Plan zonder conferentie", "stopped": "Gestopt in voorbereiding",
        "ongoing": "Lopend", "plan": "Plan", "no_plan": "Geen plan", "plan_unknown": "Plan onbekend",
        "full": "Volledig uitgevoerd", "partial": "Gedeeltelijk uitgevoerd", "none": "Niet uitgevoerd",
        "observed": "Deze registratie", "published": "Gepubliceerd (Eigen Kracht Centrale)",
        "published_short": "Gepubliceerd",
        "share": "Aandeel", "plans": "Plannen", "agreements_per_plan": "Afspraken per plan",
        "plan_rate": "Conferenties met een plan",
        "n_agreements": "Aantal afspraken in het plan",
        "professional_share": "Aandeel met professionele hulp",
        "domain": "Leefgebied", "year": "Jaar van aanmelding", "referral_year": "Jaar van aanmelding",
        "funnel_title": "Waar aanmeldingen eindigen",
        "execution_title": "Uitvoering van het plan 3–5 maanden na de conferentie",
        "agreements_title": "Afspraken per plan", "domains_title": "Professionele hulp per leefgebied",
        "trend_title": "Aandeel met een conferentie, per jaar",
        "estimate": "Schatting (95%-BI)", "ci": "95%-BI",
        "favours_fgc": "lager met EK-c", "favours_control": "hoger met EK-c",
        "survival": "Niet opnieuw gemeld", "years": "Jaren sinds start", "at_risk": "Nog gevolgd",
        "smd": "Gestandaardiseerd verschil", "before": "Ongewogen", "after": "Gewogen",
        "propensity": "Propensityscore", "fgc": "EK-c", "control": "Controle", "traditional": "Regulier",
        "meta_title": "Effecten van EK-c samengevat over studies (random-effects meta-analyse)", "pooled": "Gepoold",
        "forest_title": "Effecten van EK-c in het experiment", "consort_title": "Verloop van het experiment",
        "randomised": "Geloot", "allocated": "Toegewezen", "conference_held": "Conferentie gehouden",
        "followed_up": "Gevolgd", "analysed": "Geanalyseerd (ITT)",
        "km_title": "Tijd tot nieuwe melding", "love_title": "Balans van achtergrondkenmerken",
        "overlap_title": "Overlap",
        "synthetic": "SYNTHETISCHE GEGEVENS", "mean": "gemiddelde", "suppressed": "<{k}",
        "risk_difference": "risicoverschil", "risk_ratio": "relatief risico", "odds_ratio": "odds ratio",
        "adjusted_odds_ratio": "gecorrigeerde odds ratio", "adjusted_risk_difference": "gecorrigeerd risicoverschil",
        "mean_difference": "verschil in gemiddelde", "hedges_g": "Hedges' g",
        "adjusted_mean_difference": "gecorrigeerd verschil in gemiddelde", "hazard_ratio": "hazard ratio",
        "adjusted_hazard_ratio": "gecorrigeerde hazard ratio", "weighted_hazard_ratio": "gewogen hazard ratio",
        "safety_12": "Veiligheid na 12 maanden", "professional_care_12": "Professionele zorg na 12 maanden",
        "ots_extension": "Ondertoezichtstelling verlengd", "costs": "Zorgkosten",
        "pooled (REML)": "gepoold (REML)", "pooled (DL)": "gepoold (DerSimonian–Laird)",
        "logrank": "log-ranktoets (chi-kwadraat)",
        "cif_title": "Hoe de follow-up eindigt (cumulatieve incidentie, Aalen–Johansen)",
        "cumulative_incidence": "Cumulatieve incidentie", "event_free": "Gevolgd, nog geen gebeurtenis",
        "subdistribution_hazard_ratio": "subdistributie-hazard ratio (Fine–Gray)",
        "cause_specific_hazard_ratio": "oorzaakspecifieke hazard ratio", "gray_test": "toets van Gray (chi-kwadraat)",
        "r_squared": "R²", "delta_r_squared": "ΔR² van EK-c",
        "limit_95": "95%-controlegrenzen", "limit_998": "99,8%-controlegrenzen", "overall": "Alle eenheden",
        "region": "Regio", "municipality": "Gemeente",
        "benchmark_conference": "Aandeel met een conferentie", "benchmark_execution": "Aandeel volledig uitgevoerd",
        "benchmark_n_conference": "Afgeronde aanmeldingen", "benchmark_n_execution": "Plannen met een evaluatie",
        "benchmark_title_conference": "Aandeel conferenties naar omvang",
        "benchmark_title_execution": "Volledig uitgevoerde plannen naar omvang",
        "rmst_difference": "verschil in beperkte gemiddelde tijd zonder gebeurtenis",
        "placed": "Uithuisplaatsing", "moved": "Verhuisd", "rereferral": "Heraanmelding",
        "held": "conferentie gehouden", "not_held": "aangeboden, niet gehouden", "cau": "gebruikelijke zorg",
        "vs": "tegenover", "all groups": "alle groepen",
        "omnibus": "toets over alle groepen (verschillen ze überhaupt)",
        "mean_difference_bca": "verschil in gemiddelde (BCa-bootstrap)",
    },
}


def label(key: str, lang: Lang = "en") -> str:
    """The label for ``key`` in ``lang``; unknown keys are shown as they are, with _ as spaces."""
    if lang not in LABELS:
        raise ValueError(f"lang={lang!r}: choose 'nl' or 'en'")
    return LABELS[lang].get(key, str(key).replace("_", " "))


# Life domains (leefgebieden) as registrations spell them, keyed by their normalised spelling.
DOMAINS: dict[str, dict[str, str]] = {
    "opvoeding": {"nl": "opvoeding", "en": "parenting"}, "veiligheid": {"nl": "veiligheid", "en": "safety"},
    "school": {"nl": "school", "en": "school"}, "onderwijs": {"nl": "onderwijs", "en": "education"},
    "werk": {"nl": "werk", "en": "work"}, "financien": {"nl": "financiën", "en": "finances"},
    "wonen": {"nl": "wonen", "en": "housing"}, "gezondheid": {"nl": "gezondheid", "en": "health"},
    "sociaal_netwerk": {"nl": "sociaal netwerk", "en": "social network"},
    "vrije_tijd": {"nl": "vrije tijd", "en": "leisure"}, "relaties": {"nl": "relaties", "en": "relationships"},
}


def domain_label(key: str, lang: Lang = "en", default: str | None = None) -> str:
    """A life domain in ``lang`` by its normalised spelling (``financien`` → finances / financiën);
    an unknown domain as ``default`` (the spelling in the data)."""
    return DOMAINS.get(key, {}).get(lang, key if default is None else default)


def number(x: float, lang: Lang = "en", digits: int = 1) -> str:
    """A number as a reader of ``lang`` writes it (decimal comma in Dutch)."""
    s = f"{x:.{digits}f}"
    return s.replace(".", ",") if lang == "nl" else s
