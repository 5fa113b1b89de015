"""Compare families with and without a conference, in the style of the Dutch WODC trial.

Intention to treat by default (everyone analysed in the arm they were randomised to), with
adjusted models, moderators (e.g. non-western background), per-protocol and complier
(CACE) estimates beside ITT, repeated measures and several outcomes at once. Estimates agree
with R's ``glm``/``lm``/``t.test``/``prop.test`` (see ``tests/reference/trial.R``). With
``cluster=`` (children within families) every estimate is cluster-robust (CR2, t on Satterthwaite df; see
:mod:`ekc_analysis.studies`, checked against clubSandwich in ``tests/reference/sandwich.R`` and
``satterthwaite.R``). Three or more groups: :mod:`ekc_analysis.studies`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning, shown, warn_again
from ..i18n import Message
from ..intake import as_columns
from ..results import Result, standard_errors
from ..stats._firth import firth_note
from ..stats._models import SmallSample, check_small_sample
from . import _clustered as clustered
from . import _contrasts as contrasts
from ._compare_fits import _binary, _complete, _compliance, _continuous, _moderated
from ._contrast_tests import Adjust
from ._groups import Groups, binary_values, check_columns, reference_note, two_groups
from ._imputation_pool import pools_imputations
from ._wording import joined

Kind = Literal["auto", "binary", "continuous"]
COLUMNS = ["outcome", "contrast", "measure", "level", "estimate", "ci_low", "ci_high", "p_value", "n_treated",
           "n_control", "statistic", "df"]


def _kind(y: pd.Series, kind: Kind) -> Literal["binary", "continuous"]:
    if kind != "auto":
        return kind
    values = pd.unique(y.dropna())
    if pd.api.types.is_bool_dtype(y.dtype) or set(values) <= {0, 1}:
        return "binary"
    if not pd.api.types.is_numeric_dtype(y.dtype):
        raise ArgumentError(f"outcome={y.name!r} is neither 0/1 nor numeric (values like "
                            f"{', '.join(map(shown, values[:3]))}); recode it")
    if len(values) == 2:  # e.g. 1 = yes, 2 = no: a mean difference of a code would be nonsense
        a, b = sorted(values)
        raise ArgumentError(f"outcome={y.name!r} has only two values, {shown(a)} and {shown(b)}: if it is a yes/no "
                            f"outcome coded {shown(a)}/{shown(b)}, recode it to 0/1 (1 = the event); if it really is "
                            "a measurement, pass kind='continuous'")
    return "continuous"


@pools_imputations
def compare(df: pd.DataFrame, outcome: str, group: str, treated: object = None, covariates: Sequence[str] = (),
            moderator: str | None = None, *, cluster: str | pd.Series | np.ndarray | None = None,
            reference: object = None, design: contrasts.Design | None = None, self_selected: Sequence[object] = (),
            compliance: str | None = None, kind: Kind = "auto", alpha: float = 0.05,
            small_sample: SmallSample = "satterthwaite", combine: Mapping[str, Sequence[object]] | None = None,
            adjust: Adjust = None) -> Result:
    """Effect of FGC on one outcome, by intention to treat; with three or more groups, each against a reference.

    Parameters
    ----------
    df : DataFrame
        One row per family or child (e.g. ``ekc.load_study("trial.sav")``).
    outcome : str
        A 0/1 outcome (binary) or a numeric one (continuous); ``kind`` overrides the guess.
    group : str
        The randomised arm. ``treated`` names the FGC arm (1/True, or a label such as ``fgc``, by default).
        With three or more groups (e.g. held a conference / offered, not held / care as usual) name the
        comparison group with ``reference``: every other group is compared with it.
    covariates : sequence of str
        Baseline covariates for the adjusted estimates (for a continuous outcome put the baseline
        measurement here: ANCOVA).
    moderator : str, optional
        A baseline characteristic (e.g. ``non_western``): adds the group × moderator interaction and
        the effect within each level.
    cluster : str, Series or array, optional
        Cluster labels, e.g. ``"family_id"`` when children within families were randomised by family:
        a column name, a Series aligned by index or an array in row order. Every estimate is then
        cluster-robust (CR2, t on Satterthwaite df, the CACE too; see :mod:`ekc_analysis.studies`), the
        notes and ``result.clustering`` give the number of
        clusters, the ICC and the design effect, and below 30 clusters a StatisticalWarning is raised.
    reference : optional
        The comparison group (e.g. ``"cau"``); needed with three or more groups, optional with two.
    design : {"randomised", "observational"}, optional
        How the groups came about: by default "randomised" with two groups and "observational" with
        three or more (e.g. held / offered, not held / care as usual, none of them allocated by lot).
        Only a contrast between randomised arms is worded "analysed as randomised"; observational
        contrasts say that groups may differ for other reasons.
    self_selected : sequence
        Groups that families chose themselves into (e.g. ``"held"`` vs ``"not_held"`` within the
        offered arm). Contrasts involving them are described as self-selected, not as effects of FGC,
        and point to CACE (``compliance=``) and propensity weighting.
    compliance : str, optional
        0/1 column: conference actually held. Adds per-protocol and complier average causal
        effects (instrumental variable: arm → conference held) beside ITT.
    small_sample : {"satterthwaite", "naive"}
        With ``cluster``: t on Satterthwaite degrees of freedom per estimate (clubSandwich's
        ``coef_test`` default; right with few or unbalanced clusters) or on G − 1 ("naive"). The
        ``df`` column gives the degrees of freedom used.
    combine : dict, optional
        Three or more groups: pool groups before the contrasts, e.g. ``{"offered": ["held",
        "not_held"]}`` compares everyone offered a conference with the reference (the least biased
        WODC contrast). The pooled group is treated like any other group.
    adjust : {"holm", "bh"}, optional
        Three or more groups: Holm's family-wise or Benjamini–Hochberg's false-discovery-rate
        adjustment across the contrasts' primary measures, in a ``p_adjusted`` column (= R's
        ``p.adjust``).

    Returns
    -------
    Result
        ``outcome, contrast, measure, level, estimate, ci_low, ci_high, p_value, n_treated, n_control,
        statistic, df`` (``contrast``: "fgc vs control"; ``df`` the degrees of freedom of a t interval,
        NaN for normal ones). With three or more groups one row set per contrast and one test row
        ``measure == "omnibus"`` (see :func:`ekc_analysis.studies._compare_many.several`).
        Binary: ``risk_difference`` (Newcombe), ``risk_ratio``, ``odds_ratio`` (logistic, Wald CI) and
        with covariates ``adjusted_odds_ratio`` and ``adjusted_risk_difference`` (g-computation).
        Continuous: ``mean_difference`` (Welch), ``hedges_g`` and with covariates
        ``adjusted_mean_difference`` (ANCOVA with HC2 errors). ``result.arms`` holds the per-arm
        summaries. With ``cluster`` every row comes from a model with CR2 errors instead.

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> trial = ekc.load_study(ekc.sample_path("trial.csv"))
    >>> r = ekc.compare(trial, "ots_extension", "group", covariates=["age", "prior_reports"])
    >>> r.to_frame()["measure"].tolist()
    ['risk_difference', 'risk_ratio', 'odds_ratio', 'adjusted_odds_ratio', 'adjusted_risk_difference']
    """
    covariates = list(covariates)
    df, named = as_columns(df, {"cluster": cluster})
    cluster = named["cluster"]
    levels = contrasts.group_levels(df, group)
    check_small_sample(small_sample)
    if combine or len(levels) > 2:
        from ._compare_many import several

        return several(df, outcome, group, treated, covariates, moderator, cluster=cluster, reference=reference,
                       design=design, self_selected=self_selected, compliance=compliance, kind=kind, alpha=alpha,
                       small_sample=small_sample, combine=combine, adjust=adjust)
    if adjust is not None:
        raise ArgumentError(f"adjust={adjust!r} adjusts p-values across the contrasts of three or more groups; "
                            f"group={group!r} has two (for several outcomes use ekc.compare_many)")
    design = design or "randomised"
    contrasts.check_design(design, self_selected, levels, reference, group)
    return two_group_compare(df, outcome, group, treated, covariates, moderator, cluster=cluster,
                             reference=reference, design=design, self_selected=self_selected,
                             compliance=compliance, kind=kind, alpha=alpha, small_sample=small_sample)


def two_group_compare(df: pd.DataFrame, outcome: str, group: str, treated: object, covariates: list[str],
                      moderator: str | None, *, cluster: str | None, reference: object, design: contrasts.Design,
                      self_selected: Sequence[object], compliance: str | None, kind: Kind, alpha: float,
                      small_sample: SmallSample, fgc: bool = True) -> Result:
    """:func:`compare` for two groups; ``fgc=False`` when the treated group is not the FGC arm (e.g.
    offered but not held against care as usual), so the wording does not call it FGC."""
    g = _checked_groups(df, outcome, group, treated, covariates, moderator, cluster=cluster, reference=reference,
                        compliance=compliance)
    model_columns = [*covariates, *([moderator] if moderator else [])]
    ga, keep = _complete(g, model_columns)
    y_raw = g.data[outcome]
    k = _kind(y_raw, kind)
    contrast = contrasts.Contrast(g.treated, g.control, design, fgc, tuple(self_selected))
    notes = [contrast.wording(g.n_treated, g.n_control)]
    if g.note():
        notes.append(g.note() or "")
    if ga is not g:
        note: str = Message("note_complete_cases", {
            "n_treated": g.n_treated, "n_control": g.n_control, "column": outcome, "m_treated": ga.n_treated,
            "m_control": ga.n_control, "columns": ", ".join(model_columns), "x_treated": ga.excluded["treated"],
            "x_control": ga.excluded["control"]})
        notes.append(note)
        warnings.warn(Message("warn_complete_cases", {"note": note}), StatisticalWarning, stacklevel=2)
    y = binary_values(y_raw, outcome) if k == "binary" else pd.to_numeric(y_raw).to_numpy(dtype=float)
    ya = y[keep]
    cl = clustered.labels(g, cluster) if cluster else None
    cla = clustered.labels(ga, cluster) if cluster else None
    extras: dict[str, pd.DataFrame] = {}
    if cluster and cl is not None:
        _icc, extras["clustering"], note = clustered.summary(y, g, cl, outcome, cluster, small_sample)
        notes.append(note)
    rows, arms, model, firth = _fitted(outcome, y, g, ya, ga, covariates, moderator, k, alpha, cl, cla, small_sample,
                                       group)
    if firth:
        notes.append(firth_note(clustered=cluster is not None))
    if k == "binary":
        notes += _sparse_notes(y, g, ya, ga, covariates, moderator, outcome)
    compliance_note = None
    if compliance:
        compliance_rows, compliance_note = _compliance(outcome, y, g, compliance, k, alpha, cl, small_sample)
        rows += compliance_rows
    notes += _method_notes(g, covariates, moderator, k, alpha, clustered=cl is not None, compliance=compliance_note)
    table = pd.DataFrame(rows, columns=COLUMNS)
    return Result("compare", table, Message("title_compare", {"outcome": outcome, "kind": k}), tuple(notes),
                  {"arms": arms, "model": model, "standard_errors": standard_errors(rows), **extras},
                  {"outcome": outcome, "group": group, "treated": g.treated, "kind": k, "covariates": covariates,
                   "moderator": moderator, "cluster": cluster, "design": design, "alpha": alpha,
                   "percent_columns": ()})


def _checked_groups(df: pd.DataFrame, outcome: str, group: str, treated: object, covariates: list[str],
                    moderator: str | None, *, cluster: str | None, reference: object,
                    compliance: str | None) -> Groups:
    """The two groups (``treated`` taken from ``reference`` when that is given), after the column checks;
    crude estimates use every row with the outcome (and cluster)."""
    levels = contrasts.group_levels(df, group)
    if reference is not None and len(levels) == 2:
        other = next(v for v in levels if not (v == reference or str(v) == str(reference)))
        if treated is not None and not (treated == other or str(treated) == str(other)):
            raise ArgumentError(f"treated={shown(treated)} and reference={shown(reference)} name the same group; "
                                f"the groups are {shown(levels[0])} and {shown(levels[1])}")
        treated = other
    extra = [c for c in (moderator, cluster) if c]
    check_columns(df, [outcome, *covariates, *extra, *([compliance] if compliance else [])])
    return two_groups(df, group, treated, needed=[outcome, *([cluster] if cluster else [])])


def _fitted(outcome: str, y: np.ndarray, g: Groups, ya: np.ndarray, ga: Groups, covariates: list[str],
            moderator: str | None, k: str, alpha: float, cl: np.ndarray | None, cla: np.ndarray | None,
            small_sample: SmallSample, group: str) -> tuple[list[dict[str, object]], pd.DataFrame, pd.DataFrame, bool]:
    """Crude rows on ``y``/``g``, adjusted and moderator rows on the complete cases ``ya``/``ga``:
    (rows, arms, model, whether Firth's regression was used); the fits' warnings re-raised where they arose, the
    group column named as the caller named it."""
    fit_parts = _binary if k == "binary" else _continuous
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows, arms, model = fit_parts(outcome, y, g, [], alpha, cl, small_sample)
        if covariates:
            adjusted, _, model = fit_parts(outcome, ya, ga, covariates, alpha, cla, small_sample)
            rows += [r for r in adjusted if str(r["measure"]).startswith("adjusted_")]
        if moderator:
            rows += _moderated(outcome, ya, ga, moderator, covariates, k, alpha, cla, small_sample)
    for w in caught:
        warn_again(_named(w.message, group), w.category, w.filename, w.lineno)
    firth = any(getattr(getattr(w.message, "text", None), "key", None) == "warn_logistic_separation" for w in caught)
    return rows, arms, model, firth


def _named(message: Warning | str, group: str) -> Warning | str:
    """A separation warning with the model's terms as the caller knows them: the group column by its own name, not
    the design's ``arm`` (``arm:age`` as ``<group>:age``)."""
    text = getattr(message, "text", None)
    terms = text.params.get("terms") if isinstance(text, Message) else None
    if not isinstance(text, Message) or text.key != "warn_logistic_separation" or not isinstance(terms, str):
        return message
    named = ", ".join(group if t == "arm" else group + t[3:] if t.startswith("arm:") else t for t in terms.split(", "))
    return type(message)(Message(text.key, {**text.params, "terms": named}))  # type: ignore[call-arg]


def _method_notes(g: Groups, covariates: list[str], moderator: str | None, k: str, alpha: float, *,
                  clustered: bool, compliance: str | None) -> list[str]:
    """The notes on the models: moderator, compliance, adjustment, reference levels, errors, intervals."""
    notes: list[str] = []
    if moderator:
        notes.append(Message("note_moderator", {"moderator": moderator, "model": "glm" if k == "binary" else "lm",
                                                "terms": "".join(" + " + c for c in covariates)}))
    if compliance:
        notes.append(compliance)
    if covariates:
        notes.append(Message("note_adjusted_for", {"covariates": ", ".join(covariates)}))
    if reference_note(g.data, [*covariates, *([moderator] if moderator else [])]):
        notes.append(reference_note(g.data, [*covariates, *([moderator] if moderator else [])]) or "")
    if not clustered and (covariates or (moderator and k == "continuous")):
        notes.append(Message("note_no_clusters_binary" if k == "binary" else "note_no_clusters_continuous"))
    notes.append(Message("note_compare_intervals", {"level": int((1 - alpha) * 100)}))
    return notes


def _sparse_notes(y: np.ndarray, g: Groups, ya: np.ndarray, ga: Groups, covariates: list[str],
                  moderator: str | None, outcome: str) -> list[str]:
    """Warnings (and notes) for a binary outcome that is too sparse for what is asked of it."""
    out: list[str] = []
    cells = {(arm, ev): int(((g.arm == arm) & (y == ev)).sum()) for arm in (1, 0) for ev in (1, 0)}
    for arm, label in ((1, g.treated), (0, g.control)):
        if cells[(arm, 1)] == 0 or cells[(arm, 0)] == 0:
            key = "sparse_no_events" if cells[(arm, 1)] == 0 else "sparse_only_events"
            name = str(label)
            warnings.warn(Message(f"warn_{key}", {"label": name, "outcome": outcome}), StatisticalWarning,
                          stacklevel=4)
            out.append(Message(f"note_{key}", {"label": name[:1].upper() + name[1:], "outcome": outcome}))
    small = [Message("note_sparse_cell_with" if e else "note_sparse_cell_without", {
        "arm": Message("note_arm_fgc" if a else "note_arm_comparison"), "outcome": outcome, "n": n})
        for (a, e), n in cells.items() if 0 < n < 5]
    if small:
        out.append(_warned("sparse_cells", {"cells": joined(small)}))
    if covariates or moderator:
        events = int(min(ya.sum(), ya.size - ya.sum()))
        from ._groups import design as _design

        p = _design(ga.data, ga.arm, [*covariates, *([moderator] if moderator else [])])[0].shape[1] - 1
        if events < 10 * p:
            out.append(_warned("sparse_events", {"events": events, "p": p}))
    return out


def _warned(key: str, params: dict[str, object]) -> Message:
    """The note ``note_<key>``, also raised as the StatisticalWarning ``warn_<key>`` (the same words in lower case,
    without the full stop)."""
    warnings.warn(Message(f"warn_{key}", params), StatisticalWarning, stacklevel=5)
    return Message(f"note_{key}", params)
