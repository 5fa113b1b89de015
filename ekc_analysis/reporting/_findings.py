"""Page 1: one paragraph per question a policymaker asks (where do referrals end, what do plans hold,
are they carried out, do families do better), from the same results the tables and figures show.

A number rests on the disclosure decision of its table; a quantity whose denominator is zero because
the export does not hold what it needs is said to be *not in the data*, naming what is missing, and
is never shown as a suppressed number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ..describe import EXECUTION, FUNNEL, REFERENCES
from ..i18n import Lang
from ..intake import Registry
from ..results import Result
from ._disclosure import Disclosure
from ._findings_trial import trial_bottom_line, trial_paragraph
from ._flow import flow_key
from ._numbers import Numbers
from ._spec import event_words
from ._text import text

if TYPE_CHECKING:  # pragma: no cover
    from ._analyses import Analyses, TrialAnalyses

# what each quantity of the registry rests on (canonical columns)
NEEDS: dict[str, tuple[str, ...]] = {
    "plan_rate": ("plan",),
    "agreements": ("n_agreements",),
    "professional": ("n_professional",),
    "execution": ("execution", "followup_date", "conference_date"),
}


def unrecorded(reg: Registry, columns: Sequence[str]) -> list[str]:
    """The columns the export does not hold, or holds empty (for ``plan``: empty for every conference)."""
    c = reg.cases
    out = []
    for col in columns:
        if col not in c:
            out.append(col)
            continue
        values = c.loc[c["status"].eq("conference").to_numpy(dtype=bool), col] if col == "plan" else c[col]
        if values.isna().all():
            out.append(col)
    return out


def _words(columns: Sequence[str], lang: Lang) -> str:
    """'the execution of the plan, the follow-up date and the conference date': columns in words."""
    names = [text(f"col_words_{c}", lang) for c in columns]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {text('and', lang)} {names[-1]}"


def absent_sentence(reg: Registry, quantity: str | Sequence[str], lang: Lang) -> str:
    """'How far plans were carried out is not in these data: the export has no filled-in column for …'."""
    quantities = [quantity] if isinstance(quantity, str) else list(quantity)
    needed = [c for q in quantities for c in NEEDS[q]]
    what = text(f"absent_{quantities[0]}" if len(quantities) == 1 else "absent_plans", lang)
    return text("absent", lang, what=what, columns=_words(unrecorded(reg, needed) or needed, lang))


def absent_figure(reg: Registry, quantity: str, lang: Lang) -> str:
    """Why a figure is missing: the columns it needs are not in the data."""
    needed = list(NEEDS[quantity])
    return text("figure_absent", lang, columns=_words(unrecorded(reg, needed) or needed, lang))


def is_absent(result: Result, row: str, key: str = "metric") -> bool:
    """True when a quantity has no denominator at all: nothing in the data to estimate it from."""
    t = result.table.set_index(key)
    return bool(t.loc[row, "n"] == 0) if "n" in t else False


def versus(lo: float, hi: float, reference: float, lang: Lang, key: str = "vs_that", explain: bool = False) -> str:
    """The comparison with the national figure in words, from the interval: in line, above or below."""
    in_line = "vs_in_line_explained" if explain else "vs_in_line"
    verdict = in_line if lo <= reference <= hi else "vs_above" if lo > reference else "vs_below"
    return " " + text(key, lang, verdict=text(verdict, lang))


def key_findings(a: Analyses, lang: Lang, nb: Numbers, d: Disclosure) -> list[str]:
    """The paragraphs of page 1, in the order of the questions."""
    r, reg = a.described, a.registry
    out = [_funnel(r.funnel, lang, nb, d), _plans(r.plans, reg, lang, nb, d),
           _execution(r.execution, reg, lang, nb, d)]
    out += _effects(a, lang, nb, d)
    return [p for p in out if p]


def _funnel(res: Result, lang: Lang, nb: Numbers, d: Disclosure) -> str:
    ft = res.table.set_index("stage")
    stages = {"conf": "conference", "pwc": "plan_without_conference", "stopped": "stopped"}
    shown = {key: not d.key_hidden(f"funnel/share/{s}") for key, s in stages.items()}  # the report's ledger
    out = text("k_funnel", lang, closed=d.cell("funnel/closed"), ongoing=d.cell("funnel/ongoing"),
               **{key: nb.share(shown[key], ft.loc[s, "share"], ft.loc[s, "ci_low"], ft.loc[s, "ci_high"])
                  for key, s in stages.items()})
    if shown["conf"]:
        out += versus(ft.loc["conference", "ci_low"], ft.loc["conference", "ci_high"], FUNNEL["conference"], lang,
                      "vs_conference", explain=True)
    return out


def _plans(res: Result, reg: Registry, lang: Lang, nb: Numbers, d: Disclosure) -> str:
    pt = res.table.set_index("metric")
    if (pt["n"] == 0).all():  # nothing about plans in the export: one sentence, not three
        return absent_sentence(reg, ("plan_rate", "agreements", "professional"), lang)
    parts = []
    hidden = {m: d.key_hidden(f"plans/{m}") for m in pt.index}  # the report's ledger, as in the plans table
    pr = pt.loc["plan_rate"]
    pr_shown = not hidden["plan_rate"]
    parts.append(absent_sentence(reg, "plan_rate", lang) if pr["n"] == 0 else text(
        "k_plan_rate", lang, plan_rate=nb.share(pr_shown, pr["estimate"], pr["ci_low"], pr["ci_high"]))
        + (versus(pr["ci_low"], pr["ci_high"], REFERENCES["plan_rate"].value, lang) if pr_shown else ""))
    ap = pt.loc["agreements_per_plan"]
    if ap["n"] == 0:
        parts.append(absent_sentence(reg, "agreements", lang))
    elif hidden["agreements_per_plan"]:
        parts.append(text("k_agreements_few", lang, k=d.min_cell))
    else:
        parts.append(text("k_agreements", lang, agreements=nb.estimate(ap["estimate"], ap["ci_low"], ap["ci_high"], 1))
                     + versus(ap["ci_low"], ap["ci_high"], REFERENCES["agreements_per_plan"].value, lang))
    ps = pt.loc["professional_share"]
    ps_shown = not hidden["professional_share"]
    parts.append(absent_sentence(reg, "professional", lang) if ps["n"] == 0 else text(
        "k_professional", lang, professional=nb.share(ps_shown, ps["estimate"], ps["ci_low"], ps["ci_high"]))
        + (versus(ps["ci_low"], ps["ci_high"], REFERENCES["professional_share"].value, lang) if ps_shown else ""))
    first = parts[0]
    return " ".join([first[0].upper() + first[1:], *parts[1:]])


def _execution(res: Result, reg: Registry, lang: Lang, nb: Numbers, d: Disclosure) -> str:
    et = res.table.set_index("execution")
    b = res.extras["bounds"].set_index("execution")
    eligible = int(b["plans"].iloc[0])
    if int(et["n"].sum()) == 0:  # not one usable follow-up: the data do not hold it
        gone = unrecorded(reg, NEEDS["execution"])
        return absent_sentence(reg, "execution", lang) if gone or not eligible else text("k_execution_none", lang)
    levels = ("full", "partial", "none")
    shown = {e: not d.key_hidden(f"execution/share/{e}") for e in levels}
    out = text("k_execution", lang, **{e: nb.share(shown[e], et.loc[e, "share"], et.loc[e, "ci_low"],
                                                   et.loc[e, "ci_high"]) for e in levels})
    if shown["full"]:
        out += versus(et.loc["full", "ci_low"], et.loc["full", "ci_high"], EXECUTION["full"], lang, "vs_full")
    bounds_ok = shown["full"] and not any(d.key_hidden(f"execution/{k}") for k in ("bound_lower", "bound_upper"))
    if bounds_ok:
        out += " " + text("k_execution_bounds", lang, missing=d.cell("execution/missing"),
                          lower=nb.pct(b.loc["full", "lower"]),
                          upper=nb.pct(b.loc["full", "upper"]))
    return out


def _effects(a: Analyses, lang: Lang, nb: Numbers, d: Disclosure) -> list[str]:
    out = []
    if a.trial is not None:
        out.append(trial_paragraph(a.trial, lang, nb, d))
    if a.cohort is not None and a.cohort.survival is not None:
        t = a.cohort.survival.table.set_index("measure")
        crude = t.loc["hazard_ratio"]
        weighted = primary_hazard_ratio(a.cohort.survival)
        out.append(text("k_cohort", lang, hr_crude=nb.estimate(crude["estimate"], crude["ci_low"], crude["ci_high"]),
                        hr_weighted=nb.estimate(weighted["estimate"], weighted["ci_low"], weighted["ci_high"]),
                        event=event_words(a.cohort.spec, lang)))
    if a.meta is not None:
        m = a.meta.table.iloc[0]
        out.append(text("k_meta", lang, k=int(m["k"]), pooled=nb.estimate(m["estimate"], m["ci_low"], m["ci_high"]),
                        pi=f"{nb.num(m['pi_low'], 2)} {text('and', lang)} {nb.num(m['pi_high'], 2)}"))
    return out


def held_sentence(t: TrialAnalyses | None, lang: Lang, nb: Numbers, d: Disclosure) -> str:
    """How many families offered a conference in the trial held one (the compliance beside the ITT result):
    both counts and the share as the report's ledger decided (the flow's counts, :mod:`.flow`)."""
    if t is None or t.consort is None:
        return ""
    treated = t.consort.settings["treated"]
    held, offered = flow_key("trial", "conference_held", treated), flow_key("trial", "allocated", treated)
    led = d.ledger
    if led is None or held not in led.counts or offered not in led.counts:
        return ""
    share = (text("hidden", lang) if d.key_hidden("flow/trial/held_share") or led.counts[offered] == 0
             else nb.pct(led.counts[held] / led.counts[offered]))
    return text("k_held", lang, held=d.cell(held), offered=d.cell(offered), share=share)


def primary_hazard_ratio(cohort: Result) -> pd.Series:
    """The cohort's primary estimate: the propensity-weighted hazard ratio where there is one."""
    t = cohort.table.set_index("measure")
    return t.loc["weighted_hazard_ratio"] if "weighted_hazard_ratio" in t.index else t.loc["hazard_ratio"]


def bottom_line(a: Analyses, lang: Lang, nb: Numbers) -> str:
    """Two or three sentences from the studies' own intervals: better, worse, or not shown; for a registry
    alone, that it cannot answer the question and what the studies found."""
    parts = []
    en = lang == "en"
    if a.trial is not None and a.trial.primary is not None:
        parts.append(trial_bottom_line(a.trial, a.trial.primary, lang, nb))
    if a.cohort is not None and a.cohort.survival is not None:
        hr = primary_hazard_ratio(a.cohort.survival)
        verdict = "same" if hr["ci_low"] <= 1 <= hr["ci_high"] else "sooner" if hr["estimate"] > 1 else "later"
        parts.append(text(f"b_cohort_{verdict}", lang, event=event_words(a.cohort.spec, lang),
                          hr=nb.estimate(hr["estimate"], hr["ci_low"], hr["ci_high"])))
    if a.meta is not None:
        m = a.meta.table.iloc[0]
        same = m["ci_low"] <= 1 <= m["ci_high"]
        pooled = nb.estimate(m["estimate"], m["ci_low"], m["ci_high"])
        parts.append(("and pooled over the (synthetic) studies the risk of an adverse outcome was "
                      + ("not demonstrably different" if same else "lower" if m["estimate"] < 1 else "higher")
                      + f" after a conference (relative risk {pooled})") if en else
                     ("en samengevat over de (synthetische) studies was het risico op een ongunstige uitkomst "
                      + ("niet aantoonbaar anders" if same else "lager" if m["estimate"] < 1 else "hoger")
                      + f" na een conferentie (relatief risico {pooled})"))
    if not parts:
        return text("k_effect_none", lang)
    text_ = "; ".join(parts) + "."
    return text_[0].upper() + text_[1:]
