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
from ._groups import check_columns, design, reference_note, two_groups
from ._imputation_pool import pools_imputations

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
) -> Result:
    """Doubly robust (AIPW) effect of FGC on ``outcome``, adjusted for ``covariates``.

    A 0/1 outcome gives ``risk_difference`` and ``risk_ratio`` (logistic outcome model), any other number a
    ``mean_difference`` (linear outcome model); the propensity model is logistic in ``covariates``. Each is
    FGC minus (or over) comparison, for everyone (``estimand="ATE"``) or for the FGC children
    (``"ATT"``). Standard errors come from the influence function including the estimation of both models
    (= ``riskRegression::ate(estimator = "AIPTW")``); the risk ratio's interval is on the log scale. With
    ``cluster=`` (e.g. ``"family_id"``) the influence values are summed per cluster, with the small-sample
    factor G / (G − 1) and t on G − 1 degrees of freedom.

    ``.arms`` holds the arm means and ``.models`` the outcome-model-only (g-formula) and weighting-only
    (IPW) estimates beside AIPW; a note says when those two differ by more than one AIPW standard error (at
    least one model is then wrong; AIPW protects only when one of them is right).

    Given an :class:`ekc_analysis.Imputations` (from :func:`ekc_analysis.impute`) both models are fitted
    within each completed data set and the effects pooled by Rubin's rules (the risk ratio on the log
    scale) with Barnard–Rubin degrees of freedom, as ``mice::pool``; the complete-data df is G − 1 with
    ``cluster=`` and infinite otherwise. The pooled table's ``se`` is Rubin's total standard error;
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
    y = g.data[outcome].to_numpy(dtype=float)
    X, names = design(g.data, g.arm, list(covariates))
    Z = np.delete(X, 1, axis=1)
    fit = engine.aipw(y, g.arm, X, Z, binary=binary, estimand=estimand)
    if not fit.converged:
        warnings.warn(
            "the outcome or propensity model did not converge (separation?); the doubly robust "
            "estimate is unreliable: use fewer covariates or pool levels",
            StatisticalWarning,
            stacklevel=2,
        )
    cl = g.data[cluster].astype(str).to_numpy() if cluster else None
    cov, n_clusters = engine.covariance(fit.influence, cl)
    df_t = None if n_clusters is None else n_clusters - 1
    table = _effects(fit, cov, binary, alpha, df_t, g.n_treated, g.n_control)
    notes = _notes(g, fit, cov, binary, estimand, n_clusters, cluster, covariates)
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
    return Result(
        "doubly_robust",
        table,
        Message("title_doubly_robust", {"outcome": outcome, "estimand": estimand}),
        tuple(notes),
        extras={"arms": arms, "models": models, "standard_errors": standard_errors(
            [{"se": se, "reference_df": np.inf if df_t is None else float(df_t)} for se in table["se"]])},
        settings={
            "estimand": estimand,
            "cluster": cluster,
            "n_clusters": n_clusters,
            "alpha": alpha,
            "treated": g.treated,
            "control": g.control,
            "covariates": tuple(covariates),
        },
    )


def _effects(
    fit: engine.AIPW, cov: np.ndarray, binary: bool, alpha: float, df_t: int | None, n1: int, n0: int
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


def _notes(g, fit, cov, binary, estimand, n_clusters, cluster, covariates) -> list[str]:  # type: ignore[no-untyped-def]
    who = "everyone (ATE)" if estimand == "ATE" else "the FGC children (ATT)"
    notes = [
        f"{g.n_treated} in {g.treated!s}, {g.n_control} in {g.control!s}; doubly robust (AIPW) effect for "
        f"{who}: {'logistic' if binary else 'linear'} outcome model with the group and "
        f"{', '.join(covariates)}, logistic propensity model with the same covariates; standard errors from "
        "the influence function including the estimation of both models (riskRegression::ate, AIPTW)."
    ]
    if n_clusters is not None:
        notes.append(
            f"Clustered by {cluster}: influence values summed over {n_clusters} clusters, small-sample "
            f"factor G/(G − 1), t on {n_clusters - 1} df."
        )
        if n_clusters < 30:
            warnings.warn(
                f"only {n_clusters} clusters in {cluster!r}: cluster-robust AIPW intervals may be too narrow",
                StatisticalWarning,
                stacklevel=3,
            )
    se = float(np.sqrt(cov[0, 0] + cov[1, 1] - 2 * cov[0, 1]))
    d_out, d_w = fit.gformula[0] - fit.gformula[1], fit.weighting[0] - fit.weighting[1]
    if abs(d_out - d_w) > DISAGREEMENT * se:
        notes.append(
            f"The outcome model alone gives {d_out:.3g} and weighting alone {d_w:.3g}, more than one "
            f"standard error ({se:.3g}) apart: at least one of the two models is wrong, and AIPW is "
            "only protected when one of them is right; check the balance and the outcome model."
        )
    e = fit.propensity
    if e.min() < 0.01 or e.max() > 0.99:
        notes.append(
            f"Propensity scores from {e.min():.3f} to {e.max():.3f}: some children have almost no "
            "counterpart in the other group (weak overlap), which makes the estimate unstable."
        )
    extra = g.note()
    if extra:
        notes.append(extra)
    ref = reference_note(g.data, covariates)
    if ref:
        notes.append(ref)
    return notes
