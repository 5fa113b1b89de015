"""Arrange analyses into one self-contained HTML report (figures embedded, no network)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..labels import Lang, label, number
from .analyses import Analyses
from .disclosure import Disclosure
from .figures import data_uri, make_figures
from .regional import regional_page, regional_tables
from .studies import WORDS, incidence_table, paragraphs
from .text import text

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    figures: tuple[tuple[str, str | None, str], ...] = ()  # (name, data uri or None, caption)
    tables: tuple[tuple[str, str], ...] = ()               # (caption, html)


class Numbers:
    """Numbers as a reader sees them in ``lang``: decimal comma in Dutch, suppressed when small."""

    def __init__(self, lang: Lang, d: Disclosure) -> None:
        self.lang, self.d = lang, d
        self.hidden = text("hidden", lang)  # for a suppressed share or mean (not a count)

    def num(self, x: float, digits: int = 1) -> str:
        s = f"{x:,.{digits}f}".replace("-", "\u2212")  # a real minus sign, as in print
        return s.replace(",", " ").replace(".", ",").replace(" ", ".") if self.lang == "nl" else s

    def pct(self, x: float) -> str:
        return "–" if not np.isfinite(x) else self.num(100 * x) + "%"

    def share(self, shown: bool, share: float, lo: float, hi: float) -> str:
        """``69,4% (95%-BI 67,0–71,7%)``, or the suppression mark where its count is not ``shown``."""
        if not shown:
            return self.hidden
        return f"{self.pct(share)} ({text('ci', self.lang)} {self.pct(lo).rstrip('%')}–{self.pct(hi)})"

    def estimate(self, e: float, lo: float, hi: float, digits: int = 2) -> str:
        return f"{self.num(e, digits)} ({text('ci', self.lang)} {self.num(lo, digits)} – {self.num(hi, digits)})"


def _table_html(frame: pd.DataFrame, lang: Lang) -> str:
    renamed = frame.rename(columns=lambda c: text(f"col_{c}", lang) if f"col_{c}" in _COLUMN_KEYS else c)
    return renamed.to_html(index=False, border=0, classes="data", na_rep="", escape=True)


_COLUMN_KEYS = {f"col_{c}" for c in ("stage", "n", "share", "ci_low", "ci_high", "denominator", "execution", "metric",
                                     "estimate", "reference", "difference", "year")}


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
    for rec in p.itertuples(index=False):
        is_share = rec.metric != "agreements_per_plan"
        hidden = (not d.share_ok(rec.estimate * rec.n, rec.n)) if is_share else d.small(rec.n)
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


def effect_table(table: pd.DataFrame, lang: Lang, nb: Numbers) -> pd.DataFrame:
    """An effect table as a reader sees it: translated names, estimate with its interval, p-value."""
    rows = []
    for r in table.itertuples(index=False):
        row = {}
        if "outcome" in table:
            row[text("col_outcome", lang)] = label(str(r.outcome), lang)
        name = label(str(r.measure), lang)
        contrast = getattr(r, "contrast", None)
        if contrast is not None and not pd.isna(contrast) and table["contrast"].nunique() > 1:
            parts = str(contrast).split(" vs ")
            shown = f" {label('vs', lang)} ".join(label(p, lang) for p in parts) if len(parts) == 2 else \
                label(str(contrast), lang)
            name = f"{name}, {shown}"
        level = getattr(r, "level", None)
        row[text("col_measure", lang)] = name if level is None or pd.isna(level) else f"{name} ({level})"
        ci = "" if pd.isna(r.ci_low) else f"{nb.num(r.ci_low, 2)} – {nb.num(r.ci_high, 2)}"
        row[text("col_estimate", lang)] = nb.num(r.estimate, 2)
        row[text("ci", lang)] = ci
        p = r.p_value
        row["p"] = "" if pd.isna(p) else ("<" + nb.num(0.001, 3) if p < 0.001 else nb.num(p, 3))
        for col, key in (("n_treated", "col_n_fgc"), ("n_control", "col_n_control"), ("k", "col_k")):
            if col in table:
                value = getattr(r, col)
                row[text(key, lang)] = value if isinstance(value, str) else nb.d.count(value)
        rows.append(row)
    return pd.DataFrame(rows)


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

    ft = r["funnel"].table.set_index("stage")
    ongoing = int(r["funnel"].extras["ongoing"]["n_ongoing"].iloc[0])
    closed = int(ft["denominator"].iloc[0])
    stages = {"conf": "conference", "pwc": "plan_without_conference", "stopped": "stopped"}
    stage_shown = dict(zip(stages, d.shown_counts(ft.loc[list(stages.values()), "n"]), strict=True))
    findings = [text("k_funnel", lang, closed=d.count(closed), ongoing=d.count(ongoing),
                     **{key: nb.share(d.is_shown(stage_shown[key]), ft.loc[s, "share"], ft.loc[s, "ci_low"],
                                      ft.loc[s, "ci_high"]) for key, s in stages.items()})]
    pt = r["plans"].table.set_index("metric")
    pr = pt.loc["plan_rate"]
    ap = pt.loc["agreements_per_plan"]
    ps = pt.loc["professional_share"]
    findings.append(text(
        "k_plans", lang,
        plan_rate=nb.share(d.share_ok(pr["estimate"] * pr["n"], pr["n"]), pr["estimate"], pr["ci_low"],
                           pr["ci_high"]),
        agreements=nb.hidden if d.small(ap["n"]) else nb.estimate(ap["estimate"], ap["ci_low"], ap["ci_high"], 1),
        professional=nb.share(d.share_ok(ps["estimate"] * ps["n"], ps["n"]), ps["estimate"], ps["ci_low"],
                              ps["ci_high"])))
    et = r["execution"].table.set_index("execution")
    b = r["execution"].extras["bounds"].set_index("execution")
    missing = int(b["without_usable_followup"].iloc[0])
    eligible = int(b["plans"].iloc[0])
    levels = ("full", "partial", "none")
    exec_shown = dict(zip(levels, d.shown_counts(et.loc[list(levels), "n"]), strict=True))
    bounds_ok = d.is_shown(exec_shown["full"]) and d.share_ok(et.loc["full", "n"], eligible) and not d.small(missing)
    findings.append(text(
        "k_execution", lang, missing=d.count(missing),
        lower=nb.pct(b.loc["full", "lower"]) if bounds_ok else nb.hidden,
        upper=nb.pct(b.loc["full", "upper"]) if bounds_ok else nb.hidden,
        **{e: nb.share(d.is_shown(exec_shown[e]), et.loc[e, "share"], et.loc[e, "ci_low"], et.loc[e, "ci_high"])
           for e in levels}))
    if "trial_safety" in r and "trial_extension" in r and "trial_costs" in r:
        s = r["trial_safety"].table.set_index("measure").loc["mean_difference"]
        ext = r["trial_extension"].table
        overall = ext[(ext["measure"] == "odds_ratio") & ext["level"].isna()].iloc[0]
        nw = ext[ext["level"] == "non_western=1"].iloc[0]
        c = r["trial_costs"].table.iloc[0]
        n = int(s["n_treated"] + s["n_control"])
        # the verdict follows the interval: a difference is named only when the interval excludes zero
        verdict = ("v_no_difference" if s["ci_low"] <= 0 <= s["ci_high"]
                   else "v_higher" if s["estimate"] > 0 else "v_lower")
        sign = 1 if c["estimate"] >= 0 else -1  # "€ 500 lower" rather than "€ −500 higher"
        lo_c, hi_c = sorted((sign * c["ci_low"], sign * c["ci_high"]))
        findings.append(text("k_trial", lang, n=d.count(n),
                             safety=nb.estimate(s["estimate"], s["ci_low"], s["ci_high"]),
                             safety_verdict=text(verdict, lang),
                             ext=nb.estimate(overall["estimate"], overall["ci_low"], overall["ci_high"]),
                             ext_nw=nb.estimate(nw["estimate"], nw["ci_low"], nw["ci_high"]),
                             costs=f"€ {nb.num(sign * c['estimate'], 0)} ({text('ci', lang)} € {nb.num(lo_c, 0)} – "
                                   f"€ {nb.num(hi_c, 0)})",
                             costs_direction=text("c_higher" if sign > 0 else "c_lower", lang)))
    if "cohort" in r:
        t = r["cohort"].table.set_index("measure")
        crude = t.loc["hazard_ratio"]
        weighted = t.loc["weighted_hazard_ratio"] if "weighted_hazard_ratio" in t.index else t.loc["hazard_ratio"]
        findings.append(text("k_cohort", lang,
                             hr_crude=nb.estimate(crude["estimate"], crude["ci_low"], crude["ci_high"]),
                             hr_weighted=nb.estimate(weighted["estimate"], weighted["ci_low"], weighted["ci_high"])))
    if "meta" in r:
        m = r["meta"].table.iloc[0]
        findings.append(text("k_meta", lang, k=int(m["k"]),
                             pooled=nb.estimate(m["estimate"], m["ci_low"], m["ci_high"]),
                             pi=f"{nb.num(m['pi_low'], 2)} – {nb.num(m['pi_high'], 2)}"))

    def fig(name: str, caption_key: str) -> tuple[str, str | None, str]:
        f = figs.get(name)
        return (name, None if f is None else data_uri(f), label(caption_key, lang))

    figure_list = [fig("funnel", "funnel_title"), fig("funnel_trend", "trend_title"),
                   fig("execution", "execution_title"), fig("agreements", "agreements_title")]
    if "domains" in figs:
        figure_list.append(fig("domains", "domains_title"))
    effect_figs = [fig(n, k) for n, k in (("trial_consort", "consort_title"), ("trial_forest", "forest_title"),
                                          ("cohort_km", "km_title"), ("meta_forest", "meta_title")) if n in figs]
    if a.weights is not None:  # say what the curves are: weighted, with children (not weights) at risk below
        effect_figs = [(n, u, c + KM_WEIGHTED[lang]) if n == "cohort_km" else (n, u, c) for n, u, c in effect_figs]
    sections = [
        Section(text("figures", lang), figures=tuple(figure_list)),
        Section(text("effects", lang), figures=tuple(effect_figs)) if effect_figs else None,
        *study_sections(r, lang, nb, fig),
        Section(text("tables", lang), tables=tuple((text(f"cap_{k}", lang), _table_html(v, lang))
                                                   for k, v in tables.items()
                                                   if k in ("funnel", "execution", "plans", "funnel_by_year"))
                + tuple((text(f"cap_{k}", lang), _table_html(effect_table(r[k].table, lang, nb), lang))
                        for k in ("trial_many", "trial_extension", "trial_costs", "cohort", "meta") if k in r)),
        Section(text("reference", lang), tables=((text("cap_funnel_vs_reference", lang),
                                                  _table_html(tables["funnel_vs_reference"], lang)),)),
        Section(text("methods", lang), paragraphs=(text("m_funnel", lang), text("m_intervals", lang),
                                                   text("m_execution", lang), text("m_wodc", lang),
                                                   text("m_sundell", lang), text("m_disclosure", lang, k=min_cell))),
    ]
    heading, paragraphs, regional_figs, sentences = regional_page(r, lang, d)
    if regional_figs:  # the page for policymakers: each unit against the whole, before the methods
        sections.insert(len(sections) - 1, Section(
            heading, paragraphs,
            figures=tuple((n, None if (f := figs.get(n)) is None else data_uri(f), f"{c}. {sentences[n]}")
                          for n, c in regional_figs),
            tables=tuple((c, _table_html(tables[n], lang)) for n, c in regional_figs)))
    sections.append(Section(GLOSSARY_HEADING[lang], tuple(f"{term}: {meaning}" for term, meaning in GLOSSARY[lang])))
    sections.append(Section(SOURCES_HEADING[lang], sources_list(lang)))
    present: list[Section] = [s for s in sections if s]
    numbered, n_fig, n_tab = [], 0, 0
    for sec in present:
        figs_n, tabs_n = [], []
        for name, uri, caption in sec.figures:
            n_fig += 1
            figs_n.append((name, uri, f"{FIGURE[lang]} {n_fig}. {caption}"))
        for caption, table in sec.tables:
            n_tab += 1
            tabs_n.append((f"{TABLE[lang]} {n_tab}. {caption}", table))
        numbered.append(Section(sec.heading, sec.paragraphs, tuple(figs_n), tuple(tabs_n)))
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    page = env.get_template("report.html").render(
        lang=lang, title=text("title", lang), subtitle=text("subtitle", lang),
        synthetic=reg.synthetic, banner=text("synthetic_banner", lang),
        source=text("source", lang, sources=", ".join(reg.sources + tuple(a.study_sources)) or "—",
                    first=int(years.min()) if len(years) else "–", last=int(years.max()) if len(years) else "–"),
        key_heading=text("key_findings", lang), findings=findings, sections=numbered,
        bottom_heading=BOTTOM_HEADING[lang], bottom=bottom_line(r, lang, nb), contents=CONTENTS[lang],
        ci_note=CI_NOTE[lang], synthetic_mark=SYNTHETIC_MARK[lang] if reg.synthetic else "",
        suppressed=text("suppressed_figure", lang), generated=text("generated", lang, version=version))
    return page, figs, tables


FIGURE = {"en": "Figure", "nl": "Figuur"}
KM_WEIGHTED = {"en": " — curves weighted by the propensity score (inverse probability of treatment), so the groups are "
                     "comparable at baseline; bands are 95% robust intervals; the numbers at risk below are children.",
               "nl": " — curven gewogen met de propensityscore (inverse kans op de behandeling), zodat de groepen bij "
                     "de start vergelijkbaar zijn; banden zijn robuuste 95%-intervallen; de aantallen eronder zijn "
                     "kinderen."}
SYNTHETIC_MARK = {"en": "SYNTHETIC DATA – no real families", "nl": "SYNTHETISCHE GEGEVENS – geen echte gezinnen"}
TABLE = {"en": "Table", "nl": "Tabel"}
CONTENTS = {"en": "Contents", "nl": "Inhoud"}
BOTTOM_HEADING = {"en": "In short: did families with a conference do better?",
                  "nl": "Kort gezegd: ging het gezinnen met een conferentie beter?"}
CI_NOTE = {"en": "95% CI: the 95% confidence interval, the range of values compatible with the data; when it "
                 "includes no difference (0 for a difference, 1 for a ratio), the data do not show a difference.",
           "nl": "95%-BI: het 95%-betrouwbaarheidsinterval, de waarden die met de gegevens verenigbaar zijn; valt "
                 "‘geen verschil’ (0 bij een verschil, 1 bij een verhouding) erbinnen, dan tonen de gegevens geen "
                 "verschil aan."}
GLOSSARY_HEADING = {"en": "Glossary", "nl": "Begrippen"}
GLOSSARY: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("95% CI (confidence interval)", "the values compatible with the data at the 95% level"),
           ("Risk difference", "the share with the outcome with a conference minus the share without"),
           ("Relative risk (risk ratio)", "the share with a conference divided by the share without; "
            "1 = no difference"),
           ("Odds ratio", "like the relative risk but on the odds scale; close to it when the outcome is rare"),
           ("Hazard ratio", "how much sooner (above 1) or later (below 1) an event happens with a conference"),
           ("Cumulative incidence", "the share of children with the event by a given time, when other events "
            "(placement, moving) can end follow-up first"),
           ("Intention to treat (ITT)", "everyone analysed in the group they were allocated to, whether or not a "
            "conference was held: the fair comparison in a randomised trial"),
           ("CACE", "the effect among families who would hold a conference when offered one"),
           ("ICC / design effect", "how alike children of one family are, and how much that reduces the information"),
           ("Random-effects meta-analysis (REML)", "pooling studies while allowing their true effects to differ"),
           ("Prediction interval", "where the effect of a new, comparable study would lie")),
    "nl": (("95%-BI (betrouwbaarheidsinterval)", "de waarden die op 95%-niveau met de gegevens verenigbaar zijn"),
           ("Verschil in risico", "het aandeel met de uitkomst met conferentie min het aandeel zonder"),
           ("Relatief risico", "het aandeel met conferentie gedeeld door het aandeel zonder; 1 = geen verschil"),
           ("Odds ratio", "als het relatief risico, maar op de schaal van de odds; ligt er dicht bij als de uitkomst "
            "zeldzaam is"),
           ("Hazard ratio", "hoeveel eerder (boven 1) of later (onder 1) een gebeurtenis optreedt met conferentie"),
           ("Cumulatieve incidentie", "het aandeel kinderen met de gebeurtenis tot een bepaald moment, als andere "
            "gebeurtenissen (uithuisplaatsing, verhuizing) de follow-up eerder kunnen beëindigen"),
           ("Intention to treat (ITT)", "iedereen geanalyseerd in de groep waarin hij door loting kwam, of er nu een "
            "conferentie werd gehouden of niet: de eerlijke vergelijking in een experiment"),
           ("CACE", "het effect bij gezinnen die een conferentie zouden houden als die werd aangeboden"),
           ("ICC / design-effect", "hoe sterk kinderen uit één gezin op elkaar lijken, en hoeveel informatie dat kost"),
           ("Random-effects meta-analyse (REML)", "studies samenvatten terwijl hun ware effecten mogen verschillen"),
           ("Voorspellingsinterval", "waar het effect van een nieuwe, vergelijkbare studie zou liggen")),
}
SOURCES_HEADING = {"en": "Sources of the reference figures", "nl": "Bronnen van de vergelijkingscijfers"}


def sources_list(lang: Lang) -> tuple[str, ...]:
    """Each published figure with its source, year and kind (study result or organisation's own report)."""
    from ..references import REFERENCES, SOURCE_INFO

    out = []
    for ref in REFERENCES.values():
        info = SOURCE_INFO.get(ref.source, {})
        kind = info.get(f"kind_{lang}", "")
        value = f"{ref.value:g}" if ref.unit != "share" else f"{100 * ref.value:.0f}%"
        out.append(f"{ref.description} ({value}): {ref.source}" + (f" — {kind}" if kind else ""))
    return tuple(out)


def bottom_line(r: dict, lang: Lang, nb: Numbers) -> str:
    """Two or three sentences from the studies' own intervals: better, worse, or not shown."""
    parts = []
    en = lang == "en"
    if "trial_safety" in r:
        s = r["trial_safety"].table.set_index("measure").loc["mean_difference"]
        same = s["ci_low"] <= 0 <= s["ci_high"]
        parts.append(("In the randomised trial, safety after 12 months was " + ("not demonstrably better"
                      if same else "better" if s["estimate"] > 0 else "worse") + " with a conference") if en else
                     ("In het experiment met loting was de veiligheid na 12 maanden " + ("niet aantoonbaar beter"
                      if same else "beter" if s["estimate"] > 0 else "slechter") + " met een conferentie"))
    if "cohort" in r:
        t = r["cohort"].table.set_index("measure")
        hr = t.loc["weighted_hazard_ratio"] if "weighted_hazard_ratio" in t.index else t.loc["hazard_ratio"]
        same = hr["ci_low"] <= 1 <= hr["ci_high"]
        parts.append((("in the cohort, " + ("re-referral did not differ demonstrably between children with and without "
                       "a conference" if same else "children with a conference were re-referred sooner"
                       if hr["estimate"] > 1 else "children with a conference were re-referred later"))
                      + f" (weighted hazard ratio {nb.estimate(hr['estimate'], hr['ci_low'], hr['ci_high'])})")
                     if en else
                     (("in het cohort " + ("verschilde heraanmelding niet aantoonbaar tussen kinderen met en zonder "
                       "conferentie" if same else "werden kinderen met een conferentie eerder opnieuw gemeld"
                       if hr["estimate"] > 1 else "werden kinderen met een conferentie later opnieuw gemeld"))
                      + f" (gewogen hazard ratio {nb.estimate(hr['estimate'], hr['ci_low'], hr['ci_high'])})"))
    if "meta" in r:
        m = r["meta"].table.iloc[0]
        same = m["ci_low"] <= 1 <= m["ci_high"]
        parts.append(("and pooled over studies the effect was " + ("not demonstrable" if same else "favourable"
                      if m["estimate"] < 1 else "unfavourable")) if en else
                     ("en samengevat over studies was het effect " + ("niet aantoonbaar" if same else "gunstig"
                      if m["estimate"] < 1 else "ongunstig")))
    if not parts:
        return ""
    text_ = "; ".join(parts) + "."
    return text_[0].upper() + text_[1:]


def study_sections(r: dict, lang: Lang, nb: Numbers, fig: object) -> list[Section]:
    """The pages on the real designs: clustered trial, three groups, competing ends of follow-up."""
    words = WORDS[lang]
    pages = paragraphs(r, r.get("cohort"), lang, nb)
    out = []
    if "zonmw" in pages:
        table = pd.concat([r["zonmw_safety"].table, r["zonmw_placed"].table], ignore_index=True)
        out.append(Section(pages["zonmw"][0], (pages["zonmw"][1],),
                           tables=((words["cap_zonmw"], _table_html(effect_table(table, lang, nb), lang)),)))
    if "wodc" in pages:
        table = pd.concat([r["wodc_ots_extension"].table, r["wodc_safety_12"].table], ignore_index=True)
        out.append(Section(pages["wodc"][0], (pages["wodc"][1],),
                           tables=((words["cap_wodc"], _table_html(effect_table(table, lang, nb), lang)),)))
    if "competing" in pages:
        out.append(Section(pages["competing"][0], (pages["competing"][1],),
                           figures=(fig("cohort_cif", "cif_title"),),  # type: ignore[operator]
                           tables=((words["cap_cr"], _table_html(incidence_table(r["cohort_competing"], lang, nb),
                                                                  lang)),)))
    return out


def escape(s: str) -> str:
    return html.escape(s)
