"""The notes of the time-to-event estimators (``survival``, ``competing_risks``): key → (English, Dutch).

Their shared parts (lists, effective sample sizes) are in ``_studies.py``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # survival
    "note_survival_crude": (
        "Crude (unweighted) estimates ({what}): {n_treated} in {treated} ({events_treated} events), {n_control} in "
        "{control} ({events_control} events); log-rank observed {observed:.0f} vs expected {expected:.1f} in "
        "{treated}.",
        "Ongecorrigeerde (ongewogen) schattingen ({what}): {n_treated} in {treated} ({events_treated} "
        "gebeurtenissen), {n_control} in {control} ({events_control} gebeurtenissen); log-ranktoets: waargenomen "
        "{observed:.0f} tegenover verwacht {expected:.1f} in {treated}."),
    "note_survival_crude_tests": ("hazard ratio, log-rank", "hazardratio, log-ranktoets"),
    "note_survival_crude_curves": ("hazard ratio, log-rank, curves", "hazardratio, log-ranktoets, curves"),
    "note_survival_adjusted": (
        "Adjusted hazard ratio (for {covariates}): complete cases, {n_treated} in {treated} and {n_control} in "
        "{control} ({events} events).",
        "Gecorrigeerde hazardratio (voor {covariates}): volledige gevallen, {n_treated} in {treated} en {n_control} "
        "in {control} ({events} gebeurtenissen)."),
    "note_survival_method": (
        "Cox models with Efron ties{strata}{entry}{cluster}{weights}.",
        "Cox-modellen met de methode van Efron voor gelijke tijden{strata}{entry}{cluster}{weights}."),
    "note_survival_strata": (", stratified by {strata} (the log-rank test too)",
                             ", gestratificeerd naar {strata} (de log-ranktoets ook)"),
    "note_survival_entry": (", follow-up from {entry} (left truncation: risk sets of Surv(entry, time, event))",
                            ", follow-up vanaf {entry} (linkse truncatie: risicosets van Surv(entry, time, event))"),
    "note_survival_cluster": (
        "; cluster-robust (sandwich) errors over {n_clusters} clusters of {cluster} (the log-rank test assumes "
        "independent rows)",
        "; clusterrobuuste (sandwich-)standaardfouten over {n_clusters} clusters van {cluster} (de log-ranktoets "
        "veronderstelt onafhankelijke rijen)"),
    "note_survival_weights": (
        "; weighted model with robust (sandwich) standard errors on {n_treated} + {n_control} rows with a weight; "
        "weighted curves with R's robust (infinitesimal-jackknife) intervals",
        "; gewogen model met robuuste (sandwich-)standaardfouten op {n_treated} + {n_control} rijen met een gewicht; "
        "gewogen curves met de robuuste intervallen van R (infinitesimale jackknife)"),
    "note_survival_km": (
        "Kaplan–Meier intervals on the log scale (R's default); none where a curve has reached 0 (R's survfit gives "
        "NA there too).",
        "Kaplan–Meier-intervallen op de logschaal (standaard in R); geen waar een curve 0 heeft bereikt (survfit in "
        "R geeft daar ook NA)."),
    "note_survival_weighted": (
        "Weighted estimates ({what}) use the weights given; effective sample size (Kish) {sizes}{dropped}.",
        "Gewogen schattingen ({what}) gebruiken de opgegeven gewichten; effectieve steekproefomvang (Kish) "
        "{sizes}{dropped}."),
    "note_survival_weighted_what": ("the weighted hazard ratio, the Kaplan–Meier curves, the event probabilities",
                                    "de gewogen hazardratio, de Kaplan–Meier-curves, de kansen op de gebeurtenis"),
    "note_survival_weighted_what_rmst": (
        "the weighted hazard ratio, the Kaplan–Meier curves, the event probabilities and the RMST",
        "de gewogen hazardratio, de Kaplan–Meier-curves, de kansen op de gebeurtenis en de RMST"),
    "note_survival_weights_dropped": ("; {n} row(s) without a weight are left out of them (missing_weights='drop')",
                                      "; {n} rij(en) zonder gewicht zijn daarbij weggelaten (missing_weights='drop')"),
    "note_survival_ph": (
        "Proportional hazards look doubtful for: {terms} (scaled Schoenfeld residuals); read the hazard ratio as an "
        "average over follow-up.",
        "Proportionele hazards lijken twijfelachtig voor: {terms} (geschaalde Schoenfeld-residuen); lees de "
        "hazardratio als een gemiddelde over de follow-up."),
    "note_survival_rmst": (
        "Restricted mean survival time up to tau = {tau:g}: the expected event-free time within tau; the difference "
        "is FGC − comparison.",
        "Beperkte gemiddelde overlevingstijd (RMST) tot tau = {tau:g}: de verwachte tijd zonder gebeurtenis binnen "
        "tau; het verschil is EK-c − vergelijkingsgroep."),
    "note_survival_event_probability": (
        "event_probability is 1 − Kaplan–Meier: the cumulative incidence only when no competing event (turning 18, "
        "moving, placement) ends follow-up; otherwise use ekc.competing_risks. (.incidence is the same table under "
        "its old name.)",
        "event_probability is 1 − Kaplan–Meier: de cumulatieve incidentie alleen als geen concurrerende gebeurtenis "
        "(18 worden, verhuizen, uithuisplaatsing) de follow-up beëindigt; gebruik anders ekc.competing_risks. "
        "(.incidence is dezelfde tabel onder de oude naam.)"),
    # competing risks
    "note_competing_counts": (
        "{n_treated} in {treated}, {n_control} in {control}; events by cause — {counts}; censored (0): "
        "{censored_treated} and {censored_control}.",
        "{n_treated} in {treated}, {n_control} in {control}; gebeurtenissen per oorzaak — {counts}; gecensureerd "
        "(0): {censored_treated} en {censored_control}."),
    "note_competing_cause_events": ("{cause}: {n_treated} in {treated} and {n_control} in {control}",
                                    "{cause}: {n_treated} in {treated} en {n_control} in {control}"),
    "note_competing_weighted": ("weighted ", "gewogen "),
    "note_competing_aalen_johansen": (
        "Cumulative incidence by {how}Aalen–Johansen (a child ended by another cause is no longer at risk, unlike 1 "
        "− Kaplan–Meier, which overstates it: compare cif with one_minus_km in .incidence); standard errors by the "
        "infinitesimal jackknife and log-scale intervals, as R survfit(Surv(time, factor(status)) ~ 1{weights}); "
        "cif_difference is FGC minus comparison at each time, with a Wald interval.",
        "Cumulatieve incidentie volgens {how}Aalen–Johansen (een kind bij wie de follow-up om een andere reden "
        "eindigde, loopt geen risico meer, anders dan bij 1 − Kaplan–Meier, dat de incidentie daardoor overschat: "
        "vergelijk cif met one_minus_km in .incidence); standaardfouten volgens de infinitesimale jackknife en "
        "intervallen op de logschaal, zoals survfit(Surv(time, factor(status)) ~ 1{weights}) in R; cif_difference is "
        "EK-c min vergelijkingsgroep op elk tijdstip, met een Wald-interval."),
    "note_competing_fine_gray": (
        "Subdistribution hazard ratio (Fine–Gray, as cmprsk::crr): the effect of FGC on the cumulative incidence of "
        "the cause, other ends of follow-up included; above 1 means more children in the FGC group end with that "
        "cause.",
        "Subdistributie-hazardratio (Fine–Gray, zoals cmprsk::crr): het effect van EK-c op de cumulatieve incidentie "
        "van de oorzaak, ook als de follow-up op een andere manier kan eindigen; boven 1 betekent dat meer kinderen "
        "in de EK-c-groep met die oorzaak eindigen."),
    "note_competing_cause_specific": (
        "Cause-specific hazard ratio (Cox, Efron ties, other causes censored): the effect on the rate of that cause "
        "among children still in follow-up without any event.",
        "Oorzaakspecifieke hazardratio (Cox, methode van Efron voor gelijke tijden, andere oorzaken gecensureerd): "
        "het effect op het tempo van die oorzaak bij kinderen die nog zonder gebeurtenis gevolgd worden."),
    "note_competing_gray": (
        "Gray's test (cmprsk::cuminc): equal cumulative incidence of the cause in both groups; the chi-square "
        "statistic on 1 degree of freedom is in the statistic column.",
        "Toets van Gray (cmprsk::cuminc): gelijke cumulatieve incidentie van de oorzaak in beide groepen; de "
        "chi-kwadraatgrootheid bij 1 vrijheidsgraad staat in de kolom statistic."),
    "note_competing_proportional": (
        "Proportional subdistribution hazards checked per cause by a Wald test of group x log(time) in the Fine–Gray "
        "model (crr with cov2 = group, tf = log; model-based error): p = {ps}.",
        "Proportionele subdistributie-hazards per oorzaak nagegaan met een Wald-toets van groep x log(tijd) in het "
        "Fine–Gray-model (crr met cov2 = group, tf = log; modelgebaseerde standaardfout): p = {ps}."),
    "note_competing_cluster": (
        "Clustered by {cluster} ({n_clusters} clusters): the Fine–Gray standard error is a sandwich summing each "
        "row's score contribution (with the censoring term) within clusters — cmprsk::crr has no cluster option, so "
        "this is the package's own extension; the cause-specific Cox standard error is cluster-robust (= coxph(..., "
        "cluster = ...)); the curves' and differences' errors sum each cluster's influence (grouped infinitesimal "
        "jackknife). Gray's test assumes independent rows and is too liberal when members of a cluster resemble each "
        "other: read the clustered cif_difference and hazard ratios instead.",
        "Geclusterd per {cluster} ({n_clusters} clusters): de standaardfout van Fine–Gray is een sandwich die de "
        "scorebijdrage van elke rij (met de censureringsterm) binnen clusters optelt — cmprsk::crr kent geen "
        "clusteroptie, dit is dus een eigen uitbreiding van het pakket; de standaardfout van het oorzaakspecifieke "
        "Cox-model is clusterrobuust (= coxph(..., cluster = ...)); de standaardfouten van de curves en de "
        "verschillen tellen de invloed per cluster op (gegroepeerde infinitesimale jackknife). De toets van Gray "
        "veronderstelt onafhankelijke rijen en is te liberaal wanneer leden van een cluster op elkaar lijken: lees "
        "in plaats daarvan de geclusterde cif_difference en hazardratio's."),
    "note_competing_adjusted": (
        "Adjusted for {covariates}: adjusted_subdistribution_hazard_ratio is Fine–Gray with group + covariates (= "
        "cmprsk::crr(cov1 = )), adjusted_cause_specific_hazard_ratio the Cox model with the same terms; {n_missing} "
        "row(s) with a missing covariate are left out of these two only.",
        "Gecorrigeerd voor {covariates}: adjusted_subdistribution_hazard_ratio is Fine–Gray met groep + covariaten "
        "(= cmprsk::crr(cov1 = )), adjusted_cause_specific_hazard_ratio het Cox-model met dezelfde termen; "
        "{n_missing} rij(en) met een ontbrekende covariaat zijn alleen bij deze twee weggelaten."),
    "note_competing_weights": (
        "With weights the curves, cif_difference and the adjusted cause-specific Cox model (robust standard error) "
        "are weighted; the weights are taken as known, so intervals from estimated propensity weights are somewhat "
        "conservative. Fine–Gray and Gray's test are unweighted (cmprsk takes no weights).",
        "Met gewichten zijn de curves, cif_difference en het gecorrigeerde oorzaakspecifieke Cox-model (robuuste "
        "standaardfout) gewogen; de gewichten gelden als bekend, dus intervallen bij geschatte propensitygewichten "
        "zijn wat conservatief. Fine–Gray en de toets van Gray zijn ongewogen (cmprsk kent geen gewichten)."),
    "note_competing_ess": ("Effective sample size of the weighted estimates (Kish): {sizes}.",
                           "Effectieve steekproefomvang van de gewogen schattingen (Kish): {sizes}."),
    "note_competing_dropped": (
        "{n} row(s) without a weight are left out of the weighted estimates (missing_weights='drop'); the unweighted "
        "ones keep them.",
        "{n} rij(en) zonder gewicht zijn weggelaten uit de gewogen schattingen (missing_weights='drop'); de "
        "ongewogen schattingen houden ze."),
    "note_competing_ignores": ("Fine–Gray ignores {what}; the Cox models and (for entry) the curves use them.",
                               "Fine–Gray negeert {what}; de Cox-modellen en (bij entry) de curves gebruiken ze wel."),
    "note_competing_strata": ("strata ({strata})", "strata ({strata})"),
    "note_competing_entry": ("delayed entry ({entry})", "late instroom ({entry})"),
}
