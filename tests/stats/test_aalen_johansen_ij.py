"""ekc_analysis.stats._aalen_johansen_ij on its own: ij_pieces, influence_at and clustered_se.

References: R 4.2, survival 3.5.3 (tests/reference/stats_competing.R, writing stats_competing_R.csv) on the data of
cmprsk's ``?cuminc`` example with tied times (stats_competing_data.csv): each row's influence on the cumulative
incidence, ``survfit(Surv(time, factor(status)) ~ 1, id = id, influence = TRUE)$influence.pstate`` at t = 0.5 and
1.5, and the grouped jackknife ``sqrt(colSums(rowsum(w * influence.pstate, cl)^2))``; and, computed here, the
derivative it is (a central difference of the weighted Aalen–Johansen estimate in one row's weight, with left
truncation too, which R's influence does not cover), and a one-row-per-cluster grouping equal to no grouping.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ekc_analysis.errors import ArgumentError
from ekc_analysis.stats._aalen_johansen_ij import clustered_se, ij_pieces, influence_at

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF / "stats_competing_data.csv")


@pytest.fixture(scope="module")
def r() -> pd.DataFrame:
    """Rscript tests/reference/stats_competing.R (name, cause, time, value); the md5 is checked in
    tests/stats/test_competing.py."""
    ref = pd.read_csv(REF / "stats_competing_R.csv", dtype={"value": str})
    ref = ref[ref["name"] != "input_md5"].copy()
    ref["value"] = pd.to_numeric(ref["value"].replace({"NA": "nan"}))
    return ref


def _cif(t: np.ndarray, d: np.ndarray, w: np.ndarray, k: int, at: float, entry: np.ndarray | None = None) -> float:
    p = ij_pieces(t, d, w, [1, 2], entry)
    return float(p.cif[k][np.searchsorted(p.grid, at, side="right") - 1])


def test_influence_equals_r_survfit_influence(data: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: survfit(..., id = id, influence = TRUE)$influence.pstate[, 1 + j, 1 + k] at the last time ≤ 0.5, 1.5."""
    t, d = data["time"].to_numpy(), data["status"].to_numpy()
    p = ij_pieces(t, d, np.ones(len(t)), [1, 2])
    for k in (1, 2):
        infl = influence_at(p, k, [0.5, 1.5])
        for col, at in enumerate((0.5, 1.5)):
            theirs = r[(r["name"] == f"infl_{at}") & (r["cause"] == k)].sort_values("time")["value"].to_numpy()
            np.testing.assert_allclose(infl[:, col], theirs, rtol=1e-9, atol=1e-14)
            assert infl[:, col].sum() == pytest.approx(0.0, abs=1e-14)  # influences of a mean-type estimator


def test_influence_is_the_derivative_in_each_weight(data: pd.DataFrame) -> None:
    """w_i dF_k(t)/dw_i by a central difference (step 1e-6 of w_i), with weights and with left truncation."""
    t, d, w = data["time"].to_numpy(), data["status"].to_numpy(), data["w"].to_numpy()
    entry = np.where(data["id"] % 4 == 0, np.round(0.5 * t, 2), 0.0)
    for e in (None, entry):
        p = ij_pieces(t, d, w, [1, 2], e)
        for k, at in ((1, 0.7), (2, 1.6)):
            infl = influence_at(p, k, [at])[:, 0]
            for i in (0, 3, 17, 42, 99):
                up, down = w.copy(), w.copy()
                up[i] += 1e-6
                down[i] -= 1e-6
                numeric = w[i] * (_cif(t, d, up, k, at, e) - _cif(t, d, down, k, at, e)) / 2e-6
                assert infl[i] == pytest.approx(numeric, rel=1e-5, abs=1e-10)


def test_influence_is_zero_before_the_first_time() -> None:
    p = ij_pieces(np.array([1.0, 2, 3]), np.array([1, 2, 0]), np.ones(3), [1, 2])
    assert influence_at(p, 1, [0.5]).tolist() == [[0.0], [0.0], [0.0]]


def test_clustered_se_equals_r_grouped_influences(data: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: sqrt(colSums(rowsum(w * influence.pstate, cl)^2)) at every time, unweighted and weighted."""
    t, d, cl = data["time"].to_numpy(), data["status"].to_numpy(), data["cl"].to_numpy()
    for prefix, w in [("aj", np.ones(len(t))), ("ajw", data["w"].to_numpy())]:
        p = ij_pieces(t, d, w, [1, 2])
        for k in (1, 2):
            theirs = r[(r["name"] == f"{prefix}_cl_se") & (r["cause"] == k)].set_index("time")["value"]
            np.testing.assert_array_equal(p.grid, theirs.index)
            np.testing.assert_allclose(clustered_se(p, k, cl), theirs, rtol=1e-9, atol=1e-15)
            # the same as squaring influence_at's columns summed within clusters
            infl = influence_at(p, k, p.grid)
            by_cluster = pd.DataFrame(infl).groupby(cl).sum().to_numpy()
            np.testing.assert_allclose(clustered_se(p, k, cl), np.sqrt((by_cluster**2).sum(axis=0)), rtol=1e-10,
                                       atol=1e-15)


def test_one_row_per_cluster_is_no_clustering(data: pd.DataFrame) -> None:
    t, d, w = data["time"].to_numpy(), data["status"].to_numpy(), data["w"].to_numpy()
    entry = np.where(data["id"] % 4 == 0, np.round(0.5 * t, 2), 0.0)
    p = ij_pieces(t, d, w, [1, 2], entry)
    labels = np.array([f"row{i}" for i in range(len(t))])[::-1]
    np.testing.assert_allclose(clustered_se(p, 1, labels), clustered_se(p, 1), rtol=1e-12, atol=1e-16)
    np.testing.assert_allclose(clustered_se(p, 1), np.sqrt((influence_at(p, 1, p.grid) ** 2).sum(axis=0)),
                               rtol=1e-10, atol=1e-16)


def test_ij_pieces_hold_the_curves_by_hand() -> None:
    """Times 1, 2, 2, 3, 4, 5, causes 1, 2, censored, 1, censored, 2: at risk 6, 5, 3, 2, 1; S = 5/6, 2/3, 4/9,
    4/9, 0; F1 = 1/6, 1/6, 7/18, 7/18, 7/18."""
    p = ij_pieces(np.array([1.0, 2, 2, 3, 4, 5]), np.array([1, 2, 0, 1, 0, 2]), np.ones(6), [1, 2])
    assert p.at_risk.tolist() == [6, 5, 3, 2, 1]
    np.testing.assert_allclose(p.surv, [5 / 6, 2 / 3, 4 / 9, 4 / 9, 0], rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(p.cif[1], [1 / 6, 1 / 6, 7 / 18, 7 / 18, 7 / 18], rtol=1e-14)
    assert p.events[2].tolist() == [0, 1, 0, 0, 1]


def test_entry_at_or_after_the_time_is_refused() -> None:
    with pytest.raises(ArgumentError, match="entry"):
        ij_pieces(np.array([1.0, 2]), np.array([1, 0]), np.ones(2), [1], entry=np.array([0.0, 2.0]))
