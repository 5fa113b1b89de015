"""What a study file holds, in its own column names: the report's study spec.

A spec names the columns the report reads for one design — :class:`TrialSpec` (a randomised trial, the trial
page), :class:`CohortSpec` (a cohort followed to an event, the cohort and competing-risks pages),
:class:`ClusterTrialSpec` (families randomised with their children as rows, ZonMw's design) and
:class:`ThreeGroupSpec` (held a conference / offered but not held / care as usual, WODC/UvA's design): the
group column and its arms, the outcomes with their kind and which direction is better, the covariates, the
moderator, the cluster, the time and event of a cohort, the baseline characteristics of its Table 1 — and,
optionally, how the report words them in both languages (the cohort's event too: :attr:`CohortSpec.event_words`).
The defaults are the sample's (``data/sample/trial.csv``, ``cohort.csv``, ``zonmw.csv`` and ``wodc.csv``).

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
from typing import ClassVar, Literal, NamedTuple

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
CLUSTER_OUTCOMES = (Outcome("safety_12", "continuous", "higher"), Outcome("placed", "binary", "lower"))
THREE_GROUP_OUTCOMES = (Outcome("ots_extension", "binary", "lower"), Outcome("safety_12", "continuous", "higher"))
EVENT_FORMS: tuple[str, ...] = ("name", "time_to", "happened")


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
    roles: ClassVar[tuple[str, ...]] = ("treated", "control")

    def outcome(self, column: str | None) -> Outcome | None:
        return next((o for o in self.outcomes if o.column == column), None)


@dataclass(frozen=True)
class CohortSpec:
    """A cohort's columns (defaults: ``data/sample/cohort.csv``): time to the event (``time``, ``event`` 0/1)
    by group, propensity ``covariates`` (the weights of the weighted curves and the weighted Table 1), ``end``
    (how follow-up ended; values starting with ``cause`` are the event of interest, the others compete),
    ``tau`` (years of the restricted mean), ``baseline`` (Table 1 rows; default the covariates).

    ``event_words`` is how the sentences and headings name the event, in both languages, each in three forms:
    ``name`` the event itself (``"re-referral"`` / ``"heraanmelding"``: "time without re-referral"),
    ``time_to`` what follows "time to" and "hazard ratio for" (``"re-referral"`` / ``"een nieuwe melding"``) and
    ``happened`` what happened to a child (``"re-referred"`` / ``"opnieuw gemeld"``: "re-referred sooner"), e.g.
    for out-of-home placement ``{"en": {"name": "out-of-home placement", "time_to": "out-of-home placement",
    "happened": "placed out of home"}, "nl": {"name": "uithuisplaatsing", "time_to": "een uithuisplaatsing",
    "happened": "uit huis geplaatst"}}``. Empty (the default): re-referral, the report's own words. The other
    ends of follow-up are named by ``words`` under ``"<end>=<value>"`` (``"end=placed"``: placement) and
    ``"<end>=<value>.when"`` (a child is placed out of home), and in the incidence table by ``labels``.
    """

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
    event_words: Words = field(default_factory=dict)  # {"en": {"name": .., "time_to": .., "happened": ..}, "nl": ..}
    design: ClassVar[str] = "cohort"
    roles: ClassVar[tuple[str, ...]] = ("treated", "control")

    @property
    def table_one(self) -> tuple[str, ...]:
        return self.covariates if self.baseline is None else self.baseline


@dataclass(frozen=True)
class ClusterTrialSpec:
    """A trial that randomised families, one row per child (ZonMw's design; defaults: ``data/sample/zonmw.csv``).

    Each of ``outcomes`` is compared by intention to treat with intervals that are cluster-robust over
    ``cluster`` (the family: CR2 with Satterthwaite df; the ICC and the design effect); ``primary`` (one of them)
    is adjusted for ``covariates`` (its baseline measurement: ANCOVA) and gives the ICC the page cites (without
    it, the first outcome does and none is adjusted). ``treated`` is the arm offered a conference (default:
    recognised by its name, e.g. ``fgc``), ``control`` the other. ``labels`` name the outcomes in the page's
    table, ``words`` in its sentences (``{"en": ..., "nl": ...}`` per column; the covariates too).
    """

    outcomes: tuple[Outcome, ...] = CLUSTER_OUTCOMES
    group: str = "group"
    treated: object = None
    control: object = None
    id: str = "id"
    cluster: str | None = "family_id"  # required: without it a spec that is given fails
    primary: str | None = "safety_12"
    covariates: tuple[str, ...] = ("safety_0",)
    labels: Words = field(default_factory=dict)
    words: Words = field(default_factory=dict)
    design: ClassVar[str] = "cluster_trial"
    roles: ClassVar[tuple[str, ...]] = ("treated", "control")

    def outcome(self, column: str | None) -> Outcome | None:
        return next((o for o in self.outcomes if o.column == column), None)


@dataclass(frozen=True)
class ThreeGroupSpec:
    """Three groups, none formed by lot (WODC/UvA's design; defaults: ``data/sample/wodc.csv``): the values of
    the ``group`` column for the families who ``held`` a conference, who were offered one but did not hold it
    (``not_held``) and who had care as usual (``control``).

    Each of ``outcomes`` is compared, adjusted for ``covariates``, for each group and for everyone offered a
    conference (held and not held together) against care as usual, Holm-adjusted across the contrasts, with an
    omnibus test; holding a conference is worded as the families' own choice, never as an effect. ``primary``
    is the outcome the page's paragraph words (default: the first). ``labels`` name the outcomes in the page's
    table, ``words`` in its sentences.
    """

    outcomes: tuple[Outcome, ...] = THREE_GROUP_OUTCOMES
    group: str = "group"
    held: object = "held"
    not_held: object = "not_held"
    control: object = "cau"
    id: str = "id"
    primary: str | None = "ots_extension"
    covariates: tuple[str, ...] = ("age", "prior_reports", "non_western")
    labels: Words = field(default_factory=dict)
    words: Words = field(default_factory=dict)
    design: ClassVar[str] = "three_groups"
    roles: ClassVar[tuple[str, ...]] = ("held", "not_held", "control")

    def outcome(self, column: str | None) -> Outcome | None:
        return next((o for o in self.outcomes if o.column == column), None)


StudySpec = TrialSpec | CohortSpec | ClusterTrialSpec | ThreeGroupSpec
DESIGNS: dict[str, type[StudySpec]] = {cls.design: cls for cls in (TrialSpec, CohortSpec, ClusterTrialSpec,
                                                                    ThreeGroupSpec)}
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
    rows = _arm_problems(spec, given, frame, source, lang) if spec.group in frame else []
    checks: list[tuple[str, str, str]] = []
    if not isinstance(spec, CohortSpec):
        checks += [(f"outcomes[{i}]", o.column, o.kind) for i, o in enumerate(spec.outcomes)]
    if isinstance(spec, TrialSpec) and spec.costs:
        checks.append(("costs", spec.costs, "continuous"))
    if isinstance(spec, CohortSpec):
        checks += [("time", spec.time, "continuous"), ("event", spec.event, "binary")]
    for where, column, kind in checks:
        if column in frame and kind in KINDS and not _is_kind(frame[column], kind):
            rows.append(_problem(source, where, column, text(f"spec_not_{kind}", lang)))
    return rows


ARM_COUNT_RULES = {2: "spec_two_arms", 3: "spec_three_arms"}


def _arm_problems(spec: StudySpec, given: StudySpec, frame: pd.DataFrame, source: str, lang: Lang) -> list[dict]:
    """Each arm the spec names is a value of the group column, no two name the same one, and the column holds as
    many groups as the design has arms (two; three for :class:`ThreeGroupSpec`)."""
    rows: list[dict] = []
    levels = [str(v) for v in pd.unique(frame[spec.group].dropna())]
    named: dict[str, str] = {}
    for arm in spec.roles:
        value = getattr(spec, arm)
        if value is None:
            continue
        if str(value) not in levels:
            rows.append(_problem(source, arm, value, text("spec_no_arm", lang, group=given.group,
                                                          levels=", ".join(levels))))
        elif str(value) in named:
            rows.append(_problem(source, arm, value, text("spec_same_arm", lang, other=named[str(value)])))
        named.setdefault(str(value), arm)
    if len(levels) != len(spec.roles):
        rows.append(_problem(source, "group", given.group, text(ARM_COUNT_RULES[len(spec.roles)], lang,
                                                                n=len(levels), levels=", ".join(levels[:6]))))
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
    with its outcome, ``nonnormal`` among the baseline; a clustered trial's cluster; a cohort's event words."""
    rows: list[dict] = []
    if not isinstance(spec, CohortSpec):
        rows += _outcome_problems(spec, source, lang)
    if isinstance(spec, TrialSpec) and (spec.moderator is None) != (spec.moderated is None):
        rows.append(_problem(source, "moderator", spec.moderator or spec.moderated, text("spec_moderator", lang)))
    if isinstance(spec, ClusterTrialSpec) and spec.cluster is None:
        rows.append(_problem(source, "cluster", None, text("spec_cluster", lang)))
    if isinstance(spec, ThreeGroupSpec):
        rows += [_problem(source, arm, None, text("spec_arm", lang)) for arm in spec.roles
                 if getattr(spec, arm) is None]
    if isinstance(spec, CohortSpec):
        rows += [_problem(source, where, value, rule) for where, value, rule in event_problems(spec.event_words, lang)]
    if isinstance(spec, TrialSpec | CohortSpec):
        base = spec.baseline if isinstance(spec, TrialSpec) else spec.table_one
        rows += [_problem(source, "nonnormal", c, text("spec_nonnormal", lang)) for c in spec.nonnormal
                 if c not in base]
    return rows


def _outcome_problems(spec: TrialSpec | ClusterTrialSpec | ThreeGroupSpec, source: str, lang: Lang) -> list[dict]:
    """At least one outcome; the primary (and a trial's moderated) outcome among them."""
    listed = [o.column for o in spec.outcomes]
    if not listed:
        return [_problem(source, "outcomes", None, text("spec_outcomes", lang))]
    names = ("primary", "moderated") if isinstance(spec, TrialSpec) else ("primary",)
    return [_problem(source, name, value, text("spec_not_an_outcome", lang, listed=", ".join(listed)))
            for name in names if (value := getattr(spec, name)) is not None and value not in listed]


def event_problems(value: object, lang: Lang) -> list[tuple[str, object, str]]:
    """(field, value, rule) of ``event_words`` that is not empty or ``{"en": forms, "nl": forms}``, the forms
    ``{"name": text, "time_to": text, "happened": text}``."""
    if isinstance(value, Mapping) and not value:
        return []
    rule = text("spec_event_words", lang, forms=", ".join(EVENT_FORMS))
    if not isinstance(value, Mapping) or set(value) != {"en", "nl"}:
        return [("event_words", value if not isinstance(value, Mapping) else ", ".join(map(str, value)), rule)]
    return [(f"event_words.{lang_}", forms, rule) for lang_, forms in value.items()
            if not (isinstance(forms, Mapping) and set(forms) == set(EVENT_FORMS)
                    and all(isinstance(x, str) and x for x in forms.values()))]


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


class EventWords(NamedTuple):
    """A cohort's event in one language, in the three forms a sentence uses (:attr:`CohortSpec.event_words`)."""

    name: str
    time_to: str
    happened: str


def event_words(spec: CohortSpec | None, lang: Lang) -> EventWords:
    """How the cohort's sentences name its event in ``lang``: the spec's ``event_words``, else re-referral (the
    report's own words, ``report_event_<form>``)."""
    given = {} if spec is None else spec.event_words.get(lang, {})
    return EventWords(*(given.get(form) or text(f"event_{form}", lang) for form in EVENT_FORMS))


def phrase(spec: StudySpec | None, key: str, lang: Lang) -> str | None:
    """How a sentence names ``key`` (a column, ``column=level`` or ``column.difference``): the spec's words,
    else the report's words for the sample's columns; None when neither has any."""
    given = (spec.words if spec is not None else {}).get(key, {})
    return given[lang] if lang in given else text_or_none(f"words_{key}", lang)


__all__ = ["CLUSTER_OUTCOMES", "DESIGNS", "EVENT_FORMS", "SAMPLE_OUTCOMES", "THREE_GROUP_OUTCOMES", "ClusterTrialSpec",
           "CohortSpec", "EventWords", "Outcome", "StudySpec", "ThreeGroupSpec", "TrialSpec", "arm_label",
           "column_label", "event_problems", "event_words", "lenient", "named_columns", "phrase", "resolve",
           "spec_error"]
