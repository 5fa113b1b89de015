"""ekc.survival and the curves behind it against R (tests/reference/survival_engine.R): weighted robust
Kaplan–Meier, clustered and left-truncated curves, RMST and its SE, numbers at risk at given times, and
the designs (cluster, strata, entry) through the public function."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.stats._survival import kaplan_meier, restricted_mean, survival_at

REF = Path(__file__).resolve().parents[1] / "reference"
LUNG_NEEDED = ["inst", "time", "dead", "age", "sex", "ph.ecog", "wt.loss"]
Z = 1.959963984540054


@pytest.fixture(scope="module")
def r() -> pd.Series:
    """R 4.2, survival 3.5: Rscript tests/reference/survival_engine.R."""
    return pd.read_csv(REF / "survival_engine_R.csv").set_index("name")["value"].astype(float)


@pytest.fixture(scope="module")
def curves() -> pd.DataFrame:
    return pd.read_csv(REF / "survival_km_R.csv", skipinitialspace=True)


@pytest.fixture(scope="module")
def rossi() -> pd.DataFrame:
    d = pd.read_csv(REF / "survival_rossi.csv")
    return d.assign(w=pd.read_csv(REF / "survival_rossi_weights.csv")["w"].to_numpy())


@pytest.fixture(scope="module")
def lung() -> pd.DataFrame:
    return pd.read_csv(REF / "survival_lung.csv")


def same_curve(mine: pd.DataFrame, theirs: pd.DataFrame) -> None:
    theirs = theirs.reset_index(drop=True)
    assert len(mine) == len(theirs)
    np.testing.assert_allclose(mine["time"], theirs["time"])
    np.testing.assert_allclose(mine["at_risk"], theirs["at_risk"], rtol=1e-9)
    np.testing.assert_allclose(mine["survival"], theirs["survival"], rtol=1e-9)
    ok = theirs["ci_low"].notna().to_numpy()
    np.testing.assert_allclose(mine["ci_low"].to_numpy()[ok], theirs["ci_low"].to_numpy()[ok], atol=1e-3, rtol=0)
    np.testing.assert_allclose(mine["ci_high"].to_numpy()[ok], theirs["ci_high"].to_numpy()[ok], atol=1e-3, rtol=0)
    # and in fact to rounding: the same influence sums as R's C code
    np.testing.assert_allclose(mine["ci_low"].to_numpy()[ok], theirs["ci_low"].to_numpy()[ok], rtol=1e-8)


def test_weighted_km_has_r_robust_interval(rossi: pd.DataFrame, curves: pd.DataFrame) -> None:
    """R: survfit(Surv(week, arrest) ~ fin, weights = w) — robust (IJ) variance by default for non-integer
    weights (summary(..., censored = TRUE))."""
    for g in (0, 1):
        sub = rossi[rossi["fin"] == g]
        mine = kaplan_meier(sub["week"], sub["arrest"], sub["w"].to_numpy())
        same_curve(mine, curves[(curves["curve"] == "rossi_weighted") & (curves["group"] == g)])


def test_weighted_km_interval_does_not_depend_on_the_scale_of_the_weights(rossi: pd.DataFrame) -> None:
    """Issue 11: Greenwood on weighted counts gave intervals that shrank ×10 weights; the IJ does not."""
    sub = rossi[rossi["fin"] == 1]
    base = kaplan_meier(sub["week"], sub["arrest"], sub["w"].to_numpy())
    for scale in (0.1, 10.0):
        scaled = kaplan_meier(sub["week"], sub["arrest"], scale * sub["w"].to_numpy())
        np.testing.assert_allclose(scaled["ci_low"], base["ci_low"], rtol=1e-9)


def test_clustered_and_left_truncated_km_equal_r(lung: pd.DataFrame, curves: pd.DataFrame) -> None:
    """R: survfit(Surv(time, dead) ~ sex, cluster = inst) (lung complete cases);
    survfit(Surv(entry, exit, status) ~ trt) (veteran, time since diagnosis)."""
    lc = lung.dropna(subset=LUNG_NEEDED)
    for g in (1, 2):
        sub = lc[lc["sex"] == g]
        mine = kaplan_meier(sub["time"], sub["dead"], cluster=sub["inst"].to_numpy())
        same_curve(mine, curves[(curves["curve"] == "lung_cluster") & (curves["group"] == g)])
    vet = pd.read_csv(REF / "survival_veteran.csv")
    for g in (1, 2):
        sub = vet[vet["trt"] == g]
        mine = kaplan_meier(sub["exit"], sub["status"], entry=sub["entry"].to_numpy())
        same_curve(mine, curves[(curves["curve"] == "vet_entry") & (curves["group"] == g)])


def test_rmst_and_se_equal_r(lung: pd.DataFrame, rossi: pd.DataFrame, r: pd.Series) -> None:
    """R: summary(survfit(Surv(time, dead) ~ sex), rmean = 365)$table[, c("rmean", "se(rmean)")]; the same
    on rossi with rmean = 40; weighted: the IJ SE from survfit(..., weights = w, influence = TRUE)."""
    for g in (1, 2):
        sub = lung[lung["sex"] == g]
        area, se = restricted_mean(sub["time"], sub["dead"], 365)
        assert area == pytest.approx(r[f"lung_rmst_{g}"], abs=1e-4)
        assert se == pytest.approx(r[f"lung_rmst_se_{g}"], abs=1e-4)
    for g in (0, 1):
        sub = rossi[rossi["fin"] == g]
        area, se = restricted_mean(sub["week"], sub["arrest"], 40, sub["w"].to_numpy())
        assert area == pytest.approx(r[f"rossi_wrmst_{g}"], abs=1e-4)
        assert se == pytest.approx(r[f"rossi_wrmst_se_{g}"], abs=1e-4)


def test_rmst_difference_through_survival(rossi: pd.DataFrame, r: pd.Series) -> None:
    res = ekc.survival(rossi, "week", "arrest", "fin", tau=40)
    rm = res.rmst.set_index("group")
    assert list(res.rmst.columns) == ["group", "tau", "rmst", "se", "ci_low", "ci_high"]
    assert rm.loc[1, "rmst"] == pytest.approx(r["rossi_rmst_1"], abs=1e-4)
    assert rm.loc[0, "se"] == pytest.approx(r["rossi_rmst_se_0"], abs=1e-4)
    assert rm.loc[0, "ci_high"] == pytest.approx(r["rossi_rmst_0"] + Z * r["rossi_rmst_se_0"], abs=1e-4)
    row = res.to_frame().set_index("measure").loc["rmst_difference"]
    assert row["estimate"] == pytest.approx(r["rossi_rmst_1"] - r["rossi_rmst_0"], abs=1e-4)
    se = np.hypot(r["rossi_rmst_se_0"], r["rossi_rmst_se_1"])
    assert row["ci_low"] == pytest.approx(row["estimate"] - Z * se, abs=1e-4)


def test_at_risk_is_counted_at_the_time_itself(r: pd.Series, rossi: pd.DataFrame) -> None:
    """R: summary(survfit(Surv(time, event) ~ g), times = c(2, 3))$n.risk — 3, 1 and 3, 2 (issue 13)."""
    toy = pd.DataFrame({"time": [1, 2, 2, 3, 1, 2, 3, 3], "event": [1, 1, 0, 1, 1, 0, 1, 0],
                        "g": [1, 1, 1, 1, 0, 0, 0, 0]})
    for g in (0, 1):
        sub = toy[toy["g"] == g]
        curve = kaplan_meier(sub["time"], sub["event"])
        for t in (2, 3):
            assert survival_at(curve, t)["at_risk"] == r[f"toy_atrisk_{g}_{t}"]
    assert [survival_at(kaplan_meier(toy.time[toy.g == 1], toy.event[toy.g == 1]), t)["at_risk"]
            for t in (2, 3)] == [3, 1]
    prob = ekc.survival(rossi, "week", "arrest", "fin", times=(10, 26, 52)).event_probability
    assert len(prob) == 6  # two groups at three times: the loop below checks every one
    for row in prob.itertuples(index=False):
        assert row.at_risk == r[f"rossi_atrisk_{row.group}_{row.time}"]
        assert 1 - row.event_probability == pytest.approx(r[f"rossi_surv_{row.group}_{row.time}"], rel=1e-10)


def test_cluster_strata_and_adjusted_through_survival_equal_r(lung: pd.DataFrame, r: pd.Series) -> None:
    """R (lung complete cases, male = sex == 1): coxph(Surv(time, dead) ~ male, cluster = inst);
    ~ male + strata(ph.ecog); ~ male + age + wt.loss, cluster = inst; survdiff(... ~ male + strata(ph.ecog))."""
    lc = lung.dropna(subset=LUNG_NEEDED)
    with pytest.warns(ekc.StatisticalWarning, match="clusters"):
        res = ekc.survival(lc, "time", "dead", "sex", treated=1, covariates=["age", "wt.loss"], cluster="inst")
    t = res.to_frame().set_index("measure")
    for measure, key in (("hazard_ratio", "lung_sx_cluster"), ("adjusted_hazard_ratio", "lung_sx_adj")):
        b, se = r[f"{key}_coef_male"], r[f"{key}_se_male"]
        assert np.log(t.loc[measure, "estimate"]) == pytest.approx(b, abs=1e-6)
        assert np.log(t.loc[measure, "ci_high"]) == pytest.approx(b + Z * se, abs=1e-5)
        assert t.loc[measure, "p_value"] == pytest.approx(r[f"{key}_p_male"], abs=1e-6)
    assert any("cluster-robust" in n for n in res.notes)
    res = ekc.survival(lc, "time", "dead", "sex", treated=1, strata="ph.ecog")
    t = res.to_frame().set_index("measure")
    assert np.log(t.loc["hazard_ratio", "estimate"]) == pytest.approx(r["lung_sx_strata_coef_male"], abs=1e-6)
    assert t.loc["logrank", "statistic"] == pytest.approx(r["lung_sx_logrank_strata"], rel=1e-8)
    assert t.loc["logrank", "df"] == 1 and np.isnan(t.loc["logrank", "estimate"])


def test_entry_through_survival_equals_r(r: pd.Series) -> None:
    """R: coxph(Surv(entry, exit, status) ~ trt2) on veteran (time since diagnosis); the log-rank test as
    coxph(Surv(entry, exit, status) ~ trt2, ties = "exact", iter.max = 0)$score."""
    vet = pd.read_csv(REF / "survival_veteran.csv")
    res = ekc.survival(vet, "exit", "status", "trt", treated=2, entry="entry")
    t = res.to_frame().set_index("measure")
    assert np.log(t.loc["hazard_ratio", "estimate"]) == pytest.approx(r["vet_entry_trt_coef_trt2"], abs=1e-6)
    assert t.loc["hazard_ratio", "p_value"] == pytest.approx(r["vet_entry_trt_p_trt2"], abs=1e-6)
    # log-rank with delayed entry = score test of the exact partial likelihood at 0 (as without entry, where
    # it equals survdiff)
    assert r["vet_logrank_exact"] == pytest.approx(r["vet_logrank_survdiff"], rel=1e-10)
    assert t.loc["logrank", "statistic"] == pytest.approx(r["vet_entry_logrank"], rel=1e-8)
    with pytest.raises(ekc.ArgumentError, match="entry='exit' must be before"):
        ekc.survival(vet, "exit", "status", "trt", treated=2, entry="exit")


def test_missing_covariates_shrink_only_the_adjusted_estimate() -> None:
    """Issue 13: crude estimates use every row with the crude variables; the notes state both n."""
    cohort = ekc.simulate_cohort(600, seed=4)
    holes = cohort.copy()
    holes.loc[holes.index[:60], "age"] = np.nan
    with pytest.warns(ekc.StatisticalWarning, match="60 row"):
        res = ekc.survival(holes, "time", "event", "group", covariates=["age", "girl"])
    t = res.to_frame().set_index("measure")
    full = ekc.survival(cohort, "time", "event", "group").to_frame().set_index("measure")
    assert t.loc["hazard_ratio", "estimate"] == pytest.approx(full.loc["hazard_ratio", "estimate"], rel=1e-12)
    assert t.loc["hazard_ratio", ["n_treated", "n_control"]].sum() == 600
    assert t.loc["adjusted_hazard_ratio", ["n_treated", "n_control"]].sum() == 540
    assert any("complete cases" in n for n in res.notes)


def test_warnings_say_what_to_do() -> None:
    cohort = ekc.simulate_cohort(80, seed=2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ekc.survival(cohort, "time", "event", "group", covariates=["age", "girl", "prior_referrals", "reason",
                                                                      "immigrant"])
    messages = [str(c.message) for c in caught if issubclass(c.category, ekc.StatisticalWarning)]
    assert any("fewer than 10 per parameter" in m for m in messages)
    res = ekc.survival(cohort, "time", "event", "group")
    assert "incidence" in res.incidence and "event_probability" in res.event_probability
    assert any("competing_risks" in n for n in res.notes)
    with pytest.raises(ekc.ArgumentError, match="tau="):
        ekc.survival(cohort, "time", "event", "group", tau=0)


def test_doubtful_proportional_hazards_warn_and_point_to_rmst() -> None:
    """Known truth: FGC doubles the hazard in the first year and halves it after."""
    rng = np.random.default_rng(11)
    n = 2000
    arm = rng.integers(0, 2, n)
    early = rng.exponential(1 / np.where(arm == 1, 0.6, 0.3))
    late = 1 + rng.exponential(1 / np.where(arm == 1, 0.15, 0.3), n)
    t = np.where(early < 1, early, late)
    frame = pd.DataFrame({"group": np.where(arm == 1, "fgc", "control"), "time": np.minimum(t, 3.0),
                          "event": (t <= 3.0).astype(int)})
    with pytest.warns(ekc.StatisticalWarning, match="proportional hazards look doubtful for arm.*RMST"):
        res = ekc.survival(frame, "time", "event", "group", treated="fgc", tau=3)
    assert "rmst_difference" in set(res.to_frame()["measure"])


KM_SCENARIOS = {  # name: dataset, weight column (None: unit weights), clustered, left-truncated
    "veteran_w": ("veteran", "w", False, False), "veteran_big": ("veteran", "w_big", False, False),
    "veteran_cluster": ("veteran", "w", True, False), "veteran_cluster_big": ("veteran", "w_big", True, False),
    "veteran_cluster_unit": ("veteran", None, True, False), "lung_big": ("lung", "w_big", False, False),
    "lung_cluster_big": ("lung", "w_big", True, False), "lung_entry_cluster_big": ("lung", "w_big", True, True),
    "lung_entry_w": ("lung", "w", False, True)}


@pytest.mark.parametrize("name", list(KM_SCENARIOS))
def test_weighted_and_clustered_km_equal_r_in_any_order_and_scale(name: str) -> None:
    """R: tests/reference/km_weighted.R — summary(survfit(Surv([entry,] time, status) ~ 1, weights = w,
    [cluster = cluster | robust = TRUE]), censored = TRUE) per group on veteran and lung, with a weight of
    3e9, after the curve reaches 0 (veteran: std.err 0, lower and upper NA), and the IJ SE of the RMST from
    influence.surv. Issue 19: the intervals were NaN at every time once a curve reached 0 (row-order
    dependent) and collapsed with one weight of 3e9."""
    dataset, wcol, clustered, truncated = KM_SCENARIOS[name]
    data = pd.read_csv(REF / "km_weighted_data.csv")
    ref = pd.read_csv(REF / "km_weighted_R.csv")
    rm = pd.read_csv(REF / "km_weighted_rmst_R.csv")
    tau = {"veteran": 200, "lung": 500}[dataset]
    for g in (1, 2):
        d0 = data[(data["dataset"] == dataset) & (data["group"] == g)]
        theirs = ref[(ref["scenario"] == name) & (ref["group"] == g)].reset_index(drop=True)
        r_rmst = rm[(rm["scenario"] == name) & (rm["group"] == g)].iloc[0]
        for seed, scale in ((None, 1.0), (1, 1e-7), (2, 1e6)):
            scale = scale if wcol else 1.0
            d = d0 if seed is None else d0.sample(frac=1, random_state=seed)
            kw = {"entry": d["entry"].to_numpy(float) if truncated else None,
                  "cluster": d["cluster"].to_numpy() if clustered else None}
            w = None if wcol is None else d[wcol].to_numpy() * scale
            mine = kaplan_meier(d["time"].to_numpy(float), d["status"].to_numpy(float), w, robust=True, **kw)
            assert len(mine) == len(theirs)
            np.testing.assert_allclose(mine["time"], theirs["time"])
            np.testing.assert_allclose(mine["at_risk"] / scale, theirs["n_risk"], rtol=1e-6)
            for a, b in (("survival", "surv"), ("std_err", "std_err"), ("ci_low", "lower"), ("ci_high", "upper")):
                np.testing.assert_allclose(mine[a], theirs[b], rtol=1e-6, atol=1e-15, err_msg=f"{name} {g} {a}")
            assert mine["ci_low"].notna().equals(theirs["lower"].notna())  # NA exactly where R has NA
            area, se = restricted_mean(d["time"].to_numpy(float), d["status"].to_numpy(float), tau, w, robust=True,
                                       **kw)
            assert area == pytest.approx(r_rmst["rmst"], rel=1e-6)
            assert se == pytest.approx(r_rmst["se"], rel=1e-6)
    if name == "veteran_w":  # both curves reach 0: R prints std.err 0 and NA limits there
        assert (theirs["surv"].iloc[-1], theirs["std_err"].iloc[-1]) == (0, 0)
        assert np.isnan(theirs["lower"].iloc[-1])


@pytest.mark.parametrize("truncated", [False, True])
def test_km_robust_variance_equals_rational_arithmetic_with_a_huge_weight(truncated: bool) -> None:
    """The infinitesimal jackknife of log S, Σ_clusters (Σ_members w_i ∂log S/∂w_i)², computed here with
    fractions (no rounding at all) on 40 rows in 15 clusters with one weight of 1e10: the package's value
    agrees to 1e-12 (R's survfit, in floating point, agrees to about 1e-7 on such data). With entry times
    to 1e-7: a row's influence is then w·(G(exit) − G(entry)), and the two Greenwood sums are floats, so
    their difference keeps their rounding (here 3e-8 of the variance)."""
    from fractions import Fraction

    rng = np.random.default_rng(7)
    n = 40
    t = rng.integers(1, 25, n).astype(float)
    e = rng.random(n) < 0.7
    w = rng.uniform(0.2, 3, n)
    w[5] = 1e10
    cl = rng.integers(0, 15, n)
    en = np.where(rng.random(n) < 0.4, np.floor(t * rng.random(n)), 0.0) if truncated else np.zeros(n)
    wf = [Fraction(x) for x in w]
    u = [Fraction(0)] * n
    surv, expected = Fraction(1), []
    for tk in np.unique(t):
        risk = [en[i] < tk <= t[i] for i in range(n)]
        at = sum((wf[i] for i in range(n) if risk[i]), Fraction(0))
        d = sum((wf[i] for i in range(n) if risk[i] and e[i] and t[i] == tk), Fraction(0))
        if 0 < d < at:
            for i in range(n):
                if risk[i]:
                    u[i] += wf[i] * d / (at * (at - d)) - (wf[i] / (at - d) if e[i] and t[i] == tk else 0)
            surv *= 1 - d / at
        elif d > 0:
            surv = Fraction(0)
        sums: dict[int, Fraction] = {}
        for i in range(n):
            sums[cl[i]] = sums.get(cl[i], Fraction(0)) + u[i]
        expected.append((float(surv), float(sum(v * v for v in sums.values())) if surv > 0 else 0.0))
    mine = kaplan_meier(t, e.astype(float), w, robust=True, cluster=cl, entry=en if truncated else None)
    np.testing.assert_allclose(mine["survival"], [s for s, _ in expected], rtol=1e-12)
    var = np.array([v for _, v in expected])
    ok = var > 0
    np.testing.assert_allclose(mine["se_log"].to_numpy()[ok] ** 2, var[ok], rtol=1e-7 if truncated else 1e-12)
