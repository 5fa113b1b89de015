"""Multiple imputation: Rubin's rules against mice::pool (tests/reference/mice_pool.R) and ekc.impute itself."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.errors import ArgumentError, StatisticalWarning
from ekc_analysis.stats._rubin import pool

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def lung() -> ekc.Imputations:
    long = pd.read_csv(REF / "mice_lung_long.csv")
    long["wl10"] = (long["wt.loss"] >= 10).astype(float).where(long["wt.loss"].notna())
    return ekc.Imputations.from_long(long)


@pytest.fixture(scope="module")
def r_pool() -> pd.DataFrame:
    return pd.read_csv(REF / "mice_pool_R.csv").set_index("measure")


def _check(result: ekc.Result, measure: str, r_measure: str, r_pool: pd.DataFrame, log: bool) -> None:
    row = result.to_frame().set_index("measure").loc[measure]
    pooled = result.pooling.set_index("measure").loc[measure]
    ref = r_pool.loc[r_measure]
    assert pooled["qbar"] == pytest.approx(ref["estimate"], abs=1e-6)
    assert pooled["se"] == pytest.approx(ref["se"], abs=1e-6)
    assert row["df"] == pytest.approx(ref["df"], rel=1e-6)
    assert row["fmi"] == pytest.approx(ref["fmi"], abs=1e-6)
    assert pooled["riv"] == pytest.approx(ref["riv"], abs=1e-6)
    assert row["estimate"] == pytest.approx(np.exp(ref["estimate"]) if log else ref["estimate"], abs=1e-6)


def test_from_long_reads_mice(lung: ekc.Imputations) -> None:
    assert lung.m == 5 and len(lung.data) == 228
    assert int(lung.imputed["wt.loss"].sum()) == 14 and int(lung.imputed["meal.cal"].sum()) == 47
    assert int(lung.data["wt.loss"].isna().sum()) == 14
    with pytest.raises(ArgumentError, match="include = TRUE"):
        ekc.Imputations.from_long(pd.read_csv(REF / "mice_lung_long.csv").query("`.imp` > 0"))


def test_compare_binary_pools_as_mice(lung: ekc.Imputations, r_pool: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        r = ekc.compare(lung, "wl10", "female", covariates=["age", "meal.cal"])
    _check(r, "odds_ratio", "odds_ratio", r_pool, log=True)
    _check(r, "adjusted_odds_ratio", "adjusted_odds_ratio", r_pool, log=True)
    _check(r, "risk_difference", "risk_difference", r_pool, log=False)
    assert r.settings["m"] == 5 and {"df", "fmi"} <= set(r.to_frame().columns)
    assert len(r.imputations) == 5 * len(r.to_frame())


def test_compare_continuous_hc2_pools_as_mice(lung: ekc.Imputations, r_pool: pd.DataFrame) -> None:
    r = ekc.compare(lung, "wt.loss", "female", covariates=["age", "meal.cal"])
    _check(r, "adjusted_mean_difference", "adjusted_mean_difference", r_pool, log=False)


def test_compare_clustered_cr2_pools_as_mice(lung: ekc.Imputations, r_pool: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        # the R reference pools with dfcom = G - 1 (mice::pool.scalar): the naive small-sample df
        r = ekc.compare(lung, "wl10", "female", cluster="inst", small_sample="naive")
    _check(r, "risk_difference", "clustered_risk_difference", r_pool, log=False)


def test_survival_pools_as_mice(lung: ekc.Imputations, r_pool: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        r = ekc.survival(lung, "time", "status", "female", covariates=["age", "ph.karno", "wt.loss", "meal.cal"])
    _check(r, "adjusted_hazard_ratio", "adjusted_hazard_ratio", r_pool, log=True)
    logrank = r.to_frame().set_index("measure").loc["logrank"]
    assert 0 < logrank["p_value"] < 0.01  # D2-pooled; sex is complete, so every imputation gives the same test


def test_rubin_closed_form() -> None:
    q, u = np.array([1.0, 2.0, 3.0]), np.array([0.5, 0.5, 0.5])
    p = pool(q, u)
    # qbar 2, b 1, t = 0.5 + 4/3, riv = (4/3)/0.5, df = (m-1)/lambda^2
    assert p.estimate == 2 and p.between == 1 and p.total == pytest.approx(0.5 + 4 / 3)
    lam = (4 / 3) / (0.5 + 4 / 3)
    assert p.df == pytest.approx(2 / lam**2) and p.riv == pytest.approx(8 / 3)
    assert p.fmi == pytest.approx((8 / 3 + 2 / (p.df + 3)) / (8 / 3 + 1))


def _simulated(n: int = 400, seed: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    group = rng.integers(0, 2, n)
    y = 1 + 2 * x + 0.5 * group + rng.normal(size=n)
    kind = np.where(x + rng.normal(size=n) > 0.5, "b", np.where(rng.uniform(size=n) < 0.5, "a", "c"))
    full = pd.DataFrame({"x": x, "group": group, "y": y, "kind": kind})
    df = full.copy()
    df.loc[rng.uniform(size=n) < 1 / (1 + np.exp(-(2 * x - 1))), "y"] = np.nan  # MAR: depends on observed x
    df.loc[rng.uniform(size=n) < 0.15, "kind"] = None
    return full, df


def test_impute_reproducible_complete_and_observed_untouched() -> None:
    _, df = _simulated()
    a, b = ekc.impute(df, m=3, seed=11), ekc.impute(df, m=3, seed=11)
    c = ekc.impute(df, m=3, seed=12)
    for i in range(1, 4):
        pd.testing.assert_frame_equal(a.complete(i), b.complete(i))
        done = a.complete(i)
        assert not done.isna().any().any()
        observed = df.notna()
        for col in df.columns:
            pd.testing.assert_series_equal(done.loc[observed[col], col], df.loc[observed[col], col])
        assert set(done["kind"]) == {"a", "b", "c"}
    assert not a.complete(1).equals(c.complete(1))
    assert a.imputed["y"].sum() == df["y"].isna().sum()


def test_impute_recovers_mar_mean() -> None:
    full, df = _simulated(n=1000)
    truth, cc = full["y"].mean(), df["y"].mean()
    imp = ekc.impute(df, m=5, seed=3)
    mi = np.mean([imp.complete(i)["y"].mean() for i in range(1, 6)])
    assert cc < truth - 0.5  # complete cases are biased: high x (high y) is missing more often
    assert abs(mi - truth) < 0.1
    r = ekc.compare(imp, "y", "group", covariates=["x"]).to_frame().set_index("measure")
    assert r.loc["adjusted_mean_difference", "ci_low"] < 0.5 < r.loc["adjusted_mean_difference", "ci_high"]


def test_impute_refuses_bad_arguments() -> None:
    _, df = _simulated(n=50)
    with pytest.raises(ArgumentError, match="m=1"):
        ekc.impute(df, m=1)
    with pytest.raises(ArgumentError, match="not columns"):
        ekc.impute(df, variables=["x", "nope"])


def _trial_with_missing(seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 300
    group = np.repeat(["fgc", "cau"], [200, 100])
    x = rng.normal(size=n)
    y = 10 + 2 * x + 3 * (group == "fgc") + rng.normal(0, 3, n)
    df = pd.DataFrame({"group": group, "x": x, "y": y, "event": (y > 11).astype(float)})
    gone = rng.uniform(size=n) < 0.25
    df.loc[gone, ["y", "event"]] = np.nan
    return df


def test_tipping_point_continuous_shift_is_exact() -> None:
    df = _trial_with_missing()
    imp = ekc.impute(df, m=5, seed=1, variables=["group", "x", "y"])
    tp = ekc.tipping_point(imp, "y", "group", "fgc", deltas=[-8, -6, -4, -2, 0, 2])
    t = tp.to_frame().set_index("delta")
    # adding delta to the imputed FGC outcomes moves the FGC mean by delta × (imputed share of that arm)
    share = imp.imputed["y"][df["group"] == "fgc"].mean()
    assert t.loc[2.0, "estimate"] - t.loc[0.0, "estimate"] == pytest.approx(2 * share, abs=1e-9)
    base = ekc.compare(imp, "y", "group", "fgc").to_frame().set_index("measure").loc["mean_difference"]
    assert t.loc[0.0, "estimate"] == pytest.approx(base["estimate"]) and t.loc[0.0, "df"] == pytest.approx(base["df"])
    tip = tp.settings["tipping_delta"]
    assert -8 < tip < 0  # the effect (3) disappears when the missing FGC outcomes are much lower
    lo = t["ci_low"].to_numpy()
    i = int(np.searchsorted(t.index.to_numpy(), tip)) - 1
    d0, d1 = t.index[i], t.index[i + 1]
    assert tip == pytest.approx(d0 + (0 - lo[i]) * (d1 - d0) / (lo[i + 1] - lo[i]))
    ax = tp.plot()
    assert len(ax.lines) >= 3
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_tipping_point_binary_logit_shift_and_refusals() -> None:
    df = _trial_with_missing()
    imp = ekc.impute(df, m=4, seed=2, variables=["group", "x", "event"])
    tp = ekc.tipping_point(imp, "event", "group", "fgc", deltas=[-3, 0, 3])
    est = tp.to_frame()["estimate"].to_numpy()
    assert est[0] < est[1] < est[2] and tp.settings["scale"] == "logit"
    observed = df["event"].notna().to_numpy()
    with pytest.raises(ArgumentError, match="nothing to shift"):
        ekc.tipping_point(imp, "x", "group")
    with pytest.raises(ArgumentError, match="needs imputations"):
        ekc.tipping_point(df, "event", "group")
    assert observed.sum() < len(df)


def test_every_estimator_pools_its_rows(lung: ekc.Imputations) -> None:
    """compare_many, rate_ratio and weighted survival: each pooled row is Rubin's rules over its imputations."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        many = ekc.compare_many(lung, ["wl10", "wt.loss"], "female", covariates=["age", "meal.cal"])
        single = ekc.compare(lung, "wt.loss", "female", covariates=["age", "meal.cal"]).to_frame()
        rates = ekc.rate_ratio(lung, "status", "time", "female", covariates=["wt.loss"])
        weighted = ekc.survival(
            lung,
            "time",
            "status",
            "female",
            weights=lambda d: ekc.propensity_weights(d, "female", ["age", "wt.loss", "meal.cal"]),
        )
    row = many.to_frame().set_index("outcome").loc["wt.loss"]
    ref = single.set_index("measure").loc["adjusted_mean_difference"]
    assert row["estimate"] == pytest.approx(ref["estimate"]) and row["df"] == pytest.approx(ref["df"])
    assert {"p_holm", "df", "fmi"} <= set(many.to_frame().columns)
    poisson = rates.pooling.set_index("measure").loc["poisson_rate_ratio"]
    per = rates.imputations.query("measure == 'poisson_rate_ratio'")
    assert poisson["qbar"] == pytest.approx(np.log(per["estimate"]).mean(), abs=1e-12)
    assert poisson["b"] == pytest.approx(np.log(per["estimate"]).var(ddof=1), abs=1e-12)
    assert poisson["dfcom"] == np.inf and poisson["scale"] == "log"
    # weights estimated within each imputation: the weighted HR differs between imputations
    hr = weighted.imputations.query("measure == 'weighted_hazard_ratio'")["estimate"]
    assert hr.nunique() == lung.m and weighted.to_frame().set_index("measure").loc["weighted_hazard_ratio", "fmi"] > 0


def test_competing_risks_pools_ratios_and_gray(lung: ekc.Imputations) -> None:
    frames = []
    for frame in (lung.data, *lung.completed):
        f = frame.copy()  # death before 65 (cause 1) and at 65 or later (cause 2): two ends of follow-up
        f["end"] = np.where(f["status"] == 1, np.where(f["age"] < 65, 1, 2), 0)
        f["heavy_loss"] = (f["wt.loss"] >= 10).astype(float).where(f["wt.loss"].notna())
        frames.append(f)
    imp = ekc.Imputations(frames[0], tuple(frames[1:]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        r = ekc.competing_risks(imp, "time", "end", "heavy_loss", 1, times=(180, 365))
    t = r.to_frame()
    sub = t[t["measure"] == "subdistribution_hazard_ratio"].iloc[0]
    per = r.imputations.query("measure == 'subdistribution_hazard_ratio'")
    per = per[per["level"].astype(str) == str(sub["level"])]["estimate"]
    assert per.nunique() > 1  # the group is imputed
    assert np.log(sub["estimate"]) == pytest.approx(np.log(per).mean())
    gray = t[t["measure"] == "gray_test"].iloc[0]
    assert 0 < gray["p_value"] < 1 and np.isfinite(gray["statistic"])
    assert sub["fmi"] > 0
