from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import ekc_analysis as ekc

HEADER = ["case_id", "referral_date", "status", "conference_date", "plan", "n_agreements",
          "n_professional", "followup_date", "execution"]


def write_csv(path: Path, rows: list[list[object]], header: list[str] | None = None, sep: str = ",",
              encoding: str = "utf-8") -> Path:
    header = header or HEADER
    lines = [sep.join(header)] + [sep.join("" if v is None else str(v) for v in r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


VALID_ROWS = [
    ["K1", "2019-01-03", "conference", "2019-02-10", "ja", 12, 3, "2019-06-01", "volledig"],
    ["K2", "2019-01-05", "stopped", None, "nee", None, None, None, None],
    ["K3", "2019-02-01", "plan_without_conference", None, "ja", 8, 1, None, None],
    ["K4", "2019-03-01", "ongoing", None, None, None, None, None, None],
]


@pytest.fixture
def valid_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "cases.csv", VALID_ROWS)


@pytest.fixture(scope="session")
def sample() -> ekc.Registry:
    return ekc.sample_data()


def problems_of(path: Path, **kw: object) -> pd.DataFrame:
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path, **kw)
    return info.value.problems
