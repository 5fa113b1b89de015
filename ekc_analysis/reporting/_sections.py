"""The report's body, one section per question, each figure kept together with the table of its numbers.

A :class:`Block` is what a reader looks at in one glance: a figure (or the reason it is missing) and
the table holding the figure's numbers; print keeps a block on one page. Sections are arranged here;
their numbers come from :mod:`.analyses`, their words from :mod:`.text`, :mod:`.findings` and
:mod:`.studies`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import Lang, label
from ..intake import Registry
from ..results import Result
from ._findings import absent_figure, absent_sentence, held_sentence, is_absent
from ._numbers import Numbers, effect_table, table_html
from ._spec import StudySpec, TrialSpec, column_label, event_words
from ._studies import covariate_phrase, incidence_table, paragraphs
from ._text import text, text_or_none

if TYPE_CHECKING:  # pragma: no cover
    from ._analyses import Analyses, CohortAnalyses, RegistryAnalyses, TrialAnalyses


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
            tables: tuple[tuple[str, str], ...] = (), title: str | None = None) -> Block:
    """A figure's block: its caption is the figure's title (``title``, else the label ``caption_key``) and the
    catalogue's note on it."""
    note = text_or_none(f"caption_{name}", lang) or ""
    caption = (label(caption_key, lang) if title is None else title) + (f". {note}" if note else "")
    drawn = uri(name)
    return Block(name, drawn, caption, "" if drawn else reason, tables)


def registry_sections(r: RegistryAnalyses, reg: Registry, tables: dict[str, pd.DataFrame], lang: Lang,
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
    plans = r.plans
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
    if int(r.execution.table["n"].sum()) == 0:
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


def effect_sections(a: Analyses, tables: dict[str, pd.DataFrame], lang: Lang, nb: Numbers,
                    uri: Uri) -> list[Section]:
    """The trial, the cohort and the pooled studies: each figure beside its effect table, the flow and Table 1
    beside their study."""
    out = []
    if a.trial is not None:
        out.append(_trial_section(a.trial, tables, lang, nb, uri))
    if a.cohort is not None and a.cohort.survival is not None:
        out.append(_cohort_section(a.cohort, a.cohort.survival, tables, lang, nb, uri))
    if a.meta is not None:
        out.append(Section(text("meta_heading", lang), (), (_figure(
            "meta_forest", "meta_title", lang, uri, "", (_effects("meta", a.meta.table, lang, nb),)),)))
    return out


def _effects(key: str, table: pd.DataFrame, lang: Lang, nb: Numbers, spec: StudySpec | None = None,
             **words: object) -> tuple[str, str]:
    """(caption, html) of an effect table, its outcomes named as the spec names them (``words`` fill the
    caption)."""
    names = None if spec is None else (lambda c: _capital(column_label(spec, c, lang)))
    money = () if spec is None or not isinstance(spec, TrialSpec) or spec.costs is None else (spec.costs,)
    return (text(f"cap_{key}", lang, **words),
            table_html(effect_table(table, lang, nb, names=names, money=money), lang))


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def _tables(tables: dict[str, pd.DataFrame], lang: Lang, *names: str) -> tuple[tuple[str, str], ...]:
    return tuple((text(f"cap_{n}", lang), table_html(tables[n], lang)) for n in names if n in tables)


def _trial_section(t: TrialAnalyses, tables: dict[str, pd.DataFrame], lang: Lang, nb: Numbers,
                   uri: Uri) -> Section:
    blocks = []
    if t.consort is not None:
        blocks.append(_figure("trial_consort", "consort_title", lang, uri, "", _tables(tables, lang, "trial_flow")))
    if t.table_one is not None:
        blocks.append(Block(tables=_tables(tables, lang, "trial_table_one")))
    if t.many is not None:
        blocks.append(_figure("trial_forest", "forest_title", lang, uri, "",
                              (_effects("trial_many", t.many.table, lang, nb, t.spec),)))
    blocks += [Block(tables=(_effects(k, res.table, lang, nb, t.spec),))
               for k, res in (("trial_extension", t.moderated), ("trial_costs", t.costs)) if res is not None]
    held = held_sentence(t, lang, nb, nb.d)
    said = ((held,) if held else ()) + ((text("t1_trial_text", lang),) if t.table_one is not None else ())
    return Section(text("trial_heading", lang), said, tuple(blocks))


def _cohort_section(c: CohortAnalyses, survival: Result, tables: dict[str, pd.DataFrame], lang: Lang,
                    nb: Numbers, uri: Uri) -> Section:
    event = event_words(c.spec, lang)
    block = _figure("cohort_km", "km_title", lang, uri, "",
                    (_effects("cohort", survival.table, lang, nb, c.spec, event=event),),
                    title=text("km_title", lang, event=event))
    if c.weights is not None:  # say what the curves are: weighted, with children (not weights) at risk below
        caption = block.caption + "." + text("km_weighted", lang)
        block = Block(block.name, block.uri, caption, block.reason, block.tables)
    blocks = [block] + [Block(tables=tab) for n in ("cohort_table_one", "cohort_table_one_weighted", "cohort_flow")
                        if (tab := _tables(tables, lang, n))]
    said: tuple[str, ...] = ()
    if c.table_one_weighted is not None:
        covariates = ", ".join(covariate_phrase(c.spec, v, lang) for v in c.spec.covariates)
        said = (text("t1_cohort_text", lang, covariates=covariates),)
    return Section(text("cohort_heading", lang, event=event), said, tuple(blocks))


def study_sections(a: Analyses, lang: Lang, nb: Numbers, uri: Uri) -> list[Section]:
    """The pages on the real designs: clustered trial, three groups, competing ends of follow-up."""
    pages = paragraphs(a, lang, nb)
    out = []
    for key, page in (("zonmw", a.zonmw), ("wodc", a.wodc)):
        if page is not None:
            table = pd.concat([res.table for res in page.outcomes], ignore_index=True)
            out.append(Section(pages[key][0], (pages[key][1],), (
                Block(tables=(_effects(key, table, lang, nb, page.spec),)),)))
    if "competing" in pages and a.cohort is not None and a.cohort.competing is not None:
        table = (text("cap_cr", lang), table_html(incidence_table(a.cohort.competing, lang, nb, a.cohort.spec), lang))
        weighted = a.cohort.competing_adjusted is not None
        out.append(Section(pages["competing"][0], (pages["competing"][1],), (
            _figure("cohort_cif", "cif_title_weighted" if weighted else "cif_title", lang, uri, "", (table,)),)))
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
