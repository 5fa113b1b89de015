"""What a study file holds, in its own column names: the report's study spec.

A :class:`TrialSpec` or :class:`CohortSpec` names the columns the report reads — the group column and its
arms, the outcomes with their kind and which direction is better, the covariates, the moderator, the
cluster, the time and event of a cohort, the baseline characteristics of its Table 1 — and, optionally, how
the report words them in both languages. The defaults are the sample's (``data/sample/trial.csv`` and
``cohort.csv``).

Without a spec the report reads the sample's names and leaves out what a file does not hold (leniently, as it
always has); a spec that is given is checked strictly against the file: every column it names must be there
(or be the name the loader gave it, e.g. ``arm`` → ``group``), and every problem is listed in one
:class:`~ekc_analysis.errors.ValidationError`. A ``<name>.study.json`` beside a study file is read as its spec
(:mod:`._spec_json`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import ClassVar, Literal

import numpy as np
import pandas as pd

from ..errors import ValidationError, problems_frame
from ..i18n import Lang, label
from ._text import text, text_or_none

Kind = Literal["binary", "continuous"]
Better = Literal["higher", "lower"]
Words = Mapping[str, Mapping[str, str]]  # column (or "column=level", "column.difference") -> {"en": .., "nl": ..}
KINDS: tuple[str, ...] = ("binary", "continuous")
BETTER: tuple[str, ...] = ("higher", "lower")


@dataclass(frozen=True)
class Outcome:
    """An outcome column, whether it is ``binary`` (0/1) or ``continuous``, and whether ``higher`` or ``lower``
    values are better for the family (safety: higher; an extended supervision order: lower)."""

    column: str
    kind: Kind
    better: Better


SAMPLE_OUTCOMES = (Outcome("safety_12", "continuous", "higher"), Outcome("professional_care_12", "binary", "lower"),
                   Outcome("ots_extension", "binary", "lower"))


@dataclass(frozen=True)
class TrialSpec:
    """A randomised trial's columns (defaults: ``data/sample/trial.csv``).

    ``outcomes`` are compared by intention to treat (one forest, Holm and BH across them); ``primary`` (one of
    them) is the headline, adjusted for ``covariates``; ``moderated`` is analysed by ``moderator``; ``costs`` is
    a cost column (Welch and BCa); ``compliance`` is 1 where the conference was held; ``baseline`` are the rows of
    Table 1 (``nonnormal`` ones as median [Q1, Q3]); ``eligible``, ``excluded`` and the reason columns feed the
    CONSORT flow. ``labels`` name columns in tables, ``words`` in sentences, each ``{"en": ..., "nl": ...}``.
    """

    outcomes: tuple[Outcome, ...] = SAMPLE_OUTCOMES
    group: str = "group"
    treated: object = None
    control: object = None
    id: str = "id"
    primary: str | None = "safety_12"
    covariates: tuple[str, ...] = ("safety_0",)
    moderated: str | None = "ots_extension"
    moderator: str | None = "non_western"
    costs: str | None = "costs"
    compliance: str | None = "conference_held"
    cluster: str | None = None
    baseline: tuple[str, ...] = ("age", "non_western", "single_parent", "prior_reports", "safety_0",
                                 "professional_care_0")
    nonnormal: tuple[str, ...] = ("prior_reports",)
    declined_reason: str | None = None
    lost_reason: str | None = None
    eligible: int | None = None
    excluded: Mapping[str, int] = field(default_factory=dict)
    labels: Words = field(default_factory=dict)
    words: Words = field(default_factory=dict)
    design: ClassVar[str] = "trial"

    def outcome(self, column: str | None) -> Outcome | None:
        return next((o for o in self.outcomes if o.column == column), None)


@dataclass(frozen=True)
class CohortSpec:
    """A cohort's columns (defaults: ``data/sample/cohort.csv``): time to the event (``time``, ``event`` 0/1)
    by group, propensity ``covariates`` (the weights of the weighted curves and the weighted Table 1), ``end``
    (how follow-up ended; values starting with ``cause`` are the event of interest, the others compete),
    ``tau`` (years of the restricted mean), ``baseline`` (Table 1 rows; default the covariates)."""

    group: str = "group"
    treated: object = None
    control: object = None
    id: str = "id"
    time: str = "time"
    event: str = "event"
    covariates: tuple[str, ...] = ("age", "girl", "prior_referrals", "reason", "immigrant")
    end: str | None = "end"
    cause: str = "rereferral"
    cluster: str | None = "family_id"
    tau: float = 3.0
    baseline: tuple[str, ...] | None = None
    nonnormal: tuple[str, ...] = ("prior_referrals",)
    labels: Words = field(default_factory=dict)
    words: Words = field(default_factory=dict)
    design: ClassVar[str] = "cohort"

    @property
    def table_one(self) -> tuple[str, ...]:
        return self.covariates if self.baseline is None else self.baseline


StudySpec = TrialSpec | CohortSpec
SINGLE = {"group", "id", "primary", "moderated", "moderator", "costs", "compliance", "cluster", "declined_reason",
          "lost_reason", "time", "event", "end"}
MANY = {"covariates", "baseline", "nonnormal"}


def named_columns(spec: StudySpec) -> Iterator[tuple[str, str]]:
    """(field, column) for every column the spec names (``outcomes[1]``, ``baseline[0]``, ``group``)."""
    for f in fields(spec):
        value = getattr(spec, f.name)
        if f.name == "outcomes":
            yield from ((f"outcomes[{i}]", o.column) for i, o in enumerate(value))
        elif f.name in SINGLE and value is not None:
            yield f.name, value
        elif f.name in MANY and value is not None:
            yield from ((f"{f.name}[{i}]", c) for i, c in enumerate(value))


def _renamed(spec: StudySpec, rename: Mapping[str, str | None]) -> StudySpec:
    """The spec with each column replaced by ``rename[column]`` (None: left out, leniently)."""
    def one(c: str | None) -> str | None:
        return c if c is None else rename.get(c, c)

    def many(cs: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return None if cs is None else tuple(x for c in cs if (x := one(c)) is not None)

    changes: dict[str, object] = {}
    for f in fields(spec):
        value = getattr(spec, f.name)
        if f.name == "outcomes":
            changes[f.name] = tuple(replace(o, column=x) for o in value if (x := one(o.column)) is not None)
        elif f.name in SINGLE:
            changes[f.name] = one(value)
        elif f.name in MANY:
            changes[f.name] = many(value)
        elif f.name in ("labels", "words"):
            changes[f.name] = {_rekey(k, rename): v for k, v in value.items()}
    for name in ("time", "event"):  # a cohort always has them (is_cohort, or the strict check)
        if changes.get(name, "") is None:
            del changes[name]
    return replace(spec, **changes)  # type: ignore[arg-type]


def _rekey(key: str, rename: Mapping[str, str | None]) -> str:
    for sep in ("=", "."):
        column, mark, rest = key.partition(sep)
        new = rename.get(column) if mark else None
        if new is not None:
            return f"{new}{sep}{rest}"
    return rename.get(key) or key


def lenient(spec: StudySpec, frame: pd.DataFrame) -> StudySpec:
    """The spec without the columns ``frame`` does not hold (the report's default on any file)."""
    return _renamed(spec, {c: (c if c in frame else None) for _, c in named_columns(spec)})


# --- the strict check of a spec that was given ------------------------------------------------------------

def resolve(spec: StudySpec, frame: pd.DataFrame, source: str, lang: Lang = "en",
            aliases: Mapping[str, str] | None = None, problems: list[dict] | None = None) -> StudySpec:
    """The spec in ``frame``'s own names (a column the loader renamed, ``arm`` → ``group``, found by its
    ``aliases``), after checking every column and value it relies on; all problems (and the spec file's own,
    ``problems``) in one ValidationError."""
    found = _found(spec, frame, aliases or {})
    rows: list[dict] = list(problems or [])
    for where, column in named_columns(spec):
        if found.get(column) is None:
            near = difflib.get_close_matches(column, [str(c) for c in frame.columns], n=1, cutoff=0.6)
            hint = text("spec_did_you_mean", lang, name=near[0]) if near else ""
            rows.append(_problem(source, where, column, text("spec_no_column", lang, hint=hint)))
    resolved = _renamed(spec, {c: found.get(c) or c for _, c in named_columns(spec)})
    rows += _value_problems(resolved, spec, frame, source, lang)
    rows += _relation_problems(spec, source, lang)
    if rows:
        raise spec_error(rows, next((r["file"] for r in rows if r["file"] != source), source), lang)
    return resolved


def _found(spec: StudySpec, frame: pd.DataFrame, aliases: Mapping[str, str]) -> dict[str, str | None]:
    from ..intake import normalise

    out: dict[str, str | None] = {}
    for _, column in named_columns(spec):
        canonical = aliases.get(normalise(column))
        out[column] = column if column in frame else canonical if canonical in frame else None
    return out


def _problem(source: str, where: str, value: object, rule: str) -> dict:
    return {"file": source, "row": None, "column": where, "value": "" if value is None else str(value), "rule": rule}


def spec_error(rows: list[dict], source: str, lang: Lang) -> ValidationError:
    """Every problem of a spec in one error, its message in ``lang``: the field, what is wrong, the value."""
    lines = [text("spec_invalid", lang, source=source, n=len(rows))]
    lines += [f"  - {r['column'] or source}: {r['rule']}" + (f" ({r['value']!r})" if r["value"] else "") for r in rows]
    return ValidationError(problems_frame(rows), text("spec_what", lang, source=source), lang=lang,
                           message="\n".join(lines))


def _value_problems(spec: StudySpec, given: StudySpec, frame: pd.DataFrame, source: str, lang: Lang) -> list[dict]:
    """Arms in the group column, 0/1 where binary, numbers where continuous, time and event of a cohort."""
    rows: list[dict] = []
    if spec.group in frame:
        levels = [str(v) for v in pd.unique(frame[spec.group].dropna())]
        for arm in ("treated", "control"):
            value = getattr(spec, arm)
            if value is not None and str(value) not in levels:
                rows.append(_problem(source, arm, value, text("spec_no_arm", lang, group=given.group,
                                                                   levels=", ".join(levels))))
        if len(levels) != 2:
            rows.append(_problem(source, "group", given.group, text("spec_two_arms", lang, n=len(levels),
                                                                    levels=", ".join(levels[:6]))))
    checks: list[tuple[str, str, str]] = []
    if isinstance(spec, TrialSpec):
        checks += [(f"outcomes[{i}]", o.column, o.kind) for i, o in enumerate(spec.outcomes)]
        checks += [("costs", spec.costs, "continuous")] if spec.costs else []
    else:
        checks += [("time", spec.time, "continuous"), ("event", spec.event, "binary")]
    for where, column, kind in checks:
        if column in frame and kind in KINDS and not _is_kind(frame[column], kind):
            rows.append(_problem(source, where, column, text(f"spec_not_{kind}", lang)))
    return rows


def _is_kind(values: pd.Series, kind: str) -> bool:
    v = values.dropna()
    if pd.api.types.is_bool_dtype(v):
        return True
    numeric = pd.to_numeric(v, errors="coerce")
    if numeric.isna().any():
        return False
    return kind == "continuous" or bool(np.isin(numeric.to_numpy(dtype=float), (0.0, 1.0)).all())


def _relation_problems(spec: StudySpec, source: str, lang: Lang) -> list[dict]:
    """Names that must point at one another: the primary and moderated outcome among the outcomes, a moderator
    with its outcome, ``nonnormal`` among the baseline."""
    rows: list[dict] = []
    if isinstance(spec, TrialSpec):
        listed = [o.column for o in spec.outcomes]
        for name in ("primary", "moderated"):
            value = getattr(spec, name)
            if value is not None and value not in listed:
                rows.append(_problem(source, name, value, text("spec_not_an_outcome", lang, listed=", ".join(listed))))
        if (spec.moderator is None) != (spec.moderated is None):
            rows.append(_problem(source, "moderator", spec.moderator or spec.moderated, text("spec_moderator", lang)))
        base = spec.baseline
    else:
        base = spec.table_one
    for c in spec.nonnormal:
        if c not in base:
            rows.append(_problem(source, "nonnormal", c, text("spec_nonnormal", lang)))
    return rows


# --- words ------------------------------------------------------------------------------------------------

def column_label(spec: StudySpec | None, column: str, lang: Lang) -> str:
    """A column (or ``column=level``) as a table names it: the spec's label, the report's, or the package's."""
    given = (spec.labels if spec is not None else {}).get(column, {})
    if lang in given:
        return given[lang]
    own = text_or_none(f"label_{column}", lang)
    return own if own is not None else label(column, lang)


def arm_label(spec: StudySpec | None, group: object, lang: Lang) -> str:
    """An arm as a table heads it: the spec's label for ``<group column>=<value>``, else the package's."""
    given = {} if spec is None else spec.labels.get(f"{spec.group}={group}", {})
    name = given[lang] if lang in given else label(str(group), lang)
    return name[:1].upper() + name[1:]


def phrase(spec: StudySpec | None, key: str, lang: Lang) -> str | None:
    """How a sentence names ``key`` (a column, ``column=level`` or ``column.difference``): the spec's words,
    else the report's words for the sample's columns; None when neither has any."""
    given = (spec.words if spec is not None else {}).get(key, {})
    return given[lang] if lang in given else text_or_none(f"words_{key}", lang)


__all__ = ["SAMPLE_OUTCOMES", "CohortSpec", "Outcome", "StudySpec", "TrialSpec", "arm_label", "column_label", "lenient",
           "named_columns", "phrase", "resolve", "spec_error"]
