"""stats._funnel_limits, function by function: the interpolated binomial quantile, the exact and normal control
limits of a funnel plot for a proportion, and the flag of each unit.

References: Spiegelhalter (2005), Stat Med 24:1185, appendix A.1.1, written out by hand for small binomials; R via
Rscript tests/reference/stats_funnel_limits.R (stats_funnel_limits_R.csv: qbinom/pbinom with the same
interpolation at units of 1, 2, 3 and 9 cases, shares 0.01 to 0.999 and quantiles 0.0005 to 0.999).
tests/describe/test_benchmark.py already checks control_limits() at the 95 % and 99.8 % coverages on the grid of
tests/reference/funnel_limits.R (n ≥ 5) and two binomials by hand; this file covers what that leaves out.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ekc_analysis.errors import ArgumentError
from ekc_analysis.stats._funnel_limits import binomial_limit, control_limits, flag

REF = Path(__file__).resolve().parents[1] / "reference"


def test_binomial_limit_equals_r_at_tiny_units_and_extreme_shares() -> None:
    """R: r <- qbinom(p, n, p0); a <- (pbinom(r) − p) / (pbinom(r) − pbinom(r − 1)); clip((r − a)/n, 0, 1), over
    p0 ∈ {.01, .5, .97, .999}, n ∈ {1, 2, 3, 9}, p ∈ {.0005, .025, .5, .9, .999}; the whole grid at once
    (vectorised over n for each p0 and p)."""
    grid = pd.read_csv(REF / "stats_funnel_limits_R.csv")
    assert len(grid) == 80
    for (p0, p), g in grid.groupby(["p0", "p"]):
        ours = binomial_limit(float(p0), g["n"].to_numpy(float), float(p))
        assert ours == pytest.approx(g["limit"].to_numpy(), abs=1e-12), (p0, p)


def test_binomial_limit_for_one_case_by_hand() -> None:
    """n = 1, p0 = 0.999: P(R ≤ 0) = 0.001 < 0.025, so r = 1 and a = (1 − 0.025)/(1 − 0.001) = 0.975/0.999;
    the limit is 1 − a = 0.024/0.999. For p0 = 0.5 the 2.5 % quantile is r = 0 with a = 0.95: (0 − 0.95)/1 → 0."""
    assert float(binomial_limit(0.999, 1, 0.025)) == pytest.approx(0.024 / 0.999, rel=1e-12)
    assert float(binomial_limit(0.5, 1, 0.025)) == 0.0
    assert float(binomial_limit(0.5, 1, 0.975)) == pytest.approx(1 - 0.025 / 0.5, rel=1e-12)  # r = 1, a = 0.05


def test_binomial_limit_docstring_value_by_hand() -> None:
    """Binomial(100, 0.7): the 97.5 % quantile r and a = (F(r) − .975)/(F(r) − F(r − 1)) from scipy's cdf; 0.7831."""
    r = stats.binom.ppf(0.975, 100, 0.7)
    fr, fr1 = stats.binom.cdf(r, 100, 0.7), stats.binom.cdf(r - 1, 100, 0.7)
    expected = (r - (fr - 0.975) / (fr - fr1)) / 100
    assert float(binomial_limit(0.7, 100, 0.975)) == pytest.approx(expected, rel=1e-12)
    assert round(expected, 4) == 0.7831


def test_exact_limits_stay_inside_zero_one_and_narrow_with_n() -> None:
    n = np.array([1, 2, 5, 20, 100, 1000, 10000])
    for p0 in (0.02, 0.5, 0.98):
        lo, hi = control_limits(p0, n, 0.998)
        assert ((0 <= lo) & (lo <= p0) & (p0 <= hi) & (hi <= 1)).all()
        assert (np.diff(hi - lo) <= 1e-12).all()  # never wider for a larger unit


def test_normal_limits_are_clipped_for_a_unit_of_one() -> None:
    """p0 ± z sqrt(p0 (1 − p0)/1) leaves [0, 1] at n = 1: clipped to 0 and 1; other coverages by hand (90 %)."""
    lo, hi = control_limits(0.3, 1, 0.95, method="normal")
    assert (float(lo), float(hi)) == (0.0, 1.0)
    lo, hi = control_limits(0.3, 400, 0.90, method="normal")
    half = 1.6448536269514722 * np.sqrt(0.21 / 400)
    assert (float(lo), float(hi)) == pytest.approx((0.3 - half, 0.3 + half), rel=1e-12)


def test_control_limits_at_a_share_of_zero_or_one_collapse_onto_it() -> None:
    """p0 = 0 or 1: both limits are p0 (exact and normal). The interpolated quantile itself would give, at p0 = 1,
    r = n with F(n − 1) = 0, so a = 1 − p and (n − 1 + p)/n, below 1: for n = 3 at 95 %, 2.025/3 and 2.975/3
    (Spiegelhalter's formula, as R's qbinom/pbinom give it), which would flag every unit at 100 %."""
    n = np.array([3.0, 50.0])
    for p0 in (0.0, 1.0):
        for method in ("exact", "normal"):
            lo, hi = control_limits(p0, n, 0.95, method=method)
            assert lo.tolist() == hi.tolist() == [p0, p0]
    assert binomial_limit(1.0, n, 0.025) == pytest.approx((n - 1 + 0.025) / n, rel=1e-12)
    assert binomial_limit(1.0, n, 0.975) == pytest.approx((n - 1 + 0.975) / n, rel=1e-12)


def test_control_limits_refuse_a_coverage_outside_zero_one_and_an_unknown_method() -> None:
    for coverage in (0.0, 1.0, 95):
        with pytest.raises(ArgumentError, match="give a probability between 0 and 1"):
            control_limits(0.5, 10, coverage)
    with pytest.raises(ArgumentError, match="choose 'exact' or 'normal'"):
        control_limits(0.5, 10, 0.95, method="wald")  # type: ignore[arg-type]


def test_flag_places_each_share_and_a_share_on_a_limit_is_within() -> None:
    limits = {0.95: (np.array(0.4), np.array(0.6)), 0.998: (np.array(0.3), np.array(0.7))}
    share = np.array([0.75, 0.65, 0.5, 0.35, 0.25, 0.6, 0.3])
    assert flag(share, limits).tolist() == ["above_99.8", "above_95", "within", "below_95", "below_99.8",
                                            "within", "below_95"]
    assert flag(np.array([0.7, 0.4]), limits).tolist() == ["above_95", "within"]


def test_flag_uses_each_units_own_limits() -> None:
    """Two units with the same share 0.8: inside the wide limits of a unit of 10, outside the narrow ones of 1000."""
    n = np.array([10.0, 1000.0])
    limits = {c: control_limits(0.7, n, c) for c in (0.95, 0.998)}
    assert flag(np.array([0.8, 0.8]), limits).tolist() == ["within", "above_99.8"]


def test_when_every_unit_is_at_100_or_0_percent_no_unit_lies_outside_the_limits() -> None:
    """An overall share of 1 (or 0): the interpolated binomial quantile would put both limits below 1 (0.675 and
    0.9917 for n = 3 at 95 %) and flag every unit 'above'; the limits are the share itself, every unit within."""
    n = np.array([3.0, 10.0, 40.0])
    for p0 in (0.0, 1.0):
        limits = {c: control_limits(p0, n, c) for c in (0.95, 0.998)}
        assert all((lo == p0).all() and (hi == p0).all() for lo, hi in limits.values())
        assert list(flag(np.full(3, p0), limits)) == ["within"] * 3
