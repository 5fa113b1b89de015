"""Bilingual labels: every word a figure or report shows, keyed by language, in one place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal

Lang = Literal["nl", "en"]

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "tipping_title": "Sensitivity to missing not at random (tipping point)",
        "tipping_delta_logit": "Shift of the imputed outcomes in the FGC arm (log-odds)",
        "tipping_delta_shift": "Shift of the imputed outcomes in the FGC arm",
        "tipping_point": "Tipping point", "no_effect": "No effect",
        "col_fmi": "Missing information (fmi)", "pooled_estimate": "Pooled estimate (95% CI)",
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
        "followed_up": "Followed up", "analysed": "Analysed (ITT)", "assessed": "Assessed for eligibility",
        "excluded": "Excluded", "declined": "No conference", "lost_to_follow_up": "Lost to follow-up",
        "included": "Included", "strobe_title": "Study flow", "not recorded": "not recorded",
        "km_title": "Time to re-referral", "love_title": "Covariate balance", "overlap_title": "Overlap",
        "synthetic": "SYNTHETIC DATA", "percentage_points": "pp", "mean": "mean", "suppressed": "<{k}",
        "risk_difference": "risk difference", "risk_ratio": "risk ratio", "odds_ratio": "odds ratio",
        "adjusted_odds_ratio": "adjusted odds ratio", "adjusted_risk_difference": "adjusted risk difference",
        "mean_difference": "mean difference", "hedges_g": "Hedges' g",
        "adjusted_mean_difference": "adjusted mean difference", "hazard_ratio": "hazard ratio",
        "adjusted_hazard_ratio": "adjusted hazard ratio", "weighted_hazard_ratio": "weighted hazard ratio",
        "safety_12": "Safety at 12 months", "professional_care_12": "Professional care at 12 months",
        "ots_extension": "Supervision order extended", "costs": "Care costs", "age": "age",
        "prior_reports": "prior reports",
        "pooled (REML)": "pooled (REML)", "pooled (DL)": "pooled (DerSimonian–Laird)",
        "logrank": "log-rank test (chi-square)",
        "cif_title": "How follow-up ends (cumulative incidence, Aalen–Johansen)",
        "cif_title_weighted": "How follow-up ends (weighted cumulative incidence, Aalen–Johansen)",
        "weighted_cumulative_incidence": "Weighted cumulative incidence",
        "cumulative_incidence": "Cumulative incidence", "event_free": "Followed, no event yet",
        "subdistribution_hazard_ratio": "subdistribution hazard ratio (Fine–Gray)",
        "cause_specific_hazard_ratio": "cause-specific hazard ratio", "gray_test": "Gray's test (chi-square)",
        "adjusted_subdistribution_hazard_ratio": "adjusted subdistribution hazard ratio (Fine–Gray)",
        "adjusted_cause_specific_hazard_ratio": "adjusted cause-specific hazard ratio",
        "cif_difference": "difference in cumulative incidence",
        "r_squared": "R²", "delta_r_squared": "ΔR² of FGC",
        "limit_95": "95% control limits", "limit_998": "99.8% control limits", "overall": "All units",
        "region": "Region", "municipality": "Municipality",
        "benchmark_conference": "Share reaching a conference",
        "benchmark_execution": "Share of plans fully carried out",
        "benchmark_n_conference": "Closed initiatives", "benchmark_n_execution": "Plans with a follow-up",
        "benchmark_title_conference": "Conference share against size",
        "benchmark_title_execution": "Plans fully carried out against size",
        "benchmark_flag_only": "share hidden: drawn on the limit it crosses",
        "rmst_difference": "difference in restricted mean event-free time",
        "placed": "Out-of-home placement", "moved": "Moved", "rereferral": "Re-referral", "held": "held a conference",
        "not_held": "offered, not held", "cau": "care as usual", "offered": "offered a conference",
        "vs": "vs", "all groups": "all groups", "omnibus": "omnibus test (do the groups differ at all)",
        "mean_difference_bca": "mean difference (BCa bootstrap)",
        "plan_not_recorded": "Plan after the conference: not in the data",
        # result displays (Result.display / summary / notebook tables): column headings and further values
        "col_outcome": "Outcome", "col_contrast": "Contrast", "col_measure": "Measure", "col_level": "Level",
        "col_metric": "Measure", "col_stage": "Stage", "col_funnel_stage": "How the initiative ended",
        "col_funnel_reference_stage": "How the initiative ended", "col_execution": "Execution",
        "col_estimate": "Estimate", "col_ci_low": "{level}% CI lower", "col_ci_high": "{level}% CI upper",
        "col_p_value": "p", "col_p_holm": "p (Holm)", "col_p_bh": "p (Benjamini–Hochberg)",
        "col_n_treated": "n FGC", "col_n_control": "n comparison", "col_statistic": "Test statistic",
        "col_df": "df", "col_n": "n", "col_denominator": "Of", "col_share": "Share", "col_se": "SE",
        "col_se_log": "SE (log scale)", "col_reference": "Published", "col_difference": "Difference",
        "col_difference_ci_low": "Difference, {level}% CI lower",
        "col_difference_ci_high": "Difference, {level}% CI upper", "col_source": "Source",
        "col_events_treated": "Events FGC", "col_events_control": "Events comparison", "col_tau2": "τ²",
        "col_tau2_log": "τ² (log scale)", "col_i2": "I²", "col_q": "Q", "col_q_p": "p (Q)",
        "col_k": "Studies", "col_pi_low": "Prediction interval lower", "col_pi_high": "Prediction interval upper",
        "col_group": "Group", "col_state": "State", "col_months": "Months since referral",
        "col_n_at_risk": "Still followed", "col_covariate": "Covariate", "col_sample": "Sample",
        "col_mean_treated": "Mean FGC", "col_mean_control": "Mean comparison", "col_smd": "SMD",
        "col_unit": "Unit", "col_events": "Events", "col_flag": "Against the control limits",
        "col_lower_95": "95% limit lower", "col_upper_95": "95% limit upper",
        "col_lower_998": "99.8% limit lower", "col_upper_998": "99.8% limit upper",
        "col_ci_limit": "E-value of the CI limit", "col_risk_ratio_scale": "On the risk-ratio scale",
        "col_exact": "Exact", "col_power": "Power", "col_alpha": "Alpha",
        "col_design_effect": "Design effect", "col_families_control": "Families comparison",
        "col_families_treated": "Families FGC", "col_test": "Test", "col_sd": "SD",
        "col_competing_risks_level": "Cause", "col_competing_risks_time": "Time",
        "col_competing_risks_se": "SE (difference)", "col_competing_risks_se_log": "SE (difference)",
        "col_p_control": "Risk without FGC", "col_p_treated": "Risk with FGC",
        "col_delta": "Difference",
        "col_allocation": "FGC arm / comparison arm",
        "all": "all", "unweighted": "unweighted", "weighted": "weighted", "within": "within the limits",
        "above_95": "above the 95% limit", "below_95": "below the 95% limit",
        "above_99.8": "above the 99.8% limit", "below_99.8": "below the 99.8% limit",
        "interaction (group x wave, chi-square)": "interaction of group and wave (Wald chi-square)",
        "interaction (ratio of odds ratios)": "interaction (ratio of odds ratios)",
        "interaction (difference in mean differences)": "interaction (difference in mean differences)",
        "per_protocol_risk_difference": "per-protocol risk difference",
        "per_protocol_mean_difference": "per-protocol mean difference",
        "cace_risk_difference": "risk difference among compliers (CACE)",
        "cace_mean_difference": "mean difference among compliers (CACE)",
        "poisson_rate_ratio": "rate ratio (Poisson)", "negative_binomial_rate_ratio": "rate ratio (negative binomial)",
        "e_value": "E-value", "n_per_arm": "families per arm", "n_control": "families in the comparison arm",
        "detectable_p_treated": "detectable risk with FGC", "detectable_difference": "detectable difference",
        "r_squared_covariates": "R² without FGC", "mcfadden_r_squared": "McFadden's R²",
        "mcfadden_r_squared_covariates": "McFadden's R² without FGC",
        "delta_mcfadden_r_squared": "ΔR² of FGC (McFadden)",
        "nagelkerke_r_squared": "Nagelkerke's R²", "nagelkerke_r_squared_covariates": "Nagelkerke's R² without FGC",
        "delta_nagelkerke_r_squared": "ΔR² of FGC (Nagelkerke)", "non_western": "non-western background",
        "chi-square goodness of fit": "chi-square goodness of fit", "wave": "wave",
        "binary": "yes/no outcome", "continuous": "measured outcome",
        "t1_characteristic": "Characteristic", "t1_n_percent": "n (%)", "t1_mean_sd": "mean (SD)",
        "t1_median_iqr": "median [Q1, Q3]", "t1_missing": "missing", "t1_smd": "SMD",
        "t1_smd_weighted": "SMD weighted", "t1_smd_unweighted": "SMD unweighted",
        "t1_ess": "Effective sample size", "t1_weighted_n": "weighted n", "t1_clusters": "clusters",
        "col_reason": "Reason",
    },
    "nl": {
        "tipping_title": "Gevoeligheid voor niet-willekeurig ontbreken (kantelpunt)",
        "tipping_delta_logit": "Verschuiving van de geïmputeerde uitkomsten in de EK-c-groep (log-odds)",
        "tipping_delta_shift": "Verschuiving van de geïmputeerde uitkomsten in de EK-c-groep",
        "tipping_point": "Kantelpunt", "no_effect": "Geen effect",
        "col_fmi": "Ontbrekende informatie (fmi)",
        "pooled_estimate": "Gepoolde schatting (95%-BI)",
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
        "followed_up": "Gevolgd", "analysed": "Geanalyseerd (ITT)", "assessed": "Beoordeeld op geschiktheid",
        "excluded": "Niet opgenomen", "declined": "Geen conferentie", "lost_to_follow_up": "Uit het oog verloren",
        "included": "Opgenomen", "strobe_title": "Verloop van de studie", "not recorded": "niet vastgelegd",
        "km_title": "Tijd tot nieuwe melding", "love_title": "Balans van achtergrondkenmerken",
        "overlap_title": "Overlap",
        "synthetic": "SYNTHETISCHE GEGEVENS", "percentage_points": "%-punt", "mean": "gemiddelde", "suppressed": "<{k}",
        "risk_difference": "risicoverschil", "risk_ratio": "relatief risico", "odds_ratio": "odds ratio",
        "adjusted_odds_ratio": "gecorrigeerde odds ratio", "adjusted_risk_difference": "gecorrigeerd risicoverschil",
        "mean_difference": "verschil in gemiddelde", "hedges_g": "Hedges' g",
        "adjusted_mean_difference": "gecorrigeerd verschil in gemiddelde", "hazard_ratio": "hazard ratio",
        "adjusted_hazard_ratio": "gecorrigeerde hazard ratio", "weighted_hazard_ratio": "gewogen hazard ratio",
        "safety_12": "Veiligheid na 12 maanden", "professional_care_12": "Professionele zorg na 12 maanden",
        "ots_extension": "Ondertoezichtstelling verlengd", "costs": "Zorgkosten", "age": "leeftijd",
        "prior_reports": "eerdere meldingen",
        "pooled (REML)": "gepoold (REML)", "pooled (DL)": "gepoold (DerSimonian–Laird)",
        "logrank": "log-ranktoets (chi-kwadraat)",
        "cif_title": "Hoe de follow-up eindigt (cumulatieve incidentie, Aalen–Johansen)",
        "cif_title_weighted": "Hoe de follow-up eindigt (gewogen cumulatieve incidentie, Aalen–Johansen)",
        "weighted_cumulative_incidence": "Gewogen cumulatieve incidentie",
        "cumulative_incidence": "Cumulatieve incidentie", "event_free": "Gevolgd, nog geen gebeurtenis",
        "subdistribution_hazard_ratio": "subdistributie-hazard ratio (Fine–Gray)",
        "cause_specific_hazard_ratio": "oorzaakspecifieke hazard ratio", "gray_test": "toets van Gray (chi-kwadraat)",
        "adjusted_subdistribution_hazard_ratio": "gecorrigeerde subdistributie-hazard ratio (Fine–Gray)",
        "adjusted_cause_specific_hazard_ratio": "gecorrigeerde oorzaakspecifieke hazard ratio",
        "cif_difference": "verschil in cumulatieve incidentie",
        "r_squared": "R²", "delta_r_squared": "ΔR² van EK-c",
        "limit_95": "95%-controlegrenzen", "limit_998": "99,8%-controlegrenzen", "overall": "Alle eenheden",
        "region": "Regio", "municipality": "Gemeente",
        "benchmark_conference": "Aandeel met een conferentie", "benchmark_execution": "Aandeel volledig uitgevoerd",
        "benchmark_n_conference": "Afgeronde aanmeldingen", "benchmark_n_execution": "Plannen met een evaluatie",
        "benchmark_title_conference": "Aandeel conferenties naar omvang",
        "benchmark_title_execution": "Volledig uitgevoerde plannen naar omvang",
        "benchmark_flag_only": "aandeel afgeschermd: getekend op de grens die het overschrijdt",
        "rmst_difference": "verschil in beperkte gemiddelde tijd zonder gebeurtenis",
        "placed": "Uithuisplaatsing", "moved": "Verhuisd", "rereferral": "Heraanmelding",
        "held": "conferentie gehouden", "not_held": "aangeboden, niet gehouden", "cau": "gebruikelijke zorg",
        "offered": "conferentie aangeboden",
        "vs": "tegenover", "all groups": "alle groepen",
        "omnibus": "toets over alle groepen (verschillen ze überhaupt)",
        "mean_difference_bca": "verschil in gemiddelde (BCa-bootstrap)",
        "plan_not_recorded": "Plan na de conferentie: niet in de gegevens",
        # weergave van resultaten (Result.display / summary / notebooktabellen): kolomkoppen en verdere waarden
        "col_outcome": "Uitkomst", "col_contrast": "Vergelijking", "col_measure": "Maat", "col_level": "Niveau",
        "col_metric": "Maat", "col_stage": "Fase", "col_funnel_stage": "Hoe de aanmelding eindigde",
        "col_funnel_reference_stage": "Hoe de aanmelding eindigde", "col_execution": "Uitvoering",
        "col_estimate": "Schatting", "col_ci_low": "{level}%-BI van", "col_ci_high": "{level}%-BI tot",
        "col_p_value": "p", "col_p_holm": "p (Holm)", "col_p_bh": "p (Benjamini–Hochberg)",
        "col_n_treated": "n EK-c", "col_n_control": "n vergelijkingsgroep", "col_statistic": "Toetsingsgrootheid",
        "col_df": "vg", "col_n": "n", "col_denominator": "Van", "col_share": "Aandeel", "col_se": "SE",
        "col_se_log": "SE (logschaal)", "col_reference": "Gepubliceerd", "col_difference": "Verschil",
        "col_difference_ci_low": "Verschil, {level}%-BI van",
        "col_difference_ci_high": "Verschil, {level}%-BI tot", "col_source": "Bron",
        "col_events_treated": "Gebeurtenissen EK-c", "col_events_control": "Gebeurtenissen vergelijkingsgroep",
        "col_tau2": "τ²", "col_tau2_log": "τ² (logschaal)", "col_i2": "I²", "col_q": "Q", "col_q_p": "p (Q)",
        "col_k": "Studies", "col_pi_low": "Voorspellingsinterval van", "col_pi_high": "Voorspellingsinterval tot",
        "col_group": "Groep", "col_state": "Stand", "col_months": "Maanden na aanmelding",
        "col_n_at_risk": "Nog gevolgd", "col_covariate": "Kenmerk", "col_sample": "Steekproef",
        "col_mean_treated": "Gemiddelde EK-c", "col_mean_control": "Gemiddelde vergelijkingsgroep",
        "col_smd": "Gestandaardiseerd verschil", "col_unit": "Eenheid", "col_events": "Aantal",
        "col_flag": "Ten opzichte van de controlegrenzen",
        "col_lower_95": "95%-grens onder", "col_upper_95": "95%-grens boven",
        "col_lower_998": "99,8%-grens onder", "col_upper_998": "99,8%-grens boven",
        "col_ci_limit": "E-waarde van de BI-grens", "col_risk_ratio_scale": "Op de schaal van het relatief risico",
        "col_exact": "Exact", "col_power": "Onderscheidend vermogen", "col_alpha": "Alfa",
        "col_design_effect": "Design-effect", "col_families_control": "Gezinnen vergelijkingsgroep",
        "col_families_treated": "Gezinnen EK-c", "col_test": "Toets", "col_sd": "SD",
        "col_competing_risks_level": "Oorzaak", "col_competing_risks_time": "Tijd",
        "col_competing_risks_se": "SE (verschil)", "col_competing_risks_se_log": "SE (verschil)",
        "col_p_control": "Risico zonder EK-c",
        "col_p_treated": "Risico met EK-c", "col_delta": "Verschil",
        "col_allocation": "EK-c-groep / vergelijkingsgroep",
        "all": "alle", "unweighted": "ongewogen", "weighted": "gewogen", "within": "binnen de grenzen",
        "above_95": "boven de 95%-grens", "below_95": "onder de 95%-grens",
        "above_99.8": "boven de 99,8%-grens", "below_99.8": "onder de 99,8%-grens",
        "interaction (group x wave, chi-square)": "interactie van groep en meting (Wald-chi-kwadraat)",
        "interaction (ratio of odds ratios)": "interactie (verhouding van odds ratio's)",
        "interaction (difference in mean differences)": "interactie (verschil tussen verschillen in gemiddelde)",
        "per_protocol_risk_difference": "risicoverschil per protocol",
        "per_protocol_mean_difference": "verschil in gemiddelde per protocol",
        "cace_risk_difference": "risicoverschil bij wie de conferentie hield (CACE)",
        "cace_mean_difference": "verschil in gemiddelde bij wie de conferentie hield (CACE)",
        "poisson_rate_ratio": "verhouding van aantallen per jaar (Poisson)",
        "negative_binomial_rate_ratio": "verhouding van aantallen per jaar (negatief binomiaal)",
        "e_value": "E-waarde", "n_per_arm": "gezinnen per groep", "n_control": "gezinnen in de vergelijkingsgroep",
        "detectable_p_treated": "aantoonbaar risico met EK-c", "detectable_difference": "aantoonbaar verschil",
        "r_squared_covariates": "R² zonder EK-c", "mcfadden_r_squared": "R² van McFadden",
        "mcfadden_r_squared_covariates": "R² van McFadden zonder EK-c",
        "delta_mcfadden_r_squared": "ΔR² van EK-c (McFadden)", "nagelkerke_r_squared": "R² van Nagelkerke",
        "nagelkerke_r_squared_covariates": "R² van Nagelkerke zonder EK-c",
        "delta_nagelkerke_r_squared": "ΔR² van EK-c (Nagelkerke)", "non_western": "niet-westerse achtergrond",
        "chi-square goodness of fit": "chi-kwadraattoets op de gepubliceerde verdeling", "wave": "meting",
        "binary": "ja/nee-uitkomst", "continuous": "gemeten uitkomst",
        "t1_characteristic": "Kenmerk", "t1_n_percent": "n (%)", "t1_mean_sd": "gemiddelde (SD)",
        "t1_median_iqr": "mediaan [Q1, Q3]", "t1_missing": "ontbrekend", "t1_smd": "SMD",
        "t1_smd_weighted": "SMD gewogen", "t1_smd_unweighted": "SMD ongewogen",
        "t1_ess": "Effectieve steekproefomvang", "t1_weighted_n": "gewogen n", "t1_clusters": "clusters",
        "col_reason": "Reden",
    },
}


def label(key: str, lang: Lang = "en") -> str:
    """The label for ``key`` in ``lang``; unknown keys are shown as they are, with _ as spaces."""
    return LABELS[check_lang(lang)].get(key, str(key).replace("_", " "))


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


# --- messages: a key with parameters, rendered in the reader's language when shown ------------------------

LANGS: tuple[Lang, ...] = ("nl", "en")

# parameters that are names in the data (a column, a level, a kind of outcome): shown in words
# (``safety_12`` → "safety at 12 months") when a message is rendered for reading, raw in ``str()``
TERMS = frozenset({"outcome", "kind", "event", "effect", "cost", "count", "exposure", "by", "ref", "metric",
                   "status", "cause", "measure", "shape"})


def check_lang(lang: object, name: str = "lang") -> Lang:
    """``lang`` as ``'nl'`` or ``'en'`` (any case, surrounding blanks ignored); otherwise an
    :class:`~ekc_analysis.errors.ArgumentError` naming the argument ``name``."""
    from .errors import ArgumentError

    text = lang.strip().lower() if isinstance(lang, str) else None
    if text not in LANGS:
        raise ArgumentError(f"{name}={lang!r}: choose 'nl' (Dutch) or 'en' (English)")
    return "nl" if text == "nl" else "en"


class _Localised:
    """A number inside a Dutch sentence: formatted as asked, then with Dutch separators (1.019,5)."""

    def __init__(self, value: float) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        text = format(self.value, spec)
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")

    def __str__(self) -> str:
        return self.__format__("")


def _term(value: str, lang: Lang) -> str:
    """A name in the data as a word inside a sentence: its label, first letter lower case unless an
    abbreviation (EK-c, FGC) starts it."""
    word = label(value, lang)
    return word[:1].lower() + word[1:] if word[1:2].islower() else word


def t(key: str, lang: Lang = "en", *, words: bool = True, **params: object) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in (``str.format`` fields).

    Parameters that are messages are rendered in ``lang`` too; numbers get Dutch separators in Dutch;
    parameters named in :data:`TERMS` are names in the data and shown in words (``words=False`` keeps
    them as they are). An unknown key is an error: every text has a key in both languages.
    """
    from ._catalogue import MESSAGES

    chosen = check_lang(lang)
    try:
        template = MESSAGES[chosen][key]
    except KeyError:
        from .errors import ArgumentError

        raise ArgumentError(f"no message {key!r} in the catalogue (ekc_analysis/_catalogue/)") from None
    values: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, Message):
            values[name] = value.render(chosen, words=words)
        elif words and name in TERMS and isinstance(value, str):
            values[name] = _term(value, chosen)
        elif chosen == "nl" and isinstance(value, (int, float)) and not isinstance(value, bool):
            values[name] = _Localised(value)
        else:
            values[name] = value
    return template.format(**values)


class Message(str):
    """A text that stays data until it is shown: a catalogue ``key`` with ``params`` (gettext-style).

    It *is* the English text with the names in the data as they are (``str()``, comparisons, ``in``,
    f-strings: what code and tests that read ``result.title`` or ``result.notes`` have always seen);
    :meth:`render` gives it in the reader's language with those names in words. Immutable and hashable.

    Examples
    --------
    >>> m = Message("title_compare", {"outcome": "safety_12", "kind": "binary"})
    >>> str(m)
    'Effect of FGC on safety_12 (binary)'
    >>> m.render("nl")
    'Effect van EK-c op veiligheid na 12 maanden (ja/nee-uitkomst)'
    """

    key: str
    params: Mapping[str, object]

    def __new__(cls, key: str, params: Mapping[str, object] | None = None) -> Message:
        frozen = MappingProxyType(dict(params or {}))
        self = super().__new__(cls, t(key, "en", words=False, **frozen))
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", frozen)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Message is immutable")

    def __reduce__(self) -> tuple[object, ...]:
        return (Message, (self.key, dict(self.params)))

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {dict(self.params)!r})"

    def render(self, lang: Lang = "en", words: bool = True) -> str:
        """The text in ``lang`` (names in the data in words unless ``words=False``)."""
        return t(self.key, lang, words=words, **self.params)


def render(text: object, lang: Lang = "en") -> str:
    """A title or note as a reader of ``lang`` reads it: a :class:`Message` rendered, a plain string as is."""
    return text.render(lang) if isinstance(text, Message) else str(text)


def joined(items: Sequence[str], key: str = "note_list") -> str:
    """The items as one text by the catalogue's joining ``key``: ``note_list`` ``a, b, c``, ``note_sentences``
    ``a b c``, ``warn_parts`` ``a; b; c``. When an item is a :class:`Message` the whole is one nested message, so
    that every item is still rendered in the reader's language; otherwise it is plain text."""
    parts = list(items)
    if not parts:
        return ""
    text = parts[-1]
    for part in reversed(parts[:-1]):
        text = Message(key, {"first": part, "rest": text})
    return text if any(isinstance(p, Message) for p in parts) else str(text)


def variant(text: Message, audience: str) -> Message:
    """``text`` as ``audience`` reads it: the message, and each message among its parameters, replaced by its
    ``<key>_<audience>`` variant where the catalogue has one, with the same parameters.

    ``variant(m, "cli")`` is how the command line words a warning or note whose advice names a Python argument
    (``min_followup_months=12``): by its own option (``--min-followup-months 12``)."""
    from ._catalogue import MESSAGES

    params = {name: variant(value, audience) if isinstance(value, Message) else value
              for name, value in text.params.items()}
    key = f"{text.key}_{audience}"
    return Message(key if key in MESSAGES["en"] else text.key, params)
