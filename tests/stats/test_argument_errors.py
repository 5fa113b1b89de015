"""The stats folder's argument checks: an ArgumentError (a ValueError too) that names the argument and
what is allowed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ekc_analysis.errors import ArgumentError
from ekc_analysis.stats import _competing, _cox, _funnel_limits, _meta, _rubin
from ekc_analysis.stats._aalen_johansen_ij import ij_pieces


def test_funnel_limits_name_coverage_and_method() -> None:
    with pytest.raises(ArgumentError, match=r"coverage=1\.5: give a probability between 0 and 1"):
        _funnel_limits.control_limits(0.7, 100, coverage=1.5)
    with pytest.raises(ArgumentError, match=r"method='wilson': choose 'exact' or 'normal'"):
        _funnel_limits.control_limits(0.7, 100, method="wilson")  # type: ignore[arg-type]


def test_meta_pool_names_method() -> None:
    with pytest.raises(ArgumentError, match=r"method='PM': choose 'REML', 'DL' or 'FE'"):
        _meta.pool(np.array([0.1, 0.3]), np.array([0.1, 0.2]), method="PM")


def test_competing_status_and_rows() -> None:
    with pytest.raises(ArgumentError, match=r"status: give 0 \(censored\) or a positive integer cause code"):
        _competing.aalen_johansen(np.array([1.0, 2.0]), np.array([0, -1]))
    with pytest.raises(ArgumentError, match=r"time: no rows"):
        _competing.aalen_johansen(np.array([]), np.array([], dtype=int))


def test_entry_after_time_is_counted() -> None:
    with pytest.raises(ArgumentError, match=r"entry: every row's entry time must be before its time; 1 rows are not"):
        ij_pieces(np.array([1.0, 2.0]), np.array([1, 0]), np.ones(2), [1], entry=np.array([0.5, 2.0]))


def test_rubin_needs_two_imputations() -> None:
    with pytest.raises(ArgumentError, match=r"q: pooling needs estimates from at least two imputations; got 1"):
        _rubin.pool(np.array([0.2]), np.array([0.01]))


def test_cox_column_values_match_rows() -> None:
    data = pd.DataFrame({"t": [1.0, 2.0, 3.0]})
    with pytest.raises(ArgumentError, match=r"cluster: give a column name or one value per row; got 2 values for 3"):
        _cox._values(data, np.array([1, 2]), "cluster")
