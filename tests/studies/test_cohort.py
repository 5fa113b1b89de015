"""Cohort comparisons and meta-analysis against R (tests/reference/cohort.R) and known truths."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.simulate._synthetic import simulate_cohort

REF = Path(__file__).resolve().parents[1] / "reference"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
COVARIATES = ["age", "girl", "prior_referrals", "reason", "immigrant"]


@pytest.fixture(scope="module")
def r() -> dict[str, float]:
    """R 4.x: Rscript tests/reference/cohort.R (survival::coxph/survfit/survdiff, glm, MASS::glm.nb, metafor::rma)."""
    ref = pd.read_csv(REF / "cohort_R.csv").set_index("name")["value"]
    for key, name in (("input_md5", "cohort.csv"), ("meta_md5", "meta_synthetic.csv")):
        md5 = hashlib.md5((SAMPLE / name).read_bytes()).hexdigest()
        assert md5 == ref[key], f"data/sample/{name} changed: rerun tests/reference/cohort.R"
    return {k: float(v) for k, v in ref.items() if not k.endswith("md5")}


@pytest.fixture(scope="module")
def cohort() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "cohort.csv")


@pytest.fixture(scope="module")
def weights(cohort: pd.DataFrame) -> pd.Series:
    return ekc.propensity_weights(cohort, "group", COVARIATES)


def test_kaplan_meier_equals_r_survfit(cohort: pd.DataFrame) -> None:
    """R: summary(survfit(Surv(time, event) ~ group), censored = TRUE) — every distinct time."""
    ref = pd.read_csv(REF / "km_R.csv")
    km = ekc.survival(cohort, "time", "event", "group").km
    for group in ("fgc", "traditional"):
        mine = km[km["group"] == group].reset_index(drop=True)
        theirs = ref[ref["group"] == group].reset_index(drop=True)
        assert len(mine) == len(theirs)
        np.testing.assert_allclose(mine["time"], theirs["time"], rtol=1e-9)
        np.testing.assert_allclose(mine["at_risk"], theirs["at_risk"])
        np.testing.assert_allclose(mine["survival"], theirs["survival"], rtol=1e-10)
        both = theirs["ci_low"].notna()
        np.testing.assert_allclose(mine.loc[both, "ci_low"], theirs.loc[both, "ci_low"], rtol=1e-8)
        np.testing.assert_allclose(mine.loc[both, "ci_high"], theirs.loc[both, "ci_high"], rtol=1e-8)


def test_logrank_and_cox_equal_r(cohort: pd.DataFrame, r: dict[str, float]) -> None:
    """R: survdiff(Surv(time, event) ~ arm); coxph(... ~ arm) and ~ arm + covariates (Efron)."""
    t = ekc.survival(cohort, "time", "event", "group", covariates=COVARIATES).to_frame().set_index("measure")
    assert t.loc["logrank", "statistic"] == pytest.approx(r["logrank_chisq"], rel=1e-8)
    assert np.isnan(t.loc["logrank", ["estimate", "ci_low", "ci_high"]].astype(float)).all()
    assert t.loc["hazard_ratio", "estimate"] == pytest.approx(r["hr"], rel=1e-4)
    assert t.loc["adjusted_hazard_ratio", "estimate"] == pytest.approx(r["ahr"], rel=1e-4)
    z = 1.959963984540054
    assert t.loc["hazard_ratio", "ci_high"] == pytest.approx(r["hr"] * np.exp(z * r["hr_se"]), rel=1e-4)
    assert t.loc["adjusted_hazard_ratio", "ci_low"] == pytest.approx(r["ahr"] * np.exp(-z * r["ahr_se"]), rel=1e-4)


def test_proportional_hazards_test_equals_r_cox_zph(cohort: pd.DataFrame, r: dict[str, float]) -> None:
    """R (survival >= 3): cox.zph(coxph(Surv(time, event) ~ arm)) and of the adjusted model; a factor's
    dummies form one term (reason here has two levels, R's column 'behaviour')."""
    crude = ekc.survival(cohort, "time", "event", "group").ph_test.set_index("term")
    assert crude.loc["arm", "statistic"] == pytest.approx(r["zph_crude_arm"], rel=1e-4)
    adjusted = ekc.survival(cohort, "time", "event", "group", covariates=COVARIATES).ph_test.set_index("term")
    for term, theirs in (("arm", "arm"), ("age", "age"), ("girl", "girl"), ("prior_referrals", "prior_referrals"),
                         ("reason", "behaviour"), ("immigrant", "immigrant"), ("GLOBAL", "GLOBAL")):
        assert adjusted.loc[term, "statistic"] == pytest.approx(r[f"zph_adj_{theirs}"], rel=1e-4), term
    assert adjusted.loc["GLOBAL", "df"] == 6


def test_proportional_hazards_test_finds_a_hazard_ratio_that_changes_over_time() -> None:
    """Known truth: FGC doubles the hazard in the first year and halves it after; the test must flag arm."""
    rng = np.random.default_rng(11)
    n = 2000
    arm = rng.integers(0, 2, n)
    early = rng.exponential(1 / np.where(arm == 1, 0.6, 0.3))  # years, first-year hazard
    late = 1 + rng.exponential(1 / np.where(arm == 1, 0.15, 0.3), n)
    t = np.where(early < 1, early, late)
    frame = pd.DataFrame({"group": np.where(arm == 1, "fgc", "control"), "time": np.minimum(t, 3.0),
                          "event": (t <= 3.0).astype(int)})
    with pytest.warns(ekc.StatisticalWarning, match=r"^proportional hazards look doubtful for arm \(cox.zph"):
        res = ekc.survival(frame, "time", "event", "group", treated="fgc")
    assert res.ph_test.set_index("term").loc["arm", "p_value"] < 0.001
    assert any("Proportional hazards look doubtful for: arm" in note for note in res.notes)


def test_weights_and_weighted_cox_equal_r(cohort: pd.DataFrame, weights: pd.Series, r: dict[str, float]) -> None:
    """R: glm(arm ~ covariates, binomial) → stabilised ATE weights; coxph(..., weights = w, robust = TRUE)."""
    assert weights.sum() == pytest.approx(r["w_sum"], rel=1e-6)
    assert weights.max() == pytest.approx(r["w_max"], rel=1e-6)
    assert weights.iloc[0] == pytest.approx(r["w_first"], rel=1e-6)
    t = ekc.survival(cohort, "time", "event", "group", weights=weights).to_frame().set_index("measure")
    row = t.loc["weighted_hazard_ratio"]
    assert row["estimate"] == pytest.approx(r["whr"], rel=1e-4)
    assert row["ci_low"] == pytest.approx(r["whr_low"], rel=1e-3)
    assert row["ci_high"] == pytest.approx(r["whr_high"], rel=1e-3)


def test_smds_equal_r(cohort: pd.DataFrame, weights: pd.Series, r: dict[str, float]) -> None:
    t = ekc.balance(cohort, "group", COVARIATES, weights=weights).to_frame().set_index(["covariate", "sample"])
    assert t.loc[("prior_referrals", "unweighted"), "smd"] == pytest.approx(r["smd_prior"], rel=1e-8)
    assert t.loc[("prior_referrals", "weighted"), "smd"] == pytest.approx(r["smd_prior_w"], rel=1e-4)
    assert t.loc[("age", "weighted"), "smd"] == pytest.approx(r["smd_age_w"], rel=1e-4)
    assert list(t.columns[:3]) == ["mean_treated", "mean_control", "smd"]


def test_rate_ratios_equal_r(cohort: pd.DataFrame, r: dict[str, float]) -> None:
    """R: glm(n ~ arm + offset(log(exposure)), poisson); MASS::glm.nb (same formula)."""
    res = ekc.rate_ratio(cohort, "n_rereferrals", "exposure_years", "group")
    t = res.to_frame().set_index("measure")
    assert t.loc["poisson_rate_ratio", "estimate"] == pytest.approx(r["prr"], rel=1e-6)
    assert t.loc["negative_binomial_rate_ratio", "estimate"] == pytest.approx(r["nbrr"], rel=1e-4)
    assert res.settings["theta"] == pytest.approx(r["nb_theta"], rel=1e-3)
    z = 1.959963984540054
    assert t.loc["negative_binomial_rate_ratio", "ci_high"] == pytest.approx(
        r["nbrr"] * np.exp(z * r["nbrr_se"]), rel=1e-4)


@pytest.mark.parametrize("method", ["REML", "DL"])
def test_meta_analysis_equals_metafor(method: str, r: dict[str, float]) -> None:
    """R: metafor::rma(yi = log_rr, sei = se, method = method, control = list(threshold = 1e-12)); predict()."""
    d = pd.read_csv(SAMPLE / "meta_synthetic.csv")
    res = ekc.meta_analysis(d, "log_rr", "se", method, study="study", hksj=False)
    row = res.to_frame().iloc[0]
    for col, key in (("estimate", "est"), ("ci_low", "low"), ("ci_high", "high"), ("tau2", "tau2"), ("i2", "i2"),
                     ("q", "q"), ("p_value", "p"), ("pi_low", "pi_low"), ("pi_high", "pi_high")):
        assert row[col] == pytest.approx(r[f"{method}_{key}"], rel=1e-4), col
    assert res.studies["weight"].iloc[0] == pytest.approx(r[f"{method}_w1"], rel=1e-4)


def test_meta_analysis_closed_forms() -> None:
    # equal standard errors and no heterogeneity: the pooled effect is the plain mean, tau2 = 0
    d = pd.DataFrame({"y": [0.2, 0.2, 0.2], "se": [0.1, 0.1, 0.1]})
    with pytest.warns(ekc.StatisticalWarning, match="^only 3 studies: the z interval of a random-effects pool is too"):
        row = ekc.meta_analysis(d, "y", "se", hksj=False).to_frame().iloc[0]
    assert row["estimate"] == pytest.approx(0.2) and row["tau2"] == 0 and row["q"] == pytest.approx(0)
    assert row["ci_high"] - row["estimate"] == pytest.approx(1.959963984540054 * 0.1 / np.sqrt(3))
    with pytest.raises(ekc.ArgumentError, match="standard errors must be positive"):
        ekc.meta_analysis(d.assign(se=[0.1, 0, 0.1]), "y", "se")
    with pytest.raises(ekc.ArgumentError, match="at least two studies"):
        ekc.meta_analysis(d.head(1), "y", "se")


def test_e_value_closed_form() -> None:
    # VanderWeele & Ding (2017): RR 3.9 (1.8 to 8.7) → E-values 7.26 and 3.00
    t = ekc.e_value(3.9, 1.8, 8.7).to_frame().iloc[0]
    assert t["estimate"] == pytest.approx(3.9 + np.sqrt(3.9 * 2.9))
    assert t["ci_limit"] == pytest.approx(1.8 + np.sqrt(1.8 * 0.8))
    assert ekc.e_value(0.8, 0.6, 1.1).to_frame()["ci_limit"].iloc[0] == 1.0
    common = ekc.e_value(1.5, measure="hazard_ratio", rare=False).to_frame().iloc[0]
    rr = (1 - 0.5 ** np.sqrt(1.5)) / (1 - 0.5 ** np.sqrt(1 / 1.5))
    assert common["risk_ratio_scale"] == pytest.approx(rr)


def test_e_value_asks_whether_the_outcome_is_rare() -> None:
    """Re-referral within three years is common: without prevalence the conservative conversion, warned."""
    with pytest.warns(ekc.StatisticalWarning, match="is the outcome rare"):
        unsure = ekc.e_value(1.5, 1.1, 2.0, measure="hazard_ratio").to_frame().iloc[0]
    common = ekc.e_value(1.5, 1.1, 2.0, measure="hazard_ratio", prevalence=0.6)
    assert unsure["estimate"] == pytest.approx(common.to_frame()["estimate"].iloc[0])
    assert "prevalence 60%" in common.notes[-1]
    rare = ekc.e_value(1.5, measure="odds_ratio", prevalence=0.05).to_frame().iloc[0]
    assert rare["risk_ratio_scale"] == 1.5 and rare["estimate"] == pytest.approx(1.5 + np.sqrt(1.5 * 0.5))
    odds_common = ekc.e_value(2.25, measure="odds_ratio", prevalence=0.4).to_frame().iloc[0]
    assert odds_common["risk_ratio_scale"] == pytest.approx(1.5)
    with pytest.raises(ekc.ArgumentError, match="contradicts prevalence"):
        ekc.e_value(1.5, measure="odds_ratio", rare=True, prevalence=0.4)
    with pytest.raises(ekc.ArgumentError, match="between 0 and 1"):
        ekc.e_value(1.5, measure="odds_ratio", prevalence=40)


def test_weighted_estimate_recovers_the_truth_where_the_crude_one_does_not() -> None:
    """Known truth: no effect of FGC (HR 1), but FGC families have more prior referrals."""
    big = simulate_cohort(6000, seed=11, hazard_ratio=1.0)
    w = ekc.propensity_weights(big, "group", COVARIATES)
    t = ekc.survival(big, "time", "event", "group", weights=w).to_frame().set_index("measure")
    crude, weighted = t.loc["hazard_ratio"], t.loc["weighted_hazard_ratio"]
    assert crude["ci_low"] > 1.0  # confounded: FGC looks harmful
    assert weighted["ci_low"] < 1.0 < weighted["ci_high"]
    assert abs(np.log(weighted["estimate"])) < 0.06


def test_att_weights_and_extreme_weight_warning(cohort: pd.DataFrame) -> None:
    w = ekc.propensity_weights(cohort, "group", COVARIATES, estimand="ATT")
    arm = w.attrs["arm"]
    assert (w[arm == 1] == 1).all()
    assert w[arm == 0].sum() == pytest.approx((arm == 0).sum())
    d = cohort.assign(prior_referrals=np.where(cohort["group"] == "fgc", cohort["prior_referrals"] + 2,
                                               cohort["prior_referrals"]))
    with pytest.warns(ekc.StatisticalWarning, match="extreme propensity weights"):
        ekc.propensity_weights(d, "group", COVARIATES)
    apart = d.assign(prior_referrals=np.where(d["group"] == "fgc", 100, 0))
    with pytest.raises(ekc.ArgumentError, match="separate the two groups completely"):
        ekc.propensity_weights(apart, "group", COVARIATES)


def test_survival_outputs(cohort: pd.DataFrame) -> None:
    res = ekc.survival(cohort, "time", "event", "group")
    assert list(res.km.columns[:6]) == ["group", "time", "survival", "ci_low", "ci_high", "at_risk"]
    inc = res.incidence
    assert inc["time"].tolist() == [1, 2, 3, 1, 2, 3]
    assert (inc.groupby("group")["incidence"].diff().dropna() >= 0).all()
    assert res.ph_test["term"].tolist() == ["arm", "GLOBAL"]  # as cox.zph: each term, then the global test
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ekc.ArgumentError, match="negative"):
            ekc.survival(cohort.assign(time=-cohort["time"]), "time", "event", "group")


@pytest.mark.parametrize("covariates, key", [([], ""), (["age"], "adj_")])
def test_clustered_rate_ratios_equal_clubsandwich_cr2(covariates: list[str], key: str) -> None:
    """R: coef_test(glm(count ~ arm + offset(log(years)), poisson) and glm.nb(...), vcov = "CR2",
    cluster = family, test = "naive-t" and "Satterthwaite") on 150 simulated families
    (tests/reference/rate_cluster.R)."""
    from scipy import stats

    ref = pd.read_csv(REF / "rate_cluster_R.csv").set_index("name")["value"]
    assert hashlib.md5((REF / "rate_cluster_data.csv").read_bytes()).hexdigest() == ref["input_md5"]
    ref = ref.drop("input_md5").astype(float)
    d = pd.read_csv(REF / "rate_cluster_data.csv")
    res = ekc.rate_ratio(d, "count", "years", "arm", covariates=covariates, cluster="family", small_sample="naive")
    t = res.to_frame().set_index("measure")
    satt = ekc.rate_ratio(d, "count", "years", "arm", covariates=covariates, cluster="family").to_frame()
    for measure, k in (("poisson_rate_ratio", "pois"), ("negative_binomial_rate_ratio", "nb")):
        row = t.loc[measure]
        se = (np.log(row["ci_high"]) - np.log(row["estimate"])) / stats.t.isf(0.025, ref[f"{key}{k}_df"])
        assert np.log(row["estimate"]) == pytest.approx(ref[f"{key}{k}_coef"], rel=1e-6)
        assert se == pytest.approx(ref[f"{key}{k}_se"], rel=1e-6)
        assert row["p_value"] == pytest.approx(ref[f"{key}{k}_p"], rel=1e-6)
        assert row["df"] == ref[f"{key}{k}_df"] == 149
        s = satt.set_index("measure").loc[measure]  # the default: coef_test(test = "Satterthwaite")
        assert s["df"] == pytest.approx(ref[f"{key}{k}_satt_df"], rel=1e-6)
        assert s["p_value"] == pytest.approx(ref[f"{key}{k}_satt_p"], rel=1e-6)
    assert "Clustered by family (150 clusters)" in " ".join(res.notes)
    with pytest.warns(ekc.StatisticalWarning, match="only 20 clusters"):
        ekc.rate_ratio(d[d["family"] <= "F020"].assign(arm=lambda x: (x["family"] <= "F010").astype(int)),
                       "count", "years", "arm", cluster="family")


def test_e_value_of_a_mean_difference() -> None:
    """VanderWeele & Ding (2017) / EValue::evalues.MD(0.5, se = 0.1): RR exp(0.91·0.5), limit exp(0.455 − 0.178)."""
    z = 1.959963984540054
    smd = ekc.e_value(0.5, 0.5 - z * 0.1, 0.5 + z * 0.1, measure="smd").to_frame().iloc[0]
    rr, lo = np.exp(0.455), np.exp(0.455 - 0.178)
    assert smd["risk_ratio_scale"] == pytest.approx(rr)
    assert smd["estimate"] == pytest.approx(rr + np.sqrt(rr * (rr - 1)))
    assert smd["ci_limit"] == pytest.approx(lo + np.sqrt(lo * (lo - 1)))
    raw = ekc.e_value(5.0, 5 - z, 5 + z, measure="mean_difference", sd=10).to_frame().iloc[0]
    assert raw["estimate"] == pytest.approx(smd["estimate"]) and raw["ci_limit"] == pytest.approx(smd["ci_limit"])
    with pytest.raises(ekc.ArgumentError, match="needs sd="):
        ekc.e_value(5.0, measure="mean_difference")
    with pytest.raises(ekc.ArgumentError, match="measure='smd'"):
        ekc.e_value(-0.3)
