"""Reports for policymakers: one self-contained HTML file per language, with disclosure control."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ._analyses import (
    Analyses,
    Benchmarks,
    CohortAnalyses,
    RegistryAnalyses,
    TrialAnalyses,
    WodcAnalyses,
    ZonmwAnalyses,
    analyse,
    is_cohort,
)
from ._builder import build_html
from ._pdf import Browser, PrintJob, chromium, start_pdf, to_pdf
from ._spec import ClusterTrialSpec, CohortSpec, Outcome, StudySpec, ThreeGroupSpec, TrialSpec
from ._spec_json import SpecSource, load_with_spec, read_spec, spec_beside

if TYPE_CHECKING:  # pragma: no cover
    from ..intake import Registry

__all__ = ["Analyses", "Benchmarks", "Browser", "ClusterTrialSpec", "CohortAnalyses", "CohortSpec", "Outcome",
           "PrintJob", "RegistryAnalyses", "StudySpec", "ThreeGroupSpec", "TrialAnalyses", "TrialSpec", "WodcAnalyses",
           "ZonmwAnalyses", "analyse", "analyse_files", "build_html", "chromium", "is_cohort", "load_with_spec",
           "read_spec", "report", "spec_beside", "start_pdf", "to_pdf", "write_atomic"]


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is for others to read
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def analyse_files(reg: Registry, study: str | os.PathLike[str] | None = None, studies: SpecSource | None = None,
                  lang: Literal["nl", "en"] = "en", min_followup_months: int | None = None) -> Analyses:
    """The analyses of a report on a loaded registry and one study file: its spec is ``studies``, else a
    ``<name>.study.json`` beside it, else the sample's names (the file is a cohort when it has ``time`` and
    ``event``, a trial otherwise). The spec's design chooses the page: a trial, a cohort, a trial that randomised
    families (ZonMw's design, :class:`ClusterTrialSpec`) or three groups (WODC/UvA's, :class:`ThreeGroupSpec`).
    A spec that is given is checked against the file: every problem in one ValidationError."""
    from ..errors import ArgumentError

    if study is None:
        if studies is not None:
            raise ArgumentError("studies= (--study-spec) describes a study file: give the file as study= (--study)")
        return analyse(reg, min_followup_months=min_followup_months)
    frame, spec = load_with_spec(study, studies, lang)
    design = spec.design if spec is not None else "cohort" if is_cohort(frame) else "trial"
    page = {"trial": "trial", "cohort": "cohort", "cluster_trial": "zonmw", "three_groups": "wodc"}[design]
    a = analyse(reg, min_followup_months=min_followup_months, **{page: frame, f"{page}_spec": spec})  # type: ignore[arg-type]
    a.study_sources = [Path(study).name]
    return a


def report(
    path: str | os.PathLike[str],
    *,
    study: str | os.PathLike[str] | None = None,
    lang: Literal["nl", "en"] = "nl",
    out: str | os.PathLike[str] = "reports",
    min_cell: int = 10,
    pdf: bool | None = None,
    as_of: str | None = None,
    unit: str | None = None,
    studies: SpecSource | None = None,
) -> Path:
    """Write ``report_<lang>.html`` for the registry at ``path`` (and a study file) into ``out``.

    ``study`` is a trial in the layout of ``data/sample/trial.csv`` or a cohort in that of
    ``cohort.csv`` (recognised by its ``time``/``event`` columns). ``studies`` names the study file's own
    columns: a :class:`TrialSpec`, :class:`CohortSpec`, :class:`ClusterTrialSpec` (families randomised, a row per
    child, as ``zonmw.csv``) or :class:`ThreeGroupSpec` (three groups, as ``wodc.csv``), a mapping in the form of a
    ``.study.json`` file, or the path of one; without it a ``<name>.study.json`` beside the study file is read
    when there is one (see
    :mod:`ekc_analysis.reporting._spec_json`). A PDF is printed beside the HTML
    when Chromium is installed (``pdf=None``), always (``True``) or never (``False``). ``as_of`` is the
    extraction date of the export (default today; see :func:`ekc_analysis.load`). ``unit`` names the
    municipality (or region) page 1 speaks about: where it stands against the others (default: the export's
    only municipality, when it holds one).
    """
    from .. import __version__
    from ..i18n import check_lang
    from ..intake import load

    lang = check_lang(lang)
    reg = load(path, as_of=as_of)
    a = analyse_files(reg, study, studies, lang)
    page, _, _ = build_html(a, lang, min_cell, __version__, unit=unit)
    target = Path(out) / f"report_{lang}.html"
    write_atomic(target, page)
    if pdf or (pdf is None and chromium() is not None):
        to_pdf(target)
    return target
