"""Result titles and the notes of the estimators: key → (English, Dutch)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # result titles
    "title_funnel": ("Funnel: how initiatives end", "Trechter: hoe aanmeldingen eindigen"),
    "title_plans": (
        "Plans: plan rate, agreements per plan, professional help",
        "Plannen: aandeel met plan, afspraken per plan, professionele hulp"),
    "title_execution": (
        "Execution of plans {lo}–{hi} months after the conference",
        "Uitvoering van plannen {lo}–{hi} maanden na de conferentie"),
    "title_end_states": ("End states by time since referral", "Eindtoestanden naar tijd sinds aanmelding"),
    "title_consort": ("Trial flow (CONSORT)", "Verloop van het experiment (CONSORT)"),
    "title_strobe": ("Study flow (STROBE)", "Verloop van de studie (STROBE)"),
    "title_table_one": ("Baseline characteristics by {group}", "Kenmerken bij aanvang naar {group}"),
    "title_tipping_point": ("Tipping point for {outcome}", "Kantelpunt voor {outcome}"),
    "title_doubly_robust": (
        "Doubly robust effect of FGC on {outcome} ({estimand})",
        "Dubbel robuust effect van EK-c op {outcome} ({estimand})"),
    "title_balance": (
        "Covariate balance (standardised mean differences)",
        "Balans van covariaten (gestandaardiseerde verschillen)"),
    "title_compare": ("Effect of FGC on {outcome} ({kind})", "Effect van EK-c op {outcome} ({kind})"),
    "title_compare_groups": (
        "Effect of FGC on {outcome} ({kind}): {k} groups against {ref}",
        "Effect van EK-c op {outcome} ({kind}): {k} groepen tegenover {ref}"),
    "title_differences_groups": (
        "Differences in {outcome} ({kind}): {k} groups against {ref}",
        "Verschillen in {outcome} ({kind}): {k} groepen (niet door loting) tegenover {ref}"),
    "title_compare_waves": ("Effect of FGC on {outcome} per wave", "Effect van EK-c op {outcome} per meting"),
    "title_compare_many": ("Effects of FGC on {k} outcomes", "Effecten van EK-c op {k} uitkomsten"),
    "title_survival": ("Time to {event}: FGC versus comparison", "Tijd tot {event}: EK-c tegenover vergelijking"),
    "title_competing_risks": (
        "Competing risks for {status}: FGC versus comparison (cause of interest: {cause})",
        "Concurrerende risico's voor {status}: EK-c tegenover vergelijking (oorzaak waar het om gaat: {cause})"),
    "title_meta": ("Random-effects meta-analysis of {effect}", "Random-effects meta-analyse van {effect}"),
    "title_meta_multilevel": ("Three-level meta-analysis of {effect}", "Meta-analyse op drie niveaus van {effect}"),
    "title_costs": ("Difference in {cost} (FGC − control)", "Verschil in {cost} (EK-c − controle)"),
    "title_rate_ratio": ("Rate of {count} per {exposure}", "{count} per {exposure}"),
    "title_variance_explained": (
        "Variance in {outcome} explained by FGC",
        "Variantie in {outcome} verklaard door EK-c"),
    "title_benchmark": ("Benchmark by {by}: {metric}", "Vergelijking per {by}: {metric}"),
    "title_power": ("Power for a {outcome} outcome, {shape}", "Power voor een uitkomst ({outcome}), {shape}"),
    "title_power_clustered": (
        "Power for a {outcome} outcome, {shape}, clustered",
        "Power voor een uitkomst ({outcome}), {shape}, geclusterd"),
    "title_e_value": ("E-value for {measure} {estimate:g}", "E-waarde voor {measure} {estimate:g}"),
    "title_e_value_smd": (
        "E-value for a standardised mean difference {estimate:g}",
        "E-waarde voor een gestandaardiseerd verschil {estimate:g}"),
    "title_reference": ("{title} — versus the published figures", "{title} — naast de gepubliceerde cijfers"),
    "shape_equal": ("two equal arms", "twee even grote groepen"),
    "shape_unequal": ("arms {allocation:g} : 1", "groepen {allocation:g} : 1"),
    # notes: funnel, plans, execution
    "note_funnel_denominator": (
        "{closed:,} closed initiatives are the denominator; {ongoing:,} ongoing initiatives (as of {as_of}) are "
        "counted apart.",
        "{closed:,} afgeronde aanmeldingen vormen de noemer; {ongoing:,} lopende aanmeldingen (stand {as_of}) zijn "
        "apart geteld."),
    "note_funnel_immature": (
        "{n} stratum/strata with more than {pct:.0f}% ongoing: their shares lean towards quick endings.",
        "{n} stratum/strata met meer dan {pct:.0f}% lopend: hun aandelen neigen naar een snel einde."),
    "note_intervals_wilson": ("{level}% Wilson intervals.", "{level}%-intervallen volgens Wilson."),
    "note_intervals_goodman": (
        "{level}% Goodman simultaneous intervals.",
        "{level}%-intervallen volgens Goodman (simultaan)."),
    "note_intervals": ("{level}% intervals.", "{level}%-intervallen."),
    "note_reference_gof": (
        "reference: Eigen Kracht Centrale reports {shares} %; chi-square {statistic:.2f} on {df} df, p = {p:.3g}.",
        "referentie: de Eigen Kracht Centrale publiceert {shares} %; chi-kwadraat {statistic:.2f} bij {df} vg, p = "
        "{p:.3g}."),
    "note_funnel_not_effect": (
        "A funnel describes where initiatives end; it says nothing about the effect of a conference.",
        "Een trechter beschrijft waar aanmeldingen eindigen; over het effect van een conferentie zegt hij niets."),
    "note_mature": (
        "min_followup_months={months}: only the {kept:,} initiatives referred on or before {cutoff} ({months} "
        "months before as_of {as_of}) count; {left:,} more recent ones are left out.",
        "min_followup_months={months}: alleen de {kept:,} aanmeldingen van uiterlijk {cutoff} ({months} maanden "
        "voor as_of {as_of}) tellen mee; {left:,} recentere zijn weggelaten."),
    "note_include_conference": (
        "Plans made at a conference only, as the Eigen Kracht Centrale publishes (include='all' adds plans made "
        "without a conference).",
        "Alleen plannen gemaakt op een conferentie, zoals de Eigen Kracht Centrale publiceert (include='all' telt "
        "ook plannen zonder conferentie mee)."),
    "note_include_all": (
        "Plans made at a conference and plans made without one (include='conference' keeps conference plans only, "
        "as published).",
        "Plannen gemaakt op een conferentie en plannen zonder conferentie (include='conference' houdt alleen "
        "conferentieplannen, zoals gepubliceerd)."),
    "note_plans_method": (
        "plan_rate: plans among conferences with a recorded plan (Wilson); agreements_per_plan: mean over plans "
        "with a known count (t interval); professional_share: ratio over all agreements with a standard error "
        "clustered by case (CR1, as sandwich::vcovCL) and an interval on the logit scale with t on (cases − 1) "
        "degrees of freedom.",
        "plan_rate: plannen onder conferenties met een vastgelegde planuitkomst (Wilson); agreements_per_plan: "
        "gemiddelde over plannen met een bekend aantal afspraken (t-interval); professional_share: verhouding over "
        "alle afspraken, met een standaardfout geclusterd per casus (CR1, zoals sandwich::vcovCL) en een interval "
        "op de logitschaal met t bij (casussen − 1) vrijheidsgraden."),
    "note_plans_left_out": (
        "{unknown:,} conferences without a recorded plan outcome and {no_count:,} plans without an agreement count "
        "are left out; design effect of clustering on the professional share: {deff:.2f}.",
        "{unknown:,} conferenties zonder vastgelegde planuitkomst en {no_count:,} plannen zonder aantal afspraken "
        "zijn weggelaten; design-effect van de clustering op het aandeel professionele hulp: {deff:.2f}."),
    "note_plans_bounds": (
        "plan_rate bounds: {lower:.1f}% if all {unknown:,} conferences with an unknown plan outcome had no plan, "
        "{upper:.1f}% if all had one (of {conferences:,} conferences).",
        "grenzen van plan_rate: {lower:.1f}% als alle {unknown:,} conferenties met een onbekende planuitkomst geen "
        "plan hadden, {upper:.1f}% als ze er allemaal een hadden (van {conferences:,} conferenties)."),
    "note_plans_reference": (
        "reference: Eigen Kracht Centrale reports 9 in 10 conferences with a plan, about 15 agreements per plan and "
        "1 in 5 agreements calling on professional help.",
        "referentie: de Eigen Kracht Centrale publiceert 9 op de 10 conferenties met een plan, ongeveer 15 "
        "afspraken per plan en 1 op de 5 afspraken met een beroep op professionele hulp."),
    "note_execution_window": (
        "Follow-ups dated {lo} to {hi} calendar months after the conference (plan date without a conference), both "
        "ends included.",
        "Evaluaties gedateerd {lo} tot en met {hi} kalendermaanden na de conferentie (plandatum als er geen "
        "conferentie was), beide grenzen inbegrepen."),
    "note_execution_counts": (
        "Of {plans:,} plans: {in_window:,} with a follow-up in the window, {outside:,} outside it, {none:,} without "
        "follow-up, {missing:,} with a follow-up but no execution recorded, {due:,} not yet due (window still open "
        "at the extraction date as_of {date}).",
        "Van {plans:,} plannen: {in_window:,} met een evaluatie binnen de periode, {outside:,} daarbuiten, {none:,} "
        "zonder evaluatie, {missing:,} met een evaluatie maar zonder vastgelegde uitvoering, {due:,} nog niet aan "
        "de beurt (periode nog open op de extractiedatum as_of {date})."),
    "note_execution_counts_no_as_of": (
        "Of {plans:,} plans: {in_window:,} with a follow-up in the window, {outside:,} outside it, {none:,} without "
        "follow-up, {missing:,} with a follow-up but no execution recorded, {due:,} not yet due (window still open "
        "at the latest date in the registry, {date}; as_of not known).",
        "Van {plans:,} plannen: {in_window:,} met een evaluatie binnen de periode, {outside:,} daarbuiten, {none:,} "
        "zonder evaluatie, {missing:,} met een evaluatie maar zonder vastgelegde uitvoering, {due:,} nog niet aan "
        "de beurt (periode nog open op de laatste datum in de registratie, {date}; as_of onbekend)."),
    "note_execution_bounds": (
        "bounds: the share if every plan without a usable follow-up were in another category (lower) or in this one "
        "(upper).",
        "grenzen: het aandeel als elk plan zonder bruikbare evaluatie in een andere categorie viel (onder), dan wel "
        "in deze (boven)."),
    # notes: compare
    "note_contrast_itt": (
        "Intention to treat: {n_treated} in {treated} (FGC) and {n_control} in {control}, analysed as randomised.",
        "Intention-to-treat-analyse: {n_treated} in {treated} (EK-c) en {n_control} in {control}, geanalyseerd "
        "zoals geloot."),
    "note_contrast_randomised": (
        "Randomised comparison: {n_treated} in {treated} and {n_control} in {control}, analysed as randomised.",
        "Gelote vergelijking: {n_treated} in {treated} en {n_control} in {control}, geanalyseerd zoals geloot."),
    "note_contrast_observed_fgc": (
        "Groups as observed (not randomised): {n_treated} in {treated} (FGC) and {n_control} in {control}. A "
        "difference may reflect who ended up in which group; adjust for covariates or weight with "
        "ekc.propensity_weights.",
        "Groepen zoals waargenomen (niet geloot): {n_treated} in {treated} (EK-c) en {n_control} in {control}. Een "
        "verschil kan komen door wie in welke groep terechtkwam; corrigeer voor achtergrondkenmerken of weeg met "
        "ekc.propensity_weights."),
    "note_contrast_observed": (
        "Groups as observed (not randomised): {n_treated} in {treated} and {n_control} in {control}. A difference "
        "may reflect who ended up in which group; adjust for covariates or weight with ekc.propensity_weights.",
        "Groepen zoals waargenomen (niet geloot): {n_treated} in {treated} en {n_control} in {control}. Een "
        "verschil kan komen door wie in welke groep terechtkwam; corrigeer voor achtergrondkenmerken of weeg met "
        "ekc.propensity_weights."),
    "note_contrast_self_selected": (
        "{treated} vs {control}: {n_treated} and {n_control} families. Families selected themselves into {who} "
        "(e.g. whether a conference was actually held): this difference is not an effect of FGC. When the offer was "
        "randomised, estimate the effect of holding a conference with compliance= (CACE) on the randomised arms; "
        "otherwise weight with ekc.propensity_weights.",
        "{treated} tegenover {control}: {n_treated} en {n_control} gezinnen. Gezinnen kwamen zelf in {who} terecht "
        "(bijvoorbeeld doordat een conferentie echt gehouden werd): dit verschil is geen effect van EK-c. Werd het "
        "aanbod geloot, schat dan het effect van een gehouden conferentie met compliance= (CACE) op de gelote "
        "groepen; weeg anders met ekc.propensity_weights."),
    "note_complete_cases": (
        "Crude estimates use all {n_treated} + {n_control} rows with {column}; adjusted and moderator estimates the "
        "{m_treated} + {m_control} with {columns} complete ({x_treated} + {x_control} left out).",
        "Ongecorrigeerde schattingen gebruiken alle {n_treated} + {n_control} rijen met {column}; gecorrigeerde "
        "schattingen en schattingen met moderator de {m_treated} + {m_control} met {columns} volledig ({x_treated} "
        "+ {x_control} weggelaten)."),
    "note_moderator": (
        "Moderator {moderator}: interaction from {model}(y ~ arm * {moderator}{terms}); effects per level from the "
        "same model.",
        "Moderator {moderator}: interactie uit {model}(y ~ arm * {moderator}{terms}); effecten per niveau uit "
        "hetzelfde model."),
    "note_adjusted_for": ("Adjusted for {covariates}.", "Gecorrigeerd voor {covariates}."),
    "note_no_clusters_binary": (
        "No clusters given: g-computation uses the HC2 sandwich covariance of its logistic fit (delta method); odds "
        "ratios keep maximum-likelihood errors.",
        "Geen clusters opgegeven: g-computation gebruikt de HC2-sandwichcovariantie van het logistische model "
        "(deltamethode); odds ratio's houden hun maximum-likelihood-standaardfouten."),
    "note_no_clusters_continuous": (
        "No clusters given: ANCOVA and moderator models use HC2 heteroscedasticity-robust errors (t on n − p).",
        "Geen clusters opgegeven: ANCOVA- en moderatormodellen gebruiken HC2-standaardfouten die ongelijke "
        "spreiding toelaten (t bij n − p)."),
    "note_compare_intervals": (
        "{level}% intervals; Wald intervals for model-based estimates.",
        "{level}%-intervallen; Wald-intervallen voor modelgebaseerde schattingen."),
    "pair": ("{a} and {b}", "{a} en {b}"),
    "note_groups": ("{k} groups, each compared with {ref}: {arms}.", "{k} groepen, elk vergeleken met {ref}: {arms}."),
    "note_group_n": ("{group} (n = {n})", "{group} (n = {n})"),
    "note_pools": (
        "{name} pools {members} into one group, compared with {ref} beside the groups it pools.",
        "{name} voegt {members} samen tot één groep, vergeleken met {ref} naast de groepen die erin opgaan."),
    "note_of_contrast": ("{name}: {note}", "{name}: {note}"),
    "note_omnibus": (
        "Omnibus test (in the statistic column): {what}, p = {p:.3g}.",
        "Toets over alle groepen (in de kolom toetsingsgrootheid): {what}, p = {p:.3g}."),
    "note_p_adjusted": (
        "p_adjusted: {method} across the {k} contrasts' {what}.",
        "p_adjusted: {method} over de {k} vergelijkingen ({what})."),
    "what_risk_differences": ("risk differences (R p.adjust)", "risicoverschillen; R p.adjust"),
    "what_mean_differences": ("mean differences (R p.adjust)", "verschillen in gemiddelde; R p.adjust"),
    "what_adjusted_risk_differences": (
        "adjusted risk differences (R p.adjust)",
        "gecorrigeerde risicoverschillen; R p.adjust"),
    "what_adjusted_mean_differences": (
        "adjusted mean differences (R p.adjust)",
        "gecorrigeerde verschillen in gemiddelde; R p.adjust"),
    "note_holm_bh": (
        "p_holm: Holm's family-wise adjustment; p_bh: Benjamini–Hochberg false discovery rate.",
        "p_holm: correctie van Holm voor de kans op minstens één fout; p_bh: Benjamini–Hochberg, voor het aandeel "
        "onterechte ontdekkingen."),
    "note_many_clustered": (
        "Clustered by {cluster}: every estimate cluster-robust ({method}); number of clusters, ICC and design "
        "effect per outcome in result.clustering.",
        "Geclusterd per {cluster}: elke schatting clusterrobuust ({method}); aantal clusters, ICC en design-effect "
        "per uitkomst in result.clustering."),
    # notes: meta-analysis
    "note_meta_heterogeneity_reml": (
        "{k} studies; τ² by REML ({steps} Fisher-scoring steps); I² = {i2:.1f}%, Q = {q:.2f} on {df} df (p = "
        "{p:.3g}).",
        "{k} studies; τ² met REML ({steps} Fisher-scoringstappen); I² = {i2:.1f}%, Q = {q:.2f} bij {df} vg (p = "
        "{p:.3g})."),
    "note_meta_heterogeneity": (
        "{k} studies; τ² by {method}; I² = {i2:.1f}%, Q = {q:.2f} on {df} df (p = {p:.3g}).",
        "{k} studies; τ² met {method}; I² = {i2:.1f}%, Q = {q:.2f} bij {df} vg (p = {p:.3g})."),
    "note_meta_hksj": (
        "HKSJ interval: t on {df} df with the standard error rescaled by the spread of the studies (metafor test = "
        '"knha").',
        "HKSJ-interval: t bij {df} vg, met de standaardfout herschaald naar de spreiding tussen de studies (metafor "
        'test = "knha").'),
    "note_meta_hksj_adhoc": (
        "HKSJ interval: t on {df} df with the standard error rescaled by the spread of the studies (metafor test = "
        '"knha"), never below the usual standard error (ad hoc).',
        "HKSJ-interval: t bij {df} vg, met de standaardfout herschaald naar de spreiding tussen de studies (metafor "
        'test = "knha"), nooit kleiner dan de gewone standaardfout (ad hoc).'),
    "note_meta_hksj_adhoc_sj": (
        "HKSJ interval: t on {df} df with the standard error rescaled by the spread of the studies (metafor test = "
        '"knha"), never below the standard error under the Sidik–Jonkman τ² (the prediction interval uses the '
        "larger τ² as well): it held 95 % coverage in simulations of 5–10 studies where the other intervals did not.",
        "HKSJ-interval: t bij {df} vg, met de standaardfout herschaald naar de spreiding tussen de studies (metafor "
        'test = "knha"), nooit kleiner dan de standaardfout bij de τ² van Sidik–Jonkman (die ook in het '
        "voorspellingsinterval komt): dit interval hield 95 % dekking in simulaties met 5–10 studies, de andere "
        "niet."),
    "note_meta_equal_se": (
        "Every study has the same standard error: small-study effects cannot be looked for (Egger's test, "
        "trim-and-fill and PET-PEESE regress the effects on their precision).",
        "Alle studies hebben dezelfde standaardfout: effecten van kleine studies zijn niet na te gaan (de toets van "
        "Egger, trim-and-fill en PET-PEESE zetten de effecten af tegen hun precisie)."),
    "note_meta_wald": ("Wald (z) interval, as metafor's default.", "Wald-interval (z), zoals metafor standaard doet."),
    "note_meta_prediction": (
        "Prediction interval: where the effect of a new, comparable study would lie (t on k − 2 df, Higgins, "
        "Thompson & Spiegelhalter 2009).",
        "Voorspellingsinterval: waar het effect van een nieuwe, vergelijkbare studie zou liggen (t bij k − 2 vg, "
        "Higgins, Thompson & Spiegelhalter 2009)."),
    "note_meta_egger": (
        "Egger's test for small-study effects: t = {t:.2f} on {df} df, p = {p:.3g}{few}",
        "Toets van Egger op effecten van kleine studies: t = {t:.2f} bij {df} vg, p = {p:.3g}{few}"),
    "note_meta_trimfill": (
        "Trim-and-fill (L0): {k0} {studies} imputed on the {side}; pooled estimate then {estimate:.3g} ({low:.3g} "
        "to {high:.3g}). Asymmetry can come from heterogeneity rather than missing studies{few}",
        "Trim-and-fill (L0): {k0} {studies} aangevuld aan de {side} kant; gepoolde schatting dan {estimate:.3g} "
        "({low:.3g} tot {high:.3g}). Asymmetrie kan ook uit heterogeniteit komen in plaats van uit ontbrekende "
        "studies{few}"),
    "note_meta_pet_peese": (
        "PET-PEESE: limit estimate {estimate:.3g} ({chosen}; PET p = {p:.3g}); it is biased with few studies or "
        "high heterogeneity (Stanley 2017){few}",
        "PET-PEESE: limietschatting {estimate:.3g} ({chosen}; PET p = {p:.3g}); vertekend bij weinig studies of "
        "grote heterogeniteit (Stanley 2017){few}"),
    "note_meta_few": (
        " (fewer than ten studies: little power; absence of evidence is not evidence).",
        " (minder dan tien studies: weinig onderscheidend vermogen; geen bewijs is geen bewijs van afwezigheid)."),
    "note_meta_enough": (".", "."),
    "note_meta_study": ("study", "studie"),
    "note_meta_studies": ("studies", "studies"),
    "side_left": ("left", "linker"),
    "side_right": ("right", "rechter"),
    "note_meta_subgroups": (
        "Subgroups by {name}: test of a difference QM = {qm:.2f} on {df} df (p = {p:.3g}), mixed-effects model with "
        "a common τ² (REML, {tau2:.3g}).",
        "Subgroepen naar {name}: toets op een verschil QM = {qm:.2f} bij {df} vg (p = {p:.3g}), mixed-effectsmodel "
        "met een gemeenschappelijke τ² (REML, {tau2:.3g})."),
    "note_meta_left_out": (
        "{n} row(s) without an effect or standard error left out.",
        "{n} rij(en) zonder effect of standaardfout weggelaten."),
    "note_meta_exp": (
        "Effects pooled on the log scale and shown exponentiated (ratios).",
        "Effecten gepoold op de logschaal en terug omgerekend (verhoudingen)."),
    "omnibus_chi2_not_computable": (
        "chi-square test (not computable: no events or no non-events)",
        "chi-kwadraattoets (niet te berekenen: geen gebeurtenissen, dan wel alleen gebeurtenissen)"),
    "omnibus_chi2": (
        "Pearson's chi-square on the {k} × 2 table, {df} df",
        "chi-kwadraattoets van Pearson op de {k} × 2-tabel, {df} vg"),
    "omnibus_chi2_small": (
        "Pearson's chi-square on the {k} × 2 table, {df} df ({small} cells expected below 5: read p with care)",
        "chi-kwadraattoets van Pearson op de {k} × 2-tabel, {df} vg ({small} cellen met een verwachting onder 5: "
        "lees p voorzichtig)"),
    "omnibus_welch": (
        "Welch's one-way ANOVA of the {k} groups (unequal variances), F on ({df1}, {df2:.1f}) df",
        "variantieanalyse van Welch over de {k} groepen (ongelijke spreiding), F bij ({df1}, {df2:.1f}) vg"),
    "adjust_holm": ("Holm's step-down family-wise adjustment", "stapsgewijze correctie van Holm"),
    "adjust_bh": ("Benjamini–Hochberg false discovery rate", "Benjamini–Hochberg (aandeel onterechte ontdekkingen)"),
    "model_logistic": ("logistic", "logistisch"),
    "model_linear": ("linear", "lineair"),
    "wald_adjusted": (", adjusted for {covariates}", ", gecorrigeerd voor {covariates}"),
    "wald_not_computable": (
        "Wald test of the {k} groups (not computable: a group without variation)",
        "Wald-toets van de {k} groepen (niet te berekenen: een groep zonder variatie)"),
    "wald_hc2": (
        "Wald test of the {k} groups in a {model} model{adjusted} with HC2 errors, chi-square on {df} df",
        "Wald-toets van de {k} groepen in een {model} model{adjusted} met HC2-standaardfouten, chi-kwadraat bij "
        "{df} vg"),
    "wald_naive_f": (
        "cluster-robust Wald test of the {k} groups in a {model} model{adjusted} (CR2), F on ({df1}, {df2}) df "
        "(clubSandwich Naive-F)",
        "clusterrobuuste Wald-toets van de {k} groepen in een {model} model{adjusted} (CR2), F bij ({df1}, {df2}) "
        "vg (clubSandwich Naive-F)"),
    "wald_htz": (
        "cluster-robust Wald test of the {k} groups in a {model} model{adjusted} (CR2, {g} clusters): Hotelling's "
        "T² approximation, F on ({df1}, {df2:.1f}) df (clubSandwich Wald_test HTZ)",
        "clusterrobuuste Wald-toets van de {k} groepen in een {model} model{adjusted} (CR2, {g} clusters): "
        "benadering met Hotellings T², F bij ({df1}, {df2:.1f}) vg (clubSandwich Wald_test HTZ)"),
}
