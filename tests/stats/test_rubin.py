"""stats._rubin, function by function: Barnard–Rubin degrees of freedom, Rubin's rules and the D2 pooling of
chi-square statistics.

References: R via Rscript tests/reference/stats_rubin.R (mice 3.15, mitml 0.4): mice::pool on lm(chl ~ bmi + age)
fitted to five imputations of mice's nhanes data (the per-imputation estimates and variances are in
stats_rubin_input.csv), mice::pool.scalar on made-up estimates (dfcom infinite and finite, and with no
between-imputation variance, where mice floors λ at 1e-4), mitml:::.D2 (what mice::D2 hands to
mitml::testModels) with pf(F, k, v, lower.tail = FALSE); and the closed forms of Rubin (1987) and
Barnard & Rubin (1999) written out here. tests/studies/test_imputation.py checks the same rules through the
public estimators; this file checks the arithmetic on its own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ekc_analysis.errors import ArgumentError
from ekc_analysis.stats._rubin import barnard_rubin, pool, pool_chisquare

REF = Path(__file__).resolve().parents[1] / "reference"
Q = np.array([0.42, 0.51, 0.37, 0.60, 0.45, 0.49, 0.55])
U = np.array([0.010, 0.012, 0.011, 0.009, 0.013, 0.010, 0.012])


@pytest.fixture(scope="module")
def r() -> pd.Series:
    return pd.read_csv(REF / "stats_rubin_R.csv").set_index("name")["value"].astype(float)


@pytest.mark.parametrize("term", ["(Intercept)", "bmi", "age"])
def test_pool_equals_mice_pool_on_nhanes(r: pd.Series, term: str) -> None:
    """R: pool(with(mice(nhanes, m = 5, seed = 2024), lm(chl ~ bmi + age)))$pooled; dfcom = 22 from df.residual."""
    per = pd.read_csv(REF / "stats_rubin_input.csv")
    per = per[per["term"] == term]
    p = pool(per["q"].to_numpy(), per["u"].to_numpy(), dfcom=float(per["dfcom"].iloc[0]))
    key = f"nhanes_{term}"
    assert p.m == 5
    for ours, theirs in (("estimate", "estimate"), ("within", "ubar"), ("between", "b"), ("total", "t"),
                         ("df", "df"), ("riv", "riv"), ("lambda_", "lambda"), ("fmi", "fmi")):
        assert getattr(p, ours) == pytest.approx(r[f"{key}_{theirs}"], rel=1e-10), ours


def test_pooled_interval_and_p_value_equal_mice_summary(r: pd.Series) -> None:
    """R: summary(pool(fit), conf.int = TRUE) for bmi: q̄ − qt(.975, df) sqrt(t), 2 pt(−|q̄|/sqrt(t), df)."""
    per = pd.read_csv(REF / "stats_rubin_input.csv")
    per = per[per["term"] == "bmi"]
    low, _, p = pool(per["q"].to_numpy(), per["u"].to_numpy(), dfcom=22).interval()
    assert low == pytest.approx(r["nhanes_bmi_low"], rel=1e-10)
    assert p == pytest.approx(r["nhanes_bmi_p"], rel=1e-10)


@pytest.mark.parametrize("n", [np.inf, 50])
def test_pool_equals_mice_pool_scalar(r: pd.Series, n: float) -> None:
    """R: pool.scalar(Q, U, n = Inf | 50, k = 3) (dfcom = n − k: infinite, or 47)."""
    p = pool(Q, U, dfcom=n - 3)
    key = f"scalar_{'Inf' if np.isinf(n) else int(n)}"
    for ours, theirs in (("estimate", "qbar"), ("within", "ubar"), ("between", "b"), ("total", "t"), ("df", "df"),
                         ("riv", "r"), ("fmi", "fmi")):
        assert getattr(p, ours) == pytest.approx(r[f"{key}_{theirs}"], rel=1e-12), ours


def test_pool_by_hand_with_rubin_and_barnard_rubin_formulas() -> None:
    """Rubin (1987): q̄, ū, b = var(q), t = ū + (1 + 1/m) b; Barnard & Rubin (1999): λ = (1 + 1/m) b / t,
    ν_old = (m − 1)/λ², ν_obs = (ν_com + 1)/(ν_com + 3) ν_com (1 − λ), ν = ν_old ν_obs / (ν_old + ν_obs)."""
    m, dfcom = 7, 47.0
    b = Q.var(ddof=1)
    t = U.mean() + (1 + 1 / m) * b
    lam = (1 + 1 / m) * b / t
    old, obs = (m - 1) / lam**2, (dfcom + 1) / (dfcom + 3) * dfcom * (1 - lam)
    p = pool(Q, U, dfcom)
    assert (p.estimate, p.within, p.between, p.total) == pytest.approx((Q.mean(), U.mean(), b, t), rel=1e-14)
    assert p.lambda_ == pytest.approx(lam, rel=1e-14) and p.se == pytest.approx(np.sqrt(t), rel=1e-14)
    assert p.df == pytest.approx(old * obs / (old + obs), rel=1e-13)
    assert barnard_rubin(m, b, t) == pytest.approx(old, rel=1e-13)  # complete data with infinite df
    q = stats.t.isf(0.05, p.df)
    low, high, _ = p.interval(0.10)
    assert (low, high) == pytest.approx((Q.mean() - q * np.sqrt(t), Q.mean() + q * np.sqrt(t)), rel=1e-12)


def test_identical_imputations_floor_lambda_at_1e4_as_mice(r: pd.Series) -> None:
    """R: pool.scalar(rep(.3, 4), c(.02, .03, .025, .02), n = 40, k = 2): b = 0, λ floored at 1e-4 so the df stay
    finite, ν ≈ ν_obs; with n = Inf, ν = (m − 1)/1e-8 = 3e8."""
    u = np.array([0.02, 0.03, 0.025, 0.02])
    p = pool(np.full(4, 0.3), u, dfcom=38)
    assert (p.between, p.riv, p.lambda_) == (0.0, 0.0, 0.0)
    assert (p.total, p.df, p.fmi) == pytest.approx((r["same_t"], r["same_df"], r["same_fmi"]), rel=1e-12)
    assert pool(np.full(4, 0.3), u).df == pytest.approx(r["same_inf_df"], rel=1e-12) == 3e8


def test_barnard_rubin_never_exceeds_the_complete_data_df() -> None:
    """ν_obs < ν_com and ν < min(ν_old, ν_obs): imputation can only cost degrees of freedom."""
    for b, t in ((0.001, 0.02), (0.01, 0.02), (0.5, 0.6)):
        df = barnard_rubin(5, b, t, 30.0)
        assert df < 30 and df < barnard_rubin(5, b, t)


def test_pool_refuses_a_single_imputation() -> None:
    with pytest.raises(ArgumentError, match="at least two imputations; got 1"):
        pool(np.array([0.3]), np.array([0.01]))


@pytest.mark.parametrize(("key", "d", "k"), [("d2_a", [8.1, 11.4, 6.9, 9.7, 12.3], 2),
                                             ("d2_b", [3.2, 4.9, 2.1, 5.5, 3.8, 4.1, 2.7, 6.0, 3.3, 4.4], 3)])
def test_pool_chisquare_equals_mitml_d2(r: pd.Series, key: str, d: list[float], k: int) -> None:
    """R: D <- mitml:::.D2(d, k); D$F, D$v, pf(D$F, k, D$v, lower.tail = FALSE)."""
    f, v, p = pool_chisquare(np.array(d), k)
    assert (f, v, p) == pytest.approx((r[f"{key}_F"], r[f"{key}_v"], r[f"{key}_p"]), rel=1e-10)


def test_pool_chisquare_of_identical_statistics_is_the_chi_square_test() -> None:
    """Li et al. (1991): with no spread between imputations r = 0, F = d/k, the denominator df are infinite and
    p = P(χ²_k > d)."""
    f, v, p = pool_chisquare(np.full(5, 7.3), 2)
    assert (f, v) == (pytest.approx(7.3 / 2, rel=1e-14), np.inf)
    assert p == pytest.approx(stats.chi2.sf(7.3, 2), rel=1e-12)


def test_pool_chisquare_truncates_a_negative_f_at_zero() -> None:
    """Small, widely spread statistics make D2's numerator negative; F is set to 0 (p = 1), not left negative."""
    d = np.array([0.01, 9.0, 0.04, 6.0])
    r_ = (1 + 1 / 4) * np.var(np.sqrt(d), ddof=1)
    assert d.mean() / 1 - (5 / 3) * r_ < 0  # the raw numerator
    f, v, p = pool_chisquare(d, 1)
    assert f == 0.0 and p == 1.0
    assert v == pytest.approx(1 ** (-3 / 4) * 3 * (1 + 1 / r_) ** 2, rel=1e-12)
