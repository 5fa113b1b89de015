"""The notes of the study estimators (``studies/``, ``stats/``) beyond those in ``_results.py`` and (time to an
event) ``_studies_survival.py``: key → (English, Dutch).

Several notes are built from parts (a method sentence with optional clauses, a list of groups with their
effective sample sizes); each part is a key of its own, passed as a parameter that is itself a message, so
that every part is rendered in the reader's language.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # parts shared by several notes
    "note_list": ("{first}, {rest}", "{first}, {rest}"),
    "note_sentences": ("{first} {rest}", "{first} {rest}"),
    "note_ess_group": ("{group} {ess:.1f} of {n}", "{group} {ess:.1f} van {n}"),
    "note_number": ("{x:.3g}", "{x:.3g}"),
    "note_p_of": ("{p:.3g} ({cause})", "{p:.3g} ({cause})"),
    "note_arm_fgc": ("FGC", "EK-c"),
    "note_arm_comparison": ("comparison", "vergelijkingsgroep"),
    "note_sample_unweighted": ("unweighted", "ongewogen"),
    "note_sample_weighted": ("weighted", "gewogen"),
    "note_measure_risk_difference": ("risk difference", "risicoverschil"),
    "note_measure_adjusted_risk_difference": ("adjusted risk difference", "gecorrigeerd risicoverschil"),
    "note_measure_mean_difference": ("mean difference", "verschil in gemiddelde"),
    "note_measure_adjusted_mean_difference": ("adjusted mean difference", "gecorrigeerd verschil in gemiddelde"),
    "note_measure_risk_ratio": ("risk ratio", "relatief risico"),
    "note_measure_odds_ratio": ("odds ratio", "oddsratio"),
    "note_measure_adjusted_odds_ratio": ("adjusted odds ratio", "gecorrigeerde oddsratio"),
    "note_measure_hazard_ratio": ("hazard ratio", "hazardratio"),
    # groups: complete cases, reference levels
    "note_complete_case_rows": (
        "rows with a missing value in the analysed columns left out: {x_treated} in {treated}, {x_control} in "
        "{control} (complete-case analysis).",
        "rijen met een ontbrekende waarde in de geanalyseerde kolommen weggelaten: {x_treated} in {treated}, "
        "{x_control} in {control} (analyse van volledige gevallen)."),
    "note_reference_levels": (
        "Reference levels of text covariates: {levels} (sorted as text unless the column is a pandas Categorical, "
        "whose order is kept: make it one to choose another reference).",
        "Referentieniveaus van tekstcovariaten: {levels} (als tekst gesorteerd, tenzij de kolom een "
        "pandas-Categorical is, waarvan de volgorde behouden blijft: maak er een van om een ander referentieniveau "
        "te kiezen)."),
    # compare: clusters, sparse tables, compliance, Firth
    "note_method_satterthwaite": ("CR2, t on Satterthwaite df", "CR2, t bij Satterthwaite-vg"),
    "note_method_naive": ("CR2, t on G−1 df", "CR2, t bij G−1 vg"),
    "note_icc_not_estimable": ("not estimable", "niet te schatten"),
    "note_icc": ("{icc:.2f}", "{icc:.2f}"),
    "note_clustered": (
        "Clustered by {cluster}: {n_clusters} clusters ({n_fgc} FGC, {n_comparison} comparison; {rows} rows, mean "
        "size {mean_size:.2f}, largest {largest}). ICC of {outcome} within arms {icc} (one-way ANOVA for unequal "
        "cluster sizes); design effect 1 + (m̄ − 1)·ICC = {design_effect:.2f} (m̄ the mean cluster size, ICC "
        "truncated at 0). Every estimate is cluster-robust: {method} (clubSandwich vcovCR type CR2 with coef_test "
        "{test}; the df column gives the df used): risk difference from a linear probability model, risk ratio from "
        "a modified Poisson model, odds ratios from logistic models, mean differences from linear models, "
        "g-computation with the CR2 covariance of its logistic fit; Hedges' g is the mean difference and its "
        "interval divided by the pooled SD.",
        "Geclusterd per {cluster}: {n_clusters} clusters ({n_fgc} EK-c, {n_comparison} vergelijkingsgroep; {rows} "
        "rijen, gemiddelde grootte {mean_size:.2f}, grootste {largest}). ICC van {outcome} binnen de groepen {icc} "
        "(eenweg-variantieanalyse voor ongelijke clustergroottes); design-effect 1 + (m̄ − 1)·ICC = "
        "{design_effect:.2f} (m̄ de gemiddelde clustergrootte, ICC afgekapt op 0). Elke schatting is clusterrobuust: "
        "{method} (clubSandwich vcovCR type CR2 met coef_test {test}; de kolom df geeft de gebruikte "
        "vrijheidsgraden): het risicoverschil uit een lineair kansmodel, het relatief risico uit een gemodificeerd "
        "Poissonmodel, oddsratio's uit logistische modellen, verschillen in gemiddelde uit lineaire modellen, "
        "g-computation met de CR2-covariantie van het logistische model; Hedges' g is het verschil in gemiddelde en "
        "zijn interval gedeeld door de gepoolde SD."),
    "note_sparse_no_events": (
        "{label} has no events for {outcome}: the odds and risk ratios are infinite or zero; report the risks and "
        "the Newcombe risk difference (Firth's regression gives a finite odds ratio).",
        "{label} heeft geen gebeurtenissen voor {outcome}: oddsratio en relatief risico zijn oneindig of nul; "
        "rapporteer de risico's en het risicoverschil volgens Newcombe (de regressie van Firth geeft een eindige "
        "oddsratio)."),
    "note_sparse_only_events": (
        "{label} has only events for {outcome}: the odds and risk ratios are infinite or zero; report the risks and "
        "the Newcombe risk difference (Firth's regression gives a finite odds ratio).",
        "{label} heeft alleen gebeurtenissen voor {outcome}: oddsratio en relatief risico zijn oneindig of nul; "
        "rapporteer de risico's en het risicoverschil volgens Newcombe (de regressie van Firth geeft een eindige "
        "oddsratio)."),
    "note_sparse_cells": (
        "Cells below 5 in the 2 × 2 table: {cells}; large-sample intervals are unreliable here: prefer the Newcombe "
        "risk difference and, for odds ratios, Firth's penalised regression.",
        "Cellen onder 5 in de 2 × 2-tabel: {cells}; intervallen die op grote steekproeven steunen zijn hier "
        "onbetrouwbaar: kies het risicoverschil volgens Newcombe en, voor oddsratio's, de gepenaliseerde regressie "
        "van Firth."),
    "note_sparse_cell_with": ("{arm} with {outcome} ({n})", "{arm} met {outcome} ({n})"),
    "note_sparse_cell_without": ("{arm} without {outcome} ({n})", "{arm} zonder {outcome} ({n})"),
    "note_sparse_events": (
        "{events} events (or non-events) for {p} model parameters: fewer than 10 per parameter, so the adjusted "
        "estimates may be biased and unstable; adjust for fewer covariates (the crude randomised comparison stays "
        "valid).",
        "{events} gebeurtenissen (of niet-gebeurtenissen) voor {p} modelparameters: minder dan 10 per parameter, dus "
        "de gecorrigeerde schattingen kunnen vertekend en instabiel zijn; corrigeer voor minder covariaten (de "
        "ongecorrigeerde gelote vergelijking blijft geldig)."),
    "note_compliance_filled": (
        "Compliance missing for {n} families in {control}: taken as no conference held (one-sided non-compliance: "
        "the comparison arm was not offered one). ",
        "Compliance ontbreekt voor {n} gezinnen in {control}: opgevat als geen conferentie gehouden (eenzijdige "
        "non-compliance: de vergelijkingsgroep kreeg er geen aangeboden). "),
    "note_compliance": (
        "{filled}Compliance: {uptake:.0f}% of the FGC arm held a conference. per_protocol compares those families "
        "with the whole control arm (not randomised: may be biased); cace is the complier average causal effect, the "
        "ITT effect divided by the uptake (instrumental variable, {se}). CACE assumes that the offer affects the "
        "outcome only through holding a conference (exclusion restriction) and that no family held one because it "
        "was not offered (monotonicity).",
        "{filled}Compliance: {uptake:.0f}% van de EK-c-groep hield een conferentie. per_protocol vergelijkt die "
        "gezinnen met de hele controlegroep (niet geloot: mogelijk vertekend); cace is het gemiddelde causale effect "
        "bij compliers (CACE), het ITT-effect gedeeld door de deelname (instrumentele variabele, {se}). CACE "
        "veronderstelt dat het aanbod de uitkomst alleen beïnvloedt doordat een conferentie gehouden wordt "
        "(exclusierestrictie) en dat geen gezin er een hield omdat het geen aanbod kreeg (monotonie)."),
    "note_compliance_se_hc0": ("HC0 SE", "HC0-SE"),
    "note_compliance_se_cr2": ("cluster-robust CR2 SE, t on G−1 df, as the per-protocol estimate",
                               "clusterrobuuste CR2-SE, t bij G−1 vg, zoals de per-protocolschatting"),
    "note_firth": (
        "Separation (an arm or covariate pattern with only events or only non-events): odds ratios from Firth's "
        "penalised logistic regression with {how}; maximum likelihood has no finite estimate.",
        "Separatie (een groep of covariatenpatroon met alleen gebeurtenissen of alleen niet-gebeurtenissen): "
        "oddsratio's uit de gepenaliseerde logistische regressie van Firth met {how}; de meest aannemelijke "
        "schatting (maximum likelihood) is niet eindig."),
    "note_firth_clustered": (
        "cluster-robust (CR2) Wald intervals and p-values (the penalised likelihood knows no clusters)",
        "clusterrobuuste (CR2) Wald-intervallen en p-waarden (de gepenaliseerde likelihood kent geen clusters)"),
    "note_firth_profile": (
        "profile penalised-likelihood intervals and penalised likelihood-ratio p-values (as R's logistf; also for "
        "the effect within a moderator level)",
        "profielintervallen van de gepenaliseerde likelihood en p-waarden uit de gepenaliseerde likelihoodratiotoets "
        "(zoals logistf in R; ook voor het effect binnen een niveau van de moderator)"),
    # repeated measures
    "note_waves_gee": (
        "Logistic GEE (exchangeable working correlation {alpha:.3f} within each {within}, sandwich errors; = "
        "geepack::geeglm): {formula}; {n_clusters} clusters. A 0/1 outcome is not put into a linear mixed model; the "
        "per-wave contrast is an odds ratio.",
        "Logistische GEE (uitwisselbare werkcorrelatie {alpha:.3f} binnen elke eenheid van {within}, "
        "sandwich-standaardfouten; = geepack::geeglm): {formula}; {n_clusters} clusters. Een 0/1-uitkomst gaat niet "
        "in een lineair gemengd model; de vergelijking per meting is een oddsratio."),
    "note_waves_mixed": (
        "Linear mixed model (REML, = nlme::lme): {formula}, {levels}; SDs {sds}, residual {sigma:.3g}. Standard "
        "errors (X′V⁻¹X)⁻¹ at the REML estimates, as nlme.",
        "Lineair gemengd model (REML, = nlme::lme): {formula}, {levels}; SD's {sds}, residu {sigma:.3g}. "
        "Standaardfouten (X′V⁻¹X)⁻¹ bij de REML-schattingen, zoals nlme."),
    "note_waves_intercept": ("random intercept per {id}", "een random intercept per {id}"),
    "note_waves_intercepts": ("random intercepts per {cluster} and per {id} within it",
                              "random intercepts per {cluster} en per {id} daarbinnen"),
    "note_waves_measurements": (
        "{n} {id}s, {m} measurements; every measurement available is used (missing at random).",
        "{n} personen ({id}), {m} metingen; elke beschikbare meting telt mee (aanname: missing at random)."),
    "note_waves_wald": (
        "Differences per wave with Wald intervals (normal); the interaction test is the Wald chi-square on {df} df.",
        "Verschillen per meting met Wald-intervallen (normale verdeling); de interactietoets is de "
        "Wald-chi-kwadraattoets bij {df} vg."),
    # doubly robust
    "note_doubly_robust": (
        "{n_treated} in {treated}, {n_control} in {control}; doubly robust (AIPW) effect for {who}: {model} outcome "
        "model with the group and {covariates}, logistic propensity model with the same covariates; standard errors "
        "from the influence function including the estimation of both models (riskRegression::ate, AIPTW).",
        "{n_treated} in {treated}, {n_control} in {control}; dubbel robuust (AIPW) effect voor {who}: {model} "
        "uitkomstmodel met de groep en {covariates}, logistisch propensitymodel met dezelfde covariaten; "
        "standaardfouten uit de invloedsfunctie, inclusief het schatten van beide modellen (riskRegression::ate, "
        "AIPTW)."),
    "note_doubly_robust_ate": ("everyone (ATE)", "iedereen (ATE)"),
    "note_doubly_robust_att": ("the FGC children (ATT)", "de kinderen met EK-c (ATT)"),
    "note_doubly_robust_cluster": (
        "Clustered by {cluster}: influence values summed over {n_clusters} clusters, small-sample factor G/(G − 1), "
        "t on {df} df.",
        "Geclusterd per {cluster}: invloedswaarden opgeteld over {n_clusters} clusters, kleine-steekproeffactor G/(G "
        "− 1), t bij {df} vg."),
    "note_doubly_robust_disagree": (
        "The outcome model alone gives {outcome_model:.3g} and weighting alone {weighting:.3g}, more than one "
        "standard error ({se:.3g}) apart: at least one of the two models is wrong, and AIPW is only protected when "
        "one of them is right; check the balance and the outcome model.",
        "Het uitkomstmodel alleen geeft {outcome_model:.3g} en weging alleen {weighting:.3g}, meer dan één "
        "standaardfout ({se:.3g}) uit elkaar: minstens een van beide modellen klopt niet, en AIPW beschermt alleen "
        "als een van beide klopt; controleer de balans en het uitkomstmodel."),
    "note_doubly_robust_overlap": (
        "Propensity scores from {low:.3f} to {high:.3f}: some children have almost no counterpart in the other group "
        "(weak overlap), which makes the estimate unstable.",
        "Propensityscores van {low:.3f} tot {high:.3f}: sommige kinderen hebben nauwelijks een tegenhanger in de "
        "andere groep (zwakke overlap), wat de schatting instabiel maakt."),
    # variance explained
    "note_explained_sizes": ("{n_treated} in {treated}, {n_control} in {control}; {what}.",
                             "{n_treated} in {treated}, {n_control} in {control}; {what}."),
    "note_explained_lm": ("R² of the linear regression (lm)", "R² van de lineaire regressie (lm)"),
    "note_explained_glm": ("pseudo-R² of the logistic regression (glm): McFadden's and Nagelkerke's",
                           "pseudo-R² van de logistische regressie (glm): die van McFadden en die van Nagelkerke"),
    "note_explained_delta": (
        "Δ = the increase when the group enters a model with {covariates}; Sundell & Vinnerljung (2004) found FGC "
        "explained 0–7 % of the variance in re-referrals.",
        "Δ = de toename wanneer de groep wordt toegevoegd aan een model met {covariates}; Sundell & Vinnerljung "
        "(2004) vonden dat EK-c 0–7 % van de variantie in nieuwe meldingen verklaarde."),
    "note_explained_intercept": ("only an intercept", "alleen een intercept"),
    "note_explained_pseudo": (
        "Pseudo-R² values are not shares of variance: McFadden's runs lower than an R² would, Nagelkerke's is "
        "rescaled to reach 1; compare like with like.",
        "Pseudo-R²-waarden zijn geen aandelen verklaarde variantie: die van McFadden valt lager uit dan een R², die "
        "van Nagelkerke is herschaald tot een maximum van 1; vergelijk alleen gelijksoortige maten."),
    # cohort: balance, rate ratio, E-value
    "note_balance_sizes": ("{n_treated} in {treated}, {n_control} in {control}; pooled SD of the unweighted groups.",
                           "{n_treated} in {treated}, {n_control} in {control}; gepoolde SD van de ongewogen groepen."),
    "note_balance_largest": ("Largest |SMD|: {worst} (below 0.1 is balanced).",
                             "Grootste |SMD|: {worst} (onder 0,1 geldt als in balans)."),
    "note_balance_sample": ("{sample} {smd:.3f}", "{sample} {smd:.3f}"),
    "note_balance_weighted": (
        "Weighted rows: means with the weights given; effective sample size (Kish) {sizes}{dropped}.",
        "Gewogen rijen: gemiddelden met de opgegeven gewichten; effectieve steekproefomvang (Kish) {sizes}{dropped}."),
    "note_balance_dropped": ("; {n} row(s) without a weight left out of them (missing_weights='drop')",
                             "; {n} rij(en) zonder gewicht daarbij weggelaten (missing_weights='drop')"),
    "note_rate_offset": ("log({offset}) as offset{adjusted}.", "log({offset}) als offset{adjusted}."),
    "note_rate_adjusted": ("; adjusted for {covariates}", "; gecorrigeerd voor {covariates}"),
    "note_rate_dispersion": (
        "Poisson dispersion (Pearson χ²/df) {dispersion:.2f}: above 1.5 prefer the negative-binomial rate ratio "
        "(theta = {theta:.3g}).",
        "Poisson-dispersie (Pearson-χ²/vg) {dispersion:.2f}: boven 1,5 verdient de verhouding uit het "
        "negatief-binomiale model de voorkeur (theta = {theta:.3g})."),
    "note_rate_cluster": (
        "Clustered by {cluster} ({n_clusters} clusters): CR2 cluster-robust errors, t on {df}; the negative-binomial "
        "theta is estimated as if rows were independent.",
        "Geclusterd per {cluster} ({n_clusters} clusters): clusterrobuuste CR2-standaardfouten, t bij {df}; de theta "
        "van het negatief-binomiale model is geschat alsof de rijen onafhankelijk zijn."),
    "note_rate_df_satterthwaite": ("Satterthwaite df (clubSandwich coef_test Satterthwaite; in the df column)",
                                   "Satterthwaite-vg (clubSandwich coef_test Satterthwaite; in de kolom df)"),
    "note_rate_df_naive": ("{df} df (clubSandwich naive-t)", "{df} vg (clubSandwich naive-t)"),
    "note_e_value": (
        "The minimum strength (risk-ratio scale) an unmeasured confounder would need with both FGC and the outcome "
        "to explain the estimate away; ci_limit does the same for the interval limit nearest 1.",
        "De minimale sterkte (op de schaal van het relatief risico) die een niet-gemeten confounder met zowel EK-c "
        "als de uitkomst zou moeten hebben om de schatting weg te verklaren; ci_limit doet hetzelfde voor de "
        "intervalgrens die het dichtst bij 1 ligt."),
    "note_e_value_rare": ("The {what} was taken as a risk ratio (rare outcome){prevalence}.",
                          "De {what} is opgevat als relatief risico (zeldzame uitkomst){prevalence}."),
    "note_e_value_common": (
        "The {what} was converted to the risk-ratio scale for a common outcome (VanderWeele 2017){prevalence}.",
        "De {what} is omgerekend naar de schaal van het relatief risico voor een veelvoorkomende uitkomst "
        "(VanderWeele 2017){prevalence}."),
    "note_e_value_prevalence": ("; outcome prevalence {prevalence:.0%}",
                                "; prevalentie van de uitkomst {prevalence:.0%}"),
    "note_e_value_smd": (
        "Standardised difference {d:.3g} converted with RR ≈ exp(0.91 d), interval exp(0.91 d ± 1.78 SE) "
        "(VanderWeele & Ding 2017).",
        "Gestandaardiseerd verschil {d:.3g} omgerekend met RR ≈ exp(0,91 d), interval exp(0,91 d ± 1,78 SE) "
        "(VanderWeele & Ding 2017)."),
    # trial companions: costs, power, CONSORT
    "note_costs_method": (
        "mean_difference: Welch's t interval (unequal variances), which keeps its coverage for skewed costs in "
        "trial-sized arms; mean_difference_bca: BCa bootstrap, {n_boot:,} replicates resampled within each arm, seed "
        "{seed} (narrower than nominal in simulations).",
        "mean_difference: t-interval van Welch (ongelijke varianties), dat zijn dekking houdt bij scheve kosten in "
        "groepen zo groot als in een experiment; mean_difference_bca: BCa-bootstrap, {n_boot:,} herhalingen, "
        "getrokken binnen elke groep, seed {seed} (smaller dan nominaal in simulaties)."),
    "note_costs_means": ("Mean cost per family: {treated:,.0f} with FGC, {control:,.0f} without.",
                         "Gemiddelde kosten per gezin: {treated:,.0f} met EK-c, {control:,.0f} zonder."),
    "note_power_rounded": (
        "Sizes are rounded up to whole people (the unrounded value is in 'exact').",
        "Aantallen zijn naar boven afgerond op hele personen (de onafgeronde waarde staat in 'exact')."),
    "note_power_detectable": (
        "The smallest effect detected with this power at this size.",
        "Het kleinste effect dat bij deze omvang met dit onderscheidend vermogen wordt aangetoond."),
    "note_power_unequal": (
        "Unequal arms: the FGC arm is {allocation:g} × the comparison arm (n_treated, n_control).",
        "Ongelijke groepen: de EK-c-groep is {allocation:g} × de vergelijkingsgroep (n_treated, n_control)."),
    "note_power_clustered": (
        "Children within families: design effect 1 + ({m:g} − 1) × {icc:g} = {de:.3f}; sizes are children, families "
        "= children / {m:g}; t test on families − 2 df.",
        "Kinderen binnen gezinnen: design-effect 1 + ({m:g} − 1) × {icc:g} = {de:.3f}; aantallen zijn kinderen, "
        "gezinnen = kinderen / {m:g}; t-toets bij gezinnen − 2 vg."),
    "note_consort_itt": (
        "Analysed by intention to treat: every family followed up counts in its allocated arm.",
        "Geanalyseerd volgens intention-to-treat: elk gevolgd gezin telt mee in de groep waarin het is ingedeeld."),
    # Table 1
    "note_table_one_sizes": (
        "{sizes}; percentages of those with a value, missing values counted apart; SMD: standardised difference "
        "(Yang & Dalton for categories), below 0.1 is usually read as balanced.",
        "{sizes}; percentages van wie een waarde heeft, ontbrekende waarden apart geteld; SMD: gestandaardiseerd "
        "verschil (Yang & Dalton voor categorieën), onder 0,1 geldt doorgaans als in balans."),
    "note_table_one_left_out": ("{n} rows without {column} left out.", "{n} rijen zonder {column} weggelaten."),
    "note_table_one_weighted": (
        "Weighted (e.g. inverse-probability weights): counts, percentages, means, SDs, quantiles and SMDs are "
        "weighted (as tableone::svyCreateTableOne); missing counts are rows. Effective sample size {sizes}.",
        "Gewogen (bijvoorbeeld met inverse-kansgewichten): aantallen, percentages, gemiddelden, SD's, kwantielen en "
        "SMD's zijn gewogen (zoals tableone::svyCreateTableOne); ontbrekende aantallen zijn rijen. Effectieve "
        "steekproefomvang {sizes}."),
    "note_table_one_cluster": (
        "Clustered by {cluster}: {counts} clusters; the table describes rows (children), not clusters.",
        "Geclusterd per {cluster}: {counts} clusters; de tabel beschrijft rijen (kinderen), geen clusters."),
    "note_table_one_nonnormal": ("Shown as median [Q1, Q3]: {variables}.",
                                 "Weergegeven als mediaan [Q1, Q3]: {variables}."),
    "note_table_one_imputed": (
        "Multiple imputation: each count, percentage, mean, SD, quantile and SMD is the average over the {m} "
        "completed data sets (a description, so not Rubin's rules); 'missing' counts the values missing before "
        "imputation, which were imputed. Each completed data set's table is in result.imputations.",
        "Meervoudige imputatie: elk aantal, percentage, gemiddelde, elke SD, elk kwantiel en elke SMD is het "
        "gemiddelde over de {m} aangevulde datasets (een beschrijving, dus niet de regels van Rubin); 'missing' telt "
        "de waarden die vóór de imputatie ontbraken en zijn aangevuld. De tabel van elke aangevulde dataset staat in "
        "result.imputations."),
    # multiple imputation: pooling, tipping point
    "note_pooled": (
        "Multiple imputation: the estimator run on each of {m} completed data sets and pooled by Rubin's rules "
        "(ratios on the log scale) with Barnard–Rubin degrees of freedom (df), as mice::pool; fmi is the fraction of "
        "missing information. Tests (log-rank, Gray) are pooled by D2 (F statistic in statistic, its denominator df "
        "in df). Each imputation's table is in result.imputations.",
        "Meervoudige imputatie: de schatter is op elk van de {m} aangevulde datasets toegepast en gepoold volgens de "
        "regels van Rubin (verhoudingen op de logschaal) met vrijheidsgraden volgens Barnard–Rubin (df), zoals "
        "mice::pool; fmi is de fractie ontbrekende informatie. Toetsen (log-rank, Gray) zijn gepoold met D2 "
        "(F-grootheid in statistic, de vrijheidsgraden van de noemer in df). De tabel van elke imputatie staat in "
        "result.imputations."),
    "note_tipping_shift": (
        "Imputed {outcome} in the {arm} arm shifted by delta {how}; observed values unchanged; {m} imputations "
        "pooled by Rubin's rules at each delta.",
        "Geïmputeerde waarden van {outcome} in de groep {arm} verschoven met delta {how}; waargenomen waarden "
        "ongewijzigd; {m} imputaties bij elke delta gepoold volgens de regels van Rubin."),
    "note_tipping_logit": ("on the log-odds scale (the imputed risk p becomes expit(logit(p) + delta))",
                           "op de log-oddsschaal (het geïmputeerde risico p wordt expit(logit(p) + delta))"),
    "note_tipping_additive": ("(added to each imputed value)", "(opgeteld bij elke geïmputeerde waarde)"),
    "note_tipping_crossing": (
        "The interval of the {what} starts or stops excluding no effect at delta = {tip:.3g}.",
        "Bij delta = {tip:.3g} sluit het interval ({what}) geen effect voor het eerst uit, of juist niet meer."),
    "note_tipping_none": ("Within deltas {low:g} to {high:g} the conclusion does not change.",
                          "Binnen delta {low:g} tot {high:g} verandert de conclusie niet."),
    # three-level meta-analysis
    "note_meta_three_level": (
        "{k} effects from {n_studies} studies: three-level model (effects within studies, REML; σ² between studies "
        "{sigma2_study:.4g}, between effects within a study {sigma2_effect:.4g}), as metafor rma.mv(random = ~ 1 | "
        "study/effect).",
        "{k} effecten uit {n_studies} studies: model met drie niveaus (effecten binnen studies, REML; σ² tussen "
        "studies {sigma2_study:.4g}, tussen effecten binnen een studie {sigma2_effect:.4g}), zoals metafor "
        "rma.mv(random = ~ 1 | study/effect)."),
    "note_meta_three_level_t": ("Model-based interval: t on k − 1 df (metafor test = \"t\").",
                                "Modelgebaseerd interval: t bij k − 1 vg (metafor test = \"t\")."),
    "note_meta_three_level_z": ("Model-based interval: z (metafor's default).",
                                "Modelgebaseerd interval: z (standaard in metafor)."),
    "note_meta_three_level_robust": (
        "Robust interval (pooled_robust): CR2 by study with Satterthwaite df ({df:.1f}), as clubSandwich coef_test; "
        "it does not rely on the model's correlation structure.",
        "Robuust interval (pooled_robust): CR2 per studie met Satterthwaite-vg ({df:.1f}), zoals clubSandwich "
        "coef_test; het steunt niet op de correlatiestructuur van het model."),
    "note_meta_three_level_few": (
        "Only {n_studies} studies: the robust interval rests on few clusters; its df ({df:.1f}) say how little.",
        "Slechts {n_studies} studies: het robuuste interval steunt op weinig clusters; de vrijheidsgraden ({df:.1f}) "
        "laten zien hoe weinig."),
}
