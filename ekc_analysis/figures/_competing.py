"""Figures of competing-risk results: how follow-up ends, per group, as stacked cumulative incidence.

Each function takes a result and ``ax=None``, returns the Axes and never shows or saves; the words
come from :mod:`ekc_analysis.i18n`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from ..i18n import Lang, label

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..results import Result

# the cause of interest in the strong blue, other ends in the rest of the Okabe–Ito palette
CAUSE_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
EVENT_FREE = "#E5E5E5"


def _panel(result: Result, ax: Axes, name: object, lang: Lang, legend: bool,
           names: Mapping[str, str] | None = None) -> None:
    cif = result.extras["cif"]
    causes = list(result.settings["causes"])  # type: ignore[call-overload]
    main = result.settings["cause"]
    order = [main] + [c for c in causes if c != main]
    mine = cif[cif["group"] == name]
    lower = None
    for colour, cause in zip(CAUSE_COLOURS * 2, order, strict=False):
        c = mine[mine["cause"] == cause].sort_values("time")
        t = np.concatenate([[0.0], c["time"].to_numpy(float)])
        f = np.concatenate([[0.0], c["cif"].to_numpy(float)])
        lower = np.zeros_like(f) if lower is None else lower
        ax.fill_between(t, lower, lower + f, step="post", color=colour, lw=0, alpha=0.9,
                        label=(names or {}).get(str(cause)) or label(str(cause), lang))
        lower = lower + f
        top_t = t
    if lower is not None:
        ax.fill_between(top_t, lower, np.ones_like(lower), step="post", color=EVENT_FREE, lw=0,
                        label=label("event_free", lang))
    ax.set_ylim(0, 1)
    ax.set_xlim(0, float(mine["time"].max()) if len(mine) else 1.0)
    ax.yaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    ax.set_xlabel(label("years", lang))
    ax.set_title(label(str(name), lang), loc="left")
    if legend:
        ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def cif_stacked(result: Result, ax: Axes | None = None, lang: Lang = "en", group: object = None,
                names: Mapping[str, str] | None = None) -> Axes:
    """Stacked Aalen–Johansen cumulative incidence: at each time, the share of children whose follow-up
    has ended by each cause, the cause of interest at the bottom, the rest still followed without any
    event on top. ``names`` words a cause in the legend (cause value -> name; default its label).

    Without ``ax``: a figure with one panel per group (FGC left) and the left Axes returned; with
    ``ax``: the panel of ``group`` (default the FGC group) drawn on it.
    """
    treated, control = result.settings["treated"], result.settings["control"]
    weighted = bool(result.settings.get("weighted", False))
    ylabel = label("weighted_cumulative_incidence" if weighted else "cumulative_incidence", lang)
    if ax is not None:
        _panel(result, ax, treated if group is None else group, lang, legend=True, names=names)
        ax.set_ylabel(ylabel)
        return ax
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True, layout="constrained")
    for i, name in enumerate((treated, control)):
        _panel(result, axes[i], name, lang, legend=i == 1, names=names)
    axes[0].set_ylabel(ylabel)
    fig.suptitle(label("cif_title_weighted" if weighted else "cif_title", lang), x=0.02, ha="left")
    return axes[0]


DRAWERS: dict[tuple[str, str | None], Callable[..., Axes]] = {
    ("competing_risks", None): cif_stacked, ("competing_risks", "stacked"): cif_stacked,
}
