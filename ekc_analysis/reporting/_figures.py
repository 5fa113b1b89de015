"""The report's figures, with the disclosure rule applied to every number they show."""

from __future__ import annotations

import base64
import io
import weakref
from collections.abc import Callable, Mapping
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
from ._flow import figure_counts
from ._ledger import Ledger
from ._regional import regional_figures
from ._spec import event_words
from ._studies import cause_names
from ._text import text

# The report's look, applied only while its figures are drawn and saved (plt.rc_context): a caller's
# matplotlib backend and rcParams stay as they were, and no figure is left open in pyplot. An SVG keeps its
# words as text (selectable, searchable, editable in a memo; DejaVu Sans, else the reader's sans-serif).
REPORT_RC: dict[Any, Any] = {"svg.hashsalt": "ekc_analysis", "svg.fonttype": "none", "font.size": 10,
                             "axes.spines.top": False, "axes.spines.right": False}


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


def _draw_figures(a: Analyses, lang: Lang, d: Disclosure) -> dict[str, Figure | None]:
    r = a.described
    figs: dict[str, Figure | None] = {
        "funnel": _funnel(r.funnel, lang, d), "funnel_trend": _trend(r.funnel_year, lang, d),
        "execution": _execution(r.execution, lang, d), "agreements": _agreements(r.plans, lang, d)}
    if "domains" in r.plans.extras:
        figs["domains"] = _domains(r.plans, lang, d)
    figs.update(_study_figures(a, lang, d))
    figs.update(regional_figures(r.benchmarks, lang, d, _new))  # type: ignore[arg-type]
    _finish(figs, lang, a.registry.synthetic)
    return figs


def _funnel(res: Result, lang: Lang, d: Disclosure) -> Figure:
    fig, ax = _new((9, 4.6))
    plots.funnel_flow(res, ax=ax, lang=lang, count=d.count, shown=funnel_counts(res, d))
    return fig


def _trend(trend: Result, lang: Lang, d: Disclosure) -> Figure | None:
    """A year's share is drawn only where the report's table shows that year's count (2-D suppression)."""
    by_year = trend.table
    hidden = by_year.index.isin([i for i, y, s in zip(by_year.index, by_year["referral_year"], by_year["stage"],
                                                       strict=True) if d.key_hidden(f"funnel_year/{y}/share/{s}")])
    drawn = by_year[(by_year["stage"] == "conference") & ~hidden & (by_year["denominator"] > 0)]
    ok_years = drawn.loc[drawn["referral_year"] != "(unknown)", "referral_year"]
    if len(ok_years) < 2:
        return None
    table = by_year[by_year["referral_year"].isin(ok_years)]
    fig, ax = _new((7, 3.8))
    plots.funnel_trend(Result(trend.kind, table, trend.title, trend.notes, trend.extras, trend.settings), ax=ax,
                       lang=lang)
    return fig


def _execution(res: Result, lang: Lang, d: Disclosure) -> Figure | None:
    """Drawn when there is something to draw and the ledger hides none of its counts."""
    ex = res.table
    if ex["n"].sum() == 0 or any(d.key_hidden(f"execution/{e}") for e in ex["execution"]):
        return None
    fig, ax = _new((7, 3.2))
    plots.execution_bars(res, ax=ax, lang=lang, count=d.count)
    return fig


def _agreements(res: Result, lang: Lang, d: Disclosure) -> Figure | None:
    if res.extras["distribution"]["plans"].sum() < d.min_cell:  # small bars are merged, never dropped
        return None
    fig, ax = _new((7, 3.6))
    plots.agreements_histogram(res, ax=ax, lang=lang, min_count=d.min_cell)
    return fig


def _domains(res: Result, lang: Lang, d: Disclosure) -> Figure | None:
    dom = _filtered(res, "domains", lambda t: (t["n_professional"] >= d.min_cell)
                    & (t["n"] - t["n_professional"] >= d.min_cell))
    if not len(dom.extras["domains"]):
        return None
    fig, ax = _new((7, 3.8))
    plots.domains_bars(dom, ax=ax, lang=lang)
    return fig


def _study_figures(a: Analyses, lang: Lang, d: Disclosure) -> dict[str, Figure | None]:
    """The trial's forest and flow, the cohort's curves, the pooled studies' forest (in that order)."""
    figs: dict[str, Figure | None] = {}
    if a.trial is not None and a.trial.many is not None:
        figs["trial_forest"] = _forest(_relabelled(a.trial.many, a.trial.spec.labels, lang), lang)
    if a.trial is not None and a.trial.consort is not None:
        flow, texts = figure_counts(a.trial.consort, "trial", d)
        fig, ax = _new((7, 5))
        plots_effects.consort_flow(flow, ax=ax, lang=lang, count=lambda row: texts[row])
        figs["trial_consort"] = fig
    if a.cohort is not None and a.cohort.survival is not None:
        event = event_words(a.cohort.spec, lang)  # the event as the spec names it (default re-referral)
        fig, ax = _new((7, 5))
        plots_effects.km_curves(a.cohort.survival, ax=ax, lang=lang, count=d.count,
                                title=text("km_title", lang, event=event), ylabel=text("km_ylabel", lang, event=event))
        figs["cohort_km"] = fig
    if a.cohort is not None and a.cohort.competing is not None:
        from ..figures import cif_stacked

        adjusted = a.cohort.competing_adjusted  # the weighted curves when adjusted
        shown = a.cohort.competing if adjusted is None else adjusted
        cif = cif_stacked(shown, lang=lang, names=cause_names(a.cohort.spec, shown, lang)).figure
        plt.close(cif)  # type: ignore[arg-type]  # drawn by pyplot: kept as an object, not left open
        figs["cohort_cif"] = cif  # type: ignore[assignment]
    if a.meta is not None:
        fig, ax = _new((8, 1.4 + 0.35 * len(a.meta.extras["studies"])))
        plots_effects.meta_forest(a.meta, ax=ax, lang=lang)
        figs["meta_forest"] = fig
    return figs


def _forest(many: Result, lang: Lang) -> Figure:
    """One panel per measure: a mean difference and a risk difference share no scale."""
    measures = list(dict.fromkeys(many.table["measure"]))
    rows = [int((many.table["measure"] == m).sum()) for m in measures]
    fig = _figure((7, 0.9 + 0.9 * len(measures) + 0.4 * sum(rows)))
    axes = fig.subplots(len(measures), 1, height_ratios=[n + 1.2 for n in rows], squeeze=False)
    for i, (ax, m) in enumerate(zip(axes[:, 0], measures, strict=True)):
        plots_effects.forest(many, ax=ax, lang=lang, measure=m)
        if i:
            ax.set_title("", loc="left")
    return fig


def _relabelled(res: Result, labels: Mapping[str, Mapping[str, str]], lang: Lang) -> Result:
    """``res`` with its outcomes named as a study spec's ``labels`` name them (unchanged without any)."""
    named = {c: given[lang] for c, given in labels.items() if lang in given}
    if not named or "outcome" not in res.table:
        return res
    table = res.table.assign(outcome=res.table["outcome"].map(lambda c: named.get(str(c), c)))
    return Result(res.kind, table, res.title, res.notes, res.extras, res.settings)


def _finish(figs: dict[str, Figure | None], lang: Lang, synthetic: bool) -> None:
    """Decimal commas in Dutch; the synthetic mark on every figure (it travels with a figure pasted into a memo)."""
    drawn = [f for f in figs.values() if f is not None]
    if lang == "nl":
        for f in drawn:
            decimal_commas(f)
    if synthetic:
        mark = text("figure_synthetic_mark", lang)
        for f in drawn:
            # a figure-level label below everything: constrained layout makes room for it
            size = max(8.0, 7.2 / printed_scale(*f.get_size_inches()))  # >= 7 pt printed
            f.supxlabel(mark, x=0.005, ha="left", fontsize=round(size, 1), color="#B04000")


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
        _PNG[fig] = _save(fig, format="png", dpi=110, metadata={"Software": None},
                          pil_kwargs={"compress_level": 3})  # as small as level 6 here, and faster
    return _PNG[fig]


def svg_bytes(fig: Figure) -> bytes:
    return _save(fig, format="svg", metadata={"Date": None, "Creator": None})


def data_uri(fig: Figure) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes(fig)).decode("ascii")
