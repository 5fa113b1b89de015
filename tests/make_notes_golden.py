"""The notes of every public estimator of ``ekc_analysis.studies`` on the sample data, in English and Dutch.

``results()`` runs each estimator with several option combinations (weights, clusters, covariates, tau,
imputations) on the sample study files; ``tests/test_notes.py`` checks their notes and compares them with
``tests/reference/notes_golden.json``, which this script writes::

    python tests/make_notes_golden.py

Rerun it after rewording a note on purpose: the diff of the golden file shows the change for review.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as a script: describe this checkout, not whichever ekc_analysis is installed
    sys.path.insert(0, str(ROOT))

import ekc_analysis as ekc  # noqa: E402
from ekc_analysis.errors import StatisticalWarning  # noqa: E402
from ekc_analysis.results import Result  # noqa: E402

GOLDEN = ROOT / "tests" / "reference" / "notes_golden.json"


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(ekc.sample_path(f"{name}.csv"))


def _frames() -> dict[str, pd.DataFrame]:
    trial, cohort = _read("trial"), _read("cohort")
    holes = trial.copy()  # a few missing values: complete-case notes and imputations
    holes.loc[holes.index % 9 == 0, "safety_12"] = np.nan
    holes.loc[holes.index % 13 == 1, "age"] = np.nan
    holes.loc[holes.index % 11 == 2, "ots_extension"] = np.nan
    cohort = cohort.assign(family=cohort["id"].str[:4], entry=0.1 * (cohort.index % 3) * cohort["time"].clip(0, 1),
                           status=cohort["end"].where(cohort["end"] != "censored", 0))
    cohort_holes = cohort.copy()
    cohort_holes.loc[cohort_holes.index % 10 == 0, "prior_referrals"] = np.nan
    cohort_holes.loc[cohort_holes.index % 17 == 3, "age"] = np.nan
    rng = np.random.default_rng(1)  # a confounder the outcome depends on non-linearly: the two DR models disagree
    x = rng.normal(size=len(cohort)) + 1.2 * (cohort["group"] == "fgc")
    y = (rng.uniform(size=len(cohort)) < 1 / (1 + np.exp(-(2 * x**2 - 2)))).astype(int)
    later = cohort["group"] == "fgc"  # hazards that are not proportional
    crossing = cohort.assign(time=cohort["time"].where(~later, cohort["time"] ** 3 / 3))
    long = _read("trial_long")
    family = long["id"].str[:4]  # families of ten children, alike
    meta = _read("meta_synthetic")
    second = meta["log_rr"] + np.where(meta.index % 2 == 0, 0.3, -0.3)  # two effects per study, apart
    outcomes = pd.concat([meta, meta.assign(log_rr=second, se=meta["se"] * 1.1)], ignore_index=True)
    return {"trial": trial, "holes": holes, "cohort": cohort, "cohort_holes": cohort_holes, "zonmw": _read("zonmw"),
            "confounded": cohort.assign(x=x, y=y), "crossing": crossing,
            "separated": trial.assign(zero=np.where(trial["group"] == "fgc", 0, (trial.index % 7 == 0).astype(int)),
                                      family=trial["id"].str[:4]),
            "unknown_compliance": trial.assign(conference_held=trial["conference_held"].where(
                (trial["group"] == "fgc") | (trial.index % 5 != 0))),
            "wodc": _read("wodc"), "meta": meta, "meta_multilevel": outcomes, "long": long,
            "long_clustered": long.assign(family=family, safety=long["safety"] + pd.factorize(family)[0] % 5 * 2.0)}


def _calls(d: dict[str, pd.DataFrame]) -> dict[str, Callable[[], Result]]:
    trial, holes, cohort, zonmw, wodc = d["trial"], d["holes"], d["cohort"], d["zonmw"], d["wodc"]
    covs = ["age", "prior_referrals", "reason"]
    w = ekc.propensity_weights(cohort, "group", covs, treated="fgc")
    gaps = w.where(np.arange(len(w)) % 50 != 0)  # some rows without a weight
    meta_gap = d["meta"].assign(se=d["meta"]["se"].where(d["meta"].index != 3))
    few = d["meta_multilevel"][d["meta_multilevel"]["study"].isin(d["meta"]["study"][:6])]
    imp_trial = ekc.impute(holes, m=3, seed=1, variables=["group", "age", "prior_reports", "non_western",
                                                          "safety_0", "safety_12", "ots_extension"])
    imp_cohort = ekc.impute(d["cohort_holes"], m=3, seed=2,
                            variables=["group", "age", "prior_referrals", "reason", "time", "event"])
    return {
        "compare_continuous": lambda: ekc.compare(trial, "safety_12", "group", treated="fgc"),
        "compare_binary_adjusted_moderator": lambda: ekc.compare(
            trial, "ots_extension", "group", treated="fgc", covariates=["age", "prior_reports"],
            moderator="non_western", compliance="conference_held"),
        "compare_continuous_moderator_compliance": lambda: ekc.compare(
            trial, "safety_12", "group", treated="fgc", covariates=["safety_0"], moderator="non_western",
            compliance="conference_held"),
        "compare_missing": lambda: ekc.compare(holes, "safety_12", "group", treated="fgc", covariates=["age"]),
        "compare_cluster": lambda: ekc.compare(zonmw, "placed", "group", treated="fgc", covariates=["age"],
                                               cluster="family_id", compliance="conference_held"),
        "compare_cluster_naive": lambda: ekc.compare(zonmw, "safety_12", "group", treated="fgc",
                                                     cluster="family_id", small_sample="naive"),
        "compare_separated": lambda: ekc.compare(d["separated"], "zero", "group", treated="fgc", covariates=["age"]),
        "compare_separated_cluster": lambda: ekc.compare(d["separated"], "zero", "group", treated="fgc",
                                                         cluster="family"),
        "compare_cluster_singletons": lambda: ekc.compare(trial, "safety_12", "group", treated="fgc", cluster="id"),
        "compare_compliance_unknown": lambda: ekc.compare(d["unknown_compliance"], "safety_12", "group",
                                                          treated="fgc", compliance="conference_held"),
        "compare_sparse": lambda: ekc.compare(trial.assign(rare=(trial.index % 60 == 0).astype(int)), "rare",
                                              "group", treated="fgc", covariates=["age", "prior_reports"]),
        "compare_groups": lambda: ekc.compare(wodc, "safety_12", "group", reference="cau",
                                              self_selected=["held", "not_held"], adjust="holm"),
        "compare_groups_combined": lambda: ekc.compare(wodc, "ots_extension", "group", reference="cau",
                                                       covariates=["age"], combine={"offered": ["held", "not_held"]},
                                                       self_selected=["held", "not_held"]),
        "compare_imputed": lambda: ekc.compare(imp_trial, "safety_12", "group", treated="fgc", covariates=["age"]),
        "compare_many": lambda: ekc.compare_many(trial, ["safety_12", "costs", "ots_extension"], "group",
                                                 treated="fgc"),
        "compare_many_cluster": lambda: ekc.compare_many(zonmw, ["safety_12", "placed"], "group", treated="fgc",
                                                         cluster="family_id"),
        "compare_waves": lambda: ekc.compare_waves(d["long"], "safety", "group", treated="fgc"),
        "compare_waves_binary": lambda: ekc.compare_waves(d["long"], "professional_care", "group", treated="fgc"),
        "compare_waves_cluster": lambda: ekc.compare_waves(d["long_clustered"], "safety", "group", treated="fgc",
                                                           cluster="family"),
        "survival": lambda: ekc.survival(cohort, "time", "event", "group", treated="fgc"),
        "survival_adjusted_tau": lambda: ekc.survival(cohort, "time", "event", "group", treated="fgc",
                                                      covariates=covs, tau=2),
        "survival_weighted_cluster": lambda: ekc.survival(cohort, "time", "event", "group", treated="fgc",
                                                          weights=w, cluster="family", tau=2),
        "survival_strata_entry": lambda: ekc.survival(cohort, "time", "event", "group", treated="fgc",
                                                      strata="girl", entry="entry", covariates=["age"]),
        "survival_weights_dropped": lambda: ekc.survival(cohort, "time", "event", "group", treated="fgc",
                                                         weights=gaps, missing_weights="drop"),
        "survival_not_proportional": lambda: ekc.survival(d["crossing"], "time", "event", "group", treated="fgc"),
        "survival_imputed": lambda: ekc.survival(imp_cohort, "time", "event", "group", treated="fgc",
                                                 covariates=["age", "prior_referrals"]),
        "competing_risks": lambda: ekc.competing_risks(cohort, "time", "status", "group", treated="fgc",
                                                       cause="rereferral_family"),
        "competing_risks_adjusted": lambda: ekc.competing_risks(d["cohort_holes"], "time", "status", "group",
                                                                treated="fgc", covariates=["age", "prior_referrals"],
                                                                cause="rereferral_family", strata="girl",
                                                                entry="entry"),
        "competing_risks_weighted_cluster": lambda: ekc.competing_risks(cohort, "time", "status", "group",
                                                                        treated="fgc", weights=w, cluster="family",
                                                                        cause="rereferral_family"),
        "competing_risks_weights_dropped": lambda: ekc.competing_risks(cohort, "time", "status", "group",
                                                                       treated="fgc", weights=gaps,
                                                                       missing_weights="drop",
                                                                       cause="rereferral_family"),
        "doubly_robust": lambda: ekc.doubly_robust(cohort, "event", "group", covs, treated="fgc"),
        "doubly_robust_att_cluster": lambda: ekc.doubly_robust(cohort, "event", "group", ["age", "prior_referrals"],
                                                               treated="fgc", estimand="ATT", cluster="family"),
        "doubly_robust_continuous": lambda: ekc.doubly_robust(holes, "safety_12", "group", ["age", "safety_0"],
                                                              treated="fgc"),
        "doubly_robust_disagreeing": lambda: ekc.doubly_robust(d["confounded"], "y", "group", ["x"], treated="fgc"),
        "doubly_robust_imputed": lambda: ekc.doubly_robust(imp_cohort, "event", "group", ["age", "prior_referrals"],
                                                           treated="fgc"),
        "variance_explained_binary": lambda: ekc.variance_explained(cohort, "event", "group", "fgc", covariates=covs),
        "variance_explained_continuous": lambda: ekc.variance_explained(holes, "safety_12", "group", "fgc"),
        "balance": lambda: ekc.balance(cohort, "group", covs, treated="fgc"),
        "balance_weighted": lambda: ekc.balance(cohort, "group", covs, w, treated="fgc"),
        "balance_weights_dropped": lambda: ekc.balance(cohort, "group", ["age"], gaps, treated="fgc",
                                                       missing_weights="drop"),
        "rate_ratio": lambda: ekc.rate_ratio(cohort, "n_rereferrals", "exposure_years", "group", treated="fgc"),
        "rate_ratio_adjusted_cluster": lambda: ekc.rate_ratio(cohort, "n_rereferrals", "exposure_years", "group",
                                                              treated="fgc", covariates=["age"], cluster="family"),
        "rate_ratio_cluster_naive": lambda: ekc.rate_ratio(cohort, "n_rereferrals", "exposure_years", "group",
                                                           treated="fgc", cluster="family", small_sample="naive"),
        "rate_ratio_imputed": lambda: ekc.rate_ratio(imp_cohort, "event", "time", "group", treated="fgc",
                                                     covariates=["prior_referrals"]),
        "e_value_risk_ratio": lambda: ekc.e_value(1.8, 1.2, 2.7),
        "e_value_hazard_ratio": lambda: ekc.e_value(1.3, 1.05, 1.6, measure="hazard_ratio", prevalence=0.4),
        "e_value_odds_ratio_rare": lambda: ekc.e_value(0.6, 0.4, 0.9, measure="odds_ratio", rare=True),
        "e_value_hazard_ratio_unsaid": lambda: ekc.e_value(1.3, measure="hazard_ratio"),
        "e_value_smd": lambda: ekc.e_value(0.3, 0.1, 0.5, measure="smd"),
        "e_value_mean_difference": lambda: ekc.e_value(4.0, 1.0, 7.0, measure="mean_difference", sd=12.0),
        "power_binary_n": lambda: ekc.power("binary", p_control=0.3, p_treated=0.2),
        "power_binary_detectable": lambda: ekc.power("binary", n=150, p_control=0.3, allocation=229 / 99),
        "power_continuous_clustered": lambda: ekc.power("continuous", delta=0.3, icc=0.4, cluster_size=1.6,
                                                        allocation=2.0),
        "power_continuous_detectable": lambda: ekc.power("continuous", n=100, sd=10.0, icc=0.1, cluster_size=2.0),
        "costs": lambda: ekc.costs(trial, "costs", "group", treated="fgc", n_boot=500),
        "consort": lambda: ekc.consort(trial, "group", treated="fgc", compliance="conference_held",
                                       outcome="plan_used_3m", eligible=400),
        "consort_missing_observational": lambda: ekc.consort(holes.assign(group=holes["group"].where(
            holes.index % 23 != 0)), "group", treated="fgc", design="observational"),
        "table_one": lambda: ekc.table_one(cohort, "group", ["age", "girl", "reason", "prior_referrals"]),
        "table_one_weighted_cluster": lambda: ekc.table_one(cohort, "group", ["age", "girl", "reason"], weights=w,
                                                            cluster="family", nonnormal=["age"]),
        "table_one_missing_group": lambda: ekc.table_one(holes.assign(group=holes["group"].where(
            holes.index % 19 != 0)), "group", ["age", "non_western"]),
        "table_one_imputed": lambda: ekc.table_one(imp_cohort, "group", ["age", "prior_referrals", "reason"]),
        "tipping_point_continuous": lambda: ekc.tipping_point(imp_trial, "safety_12", "group", treated="fgc",
                                                              deltas=[-4, 0, 4]),
        "tipping_point_binary": lambda: ekc.tipping_point(imp_trial, "ots_extension", "group", treated="fgc",
                                                          deltas=[-1, 0, 1], covariates=["age"]),
        "tipping_point_crossing": lambda: ekc.tipping_point(imp_trial, "safety_12", "group", treated="fgc",
                                                            deltas=[-40, 0, 40]),
        "tipping_point_no_crossing": lambda: ekc.tipping_point(imp_trial, "safety_12", "group", treated="fgc",
                                                               deltas=[-0.1, 0, 0.1]),
        "meta_analysis": lambda: ekc.meta_analysis(d["meta"], "log_rr", "se", study="study", exp=True),
        "meta_analysis_hksj_subgroup": lambda: ekc.meta_analysis(d["meta"], "log_rr", "se", hksj=True,
                                                                 subgroup="design"),
        "meta_analysis_dl_wald": lambda: ekc.meta_analysis(d["meta"].head(6), "log_rr", "se", method="DL",
                                                           hksj=False),
        "meta_analysis_multilevel": lambda: ekc.meta_analysis(d["meta_multilevel"], "log_rr", "se", study="study",
                                                              exp=True),
        "meta_analysis_gap": lambda: ekc.meta_analysis(meta_gap, "log_rr", "se"),
        "meta_analysis_equal_se": lambda: ekc.meta_analysis(d["meta"].assign(se=0.1), "log_rr", "se", method="FE"),
        "meta_analysis_multilevel_few": lambda: ekc.meta_analysis(few, "log_rr", "se", study="study", hksj=False),
        "meta_analysis_study_wald": lambda: ekc.meta_analysis(d["meta_multilevel"].head(12), "log_rr", "se",
                                                              study="study", hksj=False),
    }


def results() -> dict[str, tuple[Result, list[str]]]:
    """Every call's result and the texts of the StatisticalWarnings it raised (in order)."""
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        calls = _calls(_frames())
    for name, call in calls.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = call()
        out[name] = (res, [str(w.message) for w in caught if issubclass(w.category, StatisticalWarning)])
    return out


def golden(found: dict[str, tuple[Result, list[str]]]) -> dict[str, list[dict[str, str]]]:
    """Each call's notes as ``{"key", "en", "nl"}`` (the key of a Message; the English as ``str()`` gives it)."""
    return {name: [{"key": getattr(n, "key", ""), "en": str(n),
                    "nl": n.render("nl") if hasattr(n, "render") else str(n)} for n in res.notes]
            for name, (res, _) in found.items()}


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(golden(results()), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
