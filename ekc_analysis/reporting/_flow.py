"""The CONSORT (trial) and STROBE (cohort) flow in the report: every count through the ledger.

Keys ``flow/<study>/<stage>/<group>`` (and ``…/<reason>`` for the reasons), ``group`` ``all`` for the
stages before the arms. The counts bind as the flow does: assessed = excluded + randomised (or included),
excluded = its reasons, randomised = the arms, an arm = held + no conference (with its reasons), an arm =
lost to follow-up + analysed (lost = its reasons), and the rows with a propensity weight are some of the
arm. The arms (``allocated``) are protected: they head Table 1 too, under the same keys. The figure, the
table, the CSV file and the sentence on page 1 read each count's decision from the ledger.
"""

from __future__ import annotations

import pandas as pd

from ..i18n import Lang, label
from ..results import Result
from ._disclosure import Disclosure
from ._ledger import Ledger
from ._spec import StudySpec, arm_label
from ._text import text

STAGES = ("assessed", "excluded", "randomised", "included", "allocated", "conference_held", "declined",
          "lost_to_follow_up", "analysed", "weighted")
TOTALS = ("assessed", "excluded", "randomised", "included")  # stages of everyone, before the arms
PROTECTED = {"randomised", "included", "allocated"}


def flow_key(study: str, stage: str, group: object, reason: object = None) -> str:
    base = f"flow/{study}/{stage}/{group}"
    return base if reason is None or pd.isna(reason) else f"{base}/{reason}"  # type: ignore[call-overload]


def shown_rows(res: Result) -> pd.DataFrame:
    """The rows the report shows (follow-up equals analysis by intention to treat: shown once, as analysed)."""
    t = res.table
    return t[t["stage"].isin(STAGES)].reset_index(drop=True)


def arms(res: Result) -> list[object]:
    return [res.settings["treated"], res.settings["control"]]


def register_flow(led: Ledger, study: str, res: Result) -> None:
    """Every count of a flow, with the sums that bind them (see the module docstring)."""
    t = shown_rows(res)
    for rec in t.itertuples(index=False):
        led.count(flow_key(study, rec.stage, rec.group, rec.reason), rec.n,
                  protected=rec.stage in PROTECTED and pd.isna(rec.reason))  # type: ignore[call-overload]

    def key(stage: str, group: object) -> str | None:
        k = flow_key(study, stage, group)
        return k if k in led.counts else None

    def parts(parent: str | None, *stages: str, group: object = "all") -> None:
        kids = [k for s in stages if (k := key(s, group)) is not None]
        if parent is not None and kids:
            led.relation(parent, kids)

    def reasons(stage: str, group: object) -> None:
        parent = key(stage, group)
        kids = [flow_key(study, stage, group, r.reason) for r in t.itertuples(index=False)
                if r.stage == stage and r.group == group and not pd.isna(r.reason)]  # type: ignore[call-overload]
        if parent is not None and kids:
            led.relation(parent, kids)

    start = key("randomised", "all") or key("included", "all")
    parts(key("assessed", "all"), "excluded", "randomised", "included")
    reasons("excluded", "all")
    if start is not None:
        led.relation(start, [k for g in arms(res) if (k := key("allocated", g)) is not None])
    for g in arms(res):
        arm = key("allocated", g)
        parts(arm, "conference_held", "declined", group=g)
        parts(arm, "lost_to_follow_up", "analysed", group=g)
        parts(arm, "weighted", group=g)
        for stage in ("declined", "lost_to_follow_up"):
            reasons(stage, g)
    held, offered = key("conference_held", arms(res)[0]), key("allocated", arms(res)[0])
    if held is not None and offered is not None:
        led.share(f"flow/{study}/held_share", held, offered)


def stage_words(stage: str, observational: bool, lang: Lang) -> str:
    if observational and stage in ("allocated", "analysed"):
        return text(f"flow_{stage}_observational", lang)
    return text("flow_weighted", lang) if stage == "weighted" else label(stage, lang)


def flow_table(res: Result, study: str, lang: Lang, d: Disclosure, spec: StudySpec | None = None) -> pd.DataFrame:
    """The flow as a reader scans it: one row per stage (reasons indented below), everyone's count in the
    first column, each arm's in its own; every count as the ledger decided."""
    t = shown_rows(res)
    observational = res.settings.get("design") == "observational"
    groups = arms(res)
    cols = [text("col_flow_stage", lang), text("col_flow_all", lang), *(arm_label(spec, g, lang) for g in groups)]
    rows: list[list[str]] = []
    seen: set[tuple[str, object]] = set()
    for rec in t.itertuples(index=False):
        reason = None if pd.isna(rec.reason) else rec.reason  # type: ignore[call-overload]
        if (rec.stage, reason) in seen:
            continue
        seen.add((rec.stage, reason))
        name = stage_words(rec.stage, observational, lang) if reason is None else "\u2003" + (
            label(str(reason), lang) if reason == "not recorded" else str(reason))
        same = t[(t["stage"] == rec.stage) & (t["reason"].isna() if reason is None else t["reason"] == reason)]
        by_group = {g: d.cell(flow_key(study, rec.stage, g, reason)) for g in same["group"]}
        rows.append([name, by_group.get("all", ""), *(by_group.get(g, "") for g in groups)])
    out = pd.DataFrame(rows, columns=cols)
    return out if (out[cols[1]] != "").any() else out.drop(columns=[cols[1]])


def flow_raw(res: Result, study: str, d: Disclosure) -> pd.DataFrame:
    """The flow as numbers for tables/*.csv: ``n`` empty where hidden, ``suppressed`` says why."""
    t = shown_rows(res).copy()
    marks = [d.mark_of(flow_key(study, r.stage, r.group, r.reason)) for r in t.itertuples(index=False)]
    t["n"] = t["n"].astype("float").where([m == "" for m in marks])
    t["suppressed"] = marks
    return t


def figure_counts(res: Result, study: str, d: Disclosure) -> tuple[Result, list[str]]:
    """A copy of the flow whose ``n`` are row numbers, and the ledger's text of each row: the figure draws
    ``count(n)`` in each box, so it shows exactly the ledger's decision, row by row."""
    t = res.table.reset_index(drop=True)
    counts = {} if d.ledger is None else d.ledger.counts
    texts = [d.cell(k) if (k := flow_key(study, r.stage, r.group, r.reason)) in counts else d.count(r.n)
             for r in t.itertuples(index=False)]
    return Result(res.kind, t.assign(n=range(len(t))), res.title, res.notes, res.extras, res.settings), texts


__all__ = ["figure_counts", "flow_key", "flow_raw", "flow_table", "register_flow"]
