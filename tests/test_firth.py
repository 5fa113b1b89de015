"""Separation: the exact check, Firth's fallback against an independent R calculation, and the warnings.

R: Rscript tests/reference/firth.R — maximises l(β) + ½ log|X′WX| with optim and finds the profile
penalised-likelihood limits with uniroot (logistf is not in Debian; this is its definition).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.stats.firth import firth, profile_interval, separation

REF = Path(__file__).resolve().parent / "reference"


@pytest.fixture(scope="module")
def r() -> pd.Series:
    return pd.read_csv(REF / "firth_R.csv").set_index("name")["value"].astype(float)


def test_firth_and_its_profile_interval_equal_the_r_calculation(r: pd.Series) -> None:
    d = pd.read_csv(REF / "firth_data.csv")
    X, y = np.column_stack([np.ones(len(d)), d["arm"], d["age"]]), d["y"].to_numpy(float)
    assert separation(X, y, ["(Intercept)", "arm", "age"]) == ["(Intercept)", "arm"]
    f = firth(X, y)
    np.testing.assert_allclose(f.params, [r["b0"], r["b_arm"], r["b_age"]], rtol=1e-6)
    assert f.loglik == pytest.approx(r["loglik"], rel=1e-10)
    lo, hi = profile_interval(X, y, f, 1)
    assert (lo, hi) == pytest.approx((r["profile_low"], r["profile_high"]), rel=1e-6)
    with pytest.warns(ekc.StatisticalWarning, match="separation in the logistic model along arm"):
        res = ekc.compare(d, "y", "arm", covariates=["age"])
    adj = res.to_frame().set_index("measure").loc["adjusted_odds_ratio"]
    assert np.log(adj["estimate"]) == pytest.approx(r["b_arm"], rel=1e-6)
    assert (np.log(adj["ci_low"]), np.log(adj["ci_high"])) == pytest.approx((r["profile_low"], r["profile_high"]),
                                                                            rel=1e-6)


def test_a_strong_covariate_is_not_mistaken_for_separation(r: pd.Series) -> None:
    """R's glm converges with fitted probabilities down to 4.6e-9: the old 1e-8 rule wiped this OR out."""
    s = pd.read_csv(REF / "firth_strong.csv")
    assert r["strong_min_fitted"] < 1e-8
    with warnings.catch_warnings():
        warnings.simplefilter("error", ekc.StatisticalWarning)
        adj = ekc.compare(s, "y", "arm", covariates=["x"]).to_frame().set_index("measure").loc["adjusted_odds_ratio"]
    assert np.log(adj["estimate"]) == pytest.approx(r["strong_arm"], rel=1e-6)
    se = (np.log(adj["ci_high"]) - np.log(adj["estimate"])) / 1.959963984540054
    assert se == pytest.approx(r["strong_se"], rel=1e-5)


def test_sparse_tables_warn_and_say_what_to_do() -> None:
    rng = np.random.default_rng(1)
    base = pd.DataFrame({"g": [1] * 60 + [0] * 60, "x": rng.normal(size=120)})
    none = base.assign(y=[1] * 8 + [0] * 52 + [0] * 60)
    with pytest.warns(ekc.StatisticalWarning, match="0 has no events for y: .*Newcombe"):
        ekc.compare(none, "y", "g")
    few = base.assign(y=[1] * 3 + [0] * 57 + [1] * 12 + [0] * 48)
    with pytest.warns(ekc.StatisticalWarning, match=r"cells below 5 .*FGC with y \(3\)"):
        ekc.compare(few, "y", "g")
    with pytest.warns(ekc.StatisticalWarning, match="15 events .* for 2 model parameters: fewer than 10"):
        ekc.compare(few, "y", "g", covariates=["x"])
    fine = base.assign(y=(rng.random(120) < 0.4).astype(int))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ekc.StatisticalWarning)
        ekc.compare(fine, "y", "g", covariates=["x"])
