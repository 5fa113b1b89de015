"""Table 1 in the report: the baseline of the trial by arm and of the cohort by group, unweighted and after
propensity weighting, from :func:`ekc_analysis.table_one`, every count through the ledger.

Keys ``t1/<study>/<variable>/<group>/<cell>``: ``missing`` and ``known`` (the rows with a value) add up to the
arm (the flow's ``allocated``, protected); a categorical variable's ``level/<level>`` counts add up to
``known``, each level's percentage a share of ``known``, the missing percentage a share of the arm. So a small
category is hidden with its complement (the next smallest level), a small number missing with the count of
those with a value (and, since that is a percentage's denominator, the percentages that would give it away).
A mean, SD, median or quartiles rest on ``known`` and are hidden where it is small; an SMD is hidden where any
number of its variable is (from the others it could be solved for). The weighted table shows weighted counts,
never counts: each cell is hidden where the unweighted table hides it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..i18n import Lang, label
from ..results import Result
from ._disclosure import Disclosure
from ._ledger import Ledger
from ._numbers import Numbers
from ._spec import StudySpec, column_label
from ._text import text, text_or_none

ArmKey = Callable[[object], str]


def t1_key(study: str, variable: object, group: object, cell: str) -> str:
    return f"t1/{study}/{variable}/{group}/{cell}"


def register_table_one(led: Ledger, study: str, res: Result, arm_key: ArmKey) -> None:
    """The counts of an unweighted Table 1 and the sums that bind them (see the module docstring)."""
    info = res.extras["groups"]
    for g, n, nc in zip(info["group"], info["n"], info["n_clusters"], strict=True):
        led.count(arm_key(g), n, protected=True)
        if res.settings.get("cluster"):
            led.count(t1_key(study, "clusters", g, "n"), nc)
    for (variable, group), rows in res.table.groupby(["variable", "group"], sort=False):
        arm, missing_n = arm_key(group), float(rows["missing"].iloc[0])
        missing = led.count(t1_key(study, variable, group, "missing"), missing_n)
        known = led.count(t1_key(study, variable, group, "known"), led.counts[arm] - missing_n)
        led.relation(arm, [known, missing])
        led.share(t1_key(study, variable, group, "missing_share"), missing, arm)
        if rows["level"].notna().any():
            levels = [led.count(t1_key(study, variable, group, f"level/{lev}"), n)
                      for lev, n in zip(rows["level"], rows["n"], strict=True)]
            led.relation(known, levels)
            for lev, k in zip(rows["level"], levels, strict=True):
                led.share(t1_key(study, variable, group, f"share/{lev}"), k, known)


class Marks:
    """The ledger's decisions for one study's Table 1, by variable, group and level."""

    def __init__(self, d: Disclosure, study: str) -> None:
        self.d, self.study = d, study

    def count(self, v: object, g: object, level: object) -> str:
        return self.d.mark_of(t1_key(self.study, v, g, f"level/{level}"))

    def share(self, v: object, g: object, level: object) -> str:
        return self.d.mark_of(t1_key(self.study, v, g, f"share/{level}"))

    def known(self, v: object, g: object) -> str:
        return self.d.mark_of(t1_key(self.study, v, g, "known"))

    def missing(self, v: object, g: object) -> str:
        return self.d.mark_of(t1_key(self.study, v, g, "missing"))

    def summary(self, v: object, g: object) -> str:
        """A mean or median rests on the rows with a value: hidden where they are few."""
        key = t1_key(self.study, v, g, "known")
        led = self.d.ledger
        return self.d.mark if led is not None and led.small(key) else ""

    def smd(self, rows: pd.DataFrame) -> str:
        """'x' where any number of the variable is hidden (the SMD could give it away)."""
        v = rows["variable"].iloc[0]
        marks = [self.missing(v, g) for g in rows["group"]]
        if rows["level"].notna().any():
            marks += [self.count(v, r.group, r.level) + self.share(v, r.group, r.level)
                      for r in rows.itertuples(index=False)]
        else:
            marks += [self.summary(v, g) for g in rows["group"]]
        return self.d.secondary if any(marks) else ""


def _digits(values: list[float]) -> int:
    """Decimals from the largest value, as the manuscript table (:mod:`ekc_analysis.results`): 15.1, 0.23;
    none where every value is whole (a median of counts: 1 [0, 2])."""
    finite = [abs(v) for v in values if pd.notna(v) and np.isfinite(v)]
    if finite and all(float(v).is_integer() for v in finite):
        return 0
    top = max(finite) if finite else 0.0
    return 0 if top >= 1000 else 1 if top >= 10 else 2 if top >= 0.1 or top == 0 else 3


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def level_words(spec: StudySpec | None, variable: str, level: str, lang: Lang) -> str:
    """A level as the table names it: the spec's label, the report's, yes/no for 0/1, the package's label."""
    key = f"{variable}={level}"
    given = (spec.labels if spec is not None else {}).get(key, {})
    if lang in given:
        return given[lang]
    own = text_or_none(f"label_{key}", lang)
    if own is not None:
        return own
    return text("t1_yes" if level == "1" else "t1_no", lang) if level in ("0", "1") else label(level, lang)


class TableOneView:
    """One Table 1 as the report prints it (``weighted``: counts weighted, ESS first, SMD before weighting)."""

    def __init__(self, res: Result, marks: Marks, nb: Numbers, lang: Lang, spec: StudySpec | None,
                 heads: dict[object, str]) -> None:
        self.res, self.m, self.nb, self.lang, self.spec = res, marks, nb, lang, spec
        self.groups: list[object] = list(res.settings["groups"])  # type: ignore[call-overload]
        self.nonnormal = set(res.settings["nonnormal"])  # type: ignore[call-overload]
        self.weighted = bool(res.settings.get("weighted"))
        self.heads = heads

    def frame(self) -> pd.DataFrame:
        lang, res = self.lang, self.res
        rows: list[list[str]] = []
        info = res.extras["groups"].set_index("group")
        if self.weighted:
            rows.append([label("t1_ess", lang), *(self.nb.num(info.loc[g, "ess"], 1) for g in self.groups), ""])
        elif res.settings.get("cluster"):  # families, say, beside the children the table describes
            rows.append([_capital(label("t1_clusters", lang)), *(self.m.d.cell(t1_key(self.m.study, "clusters", g, "n"))
                                                       for g in self.groups), ""])
        raw = res.extras["smd"].groupby("variable")["smd_unweighted"].mean() if self.weighted else None
        for variable in pd.unique(res.table["variable"]):
            sub = res.table[res.table["variable"] == variable]
            block = self._variable(sub)
            if raw is not None:
                smd = self.m.smd(sub) or self.nb.num(float(raw[variable]), 3)
                block = [[*r, smd if i == 0 else ""] for i, r in enumerate(block)]
            rows.extend(block)
        smd_heads = ([label("t1_smd_weighted", lang), label("t1_smd_unweighted", lang)] if self.weighted
                     else [label("t1_smd", lang)])
        width = 1 + len(self.groups) + len(smd_heads)
        rows = [r + [""] * (width - len(r)) for r in rows]
        return pd.DataFrame(rows, columns=[label("t1_characteristic", lang),
                                           *(self.heads[g] for g in self.groups), *smd_heads])

    def _variable(self, sub: pd.DataFrame) -> list[list[str]]:
        v = str(sub["variable"].iloc[0])
        name = _capital(column_label(self.spec, v, self.lang))
        smd_value = sub["smd"].iloc[0]
        smd = self.m.smd(sub) or ("" if pd.isna(smd_value) else self.nb.num(float(smd_value), 3))
        per = {g: sub[sub["group"] == g] for g in self.groups}
        if sub["level"].isna().all():
            out = [[f"{name}, {self._stat(v)}", *self._summaries(v, per), smd]]
        else:
            out = [[f"{name}, {label('t1_n_percent', self.lang)}", *([""] * len(self.groups)), smd]]
            for level in pd.unique(sub["level"]):
                out.append(["\u2003" + level_words(self.spec, v, str(level), self.lang),
                            *(self._level(v, g, level, per[g]) for g in self.groups), ""])
        if (sub["missing"] > 0).any():
            out.append([f"\u2003{label('t1_missing', self.lang)}, {label('t1_n_percent', self.lang)}",
                        *(self._missing(v, g, per[g].iloc[0]) for g in self.groups), ""])
        return out

    def _stat(self, v: str) -> str:
        return label("t1_median_iqr" if v in self.nonnormal else "t1_mean_sd", self.lang)

    def _summaries(self, v: str, per: dict[object, pd.DataFrame]) -> list[str]:
        nonnormal = v in self.nonnormal
        cols = ["median", "q1", "q3"] if nonnormal else ["mean"]
        digits = _digits([float(x) for g in self.groups for x in per[g][cols].to_numpy().ravel()])
        def num(x: float) -> str:
            return self.nb.num(x, digits)

        out = []
        for g in self.groups:
            r, mark = per[g].iloc[0], self.m.summary(v, g)
            out.append(mark or ("" if pd.isna(r["mean"]) else
                                f"{num(r['median'])} [{num(r['q1'])}, {num(r['q3'])}]" if nonnormal
                                else f"{num(r['mean'])} ({num(r['sd'])})"))
        return out

    def _level(self, v: str, g: object, level: object, rows: pd.DataFrame) -> str:
        r = rows[rows["level"] == level]
        if r.empty:
            return ""
        count = self.m.count(v, g, level)
        if count:
            return count
        n = float(r["n"].iloc[0])
        shown_n = self.nb.num(n, 1) if self.weighted and not n.is_integer() else self.nb.num(n, 0)
        return f"{shown_n} ({self.m.share(v, g, level) or self.nb.num(float(r['percent'].iloc[0]), 1)})"

    def _missing(self, v: str, g: object, r: pd.Series) -> str:
        mark = self.m.missing(v, g)
        return mark or f"{self.nb.num(float(r['missing']), 0)} ({self.nb.num(float(r['missing_percent']), 1)})"


def table_one_raw(res: Result, marks: Marks) -> pd.DataFrame:
    """Table 1 as numbers for tables/*.csv: hidden cells empty, ``suppressed`` (the count's mark) and
    ``suppressed_missing`` say why; a weighted table also holds each group's effective sample size."""
    t = res.table.copy()
    rows = list(t.itertuples(index=False))
    count = [marks.count(r.variable, r.group, r.level) if pd.notna(r.level) else marks.known(r.variable, r.group)
             for r in rows]
    share = [marks.share(r.variable, r.group, r.level) if pd.notna(r.level) else "" for r in rows]
    summary = [marks.summary(r.variable, r.group) if pd.isna(r.level) else "" for r in rows]
    missing = [marks.missing(r.variable, r.group) for r in rows]
    smd = {v: marks.smd(rows) for v, rows in t.groupby("variable", sort=False)}
    t["n"] = t["n"].astype(float).where([m == "" for m in count])
    t["percent"] = t["percent"].astype(float).where([m == "" for m in share])
    for col in ("mean", "sd", "median", "q1", "q3"):
        t[col] = t[col].astype(float).where([m == "" for m in summary])
    for col in ("missing", "missing_percent"):
        t[col] = t[col].astype(float).where([m == "" for m in missing])
    t["smd"] = t["smd"].astype(float).where([smd[v] == "" for v in t["variable"]])
    if res.settings.get("weighted"):
        t["ess"] = t["group"].map(res.extras["groups"].set_index("group")["ess"])
    t["suppressed"] = count
    t["suppressed_missing"] = missing
    return t


__all__ = ["Marks", "TableOneView", "level_words", "register_table_one", "t1_key", "table_one_raw"]
