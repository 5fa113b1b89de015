"""Run every analysis a report shows, once; the report only arranges what this returns."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pandas as pd

from ..describe import execution, funnel, plans
from ..errors import StatisticalWarning
from ..intake import Registry
from ..results import Result
from ..studies import compare, compare_many, consort, costs, meta_analysis, propensity_weights, survival
from ._regional import benchmark_results
from ._studies import study_results

TRIAL_OUTCOMES = ["safety_12", "professional_care_12", "ots_extension"]
COHORT_COVARIATES = ["age", "girl", "prior_referrals", "reason", "immigrant"]


@dataclass
class Analyses:
    registry: Registry
    results: dict[str, Result] = field(default_factory=dict)
    weights: pd.Series | None = None
    study_sources: list[str] = field(default_factory=list)


def is_cohort(df: pd.DataFrame) -> bool:
    return {"time", "event", "group"} <= set(df.columns)


def analyse(reg: Registry, trial: pd.DataFrame | None = None, cohort: pd.DataFrame | None = None,
            meta: pd.DataFrame | None = None, seed: int = 2015, *, zonmw: pd.DataFrame | None = None,
            wodc: pd.DataFrame | None = None, min_followup_months: int | None = None) -> Analyses:
    """Describe the registry and, when given, compare in a trial and a cohort and pool study effects;
    ``zonmw`` (children within randomised families) and ``wodc`` (three groups) add the pages on the real
    designs. ``min_followup_months`` keeps the funnel to initiatives referred that long before ``as_of``."""
    a = Analyses(reg)
    r = a.results
    r["funnel"] = funnel(reg, min_followup_months=min_followup_months)
    r["funnel_year"] = funnel(reg, by="year", min_followup_months=min_followup_months)
    r["plans"] = plans(reg)
    r["execution"] = execution(reg)
    r["execution_year"] = execution(reg, by="year")
    r.update(benchmark_results(reg))  # regions and municipalities against the whole (funnel plots)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)  # complete-case notes stay in the results
        if trial is not None:
            outcomes = [o for o in TRIAL_OUTCOMES if o in trial]
            if outcomes:
                r["trial_many"] = compare_many(trial, outcomes, "group")
            if "safety_12" in trial:
                cov = ["safety_0"] if "safety_0" in trial else []
                r["trial_safety"] = compare(trial, "safety_12", "group", covariates=cov)
            if {"ots_extension", "non_western"} <= set(trial.columns):
                r["trial_extension"] = compare(trial, "ots_extension", "group", moderator="non_western")
            if "costs" in trial:
                r["trial_costs"] = costs(trial, "costs", "group", n_boot=4000, seed=seed, progress=False)
            compliance = "conference_held" if "conference_held" in trial else None
            r["consort"] = consort(trial, "group", compliance=compliance,
                                   outcome="safety_12" if "safety_12" in trial else None)
        if cohort is not None:
            cov = [c for c in COHORT_COVARIATES if c in cohort]
            a.weights = propensity_weights(cohort, "group", cov) if cov else None
            # rows whose propensity weight is missing (a missing covariate) leave the weighted estimates only;
            # the result counts them (settings["weights_dropped"]) and its notes say so
            r["cohort"] = survival(cohort, "time", "event", "group", covariates=cov, weights=a.weights, tau=3,
                                   missing_weights="drop")
        if meta is not None:
            r["meta"] = meta_analysis(meta, "log_rr", "se", study="study", exp=True)
    cov = [c for c in COHORT_COVARIATES if cohort is not None and c in cohort]
    r.update(study_results(zonmw, wodc, cohort, weights=a.weights, cohort_covariates=cov))
    return a
