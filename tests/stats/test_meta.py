"""stats._meta, function by function: the τ² estimators (DerSimonian–Laird, Sidik–Jonkman, REML), the pooled
random- and fixed-effect model with its heterogeneity statistics, Egger's regression and meta-regression.

References: R via Rscript tests/reference/stats_meta.R (metafor 3.8; writes stats_meta_data.csv and
stats_meta_R.csv): rma(yi, sei = sei, method = "DL" | "SJ" | "REML" | "FE") ($tau2, $b, $se, $ci.lb, $pval,
$I2, $H2, $QE, $QEp, weights()), regtest(rma(..., method = "FE"), model = "lm") and
rma(..., mods = ~ ablat (+ year)), on dat.hackshaw1998, dat.bcg and three small sets (two studies, three
homogeneous ones where τ² is truncated at 0, four heterogeneous ones); the published BCG meta-regression
(Viechtbauer 2010, J Stat Softw 36(3), section 4.3: τ² = 0.0764, slope −0.0291, QM = 16.36); and the DL closed
form written out. tests/studies/test_meta.py checks meta_analysis() (estimate, interval, τ², HKSJ, prediction
interval, Egger) against metafor on dat.bcg and the synthetic studies; this file checks the estimators directly
on other data and the quantities that test leaves out (I², H², Q, weights, SJ, FE, k = 2, meta-regression).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ekc_analysis.stats._meta import egger, meta_regression, pool, tau2_dl, tau2_reml, tau2_sj

REF = Path(__file__).resolve().parents[1] / "reference"
SETS = ["hackshaw", "two", "homogeneous", "four"]


@pytest.fixture(scope="module")
def r() -> pd.Series:
    return pd.read_csv(REF / "stats_meta_R.csv").set_index("name")["value"].astype(float)


def _set(name: str) -> tuple[np.ndarray, np.ndarray]:
    d = pd.read_csv(REF / "stats_meta_data.csv")
    d = d[d["set"] == name]
    return d["yi"].to_numpy(float), d["sei"].to_numpy(float)


@pytest.mark.parametrize("name", [*SETS, "bcg"])
def test_tau2_estimators_equal_metafor(r: pd.Series, name: str) -> None:
    """R: rma(yi, sei = sei, method = "DL" | "SJ" | "REML", control = list(threshold = 1e-12))$tau2."""
    y, se = _set(name)
    v = se**2
    assert tau2_dl(y, v) == pytest.approx(r[f"{name}_DL_tau2"], rel=1e-10, abs=1e-15)
    assert tau2_sj(y, v) == pytest.approx(r[f"{name}_SJ_tau2"], rel=1e-10)
    assert tau2_reml(y, v)[0] == pytest.approx(r[f"{name}_REML_tau2"], rel=1e-8, abs=1e-15)


def test_tau2_dl_equals_the_dersimonian_laird_closed_form() -> None:
    """τ²_DL = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)), w = 1/v; two studies: Q = (y1 − y2)² / (v1 + v2)."""
    y, v = np.array([0.10, 0.62]), np.array([0.15, 0.20]) ** 2
    w = 1 / v
    q = (0.52) ** 2 / v.sum()
    assert tau2_dl(y, v) == pytest.approx((q - 1) / (w.sum() - (w @ w) / w.sum()), rel=1e-12)
    assert tau2_dl(y, v) == pytest.approx(0.10395, rel=1e-12)  # metafor


def test_tau2_is_truncated_at_zero_for_homogeneous_studies_while_sj_stays_positive(r: pd.Series) -> None:
    """Three studies with Q = 0.028 on 2 df: DL and REML give exactly 0 (REML by step halving at the boundary), as
    metafor; Sidik–Jonkman is never 0 (metafor: 2.16e-6)."""
    y, se = _set("homogeneous")
    tau2, iterations = tau2_reml(y, se**2)
    assert tau2 == 0.0 and tau2_dl(y, se**2) == 0.0 and iterations >= 1
    assert r["homogeneous_REML_tau2"] == r["homogeneous_DL_tau2"] == 0.0
    assert tau2_sj(y, se**2) == pytest.approx(r["homogeneous_SJ_tau2"], rel=1e-10)
    assert tau2_sj(y, se**2) > 0


def test_tau2_sj_of_identical_effects_is_zero() -> None:
    assert tau2_sj(np.full(4, 0.3), np.array([0.01, 0.02, 0.03, 0.04])) == 0.0


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("method", ["REML", "DL", "FE"])
def test_pool_estimate_heterogeneity_and_weights_equal_metafor(r: pd.Series, name: str, method: str) -> None:
    """R: rma(yi, sei = sei, method =): b, se, ci.lb, pval, tau2, I2, H2, QE, QEp, weights(.)[1] / 100 (FE: I² and H²
    from Q, as metafor)."""
    y, se = _set(name)
    p = pool(y, se, method)
    key = f"{name}_{method}"
    assert p.k == y.size and p.df is None
    for ours, theirs in (("estimate", "est"), ("se", "se"), ("ci_low", "low"), ("p_value", "p"), ("i2", "i2"),
                         ("h2", "h2"), ("q", "q"), ("q_p", "qp")):
        assert getattr(p, ours) == pytest.approx(r[f"{key}_{theirs}"], rel=1e-7, abs=1e-12), ours
    assert p.tau2 == pytest.approx(r[f"{key}_tau2"], rel=1e-8, abs=1e-15)
    assert p.weights[0] == pytest.approx(r[f"{key}_w1"], rel=1e-7)
    assert p.weights.sum() == pytest.approx(1.0, rel=1e-14)


def test_pool_with_two_studies_has_q_on_one_df_and_no_prediction_interval(r: pd.Series) -> None:
    """k = 2: REML equals DL (metafor: τ² = 0.10395 both), Q on 1 df, and the t(k − 2) prediction interval is
    not given."""
    y, se = _set("two")
    p = pool(y, se, "REML")
    assert p.tau2 == pytest.approx(r["two_REML_tau2"], rel=1e-10) == r["two_DL_tau2"]
    assert p.q_p == pytest.approx(stats.chi2.sf(r["two_REML_q"], 1), rel=1e-12)
    assert np.isnan(p.pi_low) and np.isnan(p.pi_high)


def test_pool_of_one_study_is_that_study() -> None:
    """One study: μ = y, SE = its SE, τ² = 0 (DL: Q = 0 on 0 df), I² 0, H² 1, no Q test, no prediction interval."""
    p = pool(np.array([0.4]), np.array([0.2]), "DL")
    assert (p.estimate, p.se, p.i2, p.h2) == (0.4, pytest.approx(0.2, rel=1e-14), 0.0, 1.0)
    assert p.tau2 == pytest.approx(0.0, abs=1e-12)
    assert np.isnan(p.q_p) and np.isnan(p.pi_low)


@pytest.mark.parametrize("name", ["hackshaw", "homogeneous", "four"])
def test_egger_equals_regtest_lm(r: pd.Series, name: str) -> None:
    """R: regtest(rma(yi, sei = sei, method = "FE"), model = "lm"): zval (the slope's t), pval, dfs, est (the limit
    estimate) and coef(.$fit)[2]; k = 3 leaves one df."""
    y, se = _set(name)
    e = egger(y, se)
    assert (e.t, e.p_value) == pytest.approx((r[f"{name}_egger_t"], r[f"{name}_egger_p"]), rel=1e-9)
    assert e.df == r[f"{name}_egger_df"] == y.size - 2
    assert e.intercept == pytest.approx(r[f"{name}_egger_b0"], rel=1e-9)
    assert e.slope == pytest.approx(r[f"{name}_egger_slope"], rel=1e-9)


def test_meta_regression_reproduces_viechtbauer_2010_bcg_latitude() -> None:
    """Viechtbauer (2010), J Stat Softw 36(3), 4.3: rma(yi, vi, mods = ~ ablat, data = dat.bcg): τ² = 0.0764,
    intercept 0.2515 (SE 0.2491), ablat −0.0291 (SE 0.0072), QM(1) = 16.3582, p < .0001. The paper's τ² comes from
    metafor's default convergence (a change below 1e-5); converged fully (ours, and metafor at threshold 1e-12)
    it is 0.07635, hence 1e-4 for τ²."""
    d = pd.read_csv(REF / "stats_meta_data.csv").query("set == 'bcg'")
    X = np.column_stack([np.ones(len(d)), d["ablat"]])
    m = meta_regression(d["yi"].to_numpy(float), d["sei"].to_numpy(float), X)
    assert m.tau2 == pytest.approx(0.0764, abs=1e-4)
    assert round(m.qm, 4) == 16.3582 and m.qm_df == 1 and m.qm_p < 1e-4
    assert np.round(m.coef, 4).tolist() == [0.2515, -0.0291]
    assert np.round(np.sqrt(np.diag(m.cov)), 4).tolist() == [0.2491, 0.0072]


@pytest.mark.parametrize("mods", ["ablat", "ablat_year"])
def test_meta_regression_equals_metafor(r: pd.Series, mods: str) -> None:
    """R: rma(yi, sei = sei, mods = ~ ablat | ~ ablat + year, method = "REML"): b, se, vcov[1, 2], tau2, QM, QMp."""
    d = pd.read_csv(REF / "stats_meta_data.csv").query("set == 'bcg'")
    cols = mods.split("_")
    X = np.column_stack([np.ones(len(d))] + [d[c].to_numpy(float) for c in cols])
    m = meta_regression(d["yi"].to_numpy(float), d["sei"].to_numpy(float), X)
    key = f"mr_{mods}"
    assert m.tau2 == pytest.approx(r[f"{key}_tau2"], rel=1e-8)
    assert (m.qm, m.qm_p) == pytest.approx((r[f"{key}_qm"], r[f"{key}_qmp"]), rel=1e-7)
    assert m.qm_df == len(cols)
    for j in range(len(cols) + 1):
        assert m.coef[j] == pytest.approx(r[f"{key}_b{j}"], rel=1e-7)
        assert np.sqrt(m.cov[j, j]) == pytest.approx(r[f"{key}_se{j}"], rel=1e-7)
    assert m.cov[0, 1] == pytest.approx(r[f"{key}_cov01"], rel=1e-7)

