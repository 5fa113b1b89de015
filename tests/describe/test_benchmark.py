"""Benchmarking units: funnel-plot control limits (Spiegelhalter 2005) by hand and against R, and the unit table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.stats._funnel_limits import binomial_limit, control_limits

REF = Path(__file__).resolve().parents[1] / "reference"


def test_exact_limits_by_hand() -> None:
    """Binomial(10, 0.5): P(R <= 7) = 968/1024, P(R <= 8) = 1013/1024, so the 97.5% quantile is r = 8 and
    a = (1013/1024 - 0.975) / (45/1024) = 14.6/45; the limit is (8 - a)/10. Binomial(4, 0.5): r = 4,
    a = (1 - 0.975)/(1/16) = 0.4, limit 0.9; lower: r = 0, a = (1/16 - 0.025)/(1/16) = 0.6, (0 - 0.6)/4 < 0 -> 0."""
    assert float(binomial_limit(0.5, 10, 0.975)) == pytest.approx((8 - 14.6 / 45) / 10, abs=1e-12)
    lo, hi = control_limits(0.5, 4, 0.95)
    assert (float(lo), float(hi)) == (0.0, pytest.approx(0.9, abs=1e-12))


def test_normal_limits_by_hand() -> None:
    lo, hi = control_limits(0.5, 100, 0.95, method="normal")
    half = 1.959963984540054 * np.sqrt(0.25 / 100)
    assert (float(lo), float(hi)) == (pytest.approx(0.5 - half, abs=1e-12), pytest.approx(0.5 + half, abs=1e-12))
    lo, hi = control_limits(0.7, 50, 0.998, method="normal")
    half = 3.090232306167813 * np.sqrt(0.7 * 0.3 / 50)
    assert float(hi) == pytest.approx(0.7 + half, abs=1e-12) and float(lo) == pytest.approx(0.7 - half, abs=1e-12)


def test_limits_equal_r() -> None:
    """R (base): r <- qbinom(p, n, p0); a <- (pbinom(r, n, p0) - p) / (pbinom(r, n, p0) - pbinom(r - 1, n, p0));
    (r - a) / n, and p0 +- qnorm(1 - (1 - coverage)/2) * sqrt(p0 (1 - p0) / n); see reference/funnel_limits.R."""
    r = pd.read_csv(REF / "funnel_limits_R.csv")
    for row in r.itertuples(index=False):
        for method in ("exact", "normal"):
            lo, hi = control_limits(row.p0, row.n, row.coverage, method=method)  # type: ignore[arg-type]
            assert float(lo) == pytest.approx(getattr(row, f"{method}_low"), abs=1e-10), row
            assert float(hi) == pytest.approx(getattr(row, f"{method}_high"), abs=1e-10), row


def _regions(spec: dict[str, tuple[int, int]]) -> ekc.Registry:
    """Per region (closed initiatives, conferences); the rest stopped."""
    rows = []
    for region, (n, k) in spec.items():
        for i in range(n):
            conf = i < k
            rows.append({"case_id": f"{region}{i}", "referral_date": pd.Timestamp("2020-01-01"),
                         "status": "conference" if conf else "stopped",
                         "conference_date": pd.Timestamp("2020-03-01") if conf else pd.NaT, "region": region})
    cases = pd.DataFrame(rows)
    cases["status"] = pd.Categorical(cases["status"], categories=["conference", "plan_without_conference",
                                                                  "stopped", "ongoing"])
    return ekc.Registry(cases, as_of=pd.Timestamp("2021-01-01"))


def test_benchmark_unit_table_and_flags() -> None:
    reg = _regions({"A": (100, 90), "B": (100, 60), "C": (20, 14), "D": (200, 150)})
    b = ekc.benchmark(reg, by="region", metric="conference")
    t = b.to_frame().set_index("unit")
    overall = (90 + 60 + 14 + 150) / 420
    assert b.settings["overall"] == pytest.approx(overall)
    assert t["n"].tolist() == [100, 100, 20, 200] and t["events"].tolist() == [90, 60, 14, 150]
    lo998, hi998 = control_limits(overall, 100, 0.998)
    assert t.loc["A", "upper_998"] == pytest.approx(float(hi998)) and 0.9 > float(hi998)
    assert t.loc["A", "flag"] == "above_99.8" and t.loc["B", "flag"] == "below_99.8"
    assert t.loc["C", "flag"] == "within" and t.loc["D", "flag"] == "within"
    assert list(b.to_frame().columns) == ["unit", "n", "events", "share", "lower_95", "upper_95", "lower_998",
                                          "upper_998", "flag"]
    assert any("2 unit(s) outside the 99.8% limits: A, B." in n for n in b.notes)
    assert b.curve["upper_95"].is_monotonic_decreasing or b.curve["upper_95"].iloc[-1] < b.curve["upper_95"].iloc[5]


def test_benchmark_execution_and_plot(sample: ekc.Registry) -> None:
    import matplotlib

    matplotlib.use("Agg")
    b = ekc.benchmark(sample, by="municipality", metric="execution")
    whole = ekc.execution(sample).to_frame().set_index("execution")
    assert b.to_frame()["n"].sum() == whole["denominator"].iloc[0]
    assert b.settings["overall"] == pytest.approx(whole.loc["full", "share"])
    ax = b.plot(lang="nl")
    assert ax.get_ylabel() == "Aandeel volledig uitgevoerd" and len(ax.collections) == 1
    normal = ekc.benchmark(sample, by="region", method="normal")
    assert any("normal approximation" in n for n in normal.notes)


def test_benchmark_arguments(sample: ekc.Registry) -> None:
    with pytest.raises(ekc.ArgumentError, match="metric='plans'"):
        ekc.benchmark(sample, metric="plans")  # type: ignore[arg-type]
    with pytest.raises(ekc.ArgumentError, match="by='wijk'.*region, municipality"):
        ekc.benchmark(sample, by="wijk")
    with pytest.raises(ekc.ArgumentError, match="method='wilson'"):
        ekc.benchmark(sample, method="wilson")  # type: ignore[arg-type]
