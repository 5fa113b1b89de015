"""compare and friends on the sample trial, against R (tests/reference/trial.R) and closed forms."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import ekc_analysis as ekc
from ekc_analysis.simulate._synthetic import simulate_trial

REF = Path(__file__).resolve().parents[1] / "reference"
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def r() -> dict[str, float | str]:
    """Values from R 4.x: Rscript tests/reference/trial.R (glm, lm, t.test, prop.test, power.*)."""
    ref = pd.read_csv(REF / "trial_R.csv").set_index("name")["value"]
    md5 = hashlib.md5((SAMPLE / "trial.csv").read_bytes()).hexdigest()
    assert md5 == ref["input_md5"], "data/sample/trial.csv changed: rerun tests/reference/trial.R"
    return {k: (v if k == "input_md5" else float(v)) for k, v in ref.items()}


@pytest.fixture(scope="module")
def trial() -> pd.DataFrame:
    return ekc.load_study(SAMPLE / "trial.csv")


def rows(result: ekc.Result) -> pd.DataFrame:
    return result.to_frame().set_index("measure")


def test_odds_ratios_equal_r_glm(trial: pd.DataFrame, r: dict) -> None:
    """R: glm(ots_extension ~ arm, binomial); glm(... ~ arm + age + prior_reports); confint.default."""
    t = rows(ekc.compare(trial, "ots_extension", "group", covariates=["age", "prior_reports"]))
    for measure, key in (("odds_ratio", "or"), ("adjusted_odds_ratio", "aor")):
        assert t.loc[measure, "estimate"] == pytest.approx(r[key], rel=1e-6)
        assert t.loc[measure, "ci_low"] == pytest.approx(r[f"{key}_low"], rel=1e-4)
        assert t.loc[measure, "ci_high"] == pytest.approx(r[f"{key}_high"], rel=1e-4)
        assert t.loc[measure, "p_value"] == pytest.approx(r[f"{key}_p"], rel=1e-4)
    assert t.loc["risk_difference", "p_value"] == pytest.approx(r["rd_p"], rel=1e-6)


def test_interaction_equals_r_glm_arm_times_moderator(trial: pd.DataFrame, r: dict) -> None:
    """R: glm(ots_extension ~ arm * non_western, binomial)."""
    t = ekc.compare(trial, "ots_extension", "group", moderator="non_western").to_frame()
    inter = t[t["measure"].str.contains("interaction")].iloc[0]
    assert inter["estimate"] == pytest.approx(r["int_ror"], rel=1e-6)
    assert inter["p_value"] == pytest.approx(r["int_p"], rel=1e-4)
    assert (inter["ci_low"], inter["ci_high"]) == pytest.approx((r["int_low"], r["int_high"]), rel=1e-4)
    within = t[(t["measure"] == "odds_ratio") & t["level"].notna()]
    assert within["level"].tolist() == ["non_western=0", "non_western=1"]
    # the two within-level odds ratios divide to the interaction
    assert within["estimate"].iloc[1] / within["estimate"].iloc[0] == pytest.approx(r["int_ror"], rel=1e-6)
    assert within[["n_treated", "n_control"]].sum().sum() == len(trial)


def test_continuous_equals_r_t_test_and_lm(trial: pd.DataFrame, r: dict) -> None:
    """R: t.test(safety_12 ~ arm) (Welch); lm(safety_12 ~ arm + safety_0); lm(safety_12 ~ arm * non_western);
    the adjusted models with HC2 errors: coeftest(la, vcov = sandwich::vcovHC(la, type = "HC2"))."""
    t = rows(ekc.compare(trial, "safety_12", "group", covariates=["safety_0"]))
    for measure, key, ci in (("mean_difference", "md", "md"), ("adjusted_mean_difference", "amd", "amd_hc2")):
        assert t.loc[measure, "estimate"] == pytest.approx(r[key], rel=1e-6)
        assert t.loc[measure, "ci_low"] == pytest.approx(r[f"{ci}_low"], rel=1e-4)
        assert t.loc[measure, "ci_high"] == pytest.approx(r[f"{ci}_high"], rel=1e-4)
        assert t.loc[measure, "p_value"] == pytest.approx(r[f"{ci}_p"], rel=1e-4)
    m = ekc.compare(trial, "safety_12", "group", moderator="non_western").to_frame()
    inter = m[m["measure"].str.contains("interaction")].iloc[0]
    assert inter["estimate"] == pytest.approx(r["lm_int"], rel=1e-6)
    assert inter["p_value"] == pytest.approx(r["lm_int_hc2_p"], rel=1e-4)


def test_power_equals_r(r: dict) -> None:
    """R: power.prop.test / power.t.test. R's uniroot stops at ~1e-4 relative, hence that tolerance."""
    est = lambda res: res.to_frame()["estimate"].iloc[0]  # noqa: E731
    exact = lambda res: res.to_frame()["exact"].iloc[0]  # noqa: E731
    assert exact(ekc.power("binary", p_control=0.30, p_treated=0.45)) == pytest.approx(r["n_prop"], rel=1e-4)
    assert exact(ekc.power("continuous", delta=0.4)) == pytest.approx(r["n_t"], rel=1e-4)
    assert est(ekc.power("continuous", delta=0.4)) == np.ceil(r["n_t"])  # whole families, rounded up
    assert est(ekc.power("continuous", n=150)) == pytest.approx(r["delta_t"], rel=1e-4)
    assert est(ekc.power("binary", n=150, p_control=0.30)) == pytest.approx(r["p2_prop"], rel=1e-4)


def test_hedges_g_and_newcombe_closed_forms() -> None:
    df = pd.DataFrame({"g": [1] * 4 + [0] * 4, "y": [1, 2, 3, 4, 2, 3, 4, 5.0]})
    t = rows(ekc.compare(df, "y", "g"))
    d = -1 / np.sqrt(np.var([1, 2, 3, 4], ddof=1))
    assert t.loc["hedges_g", "estimate"] == pytest.approx(d * (1 - 3 / (4 * 8 - 9)))
    # Newcombe (1998, Stat Med 17:873), Table II example (a): 56/70 vs 48/80, method 10: 0.0524 to 0.3339
    b = pd.DataFrame({"g": [1] * 70 + [0] * 80, "y": [1] * 56 + [0] * 14 + [1] * 48 + [0] * 32})
    rd = rows(ekc.compare(b, "y", "g")).loc["risk_difference"]
    assert rd["estimate"] == pytest.approx(0.2)
    assert (rd["ci_low"], rd["ci_high"]) == pytest.approx((0.0524, 0.3339), abs=1e-4)


def test_g_computation_with_an_unrelated_covariate_is_close_to_the_crude_difference() -> None:
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"g": rng.integers(0, 2, 400), "x": rng.normal(size=400)})
    df["y"] = (rng.random(400) < 0.3 + 0.1 * df["g"]).astype(int)
    t = rows(ekc.compare(df, "y", "g", covariates=["x"]))
    crude = rows(ekc.compare(df, "y", "g")).loc["risk_difference", "estimate"]
    assert t.loc["adjusted_risk_difference", "estimate"] == pytest.approx(crude, abs=0.01)


def test_cace_is_itt_divided_by_uptake(trial: pd.DataFrame) -> None:
    t = rows(ekc.compare(trial, "safety_12", "group", compliance="conference_held"))
    uptake = trial.loc[trial["group"] == "fgc", "conference_held"].astype(float).mean()
    assert t.loc["cace_mean_difference", "estimate"] == pytest.approx(t.loc["mean_difference", "estimate"] / uptake)
    assert t.loc["per_protocol_mean_difference", "n_treated"] == int(round(uptake * 150))


def test_cace_with_compliance_missing_in_the_control_arm(trial: pd.DataFrame) -> None:
    """Compliance often is not recorded where no conference was offered: NaN there means 0, with a note;
    a missing value in the FGC arm is an error with its count."""
    blank = trial.assign(conference_held=trial["conference_held"].where(trial["group"] == "fgc"))
    got = ekc.compare(blank, "safety_12", "group", compliance="conference_held")
    want = ekc.compare(trial, "safety_12", "group", compliance="conference_held")
    pd.testing.assert_frame_equal(got.to_frame(), want.to_frame())
    assert "Compliance missing for 150 families in control: taken as no conference held" in " ".join(got.notes)
    gap = trial.assign(conference_held=trial["conference_held"].astype(float).where(trial.index % 10 != 1))
    n_gap = int(((trial.index % 10 == 1) & (trial["group"] == "fgc")).sum())
    with pytest.raises(ekc.ArgumentError, match=f"missing for {n_gap} families in the FGC arm"):
        ekc.compare(gap, "safety_12", "group", compliance="conference_held")


def test_repeated_measures_per_wave_equal_cell_means_when_balanced() -> None:
    _, long = simulate_trial(120, seed=5)
    res = ekc.compare_waves(long, "safety", "group").to_frame()
    means = long.groupby(["wave", "group"])["safety"].mean().unstack()
    np.testing.assert_allclose(res["estimate"].iloc[:3], (means["fgc"] - means["control"]).to_numpy(), rtol=1e-6)


def test_repeated_measures_equal_r_nlme_lme() -> None:
    """R: lme(safety ~ arm * factor(wave), random = ~ 1 | id, method = "REML") on data/sample/trial_long.csv;
    the difference per wave is arm + arm:wave with its Wald SE (tests/reference/trial_long.R)."""
    ref = pd.read_csv(REF / "trial_long_R.csv").set_index("name")["value"]
    assert hashlib.md5((SAMPLE / "trial_long.csv").read_bytes()).hexdigest() == ref["input_md5"], \
        "data/sample/trial_long.csv changed: rerun tests/reference/trial_long.R"
    long = pd.read_csv(SAMPLE / "trial_long.csv")
    res = ekc.compare_waves(long, "safety", "group", treated="fgc").to_frame()
    z = stats.norm.isf(0.025)
    for w in (0, 6, 12):
        row = res[res["level"] == f"wave={w}"].iloc[0]
        assert row["estimate"] == pytest.approx(float(ref[f"md_wave{w}"]), rel=1e-6)
        assert (row["ci_high"] - row["ci_low"]) / (2 * z) == pytest.approx(float(ref[f"se_wave{w}"]), rel=1e-4)
    inter = res[res["measure"].str.startswith("interaction")].iloc[0]
    assert inter["statistic"] == pytest.approx(float(ref["interaction_chisq"]), rel=1e-4) and inter["df"] == 2
    assert np.isnan(inter["estimate"])


def test_compare_many_adjusts_p_values(trial: pd.DataFrame) -> None:
    t = ekc.compare_many(trial, ["safety_12", "professional_care_12", "ots_extension"], "group").to_frame()
    p = np.sort(t["p_value"].to_numpy())
    holm = np.minimum(1, np.maximum.accumulate(p * np.array([3, 2, 1])))
    np.testing.assert_allclose(np.sort(t["p_holm"]), holm)
    assert (t["p_bh"] >= t["p_value"]).all()


def test_costs_bca_agrees_with_scipy(trial: pd.DataFrame) -> None:
    both = ekc.costs(trial, "costs", "group", n_boot=20000, seed=1).to_frame().set_index("measure")
    res = both.loc["mean_difference_bca"]
    x1 = trial.loc[trial["group"] == "fgc", "costs"].to_numpy()
    x0 = trial.loc[trial["group"] == "control", "costs"].to_numpy()
    ref = stats.bootstrap((x1, x0), lambda a, b, axis=-1: a.mean(axis) - b.mean(axis), method="BCa",
                          n_resamples=20000, random_state=2).confidence_interval
    width = ref.high - ref.low
    assert abs(res["ci_low"] - ref.low) < 0.05 * width and abs(res["ci_high"] - ref.high) < 0.05 * width
    again = ekc.costs(trial, "costs", "group", n_boot=20000, seed=1).to_frame().iloc[1]
    assert again["ci_low"] == res["ci_low"]  # seeded
    t = stats.ttest_ind(x1, x0, equal_var=False)
    ci = t.confidence_interval()
    assert (both.loc["mean_difference", "ci_low"], both.loc["mean_difference", "ci_high"]) == pytest.approx(
        (ci.low, ci.high), rel=1e-9)  # R: t.test(costs ~ group) (Welch)


def test_consort_counts(trial: pd.DataFrame) -> None:
    t = ekc.consort(trial, "group", compliance="conference_held", outcome="safety_12").to_frame()
    got = t.set_index(["stage", "group"])["n"]
    assert got[("randomised", "all")] == 300 and got[("allocated", "fgc")] == 150
    assert got[("conference_held", "fgc")] == int(trial.loc[trial["group"] == "fgc", "conference_held"].sum())


@pytest.mark.parametrize("bad, message", [
    (lambda d: d.assign(group="fgc"), "exactly two groups; found 1"),
    (lambda d: d.assign(group=np.where(d.index % 3 == 0, "x", d["group"])), "has 3 groups .* reference="),
    (lambda d: d.assign(ots_extension=d["ots_extension"] * 2), "holds values other than 0/1"),
    (lambda d: d.assign(ots_extension=np.where(d["group"] == "fgc", np.nan, d["ots_extension"])),
     "has no rows with complete data"),
    (lambda d: d.rename(columns={"group": "arm"}), "no column 'group'"),
])
def test_bad_input_gets_a_clear_message(trial: pd.DataFrame, bad, message: str) -> None:  # noqa: ANN001
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekc.StatisticalWarning)
        with pytest.raises(ekc.ArgumentError, match=message):
            ekc.compare(bad(trial), "ots_extension", "group", kind="binary")


def test_treated_must_be_named_when_labels_are_unclear(trial: pd.DataFrame) -> None:
    d = trial.assign(group=trial["group"].map({"fgc": "A", "control": "B"}))
    with pytest.raises(ekc.ArgumentError, match="pass treated='A' or treated='B'"):
        ekc.compare(d, "ots_extension", "group")
    assert rows(ekc.compare(d, "ots_extension", "group", treated="A")).loc["odds_ratio", "estimate"] > 1


def test_missing_outcomes_are_counted_per_arm_with_a_warning(trial: pd.DataFrame) -> None:
    d = trial.copy()
    d.loc[d.index[:5], "safety_12"] = np.nan
    with pytest.warns(ekc.StatisticalWarning, match="left out"):
        res = ekc.compare(d, "safety_12", "group")
    n_fgc_missing = int((d["safety_12"].isna() & (d["group"] == "fgc")).sum())
    assert res.to_frame()["n_treated"].iloc[0] == 150 - n_fgc_missing
    assert any(f"{n_fgc_missing} in fgc" in n for n in res.notes)


def test_perfect_separation_falls_back_to_firth() -> None:
    """All 20 FGC families with the event: Firth's estimate of a 2 × 2 table adds ½ to every cell (Haldane),
    OR = (20.5 · 10.5) / (0.5 · 10.5) = 41."""
    d = pd.DataFrame({"g": [1] * 20 + [0] * 20, "y": [1] * 20 + [0] * 10 + [1] * 10})
    # the group column by its own name, not the design's 'arm'
    with pytest.warns(ekc.StatisticalWarning, match="separation in the logistic model along g: some groups"), \
            pytest.warns(ekc.StatisticalWarning, match="^1 has only events for y: the odds and risk ratios"):
        res = ekc.compare(d, "y", "g")
    t = rows(res)
    assert t.loc["odds_ratio", "estimate"] == pytest.approx(41.0, rel=1e-8)
    assert t.loc["odds_ratio", "ci_low"] > 1 and np.isfinite(t.loc["odds_ratio", "ci_high"])
    assert t.loc["risk_difference", "estimate"] == pytest.approx(0.5)
    assert "Firth's penalised logistic regression" in " ".join(res.notes)


@pytest.mark.slow
def test_intervals_cover_the_truth_about_95_percent() -> None:
    """400 simulated trials of 2 × 150 with risks 0.30 and 0.40: RD and OR intervals cover 93–97%."""
    rng = np.random.default_rng(2024)
    p0, p1, n = 0.30, 0.40, 150
    true_rd, true_or = p1 - p0, (p1 / (1 - p1)) / (p0 / (1 - p0))
    hits_rd = hits_or = 0
    reps = 400
    g = np.repeat([1, 0], n)
    for _ in range(reps):
        y = np.concatenate([rng.random(n) < p1, rng.random(n) < p0]).astype(int)
        t = rows(ekc.compare(pd.DataFrame({"g": g, "y": y}), "y", "g"))
        hits_rd += t.loc["risk_difference", "ci_low"] <= true_rd <= t.loc["risk_difference", "ci_high"]
        hits_or += t.loc["odds_ratio", "ci_low"] <= true_or <= t.loc["odds_ratio", "ci_high"]
    assert 0.93 <= hits_rd / reps <= 0.97
    assert 0.93 <= hits_or / reps <= 0.97


def test_a_separation_warning_names_the_model_terms_by_the_callers_group_column() -> None:
    from ekc_analysis.i18n import Message
    from ekc_analysis.studies._compare import _named

    raised = ekc.StatisticalWarning(Message("warn_logistic_separation", {"terms": "arm, arm:mod, age"}))
    named = _named(raised, "ekc_gehad")
    assert isinstance(named, ekc.StatisticalWarning) and named.text is not None
    assert str(named).startswith("separation in the logistic model along ekc_gehad, ekc_gehad:mod, age: some groups")
    assert named.text.render("nl").startswith("separatie in het logistische model langs ekc_gehad, ekc_gehad:mod, age")
    other = ekc.StatisticalWarning(Message("warn_the_intercept"))
    assert _named(other, "g") is other and _named("plain", "g") == "plain"
