"""Issue 14: the report on what municipalities really send — a 260-case export and a cases-only export.

The fixtures are made by ``tests/fixtures/make_municipal_export.py`` (synthetic): ``gemeente_export.xlsx``
(title rows, Dutch headers and statuses, Excel serials, d/m/yy, a totals row, agreements on a second
sheet, identifier columns) and ``gemeente_alleen_aanmeldingen.csv`` (the same 260 cases with only
Dossiernummer; Aanmelddatum; Status).
"""

from __future__ import annotations

import functools
import html as html_lib
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

import ekc_analysis as ekc
from ekc_analysis.reporting import analyse, build_html, chromium, to_pdf, write_atomic

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPORT = FIXTURES / "gemeente_export.xlsx"
CASES_ONLY = FIXTURES / "gemeente_alleen_aanmeldingen.csv"
PLACEHOLDERS = re.compile(r"\[te weinig|\[too few|te weinig gegevens|too few to show|\bnan\b|\bNaN\b|\bNone\b|\bNaT\b|"
                          r"\{\w+\}")


def _plain(page: str) -> str:
    body = re.sub(r"<style.*?</style>|<img[^>]*>", " ", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body))


@functools.cache
def build(path: Path) -> dict[str, object]:
    """Registry, analyses and (page, figures) per language, built once per export."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reg = ekc.load(path)
        a = analyse(reg)
        out: dict[str, object] = {"registry": reg, "analyses": a}
        for lang in ("nl", "en"):
            page, figs, _ = build_html(a, lang)
            out[lang] = (page, figs)
    return out


@pytest.fixture(scope="module", params=[EXPORT, CASES_ONLY], ids=["export_260", "cases_only"])
def built(request: pytest.FixtureRequest) -> dict[str, object]:
    return build(request.param)


def test_the_exports_state_their_own_extraction_date() -> None:
    """The title row says 'peildatum 30-06-2022': that, not today, is as_of (a CSV without one: today)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert ekc.load(EXPORT).as_of == np.datetime64("2022-06-30")
        assert ekc.load(CASES_ONLY, as_of="2022-06-30").as_of == np.datetime64("2022-06-30")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_placeholder_text(built: dict[str, object], lang: str) -> None:
    page, _ = built[lang]  # type: ignore[misc]
    found = PLACEHOLDERS.findall(_plain(page))
    assert not found, found


def test_cases_only_export_says_what_is_not_in_the_data() -> None:
    built = build(CASES_ONLY)
    reg = built["registry"]
    assert isinstance(reg, ekc.Registry) and "conference_date" not in reg.cases
    nl, figs = built["nl"]  # type: ignore[misc]
    en, _ = built["en"]  # type: ignore[misc]
    nl_text, en_text = _plain(nl), _plain(en)
    assert ("Wat conferenties aan plannen en afspraken opleverden, staat niet in deze gegevens: de export bevat geen "
            "ingevulde kolom voor plan ja/nee, het aantal afspraken en professionele hulp per afspraak.") in nl_text
    assert ("How far plans were carried out is not in these data: the export has no filled-in column for the "
            "execution of the plan, the follow-up date and the conference date.") in en_text
    # no figure is said to be left out for too few families when its data are simply absent
    assert "te weinig gezinnen" not in nl_text and "too few families" not in en_text
    assert "Deze figuur ontbreekt: de export bevat geen ingevulde kolom voor het aantal afspraken." in nl_text
    assert figs["execution"] is None and figs["agreements"] is None
    # the funnel figure draws no 'plan unknown' box for 166 conferences: it says plans are not in the data
    texts = [t.get_text().replace("\n", " ") for t in figs["funnel"].axes[0].texts]
    assert not any("Plan onbekend" in t for t in texts)
    assert any("niet in de gegevens" in t for t in texts)


def test_full_export_shows_the_registry_figures() -> None:
    built = build(EXPORT)
    nl, figs = built["nl"]  # type: ignore[misc]
    assert all(figs[name] is not None for name in ("funnel", "funnel_trend", "execution", "agreements"))
    assert "staat niet in deze gegevens" not in _plain(nl)


def test_year_axes_show_whole_years(built: dict[str, object]) -> None:
    _, figs = built["nl"]  # type: ignore[misc]
    fig = figs["funnel_trend"]
    assert fig is not None
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert labels and all(re.fullmatch(r"20\d\d", s) for s in labels), labels


def test_dutch_figures_use_decimal_commas(built: dict[str, object]) -> None:
    _, figs = built["nl"]  # type: ignore[misc]
    for name, fig in figs.items():
        if fig is None:
            continue
        fig.canvas.draw()
        ticks = [t.get_text() for ax in fig.axes for t in (*ax.get_xticklabels(), *ax.get_yticklabels())]
        assert not [t for t in ticks if re.search(r"\d\.\d", t)], (name, ticks)


def test_histogram_keeps_every_plan(built: dict[str, object]) -> None:
    """Bars under the disclosure threshold are merged, never dropped: their area adds up to every plan."""
    a = built["analyses"]
    dist = a.described.plans.extras["distribution"]  # type: ignore[attr-defined]
    _, figs = built["nl"]  # type: ignore[misc]
    fig = figs["agreements"]
    if fig is None:
        assert dist["plans"].sum() == 0  # nothing to draw: no agreements in the data
        return
    bars = fig.axes[0].patches
    area = sum(b.get_height() * (b.get_width() + 0.1) for b in bars)  # a bar of values a..b is b - a + 0.9 wide
    assert area == pytest.approx(dist["plans"].sum()) and dist["plans"].sum() > 100


def test_legends_sit_beside_the_data_never_on_it(built: dict[str, object]) -> None:
    _, figs = built["en"]  # type: ignore[misc]
    checked = 0
    for name, fig in figs.items():
        if fig is None:
            continue
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            legend = ax.get_legend()
            if legend is None or not ax.get_visible():
                continue
            box = legend.get_window_extent(renderer)
            # neither on the plotting area nor on the axis label or tick labels below it
            for what, area in (("plotting area", ax.get_window_extent(renderer)),
                               ("x axis", ax.xaxis.get_tightbbox(renderer))):
                if area is None:
                    continue
                overlap_w = min(box.x1, area.x1) - max(box.x0, area.x0)
                overlap_h = min(box.y1, area.y1) - max(box.y0, area.y0)
                assert overlap_w <= 1 or overlap_h <= 1, f"{name}: legend on the {what}"
            checked += 1
    assert checked >= 1


@pytest.mark.skipif(chromium() is None or shutil.which("pdftoppm") is None,
                    reason="Chromium and poppler-utils print and read the PDF")
def test_printed_pages_are_at_least_half_used(built: dict[str, object], tmp_path: Path) -> None:
    """Every page but the last is used to at least half its height (content measured on the rendered page)."""
    from PIL import Image

    page, _ = built["nl"]  # type: ignore[misc]
    target = tmp_path / "report_nl.html"
    write_atomic(target, page)
    pdf = to_pdf(target)
    assert pdf is not None
    used = page_use(pdf, tmp_path, Image)
    assert len(used) >= 3 and all(u >= 0.5 for u in used[:-1]), used
    for f in figs_closed(built):
        plt.close(f)


def page_use(pdf: Path, folder: Path, image: object) -> list[float]:
    """Per page, how far down the body (between the top and bottom margins) the lowest ink reaches."""
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(folder / "p")], check=True)
    out = []
    for f in sorted(folder.glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])):
        a = np.asarray(image.open(f), dtype=float)  # type: ignore[attr-defined]
        h = a.shape[0]
        top, bottom = int(h * 16 / 297), int(h * (1 - 18 / 297))  # the @page margins; the footer lies below
        rows = np.flatnonzero((a[top:bottom] < 235).any(axis=1))
        out.append(0.0 if not len(rows) else (rows.max() + 1) / (bottom - top))
    return out


def figs_closed(built: dict[str, object]) -> list[object]:
    return [f for lang in ("nl", "en") for f in built[lang][1].values() if f is not None]  # type: ignore[index]


def test_page_one_compares_with_the_national_figures_in_words() -> None:
    """In line only when the 95% interval holds the national figure; above or below otherwise."""
    from ekc_analysis.reporting._findings import versus

    assert versus(0.60, 0.80, 0.70, "en").strip() == "That is in line with the national figure."
    assert versus(0.72, 0.80, 0.70, "nl").strip() == "Dat is hoger dan het landelijke cijfer."
    assert versus(0.50, 0.69, 0.70, "en", "vs_full").strip() == "The share fully carried out is thus below the " \
                                                                 "national figure."
    nl, _ = build(EXPORT)["nl"]  # type: ignore[misc]
    text = _plain(nl)
    assert "Het aandeel met een conferentie is daarmee in lijn met het landelijke cijfer (het verschil valt " \
           "binnen de onzekerheid)." in text
