"""The report's figures, with the disclosure rule applied to every number they show."""

from __future__ import annotations

import base64
import io
import weakref
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..figures import _describe as plots
from ..figures import _effects as plots_effects
from ..figures import decimal_commas
from ..i18n import Lang
from ..results import Result
from ._analyses import Analyses
from ._disclosure import Disclosure
from ._ledger import Ledger
from ._regional import regional_figures

# The report's look, applied only while its figures are drawn and saved (plt.rc_context): a caller's
# matplotlib backend and rcParams stay as they were, and no figure is left open in pyplot.
REPORT_RC: dict[Any, Any] = {"svg.hashsalt": "ekc_analysis", "font.size": 10, "axes.spines.top": False,
                             "axes.spines.right": False}


# the printed frame of a figure, as the template sets it: A4 between its margins (210 − 2 × 14 mm) and
# ``figure img { max-height: 13cm }``; a PNG (110 dpi) is never shown larger than its natural size (96 px/in)
PRINT_WIDTH_MM, PRINT_HEIGHT_MM, NATURAL_SCALE = 182.0, 130.0, 110 / 96


def printed_scale(width_in: float, height_in: float) -> float:
    """How much a figure of this size (inches) is scaled when the report is printed."""
    return min(NATURAL_SCALE, PRINT_WIDTH_MM / 25.4 / width_in, PRINT_HEIGHT_MM / 25.4 / height_in)


def _figure(size: tuple[float, float]) -> Figure:
    """A figure that pyplot does not know (nothing to close, no backend switched) on its own Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=size, layout="constrained", dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _new(size: tuple[float, float]) -> tuple[Figure, Axes]:
    fig = _figure(size)
    return fig, fig.add_subplot()


def make_figures(a: Analyses, lang: Lang, d: Disclosure) -> dict[str, Figure | None]:
    """Name → figure, or None where the disclosure rule leaves a figure out; drawn in the report's style."""
    with plt.rc_context(REPORT_RC):
        return _draw_figures(a, lang, d)


def _filtered(result: Result, table: str, keep: Callable[..., object]) -> Result:
    """A copy of ``result`` whose extra table ``table`` keeps only the rows ``keep`` selects."""
    extras = dict(result.extras)
    extras[table] = extras[table][keep(extras[table])]
    return Result(result.kind, result.table, result.title, result.notes, extras, result.settings)


def _draw_figures(a: Analyses, lang: Lang, d: Disclosure) -> dict[str, plt.Figure | None]:
    r = a.results
    figs: dict[str, plt.Figure | None] = {}

    fig, ax = _new((9, 4.6))
    plots.funnel_flow(r["funnel"], ax=ax, lang=lang, count=d.count, shown=funnel_counts(r["funnel"], d))
    figs["funnel"] = fig

    # a year's share is drawn only where the report's table shows that year's count (2-D suppression)
    trend = r["funnel_year"]
    by_year = trend.table
    hidden = by_year.index.isin([i for i, y, s in zip(by_year.index, by_year["referral_year"], by_year["stage"],
                                                       strict=True) if d.key_hidden(f"funnel_year/{y}/share/{s}")])
    drawn = by_year[(by_year["stage"] == "conference") & ~hidden & (by_year["denominator"] > 0)]
    ok_years = drawn.loc[drawn["referral_year"] != "(unknown)", "referral_year"]
    if len(ok_years) >= 2:
        table = by_year[by_year["referral_year"].isin(ok_years)]
        t = Result(trend.kind, table, trend.title, trend.notes, trend.extras, trend.settings)
        fig, ax = _new((7, 3.8))
        plots.funnel_trend(t, ax=ax, lang=lang)
        figs["funnel_trend"] = fig
    else:
        figs["funnel_trend"] = None

    ex = r["execution"].table
    # drawn when there is something to draw and the ledger hides none of its counts
    if ex["n"].sum() > 0 and not any(d.key_hidden(f"execution/{e}") for e in ex["execution"]):
        fig, ax = _new((7, 3.2))
        plots.execution_bars(r["execution"], ax=ax, lang=lang, count=d.count)
        figs["execution"] = fig
    else:
        figs["execution"] = None

    dist = r["plans"].extras["distribution"]
    if dist["plans"].sum() >= d.min_cell:  # small bars are merged with their neighbours, never dropped
        fig, ax = _new((7, 3.6))
        plots.agreements_histogram(r["plans"], ax=ax, lang=lang, min_count=d.min_cell)
        figs["agreements"] = fig
    else:
        figs["agreements"] = None

    if "domains" in r["plans"].extras:
        dom = _filtered(r["plans"], "domains", lambda t: (t["n_professional"] >= d.min_cell)
                        & (t["n"] - t["n_professional"] >= d.min_cell))
        if len(dom.extras["domains"]):
            fig, ax = _new((7, 3.8))
            plots.domains_bars(dom, ax=ax, lang=lang)
            figs["domains"] = fig
        else:
            figs["domains"] = None

    if "trial_many" in r:  # one panel per measure: a mean difference and a risk difference share no scale
        measures = list(dict.fromkeys(r["trial_many"].table["measure"]))
        rows = [int((r["trial_many"].table["measure"] == m).sum()) for m in measures]
        fig = _figure((7, 0.9 + 0.9 * len(measures) + 0.4 * sum(rows)))
        axes = fig.subplots(len(measures), 1, height_ratios=[n + 1.2 for n in rows], squeeze=False)
        for i, (ax, m) in enumerate(zip(axes[:, 0], measures, strict=True)):
            plots_effects.forest(r["trial_many"], ax=ax, lang=lang, measure=m)
            if i:
                ax.set_title("", loc="left")
        figs["trial_forest"] = fig
    if "consort" in r:
        fig, ax = _new((7, 5))
        plots_effects.consort_flow(r["consort"], ax=ax, lang=lang, count=d.count)
        figs["trial_consort"] = fig
    if "cohort" in r:
        fig, ax = _new((7, 5))
        plots_effects.km_curves(r["cohort"], ax=ax, lang=lang, count=d.count)
        figs["cohort_km"] = fig
    if "cohort_competing" in r:
        from ..figures import cif_stacked

        shown = r.get("cohort_competing_adjusted", r["cohort_competing"])  # the weighted curves when adjusted
        figs["cohort_cif"] = cif_stacked(shown, lang=lang).figure  # type: ignore[assignment]
        plt.close(figs["cohort_cif"])  # drawn by pyplot: kept as an object, not left open
    if "meta" in r:
        fig, ax = _new((8, 1.4 + 0.35 * len(r["meta"].extras["studies"])))
        plots_effects.meta_forest(r["meta"], ax=ax, lang=lang)
        figs["meta_forest"] = fig
    figs.update(regional_figures(r, lang, d, _new))  # type: ignore[arg-type]
    if lang == "nl":
        for f in figs.values():
            if f is not None:
                decimal_commas(f)
    if a.registry.synthetic:  # the mark travels with a figure pasted into a memo
        mark = "SYNTHETIC DATA – no real families" if lang == "en" else "SYNTHETISCHE GEGEVENS – geen echte gezinnen"
        for f in figs.values():
            if f is not None:
                # a figure-level label below everything: constrained layout makes room for it
                size = max(8.0, 7.2 / printed_scale(*f.get_size_inches()))  # >= 7 pt printed
                f.supxlabel(mark, x=0.005, ha="left", fontsize=round(size, 1), color="#B04000")
    return figs


def funnel_counts(result: Result, d: Disclosure) -> dict[str, str]:
    """How the funnel figure shows each count: the same decision as the report's tables and sentences.

    Read from the report's ledger (``d.ledger``); without one, from a ledger of the funnel alone (stages add
    up to the closed initiatives and, with the ongoing ones, to all initiatives; plan / no plan / unknown
    add up to the conferences).
    """
    flow = result.extras["flow"].set_index("target")["n"]
    if d.ledger is None or "funnel/closed" not in d.ledger.counts:
        from ._published import register_funnel

        led = Ledger(d.min_cell)
        register_funnel(led, result)
        led.relation("funnel/stage/conference", [f"funnel/flow/{p}" for p in ("plan", "no_plan", "plan_unknown")])
        d = d.with_ledger(led)
    out = {s: d.cell(f"funnel/stage/{s}") for s in ("conference", "plan_without_conference", "stopped")}
    out["ongoing"] = d.cell("funnel/ongoing")
    out["initiatives"] = d.cell("funnel/initiatives")
    plans = ["plan", "no_plan"] + (["plan_unknown"] if flow["plan_unknown"] else [])
    out.update({p: d.cell(f"funnel/flow/{p}") for p in plans})
    return out


# each figure is rendered once per format: the HTML's embedded PNG and figures/*.png are the same bytes
_PNG: weakref.WeakKeyDictionary[Figure, bytes] = weakref.WeakKeyDictionary()


def _save(fig: Figure, **kwargs: Any) -> bytes:
    """Render once; the layout found for the first format is kept for the next (no second layout pass)."""
    buf = io.BytesIO()
    with plt.rc_context(REPORT_RC):  # the hash salt makes the SVG ids the same on every run
        fig.savefig(buf, **kwargs)
    if fig.get_layout_engine() is not None:
        try:
            fig.set_layout_engine("none")
        except RuntimeError:  # a colorbar ties the figure to its engine: keep it
            pass
    return buf.getvalue()


def png_bytes(fig: Figure) -> bytes:
    if fig not in _PNG:
        _PNG[fig] = _save(fig, format="png", dpi=110, metadata={"Software": None})
    return _PNG[fig]


def svg_bytes(fig: Figure) -> bytes:
    return _save(fig, format="svg", metadata={"Date": None, "Creator": None})


def data_uri(fig: Figure) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes(fig)).decode("ascii")
