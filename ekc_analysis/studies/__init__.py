"""Study frame -> effect results: compare, groups and contrasts, clusters, waves, trial, cohort,
survival, competing risks, explained variance, meta-analysis.

Modules inside are private; this folder's public names are re-exported here.
"""

from __future__ import annotations

from ._cohort import balance, e_value, propensity_weights, rate_ratio
from ._compare import compare
from ._compare_many import compare_many
from ._competing import competing_risks
from ._doubly_robust import doubly_robust
from ._explained import variance_explained
from ._imputation import Imputations, impute
from ._meta import meta_analysis
from ._survival import survival
from ._table_one import table_one
from ._tipping import tipping_point
from ._trial import consort, costs, power
from ._waves import compare_waves

__all__ = [
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
]
