"""The package's Cox engine against R's coxph on real public data (tests/reference/survival_engine.R).

Data: Rossi et al.'s recidivism study (lifelines' ``load_rossi()``, = carData::Rossi; weekly times,
heavily tied), and R survival's ``lung`` and ``veteran``. Coefficients to 1e-6, SEs to 1e-5 (issue 13);
in practice they agree to ~1e-12.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.stats._cox import fit_cox, ph_test
from ekc_analysis.stats._cox_residuals import score_residuals
from ekc_analysis.stats._coxph import newton, risk_sets

REF = Path(__file__).resolve().parents[1] / "reference"
ROSSI = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
LUNG_NEEDED = ["inst", "time", "dead", "age", "sex", "ph.ecog", "wt.loss"]
CELLS = ["smallcell", "adeno", "large"]


@pytest.fixture(scope="module")
def r() -> pd.Series:
    """R 4.2, survival 3.5: Rscript tests/reference/survival_engine.R."""
    return pd.read_csv(REF / "survival_engine_R.csv").set_index("name")["value"].astype(float)


@pytest.fixture(scope="module")
def rossi() -> pd.DataFrame:
    d = pd.read_csv(REF / "survival_rossi.csv")
    return d.assign(w=pd.read_csv(REF / "survival_rossi_weights.csv")["w"].to_numpy())


@pytest.fixture(scope="module")
def lung() -> pd.DataFrame:
    return pd.read_csv(REF / "survival_lung.csv").dropna(subset=LUNG_NEEDED)


@pytest.fixture(scope="module")
def veteran() -> pd.DataFrame:
    v = pd.read_csv(REF / "survival_veteran.csv")
    for c in CELLS:
        v[c] = (v["celltype"] == c).astype(int)
    return v


def agrees(table: pd.DataFrame, r: pd.Series, prefix: str, naive: bool = False) -> None:
    for row in table.itertuples(index=False):
        assert row.coef == pytest.approx(r[f"{prefix}_coef_{row.term}"], abs=1e-6), row.term
        assert row.se == pytest.approx(r[f"{prefix}_se_{row.term}"], abs=1e-5), row.term
        assert row.p_value == pytest.approx(r[f"{prefix}_p_{row.term}"], abs=1e-6), row.term
        if naive:
            assert row.naive_se == pytest.approx(r[f"{prefix}_naivese_{row.term}"], abs=1e-5), row.term


def test_efron_and_breslow_with_tied_weekly_times_equal_r(rossi: pd.DataFrame, r: pd.Series) -> None:
    """R: coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, ties = "efron"/"breslow")."""
    model, table = fit_cox(rossi, "week", "arrest", ROSSI)
    agrees(table, r, "rossi")
    assert model.fit.loglik == pytest.approx(r["rossi_loglik"], abs=1e-8)
    assert model.fit.converged
    agrees(fit_cox(rossi, "week", "arrest", ROSSI, ties="breslow")[1], r, "rossi_breslow")


def test_robust_se_with_tied_times_equals_r(rossi: pd.DataFrame, r: pd.Series) -> None:
    """R: coxph(Surv(week, arrest) ~ fin, robust = TRUE): SE 0.189439 (lifelines gave 0.186574; issue 13)."""
    _, table = fit_cox(rossi, "week", "arrest", ["fin"], robust=True)
    assert table.loc[0, "se"] == pytest.approx(0.189439, abs=1e-6)
    agrees(table, r, "rossi_fin_robust", naive=True)
    agrees(fit_cox(rossi, "week", "arrest", ROSSI, robust=True)[1], r, "rossi_robust", naive=True)


def test_weighted_cox_is_robust_and_equals_r(rossi: pd.DataFrame, r: pd.Series) -> None:
    """R: w = IPW of fin from glm(fin ~ age + race + wexp + mar + paro + prio, binomial);
    coxph(Surv(week, arrest) ~ fin, weights = w, robust = TRUE) and the full model with weights."""
    model, table = fit_cox(rossi, "week", "arrest", ["fin"], weights=rossi["w"].to_numpy())
    assert model.robust
    agrees(table, r, "rossi_weighted", naive=True)
    agrees(fit_cox(rossi, "week", "arrest", ROSSI, weights=rossi["w"].to_numpy())[1], r, "rossi_weighted_adj")


def test_stratified_and_clustered_cox_equal_r(lung: pd.DataFrame, r: pd.Series) -> None:
    """R: coxph(Surv(time, dead) ~ age + sex + wt.loss + strata(ph.ecog)); ... cluster = inst;
    coxph(Surv(time, dead) ~ age + sex + strata(ph.ecog), cluster = inst) — lung, complete cases."""
    agrees(fit_cox(lung, "time", "dead", ["age", "sex", "wt.loss"], strata="ph.ecog")[1], r, "lung_strata")
    model, table = fit_cox(lung, "time", "dead", ["age", "sex", "wt.loss"], cluster="inst")
    agrees(table, r, "lung_cluster", naive=True)
    assert model.n_clusters == lung["inst"].nunique()
    both = fit_cox(lung, "time", "dead", ["age", "sex"], cluster="inst", strata="ph.ecog")[1]
    agrees(both, r, "lung_cluster_strata")


def test_left_truncated_cox_equals_r(veteran: pd.DataFrame, r: pd.Series) -> None:
    """R: veteran on the time-since-diagnosis scale (entry = diagtime * 30, exit = entry + time):
    coxph(Surv(entry, exit, status) ~ trt + karno + celltype); robust with cluster = row."""
    _, table = fit_cox(veteran, "exit", "status", ["trt", "karno", *CELLS], entry="entry")
    agrees(table, r, "vet_entry")
    _, robust = fit_cox(veteran, "exit", "status", ["trt", "karno"], entry="entry", robust=True)
    agrees(robust, r, "vet_entry_robust")


def test_ph_test_converged_to_r(rossi: pd.DataFrame, r: pd.Series) -> None:
    """R: cox.zph(coxph(...)) on rossi — the p-values that drifted under lifelines' stopping rule (issue 13)."""
    _, table = fit_cox(rossi, "week", "arrest", ROSSI)
    ph = ph_test(rossi["week"].to_numpy(float), rossi["arrest"].to_numpy(float), rossi[ROSSI].to_numpy(float),
                 table["coef"].to_numpy(), {c: [j] for j, c in enumerate(ROSSI)}).set_index("term")
    for term in [*ROSSI, "GLOBAL"]:
        assert ph.loc[term, "statistic"] == pytest.approx(r[f"rossi_zph_{term}"], rel=1e-6), term
        assert ph.loc[term, "p_value"] == pytest.approx(r[f"rossi_zphp_{term}"], abs=1e-6), term


def test_ph_test_with_weights_strata_and_entry_equals_r(rossi: pd.DataFrame, lung: pd.DataFrame,
                                                       veteran: pd.DataFrame, r: pd.Series) -> None:
    """R: cox.zph of coxph(f, weights = w) on rossi; of coxph(... + strata(ph.ecog)) on lung; of
    coxph(Surv(entry, exit, status) ~ trt + karno + celltype) on veteran."""
    w = rossi["w"].to_numpy()
    cases = [(rossi, "week", "arrest", ROSSI, {"weights": w}, {"weights": w}, "rossi_weighted_adj"),
             (lung, "time", "dead", ["age", "sex", "wt.loss"], {"strata": "ph.ecog"},
              {"strata": lung["ph.ecog"].to_numpy()}, "lung_strata"),
             (veteran, "exit", "status", ["trt", "karno", *CELLS], {"entry": "entry"},
              {"entry": veteran["entry"].to_numpy()}, "vet_entry")]
    for data, time, event, cols, fit_args, test_args, prefix in cases:
        _, table = fit_cox(data, time, event, cols, **fit_args)
        ph = ph_test(data[time].to_numpy(float), data[event].to_numpy(float), data[cols].to_numpy(float),
                     table["coef"].to_numpy(), {c: [j] for j, c in enumerate(cols)}, **test_args).set_index("term")
        for term in [*cols, "GLOBAL"]:
            assert ph.loc[term, "statistic"] == pytest.approx(r[f"{prefix}_zph_{term}"], rel=1e-6), (prefix, term)


def test_score_residuals_sum_to_the_score_and_are_invariant_to_row_order(rossi: pd.DataFrame) -> None:
    X = rossi[ROSSI].to_numpy(float)
    t, d = rossi["week"].to_numpy(float), rossi["arrest"].to_numpy(float)
    w = np.ones(len(t))
    fit = newton(X, risk_sets(t, d, w), w)
    res = score_residuals(fit, X)
    np.testing.assert_allclose(res.sum(axis=0), fit.step.score, atol=1e-8)  # ≈ 0 at the maximum
    perm = np.random.default_rng(3).permutation(len(t))
    fit2 = newton(X[perm], risk_sets(t[perm], d[perm], w), w)
    np.testing.assert_allclose(score_residuals(fit2, X[perm]), res[perm], atol=1e-10)


def test_an_arm_without_events_warns_instead_of_a_zero_hazard_ratio() -> None:
    rng = np.random.default_rng(5)
    n = 200
    frame = pd.DataFrame({"group": np.repeat(["fgc", "control"], n // 2), "time": rng.uniform(0.1, 3, n)})
    frame["event"] = np.where(frame["group"] == "fgc", 0, (rng.uniform(size=n) < 0.5).astype(int))
    with pytest.warns(ekc.StatisticalWarning, match="no events in the fgc group"):
        res = ekc.survival(frame, "time", "event", "group", tau=2)
    t = res.to_frame().set_index("measure")
    assert np.isnan(t.loc["hazard_ratio", "estimate"])
    assert t.loc["rmst_difference", "estimate"] > 0  # FGC children stay event-free longer
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, table = fit_cox(frame.assign(arm=(frame["group"] == "fgc").astype(float)), "time", "event", ["arm"])
    assert any("may be infinite" in str(c.message) for c in caught)
    assert table.loc[0, "coef"] < -5


def test_fit_cox_refuses_missing_values() -> None:
    d = pd.DataFrame({"t": [1.0, 2.0, 3.0], "e": [1, 0, 1], "x": [0.0, np.nan, 1.0]})
    with pytest.raises(ekc.ArgumentError, match="missing or infinite in: covariates"):
        fit_cox(d, "t", "e", ["x"])
