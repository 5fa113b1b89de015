"""Arrange analyses into one self-contained HTML report (figures embedded, no network)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..i18n import Lang, label, number
from ..results import Result
from ._analyses import Analyses, effect_results
from ._disclosure import Disclosure
from ._figures import data_uri, make_figures
from ._findings import bottom_line, key_findings
from ._glossary import glossary, sources_list
from ._numbers import Numbers, table_html
from ._published import ledger_for, row_keys, share_keys
from ._regional import own_unit_paragraph, regional_page, regional_tables
from ._sections import Block, Section, effect_sections, numbered, registry_sections, study_sections
from ._study_tables import study_tables
from ._text import text

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _marked(d: Disclosure, name: str, table: pd.DataFrame, shown: pd.DataFrame, **kw: object) -> pd.DataFrame:
    """``shown`` (the table with labels) with the ledger's marks of ``name``'s rows applied."""
    counts, totals = row_keys(name, table)
    return d.show(shown, [d.mark_of(k) for k in counts], total_marks=[d.mark_of(k) for k in totals],
                  share_marks=[d.mark_of(k) for k in share_keys(name, table)], **kw)  # type: ignore[arg-type]


def one_interval(shown: pd.DataFrame) -> pd.DataFrame:
    """``ci_low`` and ``ci_high`` as one column ``ci``, in the report's one interval style ``66,9% – 71,6%``
    (a hidden interval keeps its mark, once)."""
    if not {"ci_low", "ci_high"} <= set(shown.columns):
        return shown
    ci = [lo if lo == hi or not str(lo)[:1].isdigit() else f"{lo} – {hi}"
          for lo, hi in zip(shown["ci_low"], shown["ci_high"], strict=True)]
    at = list(shown.columns).index("ci_low")
    out = shown.drop(columns=["ci_low", "ci_high"])
    out.insert(at, "ci", ci)
    return out


def display_tables(a: Analyses, lang: Lang, d: Disclosure) -> dict[str, pd.DataFrame]:
    """The tables a report shows (and ``reproduce`` writes as CSV), with the report's ledger applied."""
    if d.ledger is None:
        d = d.with_ledger(ledger_for(a, d.min_cell))
    r = a.described
    out: dict[str, pd.DataFrame] = {}
    f = r.funnel.table
    out["funnel"] = _marked(d, "funnel", f, f.assign(stage=f["stage"].map(lambda s: label(s, lang))),
                            total="denominator")
    y = r.funnel_year.table.rename(columns={"referral_year": "year"})
    out["funnel_by_year"] = _marked(d, "funnel_by_year", y, y.assign(stage=y["stage"].map(lambda s: label(s, lang))),
                                    total="denominator")
    e = r.execution.table
    out["execution"] = _marked(d, "execution", e, e.assign(execution=e["execution"].map(lambda s: label(s, lang))),
                               total="denominator")
    out["plans"] = _plans_table(r.plans, lang, d)
    out["funnel_vs_reference"] = _reference_table(r.funnel, lang, d)
    for key, res in effect_results(a):  # numbers stay numbers (for the CSV files); group sizes pass the rule
        t = res.table.round(4)
        for col in ("n_treated", "n_control"):
            if col in t:
                t[col] = t[col].map(d.count)
        out[key] = t
    out.update(regional_tables(r.benchmarks, lang, d))
    for key in ("funnel", "execution", "plans"):
        out[key] = one_interval(out[key])
    out.update(study_tables(a, lang, d))
    return out


def _plans_table(res: Result, lang: Lang, d: Disclosure) -> pd.DataFrame:
    """The two shares as percentages, agreements per plan as a number (agreements / plans)."""
    nb = Numbers(lang, d)
    p = res.table
    rows = []
    for rec, n_key, est_key in zip(p.itertuples(index=False), *row_keys("plans", p), strict=True):
        is_share = rec.metric != "agreements_per_plan"
        fmt = nb.pct if is_share else (lambda v: nb.num(v, 1))
        mark = d.mark_of(est_key)
        rows.append({"metric": label(rec.metric, lang),
                     **{col: mark or fmt(getattr(rec, col)) for col in ("estimate", "ci_low", "ci_high")},
                     "n": d.cell(n_key)})
    return pd.DataFrame(rows)


def _reference_table(funnel: Result, lang: Lang, d: Disclosure) -> pd.DataFrame:
    ref = funnel.extras["reference"][["stage", "n", "share", "reference", "difference"]]
    prot = _marked(d, "funnel_vs_reference", ref, ref.assign(stage=ref["stage"].map(lambda s: label(s, lang))),
                   shares=("share",))
    prot["reference"] = ref["reference"].map(lambda v: f"{100 * v:.0f}%")
    points = label("percentage_points", lang)
    prot["difference"] = [m if not d.is_shown(m) else
                          f"{'+' if v >= 0 else chr(0x2212)}{number(abs(100 * v), lang)} {points}"
                          for v, m in zip(ref["difference"], prot["share"], strict=True)]
    return prot


def build_html(a: Analyses, lang: Lang = "nl", min_cell: int = 10, version: str = "",
               unit: str | None = None) -> tuple[str, dict, dict]:
    """Return (html, figures, display tables) for one language; page 1 says where ``unit`` (a municipality or
    region of the export; default the export's only municipality) stands against the others."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    d = Disclosure(min_cell, lang, ledger=ledger_for(a, min_cell))  # one decision over every published number
    own = own_unit_paragraph(a.described.benchmarks, a.registry, lang, d, unit)  # an unknown unit fails first
    nb = Numbers(lang, d)
    figs = make_figures(a, lang, d)
    tables = display_tables(a, lang, d)
    reg = a.registry
    years = reg.cases["referral_year"].dropna()

    def uri(name: str) -> str | None:
        f = figs.get(name)
        return None if f is None else data_uri(f)

    sections = [*registry_sections(a.described, reg, tables, lang, uri, lambda name: name in figs),
                *effect_sections(a, tables, lang, nb, uri),
                *study_sections(a, lang, nb, uri)]
    heading, paragraphs, regional_figs, sentences = regional_page(a.described.benchmarks, lang, d)
    if regional_figs:  # the page for policymakers: each unit against the whole, each plot beside its table
        sections.append(Section(heading, paragraphs, tuple(
            Block(n, uri(n), f"{c}. {sentences[n]}", text("suppressed_figure", lang),
                  ((c, table_html(tables[n], lang)),)) for n, c in regional_figs)))
    sections += [
        Section(text("methods", lang), (text("m_intervals", lang), text("m_wodc", lang), text("m_sundell", lang),
                                        text("m_disclosure", lang, k=min_cell))),
        Section(text("glossary_heading", lang), glossary(lang)),
        Section(text("sources_heading", lang), sources_list(lang)),
    ]
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    page = env.get_template("report.html").render(
        lang=lang, title=text("title", lang), subtitle=text("subtitle", lang),
        synthetic=reg.synthetic, banner=text("synthetic_banner", lang),
        source=text("source", lang, sources=", ".join(reg.sources + tuple(a.study_sources)) or "—",
                    first=int(years.min()) if len(years) else "–", last=int(years.max()) if len(years) else "–"),
        key_heading=text("key_findings", lang), findings=[p for p in (own, *key_findings(a, lang, nb, d)) if p],
        sections=numbered(sections, text("figure", lang), text("table", lang)),
        bottom_heading=text("bottom_heading", lang), bottom=bottom_line(a, lang, nb), contents=text("contents", lang),
        ci_note=text("ci_note", lang), synthetic_mark=text("synthetic_mark", lang) if reg.synthetic else "",
        generated=text("generated", lang, version=version))
    return page, figs, tables
