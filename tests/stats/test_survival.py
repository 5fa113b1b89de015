"""ekc_analysis.stats._survival on its own: kaplan_meier, restricted_mean, survival_at and logrank.

References: R 4.2, survival 3.5 on R's veteran data (tests/reference/stats_survival.R, writing
stats_survival_R.csv): ``summary(survfit(Surv(time, status) ~ 1, subset = trt == 2), censored = TRUE)``,
``summary(fit, times =, extend = TRUE)``, ``summary(fit, rmean = tau)$table``, ``survdiff(... ~ trt)`` and
``survdiff(... ~ trt + strata(celltype))``; and closed forms computed here on six rows (the Kaplan–Meier product,
Greenwood's sum, the area under the step function, the log-rank O − E and hypergeometric variance by hand).
The weighted, clustered and left-truncated curves are checked through ekc.survival in tests/studies/test_survival.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ekc_analysis.stats._survival import kaplan_meier, logrank, restricted_mean, survival_at

REF = Path(__file__).resolve().parents[1] / "reference"
Z = 1.959963984540054

# six rows: a tie of an event and a censoring at t = 2, and at the last time t = 4 (censoring with an event)
T6 = np.array([1.0, 2, 2, 3, 4, 4])
E6 = np.array([1, 1, 0, 1, 0, 1])


@pytest.fixture(scope="module")
def vet() -> pd.DataFrame:
    return pd.read_csv(REF / "survival_veteran.csv")


@pytest.fixture(scope="module")
def r() -> pd.DataFrame:
    """Rscript tests/reference/stats_survival.R (name, time, value)."""
    ref = pd.read_csv(REF / "stats_survival_R.csv", dtype={"value": str})
    md5 = hashlib.md5((REF / "survival_veteran.csv").read_bytes()).hexdigest()
    assert md5 == ref.loc[ref["name"] == "input_md5", "value"].item(), "rerun tests/reference/stats_survival.R"
    ref = ref[ref["name"] != "input_md5"].copy()
    ref["value"] = pd.to_numeric(ref["value"].replace({"NA": "nan"}))
    return ref


def _value(r: pd.DataFrame, name: str, time: float | None = None) -> float:
    rows = r[(r["name"] == name) & (r["time"].isna() if time is None else np.isclose(r["time"], time))]
    return float(rows["value"].item())


def _series(r: pd.DataFrame, name: str) -> pd.Series:
    return r[r["name"] == name].set_index("time")["value"]


def test_kaplan_meier_is_the_product_limit_with_greenwood_on_six_rows() -> None:
    """By hand: S = 5/6, 5/6·4/5, ·2/3, ·1/2; Greenwood Σ d/(n(n − d)) = 1/30, + 1/20, + 1/6, + 1/2."""
    km = kaplan_meier(T6, E6)
    assert km["time"].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert km["at_risk"].tolist() == [6, 5, 3, 2]
    assert km["events"].tolist() == [1, 1, 1, 1]
    assert km["censored"].tolist() == [0, 1, 0, 1]
    surv = np.array([5 / 6, 2 / 3, 4 / 9, 2 / 9])
    np.testing.assert_allclose(km["survival"], surv, rtol=1e-14)
    se_log = np.sqrt(np.cumsum([1 / 30, 1 / 20, 1 / 6, 1 / 2]))
    np.testing.assert_allclose(km["se_log"], se_log, rtol=1e-13)
    np.testing.assert_allclose(km["std_err"], surv * se_log, rtol=1e-13)
    np.testing.assert_allclose(km["ci_low"], surv * np.exp(-Z * se_log), rtol=1e-12)
    np.testing.assert_allclose(km["ci_high"], np.minimum(1, surv * np.exp(Z * se_log)), rtol=1e-12)


def test_kaplan_meier_equals_r_survfit_at_every_time(vet: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: summary(survfit(Surv(time, status) ~ 1, data = veteran, subset = trt == 2), censored = TRUE):
    n.risk, n.event, n.censor, surv, std.err, lower, upper (Greenwood, log-scale interval)."""
    d = vet[vet["trt"] == 2]
    km = kaplan_meier(d["time"].to_numpy(), d["status"].to_numpy()).set_index("time")
    assert list(km.index) == list(_series(r, "km_surv").index)
    for ours, theirs in [("at_risk", "km_n_risk"), ("events", "km_n_event"), ("censored", "km_n_censor")]:
        np.testing.assert_array_equal(km[ours], _series(r, theirs))
    np.testing.assert_allclose(km["survival"], _series(r, "km_surv"), rtol=1e-12, atol=1e-15)
    alive = km["survival"] > 0
    np.testing.assert_allclose(km.loc[alive, "std_err"], _series(r, "km_std_err")[alive], rtol=1e-10)
    np.testing.assert_allclose(km.loc[alive, "ci_low"], _series(r, "km_lower")[alive], rtol=1e-10)
    np.testing.assert_allclose(km.loc[alive, "ci_high"], _series(r, "km_upper")[alive], rtol=1e-10)


def test_a_curve_that_reaches_zero_has_no_interval_there_as_r(vet: pd.DataFrame, r: pd.DataFrame) -> None:
    """veteran trt 2 ends with an event of the last one at risk (t = 999): survival 0; R's std.err is NaN
    and lower/upper NA (Greenwood: d/(n(n − d)) is infinite)."""
    d = vet[vet["trt"] == 2]
    last = kaplan_meier(d["time"].to_numpy(), d["status"].to_numpy()).iloc[-1]
    assert (last["time"], last["at_risk"], last["survival"]) == (999.0, 1.0, 0.0)
    assert np.isnan(_value(r, "km_std_err", 999)) and np.isnan(_value(r, "km_lower", 999))
    assert np.isnan(last["std_err"]) and np.isnan(last["se_log"])
    assert np.isnan(last["ci_low"]) and np.isnan(last["ci_high"])


def test_survival_at_reads_the_step_and_counts_at_risk_at_the_time(vet: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: summary(fit, times = c(1, 25, 100, 250, 999, 2000), extend = TRUE): surv, lower, upper of the last
    time ≤ t; n.risk of those still followed AT t (0 after the last time)."""
    d = vet[vet["trt"] == 2]
    km = kaplan_meier(d["time"].to_numpy(), d["status"].to_numpy())
    for t in (1, 25, 100, 250, 999, 2000):
        at = survival_at(km, t)
        assert at["survival"] == pytest.approx(_value(r, "at_surv", t), rel=1e-12, abs=1e-15)
        assert at["at_risk"] == _value(r, "at_n_risk", t)
        if at["survival"] > 0:
            assert at["ci_low"] == pytest.approx(_value(r, "at_lower", t), rel=1e-10)
            assert at["ci_high"] == pytest.approx(_value(r, "at_upper", t), rel=1e-10)
        else:
            assert np.isnan(at["ci_low"]) and np.isnan(at["ci_high"])


def test_survival_at_before_the_first_time_is_one_with_everyone_at_risk() -> None:
    km = kaplan_meier(T6, E6)
    at = survival_at(km, 0.5)
    assert at.to_dict() == {"survival": 1.0, "ci_low": 1.0, "ci_high": 1.0, "at_risk": 6.0}
    # between two times: the step of t = 2, and those still followed at 2.5 are the three left at t = 3
    between = survival_at(km, 2.5)
    assert between["survival"] == pytest.approx(2 / 3, rel=1e-14) and between["at_risk"] == 3.0


def test_restricted_mean_equals_r_print_rmean(vet: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: summary(survfit(...), rmean = tau)$table[c("rmean", "se(rmean)")], tau = 90, 365 and 1200 (past the
    last time 999, where the curve is 0) for trt 2, and 600 for trt 1 (its curve is 0 from 553 on)."""
    d2 = vet[vet["trt"] == 2]
    for tau in (90, 365, 1200):
        area, se = restricted_mean(d2["time"].to_numpy(), d2["status"].to_numpy(), tau)
        assert area == pytest.approx(_value(r, "rmean", tau), rel=1e-12)
        assert se == pytest.approx(_value(r, "rmean_se", tau), rel=1e-10)
    d1 = vet[vet["trt"] == 1]
    area, se = restricted_mean(d1["time"].to_numpy(), d1["status"].to_numpy(), 600)
    assert area == pytest.approx(_value(r, "rmean_trt1", 600), rel=1e-12)
    assert se == pytest.approx(_value(r, "rmean_se_trt1", 600), rel=1e-10)


def test_restricted_mean_is_the_area_under_the_steps_on_six_rows() -> None:
    """By hand, tau = 3.5: 1·1 + 1·5/6 + 1·2/3 + 0.5·4/9; SE² = Σ_{t_j ≤ tau} A_j² d_j/(n_j(n_j − d_j)), A_j
    the area from t_j to tau: A_1 = 5/6 + 2/3 + 2/9, A_2 = 2/3 + 2/9, A_3 = 2/9."""
    area, se = restricted_mean(T6, E6, 3.5)
    assert area == pytest.approx(1 + 5 / 6 + 2 / 3 + 0.5 * 4 / 9, rel=1e-14)
    a = np.array([5 / 6 + 2 / 3 + 2 / 9, 2 / 3 + 2 / 9, 2 / 9])
    assert se == pytest.approx(np.sqrt(np.sum(a**2 * np.array([1 / 30, 1 / 20, 1 / 6]))), rel=1e-13)
    # tau before the first event: the area is tau, with no uncertainty
    assert restricted_mean(T6, E6, 0.75) == (pytest.approx(0.75, rel=1e-15), 0.0)


def test_logrank_equals_r_survdiff(vet: pd.DataFrame, r: pd.DataFrame) -> None:
    """R: survdiff(Surv(time, status) ~ trt, veteran) chisq, obs[2], exp[2], and with + strata(celltype)
    (O and E summed over the four cell types)."""
    t, e, arm = vet["time"].to_numpy(), vet["status"].to_numpy(), (vet["trt"] == 2).to_numpy(int)
    chi2, p, o, ex = logrank(t, e, arm)
    assert chi2 == pytest.approx(_value(r, "lr_chisq"), rel=1e-10)
    assert p == pytest.approx(_value(r, "lr_p"), rel=1e-10)
    assert (o, ex) == (_value(r, "lr_obs"), pytest.approx(_value(r, "lr_exp"), rel=1e-12))
    chi2, _, o, ex = logrank(t, e, arm, strata=vet["celltype"].to_numpy())
    assert chi2 == pytest.approx(_value(r, "lrs_chisq"), rel=1e-10)
    assert (o, ex) == (_value(r, "lrs_obs"), pytest.approx(_value(r, "lrs_exp"), rel=1e-12))


def test_logrank_by_hand_with_tied_events_across_groups() -> None:
    """Arm 1 at 1 (event), 2 (event), 4 (censored); arm 0 at 2 (event), 3 (event), 5 (censored).
    t = 1: n = 6, n1 = 3, d = 1, d1 = 1; t = 2: n = 5, n1 = 2, d = 2, d1 = 1; t = 3: n = 3, n1 = 1, d = 1, d1 = 0.
    E = 3/6 + 2·2/5 + 1/3; V = Σ d (n1/n)(1 − n1/n)(n − d)/(n − 1) = 1/4 + 2·(2/5)(3/5)(3/4) + 2/9."""
    chi2, p, o, e = logrank(np.array([1.0, 2, 4, 2, 3, 5]), np.array([1, 1, 0, 1, 1, 0]), np.array([1, 1, 1, 0, 0, 0]))
    expected = 0.5 + 0.8 + 1 / 3
    v = 0.25 + 2 * 0.4 * 0.6 * 0.75 + 2 / 9
    assert (o, e) == (2.0, pytest.approx(expected, rel=1e-14))
    assert chi2 == pytest.approx((2 - expected) ** 2 / v, rel=1e-13)
    assert p == pytest.approx(stats.chi2.sf((2 - expected) ** 2 / v, 1), rel=1e-12)


def test_logrank_with_a_group_without_events_counts_zero_observed() -> None:
    """Arm 1 all censored (at 2 and 5): O = 0; events at 1, 3, 4 with n = 5, 3, 2 and n1 = 2, 1, 1:
    E = 2/5 + 1/3 + 1/2, V = (2/5)(3/5) + (1/3)(2/3) + (1/2)(1/2) (one event each time: no tie correction)."""
    chi2, _, o, e = logrank(np.array([1.0, 2, 3, 4, 5]), np.array([1, 0, 1, 1, 0]), np.array([0, 1, 0, 0, 1]))
    expected = 0.4 + 1 / 3 + 0.5
    assert (o, e) == (0.0, pytest.approx(expected, rel=1e-14))
    assert chi2 == pytest.approx(expected**2 / (0.24 + 2 / 9 + 0.25), rel=1e-13)


def test_logrank_without_any_event_has_no_statistic() -> None:
    chi2, p, o, e = logrank(np.array([1.0, 2, 3]), np.array([0, 0, 0]), np.array([0, 1, 1]))
    assert np.isnan(chi2) and np.isnan(p) and (o, e) == (0.0, 0.0)


def test_logrank_with_entry_uses_the_delayed_risk_sets() -> None:
    """Rows (entry, time, event, arm): (0, 1, 1, 0), (0, 3, 1, 1), (2, 4, 1, 1), (0, 5, 0, 0), (3.5, 6, 1, 0).
    At risk in (entry, time]: t = 1: rows 1, 2, 4 (n = 3, n1 = 1; rows 3 and 5 have not entered yet);
    t = 3: rows 2, 3, 4 (n = 3, n1 = 2); t = 4: rows 3, 4, 5 (n = 3, n1 = 1); t = 6: row 5 (n = 1, n1 = 0).
    O = 2, E = 1/3 + 2/3 + 1/3, V = 3 · (1/3)(2/3) (one event each time)."""
    time = np.array([1.0, 3, 4, 5, 6])
    chi2, _, o, e = logrank(time, np.array([1, 1, 1, 0, 1]), np.array([0, 1, 1, 0, 0]),
                            entry=np.array([0.0, 0, 2, 0, 3.5]))
    assert (o, e) == (2.0, pytest.approx(4 / 3, rel=1e-14))
    assert chi2 == pytest.approx((2 - 4 / 3) ** 2 / (2 / 3), rel=1e-13)
    # entry 0 for every row is the plain test
    t, ev, a = np.array([1.0, 2, 4, 2, 3, 5]), np.array([1, 1, 0, 1, 1, 0]), np.array([1, 1, 1, 0, 0, 0])
    assert logrank(t, ev, a, entry=np.zeros(6)) == pytest.approx(logrank(t, ev, a), rel=1e-15)
