"""stats._proportions, function by function: the normal quantile, Wilson's interval, Goodman's simultaneous
multinomial intervals, the t interval of a mean and Pearson's goodness-of-fit test.

References: R via Rscript tests/reference/stats_proportions.R (stats_proportions_R.csv): qnorm,
prop.test(k, n, correct = FALSE)$conf.int (the Wilson interval), the same at conf.level = 1 − α/K for Goodman
(whose χ²₁ quantile at 1 − α/K is z² at the Bonferroni level, DescTools not being installed), t.test and
chisq.test(x, p = ); and the closed forms (Wilson 1927; Goodman 1965) written out here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from ekc_analysis.stats._proportions import goodman, goodness_of_fit, mean_ci, wilson, z_value

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def r() -> dict[str, float]:
    import pandas as pd

    return pd.read_csv(REF / "stats_proportions_R.csv").set_index("name")["value"].astype(float).to_dict()


def test_z_value_equals_qnorm(r: dict[str, float]) -> None:
    """R: qnorm(1 − α/2) for α = 0.05, 0.01, 0.10."""
    for a in (0.05, 0.01, 0.1):
        assert z_value(a) == pytest.approx(r[f"z_{a}"], rel=1e-14)
    assert z_value() == z_value(0.05)


WILSON_CASES = [(7, 10), (0, 10), (10, 10), (0, 1), (1, 1), (1, 3), (56, 70), (123, 400)]


@pytest.mark.parametrize(("k", "n"), WILSON_CASES)
@pytest.mark.parametrize("alpha", [0.05, 0.01])
def test_wilson_interval_equals_r_prop_test_without_continuity_correction(r: dict[str, float], k: int, n: int,
                                                                          alpha: float) -> None:
    """R: prop.test(k, n, conf.level = 1 − α, correct = FALSE)$conf.int, including n = 1 and k = 0 or n."""
    lo, hi = wilson(k, n, alpha)
    key = f"wilson_{k}_{n}_{alpha}"
    assert (float(lo), float(hi)) == pytest.approx((r[f"{key}_low"], r[f"{key}_high"]), rel=1e-12, abs=1e-15)


def test_wilson_interval_equals_the_closed_form_at_zero_and_n_and_stays_inside_zero_one() -> None:
    """Wilson at k = 0: [0, z²/(n + z²)]; at k = n: [n/(n + z²), 1], for n = 1 … 299. The bound at 0 or 1 is exactly
    0 or 1, as R's prop.test gives it (the formula alone left 10/10 at 1 − 1.1e-16)."""
    z2 = z_value() ** 2
    n = np.arange(1, 300)
    lo, hi = wilson(0, n)
    assert (lo == 0).all()
    assert hi == pytest.approx(z2 / (n + z2), rel=1e-12)
    lo, hi = wilson(n, n)
    assert (hi == 1).all()
    assert lo == pytest.approx(n / (n + z2), rel=1e-12)


def test_wilson_is_vectorised_and_nan_where_n_is_zero() -> None:
    lo, hi = wilson(np.array([7, 0, 3]), np.array([10, 0, 3]))
    assert lo[0] == pytest.approx(0.3967781, abs=5e-8) and hi[0] == pytest.approx(0.8922087, abs=5e-8)
    assert np.isnan(lo[1]) and np.isnan(hi[1])
    assert hi[2] == 1.0 and lo[2] == pytest.approx(3 / (3 + z_value() ** 2), rel=1e-12)


@pytest.mark.parametrize("alpha", [0.05, 0.1])
def test_goodman_intervals_are_wilson_intervals_at_the_bonferroni_level_as_in_r(r: dict[str, float],
                                                                                alpha: float) -> None:
    """R: prop.test(counts[i], N, conf.level = 1 − α/K, correct = FALSE) for counts 35, 74, 22, 69, 0 (K = 5),
    the empty category included (lower limit 0, upper A/(N + A) with A = qchisq(1 − α/K, 1))."""
    counts = np.array([35, 74, 22, 69, 0])
    lo, hi = goodman(counts, alpha)
    for i in range(5):
        assert lo[i] == pytest.approx(r[f"goodman_{alpha}_{i + 1}_low"], rel=1e-12, abs=1e-15)
        assert hi[i] == pytest.approx(r[f"goodman_{alpha}_{i + 1}_high"], rel=1e-12)
    a = stats.chi2.ppf(1 - alpha / 5, 1)
    assert hi[4] == pytest.approx(a / (200 + a), rel=1e-12)


def test_goodman_closed_form_with_two_categories_is_wilson_at_alpha_over_two() -> None:
    """Goodman (1965): (A + 2nᵢ ∓ sqrt(A(A + 4nᵢ(N − nᵢ)/N))) / (2(N + A)), A = χ²₁(1 − α/K); K = 2 here."""
    lo, hi = goodman([12, 28], 0.05)
    a = stats.chi2.ppf(1 - 0.05 / 2, 1)
    root = np.sqrt(a * (a + 4 * 12 * 28 / 40))
    assert (lo[0], hi[0]) == pytest.approx(((a + 24 - root) / (2 * (40 + a)), (a + 24 + root) / (2 * (40 + a))),
                                           rel=1e-12)
    wl, wh = wilson(12, 40, 0.025)
    assert (lo[0], hi[0]) == pytest.approx((float(wl), float(wh)), rel=1e-12)
    assert (lo[1], hi[1]) == pytest.approx((1 - hi[0], 1 - lo[0]), rel=1e-12)  # the two shares mirror


def test_mean_ci_equals_r_t_test(r: dict[str, float]) -> None:
    """R: t.test(x)$conf.int and $stderr, at 95 % and 90 %, and t.test(c(3, 5)) (n = 2: t on 1 df)."""
    x = np.array([12.1, 9.8, 14.3, 11.0, 10.6, 13.9, 8.7])
    m, lo, hi, se = mean_ci(x)
    assert (m, lo, hi, se) == pytest.approx((r["mean_est"], r["mean_low"], r["mean_high"], r["mean_se"]), rel=1e-8)
    assert mean_ci(x, 0.10)[1] == pytest.approx(r["mean90_low"], rel=1e-8)
    assert mean_ci(np.array([3.0, 5.0]))[1:3] == pytest.approx((r["mean2_low"], r["mean2_high"]), rel=1e-8)


def test_mean_ci_of_one_value_is_the_value_without_an_interval_and_of_none_is_nan() -> None:
    m, lo, hi, se = mean_ci(np.array([4.2]))
    assert m == 4.2 and np.isnan([lo, hi, se]).all()
    assert np.isnan(mean_ci(np.array([]))).all()


def test_goodness_of_fit_equals_r_chisq_test(r: dict[str, float]) -> None:
    """R: chisq.test(c(48, 30, 14, 8), p = c(0.5, 0.3, 0.15, 0.05)), and with p = c(2, 1, 1, 1),
    rescale.p = TRUE (shares given as weights are normalised)."""
    stat, df, p = goodness_of_fit(np.array([48, 30, 14, 8]), np.array([0.5, 0.3, 0.15, 0.05]))
    assert (stat, df, p) == (pytest.approx(r["gof_stat"], rel=1e-12), int(r["gof_df"]), pytest.approx(r["gof_p"],
                                                                                                       rel=1e-10))
    stat, df, p = goodness_of_fit(np.array([48, 30, 14, 8]), np.array([2, 1, 1, 1]))
    assert stat == pytest.approx(r["gof2_stat"], rel=1e-12) and p == pytest.approx(r["gof2_p"], rel=1e-10)


def test_goodness_of_fit_of_counts_equal_to_their_expectation_is_zero_with_p_one() -> None:
    assert goodness_of_fit(np.array([20, 30, 50]), np.array([0.2, 0.3, 0.5])) == (0.0, 2, 1.0)
