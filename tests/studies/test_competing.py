"""Competing risks and variance explained against R (tests/reference/competing.R) and a known truth."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.errors import ArgumentError, StatisticalWarning
from ekc_analysis.stats._competing import aalen_johansen, gray_test
from ekc_analysis.stats._fine_gray import fine_gray

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def r() -> dict[str, float]:
    """R 4.2: Rscript tests/reference/competing.R (survival 3.x survfit/coxph, cmprsk cuminc/crr, lm, glm)."""
    ref = pd.read_csv(REF / "competing_R.csv").set_index("name")["value"]
    md5 = hashlib.md5((REF / "competing_data.csv").read_bytes()).hexdigest()
    assert md5 == ref["input_md5"], "competing_data.csv changed: rerun tests/reference/competing.R"
    return {k: float(v) for k, v in ref.items() if k != "input_md5"}


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF / "competing_data.csv")


@pytest.fixture(scope="module")
def cif_r() -> pd.DataFrame:
    return pd.read_csv(REF / "competing_cif_R.csv", dtype={"group": str, "cause": str})


@pytest.fixture(scope="module")
def mgus() -> pd.DataFrame:
    return pd.read_csv(REF / "competing_mgus2.csv")


def _match(mine: pd.DataFrame, theirs: pd.DataFrame) -> None:
    """Our curve read at R's (event) times equals R's cif, se and log-scale interval."""
    merged = theirs.merge(mine, on="time", suffixes=("_r", ""), how="left", validate="one_to_one")
    assert len(merged) == len(theirs) and merged["cif"].notna().all()
    np.testing.assert_allclose(merged["cif"], merged["cif_r"], rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(merged["se"], merged["se_r"], rtol=1e-6, atol=1e-10)
    ok = merged["lower"].notna()
    np.testing.assert_allclose(merged.loc[ok, "ci_low"], merged.loc[ok, "lower"], rtol=1e-6)
    np.testing.assert_allclose(merged.loc[ok, "ci_high"], merged.loc[ok, "upper"], rtol=1e-6)


def test_aalen_johansen_equals_r_survfit_multistate(data: pd.DataFrame, cif_r: pd.DataFrame) -> None:
    """R: summary(survfit(Surv(time, factor(status)) ~ arm)) pstate, std.err, lower, upper (IJ, log CI);
    and the weighted fit survfit(..., weights = w) ~ 1."""
    for arm in (0, 1):
        sub = data[data["arm"] == arm]
        mine = aalen_johansen(sub["time"].to_numpy(), sub["status"].to_numpy())
        for cause in (1, 2, 3):
            theirs = cif_r[(cif_r["data"] == "sim") & (cif_r["group"] == str(arm)) & (cif_r["cause"] == str(cause))]
            _match(mine[mine["cause"] == cause], theirs)
    mine = aalen_johansen(data["time"].to_numpy(), data["status"].to_numpy(), data["w"].to_numpy())
    for cause in (1, 2, 3):
        theirs = cif_r[(cif_r["data"] == "sim_weighted") & (cif_r["cause"] == str(cause))]
        _match(mine[mine["cause"] == cause], theirs)


def test_aalen_johansen_with_entry_equals_r(data: pd.DataFrame, cif_r: pd.DataFrame) -> None:
    """R: survfit(Surv(entry, time, factor(status)) ~ 1, id = id, weights = w), entry = 40 % of the
    follow-up time for every third child (rounded to 4 decimals), 0 otherwise."""
    entry = np.where(data["id"] % 3 == 0, np.round(data["time"] * 0.4, 4), 0.0)
    mine = aalen_johansen(data["time"].to_numpy(), data["status"].to_numpy(), data["w"].to_numpy(), entry=entry)
    for cause in (1, 2, 3):
        theirs = cif_r[(cif_r["data"] == "sim_entry_weighted") & (cif_r["cause"] == str(cause))]
        _match(mine[mine["cause"] == cause], theirs)


def test_gray_test_equals_cmprsk_cuminc(data: pd.DataFrame, r: dict[str, float]) -> None:
    """R: cuminc(time, status, arm)$Tests, cuminc(time, status, family %% 3)$Tests (three groups) and
    cuminc(time, status, arm, rho = 1)$Tests (weight 1 − F(t-))."""
    t, s = data["time"].to_numpy(), data["status"].to_numpy()
    for k in (1, 2, 3):
        stat, p, df = gray_test(t, s, data["arm"].to_numpy(), cause=k)
        assert (stat, p, df) == (pytest.approx(r[f"gray_arm_{k}"], rel=1e-8), pytest.approx(r[f"gray_arm_p_{k}"],
                                                                                             rel=1e-8), 1)
        stat3, _, df3 = gray_test(t, s, data["family"].to_numpy() % 3, cause=k)
        assert stat3 == pytest.approx(r[f"gray_fam3_{k}"], rel=1e-8) and df3 == 2
        assert gray_test(t, s, data["arm"].to_numpy(), cause=k, rho=1)[0] == pytest.approx(r[f"gray_rho1_{k}"],
                                                                                           rel=1e-8)


def test_fine_gray_equals_cmprsk_crr(data: pd.DataFrame, r: dict[str, float]) -> None:
    """R: crr(time, status, cbind(arm), failcode = k) for k = 1, 2, 3; crr(..., cbind(arm, age), failcode = 1)."""
    t, s = data["time"].to_numpy(), data["status"].to_numpy()
    for k in (1, 2, 3):
        fit = fine_gray(t, s, data[["arm"]].to_numpy(), cause=k)
        assert fit.converged
        assert fit.coef[0] == pytest.approx(r[f"crr_coef_{k}"], abs=1e-6)
        assert fit.se[0] == pytest.approx(r[f"crr_se_{k}"], abs=1e-6)
    fit = fine_gray(t, s, data[["arm", "age"]].to_numpy(), cause=1)
    np.testing.assert_allclose(fit.coef, [r["crr2_coef_arm"], r["crr2_coef_age"]], atol=1e-6)
    np.testing.assert_allclose(fit.se, [r["crr2_se_arm"], r["crr2_se_age"]], atol=1e-6)


def test_competing_risks_table_equals_r(data: pd.DataFrame, r: dict[str, float], cif_r: pd.DataFrame) -> None:
    """R: crr (SHR = exp(coef), Wald CI), coxph(Surv(time, status == k) ~ arm) (Efron), cuminc Tests."""
    res = ekc.competing_risks(data, "time", "status", "arm", cause=2)
    t = res.to_frame()
    assert t["level"].tolist()[:3] == [2, 2, 2]  # the cause of interest first
    for k in (1, 2, 3):
        rows = t[t["level"] == k].set_index("measure")
        shr = rows.loc["subdistribution_hazard_ratio"]
        assert shr["estimate"] == pytest.approx(np.exp(r[f"crr_coef_{k}"]), rel=1e-6)
        assert shr["ci_low"] == pytest.approx(np.exp(r[f"crr_coef_{k}"] - 1.959963985 * r[f"crr_se_{k}"]), rel=1e-6)
        csh = rows.loc["cause_specific_hazard_ratio"]
        assert csh["estimate"] == pytest.approx(np.exp(r[f"cs_coef_{k}"]), rel=1e-4)
        assert csh["ci_high"] == pytest.approx(np.exp(r[f"cs_coef_{k}"] + 1.959963985 * r[f"cs_se_{k}"]), rel=1e-4)
        assert rows.loc["gray_test", "statistic"] == pytest.approx(r[f"gray_arm_{k}"], rel=1e-8)
        assert rows.loc["gray_test", "df"] == 1 and np.isnan(rows.loc["gray_test", "estimate"])
        assert rows.loc["gray_test", "events_treated"] == int(((data["status"] == k) & (data["arm"] == 1)).sum())
    cif = res.cif
    assert list(cif.columns[:6]) == ["group", "cause", "time", "cif", "ci_low", "ci_high"]
    for arm in (0, 1):
        for k in (1, 2, 3):
            theirs = cif_r[(cif_r["data"] == "sim") & (cif_r["group"] == str(arm)) & (cif_r["cause"] == str(k))]
            _match(cif[(cif["group"] == arm) & (cif["cause"] == k)], theirs)
    inc = res.incidence
    three = inc[(inc["group"] == 1) & (inc["cause"] == 1) & (inc["time"] == 3)].iloc[0]
    assert three["one_minus_km"] > three["cif"]  # 1 − KM overstates with competing ends
    assert three["at_risk"] == ((data["arm"] == 1) & (data["time"] >= 3)).sum()
    assert "events by cause" in res.notes[0] and "Fine–Gray" in " ".join(res.notes)


def test_labels_as_causes_equal_r_on_mgus2(mgus: pd.DataFrame, r: dict[str, float], cif_r: pd.DataFrame) -> None:
    """R survival's mgus2, progression (pcm) vs death: survfit(Surv(etime, status) ~ sex), crr(etime, event,
    cbind(male)), coxph(Surv(etime, event == k) ~ male), cuminc(etime, event, sex)$Tests."""
    res = ekc.competing_risks(mgus, "etime", "status", "sex", treated="M", cause="pcm")
    t = res.to_frame()
    assert t["level"].iloc[0] == "pcm" and set(t["level"]) == {"pcm", "death"}
    for k in ("pcm", "death"):
        rows = t[t["level"] == k].set_index("measure")
        assert np.log(rows.loc["subdistribution_hazard_ratio", "estimate"]) == pytest.approx(
            r[f"mgus_crr_coef_{k}"], abs=1e-6)
        assert np.log(rows.loc["cause_specific_hazard_ratio", "estimate"]) == pytest.approx(
            r[f"mgus_cs_coef_{k}"], abs=1e-4)
        assert rows.loc["gray_test", "statistic"] == pytest.approx(r[f"mgus_gray_{k}"], rel=1e-8)
        for sex in ("F", "M"):
            theirs = cif_r[(cif_r["data"] == "mgus2") & (cif_r["group"] == sex) & (cif_r["cause"] == k)]
            _match(res.cif[(res.cif["group"] == sex) & (res.cif["cause"] == k)], theirs)
    fit = fine_gray(mgus["etime"].to_numpy(), mgus["event"].to_numpy(), (mgus["sex"] == "M").to_numpy(float), 1)
    assert fit.se[0] == pytest.approx(r["mgus_crr_se_pcm"], abs=1e-6)


def test_cluster_sandwich(data: pd.DataFrame, r: dict[str, float]) -> None:
    """Fine–Gray: one row per cluster gives crr's SE; families change it. Cause-specific Cox: R
    coxph(Surv(time, status == k) ~ arm, cluster = family): robust SE to 1e-6."""
    t, s, x = data["time"].to_numpy(), data["status"].to_numpy(), data[["arm"]].to_numpy()
    single = fine_gray(t, s, x, cluster=data["id"].to_numpy())
    assert single.se[0] == pytest.approx(r["crr_se_1"], abs=1e-6)
    family = fine_gray(t, s, x, cluster=data["family"].to_numpy())
    assert family.coef[0] == pytest.approx(single.coef[0]) and abs(family.se[0] - single.se[0]) > 1e-4
    res = ekc.competing_risks(data, "time", "status", "arm", cluster="family")
    rows = res.to_frame()
    shr = rows[(rows["measure"] == "subdistribution_hazard_ratio") & (rows["level"] == 1)].iloc[0]
    assert np.log(shr["ci_high"]) == pytest.approx(family.coef[0] + 1.959963985 * family.se[0], rel=1e-8)
    text = " ".join(res.notes)
    assert f"Clustered by family ({data['family'].nunique()} clusters)" in text
    assert "cause-specific Cox standard error is cluster-robust" in text
    for k in (1, 2, 3):
        csh = rows[(rows["measure"] == "cause_specific_hazard_ratio") & (rows["level"] == k)].iloc[0]
        se = (np.log(csh["ci_high"]) - np.log(csh["estimate"])) / 1.959963985
        assert se == pytest.approx(r[f"cs_robust_se_{k}"], rel=1e-6)


def test_variance_explained_equals_r(data: pd.DataFrame, r: dict[str, float]) -> None:
    """R: summary(lm(y ~ arm + age + score))$r.squared minus that of lm(y ~ age + score), anova F test;
    glm(yb ~ ..., binomial): McFadden 1 − logLik/logLik(null), Nagelkerke, LR test."""
    lin = ekc.variance_explained(data, "y", "arm", covariates=["age", "score"]).to_frame().set_index("measure")
    assert lin.loc["r_squared", "estimate"] == pytest.approx(r["r2_full"], abs=1e-10)
    assert lin.loc["r_squared_covariates", "estimate"] == pytest.approx(r["r2_red"], abs=1e-10)
    assert lin.loc["delta_r_squared", "estimate"] == pytest.approx(r["r2_full"] - r["r2_red"], abs=1e-10)
    assert lin.loc["delta_r_squared", "p_value"] == pytest.approx(r["r2_delta_p"], rel=1e-6)
    binary = ekc.variance_explained(data, "yb", "arm", covariates=["age", "score"]).to_frame().set_index("measure")
    for name in ("mcfadden", "nagelkerke"):
        assert binary.loc[f"{name}_r_squared", "estimate"] == pytest.approx(r[f"{name}_full"], abs=1e-8)
        assert binary.loc[f"{name}_r_squared_covariates", "estimate"] == pytest.approx(r[f"{name}_red"], abs=1e-8)
        assert binary.loc[f"delta_{name}_r_squared", "estimate"] == pytest.approx(
            r[f"{name}_full"] - r[f"{name}_red"], abs=1e-8)
        assert binary.loc[f"delta_{name}_r_squared", "p_value"] == pytest.approx(r["lr_p"], rel=1e-6)


def test_bad_arguments_name_the_argument(data: pd.DataFrame) -> None:
    with pytest.raises(ArgumentError, match="cause=7 is not a value of status='status'; causes are: 1, 2, 3"):
        ekc.competing_risks(data, "time", "status", "arm", cause=7)
    with pytest.raises(ArgumentError, match=r"time='time' must hold non-negative numbers; found -2.1667$"):
        ekc.competing_risks(data.assign(time=-data["time"]), "time", "status", "arm")
    with pytest.raises(ArgumentError, match="times must be numbers"):
        ekc.competing_risks(data, "time", "status", "arm", times=("3 years",))  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="holds no events"):
        ekc.competing_risks(data.assign(status=0), "time", "status", "arm")
    with pytest.raises(ArgumentError, match="kind must be"):
        ekc.variance_explained(data, "y", "arm", kind="count")  # type: ignore[arg-type]


def test_cause_without_events_in_a_group_warns(data: pd.DataFrame) -> None:
    d = data.copy()
    d.loc[(d["arm"] == 1) & (d["status"] == 3), "status"] = 0
    with pytest.warns(StatisticalWarning, match="cause 3 has no events in the FGC group"):
        t = ekc.competing_risks(d, "time", "status", "arm").to_frame()
    assert t[(t["level"] == 3) & (t["measure"] == "subdistribution_hazard_ratio")]["estimate"].isna().all()


def test_stacked_figure_draws_in_both_languages(data: pd.DataFrame) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    res = ekc.competing_risks(data.assign(status=data["status"].map({0: 0, 1: "re-referral", 2: "turned 18",
                                                                       3: "moved"})), "time", "status", "arm",
                              cause="re-referral")
    for lang, word in (("en", "Cumulative incidence"), ("nl", "Cumulatieve incidentie")):
        ax = res.plot(lang=lang)
        assert ax.get_ylabel() == word
        legend = [t.get_text() for t in ax.figure.axes[-1].get_legend().get_texts()]
        assert legend[0] == "re-referral" and len(legend) == 4
        plt.close(ax.figure)


@pytest.mark.slow
def test_aalen_johansen_unbiased_where_one_minus_km_is_not() -> None:
    """Known truth: hazards 0.25/yr (re-referral) and 0.15/yr (competing end), censoring uniform on
    0–8 years: F1(3) = 0.25/0.40 (1 − e^−1.2) = 0.4368; 1 − KM tends to 1 − e^−0.75 = 0.5276.
    2,000 replicates of 400 children: the mean Aalen–Johansen estimate lies within 3 Monte Carlo SE of
    the truth, 1 − KM far above it, and the log-scale 95 % interval covers the truth 95 % ± 1.2 points."""
    truth, naive_limit, reps, n = 0.25 / 0.40 * (1 - np.exp(-1.2)), 1 - np.exp(-0.75), 2000, 400
    rng = np.random.default_rng(11)
    aj, km, covered = np.empty(reps), np.empty(reps), np.empty(reps, bool)
    for i in range(reps):
        t_event = rng.exponential(1 / 0.40, n)
        cause = np.where(rng.random(n) < 0.25 / 0.40, 1, 2)
        cens = rng.uniform(0, 8, n)
        time = np.minimum(t_event, cens)
        status = np.where(t_event <= cens, cause, 0)
        curve = aalen_johansen(time, status, causes=[1])
        row = curve.iloc[np.searchsorted(curve["time"].to_numpy(), 3.0, side="right") - 1]
        aj[i] = row["cif"]
        covered[i] = row["ci_low"] <= truth <= row["ci_high"]
        y = curve["n_risk"].to_numpy()
        upto = curve["time"].to_numpy() <= 3
        km[i] = 1 - np.prod(1 - curve["n_event"].to_numpy()[upto] / y[upto])
    mcse = aj.std(ddof=1) / np.sqrt(reps)
    assert abs(aj.mean() - truth) < 3 * mcse
    assert km.mean() == pytest.approx(naive_limit, abs=0.01) and km.mean() - truth > 20 * mcse
    assert abs(covered.mean() - 0.95) <= 0.012


@pytest.mark.slow
def test_fine_gray_cluster_sandwich_matches_the_spread_of_estimates() -> None:
    """Siblings share a family frailty (gamma, variance 1) and the family's arm: 150 families of 4,
    hazards 0.25 e^{0.3 arm} Z (re-referral) and 0.15 Z (competing), censoring uniform on 0–5 years.
    The marginal subdistribution HR under frailty has no closed form, so the target is the Monte Carlo
    mean of the estimates over 2,000 replicates: intervals with the cluster sandwich SE cover it
    95 % ± 1.2 points (measured 94.4 %), those with crr's independent-rows SE do not (89.4 %)."""
    rng = np.random.default_rng(5)
    reps, fam, size = 2000, 150, 4
    coef, se_c, se_n = np.empty(reps), np.empty(reps), np.empty(reps)
    fid = np.repeat(np.arange(fam), size)
    for i in range(reps):
        arm = np.repeat(rng.integers(0, 2, fam), size).astype(float)
        z = np.repeat(rng.gamma(1.0, 1.0, fam), size)
        h1, h2 = 0.25 * z * np.exp(0.3 * arm), 0.15 * z
        t_event = rng.exponential(1 / (h1 + h2))
        cause = np.where(rng.random(fam * size) < h1 / (h1 + h2), 1, 2)
        cens = rng.uniform(0, 5, fam * size)
        time, status = np.minimum(t_event, cens), np.where(t_event <= cens, cause, 0)
        clustered = fine_gray(time, status, arm[:, None], cluster=fid)
        coef[i], se_c[i] = clustered.coef[0], clustered.se[0]
        se_n[i] = fine_gray(time, status, arm[:, None]).se[0]
    target = coef.mean()
    cover_cluster = np.mean(np.abs(coef - target) <= 1.959963985 * se_c)
    cover_naive = np.mean(np.abs(coef - target) <= 1.959963985 * se_n)
    assert abs(cover_cluster - 0.95) <= 0.012
    assert cover_naive < 0.95 - 0.012
