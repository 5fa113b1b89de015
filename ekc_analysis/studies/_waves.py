"""Repeated measures: the FGC − comparison difference at every wave, children within families.

A continuous outcome gets a linear mixed model fitted by REML with nlme's fixed-effect standard errors
``(X′V⁻¹X)⁻¹`` (:mod:`ekc_analysis.stats`; = ``nlme::lme``), a random intercept per person and,
with ``cluster=``, per family above it (``random = ~ 1 | family/child``). A 0/1 outcome is never put
into a linear mixed model: it gets a logistic GEE with an exchangeable working correlation within the
person (or the family, with ``cluster=``) and sandwich errors (:mod:`ekc_analysis.stats`; =
``geepack::geeglm``), and the per-wave contrast is an odds ratio.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats as st

from ..errors import ArgumentError, shown
from ..i18n import Message
from ..results import Result
from ._groups import binary_values, check_columns, design, reference_note, two_groups
from ._wording import joined

COLUMNS = ["outcome", "contrast", "measure", "level", "estimate", "ci_low", "ci_high", "p_value", "n_treated",
           "n_control", "statistic", "df"]


def _design(data: pd.DataFrame, waves: list[object], covariates: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    arm = data["arm"].to_numpy(float)
    cols, names = [np.ones(len(data)), arm], ["(Intercept)", "arm"]
    for w in waves[1:]:
        cols.append((data["wave"] == w).to_numpy(float))
        names.append(f"wave{w}")
    for w in waves[1:]:
        cols.append(arm * (data["wave"] == w).to_numpy(float))
        names.append(f"arm:wave{w}")
    if covariates:
        extra, extra_names = design(data, np.zeros(len(data)), covariates)
        cols += list(extra[:, 2:].T)
        names += extra_names[2:]
    return np.column_stack(cols), names


def compare_waves(long: pd.DataFrame, outcome: str, group: str, treated: object = None, *, id: str = "id",
                  wave: str = "wave", cluster: str | None = None, covariates: Sequence[str] = (),
                  kind: Literal["auto", "binary", "continuous"] = "auto", alpha: float = 0.05) -> Result:
    """The difference between the groups at every wave, and whether it changes over time.

    Parameters
    ----------
    long : DataFrame
        One row per person and wave (``data/sample/trial_long.csv``); people with missing waves
        (dropout) keep the waves they have (missing at random).
    outcome, group, treated
        As in :func:`ekc.compare`.
    id, wave : str
        The person and the wave columns.
    cluster : str, optional
        Families above the persons (children within families): a random intercept per family as well
        (continuous), or the family as the GEE cluster (binary).
    covariates : sequence of str
        Baseline covariates added to the model (e.g. the baseline score).
    kind : {"auto", "binary", "continuous"}
        ``auto``: 0/1 outcomes are binary.

    Returns
    -------
    Result
        One row per wave (``measure`` ``mean_difference`` or ``odds_ratio``, ``level`` = the wave) with
        Wald intervals on the normal distribution (odds ratios and their intervals on the ratio scale),
        and the joint Wald test of group × wave (``interaction (group x wave, chi-square)``: its
        chi-square in ``statistic`` on ``df`` degrees of freedom, ``estimate`` and the interval NaN).
        ``result.model`` holds the coefficients (log odds for a 0/1 outcome).
    """
    covariates = list(covariates)
    check_columns(long, [outcome, id, wave, *covariates, *([cluster] if cluster else [])])
    g = two_groups(long, group, treated, needed=[outcome, id, wave, *covariates, *([cluster] if cluster else [])])
    binary = _is_binary(g.data[outcome], outcome, kind)
    y = binary_values(g.data[outcome], outcome) if binary else pd.to_numeric(g.data[outcome]).to_numpy(float)
    data = g.data.assign(arm=g.arm, wave=g.data[wave].to_numpy(), y=y)
    waves = sorted(pd.unique(data["wave"]))
    if len(waves) < 2:
        raise ArgumentError(f"wave={wave!r} has {len(waves)} value(s); repeated measures need at least two")
    X, names = _design(data, waves, covariates)
    person = data[id].astype(str).to_numpy()
    family = data[cluster].astype(str).to_numpy() if cluster else None
    if family is not None:
        person = np.char.add(np.char.add(family.astype(str), "/"), person.astype(str))
    if binary:
        params, cov, model_note = _gee(X, y, names, family if family is not None else person, outcome, covariates,
                                       cluster or id)
    else:
        params, cov, model_note = _mixed(X, y, names, person, family, outcome, covariates, cluster, id)
    contrast = f"{g.treated!s} vs {g.control!s}"
    rows = _wave_rows(data, waves, names, params, cov, binary, alpha, outcome=outcome, contrast=contrast, wave=wave)
    inter = [i for i, n in enumerate(names) if n.startswith("arm:")]
    rows.append(_interaction_row(params, cov, inter, person, data["arm"].to_numpy(), outcome, contrast))
    notes = [model_note, Message("note_waves_measurements", {"n": pd.unique(person).size, "id": id, "m": len(data)}),
             Message("note_waves_wald", {"df": len(inter)})]
    if g.note():
        notes.append(g.note() or "")
    if reference_note(data, covariates):
        notes.append(reference_note(data, covariates) or "")
    return Result("compare", pd.DataFrame(rows, columns=COLUMNS), Message("title_compare_waves", {"outcome": outcome}),
                  tuple(notes), {"model": pd.DataFrame({"term": names, "coef": params, "se": np.sqrt(np.diag(cov))})},
                  {"outcome": outcome, "kind": "binary" if binary else "continuous", "cluster": cluster,
                   "percent_columns": ()})


def _is_binary(y_raw: pd.Series, outcome: str, kind: str) -> bool:
    """Whether the outcome is 0/1 (``kind="auto"``) or declared binary; a two-valued code must be recoded."""
    values = set(pd.unique(y_raw.dropna()))
    binary = kind == "binary" or (kind == "auto" and (pd.api.types.is_bool_dtype(y_raw.dtype) or values <= {0, 1}))
    if kind == "auto" and not binary and len(values) == 2:
        a, b = sorted(values)
        raise ArgumentError(f"outcome={outcome!r} has only two values, {shown(a)} and {shown(b)}: recode a yes/no "
                            "outcome to 0/1 (1 = the event), or pass kind='continuous' for a measurement")
    return binary


def _gee(X: np.ndarray, y: np.ndarray, names: list[str], clusters: np.ndarray, outcome: str,
         covariates: list[str], within: str) -> tuple[np.ndarray, np.ndarray, str]:
    """Logistic GEE with exchangeable correlation within ``clusters``: (params, cov, model note)."""
    from ..stats._gee import gee_logistic

    fit = gee_logistic(X, y.astype(float), names, clusters)
    note = Message("note_waves_gee", {"alpha": fit.alpha, "within": within, "formula": _formula(outcome, covariates),
                                      "n_clusters": fit.n_clusters})
    return fit.params, fit.cov, note


def _formula(outcome: str, covariates: list[str]) -> str:
    return f"{outcome} ~ arm * wave" + "".join(f" + {c}" for c in covariates)


def _mixed(X: np.ndarray, y: np.ndarray, names: list[str], person: np.ndarray, family: np.ndarray | None,
           outcome: str, covariates: list[str], cluster: str | None,
           id: str) -> tuple[np.ndarray, np.ndarray, str]:
    """Linear mixed model (REML) with a random intercept per person (and per family): (params, cov, note)."""
    from ..stats._mixed import lmm

    mfit = lmm(X, y, names, family if family is not None else person, person if family is not None else None)
    levels = (Message("note_waves_intercepts", {"cluster": cluster, "id": id}) if cluster
              else Message("note_waves_intercept", {"id": id}))
    note = Message("note_waves_mixed", {
        "formula": _formula(outcome, covariates), "levels": levels,
        "sds": joined([Message("note_number", {"x": float(s)}) for s in mfit.sd]), "sigma": mfit.sigma})
    return mfit.params, mfit.cov, note


def _wave_rows(data: pd.DataFrame, waves: list[object], names: list[str], params: np.ndarray, cov: np.ndarray,
               binary: bool, alpha: float, *, outcome: str, contrast: str, wave: str) -> list[dict[str, object]]:
    """The group difference at every wave (arm + arm:wave), Wald intervals on the normal distribution."""
    z = st.norm.isf(alpha / 2)
    rows = []
    for i, w in enumerate(waves):
        weights = np.zeros(len(names))
        weights[1] = 1.0
        if i > 0:
            weights[names.index(f"arm:wave{w}")] = 1.0
        est, se = float(weights @ params), float(np.sqrt(weights @ cov @ weights))
        lo, hi = est - z * se, est + z * se
        if binary:
            est, lo, hi = float(np.exp(est)), float(np.exp(lo)), float(np.exp(hi))
        at = data["wave"] == w
        rows.append({"outcome": outcome, "contrast": contrast,
                     "measure": "odds_ratio" if binary else "mean_difference", "level": f"{wave}={w}",
                     "estimate": est, "ci_low": lo, "ci_high": hi,
                     "p_value": float(2 * st.norm.sf(abs(float(weights @ params)) / se)),
                     "n_treated": int((at & (data["arm"] == 1)).sum()),
                     "n_control": int((at & (data["arm"] == 0)).sum()), "statistic": np.nan, "df": np.nan})
    return rows


def _interaction_row(params: np.ndarray, cov: np.ndarray, inter: list[int], person: np.ndarray, arm: np.ndarray,
                     outcome: str, contrast: str) -> dict[str, object]:
    """The joint Wald test of group × wave: a test, its chi-square in ``statistic``, not ``estimate``."""
    b, v = params[inter], cov[np.ix_(inter, inter)]
    chi2 = float(b @ np.linalg.solve(v, b))
    return {"outcome": outcome, "contrast": contrast,
            "measure": "interaction (group x wave, chi-square)", "level": None, "estimate": np.nan,
            "ci_low": np.nan, "ci_high": np.nan, "p_value": float(st.chi2.sf(chi2, len(inter))),
            "n_treated": int(pd.unique(person[arm == 1]).size),
            "n_control": int(pd.unique(person[arm == 0]).size),
            "statistic": chi2, "df": len(inter)}
