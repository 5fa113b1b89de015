"""Figures of multiple-imputation results: the tipping-point (delta-adjusted) sensitivity analysis.

Each function takes a result and ``ax=None``, returns the Axes and never shows or saves; it draws what the
result holds and computes nothing; the words come from :mod:`ekc_analysis.i18n`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from ..i18n import Lang, label

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..results import Result


def tipping_point_plot(result: Result, ax: Axes | None = None, lang: Lang = "en") -> Axes:
    """The pooled estimate and its interval against delta, the line of no effect and the tipping point."""
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    t = result.table
    ax.fill_between(t["delta"], t["ci_low"], t["ci_high"], color="#0072B2", alpha=0.2, linewidth=0)
    ax.plot(t["delta"], t["estimate"], color="#0072B2", marker="o", markersize=3, label=label("pooled_estimate", lang))
    ax.axhline(float(result.settings["null"]), color="black", linewidth=0.8, label=label("no_effect", lang))  # type: ignore[arg-type]
    tip = float(result.settings["tipping_delta"])  # type: ignore[arg-type]
    if np.isfinite(tip):
        ax.axvline(tip, color="#D55E00", linestyle="--", label=f"{label('tipping_point', lang)}: {tip:.2g}")
    ax.set_xlabel(label("tipping_delta_logit" if result.settings["scale"] == "logit" else "tipping_delta_shift", lang))
    ax.set_ylabel(label(str(result.settings["measure"]), lang))
    ax.set_title(label("tipping_title", lang), loc="left")
    ax.legend(frameon=False, fontsize="small")
    return ax


DRAWERS: dict[tuple[str, str | None], Callable[..., Axes]] = {("tipping_point", None): tipping_point_plot}
