"""Fixed words of the report: captions' prefixes, the 95% CI note, the glossary and the sources list."""

from __future__ import annotations

from ..describe import EKC, HILHORST, SUNDELL, WODC, ZONMW
from ..i18n import Lang

# what the marks of each figure mean, after its title in the caption
CAPTION_NOTES: dict[str, dict[str, str]] = {
    "en": {
        "funnel": "Counts below the disclosure threshold show as ‘<10’, counts hidden to protect them as ‘x’; the "
                  "stage shares are of the closed initiatives, the plan shares of the conferences",
        "funnel_trend": "Dots: this registry per year of referral, with the 95% CI as a band; dashed line: the "
                        "national figure; only years with enough referrals are drawn",
        "execution": "This registry beside the national figures (about 40, 50 and 10 per cent); plans with a "
                     "follow-up 3 to 5 months after the conference",
        "agreements": "Bars: plans by their number of agreements; numbers of agreements with few plans are merged "
                      "with their neighbours (the area of each bar stays its number of plans), never dropped",
        "domains": "Share of agreements calling on professional help per life domain, with 95% CI; domains with "
                   "few agreements are left out",
        "trial_consort": "How the randomised families flowed from allocation to analysis",
        "trial_forest": "Dots: estimate; lines: 95% CI; the vertical line is no difference; one panel per kind "
                        "of measure",
        "cohort_km": "Share of children not yet re-referred; numbers at risk below the axis",
        "meta_forest": "Squares: studies, sized by their weight; diamond: pooled estimate; bar: prediction "
                       "interval for a new study; the vertical line is no difference",
        "cohort_cif": "Stacked cumulative incidence of each way follow-up ends",
    },
    "nl": {
        "funnel": "Aantallen onder de drempel staan als ‘<10’, aantallen die zijn afgeschermd om die te beschermen "
                  "als ‘x’; de percentages per uitkomst zijn van de afgeronde aanmeldingen, die van het plan van de "
                  "conferenties",
        "funnel_trend": "Punten: deze registratie per jaar van aanmelding, met het 95%-BI als band; stippellijn: "
                        "het landelijke cijfer; alleen jaren met genoeg aanmeldingen staan erin",
        "execution": "Deze registratie naast de landelijke cijfers (ongeveer 40, 50 en 10 procent); plannen met een "
                     "evaluatie 3 tot 5 maanden na de conferentie",
        "agreements": "Staven: plannen naar hun aantal afspraken; aantallen afspraken met weinig plannen zijn "
                      "samengevoegd met hun buren (het oppervlak van een staaf blijft het aantal plannen), nooit "
                      "weggelaten",
        "domains": "Aandeel afspraken met professionele hulp per leefgebied, met 95%-BI; leefgebieden met weinig "
                   "afspraken zijn weggelaten",
        "trial_consort": "Hoe de gezinnen in het experiment van loting tot analyse gingen",
        "trial_forest": "Punten: schatting; lijnen: 95%-BI; de verticale lijn is ‘geen verschil’; één paneel per "
                        "soort maat",
        "cohort_km": "Aandeel kinderen dat nog niet opnieuw is gemeld; onder de as het aantal dat nog gevolgd wordt",
        "meta_forest": "Vierkantjes: studies, naar hun gewicht; ruit: gepoolde schatting; balk: voorspellingsinterval "
                       "voor een nieuwe studie; de verticale lijn is ‘geen verschil’",
        "cohort_cif": "Gestapelde cumulatieve incidentie van elke manier waarop de follow-up eindigt",
    },
}

FIGURE = {"en": "Figure", "nl": "Figuur"}
KM_WEIGHTED = {"en": " Curves weighted by the propensity score (inverse probability of treatment), so the groups are "
                     "comparable at baseline; bands are 95% robust intervals; the numbers at risk below are children.",
               "nl": " Curven gewogen met de propensityscore (inverse kans op de behandeling), zodat de groepen bij "
                     "de start vergelijkbaar zijn; banden zijn robuuste 95%-intervallen; de aantallen eronder zijn "
                     "kinderen."}
SYNTHETIC_MARK = {"en": "SYNTHETIC DATA – no real families", "nl": "SYNTHETISCHE GEGEVENS – geen echte gezinnen"}
TABLE = {"en": "Table", "nl": "Tabel"}
CONTENTS = {"en": "Contents", "nl": "Inhoud"}
BOTTOM_HEADING = {"en": "In short: did families with a conference do better?",
                  "nl": "Kort gezegd: ging het gezinnen met een conferentie beter?"}
CI_NOTE = {"en": "95% CI: the 95% confidence interval, the range of values compatible with the data; when it "
                 "includes no difference (0 for a difference, 1 for a ratio), the data do not show a difference.",
           "nl": "95%-BI: het 95%-betrouwbaarheidsinterval, de waarden die met de gegevens verenigbaar zijn; valt "
                 "‘geen verschil’ (0 bij een verschil, 1 bij een verhouding) erbinnen, dan tonen de gegevens geen "
                 "verschil aan."}
GLOSSARY_HEADING = {"en": "Glossary", "nl": "Begrippen"}
GLOSSARY: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("95% CI (confidence interval)", "the values compatible with the data at the 95% level"),
           ("Risk difference", "the share with the outcome with a conference minus the share without"),
           ("Relative risk (risk ratio)", "the share with a conference divided by the share without; "
            "1 = no difference"),
           ("Odds ratio", "like the relative risk but on the odds scale; close to it when the outcome is rare"),
           ("Hazard ratio", "how much sooner (above 1) or later (below 1) an event happens with a conference"),
           ("Cumulative incidence", "the share of children with the event by a given time, when other events "
            "(placement, moving) can end follow-up first"),
           ("Intention to treat (ITT)", "everyone analysed in the group they were allocated to, whether or not a "
            "conference was held: the fair comparison in a randomised trial"),
           ("CACE", "the effect among families who would hold a conference when offered one"),
           ("ICC / design effect", "how alike children of one family are, and how much that reduces the information"),
           ("Random-effects meta-analysis (REML)", "pooling studies while allowing their true effects to differ"),
           ("Prediction interval", "where the effect of a new, comparable study would lie")),
    "nl": (("95%-BI (betrouwbaarheidsinterval)", "de waarden die op 95%-niveau met de gegevens verenigbaar zijn"),
           ("Verschil in risico", "het aandeel met de uitkomst met conferentie min het aandeel zonder"),
           ("Relatief risico", "het aandeel met conferentie gedeeld door het aandeel zonder; 1 = geen verschil"),
           ("Odds ratio", "als het relatief risico, maar op de schaal van de odds; ligt er dicht bij als de uitkomst "
            "zeldzaam is"),
           ("Hazard ratio", "hoeveel eerder (boven 1) of later (onder 1) een gebeurtenis optreedt met conferentie"),
           ("Cumulatieve incidentie", "het aandeel kinderen met de gebeurtenis tot een bepaald moment, als andere "
            "gebeurtenissen (uithuisplaatsing, verhuizing) de follow-up eerder kunnen beëindigen"),
           ("Intention to treat (ITT)", "iedereen geanalyseerd in de groep waarin hij door loting kwam, of er nu een "
            "conferentie werd gehouden of niet: de eerlijke vergelijking in een experiment"),
           ("CACE", "het effect bij gezinnen die een conferentie zouden houden als die werd aangeboden"),
           ("ICC / design-effect", "hoe sterk kinderen uit één gezin op elkaar lijken, en hoeveel informatie dat kost"),
           ("Random-effects meta-analyse (REML)", "studies samenvatten terwijl hun ware effecten mogen verschillen"),
           ("Voorspellingsinterval", "waar het effect van een nieuwe, vergelijkbare studie zou liggen")),
}
SOURCES_HEADING = {"en": "Sources of the reference figures", "nl": "Bronnen van de vergelijkingscijfers"}


# the published figures in Dutch (references.py holds them in English, with their sources)
REFERENCE_NL = {
    "funnel_conference": "aanmeldingen die tot een conferentie leiden",
    "funnel_plan_without_conference": "aanmeldingen die eindigen in een plan zonder conferentie",
    "funnel_stopped": "aanmeldingen die in de voorbereiding stoppen",
    "plan_rate": "conferenties die een plan opleveren (9 op de 10)",
    "agreements_per_plan": "afspraken per plan, op meerdere leefgebieden",
    "professional_share": "afspraken die een beroep doen op professionele hulp (1 op de 5)",
    "plans_meeting_safety": "plannen die aan de wettelijke eis van veiligheid voldoen (alle)",
    "execution_full": "plannen volledig uitgevoerd 3–5 maanden na de conferentie",
    "execution_partial": "plannen gedeeltelijk uitgevoerd 3–5 maanden na de conferentie",
    "execution_none": "plannen niet uitgevoerd 3–5 maanden na de conferentie",
    "coordinator_hours": "tijd van de coördinator per conferentie",
    "conferences_nl_2015": "conferenties in Nederland tot 2015",
    "nz_placements_change": "uithuisplaatsingen in Nieuw-Zeeland nadat de conferentie wettelijk werd",
    "zonmw_conference_held": "gezinnen die standaard een conferentie kregen aangeboden en er een hielden (de anderen "
                             "geanalyseerd als aangeboden)",
    "wodc_safety_effect": "effect van een conferentie op de veiligheid van het kind (geen betere veiligheid)",
    "wodc_care_effect": "effect van een conferentie op het gebruik van professionele zorg (niet minder zorg)",
    "sundell_followup_years": "jaren follow-up van kinderen met en zonder conferentie",
}
SOURCE_NL = {
    EKC: "Eigen Kracht Centrale, 15 jaar registratie (zoals aangehaald in de brondocumenten, "
                             "ca. 2015)",
    WODC: "WODC / Universiteit van Amsterdam, quasi-experimenteel onderzoek bij gezinnen met een "
            "ondertoezichtstelling (conferentie gehouden / aangeboden maar niet gehouden / gebruikelijke zorg; "
            "Dijkstra e.a. 2016)",
    ZONMW: "ZonMw-project ‘Eigen Kracht Conferenties (EK-c’s) binnen de jeugdzorg’ (Asscher, Dijkstra e.a.)",
    SUNDELL: "Sundell & Vinnerljung (2004), Child Abuse & Neglect 28",
    HILHORST: "Hilhorst & Van der Lans (opiniestuk; niet herleid tot een studie)",
}


def _value(value: float, unit: str, lang: Lang) -> str:
    nl = lang == "nl"
    if unit == "share":
        return f"{100 * value:.0f}%"
    if unit == "relative change":
        return f"{100 * value:+.0f}%".replace("-", "−")
    if unit == "difference":
        return ("geen verschil" if nl else "no difference") if value == 0 else f"{value:g}"
    if unit in ("hours", "years"):
        return f"{value:g} " + {"hours": ("uur" if nl else "hours"), "years": ("jaar" if nl else "years")}[unit]
    return f"{value:,.0f}".replace(",", "." if nl else ",")


def sources_list(lang: Lang) -> tuple[str, ...]:
    """One entry per source (authors or organisation, year, document, kind), with the figures taken from it."""
    from ..describe import REFERENCES, SOURCE_INFO

    by_source: dict[str, list[str]] = {}
    for ref in REFERENCES.values():
        what = REFERENCE_NL[ref.key] if lang == "nl" else ref.description
        by_source.setdefault(ref.source, []).append(f"{what}: {_value(ref.value, ref.unit, lang)}")
    out = []
    for source, figures in by_source.items():
        name = SOURCE_NL.get(source, source) if lang == "nl" else source
        kind = SOURCE_INFO.get(source, {}).get(f"kind_{lang}", "")
        out.append(f"{name}" + (f" — {kind}" if kind else "") + ". " + ("Cijfers" if lang == "nl" else "Figures")
                   + ": " + "; ".join(figures) + ".")
    return tuple(out)
