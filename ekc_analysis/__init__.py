"""ekc_analysis — outcome analytics for Eigen Kracht-conferenties (Family Group Conferences).

>>> import ekc_analysis as ekc
>>> reg = ekc.sample_data()
>>> ekc.funnel(reg).to_frame()["stage"].tolist()
['conference', 'plan_without_conference', 'stopped']

Heavy libraries (statsmodels, matplotlib, scipy.stats) load only when a function needs them:
the public names below are resolved lazily on first use.
"""

from __future__ import annotations

import importlib

from .errors import ArgumentError, EkcError, PersonalDataWarning, StatisticalWarning, ValidationError

__version__ = "0.1.0"

_LAZY = {
    **dict.fromkeys(["benchmark", "end_states", "execution", "funnel", "plans", "reference_table"], "describe"),
    **dict.fromkeys(["Registry", "load", "load_study", "pseudonymise", "sample_data", "sample_path"], "intake"),
    **dict.fromkeys(["report"], "reporting"),
    **dict.fromkeys(["Result", "get_language", "set_language"], "results"),
    **dict.fromkeys(["simulate_cohort", "simulate_meta", "simulate_registry", "simulate_trial"], "simulate"),
    **dict.fromkeys(
        [
            "Imputations",
            "balance",
            "compare",
            "compare_many",
            "compare_waves",
            "competing_risks",
            "consort",
            "costs",
            "doubly_robust",
            "e_value",
            "impute",
            "meta_analysis",
            "power",
            "propensity_weights",
            "rate_ratio",
            "survival",
            "table_one",
            "tipping_point",
            "variance_explained",
        ],
        "studies",
    ),
}

__all__ = [
    "ArgumentError",
    "EkcError",
    "PersonalDataWarning",
    "StatisticalWarning",
    "ValidationError",
    "__version__",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ekc_analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
