"""HC2 and CR2 covariances, ICC, and compare(cluster=) against R (tests/reference/sandwich.R)."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import ekc_analysis as ekc
from ekc_analysis.errors import ArgumentError, StatisticalWarning
from ekc_analysis.stats._models import linear, logistic, poisson, robust, standardised_risk_difference
from ekc_analysis.stats._sandwich import cr2, hc2, icc_anova, sandwich

REF = Path(__file__).resolve().parents[1] / "reference"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
MODELS = {  # name in sandwich_R.csv: outcome, covariates, family
    "lm_c": ("yc", ["arm"], "gaussian"), "lm_cx": ("yc", ["arm", "x"], "gaussian"),
    "lpm": ("yb", ["arm"], "gaussian"), "logit": ("yb", ["arm"], "binomial"),
    "logit_x": ("yb", ["arm", "x"], "binomial"), "pois": ("yb", ["arm"], "poisson"),
    "pois_x": ("yb", ["arm", "x"], "poisson"),
}


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF / "sandwich_data.csv")


@pytest.fixture(scope="module")
def r() -> pd.Series:
    """Rscript tests/reference/sandwich.R: sandwich::vcovHC(type = "HC2"), clubSandwich::vcovCR(type = "CR2"),
    coef_test(test = "naive-t"), qt(0.975, G - 1), ANOVA ICC."""
    ref = pd.read_csv(REF / "sandwich_R.csv").set_index("name")["value"]
    md5 = hashlib.md5((REF / "sandwich_data.csv").read_bytes()).hexdigest()
    assert md5 == ref["input_md5"], "sandwich_data.csv changed: rerun tests/reference/sandwich.R"
    return ref.drop("input_md5").astype(float)


def _fit(data: pd.DataFrame, name: str, cluster: bool, small_sample: str = "satterthwaite"):
    y, cols, family = MODELS[name]
    X = np.column_stack([np.ones(len(data))] + [data[c].to_numpy(float) for c in cols])
    names = ["const", *cols]
    cl = data["family"].to_numpy() if cluster else None
    yv = data[y].to_numpy(float)
    if family == "gaussian":
        return linear(X, yv, names, cl, small_sample=small_sample), X, yv
    fit = (logistic(X, yv, names, cl, small_sample=small_sample) if family == "binomial"
           else poisson(X, yv, names, cl, small_sample))
    return fit, X, yv


@pytest.mark.parametrize("name", list(MODELS))
def test_hc2_and_cr2_standard_errors_equal_r(data: pd.DataFrame, r: pd.Series, name: str) -> None:
    """R: sqrt(diag(vcovHC(m, type = "HC2"))), sqrt(diag(vcovCR(m, cluster = d$family, type = "CR2")))."""
    y, cols, family = MODELS[name]
    fit, X, yv = _fit(data, name, cluster=False)
    mu = {"gaussian": X @ fit.params, "binomial": 1 / (1 + np.exp(-X @ fit.params)),
          "poisson": np.exp(X @ fit.params)}[family]
    v_hc, _ = sandwich(X, yv, mu, family)
    v_cr, g = sandwich(X, yv, mu, family, data["family"])
    assert g == r["n_clusters"] == 40
    for i, k in enumerate(["const", *cols]):
        assert fit.params[i] == pytest.approx(r[f"{name}_{k}_coef"], rel=1e-6)
        assert np.sqrt(v_hc[i, i]) == pytest.approx(r[f"{name}_{k}_hc2_se"], rel=1e-6)
        assert np.sqrt(v_cr[i, i]) == pytest.approx(r[f"{name}_{k}_cr2_se"], rel=1e-6)
    assert v_cr[0, 1] == pytest.approx(r[f"{name}_cr2_cov_const_arm"], rel=1e-6)


@pytest.mark.parametrize("name", list(MODELS))
def test_cluster_fits_use_t_on_g_minus_1_as_clubsandwich_naive_t(data: pd.DataFrame, r: pd.Series, name: str) -> None:
    """R: coef_test(m, vcov = vcovCR(m, d$family, "CR2"), test = "naive-t"); b ± qt(0.975, G - 1) · SE."""
    fit, _, _ = _fit(data, name, cluster=True, small_sample="naive")
    assert (fit.vcov, fit.n_clusters, fit.df_resid) == ("CR2", 40, 39.0)
    for k in fit.names:
        e = fit.coef(k)
        assert e.p_value == pytest.approx(r[f"{name}_{k}_cr2_p"], rel=1e-6)
        assert (e.ci_low, e.ci_high) == pytest.approx((r[f"{name}_{k}_cr2_low"], r[f"{name}_{k}_cr2_high"]), rel=1e-6)


def test_linear_is_hc2_by_default_and_classical_on_request(data: pd.DataFrame, r: pd.Series) -> None:
    """R: coeftest(lm(yc ~ arm + x), vcov = vcovHC(type = "HC2")) (t on n − p); vcov(lm) when robust=False."""
    X = np.column_stack([np.ones(len(data)), data["arm"], data["x"]])
    y = data["yc"].to_numpy(float)
    fit = linear(X, y, ["const", "arm", "x"])
    assert fit.vcov == "HC2" and fit.df_resid == len(data) - 3
    assert fit.coef("arm").p_value == pytest.approx(r["lm_cx_arm_hc2_p"], rel=1e-6)
    classical = linear(X, y, ["const", "arm", "x"], robust=False)
    resid = y - X @ classical.params
    expected = resid @ resid / (len(y) - 3) * np.linalg.inv(X.T @ X)
    np.testing.assert_allclose(classical.cov, expected, rtol=1e-12)
    assert classical.vcov == "classical"


def test_classical_lm_still_equals_r_on_the_sample_trial() -> None:
    """R (tests/reference/trial.R): confint(lm(safety_12 ~ arm + safety_0))."""
    ref = pd.read_csv(REF / "trial_R.csv").set_index("name")["value"]
    trial = pd.read_csv(SAMPLE / "trial.csv")
    X = np.column_stack([np.ones(len(trial)), (trial["group"] == "fgc").astype(float), trial["safety_0"]])
    e = linear(X, trial["safety_12"].to_numpy(float), ["c", "arm", "s0"], robust=False).coef("arm")
    assert (e.ci_low, e.ci_high) == pytest.approx((float(ref["amd_low"]), float(ref["amd_high"])), rel=1e-6)


def test_glm_hc2_p_value_is_normal_as_coeftest(data: pd.DataFrame, r: pd.Series) -> None:
    """R: coeftest(glm(yb ~ arm + x, binomial), vcov = vcovHC(type = "HC2")) — z test."""
    fit, X, y = _fit(data, "logit_x", cluster=False)
    rob = robust(fit, X, y, "binomial")
    assert rob.vcov == "HC2" and rob.df_resid is None
    assert rob.coef("arm").p_value == pytest.approx(r["logit_x_arm_hc2_p"], rel=1e-6)


def test_g_computation_uses_the_robust_or_cluster_covariance(data: pd.DataFrame, r: pd.Series) -> None:
    """R (sandwich.R): delta-method SE of mean(p1) − mean(p0) with vcovCR(CR2) and with vcovHC(HC2)."""
    fit, X, y = _fit(data, "logit_x", cluster=True)
    e = standardised_risk_difference(fit, X, 1)
    assert e.estimate == pytest.approx(r["gcomp_rd"], rel=1e-6)
    assert e.se == pytest.approx(r["gcomp_rd_cr2_se"], rel=1e-6)
    ml, _, _ = _fit(data, "logit_x", cluster=False)
    assert standardised_risk_difference(robust(ml, X, y, "binomial"), X, 1).se == pytest.approx(
        r["gcomp_rd_hc2_se"], rel=1e-6)


def test_icc_equals_r_anova_with_families_nested_in_arms(data: pd.DataFrame, r: pd.Series) -> None:
    """R: anova(lm(y ~ factor(arm) + factor(family))) mean squares, n0 for unequal sizes."""
    for y in ("yc", "yb"):
        res = icc_anova(data[y].to_numpy(float), data["family"], data["arm"])
        assert res.icc == pytest.approx(r[f"icc_{y}"], rel=1e-9)
        assert res.design_effect == pytest.approx(1 + (len(data) / 40 - 1) * max(res.icc, 0), rel=1e-12)


def test_cr2_with_one_row_per_cluster_is_hc2_and_batches_over_replicates() -> None:
    rng = np.random.default_rng(1)
    X = np.column_stack([np.ones(50), rng.integers(0, 2, 50), rng.normal(size=50)])
    E = rng.normal(size=(50, 3))
    np.testing.assert_allclose(cr2(X, E[:, 0], np.arange(50))[0], hc2(X, E[:, 0]), rtol=1e-10)
    cl = rng.integers(0, 12, 50)
    stacked, g = cr2(X, E, cl)
    assert stacked.shape == (3, 3, 3) and g == 12
    for j in range(3):
        np.testing.assert_allclose(stacked[j], cr2(X, E[:, j], cl)[0], rtol=1e-10)
        np.testing.assert_allclose(hc2(X, E)[j], hc2(X, E[:, j]), rtol=1e-10)


def test_cluster_labels_must_match_and_be_complete() -> None:
    X = np.ones((3, 1))
    with pytest.raises(ArgumentError, match="one label per row"):
        cr2(X, np.zeros(3), [1, 2])
    with pytest.raises(ArgumentError, match="missing label"):
        cr2(X, np.zeros(3), [1, None, 2])


def rows(result: ekc.Result) -> pd.DataFrame:
    return result.to_frame().set_index("measure")


def test_compare_with_cluster_equals_r_for_every_binary_row(data: pd.DataFrame, r: pd.Series) -> None:
    """R: coef_test(..., vcovCR(CR2), "naive-t") of lm(yb ~ arm) (risk difference), glm(yb ~ arm, poisson)
    (risk ratio), glm(yb ~ arm, binomial) (odds ratio), glm(yb ~ arm + x, binomial); g-computation with CR2."""
    res = ekc.compare(data, "yb", "arm", covariates=["x"], cluster="family", small_sample="naive")
    t = rows(res)
    expect = {"risk_difference": ("lpm", False), "risk_ratio": ("pois", True), "odds_ratio": ("logit", True),
              "adjusted_odds_ratio": ("logit_x", True)}
    for measure, (name, exp) in expect.items():
        f = np.exp if exp else (lambda v: v)
        row = t.loc[measure]
        assert row["estimate"] == pytest.approx(f(r[f"{name}_arm_coef"]), rel=1e-6)
        assert row["ci_low"] == pytest.approx(f(r[f"{name}_arm_cr2_low"]), rel=1e-6)
        assert row["ci_high"] == pytest.approx(f(r[f"{name}_arm_cr2_high"]), rel=1e-6)
        assert row["p_value"] == pytest.approx(r[f"{name}_arm_cr2_p"], rel=1e-6)
    ard = t.loc["adjusted_risk_difference"]
    assert ard["estimate"] == pytest.approx(r["gcomp_rd"], rel=1e-6)
    half = (ard["ci_high"] - ard["ci_low"]) / 2
    assert half == pytest.approx(r["gcomp_rd_cr2_se"] * stats.t.ppf(0.975, 39), rel=1e-6)
    c = res.clustering.iloc[0]
    assert (c["n_clusters"], c["n_clusters_treated"], c["n_clusters_control"]) == (40, 24, 16)
    assert c["icc"] == pytest.approx(r["icc_yb"], rel=1e-9)
    assert any("40 clusters" in n and "CR2, t on G−1 df" in n and "design effect" in n for n in res.notes)
    assert (t["df"].dropna() == 39).all() and t["df"].notna().all()  # the df used, in every clustered row


def test_compare_with_cluster_equals_r_for_every_continuous_row(data: pd.DataFrame, r: pd.Series) -> None:
    """R: coef_test(lm(yc ~ arm), vcovCR(CR2), "naive-t"); the same for lm(yc ~ arm + x)."""
    t = rows(ekc.compare(data, "yc", "arm", covariates=["x"], cluster="family", small_sample="naive"))
    for measure, name in (("mean_difference", "lm_c"), ("adjusted_mean_difference", "lm_cx")):
        row = t.loc[measure]
        assert row["estimate"] == pytest.approx(r[f"{name}_arm_coef"], rel=1e-6)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(
            (r[f"{name}_arm_cr2_low"], r[f"{name}_arm_cr2_high"]), rel=1e-6)
        assert row["p_value"] == pytest.approx(r[f"{name}_arm_cr2_p"], rel=1e-6)
    # Hedges' g: the CR2 interval of the mean difference over the pooled SD, same p-value
    g, md = t.loc["hedges_g"], t.loc["mean_difference"]
    assert g["ci_low"] / md["ci_low"] == pytest.approx(g["estimate"] / md["estimate"], rel=1e-12)
    assert g["p_value"] == md["p_value"]


def test_compare_without_cluster_keeps_welch_and_newcombe(data: pd.DataFrame) -> None:
    t = rows(ekc.compare(data, "yc", "arm"))
    y1, y0 = data.loc[data["arm"] == 1, "yc"], data.loc[data["arm"] == 0, "yc"]
    se = np.sqrt(y1.var() / y1.size + y0.var() / y0.size)
    assert (t.loc["mean_difference", "ci_high"] - t.loc["mean_difference", "estimate"]) / se > 1.96
    b = rows(ekc.compare(data, "yb", "arm"))
    assert b.loc["risk_difference", "ci_low"] == pytest.approx(ekc_newcombe(data), rel=1e-12)


def ekc_newcombe(data: pd.DataFrame) -> float:
    from ekc_analysis.stats._effects import newcombe_difference

    k1, n1 = int(data.loc[data["arm"] == 1, "yb"].sum()), int((data["arm"] == 1).sum())
    k0, n0 = int(data.loc[data["arm"] == 0, "yb"].sum()), int((data["arm"] == 0).sum())
    return newcombe_difference(k1, n1, k0, n0).ci_low


def test_few_clusters_warn_and_say_what_to_do(data: pd.DataFrame) -> None:
    few = data[data["family"] <= 20]
    with pytest.warns(StatisticalWarning, match=r"only 20 clusters in 'family'.*summary per cluster"):
        ekc.compare(few, "yc", "arm", cluster="family")
    with warnings.catch_warnings():
        warnings.simplefilter("error", StatisticalWarning)
        ekc.compare(data, "yc", "arm", cluster="family")  # 40 clusters: no warning


def test_compare_many_passes_the_cluster_on(data: pd.DataFrame) -> None:
    many = ekc.compare_many(data, ["yb", "yc"], "arm", cluster="family")
    t = many.to_frame().set_index("outcome")
    one = rows(ekc.compare(data, "yc", "arm", cluster="family")).loc["mean_difference"]
    assert t.loc["yc", "ci_low"] == pytest.approx(one["ci_low"], rel=1e-12)
    assert many.clustering["outcome"].tolist() == ["yb", "yc"]
    assert any("CR2" in n for n in many.notes)


def test_moderator_and_compliance_become_cluster_robust(data: pd.DataFrame) -> None:
    d = data.assign(held=(data["family"] % 3 != 0).astype(int) * data["arm"], m=(data["x"] > 0).astype(int))
    res = ekc.compare(d, "yc", "arm", moderator="m", compliance="held", cluster="family")
    t = res.to_frame()
    inter = t[t["measure"].str.startswith("interaction")].iloc[0]
    X = np.column_stack([np.ones(len(d)), d["arm"], d["m"], d["arm"] * d["m"]])
    fit = linear(X, d["yc"].to_numpy(float), ["c", "arm", "m", "arm:m"], d["family"].to_numpy())
    assert inter["ci_low"] == pytest.approx(fit.coef("arm:m").ci_low, rel=1e-10)
    assert any("cluster-robust CR2 SE" in n for n in res.notes)


@pytest.mark.parametrize(("outcome", "measure"), [("yc", "cace_mean_difference"), ("yb", "cace_risk_difference")])
def test_clustered_cace_equals_clubsandwich_cr2_of_ivreg(data: pd.DataFrame, r: pd.Series, outcome: str,
                                                          measure: str) -> None:
    """R: coef_test(AER::ivreg(y ~ held | arm), vcov = "CR2", cluster = family, test = "naive-t") — CR2 as every
    other clustered estimate (issue 21: it was CR1, vcovCL type HC1, SE 0.5806 where CR2 gives 0.5876)."""
    d = data.assign(held=(data["family"] % 3 != 0).astype(int) * data["arm"])
    res = ekc.compare(d, outcome, "arm", compliance="held", cluster="family")
    t = rows(res).loc[measure]
    assert t["estimate"] == pytest.approx(r[f"cace_cr2_coef_{outcome}"], rel=1e-9)
    half = (t["ci_high"] - t["ci_low"]) / 2
    assert half == pytest.approx(r[f"cace_cr2_se_{outcome}"] * stats.t.ppf(0.975, 39), rel=1e-9)
    assert t["p_value"] == pytest.approx(r[f"cace_cr2_p_{outcome}"], rel=1e-9)
    assert any("cluster-robust CR2 SE" in n for n in res.notes)


def test_cluster_argument_is_a_column_name(data: pd.DataFrame) -> None:
    with pytest.raises(ArgumentError, match="no column 'family_id'"):
        ekc.compare(data, "yc", "arm", cluster="family_id")
    # a Series is aligned by index (issue 19): the same result after a shuffle; another index is an error
    by_name = ekc.compare(data, "yc", "arm", cluster="family").to_frame()
    shuffled = data.sample(frac=1, random_state=3)
    by_series = ekc.compare(shuffled, "yc", "arm", cluster=data["family"]).to_frame()
    pd.testing.assert_frame_equal(by_name, by_series, rtol=1e-12)
    with pytest.raises(ArgumentError, match="cluster: the Series' index does not hold"):
        ekc.compare(data, "yc", "arm", cluster=data["family"].reset_index(drop=True).iloc[::-1].iloc[:-1])



SATT_MODELS = {  # name in satterthwaite_R.csv: outcome, covariates, family
    "lm": ("Bagrut_status", ["treated"], "gaussian"), "lm_x": ("Bagrut_status", ["treated", "lagscore", "boy"],
                                                               "gaussian"),
    "lm_att": ("attempted", ["treated", "lagscore"], "gaussian"), "logit": ("Bagrut_status", ["treated"], "binomial"),
    "logit_x": ("Bagrut_status", ["treated", "lagscore", "boy"], "binomial"),
    "pois": ("Bagrut_status", ["treated"], "poisson"),
}


@pytest.fixture(scope="module")
def awards() -> tuple[pd.DataFrame, pd.Series]:
    """Rscript tests/reference/satterthwaite.R: clubSandwich::AchievementAwardsRCT, the 10 Arab schools in 2001
    (5 : 5 schools, 1,330 pupils), coef_test / conf_int(vcov = "CR2", test = "Satterthwaite")."""
    ref = pd.read_csv(REF / "satterthwaite_R.csv").set_index("name")["value"]
    md5 = hashlib.md5((REF / "satterthwaite_data.csv").read_bytes()).hexdigest()
    assert md5 == ref["input_md5"], "satterthwaite_data.csv changed: rerun tests/reference/satterthwaite.R"
    return pd.read_csv(REF / "satterthwaite_data.csv"), ref.drop("input_md5").astype(float)


@pytest.mark.parametrize("name", list(SATT_MODELS))
def test_cr2_satterthwaite_df_p_and_interval_equal_clubsandwich(awards, name: str) -> None:  # noqa: ANN001
    d, r = awards
    y, cols, family = SATT_MODELS[name]
    X = np.column_stack([np.ones(len(d))] + [d[c].to_numpy(float) for c in cols])
    names, yv, cl = ["Intercept", *cols], d[y].to_numpy(float), d["school_id"].to_numpy()
    fit = (linear(X, yv, names, cl) if family == "gaussian" else
           logistic(X, yv, names, cl) if family == "binomial" else poisson(X, yv, names, cl))
    assert fit.n_clusters == r["n_clusters"] == 10
    for i, k in enumerate(names):
        e = fit.coef(k)
        assert fit.df(np.eye(len(names))[i]) == pytest.approx(r[f"{name}_{k}_df"], rel=1e-6)
        assert e.df == pytest.approx(r[f"{name}_{k}_df"], rel=1e-6) and e.df < 9  # below G − 1
        assert e.se == pytest.approx(r[f"{name}_{k}_se"], rel=1e-6)
        assert e.p_value == pytest.approx(r[f"{name}_{k}_p"], rel=1e-6)
        assert (e.ci_low, e.ci_high) == pytest.approx((r[f"{name}_{k}_low"], r[f"{name}_{k}_high"]), rel=1e-6)
    if name == "lm_x":  # a linear combination: clubSandwich::linear_contrast
        combo = fit.combination({"treated": 1.0, "lagscore": 10.0})
        assert combo.df == pytest.approx(r["lm_x_combo_df"], rel=1e-6)
        assert combo.ci_low == pytest.approx(r["lm_x_combo_low"], rel=1e-6)


def test_compare_with_few_clusters_uses_satterthwaite_df_in_the_df_column(awards) -> None:  # noqa: ANN001
    d, r = awards
    with pytest.warns(StatisticalWarning, match="only 10 clusters"):
        res = ekc.compare(d, "attempted", "treated", covariates=["lagscore"], cluster="school_id")
    t = rows(res)
    assert t.loc["adjusted_mean_difference", "df"] == pytest.approx(r["lm_att_treated_df"], rel=1e-6)
    assert t.loc["adjusted_mean_difference", "ci_low"] == pytest.approx(r["lm_att_treated_low"], rel=1e-6)
    assert t["df"].notna().all() and (t["df"] < 9).all()
    assert any("t on Satterthwaite df" in n and "coef_test Satterthwaite" in n for n in res.notes)
    with pytest.warns(StatisticalWarning, match=r"^only 10 clusters in 'school_id': .*\(CR2, t on Satterthwaite df\)"):
        b = rows(ekc.compare(d, "Bagrut_status", "treated", cluster="school_id"))
    assert b.loc["risk_difference", "df"] == pytest.approx(r["lm_treated_df"], rel=1e-6)
    assert b.loc["odds_ratio", "df"] == pytest.approx(r["logit_treated_df"], rel=1e-6)
    assert b.loc["risk_ratio", "df"] == pytest.approx(r["pois_treated_df"], rel=1e-6)
    with pytest.warns(StatisticalWarning, match=r"^only 10 clusters in 'school_id': .*\(CR2, t on G−1 df\)"):
        naive = rows(ekc.compare(d, "Bagrut_status", "treated", cluster="school_id", small_sample="naive"))
    assert (naive["df"] == 9).all()
    with pytest.raises(ArgumentError, match="small_sample='kr'"):
        ekc.compare(d, "Bagrut_status", "treated", cluster="school_id", small_sample="kr")  # type: ignore[arg-type]
