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
from typing import TYPE_CHECKING

from .errors import ArgumentError, EkcError, PersonalDataWarning, StatisticalWarning, ValidationError

__version__ = "0.1.0"

_LAZY = {
    "load": "loading", "load_study": "loading", "sample_data": "loading", "sample_path": "loading",
    "Registry": "registry",
    "funnel": "describe", "plans": "describe", "execution": "describe",
    "compare": "comparison", "compare_many": "comparison_many", "compare_waves": "waves",
    "costs": "trial", "power": "trial", "consort": "trial",
    "survival": "time_to_event", "balance": "cohort", "propensity_weights": "cohort", "rate_ratio": "cohort",
    "e_value": "cohort",
    "competing_risks": "competing",
    "doubly_robust": "dr_effects", "table_one": "baseline_table",
    "variance_explained": "explained",
    "meta_analysis": "meta",
    "Result": "results",
    "report": "reporting",
    "reference_table": "references",
    "simulate_registry": "simulate", "simulate_trial": "simulate", "simulate_cohort": "simulate",
    "simulate_meta": "simulate",
    "pseudonymise": "pseudonyms",
    "benchmark": "benchmarking", "end_states": "endstates",
    "set_language": "display", "get_language": "display",
    "impute": "imputation", "Imputations": "imputation", "tipping_point": "tipping",
}

__all__ = ["ArgumentError", "EkcError", "PersonalDataWarning", "StatisticalWarning", "ValidationError", "__version__",
           *sorted(_LAZY)]

if TYPE_CHECKING:  # pragma: no cover  (names for type checkers; at run time __getattr__ imports them)
    from .describe import execution, funnel, plans  # noqa: F401
    from .display import get_language, set_language  # noqa: F401
    from .loading import load, load_study, sample_data, sample_path  # noqa: F401
    from .registry import Registry  # noqa: F401
    from .results import Result  # noqa: F401


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ekc_analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
