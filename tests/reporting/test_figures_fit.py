"""Every report figure fits its frame and stays legible when printed (issue 22.5).

The report prints a figure at most as wide as A4 between its margins (182 mm) and at most 10 cm high
(``figure img { max-height: 10cm }`` in the template), never larger than its PNG's natural size (110 dpi
shown at 96 CSS px per inch). At that printed size every text must be at least 7 pt, and no text may
leave the figure (a label cut off in HTML and PDF).
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.reporting import analyse
from ekc_analysis.reporting._disclosure import Disclosure
from ekc_analysis.reporting._figures import NATURAL_SCALE, REPORT_RC, make_figures, printed_scale
from ekc_analysis.reporting._published import ledger_for

MIN_PT = 7.0


@pytest.fixture(scope="module")
def figures() -> dict[str, dict[str, object]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load = ekc.load_study
        a = analyse(ekc.load(ekc.sample_path(), as_of="2024-12-31"), trial=load(ekc.sample_path("trial.csv")),
                    cohort=load(ekc.sample_path("cohort.csv")), meta=pd.read_csv(ekc.sample_path("meta_synthetic.csv")),
                    zonmw=load(ekc.sample_path("zonmw.csv")), wodc=load(ekc.sample_path("wodc.csv")))
        d = Disclosure(10, ledger=ledger_for(a, 10))
        return {lang: {k: f for k, f in make_figures(a, lang, Disclosure(10, lang, ledger=d.ledger)).items()
                       if f is not None} for lang in ("en", "nl")}


def problems(fig: object) -> list[str]:
    """Texts that leave the figure or print below 7 pt, as 'text: what is wrong'."""
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes
    from matplotlib.text import Text

    out = []
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not hasattr(fig.canvas, "get_renderer"):  # type: ignore[attr-defined]  # a figure pyplot has closed
        FigureCanvasAgg(fig)  # type: ignore[arg-type]
    with plt.rc_context(REPORT_RC):
        fig.canvas.draw()  # type: ignore[attr-defined]  # the layout as saved
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        box = fig.bbox  # type: ignore[attr-defined]
        w, h = fig.get_size_inches()  # type: ignore[attr-defined]
        scale = printed_scale(w, h)
        ticks, drawn = set(), set()  # tick labels outside the view limits exist but are never drawn
        for ax in fig.findobj(Axes):  # type: ignore[attr-defined]  # inset axes too (the numbers at risk)
            for axis in (ax.xaxis, ax.yaxis):
                ticks |= {id(t) for tk in axis.get_major_ticks() + axis.get_minor_ticks()
                          for t in (tk.label1, tk.label2)}
                if ax.axison and axis.get_visible():
                    drawn |= {id(t) for tk in axis._update_ticks() for t in (tk.label1, tk.label2)}
        for t in fig.findobj(Text):  # type: ignore[attr-defined]
            if not t.get_visible() or not t.get_text().strip() or (id(t) in ticks and id(t) not in drawn):
                continue
            e = t.get_window_extent(renderer)
            label = repr(t.get_text()[:40])
            if e.x0 < box.x0 - 1 or e.x1 > box.x1 + 1 or e.y0 < box.y0 - 1 or e.y1 > box.y1 + 1:
                out.append(f"{label}: leaves the figure ({e.x0:.0f}–{e.x1:.0f} of {box.x1:.0f} px across, "
                           f"{e.y0:.0f}–{e.y1:.0f} of {box.y1:.0f} up)")
            if t.get_fontsize() * scale < MIN_PT - 1e-9:
                out.append(f"{label}: {t.get_fontsize():.1f} pt prints at {t.get_fontsize() * scale:.1f} pt")
    return out


def test_printed_scale_is_the_templates() -> None:
    """The frame the test measures against is the one the template prints: A4 less 2 × 14 mm, 13 cm high."""
    from ekc_analysis.reporting._builder import TEMPLATES

    css = (TEMPLATES / "report.html").read_text(encoding="utf-8")
    assert "size: A4; margin: 16mm 14mm 18mm 14mm" in css and "figure img { max-height: 13cm; width: auto; }" in css
    assert printed_scale(6, 3) == pytest.approx(NATURAL_SCALE)
    assert printed_scale(9, 3) == pytest.approx(182 / 25.4 / 9)
    assert printed_scale(7, 6) == pytest.approx(130 / 25.4 / 6)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_report_figure_fits_and_prints_at_7_pt_or_more(figures: dict[str, dict[str, object]],
                                                             lang: str) -> None:
    figs = figures[lang]
    assert {"funnel", "trial_forest", "trial_consort", "cohort_km", "meta_forest", "cohort_cif"} <= set(figs)
    found = {name: p for name, fig in figs.items() if (p := problems(fig))}
    assert found == {}, "\n".join(f"{name}: {p}" for name, ps in found.items() for p in ps)
