"""ekc_analysis.stats._competing on its own: aalen_johansen, cif_at and gray_test.

References: R 4.2 (tests/reference/stats_competing.R, writing stats_competing_R.csv) on the data of cmprsk's
``?cuminc`` example (set.seed(2), 100 rows, groups a/b/c, causes 1 and 2, times rounded to 0.1 so that events of
both causes and censorings tie; stats_competing_data.csv):

- ``summary(survfit(Surv(time, factor(status)) ~ 1, id = id), censored = TRUE)``: pstate, std.err (the
  infinitesimal jackknife), lower, upper, n.risk; the same with ``weights = w``; and the clustered standard error
  from survfit's per-row ``influence.pstate`` summed within clusters (survival 3.5's multi-state survfit ignores
  ``cluster =``);
- ``cmprsk::timepoints(cuminc(time, status), times)$est`` (the estimates; cuminc's variance is the delta-method
  one, not the package's IJ standard error, so it is not compared);
- ``cuminc(time, status, group)$Tests`` (Gray's test, rho = 0 and 1, three and two groups, and a group without an
  event of the cause).

The grouped analyses of tests/studies/test_competing.py (another data set, through ekc.competing_risks) are not
repeated; the closed form of the six-row example in the docstring is checked by hand.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ekc_analysis.errors import ArgumentError
from ekc_analysis.stats._competing import aalen_johansen, cif_at, gray_test

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF / "stats_competing_data.csv")


@pytest.fixture(scope="module")
def r() -> pd.DataFrame:
    """Rscript tests/reference/stats_competing.R (name, cause, time, value)."""
    ref = pd.read_csv(REF / "stats_competing_R.csv", dtype={"value": str})
    md5 = hashlib.md5((REF / "stats_competing_data.csv").read_bytes()).hexdigest()
    assert md5 == ref.loc[ref["name"] == "input_md5", "value"].item(), "rerun tests/reference/stats_competing.R"
    ref = ref[ref["name"] != "input_md5"].copy()
    ref["value"] = pd.to_numeric(ref["value"].replace({"NA": "nan"}))
    return ref


def _r(r: pd.DataFrame, name: str, cause: int | None = None) -> pd.Series:
    rows = r[(r["name"] == name) & ((r["cause"] == cause) if cause is not None else r["cause"].isna())]
    return rows.set_index("time")["value"]


def _same(mine: pd.DataFrame, r: pd.DataFrame, prefix: str) -> None:
    for k in (1, 2):
        m = mine[mine["cause"] == k].set_index("time")
        assert list(m.index) == list(_r(r, f"{prefix}_cif", k).index)
        np.testing.assert_allclose(m["cif"], _r(r, f"{prefix}_cif", k), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(m["se"], _r(r, f"{prefix}_se", k), rtol=1e-9, atol=1e-15)
        ok = m["cif"] > 0
        np.testing.assert_allclose(m.loc[ok, "ci_low"], _r(r, f"{prefix}_lower", k)[ok], rtol=1e-9)
        np.testing.assert_allclose(m.loc[ok, "ci_high"], _r(r, f"{prefix}_upper", k)[ok], rtol=1e-9)
        assert m.loc[~ok, "ci_low"].isna().all() and (m.loc[~ok, "se"] == 0).all()
        if prefix == "aj":  # with weights R's multi-state n.risk counts rows; ours is the weight at risk (below)
            np.testing.assert_allclose(m["n_risk"], _r(r, f"{prefix}_n_risk"), rtol=1e-12)


def test_aalen_johansen_equals_r_survfit_with_ties(data: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: summary(survfit(Surv(time, factor(status)) ~ 1), censored = TRUE): cif, IJ std.err, log-scale CI."""
    _same(aalen_johansen(data["time"].to_numpy(), data["status"].to_numpy()), r, "aj")


def test_weighted_aalen_johansen_equals_r(data: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: survfit(Surv(time, factor(status)) ~ 1, id = id, weights = w) (non-integer weights). R's n.risk there
    counts the rows at risk; n_risk is documented as the weighted number, Σ w over the rows with time ≥ t."""
    t, s, w = data["time"].to_numpy(), data["status"].to_numpy(), data["w"].to_numpy()
    mine = aalen_johansen(t, s, w)
    _same(mine, r, "ajw")
    one = mine[mine["cause"] == 1]
    assert list(_r(r, "ajw_n_risk").to_numpy()) == [float((t >= u).sum()) for u in one["time"]]
    np.testing.assert_allclose(one["n_risk"], [w[t >= u].sum() for u in one["time"]], rtol=1e-12)


def test_clustered_aalen_johansen_sums_r_influences_within_clusters(data: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: sqrt(colSums(rowsum(w * influence.pstate, cl)^2)) from survfit(..., id = id, influence = TRUE), with
    and without weights (cl: consecutive triples of rows). survival 3.5's multi-state survfit ignores its own
    cluster = argument (see stats_competing.R), so the grouped jackknife is built from its per-row influences."""
    t, s, cl = data["time"].to_numpy(), data["status"].to_numpy(), data["cl"].to_numpy()
    for prefix, w in [("aj", None), ("ajw", data["w"].to_numpy())]:
        mine = aalen_johansen(t, s, w, cluster=cl)
        for k in (1, 2):
            m = mine[mine["cause"] == k].set_index("time")
            np.testing.assert_allclose(m["se"], _r(r, f"{prefix}_cl_se", k), rtol=1e-9, atol=1e-15)
            assert (m["se"].iloc[1:] != _r(r, f"{prefix}_se", k).iloc[1:]).all()  # the clusters do matter


def test_aalen_johansen_estimates_equal_cmprsk_cuminc(data: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: timepoints(cuminc(time, status), c(0.15, 0.5, 1, 2.05, 3))$est, read with cif_at (0.15 is before the
    first cause-1 event: 0; cause 2 has one of its events at the first time 0.1)."""
    curve = aalen_johansen(data["time"].to_numpy(), data["status"].to_numpy())
    times = [0.15, 0.5, 1, 2.05, 3]
    read = cif_at(curve, times)
    for k in (1, 2):
        np.testing.assert_allclose(read.loc[read["cause"] == k, "cif"], _r(r, "cuminc_est", k).loc[times],
                                   rtol=1e-12, atol=1e-15)


def test_six_row_example_by_hand() -> None:
    """Times 1, 2, 2, 3, 4, 5, causes 1, 2, censored, 1, censored, 2. F1: 1/6 at 1; S = 5/6, then 5/6 · 4/5 = 2/3
    after t = 2 (one cause-2 event among 5, one censored); at 3 one event among 3: F1 = 1/6 + (2/3)(1/3) = 7/18.
    F2: 1/6 at 2 ((5/6)(1/5)); at 5, one of one: + S(4) = (2/3)(2/3) = 4/9, F2 = 11/18; F1 + F2 + S = 1."""
    out = aalen_johansen(np.array([1.0, 2, 2, 3, 4, 5]), np.array([1, 2, 0, 1, 0, 2]))
    f1 = out[out["cause"] == 1].set_index("time")["cif"]
    f2 = out[out["cause"] == 2].set_index("time")["cif"]
    np.testing.assert_allclose(f1, [1 / 6, 1 / 6, 7 / 18, 7 / 18, 7 / 18], rtol=1e-14)
    np.testing.assert_allclose(f2, [0, 1 / 6, 1 / 6, 1 / 6, 11 / 18], rtol=1e-14)
    assert out.loc[out["cause"] == 1, "n_risk"].tolist() == [6, 5, 3, 2, 1]
    assert out.loc[out["cause"] == 2, "n_event"].tolist() == [0, 1, 0, 0, 1]
    # the last one at risk has the event: every row's influence on F2(5) ... F1 keeps its spread
    assert (out.loc[out["cause"] == 1, "se"] > 0).all()


def test_a_requested_cause_without_events_is_a_curve_of_zeros() -> None:
    out = aalen_johansen(np.array([1.0, 2, 3]), np.array([1, 0, 1]), causes=[1, 2])
    none = out[out["cause"] == 2]
    assert none["cif"].tolist() == [0.0, 0.0, 0.0] and none["se"].tolist() == [0.0, 0.0, 0.0]
    assert none["ci_low"].isna().all() and none["ci_high"].isna().all()


def test_cif_at_is_zero_before_the_first_time_and_the_last_step_after() -> None:
    curve = aalen_johansen(np.array([1.0, 2, 2, 3, 4, 5]), np.array([1, 2, 0, 1, 0, 2]))
    read = cif_at(curve, [0.5, 3.5, 99])
    one = read[read["cause"] == 1]
    assert one["cif"].tolist() == [0.0, pytest.approx(7 / 18, rel=1e-14), pytest.approx(7 / 18, rel=1e-14)]
    assert one["se"].iloc[0] == 0.0 and np.isnan(one["ci_low"].iloc[0])


def test_gray_test_equals_cmprsk_cuminc(data: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: cuminc(time, status, group)$Tests for causes 1 and 2 (three groups, df 2); rho = 1 for cause 1; and the
    two groups a and b (df 1)."""
    t, s, g = data["time"].to_numpy(), data["status"].to_numpy(), data["group"].to_numpy()
    for k in (1, 2):
        stat, p, df = gray_test(t, s, g, cause=k)
        assert stat == pytest.approx(_r(r, "gray_stat", k).item(), rel=1e-9)
        assert p == pytest.approx(_r(r, "gray_p", k).item(), rel=1e-9)
        assert df == 2
    assert gray_test(t, s, g, cause=1, rho=1)[0] == pytest.approx(_r(r, "gray_rho1_stat", 1).item(), rel=1e-9)
    two = g != "c"
    stat, _, df = gray_test(t[two], s[two], g[two], cause=1)
    assert stat == pytest.approx(_r(r, "gray2_stat", 1).item(), rel=1e-9) and df == 1


def test_gray_test_with_a_group_without_events_of_the_cause_equals_cmprsk(data: pd.DataFrame,
                                                                          r: pd.DataFrame) -> None:
    """R: group c's cause-1 events recoded as cause 2; cuminc(time, status2, group)$Tests[1, ]."""
    t, g = data["time"].to_numpy(), data["group"].to_numpy()
    s = np.where((g == "c") & (data["status"].to_numpy() == 1), 2, data["status"].to_numpy())
    stat, p, df = gray_test(t, s, g, cause=1)
    assert stat == pytest.approx(_r(r, "gray_none_stat", 1).item(), rel=1e-9)
    assert p == pytest.approx(_r(r, "gray_none_p", 1).item(), rel=1e-9)
    assert df == 2


def test_gray_test_with_one_group_has_no_statistic() -> None:
    assert gray_test(np.array([1.0, 2, 3]), np.array([1, 2, 0]), np.array([0, 0, 0])) == (
        pytest.approx(np.nan, nan_ok=True), pytest.approx(np.nan, nan_ok=True), 0)


def test_status_must_be_zero_or_positive_integer_codes() -> None:
    with pytest.raises(ArgumentError, match="status"):
        aalen_johansen(np.array([1.0, 2]), np.array([1, -1]))
    with pytest.raises(ArgumentError, match="status"):
        gray_test(np.array([1.0, 2]), np.array([1.5, 0]), np.array([0, 1]))
