"""ekc.consort: the CONSORT / STROBE flow with eligible, excluded, declined, lost and their reasons (known counts)."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc

matplotlib.use("Agg")


@pytest.fixture()
def trial() -> pd.DataFrame:
    """10 FGC families (4 held a conference; 6 did not: 4 declined, 2 with no network found) and 8 controls;
    3 lost to follow-up (2 moved, 1 without a recorded reason)."""
    held = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0] + [0] * 8
    why_not = [None] * 4 + ["declined"] * 4 + ["no network"] * 2 + [None] * 8
    outcome = [1.0] * 18
    outcome[0] = outcome[11] = outcome[12] = np.nan
    why_lost = [None] * 18
    why_lost[0], why_lost[11] = "moved", "moved"
    return pd.DataFrame(
        {"group": ["fgc"] * 10 + ["control"] * 8, "held": held, "why_not": why_not, "y": outcome, "why_lost": why_lost}
    )


def test_counts_and_reasons_per_arm(trial) -> None:
    r = ekc.consort(
        trial,
        "group",
        compliance="held",
        outcome="y",
        eligible=30,
        excluded={"declined to take part": 9, "not eligible": 3},
        declined_reason="why_not",
        lost_reason="why_lost",
    )
    t = r.to_frame()
    assert list(t.columns) == ["stage", "group", "reason", "n"]
    n = {(s, g, "" if pd.isna(x) else x): v for s, g, x, v in t.itertuples(index=False)}
    assert n[("assessed", "all", "")] == 30 and n[("excluded", "all", "")] == 12
    assert n[("excluded", "all", "declined to take part")] == 9 and n[("randomised", "all", "")] == 18
    assert n[("allocated", "fgc", "")] == 10 and n[("conference_held", "fgc", "")] == 4
    assert n[("declined", "fgc", "")] == 6 and n[("declined", "fgc", "declined")] == 4
    assert n[("declined", "fgc", "no network")] == 2
    assert ("declined", "control", "") not in n  # the comparison arm was not offered a conference
    assert n[("lost_to_follow_up", "fgc", "")] == 1 and n[("lost_to_follow_up", "fgc", "moved")] == 1
    assert n[("lost_to_follow_up", "control", "")] == 2
    assert n[("lost_to_follow_up", "control", "moved")] == 1
    assert n[("lost_to_follow_up", "control", "not recorded")] == 1
    assert n[("analysed", "fgc", "")] == 9 and n[("analysed", "control", "")] == 6


def test_strobe_wording_and_dutch(trial) -> None:
    r = ekc.consort(trial, "group", outcome="y", design="observational")
    assert r.to_frame()["stage"].iloc[0] == "included"
    assert r.summary("nl").startswith("Verloop van de studie (STROBE)")
    shown = r.display("nl")
    assert "Uit het oog verloren" in shown.iloc[:, 0].tolist()


def test_excluded_must_add_up(trial) -> None:
    with pytest.raises(ekc.ArgumentError, match="add up to 5"):
        ekc.consort(trial, "group", eligible=30, excluded={"declined": 5})
    with pytest.raises(ekc.ArgumentError, match="fewer than the 18"):
        ekc.consort(trial, "group", eligible=10)


def test_flow_figure_shows_every_box(trial) -> None:
    r = ekc.consort(
        trial,
        "group",
        compliance="held",
        outcome="y",
        eligible=30,
        excluded={"declined to take part": 9, "not eligible": 3},
        declined_reason="why_not",
        lost_reason="why_lost",
    )
    ax = r.plot(lang="en")
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("Assessed for eligibility\nn = 30") for t in texts)
    assert any("declined to take part: 9" in t for t in texts)
    assert any(t.startswith("No conference\nn = 6") and "no network: 2" in t for t in texts)
    assert any(t.startswith("Lost to follow-up\nn = 2") and "not recorded: 1" in t for t in texts)
    fig = ax.figure
    fig.canvas.draw()
    box = ax.get_window_extent()
    for t in ax.texts:  # no text leaves the axes
        e = t.get_window_extent()
        assert e.x0 >= box.x0 - 1 and e.x1 <= box.x1 + 1 and e.y0 >= box.y0 - 1 and e.y1 <= box.y1 + 1, t.get_text()
