"""BCa bootstrap of a mean difference equals scipy.stats.bootstrap(method="BCa") on the same resamples."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from ekc_analysis.stats._bootstrap import bca_mean_difference


def _seeded(seed: int) -> dict[str, np.random.Generator]:
    """scipy's bootstrap takes ``rng=`` from 1.15 and ``random_state=`` before (the minimum, 1.11)."""
    import inspect

    name = "rng" if "rng" in inspect.signature(stats.bootstrap).parameters else "random_state"
    return {name: np.random.default_rng(seed)}


@pytest.mark.parametrize("seed", range(5))
def test_bca_equals_scipy_with_many_ties(seed: int) -> None:
    """Integer outcomes in small groups: 2–5 % of the replicates equal the estimate, so the bias
    correction must use the mid-rank (scipy's percentileofscore kind='mean'), not the share strictly below."""
    rng = np.random.default_rng(seed)
    x1, x0 = rng.integers(0, 3, 12).astype(float), rng.integers(0, 3, 7).astype(float)
    est, lo, hi, boot = bca_mean_difference(x1, x0, n_boot=999, seed=seed)
    ref = stats.bootstrap((x1, x0), lambda a, b, axis: a.mean(axis) - b.mean(axis), n_resamples=999,
                          method="BCa", **_seeded(seed), vectorized=True)
    np.testing.assert_allclose(np.sort(boot), np.sort(ref.bootstrap_distribution), rtol=1e-12)
    assert np.mean(boot == est) > 0.02
    assert (lo, hi) == pytest.approx(tuple(ref.confidence_interval), rel=1e-9)


def test_bca_equals_scipy_with_skewed_costs_of_unequal_groups() -> None:
    rng = np.random.default_rng(11)
    x1, x0 = rng.lognormal(9.5, 1.0, 60), rng.lognormal(9.4, 0.8, 25)
    _, lo, hi, _ = bca_mean_difference(x1, x0, n_boot=1000, seed=3)
    ref = stats.bootstrap((x1, x0), lambda a, b, axis: a.mean(axis) - b.mean(axis), n_resamples=1000,
                          method="BCa", **_seeded(3), vectorized=True)
    assert (lo, hi) == pytest.approx(tuple(ref.confidence_interval), rel=1e-9)
