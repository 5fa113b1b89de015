"""Run every analysis a report shows, once; the report only arranges what this returns.

The results are typed fields, grouped by where they come from: the registry (:class:`RegistryAnalyses`, with
its :class:`Benchmarks`), the trial (:class:`TrialAnalyses`), the cohort (:class:`CohortAnalyses`), the
pooled studies, and the pages on the real designs (:class:`ZonmwAnalyses`, :class:`WodcAnalyses`). A field
is ``None`` where the data do not hold what it needs; a misspelt name is an AttributeError (and a mypy error),
never a silent absence. Each study group carries the spec whose columns it read (:mod:`._spec`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field, fields

import pandas as pd

from ..describe import execution, funnel, plans
from ..errors import StatisticalWarning, warn_again
from ..intake import Registry
from ..results import Result
from ..studies import compare, compare_many, consort, costs, meta_analysis, propensity_weights, survival, table_one
from ._ledger import Ledger
from ._spec import ClusterTrialSpec, CohortSpec, StudySpec, ThreeGroupSpec, TrialSpec, lenient, resolve


@dataclass(frozen=True)
class Benchmarks:
    """Each region and municipality against the whole (funnel plots), where the registry has two or more."""

    region_conference: Result | None = None
    region_execution: Result | None = None
    municipality_conference: Result | None = None
    municipality_execution: Result | None = None

    def named(self) -> Iterator[tuple[str, Result]]:
        """(name, result) of each benchmark there is, as figures/ and tables/ name it
        (``benchmark_region_conference``), regions before municipalities."""
        for f in fields(self):
            res = getattr(self, f.name)
            if res is not None:
                yield f"benchmark_{f.name}", res

    def of(self, level: str, metric: str) -> Result | None:
        return getattr(self, f"{level}_{metric}", None)


@dataclass(frozen=True)
class RegistryAnalyses:
    funnel: Result
    funnel_year: Result
    plans: Result
    execution: Result
    execution_year: Result
    benchmarks: Benchmarks = Benchmarks()


@dataclass(frozen=True)
class TrialAnalyses:
    """The trial by intention to treat: the outcomes together (``many``), the primary outcome adjusted, the
    moderated outcome, costs, the CONSORT flow and Table 1 by arm."""

    spec: TrialSpec
    many: Result | None = None
    primary: Result | None = None
    moderated: Result | None = None
    costs: Result | None = None
    consort: Result | None = None
    table_one: Result | None = None


@dataclass(frozen=True)
class CohortAnalyses:
    """The cohort: time to the event (crude, adjusted, weighted), the competing ends of follow-up, Table 1
    unweighted and weighted by the propensity ``weights``, and the STROBE flow."""

    spec: CohortSpec
    survival: Result | None = None
    weights: pd.Series | None = None
    competing: Result | None = None
    competing_adjusted: Result | None = None
    table_one: Result | None = None
    table_one_weighted: Result | None = None
    flow: Result | None = None


@dataclass(frozen=True)
class ZonmwAnalyses:
    """A trial that randomised families, shaped like ZonMw's: each outcome of the spec by intention to treat,
    cluster-robust over the families (``outcomes``, in the spec's order; the primary adjusted for the
    covariates)."""

    spec: ClusterTrialSpec
    outcomes: tuple[Result, ...]

    @property
    def primary(self) -> Result:
        """The primary outcome's result (without one, the first outcome's): its clustering gives the ICC."""
        return _primary(self.spec, self.outcomes)


@dataclass(frozen=True)
class WodcAnalyses:
    """Three groups shaped like WODC/UvA's: each outcome of the spec for each group and everyone offered a
    conference against care as usual (``outcomes``, in the spec's order; the groups named ``held``,
    ``not_held`` and ``cau`` whatever the file calls them)."""

    spec: ThreeGroupSpec
    outcomes: tuple[Result, ...]

    @property
    def primary(self) -> Result:
        """The result the page's paragraph words: the primary outcome's (without one, the first outcome's)."""
        return _primary(self.spec, self.outcomes)


def _primary(spec: ClusterTrialSpec | ThreeGroupSpec, outcomes: tuple[Result, ...]) -> Result:
    columns = [o.column for o in spec.outcomes]
    return outcomes[columns.index(spec.primary)] if spec.primary in columns else outcomes[0]


@dataclass
class Analyses:
    registry: Registry
    described: RegistryAnalyses
    trial: TrialAnalyses | None = None
    cohort: CohortAnalyses | None = None
    meta: Result | None = None
    zonmw: ZonmwAnalyses | None = None
    wodc: WodcAnalyses | None = None
    study_sources: list[str] = field(default_factory=list)
    ledgers: dict[int, Ledger] = field(default_factory=dict, repr=False, compare=False)  # by threshold

    @property
    def weights(self) -> pd.Series | None:
        """The cohort's propensity weights (None without a cohort or covariates)."""
        return None if self.cohort is None else self.cohort.weights


def effect_results(a: Analyses) -> list[tuple[str, Result]]:
    """The effect tables written as CSV too: the trial's outcomes, the cohort's hazard ratios, the pooled
    studies (by their file names)."""
    named = [("trial_many", a.trial.many if a.trial else None),
             ("cohort", a.cohort.survival if a.cohort else None), ("meta", a.meta)]
    return [(k, res) for k, res in named if res is not None]


def is_cohort(df: pd.DataFrame) -> bool:
    return {"time", "event", "group"} <= set(df.columns)


def analyse(reg: Registry, trial: pd.DataFrame | None = None, cohort: pd.DataFrame | None = None,
            meta: pd.DataFrame | None = None, seed: int = 2015, *, zonmw: pd.DataFrame | None = None,
            wodc: pd.DataFrame | None = None, min_followup_months: int | None = None,
            trial_spec: TrialSpec | None = None, cohort_spec: CohortSpec | None = None,
            zonmw_spec: ClusterTrialSpec | None = None, wodc_spec: ThreeGroupSpec | None = None,
            beside: Executor | None = None) -> Analyses:
    """Describe the registry and, when given, compare in a trial and a cohort and pool study effects;
    ``zonmw`` (children within randomised families) and ``wodc`` (three groups) add the pages on the real
    designs. ``min_followup_months`` keeps the funnel to initiatives referred that long before ``as_of``.

    ``trial_spec``, ``cohort_spec``, ``zonmw_spec`` and ``wodc_spec`` name the study files' own columns
    (:class:`TrialSpec`, :class:`CohortSpec`, :class:`ClusterTrialSpec`, :class:`ThreeGroupSpec`), checked
    strictly (every problem in one ValidationError); without them the sample's names are read wherever a file
    holds them (the ZonMw and WODC pages only where a file holds all the columns they need).

    ``beside`` (an executor, e.g. a forked ``ProcessPoolExecutor``) computes the trial-shaped pages (trial,
    ZonMw, WODC) while this process describes the registry and the cohort: the same results, sooner on two
    cores; their warnings are raised here."""
    # the specs first: a spec that does not fit its frame fails before any work
    t_spec = None if trial is None else _spec(trial_spec, trial, TrialSpec(), "trial")
    c_spec = None if cohort is None else _spec(cohort_spec, cohort, CohortSpec(), "cohort")
    z_spec = None if zonmw is None or zonmw_spec is None else resolve(zonmw_spec, zonmw, "zonmw")
    w_spec = None if wodc is None or wodc_spec is None else resolve(wodc_spec, wodc, "wodc")
    trial_pages = (trial, t_spec, seed, zonmw, z_spec, wodc, w_spec)
    elsewhere = None if beside is None else beside.submit(_trial_pages, *trial_pages)
    a = Analyses(reg, describe_registry(reg, min_followup_months))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)  # complete-case notes stay in the results
        if cohort is not None:
            a.cohort = analyse_cohort(cohort, c_spec)  # type: ignore[arg-type]
        if meta is not None:
            a.meta = meta_analysis(meta, "log_rr", "se", study="study", exp=True)
    if elsewhere is None:
        a.trial, a.zonmw, a.wodc = _trial_pages_here(*trial_pages)  # type: ignore[arg-type]
    else:
        a.trial, a.zonmw, a.wodc, caught = elsewhere.result()
        for message, category, filename, lineno in caught:
            warn_again(message, category, filename, lineno)
    return a


def _trial_pages_here(trial: pd.DataFrame | None, t_spec: TrialSpec | None, seed: int, zonmw: pd.DataFrame | None,
                      z_spec: ClusterTrialSpec | None, wodc: pd.DataFrame | None,
                      w_spec: ThreeGroupSpec | None) -> tuple[TrialAnalyses | None, ZonmwAnalyses | None,
                                                              WodcAnalyses | None]:
    """The trial's page (its warnings kept in its notes), the ZonMw and the WODC page."""
    from ._studies import wodc_results, zonmw_results

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)  # complete-case notes stay in the results
        done = None if trial is None else analyse_trial(trial, t_spec, seed)  # type: ignore[arg-type]
    return done, zonmw_results(zonmw, z_spec), wodc_results(wodc, w_spec)


Raised = list[tuple[Warning | str, type[Warning], str, int]]


def _trial_pages(*args: object) -> tuple[TrialAnalyses | None, ZonmwAnalyses | None, WodcAnalyses | None, Raised]:
    """:func:`_trial_pages_here` in another process: its pages, and the warnings they raised (to raise again)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # every warning comes back; this process's filters decide (not "error" there)
        pages = _trial_pages_here(*args)  # type: ignore[arg-type]
    return (*pages, [(w.message, w.category, w.filename, w.lineno) for w in caught])


def _spec(given: StudySpec | None, frame: pd.DataFrame, default: StudySpec, source: str) -> StudySpec:
    return lenient(default, frame) if given is None else resolve(given, frame, source)


def describe_registry(reg: Registry, min_followup_months: int | None = None) -> RegistryAnalyses:
    from ._regional import benchmark_results

    return RegistryAnalyses(
        funnel=funnel(reg, min_followup_months=min_followup_months),
        funnel_year=funnel(reg, by="year", min_followup_months=min_followup_months),
        plans=plans(reg), execution=execution(reg), execution_year=execution(reg, by="year"),
        benchmarks=benchmark_results(reg))


def analyse_trial(df: pd.DataFrame, spec: TrialSpec, seed: int = 2015) -> TrialAnalyses:
    """Every analysis of the trial page, from the spec's columns (warnings stay in the results' notes)."""
    g, tr, cl = spec.group, spec.treated, spec.cluster
    outcomes = [o.column for o in spec.outcomes]
    flow = consort(df, g, treated=tr, compliance=spec.compliance, outcome=spec.primary, eligible=spec.eligible,
                   excluded=dict(spec.excluded), declined_reason=spec.declined_reason, lost_reason=spec.lost_reason)
    arms = [flow.settings["treated"], flow.settings["control"]]
    return TrialAnalyses(
        spec,
        many=compare_many(df, outcomes, g, treated=tr, cluster=cl) if outcomes else None,
        primary=None if spec.primary is None else compare(df, spec.primary, g, treated=tr,
                                                          covariates=list(spec.covariates), cluster=cl),
        moderated=None if spec.moderated is None or spec.moderator is None else compare(
            df, spec.moderated, g, treated=tr, moderator=spec.moderator, cluster=cl),
        costs=None if spec.costs is None else costs(df, spec.costs, g, treated=tr, n_boot=4000, seed=seed,
                                                     progress=False),
        consort=flow,
        table_one=_table_one(df, g, arms, spec.baseline, spec.nonnormal, cl))


def _table_one(df: pd.DataFrame, group: str, arms: list[object], variables: tuple[str, ...],
               nonnormal: tuple[str, ...], cluster: str | None, weights: pd.Series | None = None) -> Result | None:
    """Table 1 with the treated arm first (rows without a weight left out of a weighted table)."""
    if not variables:
        return None
    ordered = df.assign(**{group: pd.Categorical(df[group], categories=arms)})
    if weights is not None:
        keep = weights.reindex(df.index).notna().to_numpy()
        ordered, weights = ordered[keep], weights.reindex(df.index)[keep]
    return table_one(ordered, group, list(variables), weights=weights,
                     nonnormal=[v for v in nonnormal if v in variables], cluster=cluster)


def analyse_cohort(df: pd.DataFrame, spec: CohortSpec) -> CohortAnalyses:
    """The cohort page: survival crude, adjusted and weighted; competing ends; Table 1; the STROBE flow."""
    from ._studies import competing_results

    cov = list(spec.covariates)
    weights = propensity_weights(df, spec.group, cov, treated=spec.treated) if cov else None
    # rows whose propensity weight is missing (a missing covariate) leave the weighted estimates only;
    # the result counts them (settings["weights_dropped"]) and its notes say so
    surv = survival(df, spec.time, spec.event, spec.group, treated=spec.treated, covariates=cov, weights=weights,
                    tau=spec.tau, missing_weights="drop")
    arms = [surv.settings["treated"], surv.settings["control"]]
    competing, adjusted = competing_results(df, spec, weights, arms[0])
    return CohortAnalyses(
        spec, survival=surv, weights=weights, competing=competing, competing_adjusted=adjusted,
        table_one=_table_one(df, spec.group, arms, spec.table_one, spec.nonnormal, spec.cluster),
        table_one_weighted=None if weights is None else _table_one(df, spec.group, arms, spec.table_one,
                                                                   spec.nonnormal, spec.cluster, weights),
        flow=_cohort_flow(df, spec, weights, arms))


def _cohort_flow(df: pd.DataFrame, spec: CohortSpec, weights: pd.Series | None, arms: list[object]) -> Result:
    """STROBE: included, per group, lost (no follow-up time), analysed and, with weights, with a weight."""
    flow = consort(df, spec.group, treated=arms[0], outcome=spec.time, design="observational")
    if weights is None:
        return flow
    has = weights.reindex(df.index).notna() & df[spec.time].notna()
    rows = pd.DataFrame([{"stage": "weighted", "group": arm, "n": int((has & (df[spec.group] == arm)).sum())}
                         for arm in arms])
    table = pd.concat([flow.table, rows], ignore_index=True).reindex(columns=flow.table.columns)
    return Result(flow.kind, table, flow.title, flow.notes, flow.extras, flow.settings)
