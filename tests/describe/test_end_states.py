"""End states by time since referral: Aalen–Johansen with ongoing initiatives censored at as_of."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc


def _five() -> ekc.Registry:
    """Ends after 30 (stopped), 60 (plan without conference), 120 and 150 days (conferences); one ongoing,
    referred 91 days before as_of. By hand (Aalen–Johansen): stopped 1/5; plan without conference
    4/5 · 1/4 = 1/5; then the ongoing one leaves the risk set, and the conferences take 3/5 · 1/2 and
    3/10 · 1: 3/5 by 6 months. At 3 months (91.3 days): 1/5, 1/5, 0 and ongoing 3/5."""
    as_of = pd.Timestamp("2024-12-31")
    start = pd.Timestamp("2024-01-01")
    rows = [("A", start, "stopped", None, 30), ("B", start, "plan_without_conference", None, 60),
            ("C", as_of - pd.Timedelta(days=91), "ongoing", None, None),
            ("D", start, "conference", start + pd.Timedelta(days=120), None),
            ("E", start, "conference", start + pd.Timedelta(days=150), None)]
    cases = pd.DataFrame({
        "case_id": [r[0] for r in rows], "referral_date": [r[1] for r in rows],
        "status": pd.Categorical([r[2] for r in rows], categories=["conference", "plan_without_conference",
                                                                   "stopped", "ongoing"]),
        "conference_date": pd.to_datetime([r[3] for r in rows]),
        "end_date": pd.to_datetime([None if r[4] is None else start + pd.Timedelta(days=r[4]) for r in rows]),
    })
    cases["plan_date"] = cases["end_date"].where(cases["status"] == "plan_without_conference")
    return ekc.Registry(cases, as_of=as_of)


def test_aalen_johansen_by_hand() -> None:
    e = ekc.end_states(_five(), months=(3, 6))
    t = e.to_frame().set_index(["state", "months"])["estimate"]
    assert t[("stopped", 3)] == pytest.approx(0.2) and t[("plan_without_conference", 3)] == pytest.approx(0.2)
    assert t[("conference", 3)] == 0 and t[("ongoing", 3)] == pytest.approx(0.6)
    assert t[("conference", 6)] == pytest.approx(0.6) and t[("ongoing", 6)] == pytest.approx(0.0)
    assert e.to_frame().set_index(["state", "months"]).loc[("conference", 6), "n_at_risk"] == 0
    assert any("1 ongoing initiatives censored at as_of 2024-12-31" in n for n in e.notes)


def test_a_stop_needs_its_date() -> None:
    reg = _five()
    cases = reg.cases.drop(columns=["end_date", "referral_year", "closed"])
    with pytest.raises(ekc.ArgumentError, match="stopped: 1.*end_date="):
        ekc.end_states(ekc.Registry(cases, as_of=reg.as_of))


def test_recent_cohort_is_not_biased_to_quick_endings() -> None:
    """Every quarter ends 70 / 15 / 15 %, stopping after 1 month, a plan after 2, a conference after 4: the funnel
    of the last quarter is all stops and plans; the end states at 6 months, read over all quarters, are 70 / 15 /
    15 exactly (by hand: stops 24/160, plans 24/160 of the rest, the censored quarter leaves the risk set at 91
    days, then all 98 at risk hold a conference: (1 - 0.3) · 98/98)."""
    as_of = pd.Timestamp("2024-12-31")
    ends = ["conference"] * 14 + ["plan_without_conference"] * 3 + ["stopped"] * 3
    months = {"conference": 4, "plan_without_conference": 2, "stopped": 1}
    rows = []
    for q in pd.date_range("2023-01-01", "2024-10-01", freq="QS"):
        for i, end in enumerate(ends):
            referral = q  # a quarter's referrals on one day: censoring tells nothing about the end state
            closed_on = referral + pd.DateOffset(months=months[end])
            done = closed_on <= as_of
            rows.append({"case_id": f"{q.date()}-{i}", "referral_date": referral,
                         "status": end if done else "ongoing", "end_date": closed_on if done else pd.NaT,
                         "conference_date": closed_on if end == "conference" and done else pd.NaT})
    cases = pd.DataFrame(rows)
    cases["status"] = pd.Categorical(cases["status"], categories=["conference", "plan_without_conference",
                                                                  "stopped", "ongoing"])
    reg = ekc.Registry(cases, as_of=as_of)
    cases["quarter"] = cases["referral_date"].dt.to_period("Q").astype(str)
    with pytest.warns(ekc.StatisticalWarning, match="quarter=2024Q4: 70%"):
        funnel = ekc.funnel(ekc.Registry(cases, as_of=as_of), by="quarter").to_frame()
    assert funnel.query("quarter == '2024Q4' and stage == 'conference'")["share"].iloc[0] == 0
    t = ekc.end_states(reg, months=(6,)).to_frame().set_index("state")["estimate"]
    np.testing.assert_allclose(t[["conference", "plan_without_conference", "stopped", "ongoing"]],
                               [0.7, 0.15, 0.15, 0.0], atol=1e-12)


def test_end_states_equal_r_survfit() -> None:
    """R: survfit(Surv(days, factor(status, 0:3)) ~ 1) read at 3, 6, 12 months; see reference/end_states.R."""
    from pathlib import Path

    ref = Path(__file__).resolve().parents[1] / "reference"
    d = pd.read_csv(ref / "end_states_input.csv", parse_dates=["referral_date", "end_date"])
    names = {0: "ongoing", 1: "conference", 2: "plan_without_conference", 3: "stopped"}
    cases = pd.DataFrame({"case_id": [f"K{i}" for i in range(len(d))], "referral_date": d["referral_date"],
                          "status": pd.Categorical(d["status"].map(names), categories=list(names.values())[1:]
                                                   + ["ongoing"]),
                          "end_date": d["end_date"]})
    e = ekc.end_states(ekc.Registry(cases, as_of=pd.Timestamp("2024-12-31")), months=(3, 6, 12))
    ours = e.to_frame().set_index(["state", "months"])
    r = pd.read_csv(ref / "end_states_R.csv")
    for row in r.itertuples(index=False):
        got = ours.loc[(row.state, row.months)]
        assert got["estimate"] == pytest.approx(row.estimate, abs=1e-10)
        assert got["ci_low"] == pytest.approx(row.ci_low, rel=1e-6)
        assert got["ci_high"] == pytest.approx(row.ci_high, rel=1e-6)
