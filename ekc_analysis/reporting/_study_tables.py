"""The studies' Table 1 and flow as the report prints them and as tables/*.csv holds them.

Names (the report's, the CSV files', the formatted copies'): ``trial_flow``, ``trial_table_one``,
``cohort_flow``, ``cohort_table_one`` and ``cohort_table_one_weighted``. Every count is the ledger's
(:mod:`.flow`, :mod:`.baseline`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..i18n import Lang
from ..results import Result
from ._baseline import Marks, TableOneView, table_one_raw
from ._disclosure import Disclosure
from ._flow import flow_key, flow_raw, flow_table
from ._numbers import Numbers
from ._spec import StudySpec, arm_label

if TYPE_CHECKING:  # pragma: no cover
    from ._analyses import Analyses


def _parts(a: Analyses) -> list[tuple[str, StudySpec, Result | None, Result | None, Result | None]]:
    """(study, spec, flow, Table 1, weighted Table 1) of the trial and the cohort there are."""
    out: list[tuple[str, StudySpec, Result | None, Result | None, Result | None]] = []
    if a.trial is not None:
        out.append(("trial", a.trial.spec, a.trial.consort, a.trial.table_one, None))
    if a.cohort is not None:
        out.append(("cohort", a.cohort.spec, a.cohort.flow, a.cohort.table_one, a.cohort.table_one_weighted))
    return out


def _heads(res: Result, study: str, stage: str, spec: StudySpec, lang: Lang, d: Disclosure) -> dict[object, str]:
    return {g: f"{arm_label(spec, g, lang)} (n = {d.cell(flow_key(study, stage, g))})"
            for g in res.settings["groups"]}  # type: ignore[attr-defined]


def study_tables(a: Analyses, lang: Lang, d: Disclosure) -> dict[str, pd.DataFrame]:
    """The display tables (text, marks applied) of each study's flow and Table 1."""
    nb = Numbers(lang, d)
    out: dict[str, pd.DataFrame] = {}
    for study, spec, flow, one, weighted in _parts(a):
        if flow is not None:
            out[f"{study}_flow"] = flow_table(flow, study, lang, d, spec)
        marks = Marks(d, study)
        if one is not None:
            view = TableOneView(one, marks, nb, lang, spec, _heads(one, study, "allocated", spec, lang, d))
            out[f"{study}_table_one"] = view.frame()
        if weighted is not None:
            heads = _heads(weighted, study, "weighted", spec, lang, d)
            out[f"{study}_table_one_weighted"] = TableOneView(weighted, marks, nb, lang, spec, heads).frame()
    return out


def study_raw_tables(a: Analyses, d: Disclosure) -> dict[str, pd.DataFrame]:
    """The same tables as numbers: hidden cells empty, a ``suppressed`` column saying why."""
    out: dict[str, pd.DataFrame] = {}
    for study, _, flow, one, weighted in _parts(a):
        if flow is not None:
            out[f"{study}_flow"] = flow_raw(flow, study, d)
        if one is not None:
            out[f"{study}_table_one"] = table_one_raw(one, Marks(d, study))
        if weighted is not None:
            out[f"{study}_table_one_weighted"] = table_one_raw(weighted, Marks(d, study))
    return out


__all__ = ["study_raw_tables", "study_tables"]
