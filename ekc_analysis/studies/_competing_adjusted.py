"""Competing risks adjusted, weighted and clustered: the parts of :func:`ekc_analysis.competing_risks` beyond
the crude comparison.

- adjusted Fine–Gray (``cmprsk::crr`` with ``cov1`` = group + covariates; cluster sandwich with ``cluster``),
- adjusted cause-specific Cox (``coxph(Surv([entry,] time, status == k) ~ group + covariates + strata(),
  weights, cluster)``),
- Aalen–Johansen curves per group with case weights, delayed entry and cluster-robust (grouped
  infinitesimal-jackknife) intervals, and the difference in cumulative incidence at each requested time,
- the warnings a reader needs: few events per cause and group, few clusters, and subdistribution hazards
  that are not proportional (Wald test of group x log(time) in the Fine–Gray model).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..errors import StatisticalWarning
from ..i18n import Message
from ..intake import MissingWeights, effective_sizes, missing_weights, warn_effective_size, weights_argument
from ..stats._aalen_johansen_ij import ij_pieces, influence_at
from ..stats._competing import aalen_johansen, cif_at
from ..stats._cox import fit_cox
from ..stats._effects import Estimate, wald
from ..stats._fine_gray import fine_gray
from ..stats._fine_gray_tv import fine_gray_time_interaction
from ._groups import design
from ._wording import joined, kish_sizes

MIN_EVENTS = 10  # per cause and group
MIN_CLUSTERS = 30
NAN = Estimate(np.nan, np.nan, np.nan, np.nan)


@dataclass(frozen=True)
class Setup:
    """The analysed rows as arrays, shared by every part."""

    data: pd.DataFrame
    t: np.ndarray
    codes: np.ndarray
    arm: np.ndarray
    order: list[int]
    causes: list[object]
    w: np.ndarray | None
    entry: np.ndarray | None
    clusters: np.ndarray | None
    strata: str | None
    alpha: float


def case_weights(df: pd.DataFrame, data: pd.DataFrame, weights: object) -> np.ndarray | None:
    """Weights as a column name, Series (aligned by index) or values by position, read for the analysed rows
    (numbers, none negative or infinite; missing ones kept as NaN for :func:`weighted_rows`)."""
    w = weights_argument(df, weights)
    if w is None:
        return None
    # scaled to mean 1, as survival() does: the estimates do not depend on the scale, and neither then does the
    # weighted number at risk the curves report
    kept = w.loc[data.index]
    return (kept / kept.mean()).to_numpy(float)


def weighted_rows(s: Setup, names: dict[int, object], policy: MissingWeights) -> tuple[Setup, np.ndarray, int,
                                                                                       pd.DataFrame | None]:
    """The setups of the weighted parts and the count of rows dropped for a missing weight.

    Returns ``(curves, has, dropped, ess)``: the curves and differences run on the rows with a weight,
    and so does the adjusted cause-specific Cox model (``has`` marks them among all rows; the unweighted
    Fine–Gray beside it keeps every row); ``ess`` is Kish's effective sample size
    per group (a StatisticalWarning when too small, as :func:`ekc_analysis.survival`).
    """
    if s.w is None:
        return s, np.ones(s.t.size, bool), 0, None
    has, dropped = missing_weights(pd.Series(s.w, index=s.data.index), policy)
    labels: dict[object, object] = {k: v for k, v in names.items()}
    ess = effective_sizes(s.w[has], s.arm[has], labels)
    warn_effective_size(ess, "competing_risks(weights=)", stacklevel=4)
    if not dropped:
        return s, has, 0, ess
    kept = replace(s, data=s.data[has], t=s.t[has], codes=s.codes[has], arm=s.arm[has], w=s.w[has],
                   entry=None if s.entry is None else s.entry[has],
                   clusters=None if s.clusters is None else s.clusters[has])
    return kept, has, dropped, ess


def complete_covariates(data: pd.DataFrame, covariates: Sequence[str]) -> np.ndarray:
    """Rows with every covariate present; the others are counted and warned about."""
    complete = data[list(covariates)].notna().all(axis=1).to_numpy() if covariates else np.ones(len(data), bool)
    if (~complete).any():
        warnings.warn(Message("warn_competing_missing_covariates", {"n": int((~complete).sum())}),
                      StatisticalWarning, stacklevel=3)
    return complete


def _covariate_columns(data: pd.DataFrame, covariates: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Covariates as model columns (text as treatment-coded dummies, as R)."""
    X, names = design(data, np.zeros(len(data)), list(covariates))
    return X[:, 2:], names[2:]


def _cox_adjusted(s: Setup, k: int, keep: np.ndarray, X: np.ndarray, names: list[str]) -> Estimate:
    frame = pd.DataFrame(X, columns=names)
    frame.insert(0, "arm", s.arm[keep].astype(float))
    frame["__t"] = s.t[keep]
    frame["__e"] = (s.codes[keep] == k).astype(float)
    _, table = fit_cox(frame, "__t", "__e", ["arm", *names], weights=None if s.w is None else s.w[keep],
                       alpha=s.alpha, entry=None if s.entry is None else s.entry[keep],
                       strata=None if s.strata is None else s.data[s.strata].to_numpy()[keep],
                       cluster=None if s.clusters is None else s.clusters[keep])
    row = table.set_index("term").loc["arm"]
    return wald(float(row["coef"]), float(row["se"]), s.alpha, exp=True)


def adjusted_rows(s: Setup, covariates: Sequence[str], complete: np.ndarray,
                  has: np.ndarray | None = None) -> list[dict[str, object]]:
    """adjusted_subdistribution_hazard_ratio (with covariates) and adjusted_cause_specific_hazard_ratio
    (with covariates or weights; on the rows with a weight, ``has``) for every cause; counts are of the rows
    used by Fine–Gray."""
    if not covariates and s.w is None:
        return []
    sub = s.data[complete]
    X, names = _covariate_columns(sub, covariates) if covariates else (np.zeros((len(sub), 0)), [])
    arm, codes = s.arm[complete], s.codes[complete]
    rows: list[dict[str, object]] = []
    for k in s.order:
        ev = (int(((codes == k) & (arm == 1)).sum()), int(((codes == k) & (arm == 0)).sum()))
        base = {"level": s.causes[k - 1], "n_treated": int(arm.sum()), "n_control": int((arm == 0).sum()),
                "events_treated": ev[0], "events_control": ev[1]}
        sub_hr = csh = NAN
        if min(ev) > 0:
            if covariates:
                fit = fine_gray(s.t[complete], codes, np.column_stack([arm.astype(float), X]), cause=k,
                                cluster=None if s.clusters is None else s.clusters[complete])
                sub_hr = wald(float(fit.coef[0]), float(fit.se[0]), s.alpha, exp=True)
            csh = _cox_adjusted(s, k, complete if has is None else complete & has,
                                X if has is None else X[has[complete]], names)
        if covariates:
            rows.append({"measure": "adjusted_subdistribution_hazard_ratio", **_estimate(sub_hr), **base})
        rows.append({"measure": "adjusted_cause_specific_hazard_ratio", **_estimate(csh), **base})
    return rows


def _estimate(e: Estimate) -> dict[str, float]:
    return {"estimate": e.estimate, "ci_low": e.ci_low, "ci_high": e.ci_high, "p_value": e.p_value, "se": e.se,
            "reference_df": e.df}


def curves(s: Setup, names: dict[int, object], times: Sequence[float]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Weighted, delayed-entry, cluster-robust Aalen–Johansen curves per group (``.cif``) and read at ``times``
    beside 1 − Kaplan–Meier (``.incidence``)."""
    out, incidence = [], []
    for a in (1, 0):
        keep = s.arm == a
        curve = aalen_johansen(s.t[keep], s.codes[keep], None if s.w is None else s.w[keep], alpha=s.alpha,
                               causes=s.order, entry=None if s.entry is None else s.entry[keep],
                               cluster=None if s.clusters is None else s.clusters[keep])
        at = cif_at(curve, list(times))
        for k in s.order:
            c = curve[curve["cause"] == k]
            with np.errstate(divide="ignore", invalid="ignore"):
                km = np.cumprod(1 - np.where(c["n_risk"] > 0, c["n_event"] / c["n_risk"], 0.0))
            pos = np.searchsorted(c["time"].to_numpy(), np.asarray(times, float), side="right") - 1
            at.loc[at["cause"] == k, "one_minus_km"] = np.where(pos >= 0, 1 - km[np.maximum(pos, 0)], 0.0)
        out.append(curve.assign(group=names[a]))
        tk = s.t[keep]
        at_risk = [float((tk >= x).sum()) for x in times]  # as R: still followed at x
        incidence.append(at.assign(group=names[a], at_risk=np.tile(at_risk, len(s.order))))
    label = dict(enumerate(s.causes, start=1))
    cif = pd.concat(out, ignore_index=True).rename(columns={"n_risk": "at_risk"})
    cif["cause"] = cif["cause"].map(label)
    inc = pd.concat(incidence, ignore_index=True)
    inc["cause"] = inc["cause"].map(label)
    return (cif[["group", "cause", "time", "cif", "ci_low", "ci_high", "se", "at_risk", "n_event"]],
            inc[["group", "cause", "time", "cif", "ci_low", "ci_high", "se", "one_minus_km", "at_risk"]])


def difference_rows(s: Setup, times: Sequence[float]) -> list[dict[str, object]]:
    """cif_difference (treated minus comparison) per cause and time: Wald interval from the (grouped)
    infinitesimal jackknife of both curves; a cluster holding both groups adds its covariance."""
    from scipy import stats

    w = np.ones(s.t.size) if s.w is None else s.w
    cl = np.arange(s.t.size) if s.clusters is None else pd.factorize(pd.Series(s.clusters))[0]
    grid = np.asarray(times, float)
    z = stats.norm.ppf(1 - s.alpha / 2)
    parts = {}
    for a in (1, 0):
        keep = s.arm == a
        parts[a] = (keep, ij_pieces(s.t[keep], s.codes[keep], w[keep], s.order,
                                    None if s.entry is None else s.entry[keep]))
    rows: list[dict[str, object]] = []
    for k in s.order:
        est, infl = {}, np.zeros((cl.max() + 1, grid.size))
        for a, sign in ((1, 1.0), (0, -1.0)):
            keep, p = parts[a]
            pos = np.searchsorted(p.grid, grid, side="right") - 1
            est[a] = np.where(pos >= 0, p.cif[k][np.maximum(pos, 0)], 0.0)
            contrib = influence_at(p, k, grid)
            for j in range(grid.size):
                infl[:, j] += sign * np.bincount(cl[keep], weights=contrib[:, j], minlength=infl.shape[0])
        se = np.sqrt((infl**2).sum(axis=0))
        for j, t in enumerate(times):
            diff = float(est[1][j] - est[0][j])
            p_value = float(2 * stats.norm.sf(abs(diff) / se[j])) if se[j] > 0 else np.nan
            rows.append({"measure": "cif_difference", "level": s.causes[k - 1], "time": float(t), "estimate": diff,
                         "ci_low": diff - z * se[j], "ci_high": diff + z * se[j], "p_value": p_value,
                         "se": float(se[j]), "n_treated": int(s.arm.sum()), "n_control": int((s.arm == 0).sum())})
    return rows


def design_warnings(s: Setup, names: dict[int, object]) -> None:
    """Few events per cause and group; few clusters."""
    for k in s.order:
        ev = {a: int(((s.codes == k) & (s.arm == a)).sum()) for a in (1, 0)}
        few = [a for a in (1, 0) if 0 < ev[a] < MIN_EVENTS]
        if few:
            warnings.warn(Message("warn_competing_few_events", {
                "cause": str(s.causes[k - 1]), "events": ev[few[0]], "group": str(names[few[0]]),
                "minimum": MIN_EVENTS}), StatisticalWarning, stacklevel=3)
    if s.clusters is not None:
        n_cl = len(pd.unique(s.clusters))
        if n_cl < MIN_CLUSTERS:
            warnings.warn(Message("warn_competing_few_clusters", {"n_clusters": n_cl, "minimum": MIN_CLUSTERS}),
                          StatisticalWarning, stacklevel=3)


def proportionality(s: Setup, covariates: Sequence[str], complete: np.ndarray) -> dict[int, tuple[float, float]]:
    """Per cause: (coefficient, p-value) of group x log(time) in the Fine–Gray model (as crr with cov2 = group,
    tf = log); a StatisticalWarning when p < 0.05."""
    sub = s.data[complete]
    X = _covariate_columns(sub, covariates)[0] if covariates else np.zeros((len(sub), 0))
    arm, codes, t = s.arm[complete], s.codes[complete], s.t[complete]
    out: dict[int, tuple[float, float]] = {}
    for k in s.order:
        if min(((codes == k) & (arm == a)).sum() for a in (0, 1)) == 0:
            continue
        fit = fine_gray_time_interaction(t, codes, np.column_stack([arm.astype(float), X]), arm, cause=k)
        if not np.isfinite(fit.gamma_se):
            continue
        p = wald(fit.gamma, fit.gamma_se, s.alpha).p_value
        out[k] = (fit.gamma, float(p))
        if p < 0.05:
            warnings.warn(Message("warn_competing_not_proportional", {"cause": str(s.causes[k - 1]), "p": float(p)}),
                          StatisticalWarning, stacklevel=3)
    return out


def adjusted_note(covariates: Sequence[str], weighted: bool, strata: str | None, entry: str | None,
                  n_missing: int = 0, ess: pd.DataFrame | None = None, dropped: int = 0) -> str:
    """What the adjusted rows adjust for, and what Fine–Gray leaves out."""
    parts: list[str] = []
    if covariates:
        parts.append(Message("note_competing_adjusted", {"covariates": ", ".join(covariates), "n_missing": n_missing}))
    if weighted:
        parts.append(Message("note_competing_weights"))
        if ess is not None:
            parts.append(Message("note_competing_ess", {"sizes": kish_sizes(ess)}))
        if dropped:
            parts.append(Message("note_competing_dropped", {"n": dropped}))
    if strata or entry:
        ignored = [Message("note_competing_strata", {"strata": strata}) if strata else "",
                   Message("note_competing_entry", {"entry": entry}) if entry else ""]
        what = Message("pair", {"a": ignored[0], "b": ignored[1]}) if strata and entry else ignored[0] or ignored[1]
        parts.append(Message("note_competing_ignores", {"what": what}))
    return joined(parts, "note_sentences")
