"""The report's page for policymakers: each region and municipality against the whole (funnel plots).

It names, in plain words, the units outside the 95 % and 99.8 % control limits, for the share of
initiatives reaching a conference and the share of plans fully carried out. Units whose counts the
disclosure rule hides are neither drawn nor given a share; they are listed as too small (``<10``) or
hidden to protect another (``x``). The builder adds the page; the texts live here, in Dutch and English.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..benchmarking import benchmark
from ..labels import Lang, label, number
from ..registry import Registry
from ..results import Result
from .disclosure import Disclosure

LEVELS = ("region", "municipality")
METRICS = ("conference", "execution")

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "heading": "Regio's en gemeenten vergeleken",
        "intro": "Hoe verhoudt uw regio of gemeente zich tot het geheel? Elke stip is een eenheid: links-rechts het "
                 "aantal aanmeldingen (of plannen), boven-onder het aandeel. De lijnen zijn controlegrenzen rond het "
                 "aandeel van alle eenheden samen: binnen de gestippelde 95%-grenzen liggen verschillen die bij "
                 "toeval passen; buiten de doorgetrokken 99,8%-grenzen ligt een eenheid alleen in 1 op de 500 "
                 "gevallen door toeval. Kleine eenheden hebben wijdere grenzen, omdat hun aandeel sterker schommelt.",
        "caveat": "Een eenheid buiten de grenzen verschilt meer dan toeval verklaart, maar dat zegt nog niet waarom: "
                  "andere gezinnen, andere verwijzers of een andere manier van registreren kunnen de oorzaak zijn. "
                  "Het is geen ranglijst.",
        "method": "Grenzen: exacte binomiale grenzen met de interpolatie van Spiegelhalter (2005) rond het aandeel "
                  "van alle eenheden samen (eenheden zonder bekende regio of gemeente tellen niet mee).",
        "metric_conference": "aandeel afgeronde aanmeldingen met een conferentie",
        "metric_execution": "aandeel plannen dat 3–5 maanden na de conferentie volledig was uitgevoerd",
        "unit_region": "regio", "units_region": "regio's", "unit_municipality": "gemeente",
        "units_municipality": "gemeenten",
        "of_conference": "afgeronde aanmeldingen", "of_execution": "plannen met een evaluatie",
        "summary": "Alle {units} samen: {overall}.",
        "above_99.8": "Boven de 99,8%-grens (duidelijk hoger dan het geheel): {list}.",
        "above_95": "Boven de 95%-grens, maar binnen de 99,8%-grens (mogelijk hoger): {list}.",
        "below_95": "Onder de 95%-grens, maar binnen de 99,8%-grens (mogelijk lager): {list}.",
        "below_99.8": "Onder de 99,8%-grens (duidelijk lager dan het geheel): {list}.",
        "all_within": "Alle getoonde {units} liggen binnen de 95%-grenzen: de verschillen passen bij toeval.",
        "rest_within": "De andere getoonde {units} liggen binnen de 95%-grenzen.",
        "too_small": "Te weinig gegevens om te tonen (minder dan {k} in een cel): {list}.",
        "protected": "Afgeschermd zodat die kleine aantallen niet terug te rekenen zijn: {list}.",
        "item": "{unit} ({share} van {n})",
        "col_unit": "eenheid", "col_n": "aantal", "col_share": "aandeel", "col_position": "ligging",
        "within": "binnen de grenzen", "above_95_short": "boven 95%-grens", "below_95_short": "onder 95%-grens",
        "above_99.8_short": "boven 99,8%-grens", "below_99.8_short": "onder 99,8%-grens", "hidden_short": "—",
        "caption": "{What} per {unit}",
    },
    "en": {
        "heading": "Regions and municipalities compared",
        "intro": "How does your region or municipality compare with the whole? Each dot is one unit: across, its "
                 "number of initiatives (or plans); up, its share. The lines are control limits around the share of "
                 "all units together: within the dashed 95% limits differences fit chance; outside the solid 99.8% "
                 "limits a unit lies by chance only 1 time in 500. Small units have wider limits, because their "
                 "share swings more.",
        "caveat": "A unit outside the limits differs by more than chance explains, which does not yet say why: other "
                  "families, other referrers or another way of registering may be the reason. It is not a ranking.",
        "method": "Limits: exact binomial limits with Spiegelhalter's (2005) interpolation around the share of all "
                  "units together (cases without a known region or municipality are left out).",
        "metric_conference": "share of closed initiatives that reached a conference",
        "metric_execution": "share of plans fully carried out 3–5 months after the conference",
        "unit_region": "region", "units_region": "regions", "unit_municipality": "municipality",
        "units_municipality": "municipalities",
        "of_conference": "closed initiatives", "of_execution": "plans with a follow-up",
        "summary": "All {units} together: {overall}.",
        "above_99.8": "Above the 99.8% limit (clearly higher than the whole): {list}.",
        "above_95": "Above the 95% limit but within the 99.8% limit (possibly higher): {list}.",
        "below_95": "Below the 95% limit but within the 99.8% limit (possibly lower): {list}.",
        "below_99.8": "Below the 99.8% limit (clearly lower than the whole): {list}.",
        "all_within": "All {units} shown lie within the 95% limits: the differences fit chance.",
        "rest_within": "The other {units} shown lie within the 95% limits.",
        "too_small": "Too few cases to show (fewer than {k} in a cell): {list}.",
        "protected": "Hidden so that those small counts cannot be recovered: {list}.",
        "item": "{unit} ({share} of {n})",
        "col_unit": "unit", "col_n": "n", "col_share": "share", "col_position": "position",
        "within": "within the limits", "above_95_short": "above 95% limit", "below_95_short": "below 95% limit",
        "above_99.8_short": "above 99.8% limit", "below_99.8_short": "below 99.8% limit", "hidden_short": "—",
        "caption": "{What} by {unit}",
    },
}
FLAGS = ("above_99.8", "above_95", "below_95", "below_99.8")


def t(key: str, lang: Lang, **values: object) -> str:
    return TEXT[lang][key].format(**values)


def benchmark_results(reg: Registry) -> dict[str, Result]:
    """``benchmark_<level>_<metric>`` for each unit level the registry has (region, municipality)."""
    out: dict[str, Result] = {}
    for level in LEVELS:
        if level not in reg.cases.columns or reg.cases[level].nunique() < 2:
            continue
        for metric in METRICS:
            res = benchmark(reg, by=level, metric=metric)  # type: ignore[arg-type]
            if len(res.table):
                out[f"benchmark_{level}_{metric}"] = res
    return out


def hidden_units(result: Result, d: Disclosure) -> pd.Series:
    """Per unit: "" (shown), ``<10`` (too small) or ``x`` (hidden to protect another unit).

    The units' events and non-events add up to totals the report shows (the overall funnel and
    execution tables), and each unit's n is the sum of its two cells: suppression runs over rows and
    columns (2-D), and over the units' n column, until no total has a single hidden cell.
    """
    tab = result.table
    n = tab["n"].to_numpy(dtype=float)
    events = tab["events"].to_numpy(dtype=float)
    grid = np.column_stack([events, n - events])
    cells = d.hidden_grid(grid, row_totals=True, column_totals=True)
    n_hidden = d.hidden_cells(n, total_shown=True)
    hide = cells.any(axis=1) | n_hidden
    small = (np.isnan(grid) | (grid < d.min_cell)).any(axis=1) | (n < d.min_cell)
    marks = np.where(small, d.mark, np.where(hide, d.secondary, ""))
    return pd.Series(marks, index=tab.index)


def _pct(x: float, lang: Lang) -> str:
    return number(100 * x, lang) + "%"


def regional_tables(results: dict[str, Result], lang: Lang, d: Disclosure) -> dict[str, pd.DataFrame]:
    """One display table per level and metric: unit, n, share, position (in words); hidden where suppressed."""
    out = {}
    for key, res in results.items():
        if not key.startswith("benchmark_"):
            continue
        marks = hidden_units(res, d)
        rows = []
        for r, mark in zip(res.table.itertuples(index=False), marks, strict=True):
            rows.append({t("col_unit", lang): r.unit,
                         t("col_n", lang): mark if mark == d.mark else d.count(r.n) if not mark else d.secondary,
                         t("col_share", lang): mark or _pct(r.share, lang),
                         t("col_position", lang): t("hidden_short", lang) if mark else
                         t("within", lang) if r.flag == "within" else t(f"{r.flag}_short", lang)})
        out[key] = pd.DataFrame(rows)
    return out


def regional_figures(results: dict[str, Result], lang: Lang, d: Disclosure,
                     new: Callable[[tuple[float, float]], tuple[object, object]]) -> dict[str, object]:
    """A funnel plot per level and metric; suppressed units are not drawn. ``new`` makes (figure, axes)."""
    from ..plots_benchmark import funnel_plot

    figs: dict[str, object] = {}
    for key, res in results.items():
        if not key.startswith("benchmark_"):
            continue
        marks = hidden_units(res, d)
        if (marks == "").sum() < 2:
            figs[key] = None
            continue
        fig, ax = new((7, 4.2))
        funnel_plot(res, ax=ax, lang=lang, hidden=set(res.table.loc[marks != "", "unit"]))  # type: ignore[arg-type]
        figs[key] = fig
    return figs


def regional_page(results: dict[str, Result], lang: Lang, d: Disclosure
                  ) -> tuple[str, tuple[str, ...], list[tuple[str, str]], dict[str, str]]:
    """(heading, paragraphs, [(figure name, caption)], {figure name: sentence naming units}) of the page."""
    paragraphs = [t("intro", lang)]
    figures, sentences = [], {}
    for key, res in results.items():
        if not key.startswith("benchmark_"):
            continue
        level, metric = str(res.settings["by"]), str(res.settings["metric"])
        marks = hidden_units(res, d)
        tab = res.table.assign(mark=marks.to_numpy())
        shown = tab[tab["mark"] == ""]
        units = t(f"units_{level}", lang)
        what = t(f"metric_{metric}", lang)
        parts = [t("summary", lang, units=units, overall=_pct(float(res.settings["overall"]), lang))]  # type: ignore[arg-type]
        named = 0
        for f in FLAGS:
            these = shown[shown["flag"] == f]
            if len(these):
                named += len(these)
                parts.append(t(f, lang, list=", ".join(
                    t("item", lang, unit=r.unit, share=_pct(r.share, lang), n=d.count(r.n))
                    for r in these.itertuples(index=False))))
        parts.append(t("all_within" if not named else "rest_within", lang, units=units))
        small = tab.loc[tab["mark"] == d.mark, "unit"].tolist()
        protected = tab.loc[tab["mark"] == d.secondary, "unit"].tolist()
        if small:
            parts.append(t("too_small", lang, k=d.min_cell, list=", ".join(small)))
        if protected:
            parts.append(t("protected", lang, list=", ".join(protected)))
        sentences[key] = " ".join(parts)
        figures.append((key, t("caption", lang, What=what[0].upper() + what[1:], unit=t(f"unit_{level}", lang))))
    paragraphs += [t("caveat", lang), t("method", lang)]
    return t("heading", lang), tuple(paragraphs), figures, sentences


__all__ = ["benchmark_results", "hidden_units", "label", "regional_figures", "regional_page", "regional_tables"]
