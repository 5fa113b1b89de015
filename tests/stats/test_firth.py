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
from ekc_analysis.stats._firth import combination, firth, plr_p_value, profile_interval, separation

REF = Path(__file__).resolve().parents[1] / "reference"


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
    # the data's own caveats: no event without FGC (the 2 × 2 table), 10 events for 2 adjusted parameters
    with pytest.warns(ekc.StatisticalWarning, match="separation in the logistic model along arm"), \
            pytest.warns(ekc.StatisticalWarning, match="^0 has no events for y: the odds and risk ratios"), \
            pytest.warns(ekc.StatisticalWarning, match="^10 events .* for 2 model parameters: fewer than 10"):
        res = ekc.compare(d, "y", "arm", covariates=["age"])
    adj = res.to_frame().set_index("measure").loc["adjusted_odds_ratio"]
    assert np.log(adj["estimate"]) == pytest.approx(r["b_arm"], rel=1e-6)
    assert (np.log(adj["ci_low"]), np.log(adj["ci_high"])) == pytest.approx((r["profile_low"], r["profile_high"]),
                                                                            rel=1e-6)


@pytest.fixture(scope="module")
def plr() -> pd.Series:
    return pd.read_csv(REF / "firth_plr_R.csv").set_index("name")["value"].astype(float)


def test_firth_p_values_are_penalised_likelihood_ratio_tests(plr: pd.Series) -> None:
    """As logistf: 2·(l*(β̂) − l*(β̂ | β_j = 0)) on χ²₁, equal to an independent R maximisation
    (tests/reference/firth_plr.R) to 1e-10; the adjusted odds ratio row of compare() carries it."""
    d = pd.read_csv(REF / "firth_data.csv")
    X, y = np.column_stack([np.ones(len(d)), d["arm"], d["age"]]), d["y"].to_numpy(float)
    f = firth(X, y)
    assert plr_p_value(X, y, f, 1) == pytest.approx(plr["p_arm"], rel=1e-8)
    assert plr_p_value(X, y, f, 2) == pytest.approx(plr["p_age"], rel=1e-8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = ekc.compare(d, "y", "arm", covariates=["age"])
    assert res.to_frame().set_index("measure").loc["adjusted_odds_ratio", "p_value"] == pytest.approx(
        plr["p_arm"], rel=1e-8)
    assert any("penalised likelihood-ratio p-values" in n for n in res.notes)


def test_moderator_level_under_separation_gets_its_profile_interval(plr: pd.Series) -> None:
    """No event without FGC among families with mod = 1: the arm effect in that level (β_arm + β_int) is
    profiled as one coefficient; estimate, interval and PLR p-value equal the R profile (firth_plr.R)."""
    m = pd.read_csv(REF / "firth_moderator.csv")
    assert plr["events_arm0_mod1"] == 0
    X = np.column_stack([np.ones(len(m)), m["arm"], m["mod"], m["arm"] * m["mod"]])
    est, lo, hi, p = combination(X, m["y"].to_numpy(float), np.array([0.0, 1.0, 0.0, 1.0]))
    assert (est, lo, hi) == pytest.approx((plr["mod1_log_or"], plr["mod1_low"], plr["mod1_high"]), rel=1e-6)
    assert p == pytest.approx(plr["mod1_p"], rel=1e-6)
    with pytest.warns(ekc.StatisticalWarning, match="separation"):
        t = ekc.compare(m, "y", "arm", moderator="mod").to_frame()
    rows = t[t["level"].notna()].set_index("level")
    level1 = rows.loc["mod=1"]
    assert np.log([level1["estimate"], level1["ci_low"], level1["ci_high"]]) == pytest.approx(
        [plr["mod1_log_or"], plr["mod1_low"], plr["mod1_high"]], rel=1e-6)
    assert level1["p_value"] == pytest.approx(plr["mod1_p"], rel=1e-6)
    level0 = rows.loc["mod=0"]
    assert np.log(level0["estimate"]) == pytest.approx(plr["mod0_log_or"], rel=1e-6)
    assert level0["p_value"] == pytest.approx(plr["p_mod0"], rel=1e-6)
    interaction = rows.loc["mod"]
    assert np.log(interaction["estimate"]) == pytest.approx(plr["int_log_ror"], rel=1e-6)
    assert interaction["p_value"] == pytest.approx(plr["p_int"], rel=1e-6)


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
    with pytest.warns(ekc.StatisticalWarning, match="0 has no events for y: .*Newcombe"), \
            pytest.warns(ekc.StatisticalWarning, match="separation in the logistic model .*Firth's penalised"):
        ekc.compare(none, "y", "g")
    few = base.assign(y=[1] * 3 + [0] * 57 + [1] * 12 + [0] * 48)
    with pytest.warns(ekc.StatisticalWarning, match=r"cells below 5 .*FGC with y \(3\)"):
        ekc.compare(few, "y", "g")
    with pytest.warns(ekc.StatisticalWarning, match="15 events .* for 2 model parameters: fewer than 10"), \
            pytest.warns(ekc.StatisticalWarning, match=r"cells below 5 .*FGC with y \(3\)"):
        ekc.compare(few, "y", "g", covariates=["x"])
    fine = base.assign(y=(rng.random(120) < 0.4).astype(int))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ekc.StatisticalWarning)
        ekc.compare(fine, "y", "g", covariates=["x"])


def test_firth_at_another_level_and_with_clusters_says_what_it_did() -> None:
    """A 90 % interval is the 90 % profile interval (not Wald); with clusters the note says CR2 Wald."""
    d = pd.read_csv(REF / "firth_data.csv")
    X, y = np.column_stack([np.ones(len(d)), d["arm"], d["age"]]), d["y"].to_numpy(float)
    lo, hi = profile_interval(X, y, firth(X, y), 1, alpha=0.10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        row = ekc.compare(d, "y", "arm", covariates=["age"], alpha=0.10).to_frame().set_index("measure")
        clustered = ekc.compare(d.assign(family=np.arange(len(d)) // 2), "y", "arm", covariates=["age"],
                                cluster="family")
    adj = row.loc["adjusted_odds_ratio"]
    assert (np.log(adj["ci_low"]), np.log(adj["ci_high"])) == pytest.approx((lo, hi), rel=1e-8)
    assert any("cluster-robust (CR2) Wald" in n for n in clustered.notes)
    assert not any("penalised likelihood-ratio" in n for n in clustered.notes)
