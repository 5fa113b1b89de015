"""The report's sentences in Dutch and English: one catalogue, filled with numbers already made safe."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Eigen Kracht-conferenties: verloop, plannen en uitvoering",
        "subtitle": "Rapportage voor gemeenten en beleidsmakers",
        "synthetic_banner": "Let op: dit rapport is gemaakt met synthetische (verzonnen) gegevens. De cijfers "
                            "beschrijven geen echte gezinnen en zijn alleen bedoeld om de werkwijze te tonen.",
        "source": "Bron: {sources}. Aanmeldingen {first}–{last}.",
        "key_findings": "Belangrijkste bevindingen",
        "k_funnel": "Van de {closed} afgeronde aanmeldingen leidde {conf} tot een Eigen Kracht-conferentie, "
                    "eindigde {pwc} in een plan zonder conferentie en stopte {stopped} tijdens de voorbereiding. "
                    "Landelijk meldt de Eigen Kracht Centrale 70, 15 en 15 procent. {ongoing} aanmeldingen lopen nog.",
        "k_plans": "{plan_rate} van de conferenties leverde een plan op (landelijk 9 op de 10). Een plan bevat "
                   "gemiddeld {agreements} afspraken (landelijk ongeveer 15); {professional} van de afspraken doet "
                   "een beroep op professionele hulp (landelijk 1 op de 5).",
        "k_execution": "Bij de evaluatie 3 tot 5 maanden na de conferentie was {full} van de plannen volledig "
                       "uitgevoerd, {partial} gedeeltelijk en {none} niet (landelijk ongeveer 40, 50 en 10 procent). "
                       "Van {missing} plannen is in die periode geen evaluatie bekend; als die allemaal volledig of "
                       "juist helemaal niet waren uitgevoerd, lag het aandeel volledig uitgevoerde plannen tussen "
                       "{lower} en {upper}.",
        "k_trial": "In het gerandomiseerde experiment ({n} gezinnen) was de veiligheid na 12 maanden in de groep "
                   "met een aanbod van een Eigen Kracht-conferentie {safety_verdict}: verschil {safety}. "
                   "De odds ratio voor verlenging van de ondertoezichtstelling was {ext}; bij gezinnen met een "
                   "niet-westerse achtergrond {ext_nw}. De zorgkosten lagen gemiddeld {costs} per gezin "
                   "{costs_direction}.",
        "v_no_difference": "niet aantoonbaar anders", "v_higher": "hoger", "v_lower": "lager",
        "c_higher": "hoger", "c_lower": "lager",
        "k_cohort": "In het cohort (opgezet zoals de Zweedse studie van Sundell en Vinnerljung) was de hazard ratio "
                    "voor een nieuwe melding binnen drie jaar {hr_crude} voor kinderen met een conferentie; na "
                    "weging voor verschillen bij de start {hr_weighted}. Boven 1 betekent: eerder opnieuw gemeld. "
                    "De gewogen hazard ratio is de hoofduitkomst: alleen die vergelijkt groepen die bij de start op "
                    "elkaar lijken.",
        "k_meta": "Samengevat over {k} (synthetische) studies is het gepoolde relatief risico {pooled}; onder 1 "
                  "betekent minder gebeurtenissen na een conferentie. Een nieuwe, vergelijkbare studie kan een "
                  "relatief risico tussen {pi} vinden (voorspellingsinterval).",
        "ci": "95%-BI", "hidden": "[te weinig gegevens]",
        "figures": "Figuren", "tables": "Tabellen", "reference": "Vergelijking met de landelijke cijfers",
        "methods": "Werkwijze en kanttekeningen",
        "m_funnel": "De trechter beschrijft hoe aanmeldingen eindigen. De trechter zegt niets over het effect van een "
                    "conferentie: gezinnen die een conferentie houden verschillen van gezinnen die stoppen.",
        "m_intervals": "Percentages hebben een 95%-betrouwbaarheidsinterval (Wilson). Het aandeel afspraken met "
                       "professionele hulp is berekend over alle afspraken, met een standaardfout die rekening houdt "
                       "met het samenhangen van afspraken binnen één plan.",
        "m_execution": "Een evaluatie telt mee als die 3 tot en met 5 kalendermaanden na de conferentie (of na het "
                       "plan, als er geen conferentie was) is gedaan.",
        "m_wodc": "Wat zeggen eerdere studies? Het in opdracht van het WODC uitgevoerde onderzoek van de "
                  "Universiteit van Amsterdam (Dijkstra e.a. 2016; geen loting: gezinnen hielden een conferentie, "
                  "kregen er een aangeboden maar hielden hem niet, of kregen de gebruikelijke zorg) vond bij "
                  "gezinnen onder toezicht geen betere veiligheid en geen minder gebruik van professionele zorg na "
                  "een Eigen Kracht-conferentie; plannen werden na drie maanden meestal niet meer gebruikt, "
                  "ondertoezichtstellingen werden bij gezinnen met een niet-westerse achtergrond vaker verlengd en "
                  "de zorgkosten waren hoger. In het door ZonMw gefinancierde experiment met loting (Dijkstra e.a. "
                  "2019) hield maar 27% van de gezinnen die een conferentie kregen aangeboden er ook echt een.",

        "m_sundell": "De Zweedse studie van Sundell en Vinnerljung (2004) volgde kinderen drie jaar en vond op lange "
                     "termijn geen gunstiger uitkomsten na een conferentie dan na een regulier onderzoek.",
        "m_disclosure": "Aantallen kleiner dan {k} staan in dit rapport als ‘<{k}’. Cellen waaruit zo’n aantal "
                        "terug te rekenen is via een totaal, zijn ook afgeschermd; die staan als ‘x’ (afgeschermd, "
                        "maar niet klein). Het rapport bevat geen dossiernummers, namen of andere herleidbare "
                        "gegevens.",
        "suppressed_figure": "Deze figuur is weggelaten: er zijn te weinig gezinnen om hem te tonen zonder kleine "
                             "aantallen prijs te geven.",
        "col_stage": "uitkomst", "col_n": "aantal", "col_share": "aandeel", "col_ci_low": "ondergrens 95%-BI",
        "col_ci_high": "bovengrens 95%-BI", "col_denominator": "totaal", "col_execution": "uitvoering",
        "col_metric": "maat", "col_estimate": "schatting", "col_reference": "landelijk",
        "col_difference": "verschil", "col_year": "jaar",
        "effects": "Effecten: experiment, cohort en andere studies",
        "cap_funnel": "Waar aanmeldingen eindigen", "cap_funnel_by_year": "Waar aanmeldingen eindigen, per jaar",
        "cap_execution": "Uitvoering van het plan 3–5 maanden na de conferentie",
        "cap_plans": "Plannen: aandeel met plan, afspraken per plan, professionele hulp",
        "cap_funnel_vs_reference": "Deze registratie naast de landelijke cijfers (70, 15 en 15 procent)",
        "cap_trial_many": "Experiment: effect van een aanbod van een Eigen Kracht-conferentie (intention to treat)",
        "cap_trial_extension": "Experiment: verlenging van de ondertoezichtstelling, ook naar achtergrond (moderator)",
        "cap_trial_costs": "Experiment: zorgkosten per gezin (Welch; BCa-bootstrap ter vergelijking)",
        "cap_cohort": "Cohort: tijd tot een nieuwe melding (hazard ratio boven 1: eerder opnieuw gemeld)",
        "cap_meta": "Studies samen: gepoold relatief risico (random effects, REML)",
        "col_outcome": "uitkomst", "col_measure": "maat", "col_n_fgc": "n EK-c", "col_n_control": "n controle",
        "col_k": "studies",
        "generated": "Gemaakt met ekc_analysis {version}.",
    },
    "en": {
        "title": "Eigen Kracht family group conferences: referrals, plans and execution",
        "subtitle": "Report for municipalities and policymakers",
        "synthetic_banner": "Note: this report was made with synthetic (made-up) data. The numbers describe no real "
                            "families and only show how the analysis works.",
        "source": "Source: {sources}. Referrals {first}–{last}.",
        "key_findings": "Key findings",
        "k_funnel": "Of {closed} closed initiatives, {conf} reached a family group conference, {pwc} ended in a plan "
                    "without a conference and {stopped} stopped during preparation. The Eigen Kracht Centrale "
                    "reports 70, 15 and 15 per cent nationally. {ongoing} initiatives are still ongoing.",
        "k_plans": "{plan_rate} of conferences produced a plan (nationally 9 in 10). A plan holds {agreements} "
                   "agreements on average (nationally about 15); {professional} of agreements call on professional "
                   "help (nationally 1 in 5).",
        "k_execution": "At the follow-up 3 to 5 months after the conference, {full} of plans were fully carried out, "
                       "{partial} partly and {none} not at all (nationally about 40, 50 and 10 per cent). "
                       "For {missing} "
                       "plans no follow-up in that window is known; had all of them been fully carried out, or none "
                       "of them, the share fully carried out would lie between {lower} and {upper}.",
        "k_trial": "In the randomised trial ({n} families), safety after 12 months {safety_verdict} between families "
                   "offered a conference and the others: difference {safety}. The odds ratio for a supervision-order "
                   "extension was {ext}; for families of non-western background {ext_nw}. Care costs were on "
                   "average {costs} per family {costs_direction}.",
        "v_no_difference": "did not differ demonstrably", "v_higher": "was higher", "v_lower": "was lower",
        "c_higher": "higher", "c_lower": "lower",
        "k_cohort": "In the cohort (set up like Sundell and Vinnerljung's Swedish study), the hazard ratio for "
                    "re-referral "
                    "within three years was {hr_crude} for children with a conference; after weighting for baseline "
                    "differences, {hr_weighted}. Above 1 means re-referred sooner. The weighted hazard ratio is the "
                    "primary estimate: only it compares groups made alike at baseline.",
        "k_meta": "Across {k} (synthetic) studies the pooled risk ratio is {pooled}; below 1 means fewer events "
                  "after a conference. A new, comparable study could find a risk ratio between {pi} (prediction "
                  "interval).",
        "ci": "95% CI", "hidden": "[too few to show]",
        "figures": "Figures", "tables": "Tables", "reference": "Comparison with the national figures",
        "methods": "Methods and caveats",
        "m_funnel": "The funnel describes how initiatives end. It says nothing about the effect of a conference: "
                    "families who hold one differ from families who stop.",
        "m_intervals": "Percentages carry a 95% confidence interval (Wilson). The share of agreements calling on "
                       "professional help is a ratio over all agreements, with a standard error that allows for "
                       "agreements within one plan being alike (clustered by case).",
        "m_execution": "A follow-up counts when it took place 3 to 5 calendar months (inclusive) after the conference, "
                       "or after the plan when there was no conference.",
        "m_wodc": "What do earlier studies say? The WODC-commissioned study by the University of Amsterdam "
                  "(Dijkstra et al. 2016; not randomised: families held a conference, were offered one but did not "
                  "hold it, or had care as usual) found, for families under a supervision order, no better safety "
                  "and no less professional care after a conference; plans were mostly no longer used after three "
                  "months, supervision orders were extended more often for families of non-western background, and "
                  "care costs were higher. In the ZonMw-funded randomised trial (Dijkstra et al. 2019) only 27% of "
                  "families offered a conference actually held one.",

        "m_sundell": "The Swedish study by Sundell and Vinnerljung (2004) followed children for three years and found "
                     "no better long-term outcomes after a conference than after a traditional investigation.",
        "m_disclosure": "Counts below {k} are shown as ‘<{k}’. Cells from which such a count could be recovered "
                        "through a total are hidden too, shown as ‘x’ (hidden, but not small). The report contains "
                        "no case numbers, names or other identifying data.",
        "suppressed_figure": "This figure is left out: there are too few families to show it without revealing "
                             "small counts.",
        "col_stage": "stage", "col_n": "n", "col_share": "share", "col_ci_low": "CI low", "col_ci_high": "CI high",
        "col_denominator": "denominator", "col_execution": "execution", "col_metric": "metric",
        "col_estimate": "estimate", "col_reference": "national", "col_difference": "difference", "col_year": "year",
        "effects": "Effects: trial, cohort and other studies",
        "cap_funnel": "Where initiatives end", "cap_funnel_by_year": "Where initiatives end, by year",
        "cap_execution": "Plan execution 3–5 months after the conference",
        "cap_plans": "Plans: plan rate, agreements per plan, professional help",
        "cap_funnel_vs_reference": "This registry beside the national figures (70, 15 and 15 per cent)",
        "cap_trial_many": "Trial: effect of offering a family group conference (intention to treat)",
        "cap_trial_extension": "Trial: extension of the supervision order, also by background (moderator)",
        "cap_trial_costs": "Trial: care costs per family (Welch; BCa bootstrap for comparison)",
        "cap_cohort": "Cohort: time to re-referral (hazard ratio above 1: re-referred sooner)",
        "cap_meta": "Studies pooled: risk ratio (random effects, REML)",
        "col_outcome": "outcome", "col_measure": "measure", "col_n_fgc": "n FGC", "col_n_control": "n control",
        "col_k": "studies",
        "generated": "Made with ekc_analysis {version}.",
    },
}


def text(key: str, lang: str, **values: object) -> str:
    return TEXT[lang][key].format(**values)
