"""Registry -> results: funnel, plans, execution, end states, benchmark, strata, references.

Modules inside are private; this folder's public names are re-exported here.
"""

from __future__ import annotations

from ._benchmark import benchmark
from ._end_states import end_states
from ._funnel import execution, funnel, plans
from ._references import (
    EKC,
    EXECUTION,
    FUNNEL,
    HILHORST,
    REFERENCES,
    SOURCE_INFO,
    SUNDELL,
    WODC,
    ZONMW,
    reference_table,
)
from ._strata import MISSING_LABEL

__all__ = [
    "EKC",
    "EXECUTION",
    "FUNNEL",
    "HILHORST",
    "MISSING_LABEL",
    "REFERENCES",
    "SOURCE_INFO",
    "SUNDELL",
    "WODC",
    "ZONMW",
    "benchmark",
    "end_states",
    "execution",
    "funnel",
    "plans",
    "reference_table",
]
