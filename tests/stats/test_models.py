"""ekc_analysis.stats._models on its own: logistic, poisson, linear, robust, standardised_risk_difference and
check_small_sample.

References: R 4.2 (tests/reference/stats_models.R, writing stats_models_R.csv) on data shipped with R:
datasets::infert (248 women in 83 matched sets; case ~ arm + spontaneous + age, arm = any induced abortion),
datasets::mtcars (mpg ~ wt + hp) and datasets::ChickWeight (weight ~ Time, 50 chicks as clusters):
``glm(binomial / poisson, epsilon = 1e-14)`` and ``lm`` coefficients and covariances,
``sandwich::vcovHC(type = "HC2")``, ``clubSandwich::vcovCR(cluster, type = "CR2")`` with
``coef_test(test = "Satterthwaite")`` (SE, df, p), and the g-computation risk difference with the delta method
(ML, HC2 and CR2 with ``linear_contrast(test = "Satterthwaite")`` df). tests/stats/test_sandwich.py checks the
naive G − 1 reference on another data set; the separation and non-convergence warnings are asserted here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ekc_analysis.errors import ArgumentError, StatisticalWarning
from ekc_analysis.stats._models import (
    check_small_sample,
    linear,
    logistic,
    poisson,
    robust,
    standardised_risk_difference,
)

REF = Path(__file__).resolve().parents[1] / "reference"
FILES = ["stats_models_infert.csv", "stats_models_mtcars.csv", "stats_models_chick.csv"]
INFERT = ["const", "arm", "spontaneous", "age"]


@pytest.fixture(scope="module")
def r() -> dict[str, float]:
    """Rscript tests/reference/stats_models.R."""
    ref = pd.read_csv(REF / "stats_models_R.csv", dtype=str).set_index("name")["value"]
    md5 = "-".join(hashlib.md5((REF / f).read_bytes()).hexdigest() for f in FILES)
    assert md5 == ref["input_md5"], "rerun tests/reference/stats_models.R"
    return {k: float(v) for k, v in ref.drop("input_md5").items()}


@pytest.fixture(scope="module")
def infert() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = pd.read_csv(REF / FILES[0])
    X = np.column_stack([np.ones(len(d)), d["arm"], d["spontaneous"], d["age"]])
    return X, d["case"].to_numpy(float), d["stratum"].to_numpy()


def _se(fit, i: int) -> float:
    return float(np.sqrt(fit.cov[i, i]))


def test_logistic_equals_glm_with_ml_covariance(infert, r: dict[str, float]) -> None:
    X, y, _ = infert
    fit = logistic(X, y, INFERT)
    assert (fit.vcov, fit.df_resid, fit.separated) == ("ML", None, False)
    for i, k in enumerate(INFERT):
        assert fit.params[i] == pytest.approx(r[f"logit_{k}_coef"], rel=1e-7)
        assert _se(fit, i) == pytest.approx(r[f"logit_{k}_se"], rel=1e-6)
    e = fit.coef("arm")
    z = r["logit_arm_coef"] / r["logit_arm_se"]
    assert e.p_value == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-6)


def test_robust_logistic_is_hc2_with_a_normal_reference(infert, r: dict[str, float]) -> None:
    X, y, _ = infert
    fit = robust(logistic(X, y, INFERT), X, y, "binomial")
    assert (fit.vcov, fit.df_resid, fit.n_clusters) == ("HC2", None, None)
    for i, k in enumerate(INFERT):
        assert _se(fit, i) == pytest.approx(r[f"logit_{k}_hc2_se"], rel=1e-6)


@pytest.mark.parametrize("model", ["logit", "pois"])
def test_clustered_glm_is_cr2_with_satterthwaite_df(infert, r: dict[str, float], model: str) -> None:
    """R: coef_test(m, vcov = vcovCR(m, cluster = stratum, type = "CR2"), test = "Satterthwaite")."""
    X, y, strata = infert
    fit = logistic(X, y, INFERT, strata) if model == "logit" else poisson(X, y, INFERT, strata)
    assert (fit.vcov, fit.n_clusters, fit.df_resid) == ("CR2", r[f"{model}_n_clusters"], 82.0)
    for i, k in enumerate(INFERT):
        e = fit.coef(k)
        assert fit.params[i] == pytest.approx(r[f"{model}_{k}_coef"], rel=1e-7)
        assert _se(fit, i) == pytest.approx(r[f"{model}_{k}_cr2_se"], rel=1e-6)
        assert fit.df(np.eye(4)[i]) == pytest.approx(r[f"{model}_{k}_cr2_df"], rel=1e-6)
        assert e.p_value == pytest.approx(r[f"{model}_{k}_cr2_p"], rel=1e-5)


def test_poisson_is_glm_with_hc2_by_default(infert, r: dict[str, float]) -> None:
    X, y, _ = infert
    fit = poisson(X, y, INFERT)
    assert (fit.vcov, fit.df_resid) == ("HC2", None)
    for i, k in enumerate(INFERT):
        assert fit.params[i] == pytest.approx(r[f"pois_{k}_coef"], rel=1e-7)
        assert _se(fit, i) == pytest.approx(r[f"pois_{k}_hc2_se"], rel=1e-6)


def test_linear_is_lm_with_hc2_by_default_and_classical_on_request(r: dict[str, float]) -> None:
    d = pd.read_csv(REF / FILES[1])
    X, y = np.column_stack([np.ones(len(d)), d["wt"], d["hp"]]), d["mpg"].to_numpy(float)
    names = ["const", "wt", "hp"]
    hc2, classical = linear(X, y, names), linear(X, y, names, robust=False)
    assert (hc2.vcov, hc2.df_resid, classical.vcov, classical.df_resid) == ("HC2", 29.0, "classical", 29.0)
    for i, k in enumerate(names):
        assert hc2.params[i] == pytest.approx(r[f"lm_mt_{k}_coef"], rel=1e-10)
        assert _se(hc2, i) == pytest.approx(r[f"lm_mt_{k}_hc2_se"], rel=1e-9)
        assert _se(classical, i) == pytest.approx(r[f"lm_mt_{k}_se"], rel=1e-9)
    e = hc2.coef("wt")  # t on n − p = 29
    t = r["lm_mt_wt_coef"] / r["lm_mt_wt_hc2_se"]
    assert e.p_value == pytest.approx(2 * stats.t.sf(abs(t), 29), rel=1e-8)
    assert e.ci_low == pytest.approx(r["lm_mt_wt_coef"] - stats.t.ppf(0.975, 29) * r["lm_mt_wt_hc2_se"], rel=1e-9)


def test_clustered_linear_is_cr2_with_satterthwaite_df(r: dict[str, float]) -> None:
    d = pd.read_csv(REF / FILES[2])
    X, y = np.column_stack([np.ones(len(d)), d["time"]]), d["weight"].to_numpy(float)
    fit = linear(X, y, ["const", "time"], d["chick"].to_numpy())
    naive = linear(X, y, ["const", "time"], d["chick"].to_numpy(), small_sample="naive")
    assert (fit.vcov, fit.n_clusters, naive.df(np.array([0.0, 1.0]))) == ("CR2", 50, 49.0)
    for i, k in enumerate(["const", "time"]):
        assert _se(fit, i) == pytest.approx(r[f"lm_ck_{k}_cr2_se"], rel=1e-9)
        assert fit.df(np.eye(2)[i]) == pytest.approx(r[f"lm_ck_{k}_cr2_df"], rel=1e-8)
    assert fit.coef("const").p_value == pytest.approx(r["lm_ck_const_cr2_p"], rel=1e-6)


def test_standardised_risk_difference_equals_g_computation_in_r(infert, r: dict[str, float]) -> None:
    """R: mean(plogis(X1 b)) − mean(plogis(X0 b)), SE sqrt(g′ V g) with V the ML, HC2 and CR2 covariance; CR2 on
    linear_contrast's Satterthwaite df."""
    X, y, strata = infert
    ml = logistic(X, y, INFERT)
    for fit, se in [(ml, "rd_ml_se"), (robust(ml, X, y, "binomial"), "rd_hc2_se")]:
        e = standardised_risk_difference(fit, X)
        assert e.estimate == pytest.approx(r["rd"], rel=1e-7)
        assert (e.estimate - e.ci_low) / stats.norm.ppf(0.975) == pytest.approx(r[se], rel=1e-6)
    e = standardised_risk_difference(logistic(X, y, INFERT, strata), X)
    assert e.estimate == pytest.approx(r["rd"], rel=1e-7)
    assert e.ci_low == pytest.approx(r["rd_cr2_low"], rel=1e-5)
    assert (e.estimate - e.ci_low) / stats.t.ppf(0.975, r["rd_cr2_df"]) == pytest.approx(r["rd_cr2_se"], rel=1e-6)


def test_separated_logistic_warns_and_falls_back_to_firth() -> None:
    X = np.column_stack([np.ones(8), [0, 0, 0, 0, 1, 1, 1, 1]])
    y = np.array([0, 1, 0, 0, 1, 1, 1, 1.0])
    with pytest.warns(StatisticalWarning, match="separation in the logistic model along arm"):
        fit = logistic(X, y, ["(Intercept)", "arm"])
    assert fit.vcov == "Firth" and np.all(np.isfinite(fit.params))
    nan = logistic(X, y, ["(Intercept)", "arm"], firth_fallback=False)
    assert nan.separated and np.isnan(nan.params).all()
    assert np.isnan(standardised_risk_difference(nan, X).estimate)


def test_poisson_without_events_in_an_arm_warns_and_returns_nan() -> None:
    """Arm 0: 0/4 events, arm 1: 3/4. The maximum-likelihood risk ratio is infinite; R's glm(poisson) stops at a
    finite value (log RR 21.01, converged = TRUE) and statsmodels at 25.39 (HC2 SE 0.333): the linear programme of
    poisson_mle_exists sees that no finite maximum exists."""
    X = np.column_stack([np.ones(8), [0, 0, 0, 0, 1, 1, 1, 1]])
    y = np.array([0, 0, 0, 0, 1, 0, 1, 1.0])
    with pytest.warns(StatisticalWarning, match="modified Poisson model for the risk ratio did not converge"):
        fit = poisson(X, y, ["const", "arm"])
    assert fit.separated and np.isnan(fit.params).all() and np.isnan(fit.cov).all()
    assert robust(fit, X, y, "poisson") is fit


def test_check_small_sample_accepts_the_two_choices_only() -> None:
    assert check_small_sample("satterthwaite") is True and check_small_sample("naive") is False
    with pytest.raises(ArgumentError, match="small_sample='kr'"):
        check_small_sample("kr")


def test_the_poisson_maximum_exists_unless_a_pattern_has_no_events() -> None:
    """Closed cases: every arm with an event (finite); an arm without events, also beside a covariate (infinite);
    no events at all (infinite); a covariate level without events inside an arm that has some (infinite)."""
    from ekc_analysis.stats._models import poisson_mle_exists

    arm = np.array([0, 0, 0, 0, 1, 1, 1, 1.0])
    age = np.array([3, 7, 9, 12, 4, 8, 10, 15.0])
    X = np.column_stack([np.ones(8), arm])
    assert poisson_mle_exists(X, np.array([1, 0, 0, 0, 1, 0, 1, 1.0]))
    assert not poisson_mle_exists(X, np.array([0, 0, 0, 0, 1, 0, 1, 1.0]))
    assert not poisson_mle_exists(np.column_stack([X, age]), np.array([0, 0, 0, 0, 1, 0, 1, 1.0]))
    assert not poisson_mle_exists(X, np.zeros(8))
    level = np.array([0, 0, 1, 1, 0, 0, 1, 1.0])
    assert not poisson_mle_exists(np.column_stack([X, level]), np.array([1, 1, 0, 0, 1, 0, 0, 0.0]))
    assert poisson_mle_exists(np.column_stack([X, level]), np.array([1, 1, 1, 0, 1, 0, 0, 1.0]))
