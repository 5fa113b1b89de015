"""ekc_analysis.stats._cluster.clustered_ratio on its own.

References: R 4.2 (tests/reference/stats_cluster.R, writing stats_cluster_R.csv) on datasets::esoph, each of the 88
cells a cluster of ncases + ncontrols people and y = ncases: ``sandwich::vcovCL(lm(y ~ 1), cluster = ~cell,
type = "HC1")`` on one row per person, the logit-t interval ``plogis(qlogis(p) ± qt(0.975, G − 1) se/(p(1 − p)))``
and the design effect se²/(p(1 − p)/N); for all cells, for cells 11–17 (7 clusters, 2 cases) and for the first six
cells (no case, where the Wilson interval over all 95 people is the closed form used here).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ekc_analysis.stats._cluster import clustered_ratio

REF = Path(__file__).resolve().parents[1] / "reference"
Z = 1.959963984540054


@pytest.fixture(scope="module")
def r() -> dict[str, str]:
    """Rscript tests/reference/stats_cluster.R."""
    return pd.read_csv(REF / "stats_cluster_R.csv", dtype=str).set_index("name")["value"].to_dict()


def _counts(r: dict[str, str], name: str) -> tuple[np.ndarray, np.ndarray]:
    y = np.array(r[f"{name}_ncases"].split(), float)
    return y, y + np.array(r[f"{name}_ncontrols"].split(), float)


@pytest.mark.parametrize("name", ["all", "few"])
def test_clustered_ratio_equals_r_vcovcl_hc1_with_logit_t_interval(r: dict[str, str], name: str) -> None:
    y, n = _counts(r, name)
    out = clustered_ratio(y, n)
    assert (out.n_units, out.n_clusters, out.df) == (int(r[f"{name}_n"]), int(r[f"{name}_G"]), int(r[f"{name}_G"]) - 1)
    assert out.estimate == pytest.approx(float(r[f"{name}_p"]), rel=1e-13)
    assert out.se == pytest.approx(float(r[f"{name}_se"]), rel=1e-10)
    assert out.ci_low == pytest.approx(float(r[f"{name}_low"]), rel=1e-8)  # t quantiles: scipy 1.11 to 4e-9
    assert out.ci_high == pytest.approx(float(r[f"{name}_high"]), rel=1e-8)
    assert out.design_effect == pytest.approx(float(r[f"{name}_deff"]), rel=1e-10)


def test_a_share_of_zero_gets_the_wilson_interval_over_all_units(r: dict[str, str]) -> None:
    """First six esoph cells: 0 cases among 95; R's se is 0 and its logit interval undefined. Wilson for 0/95:
    [0, z²/(n + z²)]."""
    y, n = _counts(r, "first6")
    out = clustered_ratio(y, n)
    assert (out.estimate, out.se, float(r["first6_se"])) == (0.0, 0.0, 0.0)
    assert out.ci_low == pytest.approx(0.0, abs=1e-15)
    assert out.ci_high == pytest.approx(Z**2 / (95 + Z**2), rel=1e-9)
    assert np.isnan(out.df) and np.isnan(out.design_effect)


def test_clusters_without_units_are_dropped() -> None:
    """Closed form: y = (1, 0, 3), n = (2, 4, 4) → p = 0.4, scores (0.2, −1.6, 1.4), V = 3/2 · 4.56 / 100."""
    out = clustered_ratio(np.array([1, 0, 0, 3]), np.array([2, 0, 4, 4]))
    assert (out.n_units, out.n_clusters) == (10, 3)
    assert out.estimate == pytest.approx(0.4, rel=1e-15)
    assert out.se == pytest.approx(np.sqrt(1.5 * 4.56 / 100), rel=1e-13)


def test_one_cluster_has_no_standard_error_and_none_has_no_estimate() -> None:
    one = clustered_ratio(np.array([2]), np.array([5]))
    assert (one.estimate, one.n_units, one.n_clusters) == (0.4, 5, 1) and np.isnan(one.se) and np.isnan(one.ci_low)
    none = clustered_ratio(np.array([0]), np.array([0]))
    assert (none.n_units, none.n_clusters) == (0, 0) and np.isnan(none.estimate)
