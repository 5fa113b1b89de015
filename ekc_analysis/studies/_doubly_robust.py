"""Doubly robust effects of FGC in an observational comparison: augmented inverse-probability weighting.

``doubly_robust`` combines an outcome model and a propensity model so that the estimate is consistent when
either of the two is right (see :mod:`ekc_analysis.stats` for the formulas). The arithmetic is checked
against ``riskRegression::ate(estimator = "AIPTW")`` and a stacked M-estimator written out in R
(``tests/reference/doubly_robust.R``, MASS::birthwt).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError, StatisticalWarning
from ..i18n import Message
from ..results import Result, standard_errors
from ..stats import _aipw as engine
from ..stats._effects import wald
from ._groups import Groups, check_columns, design, reference_note, two_groups
from ._imputation_pool import pools_imputations

SMALL_SAMPLE = ("auto", "jackknife", "satterthwaite", "naive")
DISAGREEMENT = 1.0  # the note fires when g-formula and weighting differ by more than this many AIPW SEs


def _is_binary(y: pd.Series) -> bool:
    values = set(pd.unique(y.dropna()))
    return values <= {0, 1} or values <= {False, True}


@pools_imputations
def doubly_robust(
    df: pd.DataFrame,
    outcome: str,
    group: str,
    covariates: Sequence[str],
    treated: object = None,
    *,
    estimand: Literal["ATE", "ATT"] = "ATE",
    cluster: str | None = None,
    alpha: float = 0.05,
    small_sample: Literal["auto", "jackknife", "satterthwaite", "naive"] = "auto",
) -> Result:
    """Doubly robust (AIPW) effect of FGC on ``outcome``, adjusted for ``covariates``.

    A 0/1 outcome gives ``risk_difference`` and ``risk_ratio`` (logistic outcome model), any other number a
    ``mean_difference`` (linear outcome model); the propensity model is logistic in ``covariates``. Each is
    FGC minus (or over) comparison, for everyone (``estimand="ATE"``) or for the FGC children
    (``"ATT"``). Standard errors come from the influence function including the estimation of both models
    (= ``riskRegression::ate(estimator = "AIPTW")``); the risk ratio's interval is on the log scale. With
    ``cluster=`` (e.g. ``"family_id"``) the interval accounts for the clusters, chosen by ``small_sample``:

    - ``"satterthwaite"``: CR2 on the influence values (each cluster sum divided by ``sqrt(1 − n_g / n)``, as
      clubSandwich's CR2 for ``lm(ψ ~ 1)``) with t on Satterthwaite degrees of freedom (``df`` column; far
      below G − 1 when clusters are few or unequal);
    - ``"jackknife"``: the leave-one-cluster-out jackknife (CV3: both models refitted without each cluster),
      t on G − 1 df;
    - ``"auto"`` (default): the jackknife when whole clusters are in one group (a cluster-randomised design),
      CR2 with Satterthwaite df otherwise;
    - ``"naive"``: the factor G / (G − 1) and t on G − 1 (equal to CR2 for equal clusters).

    In a seeded simulation with 20 clusters of 10 to 70 children (2,000 replicates,
    ``benchmarks/sim_aipw_cluster_intervals.py``) the 95 % interval covered:

    ============================  =========  ====  =====
    groups                        jackknife  CR2   naive
    ============================  =========  ====  =====
    formed within clusters        95.6       95.6  95.2
    whole clusters (randomised)   95.0       90.7  89.7
    ============================  =========  ====  =====

    ``.arms`` holds the arm means and ``.models`` the outcome-model-only (g-formula) and weighting-only
    (IPW) estimates beside AIPW; a note says when those two differ by more than one AIPW standard error (at
    least one model is then wrong; AIPW protects only when one of them is right).

    Given an :class:`ekc_analysis.Imputations` (from :func:`ekc_analysis.impute`) both models are fitted
    within each completed data set and the effects pooled by Rubin's rules (the risk ratio on the log
    scale) with Barnard–Rubin degrees of freedom, as ``mice::pool``; the complete-data df is the clustered
    df (above) with ``cluster=`` and infinite otherwise. The pooled table's ``se`` is Rubin's total standard error;
    ``.pooling`` holds Rubin's quantities and ``.imputations`` each imputation's table (``.arms`` and
    ``.models`` belong to a single data set and are not pooled).

    Examples
    --------
    >>> import ekc_analysis as ekc
    >>> coh = ekc.simulate_cohort(seed=1)
    >>> r = ekc.doubly_robust(coh, "event", "group", ["age", "prior_referrals"], treated="fgc")
    >>> r.to_frame()["measure"].tolist()
    ['risk_difference', 'risk_ratio']
    """
    if small_sample not in SMALL_SAMPLE:
        raise ArgumentError(f"small_sample={small_sample!r}: choose one of {', '.join(map(repr, SMALL_SAMPLE))}")
    g, binary = _checked(df, outcome, group, covariates, treated, estimand=estimand, cluster=cluster)
    y = g.data[outcome].to_numpy(dtype=float)
    X, names = design(g.data, g.arm, list(covariates))
    Z = np.delete(X, 1, axis=1)
    fit = engine.aipw(y, g.arm, X, Z, binary=binary, estimand=estimand)
    if not fit.converged:
        warnings.warn(Message("warn_dr_no_convergence"), StatisticalWarning, stacklevel=2)
    cl = g.data[cluster].astype(str).to_numpy() if cluster else None
    whole = cl is not None and bool(pd.Series(g.arm).groupby(cl).nunique().max() == 1)
    chosen: str | None = None
    if cl is not None:
        chosen = ("jackknife" if whole else "satterthwaite") if small_sample == "auto" else small_sample
    cov, n_clusters, df_t, method = _covariance(fit, (y, g.arm, X, Z, binary, estimand), cl, chosen)
    if cl is not None:
        _warn_few_clusters(cluster, n_clusters, whole, method)
    table = _effects(fit, cov, binary, alpha, df_t, g.n_treated, g.n_control)
    return Result(
        "doubly_robust",
        table,
        Message("title_doubly_robust", {"outcome": outcome, "estimand": estimand}),
        tuple(_notes(g, fit, cov, binary, estimand, (cluster, n_clusters, df_t, method, whole), covariates)),
        extras={**_arms_and_models(g, fit, cov), "standard_errors": standard_errors(
            [{"se": se, "reference_df": np.inf if df_t is None else float(df_t)} for se in table["se"]])},
        settings={
            "estimand": estimand,
            "cluster": cluster,
            "n_clusters": n_clusters,
            "small_sample": method,
            "alpha": alpha,
            "treated": g.treated,
            "control": g.control,
            "covariates": tuple(covariates),
        },
    )


def _covariance(fit: engine.AIPW, data: tuple, cl: np.ndarray | None,  # type: ignore[type-arg]
                method: str | None) -> tuple[np.ndarray, int | None, float | None, str | None]:
    """The arm means' covariance, the number of clusters, the t reference's df (None: normal) and the method
    used (the jackknife falls back to CR2 when a refit fails, e.g. one cluster's absence separates the arms)."""
    if cl is None:
        return engine.covariance(fit.influence)[0], None, None, None
    if method == "jackknife":
        y, a, X, Z, binary, estimand = data
        jk = engine.cluster_jackknife(y, a, X, Z, cl, binary=binary, estimand=estimand)
        if jk.converged:
            return jk.cov, jk.n_clusters, jk.df, "jackknife"
        method = "jackknife_failed"
    if method == "naive":
        cov, g = engine.covariance(fit.influence, cl)
        return cov, g, None if g is None else float(g - 1), "naive"
    cc = engine.cluster_covariance(fit.influence, cl)
    return cc.cov, cc.n_clusters, cc.df, method


def _warn_few_clusters(cluster: str | None, n_clusters: int | None, whole: bool, method: str | None) -> None:
    """Below 30 clusters (below 20 for the jackknife, the fewest at which its coverage was checked); and when
    whole clusters are in one group (cluster-randomised) and the interval is not the jackknife's: there CR2 with
    Satterthwaite df covered only about 91 % at 20 clusters (tests/studies/test_doubly_robust_coverage.py)."""
    if n_clusters is None or n_clusters >= (20 if method == "jackknife" else 30):
        return
    key = ("warn_dr_few_clusters_jackknife" if method == "jackknife"
           else "warn_dr_few_clusters_whole" if whole else "warn_dr_few_clusters")
    warnings.warn(Message(key, {"n_clusters": n_clusters, "cluster": repr(cluster)}), StatisticalWarning,
                  stacklevel=3)


def _checked(df: pd.DataFrame, outcome: str, group: str, covariates: Sequence[str], treated: object, *,
             estimand: str, cluster: str | None) -> tuple[Groups, bool]:
    """The arguments checked: the two groups (complete in outcome, covariates and cluster) and whether the
    outcome is 0/1."""
    if estimand not in ("ATE", "ATT"):
        raise ArgumentError(f"estimand={estimand!r}: choose 'ATE' or 'ATT'")
    if not covariates or isinstance(covariates, str):
        raise ArgumentError(f"covariates={covariates!r}: give a list of baseline column names, e.g. ['age']")
    clash = [c for c in covariates if c in (outcome, group)]
    if clash:
        raise ArgumentError(
            f"covariates={list(covariates)!r} include {clash[0]!r}, the outcome or the group; "
            "give baseline characteristics only"
        )
    check_columns(df, [outcome, *covariates] + ([cluster] if cluster else []))
    g = two_groups(df, group, treated, needed=[outcome, *covariates] + ([cluster] if cluster else []))
    binary = _is_binary(g.data[outcome])
    if not binary and not pd.api.types.is_numeric_dtype(g.data[outcome]):
        raise ArgumentError(f"outcome={outcome!r} must be 0/1 or a number; found {g.data[outcome].dtype}")
    return g, binary


def _arms_and_models(g: Groups, fit: engine.AIPW, cov: np.ndarray) -> dict[str, pd.DataFrame]:
    """``.arms`` (the arm means) and ``.models`` (AIPW beside the outcome model and the weighting alone)."""
    arms = pd.DataFrame(
        {
            "group": [g.treated, g.control],
            "mean": fit.means,
            "se": np.sqrt(np.diag(cov)),
            "n": [g.n_treated, g.n_control],
        }
    )
    models = pd.DataFrame(
        {
            "method": ["aipw", "outcome_model", "weighting"],
            "estimate": [fit.means[0] - fit.means[1], *(m[0] - m[1] for m in (fit.gformula, fit.weighting))],
        }
    )
    return {"arms": arms, "models": models}


def _effects(
    fit: engine.AIPW, cov: np.ndarray, binary: bool, alpha: float, df_t: float | None, n1: int, n0: int
) -> pd.DataFrame:
    rows = []
    for measure, est, se, log in engine.contrasts(fit.means, cov, binary):
        e = wald(est, se, alpha, exp=log, df=df_t)
        rows.append(
            {
                "measure": measure,
                "estimate": e.estimate,
                "ci_low": e.ci_low,
                "ci_high": e.ci_high,
                "p_value": e.p_value,
                "se": se,
                "df": np.nan if df_t is None else float(df_t),
                "n_treated": n1,
                "n_control": n0,
            }
        )
    return pd.DataFrame(rows)


def _notes(g: Groups, fit: engine.AIPW, cov: np.ndarray, binary: bool, estimand: str,
           clustering: tuple[str | None, int | None, float | None, str | None, bool],
           covariates: Sequence[str]) -> list[str]:
    """Who the effect is for and how it was fitted; clusters; the two models' disagreement; weak overlap."""
    notes: list[str] = [Message("note_doubly_robust", {
        "n_treated": g.n_treated, "treated": str(g.treated), "n_control": g.n_control, "control": str(g.control),
        "who": Message("note_doubly_robust_ate" if estimand == "ATE" else "note_doubly_robust_att"),
        "model": Message("model_logistic" if binary else "model_linear"), "covariates": ", ".join(covariates)})]
    cluster, n_clusters, df_t, method, whole = clustering
    if n_clusters is not None:
        notes.append(Message(f"note_doubly_robust_cluster_{method}", {
            "cluster": cluster, "n_clusters": n_clusters, "df": float(df_t) if df_t is not None else np.nan}))
        if method == "jackknife" and whole:
            notes.append(Message("note_doubly_robust_whole_clusters"))
    se = float(np.sqrt(cov[0, 0] + cov[1, 1] - 2 * cov[0, 1]))
    d_out, d_w = fit.gformula[0] - fit.gformula[1], fit.weighting[0] - fit.weighting[1]
    if abs(d_out - d_w) > DISAGREEMENT * se:
        notes.append(Message("note_doubly_robust_disagree", {"outcome_model": float(d_out), "weighting": float(d_w),
                                                             "se": se}))
    e = fit.propensity
    if e.min() < 0.01 or e.max() > 0.99:
        notes.append(Message("note_doubly_robust_overlap", {"low": float(e.min()), "high": float(e.max())}))
    extra = g.note()
    if extra:
        notes.append(extra)
    ref = reference_note(g.data, covariates)
    if ref:
        notes.append(ref)
    return notes
