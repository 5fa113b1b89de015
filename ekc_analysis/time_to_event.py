"""Time to an event in a cohort or trial: Kaplan–Meier, log-rank, Cox hazard ratios, RMST.

Sundell & Vinnerljung (2004) followed children three years for re-referral; this module compares
such follow-up between FGC and comparison children.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import ArgumentError
from .groups import binary_values, check_columns, design, two_groups
from .results import Result
from .stats.cox import fit_cox, hazard_ratio, ph_test
from .stats.effects import Estimate
from .stats.survival import kaplan_meier, logrank, survival_at

EFFECT_COLUMNS = ["measure", "level", "estimate", "ci_low", "ci_high", "p_value", "n_treated", "n_control"]


def _covariate_columns(data: pd.DataFrame, covariates: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    X, names = design(data, np.zeros(len(data)), list(covariates))
    return X[:, 2:], names[2:]


def survival(df: pd.DataFrame, time: str, event: str, group: str, treated: object = None,
             covariates: Sequence[str] = (), weights: pd.Series | np.ndarray | None = None, *,
             times: Sequence[float] = (1, 2, 3), alpha: float = 0.05) -> Result:
    """Time to re-referral: Kaplan–Meier per group, log-rank test and Cox hazard ratios (Efron ties).

    Rows (``measure``): ``hazard_ratio`` (crude Cox), ``adjusted_hazard_ratio`` (with ``covariates``),
    ``weighted_hazard_ratio`` (with ``weights``; robust sandwich SE), ``logrank`` (estimate = chi-square).
    ``result.km``: ``group, time, survival, ci_low, ci_high, at_risk`` (+ events, censored);
    ``result.incidence``: cumulative incidence 1 − S(t) at ``times``; ``result.ph_test``: the test of
    proportional hazards per term and globally (``term, statistic, df, p_value``), as R's ``cox.zph``.
    """
    check_columns(df, [time, event, *covariates])
    g = two_groups(df, group, treated, needed=[time, event, *covariates])
    data = g.data.assign(arm=g.arm)
    data[event] = binary_values(data[event], event)
    if (pd.to_numeric(data[time]) < 0).any():
        raise ArgumentError(f"time={time!r} has negative values; follow-up time starts at 0")
    w = None
    if weights is not None:
        w = pd.Series(np.asarray(weights, float), index=df.index).loc[data.index].to_numpy()
        if np.isnan(w).any() or (w < 0).any():
            raise ArgumentError("weights must be non-negative numbers for every analysed row")
    rows: list[dict[str, object]] = []

    def add(measure: str, e: Estimate) -> None:
        rows.append({"measure": measure, "level": None, "estimate": e.estimate, "ci_low": e.ci_low,
                     "ci_high": e.ci_high, "p_value": e.p_value, "n_treated": g.n_treated, "n_control": g.n_control})

    _, crude = fit_cox(data, time, event, ["arm"], alpha=alpha)
    add("hazard_ratio", hazard_ratio(crude, alpha=alpha))
    X, names = _covariate_columns(data, covariates)
    cov_frame = pd.DataFrame(X, columns=names, index=data.index)
    model = crude
    columns = ["arm"]
    if covariates:
        full = pd.concat([data[[time, event, "arm"]], cov_frame], axis=1)
        columns = ["arm", *names]
        _, model = fit_cox(full, time, event, columns, alpha=alpha)
        add("adjusted_hazard_ratio", hazard_ratio(model, alpha=alpha))
    if w is not None:
        _, weighted = fit_cox(data, time, event, ["arm"], weights=w, alpha=alpha)
        add("weighted_hazard_ratio", hazard_ratio(weighted, alpha=alpha))
    chi2, p, observed, expected = logrank(data[time].to_numpy(float), data[event].to_numpy(float), g.arm)
    add("logrank", Estimate(chi2, np.nan, np.nan, p))

    curves, incidence = [], []
    for arm, name in ((1, g.treated), (0, g.control)):
        sub = data[g.arm == arm]
        ww = None if w is None else w[g.arm == arm]
        curve = kaplan_meier(sub[time].to_numpy(float), sub[event].to_numpy(float), ww, alpha)
        curves.append(curve.assign(group=name))
        for t in times:
            at = survival_at(curve, t)
            incidence.append({"group": name, "time": t, "incidence": 1 - at["survival"],
                              "ci_low": 1 - at["ci_high"], "ci_high": 1 - at["ci_low"], "at_risk": at["at_risk"]})
    km = pd.concat(curves, ignore_index=True)[["group", "time", "survival", "ci_low", "ci_high", "at_risk",
                                               "events", "censored"]]
    # proportional hazards of the model the adjusted (or crude) hazard ratio comes from, tested as cox.zph
    terms = {"arm": [0]}
    for c in covariates:  # a factor's dummies form one term
        dummies = design(data, np.zeros(len(data)), [c])[1][2:]
        terms[c] = [columns.index(name) for name in dummies]
    ph_X = np.column_stack([data["arm"].to_numpy(float), X]) if covariates else data[["arm"]].to_numpy(float)
    ph = ph_test(data[time].to_numpy(float), data[event].to_numpy(float), ph_X,
                 model.set_index("term").loc[columns, "coef"].to_numpy(float), terms)
    notes = [f"{g.n_treated} in {g.treated!s} ({int(data.loc[g.arm == 1, event].sum())} events), {g.n_control} in "
             f"{g.control!s} ({int(data.loc[g.arm == 0, event].sum())} events); log-rank observed {observed:.0f} vs "
             f"expected {expected:.1f} in {g.treated!s}.",
             "Cox models with Efron ties" + (f", adjusted for {', '.join(covariates)}" if covariates else "")
             + ("; weighted model with robust (sandwich) standard errors" if w is not None else "") + ".",
             "Kaplan–Meier intervals on the log scale (R's default)."]
    doubtful = ph[(ph["p_value"] < 0.05) & (ph["term"] != "GLOBAL")]
    if len(doubtful):
        notes.append("Proportional hazards look doubtful for: " + ", ".join(doubtful["term"])
                     + " (scaled Schoenfeld residuals); read the hazard ratio as an average over follow-up.")
    return Result("survival", pd.DataFrame(rows, columns=EFFECT_COLUMNS), f"Time to {event}: FGC versus comparison",
                  tuple(notes), {"km": km, "incidence": pd.DataFrame(incidence), "ph_test": ph, "model": model},
                  {"treated": g.treated, "control": g.control, "times": tuple(times), "alpha": alpha,
                   "percent_columns": ()})
