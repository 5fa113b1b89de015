"""The report's words for the studies (``report_<key>``): the trial's and the cohort's findings, Table 1, the
flow, the study spec's problems and how sentences name the sample's columns (a spec's ``labels`` and ``words``
replace these); the pages of the studies as they were really built (ZonMw, WODC/UvA, competing risks) and the
names of their covariates (``report_covariate_<column>``).

``key -> (English, Dutch)``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "k_trial_primary": (
        "In the randomised trial ({n} families), {primary} {safety_verdict} between families offered a conference "
        "and the others: difference {safety}.",
        "In het gerandomiseerde experiment ({n} gezinnen) was {primary} in de groep met een aanbod van een Eigen "
        "Kracht-conferentie {safety_verdict}: verschil {safety}."),
    "k_trial_moderated_odds": (
        "The odds ratio for {outcome} was {ext}; for {subgroup} {ext_nw}.",
        "De odds ratio voor {outcome} was {ext}; bij {subgroup} {ext_nw}."),
    "k_trial_moderated_difference": (
        "The difference in {outcome} was {ext}; for {subgroup} {ext_nw}.",
        "Het verschil in {outcome} was {ext}; bij {subgroup} {ext_nw}."),
    "k_trial_costs": (
        "{costs_words} were on average {costs} per family {costs_direction}.",
        "{costs_words} lagen gemiddeld {costs} per gezin {costs_direction}."),
    "b_trial": (
        "In the randomised trial, {primary} was {verdict} with a conference ({difference} {estimate})",
        "In het experiment met loting was {primary} {verdict} met een conferentie ({difference} {estimate})"),
    "b_not_better": ("not demonstrably better", "niet aantoonbaar beter"),
    "b_better": ("better", "beter"),
    "b_worse": ("worse", "slechter"),
    "difference_in": ("difference in {what}", "verschil in {what}"),
    "words_safety_12": ("safety after 12 months", "de veiligheid na 12 maanden"),
    "words_safety_12.difference": ("difference in the safety score", "verschil in veiligheidsscore"),
    "words_ots_extension": ("a supervision-order extension", "verlenging van de ondertoezichtstelling"),
    "words_non_western=1": ("families of non-western background", "gezinnen met een niet-westerse achtergrond"),
    "words_costs": ("Care costs", "De zorgkosten"),
    "label_single_parent": ("single parent", "eenoudergezin"),
    "label_safety_0": ("safety at the start", "veiligheid bij de start"),
    "label_professional_care_0": ("professional care at the start", "professionele zorg bij de start"),
    "label_girl": ("girl", "meisje"),
    "label_prior_referrals": ("prior referrals", "eerdere aanmeldingen"),
    "label_reason": ("reason for referral", "reden van aanmelding"),
    "label_reason=abuse": ("abuse", "mishandeling"),
    "label_reason=behaviour": ("behaviour", "gedragsproblemen"),
    "label_immigrant": ("migration background", "migratieachtergrond"),
    "t1_yes": ("yes", "ja"),
    "t1_no": ("no", "nee"),
    "t1_trial_text": (
        "How alike the arms were at the start: n (%) for categories, mean (SD) or median [Q1, Q3] for numbers, "
        "missing values counted apart, and the standardised difference (SMD; below 0.1 is usually read as balanced). "
        "The arms were formed by lot, so a difference at the start is chance.",
        "Hoe de groepen bij de start op elkaar leken: n (%) voor categorieën, gemiddelde (SD) of mediaan [Q1, Q3] "
        "voor getallen, ontbrekende waarden apart geteld, en het gestandaardiseerde verschil (SMD; onder 0,1 geldt "
        "meestal als in balans). De groepen zijn door loting gevormd: een verschil bij de start is toeval."),
    "t1_cohort_text": (
        "The cohort's groups were not formed by lot and differ at the start. Weighting by the propensity score for "
        "{covariates} makes them alike on those characteristics: the weighted table gives the SMD after weighting "
        "beside the SMD before, and the effective sample size, how many children the weighted groups are worth.",
        "De groepen van het cohort zijn niet door loting gevormd en verschillen bij de start. Weging met de "
        "propensityscore voor {covariates} maakt ze op die kenmerken gelijk: de gewogen tabel geeft het SMD na "
        "weging naast dat ervoor, en de effectieve steekproefomvang: hoeveel kinderen de gewogen groepen waard zijn."),
    "cap_trial_table_one": (
        "Trial: characteristics at the start, by arm",
        "Experiment: kenmerken bij de start, per groep"),
    "cap_trial_flow": (
        "Trial: the flow of families (CONSORT), the numbers of the figure",
        "Experiment: het verloop van de gezinnen (CONSORT), de aantallen van de figuur"),
    "cap_cohort_table_one": (
        "Cohort: characteristics at the start, by group, unweighted",
        "Cohort: kenmerken bij de start, per groep, ongewogen"),
    "cap_cohort_table_one_weighted": (
        "Cohort: characteristics at the start after propensity weighting (weighted n, effective sample size)",
        "Cohort: kenmerken bij de start na weging met de propensityscore (gewogen n, effectieve steekproefomvang)"),
    "cap_cohort_flow": ("Cohort: the flow of children (STROBE)", "Cohort: het verloop van de kinderen (STROBE)"),
    "col_flow_stage": ("stage", "stap"),
    "col_flow_all": ("all", "samen"),
    "flow_allocated_observational": ("In the group", "In de groep"),
    "flow_analysed_observational": ("Analysed", "Geanalyseerd"),
    "flow_weighted": ("With a propensity weight (weighted analyses)", "Met een propensitygewicht (gewogen analyses)"),
    "spec_what": ("the study spec of {source}", "de studiebeschrijving van {source}"),
    "spec_invalid": (
        "{source}: the study spec is not valid; problems found: {n}",
        "{source}: de studiebeschrijving is niet geldig; gevonden problemen: {n}"),
    "spec_no_column": ("no such column in the study file{hint}", "deze kolom staat niet in het studiebestand{hint}"),
    "spec_did_you_mean": (" (did you mean '{name}'?)", " (bedoelt u '{name}'?)"),
    "spec_no_arm": (
        "not a value of the group column {group} (its values: {levels})",
        "geen waarde van de groepskolom {group} (de waarden: {levels})"),
    "spec_two_arms": (
        "the group column needs exactly two groups; found {n}: {levels}",
        "de groepskolom moet precies twee groepen hebben; gevonden: {n} ({levels})"),
    "spec_three_arms": (
        "the group column needs exactly three groups (held a conference, offered but not held, care as usual); "
        "found {n}: {levels}",
        "de groepskolom moet precies drie groepen hebben (conferentie gehouden, aangeboden maar niet gehouden, "
        "gebruikelijke zorg); gevonden: {n} ({levels})"),
    "spec_same_arm": ("the same group as {other}", "dezelfde groep als {other}"),
    "spec_cluster": (
        "a trial that randomised families needs the column of the family (the cluster)",
        "een experiment dat gezinnen door loting verdeelde, heeft de kolom van het gezin nodig (het cluster)"),
    "spec_event_words": (
        "give {{\"en\": forms, \"nl\": forms}}, the forms {{{forms}}} each a text",
        "geef {{\"en\": vormen, \"nl\": vormen}}, de vormen {{{forms}}} elk een tekst"),
    "spec_not_binary": ("kind binary: the values must be 0 and 1", "soort binary: de waarden moeten 0 en 1 zijn"),
    "spec_not_continuous": ("the column must hold numbers", "de kolom moet getallen bevatten"),
    "spec_not_an_outcome": ("must be one of the outcomes ({listed})", "moet een van de uitkomsten zijn ({listed})"),
    "spec_moderator": (
        "moderator and moderated go together: name both, or neither",
        "moderator en moderated horen bij elkaar: geef ze allebei of geen van beide"),
    "spec_nonnormal": ("not among the baseline columns", "staat niet bij de baseline-kolommen"),
    "spec_unreadable": ("cannot read the study spec: {reason}", "de studiebeschrijving is niet te lezen: {reason}"),
    "spec_not_object": (
        "the study spec must be one JSON object {{...}}",
        "de studiebeschrijving moet één JSON-object {{...}} zijn"),
    "spec_design": (
        "\"design\" must be \"trial\", \"cohort\", \"cluster_trial\" (families randomised, a row per child) or "
        "\"three_groups\" (held a conference, offered but not held, care as usual)",
        "\"design\" moet \"trial\", \"cohort\", \"cluster_trial\" (gezinnen door loting verdeeld, een rij per kind) "
        "of \"three_groups\" (conferentie gehouden, aangeboden maar niet gehouden, gebruikelijke zorg) zijn"),
    "spec_unknown_field": (
        "unknown field{hint}; the fields are: {fields}",
        "onbekend veld{hint}; de velden zijn: {fields}"),
    "spec_a_column": ("give one column name (text)", "geef één kolomnaam (tekst)"),
    "spec_columns": ("give a list of column names", "geef een lijst met kolomnamen"),
    "spec_arm": (
        "give a value of the group column (text or a number)",
        "geef een waarde van de groepskolom (tekst of een getal)"),
    "spec_count": ("give a whole number, 0 or more", "geef een geheel getal, 0 of meer"),
    "spec_counts": (
        "give {{\"reason\": count}}, each count a whole number, 0 or more",
        "geef {{\"reden\": aantal}}, elk aantal een geheel getal, 0 of meer"),
    "spec_positive": ("give a number above 0", "geef een getal boven 0"),
    "spec_words": (
        "give {{\"en\": text, \"nl\": text}} for each column",
        "geef {{\"en\": tekst, \"nl\": tekst}} per kolom"),
    "spec_outcomes": ("give a list of outcomes", "geef een lijst met uitkomsten"),
    "spec_outcome": (
        "an outcome is {{\"column\": name, \"kind\": ..., \"better\": ...}} and nothing else",
        "een uitkomst is {{\"column\": naam, \"kind\": ..., \"better\": ...}} en verder niets"),
    "spec_kind": (
        "\"kind\" must be \"binary\" (0/1) or \"continuous\"",
        "\"kind\" moet \"binary\" (0/1) of \"continuous\" zijn"),
    "spec_better": (
        "\"better\" must be \"higher\" or \"lower\": which values are better for the family",
        "\"better\" moet \"higher\" of \"lower\" zijn: welke waarden beter zijn voor het gezin"),
    # the pages of the studies as they were really built (reporting/_studies.py)
    "zonmw_heading": (
        "Children within families: a trial shaped like ZonMw",
        "Kinderen binnen gezinnen: een onderzoek zoals dat van ZonMw"),
    "zonmw_text": (
        "{families} families were randomised ({fgc} to the offer of a conference, {cau} to care as usual), with "
        "{children} children. Siblings are alike (ICC of {icc_of} {icc}), so the children count as about "
        "{effective} independent observations (design effect {deff}). The intervals below are cluster-robust (CR2 "
        "with Satterthwaite degrees of freedom); treating the children as independent would make them too narrow.",
        "{families} gezinnen werden door loting verdeeld ({fgc} kregen een conferentie aangeboden, {cau} de "
        "gebruikelijke zorg), met samen {children} kinderen. Broers en zussen lijken op elkaar (ICC van {icc_of} "
        "{icc}); de kinderen tellen daardoor als ongeveer {effective} onafhankelijke waarnemingen (design-effect "
        "{deff}). De betrouwbaarheidsintervallen hieronder houden daar rekening mee (CR2 met "
        "Satterthwaite-vrijheidsgraden); kinderen als onafhankelijk tellen zou ze te smal maken."),
    "zonmw_outcome": ("{outcome}{adjusted}: {measure} {estimate}.", "{outcome}{adjusted}: {measure} {estimate}."),
    "zonmw_adjusted": (", adjusted for {covariates}", ", gecorrigeerd voor {covariates}"),
    "zonmw_measure_continuous": ("difference", "verschil"),
    "zonmw_measure_binary": ("risk difference", "verschil in risico"),
    "wodc_heading": (
        "Three groups: held a conference, offered but not held, care as usual (WODC/UvA shape)",
        "Drie groepen: conferentie gehouden, aangeboden maar niet gehouden, gebruikelijke zorg (zoals WODC/UvA)"),
    "wodc_text": (
        "{held} families held a conference, {not_held} were offered one but did not hold it, {cau} had care as "
        "usual. No group was allocated by lot: this is an observational comparison, and families chose whether to "
        "hold the conference, so the differences below are not effects of FGC: families who held one differ from the "
        "others in other ways too. The least biased contrast is everyone offered a conference ({offered} families) "
        "against care as usual. {outcome}, adjusted for {covariates}: offered vs care as "
        "usual {ext_offered}; held vs care as usual {ext_held}; offered but not held vs care as usual {ext_not} "
        "(Holm-adjusted p-values across the three contrasts: {holm}). Do the three groups differ at all, adjusted "
        "for the same characteristics: p = {p_omni}.",
        "{held} gezinnen hielden een conferentie, {not_held} kregen er een aangeboden maar hielden hem niet, {cau} "
        "kregen de gebruikelijke zorg. Geen groep is door loting gevormd: dit is een observationele vergelijking, en "
        "gezinnen kozen zelf of ze de conferentie hielden; de verschillen hieronder zijn daarom geen effecten van "
        "Eigen Kracht: gezinnen die een conferentie hielden, verschillen ook op andere punten. De minst vertekende "
        "vergelijking is iedereen aan wie een conferentie werd aangeboden ({offered} gezinnen) tegenover "
        "gebruikelijke zorg. {outcome}, gecorrigeerd voor {covariates}: aangeboden "
        "tegenover gebruikelijke zorg {ext_offered}; gehouden tegenover gebruikelijke zorg {ext_held}; aangeboden "
        "maar niet gehouden tegenover gebruikelijke zorg {ext_not} (p-waarden volgens Holm over de drie "
        "vergelijkingen: {holm}). Verschillen de drie groepen überhaupt, gecorrigeerd voor dezelfde kenmerken: p = "
        "{p_omni}."),
    "cr_heading": (
        "How follow-up ends: {event.name} against {ends}",
        "Hoe de follow-up eindigt: {event.name} tegenover {ends}"),
    "cr_ends_when": ("Follow-up also ends when {ends}.", "De follow-up eindigt ook als {ends}."),
    "cr_ends_other": ("Follow-up can also end otherwise: {ends}.", "De follow-up kan ook anders eindigen: {ends}."),
    "cr_text": (
        "Counting those children as if they could still be {event.happened} overstates {event.name}: after 3 years "
        "1 − Kaplan–Meier gives {naive_fgc} with FGC where the Aalen–Johansen cumulative incidence gives {aj_fgc} "
        "({aj_cau} without). Subdistribution hazard ratio of {event.name} (Fine–Gray): {shr}. Restricted mean time "
        "without {event.name} in the first 3 years, FGC minus comparison: {rmst} years.",
        "Wie die kinderen meetelt alsof ze nog {event.happened} kunnen worden, overschat de kans op {event.name}: na "
        "3 jaar geeft 1 − Kaplan–Meier {naive_fgc} bij Eigen Kracht, waar de cumulatieve incidentie "
        "(Aalen–Johansen) {aj_fgc} geeft ({aj_cau} zonder). Subdistributie-hazard ratio van {event.name} "
        "(Fine–Gray): {shr}. Gemiddelde tijd zonder {event.name} in de eerste 3 jaar, Eigen Kracht min "
        "vergelijkingsgroep: {rmst} jaar."),
    "cr_adjusted": (
        "Adjusted for {covariates}, the subdistribution hazard ratio of {event.name} (Fine–Gray with covariates) is "
        "{ashr}. Weighted by the propensity score for the same characteristics (the figure shows the weighted "
        "curves), the cumulative incidence of {event.name} after 3 years is {w_fgc} with FGC and {w_cau} without: a "
        "weighted difference of {wdiff} percentage points (FGC minus comparison).",
        "Gecorrigeerd voor {covariates} is de subdistributie-hazard ratio van {event.name} (Fine–Gray met "
        "covariaten) {ashr}. Gewogen met de propensity score voor dezelfde kenmerken (de figuur toont de gewogen "
        "curves) is de cumulatieve incidentie van {event.name} na 3 jaar {w_fgc} bij Eigen Kracht en {w_cau} "
        "zonder: een gewogen verschil van {wdiff} procentpunt (Eigen Kracht min vergelijkingsgroep)."),
    # the cohort's event (a CohortSpec's event_words replace these) and the other ends of follow-up (its words)
    "km_title": ("Time to {event.time_to}", "Tijd tot {event.time_to}"),  # the survival figure and its caption
    "km_ylabel": ("Not {event.happened}", "Niet {event.happened}"),
    "event_name": ("re-referral", "heraanmelding"),
    "event_time_to": ("re-referral", "een nieuwe melding"),
    "event_happened": ("re-referred", "opnieuw gemeld"),
    "end_placed": ("placement", "uithuisplaatsing"),
    "end_placed_when": ("a child is placed out of home", "een kind uit huis wordt geplaatst"),
    "end_moved": ("moving", "verhuizing"),
    "end_moved_when": ("the family moves", "het gezin verhuist"),
    "end_rereferral": ("re-referral", "heraanmelding"),
    "end_rereferral_when": ("a child is re-referred", "een kind opnieuw wordt aangemeld"),
    # outcomes opening a sentence of those pages, and named briefly (a spec's words replace these)
    "outcome_safety_12": ("Safety after 12 months", "Veiligheid na 12 maanden"),
    "outcome_placed": ("Out-of-home placement", "Uithuisplaatsing"),
    "outcome_ots_extension": ("Extension of the supervision order", "Verlenging van de ondertoezichtstelling"),
    "short_safety_12": ("safety", "veiligheid"),
    "cap_zonmw": (
        "ZonMw-shaped trial: intention to treat, clustered by family",
        "Onderzoek zoals ZonMw: intention to treat, geclusterd per gezin"),
    "cap_wodc": (
        "WODC-shaped study (observational): each group and everyone offered against care as usual",
        "Onderzoek zoals WODC (observationeel): elke groep en alle aangeboden gezinnen tegenover gebruikelijke zorg"),
    "cap_cr": (
        "Cumulative incidence after 1, 2 and 3 years by how follow-up ended (Aalen–Johansen)",
        "Cumulatieve incidentie na 1, 2 en 3 jaar naar hoe de follow-up eindigde (Aalen–Johansen)"),
    # covariates named in those pages' sentences
    "covariate_age": ("age", "leeftijd"),
    "covariate_safety_0": ("the baseline", "de beginmeting"),
    "covariate_girl": ("sex", "geslacht"),
    "covariate_prior_referrals": ("prior referrals", "eerdere aanmeldingen"),
    "covariate_reason": ("reason for referral", "reden van aanmelding"),
    "covariate_immigrant": ("migration background", "migratieachtergrond"),
}
