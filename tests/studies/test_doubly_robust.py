"""ekc.doubly_robust (AIPW) against riskRegression::ate and a stacked M-estimator in R (MASS::birthwt).

R: ``Rscript tests/reference/doubly_robust.R``; e.g.
``ate(glm(low ~ smoke + age + lwt + race + ptl + ht + ui, binomial), glm(smoke ~ age + ..., binomial),
data = birthwt, estimator = "AIPTW")``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.errors import ArgumentError

REF = Path(__file__).resolve().parents[1] / "reference"
COVS = ["age", "lwt", "race", "ptl", "ht", "ui"]


@pytest.fixture(scope="module")
def birthwt() -> pd.DataFrame:
    d = pd.read_csv(REF / "doubly_robust_data.csv")
    d["race"] = pd.Categorical(d["race"], ["white", "black", "other"])
    return d


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return pd.read_csv(REF / "doubly_robust_R.csv")


@pytest.mark.parametrize("outcome", ["low", "bwt"])
@pytest.mark.parametrize("estimand", ["ATE", "ATT"])
@pytest.mark.parametrize("cluster", ["none", "family"])
def test_matches_stacked_m_estimator_in_r(birthwt, reference, outcome, estimand, cluster) -> None:
    r = ekc.doubly_robust(
        birthwt, outcome, "smoke", COVS, treated=1, estimand=estimand, cluster=None if cluster == "none" else "family"
    )
    ref = reference[
        (reference.source == "stacked")
        & (reference.outcome == outcome)
        & (reference.estimand == estimand)
        & (reference.cluster == cluster)
    ].set_index("quantity")
    t = r.to_frame().set_index("measure")
    arms = r.arms.set_index("group")
    assert arms.loc[1, "mean"] == pytest.approx(ref.loc["mean_treated", "estimate"], rel=1e-6)
    assert arms.loc[0, "mean"] == pytest.approx(ref.loc["mean_control", "estimate"], rel=1e-6)
    assert arms.loc[1, "se"] == pytest.approx(ref.loc["mean_treated", "se"], rel=1e-6)
    assert arms.loc[0, "se"] == pytest.approx(ref.loc["mean_control", "se"], rel=1e-6)
    diff = "risk_difference" if outcome == "low" else "mean_difference"
    assert t.loc[diff, "estimate"] == pytest.approx(ref.loc[diff, "estimate"], rel=1e-6)
    assert t.loc[diff, "se"] == pytest.approx(ref.loc[diff, "se"], rel=1e-6)
    if outcome == "low":
        rr = ref.loc["risk_ratio"]
        assert t.loc["risk_ratio", "estimate"] == pytest.approx(rr["estimate"], rel=1e-6)
        assert t.loc["risk_ratio", "se"] == pytest.approx(rr["se"] / rr["estimate"], rel=1e-6)  # log scale


def test_matches_riskregression_ate(birthwt, reference) -> None:
    ref = reference[reference.source == "riskRegression"].set_index("quantity")
    t = ekc.doubly_robust(birthwt, "low", "smoke", COVS, treated=1).to_frame().set_index("measure")
    assert t.loc["risk_difference", "estimate"] == pytest.approx(0.1356857154, abs=1e-9)
    assert t.loc["risk_difference", "se"] == pytest.approx(ref.loc["risk_difference", "se"], rel=1e-6)
    lo, hi = t.loc["risk_difference", ["ci_low", "ci_high"]]
    assert (lo, hi) == pytest.approx((-0.00153663, 0.2729081), abs=1e-7)  # riskRegression's printed interval
    assert t.loc["risk_ratio", "estimate"] == pytest.approx(ref.loc["risk_ratio", "estimate"], rel=1e-6)
    assert np.log(t.loc["risk_ratio", "ci_high"] / t.loc["risk_ratio", "estimate"]) == pytest.approx(
        1.959963985 * ref.loc["risk_ratio", "se"] / ref.loc["risk_ratio", "estimate"], rel=1e-6
    )


def test_clustered_rows_carry_the_degrees_of_freedom(birthwt) -> None:
    t = ekc.doubly_robust(birthwt, "bwt", "smoke", COVS, treated=1, cluster="family").to_frame()
    assert t["df"].tolist() == [62.0]  # 189 rows in clusters of 3: G = 63


def test_disagreement_note_when_models_part(birthwt) -> None:
    rng = np.random.default_rng(3)
    n = 2000
    x = rng.normal(size=n)
    a = rng.binomial(1, 1 / (1 + np.exp(-1.5 * x)))
    y = 2.0 * a + 3 * x**2 + rng.normal(size=n)
    d = pd.DataFrame({"y": y, "a": a, "x": x})
    r = ekc.doubly_robust(d, "y", "a", ["x"])
    assert any("outcome model alone" in note for note in r.notes)
    models = r.models.set_index("method")["estimate"]
    assert abs(models["outcome_model"] - models["weighting"]) > r.to_frame()["se"].iloc[0]


def test_bad_arguments_are_named(birthwt) -> None:
    with pytest.raises(ArgumentError, match="estimand"):
        ekc.doubly_robust(birthwt, "low", "smoke", COVS, treated=1, estimand="ATC")
    with pytest.raises(ArgumentError, match="covariates"):
        ekc.doubly_robust(birthwt, "low", "smoke", "age", treated=1)
    with pytest.raises(ArgumentError, match="the outcome or the group"):
        ekc.doubly_robust(birthwt, "low", "smoke", ["age", "smoke"], treated=1)


def _rubin(q: np.ndarray, u: np.ndarray, dfcom: float) -> tuple[float, float, float]:
    """Rubin's rules with Barnard–Rubin df written out (mice::pool): pooled estimate, total SE, df."""
    m = len(q)
    qbar, ubar, b = q.mean(), u.mean(), q.var(ddof=1)
    t = ubar + (1 + 1 / m) * b
    lam = (1 + 1 / m) * b / t
    df_old = (m - 1) / lam**2
    if not np.isfinite(dfcom):
        return qbar, np.sqrt(t), df_old
    df_obs = (dfcom + 1) / (dfcom + 3) * dfcom * (1 - lam)
    return qbar, np.sqrt(t), 1 / (1 / df_old + 1 / df_obs)


@pytest.mark.parametrize("cluster", [None, "pair"])
def test_imputations_pool_by_rubin(birthwt: pd.DataFrame, cluster: str | None) -> None:
    """doubly_robust on an Imputations: both models fitted in each completed frame, each effect pooled by
    Rubin's rules (risk ratio on the log scale) with Barnard–Rubin df (dfcom = G − 1 with cluster=)."""
    rng = np.random.default_rng(21)
    d = birthwt.assign(pair=np.arange(len(birthwt)) // 2)
    d.loc[rng.uniform(size=len(d)) < 1 / (1 + np.exp(-(d["age"] - 25) / 4)) * 0.4, "lwt"] = np.nan
    assert 25 < d["lwt"].isna().sum() < 70
    imp = ekc.impute(d, m=6, variables=["low", "smoke", *COVS], seed=4)
    res = ekc.doubly_robust(imp, "low", "smoke", COVS, treated=1, cluster=cluster)
    per = [ekc.doubly_robust(f, "low", "smoke", COVS, treated=1, cluster=cluster).to_frame() for f in imp.completed]
    table = res.to_frame().set_index("measure")
    assert {"df", "fmi"} <= set(table.columns) and res.settings["m"] == 6
    for measure, log in (("risk_difference", False), ("risk_ratio", True)):
        rows = pd.DataFrame([p.set_index("measure").loc[measure] for p in per])
        q = np.log(rows["estimate"].to_numpy()) if log else rows["estimate"].to_numpy()
        assert np.unique(q).size == 6  # the covariate is imputed: every imputation differs
        # complete-data df: CR2's Satterthwaite df of the clusters (94 pairs and a single child: below G - 1)
        dfcom = np.inf if cluster is None else float(rows["df"].iloc[0])
        if cluster is not None:
            assert rows["df"].nunique() == 1 and 80 < dfcom < d["pair"].nunique() - 1
        qbar, se, df = _rubin(q, rows["se"].to_numpy() ** 2, dfcom)
        row = table.loc[measure]
        assert (np.log(row["estimate"]) if log else row["estimate"]) == pytest.approx(qbar, rel=1e-10)
        assert row["se"] == pytest.approx(se, rel=1e-10) and row["df"] == pytest.approx(df, rel=1e-10)
        half = stats_t(df) * se
        lo, hi = (np.exp(qbar - half), np.exp(qbar + half)) if log else (qbar - half, qbar + half)
        assert (row["ci_low"], row["ci_high"]) == (pytest.approx(lo, rel=1e-10), pytest.approx(hi, rel=1e-10))
        assert 0 < row["fmi"] < 1


def stats_t(df: float) -> float:
    from scipy import stats

    return float(stats.t.ppf(0.975, df))


AWARDS_COVS = ["boy", "siblings", "immigrant", "father_ed", "mother_ed", "lagscore"]


@pytest.mark.parametrize("estimand", ["ATE", "ATT"])
def test_few_unequal_clusters_cr2_equals_clubsandwich(estimand: str) -> None:
    """Angrist & Lavy's achievement awards (clubSandwich::AchievementAwardsRCT, 2001, 39 schools of 9 to 248
    pupils): ``small_sample="satterthwaite"`` gives the SE of clubSandwich's ``coef_test(lm(psi ~ 1), vcov =
    "CR2", cluster = school_id)`` and its Satterthwaite df (tests/reference/aipw_cr2.R), ``"naive"`` G/(G - 1)."""
    d = pd.read_csv(REF / "aipw_cr2_data.csv")
    ref = pd.read_csv(REF / "aipw_cr2_R.csv").query("design == 'all' and estimand == @estimand").set_index("quantity")
    cr2 = ekc.doubly_robust(d, "Bagrut_status", "treated", AWARDS_COVS, treated=1, cluster="school_id",
                            estimand=estimand, small_sample="satterthwaite").to_frame().set_index("measure")
    naive = ekc.doubly_robust(d, "Bagrut_status", "treated", AWARDS_COVS, treated=1, cluster="school_id",
                              estimand=estimand, small_sample="naive").to_frame().set_index("measure")
    rd = ref.loc["risk_difference"]
    assert cr2.loc["risk_difference", "estimate"] == pytest.approx(rd["estimate"], rel=1e-6)
    assert cr2.loc["risk_difference", "se"] == pytest.approx(rd["se_cr2"], rel=1e-6)
    assert cr2.loc["risk_difference", "df"] == pytest.approx(rd["df_satterthwaite"], rel=1e-6)
    assert cr2.loc["risk_difference", "p_value"] == pytest.approx(rd["p_satterthwaite"], rel=1e-5)
    assert cr2.loc["risk_ratio", "se"] == pytest.approx(ref.loc["log_risk_ratio", "se_cr2"], rel=1e-6)
    assert naive.loc["risk_difference", "se"] == pytest.approx(rd["se_naive"], rel=1e-6)
    assert naive.loc["risk_difference", "df"] == 38.0


def test_auto_takes_the_jackknife_when_whole_clusters_are_in_one_group() -> None:
    """The schools were randomised whole: ``"auto"`` (default) gives the leave-one-school-out jackknife, which
    equals refitting doubly_robust without each school by hand; t on G - 1."""
    d = pd.read_csv(REF / "aipw_cr2_data.csv").query("arab == 1")  # 10 schools: a few-cluster trial
    covs = [c for c in AWARDS_COVS if d[c].nunique() > 1]
    with pytest.warns(ekc.StatisticalWarning, match="only 10 clusters .* jackknife interval covered 95 % at 20"):
        r = ekc.doubly_robust(d, "Bagrut_status", "treated", covs, treated=1, cluster="school_id")
    assert r.settings["small_sample"] == "jackknife"
    assert any("leave-one-cluster-out jackknife" in n for n in r.notes)
    assert any("Whole clusters are in one group" in n for n in r.notes)
    row = r.to_frame().set_index("measure").loc["risk_difference"]
    schools = sorted(d["school_id"].unique())
    full = row["estimate"]
    loo = [ekc.doubly_robust(d[d["school_id"] != s], "Bagrut_status", "treated", covs, treated=1)
           .to_frame().set_index("measure").loc["risk_difference", "estimate"] for s in schools]
    g = len(schools)
    assert row["se"] == pytest.approx(np.sqrt((g - 1) / g * np.sum((np.array(loo) - np.mean(loo)) ** 2)), rel=1e-8)
    assert row["df"] == g - 1 and row["estimate"] == full
    with pytest.warns(ekc.StatisticalWarning, match="use small_sample='jackknife'"):
        cr2 = ekc.doubly_robust(d, "Bagrut_status", "treated", covs, treated=1, cluster="school_id",
                                small_sample="satterthwaite")
    assert cr2.to_frame()["se"].iloc[0] < row["se"]  # CR2 is too narrow in a cluster-randomised design


def test_auto_keeps_cr2_when_the_groups_are_formed_within_clusters(birthwt: pd.DataFrame) -> None:
    r = ekc.doubly_robust(birthwt, "low", "smoke", COVS, treated=1, cluster="family")
    assert r.settings["small_sample"] == "satterthwaite" and "CR2 on the influence values" in r.notes[1]
    with pytest.raises(ArgumentError, match="small_sample='cr3': choose one of 'auto', 'jackknife'"):
        ekc.doubly_robust(birthwt, "low", "smoke", COVS, treated=1, cluster="family", small_sample="cr3")  # type: ignore[arg-type]
