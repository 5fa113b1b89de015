"""The report's page for policymakers: each region and municipality against the whole (funnel plots).

It names, in plain words, the units outside the 95 % and 99.8 % control limits, for the share of
initiatives reaching a conference and the share of plans fully carried out. The decisions are the
report's ledger's: a unit keeps its n and its position (flag) whenever n is not small, even when its
share must be hidden ("below the 95 % limit", without the count); such a unit is drawn as an open
marker on the limit it crosses. Units are named beside their dots (numbered, with the number in the
table, when there are more than 12). The builder adds the page; the texts live here, in Dutch and English.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..describe import MISSING_LABEL, benchmark
from ..i18n import Lang, label, number
from ..intake import Registry
from ..results import Result
from ._disclosure import Disclosure
from ._published import standalone, unit_key, unit_marks

if TYPE_CHECKING:  # pragma: no cover
    from ._analyses import Benchmarks

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
        "too_small": "Aandeel niet getoond, te weinig gevallen (minder dan {k} in een cel): {list}.",
        "protected": "Aandeel afgeschermd zodat die kleine aantallen niet terug te rekenen zijn: {list}.",
        "item": "{unit} ({share} van {n})",
        "item_hidden": "{unit} (n = {n}; aandeel afgeschermd)", "item_bare": "{unit}",
        "none_within": "Geen van de {units} ligt binnen de 95%-grenzen.",
        "placed_within": "Alle {units} waarvan de ligging te tonen is, liggen binnen de 95%-grenzen.",
        "col_key": "nr. in figuur",
        "own_one": "Deze export bevat één gemeente, {unit}: alle cijfers in dit rapport gaan over {unit} en staan "
                   "naast de landelijke cijfers; met andere gemeenten vergelijken kan met deze export alleen niet.",
        "own_intro": "{Unit} vergeleken met alle {units} in deze gegevens: {list}.",
        "own_metric": "{what}: {value}, {position}",
        "own_value": "{share} van {n} {of}", "own_value_hidden": "{n} {of}, aandeel afgeschermd",
        "own_unplaced": "te weinig gevallen om te plaatsen (minder dan {k})",
        "own_none": "{Unit} staat niet in de vergelijking van {units} (geen afgeronde aanmeldingen of plannen).",
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
        "too_small": "Share not shown, too few cases (fewer than {k} in a cell): {list}.",
        "protected": "Share hidden so that those small counts cannot be recovered: {list}.",
        "item": "{unit} ({share} of {n})",
        "item_hidden": "{unit} (n = {n}; share hidden)", "item_bare": "{unit}",
        "none_within": "None of the {units} lies within the 95% limits.",
        "placed_within": "All {units} whose position can be shown lie within the 95% limits.",
        "col_key": "no. in figure",
        "own_one": "This export holds one municipality, {unit}: every figure in this report is about {unit} and is "
                   "set against the national figures; comparing with other municipalities takes more than this export.",
        "own_intro": "{Unit} against all {units} in these data: {list}.",
        "own_metric": "{what}: {value}, {position}",
        "own_value": "{share} of {n} {of}", "own_value_hidden": "{n} {of}, share hidden",
        "own_unplaced": "too few cases to place (fewer than {k})",
        "own_none": "{Unit} is not in the comparison of {units} (no closed initiatives or plans).",
        "col_unit": "unit", "col_n": "n", "col_share": "share", "col_position": "position",
        "within": "within the limits", "above_95_short": "above 95% limit", "below_95_short": "below 95% limit",
        "above_99.8_short": "above 99.8% limit", "below_99.8_short": "below 99.8% limit", "hidden_short": "—",
        "caption": "{What} by {unit}",
    },
}
FLAGS = ("above_99.8", "above_95", "below_95", "below_99.8")
MAX_NAMES = 12  # more units than this: numbered dots, the key in the table


def t(key: str, lang: Lang, **values: object) -> str:
    return TEXT[lang][key].format(**values)


def benchmark_results(reg: Registry) -> Benchmarks:
    """A benchmark for each unit level the registry has (region, municipality) and each metric."""
    from ._analyses import Benchmarks

    out: dict[str, Result] = {}
    for level in LEVELS:
        if level not in reg.cases.columns or reg.cases[level].nunique() < 2:
            continue
        for metric in METRICS:
            res = benchmark(reg, by=level, metric=metric)  # type: ignore[arg-type]
            if len(res.table):
                out[f"{level}_{metric}"] = res
    return Benchmarks(**out)


def unit_view(result: Result, d: Disclosure) -> pd.DataFrame:
    """Per unit: the marks of its n and its share ('' shown, ``<10`` small, ``x`` hidden to protect a small
    count) and whether its flag (position) shows. From the report's ledger when ``d`` carries one; else
    from a ledger of this benchmark alone, its totals counted as published."""
    led = d.ledger
    if led is None or unit_key(result, result.table["unit"].iloc[0], "n") not in led.counts:
        led = standalone(result, d.min_cell)
    return unit_marks(result, led)


def hidden_units(result: Result, d: Disclosure) -> pd.Series:
    """Per unit: "" (share shown), ``<10`` (too small) or ``x`` (share hidden to protect another unit)."""
    view = unit_view(result, d)
    return pd.Series(np.where(view["n"] == d.mark, d.mark, view["share"]), index=result.table.index)


def numbered(result: Result) -> bool:
    """More than ``MAX_NAMES`` units: the dots carry numbers, the table the key."""
    return len(result.table) > MAX_NAMES


def _pct(x: float, lang: Lang) -> str:
    return number(100 * x, lang) + "%"


def _position(flag: str, shown: bool, lang: Lang) -> str:
    return t("hidden_short", lang) if not shown else t("within", lang) if flag == "within" else t(f"{flag}_short", lang)


def regional_tables(benchmarks: Benchmarks, lang: Lang, d: Disclosure) -> dict[str, pd.DataFrame]:
    """One display table per level and metric: unit, n, share, position (in words) and, when the figure
    numbers its dots, the number; each hidden where the ledger hides it, the position wherever n is not small."""
    out = {}
    for key, res in benchmarks.named():
        view = unit_view(res, d)
        rows = []
        for i, (r, v) in enumerate(zip(res.table.itertuples(index=False), view.itertuples(index=False),
                                       strict=True)):
            rows.append({t("col_unit", lang): r.unit,
                         t("col_n", lang): v.n or d.count(r.n),
                         t("col_share", lang): v.share or _pct(r.share, lang),
                         t("col_position", lang): _position(r.flag, v.flag_shown, lang),
                         **({t("col_key", lang): str(i + 1)} if numbered(res) else {})})
        out[key] = pd.DataFrame(rows)
    return out


def regional_figures(benchmarks: Benchmarks, lang: Lang, d: Disclosure,
                     new: Callable[[tuple[float, float]], tuple[object, object]]) -> dict[str, object]:
    """A funnel plot per level and metric. Units whose n is hidden are not drawn; a unit whose share is
    hidden is drawn by its position only. ``new`` makes (figure, axes)."""
    from ..figures import funnel_plot

    figs: dict[str, object] = {}
    for key, res in benchmarks.named():
        view = unit_view(res, d)
        units = res.table["unit"]
        placed = (view["n"] == "") & view["flag_shown"]
        if placed.sum() < 2:
            figs[key] = None
            continue
        fig, ax = new((7, 4.2))
        funnel_plot(res, ax=ax, lang=lang, hidden=set(units[~placed]),  # type: ignore[arg-type]
                    flag_only=set(units[placed & (view["share"] != "")]))
        figs[key] = fig
    return figs


def _named(tab: pd.DataFrame, lang: Lang, d: Disclosure) -> list[str]:
    """The sentences naming the units outside the limits: with share and n where shown, n alone where the
    share is hidden, the name alone where n is hidden too (the position always shows when n is not small)."""
    parts = []
    for f in FLAGS:
        these = tab[(tab["flag"] == f) & tab["flag_shown"]]
        if len(these):
            parts.append(t(f, lang, list=", ".join(
                t("item", lang, unit=r.unit, share=_pct(r.share, lang), n=d.count(r.n)) if not r.share_mark
                else t("item_hidden", lang, unit=r.unit, n=d.count(r.n)) if not r.n_mark
                else t("item_bare", lang, unit=r.unit) for r in these.itertuples(index=False))))
    return parts


def unit_sentence(res: Result, lang: Lang, d: Disclosure) -> str:
    """What the page says about one benchmark, worded from its data: the overall share, the units outside
    the limits, the rest within (never "all" when one is not), and the units whose share is not shown."""
    level = str(res.settings["by"])
    view = unit_view(res, d)
    tab = res.table.assign(n_mark=view["n"].to_numpy(), share_mark=view["share"].to_numpy(),
                           flag_shown=view["flag_shown"].to_numpy())
    units = t(f"units_{level}", lang)
    parts = [t("summary", lang, units=units, overall=_pct(float(res.settings["overall"]), lang))]  # type: ignore[arg-type]
    named = _named(tab, lang, d)
    parts += named
    placed = tab[tab["flag_shown"]]
    if not named:
        parts.append(t("all_within" if placed.index.equals(tab.index) else "placed_within", lang, units=units))
    elif (placed["flag"] == "within").any():
        parts.append(t("rest_within", lang, units=units))
    small = tab.loc[(tab["n_mark"] == d.mark) | (tab["share_mark"] == d.mark), "unit"].tolist()
    protected = tab.loc[(tab["share_mark"] == d.secondary) & ~tab["unit"].isin(small), "unit"].tolist()
    if small:
        parts.append(t("too_small", lang, k=d.min_cell, list=", ".join(small)))
    if protected:
        parts.append(t("protected", lang, list=", ".join(protected)))
    return " ".join(parts)


def own_unit(reg: Registry, unit: str | None) -> tuple[str, str] | None:
    """(level, name) of the unit page 1 speaks about: ``unit`` (a municipality or region of the export), or
    the export's only municipality; None when neither."""
    from ..errors import ArgumentError

    values = {lv: set(reg.cases[lv].dropna().astype(str)) - {MISSING_LABEL} for lv in LEVELS if lv in reg.cases}
    if unit is None:
        towns = values.get("municipality", set())
        return ("municipality", next(iter(towns))) if len(towns) == 1 else None
    for lv in ("municipality", "region"):
        if unit in values.get(lv, set()):
            return lv, unit
    known = sorted(values.get("municipality", set()) | values.get("region", set()))
    raise ArgumentError(f"unit={unit!r} (--unit): not a municipality or region in this export"
                        + (f" (choose from {', '.join(known)})" if known else " (it has no municipality column)"))


def own_unit_paragraph(benchmarks: Benchmarks, reg: Registry, lang: Lang, d: Disclosure,
                       unit: str | None = None) -> str:
    """Page 1 on the export's own unit: where it lies against the limits for each metric (its n and position
    even when its share is hidden), or, for an export of one municipality, that every figure is about it."""
    found = own_unit(reg, unit)
    if found is None:
        return ""
    level, name = found
    cap = name[0].upper() + name[1:]
    results = [res for m in METRICS if (res := benchmarks.of(level, m)) is not None]
    if not results:
        return t("own_one", lang, unit=name) if level == "municipality" else ""
    items = []
    for res in results:
        rows = res.table.index[res.table["unit"] == name]
        if not len(rows):
            continue
        r, v = res.table.loc[rows[0]], unit_view(res, d).loc[rows[0]]
        n = v["n"] or d.count(r["n"])
        of = t(f"of_{res.settings['metric']}", lang)
        value = (t("own_value", lang, share=_pct(r["share"], lang), n=n, of=of) if not v["share"]
                 else t("own_value_hidden", lang, n=n, of=of))
        position = label(str(r["flag"]), lang) if v["flag_shown"] else t("own_unplaced", lang, k=d.min_cell)
        items.append(t("own_metric", lang, what=t(f"metric_{res.settings['metric']}", lang),
                       value=value if v["flag_shown"] else f"{n} {of}", position=position))
    if not items:
        return t("own_none", lang, Unit=cap, units=t(f"units_{level}", lang))
    return t("own_intro", lang, Unit=cap, units=t(f"units_{level}", lang), list="; ".join(items))


def regional_page(benchmarks: Benchmarks, lang: Lang, d: Disclosure
                  ) -> tuple[str, tuple[str, ...], list[tuple[str, str]], dict[str, str]]:
    """(heading, paragraphs, [(figure name, caption)], {figure name: sentence naming units}) of the page."""
    paragraphs = [t("intro", lang)]
    figures, sentences = [], {}
    for key, res in benchmarks.named():
        level, metric = str(res.settings["by"]), str(res.settings["metric"])
        sentences[key] = unit_sentence(res, lang, d)
        what = t(f"metric_{metric}", lang)
        figures.append((key, t("caption", lang, What=what[0].upper() + what[1:], unit=t(f"unit_{level}", lang))))
    paragraphs += [t("caveat", lang), t("method", lang)]
    return t("heading", lang), tuple(paragraphs), figures, sentences


__all__ = ["benchmark_results", "hidden_units", "label", "numbered", "own_unit", "own_unit_paragraph",
           "regional_figures", "regional_page", "regional_tables", "unit_sentence", "unit_view"]
