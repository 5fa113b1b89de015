"""Axes from results, never numbers.

Modules inside are private; this folder's public names are re-exported here.
"""

from __future__ import annotations

from ._benchmark import funnel_plot
from ._competing import cif_stacked
from ._describe import (
    agreement_bins,
    agreements_histogram,
    contrast,
    domains_bars,
    execution_bars,
    funnel_flow,
    funnel_trend,
    plot_result,
    readable_on,
)
from ._effects import (
    compare_forest,
    consort_flow,
    contrast_forest,
    forest,
    forest_per_measure,
    km_curves,
    love,
    meta_forest,
    overlap,
)
from ._imputation import tipping_point_plot
from ._style import decimal_commas, legend_outside

__all__ = [
    "agreement_bins",
    "agreements_histogram",
    "cif_stacked",
    "compare_forest",
    "consort_flow",
    "contrast",
    "contrast_forest",
    "decimal_commas",
    "domains_bars",
    "execution_bars",
    "forest",
    "forest_per_measure",
    "funnel_flow",
    "funnel_plot",
    "funnel_trend",
    "km_curves",
    "legend_outside",
    "love",
    "meta_forest",
    "overlap",
    "plot_result",
    "readable_on",
    "tipping_point_plot",
]
