"""funnel, plans and execution on registries with exactly known counts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.proportion import multinomial_proportions_confint

import ekc_analysis as ekc

REF = Path(__file__).resolve().parents[1] / "reference"
Z = 1.959963984540054


def wilson_closed_form(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centre = (k + Z**2 / 2) / (n + Z**2)
    half = Z * np.sqrt(n) / (n + Z**2) * np.sqrt(p * (1 - p) + Z**2 / (4 * n))
    return centre - half, centre + half


def registry(statuses: list[str], **columns: list[object]) -> ekc.Registry:
    n = len(statuses)
    start = pd.Timestamp("2020-01-01")
    conf = [start + pd.Timedelta(days=30) if s == "conference" else pd.NaT for s in statuses]
    frame = pd.DataFrame({
        "case_id": [f"C{i}" for i in range(n)],
        "referral_date": [start] * n,
        "status": pd.Categorical(statuses, categories=["conference", "plan_without_conference", "stopped",
                                                       "ongoing"]),
        "conference_date": pd.Series(conf, dtype="datetime64[ns]"),
        "plan": pd.array([s in ("conference", "plan_without_conference") for s in statuses], dtype="boolean"),
    })
    for name, values in columns.items():
        frame[name] = values
    return ekc.Registry(frame)


def test_funnel_known_counts_and_wilson_intervals() -> None:
    reg = registry(["conference"] * 7 + ["plan_without_conference"] * 2 + ["stopped"] + ["ongoing"] * 3)
    with pytest.warns(ekc.StatisticalWarning, match="all initiatives: 23%.*min_followup_months"):
        f = ekc.funnel(reg)  # 3 of 13 ongoing
    t = f.to_frame()
    assert t["stage"].tolist() == ["conference", "plan_without_conference", "stopped"]
    assert t["n"].tolist() == [7, 2, 1]
    assert t["denominator"].tolist() == [10, 10, 10]
    np.testing.assert_allclose(t["share"], [0.7, 0.2, 0.1])
    for row, k in zip(t.itertuples(), [7, 2, 1], strict=True):
        np.testing.assert_allclose((row.ci_low, row.ci_high), wilson_closed_form(k, 10), rtol=1e-12)
    assert f.ongoing[["n_initiatives", "n_closed", "n_ongoing"]].to_numpy().tolist() == [[13, 10, 3]]


def test_funnel_simultaneous_intervals_are_goodmans() -> None:
    reg = registry(["conference"] * 70 + ["plan_without_conference"] * 15 + ["stopped"] * 15)
    t = ekc.funnel(reg, simultaneous=True).to_frame()
    np.testing.assert_allclose(t[["ci_low", "ci_high"]].to_numpy(),
                               multinomial_proportions_confint([70, 15, 15], method="goodman"), rtol=1e-12)


def test_funnel_versus_reference_by_hand() -> None:
    reg = registry(["conference"] * 60 + ["plan_without_conference"] * 25 + ["stopped"] * 15)
    f = ekc.funnel(reg)
    ref = f.versus_reference().to_frame()
    np.testing.assert_allclose(ref["difference"], [-0.10, 0.10, 0.0], atol=1e-12)
    expected = np.array([70, 15, 15])
    chi2 = float((((np.array([60, 25, 15]) - expected) ** 2) / expected).sum())
    assert f.goodness_of_fit["statistic"].iloc[0] == pytest.approx(chi2)
    assert f.goodness_of_fit["p_value"].iloc[0] == pytest.approx(np.exp(-chi2 / 2))  # chi2 with 2 df


def test_funnel_by_stratum_keeps_missing_values_as_a_block() -> None:
    reg = registry(["conference", "stopped", "conference", "stopped"], region=["A", "A", None, "B"])
    t = ekc.funnel(reg, by="region").to_frame()
    assert t["region"].unique().tolist() == ["(unknown)", "A", "B"]
    assert t.groupby("region")["n"].sum().to_dict() == {"(unknown)": 1, "A": 2, "B": 1}


def test_funnel_by_year_alias_and_bad_by() -> None:
    reg = registry(["conference", "stopped"])
    assert ekc.funnel(reg, by="year").to_frame()["referral_year"].unique().tolist() == [2020]
    with pytest.raises(ValueError, match="by='regio': no column 'regio'; choose from year, referral_date"):
        ekc.funnel(reg, by="regio")


def test_plans_known_counts() -> None:
    statuses = ["conference"] * 4 + ["plan_without_conference"] + ["stopped"]
    reg = registry(statuses, n_agreements=pd.array([10, 20, 12, None, 8, None], dtype="Int64"),
                   n_professional=pd.array([2, 4, 0, None, 4, None], dtype="Int64"))
    reg.cases.loc[3, "plan"] = False  # one conference without a plan
    t = ekc.plans(reg).to_frame().set_index("metric")
    assert t.loc["plan_rate", "estimate"] == pytest.approx(3 / 4) and t.loc["plan_rate", "n"] == 4
    np.testing.assert_allclose(t.loc["plan_rate", ["ci_low", "ci_high"]].astype(float),
                               wilson_closed_form(3, 4))
    # by default conference plans only, as published: 10, 20, 12 agreements with 2, 4, 0 professional
    assert t.loc["agreements_per_plan", "estimate"] == pytest.approx(14.0)
    assert t.loc["agreements_per_plan", "n"] == 3
    assert t.loc["professional_share", "estimate"] == pytest.approx(6 / 42)
    assert t.loc["professional_share", "n"] == 42
    # include="all" adds the plan made without a conference (8 agreements, 4 professional)
    a = ekc.plans(reg, include="all").to_frame().set_index("metric")
    assert a.loc["agreements_per_plan", "estimate"] == pytest.approx(12.5)
    assert a.loc["agreements_per_plan", "n"] == 4
    assert a.loc["professional_share", "estimate"] == pytest.approx(10 / 50)
    assert a.loc["professional_share", "n"] == 50
    assert a.loc["plan_rate", "estimate"] == t.loc["plan_rate", "estimate"]
    with pytest.raises(ekc.ArgumentError, match="include='plans'.*'conference'.*'all'"):
        ekc.plans(reg, include="plans")  # type: ignore[arg-type]


def test_plan_rate_bounded_for_unknown_plan_outcomes() -> None:
    reg = registry(["conference"] * 5 + ["stopped"])
    cases = reg.cases.copy()
    cases["plan"] = pd.array([True, True, False, None, None, None], dtype="boolean")
    p = ekc.plans(ekc.Registry(cases))
    b = p.bounds.iloc[0]
    # 2 plans of 3 known; 2 conferences unknown: 2/5 if neither had a plan, 4/5 if both had one
    assert p.to_frame().set_index("metric").loc["plan_rate", "estimate"] == pytest.approx(2 / 3)
    assert (b["lower"], b["upper"], b["conferences"], b["plan_unknown"]) == (pytest.approx(0.4), pytest.approx(0.8),
                                                                             5, 2)
    assert any("40.0% if all 2 conferences with an unknown plan outcome had no plan, 80.0% if all had one" in n
               for n in p.notes)


def test_professional_share_equals_r_vcovcl() -> None:
    """R: sandwich::vcovCL(lm(professional ~ 1, d), cluster = ~case_id); see reference/professional_share.R."""
    agr = pd.read_csv(REF / "agreements_small.csv")
    r = pd.read_csv(REF / "professional_share_R.csv").iloc[0]
    per_case = agr.groupby("case_id")["professional"].agg(["size", "sum"])
    reg = registry(["plan_without_conference"] * len(per_case), n_agreements=per_case["size"].to_numpy(),
                   n_professional=per_case["sum"].to_numpy())
    row = ekc.plans(reg, include="all").to_frame().set_index("metric").loc["professional_share"]
    assert row["estimate"] == pytest.approx(r["estimate"], rel=1e-10)
    assert row["se"] == pytest.approx(r["se"], rel=1e-8)
    # interval: logit(p) ± t(G−1)·se/(p(1−p)), back-transformed (R: plogis(qlogis(p) + c(-1, 1) * qt(.975, G - 1) *
    # se / (p * (1 - p))))
    p, se, g = r["estimate"], r["se"], int(r["n_cases"])
    half = stats.t.ppf(0.975, g - 1) * se / (p * (1 - p))
    assert row["ci_low"] == pytest.approx(1 / (1 + np.exp(-(np.log(p / (1 - p)) - half))), rel=1e-8)
    assert row["ci_high"] == pytest.approx(1 / (1 + np.exp(-(np.log(p / (1 - p)) + half))), rel=1e-8)
    assert row["df"] == g - 1  # the df used, in the df column (cases − 1)


def test_plans_from_agreements_table_equals_plans_from_counts(sample: ekc.Registry) -> None:
    from_table = ekc.plans(sample).to_frame()
    counts_only = ekc.Registry(sample.cases.copy(), None)
    pd.testing.assert_frame_equal(from_table, ekc.plans(counts_only).to_frame())
    assert "domains" in ekc.plans(sample).extras and "domains" not in ekc.plans(counts_only).extras


def test_domain_shares_add_up(sample: ekc.Registry) -> None:
    d = ekc.plans(sample).domains
    assert d["n"].sum() == len(sample.agreements)
    assert d["n_professional"].sum() == int(sample.agreements["professional"].sum())


def _execution_registry(followups: list[str | None], executions: list[str | None]) -> ekc.Registry:
    n = len(followups)
    reg = registry(["conference"] * n)
    cases = reg.cases.copy()
    cases["conference_date"] = pd.Timestamp("2020-01-31")
    cases["followup_date"] = pd.to_datetime(pd.Series(followups, dtype=object))
    cases["execution"] = pd.Categorical(executions, categories=["full", "partial", "none"])
    cases["plan_date"] = pd.Timestamp("2021-06-30")  # last registry date: every window has closed
    cases.loc[0, "plan_date"] = pd.NaT
    return ekc.Registry(cases)


def test_execution_window_includes_both_ends() -> None:
    # conference 31 Jan 2020: +3 months = 30 Apr 2020 (month end), +5 months = 30 Jun 2020
    reg = _execution_registry(
        ["2020-04-30", "2020-06-30", "2020-04-29", "2020-07-01", None, "2020-05-15"],
        ["full", "partial", "full", "none", None, "none"])
    e = ekc.execution(reg)
    t = e.to_frame().set_index("execution")
    assert t["n"].to_dict() == {"full": 1, "partial": 1, "none": 1}
    assert e.followup[["plans", "in_window", "outside_window", "no_followup"]].to_numpy().tolist() == [[6, 3, 2, 1]]
    b = e.bounds.set_index("execution")
    assert b.loc["full", "lower"] == pytest.approx(1 / 6) and b.loc["full", "upper"] == pytest.approx(4 / 6)


def test_execution_not_yet_due_is_left_out() -> None:
    reg = registry(["conference", "conference"])
    cases = reg.cases.copy()
    cases["conference_date"] = [pd.Timestamp("2020-01-01"), pd.Timestamp("2020-12-01")]
    cases["followup_date"] = [pd.Timestamp("2020-03-15"), pd.NaT]
    cases["execution"] = pd.Categorical(["full", None], categories=["full", "partial", "none"])
    e = ekc.execution(ekc.Registry(cases), months=(2, 3))
    assert e.followup[["in_window", "not_yet_due"]].to_numpy().tolist() == [[1, 1]]
    assert e.bounds["plans"].iloc[0] == 1
    with pytest.raises(ValueError, match="months=\\(5, 3\\)"):
        ekc.execution(reg, months=(5, 3))


def test_sample_matches_published_figures_within_intervals(sample: ekc.Registry) -> None:
    for result in (ekc.funnel(sample), ekc.execution(sample), ekc.plans(sample)):
        ref = result.versus_reference().to_frame()
        assert ((ref["ci_low"] <= 0) & (ref["ci_high"] >= 0)).all(), ref


def test_results_display(sample: ekc.Registry) -> None:
    f = ekc.funnel(sample, by="region")
    text = f.summary()
    assert text.startswith("Funnel: how initiatives end") and "%" in text and "ongoing" in text
    html = f._repr_html_()
    assert "<table" in html and "conference" in html
    assert ekc.plans(sample).summary().count("\n") > 5
    with pytest.raises(AttributeError, match="extra tables: ongoing, flow"):
        _ = f.km
