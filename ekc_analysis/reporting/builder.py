"""Arrange analyses into one self-contained HTML report (figures embedded, no network)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..labels import Lang, label, number
from .analyses import Analyses
from .disclosure import Disclosure
from .figures import data_uri, make_figures
from .findings import bottom_line, key_findings
from .glossary import (
    BOTTOM_HEADING,
    CI_NOTE,
    CONTENTS,
    FIGURE,
    GLOSSARY,
    GLOSSARY_HEADING,
    SOURCES_HEADING,
    SYNTHETIC_MARK,
    TABLE,
    sources_list,
)
from .numbers import Numbers, table_html
from .regional import regional_page, regional_tables
from .sections import Block, Section, effect_sections, numbered, registry_sections, study_sections
from .text import text

TEMPLATES = Path(__file__).resolve().parent / "templates"


def display_tables(a: Analyses, lang: Lang, d: Disclosure) -> dict[str, pd.DataFrame]:
    """The tables a report shows (and ``reproduce`` writes as CSV), with disclosure control applied."""
    r = a.results
    out: dict[str, pd.DataFrame] = {}
    f = r["funnel"].table.assign(stage=lambda t: t["stage"].map(lambda s: label(s, lang)))
    out["funnel"] = d.protect(f, total="denominator")
    y = r["funnel_year"].table.rename(columns={"referral_year": "year"})
    y = y.assign(stage=y["stage"].map(lambda s: label(s, lang)))
    # the years' cells add up to the overall funnel, which is shown too: suppress across years as well
    out["funnel_by_year"] = d.protect(y, by=["year"], across="stage", total="denominator")
    e = r["execution"].table.assign(execution=lambda t: t["execution"].map(lambda s: label(s, lang)))
    out["execution"] = d.protect(e, total="denominator")
    # plans: the two shares as percentages, agreements per plan as a number; a share is hidden when its
    # numerator or the rest of its denominator is small, a mean when it rests on few plans
    nb = Numbers(lang, d)
    p = r["plans"].table
    rows = []
    for rec, hidden in zip(p.itertuples(index=False), d.metrics_hidden(p), strict=True):
        is_share = rec.metric != "agreements_per_plan"
        fmt = nb.pct if is_share else (lambda v: nb.num(v, 1))
        rows.append({"metric": label(rec.metric, lang),
                     **{col: d.secondary if hidden else fmt(getattr(rec, col))
                        for col in ("estimate", "ci_low", "ci_high")},
                     "n": d.count(rec.n)})
    out["plans"] = pd.DataFrame(rows)
    ref = r["funnel"].extras["reference"][["stage", "n", "share", "reference", "difference"]]
    ref = ref.assign(stage=ref["stage"].map(lambda s: label(s, lang)))
    prot = d.protect(ref, shares=("share",), total_shown=True)  # the total stands in the funnel table
    prot["reference"] = ref["reference"].map(lambda v: f"{100 * v:.0f}%")
    points = "%-punt" if lang == "nl" else "pp"
    prot["difference"] = [m if not d.is_shown(m) else
                          f"{'+' if v >= 0 else chr(0x2212)}{number(abs(100 * v), lang)} {points}"
                          for v, m in zip(ref["difference"], prot["share"], strict=True)]
    out["funnel_vs_reference"] = prot
    for key in ("trial_many", "cohort", "meta"):
        if key in r:  # numbers stay numbers (for the CSV files); group sizes pass the disclosure rule
            t = r[key].table.round(4)
            for col in ("n_treated", "n_control"):
                if col in t:
                    t[col] = t[col].map(d.count)
            out[key] = t
    out.update(regional_tables(r, lang, d))
    return out


def build_html(a: Analyses, lang: Lang = "nl", min_cell: int = 10, version: str = "") -> tuple[str, dict, dict]:
    """Return (html, figures, display tables) for one language."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    d = Disclosure(min_cell, lang)
    nb = Numbers(lang, d)
    r = a.results
    figs = make_figures(a, lang, d)
    tables = display_tables(a, lang, d)
    reg = a.registry
    years = reg.cases["referral_year"].dropna()

    def uri(name: str) -> str | None:
        f = figs.get(name)
        return None if f is None else data_uri(f)

    sections = [*registry_sections(r, reg, tables, lang, uri, lambda name: name in figs),
                *effect_sections(r, lang, nb, uri, weighted=a.weights is not None),
                *study_sections(r, lang, nb, uri)]
    heading, paragraphs, regional_figs, sentences = regional_page(r, lang, d)
    if regional_figs:  # the page for policymakers: each unit against the whole, each plot beside its table
        sections.append(Section(heading, paragraphs, tuple(
            Block(n, uri(n), f"{c}. {sentences[n]}", text("suppressed_figure", lang),
                  ((c, table_html(tables[n], lang)),)) for n, c in regional_figs)))
    sections += [
        Section(text("methods", lang), (text("m_intervals", lang), text("m_wodc", lang), text("m_sundell", lang),
                                        text("m_disclosure", lang, k=min_cell))),
        Section(GLOSSARY_HEADING[lang], tuple(f"{term}: {meaning}" for term, meaning in GLOSSARY[lang])),
        Section(SOURCES_HEADING[lang], sources_list(lang)),
    ]
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    page = env.get_template("report.html").render(
        lang=lang, title=text("title", lang), subtitle=text("subtitle", lang),
        synthetic=reg.synthetic, banner=text("synthetic_banner", lang),
        source=text("source", lang, sources=", ".join(reg.sources + tuple(a.study_sources)) or "—",
                    first=int(years.min()) if len(years) else "–", last=int(years.max()) if len(years) else "–"),
        key_heading=text("key_findings", lang), findings=key_findings(r, reg, lang, nb, d),
        sections=numbered(sections, FIGURE[lang], TABLE[lang]),
        bottom_heading=BOTTOM_HEADING[lang], bottom=bottom_line(r, lang, nb), contents=CONTENTS[lang],
        ci_note=CI_NOTE[lang], synthetic_mark=SYNTHETIC_MARK[lang] if reg.synthetic else "",
        generated=text("generated", lang, version=version))
    return page, figs, tables
