"""``ekc_analysis.errors``: a warning raised again keeps the module it arose in, so the suite's filters see it."""

from __future__ import annotations

import warnings

import pytest

from ekc_analysis.errors import warn_again


def test_a_warning_raised_again_is_seen_by_a_filter_on_its_module() -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="ekc_analysis")
        with pytest.raises(RuntimeWarning, match="overflow"):
            warn_again(RuntimeWarning("overflow"), RuntimeWarning, "/venv/lib/ekc_analysis/stats/_firth.py", 9)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")  # another package's warning: named from its file, and still shown
            warn_again(RuntimeWarning("elsewhere"), RuntimeWarning, "/venv/site-packages/numpy/core/x.py", 3)
    assert [str(w.message) for w in caught] == ["elsewhere"] and caught[0].lineno == 3
