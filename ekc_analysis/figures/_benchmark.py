"""The funnel plot of a :func:`ekc_analysis.benchmark` result: each unit's share against its number of cases,
with the 95 % and 99.8 % control limits around the overall share. Same contract as :mod:`ekc_analysis.figures`:
takes a result and ``ax=None``, returns the Axes, never shows or saves, computes nothing."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

import numpy as np

from ..i18n import Lang, label, number
from ._style import legend_outside

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

    from ..results import Result

LIMIT_COLOUR = "#555555"
COLOURS = {"within": "#0072B2", "above_95": "#E69F00", "below_95": "#E69F00", "above_99.8": "#D55E00",
           "below_99.8": "#D55E00"}


MAX_NAMES = 12  # more units than this: numbers beside the dots, the key in the table (or the legend)
LIMIT_FOR = {"below_95": "lower_95", "below_99.8": "lower_998", "above_95": "upper_95", "above_99.8": "upper_998"}


def funnel_plot(result: Result, ax: Axes | None = None, lang: Lang = "en", hidden: Collection[str] = (),
                name_outside: bool = True, flag_only: Collection[str] = (), names: str = "auto") -> Axes:
    """Units as points (share against n), the overall share as a line, 95 % (dashed) and 99.8 % (solid) limits.

    ``hidden`` names units not to draw (a report leaves out units whose n is suppressed); ``flag_only``
    names units whose share is suppressed but whose position is not: they are drawn as open markers on
    the limit they cross (on the overall line when within), so a unit finds itself without its share
    being given away. ``names``: ``"auto"`` names every dot when there are at most 12 units and numbers
    them (1, 2, … in the table's order, the key in the legend) when there are more; ``"names"``,
    ``"numbers"`` or ``"outside"`` (only units outside the 95 % limits, the old behaviour; also
    ``name_outside=False`` for none).
    """
    from matplotlib.ticker import FuncFormatter

    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
    full = result.table.reset_index(drop=True).assign(key=lambda x: np.arange(1, len(x) + 1))
    t = full[~full["unit"].isin(list(hidden))]
    exact = t[~t["unit"].isin(list(flag_only))]
    placed = t[t["unit"].isin(list(flag_only))]
    curve = result.extras["curve"]
    overall = float(result.settings["overall"])  # type: ignore[arg-type]
    ax.plot(curve["n"], curve["upper_95"], ls="--", label=label("limit_95", lang), color=LIMIT_COLOUR, lw=1)
    ax.plot(curve["n"], curve["lower_95"], ls="--", color=LIMIT_COLOUR, lw=1)
    ax.plot(curve["n"], curve["upper_998"], ls="-", label=label("limit_998", lang), color=LIMIT_COLOUR, lw=1)
    ax.plot(curve["n"], curve["lower_998"], ls="-", color=LIMIT_COLOUR, lw=1)
    ax.axhline(overall, color="#0072B2", lw=1, alpha=0.6,
               label=f"{label('overall', lang)} ({number(100 * overall, lang)}%)")
    ax.scatter(exact["n"], exact["share"], s=28, zorder=3, color=[COLOURS.get(f, "#0072B2") for f in exact["flag"]],
               edgecolor="white", linewidth=0.5)
    y_placed = np.array([overall if f == "within" else float(getattr(r, LIMIT_FOR[f]))
                         for f, r in zip(placed["flag"], placed.itertuples(index=False), strict=True)])
    if len(placed):
        ax.scatter(placed["n"], y_placed, s=40, zorder=3, facecolor="white", linewidth=1.2,
                   marker="o", edgecolor=[COLOURS.get(f, "#0072B2") for f in placed["flag"]],
                   label=label("benchmark_flag_only", lang))
    _name_dots(ax, exact, placed, y_placed, names if name_outside else "none", len(full))
    top = float(np.nanmax(t["n"])) if len(t) else float(curve["n"].max())
    ax.set_xlim(0, top * 1.12)
    smallest = float(np.nanmin(t["n"])) if len(t) else 10.0
    shown = curve[curve["n"] >= max(5.0, smallest / 2)]  # the limits of tiny units would stretch the axis to 0–100 %
    values = np.concatenate([shown[["lower_998", "upper_998"]].to_numpy().ravel(),
                             exact["share"].to_numpy(dtype=float), y_placed])
    lo, hi = float(np.nanmin(values)), float(np.nanmax(values))
    pad = 0.05 * (hi - lo or 0.1)
    ax.set_ylim(max(0.0, lo - pad), min(1.0, hi + pad))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(100 * v, lang, 0) + "%"))
    ax.set_xlabel(label(f"benchmark_n_{result.settings.get('metric', 'conference')}", lang))
    ax.set_ylabel(label(f"benchmark_{result.settings.get('metric', 'conference')}", lang))
    ax.set_title(label(f"benchmark_title_{result.settings.get('metric', 'conference')}", lang)
                 + f" ({label(str(result.settings.get('by', '')), lang).lower()})", loc="left", fontsize=10)
    legend_outside(ax, fontsize=8, columnspacing=0.8, handlelength=1.2)  # 15 numbered units fit the width
    return ax


def _name_dots(ax: Axes, exact: pd.DataFrame, placed: pd.DataFrame, y_placed: np.ndarray, names: str,
               units: int) -> None:
    """Names (or numbers with a key) beside the dots."""
    import pandas as pd

    if names == "none":
        return
    mode = ("numbers" if units > MAX_NAMES else "names") if names == "auto" else names
    points = pd.concat([exact.assign(y=exact["share"]), placed.assign(y=y_placed)])
    if mode == "outside":
        points = points[points["flag"] != "within"]
    for r in points.itertuples(index=False):
        text = str(r.key) if mode == "numbers" else str(r.unit)
        ax.annotate(text, (r.n, r.y), xytext=(4, 3), textcoords="offset points", fontsize=8)
    if mode == "numbers" and len(points):  # the key, as legend entries without a marker
        for r in points.sort_values("key").itertuples(index=False):
            ax.plot([], [], ls="none", label=f"{r.key} {r.unit}")


DRAWERS: dict[tuple[str, str | None], Callable[..., Axes]] = {("benchmark", None): funnel_plot,
                                                              ("benchmark", "funnel"): funnel_plot}
