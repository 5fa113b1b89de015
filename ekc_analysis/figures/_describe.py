"""Figures of results: each takes a result and ``ax=None``, returns the Axes, never shows or saves.

Colours are the Okabe–Ito palette (safe for colour-blind readers, readable in grey print);
all words come from :mod:`ekc_analysis.i18n`. ``count`` formats every number of people shown,
so a report can pass its disclosure rule (``<10``) and the figure never shows a small count.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import numpy as np

from ..describe import EXECUTION
from ..errors import ArgumentError
from ..i18n import Lang, domain_label, label, number, t
from ..intake import normalise
from ._style import legend_outside

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..results import Result

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
STAGE_COLOURS = {"conference": "#0072B2", "plan_without_conference": "#009E73", "stopped": "#D55E00",
                 "ongoing": "#999999", "plan": "#56B4E9", "no_plan": "#E69F00", "plan_unknown": "#BBBBBB"}
EXEC_COLOURS = {"full": "#009E73", "partial": "#E69F00", "none": "#D55E00"}
Count = Callable[[int], str]


def _ax(ax: Axes | None, size: tuple[float, float] = (7, 4)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _pct(x: float) -> str:
    return "–" if not np.isfinite(x) else f"{100 * x:.0f}%"  # whole per cents read the same in nl and en


def plot_result(result: Result, ax: Axes | None = None, lang: Lang = "en", which: str | None = None,
                **kwargs: object) -> Axes:
    """Draw a result with the figure that fits its kind (``which`` picks among several)."""
    from . import _benchmark as plots_benchmark
    from . import _competing as plots_competing
    from . import _effects as plots_effects
    from . import _imputation as plots_imputation

    drawers: dict[tuple[str, str | None], Callable[..., Axes]] = {
        ("funnel", None): funnel_flow, ("funnel", "flow"): funnel_flow, ("funnel", "trend"): funnel_trend,
        ("plans", None): agreements_histogram, ("plans", "agreements"): agreements_histogram,
        ("plans", "domains"): domains_bars, ("execution", None): execution_bars,
        **plots_effects.DRAWERS, **plots_competing.DRAWERS, **plots_benchmark.DRAWERS,
        **plots_imputation.DRAWERS,
    }
    by = result.settings.get("by")
    if result.kind == "funnel" and which is None and isinstance(by, (list, tuple)) and "referral_year" in by:
        which = "trend"
    drawer = drawers.get((result.kind, which))
    if drawer is None:
        options = sorted(str(w) for k, w in drawers if k == result.kind and w)
        raise ArgumentError(f"no figure for a {result.kind} result with which={which!r}; "
                         f"choose from {options or 'none'}")
    return drawer(result, ax=ax, lang=lang, **kwargs)


# --- funnel ---------------------------------------------------------------------------------------

def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21; AA for normal text needs 4.5)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(background: str) -> str:
    """White or near-black text, whichever contrasts more with ``background``."""
    return "#FFFFFF" if contrast("#FFFFFF", background) >= contrast("#000000", background) else "#000000"


def funnel_flow(result: Result, ax: Axes | None = None, lang: Lang = "en", count: Count = str,
                shown: Mapping[str, str] | None = None) -> Axes:
    """Initiatives → conference / plan without conference / stopped (/ ongoing) → plan / no plan.

    ``count`` formats each number; ``shown`` (box name → text) overrides it where a report has
    decided how a count of a row set is shown (``<10``, ``x``); a box with no number shows no share.
    """
    from matplotlib.patches import FancyBboxPatch

    ax = _ax(ax, (9, 4.8))
    flow = result.extras["flow"].set_index("target")["n"]
    closed = int(flow[["conference", "plan_without_conference", "stopped"]].sum())
    total = closed + int(flow["ongoing"])
    n_conf = int(flow["conference"])

    def box(x: float, y: float, key: str, n: int, share: float | None, extra: str = "") -> None:
        ax.add_patch(FancyBboxPatch((x, y - 0.08), 0.25, 0.16, boxstyle="round,pad=0.01",
                                    fc=STAGE_COLOURS.get(key, "#0072B2"), ec="none"))
        text = shown[key] if shown is not None and key in shown else count(n)
        is_number = text.replace(",", "").replace(".", "").isdigit()
        pct = "" if share is None or not is_number else f" ({_pct(share)})"  # no share of a hidden count
        colour = STAGE_COLOURS.get(key, "#0072B2")
        ax.text(x + 0.125, y, f"{textwrap.fill(label(key, lang), 18)}\n{text}{pct}{extra}", ha="center",
                va="center", color=readable_on(colour), fontsize=9, weight="bold")

    def arrow(x0: float, y0: float, x1: float, y1: float) -> None:
        ax.annotate("", (x1, y1), (x0, y0), arrowprops={"arrowstyle": "->", "color": "#555555"})

    closed_text = shown["closed"] if shown is not None and "closed" in shown else count(closed)
    # the shares on the right are of the closed initiatives: say how many those are
    box(0.0, 0.5, "initiatives", total, None, "\n" + t("closed_count", lang, n=str(closed_text)))
    stages = [("conference", 0.85), ("plan_without_conference", 0.6), ("stopped", 0.35), ("ongoing", 0.1)]
    for key, y in stages:
        n = int(flow[key])
        box(0.37, y, key, n, None if key == "ongoing" else (n / closed if closed else np.nan))
        arrow(0.26, 0.5, 0.36, y)
    if int(flow["plan"]) + int(flow["no_plan"]) == 0 and n_conf:  # the export says nothing about plans
        ax.text(0.865, 0.85, textwrap.fill(label("plan_not_recorded", lang), 22), ha="center", va="center",
                color="#555555", fontsize=9, style="italic")
    else:
        for key, y in (("plan", 0.95), ("no_plan", 0.72)):
            n = int(flow[key])
            box(0.74, y, key, n, n / n_conf if n_conf else np.nan)
            arrow(0.63, 0.85, 0.73, y)
    if int(flow["plan_unknown"]) and int(flow["plan"]) + int(flow["no_plan"]):
        box(0.74, 0.49, "plan_unknown", int(flow["plan_unknown"]), None)
        arrow(0.63, 0.85, 0.73, 0.49)
    ax.set_xlim(-0.02, 1.0)
    ax.set_ylim(0.0, 1.05)
    ax.axis("off")
    ax.set_title(label("funnel_title", lang), loc="left")
    return ax


def funnel_trend(result: Result, ax: Axes | None = None, lang: Lang = "en",
                 stage: str = "conference") -> Axes:
    """Share of closed initiatives at ``stage`` per year, with its 95% interval as a band."""
    ax = _ax(ax)
    t = result.table[result.table["stage"] == stage]
    t = t[t["referral_year"] != "(unknown)"].astype({"referral_year": int})
    ax.fill_between(t["referral_year"], t["ci_low"], t["ci_high"], color=STAGE_COLOURS[stage], alpha=0.25,
                    lw=0)
    ax.plot(t["referral_year"], t["share"], "o-", color=STAGE_COLOURS[stage], label=label("observed", lang))
    ref = result.extras["reference"].set_index("stage").loc[stage, "reference"]
    ax.axhline(ref, ls="--", color="#555555", label=f"{label('published', lang)}: {_pct(ref)}")
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, never 2019.5
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0f}")
    ax.set_xlabel(label("year", lang))
    ax.set_ylabel(label("share", lang))
    ax.set_title(label("trend_title", lang) if stage == "conference" else label(stage, lang), loc="left")
    legend_outside(ax)
    return ax


# --- plans and execution ----------------------------------------------------------------------

def execution_bars(result: Result, ax: Axes | None = None, lang: Lang = "en", count: Count = str) -> Axes:
    """Stacked bars: this registry's full / partial / none beside the published 40 / 50 / 10 %."""
    ax = _ax(ax, (7, 3.2))
    t = result.table
    if result.settings.get("by"):
        t = result.extras["reference"]
    observed = dict(zip(t["execution"], t["share"], strict=True))
    n = dict(zip(t["execution"], t["n"], strict=True))
    bars = [(label("observed", lang), observed), (label("published_short", lang), EXECUTION)]
    for y, (_, shares) in enumerate(bars):
        left = 0.0
        for key in ("full", "partial", "none"):
            w = float(shares.get(key, np.nan))
            if not np.isfinite(w):
                continue
            ax.barh(y, w, left=left, color=EXEC_COLOURS[key], label=label(key, lang) if y == 0 else None)
            text = _pct(w) if y == 1 else f"{_pct(w)}\n(n={count(int(n[key]))})"
            if w > 0.06:
                ax.text(left + w / 2, y, text, ha="center", va="center", color="white", fontsize=8)
            left += w
    ax.set_yticks([0, 1], [b[0] for b in bars])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    ax.set_title(label("execution_title", lang), loc="left")
    ax.legend(frameon=False, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    return ax


def agreement_bins(values: np.ndarray, counts: np.ndarray, min_count: int) -> list[tuple[float, float, int]]:
    """Consecutive agreement counts merged into bins of at least ``min_count`` plans each.

    Left to right, a bin grows until it holds ``min_count`` plans; a short remainder joins the last
    bin. Every plan stays in a bar (disclosure control by coarsening, never by dropping data).
    Returns (first value, last value, plans) per bin.
    """
    order = np.argsort(values)
    values, counts = np.asarray(values)[order], np.asarray(counts)[order]
    bins: list[list[float]] = []
    start: float | None = None
    total = 0
    for v, c in zip(values, counts, strict=True):
        if c <= 0:
            continue
        first = float(v) if start is None else start
        start = first
        total += int(c)
        if total >= max(min_count, 1):
            bins.append([first, float(v), total])
            start, total = None, 0
    if total:
        last = float(values[counts > 0][-1])
        if bins:
            bins[-1][1], bins[-1][2] = last, bins[-1][2] + total
        else:
            bins.append([float(start if start is not None else last), last, total])
    return [(float(a), float(b), int(n)) for a, b, n in bins]


def agreements_histogram(result: Result, ax: Axes | None = None, lang: Lang = "en", min_count: int = 0) -> Axes:
    """How many agreements plans hold, with the mean and the published ~15 marked.

    With ``min_count`` (disclosure control) neighbouring numbers of agreements are merged into wider
    bars until each holds at least that many plans, so every plan is drawn; the bar height is then
    plans per agreement count within the bar (an area-true histogram) and the axis label says so.
    """
    ax = _ax(ax)
    d = result.extras["distribution"]
    bins = agreement_bins(d["n_agreements"].to_numpy(float), d["plans"].to_numpy(int), min_count)
    merged = any(b > a for a, b, _ in bins)
    for a, b, n in bins:
        ax.bar(a - 0.45, n / (b - a + 1), width=b - a + 0.9, align="edge", color="#0072B2")
    row = result.table[result.table["metric"] == "agreements_per_plan"].iloc[0]
    ax.axvline(row["estimate"], color="#D55E00", lw=2,
               label=f"{label('mean', lang)} {number(row['estimate'], lang)}")
    ax.axvline(15, color="#555555", ls="--", label=f"{label('published', lang)}: ~15")
    ax.set_xlabel(label("n_agreements", lang))
    ylabel = label("plans", lang)
    if merged:  # a merged bar's height is per number of agreements; the caption says why bars were merged
        ylabel += " (per value)" if lang == "en" else " (per waarde)"
    ax.set_ylabel(ylabel)
    ax.set_title(label("agreements_title", lang), loc="left")
    legend_outside(ax)
    return ax


def domains_bars(result: Result, ax: Axes | None = None, lang: Lang = "en") -> Axes:
    """Share of agreements calling on professional help per life domain, with clustered 95% CIs."""
    ax = _ax(ax)
    d = result.extras["domains"].sort_values("share")
    y = np.arange(len(d))
    ax.barh(y, d["share"], color="#56B4E9")
    ax.errorbar(d["share"], y, xerr=[d["share"] - d["ci_low"], d["ci_high"] - d["share"]], fmt="none",
                ecolor="#333333", capsize=3)
    ax.axvline(0.2, color="#555555", ls="--", label=f"{label('published', lang)}: 1/5")
    ax.set_yticks(y, [domain_label(normalise(v), lang, default=str(v)) for v in d["domain"]])
    ax.xaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    ax.set_xlabel(label("professional_share", lang))
    ax.set_title(label("domains_title", lang), loc="left")
    legend_outside(ax)
    return ax
