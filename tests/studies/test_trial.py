"""power() with unequal arms and children within families, checked by simulation (seeded).

Continuous, equal family sizes: the formula is exact for the t test on family means, so the
empirical power of that test over 20,000 simulated trials must match within 3 Monte Carlo SE.
Binary, unequal arms: the normal approximation of R's power.prop.test, generalised; the empirical
power of the pooled z test must match within 1.5 points.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import ekc_analysis as ekc

REPS = 20_000


def test_clustered_unequal_continuous_power_is_exact_for_the_family_means_t_test() -> None:
    rng = np.random.default_rng(7)
    m, icc, g0, k = 2, 0.3, 40, 2.3  # 40 comparison families, 92 FGC families of 2 children
    g1 = int(round(k * g0))
    res = ekc.power("continuous", n=g0 * m, allocation=g1 / g0, icc=icc, cluster_size=m)
    detectable = float(res.to_frame()["estimate"].iloc[0])
    # simulate at the detectable difference: power should be 0.80
    between, within = np.sqrt(icc), np.sqrt(1 - icc)
    def family_means(g: int) -> np.ndarray:
        return rng.normal(0, between, (REPS, g)) + rng.normal(0, within, (REPS, g, m)).mean(axis=2)
    y1, y0 = family_means(g1) + detectable, family_means(g0)
    t = stats.ttest_ind(y1, y0, axis=1)
    empirical = float(np.mean(t.pvalue < 0.05))
    assert abs(empirical - 0.80) <= 3 * np.sqrt(0.8 * 0.2 / REPS), empirical
    assert "design effect 1 + (2 − 1) × 0.3 = 1.300" in " ".join(res.notes)


def test_unequal_arms_binary_sample_size_gives_the_power_asked() -> None:
    rng = np.random.default_rng(8)
    res = ekc.power("binary", p_control=0.30, p_treated=0.45, allocation=229 / 99).to_frame().iloc[0]
    n0 = int(np.ceil(res["n_control"]))
    n1 = int(np.ceil(res["n_treated"]))
    assert res["measure"] == "n_control" and n1 / n0 == pytest.approx(229 / 99, rel=0.02)
    x1, x0 = rng.binomial(n1, 0.45, REPS), rng.binomial(n0, 0.30, REPS)
    pbar = (x1 + x0) / (n1 + n0)
    z = (x1 / n1 - x0 / n0) / np.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n0))
    empirical = float(np.mean(np.abs(z) > stats.norm.isf(0.025)))
    assert abs(empirical - 0.80) <= 0.015, empirical
    equal = ekc.power("binary", p_control=0.30, p_treated=0.45).to_frame().iloc[0]
    assert n0 + n1 > 2 * equal["estimate"]  # unequal allocation costs children


def test_power_arguments_are_checked() -> None:
    with pytest.raises(ekc.ArgumentError, match="give icc and cluster_size together"):
        ekc.power("continuous", delta=0.3, icc=0.2)
    with pytest.raises(ekc.ArgumentError, match="allocation=0"):
        ekc.power("continuous", delta=0.3, allocation=0)
