"""Issue 19.4: an estimate does not change when the rows are sorted, or when the weights are rescaled — for the
weighted estimators beyond survival() (tests/studies/test_weights.py): competing risks (weighted, clustered
Aalen–Johansen curves, CIF differences, adjusted Fine–Gray and cause-specific Cox) and the weighted Table 1."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.errors import StatisticalWarning

COVARIATES = ["age", "girl", "prior_referrals"]


@pytest.fixture(scope="module")
def cohort() -> pd.DataFrame:
    d = ekc.simulate_cohort(400, seed=3)
    end = d["end"].astype(str)
    status = np.where(end.str.startswith("rereferral"), 1, np.where(end == "censored", 0, 2))
    return d.assign(status=status, family=np.arange(len(d)) // 2)


@pytest.fixture(scope="module")
def w(cohort: pd.DataFrame) -> pd.Series:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        return ekc.propensity_weights(cohort, "group", COVARIATES)


def _competing(d: pd.DataFrame, w: pd.Series) -> list[pd.DataFrame]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        r = ekc.competing_risks(d, "time", "status", "group", covariates=COVARIATES, weights=w, cluster="family",
                                times=(1, 2))
    cif = r.cif.sort_values(["group", "cause", "time"]).reset_index(drop=True)
    return [r.to_frame().reset_index(drop=True), cif]


def _table_one(d: pd.DataFrame, w: pd.Series) -> list[pd.DataFrame]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        r = ekc.table_one(d, "group", ["age", "girl", "reason"], weights=w)
    # a weighted n is the sum of the weights, scaled with them by definition: the shares, means and SDs are not
    return [r.to_frame().drop(columns=["n"]).reset_index(drop=True)]


@pytest.mark.parametrize("run", [_competing, _table_one], ids=["competing_risks", "table_one"])
def test_shuffled_rows_and_rescaled_weights_give_the_same_numbers(cohort: pd.DataFrame, w: pd.Series,
                                                                   run) -> None:  # noqa: ANN001
    base = run(cohort, w)
    for seed in (1, 2):
        for mine, theirs in zip(run(cohort.sample(frac=1, random_state=seed), w), base, strict=True):
            pd.testing.assert_frame_equal(mine, theirs, rtol=1e-9, check_dtype=False)
    for scale in (1e-6, 1e8):
        for mine, theirs in zip(run(cohort, w * scale), base, strict=True):
            pd.testing.assert_frame_equal(mine, theirs, rtol=1e-8, check_dtype=False)
