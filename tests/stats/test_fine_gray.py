"""ekc_analysis.stats._fine_gray.fine_gray on its own.

References: R 4.2, cmprsk 2.2 (tests/reference/stats_fine_gray.R, writing stats_fine_gray_R.csv) on the data of
cmprsk's ``?crr`` example (set.seed(10): 200 exponential times, status 0/1/2, three uniform covariates;
stats_fine_gray_data.csv), as drawn and with the times rounded to 0.1 (ties between failures, competing events
and censorings): ``crr(time, status, cbind(x1, x2, x3), failcode = k, gtol = 1e-12)`` coefficients and
``var`` (Fine and Gray's sandwich with the term for the censoring distribution), for causes 1 and 2.
crr has no cluster option: one cluster per row is checked to equal no clustering, and a clustered sandwich
against its definition (the rows' score contributions summed within clusters).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ekc_analysis.stats._fine_gray import fine_gray

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF / "stats_fine_gray_data.csv")


@pytest.fixture(scope="module")
def r() -> dict[str, float]:
    """Rscript tests/reference/stats_fine_gray.R."""
    ref = pd.read_csv(REF / "stats_fine_gray_R.csv", dtype=str).set_index("name")["value"]
    md5 = hashlib.md5((REF / "stats_fine_gray_data.csv").read_bytes()).hexdigest()
    assert md5 == ref["input_md5"], "stats_fine_gray_data.csv changed: rerun tests/reference/stats_fine_gray.R"
    return {k: float(v) for k, v in ref.drop("input_md5").items()}


@pytest.mark.parametrize("time", ["time", "time_tied"])
@pytest.mark.parametrize("cause", [1, 2])
def test_fine_gray_equals_cmprsk_crr(data: pd.DataFrame, r: dict[str, float], time: str, cause: int) -> None:
    X = data[["x1", "x2", "x3"]].to_numpy()
    fit = fine_gray(data[time].to_numpy(), data["status"].to_numpy(), X, cause=cause)
    assert fit.converged and r[f"{time}_{cause}_converged"] == 1
    s = data["status"].to_numpy()
    assert (fit.n_events, fit.n_competing, fit.n_censored) == ((s == cause).sum(), ((s != cause) & (s > 0)).sum(),
                                                              (s == 0).sum())
    for j in range(3):
        assert fit.coef[j] == pytest.approx(r[f"{time}_{cause}_coef_{j + 1}"], rel=1e-7)
        assert fit.se[j] == pytest.approx(r[f"{time}_{cause}_se_{j + 1}"], rel=1e-7)
    assert fit.cov[0, 1] == pytest.approx(r[f"{time}_{cause}_cov_12"], rel=1e-6)


def test_one_cluster_per_row_is_no_clustering(data: pd.DataFrame) -> None:
    t, s, X = data["time_tied"].to_numpy(), data["status"].to_numpy(), data[["x1", "x2"]].to_numpy()
    plain = fine_gray(t, s, X)
    rows = fine_gray(t, s, X, cluster=np.arange(len(t))[::-1])
    np.testing.assert_allclose(rows.coef, plain.coef, rtol=1e-14)
    np.testing.assert_allclose(rows.cov, plain.cov, rtol=1e-10)


def test_clustered_sandwich_sums_contributions_within_clusters(data: pd.DataFrame) -> None:
    """cov = I⁻¹ (Σ_g u_g u_g′) I⁻¹ with u_g the sum of the rows' contributions: the pairs (2i, 2i + 1) as
    clusters give the same as the per-row sandwich plus the cross terms of each pair."""
    from ekc_analysis.stats._fine_gray import _Sorted

    t, s, X = data["time_tied"].to_numpy(), data["status"].to_numpy(), data[["x1"]].to_numpy()
    cl = np.arange(len(t)) // 2
    fit = fine_gray(t, s, X, cluster=cl)
    sorted_ = _Sorted(t, s, X, 1)
    u = sorted_.contributions(fit.coef)
    _, _, info = sorted_.score_info(fit.coef)
    g = pd.DataFrame(u).groupby(cl[sorted_.order]).sum().to_numpy()
    inv = np.linalg.inv(info)
    np.testing.assert_allclose(fit.cov, inv @ g.T @ g @ inv, rtol=1e-12)
    assert fit.se[0] != pytest.approx(fine_gray(t, s, X).se[0], rel=1e-3)


def test_a_one_dimensional_covariate_is_one_column(data: pd.DataFrame) -> None:
    t, s = data["time"].to_numpy(), data["status"].to_numpy()
    a = fine_gray(t, s, data["x1"].to_numpy())
    b = fine_gray(t, s, data[["x1"]].to_numpy())
    assert a.coef.shape == (1,) and a.coef[0] == b.coef[0] and a.se[0] == b.se[0]
