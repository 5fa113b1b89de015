"""The report's page for policymakers: each region and municipality against the whole (funnel plots).

It names, in plain words, the units outside the 95 % and 99.8 % control limits, for the share of
initiatives reaching a conference and the share of plans fully carried out. The decisions are the
report's ledger's: a unit keeps its n and its position (flag) whenever n is not small, even when its
share must be hidden ("below the 95 % limit", without the count); such a unit is drawn as an open
marker on the limit it crosses. Units are named beside their dots (numbered, with the number in the
table, when there are more than 12). The builder adds the page; its texts
live in the catalogue (``_catalogue/_report_regional.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._catalogue import MESSAGES, REPORT_PREFIX
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

FLAGS = ("above_99.8", "above_95", "below_95", "below_99.8")
MAX_NAMES = 12  # more units than this: numbered dots, the key in the table
REGIONAL_PREFIX = REPORT_PREFIX + "regional_"


def t(key: str, lang: Lang, **values: object) -> str:
    """The page's text ``key`` (``report_regional_<key>`` in the catalogue) in ``lang``, filled in."""
    return MESSAGES[lang][REGIONAL_PREFIX + key].format(**values)


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
