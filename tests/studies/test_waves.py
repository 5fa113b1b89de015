"""compare_waves against nlme::lme (REML) and geepack::geeglm on real data with dropout.

R: Rscript tests/reference/waves.R — Beat the Blues (HSAUR3::BtheB: BDI at 2, 3, 5 and 8 months,
100 patients, 27–48 missing per later wave), a three-level synthetic set (waves within children within
families, waves_make_nested.py) and the respiratory trial (geepack::respiratory, binary, 4 visits).
Issue 13 measured statsmodels' Hessian-based SEs 2.37100 / 2.48053 / 2.53410 and χ² 3.32162 on BtheB
where nlme gives 2.37017 / 2.47786 / 2.53171 and 3.33203.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ekc_analysis as ekc

REF = Path(__file__).resolve().parents[1] / "reference"


@pytest.fixture(scope="module")
def r() -> pd.Series:
    return pd.read_csv(REF / "waves_R.csv").set_index("name")["value"].astype(float)


def _check(res: ekc.Result, r: pd.Series, prefix: str, waves: list[int], wave: str = "wave",
           log: bool = False) -> None:
    t = res.to_frame()
    for w in waves:
        row = t[t["level"] == f"{wave}={w}"].iloc[0]
        est = np.log(row["estimate"]) if log else row["estimate"]
        se = ((np.log(row["ci_high"]) - np.log(row["estimate"])) if log else (row["ci_high"] - row["estimate"])) \
            / 1.959963984540054
        assert est == pytest.approx(r[f"{prefix}_est_{w}"], rel=1e-6, abs=1e-9), w
        assert se == pytest.approx(r[f"{prefix}_se_{w}"], rel=1e-5), w
    test = t[t["measure"].str.startswith("interaction")].iloc[0]
    assert np.isnan(test["estimate"]) and test["df"] >= 1  # a test: its value is in statistic
    chi2 = test["statistic"]
    assert chi2 == pytest.approx(r[f"{prefix}_chisq"], rel=1e-5)


def test_unbalanced_waves_with_dropout_equal_nlme(r: pd.Series) -> None:
    d = pd.read_csv(REF / "btheb_long.csv")
    res = ekc.compare_waves(d, "bdi", "treatment", treated="BtheB")
    _check(res, r, "btheb", [2, 3, 5, 8])
    assert "(X′V⁻¹X)⁻¹" in " ".join(res.notes)
    adjusted = ekc.compare_waves(d, "bdi", "treatment", treated="BtheB", covariates=["bdi.pre"])
    _check(adjusted, r, "btheb_adj", [2, 3, 5, 8])


def test_children_within_families_equal_nlme_nested(r: pd.Series) -> None:
    d = pd.read_csv(REF / "waves_nested.csv")
    res = ekc.compare_waves(d, "score", "group", treated="fgc", id="child", cluster="family")
    _check(res, r, "nested", [0, 6, 12])
    text = " ".join(res.notes)
    assert "random intercepts per family and per child within it" in text
    assert f"SDs {r['nested_sd_family']:.3g}, {r['nested_sd_child']:.3g}, residual {r['nested_sigma']:.3g}" in text


def test_binary_repeated_outcome_goes_to_gee_not_a_linear_mixed_model(r: pd.Series) -> None:
    resp = pd.read_csv(REF / "respiratory_long.csv")
    res = ekc.compare_waves(resp, "outcome", "treat", treated="A", id="pid", wave="visit")
    _check(res, r, "resp", [1, 2, 3, 4], wave="visit", log=True)
    assert set(res.to_frame()["measure"].iloc[:4]) == {"odds_ratio"}
    assert f"exchangeable working correlation {r['resp_alpha']:.3f}" in res.notes[0]
    nested = pd.read_csv(REF / "waves_nested.csv")
    by_family = ekc.compare_waves(nested, "improved", "group", treated="fgc", id="child", cluster="family")
    _check(by_family, r, "nested_gee", [0, 6, 12], log=True)
    assert "not put into a linear mixed model" in by_family.notes[0]
