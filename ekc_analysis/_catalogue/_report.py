"""The report's sentences (``report_<key>``): page 1's findings, the absent-data notes, the verdicts against the
national figures, the headings, the methods and caveats, the tables' column names and the figures' captions.

``key -> (English, Dutch)``; filled in by :func:`ekc_analysis.reporting._text.text` with numbers already made
safe by the disclosure control.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "title": (
        "Eigen Kracht family group conferences: referrals, plans and execution",
        "Eigen Kracht-conferenties: verloop, plannen en uitvoering"),
    "subtitle": ("Report for municipalities and policymakers", "Rapportage voor gemeenten en beleidsmakers"),
    "synthetic_banner": (
        "Note: this report was made with synthetic (made-up) data. The numbers describe no real families and only "
        "show how the analysis works.",
        "Let op: dit rapport is gemaakt met synthetische (verzonnen) gegevens. De cijfers beschrijven geen echte "
        "gezinnen en zijn alleen bedoeld om de werkwijze te tonen."),
    "source": ("Source: {sources}. Referrals {first}–{last}.", "Bron: {sources}. Aanmeldingen {first}–{last}."),
    "key_findings": ("Key findings", "Belangrijkste bevindingen"),
    "k_funnel": (
        "Of {closed} closed initiatives, {conf} reached a family group conference, {pwc} ended in a plan without a "
        "conference and {stopped} stopped during preparation. The Eigen Kracht Centrale reports 70, 15 and 15 per "
        "cent nationally. {ongoing} initiatives are still ongoing.",
        "Van de {closed} afgeronde aanmeldingen leidde {conf} tot een Eigen Kracht-conferentie, eindigde {pwc} in "
        "een plan zonder conferentie en stopte {stopped} tijdens de voorbereiding. Landelijk meldt de Eigen Kracht "
        "Centrale 70, 15 en 15 procent. {ongoing} aanmeldingen lopen nog."),
    "k_plan_rate": (
        "{plan_rate} of conferences produced a plan (nationally 9 in 10).",
        "{plan_rate} van de conferenties leverde een plan op (landelijk 9 op de 10)."),
    "k_agreements": (
        "A plan holds {agreements} agreements on average (nationally about 15).",
        "Een plan bevat gemiddeld {agreements} afspraken (landelijk ongeveer 15)."),
    "k_agreements_few": (
        "The mean number of agreements per plan is not shown: it rests on fewer than {k} plans.",
        "Het gemiddelde aantal afspraken per plan is niet getoond: het rust op minder dan {k} plannen."),
    "k_professional": (
        "{professional} of agreements call on professional help (nationally 1 in 5).",
        "{professional} van de afspraken doet een beroep op professionele hulp (landelijk 1 op de 5)."),
    "k_execution": (
        "At the follow-up 3 to 5 months after the conference, {full} of plans were fully carried out, {partial} "
        "partly and {none} not at all (nationally about 40, 50 and 10 per cent).",
        "Bij de evaluatie 3 tot 5 maanden na de conferentie was {full} van de plannen volledig uitgevoerd, {partial} "
        "gedeeltelijk en {none} niet (landelijk ongeveer 40, 50 en 10 procent)."),
    "k_execution_bounds": (
        "For {missing} plans no follow-up in that window is known; had all of them been fully carried out, or none "
        "of them, the share fully carried out would lie between {lower} and {upper}.",
        "Van {missing} plannen is in die periode geen evaluatie bekend; als die allemaal volledig of juist helemaal "
        "niet waren uitgevoerd, lag het aandeel volledig uitgevoerde plannen tussen {lower} en {upper}."),
    "k_execution_none": (
        "No plan has a follow-up 3 to 5 months after the conference.",
        "Van geen enkel plan is een evaluatie 3 tot 5 maanden na de conferentie bekend."),
    "absent": (
        "{what} is not in these data: the export has no filled-in column for {columns}.",
        "{what} staat niet in deze gegevens: de export bevat geen ingevulde kolom voor {columns}."),
    "absent_plan_rate": ("Whether a conference produced a plan", "Of een conferentie een plan opleverde,"),
    "absent_plans": (
        "What conferences produced in plans and agreements",
        "Wat conferenties aan plannen en afspraken opleverden,"),
    "absent_agreements": ("The number of agreements per plan", "Het aantal afspraken per plan"),
    "absent_professional": (
        "Which agreements call on professional help",
        "Welke afspraken een beroep doen op professionele hulp,"),
    "absent_execution": ("How far plans were carried out", "Hoe ver plannen zijn uitgevoerd,"),
    "and": ("and", "en"),
    "or": ("or", "of"),
    "col_words_plan": ("plan yes/no", "plan ja/nee"),
    "col_words_n_agreements": ("the number of agreements", "het aantal afspraken"),
    "col_words_n_professional": ("professional help per agreement", "professionele hulp per afspraak"),
    "col_words_execution": ("the execution of the plan", "de uitvoering van het plan"),
    "col_words_followup_date": ("the follow-up date", "de evaluatiedatum"),
    "col_words_conference_date": ("the conference date", "de conferentiedatum"),
    "k_effect_none": (
        "Whether families with a conference do better, a registry like this cannot show: that takes a comparison "
        "with similar families without one. The studies that made it, the WODC/UvA study of families under a "
        "supervision order (Dijkstra et al. 2016) and the Swedish study by Sundell and Vinnerljung (2004), found no "
        "better outcomes after a conference.",
        "Of gezinnen met een conferentie het beter doen, kan een registratie als deze niet laten zien: daarvoor "
        "moeten ze worden vergeleken met vergelijkbare gezinnen zonder conferentie. De studies die dat deden, het "
        "WODC/UvA-onderzoek bij gezinnen onder toezicht (Dijkstra e.a. 2016) en de Zweedse studie van Sundell en "
        "Vinnerljung (2004), vonden na een conferentie geen betere uitkomsten."),
    "figure_absent": (
        "This figure is missing: the export has no filled-in column for {columns}.",
        "Deze figuur ontbreekt: de export bevat geen ingevulde kolom voor {columns}."),
    "vs_in_line": ("in line with the national figure", "in lijn met het landelijke cijfer"),
    "vs_in_line_explained": (
        "in line with the national figure (the difference is within the uncertainty)",
        "in lijn met het landelijke cijfer (het verschil valt binnen de onzekerheid)"),
    "vs_full": (
        "The share fully carried out is thus {verdict}.",
        "Het aandeel volledig uitgevoerde plannen is daarmee {verdict}."),
    "vs_above": ("above the national figure", "hoger dan het landelijke cijfer"),
    "vs_below": ("below the national figure", "lager dan het landelijke cijfer"),
    "vs_conference": (
        "The share reaching a conference is thus {verdict}.",
        "Het aandeel met een conferentie is daarmee {verdict}."),
    "vs_that": ("That is {verdict}.", "Dat is {verdict}."),
    "trend_too_few": (
        "This figure is left out: fewer than two years have enough referrals to show.",
        "Deze figuur is weggelaten: minder dan twee jaren hebben genoeg aanmeldingen om te tonen."),
    "plans_heading": ("Plans and agreements", "Plannen en afspraken"),
    "trial_heading": ("The randomised trial", "Het experiment met loting"),
    "cohort_heading": ("The cohort: time to {event.time_to}", "Het cohort: tijd tot {event.time_to}"),
    "meta_heading": ("Studies pooled", "Studies samengevat"),
    "k_trial": (
        "In the randomised trial ({n} families), safety after 12 months {safety_verdict} between families offered a "
        "conference and the others: difference {safety}. The odds ratio for a supervision-order extension was {ext}; "
        "for families of non-western background {ext_nw}. Care costs were on average {costs} per family "
        "{costs_direction}.",
        "In het gerandomiseerde experiment ({n} gezinnen) was de veiligheid na 12 maanden in de groep met een aanbod "
        "van een Eigen Kracht-conferentie {safety_verdict}: verschil {safety}. De odds ratio voor verlenging van de "
        "ondertoezichtstelling was {ext}; bij gezinnen met een niet-westerse achtergrond {ext_nw}. De zorgkosten "
        "lagen gemiddeld {costs} per gezin {costs_direction}."),
    "k_held": (
        "{held} of the {offered} families offered a conference held one ({share}). The trial compares by offer "
        "(intention to treat): an effect of holding a conference itself is diluted by that, and no difference by "
        "offer says little about what a conference that is held does.",
        "Van de {offered} gezinnen met een aanbod hielden er {held} een conferentie ({share}). Het experiment "
        "vergelijkt naar aanbod (intention to treat): een effect van het houden van een conferentie zelf wordt "
        "daardoor verdund, en geen verschil naar aanbod zegt weinig over wat een gehouden conferentie doet."),
    "v_no_difference": ("did not differ demonstrably", "niet aantoonbaar anders"),
    "v_higher": ("was higher", "hoger"),
    "v_lower": ("was lower", "lager"),
    "c_higher": ("higher", "hoger"),
    "c_lower": ("lower", "lager"),
    "k_cohort": (
        "In the cohort (set up like Sundell and Vinnerljung's Swedish study), the hazard ratio for {event.time_to} "
        "within three years was {hr_crude} for children with a conference; after weighting for baseline differences, "
        "{hr_weighted}. Above 1 means {event.happened} sooner. The weighted hazard ratio is the primary estimate: "
        "only it compares groups made alike at baseline.",
        "In het cohort (opgezet zoals de Zweedse studie van Sundell en Vinnerljung) was de hazard ratio voor "
        "{event.time_to} binnen drie jaar {hr_crude} voor kinderen met een conferentie; na weging voor verschillen "
        "bij de start {hr_weighted}. Boven 1 betekent: eerder {event.happened}. De gewogen hazard ratio is de "
        "hoofduitkomst: alleen die vergelijkt groepen die bij de start op elkaar lijken."),
    "b_cohort_same": (
        "in the cohort, {event.name} did not differ demonstrably between children with and without a conference "
        "(weighted hazard ratio {hr})",
        "in het cohort verschilde {event.name} niet aantoonbaar tussen kinderen met en zonder conferentie (gewogen "
        "hazard ratio {hr})"),
    "b_cohort_sooner": (
        "in the cohort, children with a conference were {event.happened} sooner (weighted hazard ratio {hr})",
        "in het cohort werden kinderen met een conferentie eerder {event.happened} (gewogen hazard ratio {hr})"),
    "b_cohort_later": (
        "in the cohort, children with a conference were {event.happened} later (weighted hazard ratio {hr})",
        "in het cohort werden kinderen met een conferentie later {event.happened} (gewogen hazard ratio {hr})"),
    "k_meta": (
        "Across {k} (synthetic) studies the pooled risk ratio of an adverse outcome (such as a new report or a "
        "placement) is {pooled}; below 1 means fewer such outcomes after a conference. A new, comparable study could "
        "find a risk ratio between {pi} (prediction interval).",
        "Samengevat over {k} (synthetische) studies is het gepoolde relatief risico op een ongunstige uitkomst "
        "(zoals een nieuwe melding of uithuisplaatsing) {pooled}; onder 1 betekent minder van zulke uitkomsten na "
        "een conferentie. Een nieuwe, vergelijkbare studie kan een relatief risico tussen {pi} vinden "
        "(voorspellingsinterval)."),
    "ci": ("95% CI", "95%-BI"),
    "hidden": ("a share not shown", "een afgeschermd deel"),
    "figures": ("Figures", "Figuren"),
    "tables": ("Tables", "Tabellen"),
    "reference": ("Comparison with the national figures", "Vergelijking met de landelijke cijfers"),
    "methods": ("Methods and caveats", "Werkwijze en kanttekeningen"),
    "m_funnel": (
        "The funnel describes how initiatives end. It says nothing about the effect of a conference: families who "
        "hold one differ from families who stop.",
        "De trechter beschrijft hoe aanmeldingen eindigen. De trechter zegt niets over het effect van een "
        "conferentie: gezinnen die een conferentie houden verschillen van gezinnen die stoppen."),
    "m_intervals": (
        "Percentages carry a 95% confidence interval (Wilson). The share of agreements calling on professional help "
        "is a ratio over all agreements, with a standard error that allows for agreements within one plan being "
        "alike (clustered by case).",
        "Percentages hebben een 95%-betrouwbaarheidsinterval (Wilson). Het aandeel afspraken met professionele hulp "
        "is berekend over alle afspraken, met een standaardfout die rekening houdt met het samenhangen van afspraken "
        "binnen één plan."),
    "m_execution": (
        "A follow-up counts when it took place 3 to 5 calendar months (inclusive) after the conference, or after the "
        "plan when there was no conference.",
        "Een evaluatie telt mee als die 3 tot en met 5 kalendermaanden na de conferentie (of na het plan, als er "
        "geen conferentie was) is gedaan."),
    "m_wodc": (
        "What do earlier studies say? The WODC-commissioned study by the University of Amsterdam (Dijkstra et al. "
        "2016; not randomised: families held a conference, were offered one but did not hold it, or had care as "
        "usual) found, for families under a supervision order, no better safety and no less professional care after "
        "a conference; plans were mostly no longer used after three months, supervision orders were extended more "
        "often for families of non-western background, and care costs were higher. In the ZonMw-funded randomised "
        "trial (Dijkstra et al. 2019) only 27% of families offered a conference actually held one.",
        "Wat zeggen eerdere studies? Het in opdracht van het WODC uitgevoerde onderzoek van de Universiteit van "
        "Amsterdam (Dijkstra e.a. 2016; geen loting: gezinnen hielden een conferentie, kregen er een aangeboden maar "
        "hielden hem niet, of kregen de gebruikelijke zorg) vond bij gezinnen onder toezicht geen betere veiligheid "
        "en geen minder gebruik van professionele zorg na een Eigen Kracht-conferentie; plannen werden na drie "
        "maanden meestal niet meer gebruikt, ondertoezichtstellingen werden bij gezinnen met een niet-westerse "
        "achtergrond vaker verlengd en de zorgkosten waren hoger. In het door ZonMw gefinancierde experiment met "
        "loting (Dijkstra e.a. 2019) hield maar 27% van de gezinnen die een conferentie kregen aangeboden er ook "
        "echt een."),
    "m_sundell": (
        "The Swedish study by Sundell and Vinnerljung (2004) followed children for three years and found no better "
        "long-term outcomes after a conference than after a traditional investigation.",
        "De Zweedse studie van Sundell en Vinnerljung (2004) volgde kinderen drie jaar en vond op lange termijn geen "
        "gunstiger uitkomsten na een conferentie dan na een regulier onderzoek."),
    "m_disclosure": (
        "Counts between 0 and {k} are shown as ‘<{k}’ (a zero is shown). All counts shown are checked together, with "
        "the totals they add up to (years to the whole, municipalities to their region, outcomes to their total): "
        "wherever a small count could be recovered by adding or subtracting, the smallest other count is hidden too, "
        "shown as ‘x’ (hidden, but not small). A share is shown only where its numerator and denominator are. A "
        "region or municipality keeps its count and its position against the limits as long as that count is not "
        "small, even when its share is hidden. The report contains no case numbers, names or other identifying data.",
        "Aantallen tussen 0 en {k} staan in dit rapport als ‘<{k}’ (een nul staat er gewoon). Alle getoonde "
        "aantallen zijn samen bekeken, met de totalen waar ze optellen (jaren tot het geheel, gemeenten tot hun "
        "regio, uitkomsten tot hun totaal): waar uit één afgeschermd aantal met optellen of aftrekken een klein "
        "aantal terug te rekenen zou zijn, is ook het kleinste andere aantal afgeschermd; dat staat als ‘x’ "
        "(afgeschermd, maar niet klein). Een aandeel staat er alleen als zijn teller en noemer er staan. Een regio "
        "of gemeente houdt haar aantal en haar ligging ten opzichte van de grenzen zolang dat aantal niet klein is, "
        "ook als haar aandeel is afgeschermd. Het rapport bevat geen dossiernummers, namen of andere herleidbare "
        "gegevens."),
    "suppressed_figure": (
        "This figure is left out: there are too few families to show it without revealing small counts.",
        "Deze figuur is weggelaten: er zijn te weinig gezinnen om hem te tonen zonder kleine aantallen prijs te "
        "geven."),
    "col_stage": ("stage", "uitkomst"),
    "col_n": ("n", "aantal"),
    "col_share": ("share", "aandeel"),
    "col_ci_low": ("CI low", "ondergrens 95%-BI"),
    "col_ci_high": ("CI high", "bovengrens 95%-BI"),
    "col_denominator": ("denominator", "totaal"),
    "col_execution": ("execution", "uitvoering"),
    "col_metric": ("metric", "maat"),
    "col_estimate": ("estimate", "schatting"),
    "col_reference": ("national", "landelijk"),
    "col_difference": ("difference", "verschil"),
    "col_year": ("year", "jaar"),
    "effects": ("Effects: trial, cohort and other studies", "Effecten: experiment, cohort en andere studies"),
    "cap_funnel": ("Where initiatives end", "Waar aanmeldingen eindigen"),
    "cap_funnel_by_year": ("Where initiatives end, by year", "Waar aanmeldingen eindigen, per jaar"),
    "cap_execution": (
        "Plan execution 3–5 months after the conference",
        "Uitvoering van het plan 3–5 maanden na de conferentie"),
    "cap_plans": (
        "Plans: plan rate, agreements per plan, professional help",
        "Plannen: aandeel met plan, afspraken per plan, professionele hulp"),
    "cap_funnel_vs_reference": (
        "This registry beside the national figures (70, 15 and 15 per cent)",
        "Deze registratie naast de landelijke cijfers (70, 15 en 15 procent)"),
    "cap_trial_many": (
        "Trial: effect of offering a family group conference (intention to treat)",
        "Experiment: effect van een aanbod van een Eigen Kracht-conferentie (intention to treat)"),
    "cap_trial_extension": (
        "Trial: extension of the supervision order, also by background (moderator)",
        "Experiment: verlenging van de ondertoezichtstelling, ook naar achtergrond (moderator)"),
    "cap_trial_costs": (
        "Trial: care costs per family (Welch; BCa bootstrap for comparison)",
        "Experiment: zorgkosten per gezin (Welch; BCa-bootstrap ter vergelijking)"),
    "cap_cohort": (
        "Cohort: time to {event.time_to} (hazard ratio above 1: {event.happened} sooner)",
        "Cohort: tijd tot {event.time_to} (hazard ratio boven 1: eerder {event.happened})"),
    "cap_meta": (
        "Studies pooled: risk ratio (random effects, REML)",
        "Studies samen: gepoold relatief risico (random effects, REML)"),
    "col_outcome": ("outcome", "uitkomst"),
    "col_measure": ("measure", "maat"),
    "col_n_fgc": ("n\u00a0FGC", "n\u00a0EK\u2011c"),
    "col_n_control": ("n\u00a0control", "n\u00a0controle"),
    "col_k": ("studies", "studies"),
    "generated": ("Made with ekc_analysis {version}.", "Gemaakt met ekc_analysis {version}."),
}
