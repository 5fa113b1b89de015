"""stats._power, function by function: power, sample size and detectable effect for two proportions and two
means, with unequal arms (k), a design effect (de) and clusters.

References: R via Rscript tests/reference/stats_power.R (stats_power_R.csv): power.prop.test and power.t.test
(strict = FALSE, tol = 1e-12 so that R's solved n, p2 and delta are exact to ~1e-10), and the noncentral t of
pwr::pwr.t2n.test written out for unequal arms; the generalisations R does not have (k ≠ 1 for proportions, a
design effect, clusters) against their closed forms written out here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ekc_analysis.stats._power import (
    detectable_difference,
    detectable_proportion,
    n_two_means,
    n_two_proportions,
    power_two_means,
    power_two_proportions,
)

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def r() -> pd.Series:
    return pd.read_csv(REF / "stats_power_R.csv").set_index("name")["value"].astype(float)


def test_power_two_proportions_equals_power_prop_test(r: pd.Series) -> None:
    """R: power.prop.test(n = 100, p1 = .30, p2 = .45)$power; (n = 40, p1 = .10, p2 = .12, sig.level = .01)."""
    assert power_two_proportions(100, 0.30, 0.45) == pytest.approx(r["pp_100_30_45"], rel=1e-12)
    assert power_two_proportions(40, 0.10, 0.12, alpha=0.01) == pytest.approx(r["pp_40_10_12_a01"], rel=1e-12)
    assert power_two_proportions(100, 0.45, 0.30) == pytest.approx(r["pp_100_30_45"], rel=1e-12)  # symmetric


def test_power_at_no_difference_is_half_alpha_as_r_with_strict_false(r: pd.Series) -> None:
    """R: power.prop.test(n = 25, p1 = p2 = .6)$power = power.t.test(n = 20, delta = 0)$power = 0.025: only the upper
    tail is counted (strict = FALSE)."""
    assert power_two_proportions(25, 0.6, 0.6) == pytest.approx(r["pp_25_60_60"], rel=1e-12) == 0.025
    assert power_two_means(20, 0.0) == pytest.approx(r["pt_20_0"], rel=1e-8) == 0.025  # noncentral t: scipy 1.11


def test_power_two_means_equals_power_t_test(r: pd.Series) -> None:
    """R: power.t.test(n = 50, delta = .4)$power; (n = 12, delta = 5, sd = 3, sig.level = .01)."""
    assert power_two_means(50, 0.4) == pytest.approx(r["pt_50_04"], rel=1e-8)
    assert power_two_means(12, 5, sd=3, alpha=0.01) == pytest.approx(r["pt_12_5_sd3_a01"], rel=1e-12)


def test_power_two_means_with_unequal_arms_equals_the_two_n_noncentral_t(r: pd.Series) -> None:
    """R: pt(qt(.975, 326), 326, ncp = .35 / sqrt(1/99 + 1/229), lower = FALSE) (pwr.t2n.test's formula): 99 control
    and 229 treated families, as in ZonMw."""
    assert power_two_means(99, 0.35, k=229 / 99) == pytest.approx(r["pt2n_99_229_035"], rel=1e-10)


def test_power_two_proportions_with_unequal_arms_and_design_effect_equals_the_closed_form() -> None:
    """Φ((|p1 − p2| − z sqrt(p̄(1 − p̄)(1/n1 + 1/n2) de)) / sqrt((p1(1 − p1)/n1 + p2(1 − p2)/n2) de)), p̄ weighted by
    n1 = n and n2 = k n."""
    n, k, de, p1, p2 = 99, 229 / 99, 1.4, 0.30, 0.45
    n1, n2 = n, k * n
    pbar = (n1 * p1 + n2 * p2) / (n1 + n2)
    z = stats.norm.isf(0.025)
    expected = stats.norm.cdf((0.15 - z * np.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2) * de))
                              / np.sqrt((p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) * de))
    assert power_two_proportions(n, p1, p2, k=k, de=de) == pytest.approx(expected, rel=1e-12)
    # a design effect on proportions is an effective sample size: n / de in both arms
    assert power_two_proportions(120, p1, p2, de=1.5) == pytest.approx(power_two_proportions(80, p1, p2), rel=1e-12)


def test_power_two_means_with_clusters_uses_clusters_minus_two_df() -> None:
    """Closed form: 60 + 60 children in families of 3 (40 clusters): df = 120/3 − 2 = 38,
    ncp = δ / (sd sqrt(de (1/60 + 1/60))), de = 1 + (3 − 1)·0.1."""
    de = 1 + 2 * 0.1
    q = stats.t.isf(0.025, 38)
    expected = stats.nct.sf(q, 38, 0.5 / (1.2 * np.sqrt(de * (2 / 60))))
    assert power_two_means(60, 0.5, sd=1.2, de=de, cluster_size=3) == pytest.approx(expected, rel=1e-12)


def test_n_two_proportions_equals_power_prop_test(r: pd.Series) -> None:
    """R: power.prop.test(p1 = .30, p2 = .45, power = .8, tol = 1e-12)$n; (p1 = .5, p2 = .4, power = .9,
    sig.level = .01): the smaller p2 is solved as well."""
    assert n_two_proportions(0.30, 0.45) == pytest.approx(r["n_prop_30_45"], rel=1e-9)
    assert n_two_proportions(0.50, 0.40, power=0.9, alpha=0.01) == pytest.approx(r["n_prop_50_40_p90_a01"], rel=1e-9)


def test_n_two_means_equals_power_t_test(r: pd.Series) -> None:
    """R: power.t.test(delta = .4, power = .8, tol = 1e-12)$n; (delta = 5, sd = 8, power = .9)."""
    assert n_two_means(0.4) == pytest.approx(r["n_t_04"], rel=1e-9)
    assert n_two_means(5, sd=8, power=0.9) == pytest.approx(r["n_t_5_sd8_p90"], rel=1e-9)


def test_sample_sizes_give_back_the_power_asked_with_unequal_arms_and_clusters() -> None:
    n = n_two_proportions(0.30, 0.45, k=229 / 99, de=1.3)
    assert power_two_proportions(n, 0.30, 0.45, k=229 / 99, de=1.3) == pytest.approx(0.8, abs=1e-10)
    n = n_two_means(0.3, k=2.0, de=1.2, cluster_size=2.5, power=0.9)
    assert power_two_means(n, 0.3, k=2.0, de=1.2, cluster_size=2.5) == pytest.approx(0.9, abs=1e-10)


def test_detectable_proportion_equals_power_prop_test_p2(r: pd.Series) -> None:
    """R: power.prop.test(n = 150, p1 = .30, power = .8, tol = 1e-12)$p2 (the larger p2)."""
    p2 = detectable_proportion(150, 0.30)
    assert p2 == pytest.approx(r["p2_150_30"], rel=1e-9) and p2 > 0.30


def test_detectable_difference_equals_power_t_test_delta(r: pd.Series) -> None:
    """R: power.t.test(n = 40, power = .8, tol = 1e-12)$delta; (n = 40, sd = 2.5, power = .9)."""
    assert detectable_difference(40) == pytest.approx(r["delta_40"], rel=1e-9)
    assert detectable_difference(40, sd=2.5, power=0.9) == pytest.approx(r["delta_40_sd25_p90"], rel=1e-9)


def test_detectable_effects_invert_their_power_functions() -> None:
    d = detectable_difference(99, k=229 / 99, de=1.15, cluster_size=1.6)
    assert power_two_means(99, d, k=229 / 99, de=1.15, cluster_size=1.6) == pytest.approx(0.8, abs=1e-10)
    p2 = detectable_proportion(99, 0.30, power=0.9, k=229 / 99, de=1.15)
    assert power_two_proportions(99, 0.30, p2, k=229 / 99, de=1.15) == pytest.approx(0.9, abs=1e-10)
