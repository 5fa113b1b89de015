"""CR2 with Satterthwaite df on the AIPW influence values (stats/_aipw.py: cluster_covariance) against R.

R: ``Rscript tests/reference/aipw_cr2.R`` on clubSandwich::AchievementAwardsRCT (Angrist and Lavy), 2001: the
stacked-M AIPW influence values, then ``coef_test(lm(phi ~ 1), vcov = "CR2", cluster = school_id,
test = "Satterthwaite")`` for the treated and control means, the risk difference and the log risk ratio.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ekc_analysis.errors import ArgumentError
from ekc_analysis.stats import _aipw as engine
from ekc_analysis.stats._sandwich import Satterthwaite, cr2

REF = Path(__file__).resolve().parents[1] / "reference"
COVARIATES = {
    "all": ["boy", "siblings", "immigrant", "father_ed", "mother_ed", "lagscore"],
    "arab": ["boy", "siblings", "father_ed", "mother_ed", "lagscore"],
}


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF / "aipw_cr2_data.csv")


@pytest.fixture(scope="module")
def r() -> pd.DataFrame:
    ref = pd.read_csv(REF / "aipw_cr2_R.csv")
    md5 = hashlib.md5((REF / "aipw_cr2_data.csv").read_bytes()).hexdigest()
    assert (ref["input_md5"] == md5).all(), "aipw_cr2_data.csv changed: rerun tests/reference/aipw_cr2.R"
    return ref.set_index(["design", "estimand", "quantity"])


def _fit(data: pd.DataFrame, design: str, estimand: str) -> tuple[engine.AIPW, np.ndarray]:
    d = data if design == "all" else data[data["arab"] == 1]
    covs = d[COVARIATES[design]].to_numpy(float)
    a = d["treated"].to_numpy(float)
    X = np.column_stack([np.ones(len(d)), a, covs])
    fit = engine.aipw(d["Bagrut_status"].to_numpy(float), a, X, np.delete(X, 1, axis=1), binary=True,
                      estimand=estimand)
    assert fit.converged
    return fit, d["school_id"].to_numpy()


@pytest.mark.parametrize("estimand", ["ATE", "ATT"])
@pytest.mark.parametrize("design", ["all", "arab"])
def test_cr2_satterthwaite_on_influence_values_equals_clubsandwich(
    data: pd.DataFrame, r: pd.DataFrame, design: str, estimand: str
) -> None:
    """Estimate (1e-6), CR2 SE and naive G/(G − 1) SE (1e-6 relative) and Satterthwaite df (1e-6) of each quantity:
    all 2001 (39 schools of 9–248 pupils; R: df 28.07 of G − 1 = 38) and the Arab schools (10 of 20–248; df 6.88)."""
    fit, school = _fit(data, design, estimand)
    cc = engine.cluster_covariance(fit.influence, school)
    naive, g = engine.covariance(fit.influence, school)
    ref = r.loc[(design, estimand)]
    assert cc.n_clusters == g == ref["n_clusters"].iloc[0]
    rows = engine.contrasts(fit.means, cc.cov, binary=True)
    ours = {
        "mean_treated": (fit.means[0], np.sqrt(cc.cov[0, 0]), np.sqrt(naive[0, 0])),
        "mean_control": (fit.means[1], np.sqrt(cc.cov[1, 1]), np.sqrt(naive[1, 1])),
        "risk_difference": rows[0][1:3] + (engine.contrasts(fit.means, naive, True)[0][2],),
        "log_risk_ratio": rows[1][1:3] + (engine.contrasts(fit.means, naive, True)[1][2],),
    }
    for quantity, (est, se, se_naive) in ours.items():
        want = ref.loc[quantity]
        assert est == pytest.approx(want["estimate"], abs=1e-6), quantity
        assert se == pytest.approx(want["se_cr2"], rel=1e-6), quantity
        assert se_naive == pytest.approx(want["se_naive"], rel=1e-6), quantity
        assert cc.df == pytest.approx(want["df_satterthwaite"], abs=1e-6), quantity


def test_df_closed_form_equals_the_satterthwaite_class_and_cr2_equals_lm_cr2(data: pd.DataFrame) -> None:
    """The closed-form df is Satterthwaite(ones, cluster).df([1]) and the covariance is cr2() of lm(ψ ~ 1)."""
    fit, school = _fit(data, "arab", "ATE")
    cc = engine.cluster_covariance(fit.influence, school)
    n = len(school)
    ones = np.ones((n, 1))
    assert cc.df == pytest.approx(Satterthwaite(ones, school).df(np.array([1.0])), rel=1e-12)
    for k in range(2):
        cov, g = cr2(ones, fit.influence[:, k] - fit.influence[:, k].mean(), school)
        assert cov[0, 0] == pytest.approx(cc.cov[k, k], rel=1e-12)
    assert cc.df < cc.n_clusters - 1


def test_equal_cluster_sizes_give_the_naive_factor_and_g_minus_one_df() -> None:
    rng = np.random.default_rng(3)
    psi = rng.normal(size=(60, 2))
    psi -= psi.mean(axis=0)
    cluster = np.repeat(np.arange(12), 5)
    rng.shuffle(cluster)
    cc = engine.cluster_covariance(psi, cluster)
    naive, g = engine.covariance(psi, cluster)
    np.testing.assert_allclose(cc.cov, naive, rtol=1e-12)
    assert (cc.n_clusters, g) == (12, 12)
    assert cc.df == pytest.approx(11.0, rel=1e-12)


def test_singleton_clusters_are_hc2_of_the_mean_with_n_minus_one_df() -> None:
    """One row per cluster: each square times n/(n − 1) (HC2 of lm(ψ ~ 1)), df n − 1."""
    rng = np.random.default_rng(4)
    psi = rng.normal(size=(25, 2))
    psi -= psi.mean(axis=0)
    cc = engine.cluster_covariance(psi, [f"c{i}" for i in range(25)])
    np.testing.assert_allclose(cc.cov, psi.T @ psi / 25**2 * 25 / 24, rtol=1e-12)
    np.testing.assert_allclose(cc.cov, engine.covariance(psi, np.arange(25))[0], rtol=1e-12)
    assert (cc.n_clusters, cc.df) == (25, pytest.approx(24.0, rel=1e-12))


def test_cluster_covariance_does_not_depend_on_labels_or_row_order() -> None:
    rng = np.random.default_rng(5)
    sizes = rng.integers(1, 40, 9)
    cluster = np.repeat(np.arange(9), sizes)
    psi = rng.normal(size=(len(cluster), 2))
    cc = engine.cluster_covariance(psi, cluster)
    perm = rng.permutation(len(cluster))
    other = engine.cluster_covariance(psi[perm], np.array([f"school {c}" for c in cluster[perm]]))
    np.testing.assert_allclose(other.cov, cc.cov, rtol=1e-12)
    assert other.df == pytest.approx(cc.df, rel=1e-12)


def test_cluster_covariance_needs_two_clusters() -> None:
    with pytest.raises(ArgumentError, match="at least two clusters"):
        engine.cluster_covariance(np.zeros((4, 2)), ["a"] * 4)
    with pytest.raises(ArgumentError, match="missing"):
        engine.cluster_covariance(np.zeros((3, 2)), ["a", None, "b"])
