"""The funnel plot of a :func:`ekc_analysis.benchmark` result: each unit's share against its number of cases,
with the 95 % and 99.8 % control limits around the overall share. Same contract as :mod:`ekc_analysis.plots`:
takes a result and ``ax=None``, returns the Axes, never shows or saves, computes nothing."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

import numpy as np

from .labels import Lang, label, number
from .plot_style import legend_outside

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .results import Result

LIMIT_COLOUR = "#555555"
COLOURS = {"within": "#0072B2", "above_95": "#E69F00", "below_95": "#E69F00", "above_99.8": "#D55E00",
           "below_99.8": "#D55E00"}


def funnel_plot(result: Result, ax: Axes | None = None, lang: Lang = "en", hidden: Collection[str] = (),
                name_outside: bool = True) -> Axes:
    """Units as points (share against n), the overall share as a line, 95 % (dashed) and 99.8 % (solid) limits.

    ``hidden`` names units not to draw (a report leaves out units whose counts are suppressed);
    units outside the 95 % limits are named beside their point (``name_outside``).
    """
    from matplotlib.ticker import FuncFormatter

    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
    t = result.table
    t = t[~t["unit"].isin(list(hidden))]
    curve = result.extras["curve"]
    overall = float(result.settings["overall"])  # type: ignore[arg-type]
    ax.plot(curve["n"], curve["upper_95"], ls="--", label=label("limit_95", lang), color=LIMIT_COLOUR, lw=1)
    ax.plot(curve["n"], curve["lower_95"], ls="--", color=LIMIT_COLOUR, lw=1)
    ax.plot(curve["n"], curve["upper_998"], ls="-", label=label("limit_998", lang), color=LIMIT_COLOUR, lw=1)
    ax.plot(curve["n"], curve["lower_998"], ls="-", color=LIMIT_COLOUR, lw=1)
    ax.axhline(overall, color="#0072B2", lw=1, alpha=0.6,
               label=f"{label('overall', lang)} ({number(100 * overall, lang)}%)")
    ax.scatter(t["n"], t["share"], s=28, zorder=3, color=[COLOURS.get(f, "#0072B2") for f in t["flag"]],
               edgecolor="white", linewidth=0.5)
    if name_outside:
        for r in t[t["flag"] != "within"].itertuples(index=False):
            ax.annotate(str(r.unit), (r.n, r.share), xytext=(4, 3), textcoords="offset points", fontsize=8)
    top = float(np.nanmax(t["n"])) if len(t) else float(curve["n"].max())
    ax.set_xlim(0, top * 1.12)
    smallest = float(np.nanmin(t["n"])) if len(t) else 10.0
    shown = curve[curve["n"] >= max(5.0, smallest / 2)]  # the limits of tiny units would stretch the axis to 0–100 %
    values = np.concatenate([shown[["lower_998", "upper_998"]].to_numpy().ravel(), t["share"].to_numpy(dtype=float)])
    lo, hi = float(np.nanmin(values)), float(np.nanmax(values))
    pad = 0.05 * (hi - lo or 0.1)
    ax.set_ylim(max(0.0, lo - pad), min(1.0, hi + pad))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(100 * v, lang, 0) + "%"))
    ax.set_xlabel(label(f"benchmark_n_{result.settings.get('metric', 'conference')}", lang))
    ax.set_ylabel(label(f"benchmark_{result.settings.get('metric', 'conference')}", lang))
    ax.set_title(label(f"benchmark_title_{result.settings.get('metric', 'conference')}", lang)
                 + f" ({label(str(result.settings.get('by', '')), lang).lower()})", loc="left", fontsize=10)
    legend_outside(ax, fontsize=8)
    return ax


DRAWERS: dict[tuple[str, str | None], Callable[..., Axes]] = {("benchmark", None): funnel_plot,
                                                              ("benchmark", "funnel"): funnel_plot}
