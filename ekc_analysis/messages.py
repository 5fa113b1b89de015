"""The message catalogue: every sentence a reader sees (result titles, notes), by key, in Dutch and English.

Texts are ``str.format`` templates; :func:`ekc_analysis.labels.t` fills them in (names in the data in
words, numbers as the reader writes them). Both languages have every key with the same placeholders
(tests/test_i18n.py). Add a key here in both languages; never translate a text back from English.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        # result titles
        "title_funnel": "Funnel: how initiatives end",
        "title_plans": "Plans: plan rate, agreements per plan, professional help",
        "title_execution": "Execution of plans {lo}–{hi} months after the conference",
        "title_end_states": "End states by time since referral",
        "title_consort": "Trial flow (CONSORT)",
        "title_balance": "Covariate balance (standardised mean differences)",
        "title_compare": "Effect of FGC on {outcome} ({kind})",
        "title_compare_groups": "Effect of FGC on {outcome} ({kind}): {k} groups against {ref}",
        "title_differences_groups": "Differences in {outcome} ({kind}): {k} groups against {ref}",
        "title_compare_waves": "Effect of FGC on {outcome} per wave",
        "title_compare_many": "Effects of FGC on {k} outcomes",
        "title_survival": "Time to {event}: FGC versus comparison",
        "title_competing_risks": "Competing risks for {status}: FGC versus comparison (cause of interest: {cause})",
        "title_meta": "Random-effects meta-analysis of {effect}",
        "title_meta_multilevel": "Three-level meta-analysis of {effect}",
        "title_costs": "Difference in {cost} (FGC − control)",
        "title_rate_ratio": "Rate of {count} per {exposure}",
        "title_variance_explained": "Variance in {outcome} explained by FGC",
        "title_benchmark": "Benchmark by {by}: {metric}",
        "title_power": "Power for a {outcome} outcome, {shape}",
        "title_power_clustered": "Power for a {outcome} outcome, {shape}, clustered",
        "title_e_value": "E-value for {measure} {estimate:g}",
        "title_e_value_smd": "E-value for a standardised mean difference {estimate:g}",
        "title_reference": "{title} — versus the published figures",
        "shape_equal": "two equal arms",
        "shape_unequal": "arms {allocation:g} : 1",
    },
    "nl": {
        "title_funnel": "Trechter: hoe aanmeldingen eindigen",
        "title_plans": "Plannen: aandeel met plan, afspraken per plan, professionele hulp",
        "title_execution": "Uitvoering van plannen {lo}–{hi} maanden na de conferentie",
        "title_end_states": "Eindtoestanden naar tijd sinds aanmelding",
        "title_consort": "Verloop van het experiment (CONSORT)",
        "title_balance": "Balans van covariaten (gestandaardiseerde verschillen)",
        "title_compare": "Effect van EK-c op {outcome} ({kind})",
        "title_compare_groups": "Effect van EK-c op {outcome} ({kind}): {k} groepen tegenover {ref}",
        "title_differences_groups": "Verschillen in {outcome} ({kind}): {k} groepen (niet door loting) tegenover "
                                    "{ref}",
        "title_compare_waves": "Effect van EK-c op {outcome} per meting",
        "title_compare_many": "Effecten van EK-c op {k} uitkomsten",
        "title_survival": "Tijd tot {event}: EK-c tegenover vergelijking",
        "title_competing_risks": "Concurrerende risico's voor {status}: EK-c tegenover vergelijking "
                                 "(oorzaak waar het om gaat: {cause})",
        "title_meta": "Random-effects meta-analyse van {effect}",
        "title_meta_multilevel": "Meta-analyse op drie niveaus van {effect}",
        "title_costs": "Verschil in {cost} (EK-c − controle)",
        "title_rate_ratio": "{count} per {exposure}",
        "title_variance_explained": "Variantie in {outcome} verklaard door EK-c",
        "title_benchmark": "Vergelijking per {by}: {metric}",
        "title_power": "Power voor een uitkomst ({outcome}), {shape}",
        "title_power_clustered": "Power voor een uitkomst ({outcome}), {shape}, geclusterd",
        "title_e_value": "E-waarde voor {measure} {estimate:g}",
        "title_e_value_smd": "E-waarde voor een gestandaardiseerd verschil {estimate:g}",
        "title_reference": "{title} — naast de gepubliceerde cijfers",
        "shape_equal": "twee even grote groepen",
        "shape_unequal": "groepen {allocation:g} : 1",
    },
}
