"""Figures of effect estimates: forest plots, Kaplan–Meier curves with numbers at risk, balance (love)
and overlap plots, the CONSORT flow of a trial. Same contract as :mod:`ekc_analysis.figures`."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..i18n import Lang, label, number, t
from ._style import legend_outside

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.ticker import FuncFormatter

    from ..results import Result

RATIO_MEASURES = ("ratio", "hazard", "rate_ratio")
GROUP_COLOURS = ("#0072B2", "#E69F00")


def _ax(ax: Axes | None, size: tuple[float, float] = (7, 4)) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _ratio_axis(ax: Axes) -> None:
    """A log axis labelled with plain numbers (0.5, 1, 2), not powers of ten."""
    from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

    ax.set_xscale("log")
    lo, hi = ax.get_xlim()
    nice = [t for t in (0.1, 0.2, 0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4, 5, 10) if lo <= t <= hi]
    if len(nice) > 7:
        nice = [t for t in nice if t in (0.1, 0.2, 0.5, 1, 2, 5, 10)]
    ax.xaxis.set_major_locator(FixedLocator(nice))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())


# risk differences are drawn in percentage points, as the report's tables and sentences show them
RISK_DIFFERENCES = ("risk_difference", "adjusted_risk_difference", "per_protocol_risk_difference",
                    "cace_risk_difference")


def _forest(ax: Axes, labels: list[str], est: np.ndarray, lo: np.ndarray, hi: np.ndarray, ratio: bool,
            sizes: np.ndarray | None = None, lang: Lang = "en", points: bool = False) -> None:
    """One line per estimate; with ``points`` the estimates are differences of shares, drawn and written in
    percentage points (0.093 as 9.3)."""
    if points:
        est, lo, hi = 100 * est, 100 * lo, 100 * hi
    y = np.arange(len(labels))[::-1]
    ax.hlines(y, lo, hi, color="#333333", lw=1.5)
    ax.scatter(est, y, s=30 if sizes is None else 20 + 180 * sizes / np.nanmax(sizes), marker="s",
               color="#0072B2", zorder=3)
    ax.axvline(1.0 if ratio else 0.0, color="#555555", ls="--", lw=1)
    if ratio:
        _ratio_axis(ax)
    ax.xaxis.set_major_formatter(_number_formatter(lang))
    ax.set_yticks(y, labels)
    for yi, e, a, b in zip(y, est, lo, hi, strict=True):
        if not np.isfinite(e):
            continue
        k = 1 if points else 2
        ax.annotate(f"{number(e, lang, k)} ({number(a, lang, k)} – {number(b, lang, k)})", (1.01, yi),
                    xycoords=("axes fraction", "data"), va="center", fontsize=8)


def _number_formatter(lang: Lang) -> FuncFormatter:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: number(v, lang, 2).rstrip("0").rstrip(",.") if v else "0")


def forest(result: Result, ax: Axes | None = None, lang: Lang = "en", measure: str | None = None) -> Axes:
    """Forest plot of a ``compare``/``compare_many``/``survival`` result: one line per estimate."""
    t = result.table
    t = t[t["ci_low"].notna()]
    several = "outcome" in t and t["outcome"].nunique() > 1  # name the outcome when the result has several
    if measure:
        t = t[t["measure"] == measure]
    ax = _ax(ax, (7, 0.5 + 0.45 * max(len(t), 2)))
    ratio = t["measure"].str.contains("|".join(RATIO_MEASURES)).all()
    one_measure = t["measure"].nunique() == 1 and several  # then the measure goes on the axis, not each row

    def name(o: object, m: str, lev: object) -> str:
        level = "" if pd.isna(lev) else f" ({lev})"
        if one_measure:
            return label(str(o), lang) + level
        return (f"{label(str(o), lang)}: " if several else "") + label(m, lang) + level

    names = [name(o, m, lev) for o, m, lev in zip(t.get("outcome", t["measure"]), t["measure"], t["level"],
                                                  strict=True)]
    points = bool(t["measure"].isin(RISK_DIFFERENCES).all())
    _forest(ax, names, t["estimate"].to_numpy(float), t["ci_low"].to_numpy(float), t["ci_high"].to_numpy(float),
            bool(ratio), lang=lang, points=points)
    unit = f"{label('percentage_points', lang)}, " if points else ""
    ax.set_xlabel(f"{label(t['measure'].iloc[0], lang)} ({unit}{label('ci', lang)})" if one_measure
                  else label("estimate", lang) + (f" ({label('percentage_points', lang)})" if points else ""))
    ax.set_title(label("forest_title", lang), loc="left")
    directions = {OUTCOME_DIRECTION.get(str(o), 0) for o in t.get("outcome", pd.Series(dtype=object))}
    if len(directions) == 1 and 0 not in directions:
        _favours(ax, better_higher=directions.pop() > 0, lang=lang)
    return ax


def forest_per_measure(result: Result, ax: Axes | None = None, lang: Lang = "en", measure: str | None = None) -> Axes:
    """Forest plot of a ``compare_many`` result with one panel per measure.

    A mean difference and a risk difference share no scale, so each measure gets its own panel (as
    the report draws it) in one figure; the Axes of the first panel is returned and all panels are in
    ``ax.figure.axes``. ``measure=`` draws one measure only, also into a given ``ax``.
    """
    from ..errors import ArgumentError

    measures = list(dict.fromkeys(result.table.loc[result.table["ci_low"].notna(), "measure"]))
    if measure is not None:
        if measure not in measures:
            raise ArgumentError(f"measure={measure!r} is not in this result; choose from "
                                f"{', '.join(repr(m) for m in measures)}")
        return forest(result, ax=ax, lang=lang, measure=measure)
    if len(measures) <= 1:
        return forest(result, ax=ax, lang=lang, measure=measures[0] if measures else None)
    if ax is not None:
        raise ArgumentError(f"this result holds {len(measures)} measures ({', '.join(repr(m) for m in measures)}), "
                            "which share no scale: pass measure= to draw one of them into ax, or leave ax=None for "
                            "one panel per measure")
    import matplotlib.pyplot as plt

    rows = [int((result.table["measure"] == m).sum()) for m in measures]
    fig, axes = plt.subplots(len(measures), 1, figsize=(7, 0.9 + 0.9 * len(measures) + 0.45 * sum(rows)),
                             layout="constrained", height_ratios=[n + 1.2 for n in rows], squeeze=False)
    for i, (panel, m) in enumerate(zip(axes[:, 0], measures, strict=True)):
        forest(result, ax=panel, lang=lang, measure=m)
        if i:
            panel.set_title("", loc="left")
    return axes[0, 0]


# which way is better for FGC, per outcome: +1 higher is better (safety), −1 lower is better (an extension of
# the supervision order, a placement, a re-referral, professional care, costs)
OUTCOME_DIRECTION = {"safety_12": 1, "safety": 1, "ots_extension": -1, "placed": -1, "professional_care_12": -1,
                     "rereferral": -1, "costs": -1}


def _favours(ax: Axes, better_higher: bool, lang: Lang) -> None:
    """'← in favour of EK-c' on the side of the reference line where FGC does better, in the axis label."""
    fgc = "in favour of EK-c" if lang == "en" else "in het voordeel van EK-c"
    other = "in favour of comparison" if lang == "en" else "in het voordeel van de vergelijkingsgroep"
    left, right = (other, fgc) if better_higher else (fgc, other)
    lines = ax.get_xlabel().split("\n")  # the directions on a line of their own: the label stays in its panel
    ax.set_xlabel("\n".join([lines[0], f"← {left}          {right} →", *lines[1:]]))


def meta_forest(result: Result, ax: Axes | None = None, lang: Lang = "en") -> Axes:
    """Studies with their weights, the pooled estimate as a diamond and the prediction interval."""
    from matplotlib.patches import Polygon

    s = result.extras["studies"]
    pooled = result.table.iloc[0]
    ratio = bool(result.settings.get("exp"))
    ax = _ax(ax, (7.5, 1.2 + 0.35 * len(s)))
    synthetic = t("study_synthetic", "en")  # the sample's studies are named in the reader's language
    names = [str(n).replace(synthetic, t("study_synthetic", lang)) for n in s["study"]]
    _forest(ax, names + [""], np.append(s["effect"], np.nan), np.append(s["ci_low"], np.nan),
            np.append(s["ci_high"], np.nan), ratio, np.append(s["weight"], np.nan), lang)
    ax.add_patch(Polygon([(pooled["ci_low"], 0), (pooled["estimate"], 0.3), (pooled["ci_high"], 0),
                          (pooled["estimate"], -0.3)], color="#D55E00"))
    ax.hlines(0, pooled["pi_low"], pooled["pi_high"], color="#D55E00", lw=1, ls=":")
    ax.annotate(f"{number(pooled['estimate'], lang, 2)} ({number(pooled['ci_low'], lang, 2)} – "
                f"{number(pooled['ci_high'], lang, 2)})", (1.01, 0),
                xycoords=("axes fraction", "data"), va="center", fontsize=8, weight="bold")
    ax.set_yticks(list(ax.get_yticks()[:-1]) + [0],
                  [t.get_text() for t in ax.get_yticklabels()][:-1] + [label("pooled", lang)])
    if ratio:  # the diamond and prediction interval may widen the range: label it again
        _ratio_axis(ax)
        ax.xaxis.set_major_formatter(_number_formatter(lang))
    ax.set_title(textwrap.fill(label("meta_title", lang), 48), loc="left")  # long study names: a narrow axes
    measure = ("risk ratio" if lang == "en" else "relatief risico") if ratio else label("estimate", lang)
    k = int(pooled["k"])
    het = (f"I² = {number(pooled['i2'], lang, 0)}%, τ² = {number(pooled['tau2'], lang, 3)}, k = {k}; "
           + ("square size = weight; dotted = prediction interval" if lang == "en" else
              "grootte van het vierkant = gewicht; stippellijn = voorspellingsinterval"))
    ax.set_xlabel((f"{measure} (95% CI)" if lang == "en" else f"{measure} (95%-BI)") + "\n" + het)
    for yi, wt in zip(np.arange(len(s) + 1)[::-1][:-1], s["weight"], strict=True):
        # a fixed offset from the axes (not a fraction of its width): the layout makes room for it in one pass
        ax.annotate(f"{number(wt, lang, 1)}%", (1.0, yi), xycoords=("axes fraction", "data"), xytext=(86, 0),
                    textcoords="offset points", va="center", fontsize=8, color="#444444")
    if ratio:
        _favours(ax, better_higher=False, lang=lang)
    return ax


def km_curves(result: Result, ax: Axes | None = None, lang: Lang = "en", count: Callable[[int], str] = str,
              at: tuple[float, ...] = (0, 1, 2, 3), title: str | None = None, ylabel: str | None = None) -> Axes:
    """Kaplan–Meier curves with 95% bands and a numbers-at-risk table below.

    ``title`` and ``ylabel`` name the event (default: time to re-referral, not re-referred)."""
    km = result.extras["km"]
    ax = _ax(ax, (7, 4.5))
    names = [result.settings["treated"], result.settings["control"]]
    rows = []
    for colour, name in zip(GROUP_COLOURS, names, strict=True):
        k = km[km["group"] == name]
        t = np.concatenate([[0.0], k["time"].to_numpy()])
        s = np.concatenate([[1.0], k["survival"].to_numpy()])
        lo = np.concatenate([[1.0], k["ci_low"].to_numpy()])
        hi = np.concatenate([[1.0], k["ci_high"].to_numpy()])
        ax.step(t, s, where="post", color=colour, label=label(str(name), lang))
        ax.fill_between(t, lo, hi, step="post", color=colour, alpha=0.15, lw=0)
        column = "n_at_risk" if "n_at_risk" in k else "at_risk"  # children, not weighted sums
        at_risk = [int(round(k.loc[k["time"] >= x, column].max())) if (k["time"] >= x).any() else 0 for x in at]
        rows.append([count(n) for n in at_risk])
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(label("years", lang))
    ax.set_ylabel(label("survival", lang) if ylabel is None else ylabel)
    ax.set_title(label("km_title", lang) if title is None else title, loc="left")
    legend_outside(ax, above=True)  # the numbers at risk take the space below
    # numbers at risk in an inset below the curves, so the figure's layout makes room for them
    from matplotlib.transforms import ScaledTranslation

    # placed a fixed 0.55 inch below the axes (room for the year ticks and label), not a fraction of
    # its height, so the constrained layout makes room for it in one pass
    below = ax.transAxes + ScaledTranslation(0, -0.55, ax.figure.dpi_scale_trans)
    risk = ax.inset_axes((0.0, -0.1 * (len(rows) + 1), 1.0, 0.1 * (len(rows) + 1)), transform=below, sharex=ax)
    risk.set_axis_off()
    risk.set_ylim(-0.9, len(rows) - 0.5 + 1.0)
    for i, (name, row) in enumerate(zip(names, rows, strict=True)):
        yrow = len(rows) - 1 - i
        risk.annotate(label(str(name), lang), (-0.03, yrow), xycoords=("axes fraction", "data"), ha="right",
                      va="center", fontsize=8, color=GROUP_COLOURS[i], annotation_clip=False)
        for x, shown in zip(at, row, strict=True):
            risk.text(x, yrow, shown, ha="center", va="center", fontsize=8)
    risk.annotate(label("at_risk", lang), (-0.03, len(rows) - 0.5 + 0.5), xycoords=("axes fraction", "data"),
                  fontsize=8, weight="bold", va="center", ha="right", annotation_clip=False)
    # an invisible spacer below the last row so the layout keeps a margin under it
    risk.text(0.0, -0.9, " ", transform=risk.get_yaxis_transform(), fontsize=8)
    return ax


def love(result: Result, ax: Axes | None = None, lang: Lang = "en") -> Axes:
    """Absolute standardised mean differences per covariate, before and after weighting."""
    t = result.table
    covs = list(dict.fromkeys(t["covariate"]))
    ax = _ax(ax, (6, 0.6 + 0.4 * len(covs)))
    y = {c: i for i, c in enumerate(covs[::-1])}
    for sample, colour, marker in (("unweighted", "#D55E00", "o"), ("weighted", "#0072B2", "s")):
        sub = t[t["sample"] == sample]
        if len(sub):
            ax.scatter(sub["smd"].abs(), [y[c] for c in sub["covariate"]], color=colour, marker=marker,
                       label=label("before" if sample == "unweighted" else "after", lang), zorder=3)
    ax.axvline(0.1, color="#555555", ls="--", lw=1)
    ax.set_yticks(list(y.values()), list(y.keys()))
    ax.set_xlabel("|" + label("smd", lang) + "|")
    ax.set_title(label("love_title", lang), loc="left")
    legend_outside(ax)
    return ax


def overlap(weights: pd.Series, ax: Axes | None = None, lang: Lang = "en") -> Axes:
    """Propensity-score distributions of both groups (from ``propensity_weights(...).attrs``)."""
    ps, arm = weights.attrs["propensity"], weights.attrs["arm"]
    ax = _ax(ax)
    bins = np.linspace(0, 1, 31)
    for colour, a, name in ((GROUP_COLOURS[0], 1, weights.attrs["treated"]),
                            (GROUP_COLOURS[1], 0, weights.attrs["control"])):
        ax.hist(ps[arm == a], bins=list(bins), alpha=0.5, color=colour, label=label(str(name), lang), density=True)
    ax.set_xlabel(label("propensity", lang))
    ax.set_title(label("overlap_title", lang), loc="left")
    legend_outside(ax)
    return ax


def _flow_text(t: pd.DataFrame, stage: str, group: object, lang: Lang, count: Callable[[int], str],
               name: str = "") -> str | None:
    """One box: the stage, its n and (indented) the reasons with their counts."""
    rows = t[(t["stage"] == stage) & (t["group"] == group)]
    total = rows[rows["reason"].isna()]
    if total.empty:
        return None
    head = f"{label(stage, lang)}{': ' + name if name else ''}\nn = {count(int(total['n'].iloc[0]))}"
    reasons = [f"{label(r.reason, lang) if r.reason == 'not recorded' else r.reason}: {count(int(r.n))}"
               for r in rows[rows["reason"].notna()].itertuples()]
    return "\n".join([head, *reasons])


def _flow_box(ax: Axes, x: float, y: float, text: str, width: float, height: float) -> None:
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.01",
                                fc="#E8F1F8", ec="#0072B2"))
    ax.text(x, y, text, ha="center", va="center", fontsize=8)


def consort_flow(result: Result, ax: Axes | None = None, lang: Lang = "en",
                 count: Callable[[int], str] = str) -> Axes:
    """Assessed / excluded (with reasons) → randomised or included → per arm: allocated → conference held /
    no conference (with reasons) → lost to follow-up (with reasons) → analysed; one row of boxes per stage."""
    t = result.table.copy()
    if "reason" not in t:
        t["reason"] = None
    arms = [result.settings["treated"], result.settings["control"]]
    strobe = result.settings.get("design") == "observational"
    top = [x for x in (_flow_text(t, "assessed", "all", lang, count),
                       _flow_text(t, "included" if strobe else "randomised", "all", lang, count)) if x]
    excluded = _flow_text(t, "excluded", "all", lang, count)
    stages = ("allocated", "conference_held", "declined", "lost_to_follow_up", "analysed")
    levels: list[list[str | None]] = [[x] for x in top]
    levels += [
        level for s in stages
        if any(level := [_flow_text(t, s, arm, lang, count, label(str(arm), lang) if s == "allocated" else "")
                         for arm in arms])]
    line, pad, gap = 0.16, 0.14, 0.3  # inches
    heights = [max(x.count("\n") + 1 for x in level if x) * line + pad for level in levels]
    total = sum(heights) + gap * len(levels) + 0.2
    ax = _ax(ax, (7.5, total + 0.4))
    arrow = {"arrowstyle": "->", "color": "#555555"}
    y = 1.0
    last: dict[float, float] = {}  # the bottom of the last box drawn in each column
    for k, (level, h_in) in enumerate(zip(levels, heights, strict=True)):
        h = h_in / total
        xs: list[float] = [0.5] if len(level) == 1 else [0.25, 0.75]
        for x, text in zip(xs, level, strict=True):
            if text is None:
                continue
            _flow_box(ax, x, y - h / 2, text, 0.36 if len(level) == 1 else 0.44, h)
            if k:
                start = 0.5 if len(levels[k - 1]) == 1 else x
                ax.annotate("", (x, y + 0.004), (start, last.get(start, y + gap / total) - 0.004), arrowprops=arrow)
            last[x] = y - h
        if k == 0 and excluded and len(top) == 2:
            mid = y - h - gap / (2 * total)
            eh = ((excluded.count("\n") + 1) * line + pad) / total
            _flow_box(ax, 0.855, mid, excluded, 0.28, eh)
            ax.annotate("", (0.705, mid), (0.5, mid), arrowprops=arrow)
        y -= h + gap / total
    ax.set_xlim(0, 1)
    ax.set_ylim(min(y, 0.0), 1.01)
    ax.axis("off")
    ax.set_title(label("strobe_title" if strobe else "consort_title", lang), loc="left")
    return ax


def compare_forest(result: Result, ax: Axes | None = None, lang: Lang = "en", measure: str | None = None) -> Axes:
    """``compare`` results: :func:`forest`, or :func:`contrast_forest` with two or more contrasts."""
    contrasts = [c for c in dict.fromkeys(result.table["contrast"]) if c != "all groups"]
    if len(contrasts) > 1:
        return contrast_forest(result, ax=ax, lang=lang, measure=measure)
    return forest(result, ax=ax, lang=lang, measure=measure)


def _contrast_label(contrast: str, lang: Lang) -> str:
    treated, _, control = str(contrast).partition(" vs ")
    return f"{label(treated, lang)} {'vs' if lang == 'en' else 'tegenover'} {label(control, lang)}"


def contrast_forest(result: Result, ax: Axes | None = None, lang: Lang = "en", measure: str | None = None) -> Axes:
    """Three or more groups: one panel per measure (a difference and Hedges' g share no scale), one row per
    contrast named by its groups, direction labels from the outcome, the title from the data (outcome,
    number of groups, reference). Returns the first panel; all are in ``ax.figure.axes``."""
    from ..errors import ArgumentError

    t = result.table[result.table["ci_low"].notna() & result.table["level"].isna()]
    measures = list(dict.fromkeys(t["measure"]))
    if measure is not None:
        if measure not in measures:
            raise ArgumentError(f"measure={measure!r} is not in this result; choose from "
                                f"{', '.join(repr(m) for m in measures)}")
        measures = [measure]
    if ax is not None and len(measures) > 1:
        raise ArgumentError(f"this result holds {len(measures)} measures ({', '.join(repr(m) for m in measures)}), "
                            "which share no scale: pass measure= to draw one of them into ax, or leave ax=None for "
                            "one panel per measure")
    import matplotlib.pyplot as plt

    n = [int((t["measure"] == m).sum()) for m in measures]
    if ax is None:
        fig, grid = plt.subplots(len(measures), 1, figsize=(8.5, 1.0 + 1.1 * len(measures) + 0.4 * sum(n)),
                                 layout="constrained", height_ratios=[k + 1.4 for k in n], squeeze=False)
        axes = list(grid[:, 0])
    else:
        axes = [ax]
    outcome = str(result.settings.get("outcome", t["outcome"].iloc[0]))
    ref = result.settings.get("reference")
    direction = OUTCOME_DIRECTION.get(outcome, 0)
    for panel, m in zip(axes, measures, strict=True):
        rows = t[t["measure"] == m]
        _forest(panel, [_contrast_label(c, lang) for c in rows["contrast"]], rows["estimate"].to_numpy(float),
                rows["ci_low"].to_numpy(float), rows["ci_high"].to_numpy(float),
                any(r in m for r in RATIO_MEASURES), lang=lang, points=m in RISK_DIFFERENCES)
        unit = f"{label('percentage_points', lang)}, " if m in RISK_DIFFERENCES else ""
        panel.set_xlabel(f"{label(m, lang)} ({unit}{label('ci', lang)})")
        if direction:
            _towards(panel, better_higher=direction > 0, reference=label(str(ref), lang), lang=lang)
    groups = result.settings.get("n_groups")
    heading = label(outcome, lang) + (f": {groups} {'groups against' if lang == 'en' else 'groepen tegenover'} "
                                      f"{label(str(ref), lang)}" if groups and ref is not None else "")
    if ax is None:  # the whole figure's title, left-aligned over the contrast names, never cut by them
        axes[0].figure.suptitle(heading, x=0.01, ha="left", fontsize=11)
    else:
        axes[0].set_title(heading, loc="left")
    return axes[0]


def _towards(ax: Axes, better_higher: bool, reference: str, lang: Lang) -> None:
    """Direction labels for contrasts against a reference: which side is better for the group named first."""
    first = "better in the first group" if lang == "en" else "beter in de eerstgenoemde groep"
    other = f"better in {reference}" if lang == "en" else f"beter in {reference}"
    left, right = (other, first) if better_higher else (first, other)
    ax.set_xlabel(f"{ax.get_xlabel()}\n← {left}   |   {right} →")
def _pad(columns: list[list[str]]) -> list[list[str | None]]:
    longest = max(len(c) for c in columns)
    return [[*c, *([None] * (longest - len(c)))] for c in columns]


DRAWERS: dict[tuple[str, str | None], Callable[..., Axes]] = {
    ("compare", None): compare_forest, ("compare_many", None): forest_per_measure, ("survival", None): km_curves,
    ("survival", "km"): km_curves, ("survival", "forest"): forest, ("rate_ratio", None): forest,
    ("meta", None): meta_forest, ("balance", None): love, ("consort", None): consort_flow,
}
