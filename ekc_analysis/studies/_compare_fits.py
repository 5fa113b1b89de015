"""The fitting parts of :func:`ekc_analysis.compare` for two groups, each returning its rows: risks and
odds ratios (binary), means and ANCOVA (continuous), the moderator's interaction, per-protocol and CACE."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import ArgumentError, shown
from ..i18n import Message
from ..stats._effects import Estimate, hedges_g, iv_wald, newcombe_difference, risk_ratio, welch
from ..stats._models import SmallSample, linear, logistic, robust, standardised_risk_difference
from ..stats._proportions import wilson
from . import _clustered as clustered
from . import _contrasts as contrasts
from ._groups import Groups, binary_values, design


def _row(outcome: str, measure: str, e: Estimate, g: Groups, level: object = None) -> dict[str, object]:
    return {"outcome": outcome, "contrast": contrasts.contrast_name(g.treated, g.control), "measure": measure,
            "level": level, "estimate": e.estimate, "ci_low": e.ci_low, "ci_high": e.ci_high, "p_value": e.p_value,
            "n_treated": g.n_treated, "n_control": g.n_control, "statistic": np.nan, "df": e.df, "se": e.se,
            "reference_df": e.df}



def _complete(g: Groups, columns: Sequence[str]) -> tuple[Groups, np.ndarray]:
    """The rows of ``g`` complete in ``columns`` (``g`` itself when none is missing) and their mask."""
    keep = g.data[list(columns)].notna().all(axis=1).to_numpy() if columns else np.ones(len(g.data), bool)
    if keep.all():
        return g, keep
    dropped = {"treated": int(((g.arm == 1) & ~keep).sum()), "control": int(((g.arm == 0) & ~keep).sum())}
    for name, arm in (("treated", 1), ("control", 0)):
        if not ((g.arm == arm) & keep).any():
            raise ArgumentError(f"the {name} group {shown(g.treated if arm else g.control)} has no rows with "
                                f"{', '.join(columns)} complete; the adjusted estimates cannot be computed")
    return Groups(g.data[keep], g.arm[keep], g.treated, g.control, dropped), keep


def _binary(outcome: str, y: np.ndarray, g: Groups, covariates: list[str], alpha: float,
            cl: np.ndarray | None = None,
            ss: SmallSample = "satterthwaite") -> tuple[list[dict[str, object]], pd.DataFrame, pd.DataFrame]:
    """Risks per arm, the risk difference and ratio, crude (and adjusted) odds ratios: (rows, arms, model)."""
    k1, n1 = int(y[g.arm == 1].sum()), g.n_treated
    k0, n0 = int(y[g.arm == 0].sum()), g.n_control
    lo, hi = wilson(np.array([k1, k0]), np.array([n1, n0]), alpha)
    arms = pd.DataFrame({"group": [g.treated, g.control], "n": [n1, n0], "events": [k1, k0],
                         "risk": [k1 / n1, k0 / n0], "ci_low": lo, "ci_high": hi})
    if cl is None:
        rd, rr = newcombe_difference(k1, n1, k0, n0, alpha), risk_ratio(k1, n1, k0, n0, alpha)
    else:
        rd, rr = clustered.risks(y, g, cl, alpha, ss)
    rows = [_row(outcome, "risk_difference", rd, g), _row(outcome, "risk_ratio", rr, g)]
    X, names = design(g.data, g.arm, [])
    crude = logistic(X, y, names, cl, small_sample=ss)
    rows.append(_row(outcome, "odds_ratio", crude.coef("arm", alpha, exp=True), g))
    fit = crude
    if covariates:
        X, names = design(g.data, g.arm, covariates)
        fit = logistic(X, y, names, cl, small_sample=ss)
        rows.append(_row(outcome, "adjusted_odds_ratio", fit.coef("arm", alpha, exp=True), g))
        gfit = fit if cl is not None else robust(fit, X, y, "binomial")
        rows.append(_row(outcome, "adjusted_risk_difference", standardised_risk_difference(gfit, X, 1, alpha), g))
    return rows, arms, _coefficients(fit)


def _continuous(outcome: str, y: np.ndarray, g: Groups, covariates: list[str], alpha: float,
                cl: np.ndarray | None = None,
                ss: SmallSample = "satterthwaite") -> tuple[list[dict[str, object]], pd.DataFrame, pd.DataFrame]:
    """Means per arm, the mean difference, Hedges' g (and the ANCOVA difference): (rows, arms, model)."""
    y1, y0 = y[g.arm == 1], y[g.arm == 0]
    if min(y1.size, y0.size) < 2:
        raise ArgumentError(f"outcome={outcome!r}: each group needs at least two values for a mean difference")
    arms = pd.DataFrame({"group": [g.treated, g.control], "n": [y1.size, y0.size], "mean": [y1.mean(), y0.mean()],
                         "sd": [y1.std(ddof=1), y0.std(ddof=1)]})
    if cl is None:
        est, hg = welch(y1, y0, alpha)[0], hedges_g(y1, y0, alpha)
    else:
        est, hg = clustered.means(y, g, cl, alpha, ss)
    rows = [_row(outcome, "mean_difference", est, g), _row(outcome, "hedges_g", hg, g)]
    X, names = design(g.data, g.arm, covariates)
    fit = linear(X, y, names, cl, small_sample=ss)
    if covariates:
        rows.append(_row(outcome, "adjusted_mean_difference", fit.coef("arm", alpha), g))
    return rows, arms, _coefficients(fit)


def _coefficients(fit: object) -> pd.DataFrame:
    return pd.DataFrame({"term": fit.names, "coef": fit.params,  # type: ignore[attr-defined]
                         "se": np.sqrt(np.diag(fit.cov))})  # type: ignore[attr-defined]


def _moderated(outcome: str, y: np.ndarray, g: Groups, moderator: str, covariates: list[str],
               k: str, alpha: float, cl: np.ndarray | None = None,
               ss: SmallSample = "satterthwaite") -> list[dict[str, object]]:
    """The group × moderator interaction rows and the effect at each level of the moderator."""
    mod = g.data[moderator]
    mod_terms = design(g.data, g.arm, [moderator])[1][2:]
    X, names = design(g.data, g.arm, [moderator, *covariates])
    inter = np.column_stack([X[:, names.index(t)] * g.arm for t in mod_terms])
    X = np.column_stack([X, inter])
    names = names + [f"arm:{t}" for t in mod_terms]
    fit = logistic(X, y, names, cl, small_sample=ss) if k == "binary" else linear(X, y, names, cl, small_sample=ss)
    exp = k == "binary"
    label = "interaction (ratio of odds ratios)" if exp else "interaction (difference in mean differences)"
    rows = [_row(outcome, label, fit.coef(f"arm:{t}", alpha, exp=exp), g, level=t) for t in mod_terms]
    measure = "odds_ratio" if exp else "mean_difference"
    numeric = pd.api.types.is_numeric_dtype(mod.dtype) or pd.api.types.is_bool_dtype(mod.dtype)
    levels = sorted(pd.unique(mod)) if numeric else sorted(pd.unique(mod.astype(str)))
    for lev in levels:
        weights = {"arm": 1.0}
        if numeric:
            weights[f"arm:{moderator}"] = float(lev)
        elif f"arm:{moderator}{lev}" in names:
            weights[f"arm:{moderator}{lev}"] = 1.0
        sub = (mod == lev).to_numpy() if numeric else (mod.astype(str) == lev).to_numpy()
        value, est = int(lev) if numeric and float(lev).is_integer() else lev, fit.combination(weights, alpha, exp=exp)
        rows.append({**_row(outcome, measure, est, g, level=f"{moderator}={value}"),
                     "n_treated": int((g.arm[sub] == 1).sum()), "n_control": int((g.arm[sub] == 0).sum())})
    return rows


def _compliance(outcome: str, y: np.ndarray, g: Groups, compliance: str, k: str, alpha: float,
                cl: np.ndarray | None = None,
                ss: SmallSample = "satterthwaite") -> tuple[list[dict[str, object]], str]:
    """Per-protocol and CACE rows beside ITT, and their note."""
    raw = g.data[compliance]
    unknown = raw.isna().to_numpy()
    if (unknown & (g.arm == 1)).any():
        raise ArgumentError(f"compliance={compliance!r} is missing for {int((unknown & (g.arm == 1)).sum())} families "
                            f"in the FGC arm ({g.treated!s}); per-protocol and CACE need to know whether each "
                            "offered family held a conference")
    held = binary_values(raw.astype(object).where(~unknown, 0), compliance)  # control arm: none offered, none held
    filled = int(unknown.sum())
    base = "risk_difference" if k == "binary" else "mean_difference"
    pp = (g.arm == 0) | (held == 1)
    y1, y0 = y[pp & (g.arm == 1)], y[pp & (g.arm == 0)]
    if y1.size == 0:
        raise ArgumentError(f"compliance={compliance!r}: no family in the FGC arm held a conference")
    if cl is not None:
        arm_pp = g.arm[pp].astype(float)
        est = linear(np.column_stack([np.ones(arm_pp.size), arm_pp]), y[pp], ["(Intercept)", "arm"], cl[pp],
                     small_sample=ss).coef("arm", alpha)
    elif k == "binary":
        est = newcombe_difference(int(y1.sum()), y1.size, int(y0.sum()), y0.size, alpha)
    else:
        est, _ = welch(y1, y0, alpha)
    rows = [{**_row(outcome, f"per_protocol_{base}", est, g), "n_treated": int(y1.size)}]
    cace = (iv_wald(y, held, g.arm.astype(float), alpha) if cl is None
            else clustered.iv_clustered(y, held, g.arm.astype(float), cl, alpha))
    rows.append(_row(outcome, f"cace_{base}", cace, g))
    uptake = held[g.arm == 1].mean()
    missing = Message("note_compliance_filled", {"n": filled, "control": str(g.control)}) if filled else ""
    se = Message("note_compliance_se_hc0" if cl is None else "note_compliance_se_cr2")
    return rows, Message("note_compliance", {"filled": missing, "uptake": 100 * uptake, "se": se})
