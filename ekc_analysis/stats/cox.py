"""Cox proportional-hazards fits with Efron ties (lifelines, which agrees with R's ``coxph``).

statsmodels' ``PHReg`` accepts ``weights=`` but ignores them, so weighted fits go through
lifelines with ``robust=True`` (the sandwich variance R uses for ``coxph(..., robust = TRUE)``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .effects import Estimate, wald


def fit_cox(data: pd.DataFrame, time: str, event: str, columns: list[str], weights: np.ndarray | None = None,
            alpha: float = 0.05) -> tuple[object, pd.DataFrame]:
    """Fit ``Surv(time, event) ~ columns``; return (fitted lifelines model, coefficient table)."""
    from lifelines import CoxPHFitter

    frame = data[[time, event, *columns]].astype(float).copy()
    kwargs: dict[str, object] = {}
    if weights is not None:
        frame["__w"] = weights
        kwargs = {"weights_col": "__w", "robust": True}
    cph = CoxPHFitter(alpha=alpha)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lifelines' note on non-integer weights: robust=True is set
        cph.fit(frame, duration_col=time, event_col=event, **kwargs)
    table = pd.DataFrame({"term": list(cph.params_.index), "coef": cph.params_.to_numpy(),
                          "se": cph.standard_errors_.to_numpy()})
    return cph, table


def hazard_ratio(table: pd.DataFrame, term: str = "arm", alpha: float = 0.05) -> Estimate:
    row = table.set_index("term").loc[term]
    return wald(float(row["coef"]), float(row["se"]), alpha, exp=True)


def ph_test(cph: object, data: pd.DataFrame, time: str, event: str, columns: list[str]) -> pd.DataFrame:
    """Scaled Schoenfeld residual test per covariate (time transformed by the KM estimate)."""
    from lifelines.statistics import proportional_hazard_test

    frame = data[[time, event, *columns]].astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = proportional_hazard_test(cph, frame, time_transform="km")
    summary = res.summary.reset_index()
    return pd.DataFrame({"term": summary.iloc[:, 0].astype(str), "statistic": summary["test_statistic"],
                         "p_value": summary["p"]})
