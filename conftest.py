import pandas as pd
import pytest

collect_ignore = ["ekc_analysis/__main__.py", "benchmarks", "notebooks"]


def pytest_configure(config: pytest.Config) -> None:
    # pandas 2 warns on writes to a copy (SettingWithCopyWarning); pandas 3 (copy-on-write) removed that class
    # and warns ChainedAssignmentError instead (in pyproject.toml). Naming a missing class breaks pytest's config.
    if hasattr(pd.errors, "SettingWithCopyWarning"):
        config.addinivalue_line("filterwarnings", "error::pandas.errors.SettingWithCopyWarning")
