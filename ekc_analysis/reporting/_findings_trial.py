"""Page 1 and the bottom line on the trial, worded from the study spec: the primary outcome and which
direction is better, the moderated outcome and its subgroup, the costs — each named by the spec's words, the
report's words for the sample's columns, or the column's label."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import Lang
from ..results import Result
from ._disclosure import Disclosure
from ._numbers import Numbers, level_words
from ._spec import TrialSpec, column_label, phrase
from ._text import text

if TYPE_CHECKING:  # pragma: no cover
    from ._analyses import TrialAnalyses

DIFFERENCES = ("mean_difference", "risk_difference")


def words(spec: TrialSpec, key: str, lang: Lang) -> str:
    """How a sentence names a column: the spec's or the report's words, else its label in lower case."""
    said = phrase(spec, key, lang)
    if said is not None:
        return said
    name = column_label(spec, key, lang)
    return name[:1].lower() + name[1:]


def primary_row(res: Result) -> pd.Series:
    """The primary outcome's crude difference (the one estimate the text, the table and the forest show)."""
    t = res.table
    rows = t[t["measure"].isin(DIFFERENCES) & (t["level"].isna() if "level" in t else True)]
    return rows.iloc[0]


def _estimate(row: pd.Series, nb: Numbers) -> str:
    fmt = nb.pp if row["measure"] == "risk_difference" else None
    return nb.estimate(row["estimate"], row["ci_low"], row["ci_high"], fmt=fmt)


def trial_paragraph(t: TrialAnalyses, lang: Lang, nb: Numbers, d: Disclosure) -> str:
    """The primary outcome, the moderated outcome, costs, and how many offered families held a conference."""
    from ._findings import held_sentence

    if t.primary is None:
        return ""
    s = primary_row(t.primary)
    # the verdict follows the interval: a difference is named only when the interval excludes zero
    verdict = ("v_no_difference" if s["ci_low"] <= 0 <= s["ci_high"]
               else "v_higher" if s["estimate"] > 0 else "v_lower")
    n = s["n_treated"] + s["n_control"]
    if t.spec.cluster is not None:  # children within families: the families are what was randomised
        n = t.primary.clustering["n_clusters"].iloc[0]
    parts = [text("k_trial_primary", lang, n=d.count(int(n)),
                  primary=words(t.spec, str(t.spec.primary), lang), safety=_estimate(s, nb),
                  safety_verdict=text(verdict, lang))]
    if t.moderated is not None:
        parts.append(_moderated(t.moderated, t.spec, lang, nb))
    if t.costs is not None:
        parts.append(_costs(t.costs, t.spec, lang, nb))
    held = held_sentence(t, lang, nb, d)
    return " ".join(parts + ([held] if held else []))


def _moderated(res: Result, spec: TrialSpec, lang: Lang, nb: Numbers) -> str:
    """The effect overall and in the moderator's subgroup (its level 1, else its last level)."""
    t = res.table
    odds = "odds_ratio" in set(t["measure"])
    measure = "odds_ratio" if odds else "mean_difference"
    rows = t[t["measure"] == measure]
    overall = rows[rows["level"].isna()].iloc[0]
    levels = rows[rows["level"].astype(str).str.startswith(f"{spec.moderator}=")]
    one = levels[levels["level"] == f"{spec.moderator}=1"]
    sub = (one if len(one) else levels).iloc[-1]
    level = str(sub["level"])
    said = phrase(spec, level, lang)
    return text("k_trial_moderated_odds" if odds else "k_trial_moderated_difference", lang,
                outcome=words(spec, str(spec.moderated), lang),
                subgroup=said if said is not None else level_words(level, lang),
                ext=nb.estimate(overall["estimate"], overall["ci_low"], overall["ci_high"]),
                ext_nw=nb.estimate(sub["estimate"], sub["ci_low"], sub["ci_high"]))


def _costs(res: Result, spec: TrialSpec, lang: Lang, nb: Numbers) -> str:
    c = res.table.iloc[0]
    sign = 1 if c["estimate"] >= 0 else -1  # "€ 500 lower" rather than "€ −500 higher"
    lo, hi = sorted((sign * c["ci_low"], sign * c["ci_high"]))
    said = phrase(spec, str(spec.costs), lang)
    name = said if said is not None else column_label(spec, str(spec.costs), lang)
    return text("k_trial_costs", lang, costs_words=name[:1].upper() + name[1:],
                costs=nb.estimate(sign * c["estimate"], lo, hi, fmt=nb.euro),
                costs_direction=text("c_higher" if sign > 0 else "c_lower", lang))


def trial_bottom_line(t: TrialAnalyses, primary_result: Result, lang: Lang, nb: Numbers) -> str:
    """Better, worse or not demonstrably better, by the primary outcome's direction (``better``)."""
    spec, s = t.spec, primary_row(primary_result)
    outcome = spec.outcome(spec.primary)
    higher_is_better = outcome is None or outcome.better == "higher"
    same = s["ci_low"] <= 0 <= s["ci_high"]
    verdict = "b_not_better" if same else "b_better" if (s["estimate"] > 0) == higher_is_better else "b_worse"
    primary = words(spec, str(spec.primary), lang)
    difference = phrase(spec, f"{spec.primary}.difference", lang) or text("difference_in", lang, what=primary)
    return text("b_trial", lang, primary=primary, verdict=text(verdict, lang), difference=difference,
                estimate=_estimate(s, nb))
