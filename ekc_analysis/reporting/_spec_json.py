"""A study spec written down: ``<name>.study.json`` beside a study file (or ``--study-spec FILE``).

The file is one JSON object: ``"design"`` and the fields of that design's spec in the file's own column names —
``"trial"`` (:class:`~._spec.TrialSpec`), ``"cohort"`` (:class:`~._spec.CohortSpec`), ``"cluster_trial"``
(:class:`~._spec.ClusterTrialSpec`: families randomised, one row per child, as ZonMw's trial) or
``"three_groups"`` (:class:`~._spec.ThreeGroupSpec`: held a conference / offered, not held / care as usual,
as the WODC/UvA study), e.g.::

    {"design": "trial", "group": "arm", "treated": "ekc", "id": "dossier",
     "outcomes": [{"column": "veiligheid_12m", "kind": "continuous", "better": "higher"},
                  {"column": "verlenging_ots", "kind": "binary", "better": "lower"}],
     "primary": "veiligheid_12m", "covariates": ["veiligheid_0"],
     "moderated": "verlenging_ots", "moderator": "niet_westers", "costs": "zorgkosten",
     "baseline": ["leeftijd", "niet_westers", "veiligheid_0"],
     "labels": {"veiligheid_12m": {"en": "Safety at 12 months", "nl": "Veiligheid na 12 maanden"}},
     "words": {"veiligheid_12m": {"en": "safety after 12 months", "nl": "de veiligheid na 12 maanden"}}}

or, for a file shaped like the WODC/UvA study and a cohort followed to an out-of-home placement::

    {"design": "three_groups", "group": "traject", "held": "gehouden", "not_held": "aangeboden",
     "control": "gebruikelijk", "id": "gezin",
     "outcomes": [{"column": "verlenging_ots", "kind": "binary", "better": "lower"}],
     "covariates": ["leeftijd", "eerdere_meldingen"],
     "words": {"verlenging_ots": {"en": "extension of the supervision order",
                                  "nl": "verlenging van de ondertoezichtstelling"}}}

    {"design": "cohort", "time": "jaren", "event": "geplaatst", "end": "afloop", "cause": "placed",
     "words": {"afloop=moved": {"en": "moving", "nl": "verhuizing"},
               "afloop=moved.when": {"en": "the family moves", "nl": "het gezin verhuist"}},
     "event_words": {
        "en": {"name": "out-of-home placement", "time_to": "out-of-home placement", "happened": "placed out of home"},
        "nl": {"name": "uithuisplaatsing", "time_to": "een uithuisplaatsing", "happened": "uit huis geplaatst"}}}

Fields left out keep the sample's default. Every problem of the file (an unknown field, a wrong type, a kind
or direction outside the allowed) is listed at once; the columns are then checked against the study file
(:func:`~._spec.resolve`).
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path

import pandas as pd

from ..i18n import Lang
from ._spec import BETTER, DESIGNS, KINDS, MANY, SINGLE, Outcome, StudySpec, event_problems, resolve, spec_error
from ._text import text

SUFFIX = ".study.json"
SpecSource = StudySpec | Mapping[str, object] | str | os.PathLike[str]


def spec_beside(study: str | os.PathLike[str]) -> Path | None:
    """``trial.study.json`` beside ``trial.csv`` when there is one."""
    path = Path(study)
    beside = path.with_name(path.stem + SUFFIX)
    return beside if beside.is_file() else None


def read_spec(source: SpecSource, lang: Lang = "en") -> StudySpec:
    """A spec from a spec, a mapping (a parsed JSON object) or a ``.study.json`` file; every problem at once."""
    spec, rows, name = parse_spec(source, lang)
    if rows or spec is None:
        raise spec_error(rows, name, lang)
    return spec


def parse_spec(source: SpecSource, lang: Lang = "en") -> tuple[StudySpec | None, list[dict], str]:
    """(the spec from the fields that are right, the problems with the others, the source's name): the fields'
    problems are listed with the columns' (:func:`load_with_spec`); None where there is no spec to build."""
    if isinstance(source, tuple(DESIGNS.values())):
        return source, [], "studies"  # type: ignore[return-value]
    name = "studies"
    if isinstance(source, str | os.PathLike):
        name = Path(source).name
        try:
            source = json.loads(Path(source).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return None, [_row(name, "", "", text("spec_unreadable", lang, reason=str(exc)))], name
    if not isinstance(source, Mapping):
        return None, [_row(name, "", type(source).__name__, text("spec_not_object", lang))], name
    design = source.get("design")
    if not isinstance(design, str) or design not in DESIGNS:
        return None, [_row(name, "design", design, text("spec_design", lang))], name
    cls = DESIGNS[design]  # type: ignore[index]
    known = {f.name for f in fields(cls)}
    values: dict[str, object] = {}
    rows: list[dict] = []
    for key, value in source.items():
        if key == "design":
            continue
        if key not in known:
            near = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
            hint = text("spec_did_you_mean", lang, name=near[0]) if near else ""
            rows.append(_row(name, key, None, text("spec_unknown_field", lang, hint=hint,
                                                   fields=", ".join(sorted(known)))))
            continue
        parsed, problems = _field(key, value, lang)
        rows += [_row(name, where, shown, rule) for where, shown, rule in problems]
        if not problems or key == "outcomes":  # the outcomes that are right are still checked against the file
            values[key] = parsed
    return cls(**values), rows, name  # type: ignore[arg-type]


def _row(source: str, where: str, value: object, rule: str) -> dict:
    return {"file": source, "row": None, "column": where, "value": "" if value is None else str(value), "rule": rule}


Problem = tuple[str, object, str]


def _field(key: str, value: object, lang: Lang) -> tuple[object, list[Problem]]:
    """One field parsed, or the problems with it."""
    if key == "outcomes":
        return _outcomes(value, lang)
    if key in SINGLE or key == "cause":
        ok = value is None and key not in ("group", "id", "time", "event", "cause") or isinstance(value, str)
        return value, [] if ok else [(key, value, text("spec_a_column", lang))]
    if key in MANY:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value) or value is None and key == "baseline"
        columns = tuple(value) if ok and isinstance(value, list) else None
        return columns, [] if ok else [(key, value, text("spec_columns", lang))]
    if key in ("treated", "control", "held", "not_held"):
        ok = value is None or isinstance(value, str | int | bool)
        return value, [] if ok else [(key, value, text("spec_arm", lang))]
    return _other(key, value, lang)


def _other(key: str, value: object, lang: Lang) -> tuple[object, list[Problem]]:
    """The fields that are no columns and no arms: counts, ``tau``, the cohort's event words, labels and words."""
    if key == "event_words":
        problems = event_problems(value, lang)
        if problems or not isinstance(value, Mapping):
            return value, problems
        return {str(k): dict(v) for k, v in value.items()}, []
    if key == "eligible":
        ok = value is None or isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return value, [] if ok else [(key, value, text("spec_count", lang))]
    if key == "excluded":
        ok = isinstance(value, Mapping) and all(isinstance(v, int) and v >= 0 for v in value.values())
        return (dict(value) if ok else value), [] if ok else [(key, value, text("spec_counts", lang))]  # type: ignore[call-overload]
    if key == "tau":
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
        return (float(value) if ok else value), [] if ok else [(key, value, text("spec_positive", lang))]  # type: ignore[arg-type]
    return _words(key, value, lang)


def _words(key: str, value: object, lang: Lang) -> tuple[object, list[Problem]]:
    """``labels`` / ``words``: column -> {"en": text, "nl": text}."""
    if not isinstance(value, Mapping):
        return value, [(key, value, text("spec_words", lang))]
    bad = [(f"{key}.{k}", v, text("spec_words", lang)) for k, v in value.items()
           if not (isinstance(v, Mapping) and set(v) == {"en", "nl"} and all(isinstance(x, str) for x in v.values()))]
    return {str(k): dict(v) for k, v in value.items()}, bad


def _outcomes(value: object, lang: Lang) -> tuple[object, list[Problem]]:
    if not isinstance(value, list) or not value:
        return value, [("outcomes", value, text("spec_outcomes", lang))]
    out, problems = [], []
    for i, item in enumerate(value):
        where = f"outcomes[{i}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("column"), str):
            problems.append((where, item, text("spec_outcome", lang)))
            continue
        extra = sorted(set(item) - {"column", "kind", "better"})
        if extra:
            problems.append((where, ", ".join(extra), text("spec_outcome", lang)))
        if item.get("kind") not in KINDS:
            problems.append((f"{where}.kind", item.get("kind"), text("spec_kind", lang)))
        if item.get("better") not in BETTER:
            problems.append((f"{where}.better", item.get("better"), text("spec_better", lang)))
        out.append(Outcome(item["column"], item.get("kind"), item.get("better")))  # type: ignore[arg-type]
    return tuple(out), problems


# --- a study file with its spec ---------------------------------------------------------------------------

def study_aliases(spec: StudySpec) -> dict[str, str]:
    """The loader's names for a study file's headers (``arm`` → ``group``, ``zorgkosten`` → ``costs``), with
    the spec's own id and group column, which the loader is told."""
    from ..intake import normalise
    from ..intake._schema import STUDY  # the alias table the loader applied (read only)

    out = {normalise(a): c.name for c in STUDY.columns for a in (c.name, *c.aliases)}
    out.update({normalise(spec.id): "id", normalise(spec.group): "group"})
    return out


def load_with_spec(path: str | os.PathLike[str], spec: SpecSource | None = None,
                   lang: Lang = "en") -> tuple[pd.DataFrame, StudySpec | None]:
    """A study file loaded and its spec (``spec``, else a ``.study.json`` beside it, else None) checked against
    it, in the loaded frame's names."""
    from ..intake import load_study

    source = spec if spec is not None else spec_beside(path)
    if source is None:
        return load_study(path), None
    given, rows, name = parse_spec(source, lang)
    if given is None:
        raise spec_error(rows, name, lang)
    frame = load_study(path, id=None if given.id == "id" else given.id,
                       group=None if given.group == "group" else given.group)
    return frame, resolve(given, frame, Path(path).name, lang, study_aliases(given), problems=rows)


__all__ = ["SUFFIX", "load_with_spec", "parse_spec", "read_spec", "spec_beside", "study_aliases"]
