"""Three-level meta-analysis, trim-and-fill and PET-PEESE against metafor 3.8.1 and clubSandwich 0.5.8.

R: Rscript tests/reference/meta_multilevel.R — rma.mv(yi, vi, random = ~ 1 | district/school) on
dat.konstantopoulos2011 (56 effects in 11 districts), coef_test / conf_int(vcov = "CR2"); trimfill(rma(yi, vi,
method = "FE" | "REML")) on dat.hackshaw1998 and on dat.bcg; lm(yi ~ sqrt(vi), weights = 1/vi) for PET and
lm(yi ~ vi, ...) for PEESE.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.stats._meta_multilevel import robust_interval, three_level
from ekc_analysis.stats._small_study import pet_peese, trim_and_fill

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def r() -> pd.Series:
    return pd.read_csv(REF / "meta_multilevel_R.csv").set_index("name")["value"]


@pytest.fixture(scope="module")
def schools() -> pd.DataFrame:
    d = pd.read_csv(REF / "meta_konstantopoulos.csv")
    return d.assign(se=np.sqrt(d["vi"]))


def test_three_level_fit_equals_rma_mv(r: pd.Series, schools: pd.DataFrame) -> None:
    fit = three_level(schools["yi"], schools["vi"], schools["district"])
    assert fit.estimate == pytest.approx(r["ml_estimate"], rel=1e-7)
    assert fit.se == pytest.approx(r["ml_se"], rel=1e-7)
    assert fit.sigma2_study == pytest.approx(r["ml_sigma2_study"], rel=1e-6)
    assert fit.sigma2_effect == pytest.approx(r["ml_sigma2_effect"], rel=1e-6)
    assert fit.loglik == pytest.approx(r["ml_loglik"], rel=1e-8)
    assert (fit.k, fit.n_studies) == (56, 11)


def test_cr2_by_study_equals_clubsandwich(r: pd.Series, schools: pd.DataFrame) -> None:
    fit = three_level(schools["yi"], schools["vi"], schools["district"])
    assert fit.robust_se == pytest.approx(r["cr2_se"], rel=1e-7)
    assert fit.robust_df == pytest.approx(r["cr2_df"], rel=1e-7)
    lo, hi, p = robust_interval(fit)
    assert (lo, hi, p) == pytest.approx((r["cr2_ci_low"], r["cr2_ci_high"], r["cr2_p"]), rel=1e-6)


def test_three_level_is_the_same_in_any_row_order(schools: pd.DataFrame) -> None:
    a = three_level(schools["yi"], schools["vi"], schools["district"])
    s = schools.sample(frac=1, random_state=3)
    b = three_level(s["yi"], s["vi"], s["district"])
    assert (b.estimate, b.sigma2_study, b.robust_se, b.robust_df) == pytest.approx(
        (a.estimate, a.sigma2_study, a.robust_se, a.robust_df), rel=1e-9)


def test_meta_analysis_with_repeated_studies_gives_model_and_robust_rows(r: pd.Series, schools: pd.DataFrame) -> None:
    res = ekc.meta_analysis(schools, "yi", "se", study="district", hksj=False)
    t = res.to_frame().set_index("measure")
    assert list(t.index) == ["pooled", "pooled_robust"]
    assert (t.loc["pooled", "ci_low"], t.loc["pooled", "ci_high"]) == pytest.approx(
        (r["ml_ci_low"], r["ml_ci_high"]), rel=1e-6)
    assert t.loc["pooled", "p_value"] == pytest.approx(r["ml_p"], rel=1e-6)
    assert (t.loc["pooled", "pi_low"], t.loc["pooled", "pi_high"]) == pytest.approx(
        (r["ml_pi_low"], r["ml_pi_high"]), rel=1e-6)
    assert (t.loc["pooled_robust", "ci_low"], t.loc["pooled_robust", "ci_high"]) == pytest.approx(
        (r["cr2_ci_low"], r["cr2_ci_high"]), rel=1e-6)
    assert t.loc["pooled_robust", "df"] == pytest.approx(r["cr2_df"], rel=1e-7)
    assert res.settings["sigma2_study"] == pytest.approx(r["ml_sigma2_study"], rel=1e-6)
    assert res.settings["sigma2_effect"] == pytest.approx(r["ml_sigma2_effect"], rel=1e-6)
    assert any("56 effects from 11 studies" in n for n in res.notes)
    t_test = ekc.meta_analysis(schools, "yi", "se", study="district", hksj=True).to_frame().set_index("measure")
    assert (t_test.loc["pooled", "ci_low"], t_test.loc["pooled", "ci_high"], t_test.loc["pooled", "p_value"]) == \
        pytest.approx((r["mlt_ci_low"], r["mlt_ci_high"], r["mlt_p"]), rel=1e-6)


def test_unique_study_names_keep_the_two_level_model() -> None:
    d = pd.DataFrame({"y": [0.1, 0.3, -0.2, 0.25], "se": [0.1, 0.2, 0.15, 0.12], "name": list("abcd")})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = ekc.meta_analysis(d, "y", "se", study="name")
    assert res.to_frame()["estimate"].iloc[0] == pytest.approx(0.106, abs=5e-4)
    assert list(res.extras["studies"]["study"]) == list("abcd")


@pytest.mark.parametrize("method", ["FE", "REML"])
def test_trim_and_fill_equals_metafor(r: pd.Series, method: str) -> None:
    h = pd.read_csv(REF / "meta_hackshaw.csv")
    tf = trim_and_fill(h["yi"], np.sqrt(h["vi"]), method)
    assert tf.k0 == int(r[f"tf_{method}_k0"]) == 7
    assert tf.side == ("left" if r[f"tf_{method}_side"] < 0 else "right")
    # metafor stops REML at a change in τ² below 1e-5; ours iterates to 1e-12: agreement to 1e-5
    assert tf.pooled.estimate == pytest.approx(r[f"tf_{method}_estimate"], rel=1e-5)
    assert tf.pooled.se == pytest.approx(r[f"tf_{method}_se"], rel=1e-5)
    assert (tf.pooled.ci_low, tf.pooled.ci_high) == pytest.approx(
        (r[f"tf_{method}_ci_low"], r[f"tf_{method}_ci_high"]), rel=1e-5)
    assert tf.pooled.tau2 == pytest.approx(r[f"tf_{method}_tau2"], rel=1e-4, abs=1e-12)
    assert len(tf.filled_y) == 7


def test_trim_and_fill_on_the_right_side_equals_metafor(r: pd.Series) -> None:
    bcg = pd.read_csv(REF / "meta_bcg.csv")
    tf = trim_and_fill(bcg["yi"], bcg["sei"], "REML")
    assert tf.side == "right" and tf.k0 == int(r["tf_bcg_k0"]) == 1
    assert tf.pooled.estimate == pytest.approx(r["tf_bcg_estimate"], rel=1e-5)
    assert tf.pooled.se == pytest.approx(r["tf_bcg_se"], rel=1e-5)


def test_pet_peese_equal_weighted_least_squares_in_r(r: pd.Series) -> None:
    h = pd.read_csv(REF / "meta_hackshaw.csv")
    pet, peese, chosen = pet_peese(h["yi"], np.sqrt(h["vi"]))
    assert (pet.estimate, pet.se, pet.p_value) == pytest.approx(
        (r["pet_estimate"], r["pet_se"], r["pet_p"]), rel=1e-9)
    assert (peese.estimate, peese.se, peese.p_value) == pytest.approx(
        (r["peese_estimate"], r["peese_se"], r["peese_p"]), rel=1e-9)
    assert chosen == "pet"  # PET's intercept p = 0.95: no evidence of an effect beyond small-study bias


def test_meta_analysis_reports_the_small_study_sensitivity(r: pd.Series) -> None:
    h = pd.read_csv(REF / "meta_hackshaw.csv").assign(se=lambda d: np.sqrt(d["vi"]))
    res = ekc.meta_analysis(h, "yi", "se")
    tf = res.extras["trimfill"].iloc[0]
    assert tf["k0"] == 7 and tf["side"] == "left"
    assert tf["estimate"] == pytest.approx(r["tf_REML_estimate"], rel=1e-5)
    pp = res.extras["pet_peese"].set_index("method")
    assert pp.loc["pet", "estimate"] == pytest.approx(r["pet_estimate"], rel=1e-9)
    assert bool(pp.loc["pet", "chosen"]) and not bool(pp.loc["peese", "chosen"])
    assert any(n.startswith("Trim-and-fill (L0): 7 studies imputed on the left") for n in res.notes)
    assert any(n.startswith("PET-PEESE: limit estimate 0.00504 (PET") for n in res.notes)
