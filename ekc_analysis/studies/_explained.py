"""Variance explained by the group: R² and ΔR² of the Sundell & Vinnerljung style regression.

Sundell & Vinnerljung (2004) controlled baseline differences by multiple regression and reported
that the conference explained 0–7 % of the variance in re-referral. ``variance_explained`` gives
that number for a researcher's own data: the R² of the model with group and covariates and the
increase ΔR² when the group enters a model that already holds the covariates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import ArgumentError
from ..i18n import Message
from ..results import Result
from ._groups import Groups, binary_values, check_columns, design, two_groups

COLUMNS = ["measure", "estimate", "p_value", "n", "n_treated", "n_control"]


def _loglik(X: np.ndarray, y: np.ndarray) -> float:
    """Maximised binomial log-likelihood of a logistic regression (Newton–Raphson, as glm)."""
    beta = np.zeros(X.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-(X @ beta)))
        step = np.linalg.lstsq(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (y - p), rcond=None)[0]
        beta = beta + step
        if np.max(np.abs(step)) < 1e-12:
            break
    eta = X @ beta
    return float(np.sum(y * eta - np.logaddexp(0, eta)))


def variance_explained(df: pd.DataFrame, outcome: str, group: str, treated: object = None,
                       covariates: Sequence[str] = (), *,
                       kind: Literal["continuous", "binary"] | None = None) -> Result:
    """How much of the variance in ``outcome`` the group (FGC or not) explains, beyond the covariates.

    Parameters
    ----------
    df : DataFrame
        One row per child or family.
    outcome : str
        Continuous outcome (linear regression) or 0/1 outcome (logistic regression).
    group, treated
        The two groups and which is FGC (see :func:`ekc_analysis.compare`).
    covariates : sequence of str
        Baseline covariates in both models (text columns become dummies, as in R).
    kind : {"continuous", "binary"}, optional
        Default: binary when the outcome holds only 0/1 (or True/False).

    Returns
    -------
    Result
        Continuous: ``measure`` ∈ ``r_squared`` (model with group and covariates, = R
        ``summary(lm(y ~ group + covariates))$r.squared``), ``r_squared_covariates`` (without the group)
        and ``delta_r_squared`` (their difference; its p-value is the F test of the group term,
        ``anova(reduced, full)``). Binary: the same for McFadden's pseudo-R² (``1 − logLik(full) /
        logLik(intercept only)``) and Nagelkerke's (Cox–Snell rescaled to a maximum of 1), with the
        likelihood-ratio test of the group term as the p-value of each Δ.

    Examples
    --------
    >>> import pandas as pd, ekc_analysis as ekc
    >>> df = pd.read_csv(ekc.sample_path("cohort.csv"))
    >>> res = ekc.variance_explained(df, "event", "group", "fgc", covariates=["age", "prior_referrals"])
    >>> res.to_frame()["measure"].tolist()[:3]
    ['mcfadden_r_squared', 'mcfadden_r_squared_covariates', 'delta_mcfadden_r_squared']
    """
    check_columns(df, [outcome, *covariates])
    g = two_groups(df, group, treated, needed=[outcome, *covariates])
    X, _ = design(g.data, g.arm, covariates)
    kind = _kind(g.data[outcome], kind)
    base = {"n": len(g.arm), "n_treated": g.n_treated, "n_control": g.n_control}
    rows, what = _linear(g, outcome, X) if kind == "continuous" else _logistic(g, outcome, X)
    table = pd.DataFrame([{"measure": m, "estimate": float(e), "p_value": pv, **base} for m, e, pv in rows],
                         columns=COLUMNS)
    notes = _notes(g, covariates, what, kind)
    return Result("variance_explained", table, Message("title_variance_explained", {"outcome": outcome}),
                  tuple(notes), {},
                  {"treated": g.treated, "control": g.control, "kind": kind, "covariates": tuple(covariates),
                   "percent_columns": ()})


Rows = list[tuple[str, float, float]]


def _kind(raw: pd.Series, kind: str | None) -> Literal["continuous", "binary"]:
    """The outcome's kind: ``kind`` checked, or binary when the outcome holds only 0/1 (or True/False)."""
    if kind is None:
        values = raw.astype(float) if pd.api.types.is_bool_dtype(raw.dtype) else pd.to_numeric(raw, errors="coerce")
        kind = "binary" if values.notna().all() and values.isin([0, 1]).all() else "continuous"
    if kind not in ("continuous", "binary"):
        raise ArgumentError(f"kind must be 'continuous', 'binary' or None; got {kind!r}")
    return kind  # type: ignore[return-value]


def _linear(g: Groups, outcome: str, X: np.ndarray) -> tuple[Rows, str]:
    """R² with and without the group (column 1 of ``X``), their difference with the F test of the group."""
    from scipy import stats as st

    n = len(g.arm)
    y = pd.to_numeric(g.data[outcome], errors="coerce").to_numpy(float)
    if np.isnan(y).any():
        raise ArgumentError(f"outcome={outcome!r} must be numeric for kind='continuous'")
    tss = float(np.sum((y - y.mean()) ** 2))

    def rss(M: np.ndarray) -> float:
        beta = np.linalg.lstsq(M, y, rcond=None)[0]
        return float(np.sum((y - M @ beta) ** 2))

    rss_full, rss_red = rss(X), rss(np.delete(X, 1, axis=1))
    df_resid = n - np.linalg.matrix_rank(X)
    f = (rss_red - rss_full) / (rss_full / df_resid)
    p = float(st.f.sf(f, 1, df_resid))
    r2, r2_red = 1 - rss_full / tss, 1 - rss_red / tss
    rows = [("r_squared", r2, np.nan), ("r_squared_covariates", r2_red, np.nan), ("delta_r_squared", r2 - r2_red, p)]
    return rows, Message("note_explained_lm")


def _logistic(g: Groups, outcome: str, X: np.ndarray) -> tuple[Rows, str]:
    """McFadden's and Nagelkerke's pseudo-R² with and without the group, the LR test of the group."""
    from scipy import stats as st

    n = len(g.arm)
    y = binary_values(g.data[outcome], outcome)
    ll_full, ll_red = _loglik(X, y), _loglik(np.delete(X, 1, axis=1), y)
    ll_0 = _loglik(X[:, :1], y)
    lr = 2 * (ll_full - ll_red)
    p = float(st.chi2.sf(lr, 1))

    def mcfadden(ll: float) -> float:
        return 1 - ll / ll_0

    def nagelkerke(ll: float) -> float:
        return (1 - np.exp(2 * (ll_0 - ll) / n)) / (1 - np.exp(2 * ll_0 / n))

    rows: Rows = []
    for name, fn in (("mcfadden", mcfadden), ("nagelkerke", nagelkerke)):
        full, red = fn(ll_full), fn(ll_red)
        rows += [(f"{name}_r_squared", full, np.nan), (f"{name}_r_squared_covariates", red, np.nan),
                 (f"delta_{name}_r_squared", full - red, p)]
    return rows, Message("note_explained_glm")


def _notes(g: Groups, covariates: Sequence[str], what: str, kind: str) -> list[str]:
    notes: list[str] = [Message("note_explained_sizes", {"n_treated": g.n_treated, "treated": str(g.treated),
                                                         "n_control": g.n_control, "control": str(g.control),
                                                         "what": what}),
                        Message("note_explained_delta", {"covariates": ", ".join(covariates)
                                                         or Message("note_explained_intercept")})]
    if kind == "binary":
        notes.append(Message("note_explained_pseudo"))
    note = g.note()
    if note:
        notes.append(note)
    return notes
