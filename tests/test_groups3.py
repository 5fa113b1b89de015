"""compare() with three groups: contrasts against a reference, the omnibus test and the wording.

R: Rscript tests/reference/groups3.R — chisq.test(correct = FALSE), oneway.test(var.equal = FALSE),
clubSandwich::Wald_test(..., vcov = "CR2", test = "Naive-F") on the synthetic samples wodc.csv (the
WODC/UvA design: 84 held / 121 offered, not held / 85 care as usual) and zonmw.csv (children in families).
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc
from ekc_analysis.errors import StatisticalWarning

REF = Path(__file__).resolve().parent / "reference"
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
SELF = ["held", "not_held"]


@pytest.fixture(scope="module")
def r() -> pd.Series:
    ref = pd.read_csv(REF / "groups3_R.csv").set_index("name")["value"]
    for name in ("wodc", "zonmw"):
        assert hashlib.md5((SAMPLE / f"{name}.csv").read_bytes()).hexdigest() == ref[f"{name}_md5"], \
            f"data/sample/{name}.csv changed: rerun tests/reference/groups3.R"
    return ref.drop(["wodc_md5", "zonmw_md5"]).astype(float)


@pytest.fixture(scope="module")
def wodc() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "wodc.csv")


@pytest.fixture(scope="module")
def zonmw3() -> pd.DataFrame:
    z = pd.read_csv(SAMPLE / "zonmw.csv")
    z["g3"] = np.where(z["group"] == "cau", "cau", np.where(z["conference_held"] == 1, "held", "not_held"))
    return z


def _row(res: ekc.Result, contrast: str, measure: str) -> pd.Series:
    t = res.to_frame()
    return t[(t["contrast"] == contrast) & (t["measure"] == measure)].iloc[0]


def test_binary_outcome_contrasts_and_chi_square_equal_r(wodc: pd.DataFrame, r: pd.Series) -> None:
    res = ekc.compare(wodc, "ots_extension", "group", reference="cau", self_selected=SELF)
    t = res.to_frame()
    assert t["contrast"].unique().tolist() == ["held vs cau", "not_held vs cau", "all groups"]
    omni = _row(res, "all groups", "omnibus")
    assert omni["statistic"] == pytest.approx(r["wodc_chisq"], rel=1e-9) and omni["df"] == 2
    assert np.isnan(omni[["estimate", "ci_low", "ci_high"]].astype(float)).all()  # a test, not an estimate
    assert omni["p_value"] == pytest.approx(r["wodc_chisq_p"], rel=1e-9)
    assert (omni["n_treated"], omni["n_control"]) == (84 + 121, 85)
    assert _row(res, "held vs cau", "risk_difference")["estimate"] == pytest.approx(r["wodc_held_rd"], abs=1e-12)
    assert res.arms["group"].tolist() == ["held", "cau", "not_held"]
    assert "Pearson's chi-square on the 3 × 2 table, 2 df" in " ".join(res.notes)


def test_continuous_outcome_welch_anova_equals_r(wodc: pd.DataFrame, r: pd.Series) -> None:
    res = ekc.compare(wodc, "safety_12", "group", reference="cau", self_selected=SELF)
    omni = _row(res, "all groups", "omnibus")
    assert omni["statistic"] == pytest.approx(r["wodc_welch_f"], rel=1e-9) and omni["df"] == 2
    assert np.isnan(omni["estimate"])
    assert omni["p_value"] == pytest.approx(r["wodc_welch_p"], rel=1e-9)
    md = _row(res, "not_held vs cau", "mean_difference")
    assert md["ci_low"] == pytest.approx(r["wodc_notheld_md_low"], rel=1e-9)


def test_clustered_omnibus_is_the_cr2_wald_test(zonmw3: pd.DataFrame, r: pd.Series) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StatisticalWarning)
        lin = ekc.compare(zonmw3, "safety_12", "g3", reference="cau", cluster="family_id", self_selected=SELF)
        log = ekc.compare(zonmw3, "placed", "g3", reference="cau", cluster="family_id", self_selected=SELF)
    for res, key in ((lin, "zonmw_lin"), (log, "zonmw_log")):
        omni = _row(res, "all groups", "omnibus")
        assert omni["statistic"] == pytest.approx(r[f"{key}_f"], rel=1e-6) and omni["df"] == 2
        assert np.isnan(omni["estimate"])
        assert omni["p_value"] == pytest.approx(r[f"{key}_p"], rel=1e-6)
    assert f"F on (2, {int(r['zonmw_lin_df2'])}) df (clubSandwich Naive-F)" in " ".join(lin.notes)
    assert set(lin.clustering.columns) >= {"icc", "design_effect"} or len(lin.clustering) == 2


def test_wording_says_randomised_only_for_randomised_contrasts(wodc: pd.DataFrame) -> None:
    chosen = " ".join(ekc.compare(wodc, "safety_12", "group", reference="cau", self_selected=SELF).notes)
    assert "analysed as randomised" not in chosen
    assert "Families selected themselves into 'held'" in chosen and "not an effect of FGC" in chosen
    assert "compliance= (CACE)" in chosen and "ekc.propensity_weights" in chosen
    observed = " ".join(ekc.compare(wodc, "safety_12", "group", reference="cau", design="observational").notes)
    assert "analysed as randomised" not in observed and "(not randomised)" in observed
    offered = wodc.assign(arm=np.where(wodc["group"] == "cau", "cau", "fgc"))
    randomised = ekc.compare(offered, "safety_12", "arm", reference="cau")
    assert "analysed as randomised" in randomised.notes[0]
    assert randomised.to_frame()["contrast"].unique().tolist() == ["fgc vs cau"]
    two_observed = ekc.compare(offered, "safety_12", "arm", design="observational")
    assert "analysed as randomised" not in " ".join(two_observed.notes)


def test_arguments_are_checked(wodc: pd.DataFrame) -> None:
    with pytest.raises(ekc.ArgumentError, match="has 3 groups .*reference='cau'"):
        ekc.compare(wodc, "safety_12", "group")
    with pytest.raises(ekc.ArgumentError, match="reference='CAU' is not a group of 'group'; groups are: 'cau', "
                                                 "'held', 'not_held'"):
        ekc.compare(wodc, "safety_12", "group", reference="CAU")
    with pytest.raises(ekc.ArgumentError, match="design='rct'"):
        ekc.compare(wodc, "safety_12", "group", reference="cau", design="rct")  # type: ignore[arg-type]
    with pytest.raises(ekc.ArgumentError, match="self_selected names groups that 'group' does not have: 'held_'"):
        ekc.compare(wodc, "safety_12", "group", reference="cau", self_selected=["held_"])
    with pytest.raises(ekc.ArgumentError, match="name the same group"):
        ekc.compare(wodc[wodc["group"] != "held"], "safety_12", "group", treated="cau", reference="cau")


def test_compare_many_keeps_one_row_per_outcome_and_contrast(wodc: pd.DataFrame) -> None:
    res = ekc.compare_many(wodc, ["safety_12", "ots_extension"], "group", reference="cau", self_selected=SELF)
    t = res.to_frame()
    assert t[["outcome", "contrast"]].to_numpy().tolist() == [
        ["safety_12", "held vs cau"], ["safety_12", "not_held vs cau"],
        ["ots_extension", "held vs cau"], ["ots_extension", "not_held vs cau"]]
    assert t["p_holm"].notna().all()
