"""Fixed words of the report (``report_<key>``): captions' prefixes and the marks each figure's caption explains
(``report_caption_<figure>``), the 95% CI note, the glossary's and the sources' headings, the published figures
(``report_reference_<key>``; the English is the description in describe/_references.py, a test keeps them the
same) and their sources (``report_source_<source>``; the English is the source's name there).

``key -> (English, Dutch)``; :data:`GLOSSARY` is the glossary as data, both languages side by side.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # words of the page
    "figure": ("Figure", "Figuur"),
    "figure_synthetic_mark": ("SYNTHETIC DATA – no real families", "SYNTHETISCHE GEGEVENS – geen echte gezinnen"),
    "value_no_difference": ("no difference", "geen verschil"),
    "value_hours": ("{value} hours", "{value} uur"),
    "value_years": ("{value} years", "{value} jaar"),
    "source_figures": ("Figures", "Cijfers"),
    "table": ("Table", "Tabel"),
    "contents": ("Contents", "Inhoud"),
    "bottom_heading": (
        "In short: did families with a conference do better?",
        "Kort gezegd: ging het gezinnen met een conferentie beter?"),
    "ci_note": (
        "95% CI: the 95% confidence interval, the range of values compatible with the data; when it includes no "
        "difference (0 for a difference, 1 for a ratio), the data do not show a difference.",
        "95%-BI: het 95%-betrouwbaarheidsinterval, de waarden die met de gegevens verenigbaar zijn; valt ‘geen "
        "verschil’ (0 bij een verschil, 1 bij een verhouding) erbinnen, dan tonen de gegevens geen verschil aan."),
    "glossary_heading": ("Glossary", "Begrippen"),
    "sources_heading": ("Sources of the reference figures", "Bronnen van de vergelijkingscijfers"),
    "synthetic_mark": ("SYNTHETIC DATA – no real families", "SYNTHETISCHE GEGEVENS – geen echte gezinnen"),
    "km_weighted": (
        " Curves weighted by the propensity score (inverse probability of treatment), so the groups are comparable "
        "at baseline; bands are 95% robust intervals; the numbers at risk below are children.",
        " Curven gewogen met de propensityscore (inverse kans op de behandeling), zodat de groepen bij de start "
        "vergelijkbaar zijn; banden zijn robuuste 95%-intervallen; de aantallen eronder zijn kinderen."),
    # what the marks of each figure mean, after its title in the caption
    "caption_funnel": (
        "Counts below the disclosure threshold show as ‘<10’, counts hidden to protect them as ‘x’; the stage shares "
        "are of the closed initiatives, the plan shares of the conferences",
        "Aantallen onder de drempel staan als ‘<10’, aantallen die zijn afgeschermd om die te beschermen als ‘x’; de "
        "percentages per uitkomst zijn van de afgeronde aanmeldingen, die van het plan van de conferenties"),
    "caption_funnel_trend": (
        "Dots: this registry per year of referral, with the 95% CI as a band; dashed line: the national figure; only "
        "years with enough referrals are drawn",
        "Punten: deze registratie per jaar van aanmelding, met het 95%-BI als band; stippellijn: het landelijke "
        "cijfer; alleen jaren met genoeg aanmeldingen staan erin"),
    "caption_execution": (
        "This registry beside the national figures (about 40, 50 and 10 per cent); plans with a follow-up 3 to 5 "
        "months after the conference",
        "Deze registratie naast de landelijke cijfers (ongeveer 40, 50 en 10 procent); plannen met een evaluatie 3 "
        "tot 5 maanden na de conferentie"),
    "caption_agreements": (
        "Bars: plans by their number of agreements; numbers of agreements with few plans are merged with their "
        "neighbours (the area of each bar stays its number of plans), never dropped",
        "Staven: plannen naar hun aantal afspraken; aantallen afspraken met weinig plannen zijn samengevoegd met hun "
        "buren (het oppervlak van een staaf blijft het aantal plannen), nooit weggelaten"),
    "caption_domains": (
        "Share of agreements calling on professional help per life domain, with 95% CI; domains with few agreements "
        "are left out",
        "Aandeel afspraken met professionele hulp per leefgebied, met 95%-BI; leefgebieden met weinig afspraken zijn "
        "weggelaten"),
    "caption_trial_consort": (
        "How the randomised families flowed from allocation to analysis",
        "Hoe de gezinnen in het experiment van loting tot analyse gingen"),
    "caption_trial_forest": (
        "Dots: estimate; lines: 95% CI; the vertical line is no difference; one panel per kind of measure",
        "Punten: schatting; lijnen: 95%-BI; de verticale lijn is ‘geen verschil’; één paneel per soort maat"),
    "caption_cohort_km": (
        "Share of children not yet re-referred; numbers at risk below the axis",
        "Aandeel kinderen dat nog niet opnieuw is gemeld; onder de as het aantal dat nog gevolgd wordt"),
    "caption_meta_forest": (
        "Squares: studies, sized by their weight; diamond: pooled estimate; bar: prediction interval for a new "
        "study; the vertical line is no difference",
        "Vierkantjes: studies, naar hun gewicht; ruit: gepoolde schatting; balk: voorspellingsinterval voor een "
        "nieuwe studie; de verticale lijn is ‘geen verschil’"),
    "caption_cohort_cif": (
        "Stacked cumulative incidence of each way follow-up ends",
        "Gestapelde cumulatieve incidentie van elke manier waarop de follow-up eindigt"),
    # the published figures (describe/_references.py holds them in English, with their sources)
    "reference_funnel_conference": ("initiatives reaching a conference", "aanmeldingen die tot een conferentie leiden"),
    "reference_funnel_plan_without_conference": (
        "initiatives ending in a plan without conference",
        "aanmeldingen die eindigen in een plan zonder conferentie"),
    "reference_funnel_stopped": (
        "initiatives stopped during preparation",
        "aanmeldingen die in de voorbereiding stoppen"),
    "reference_plan_rate": (
        "conferences that produce a plan (9 in 10)",
        "conferenties die een plan opleveren (9 op de 10)"),
    "reference_agreements_per_plan": (
        "agreements per plan, on several life domains",
        "afspraken per plan, op meerdere leefgebieden"),
    "reference_professional_share": (
        "agreements calling on professional help (1 in 5)",
        "afspraken die een beroep doen op professionele hulp (1 op de 5)"),
    "reference_plans_meeting_safety": (
        "plans meeting the legal safety requirement (all)",
        "plannen die aan de wettelijke eis van veiligheid voldoen (alle)"),
    "reference_execution_full": (
        "plans fully carried out 3–5 months after the conference",
        "plannen volledig uitgevoerd 3–5 maanden na de conferentie"),
    "reference_execution_partial": (
        "plans partly carried out 3–5 months after the conference",
        "plannen gedeeltelijk uitgevoerd 3–5 maanden na de conferentie"),
    "reference_execution_none": (
        "plans not carried out 3–5 months after the conference",
        "plannen niet uitgevoerd 3–5 maanden na de conferentie"),
    "reference_coordinator_hours": (
        "coordinator time per conference (hours)",
        "tijd van de coördinator per conferentie"),
    "reference_conferences_nl_2015": (
        "conferences held in the Netherlands by 2015",
        "conferenties in Nederland tot 2015"),
    "reference_nz_placements_change": (
        "out-of-home placements in New Zealand after FGC became law",
        "uithuisplaatsingen in Nieuw-Zeeland nadat de conferentie wettelijk werd"),
    "reference_zonmw_conference_held": (
        "families offered a conference by default who actually held one (rest analysed as offered)",
        "gezinnen die standaard een conferentie kregen aangeboden en er een hielden (de anderen geanalyseerd als "
        "aangeboden)"),
    "reference_wodc_safety_effect": (
        "effect of FGC on child safety (no better safety)",
        "effect van een conferentie op de veiligheid van het kind (geen betere veiligheid)"),
    "reference_wodc_care_effect": (
        "effect of FGC on professional care use (no less care)",
        "effect van een conferentie op het gebruik van professionele zorg (niet minder zorg)"),
    "reference_sundell_followup_years": (
        "years of follow-up of FGC and comparison children",
        "jaren follow-up van kinderen met en zonder conferentie"),
    # their sources
    "source_ekc": (
        "Eigen Kracht Centrale, 15 years of registration (as quoted in the source texts, c. 2015)",
        "Eigen Kracht Centrale, 15 jaar registratie (zoals aangehaald in de brondocumenten, ca. 2015)"),
    "source_wodc": (
        "WODC / University of Amsterdam quasi-experimental study of families under a supervision order (held a "
        "conference / offered, not held / care as usual; Dijkstra et al. 2016)",
        "WODC / Universiteit van Amsterdam, quasi-experimenteel onderzoek bij gezinnen met een ondertoezichtstelling "
        "(conferentie gehouden / aangeboden maar niet gehouden / gebruikelijke zorg; Dijkstra e.a. 2016)"),
    "source_zonmw": (
        "ZonMw project \"Eigen Kracht Conferenties (EK-c's) binnen de jeugdzorg\" (Asscher, Dijkstra et al.)",
        "ZonMw-project ‘Eigen Kracht Conferenties (EK-c’s) binnen de jeugdzorg’ (Asscher, Dijkstra e.a.)"),
    "source_sundell": (
        "Sundell & Vinnerljung (2004), Child Abuse & Neglect 28",
        "Sundell & Vinnerljung (2004), Child Abuse & Neglect 28"),
    "source_hilhorst": (
        "Hilhorst & Van der Lans (opinion text; not traced to a study)",
        "Hilhorst & Van der Lans (opiniestuk; niet herleid tot een studie)"),
}


# The glossary stays structured: a sequence of (term, meaning) pairs, each
# ((English term, English meaning), (Dutch term, Dutch meaning)), in the order the report lists them.
GLOSSARY: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = (
    (("95% CI (confidence interval)",
      "the values compatible with the data at the 95% level"),
     ("95%-BI (betrouwbaarheidsinterval)",
      "de waarden die op 95%-niveau met de gegevens verenigbaar zijn")),
    (("Risk difference",
      "the share with the outcome with a conference minus the share without"),
     ("Verschil in risico",
      "het aandeel met de uitkomst met conferentie min het aandeel zonder")),
    (("Relative risk (risk ratio)",
      "the share with a conference divided by the share without; 1 = no difference"),
     ("Relatief risico",
      "het aandeel met conferentie gedeeld door het aandeel zonder; 1 = geen verschil")),
    (("Odds ratio",
      "like the relative risk but on the odds scale; close to it when the outcome is rare"),
     ("Odds ratio",
      "als het relatief risico, maar op de schaal van de odds; ligt er dicht bij als de uitkomst zeldzaam is")),
    (("Hazard ratio",
      "how much sooner (above 1) or later (below 1) an event happens with a conference"),
     ("Hazard ratio",
      "hoeveel eerder (boven 1) of later (onder 1) een gebeurtenis optreedt met conferentie")),
    (("Cumulative incidence",
      "the share of children with the event by a given time, when other events (placement, moving) can end "
      "follow-up first"),
     ("Cumulatieve incidentie",
      "het aandeel kinderen met de gebeurtenis tot een bepaald moment, als andere gebeurtenissen "
      "(uithuisplaatsing, verhuizing) de follow-up eerder kunnen beëindigen")),
    (("Intention to treat (ITT)",
      "everyone analysed in the group they were allocated to, whether or not a conference was held: the fair "
      "comparison in a randomised trial"),
     ("Intention to treat (ITT)",
      "iedereen geanalyseerd in de groep waarin hij door loting kwam, of er nu een conferentie werd gehouden of "
      "niet: de eerlijke vergelijking in een experiment")),
    (("CACE",
      "the effect among families who would hold a conference when offered one"),
     ("CACE",
      "het effect bij gezinnen die een conferentie zouden houden als die werd aangeboden")),
    (("ICC / design effect",
      "how alike children of one family are, and how much that reduces the information"),
     ("ICC / design-effect",
      "hoe sterk kinderen uit één gezin op elkaar lijken, en hoeveel informatie dat kost")),
    (("Random-effects meta-analysis (REML)",
      "pooling studies while allowing their true effects to differ"),
     ("Random-effects meta-analyse (REML)",
      "studies samenvatten terwijl hun ware effecten mogen verschillen")),
    (("Prediction interval",
      "where the effect of a new, comparable study would lie"),
     ("Voorspellingsinterval",
      "waar het effect van een nieuwe, vergelijkbare studie zou liggen")),
)
