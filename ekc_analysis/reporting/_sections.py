"""The report's body, one section per question, each figure kept together with the table of its numbers.

A :class:`Block` is what a reader looks at in one glance: a figure (or the reason it is missing) and
the table holding the figure's numbers; print keeps a block on one page. Sections are arranged here;
their numbers come from :mod:`.analyses`, their words from :mod:`.text`, :mod:`.findings` and
:mod:`.studies`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..i18n import Lang, label
from ..intake import Registry
from ..results import Result
from ._findings import absent_figure, absent_sentence, held_sentence, is_absent
from ._glossary import CAPTION_NOTES, KM_WEIGHTED
from ._numbers import Numbers, effect_table, table_html
from ._studies import WORDS, incidence_table, paragraphs
from ._text import text


@dataclass(frozen=True)
class Block:
    """A figure (``uri`` None: left out, ``reason`` says why) with the tables of its numbers, or tables alone."""

    name: str = ""
    uri: str | None = None
    caption: str = ""
    reason: str = ""
    tables: tuple[tuple[str, str], ...] = ()  # (caption, html)


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()


Uri = Callable[[str], "str | None"]


def _figure(name: str, caption_key: str, lang: Lang, uri: Uri, reason: str,
            tables: tuple[tuple[str, str], ...] = ()) -> Block:
    note = CAPTION_NOTES[lang].get(name, "")
    caption = label(caption_key, lang) + (f". {note}" if note else "")
    drawn = uri(name)
    return Block(name, drawn, caption, "" if drawn else reason, tables)


def registry_sections(r: dict[str, Result], reg: Registry, tables: dict[str, pd.DataFrame], lang: Lang,
                      uri: Uri, has: Callable[[str], bool]) -> list[Section]:
    """Where referrals end, by year, what plans hold, how far they are carried out."""
    too_few = text("suppressed_figure", lang)

    def tab(key: str) -> tuple[str, str]:
        return (text(f"cap_{key}", lang), table_html(tables[key], lang))

    by_year = (text("cap_funnel_by_year", lang), table_html(years_wide(tables["funnel_by_year"], lang), lang))
    out = [Section(label("funnel_title", lang), (text("m_funnel", lang),), (
        _figure("funnel", "funnel_title", lang, uri, too_few, (tab("funnel"),)),
        Block(tables=(tab("funnel_vs_reference"),)))),
        Section(label("trend_title", lang), (), (
            _figure("funnel_trend", "trend_title", lang, uri, text("trend_too_few", lang), (by_year,)),))]
    plans = r["plans"]
    absent = [q for q, row in (("plan_rate", "plan_rate"), ("agreements", "agreements_per_plan"),
                                ("professional", "professional_share")) if is_absent(plans, row)]
    blocks = [_figure("agreements", "agreements_title", lang, uri,
                      absent_figure(reg, "agreements", lang) if "agreements" in absent else too_few)]
    if has("domains"):
        blocks.append(_figure("domains", "domains_title", lang, uri, too_few))
    if len(absent) < 3:  # the table, unless it would hold nothing at all
        blocks.append(Block(tables=(tab("plans"),)))
    said = [absent_sentence(reg, absent, lang)] if len(absent) == 3 else [absent_sentence(reg, q, lang) for q in absent]
    out.append(Section(text("plans_heading", lang), tuple(said), tuple(blocks)))
    if int(r["execution"].table["n"].sum()) == 0:
        out.append(Section(label("execution_title", lang), (absent_sentence(reg, "execution", lang),)))
    else:
        out.append(Section(label("execution_title", lang), (text("m_execution", lang),), (
            _figure("execution", "execution_title", lang, uri, too_few, (tab("execution"),)),)))
    return out


def years_wide(protected: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The funnel by year as a reader scans it: one row per year, each stage as 'count (share)'.

    Built from the protected long table, so every cell carries the same disclosure decision; the
    intervals stay in the long table (the CSV file).
    """
    stages = list(dict.fromkeys(protected["stage"]))
    rows = []
    for year, g in protected.groupby("year", sort=False):
        row = {text("col_year", lang): year, text("col_denominator", lang): g["denominator"].iloc[0]}
        for rec in g.itertuples(index=False):
            shown = str(rec.share)[:1].isdigit()  # a share is shown exactly where its count is
            row[rec.stage] = f"{rec.n} ({rec.share})" if shown else rec.n
        rows.append(row)
    return pd.DataFrame(rows, columns=[text("col_year", lang), text("col_denominator", lang), *stages])


def effect_sections(r: dict[str, Result], lang: Lang, nb: Numbers, uri: Uri, weighted: bool) -> list[Section]:
    """The trial, the cohort and the pooled studies: each figure beside its effect table."""
    def tab(key: str) -> tuple[str, str]:
        return (text(f"cap_{key}", lang), table_html(effect_table(r[key].table, lang, nb), lang))

    out = []
    if "trial_many" in r or "consort" in r:
        blocks = []
        if "consort" in r:
            blocks.append(_figure("trial_consort", "consort_title", lang, uri, ""))
        if "trial_many" in r:
            blocks.append(_figure("trial_forest", "forest_title", lang, uri, "", (tab("trial_many"),)))
        blocks += [Block(tables=(tab(k),)) for k in ("trial_extension", "trial_costs") if k in r]
        held = held_sentence(r, lang, nb, nb.d)
        out.append(Section(text("trial_heading", lang), (held,) if held else (), tuple(blocks)))
    if "cohort" in r:
        block = _figure("cohort_km", "km_title", lang, uri, "", (tab("cohort"),))
        if weighted:  # say what the curves are: weighted, with children (not weights) at risk below
            block = Block(block.name, block.uri, block.caption + "." + KM_WEIGHTED[lang], block.reason, block.tables)
        out.append(Section(text("cohort_heading", lang), (), (block,)))
    if "meta" in r:
        out.append(Section(text("meta_heading", lang), (),
                           (_figure("meta_forest", "meta_title", lang, uri, "", (tab("meta"),)),)))
    return out


def study_sections(r: dict[str, Result], lang: Lang, nb: Numbers, uri: Uri) -> list[Section]:
    """The pages on the real designs: clustered trial, three groups, competing ends of follow-up."""
    words = WORDS[lang]
    pages = paragraphs(r, r.get("cohort"), lang, nb)
    out = []
    if "zonmw" in pages:
        table = pd.concat([r["zonmw_safety"].table, r["zonmw_placed"].table], ignore_index=True)
        out.append(Section(pages["zonmw"][0], (pages["zonmw"][1],), (
            Block(tables=((words["cap_zonmw"], table_html(effect_table(table, lang, nb), lang)),)),)))
    if "wodc" in pages:
        table = pd.concat([r["wodc_ots_extension"].table, r["wodc_safety_12"].table], ignore_index=True)
        out.append(Section(pages["wodc"][0], (pages["wodc"][1],), (
            Block(tables=((words["cap_wodc"], table_html(effect_table(table, lang, nb), lang)),)),)))
    if "competing" in pages:
        table = (words["cap_cr"], table_html(incidence_table(r["cohort_competing"], lang, nb), lang))
        out.append(Section(pages["competing"][0], (pages["competing"][1],), (
            _figure("cohort_cif", "cif_title_weighted" if "cohort_competing_adjusted" in r else "cif_title", lang,
                    uri, "", (table,)),)))
    return out


def numbered(sections: list[Section], figure_word: str, table_word: str) -> list[Section]:
    """Figures and tables numbered in reading order: 'Figure 3. …', 'Table 2. …'."""
    out, n_fig, n_tab = [], 0, 0
    for sec in sections:
        blocks = []
        for b in sec.blocks:
            caption = b.caption
            if b.name:
                n_fig += 1
                caption = f"{figure_word} {n_fig}. {caption}"
            tabs = []
            for cap, html in b.tables:
                n_tab += 1
                tabs.append((f"{table_word} {n_tab}. {cap}", html))
            blocks.append(Block(b.name, b.uri, caption, b.reason, tuple(tabs)))
        out.append(Section(sec.heading, sec.paragraphs, tuple(blocks)))
    return out
