"""The report's pages for the studies as they were really built, from any file's columns (its study spec).

* a cluster trial shaped like ZonMw (families randomised 229 : 99, children within them;
  :class:`~._spec.ClusterTrialSpec`): the intention-to-treat comparison with cluster-robust intervals, the ICC
  and the design effect;
* a three-group study shaped like WODC/UvA (held a conference / offered, not held / care as usual;
  :class:`~._spec.ThreeGroupSpec`): each group against care as usual, with the wording that holding a conference
  was self-selected;
* the cohort's follow-up as it really ends: its event (re-referral in the sample, as the cohort's spec names
  it) against the competing ends (placement, moving), by Aalen–Johansen, beside the restricted mean time
  without the event.

The numbers come from the results computed in :mod:`.analyses`; this module only words them.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar, cast

import numpy as np
import pandas as pd

from .._catalogue import MESSAGES, REPORT_PREFIX
from ..errors import StatisticalWarning
from ..i18n import Lang, label
from ..results import Result
from ..studies import compare, competing_risks
from ._numbers import Numbers
from ._spec import (
    ClusterTrialSpec,
    CohortSpec,
    StudySpec,
    ThreeGroupSpec,
    arm_label,
    column_label,
    event_words,
    lenient,
)
from ._text import text, text_or_none

if TYPE_CHECKING:  # pragma: no cover
    from ._analyses import Analyses, CohortAnalyses, WodcAnalyses, ZonmwAnalyses

ROLES = {"held": "held", "not_held": "not_held", "control": "cau"}  # a ThreeGroupSpec's arm -> the page's value
SELF_SELECTED = ["held", "not_held"]
OFFERED = {"offered": ["held", "not_held"]}


def covariate_words(column: str, lang: Lang, otherwise: str) -> str:
    """How the studies' sentences name a covariate (``report_covariate_<column>`` in the catalogue), else
    ``otherwise``."""
    return text_or_none(f"covariate_{column}", lang) or otherwise


def covariate_phrase(spec: StudySpec | None, column: str, lang: Lang) -> str:
    """A covariate in a sentence: the spec's ``words``, else the catalogue's, else its label."""
    given = {} if spec is None else spec.words.get(column, {})
    return given[lang] if lang in given else covariate_words(column, lang, column_label(spec, column, lang))


def outcome_phrase(spec: StudySpec, column: str, lang: Lang) -> str:
    """An outcome opening a sentence of these pages: the spec's ``words``, else the catalogue's
    (``report_outcome_<column>``: "Safety after 12 months"), else its label; capitalised."""
    given = spec.words.get(column, {})
    name = given[lang] if lang in given else text_or_none(f"outcome_{column}", lang) or column_label(spec, column, lang)
    return name[:1].upper() + name[1:]


def outcome_short(spec: StudySpec, column: str, lang: Lang) -> str:
    """An outcome named briefly ("ICC of safety"): the spec's ``words``, else the catalogue's
    (``report_short_<column>``), else its label (a capital that starts a word made small)."""
    given = spec.words.get(column, {})
    if lang in given:
        return given[lang]
    name = text_or_none(f"short_{column}", lang) or column_label(spec, column, lang)
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


Page = TypeVar("Page", ClusterTrialSpec, ThreeGroupSpec)


def sample_spec(default: Page, frame: pd.DataFrame) -> Page | None:
    """The sample's spec on a file read without one (:func:`~._spec.lenient`); None when the file lacks a column
    the page needs (an outcome; a clustered trial's cluster), which leaves the page out."""
    spec = cast(Page, lenient(default, frame))
    complete = len(spec.outcomes) == len(default.outcomes)
    return spec if complete and (not isinstance(spec, ClusterTrialSpec) or spec.cluster is not None) else None


def zonmw_results(zonmw: pd.DataFrame | None, spec: ClusterTrialSpec | None = None) -> ZonmwAnalyses | None:
    """Each outcome of ``spec`` (default: the sample's names, safety and placement) by intention to treat, clustered
    by family, the primary adjusted for the covariates (small-cell warnings stay in the results' notes); None
    without a file, or, without a spec, when the file lacks the cluster or an outcome."""
    from ._analyses import ZonmwAnalyses

    spec = spec if spec is not None or zonmw is None else sample_spec(ClusterTrialSpec(), zonmw)
    if zonmw is None or spec is None:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        results = tuple(compare(zonmw, o.column, spec.group, treated=spec.treated, kind=o.kind,
                                covariates=list(spec.covariates) if o.column == spec.primary else [],
                                cluster=spec.cluster) for o in spec.outcomes)
    return ZonmwAnalyses(spec, results)


def wodc_results(wodc: pd.DataFrame | None, spec: ThreeGroupSpec | None = None) -> WodcAnalyses | None:
    """Each outcome of ``spec`` (default: the sample's names, extension and safety), each group and everyone
    offered against care as usual, adjusted for the covariates (Holm across the contrasts); None without a file,
    or, without a spec, when the file lacks an outcome."""
    from ._analyses import WodcAnalyses

    spec = spec if spec is not None or wodc is None else sample_spec(ThreeGroupSpec(), wodc)
    if wodc is None or spec is None:
        return None
    frame = in_roles(wodc, spec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        results = tuple(compare(frame, o.column, spec.group, reference=ROLES["control"], kind=o.kind,
                                covariates=list(spec.covariates), self_selected=SELF_SELECTED, combine=OFFERED,
                                adjust="holm") for o in spec.outcomes)
    return WodcAnalyses(spec, results)


def in_roles(frame: pd.DataFrame, spec: ThreeGroupSpec) -> pd.DataFrame:
    """``frame`` with its group column in the page's values (``held``, ``not_held``, ``cau``), whatever the file
    calls the three groups; other values (a file read without a spec) stay as they are."""
    column = frame[spec.group]
    wanted = {str(getattr(spec, arm)): value for arm, value in ROLES.items()}
    recode = {v: wanted[str(v)] for v in pd.unique(column.dropna()) if wanted.get(str(v), v) != v}
    if not recode:
        return frame
    return frame.assign(**{spec.group: column.map(lambda v: recode.get(v, v)).astype(column.dtype)})


def competing_results(cohort: pd.DataFrame, spec: CohortSpec, weights: pd.Series | None,
                      treated: object) -> tuple[Result | None, Result | None]:
    """How follow-up ends (``spec.end``; values starting with ``spec.cause`` are the event): Aalen–Johansen and
    Fine–Gray, and, with the covariates and propensity ``weights``, adjusted Fine–Gray and weighted curves (rows
    without a weight left out of the weighted estimates and counted in the result), clustered where the spec
    names a cluster."""
    if spec.end is None:
        return None, None
    ends = cohort[spec.end].astype(str)
    frame = cohort.assign(end3=ends.where(~ends.str.startswith(spec.cause), spec.cause))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        crude = competing_risks(frame, spec.time, "end3", spec.group, treated=treated, cause=spec.cause,
                                times=(1, 2, 3))
        adjusted = None
        if spec.covariates and weights is not None:
            adjusted = competing_risks(frame, spec.time, "end3", spec.group, treated=treated,
                                       covariates=list(spec.covariates), weights=weights, cause=spec.cause,
                                       times=(1, 2, 3), missing_weights="drop", cluster=spec.cluster)
    return crude, adjusted


def _row(result: Result, measure: str, contrast: str | None = None, level: object = None) -> pd.Series:
    t = result.table
    keep = t["measure"] == measure
    if "level" in t:
        keep &= t["level"].isna() if level is None else t["level"] == level
    if contrast is not None:
        keep &= t["contrast"] == contrast
    return t[keep].iloc[0]


def paragraphs(a: Analyses, lang: Lang, nb: Numbers) -> dict[str, tuple[str, str]]:
    """(heading, text) per page that has its results (the competing ends: where follow-up has any)."""
    out: dict[str, tuple[str, str]] = {}
    if a.zonmw is not None:
        out["zonmw"] = _zonmw(a.zonmw, lang, nb)
    if a.wodc is not None:
        out["wodc"] = _wodc(a.wodc, lang, nb)
    if a.cohort is not None and a.cohort.competing is not None and competing_ends(a.cohort.spec, a.cohort.competing):
        out["competing"] = _competing(a.cohort, a.cohort.competing, lang, nb)
    return out


def effect_row(res: Result, kind: str) -> tuple[pd.Series, bool]:
    """The row of ``res`` a sentence gives for an outcome of ``kind`` (the risk or mean difference, adjusted where
    the result has it), and whether it is the adjusted one."""
    base = "risk_difference" if kind == "binary" else "mean_difference"
    adjusted = f"adjusted_{base}" in set(res.table["measure"])
    return _row(res, f"adjusted_{base}" if adjusted else base), adjusted


def _zonmw(z: ZonmwAnalyses, lang: Lang, nb: Numbers) -> tuple[str, str]:
    spec, est, count = z.spec, nb.estimate, nb.d.count
    first = spec.outcome(spec.primary) or spec.outcomes[0]
    s = effect_row(z.primary, first.kind)[0]
    c = z.primary.clustering.iloc[0]
    n = int(s["n_treated"] + s["n_control"])
    said = [text("zonmw_text", lang, families=count(int(c["n_clusters"])), fgc=count(int(c["n_clusters_treated"])),
                 cau=count(int(c["n_clusters_control"])), children=count(n),
                 icc_of=outcome_short(spec, first.column, lang), icc=nb.num(c["icc"], 2),
                 effective=count(int(round(n / c["design_effect"]))), deff=nb.num(c["design_effect"], 2))]
    covariates = ", ".join(covariate_phrase(spec, v, lang) for v in spec.covariates)
    for o, res in zip(spec.outcomes, z.outcomes, strict=True):
        row, adjusted = effect_row(res, o.kind)
        said.append(text("zonmw_outcome", lang, outcome=outcome_phrase(spec, o.column, lang),
                         adjusted=text("zonmw_adjusted", lang, covariates=covariates) if adjusted else "",
                         measure=text(f"zonmw_measure_{o.kind}", lang),
                         estimate=est(row["estimate"], row["ci_low"], row["ci_high"],
                                      fmt=nb.pp if o.kind == "binary" else None)))
    return text("zonmw_heading", lang), " ".join(said)


def _wodc(w: WodcAnalyses, lang: Lang, nb: Numbers) -> tuple[str, str]:
    spec, res, est, count = w.spec, w.primary, nb.estimate, nb.d.count
    first = spec.outcome(spec.primary) or spec.outcomes[0]
    arms = res.arms.set_index("group")["n"]
    base = "risk_difference" if first.kind == "binary" else "mean_difference"
    measure = f"adjusted_{base}" if res.settings["covariates"] else base
    rows = {c: _row(res, measure, f"{c} vs cau") for c in ("offered", "held", "not_held")}
    omni = _row(res, "omnibus", "all groups")
    fmt = nb.pp if first.kind == "binary" else None
    words = {c: est(x["estimate"], x["ci_low"], x["ci_high"], fmt=fmt) for c, x in rows.items()}
    covariates = ", ".join(covariate_phrase(spec, str(c), lang)
                           for c in list(res.settings["covariates"])) or "–"  # type: ignore[call-overload]
    return (text("wodc_heading", lang), text(
        "wodc_text", lang, held=count(int(arms["held"])), not_held=count(int(arms["not_held"])),
        cau=count(int(arms["cau"])), offered=count(int(arms["held"] + arms["not_held"])), covariates=covariates,
        outcome=outcome_phrase(spec, first.column, lang), ext_offered=words["offered"], ext_held=words["held"],
        ext_not=words["not_held"],
        holm=", ".join(nb.num(rows[c]["p_adjusted"], 3) for c in ("offered", "held", "not_held")),
        p_omni=nb.num(omni["p_value"], 3)))


# --- the cohort's competing ends ---------------------------------------------------------------------------

END_PREFIX = REPORT_PREFIX + "end_"


def competing_ends(spec: CohortSpec, cr: Result) -> list[str]:
    """The ends of follow-up that compete with the event, as the sentences list them: those the spec's ``words``
    name (``"<end>=<value>"``), in its order, then those the report has words for (placement, moving), then the
    others as they sort."""
    others = [str(v) for v in cr.settings["causes"] if str(v) != str(spec.cause)]  # type: ignore[attr-defined]
    own = [k.partition("=")[2] for k in spec.words if k.startswith(f"{spec.end}=") and not k.endswith(".when")]
    known = [k[len(END_PREFIX):] for k in MESSAGES["en"] if k.startswith(END_PREFIX) and not k.endswith("_when")]
    order = {v: i for i, v in enumerate(dict.fromkeys([*own, *known]))}
    return sorted(others, key=lambda v: (order.get(v, len(order)), v))


def end_words(spec: CohortSpec, value: str, lang: Lang, when: bool = False) -> str | None:
    """An end of follow-up in a sentence: as a noun ("placement"), or with ``when`` as what happened ("a child is
    placed out of home"): the spec's ``words`` (``"<end>=<value>"``, ``"<end>=<value>.when"``), else the
    catalogue's (``report_end_<value>``, ``report_end_<value>_when``); the noun else its label, in small letters;
    what happened else None."""
    given = spec.words.get(f"{spec.end}={value}" + (".when" if when else ""), {})
    if lang in given:
        return given[lang]
    own = text_or_none(f"end_{value}" + ("_when" if when else ""), lang)
    if own is not None or when:
        return own
    name = label(value, lang)
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def listed(items: Sequence[str], lang: Lang, last: str = "and") -> str:
    """'a, b and c' ('a, b of c' with ``last="or"``) in ``lang``."""
    word = text(last, lang)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _competing(c: CohortAnalyses, cr: Result, lang: Lang, nb: Numbers) -> tuple[str, str]:
    cause, est, event = c.spec.cause, nb.estimate, event_words(c.spec, lang)
    inc = cr.incidence
    at3 = inc[(inc["time"] == 3) & (inc["cause"] == cause)].set_index("group")
    shr = _row(cr, "subdistribution_hazard_ratio", level=cause)
    rmst = "–"
    if c.survival is not None and "rmst_difference" in set(c.survival.table["measure"]):
        d = _row(c.survival, "rmst_difference")
        rmst = est(d["estimate"], d["ci_low"], d["ci_high"])
    treated, control = cr.settings["treated"], cr.settings["control"]
    ends = competing_ends(c.spec, cr)
    names = [end_words(c.spec, v, lang) or v for v in ends]
    when = [end_words(c.spec, v, lang, when=True) for v in ends]
    why = (text("cr_ends_when", lang, ends=listed([w for w in when if w], lang, "or")) if all(when) else
           text("cr_ends_other", lang, ends=listed(names, lang)))
    return (text("cr_heading", lang, event=event, ends=listed(names, lang)), why + " " + text(
        "cr_text", lang, event=event, naive_fgc=nb.pct(at3.loc[treated, "one_minus_km"]),
        aj_fgc=nb.pct(at3.loc[treated, "cif"]), aj_cau=nb.pct(at3.loc[control, "cif"]),
        shr=est(shr["estimate"], shr["ci_low"], shr["ci_high"]), rmst=rmst)
        + _adjusted_words(c.competing_adjusted, c.spec, lang, nb))


def _adjusted_words(ar: Result | None, spec: CohortSpec, lang: Lang, nb: Numbers) -> str:
    """The adjusted sentence of the competing-risks page: adjusted Fine–Gray and the weighted CIF difference."""
    if ar is None:
        return ""
    est, cause = nb.estimate, spec.cause
    ashr = _row(ar, "adjusted_subdistribution_hazard_ratio", level=cause)
    t = ar.table
    d = t[(t["measure"] == "cif_difference") & (t["level"] == cause) & (t["time"] == 3)].iloc[0]
    inc = ar.incidence
    at3 = inc[(inc["time"] == 3) & (inc["cause"] == cause)].set_index("group")
    covariates = ", ".join(covariate_phrase(spec, str(c), lang)
                           for c in ar.settings["covariates"])  # type: ignore[attr-defined]
    return " " + text(
        "cr_adjusted", lang, covariates=covariates, event=event_words(spec, lang),
        ashr=est(ashr["estimate"], ashr["ci_low"], ashr["ci_high"]),
        w_fgc=nb.pct(at3.loc[ar.settings["treated"], "cif"]), w_cau=nb.pct(at3.loc[ar.settings["control"], "cif"]),
        wdiff=est(100 * d["estimate"], 100 * d["ci_low"], 100 * d["ci_high"], 1))


def incidence_table(cr: Result, lang: Lang, nb: Numbers, spec: CohortSpec | None = None) -> pd.DataFrame:
    """Cumulative incidence per group, cause and year, as a reader sees it: the event named as the spec names it,
    the other ends by its ``labels`` (``"<end>=<value>"``)."""
    spec = spec or CohortSpec()
    event = event_words(spec, lang).name
    causes = {str(v): _cause_label(spec, str(v), event, lang) for v in cr.incidence["cause"].unique()}
    rows = []
    for rec in cr.incidence.itertuples(index=False):
        rows.append({label("group", lang) if lang == "en" else "Groep": arm_label(spec, rec.group, lang),
                     ("Cause" if lang == "en" else "Oorzaak"): causes[str(rec.cause)],
                     ("Year" if lang == "en" else "Jaar"): int(rec.time) if float(rec.time).is_integer() else rec.time,
                     ("Cumulative incidence" if lang == "en" else "Cumulatieve incidentie"): nb.pct(rec.cif),
                     text("ci", lang): nb.interval(rec.ci_low, rec.ci_high, nb.pct)
                     if np.isfinite(rec.ci_low) else ""})
    return pd.DataFrame(rows)


def _cause_label(spec: CohortSpec, value: str, event: str, lang: Lang) -> str:
    given = spec.labels.get(f"{spec.end}={value}", {})
    name = given[lang] if lang in given else event if value == str(spec.cause) else label(value, lang)
    return name[:1].upper() + name[1:]


def cause_names(spec: CohortSpec, cr: Result, lang: Lang) -> dict[str, str]:
    """How a figure's legend names the ends of follow-up the spec words: by their ``labels``
    (``"<end>=<value>"``), else the event by its ``event_words`` and the others by their ``words``, capitalised;
    ends the spec does not word keep the package's labels."""
    own = {str(spec.cause): spec.event_words[lang]["name"]} if "name" in spec.event_words.get(lang, {}) else {}
    for value in cr.settings["causes"]:  # type: ignore[attr-defined]
        given = spec.words.get(f"{spec.end}={value}", {})
        if lang in given:
            own[str(value)] = given[lang]
    named = {k: v[:1].upper() + v[1:] for k, v in own.items()}
    for value in cr.settings["causes"]:  # type: ignore[attr-defined]
        labelled = spec.labels.get(f"{spec.end}={value}", {})
        if lang in labelled:
            named[str(value)] = labelled[lang]
    return named
