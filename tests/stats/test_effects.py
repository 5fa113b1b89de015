"""stats._effects, function by function: Newcombe's risk difference, the Katz risk ratio, Welch's t, Hedges' g,
the Wald interval and the IV (complier) estimator.

References: Newcombe's worked examples (Stat Med 1998;17:873, Table II, method 10); closed forms computed here
(Katz log interval, Hedges' J, Borenstein's SE, normal and t quantiles); R via Rscript
tests/reference/stats_effects.R (t.test, prop.test(correct = FALSE), metafor::escalc(measure = "SMD"),
AER::ivreg with sandwich::vcovHC(type = "HC0")), which writes stats_effects_data.csv and stats_effects_R.csv.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

from ekc_analysis.stats._effects import hedges_g, iv_wald, newcombe_difference, risk_ratio, wald, welch

REF = Path(__file__).resolve().parents[1] / "reference"
Z975 = 1.959963984540054  # qnorm(0.975)


@pytest.fixture(scope="module")
def r() -> pd.Series:
    return pd.read_csv(REF / "stats_effects_R.csv").set_index("name")["value"].astype(float)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF / "stats_effects_data.csv")


def _groups(data: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    d = data[data["set"] == name]
    return d.loc[d["g"] == 1, "y"].to_numpy(float), d.loc[d["g"] == 0, "y"].to_numpy(float)


# Newcombe (1998), Table II, method 10 (hybrid score, no continuity correction), to the paper's four decimals;
# each pair also recomputed independently in R from prop.test(correct = FALSE)'s Wilson limits (2026-12-04)
NEWCOMBE_TABLE_II = [
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ((0, 10, 0, 20), (-0.1611, 0.2775)),
    ((0, 10, 0, 10), (-0.2775, 0.2775)),
    ((10, 10, 0, 20), (0.6791, 1.0000)),
    ((10, 10, 0, 10), (0.6075, 1.0000)),
]


@pytest.mark.parametrize(("counts", "interval"), NEWCOMBE_TABLE_II)
def test_newcombe_difference_reproduces_newcombe_1998_table_ii_method_10(counts: tuple[int, int, int, int],
                                                                         interval: tuple[float, float]) -> None:
    e = newcombe_difference(*counts)
    assert e.estimate == pytest.approx(counts[0] / counts[1] - counts[2] / counts[3], abs=1e-15)
    assert (round(e.ci_low, 4), round(e.ci_high, 4)) == pytest.approx(interval, abs=1e-12)


def test_newcombe_difference_combines_the_two_wilson_intervals_and_uses_prop_test_p() -> None:
    """Closed form: L = d − sqrt((p1 − l1)² + (u0 − p0)²), U = d + sqrt((u1 − p1)² + (p0 − l0)²) with the Wilson
    limits written out; p of R's prop.test(c(56, 48), c(70, 80), correct = FALSE)."""
    def wilson(k: int, n: int, z: float) -> tuple[float, float]:
        p = k / n
        centre, half = p + z**2 / (2 * n), z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
        return (centre - half) / (1 + z**2 / n), (centre + half) / (1 + z**2 / n)

    for alpha in (0.05, 0.10):
        z = stats.norm.isf(alpha / 2)
        (l1, u1), (l0, u0) = wilson(56, 70, z), wilson(48, 80, z)
        p1, p0 = 0.8, 0.6
        e = newcombe_difference(56, 70, 48, 80, alpha)
        assert e.ci_low == pytest.approx(0.2 - np.hypot(p1 - l1, u0 - p0), rel=1e-12)
        assert e.ci_high == pytest.approx(0.2 + np.hypot(u1 - p1, p0 - l0), rel=1e-12)
    e = newcombe_difference(56, 70, 48, 80)
    assert e.p_value == pytest.approx(0.00804508136819656, rel=1e-9)  # R: prop.test(..., correct = FALSE)$p.value
    assert e.se == pytest.approx(np.sqrt(0.8 * 0.2 / 70 + 0.6 * 0.4 / 80), rel=1e-12)


def test_newcombe_difference_with_no_events_anywhere_has_an_interval_but_no_p_value() -> None:
    """0/10 vs 0/10: d = 0, the Wilson upper limit of 0/10 is z²/(n + z²) = 0.2775 on both sides, and the pooled
    z test is undefined (pooled variance 0): p is NaN, not 1."""
    e = newcombe_difference(0, 10, 0, 10)
    u = Z975**2 / (10 + Z975**2)
    assert (e.estimate, e.ci_low, e.ci_high) == pytest.approx((0.0, -u, u), abs=1e-12)
    assert np.isnan(e.p_value) and e.se == 0.0


def test_risk_ratio_equals_the_katz_log_interval() -> None:
    """RR = (a/n1)/(c/n0), SE(log RR) = sqrt(1/a − 1/n1 + 1/c − 1/n0), interval exp(log RR ± z SE)."""
    e = risk_ratio(30, 100, 20, 120)
    rr = 0.30 / (20 / 120)
    se = np.sqrt(1 / 30 - 1 / 100 + 1 / 20 - 1 / 120)
    assert (e.estimate, e.se) == pytest.approx((rr, se), rel=1e-12)
    assert (e.ci_low, e.ci_high) == pytest.approx((rr * np.exp(-Z975 * se), rr * np.exp(Z975 * se)), rel=1e-12)
    assert e.p_value == pytest.approx(2 * stats.norm.sf(np.log(rr) / se), rel=1e-12)
    e90 = risk_ratio(30, 100, 20, 120, alpha=0.10)
    assert e90.ci_high == pytest.approx(rr * np.exp(1.6448536269514722 * se), rel=1e-12)


def test_risk_ratio_is_nan_when_either_group_has_no_events() -> None:
    for counts in ((0, 50, 10, 50), (10, 50, 0, 50)):
        e = risk_ratio(*counts)
        assert np.isnan([e.estimate, e.ci_low, e.ci_high, e.p_value]).all()


def test_risk_ratio_with_every_child_an_event_in_both_groups_is_one_with_zero_se_and_no_p_value() -> None:
    """20/20 vs 30/30: RR = 1 and the Katz SE sqrt(1/20 − 1/20 + 1/30 − 1/30) = 0, so the interval is [1, 1] and the
    z statistic 0/0 is undefined: p NaN (as wald() with SE = 0), with no floating-point warning."""
    e = risk_ratio(20, 20, 30, 30)
    assert (e.estimate, e.se, e.ci_low, e.ci_high) == pytest.approx((1.0, 0.0, 1.0, 1.0), abs=1e-12)
    assert np.isnan(e.p_value)


@pytest.mark.parametrize("name", ["sleep", "mtcars"])
def test_welch_equals_r_t_test(data: pd.DataFrame, r: pd.Series, name: str) -> None:
    """R: t.test(y1, y0) (Welch; R's sleep data, group 1 vs 2, and mtcars mpg, manual vs automatic)."""
    y1, y0 = _groups(data, name)
    e, df = welch(y1, y0)
    assert e.estimate == pytest.approx(r[f"{name}_welch_est"], rel=1e-12)
    assert (e.ci_low, e.ci_high) == pytest.approx((r[f"{name}_welch_low"], r[f"{name}_welch_high"]), rel=1e-10)
    assert e.p_value == pytest.approx(r[f"{name}_welch_p"], rel=1e-10)
    assert df == e.df == pytest.approx(r[f"{name}_welch_df"], rel=1e-12)
    assert e.se == pytest.approx(r[f"{name}_welch_se"], rel=1e-12)
    assert welch(y1, y0, alpha=0.10)[0].ci_low == pytest.approx(r[f"{name}_welch90_low"], rel=1e-10)


def test_welch_on_r_sleep_data_matches_the_printed_t_test() -> None:
    """R's example ?t.test: t = −1.8608, df = 17.776, p-value = 0.07939, 95 % CI −3.3654832 to 0.2054832."""
    y1 = np.array([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0])
    y0 = np.array([1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4])
    e, df = welch(y1, y0)
    assert round(e.estimate / e.se, 4) == -1.8608 and round(df, 3) == 17.776 and round(e.p_value, 5) == 0.07939
    assert (round(e.ci_low, 7), round(e.ci_high, 7)) == (-3.3654832, 0.2054832)


@pytest.mark.parametrize("name", ["sleep", "mtcars"])
def test_hedges_g_is_cohens_d_times_hedges_j_with_borenstein_se(data: pd.DataFrame, name: str) -> None:
    """Closed form: d = (m1 − m0)/s_pooled, J = 1 − 3/(4(n1 + n0) − 9), g = J d,
    SE = sqrt((n1 + n0)/(n1 n0) + g²/(2(n1 + n0))) (Borenstein et al. 2009, 4.18-4.28), z interval."""
    y1, y0 = _groups(data, name)
    n1, n0 = y1.size, y0.size
    sp = np.sqrt((np.sum((y1 - y1.mean()) ** 2) + np.sum((y0 - y0.mean()) ** 2)) / (n1 + n0 - 2))
    g = (1 - 3 / (4 * (n1 + n0) - 9)) * (y1.mean() - y0.mean()) / sp
    se = np.sqrt((n1 + n0) / (n1 * n0) + g**2 / (2 * (n1 + n0)))
    e = hedges_g(y1, y0)
    assert (e.estimate, e.se) == pytest.approx((g, se), rel=1e-12)
    assert (e.ci_low, e.ci_high) == pytest.approx((g - Z975 * se, g + Z975 * se), rel=1e-12)
    assert e.p_value == pytest.approx(2 * stats.norm.sf(abs(g) / se), rel=1e-12)


@pytest.mark.parametrize("name", ["sleep", "mtcars"])
def test_hedges_g_equals_metafor_smd_up_to_the_exact_correction_factor(data: pd.DataFrame, r: pd.Series,
                                                                       name: str) -> None:
    """R: escalc(measure = "SMD", vtype = "LS"), whose J is exact: Γ(m/2) / (sqrt(m/2) Γ((m − 1)/2)), m = n1 + n0 − 2.
    Rescaled by J_exact / J_approx ours is metafor's yi to 1e-12, and unscaled within 2e-4 (Hedges' approximation
    is off by 1.0e-4 at m = 18);
    metafor's vi = 1/n1 + 1/n0 + yi²/(2(n1 + n0)) is the square of our SE formula."""
    y1, y0 = _groups(data, name)
    n1, n0 = y1.size, y0.size
    m = n1 + n0 - 2
    j_exact = np.exp(special.gammaln(m / 2) - special.gammaln((m - 1) / 2)) / np.sqrt(m / 2)
    j_approx = 1 - 3 / (4 * m - 1)
    e = hedges_g(y1, y0)
    assert e.estimate * j_exact / j_approx == pytest.approx(r[f"{name}_smd_yi"], rel=1e-12)
    assert e.estimate == pytest.approx(r[f"{name}_smd_yi"], rel=2e-4)
    yi = r[f"{name}_smd_yi"]
    assert 1 / n1 + 1 / n0 + yi**2 / (2 * (n1 + n0)) == pytest.approx(r[f"{name}_smd_vi"], rel=1e-12)


def test_wald_normal_t_and_exponentiated_intervals_by_hand() -> None:
    e = wald(0.5, 0.2)
    assert (e.ci_low, e.ci_high) == pytest.approx((0.5 - Z975 * 0.2, 0.5 + Z975 * 0.2), rel=1e-14)
    assert e.p_value == pytest.approx(2 * stats.norm.sf(2.5), rel=1e-14) and np.isnan(e.df)
    t = wald(0.5, 0.2, df=7)
    q = 2.364624251592785  # qt(0.975, 7)
    assert (t.ci_low, t.ci_high, t.df) == pytest.approx((0.5 - q * 0.2, 0.5 + q * 0.2, 7.0), rel=1e-8)  # scipy 1.11 t
    assert t.p_value == pytest.approx(2 * stats.t.sf(2.5, 7), rel=1e-12)
    x = wald(np.log(1.8), 0.25, alpha=0.10, exp=True)
    z90 = 1.6448536269514722
    assert (x.estimate, x.ci_low, x.ci_high) == pytest.approx(
        (1.8, 1.8 * np.exp(-z90 * 0.25), 1.8 * np.exp(z90 * 0.25)), rel=1e-12)
    assert x.se == 0.25  # the SE stays on the log scale


def test_wald_with_zero_standard_error_has_no_p_value() -> None:
    e = wald(0.3, 0.0)
    assert (e.ci_low, e.ci_high) == (0.3, 0.3) and np.isnan(e.p_value)


def test_iv_wald_equals_ivreg_with_hc0_standard_error(data: pd.DataFrame, r: pd.Series) -> None:
    """R: ivreg(y ~ d | z) (AER), sqrt(vcovHC(fit, type = "HC0")["d", "d"]), normal p and interval, on 240 simulated
    families with one-sided non-compliance (stats_effects_data.csv, set "iv")."""
    d = data[data["set"] == "iv"]
    y, dd, z = (d[c].to_numpy(float) for c in ("y", "d", "g"))
    e = iv_wald(y, dd, z)
    assert e.estimate == pytest.approx(r["iv_coef"], rel=1e-10)
    assert e.se == pytest.approx(r["iv_se_hc0"], rel=1e-10)
    assert e.p_value == pytest.approx(r["iv_p"], rel=1e-9)
    assert e.ci_low == pytest.approx(r["iv_low"], rel=1e-9)
    # with a binary instrument 2SLS is the Wald estimator: ITT on y over ITT on d
    itt_y = y[z == 1].mean() - y[z == 0].mean()
    itt_d = dd[z == 1].mean() - dd[z == 0].mean()
    assert e.estimate == pytest.approx(itt_y / itt_d, rel=1e-12)


def test_iv_wald_without_a_first_stage_is_nan() -> None:
    """Randomisation that does not change who gets a conference (cov(d, z) = 0) identifies nothing."""
    z = np.array([0, 0, 1, 1, 0, 1], float)
    d = np.array([1, 0, 1, 0, 0, 0], float)  # P(d | z=0) = P(d | z=1) = 1/3
    e = iv_wald(np.arange(6.0), d, z)
    assert np.isnan([e.estimate, e.ci_low, e.ci_high]).all()
