"""The report's words for the studies as files describe them: Table 1, the flow, the study spec's problems,
and how sentences name the sample's columns (a spec's ``labels`` and ``words`` replace these).

Merged into :data:`._text.TEXT` (a key may be defined once only); ``key -> (English, Dutch)``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # page 1 and the bottom line on the trial, from the spec's outcomes
    "k_trial_primary": (
        "In the randomised trial ({n} families), {primary} {safety_verdict} between families offered a conference "
        "and the others: difference {safety}.",
        "In het gerandomiseerde experiment ({n} gezinnen) was {primary} in de groep met een aanbod van een Eigen "
        "Kracht-conferentie {safety_verdict}: verschil {safety}."),
    "k_trial_moderated_odds": ("The odds ratio for {outcome} was {ext}; for {subgroup} {ext_nw}.",
                               "De odds ratio voor {outcome} was {ext}; bij {subgroup} {ext_nw}."),
    "k_trial_moderated_difference": ("The difference in {outcome} was {ext}; for {subgroup} {ext_nw}.",
                                     "Het verschil in {outcome} was {ext}; bij {subgroup} {ext_nw}."),
    "k_trial_costs": ("{costs_words} were on average {costs} per family {costs_direction}.",
                      "{costs_words} lagen gemiddeld {costs} per gezin {costs_direction}."),
    "b_trial": ("In the randomised trial, {primary} was {verdict} with a conference ({difference} {estimate})",
                "In het experiment met loting was {primary} {verdict} met een conferentie ({difference} {estimate})"),
    "b_not_better": ("not demonstrably better", "niet aantoonbaar beter"),
    "b_better": ("better", "beter"), "b_worse": ("worse", "slechter"),
    "difference_in": ("difference in {what}", "verschil in {what}"),
    # the sample's columns in sentences and tables
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
    # Table 1
    "t1_yes": ("yes", "ja"), "t1_no": ("no", "nee"),
    "t1_trial_text": (
        "How alike the arms were at the start: n (%) for categories, mean (SD) or median [Q1, Q3] for numbers, "
        "missing values counted apart, and the standardised difference (SMD; below 0.1 is usually read as "
        "balanced). The arms were formed by lot, so a difference at the start is chance.",
        "Hoe de groepen bij de start op elkaar leken: n (%) voor categorieën, gemiddelde (SD) of mediaan [Q1, Q3] "
        "voor getallen, ontbrekende waarden apart geteld, en het gestandaardiseerde verschil (SMD; onder 0,1 geldt "
        "meestal als in balans). De groepen zijn door loting gevormd: een verschil bij de start is toeval."),
    "t1_cohort_text": (
        "The cohort's groups were not formed by lot and differ at the start. Weighting by the propensity score "
        "for {covariates} makes them alike on those characteristics: the weighted table gives the SMD after "
        "weighting beside the SMD before, and the effective sample size, how many children the weighted groups "
        "are worth.",
        "De groepen van het cohort zijn niet door loting gevormd en verschillen bij de start. Weging met de "
        "propensityscore voor {covariates} maakt ze op die kenmerken gelijk: de gewogen tabel geeft het SMD na "
        "weging naast dat ervoor, en de effectieve steekproefomvang: hoeveel kinderen de gewogen groepen waard "
        "zijn."),
    "cap_trial_table_one": ("Trial: characteristics at the start, by arm",
                            "Experiment: kenmerken bij de start, per groep"),
    "cap_trial_flow": ("Trial: the flow of families (CONSORT), the numbers of the figure",
                       "Experiment: het verloop van de gezinnen (CONSORT), de aantallen van de figuur"),
    "cap_cohort_table_one": ("Cohort: characteristics at the start, by group, unweighted",
                             "Cohort: kenmerken bij de start, per groep, ongewogen"),
    "cap_cohort_table_one_weighted": (
        "Cohort: characteristics at the start after propensity weighting (weighted n, effective sample size)",
        "Cohort: kenmerken bij de start na weging met de propensityscore (gewogen n, effectieve steekproefomvang)"),
    "cap_cohort_flow": ("Cohort: the flow of children (STROBE)", "Cohort: het verloop van de kinderen (STROBE)"),
    # the flow table
    "col_flow_stage": ("stage", "stap"), "col_flow_all": ("all", "samen"),
    "flow_allocated_observational": ("In the group", "In de groep"),
    "flow_analysed_observational": ("Analysed", "Geanalyseerd"),
    "flow_weighted": ("With a propensity weight (weighted analyses)",
                      "Met een propensitygewicht (gewogen analyses)"),
    # the study spec's problems
    "spec_what": ("the study spec of {source}", "de studiebeschrijving van {source}"),
    "spec_invalid": ("{source}: the study spec is not valid; problems found: {n}",
                     "{source}: de studiebeschrijving is niet geldig; gevonden problemen: {n}"),
    "spec_no_column": ("no such column in the study file{hint}", "deze kolom staat niet in het studiebestand{hint}"),
    "spec_did_you_mean": (" (did you mean '{name}'?)", " (bedoelt u '{name}'?)"),
    "spec_no_arm": ("not a value of the group column {group} (its values: {levels})",
                    "geen waarde van de groepskolom {group} (de waarden: {levels})"),
    "spec_two_arms": ("the group column needs exactly two groups; found {n}: {levels}",
                      "de groepskolom moet precies twee groepen hebben; gevonden: {n} ({levels})"),
    "spec_not_binary": ("kind binary: the values must be 0 and 1", "soort binary: de waarden moeten 0 en 1 zijn"),
    "spec_not_continuous": ("the column must hold numbers", "de kolom moet getallen bevatten"),
    "spec_not_an_outcome": ("must be one of the outcomes ({listed})", "moet een van de uitkomsten zijn ({listed})"),
    "spec_moderator": ("moderator and moderated go together: name both, or neither",
                       "moderator en moderated horen bij elkaar: geef ze allebei of geen van beide"),
    "spec_nonnormal": ("not among the baseline columns", "staat niet bij de baseline-kolommen"),
    "spec_unreadable": ("cannot read the study spec: {reason}", "de studiebeschrijving is niet te lezen: {reason}"),
    "spec_not_object": ("the study spec must be one JSON object {{...}}",
                        "de studiebeschrijving moet één JSON-object {{...}} zijn"),
    "spec_design": ('"design" must be "trial" or "cohort"', '"design" moet "trial" of "cohort" zijn'),
    "spec_unknown_field": ("unknown field{hint}; the fields are: {fields}",
                           "onbekend veld{hint}; de velden zijn: {fields}"),
    "spec_a_column": ("give one column name (text)", "geef één kolomnaam (tekst)"),
    "spec_columns": ("give a list of column names", "geef een lijst met kolomnamen"),
    "spec_arm": ("give a value of the group column (text or a number)",
                 "geef een waarde van de groepskolom (tekst of een getal)"),
    "spec_count": ("give a whole number, 0 or more", "geef een geheel getal, 0 of meer"),
    "spec_counts": ('give {{"reason": count}}, each count a whole number, 0 or more',
                    'geef {{"reden": aantal}}, elk aantal een geheel getal, 0 of meer'),
    "spec_positive": ("give a number above 0", "geef een getal boven 0"),
    "spec_words": ('give {{"en": text, "nl": text}} for each column', 'geef {{"en": tekst, "nl": tekst}} per kolom'),
    "spec_outcomes": ("give a list of outcomes", "geef een lijst met uitkomsten"),
    "spec_outcome": ('an outcome is {{"column": name, "kind": ..., "better": ...}} and nothing else',
                     'een uitkomst is {{"column": naam, "kind": ..., "better": ...}} en verder niets'),
    "spec_kind": ('"kind" must be "binary" (0/1) or "continuous"',
                  '"kind" moet "binary" (0/1) of "continuous" zijn'),
    "spec_better": ('"better" must be "higher" or "lower": which values are better for the family',
                    '"better" moet "higher" of "lower" zijn: welke waarden beter zijn voor het gezin'),
}
