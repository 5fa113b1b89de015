"""The warnings a user can meet (``StatisticalWarning``, ``PersonalDataWarning``): key → (English, Dutch).

A warning is raised with its message (``warnings.warn(Message(key, params), StatisticalWarning)``): ``str()`` of
it is the English text, and the command line prints it in the run's language. Advice written for a notebook (a
Python argument such as ``min_followup_months=12``) is a part of its own, passed as a parameter that is itself a
message; the command line words such a part by its ``<key>_cli`` variant (its own options: ``--min-followup-months
12``), with the same parameters. A ``_cli`` variant exists only where the two audiences need different words.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # parts shared by several warnings
    "warn_parts": ("{first}; {rest}", "{first}; {rest}"),
    "warn_ess_group": ("{group} {ess:.0f} of {n}", "{group} {ess:.0f} van {n}"),
    "warn_ess_group_colon": ("{group}: {ess:.1f} of {n}", "{group}: {ess:.1f} van {n}"),
    "warn_group_fgc": ("FGC group", "EK-c-groep"),
    "warn_group_comparison": ("comparison group", "vergelijkingsgroep"),
    "warn_the_intercept": ("the intercept", "het intercept"),
    "warn_python_advice": (
        "(the advice names {arguments} of ekc.{function} in Python; the command line has no such option)",
        "(het advies noemt {arguments} van ekc.{function} in Python; de opdrachtregel heeft die optie niet)"),
    # intake: columns that identify a person
    "warn_identifiers": (
        "{file} holds columns that identify a person: {names}. They are left out of the registry and of every "
        "result; researchers should receive pseudonymised files: run python -m ekc_analysis pseudonymise IN OUT "
        "--key-file KEY{alternative} before sharing.",
        "{file} bevat kolommen die een persoon identificeren: {names}. Ze blijven buiten het register en buiten elk "
        "resultaat; geef onderzoekers alleen gepseudonimiseerde bestanden: voer vóór het delen python -m "
        "ekc_analysis pseudonymise IN OUT --key-file KEY{alternative} uit."),
    "warn_identifiers_alternative": (" (or ekc.pseudonymise)", " (of ekc.pseudonymise)"),
    "warn_identifiers_alternative_cli": ("", ""),
    "warn_bsn": (
        "{file}: case_id looks like BSNs (they pass the eleven-test); pseudonymise them with python -m ekc_analysis "
        "pseudonymise IN OUT --key-file KEY --column case_id before analysis",
        "{file}: case_id lijkt uit BSN's te bestaan (ze doorstaan de elfproef); pseudonimiseer ze vóór de analyse "
        "met python -m ekc_analysis pseudonymise IN OUT --key-file KEY --column case_id"),
    # intake: weights that leave few effective rows
    "warn_weights_ess": (
        "{what}: the weights leave an effective sample size (Kish, (Σw)²/Σw²) of {sizes} — below {share:.0%} of the "
        "group or below {minimum}. A few heavily weighted rows drive the estimate and its interval may be too "
        "narrow; check overlap (ekc.balance, plots.overlap), trim the propensity score (trim=0.01) or use the ATT "
        "estimand",
        "{what}: de gewichten laten een effectieve steekproefomvang (Kish, (Σw)²/Σw²) van {sizes} over — onder "
        "{share:.0%} van de groep of onder {minimum}. Een paar zwaar gewogen rijen bepalen de schatting en het "
        "interval kan te smal zijn; controleer de overlap (ekc.balance, plots.overlap), kap de propensityscore af "
        "(trim=0.01) of gebruik de ATT-estimand"),
    # describe: a funnel of recent referrals
    "warn_funnel_ongoing": (
        "funnel: more than {share:.0f}% of initiatives are still ongoing ({where}) at {as_of}; their closed "
        "initiatives over-represent quick endings (stopping ends sooner than a conference). {advice}",
        "trechter: meer dan {share:.0f}% van de aanmeldingen loopt nog ({where}) op {as_of}; onder de afgeronde "
        "aanmeldingen zijn de snelle dan oververtegenwoordigd (stoppen gaat sneller dan een conferentie). {advice}"),
    "warn_funnel_all": ("all initiatives", "alle aanmeldingen"),
    "warn_funnel_level": ("{by}={level}", "{by}={level}"),
    "warn_funnel_stratum": ("{stratum}: {share:.0f}%", "{stratum}: {share:.0f}%"),
    "warn_funnel_as_of": ("as_of {date}", "de peildatum {date} (as_of)"),
    "warn_funnel_as_of_cli": ("the extraction date {date} (--as-of)", "de peildatum {date} (--as-of)"),
    "warn_funnel_advice": (
        "Give min_followup_months={months} to count only mature referrals, or see ekc.end_states(reg) for the end "
        "states by time since referral (ongoing initiatives censored at as_of).",
        "Geef min_followup_months={months} om alleen aanmeldingen te tellen die lang genoeg geleden zijn gedaan, of "
        "zie ekc.end_states(reg) voor de eindstanden naar tijd sinds aanmelding (lopende aanmeldingen gecensureerd "
        "op as_of)."),
    "warn_funnel_advice_cli": (
        "Give --min-followup-months {months} to count only mature referrals.",
        "Geef --min-followup-months {months} om alleen aanmeldingen te tellen die lang genoeg geleden zijn gedaan."),
    # stats: models that do not converge or separate
    "warn_logistic_separation": (
        "separation in the logistic model along {terms}: some groups have only events or only non-events, so "
        "maximum-likelihood odds ratios are infinite; Firth's penalised logistic regression was used instead "
        "(finite, shrunk towards 1; profile-likelihood intervals). Report the risks and the risk difference beside it",
        "separatie in het logistische model langs {terms}: sommige groepen hebben alleen gebeurtenissen of alleen "
        "niet-gebeurtenissen, dus zijn de oddsratio's volgens de grootste aannemelijkheid oneindig; in plaats daarvan "
        "is de gepenaliseerde logistische regressie van Firth gebruikt (eindig, naar 1 gekrompen; intervallen uit de "
        "profielaannemelijkheid). Rapporteer de risico's en het risicoverschil ernaast"),
    "warn_logistic_no_convergence": (
        "the logistic model did not converge ({detail}); read its odds ratios with care, or simplify the model "
        "(fewer covariates, pooled levels)",
        "het logistische model convergeerde niet ({detail}); lees de oddsratio's met zorg, of vereenvoudig het model "
        "(minder covariaten, samengevoegde niveaus)"),
    "warn_poisson_no_convergence": (
        "the modified Poisson model for the risk ratio did not converge (fitted risks near 1, or a pattern without "
        "events); the risk ratio is not reported — read the risk difference",
        "het gemodificeerde Poissonmodel voor het relatief risico convergeerde niet (geschatte risico's bij 1, of een "
        "patroon zonder gebeurtenissen); het relatief risico wordt niet gerapporteerd — lees het risicoverschil"),
    "warn_cox_no_convergence": (
        "the Cox model did not converge in {iterations} iterations; the estimates are not reliable: check for a "
        "covariate that (almost) separates events from non-events",
        "het Cox-model convergeerde niet in {iterations} iteraties; de schattingen zijn onbetrouwbaar: zoek een "
        "covariaat die gebeurtenissen (bijna) scheidt van niet-gebeurtenissen"),
    "warn_cox_infinite": (
        "the Cox log-likelihood converged before the coefficient of {terms}; it may be infinite (e.g. no events in "
        "one group): report event counts, or use a penalised (Firth) Cox model",
        "de log-aannemelijkheid van het Cox-model convergeerde vóór de coëfficiënt van {terms}; die kan oneindig "
        "zijn (bijv. geen gebeurtenissen in één groep): rapporteer de aantallen gebeurtenissen, of gebruik een "
        "gepenaliseerd Cox-model (Firth)"),
    "warn_meta_multilevel_no_convergence": (
        "three-level REML did not converge; σ² estimates may be off",
        "REML met drie niveaus convergeerde niet; de schattingen van σ² kunnen afwijken"),
    "warn_meta_reml_no_convergence": (
        "REML did not converge; the τ² estimate may be off. Try method='DL'.",
        "REML convergeerde niet; de schatting van τ² kan afwijken. Probeer method='DL'."),
    # studies: meta-analysis of few studies
    "warn_meta_few_studies_z": (
        "only {k} studies: the z interval of a random-effects pool is too narrow with fewer than ten (84–97 % "
        "coverage at k = 5–10 in benchmarks/sim_meta_intervals.py); use the default hksj='adhoc-sj'; the "
        "prediction interval covered 88–99 % there",
        "slechts {k} studies: het z-interval van een random-effects-pooling is bij minder dan tien te smal (84–97 % "
        "dekking bij k = 5–10 in benchmarks/sim_meta_intervals.py); gebruik de standaardinstelling "
        "hksj='adhoc-sj'; het voorspellingsinterval dekte daar 88–99 %"),
    "warn_meta_few_studies_adhoc_sj": (
        "only {k} studies: τ² is poorly known; in simulations of 5–10 studies (benchmarks/sim_meta_intervals.py) the "
        "prediction interval covered 95–100 % of new studies' effects; read it as a rough range",
        "slechts {k} studies: τ² is slecht bekend; in simulaties van 5–10 studies (benchmarks/sim_meta_intervals.py) "
        "dekte het voorspellingsinterval 95–100 % van de effecten van nieuwe studies; lees het als een ruwe marge"),
    "warn_meta_few_studies_pi": (
        "only {k} studies: τ² is poorly known; in simulations of 5–10 studies (benchmarks/sim_meta_intervals.py) the "
        "prediction interval covered 88–99 % (below 95 % whenever τ² was small or moderate) of new studies' effects; "
        "read it as a rough range",
        "slechts {k} studies: τ² is slecht bekend; in simulaties van 5–10 studies (benchmarks/sim_meta_intervals.py) "
        "dekte het voorspellingsinterval 88–99 % (onder 95 % zodra τ² klein of matig was) van de effecten van nieuwe "
        "studies; lees het als een ruwe marge"),
    # studies: rows left out, weights, separation in the propensity model
    "warn_complete_cases": (
        "{note} Consider multiple imputation if many are missing.",
        "{note} Overweeg meervoudige imputatie als er veel ontbreken."),
    "warn_table_one_ess": (
        "table_one: effective sample size below half the group ({sizes}): a few rows carry most of the weight, so "
        "the weighted table describes them; check overlap or trim the weights",
        "table_one: effectieve steekproefomvang onder de helft van de groep ({sizes}): een paar rijen dragen het "
        "meeste gewicht, dus beschrijft de gewogen tabel vooral hen; controleer de overlap of kap de gewichten af"),
    "warn_extreme_weights": (
        "extreme propensity weights (largest {largest:.1f}, mean {mean:.2f}; effective sample sizes {sizes}): check "
        "overlap, consider trim=0.01 or the ATT estimand",
        "extreme propensitygewichten (grootste {largest:.1f}, gemiddelde {mean:.2f}; effectieve steekproefomvang "
        "{sizes}): controleer de overlap, overweeg trim=0.01 of de ATT-estimand"),
    "warn_extreme_weights_groups": (
        "extreme propensity weights (largest {largest:.1f}, mean {mean:.2f}; effective sample sizes {sizes}): check "
        "overlap between every pair of groups, or consider trim=0.01",
        "extreme propensitygewichten (grootste {largest:.1f}, gemiddelde {mean:.2f}; effectieve steekproefomvang "
        "{sizes}): controleer de overlap tussen elk paar groepen, of overweeg trim=0.01"),
    "warn_quasi_separation": (
        "quasi-separation in the propensity model: {levels}. These rows have no counterpart in the other group "
        "(propensity 0 or 1). Pool each such level with a neighbouring one, restrict the cohort to where both groups "
        "occur, or pass trim=0.01",
        "quasi-separatie in het propensitymodel: {levels}. Deze rijen hebben geen tegenhanger in de andere groep "
        "(propensity 0 of 1). Voeg elk zo'n niveau samen met een naburig niveau, beperk het cohort tot waar beide "
        "groepen voorkomen, of geef trim=0.01"),
    "warn_quasi_level_one": (
        "{column} = {level} ({n} row, all in {group})", "{column} = {level} ({n} rij, in {group})"),
    "warn_quasi_level": (
        "{column} = {level} ({n} rows, all in {group})", "{column} = {level} ({n} rijen, allemaal in {group})"),
    "warn_rate_few_clusters": (
        "only {n_clusters} clusters in {cluster}: cluster-robust errors are unreliable below about 30; read the rate "
        "ratios with care or analyse one summary per cluster",
        "slechts {n_clusters} clusters in {cluster}: clusterrobuuste standaardfouten zijn onder ongeveer 30 "
        "onbetrouwbaar; lees de verhoudingen met zorg of analyseer één samenvatting per cluster"),
    "warn_e_value_rare": (
        "e_value: is the outcome rare? Without prevalence= or rare= the {what} is converted as for a common outcome "
        "(the conservative choice); re-referral within three years is common",
        "e_value: is de uitkomst zeldzaam? Zonder prevalence= of rare= wordt de {what} omgerekend als voor een "
        "veelvoorkomende uitkomst (de voorzichtige keuze); een nieuwe melding binnen drie jaar komt veel voor"),
    # studies: sparse binary outcomes (the notes of the same name, as a warning: lower case, no full stop)
    "warn_sparse_no_events": (
        "{label} has no events for {outcome}: the odds and risk ratios are infinite or zero; report the risks and "
        "the Newcombe risk difference (Firth's regression gives a finite odds ratio)",
        "{label} heeft geen gebeurtenissen voor {outcome}: oddsratio en relatief risico zijn oneindig of nul; "
        "rapporteer de risico's en het risicoverschil volgens Newcombe (de regressie van Firth geeft een eindige "
        "oddsratio)"),
    "warn_sparse_only_events": (
        "{label} has only events for {outcome}: the odds and risk ratios are infinite or zero; report the risks and "
        "the Newcombe risk difference (Firth's regression gives a finite odds ratio)",
        "{label} heeft alleen gebeurtenissen voor {outcome}: oddsratio en relatief risico zijn oneindig of nul; "
        "rapporteer de risico's en het risicoverschil volgens Newcombe (de regressie van Firth geeft een eindige "
        "oddsratio)"),
    "warn_sparse_cells": (
        "cells below 5 in the 2 × 2 table: {cells}; large-sample intervals are unreliable here: prefer the Newcombe "
        "risk difference and, for odds ratios, Firth's penalised regression",
        "cellen onder 5 in de 2 × 2-tabel: {cells}; intervallen die op grote steekproeven steunen zijn hier "
        "onbetrouwbaar: kies het risicoverschil volgens Newcombe en, voor oddsratio's, de gepenaliseerde regressie "
        "van Firth"),
    "warn_sparse_events": (
        "{events} events (or non-events) for {p} model parameters: fewer than 10 per parameter, so the adjusted "
        "estimates may be biased and unstable; adjust for fewer covariates (the crude randomised comparison stays "
        "valid)",
        "{events} gebeurtenissen (of niet-gebeurtenissen) voor {p} modelparameters: minder dan 10 per parameter, dus "
        "de gecorrigeerde schattingen kunnen vertekend en instabiel zijn; corrigeer voor minder covariaten (de "
        "ongecorrigeerde gelote vergelijking blijft geldig)"),
    # studies: clusters
    "warn_clustered_few": (
        "only {n_clusters} clusters in {cluster}: cluster-robust intervals ({method}) are unreliable below {few} "
        "clusters and can be too narrow. Report them with this caveat, check the result with an analysis of one "
        "summary per cluster, or use a randomisation (permutation) test over clusters.",
        "slechts {n_clusters} clusters in {cluster}: clusterrobuuste intervallen ({method}) zijn onder {few} clusters "
        "onbetrouwbaar en kunnen te smal zijn. Rapporteer ze met dit voorbehoud, controleer het resultaat met een "
        "analyse van één samenvatting per cluster, of gebruik een randomisatietoets (permutatietoets) over de "
        "clusters."),
    # studies: doubly robust
    "warn_dr_no_convergence": (
        "the outcome or propensity model did not converge (separation?); the doubly robust estimate is unreliable: "
        "use fewer covariates or pool levels",
        "het uitkomst- of propensitymodel convergeerde niet (separatie?); de dubbel robuuste schatting is "
        "onbetrouwbaar: gebruik minder covariaten of voeg niveaus samen"),
    "warn_dr_few_clusters_jackknife": (
        "only {n_clusters} clusters in {cluster}: the jackknife interval covered 95 % at 20 clusters in simulations; "
        "with fewer clusters read it with care",
        "slechts {n_clusters} clusters in {cluster}: het jackknife-interval dekte in simulaties 95 % bij 20 clusters; "
        "lees het bij minder clusters met zorg"),
    "warn_dr_few_clusters": (
        "only {n_clusters} clusters in {cluster}: cluster-robust AIPW intervals may be too narrow",
        "slechts {n_clusters} clusters in {cluster}: clusterrobuuste AIPW-intervallen kunnen te smal zijn"),
    "warn_dr_few_clusters_whole": (
        "only {n_clusters} clusters in {cluster}: cluster-robust AIPW intervals may be too narrow; the groups are "
        "whole clusters (cluster-randomised), where CR2 intervals covered about 91 % at 20 clusters in simulations: "
        "use small_sample='jackknife'",
        "slechts {n_clusters} clusters in {cluster}: clusterrobuuste AIPW-intervallen kunnen te smal zijn; de groepen "
        "zijn hele clusters (per cluster geloot), waar CR2-intervallen in simulaties ongeveer 91 % dekten bij 20 "
        "clusters: gebruik small_sample='jackknife'"),
    # studies: time to an event (survival)
    "warn_survival_no_events": (
        "no events in the {group} group: a hazard ratio is 0 or infinite and is not reported; compare the event "
        "counts, the Kaplan–Meier curves and the RMST (tau=) instead, or fit a penalised (Firth) Cox model",
        "geen gebeurtenissen in groep {group}: een hazardratio is 0 of oneindig en wordt niet gerapporteerd; "
        "vergelijk in plaats daarvan de aantallen gebeurtenissen, de Kaplan–Meier-curves en de RMST (tau=), of "
        "schat een gepenaliseerd Cox-model (Firth)"),
    "warn_survival_few_events": (
        "only {n} events: the hazard ratio's interval rests on a large-sample approximation that needs more; read it "
        "with care",
        "slechts {n} gebeurtenissen: het interval van de hazardratio rust op een benadering voor grote steekproeven "
        "die er meer nodig heeft; lees het met zorg"),
    "warn_survival_missing_covariates": (
        "{n} row(s) with a missing covariate are left out of the adjusted hazard ratio only (crude estimates use "
        "them); consider multiple imputation if many are missing",
        "{n} rij(en) met een ontbrekende covariaat zijn alleen bij de gecorrigeerde hazardratio weggelaten "
        "(ongecorrigeerde schattingen gebruiken ze); overweeg meervoudige imputatie als er veel ontbreken"),
    "warn_survival_events_per_parameter": (
        "{events} events for {parameters} parameters in the adjusted Cox model (fewer than {per} per parameter): "
        "the adjusted hazard ratio may be biased and its interval too narrow; use fewer covariates, or a propensity "
        "score (weights=)",
        "{events} gebeurtenissen voor {parameters} parameters in het gecorrigeerde Cox-model (minder dan {per} per "
        "parameter): de gecorrigeerde hazardratio kan vertekend zijn en het interval te smal; gebruik minder "
        "covariaten, of een propensityscore (weights=)"),
    "warn_survival_adjusted_no_events": (
        "among the rows with complete covariates one group has no events: the adjusted hazard ratio is not "
        "reported; impute the missing covariates or report the crude and weighted estimates",
        "onder de rijen met volledige covariaten heeft één groep geen gebeurtenissen: de gecorrigeerde hazardratio "
        "wordt niet gerapporteerd; imputeer de ontbrekende covariaten of rapporteer de ongecorrigeerde en gewogen "
        "schattingen"),
    "warn_survival_tau_beyond": (
        "tau={tau:g} lies beyond the last follow-up time in the {group} group ({last:g}): the curve is carried flat "
        "to tau; choose tau within both groups' follow-up",
        "tau={tau:g} ligt voorbij de laatste follow-uptijd in groep {group} ({last:g}): de curve loopt vlak door tot "
        "tau; kies tau binnen de follow-up van beide groepen"),
    "warn_survival_ph": (
        "proportional hazards look doubtful for {terms} (cox.zph p < 0.05): the hazard ratio averages a changing "
        "effect; report the RMST difference (tau=) and the curves beside it",
        "proportionele hazards lijken twijfelachtig voor {terms} (cox.zph p < 0,05): de hazardratio middelt een "
        "veranderend effect; rapporteer het RMST-verschil (tau=) en de curves ernaast"),
    "warn_survival_few_clusters": (
        "only {n_clusters} clusters in {cluster}: cluster-robust standard errors are too small with fewer than "
        "about {minimum}; read the intervals as too narrow",
        "slechts {n_clusters} clusters in {cluster}: clusterrobuuste standaardfouten zijn bij minder dan ongeveer "
        "{minimum} te klein; lees de intervallen als te smal"),
    # studies: competing risks
    "warn_competing_no_events": (
        "cause {cause} has no events in the {group}: its hazard ratios cannot be estimated; report the cumulative "
        "incidence instead",
        "oorzaak {cause} heeft geen gebeurtenissen in de {group}: de hazardratio's zijn niet te schatten; rapporteer "
        "in plaats daarvan de cumulatieve incidentie"),
    "warn_fine_gray_no_convergence": (
        "Fine–Gray fit for cause {cause} did not converge; read its ratio with care",
        "de Fine–Gray-schatting voor oorzaak {cause} convergeerde niet; lees de ratio met zorg"),
    "warn_competing_missing_covariates": (
        "{n} row(s) with a missing covariate are left out of the adjusted hazard ratios only (curves, differences "
        "and crude ratios use every row; the count is in settings['n_missing_covariates']); consider multiple "
        "imputation if many are missing",
        "{n} rij(en) met een ontbrekende covariaat zijn alleen bij de gecorrigeerde hazardratio's weggelaten (curves, "
        "verschillen en ongecorrigeerde ratio's gebruiken elke rij; het aantal staat in "
        "settings['n_missing_covariates']); overweeg meervoudige imputatie als er veel ontbreken"),
    "warn_competing_few_events": (
        "cause {cause}: only {events} event(s) in the {group} group (fewer than {minimum}); its hazard ratios and "
        "their intervals rest on a large-sample approximation that needs more events; read them with care",
        "oorzaak {cause}: slechts {events} gebeurtenis(sen) in groep {group} (minder dan {minimum}); de hazardratio's "
        "en hun intervallen rusten op een benadering voor grote steekproeven die meer gebeurtenissen nodig heeft; "
        "lees ze met zorg"),
    "warn_competing_few_clusters": (
        "only {n_clusters} clusters (fewer than {minimum}): cluster-robust standard errors of the hazard ratios and "
        "the cumulative incidence are too small with so few clusters; the intervals may be too narrow",
        "slechts {n_clusters} clusters (minder dan {minimum}): clusterrobuuste standaardfouten van de hazardratio's "
        "en de cumulatieve incidentie zijn bij zo weinig clusters te klein; de intervallen kunnen te smal zijn"),
    "warn_competing_not_proportional": (
        "cause {cause}: the subdistribution hazards of the two groups are not proportional (Wald test of group x "
        "log(time) in the Fine–Gray model, p = {p:.3g}); the subdistribution hazard ratio averages an effect that "
        "changes over time: read the cumulative-incidence differences at each time instead",
        "oorzaak {cause}: de subdistributie-hazards van de twee groepen zijn niet proportioneel (Wald-toets van "
        "groep x log(tijd) in het Fine–Gray-model, p = {p:.3g}); de subdistributie-hazardratio middelt een effect "
        "dat in de tijd verandert: lees in plaats daarvan de verschillen in cumulatieve incidentie op elk tijdstip"),
}

# Warnings whose advice names an argument of a Python function that the command line has no option for: the command
# line says so after the warning (``warn_python_advice``: the function and its arguments), so that a reader of a
# report run knows where the advice applies. Key → (function of ``ekc``, the arguments the advice names).
PYTHON_ADVICE: dict[str, tuple[str, tuple[str, ...]]] = {
    "warn_weights_ess": ("propensity_weights", ("trim",)),
    "warn_extreme_weights": ("propensity_weights", ("trim",)),
    "warn_extreme_weights_groups": ("propensity_weights", ("trim",)),
    "warn_quasi_separation": ("propensity_weights", ("trim",)),
    "warn_meta_reml_no_convergence": ("meta_analysis", ("method",)),
    "warn_meta_few_studies_z": ("meta_analysis", ("hksj",)),
    "warn_e_value_rare": ("e_value", ("prevalence", "rare")),
    "warn_dr_few_clusters_whole": ("doubly_robust", ("small_sample",)),
    "warn_survival_no_events": ("survival", ("tau",)),
    "warn_survival_tau_beyond": ("survival", ("tau",)),
    "warn_survival_ph": ("survival", ("tau",)),
    "warn_survival_events_per_parameter": ("survival", ("weights",)),
}

