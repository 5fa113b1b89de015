"""Coverage of the meta-analysis intervals with five studies (seeded simulations, 4,000 replicates).

Five studies with heterogeneity (τ² = 0.04, comparable to the within-study variances), true pooled
effect 0; each replicate draws the studies' true effects and their estimates, and a new study's true
effect for the prediction interval. Accepted band for a 95 % claim: ±0.9 points (2.5 Monte Carlo SE at
4,000 replicates). Measured when written (2026-11-25):

=====================================  ==================  ===================
interval                               similar sizes       sizes 15-fold apart
=====================================  ==================  ===================
z (metafor's default)                  90.4 %              86.4 %
HKSJ (``hksj=True``)                   94.5 %              91.8 %
HKSJ ad hoc (``hksj="adhoc"``)         97.5 %              94.9 %
prediction interval, z                 81.1 %              77.9 %
prediction interval, t(k − 2)          92.4 %              88.5 %
=====================================  ==================  ===================

So: HKSJ holds 95 % when studies are of similar size and the ad hoc version when they are not (it is
conservative otherwise); the t prediction interval is far better than z but stays below 95 % with five
studies, because τ² itself is so uncertain — the report and the notes do not claim more.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from ekc_analysis.stats._meta import pool

REPS = 4000
TAU2 = 0.04
BAND = 0.009


def _simulate(sizes: list[int], seed: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    se = np.sqrt(4 / np.asarray(sizes, float))
    hit = dict.fromkeys(("z", "hksj", "adhoc", "pi_z", "pi_t"), 0)
    for _ in range(REPS):
        y = rng.normal(rng.normal(0, np.sqrt(TAU2), se.size), se)
        new = rng.normal(0, np.sqrt(TAU2))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z, kh, ah = (pool(y, se, "REML", hksj=h) for h in (False, True, "adhoc"))
        hit["z"] += z.ci_low <= 0 <= z.ci_high
        hit["hksj"] += kh.ci_low <= 0 <= kh.ci_high
        hit["adhoc"] += ah.ci_low <= 0 <= ah.ci_high
        hit["pi_z"] += abs(new - z.estimate) <= 1.959963985 * np.sqrt(z.se**2 + z.tau2)
        hit["pi_t"] += z.pi_low <= new <= z.pi_high
    return {k: v / REPS for k, v in hit.items()}


@pytest.mark.slow
def test_hksj_covers_95_percent_with_five_similar_studies() -> None:
    c = _simulate([100, 120, 150, 180, 200], seed=5)
    assert abs(c["hksj"] - 0.95) <= BAND, c
    assert c["z"] < 0.93, c  # the default z interval does not hold here
    assert c["pi_t"] > c["pi_z"] + 0.04, c


@pytest.mark.slow
def test_adhoc_hksj_holds_when_study_sizes_differ_a_lot() -> None:
    c = _simulate([40, 80, 150, 300, 600], seed=6)
    assert c["adhoc"] >= 0.95 - BAND, c
    assert c["hksj"] < 0.94, c  # plain HKSJ is too narrow here: why "adhoc" exists
    assert c["z"] < 0.90 and c["pi_z"] < 0.82, c
    assert 0.86 <= c["pi_t"] < 0.95 - BAND, c  # better than z, not 95 %: documented, not claimed


GRID = [(k, tau2) for k in (5, 10) for tau2 in (0.0, 0.02, 0.05, 0.1)]


@pytest.mark.slow
@pytest.mark.parametrize(("k", "tau2"), GRID)
def test_default_interval_covers_at_least_94_percent_over_the_grid(k: int, tau2: float) -> None:
    """Issue 22: the default (``hksj="adhoc-sj"``) covers >= 94 % (and its prediction interval >= 94 %) for
    k = 5 and 10, τ² from 0 to 0.1 and study sizes 40–1,500 (2,000 replicates a cell; at 94 % the Monte Carlo
    SE is 0.53 points, so a method covering 92 % fails with near certainty)."""
    rng = np.random.default_rng(31000 + 100 * k + int(1000 * tau2))
    se = np.sqrt(4 / np.round(np.geomspace(40, 1500, k)))
    hit = hit_pi = 0
    for _ in range(2000):
        y = rng.normal(rng.normal(0, np.sqrt(tau2), k), se)
        new = rng.normal(0, np.sqrt(tau2))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            p = pool(y, se, "REML", hksj="adhoc-sj")
        hit += p.ci_low <= 0 <= p.ci_high
        hit_pi += p.pi_low <= new <= p.pi_high
    assert hit / 2000 >= 0.94, hit / 2000
    assert hit_pi / 2000 >= 0.94, hit_pi / 2000
