"""Time: the extraction date (as_of), dates after it, follow-ups not yet due, and the funnel's maturity."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from conftest import write_csv
from ekc_analysis.cli._main import main

HEADER = ["case_id", "referral_date", "status", "conference_date", "plan", "followup_date", "execution"]


def _plans_csv(tmp_path: Path, followup_of_last: str | None) -> Path:
    """Three conference plans: two followed up, one (conference 1 Oct 2024) whose 3–5 month window ends
    1 March 2025."""
    rows = [
        ["K1", "2024-01-02", "conference", "2024-02-01", "ja", "2024-06-01", "volledig"],
        ["K2", "2024-01-05", "conference", "2024-02-15", "ja", "2024-06-10", "gedeeltelijk"],
        ["K3", "2024-08-01", "conference", "2024-10-01", "ja", followup_of_last, None],
    ]
    return write_csv(tmp_path / "cases.csv", rows, header=HEADER)


def test_load_takes_as_of_and_notes_today_when_not_given(tmp_path: Path) -> None:
    path = _plans_csv(tmp_path, None)
    reg = ekc.load(path, as_of="2024-12-31")
    assert reg.as_of == pd.Timestamp("2024-12-31") and "as of (extraction date): 2024-12-31" in reg.summary()
    today = ekc.load(path)
    assert today.as_of == pd.Timestamp("today").normalize()
    assert any("as_of (extraction date) not given: today" in n for n in today.notes)
    with pytest.raises(ekc.ArgumentError, match="as_of='31 februari'"):
        ekc.load(path, as_of="31 februari")


def test_dates_after_as_of_are_problems_in_the_usual_shape(tmp_path: Path) -> None:
    path = _plans_csv(tmp_path, "2029-01-15")  # 2029 typed for 2025
    with pytest.raises(ekc.ValidationError) as info:
        ekc.load(path, as_of="2025-02-01")
    p = info.value.problems
    assert list(p.columns) == ["file", "row", "column", "value", "rule"]
    assert p[["file", "row", "column", "value"]].astype(object).to_numpy().tolist() == [
        ["cases.csv", 4, "followup_date", "2029-01-15"]]  # the cell as typed
    assert p["rule"].iloc[0].startswith("followup_date is after the extraction date as_of (01-02-2025)")
    assert ekc.load(path, as_of="2029-02-01").n_cases == 3  # the same file, extracted later: valid


def test_not_yet_due_counts_from_as_of_not_from_the_latest_date_in_the_file(tmp_path: Path) -> None:
    path = _plans_csv(tmp_path, None)
    early = ekc.execution(ekc.load(path, as_of="2024-12-31")).followup.iloc[0]
    assert (early["in_window"], early["not_yet_due"], early["no_followup"]) == (2, 1, 0)
    late = ekc.execution(ekc.load(path, as_of="2025-03-01")).followup.iloc[0]  # window closed 1 March
    assert (late["in_window"], late["not_yet_due"], late["no_followup"]) == (2, 0, 1)
    assert any("as_of 2025-03-01" in n for n in ekc.execution(ekc.load(path, as_of="2025-03-01")).notes)


def test_cli_validate_takes_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _plans_csv(tmp_path, "2025-02-10")
    assert main(["validate", str(path), "--as-of", "2025-03-01"]) == 0
    assert main(["validate", str(path), "--as-of", "2025-01-31"]) == 2
    assert "after the extraction date as_of (31-01-2025)" in capsys.readouterr().out


def _maturing_registry(as_of: str = "2024-12-31") -> ekc.Registry:
    """Every quarter ends 70 / 15 / 15 %, but stopping takes 1 month, a plan without conference 2 and a
    conference 4: in the last quarter the conferences are still ongoing at as_of."""
    quarters = pd.date_range("2023-01-01", "2024-10-01", freq="QS")
    ends = ["conference"] * 14 + ["plan_without_conference"] * 3 + ["stopped"] * 3
    months = {"conference": 4, "plan_without_conference": 2, "stopped": 1}
    rows = []
    for q in quarters:
        for i, end in enumerate(ends):
            referral = q + pd.Timedelta(days=i)
            closed_on = referral + pd.DateOffset(months=months[end])
            done = closed_on <= pd.Timestamp(as_of)
            rows.append({"case_id": f"{q.date()}-{i}", "referral_date": referral,
                         "status": end if done else "ongoing",
                         "conference_date": closed_on if end == "conference" and done else pd.NaT})
    cases = pd.DataFrame(rows)
    cases["status"] = pd.Categorical(cases["status"], categories=["conference", "plan_without_conference",
                                                                  "stopped", "ongoing"])
    cases["quarter"] = cases["referral_date"].dt.to_period("Q").astype(str)
    return ekc.Registry(cases, as_of=pd.Timestamp(as_of))


def test_funnel_warns_for_strata_with_many_ongoing_and_min_followup_months_restores_the_shares() -> None:
    reg = _maturing_registry()
    with pytest.warns(ekc.StatisticalWarning, match=r"quarter=2024Q4: 70%.*min_followup_months=12"):
        by_quarter = ekc.funnel(reg, by="quarter")
    last = by_quarter.to_frame().query("quarter == '2024Q4'").set_index("stage")["share"]
    assert last["stopped"] == pytest.approx(0.5)  # 3 of the 6 closed: the drift the warning is about
    ongoing = by_quarter.ongoing.set_index("quarter")
    assert ongoing.loc["2024Q4", "ongoing_share"] == pytest.approx(14 / 20)
    assert ongoing.loc["2024Q3", "ongoing_share"] == 0  # referred July–Sept: ended by 31 December
    with warnings.catch_warnings():
        warnings.simplefilter("error", ekc.StatisticalWarning)
        mature = ekc.funnel(reg, min_followup_months=6)
    np.testing.assert_allclose(mature.to_frame()["share"], [0.7, 0.15, 0.15])
    assert mature.to_frame()["denominator"].iloc[0] == 6 * 20  # the quarters 2023Q1 to 2024Q2
    assert any("min_followup_months=6" in n and "40 more recent ones are left out" in n for n in mature.notes)
    with pytest.raises(ekc.ArgumentError, match="min_followup_months=-1"):
        ekc.funnel(reg, min_followup_months=-1)
