"""ekc_analysis.stats._gee.gee_logistic on its own.

References: R 4.2, geepack 1.3 (tests/reference/stats_gee.R, writing stats_gee_R.csv) on geepack's ohio data
(wheeze at ages 7–10 of 537 children, smoke = mother smoked; stats_gee_ohio.csv):
``geeglm(resp ~ age + smoke, id = id, family = binomial, corstr = "exchangeable")``: coefficients, the robust
(san.se) covariance, the exchangeable correlation alpha and the scale; on all 2,148 rows (clusters of 4) and on an
unbalanced subset (1,802 rows, clusters of 2 to 4). With one row per child (age 9 only) GEE is the glm with the
HC0 sandwich: ``sandwich::vcovHC(glm(resp ~ smoke, binomial), type = "HC0")``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ekc_analysis.stats._gee import gee_logistic

REF = Path(__file__).resolve().parents[1] / "reference"
NAMES = ["const", "age", "smoke"]


@pytest.fixture(scope="module")
def ohio() -> pd.DataFrame:
    return pd.read_csv(REF / "stats_gee_ohio.csv")


@pytest.fixture(scope="module")
def r() -> dict[str, float]:
    """Rscript tests/reference/stats_gee.R."""
    ref = pd.read_csv(REF / "stats_gee_R.csv", dtype=str).set_index("name")["value"]
    md5 = hashlib.md5((REF / "stats_gee_ohio.csv").read_bytes()).hexdigest()
    assert md5 == ref["input_md5"], "stats_gee_ohio.csv changed: rerun tests/reference/stats_gee.R"
    return {k: float(v) for k, v in ref.drop("input_md5").items()}


def _unbalanced(d: pd.DataFrame) -> pd.DataFrame:
    """As stats_gee.R: even ids lose age 10 (age = 1), ids divisible by 7 lose age 8 (age = -1)."""
    return d[~(((d["id"] % 2 == 0) & (d["age"] == 1)) | ((d["id"] % 7 == 0) & (d["age"] == -1)))]


@pytest.mark.parametrize("name", ["full", "unbal"])
def test_gee_logistic_equals_geepack_geeglm_exchangeable(ohio: pd.DataFrame, r: dict[str, float], name: str) -> None:
    d = ohio if name == "full" else _unbalanced(ohio)
    assert len(d) == r[f"{name}_n_rows"]
    X = np.column_stack([np.ones(len(d)), d["age"], d["smoke"]])
    fit = gee_logistic(X, d["resp"].to_numpy(), NAMES, d["id"].to_numpy())
    assert fit.converged and fit.n_clusters == 537
    for i, k in enumerate(NAMES):
        assert fit.params[i] == pytest.approx(r[f"{name}_{k}_coef"], rel=1e-8)
        assert np.sqrt(fit.cov[i, i]) == pytest.approx(r[f"{name}_{k}_se"], rel=1e-7)
    assert fit.cov[1, 2] == pytest.approx(r[f"{name}_cov_age_smoke"], rel=1e-6)
    assert fit.alpha == pytest.approx(r[f"{name}_alpha"], rel=1e-7)
    assert fit.scale == pytest.approx(r[f"{name}_scale"], rel=1e-7)


def test_row_order_does_not_matter(ohio: pd.DataFrame) -> None:
    d = _unbalanced(ohio).sample(frac=1.0, random_state=3)
    X = np.column_stack([np.ones(len(d)), d["age"], d["smoke"]])
    shuffled = gee_logistic(X, d["resp"].to_numpy(), NAMES, d["id"].to_numpy())
    s = _unbalanced(ohio)
    ordered = gee_logistic(np.column_stack([np.ones(len(s)), s["age"], s["smoke"]]), s["resp"].to_numpy(), NAMES,
                           s["id"].to_numpy())
    np.testing.assert_allclose(shuffled.params, ordered.params, rtol=1e-10)
    np.testing.assert_allclose(shuffled.cov, ordered.cov, rtol=1e-8)


def test_one_row_per_cluster_is_the_glm_with_the_hc0_sandwich(ohio: pd.DataFrame, r: dict[str, float]) -> None:
    """No pairs within clusters: alpha = 0, and the fit is glm(resp ~ smoke, binomial) with vcovHC(type = "HC0")."""
    d = ohio[ohio["age"] == 0]
    fit = gee_logistic(np.column_stack([np.ones(len(d)), d["smoke"]]), d["resp"].to_numpy(), ["const", "smoke"],
                       d["id"].to_numpy())
    assert fit.alpha == 0.0 and fit.n_clusters == 537
    for i, k in enumerate(["const", "smoke"]):
        assert fit.params[i] == pytest.approx(r[f"single_{k}_coef"], rel=1e-10)
        assert np.sqrt(fit.cov[i, i]) == pytest.approx(r[f"single_{k}_se"], rel=1e-9)
